//! 한글 초안 비교 (comparing printed lines): two documents as their printed lines
//! ([`Printed`]: the plan's own HWPX read back, or a reviewer's copy saved by 한글) matched
//! line by line, each change a [`Change::Text`] with its word-level difference, grouped by
//! the part of the plan it is in, and placed in the plan's own files when a plan is given.
//!
//! Lines are matched by their text in order (longest common subsequence, Myers); where a run
//! of lines differs, lines carrying the same mark (the part of the plan gongsi marked: a
//! task, a project's 추진일정 row) are paired first, then the rest of the same kind in
//! order; what is left is a removed or an added line. A reviewer's copy without gongsi's
//! marks is matched by text and order alone, and the diff says so.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};

use crate::model::change::{Change, Diff, Remark, Section};
use crate::model::printed::{Line, LineKind, Printed, Scope};

use super::gone::{self, Gone};
use super::words::{parse_figure, text};
use super::{Draft, source};

/// How long the line matching may take before it settles for a coarser match.
const MATCH_TIME: Duration = Duration::from_secs(3);

/// The most line pairs a differing run is searched for (old lines × new lines): a run longer
/// than this (a document rewritten throughout) is paired line against line in order.
const PAIRING_WORK: usize = 4_000_000;

/// One side of a comparison of printed lines: its label, its lines, and the plan it is
/// (for names and places) when it is a plan rather than a 한글 file.
pub struct Side<'a> {
    /// The path as given.
    pub label: String,
    /// The printed lines.
    pub printed: &'a Printed,
    /// The plan, when this side is one.
    pub draft: Option<&'a Draft>,
}

/// Compares two documents' printed lines.
pub fn compare_printed(old: &Side, new: &Side) -> Diff {
    let draft = old.draft.or(new.draft);
    let (a, b) = (&old.printed.lines, &new.printed.lines);
    let matched = matched(a, b);
    let rebuilt = rebuilt(a, b, &matched);
    let mut removed = vec![false; a.len()];
    for &(i, j, _) in &matched.pairs {
        if let (Some(i), None) = (i, j) {
            removed[i] = true;
        }
    }
    let whole = Gone::find(a, &removed);
    let mut changes: Vec<(Option<Scope>, Change)> = Vec::new();
    let (mut told, mut told_whole) = (HashSet::new(), HashSet::new());
    for &(i, j, before) in &matched.pairs {
        if let Some((item, ids)) = i.filter(|_| j.is_none()).and_then(|i| whole.of(&a[i])) {
            if told_whole.insert(ids.clone()) {
                changes.push(gone::removed(draft, a, item, &ids));
            }
            continue;
        }
        let table = i
            .and_then(|i| a[i].table)
            .or_else(|| {
                j.and_then(|j| {
                    b[j].table
                        .and_then(|(t, _)| rebuilt.new_of.get(&t).map(|o| (*o, 0)))
                })
            })
            .map(|(t, _)| t)
            .filter(|t| rebuilt.tables.contains(t));
        match table {
            Some(t) if told.insert(t) => changes.push(rebuilt_change(draft, a, b, t, &rebuilt)),
            Some(_) => {}
            None => changes.push(change(draft, a, b, i, j, before)),
        }
    }
    Diff {
        old: old.label.clone(),
        new: new.label.clone(),
        sections: grouped(draft, changes),
        // A reviewer's remarks are in the 한글 side: the new one, or the old when the new is
        // the plan (`diff 검토본.hwpx 계획`).
        remarks: match new.draft {
            None => remarks(draft, new.printed, a, &matched.counterpart),
            Some(_) => remarks(draft, old.printed, &[], &[]),
        },
        notes: notes(old, new),
    }
}

/// How two documents' lines were matched.
struct Matched {
    /// Every differing pair: old line, new line, and the last old line before their run.
    pairs: Vec<(Option<usize>, Option<usize>, Option<usize>)>,
    /// The old line each new line was matched with (the same text, or paired as changed).
    counterpart: Vec<Option<usize>>,
}

/// Matches lines by text in order, then pairs the lines of each differing run ([`paired`]).
fn matched(a: &[Line], b: &[Line]) -> Matched {
    let texts = |lines: &[Line]| lines.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
    let (ta, tb) = (texts(a), texts(b));
    let deadline = Some(Instant::now() + MATCH_TIME);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &ta, &tb, deadline);
    let mut pairs = Vec::new();
    let mut counterpart: Vec<Option<usize>> = vec![None; b.len()];
    let mut before: Option<usize> = None;
    for op in ops {
        let (tag, ra, rb) = op.as_tag_tuple();
        if tag != DiffTag::Equal {
            for (i, j) in paired(a, b, ra.clone(), rb.clone()) {
                if let (Some(i), Some(j)) = (i, j) {
                    counterpart[j] = Some(i);
                }
                pairs.push((i, j, before));
            }
        } else {
            for (i, j) in ra.clone().zip(rb) {
                counterpart[j] = Some(i);
            }
        }
        before = ra.end.checked_sub(1).or(before);
    }
    Matched { pairs, counterpart }
}

