//! The plan as the user writes it: the YAML schema (자료 형식), field by field.
//!
//! Every struct denies unknown fields, so a typo in a key is an error instead of silently
//! dropped data. Figures that can be derived (totals, shares, rates) are not written here:
//! `plan.rs` computes them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `plan.yaml`: who publishes the plan, for which year, and the cover (표지).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInfo {
    /// 지자체 이름, e.g. "인천광역시 서구".
    pub district: String,
    /// 계획 연도, e.g. 2021.
    pub year: i32,
    /// 문서 날짜 (YYYY-MM-DD); goes into the PDF metadata so that builds are reproducible.
    pub date: String,
    /// 표지 (cover).
    pub cover: Cover,
    /// 예산 재원 명칭 (names of the budget sources as this district calls them).
    pub budget_terms: BudgetTerms,
}

/// 표지: the lines of the cover page.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// 제도 명칭, e.g. "지역일자리 목표 공시제".
    pub system: String,
    /// 슬로건.
    #[serde(default)]
    pub slogan: Option<String>,
    /// 비전 문구 (one line each).
    #[serde(default)]
    pub vision: Vec<String>,
}

/// 재원 명칭: how the summaries label 국비 / 시도비 / 시군구비.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetTerms {
    /// 국비.
    pub national: String,
    /// 시도비 (광역), e.g. "시비" or "도비".
    pub province: String,
    /// 시군구비 (기초), e.g. "구비", "군비", "시비".
    pub local: String,
}

/// `labour-market/*.yaml`: one chapter of part II (지역 노동시장 현황).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// 장 제목, e.g. "인구변화".
    pub title: String,
    /// 본문 (□ sections with their bullets, tables and charts).
    pub body: Vec<Block>,
}

/// `goals.yaml`: part III (일자리 목표).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goals {
    /// 비전 (shown on top of the vision diagram).
    #[serde(default)]
    pub vision: String,
    /// 공통 일자리 목표: employment rate, insured persons, … (may come from the `목표`
    /// sheet of the plan folder's workbook instead).
    #[serde(default)]
    pub common_targets: Vec<CommonTarget>,
    /// Notes under the common target table (`*` lines).
    #[serde(default)]
    pub common_notes: Vec<String>,
    /// 민선 종합계획과의 연계성 (the link to the term-wide plan).
    #[serde(default)]
    pub term_plan: TermPlan,
}

/// One 공통 일자리 목표 indicator (지표).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommonTarget {
    /// 지표 이름, e.g. "취업률".
    pub name: String,
    /// Name in the I. 요약 table, e.g. "목표 취업률" (default: "목표 " + name).
    #[serde(default)]
    pub summary_name: Option<String>,
    /// `rate` (%: change shown in %p) or `count` (명: change shown in %).
    pub kind: TargetKind,
    /// 전년도 목표. `~` (or omitted) while the figure is not known yet: printed "-",
    /// and `gongsi check` warns (`missing-figure`).
    #[serde(default)]
    pub previous_target: Option<f64>,
    /// 전년도 실적; `~` while not known yet (e.g. right after `gongsi new`).
    #[serde(default)]
    pub previous_result: Option<f64>,
    /// 올해 목표; `~` while not set yet.
    #[serde(default)]
    pub target: Option<f64>,
}

/// Whether an indicator is a rate or a count; decides units and how change is computed.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// 비율 (%). 증감 = target − result, in %p.
    Rate,
    /// 인원 (명). 증감률 = (target − result) / result, in %.
    Count,
}

/// 민선 종합계획과의 연계성.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermPlan {
    /// 절 제목, e.g. "민선7기 종합계획과의 연계성".
    #[serde(default)]
    pub title: String,
    /// 본문: bullets, the multi-year table, notes.
    #[serde(default)]
    pub body: Vec<Block>,
}

/// `strategies/*.yaml`: one 추진전략 with its 실천과제.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// Stable id (영문 소문자, 숫자, `-`).
    pub id: String,
    /// 전략 이름.
    pub name: String,
    /// 실천과제.
    pub tasks: Vec<Task>,
}

