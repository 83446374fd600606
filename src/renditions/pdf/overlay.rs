//! 검토 표시 (the review overlay of `gongsi diff --pdf`): the new plan as the templates see
//! it, every value that differs from the old plan marked, so that a template that knows
//! nothing of the review still shows every change it prints.
//!
//! [`overlay`] walks the two plan models side by side — items with an `id` (추진전략,
//! 실천과제, 세부사업) matched by id, every other list (body blocks, table rows, bars) by its
//! content — and returns the new plan in which each differing value is a [`Mark`]:
//! - a changed value, with the old one ([`Mark::Changed`]): printed as the new value with the
//!   old one struck through beside it, or for a changed line of text, word by word;
//! - every value of an item only in the new plan ([`Mark::Added`]), highlighted, its names
//!   with the `추가` mark;
//! - every value of an item only in the old plan ([`Mark::Removed`]), put back in the list
//!   where it was and printed struck through, its names after `삭제됨`.
//!
//! The escaping formatter prints a mark through the one escaping path, the number filters
//! format both of its sides, and `code` positions get the value shown
//! ([`crate::renditions::pdf::source::marks`]). Fields that place or shape what is printed rather than being printed (ids, spans,
//! alignment, months of a bar…) are never marked: they are named once, in [`LAYOUT`].

use minijinja::value::{Serde, Value, ValueKind};

use crate::model::plan::Plan;

use crate::renditions::pdf::source::marks::{Mark, fields, items};

/// Fields that are layout, not print: never marked, always the new plan's.
const LAYOUT: [&str; 21] = [
    "id",
    "kind",
    "align",
    "cols",
    "rows",
    "numeric",
    "row_header",
    "widths",
    "places",
    "header_places",
    "columns",
    "span",
    "from",
    "to",
    "style",
    "max",
    "values",
    "number",
    "mark",
    "listed",
    "date_ymd",
];

/// The fields that name an item (its name as listed, as a heading, as a title): each carries
/// the item's `추가` or `삭제됨` mark wherever a template prints it.
const NAMES: [&str; 3] = ["name", "list_name", "title"];

/// The new plan with every difference from the old one marked, for the templates.
pub fn overlay(old: &Plan, new: &Plan) -> Value {
    walk(Some(&Value::from(Serde(old))), &Value::from(Serde(new)))
}

/// `new` with what differs from `old` marked.
fn walk(old: Option<&Value>, new: &Value) -> Value {
    match new.kind() {
        ValueKind::Map => fields(new, |key, value| {
            if LAYOUT.contains(&key) {
                value.clone()
            } else {
                walk(old.and_then(|o| o.get_attr(key).ok()).as_ref(), value)
            }
        }),
        ValueKind::Seq => {
            let before: Vec<Value> = old.map(items).unwrap_or_default();
            Value::from(list(&before, &items(new)))
        }
        _ => match old {
            Some(before) if before != new && (is_printed(new) || is_printed(before)) => {
                Value::from_object(if before.is_none() || before.is_undefined() {
                    Mark::Added {
                        value: new.clone(),
                        labelled: false,
                    }
                } else {
                    Mark::Changed {
                        new: new.clone(),
                        old: before.clone(),
                    }
                })
            }
            _ => new.clone(),
        },
    }
}

/// How an item in one draft only is marked.
#[derive(Debug, Clone, Copy)]
struct Whole {
    /// Only in the old draft (else only in the new one).
    removed: bool,
    /// This is the item itself (not a part of it): label its names with `추가` or `삭제됨`.
    labelled: bool,
}

