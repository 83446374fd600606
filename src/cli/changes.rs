//! 비교 결과 표시: the change list as terminal text (coloured on a terminal), Markdown or
//! JSON. Text marks deleted words `[-…-]` and inserted words `{+…+}` (as `wdiff` does), so
//! the change reads the same without colour.

use std::fmt::Write;

use serde::Serialize;

use crate::model::change::{
    Change, Counts, Description, Diff, FigureChange, Kind, Remark, Section, Word, WordOp, context,
    summary,
};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// The change list for a terminal (`color`: ANSI colours).
pub fn text(diff: &Diff, color: bool) -> String {
    let mut out = format!("비교: {} → {}\n{}\n", diff.old, diff.new, summary(diff));
    for section in &diff.sections {
        let title = paint(color, BOLD, &format!("■ {}", section.title));
        let _ = write!(out, "\n{title}\n");
        for change in &section.changes {
            let _ = writeln!(out, "  {}", text_line(change, color));
        }
    }
    if !diff.remarks.is_empty() {
        let title = paint(color, BOLD, "■ 검토자의 메모와 변경 추적");
        let _ = write!(out, "\n{title}\n");
        for remark in &diff.remarks {
            let _ = writeln!(out, "  ✉ {}", remark_line(remark));
        }
    }
    for note in &diff.notes {
        let _ = write!(out, "\n{}\n", paint(color, DIM, &format!("참고: {note}")));
    }
    out
}

/// A 메모 or tracked change as one line: `메모 (검토자) 「…」 — 실천과제 「…」: 「줄」 — 위치`.
fn remark_line(r: &Remark) -> String {
    let author = r
        .author
        .as_deref()
        .map(|a| format!(" ({a})"))
        .unwrap_or_default();
    let line = context(&r.line, true, true);
    let source = r
        .source
        .as_deref()
        .map(|s| format!(" — {s}"))
        .unwrap_or_default();
    format!(
        "{}{author} 「{}」 — {}: 「{}」{source}",
        r.kind,
        r.text,
        r.subject,
        line.trim()
    )
}

/// `s` in the colour `code` when `color`, else as it is.
fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("{code}{s}{RESET}")
    } else {
        s.to_string()
    }
}

/// One change as a terminal line: `+`, `-`, `↕` for items (green, red, yellow), `#` for a
/// figure, `✎` for a text, `=` for a total (dim).
fn text_line(change: &Change, color: bool) -> String {
    let d = change.describe();
    let verb = d.kind.verb();
    match (d.kind, d.item) {
        (Kind::Added | Kind::Removed | Kind::Moved, Some((term, name, id))) => {
            let (sign, code, place) = match d.kind {
                Kind::Added => ("+", GREEN, format!(" — {}", Description::side(&d.new))),
                Kind::Removed => (
                    "-",
                    RED,
                    format!(" — 있던 곳: {}", Description::side(&d.old)),
                ),
                _ => (
                    "↕",
                    YELLOW,
                    format!(
                        " {} → {}",
                        Description::side(&d.old),
                        Description::side(&d.new)
                    ),
                ),
            };
            paint(
                color,
                code,
                &format!("{sign} {term} {verb}: 「{name}」 ({id}){place}"),
            )
        }
        (Kind::Text, _) => {
            let mut line = text_words_line(&d.subject, d.words, d.figures, color);
            if let Some(source) = d.source {
                let _ = write!(
                    line,
                    "\n    {}",
                    paint(color, DIM, &format!("위치: {source}"))
                );
            }
            line
        }
        (Kind::Total, _) => paint(
            color,
            DIM,
            &format!(
                "= {verb} {}: {} → {} ({})",
                d.subject,
                Description::side(&d.old),
                d.side_with_unit(&d.new),
                d.difference.unwrap_or_default()
            ),
        ),
        _ => format!(
            "# {}: {} → {}{}",
            d.subject,
            paint(color, RED, Description::side(&d.old)),
            paint(color, GREEN, &d.side_with_unit(&d.new)),
            difference(&d)
        ),
    }
}

/// ` (+10,000)` after a changed figure, when both drafts have it.
fn difference(d: &Description) -> String {
    d.difference
        .as_ref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default()
}

/// A changed text as a terminal line: the words marked, then each figure that changed in
/// it.
fn text_words_line(subject: &str, words: &[Word], figures: &[FigureChange], color: bool) -> String {
    let mut line = format!("✎ {subject}: {}", marked(words, color));
    for f in figures {
        let figure = format!(
            "숫자 {} → {} ({})",
            f.old.print(),
            f.new.print(),
            f.difference.signed()
        );
        let _ = write!(line, "\n    {}", paint(color, DIM, &figure));
    }
    line
}

/// Words with deletions `[-…-]` and insertions `{+…+}` (coloured too when `color`); long
/// unchanged stretches are shortened around the changes.
fn marked(words: &[Word], color: bool) -> String {
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        let (open, close, code) = match word.op {
            WordOp::Equal => {
                out.push_str(&context(&word.text, i == 0, i + 1 == words.len()));
                continue;
            }
            WordOp::Delete => ("[-", "-]", RED),
            WordOp::Insert => ("{+", "+}", GREEN),
        };
        let body = word.text.trim();
        let lead = &word.text[..word.text.len() - word.text.trim_start().len()];
        out.push_str(lead);
        if color {
            let _ = write!(out, "{code}{open}{body}{close}{RESET}");
        } else {
            let _ = write!(out, "{open}{body}{close}");
        }
        if word.text.trim_end().len() < word.text.len() && !body.is_empty() {
            out.push(' ');
        }
    }
    out
}