/// 실천과제: a task block of part IV.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Stable id.
    pub id: String,
    /// 과제명 as listed in the summary, overview and schedule.
    pub name: String,
    /// Title of the task block in part IV (default: `name`).
    #[serde(default)]
    pub title: Option<String>,
    /// 일자리 창출 성과목표 (명); omitted when the task has none ("-").
    #[serde(default)]
    pub target_people: Option<u64>,
    /// □ 사업목적.
    #[serde(default)]
    pub purpose: Vec<Block>,
    /// Lines of □ 사업내용 before the first project, if any.
    #[serde(default)]
    pub intro: Vec<Block>,
    /// 세부사업 (○ items of □ 사업내용).
    pub projects: Vec<Project>,
    /// □ 기대효과.
    #[serde(default)]
    pub effects: Vec<Block>,
    /// 사업비 when the projects carry none; otherwise it is the sum of the projects' budgets.
    #[serde(default)]
    pub budget: Option<Budget>,
}

/// 세부사업: one project of a task.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Stable id.
    pub id: String,
    /// 사업명 as the ○ heading in part IV.
    pub name: String,
    /// Name in the summary, overview and schedule lists (default: `name`).
    #[serde(default)]
    pub list_name: Option<String>,
    /// Whether the project is listed in the summary, overview and schedule (default: yes).
    #[serde(default = "yes")]
    pub listed: bool,
    /// 세부내용 (- and · lines, tables).
    #[serde(default)]
    pub details: Vec<Block>,
    /// 사업예산 (천원); printed as the last detail line.
    #[serde(default)]
    pub budget: Option<Budget>,
    /// 추진일정 bars (part V).
    #[serde(default)]
    pub schedule: Vec<Bar>,
}

fn yes() -> bool {
    true
}

/// 사업예산 in 천원, split by source (재원).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// 계, when the document states it; otherwise the sum of the splits.
    #[serde(default)]
    pub total: Option<i64>,
    /// 국비.
    #[serde(default)]
    pub national: i64,
    /// 시도비.
    #[serde(default)]
    pub province: i64,
    /// 시군구비.
    #[serde(default)]
    pub local: i64,
    /// 민자.
    #[serde(default)]
    pub private: i64,
}

/// One bar of the 추진일정 (months 1–12, inclusive).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bar {
    /// 시작 월 (1–12).
    pub from: u32,
    /// 종료 월 (1–12).
    pub to: u32,
    /// 막대 설명.
    pub label: String,
}

/// A block of body text: exactly one of `heading`, `text`, `note`, `conclusion`, `table`,
/// `chart`; `items` nest under it. The bullet mark (□ ○ - ·) follows from the depth.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// □ 제목 (section heading).
    #[serde(default)]
    pub heading: Option<String>,
    /// A bullet line.
    #[serde(default)]
    pub text: Option<String>,
    /// Bold lead before the text, printed as `(lead)`.
    #[serde(default)]
    pub lead: Option<String>,
    /// `*` note line.
    #[serde(default)]
    pub note: Option<String>,
    /// `⇒` conclusion line.
    #[serde(default)]
    pub conclusion: Option<String>,
    /// A table.
    #[serde(default)]
    pub table: Option<Table>,
    /// A chart drawn from data.
    #[serde(default)]
    pub chart: Option<Chart>,
    /// 추진절차: a procedure diagram, boxed steps joined by arrows.
    #[serde(default)]
    pub procedure: Option<Procedure>,
    /// Footnotes placed right after a phrase of the text.
    #[serde(default)]
    pub footnotes: Vec<Footnote>,
    /// Nested blocks.
    #[serde(default)]
    pub items: Vec<Block>,
}

/// 추진절차 (procedure diagram): the steps of a project in order, drawn as boxes joined by
/// arrows, e.g. 신청 → 심사 → 선정 → 지원.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// The steps in order, each a short phrase (`공고(시)`, `심사 및 선정`).
    pub steps: Vec<String>,
    /// Rows the boxes are set in: 1 or 2 (default: 1 for up to five steps, else 2).
    #[serde(default)]
    pub rows: Option<u32>,
}

/// A footnote attached after the first occurrence of `after` in the text.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    /// The phrase the footnote mark follows.
    pub after: String,
    /// 각주 내용.
    pub text: String,
}

