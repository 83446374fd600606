//! 글의 비교 (printed text): names that copy one another, a text change word by word (어절)
//! with the figures that changed inside it, body blocks as printed lines, and the order of
//! id lists (kept, moved, removed ones put back).

use std::collections::HashSet;

use similar::{Algorithm, DiffOp, TextDiff, capture_diff_slices};

use crate::model::content::BlockView;
use crate::model::walk;
use crate::model::written::{self};

use crate::model::change::{Amount, Change, FigureChange};

/// A text change with its word-level difference (어절 = whitespace-separated word) and the
/// numbers that changed inside it.
/// A name (label, key, old, new) and a second name that copies it unless written otherwise
/// (과제의 IV 제목, 사업의 목록 이름). When the second follows the name on both sides it
/// changes with it, so only the name's change is reported.
pub(super) fn name_changes(
    who: &str,
    path: &str,
    name: (&str, &str, &str, &str),
    second: (&str, &str, &str, &str),
) -> Vec<Change> {
    let follows = second.2 == name.2 && second.3 == name.3;
    let mut changes = Vec::new();
    for (i, (label, key, old, new)) in [name, second].into_iter().enumerate() {
        if old != new && !(i == 1 && follows) {
            changes.push(text(
                format!("{who} {label}"),
                format!("{path}/{key}"),
                old,
                new,
            ));
        }
    }
    changes
}

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

/// One printed line of body text, with what it belongs to (a table's caption).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Line {
    /// E.g. `표 「연령별 주민등록인구」`, or empty.
    pub context: String,
    /// The line as printed.
    pub text: String,
}

pub(super) fn plain_lines(texts: &[String]) -> Vec<Line> {
    texts
        .iter()
        .map(|t| Line {
            context: String::new(),
            text: t.clone(),
        })
        .collect()
}

/// Body blocks as printed lines: one per bullet, note, conclusion or heading; a table as
/// its caption, unit and rows (cells joined by `|`); a chart as its caption and series; a
/// procedure as its steps joined by arrows.
pub(crate) fn lines(blocks: &[BlockView]) -> Vec<Line> {
    let mut out = Vec::new();
    walk::views(blocks, 0, &mut |block, _| block_lines(block, &mut out));
    out
}

/// The printed lines of one block, those of its items aside.
pub(super) fn block_lines(block: &BlockView, out: &mut Vec<Line>) {
    let plain = |text: String| Line {
        context: String::new(),
        text,
    };
    match block {
        BlockView::Heading { text, .. } => out.push(plain(format!("□ {text}"))),
        BlockView::Text { lead, parts, .. } => {
            let lead = lead.as_ref().map(|l| format!("({l}) ")).unwrap_or_default();
            out.push(plain(format!("{lead}{}", joined(parts))));
        }
        BlockView::Note { parts, .. } => out.push(plain(format!("* {}", joined(parts)))),
        BlockView::Conclusion { parts, .. } => out.push(plain(format!("⇒ {}", joined(parts)))),
        BlockView::Table(table) => {
            let context = match &table.caption {
                Some(c) => format!("표 「{c}」"),
                None => "표".into(),
            };
            let line = |text: String| Line {
                context: context.clone(),
                text,
            };
            if let Some(unit) = &table.unit {
                out.push(line(format!("(단위 : {unit})")));
            }
            if let Some(source) = &table.source {
                out.push(line(format!("출처: {source}")));
            }
            for row in table.header.iter().chain(&table.rows) {
                let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                out.push(line(cells.join(" | ")));
            }
        }
        BlockView::Chart(chart) => {
            let context = format!("그래프 「{}」", chart.caption);
            let line = |text: String| Line {
                context: context.clone(),
                text,
            };
            if let Some(unit) = &chart.unit {
                out.push(line(format!("(단위 : {unit})")));
            }
            if let Some(source) = &chart.source {
                out.push(line(format!("출처: {source}")));
            }
            out.push(line(format!("항목: {}", chart.categories.join(" | "))));
            for series in &chart.series {
                out.push(line(format!(
                    "{}: {}",
                    series.name,
                    series.labels.join(" | ")
                )));
            }
        }
        BlockView::Procedure(procedure) => out.push(Line {
            context: "추진절차".into(),
            text: procedure.steps.join(" → "),
        }),
    }
}

pub(super) fn joined(parts: &[crate::model::content::TextPart]) -> String {
    parts
        .iter()
        .map(|p| match &p.footnote {
            Some(f) => format!("{} [주: {f}]", p.text),
            None => p.text.clone(),
        })
        .collect()
}

pub(super) fn bars(schedule: &[written::Bar]) -> Vec<Line> {
    schedule
        .iter()
        .map(|b| Line {
            context: String::new(),
            text: format!("{}~{}월 {}", b.from, b.to, b.label),
        })
        .collect()
}

/// Line-level difference, then word-level inside each replaced line.
pub(super) fn line_changes(subject: &str, path: &str, old: &[Line], new: &[Line]) -> Vec<Change> {
    if old == new {
        return Vec::new();
    }
    let label = |line: &Line| {
        if line.context.is_empty() {
            subject.to_string()
        } else {
            format!("{subject} {}", line.context)
        }
    };
    let mut changes = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (o, ol, n, nl) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index, old_len, ..
            } => (old_index, old_len, 0, 0),
            DiffOp::Insert {
                new_index, new_len, ..
            } => (0, 0, new_index, new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len),
        };
        for k in 0..ol.max(nl) {
            let (a, b) = ((k < ol).then(|| &old[o + k]), (k < nl).then(|| &new[n + k]));
            let shown = b.or(a).expect("one side has the line");
            changes.push(text(
                label(shown),
                path.to_string(),
                a.map_or("", |l| l.text.as_str()),
                b.map_or("", |l| l.text.as_str()),
            ));
        }
    }
    changes
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
