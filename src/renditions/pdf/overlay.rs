//! 검토 표시 (the review overlay of `gongsi diff --pdf`): the new plan as the templates see
//! it, every spot of every change that `compare` found marked, so that a template that knows
//! nothing of the review still shows every change it prints.
//!
//! The overlay matches nothing itself: each [`Change`](crate::model::change::Change) names
//! the spots of the plan model it concerns ([`Spot`]), and [`overlay`] marks exactly those
//! ([`Mark`]):
//! - a value in both drafts that differs, with the old one ([`Mark::Changed`]): printed as the
//!   new value with the old one struck through beside it, or for a line of text, word by word;
//! - every printed value of an item or line only in the new draft ([`Mark::Added`]),
//!   highlighted, its names with the `추가` mark;
//! - an item or line only in the old draft, put back in the list where it was, every printed
//!   value struck through ([`Mark::Removed`]), its names after `삭제됨`.
//!
//! The escaping formatter prints a mark through the one escaping path, the number filters
//! format both of its sides, and `code` positions get the value shown
//! ([`crate::renditions::pdf::source::marks`]).

use indexmap::IndexMap;
use minijinja::value::{Serde, Value, ValueKind};

use crate::model::change::Diff;
use crate::model::plan::Plan;
use crate::model::spot::{Leaf, Path, Spot, Step};
use crate::renditions::pdf::source::marks::{Mark, items};

/// The new plan with every spot of `diff` marked, for the templates.
pub fn overlay(old: &Plan, new: &Plan, diff: &Diff) -> Value {
    marked(old, new, diff).value
}

/// The marked plan, and the spots that lead nowhere in it (a spot the comparison names but
/// the plan model does not have: a bug, which the tests look for).
pub struct Marked {
    /// The new plan, marked.
    pub value: Value,
    /// Spots that could not be marked.
    pub unresolved: Vec<Path>,
}

/// [`overlay`], telling which spots could not be marked.
pub fn marked(old: &Plan, new: &Plan, diff: &Diff) -> Marked {
    let before = Node::from(&Value::from(Serde(old)));
    let mut tree = Node::from(&Value::from(Serde(new)));
    let mut unresolved = Vec::new();
    let mut put_back = Vec::new();
    for (change, spot) in diff
        .changes()
        .enumerate()
        .flat_map(|(n, c)| c.spots().iter().map(move |spot| (n, spot)))
    {
        match spot {
            Spot::Changed { new, old } => {
                if let Err(path) = tree.change(new, before.get(old), change) {
                    unresolved.push(if path { new } else { old }.clone());
                }
            }
            Spot::Added { leaves } => {
                for leaf in leaves {
                    if !tree.mark(leaf, false, change) {
                        unresolved.push(leaf.path.clone());
                    }
                }
            }
            Spot::Removed { .. } => put_back.push((change, spot)),
        }
    }
    // Deepest lists first, then from the end of each list, so that no insertion moves a
    // place another one still has to find.
    put_back.sort_by_key(|(_, spot)| match spot {
        Spot::Removed { into, at, .. } => std::cmp::Reverse((into.steps().len(), *at)),
        _ => std::cmp::Reverse((0, 0)),
    });
    for (change, spot) in put_back {
        let Spot::Removed {
            old,
            into,
            at,
            leaves,
        } = spot
        else {
            continue;
        };
        let Some(mut item) = before.get(old).cloned() else {
            unresolved.push(old.clone());
            continue;
        };
        for leaf in leaves {
            if !item.mark(leaf, true, change) {
                unresolved.push(old.join(&leaf.path));
            }
        }
        match tree.get_mut(into) {
            Some(Node::Seq(list)) => list.insert((*at).min(list.len()), item),
            _ => unresolved.push(into.clone()),
        }
    }
    Marked {
        value: tree.into_value(),
        unresolved,
    }
}

/// The plan model as a tree the overlay can mark and insert into.
#[derive(Debug, Clone)]
enum Node {
    Leaf(Value),
    Map(IndexMap<Value, Node>),
    Seq(Vec<Node>),
}