/// The change list as Markdown (for a review ticket or a mail).
pub fn markdown(diff: &Diff) -> String {
    let mut out = format!(
        "# 초안 비교\n\n- 이전: `{}`\n- 새 초안: `{}`\n\n{}\n",
        diff.old.replace('`', "'"),
        diff.new.replace('`', "'"),
        summary(diff)
    );
    for section in &diff.sections {
        let _ = write!(out, "\n## {}\n\n", md(&section.title));
        for change in &section.changes {
            let _ = writeln!(out, "- {}", markdown_line(change));
        }
    }
    if !diff.remarks.is_empty() {
        out.push_str("\n## 검토자의 메모와 변경 추적\n\n");
        for remark in &diff.remarks {
            let _ = writeln!(out, "- {}", md(&remark_line(remark)));
        }
    }
    for note in &diff.notes {
        let _ = write!(out, "\n> 참고: {}\n", md(note));
    }
    out
}

/// One change as a Markdown list item's text: the verb in bold, old figures struck
/// through, new ones in bold.
fn markdown_line(change: &Change) -> String {
    let d = change.describe();
    let verb = d.kind.verb();
    match (d.kind, d.item) {
        (Kind::Added | Kind::Removed | Kind::Moved, Some((term, name, id))) => {
            let place = match d.kind {
                Kind::Added => format!(" — {}", md(Description::side(&d.new))),
                Kind::Removed => format!(" — 있던 곳: {}", md(Description::side(&d.old))),
                _ => format!(
                    ": {} → {}",
                    md(Description::side(&d.old)),
                    md(Description::side(&d.new))
                ),
            };
            format!("**{verb}** {term} 「{}」 (`{id}`){place}", md(name))
        }
        (Kind::Text, _) => {
            let line = markdown_words(&d.subject, d.words, d.figures);
            match d.source {
                Some(source) => format!("{line} — 위치: `{}`", source.replace('`', "'")),
                None => line,
            }
        }
        (Kind::Total, _) => format!(
            "**{verb}** {}: {} → **{}** {} ({})",
            md(&d.subject),
            Description::side(&d.old),
            Description::side(&d.new),
            d.unit,
            d.difference.as_deref().unwrap_or_default()
        ),
        _ => format!(
            "**{verb}** {}: ~~{}~~ → **{}** {}{}",
            md(&d.subject),
            Description::side(&d.old),
            Description::side(&d.new),
            d.unit,
            difference(&d)
        ),
    }
}

/// A changed text in Markdown: deleted words ~~struck~~, inserted ones **bold**, long
/// unchanged stretches shortened, then each figure that changed in it.
fn markdown_words(subject: &str, words: &[Word], figures: &[FigureChange]) -> String {
    let mut line = format!("**글** {}: ", md(subject));
    for (i, word) in words.iter().enumerate() {
        let body = md(word.text.trim());
        let mark = match word.op {
            WordOp::Equal => {
                let kept = context(&word.text, i == 0, i + 1 == words.len());
                let kept = if line.ends_with(' ') {
                    kept.trim_start().to_string()
                } else {
                    kept
                };
                line.push_str(&md(&kept));
                continue;
            }
            _ if body.is_empty() => continue,
            WordOp::Delete => "~~",
            WordOp::Insert => "**",
        };
        if !line.ends_with(' ') {
            line.push(' ');
        }
        let _ = write!(line, "{mark}{body}{mark} ");
    }
    let kept = line.trim_end().len();
    line.truncate(kept);
    for f in figures {
        let _ = write!(
            line,
            " (숫자 {} → {}, {})",
            f.old.print(),
            f.new.print(),
            f.difference.signed()
        );
    }
    line
}

/// Escapes the characters Markdown would read as formatting.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Serialize)]
struct Json<'a> {
    old: &'a str,
    new: &'a str,
    same: bool,
    counts: Counts,
    sections: &'a [Section],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    remarks: &'a [Remark],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [String],
}

/// The change list as JSON: `{old, new, same, counts, sections: [{part, title, strategy,
/// task, changes: [{kind, …}]}]}`, and for a 한글 draft `remarks` (메모, tracked changes) and
/// `notes` when there are any.
pub fn json(diff: &Diff) -> String {
    serde_json::to_string_pretty(&Json {
        old: &diff.old,
        new: &diff.new,
        same: diff.is_empty(),
        counts: diff.counts(),
        sections: &diff.sections,
        remarks: &diff.remarks,
        notes: &diff.notes,
    })
    .expect("the diff model serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::compare;

    #[test]
    fn changed_words_are_marked_without_colour() {
        let Change::Text { words, .. } =
            compare::words::text("s".into(), "p".into(), "청년 창업 공간", "청년 창업가 공간")
        else {
            panic!()
        };
        assert_eq!(marked(&words, false), "청년 [-창업-]{+창업가+} 공간");
        let long = "하나 둘 셋 넷 다섯 여섯 일곱 여덟 아홉 열";
        let Change::Text { words, .. } =
            compare::words::text("s".into(), "p".into(), long, &format!("{long} 끝"))
        else {
            panic!()
        };
        assert_eq!(marked(&words, false), "… 일곱 여덟 아홉 열 {+끝+}");
    }

    #[test]
    fn markdown_escapes_data() {
        assert_eq!(md("*굵게* | `x`"), "\\*굵게\\* \\| \\`x\\`");
    }
}
