//! 고정 문구 (the document's fixed wording): every part title, chapter title, table caption,
//! column and row header and unit line the official document prints, written once. The Typst
//! templates and the HTML templates print them with `say("key")`, the HWPX writer and `diff`
//! with [`Phrase::fill`]; a test fails when a rendition prints a heading that is not here.
//!
//! A phrase's text may hold slots filled from the plan: `{year}` (2021), `{yy}` (21, the
//! print's `'21년`) and `{py}` (20, the year before). A line break inside a table header is
//! `\n`; each rendition draws it its own way. Phrases are plain text: no markup of any
//! rendition (checked by the tests here and by each rendition's own).

/// What kind of wording a phrase is (for the heading test and the reader).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 장 제목 (I. 요약 … V. 추진일정) and the 순서 page's title.
    Part,
    /// 절 제목 (III's 1. 비전 및 전략 …).
    Chapter,
    /// □ 소제목 and 표 제목 (caption).
    Caption,
    /// 표의 열·행 머리 (column and row headers).
    Header,
    /// (단위 : …) line.
    Unit,
    /// A label inside the text (사업예산 : …).
    Label,
}

/// One piece of fixed wording: the key templates name it by, its role and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// The name templates use: `say("part.summary")`.
    pub key: &'static str,
    /// What it is.
    pub role: Role,
    /// The text, with `{year}`, `{yy}`, `{py}` slots and `\n` line breaks.
    pub text: &'static str,
}

/// The plan's years, as the slots of a phrase print them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Years {
    /// `{year}`: the plan's year, `2021`.
    pub year: String,
    /// `{yy}`: its last two digits, `21`.
    pub yy: String,
    /// `{py}`: the year before's last two digits, `20`.
    pub py: String,
}

/// A piece of a phrase: its own text, or a slot to fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text of the phrase itself (`\n` for a line break).
    Text(&'a str),
    /// `{year}`, `{yy}` or `{py}`, named without braces.
    Slot(&'a str),
}

impl Phrase {
    /// The phrase's pieces in order: text and slots.
    pub fn pieces(&self) -> Vec<Piece<'static>> {
        let mut pieces = Vec::new();
        let mut rest = self.text;
        while let Some(open) = rest.find('{') {
            let close = open + rest[open..].find('}').expect("a phrase's slot is closed");
            if open > 0 {
                pieces.push(Piece::Text(&rest[..open]));
            }
            pieces.push(Piece::Slot(&rest[open + 1..close]));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest));
        }
        pieces
    }

    /// The phrase with its slots filled, line breaks kept as `\n`.
    pub fn fill(&self, years: &Years) -> String {
        self.pieces()
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => text,
                Piece::Slot(slot) => years.slot(slot),
            })
            .collect()
    }

    /// A numbered title's number: `IV` of `IV. 세부 실천과제`, `1` of `1. 비전 및 전략`.
    pub fn numeral(&self) -> &'static str {
        self.text
            .split_once(". ")
            .map_or("", |(numeral, _)| numeral)
    }

    /// The phrase of `key`, if there is one.
    pub fn named(key: &str) -> Option<&'static Phrase> {
        PHRASES.iter().find(|phrase| phrase.key == key)
    }
}

impl Years {
    /// The years of a plan for `year`.
    pub fn of(year: i32) -> Self {
        Years {
            year: year.to_string(),
            yy: format!("{:02}", year.rem_euclid(100)),
            py: format!("{:02}", (year - 1).rem_euclid(100)),
        }
    }

    /// The value of a slot (`year`, `yy`, `py`).
    pub fn slot(&self, name: &str) -> &str {
        match name {
            "year" => &self.year,
            "yy" => &self.yy,
            "py" => &self.py,
            other => panic!("a phrase names the unknown slot {{{other}}}"),
        }
    }
}

const fn phrase(key: &'static str, role: Role, text: &'static str) -> Phrase {
    Phrase { key, role, text }
}

/// The document's title (표지, 문서 정보).
pub const TITLE: Phrase = phrase(
    "title",
    Role::Part,
    "{year}년도 일자리대책\n연차별 세부계획",
);
/// 순서 page.
pub const CONTENTS: Phrase = phrase("contents", Role::Part, "순 서");
/// I.
pub const PART_SUMMARY: Phrase = phrase("part.summary", Role::Part, "I. 요약");
/// II.
pub const PART_LABOUR_MARKET: Phrase =
    phrase("part.labour-market", Role::Part, "II. 지역 노동시장 현황");
/// III.
pub const PART_GOALS: Phrase = phrase("part.goals", Role::Part, "III. {year}년 일자리 목표");
/// IV.
pub const PART_TASKS: Phrase = phrase("part.tasks", Role::Part, "IV. 세부 실천과제");
/// V.
pub const PART_SCHEDULE: Phrase = phrase("part.schedule", Role::Part, "V. 추진일정");