/// 표: caption, unit line, source footnote, header rows and body rows.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// `< 제목 >` caption (omit for tables inside a task block).
    #[serde(default)]
    pub caption: Option<String>,
    /// 단위, e.g. "명, %" → "(단위 : 명, %)".
    #[serde(default)]
    pub unit: Option<String>,
    /// 출처 footnote on the caption.
    #[serde(default)]
    pub source: Option<String>,
    /// Relative column widths (default: from the content, label columns wide and figure
    /// columns narrow).
    #[serde(default)]
    pub widths: Vec<f64>,
    /// Header rows (shaded, bold).
    #[serde(default)]
    pub header: Vec<Vec<Cell>>,
    /// Body rows.
    #[serde(default)]
    pub rows: Vec<Vec<Cell>>,
    /// 시트: the name of the workbook sheet that holds this table (caption, unit, source,
    /// widths and grid); the plan folder's workbook then supplies them and nothing else of
    /// the table may be written in YAML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// 계산 관계: figures of this table that follow from other figures of it (합계, 구성비,
    /// 증감률, 비율), checked by `gongsi check`. Printing does not use them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
}

/// One 계산 관계 of a table: the figures along one line (a grid column or a body row) that
/// are computed from other lines of the same table. Lines are numbered from 1: grid columns
/// counting every column from the left (merged cells count for each column they cover),
/// body rows counting from the first row under the header.
///
/// With `column: C`, every body row `r` (or those in `only`) is checked: the figure at
/// (r, C) against the same formula over the columns in `of`, in row `r`. With `row: R`,
/// the roles of rows and columns swap. A cell that holds no number (text, `~`) is skipped.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// 관계 종류: `sum` (합계 = Σ of), `share` (구성비 = of ÷ 전체 × 100), `change`
    /// (증감률 = (나중 − 이전) ÷ 이전 × 100), `difference` (증감 %p = 나중 − 이전),
    /// `ratio` (비율 = of[0] ÷ of[1] × scale).
    pub kind: RelationKind,
    /// The checked figures run down this grid column (give `column` or `row`).
    #[serde(default)]
    pub column: Option<u32>,
    /// The checked figures run along this body row (give `column` or `row`).
    #[serde(default)]
    pub row: Option<u32>,
    /// The lines the figures are computed from (columns for `column`, rows for `row`):
    /// `sum` one or more; `share` one (the part); `change`/`difference` two (`[이전, 나중]`)
    /// or one (then the previous value is `step` places across on the same line);
    /// `ratio` two (`[분자, 분모]`).
    pub of: Vec<u32>,
    /// `share`: the row (for `column`) or column (for `row`) holding the whole (전체).
    /// Default: the `sum: true` cell of the `of` line, else the sum of that line's figures.
    #[serde(default)]
    pub base: Option<u32>,
    /// `change`/`difference` with one line in `of`: where the previous value is, as an
    /// offset across the lines (default −1: the row above, or the column to the left;
    /// 1 when years run downwards newest first; −2 when each year has two columns).
    #[serde(default)]
    pub step: Option<i32>,
    /// Check only these rows (for `column`) or columns (for `row`); default: all. For
    /// `share` without `base`, the whole is also summed over these only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only: Vec<u32>,
    /// `ratio`: the multiplier (default 100, a percentage; 1 for a 배수 such as 구인배수).
    #[serde(default)]
    pub scale: Option<f64>,
}

/// What a [`Relation`]'s figures are.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// 합계: the sum of the `of` lines.
    Sum,
    /// 구성비 (%): the `of` line's share of the whole.
    Share,
    /// 증감률 (%): change over the previous value.
    Change,
    /// 증감 (%p or units): the later value minus the previous one.
    Difference,
    /// 비율: `of[0] ÷ of[1] × scale` (취업률, 구인배수, 달성률, …).
    Ratio,
}

/// A table cell: a plain value (text, number, or empty for "-"), or a map with
/// `value`, `cols`, `rows`, `unit`, and `sum: true` for a computed column total.
// Read by `CellVisitor` below: the value's own type picks the variant.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    /// A plain integer.
    Int(i64),
    /// A plain decimal.
    Float(f64),
    /// Plain text.
    Text(String),
    /// A cell with options.
    Full(FullCell),
    /// An empty cell, printed "-".
    Empty(()),
}

/// A table cell with options.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FullCell {
    /// The value (text or number); omit for "-" or for a `sum` cell.
    #[serde(default)]
    pub value: Option<Scalar>,
    /// Columns spanned.
    #[serde(default)]
    pub cols: Option<u32>,
    /// Rows spanned.
    #[serde(default)]
    pub rows: Option<u32>,
    /// Unit printed after a number, e.g. "명".
    #[serde(default)]
    pub unit: Option<String>,
    /// `true`: this cell is the sum of the numbers in its column in the other body rows.
    #[serde(default)]
    pub sum: bool,
    /// `true`: print nothing (not even "-").
    #[serde(default)]
    pub blank: bool,
}