/// Every printed value of an item in one draft only, marked.
fn whole(value: &Value, w: Whole) -> Value {
    match value.kind() {
        ValueKind::Map => fields(value, |key, field| {
            if LAYOUT.contains(&key) {
                return field.clone();
            }
            let labelled = w.labelled && NAMES.contains(&key);
            whole(field, Whole { labelled, ..w })
        }),
        ValueKind::Seq => Value::from(
            items(value)
                .iter()
                .map(|v| {
                    whole(
                        v,
                        Whole {
                            labelled: false,
                            ..w
                        },
                    )
                })
                .collect::<Vec<_>>(),
        ),
        _ if is_printed(value) => Value::from_object(if w.removed {
            Mark::Removed {
                value: value.clone(),
                labelled: w.labelled,
            }
        } else {
            Mark::Added {
                value: value.clone(),
                labelled: w.labelled,
            }
        }),
        _ => value.clone(),
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

/// An item's `id`, if it has one.
fn id(value: &Value) -> Option<String> {
    value
        .get_attr("id")
        .ok()
        .and_then(|i| i.as_str().map(str::to_string))
}

/// A list of the new plan with the old one's: items with an `id` matched by id (removed ones
/// put back after the item they followed), other items by their content.
fn list(old: &[Value], new: &[Value]) -> Vec<Value> {
    let with_ids =
        !(new.is_empty() && old.is_empty()) && new.iter().chain(old).all(|v| id(v).is_some());
    if with_ids {
        by_id(old, new)
    } else {
        by_content(old, new)
    }
}

/// Items matched by id; a removed one put back after the item it followed in the old list.
fn by_id(old: &[Value], new: &[Value]) -> Vec<Value> {
    let mut out: Vec<(Option<String>, Value)> = new
        .iter()
        .map(|n| match old.iter().find(|o| id(o) == id(n)) {
            Some(before) => (id(n), walk(Some(before), n)),
            None => (
                id(n),
                whole(
                    n,
                    Whole {
                        removed: false,
                        labelled: true,
                    },
                ),
            ),
        })
        .collect();
    let mut after: Option<String> = None;
    for o in old {
        if new.iter().any(|n| id(n) == id(o)) {
            after = id(o);
            continue;
        }
        let at = after.as_ref().map_or(0, |a| {
            out.iter()
                .position(|(i, _)| i.as_ref() == Some(a))
                .map_or(0, |p| p + 1)
        });
        // After the removed items already put back there.
        let at = at + out[at..].iter().take_while(|(i, _)| i.is_none()).count();
        out.insert(
            at,
            (
                None,
                whole(
                    o,
                    Whole {
                        removed: true,
                        labelled: true,
                    },
                ),
            ),
        );
    }
    out.into_iter().map(|(_, v)| v).collect()
}

/// Items matched by their content (Myers' diff of the two lists), each pair walked.
fn by_content(old: &[Value], new: &[Value]) -> Vec<Value> {
    let key = |v: &Value| serde_json::to_string(v).unwrap_or_default();
    let (a, b): (Vec<String>, Vec<String>) =
        (old.iter().map(key).collect(), new.iter().map(key).collect());
    let mut out = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
        let (o, ol, n, nl) = match op {
            similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (old_index, len, new_index, len),
            similar::DiffOp::Delete {
                old_index, old_len, ..
            } => (old_index, old_len, 0, 0),
            similar::DiffOp::Insert {
                new_index, new_len, ..
            } => (0, 0, new_index, new_len),
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len),
        };
        for k in 0..ol.max(nl) {
            out.push(match (k < ol, k < nl) {
                (true, true) => walk(Some(&old[o + k]), &new[n + k]),
                (false, true) => whole(
                    &new[n + k],
                    Whole {
                        removed: false,
                        labelled: false,
                    },
                ),
                _ => whole(
                    &old[o + k],
                    Whole {
                        removed: true,
                        labelled: false,
                    },
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::renditions::pdf::source::marks::{each, mark, markup, unmarked};

    fn leaf(old: impl Into<Value>, new: impl Into<Value>) -> Value {
        walk(Some(&old.into()), &new.into())
    }

    fn json(value: serde_json::Value) -> Value {
        Value::from(Serde(value))
    }

    #[test]
    fn a_changed_figure_shows_its_old_value_through_the_escaping_path() {
        let value = leaf("옛 \"값\" #set", "새 #값");
        assert_eq!(
            markup(&value),
            r##"#{import "/review-marks.typ": changed; changed([#"새 #값";], [#"옛 \"값\" #set";])};"##
        );
        let figure = each(leaf(4000, 5000), |v| {
            Ok(Value::from(crate::model::number::integer(i64::try_from(
                v.clone(),
            )?)))
        })
        .unwrap();
        assert_eq!(
            markup(&figure),
            mark("changed", &["#\"5,000\";", "#\"4,000\";"])
        );
        assert_eq!(markup(&leaf(3, 3)), "#\"3\";");
    }

    #[test]
    fn a_changed_sentence_is_shown_word_by_word() {
        let value = leaf(
            "지역 청년의 정착 지원 사업을 한다",
            "지역 청년의 정착과 취업 지원 사업을 한다",
        );
        let out = markup(&value);
        let expected = [
            "#\"지역 청년의 \";".to_string(),
            mark("deleted", &["#\"정착\";"]),
            mark("inserted", &["#\"정착과 취업\";"]),
            "#\" 지원 사업을 한다\";".to_string(),
        ];
        assert_eq!(out, expected.concat());
    }

    #[test]
    fn items_are_matched_by_id_and_a_removed_one_is_put_back_where_it_was() {
        let old = json(
            serde_json::json!([{"id": "a", "name": "가"}, {"id": "b", "name": "나"}, {"id": "c", "name": "다"}]),
        );
        let new = json(
            serde_json::json!([{"id": "c", "name": "다"}, {"id": "a", "name": "가!"}, {"id": "d", "name": "라"}]),
        );
        let out = walk(Some(&old), &new);
        let names: Vec<String> = items(&out)
            .iter()
            .map(|item| markup(&item.get_attr("name").unwrap()))
            .collect();
        assert_eq!(
            names,
            [
                "#\"다\";".to_string(),
                mark("changed", &["#\"가!\";", "#\"가\";"]),
                mark("removed-mark", &[]) + &mark("deleted", &["#\"나\";"]),
                mark("inserted", &["#\"라\";"]) + &mark("added-mark", &[]),
            ]
        );
        // Layout fields are the new plan's, never marked.
        assert_eq!(markup(&items(&out)[0].get_attr("id").unwrap()), "#\"c\";");
    }

    #[test]
    fn marks_keep_truth_and_code_positions_get_the_shown_value() {
        let removed = whole(
            &Value::from(7),
            Whole {
                removed: true,
                labelled: false,
            },
        );
        assert!(removed.is_true());
        assert_eq!(unmarked(&removed), Value::from(7));
        assert!(!leaf(5, 0).is_true());
    }
}