/// Tables the reviewer rebuilt beyond recognition: of three rows or more, changed (some row
/// paired with a row of the new document) and not one row left as it was.
struct Rebuilt {
    /// Their numbers in the old document.
    tables: HashSet<usize>,
    /// The old table each new table's rows were paired with.
    new_of: HashMap<usize, usize>,
}

fn rebuilt(a: &[Line], b: &[Line], matched: &Matched) -> Rebuilt {
    let mut rows: HashMap<usize, usize> = HashMap::new();
    for line in a {
        if let Some((t, _)) = line.table {
            *rows.entry(t).or_default() += 1;
        }
    }
    let mut kept = HashSet::new();
    let mut new_of = HashMap::new();
    for (j, i) in matched.counterpart.iter().enumerate() {
        let Some(i) = *i else { continue };
        if let (Some((t, _)), Some((u, _))) = (a[i].table, b[j].table) {
            new_of.insert(u, t);
            if a[i].text == b[j].text {
                kept.insert(t);
            }
        }
    }
    let changed: HashSet<usize> = new_of.values().copied().collect();
    let tables = changed
        .into_iter()
        .filter(|t| !kept.contains(t) && rows.get(t).copied().unwrap_or(0) >= 3)
        .collect();
    Rebuilt { tables, new_of }
}