/// I's first table: the core strategies.
pub const SUMMARY_STRATEGIES: Phrase = phrase(
    "summary.strategies",
    Role::Caption,
    "'{yy}년 일자리창출 핵심 전략",
);
/// I's second table: the plan's targets.
pub const SUMMARY_TARGETS: Phrase = phrase(
    "summary.targets",
    Role::Caption,
    "'{yy}년 지역 일자리 목표 요약",
);
/// I's second table's target columns: `'21년 ` before the target's name and unit.
pub const SUMMARY_TARGET_YEAR: Phrase = phrase("summary.target-year", Role::Header, "'{yy}년 ");
/// I's second table's budget columns.
pub const SUMMARY_BUDGET: Phrase = phrase(
    "summary.budget",
    Role::Header,
    "'{yy}년 지역 일자리 예산(백만원)",
);
/// 추진전략 column.
pub const HEAD_STRATEGY: Phrase = phrase("head.strategy", Role::Header, "추진전략");
/// 실천과제 column.
pub const HEAD_TASK: Phrase = phrase("head.task", Role::Header, "실천과제");
/// 세부사업내용 column.
pub const HEAD_PROJECTS: Phrase = phrase("head.projects", Role::Header, "세부사업내용");
/// 일자리 목표 (명) column of I.
pub const HEAD_PEOPLE: Phrase = phrase("head.people", Role::Header, "일자리 목표\n(명)");
/// 사업예산 (백만원) column of I.
pub const HEAD_MILLIONS: Phrase = phrase("head.millions", Role::Header, "사업예산\n(백만원)");
/// The total row of I's first table and of I's budget columns.
pub const HEAD_TOTAL: Phrase = phrase("head.total", Role::Header, "합 계");
/// 구 분 (the row-label column).
pub const HEAD_KIND: Phrase = phrase("head.kind", Role::Header, "구 분");

/// III. 1.
pub const GOALS_VISION: Phrase = phrase("goals.vision", Role::Chapter, "1. 비전 및 전략");
/// III. 2.
pub const GOALS_COMMON: Phrase = phrase("goals.common", Role::Chapter, "2. 공통 일자리 목표");
/// III. 2's unit line.
pub const GOALS_COMMON_UNIT: Phrase = phrase("goals.common.unit", Role::Unit, "명, %, %p");
/// III. 2's last year's columns.
pub const GOALS_RESULTS: Phrase = phrase("goals.results", Role::Header, "'{py}년 일자리 실적");
/// III. 2's this year's columns.
pub const GOALS_TARGETS: Phrase = phrase("goals.targets", Role::Header, "'{yy}년 일자리 목표");
/// 목표 column.
pub const HEAD_TARGET: Phrase = phrase("head.target", Role::Header, "목표");
/// 실적 column.
pub const HEAD_RESULT: Phrase = phrase("head.result", Role::Header, "실적");
/// 달성률 column.
pub const HEAD_RATE: Phrase = phrase("head.rate", Role::Header, "달성률");
/// 증감(률) column.
pub const HEAD_CHANGE: Phrase = phrase("head.change", Role::Header, "증감(률)");
/// III. 3.
pub const GOALS_FIELDS: Phrase = phrase("goals.fields", Role::Chapter, "3. 분야별 목표");
/// III. 3's unit line: the units of what the table holds that its headers do not name — the
/// people (명); the budget columns say 백만원 in their own header ([`GOALS_FIELDS_BUDGET`]).
pub const GOALS_FIELDS_UNIT: Phrase = phrase("goals.fields.unit", Role::Unit, "명");
/// III. 3's people column.
pub const GOALS_FIELDS_PEOPLE: Phrase =
    phrase("goals.fields.people", Role::Header, "'{yy}년 목표\n(인원)");
/// III. 3's budget columns.
pub const GOALS_FIELDS_BUDGET: Phrase =
    phrase("goals.fields.budget", Role::Header, "예 산(백만원)");
/// III. 3's budget total column.
pub const HEAD_SUM: Phrase = phrase("head.sum", Role::Header, "합계");
/// III. 3's total row.
pub const HEAD_GRAND_TOTAL: Phrase = phrase("head.grand-total", Role::Header, "총 계");
/// The vision box of III. 1: `비전 : …`.
pub const VISION_LABEL: Phrase = phrase("vision", Role::Label, "비전 : ");
/// A strategy's box in III. 1: `전략 1`.
pub const STRATEGY_LABEL: Phrase = phrase("strategy", Role::Label, "전략 ");

/// A project's 사업목적.
pub const PROJECT_PURPOSE: Phrase = phrase("project.purpose", Role::Caption, "사업목적");
/// A project's 사업내용.
pub const PROJECT_CONTENT: Phrase = phrase("project.content", Role::Caption, "사업내용");
/// A project's 사업예산 line.
pub const PROJECT_BUDGET: Phrase = phrase("project.budget", Role::Label, "사업예산 : ");
/// A task's 기대효과.
pub const TASK_EFFECTS: Phrase = phrase("task.effects", Role::Caption, "기대효과");

