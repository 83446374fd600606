//! The named paragraph styles of the document (스타일), as style.typ draws them: the part,
//! chapter and task titles, the □ ○ - · ladder with its hanging indents, `*` notes and `⇒`
//! conclusions, `< 제목 >` captions, `(단위 : …)` lines, table text, and the cover and 순서.
//! A district that changes a style in 한글 changes every paragraph of that kind.

use super::header::{Align, BorderFill, CharShape, Line, ParaShape, color};
use super::units::{Hwpunit, INDENT_STEP};

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
    Figure(usize),
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
            Kind::Figure(d) => (format!("그림 {}단계", d), "Figure"),
            Kind::StrategyLabel => ("전략 표시".into(), "Strategy Label"),
            Kind::TaskTitle => ("과제 제목".into(), "Task Title"),
            Kind::ActionTitle => ("추진계획 제목".into(), "Action Plan Title"),
            Kind::Cover => ("표지".into(), "Cover"),
            Kind::ContentsTitle => ("차례 제목".into(), "TOC Heading"),
            Kind::Contents(level) => (format!("차례 {level}"), "TOC"),
            Kind::Footnote => ("각주".into(), "Footnote"),
        }
    }

    /// The paragraph shape of the style.
    pub fn para(self) -> ParaShape {
        let body = ParaShape::BODY;
        let ladder = |depth: usize, above: Hwpunit| ParaShape {
            left: depth.max(1) as Hwpunit * INDENT_STEP,
            indent: -INDENT_STEP,
            above,
            below: 0,
            ..body
        };
        match self {
            Kind::Normal => body,
            Kind::Part => ParaShape {
                align: Align::Left,
                below: 1200,
                line: 130,
                keep_with_next: true,
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
                ..body
            },
            Kind::Chapter => ParaShape {
                align: Align::Left,
                above: 1400,
                below: 900,
                line: 130,
                keep_with_next: true,
                ..body
            },
            Kind::Section => ParaShape {
                align: Align::Left,
                above: 1300,
                below: 400,
                keep_with_next: true,
                ..body
            },
            Kind::Bullet(d) | Kind::Conclusion(d) => ladder(d, 600),
            Kind::Note(d) => ladder(d, 300),
            Kind::Caption => ParaShape {
                align: Align::Center,
                above: 1100,
                below: 200,
                line: 130,
                keep_with_next: true,
                ..body
            },
            Kind::Unit => ParaShape {
                align: Align::Right,
                line: 130,
                keep_with_next: true,
                ..body
            },
            Kind::TableNote => ParaShape {
                align: Align::Left,
                above: 300,
                below: 600,
                line: 130,
                ..body
            },
            Kind::Cell | Kind::ScheduleCell => ParaShape {
                align: Align::Center,
                line: 130,
                ..body
            },
            Kind::Figure(d) => ParaShape {
                align: if d == 0 { Align::Center } else { Align::Left },
                left: d as Hwpunit * INDENT_STEP,
                above: 400,
                below: 800,
                line: 100,
                ..body
            },
            Kind::StrategyLabel => ParaShape {
                align: Align::Left,
                below: 600,
                line: 130,
                keep_with_next: true,
                ..body
            },
            Kind::TaskTitle => ParaShape {
                align: Align::Center,
                above: 800,
                below: 1200,
                line: 130,
                keep_with_next: true,
                border: Some(BorderFill {
                    sides: [Some(Line {
                        width: "0.4 mm",
                        color: color::ACCENT,
                    }); 4],
                    fill: Some(color::ACCENT_LIGHT),
                }),
                ..body
            },
            Kind::ActionTitle => ParaShape {
                align: Align::Left,
                above: 1400,
                below: 300,
                keep_with_next: true,
                ..body
            },
            Kind::Cover => ParaShape {
                align: Align::Center,
                line: 130,
                ..body
            },
            Kind::ContentsTitle => ParaShape {
                align: Align::Center,
                below: 2800,
                ..body
            },
            Kind::Contents(level) => ParaShape {
                align: Align::Left,
                left: if level > 1 { 2000 } else { 0 },
                above: if level > 1 { 200 } else { 900 },
                right_tab: Some(super::units::portrait_text_width()),
                ..body
            },
            Kind::Footnote => ParaShape {
                align: Align::Left,
                line: 130,
                ..body
            },
        }
    }

    /// The character shape of the style's text.
    pub fn chars(self) -> CharShape {
        let sans = CharShape::sans;
        match self {
            Kind::Normal | Kind::Bullet(_) => CharShape::BODY,
            Kind::Part => sans(18.0).bold().colored(color::ACCENT),
            Kind::Chapter => sans(14.0).bold(),
            Kind::Section => sans(12.0).bold(),
            Kind::Note(_) => CharShape::serif(10.0),
            Kind::Conclusion(_) => CharShape::BODY.bold(),
            Kind::Caption => sans(10.0).bold(),
            Kind::Unit | Kind::TableNote | Kind::Cell => sans(8.5),
            Kind::ScheduleCell => sans(7.5),
            Kind::Figure(_) => CharShape::BODY,
            Kind::StrategyLabel => sans(10.0).bold().colored(color::ACCENT),
            Kind::TaskTitle => sans(13.0).bold(),
            Kind::ActionTitle => sans(11.0).bold(),
            Kind::Cover => sans(12.0),
            Kind::ContentsTitle => sans(20.0).bold(),
            Kind::Contents(1) => sans(12.0).bold(),
            Kind::Contents(_) => sans(10.5),
            Kind::Footnote => sans(8.0),
        }
    }
}

/// The mark of a bullet at `depth` (1 = ○, 2 = -, 3 and deeper = ·), as style.typ's `bullet`.
pub fn mark(depth: usize) -> &'static str {
    MARKS[depth.clamp(1, MARKS.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_hangs_one_step_per_depth() {
        for depth in 1..=4 {
            let shape = Kind::Bullet(depth).para();
            assert_eq!(shape.left, depth as Hwpunit * INDENT_STEP);
            assert_eq!(
                shape.indent, -INDENT_STEP,
                "the mark hangs in the step before"
            );
        }
        assert_eq!(mark(1), "○");
        assert_eq!(mark(2), "-");
        assert_eq!(mark(3), "·");
        assert_eq!(mark(9), "·");
        assert_eq!(Kind::Bullet(2).names().0, "- 글머리 2단계");
    }
}