impl Node {
    fn from(value: &Value) -> Node {
        match value.kind() {
            ValueKind::Map => {
                let keys: Vec<Value> = value.try_iter().map(Iterator::collect).unwrap_or_default();
                Node::Map(
                    keys.into_iter()
                        .map(|key| {
                            let field = value.get_item(&key).unwrap_or_default();
                            let node = Node::from(&field);
                            (key, node)
                        })
                        .collect(),
                )
            }
            ValueKind::Seq => Node::Seq(items(value).iter().map(Node::from).collect()),
            _ => Node::Leaf(value.clone()),
        }
    }

    fn into_value(self) -> Value {
        match self {
            Node::Leaf(value) => value,
            Node::Map(fields) => Value::from(
                fields
                    .into_iter()
                    .map(|(k, v)| (k, v.into_value()))
                    .collect::<IndexMap<Value, Value>>(),
            ),
            Node::Seq(list) => Value::from(
                list.into_iter()
                    .map(Node::into_value)
                    .collect::<Vec<Value>>(),
            ),
        }
    }

    fn leaf(&self) -> Option<&Value> {
        match self {
            Node::Leaf(value) => Some(value),
            _ => None,
        }
    }

    /// The node one step down.
    fn child(&self, step: &Step) -> Option<&Node> {
        match (self, step) {
            (Node::Map(fields), Step::Key(key)) => fields.get(&Value::from(key.as_str())),
            (Node::Seq(list), Step::Index(i)) => list.get(*i),
            (Node::Seq(list), Step::Id(id)) => list.iter().find(|item| item.has_id(id)),
            _ => None,
        }
    }

    fn child_mut(&mut self, step: &Step) -> Option<&mut Node> {
        match (self, step) {
            (Node::Map(fields), Step::Key(key)) => fields.get_mut(&Value::from(key.as_str())),
            (Node::Seq(list), Step::Index(i)) => list.get_mut(*i),
            (Node::Seq(list), Step::Id(id)) => list.iter_mut().find(|item| item.has_id(id)),
            _ => None,
        }
    }

    /// An item of a list with this `id` (the first one: an item put back later has the id
    /// of one that is gone).
    fn has_id(&self, id: &str) -> bool {
        self.child(&Step::Key("id".into()))
            .and_then(Node::leaf)
            .is_some_and(|v| v.as_str() == Some(id))
    }

    fn get(&self, path: &Path) -> Option<&Node> {
        path.steps()
            .iter()
            .try_fold(self, |node, step| node.child(step))
    }

    fn get_mut(&mut self, path: &Path) -> Option<&mut Node> {
        path.steps()
            .iter()
            .try_fold(self, |node, step| node.child_mut(step))
    }

    /// Marks the value at `new` as changed from `old` (the old draft's node there) by change
    /// number `change`, when either prints and they differ; a value marked already shows this
    /// change too. `Err(true)` when `new` leads to no value, `Err(false)` when `old` does not.
    fn change(&mut self, new: &Path, old: Option<&Node>, change: usize) -> Result<(), bool> {
        let old_value = old.and_then(Node::leaf).ok_or(false)?.clone();
        let Some(Node::Leaf(value)) = self.get_mut(new) else {
            return Err(true);
        };
        if !is_printed(value) && !is_printed(&old_value) {
            return Ok(());
        }
        if let Some(mark) = value.downcast_object_ref::<Mark>() {
            *value = Value::from_object(mark.also(change));
        } else if *value != old_value {
            *value = Value::from_object(if old_value.is_none() {
                Mark::Added {
                    value: value.clone(),
                    labelled: false,
                    changes: vec![change],
                }
            } else {
                Mark::Changed {
                    new: value.clone(),
                    old: old_value,
                    changes: vec![change],
                }
            });
        }
        Ok(())
    }

