//! Where a value sits in a YAML file (위치): a map from data paths such as
//! `tasks[0].projects[1].budget` — the same paths the error messages show — to line and
//! column, built from the YAML parser's events. Built only when a problem must be located.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line and column (1-based) of every node of a YAML document, by data path.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    by_path: HashMap<String, (usize, usize)>,
}

impl Positions {
    /// Reads the positions of `text`; `Err` carries the syntax error's message and place.
    pub fn of(text: &str) -> Result<Self, (String, usize, usize)> {
        let mut builder = Builder::default();
        Parser::new_from_str(text)
            .load(&mut builder, false)
            .map_err(|e| {
                (
                    e.info().to_string(),
                    e.marker().line(),
                    e.marker().col() + 1,
                )
            })?;
        Ok(Positions {
            by_path: builder.by_path,
        })
    }

    /// The position of `path` if that node exists, else `None`.
    pub fn exact(&self, path: &str) -> Option<(usize, usize)> {
        self.by_path.get(path).copied()
    }

    /// The position of `path`, or of its nearest ancestor that exists in the file.
    pub fn nearest(&self, path: &str) -> Option<(usize, usize)> {
        let mut path = path;
        loop {
            if let Some(position) = self.exact(path) {
                return Some(position);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
}

/// Where the parser is: inside a mapping (with the key just read) or a sequence.
enum Frame {
    Map {
        path: String,
        key: Option<(String, Marker)>,
        fresh: bool,
    },
    Seq {
        path: String,
        next: usize,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    by_path: HashMap<String, (usize, usize)>,
}

impl Builder {
    /// Records a node in value position and returns its path.
    fn node(&mut self, mark: Marker) -> String {
        let (path, at) = match self.stack.last_mut() {
            None => (String::new(), mark),
            Some(Frame::Map { path, key, .. }) => match key.take() {
                Some((name, key_mark)) if path.is_empty() => (name, key_mark),
                Some((name, key_mark)) => (format!("{path}.{name}"), key_mark),
                None => (format!("{path}.?"), mark),
            },
            Some(Frame::Seq { path, next }) => {
                *next += 1;
                (format!("{path}[{}]", *next - 1), mark)
            }
        };
        self.by_path
            .entry(path.clone())
            .or_insert((at.line(), at.col() + 1));
        path
    }

    /// Whether the next scalar is a mapping key.
    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) if self.expects_key() => {
                if let Some(Frame::Map { path, key, fresh }) = self.stack.last_mut() {
                    // A list item that is a mapping is best pointed at by its first key.
                    if std::mem::take(fresh) {
                        self.by_path
                            .insert(path.clone(), (mark.line(), mark.col() + 1));
                    }
                    *key = Some((value, mark));
                }
            }
            Event::Scalar(..) | Event::Alias(_) => {
                self.node(mark);
            }
            Event::MappingStart(..) => {
                // A mapping that is a list item has no key of its own to point at.
                let fresh = !matches!(self.stack.last(), Some(Frame::Map { .. }));
                let path = self.node(mark);
                self.stack.push(Frame::Map {
                    path,
                    key: None,
                    fresh,
                });
            }
            Event::SequenceStart(..) => {
                let path = self.node(mark);
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "id: youth\ntasks:\n  - id: a\n    budget: {local: 1}\n  - id: b\n    projects:\n      - name: x\n";

    #[test]
    fn paths_match_the_error_paths() {
        let p = Positions::of(PLAN).unwrap();
        assert_eq!(p.exact("id"), Some((1, 1)));
        assert_eq!(p.exact("tasks"), Some((2, 1)));
        assert_eq!(p.exact("tasks[0]"), Some((3, 5)));
        assert_eq!(p.exact("tasks[0].id"), Some((3, 5)));
        assert_eq!(p.exact("tasks[0].budget"), Some((4, 5)));
        assert_eq!(p.exact("tasks[0].budget.local"), Some((4, 14)));
        assert_eq!(p.exact("tasks[1].projects[0].name"), Some((7, 9)));
    }

    #[test]
    fn missing_paths_fall_back_to_the_nearest_ancestor() {
        let p = Positions::of(PLAN).unwrap();
        assert_eq!(p.exact("tasks[1].budget"), None);
        assert_eq!(p.nearest("tasks[1].budget.local"), Some((5, 5)));
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let (message, line, _) = Positions::of("a: [1,\nb: 2\n").unwrap_err();
        assert!(!message.is_empty());
        assert!(line >= 1);
    }
}
