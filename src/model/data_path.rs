//! 자료 경로 (data paths): the paths the messages show, `tasks[0].projects[1].budget` — read
//! step by step, and made from a parent and a key.

/// One step of a data path: a mapping key or a list index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// `name` in `a.name`.
    Key(&'a str),
    /// `1` in `a[1]`.
    Index(usize),
}

/// The steps of `path`, in order; `None` if an index is not a number.
pub fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let (name, indexes) = match segment.find('[') {
            Some(at) => (&segment[..at], &segment[at..]),
            None => (segment, ""),
        };
        if !name.is_empty() {
            out.push(Step::Key(name));
        }
        for index in indexes.split(['[', ']']).filter(|s| !s.is_empty()) {
            out.push(Step::Index(index.parse().ok()?));
        }
    }
    Some(out)
}

/// `parent.key`, or `key` at the top.
pub fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_keys_and_indexes() {
        assert_eq!(
            steps("tasks[0].projects[12].budget"),
            Some(vec![
                Step::Key("tasks"),
                Step::Index(0),
                Step::Key("projects"),
                Step::Index(12),
                Step::Key("budget"),
            ])
        );
        assert_eq!(steps(""), Some(vec![]));
        assert_eq!(steps("a[x]"), None);
        assert_eq!(child("", "vision"), "vision");
        assert_eq!(child("tasks[0]", "name"), "tasks[0].name");
    }
}
