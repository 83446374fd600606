//! 글의 비교 (printed text): names that copy one another, a text change word by word (어절)
//! with the figures that changed inside it, and the order of id lists (kept, moved, removed
//! ones put back).

use std::collections::HashSet;

use similar::{Algorithm, DiffOp, TextDiff, capture_diff_slices};

use crate::model::change::{Amount, Change, FigureChange};
use crate::model::spot::{Path, Spot};

/// A name (label, key, old, new) and a second name that copies it unless written otherwise
/// (과제의 IV 제목, 사업의 목록 이름). When the second follows the name on both sides it
/// changes with it, so only the name's change is reported. Each is printed at the field
/// `key` of the item (at `new` in the new plan model, `old` in the old).
pub(super) fn name_changes(
    who: &str,
    path: &str,
    (new, old): (&Path, &Path),
    name: (&str, &str, &str, &str),
    second: (&str, &str, &str, &str),
) -> Vec<Change> {
    let follows = second.2 == name.2 && second.3 == name.3;
    let mut changes: Vec<Change> = Vec::new();
    for (i, (label, key, before, after)) in [name, second].into_iter().enumerate() {
        if before == after {
            continue;
        }
        let spot = Spot::changed(new.key(key), old.key(key));
        if i == 1 && follows {
            // Printed changed all the same: marked with the name's change.
            if let Some(name) = changes.pop() {
                changes.push(name.at([spot]));
            }
        } else {
            changes.push(
                text(
                    format!("{who} {label}"),
                    format!("{path}/{key}"),
                    before,
                    after,
                )
                .at([spot]),
            );
        }
    }
    changes
}

/// A text change with its word-level difference (어절 = whitespace-separated word) and the
/// numbers that changed inside it.
pub(crate) fn text(subject: String, path: String, old: &str, new: &str) -> Change {
    let words = crate::model::change::word_diff(old, new);
    let diff = TextDiff::from_words(old, new);
    let mut figures = Vec::new();
    for op in diff.ops() {
        if let DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } = *op
        {
            let a = diff.old_slices()[old_index..old_index + old_len].concat();
            let b = diff.new_slices()[new_index..new_index + new_len].concat();
            if let (Some(x), Some(y)) = (parse_figure(a.trim()), parse_figure(b.trim())) {
                figures.push(FigureChange {
                    old: x,
                    new: y,
                    difference: y.minus(x),
                });
            }
        }
    }
    Change::Text {
        subject,
        path,
        old: old.to_string(),
        new: new.to_string(),
        words,
        figures,
        source: None,
        spots: Vec::new(),
    }
}

/// A printed figure, `38,000`, `△1.4`, `12.5%`, `4명`, `200천원`; `None` for anything else.
pub(crate) fn parse_figure(text: &str) -> Option<Amount> {
    let text = text.trim();
    let (negative, rest) = match text.strip_prefix('△').or_else(|| text.strip_prefix('-')) {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    let (digits, unit) = rest.split_at(end);
    if ![
        "",
        "천원",
        "백만원",
        "원",
        "명",
        "%",
        "%p",
        "개",
        "건",
        "개소",
        "회",
    ]
    .contains(&unit)
        || !digits.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let plain: String = digits.chars().filter(|c| *c != ',').collect();
    let sign = if negative { -1 } else { 1 };
    if plain.contains('.') {
        plain
            .parse::<f64>()
            .ok()
            .map(|v| Amount::Decimal(v * sign as f64))
    } else {
        plain.parse::<i64>().ok().map(|v| Amount::Int(v * sign))
    }
}

/// The ids common to both lists that keep their relative order (the longest common
/// subsequence); the other common ids moved.
pub(super) fn in_order<'a>(old: &[&'a str], new: &[&'a str]) -> HashSet<&'a str> {
    let common: HashSet<&str> = old.iter().filter(|id| new.contains(id)).copied().collect();
    let a: Vec<&str> = old
        .iter()
        .copied()
        .filter(|id| common.contains(id))
        .collect();
    let b: Vec<&str> = new
        .iter()
        .copied()
        .filter(|id| common.contains(id))
        .collect();
    let mut kept = HashSet::new();
    for op in capture_diff_slices(Algorithm::Lcs, &a, &b) {
        if let DiffOp::Equal { old_index, len, .. } = op {
            kept.extend(&a[old_index..old_index + len]);
        }
    }
    kept
}

/// The new list's ids in order, with each id only in the old list put back after the id
/// that preceded it there (or first).
pub(super) fn merged<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = new.to_vec();
    for (i, id) in old.iter().enumerate() {
        if new.contains(id) {
            continue;
        }
        let at = old[..i]
            .iter()
            .rev()
            .find_map(|p| out.iter().position(|o| o == p))
            .map_or(0, |p| p + 1);
        out.insert(at, id);
    }
    out
}
