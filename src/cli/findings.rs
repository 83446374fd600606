//! What `gongsi check` found (검사 결과) as it is shown: text with a short source snippet
//! around each place (miette), or JSON for other tools.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};
use serde::Serialize;

use crate::model::problem::{Finding, Problem, Severity};

/// The texts of a plan's files, to show snippets from: read from the plan folder (or the
/// embedded reference plan) when first needed.
#[derive(Debug, Clone, Default)]
pub struct FileTexts {
    root: Option<PathBuf>,
    texts: BTreeMap<PathBuf, String>,
}

impl FileTexts {
    /// The files of the plan folder `root`, or of the embedded reference plan.
    pub fn of(root: Option<&Path>) -> Self {
        match root {
            Some(root) => FileTexts {
                root: Some(root.to_path_buf()),
                texts: BTreeMap::new(),
            },
            None => FileTexts {
                root: None,
                texts: crate::pipeline::load::reference::FILES
                    .iter()
                    .map(|(path, text)| (PathBuf::from(path), text.to_string()))
                    .collect(),
            },
        }
    }

    /// The text of `file` (relative to the plan), if it is a readable text file.
    fn text(&self, file: &Path) -> Option<String> {
        if let Some(text) = self.texts.get(file) {
            return Some(text.clone());
        }
        // Through the same guard as the plan's files: a FIFO or a huge file is not shown.
        crate::pipeline::load::textfile::read(&self.root.as_ref()?.join(file)).ok()
    }
}

/// The number of errors and warnings.
pub fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    (errors, findings.len() - errors)
}

/// The findings as text: each with its place, a snippet of the YAML around it (not for
/// workbook cells), the message and the hint; colour only when `color`.
pub fn text(findings: &[Finding], texts: &FileTexts, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_wrap_lines(false)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    for finding in findings {
        out.push_str(&one(finding, texts, &handler));
        out.push('\n');
    }
    out
}

/// Where a problem is: `file:line:column` or `통합문서 시트!셀`, then its data path in
/// parentheses.
pub fn place(p: &Problem) -> String {
    let mut place = p.file.display().to_string();
    if let Some(line) = p.line {
        place.push_str(&format!(":{line}"));
        if let Some(column) = p.column {
            place.push_str(&format!(":{column}"));
        }
    }
    if let Some(cell) = &p.cell {
        place.push_str(&format!(" {cell}"));
    }
    if !p.path.is_empty() {
        place.push_str(&format!(" ({})", p.path));
    }
    place
}

/// The longest line shown in a snippet, in characters.
const SNIPPET_CHARS: usize = 400;

/// One finding as text.
fn one(finding: &Finding, texts: &FileTexts, handler: &GraphicalReportHandler) -> String {
    let p = &finding.problem;
    let kind = match finding.severity {
        Severity::Error => "오류",
        Severity::Warning => "경고",
    };
    let head = format!("{kind}[{}]: {}", finding.rule, place(p));
    let snippet = p
        .line
        .filter(|_| p.cell.is_none())
        .and_then(|line| Some((line, texts.text(&p.file)?)))
        // A snippet of lines too long to read helps nobody (and miette cannot lay out
        // columns past 65,535): the message alone then.
        .filter(|(line, text)| {
            text.lines()
                .skip(line.saturating_sub(2))
                .take(3)
                .all(|l| l.chars().count() <= SNIPPET_CHARS)
        })
        .and_then(|(line, text)| {
            let column = p.column.unwrap_or(1);
            let span = span(&text, line, column)?;
            let byte_column = byte_column(&text, span.0);
            let severity = match finding.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            };
            let label = if p.path.is_empty() {
                "여기".to_string()
            } else {
                p.path.clone()
            };
            let diagnostic = MietteDiagnostic::new(p.message.clone())
                .with_severity(severity)
                .with_label(LabeledSpan::at(span, label));
            let report = Report::new(diagnostic)
                .with_source_code(NamedSource::new(p.file.display().to_string(), text));
            let mut rendered = String::new();
            crate::model::error::shielded(|| handler.render_report(&mut rendered, report.as_ref()))
                .ok()?
                .ok()?;
            // miette counts columns in bytes; editors and our header count characters.
            let in_bytes = format!(":{line}:{}]", byte_column + 1);
            let rendered = rendered.replacen(&in_bytes, &format!(":{line}:{column}]"), 1);
            Some(match &p.hint {
                Some(hint) => format!("{rendered}  도움말: {hint}\n"),
                None => rendered,
            })
        });
    match snippet {
        Some(snippet) => format!("{head}\n{snippet}"),
        None => {
            let mut out = format!("{head}\n  {}\n", p.message);
            if let Some(hint) = &p.hint {
                out.push_str(&format!("  도움말: {hint}\n"));
            }
            out
        }
    }
}

