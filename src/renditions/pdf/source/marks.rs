//! 검토 표시 (review marks): a value of the plan as a review shows it ([`Mark`]: changed,
//! added or removed), printed through the one escaping path with the marks of
//! `templates/_marks.typ` ([`markup`]), formatted on both sides by the number filters
//! ([`each`]), and given plain to code positions ([`unmarked`]). The marks are made by
//! [`crate::renditions::pdf::overlay`]; an unmarked value prints as always.

use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use minijinja::value::{Object, ObjectRepr, Value, ValueKind};

use crate::model::change::{WordOp, word_diff};
use crate::renditions::pdf::source::escape;

/// The file the review marks' definitions (`_marks.typ`) are rendered to; the marked values
/// import them from it.
pub const MARKS_FILE: &str = "review-marks.typ";

/// The label of the anchor printed before every mark: a Typst `metadata` holding the number
/// of the change the mark shows (its place in the diff's list, from 0), so that the laid-out
/// review tells where each change landed ([`crate::renditions::pdf::review::lay_out`]).
pub const ANCHOR_LABEL: &str = "gongsi-change";

/// A value of the new plan as the review shows it; `changes` are the numbers of the changes
/// (their places in [`crate::model::change::Diff::changes`]) that it shows: the one that
/// marked it, then any other that names the same value (a budget's 계 and 군비 are one line).
#[derive(Debug, Clone)]
pub enum Mark {
    /// Differs between the drafts: the new value and the old one.
    Changed {
        new: Value,
        old: Value,
        changes: Vec<usize>,
    },
    /// Part of an item only in the new draft; `labelled` for a name of the item, which
    /// carries the item's `추가` mark.
    Added {
        value: Value,
        labelled: bool,
        changes: Vec<usize>,
    },
    /// Part of an item only in the old draft; `labelled` for a name of the item, which carries
    /// `삭제됨`.
    Removed {
        value: Value,
        labelled: bool,
        changes: Vec<usize>,
    },
}

impl Mark {
    /// The value a template acts on: the new one, or the removed item's own.
    pub fn shown(&self) -> &Value {
        match self {
            Mark::Changed { new, .. } => new,
            Mark::Added { value, .. } | Mark::Removed { value, .. } => value,
        }
    }

    /// The numbers of the changes this mark shows.
    pub fn changes(&self) -> &[usize] {
        match self {
            Mark::Changed { changes, .. }
            | Mark::Added { changes, .. }
            | Mark::Removed { changes, .. } => changes,
        }
    }

    /// The same mark, showing change number `change` too.
    pub fn also(&self, change: usize) -> Mark {
        let mut mark = self.clone();
        let (Mark::Changed { changes, .. }
        | Mark::Added { changes, .. }
        | Mark::Removed { changes, .. }) = &mut mark;
        if !changes.contains(&change) {
            changes.push(change);
        }
        mark
    }

    /// The same mark around `f` of each side.
    fn map(
        &self,
        f: impl Fn(&Value) -> Result<Value, minijinja::Error>,
    ) -> Result<Mark, minijinja::Error> {
        Ok(match self {
            Mark::Changed { new, old, changes } => Mark::Changed {
                new: f(new)?,
                old: f(old)?,
                changes: changes.clone(),
            },
            Mark::Added {
                value,
                labelled,
                changes,
            } => Mark::Added {
                value: f(value)?,
                labelled: *labelled,
                changes: changes.clone(),
            },
            Mark::Removed {
                value,
                labelled,
                changes,
            } => Mark::Removed {
                value: f(value)?,
                labelled: *labelled,
                changes: changes.clone(),
            },
        })
    }
}

impl Object for Mark {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn is_true(self: &Arc<Self>) -> bool {
        self.shown().is_true()
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", printed(self.shown()))
    }
}

/// The text a value prints as.
pub fn printed(value: &Value) -> String {
    if let Some(mark) = value.downcast_object_ref::<Mark>() {
        return printed(mark.shown());
    }
    if value.is_none() || value.is_undefined() {
        return String::new();
    }
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string)
}