/// A single value in a cell.
// Read by `ScalarVisitor` below.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Scalar {
    /// Integer.
    Int(i64),
    /// Decimal.
    Float(f64),
    /// Text.
    Text(String),
}

/// Reads a [`Cell`] by the type of the value written, in one pass. (serde's `untagged`
/// would try each variant in turn and format an error message for every miss, which made
/// reading the tables a third of the loading time.)
struct CellVisitor;

impl<'de> serde::de::Visitor<'de> for CellVisitor {
    type Value = Cell;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("표 칸 값(글, 숫자, 빈 값 ~ 또는 {value, cols, rows, unit, sum, blank} 묶음)")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Cell, E> {
        Ok(Cell::Int(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Cell, E> {
        ScalarVisitor.visit_u64(v).map(Cell::from)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Cell, E> {
        Ok(Cell::Float(v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Cell, E> {
        Ok(Cell::Text(v.to_string()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Cell, E> {
        Ok(Cell::Text(v))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Cell, E> {
        Ok(Cell::Empty(()))
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Cell, E> {
        Ok(Cell::Empty(()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Cell, A::Error> {
        FullCell::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Cell::Full)
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CellVisitor)
    }
}

impl From<Scalar> for Cell {
    fn from(value: Scalar) -> Self {
        match value {
            Scalar::Int(i) => Cell::Int(i),
            Scalar::Float(f) => Cell::Float(f),
            Scalar::Text(t) => Cell::Text(t),
        }
    }
}

/// Reads a [`Scalar`] by the type of the value written.
struct ScalarVisitor;

impl<'de> serde::de::Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("글 또는 숫자")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Scalar, E> {
        i64::try_from(v)
            .map(Scalar::Int)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// A chart drawn from data (막대 or 꺾은선).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chart {
    /// `< 제목 >` caption.
    pub caption: String,
    /// 단위, e.g. "명".
    #[serde(default)]
    pub unit: Option<String>,
    /// 출처 footnote on the caption.
    #[serde(default)]
    pub source: Option<String>,
    /// `bar` or `line`.
    pub kind: ChartKind,
    /// Labels along the horizontal axis.
    pub categories: Vec<String>,
    /// Data series, one value per category.
    pub series: Vec<Series>,
}

/// Chart kind.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// 막대 그래프.
    Bar,
    /// 꺾은선 그래프.
    Line,
}

/// One data series of a chart.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// 계열 이름.
    pub name: String,
    /// One value per category.
    pub values: Vec<ChartValue>,
}

/// One 그래프 value as written: `54` or `54.0`. A value written as a decimal keeps its
/// published places in the chart's labels and description (`54.0`), as a table's does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartValue {
    /// The number.
    pub value: f64,
    /// Written as a decimal (`54.0`, `3.5`) rather than a whole number (`54`).
    pub decimal: bool,
}

impl ChartValue {
    /// A value as a workbook cell holds it: a decimal when it has a fraction or its
    /// number format shows decimal places.
    pub fn new(value: f64, decimal: bool) -> Self {
        ChartValue {
            value,
            decimal: decimal || value.fract() != 0.0,
        }
    }
}

impl Serialize for ChartValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.decimal && self.value.fract() == 0.0 && self.value.abs() < 9e15 {
            serializer.serialize_i64(self.value as i64)
        } else {
            serializer.serialize_f64(self.value)
        }
    }
}

impl<'de> Deserialize<'de> for ChartValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ChartValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("f64")
            }
            fn visit_i64<E>(self, v: i64) -> Result<ChartValue, E> {
                Ok(ChartValue::new(v as f64, false))
            }
            fn visit_u64<E>(self, v: u64) -> Result<ChartValue, E> {
                Ok(ChartValue::new(v as f64, false))
            }
            fn visit_f64<E>(self, v: f64) -> Result<ChartValue, E> {
                Ok(ChartValue::new(v, true))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// In the schema a chart value is a number, as before.
impl JsonSchema for ChartValue {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        f64::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        f64::json_schema(generator)
    }
}
