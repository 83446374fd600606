//! The named paragraph styles of the document (스타일), as style.typ draws them: the part,
//! chapter and task titles, the □ ○ - · ladder with its hanging indents, `*` notes and `⇒`
//! conclusions, `< 제목 >` captions, `(단위 : …)` lines, table text, and the cover and 순서.
//! A district that changes a style in 한글 changes every paragraph of that kind.

use super::header::{Align, BorderFill, CharShape, Line, ParaShape, color};
use super::units::{Hwpunit, INDENT_STEP, portrait_text_width};

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

    /// The paragraph shape of the style.
    pub fn para(self) -> ParaShape {
        match self {
            Kind::Normal => ParaShape::BODY,
            Kind::Part => PART,
            Kind::Chapter => CHAPTER,
            Kind::Section => SECTION,
            Kind::Bullet(d) | Kind::Conclusion(d) => ladder(d, 600),
            Kind::Note(d) => ladder(d, 300),
            Kind::Caption => CAPTION,
            Kind::Unit => UNIT,
            Kind::TableNote => TABLE_NOTE,
            Kind::Cell | Kind::ScheduleCell => CELL,
            Kind::Drawing(d) => figure(d),
            Kind::StrategyLabel => STRATEGY_LABEL,
            Kind::TaskTitle => TASK_TITLE,
            Kind::ActionTitle => ACTION_TITLE,
            Kind::Cover => COVER,
            Kind::ContentsTitle => CONTENTS_TITLE,
            Kind::Contents(level) => contents(level),
            Kind::Footnote => FOOTNOTE,
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
            // An explanation, not a conclusion: regular weight, as the PDF sets it.
            Kind::Conclusion(_) => CharShape::BODY,
            Kind::Caption => sans(10.0).bold(),
            Kind::Unit | Kind::TableNote | Kind::Cell => sans(8.5),
            Kind::ScheduleCell => sans(7.5),
            Kind::Drawing(_) => CharShape::BODY,
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

// The paragraph shapes of the styles, as style.typ spaces them (HWPUNIT: 100 to the point;
// `line` in percent of the font size).

/// A part's title, ruled below in the accent colour.
const PART: ParaShape = ParaShape {
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
    ..ParaShape::BODY
};

/// A chapter or goal heading.
const CHAPTER: ParaShape = ParaShape {
    align: Align::Left,
    above: 1400,
    below: 900,
    line: 130,
    keep_with_next: true,
    ..ParaShape::BODY
};

/// `□ 제목`.
const SECTION: ParaShape = ParaShape {
    align: Align::Left,
    above: 1300,
    below: 400,
    keep_with_next: true,
    ..ParaShape::BODY
};

/// `○ - ·` and their notes and conclusions at `depth`: one hanging step per depth, `above`
/// the paragraph.
fn ladder(depth: usize, above: Hwpunit) -> ParaShape {
    ParaShape {
        left: depth.max(1) as Hwpunit * INDENT_STEP,
        indent: -INDENT_STEP,
        above,
        below: 0,
        ..ParaShape::BODY
    }
}

/// `< 제목 >`, kept with its table or chart.
const CAPTION: ParaShape = ParaShape {
    align: Align::Center,
    above: 1100,
    below: 200,
    line: 130,
    keep_with_next: true,
    ..ParaShape::BODY
};

/// `(단위 : …)`, right-aligned, kept with its table.
const UNIT: ParaShape = ParaShape {
    align: Align::Right,
    line: 130,
    keep_with_next: true,
    ..ParaShape::BODY
};

/// A `※` line under a table.
const TABLE_NOTE: ParaShape = ParaShape {
    align: Align::Left,
    above: 300,
    below: 600,
    line: 130,
    ..ParaShape::BODY
};

/// Table text (a cell may align otherwise).
const CELL: ParaShape = ParaShape {
    align: Align::Center,
    line: 130,
    ..ParaShape::BODY
};

/// A picture `depth` ladder steps in (centred when 0).
fn figure(depth: usize) -> ParaShape {
    ParaShape {
        align: if depth == 0 {
            Align::Center
        } else {
            Align::Left
        },
        left: depth as Hwpunit * INDENT_STEP,
        above: 400,
        below: 800,
        line: 100,
        ..ParaShape::BODY
    }
}

/// `[전략N. …]`, kept with its task.
const STRATEGY_LABEL: ParaShape = ParaShape {
    align: Align::Left,
    below: 600,
    line: 130,
    keep_with_next: true,
    ..ParaShape::BODY
};

/// A task's title in its accent box.
const TASK_TITLE: ParaShape = ParaShape {
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
    ..ParaShape::BODY
};

/// `【'YY년 추진계획】`.
const ACTION_TITLE: ParaShape = ParaShape {
    align: Align::Left,
    above: 1400,
    below: 300,
    keep_with_next: true,
    ..ParaShape::BODY
};

/// A cover line.
const COVER: ParaShape = ParaShape {
    align: Align::Center,
    line: 130,
    ..ParaShape::BODY
};

/// `순 서`.
const CONTENTS_TITLE: ParaShape = ParaShape {
    align: Align::Center,
    below: 2800,
    ..ParaShape::BODY
};

/// A 순서 entry of `level` 1 (parts) or 2 (chapters, strategies), its page number at a right
/// tab at the text's edge.
fn contents(level: usize) -> ParaShape {
    ParaShape {
        align: Align::Left,
        left: if level > 1 { 2000 } else { 0 },
        above: if level > 1 { 200 } else { 900 },
        right_tab: Some(portrait_text_width()),
        ..ParaShape::BODY
    }
}

/// A footnote's text.
const FOOTNOTE: ParaShape = ParaShape {
    align: Align::Left,
    line: 130,
    ..ParaShape::BODY
};

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

    #[test]
    fn pictures_and_contents_entries_step_in_by_depth() {
        assert_eq!(Kind::Drawing(0).para().align, Align::Center);
        let nested = Kind::Drawing(2).para();
        assert_eq!((nested.align, nested.left), (Align::Left, 2 * INDENT_STEP));
        let (part, chapter) = (Kind::Contents(1).para(), Kind::Contents(2).para());
        assert_eq!((part.left, part.above), (0, 900));
        assert_eq!((chapter.left, chapter.above), (2000, 200));
        for entry in [part, chapter] {
            assert_eq!(entry.right_tab, Some(portrait_text_width()));
        }
    }
}
