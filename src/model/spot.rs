//! 자리 (spot): where the plan model prints what a change concerns, and how a review marks it.
//!
//! A [`Path`] leads from the plan model's root to one value: fields by their serde name,
//! 추진전략·실천과제·세부사업 by their `id`, every other list item by its position. The
//! comparison (`pipeline/compare`) gives every [`Change`](crate::model::change::Change) the
//! spots it compared; the review PDF's overlay (`renditions/pdf/overlay.rs`) marks exactly
//! those, so the review shows what `diff` found and nothing else.

use std::fmt;

/// The serde name of a field of a plan-model type, checked by the compiler: renaming or
/// removing the field breaks the build here, where a string would silently lead nowhere.
/// (The plan model's types rename no field for serde.)
macro_rules! field {
    ($ty:ty, $field:ident) => {{
        #[allow(dead_code)]
        fn exists(value: &$ty) {
            let _ = &value.$field;
        }
        stringify!($field)
    }};
}

/// [`field!`] for a field of an enum's variant (`BlockView::Text`, `lead`).
macro_rules! variant_field {
    ($ty:ident :: $variant:ident, $field:ident) => {{
        #[allow(dead_code)]
        fn exists(value: &$ty) {
            if let $ty::$variant { $field, .. } = value {
                let _ = $field;
            }
        }
        stringify!($field)
    }};
}

pub(crate) use {field, variant_field};

/// One step of a [`Path`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// A field, by its serde name.
    Key(String),
    /// The item of a list with this `id` (추진전략, 실천과제, 세부사업).
    Id(String),
    /// The item of a list at this position.
    Index(usize),
}

/// A path into the plan model, e.g. `strategies[youth].tasks[t1].projects[p1].budget_line`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Path(Vec<Step>);

impl Path {
    /// The plan itself.
    pub fn root() -> Self {
        Path::default()
    }

    /// This path's field `key`.
    pub fn key(&self, key: &str) -> Path {
        self.with(Step::Key(key.to_string()))
    }

    /// The item with `id` of the list at this path.
    pub fn id(&self, id: &str) -> Path {
        self.with(Step::Id(id.to_string()))
    }

    /// The item at `index` of the list at this path.
    pub fn index(&self, index: usize) -> Path {
        self.with(Step::Index(index))
    }

    /// `other` below this path.
    pub fn join(&self, other: &Path) -> Path {
        Path(self.0.iter().chain(&other.0).cloned().collect())
    }

    /// The steps, from the root.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// The path without its last step, and that step.
    pub fn split_last(&self) -> Option<(Path, &Step)> {
        let (last, parent) = self.0.split_last()?;
        Some((Path(parent.to_vec()), last))
    }

    /// The same path with its first step the field `key` instead (`budget_terms.local` as
    /// `terms.local`).
    pub fn rebased(&self, key: &str) -> Path {
        let mut steps = vec![Step::Key(key.to_string())];
        steps.extend(self.0.iter().skip(1).cloned());
        Path(steps)
    }

    fn with(&self, step: Step) -> Path {
        let mut steps = self.0.clone();
        steps.push(step);
        Path(steps)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => write!(f, "{key}")?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Id(id) => write!(f, "[{id}]")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A printed value of an item that is in one draft only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// Where it is.
    pub path: Path,
    /// It names the item (its name, list name or title), so it carries the item's `추가` or
    /// `삭제됨` mark.
    pub name: bool,
}

impl Leaf {
    /// A printed value that is not a name.
    pub fn value(path: Path) -> Self {
        Leaf { path, name: false }
    }

    /// A name of the item.
    pub fn name(path: Path) -> Self {
        Leaf { path, name: true }
    }

    /// The same leaf below `base`.
    pub fn below(&self, base: &Path) -> Self {
        Leaf {
            path: base.join(&self.path),
            name: self.name,
        }
    }
}

/// How a review marks one spot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    /// A value printed in both drafts: the new plan's value at `new`, the old plan's at `old`
    /// (marked only when they differ).
    Changed { new: Path, old: Path },
    /// Values of the new plan only (an added item or line): each highlighted.
    Added { leaves: Vec<Leaf> },
    /// An item or line of the old plan only, put back where it was: the old plan's value at
    /// `old` inserted into the new plan's list at `into`, before its item at `at` (after the
    /// item it followed), its printed `leaves` (below `old`) struck through.
    Removed {
        old: Path,
        into: Path,
        at: usize,
        leaves: Vec<Leaf>,
    },
}

impl Spot {
    /// The one value at `new` against the one at `old`.
    pub fn changed(new: Path, old: Path) -> Self {
        Spot::Changed { new, old }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_reads_as_the_plan_model_it_leads_into() {
        let path = Path::root()
            .key("strategies")
            .id("youth")
            .key("tasks")
            .index(0)
            .key("name");
        assert_eq!(path.to_string(), "strategies[youth].tasks[0].name");
        let (parent, last) = path.split_last().unwrap();
        assert_eq!(last, &Step::Key("name".into()));
        assert_eq!(parent.to_string(), "strategies[youth].tasks[0]");
        assert_eq!(
            Path::root()
                .key("budget_terms")
                .key("local")
                .rebased("terms")
                .to_string(),
            "terms.local"
        );
        assert_eq!(
            Path::root()
                .key("a")
                .join(&Path::root().index(2))
                .to_string(),
            "a[2]"
        );
    }
}