/// A map with each of its fields through `f` (in their order).
pub fn fields(map: &Value, mut f: impl FnMut(&str, &Value) -> Value) -> Value {
    let keys: Vec<Value> = map.try_iter().map(Iterator::collect).unwrap_or_default();
    let fields: IndexMap<Value, Value> = keys
        .into_iter()
        .map(|key| {
            let field = map.get_item(&key).unwrap_or_default();
            let value = f(key.as_str().unwrap_or_default(), &field);
            (key, value)
        })
        .collect();
    Value::from(fields)
}

pub fn items(list: &Value) -> Vec<Value> {
    list.try_iter().map(Iterator::collect).unwrap_or_default()
}

/// A call of a review mark with content arguments, importing the mark itself: it works in
/// any template, whatever that template imports or defines. The trailing `;` ends the
/// embedded expression, as after every escaped value, so that template text right after it
/// (`(%)`, `.`, `[`) is never read as a call or a field access.
pub(crate) fn mark(name: &str, args: &[&str]) -> String {
    let args: Vec<String> = args.iter().map(|a| format!("[{a}]")).collect();
    format!(
        "#{{import \"/{MARKS_FILE}\": {name}; {name}({})}};",
        args.join(", ")
    )
}

/// A value in a markup position as the review prints it: as always when unmarked, else
/// after its changes' [`anchor`], through the marks of `templates/_marks.typ` (`changed`,
/// `inserted`, `deleted`, `added-mark`, `removed-mark`), each side through
/// [`escape::markup`].
pub fn markup(value: &Value) -> String {
    let Some(found) = value.downcast_object_ref::<Mark>() else {
        return escape::markup(&printed(value));
    };
    let marked = match found {
        Mark::Changed { new, old, .. } => {
            let (new, old) = (printed(new), printed(old));
            if new == old {
                return escape::markup(&new);
            }
            if is_prose(&new) || is_prose(&old) {
                word_diff(&old, &new)
                    .into_iter()
                    .map(|w| match w.op {
                        WordOp::Equal => escape::markup(&w.text),
                        WordOp::Delete => mark("deleted", &[&escape::markup(&w.text)]),
                        WordOp::Insert => mark("inserted", &[&escape::markup(&w.text)]),
                    })
                    .collect()
            } else {
                mark("changed", &[&escape::markup(&new), &escape::markup(&old)])
            }
        }
        Mark::Added {
            value, labelled, ..
        } => {
            let label = if *labelled {
                mark("added-mark", &[])
            } else {
                String::new()
            };
            mark("inserted", &[&escape::markup(&printed(value))]) + &label
        }
        Mark::Removed {
            value, labelled, ..
        } => {
            let label = if *labelled {
                mark("removed-mark", &[])
            } else {
                String::new()
            };
            label + &mark("deleted", &[&escape::markup(&printed(value))])
        }
    };
    anchor(found.changes()) + &marked
}

/// The invisible anchors of the changes numbered `changes`: for each a `metadata` element
/// labelled [`ANCHOR_LABEL`], whose place in the laid-out review is where the change is
/// shown. Like every embedded expression it ends with `;`.
pub(crate) fn anchor(changes: &[usize]) -> String {
    let anchors: String = changes
        .iter()
        .map(|n| format!("#metadata({n})<{ANCHOR_LABEL}>"))
        .collect();
    format!("#{{[{anchors}]}};")
}

/// A line of text long enough to be shown word by word (a sentence, not a name or figure).
fn is_prose(text: &str) -> bool {
    text.split_whitespace().count() >= 4
}

/// Applies a template filter to a value, or to both sides of a mark (a changed 천원 figure is
/// printed as 천원 on both sides).
pub fn each(
    value: Value,
    f: impl Fn(&Value) -> Result<Value, minijinja::Error>,
) -> Result<Value, minijinja::Error> {
    match value.downcast_object_ref::<Mark>() {
        Some(mark) => Ok(Value::from_object(mark.map(f)?)),
        None => f(&value),
    }
}

/// The value a code position (a function argument, chart data) gets: the one shown, all
/// the way down.
pub fn unmarked(value: &Value) -> Value {
    if let Some(mark) = value.downcast_object_ref::<Mark>() {
        return unmarked(mark.shown());
    }
    match value.kind() {
        ValueKind::Map => fields(value, |_, field| unmarked(field)),
        ValueKind::Seq => Value::from(items(value).iter().map(unmarked).collect::<Vec<_>>()),
        _ => value.clone(),
    }
}