/// A task's 【추진계획】 table.
pub const ACTION_TITLE: Phrase = phrase("action.title", Role::Caption, "【'{yy}년 추진계획】");
/// Its value column.
pub const ACTION_VALUE: Phrase = phrase("action.value", Role::Header, "목표인원 및 예산");
/// Its people row.
pub const ACTION_PEOPLE: Phrase = phrase("action.people", Role::Header, "일자리 창출 성과목표");
/// Its budget rows.
pub const ACTION_BUDGET: Phrase = phrase("action.budget", Role::Header, "사업비");
/// 계.
pub const ACTION_TOTAL: Phrase = phrase("action.total", Role::Header, "계");
/// 국비.
pub const ACTION_NATIONAL: Phrase = phrase("action.national", Role::Header, "국비");
/// 지방비.
pub const ACTION_LOCAL_FUNDS: Phrase = phrase("action.local-funds", Role::Header, "지방비");
/// 시도비.
pub const ACTION_PROVINCE: Phrase = phrase("action.province", Role::Header, "시도비");
/// 시군구비.
pub const ACTION_LOCAL: Phrase = phrase("action.local", Role::Header, "시군구비");
/// 민자.
pub const ACTION_PRIVATE: Phrase = phrase("action.private", Role::Header, "민자");

/// People, after a figure: `6,067명`.
pub const PEOPLE: Phrase = phrase("unit.people", Role::Unit, "명");

/// V's task column.
pub const SCHEDULE_TASK: Phrase = phrase("schedule.task", Role::Header, "실천과제명");
/// V's month columns: `1월` … `12월` (the number comes first).
pub const SCHEDULE_MONTH: Phrase = phrase("schedule.month", Role::Header, "월");

/// (단위 : …) line's words around the unit.
pub const UNIT_LINE: Phrase = phrase("unit", Role::Unit, "단위 : ");

/// Every phrase, in document order.
pub const PHRASES: &[Phrase] = &[
    TITLE,
    CONTENTS,
    PART_SUMMARY,
    SUMMARY_STRATEGIES,
    HEAD_STRATEGY,
    HEAD_TASK,
    HEAD_PROJECTS,
    HEAD_PEOPLE,
    HEAD_MILLIONS,
    HEAD_TOTAL,
    SUMMARY_TARGETS,
    SUMMARY_BUDGET,
    SUMMARY_TARGET_YEAR,
    PART_LABOUR_MARKET,
    PART_GOALS,
    GOALS_VISION,
    VISION_LABEL,
    STRATEGY_LABEL,
    GOALS_COMMON,
    GOALS_COMMON_UNIT,
    HEAD_KIND,
    GOALS_RESULTS,
    GOALS_TARGETS,
    HEAD_TARGET,
    HEAD_RESULT,
    HEAD_RATE,
    HEAD_CHANGE,
    GOALS_FIELDS,
    GOALS_FIELDS_UNIT,
    GOALS_FIELDS_PEOPLE,
    GOALS_FIELDS_BUDGET,
    HEAD_SUM,
    HEAD_GRAND_TOTAL,
    PART_TASKS,
    PROJECT_PURPOSE,
    PROJECT_CONTENT,
    PROJECT_BUDGET,
    TASK_EFFECTS,
    ACTION_TITLE,
    ACTION_VALUE,
    ACTION_PEOPLE,
    ACTION_BUDGET,
    ACTION_TOTAL,
    ACTION_NATIONAL,
    ACTION_LOCAL_FUNDS,
    ACTION_PROVINCE,
    ACTION_LOCAL,
    ACTION_PRIVATE,
    PEOPLE,
    PART_SCHEDULE,
    SCHEDULE_TASK,
    SCHEDULE_MONTH,
    UNIT_LINE,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_slots_known() {
        let years = Years::of(2021);
        for (i, phrase) in PHRASES.iter().enumerate() {
            assert!(
                PHRASES[..i].iter().all(|other| other.key != phrase.key),
                "{} twice",
                phrase.key
            );
            // Every slot is one of the three (fill panics otherwise).
            let _ = phrase.fill(&years);
        }
    }

    #[test]
    fn slots_fill_with_the_plan_years() {
        let years = Years::of(2021);
        assert_eq!(PART_GOALS.fill(&years), "III. 2021년 일자리 목표");
        assert_eq!(GOALS_RESULTS.fill(&years), "'20년 일자리 실적");
        assert_eq!(Years::of(2000).py, "99");
        assert_eq!(PART_TASKS.numeral(), "IV");
        assert_eq!(HEAD_KIND.numeral(), "");
        assert_eq!(
            ACTION_TITLE.pieces(),
            [
                Piece::Text("【'"),
                Piece::Slot("yy"),
                Piece::Text("년 추진계획】")
            ]
        );
    }

    #[test]
    fn phrases_are_plain_text() {
        for phrase in PHRASES {
            assert!(
                !phrase.text.contains([
                    '<', '>', '&', '"', '#', '*', '_', '`', '$', '@', '\\', '[', ']', '~'
                ]),
                "{}: {}",
                phrase.key,
                phrase.text
            );
        }
    }
}
