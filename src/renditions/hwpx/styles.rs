//! The named paragraph styles of the document (스타일), as style.typ draws them: the part,
//! chapter and task titles, the □ ○ - · ladder with its hanging indents, `*` notes and `⇒`
//! conclusions, `< 제목 >` captions, `(단위 : …)` lines, table text, and the cover and 순서.
//! A district that changes a style in 한글 changes every paragraph of that kind.

use super::header::{Align, BorderFill, CharShape, Line, ParaShape, color};
use super::units::{Hwpunit, portrait_text_width, pt};
use crate::renditions::shared::scale::TypeSizes;

/// The bullet marks of the ladder by depth: `□` is a [`Kind::Section`], then `○ - ·`.
pub const MARKS: [&str; 4] = ["□", "○", "-", "·"];

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 바탕글: plain text.
    Normal,
    /// A part's title (`I. 요약`), ruled below in the accent colour, on a new page.
    Part,
    /// A chapter or goal heading of II and III (`1. 인구변화`).
    Chapter,
    /// `□ 제목`.
    Section,
    /// `○`, `-`, `·` at depth 1, 2, 3 and deeper (hanging indent of one step per depth).
    Bullet(usize),
    /// A `*` note at a depth.
    Note(usize),
    /// A `⇒` conclusion at a depth.
    Conclusion(usize),
    /// `< 제목 >` above a table or chart.
    Caption,
    /// `(단위 : …)`, right-aligned above a table.
    Unit,
    /// A `※` line under a table.
    TableNote,
    /// Text in a table cell.
    Cell,
    /// Text in a 추진일정 cell (smaller).
    ScheduleCell,
    /// A picture (chart, diagram) indented by a number of ladder steps.
    Drawing(usize),
    /// `[전략N. …]` above a task.
    StrategyLabel,
    /// A task's title in its box (IV).
    TaskTitle,
    /// `【'YY년 추진계획】`.
    ActionTitle,
    /// A cover line.
    Cover,
    /// `순 서`.
    ContentsTitle,
    /// A 순서 entry of level 1 (parts) or 2 (chapters, strategies).
    Contents(usize),
    /// A footnote's text.
    Footnote,
}

impl Kind {
    /// The style's name as 한글 lists it, and its English name.
    pub fn names(self) -> (String, &'static str) {
        let depth = |d: usize| d.max(1);
        match self {
            Kind::Normal => ("바탕글".into(), "Normal"),
            Kind::Part => ("부 제목".into(), "Part Title"),
            Kind::Chapter => ("장 제목".into(), "Chapter Title"),
            Kind::Section => ("□ 제목".into(), "Section"),
            Kind::Bullet(d) => (format!("{} 글머리 {}단계", mark(d), depth(d)), "Bullet"),
            Kind::Note(d) => (format!("* 주석 {}단계", depth(d)), "Note"),
            Kind::Conclusion(d) => (format!("⇒ 결론 {}단계", depth(d)), "Conclusion"),
            Kind::Caption => ("표 제목".into(), "Caption"),
            Kind::Unit => ("단위".into(), "Unit"),
            Kind::TableNote => ("표 주석".into(), "Table Note"),
            Kind::Cell => ("표 글".into(), "Table Text"),
            Kind::ScheduleCell => ("추진일정 글".into(), "Schedule Text"),
            Kind::Drawing(d) => (format!("그림 {}단계", d), "Figure"),
            Kind::StrategyLabel => ("전략 표시".into(), "Strategy Label"),
            Kind::TaskTitle => ("과제 제목".into(), "Task Title"),
            Kind::ActionTitle => ("추진계획 제목".into(), "Action Plan Title"),
            Kind::Cover => ("표지".into(), "Cover"),
            Kind::ContentsTitle => ("차례 제목".into(), "TOC Heading"),
            Kind::Contents(level) => (format!("차례 {level}"), "TOC"),
            Kind::Footnote => ("각주".into(), "Footnote"),
        }
    }

