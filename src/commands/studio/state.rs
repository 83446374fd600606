//! 화면 상태 (state): what every open tab of the studio shows, published whole after each
//! build — the pages (the last good ones when the latest build failed), the 순서, and the
//! findings or errors with their places and hints. A tab sees one state or the next, never
//! a mix: the builder replaces the whole value at once.

use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;
use typst_layout::Page;

use crate::commands::studio::findings::Spot;
use crate::commands::studio::timing::Timing;
use crate::model::error::Error;
use crate::model::problem::{Finding, Problem, Severity};
use crate::renditions::pdf::screen::page_png;
use crate::renditions::pdf::svg::Heading;

/// One laid-out page, named by the hash of its layout (so a page that did not change keeps its
/// name and is not sent again), drawn as a PNG for the width a tab asks for, when it asks.
pub struct PageView {
    /// The layout's hash, hex: `/page/{id}?w={pixels}`.
    pub id: String,
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// The page as laid out.
    page: Page,
    /// The images drawn so far, by width (the newest last; a few, for tabs at other zooms).
    /// Each is drawn once: a tab asking while it is being drawn waits for it.
    drawn: Mutex<Vec<(u32, Arc<Drawing>)>>,
}

/// One width's image, drawn by whoever asks first.
type Drawing = OnceLock<Arc<[u8]>>;

/// How many widths of one page are kept drawn.
const WIDTHS_KEPT: usize = 2;

impl PageView {
    /// The laid-out `page`, named `id`, not drawn yet.
    pub fn new(id: String, page: Page) -> Self {
        PageView {
            id,
            width: page.frame.width().to_pt(),
            height: page.frame.height().to_pt(),
            page,
            drawn: Mutex::new(Vec::new()),
        }
    }

    /// The page as a PNG `width` pixels wide ([`page_png`]), drawn once per width kept.
    pub fn png(&self, width: u32) -> Arc<[u8]> {
        let drawing = {
            let mut drawn = self.drawn.lock().expect("drawn lock");
            match drawn.iter().find(|(w, _)| *w == width) {
                Some((_, drawing)) => drawing.clone(),
                None => {
                    if drawn.len() == WIDTHS_KEPT {
                        drawn.remove(0);
                    }
                    let drawing = Arc::new(Drawing::new());
                    drawn.push((width, drawing.clone()));
                    drawing
                }
            }
        };
        drawing
            .get_or_init(|| page_png(&self.page, width).into())
            .clone()
    }
}

impl std::fmt::Debug for PageView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageView")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// A heading of the 순서 as the page gets it.
#[derive(Debug, Clone, Serialize)]
pub struct HeadingView {
    /// 1 for a part, deeper for its sections.
    pub level: usize,
    /// The heading's text.
    pub title: String,
    /// Its page, 1-based.
    pub page: usize,
    /// How far down the page (0 top, 1 bottom).
    pub top: f64,
}

impl From<&Heading> for HeadingView {
    fn from(h: &Heading) -> Self {
        HeadingView {
            level: h.level,
            title: h.title.clone(),
            page: h.page,
            top: h.top,
        }
    }
}

/// A finding or an error as the page lists it: Korean words, its place, its hint.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FindingView {
    /// `error` or `warning`.
    pub severity: Severity,
    /// The rule that found it (`budget-total` …), empty for an error outside the checks.
    pub rule: String,
    /// Where: `file:line:column` or `file 시트!셀`, with the data path.
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Where its figure is printed, when it is known.
    pub spot: Option<Spot>,
}

impl FindingView {
    /// A finding of the checks.
    pub fn of_finding(finding: &Finding, spot: Option<Spot>) -> Self {
        FindingView {
            severity: finding.severity,
            rule: finding.rule.to_string(),
            spot,
            ..Self::of_problem(&finding.problem, Severity::Warning)
        }
    }

    /// A problem, as an error or a warning.
    pub fn of_problem(problem: &Problem, severity: Severity) -> Self {
        FindingView {
            severity,
            rule: String::new(),
            place: place(problem),
            message: problem.message.clone(),
            hint: problem.hint.clone(),
            spot: None,
        }
    }

    /// The errors of a build that failed: each problem of the data, or the error's own
    /// Korean text (a template, Typst or file error).
    pub fn of_error(error: &Error) -> Vec<Self> {
        match error {
            Error::Input(problems) => problems
                .iter()
                .map(|p| Self::of_problem(p, Severity::Error))
                .collect(),
            other => {
                let text = other.to_string();
                let (message, hint) = match text.split_once("\n  도움말: ") {
                    Some((message, hint)) => (message.to_string(), Some(hint.to_string())),
                    None => (text, None),
                };
                vec![FindingView {
                    severity: Severity::Error,
                    rule: String::new(),
                    place: String::new(),
                    message,
                    hint,
                    spot: None,
                }]
            }
        }
    }
}