/// One change for a rebuilt table: its rows before and after, said as such.
fn rebuilt_change(
    draft: Option<&Draft>,
    a: &[Line],
    b: &[Line],
    table: usize,
    rebuilt: &Rebuilt,
) -> (Option<Scope>, Change) {
    let old: Vec<&Line> = a
        .iter()
        .filter(|l| l.table.is_some_and(|(t, _)| t == table))
        .collect();
    let new: Vec<&Line> = b
        .iter()
        .filter(|l| {
            l.table
                .is_some_and(|(u, _)| rebuilt.new_of.get(&u) == Some(&table))
        })
        .collect();
    let scope = old.first().and_then(|l| l.scope.clone());
    let joined = |lines: &[&Line]| {
        lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let subject = format!(
        "{} · 표를 알아볼 수 없게 고침({}행 → {}행, 행마다 견주지 못함)",
        source::subject(draft, scope.as_ref()),
        old.len(),
        new.len()
    );
    let path = format!("hwpx/{}", scope.as_ref().map_or("", |s| s.0.as_str()));
    let mut change = text(subject, path, &joined(&old), &joined(&new));
    if let (Change::Text { source, .. }, Some(draft)) = (&mut change, draft) {
        let needle = old
            .first()
            .map(|l| longest_word(&l.text))
            .unwrap_or_default();
        *source = source::place(draft, scope.as_ref(), &needle);
    }
    (scope, change)
}

/// What to say of a 한글 side without gongsi's marks.
fn notes(old: &Side, new: &Side) -> Vec<String> {
    let mut notes = Vec::new();
    for (side, other) in [(old, new), (new, old)] {
        if side.draft.is_none() && !side.printed.is_marked() {
            let placed = if other.printed.is_marked() {
                format!("바뀐 줄의 자리는 `{}`의 표시로 알립니다", other.label)
            } else {
                "바뀐 줄이 어느 과제·사업의 것인지는 알리지 못합니다".to_string()
            };
            notes.push(format!(
                "`{}`에 gongsi가 쓴 자리 표시(책갈피·셀 이름)가 없어 줄을 내용과 차례로만 맞추었습니다. {placed}.",
                side.label
            ));
        }
    }
    notes
}

/// The lines of a differing run paired up: same mark and kind first, then the rest of a
/// kind in order; `(Some, None)` is a removed line, `(None, Some)` an added one.
fn paired(
    a: &[Line],
    b: &[Line],
    ra: std::ops::Range<usize>,
    rb: std::ops::Range<usize>,
) -> Vec<(Option<usize>, Option<usize>)> {
    if ra.len().saturating_mul(rb.len()) > PAIRING_WORK {
        // A run too long to search pair by pair: line against line, in order.
        let n = ra.len().max(rb.len());
        let at = |r: &std::ops::Range<usize>, k: usize| Some(r.start + k).filter(|i| *i < r.end);
        return (0..n).map(|k| (at(&ra, k), at(&rb, k))).collect();
    }
    let mut taken = vec![false; ra.len()];
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let pick = |j: usize, marked: bool, taken: &mut Vec<bool>| {
        let found = ra.clone().find(|&i| {
            !taken[i - ra.start]
                && a[i].kind == b[j].kind
                && (!marked || (b[j].scope.is_some() && a[i].scope == b[j].scope))
        });
        if let Some(i) = found {
            taken[i - ra.start] = true;
        }
        found
    };
    let mut open: Vec<usize> = Vec::new();
    let mut matched = vec![None; rb.len()];
    for j in rb.clone() {
        match pick(j, true, &mut taken) {
            Some(i) => matched[j - rb.start] = Some(i),
            None => open.push(j),
        }
    }
    for j in open {
        matched[j - rb.start] = pick(j, false, &mut taken);
    }
    for (k, i) in taken.iter().enumerate() {
        if !i {
            pairs.push((Some(ra.start + k), None));
        }
    }
    for (k, i) in matched.into_iter().enumerate() {
        pairs.push((i, Some(rb.start + k)));
    }
    pairs
}

/// The change for a pair of lines; `before` is the last old line before the run (where an
/// added line is placed).
fn change(
    draft: Option<&Draft>,
    a: &[Line],
    b: &[Line],
    i: Option<usize>,
    j: Option<usize>,
    before: Option<usize>,
) -> (Option<Scope>, Change) {
    let (old, new) = (i.map(|i| &a[i]), j.map(|j| &b[j]));
    let scope = match (old, new) {
        (Some(o), _) => o.scope.clone(),
        (None, Some(n)) => n
            .scope
            .clone()
            .or_else(|| before.and_then(|k| a[k].scope.clone())),
        (None, None) => None,
    };
    let kind = old.or(new).map_or(LineKind::Paragraph, |l| l.kind);
    let what = match (kind, old.is_some(), new.is_some()) {
        (LineKind::Row, true, true) => "표 행",
        (LineKind::Row, false, _) => "표 행 추가",
        (LineKind::Row, _, false) => "표 행 삭제",
        (LineKind::Paragraph, true, true) => "문단",
        (LineKind::Paragraph, false, _) => "문단 추가",
        (LineKind::Paragraph, _, false) => "문단 삭제",
    };
    let subject = format!("{} · {what}", source::subject(draft, scope.as_ref()));
    let path = format!("hwpx/{}", scope.as_ref().map_or("", |s| s.0.as_str()));
    let (old_text, new_text) = (old.map_or("", |l| &l.text), new.map_or("", |l| &l.text));
    let mut change = text(subject, path, old_text, new_text);
    let needle = match old {
        Some(o) => deleted_word(&change).unwrap_or_else(|| longest_word(&o.text)),
        None => before.map(|k| longest_word(&a[k].text)).unwrap_or_default(),
    };
    if let (Change::Text { source, .. }, Some(draft)) = (&mut change, draft) {
        *source = source::place(draft, scope.as_ref(), &needle);
    }
    (scope, change)
}

/// The longest word the change deleted, as the plan's file would hold it.
fn deleted_word(change: &Change) -> Option<String> {
    let Change::Text { words, .. } = change else {
        return None;
    };
    words
        .iter()
        .filter(|w| w.op == crate::model::change::WordOp::Delete)
        .map(|w| longest_word(&w.text))
        .filter(|w| !w.is_empty())
        .max_by_key(|w| w.chars().count())
}

/// The longest word of `text` (a figure as its digits: `44,000천원` → `44000`).
fn longest_word(text: &str) -> String {
    let word = text
        .split_whitespace()
        .filter(|w| *w != "|")
        .max_by_key(|w| w.chars().count())
        .unwrap_or("");
    match parse_figure(word) {
        Some(crate::model::change::Amount::Int(v)) => v.abs().to_string(),
        _ => word.to_string(),
    }
}

/// The changes grouped by the task (or part) they are in, in document order.
fn grouped(draft: Option<&Draft>, changes: Vec<(Option<Scope>, Change)>) -> Vec<Section> {
    let mut sections: Vec<(Option<Scope>, Section)> = Vec::new();
    for (scope, change) in changes {
        let group = scope.as_ref().map(|s| {
            let keep = if matches!(s.part(), "IV" | "V") { 3 } else { 2 };
            let parts: Vec<&str> =
                s.0.split('/')
                    .filter(|p| !p.starts_with('~'))
                    .take(keep)
                    .collect();
            Scope::of(&parts)
        });
        match sections.last_mut() {
            Some((last, section)) if *last == group => section.changes.push(change),
            _ => {
                let ids = group.as_ref().map(Scope::ids).unwrap_or_default();
                let section = Section {
                    part: source::part(group.as_ref()),
                    title: source::subject(draft, group.as_ref()),
                    strategy: ids.first().map(|s| s.to_string()),
                    task: ids.get(1).map(|s| s.to_string()),
                    changes: vec![change],
                };
                sections.push((group, section));
            }
        }
    }
    sections.into_iter().map(|(_, s)| s).collect()
}

/// The reviewer's 메모 and tracked changes, each with the line it is attached to (placed by
/// its own mark, else by the old line it was matched with).
fn remarks(
    draft: Option<&Draft>,
    printed: &Printed,
    old: &[Line],
    counterpart: &[Option<usize>],
) -> Vec<Remark> {
    printed
        .remarks
        .iter()
        .map(|r| {
            let line = printed.lines.get(r.line);
            let matched = counterpart.get(r.line).copied().flatten().map(|i| &old[i]);
            let scope = line
                .and_then(|l| l.scope.as_ref())
                .or_else(|| matched.and_then(|l| l.scope.as_ref()));
            let text = line.map_or("", |l| l.text.as_str());
            Remark {
                kind: r.kind.term().to_string(),
                author: r.author.clone(),
                text: r.text.clone(),
                subject: source::subject(draft, scope),
                line: text.to_string(),
                source: draft.and_then(|d| source::place(d, scope, &longest_word(text))),
            }
        })
        .collect()
}