    /// Marks the printed value at `leaf` as added (or, `removed`, struck through) by change
    /// number `change`; whether there is a value there. A value marked already keeps its mark,
    /// which shows this change too.
    fn mark(&mut self, leaf: &Leaf, removed: bool, change: usize) -> bool {
        let Some(Node::Leaf(value)) = self.get_mut(&leaf.path) else {
            return false;
        };
        if let Some(mark) = value.downcast_object_ref::<Mark>() {
            *value = Value::from_object(mark.also(change));
        } else if is_printed(value) {
            let (shown, labelled) = (value.clone(), leaf.name);
            *value = Value::from_object(if removed {
                Mark::Removed {
                    value: shown,
                    labelled,
                    changes: vec![change],
                }
            } else {
                Mark::Added {
                    value: shown,
                    labelled,
                    changes: vec![change],
                }
            });
        }
        true
    }
}

/// Whether a value prints something (a string or a number).
fn is_printed(value: &Value) -> bool {
    match value.kind() {
        ValueKind::String => value.as_str().is_some_and(|s| !s.is_empty()),
        ValueKind::Number => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::compare::{compare, load_draft};
    use crate::renditions::pdf::source::marks::{anchor, each, mark, markup, unmarked};

    fn node(value: serde_json::Value) -> Node {
        Node::from(&Value::from(Serde(value)))
    }

    #[test]
    fn items_are_found_by_id_and_lists_by_position() {
        let tree =
            node(serde_json::json!({"s": [{"id": "a", "n": [1, 2]}, {"id": "b", "n": [3]}]}));
        let path = Path::root().key("s").id("b").key("n").index(0);
        assert_eq!(tree.get(&path).and_then(Node::leaf), Some(&Value::from(3)));
        assert!(tree.get(&Path::root().key("s").id("c")).is_none());
        assert!(tree.get(&Path::root().key("s").index(5)).is_none());
    }

    #[test]
    fn a_marked_value_prints_through_the_escaping_path_and_keeps_its_truth() {
        let mut tree = node(serde_json::json!({"name": "새 #값", "n": 7}));
        assert!(tree.mark(&Leaf::name(Path::root().key("name")), false, 3));
        assert!(tree.mark(&Leaf::value(Path::root().key("n")), true, 4));
        assert!(!tree.mark(&Leaf::value(Path::root().key("없음")), true, 5));
        let value = tree.into_value();
        assert_eq!(
            markup(&value.get_attr("name").unwrap()),
            anchor(&[3]) + &mark("inserted", &["#\"새 #값\";"]) + &mark("added-mark", &[])
        );
        let n = value.get_attr("n").unwrap();
        assert!(n.is_true());
        assert_eq!(unmarked(&n), Value::from(7));
        let figure = each(
            Value::from_object(Mark::Changed {
                new: Value::from(5000),
                old: Value::from(4000),
                changes: vec![0],
            }),
            |v| {
                Ok(Value::from(crate::model::number::integer(i64::try_from(
                    v.clone(),
                )?)))
            },
        )
        .unwrap();
        assert_eq!(
            markup(&figure),
            anchor(&[0]) + &mark("changed", &["#\"5,000\";", "#\"4,000\";"])
        );
    }

    /// Every spot of the comparison of two different plans (the reference and the second
    /// city's, both ways) leads to a value of the plan model: a renamed field of the plan
    /// model fails here rather than silently dropping a mark.
    #[test]
    fn every_spot_of_a_broad_comparison_resolves() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let reference = load_draft(&root.join("content/2021-인천서구")).unwrap();
        let second = load_draft(&root.join("tests/fixtures/second")).unwrap();
        let minimal = load_draft(&root.join("tests/fixtures/minimal")).unwrap();
        for (old, new) in [
            (&reference, &second),
            (&second, &reference),
            (&minimal, &reference),
            (&reference, &minimal),
        ] {
            let diff = compare(old, new);
            assert!(diff.spots().count() > 100, "{}", diff.spots().count());
            let marked = marked(&old.plan, &new.plan, &diff);
            assert!(
                marked.unresolved.is_empty(),
                "{} → {}: {:?}",
                old.label,
                new.label,
                marked
                    .unresolved
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
            );
        }
    }
}