    /// The paragraph shape of the style at the type scale `s`.
    pub fn para(self, s: &TypeSizes) -> ParaShape {
        match self {
            Kind::Normal => body(s),
            Kind::Part => part(s),
            Kind::Chapter => chapter(s),
            Kind::Section => section(s),
            Kind::Bullet(d) | Kind::Conclusion(d) => ladder(s, d, bullet_size(s, d), 2),
            Kind::Note(d) => ladder(s, d, s.note, 2),
            Kind::Caption => caption(s),
            Kind::Unit => spaced(s, Align::Right, (0.3, 0.3), true),
            Kind::TableNote => spaced(s, Align::Left, (0.3, 0.8), false),
            // A cell's text mostly takes one line, its spacing more the row's height than a gap
            // between lines: the slack may take it to 100 % (106 %: header.rs `SLACK`).
            Kind::Cell | Kind::ScheduleCell => ParaShape {
                align: Align::Center,
                line: TABLE_LINE,
                least_line: 100,
                ..ParaShape::BODY
            },
            Kind::Drawing(d) => figure(s, d),
            Kind::StrategyLabel => spaced(s, Align::Left, (0.0, 0.6), true),
            Kind::TaskTitle => task_title(s),
            Kind::ActionTitle => spaced(s, Align::Left, (1.4, 0.5), true),
            Kind::Cover => ParaShape {
                align: Align::Center,
                line: HEADING_LINE,
                ..ParaShape::BODY
            },
            Kind::ContentsTitle => ParaShape {
                align: Align::Center,
                below: 2800,
                ..ParaShape::BODY
            },
            Kind::Contents(level) => contents(s, level),
            Kind::Footnote => ParaShape {
                align: Align::Left,
                line: HEADING_LINE,
                ..ParaShape::BODY
            },
        }
    }

    /// The character shape of the style's text at the type scale `s` (as style.typ's
    /// `size("…")`; the cover, the 순서 and the 추진일정 have their templates' fixed sizes).
    pub fn chars(self, s: &TypeSizes) -> CharShape {
        let sans = CharShape::sans;
        match self {
            Kind::Normal | Kind::Drawing(_) => CharShape::serif(s.item),
            // A conclusion is an explanation: regular weight, as the PDF sets it.
            Kind::Bullet(d) | Kind::Conclusion(d) => CharShape::serif(bullet_size(s, d)),
            Kind::Part => sans(s.part).bold().colored(color::ACCENT),
            Kind::Chapter => sans(s.chapter).bold(),
            Kind::Section => sans(s.section).bold(),
            Kind::Note(_) => CharShape::serif(s.note),
            Kind::Caption | Kind::ActionTitle => sans(s.caption).bold(),
            Kind::Unit | Kind::TableNote => sans(s.unit),
            Kind::Cell => sans(s.table),
            Kind::ScheduleCell => sans(SCHEDULE_TEXT),
            Kind::StrategyLabel => sans(s.label).bold().colored(color::ACCENT),
            Kind::TaskTitle => sans(s.task).bold(),
            Kind::Cover => sans(12.0),
            Kind::ContentsTitle => sans(20.0).bold(),
            Kind::Contents(1) => sans(12.0).bold(),
            Kind::Contents(_) => sans(10.5),
            Kind::Footnote => sans(s.footnote),
        }
    }
}

/// The text size of the 추진일정's cells (schedule.typ: `set text(size: 7.5pt)`, at either
/// scale).
pub const SCHEDULE_TEXT: f64 = 7.5;

/// The 추진일정's cell padding above and below, in pt (schedule.typ: `inset: (y: 4pt)` at
/// either scale).
pub const SCHEDULE_INSET: f64 = 4.0;

/// 줄 간격 of table text: style.typ sets tables' `leading` to 0.5 em at either scale.
pub const TABLE_LINE: u32 = 120;

/// 줄 간격 of one-line paragraphs (headings, captions): their height is their text's.
const HEADING_LINE: u32 = 130;

/// `x` em of text `size` pt, in HWPUNIT (style.typ spaces blocks in em).
fn em(size: f64, x: f64) -> Hwpunit {
    pt(size * x)
}

/// The size of a bullet's text at `depth` (style.typ's `bullet`: ○ item, - sub, · subsub).
pub fn bullet_size(s: &TypeSizes, depth: usize) -> f64 {
    match depth {
        0 | 1 => s.item,
        2 => s.sub,
        _ => s.subsub,
    }
}

/// One step of the □ ○ - · ladder's hanging indent: `indent-step` (1.3 em of the ○ text).
pub fn indent_step(s: &TypeSizes) -> Hwpunit {
    em(s.item, 1.3)
}

// The paragraph shapes of the styles, as style.typ spaces them (HWPUNIT: 100 to the point;
// `line` in percent of the font size; `above`/`below` in em of the body text).