/// The byte range of the token at 1-based `line` and `column` (in characters): up to the
/// next space, comma or bracket, at least one character.
fn span(text: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let start_of_line: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let rest = &text[start_of_line..];
    let line_text = rest.split('\n').next().unwrap_or("");
    if line_text.is_empty() && start_of_line >= text.len() {
        return None;
    }
    let offset: usize = line_text
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    let token = &line_text[offset..];
    let length: usize = token
        .chars()
        .take_while(|c| !matches!(c, ' ' | ',' | '}' | ']' | '\r'))
        .map(char::len_utf8)
        .sum();
    let length = if length == 0 {
        token.chars().next().map_or(0, char::len_utf8)
    } else {
        length
    };
    Some((start_of_line + offset, length))
}

/// How many bytes `offset` is past the start of its line.
fn byte_column(text: &str, offset: usize) -> usize {
    offset - text[..offset].rfind('\n').map_or(0, |at| at + 1)
}

/// The findings as JSON: counts and one object per finding.
pub fn json(findings: &[Finding]) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        errors: usize,
        warnings: usize,
        findings: Vec<Item<'a>>,
    }
    #[derive(Serialize)]
    struct Item<'a> {
        severity: Severity,
        rule: &'a str,
        file: String,
        line: Option<usize>,
        column: Option<usize>,
        cell: Option<&'a str>,
        path: &'a str,
        message: &'a str,
        hint: Option<&'a str>,
        printed: Option<f64>,
        expected: Option<f64>,
    }
    let (errors, warnings) = counts(findings);
    let out = Out {
        errors,
        warnings,
        findings: findings
            .iter()
            .map(|f| Item {
                severity: f.severity,
                rule: f.rule,
                file: f.problem.file.display().to_string(),
                line: f.problem.line,
                column: f.problem.column,
                cell: f.problem.cell.as_deref(),
                path: &f.problem.path,
                message: &f.problem.message,
                hint: f.problem.hint.as_deref(),
                printed: f.printed,
                expected: f.expected,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into())
}

/// The closing line: how many errors and warnings.
pub fn summary(findings: &[Finding]) -> String {
    match counts(findings) {
        (0, 0) => "검사 결과: 문제를 찾지 못했습니다.".to_string(),
        (errors, warnings) => format!("검사 결과: 오류 {errors}건, 경고 {warnings}건."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning_at(line: usize, column: usize) -> Finding {
        Finding::warning(
            "budget-total",
            Problem::new(Path::new("a.yaml"), "budget.total", "계가 맞지 않습니다.")
                .hint("고치세요.")
                .at(line, column),
            2.0,
            1.0,
        )
    }

    #[test]
    fn spans_cover_the_token_at_a_character_column() {
        let text = "a: 1\n예산: {total: 132000, national: 1}\n";
        let (start, length) = span(text, 2, 13).unwrap();
        assert_eq!(&text[start..start + length], "132000");
        assert_eq!(span(text, 9, 1), None);
    }

    #[test]
    fn text_shows_place_snippet_and_hint_without_colour() {
        let mut texts = FileTexts::default();
        texts.texts.insert(
            PathBuf::from("a.yaml"),
            "x: 1\nbudget: {total: 2, local: 1}\ny: 2\n".into(),
        );
        let out = text(&[warning_at(2, 17)], &texts, false);
        assert!(out.contains("[a.yaml:2:17]"), "{out}");
        assert!(
            out.starts_with("경고[budget-total]: a.yaml:2:17 (budget.total)"),
            "{out}"
        );
        assert!(out.contains("budget: {total: 2, local: 1}"), "{out}");
        assert!(out.contains("계가 맞지 않습니다."), "{out}");
        assert!(out.contains("도움말: 고치세요."), "{out}");
        assert!(!out.contains('\u{1b}'), "no colour codes: {out:?}");
    }

    #[test]
    fn snippet_columns_count_characters_not_bytes() {
        let mut texts = FileTexts::default();
        texts
            .texts
            .insert(PathBuf::from("a.yaml"), "rows: [세 글자, 12.4]\n".into());
        let out = text(&[warning_at(1, 14)], &texts, false);
        assert!(out.contains("[a.yaml:1:14]"), "{out}");
        assert!(out.starts_with("경고[budget-total]: a.yaml:1:14 "), "{out}");
    }

    #[test]
    fn workbook_cells_have_no_snippet() {
        let mut finding = warning_at(2, 17);
        finding.problem = finding
            .problem
            .in_cell(Path::new("계획.xlsx"), "사업!F12 [국비]");
        let out = text(&[finding], &FileTexts::default(), false);
        assert!(
            out.starts_with("경고[budget-total]: 계획.xlsx 사업!F12 [국비] (budget.total)"),
            "{out}"
        );
        assert!(out.contains("  계가 맞지 않습니다."), "{out}");
    }

    #[test]
    fn json_lists_counts_and_figures() {
        let out: serde_json::Value = serde_json::from_str(&json(&[warning_at(2, 17)])).unwrap();
        assert_eq!(out["warnings"], 1);
        assert_eq!(out["errors"], 0);
        assert_eq!(out["findings"][0]["line"], 2);
        assert_eq!(out["findings"][0]["expected"], 1.0);
        assert_eq!(out["findings"][0]["severity"], "warning");
    }
}
