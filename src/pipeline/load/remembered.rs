//! 읽어 둔 파일 (files parsed before): each YAML file's text and what it was parsed into, by
//! its path in the plan, so that a long-lived process (the studio, `watch`) reading the plan
//! again after one file was saved parses only the files whose text changed. A file is
//! recalled only when its text is exactly the one remembered, and only a file that passed
//! the shape scan and parsed without a problem is remembered; what comes back is a copy.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use crate::model::located::{Located, Parts};
use crate::model::written::{Chapter, Goals, PlanInfo, Strategy};

/// A file's part of the plan, as parsed.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// `plan.yaml`.
    Info(Located<PlanInfo>),
    /// `goals.yaml`.
    Goals(Located<Goals>),
    /// `labour-market/*.yaml`.
    Chapter(Located<Chapter>),
    /// `strategies/*.yaml`.
    Strategy(Located<Strategy>),
}

impl Parsed {
    fn text(&self) -> &str {
        match self {
            Parsed::Info(l) => &l.text,
            Parsed::Goals(l) => &l.text,
            Parsed::Chapter(l) => &l.text,
            Parsed::Strategy(l) => &l.text,
        }
    }

    /// Puts the part where it belongs among `parts`.
    pub fn into_parts(self, parts: &mut Parts) {
        match self {
            Parsed::Info(l) => parts.info = Some(l),
            Parsed::Goals(l) => parts.goals = Some(l),
            Parsed::Chapter(l) => parts.chapters.push(l),
            Parsed::Strategy(l) => parts.strategies.push(l),
        }
    }
}

/// A remembered file: its part and the values its shape scan counted.
struct Remembered {
    parsed: Parsed,
    nodes: usize,
}

/// How many files are remembered at most (many plans' worth); beyond, all are forgotten.
const MOST: usize = 1024;

static REMEMBERED: LazyLock<Mutex<HashMap<PathBuf, Remembered>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

fn remembered() -> std::sync::MutexGuard<'static, HashMap<PathBuf, Remembered>> {
    // A panic elsewhere while it was held leaves nothing half-written: entries are whole.
    REMEMBERED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The part `relative` was parsed into and its count of values, when its text is `text`.
pub fn recall(relative: &Path, text: &str) -> Option<(Parsed, usize)> {
    let remembered = remembered();
    let entry = remembered.get(relative)?;
    (entry.parsed.text() == text).then(|| (entry.parsed.clone(), entry.nodes))
}

/// Remembers what `relative` was parsed into (a copy of `parsed`, whose text is the file's).
pub fn remember(relative: &Path, parsed: &Parsed, nodes: usize) {
    let mut remembered = remembered();
    if remembered.len() >= MOST && !remembered.contains_key(relative) {
        remembered.clear();
    }
    remembered.insert(
        relative.to_path_buf(),
        Remembered {
            parsed: parsed.clone(),
            nodes,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::load::reference_plan;

    #[test]
    fn a_file_is_recalled_only_with_the_very_text_it_was_parsed_from() {
        let plan = reference_plan().expect("the reference plan");
        let strategy = plan.strategies[0].clone();
        let path = PathBuf::from("remembered-test/strategies/01.yaml");
        remember(&path, &Parsed::Strategy(strategy.clone()), 7);
        let (again, nodes) = recall(&path, &strategy.text).expect("recalled");
        assert_eq!(nodes, 7);
        assert!(matches!(again, Parsed::Strategy(l) if l.text == strategy.text));
        let edited = strategy.text.replacen("25", "26", 1);
        assert_ne!(edited, strategy.text);
        assert!(recall(&path, &edited).is_none());
        assert!(recall(Path::new("remembered-test/other.yaml"), &strategy.text).is_none());
    }
}