/// 한글's 줄 간격 (percent) that makes a paragraph of `lines` lines of text `size` pt as tall
/// as the PDF sets it with the 0.55 em above it that style.typ gives a ○ - · line: Typst's
/// line is `s.line` em high and `leading` (em of the ○ text) apart from the next, 한글 gives
/// each line the spacing.
pub fn line_spacing(s: &TypeSizes, size: f64, lines: usize) -> u32 {
    let n = lines.max(1) as f64;
    let height = n * s.line * size + (n - 1.0) * s.leading * s.item + 0.55 * size;
    (100.0 * height / (n * size)).round().clamp(100.0, 400.0) as u32
}

/// Body text: justified, spaced as a two-line ○ paragraph.
fn body(s: &TypeSizes) -> ParaShape {
    ParaShape {
        line: line_spacing(s, s.item, 2),
        ..ParaShape::BODY
    }
}

/// A one-line block, `(above, below)` em of the body text apart from its
/// neighbours, kept with the next paragraph when `keep` (what 한글's line is taller than
/// Typst's comes off the space below it: `Body::open_para`).
fn spaced(s: &TypeSizes, align: Align, (above, below): (f64, f64), keep: bool) -> ParaShape {
    ParaShape {
        align,
        above: em(s.item, above),
        below: em(s.item, below),
        line: HEADING_LINE,
        keep_with_next: keep,
        ..ParaShape::BODY
    }
}

/// A part's title, ruled below in the accent colour.
fn part(s: &TypeSizes) -> ParaShape {
    ParaShape {
        below: em(s.item, 1.2),
        border: Some(BorderFill {
            sides: [
                None,
                None,
                None,
                Some(Line {
                    width: "0.5 mm",
                    color: color::ACCENT,
                }),
            ],
            fill: None,
        }),
        ..spaced(s, Align::Left, (0.0, 0.0), true)
    }
}

/// A chapter or goal heading.
fn chapter(s: &TypeSizes) -> ParaShape {
    spaced(s, Align::Left, (1.4, 0.9), true)
}

/// `□ 제목`.
fn section(s: &TypeSizes) -> ParaShape {
    spaced(s, Align::Left, (1.2, 0.7), true)
}

/// `○ - ·` and their notes and conclusions at `depth`, text `size` pt: one step in per depth
/// below the first, the mark on the first line in the step before the text (한글's 내어쓰기:
/// the first line starts at the left margin, the others one step further in); the PDF's
/// 0.55 em between them is in the line spacing, as for a paragraph of `lines` lines
/// ([`line_spacing`]).
pub fn ladder(s: &TypeSizes, depth: usize, size: f64, lines: usize) -> ParaShape {
    let step = indent_step(s);
    ParaShape {
        left: (depth.max(1) - 1) as Hwpunit * step,
        indent: -step,
        above: 0,
        below: 0,
        line: line_spacing(s, size, lines),
        ..ParaShape::BODY
    }
}

/// `< 제목 >`, kept with its table or chart.
fn caption(s: &TypeSizes) -> ParaShape {
    spaced(s, Align::Center, (1.1, 0.4), true)
}

/// A picture `depth` ladder steps in (centred when 0).
fn figure(s: &TypeSizes, depth: usize) -> ParaShape {
    ParaShape {
        align: if depth == 0 {
            Align::Center
        } else {
            Align::Left
        },
        left: depth as Hwpunit * indent_step(s),
        above: 400,
        below: 800,
        line: 100,
        ..ParaShape::BODY
    }
}

/// A task's title in its accent box (한글 draws the box around the line, which is taller
/// than Typst's: that stands for the PDF's 8 pt inset).
fn task_title(s: &TypeSizes) -> ParaShape {
    ParaShape {
        above: em(s.item, 0.8),
        below: em(s.item, 1.2),
        border: Some(BorderFill {
            sides: [Some(Line {
                width: "0.4 mm",
                color: color::ACCENT,
            }); 4],
            fill: Some(color::ACCENT_LIGHT),
        }),
        ..spaced(s, Align::Center, (0.0, 0.0), true)
    }
}

/// A 순서 entry of `level` 1 (parts) or 2 (chapters, strategies), its page number at a right
/// tab at the text's edge.
fn contents(s: &TypeSizes, level: usize) -> ParaShape {
    ParaShape {
        align: Align::Left,
        left: if level > 1 { 2000 } else { 0 },
        above: if level > 1 { 200 } else { em(s.item, 0.9) },
        right_tab: Some(portrait_text_width()),
        ..ParaShape::BODY
    }
}