/// `file:line:column`, or `file 시트!셀`, then the data path in parentheses.
pub fn place(problem: &Problem) -> String {
    let mut out = problem.file.display().to_string();
    if let Some(line) = problem.line {
        out.push_str(&format!(":{line}"));
        if let Some(column) = problem.column {
            out.push_str(&format!(":{column}"));
        }
    }
    if let Some(cell) = &problem.cell {
        out.push_str(&format!(" {cell}"));
    }
    if !problem.path.is_empty() {
        out.push_str(&format!(" ({})", problem.path));
    }
    out
}

/// What every tab shows, as one value.
#[derive(Debug, Default, Clone)]
pub struct Snapshot {
    /// Counts the states published in this run (the page ignores an older one).
    pub version: u64,
    /// The plan's name as shown (`2021 인천광역시 서구`), or `None` when no plan is open.
    pub title: Option<String>,
    /// The plan as the user gave it (folder or workbook), shown under the title.
    pub source: Option<String>,
    /// The name its documents are downloaded as (`2021-인천광역시서구-연차별세부계획`).
    pub stem: Option<String>,
    /// How long the last good build took, in milliseconds.
    pub took_ms: u64,
    /// The last good pages.
    pub pages: Vec<Arc<PageView>>,
    /// The 순서 of those pages.
    pub headings: Vec<HeadingView>,
    /// The warnings of the last good build.
    pub findings: Vec<FindingView>,
    /// The errors of the latest build, when it failed (the pages are the ones before).
    pub errors: Vec<FindingView>,
    /// Whether a plan may be opened from the page (the studio was started without one).
    pub can_open: bool,
    /// The last good build's stages, when stage timing is on (`GONGSI_STUDIO_TIMING=1`).
    pub timing: Option<Timing>,
}

/// The JSON the page reads: the state without the images (a page asks for those by id).
#[derive(Serialize)]
struct Wire<'a> {
    version: u64,
    title: &'a Option<String>,
    source: &'a Option<String>,
    pages: Vec<WirePage<'a>>,
    headings: &'a [HeadingView],
    findings: &'a [FindingView],
    errors: &'a [FindingView],
    can_open: bool,
    took_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    timing: &'a Option<Timing>,
}

#[derive(Serialize)]
struct WirePage<'a> {
    id: &'a str,
    width: f64,
    height: f64,
}

impl Snapshot {
    /// The state as the page reads it.
    pub fn to_json(&self) -> String {
        let wire = Wire {
            version: self.version,
            title: &self.title,
            source: &self.source,
            pages: self
                .pages
                .iter()
                .map(|p| WirePage {
                    id: &p.id,
                    width: p.width,
                    height: p.height,
                })
                .collect(),
            headings: &self.headings,
            findings: &self.findings,
            errors: &self.errors,
            can_open: self.can_open,
            took_ms: self.took_ms,
            timing: &self.timing,
        };
        serde_json::to_string(&wire).expect("the state is plain data")
    }

    /// The page named `id`.
    pub fn page(&self, id: &str) -> Option<&Arc<PageView>> {
        self.pages.iter().find(|p| p.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_problem_is_placed_by_line_or_cell_with_its_data_path() {
        let line = Problem::new(Path::new("goals.yaml"), "jobs.total", "합계가 다릅니다.").at(3, 5);
        assert_eq!(place(&line), "goals.yaml:3:5 (jobs.total)");
        let cell =
            Problem::new(Path::new("x"), "", "빈 칸").in_cell(Path::new("계획.xlsx"), "사업!F12");
        assert_eq!(place(&cell), "계획.xlsx 사업!F12");
    }

    #[test]
    fn a_page_is_drawn_once_per_width_and_two_widths_are_kept() {
        use typst::layout::{Abs, Frame, Size};
        let view = PageView::new(
            "0".repeat(32),
            Page {
                frame: Frame::soft(Size::new(Abs::pt(595.0), Abs::pt(842.0))),
                bleed: Default::default(),
                fill: Default::default(),
                numbering: None,
                supplement: Default::default(),
                number: 1,
            },
        );
        let first = view.png(832);
        assert!(Arc::ptr_eq(&first, &view.png(832)), "drawn again");
        view.png(1664);
        view.png(640);
        assert_eq!(view.drawn.lock().unwrap().len(), WIDTHS_KEPT);
        assert!(
            !Arc::ptr_eq(&first, &view.png(832)),
            "the oldest width was kept"
        );
    }

    #[test]
    fn an_error_outside_the_data_keeps_its_hint_apart() {
        let views = FindingView::of_error(&Error::usage("없습니다.", "철자를 확인하세요."));
        assert_eq!(views.len(), 1);
        assert_eq!(views[0].message, "없습니다.");
        assert_eq!(views[0].hint.as_deref(), Some("철자를 확인하세요."));
        let json = Snapshot::default().to_json();
        assert!(json.contains("\"pages\":[]"), "{json}");
    }
}