/// The mark of a bullet at `depth` (1 = ○, 2 = -, 3 and deeper = ·), as style.typ's `bullet`.
pub fn mark(depth: usize) -> &'static str {
    MARKS[depth.clamp(1, MARKS.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::written::TypeScale;
    use crate::renditions::shared::scale::sizes;

    #[test]
    fn the_ladder_hangs_one_step_per_depth() {
        let s = sizes(TypeScale::Official);
        let step = indent_step(&s);
        assert_eq!(step, pt(1.3 * 15.0), "1.3 em of the 15 pt ○ text");
        for depth in 1..=4 {
            // 한글's 내어쓰기: the first line (the mark) at the left margin, the text and
            // the lines after it one step in — as the PDF's grid of mark and text.
            let shape = Kind::Bullet(depth).para(&s);
            assert_eq!(shape.left, (depth - 1) as Hwpunit * step);
            assert_eq!(shape.indent, -step, "the lines after the first one step in");
        }
        assert_eq!(mark(1), "○");
        assert_eq!(mark(2), "-");
        assert_eq!(mark(3), "·");
        assert_eq!(mark(9), "·");
        assert_eq!(Kind::Bullet(2).names().0, "- 글머리 2단계");
    }

    #[test]
    fn every_size_is_the_scale_s() {
        for scale in [TypeScale::Official, TypeScale::Compact] {
            let s = sizes(scale);
            let size = |kind: Kind| kind.chars(&s).size;
            assert_eq!(size(Kind::Part), pt(s.part));
            assert_eq!(size(Kind::Chapter), pt(s.chapter));
            assert_eq!(size(Kind::Section), pt(s.section));
            assert_eq!(size(Kind::Bullet(1)), pt(s.item));
            assert_eq!(size(Kind::Bullet(2)), pt(s.sub));
            assert_eq!(size(Kind::Bullet(3)), pt(s.subsub));
            assert_eq!(size(Kind::Note(1)), pt(s.note));
            assert_eq!(size(Kind::Caption), pt(s.caption));
            assert_eq!(size(Kind::Unit), pt(s.unit));
            assert_eq!(size(Kind::Cell), pt(s.table));
            assert_eq!(size(Kind::StrategyLabel), pt(s.label));
            assert_eq!(size(Kind::TaskTitle), pt(s.task));
            assert_eq!(size(Kind::Footnote), pt(s.footnote));
            assert_eq!(Kind::Bullet(1).para(&s).line, line_spacing(&s, s.item, 2));
            assert_eq!(Kind::Normal.para(&s).line, line_spacing(&s, s.item, 2));
        }
    }

    #[test]
    fn a_paragraph_is_as_tall_as_the_pdf_sets_it() {
        // Official: ○ lines 26.1 pt apart (measured), 0.55 em above each ○ line.
        let s = sizes(TypeScale::Official);
        let one = f64::from(line_spacing(&s, 15.0, 1)) * 0.15;
        assert!((one - (0.74 + 0.55) * 15.0).abs() < 0.2, "{one}");
        let three = f64::from(line_spacing(&s, 15.0, 3)) * 0.15 * 3.0;
        let pdf = 3.0 * 0.74 * 15.0 + 2.0 * 15.0 + 0.55 * 15.0;
        assert!((three - pdf).abs() < 0.5, "{three} against {pdf}");
        // A one-line - line is spaced closer than a long one.
        assert!(line_spacing(&s, 13.0, 1) < line_spacing(&s, 13.0, 2));
    }

    #[test]
    fn pictures_and_contents_entries_step_in_by_depth() {
        let s = sizes(TypeScale::Compact);
        assert_eq!(Kind::Drawing(0).para(&s).align, Align::Center);
        let nested = Kind::Drawing(2).para(&s);
        assert_eq!(
            (nested.align, nested.left),
            (Align::Left, 2 * indent_step(&s))
        );
        let (part, chapter) = (Kind::Contents(1).para(&s), Kind::Contents(2).para(&s));
        assert_eq!((part.left, part.above), (0, pt(0.9 * 11.0)));
        assert_eq!((chapter.left, chapter.above), (2000, 200));
        for entry in [part, chapter] {
            assert_eq!(entry.right_tab, Some(portrait_text_width()));
        }
    }
}
