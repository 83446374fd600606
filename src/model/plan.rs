//! 계획 모델 (plan model): the document as the templates see it, every derivable figure
//! already computed — task and strategy budgets, the plan totals, 달성률 and 증감률,
//! numbering, and the rows of the schedule. Built by [`crate::pipeline::plan`].

use serde::Serialize;

use crate::model::budget::Money;
use crate::model::content::BlockView;
use crate::model::summary::{ActionBudget, Millions};
use crate::model::wording::Years;
use crate::model::written::{BudgetTerms, Cover, TypeScale};

/// The whole plan, ready for the templates.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// 지자체.
    pub district: String,
    /// 계획 연도.
    pub year: i32,
    /// Two-digit year as in `'21년`.
    pub year_short: String,
    /// Two-digit previous year as in `'20년`.
    pub previous_year_short: String,
    /// 문서 날짜 as `[year, month, day]`.
    pub date_ymd: [u32; 3],
    /// 표지.
    pub cover: Cover,
    /// 재원 명칭.
    pub terms: BudgetTerms,
    /// 글자 크기 of the PDF.
    pub type_scale: TypeScale,
    /// II. 지역 노동시장 현황, by chapter.
    pub chapters: Vec<ChapterView>,
    /// III. 일자리 목표.
    pub goals: GoalsView,
    /// 추진전략 with their tasks.
    pub strategies: Vec<StrategyView>,
    /// 일자리 목표 합계 (명).
    pub people: u64,
    /// 사업예산 합계.
    pub budget: Money,
    /// 사업예산 합계 as the summaries print it (백만원, 단수 조정).
    pub millions: Millions,
    /// [`summary::NOTE`] when the summaries' figures could not be adjusted to add up.
    pub rounding_note: Option<&'static str>,
}

impl Plan {
    /// The plan's years, as the slots of the fixed wording print them.
    pub fn years(&self) -> Years {
        Years {
            year: self.year.to_string(),
            yy: self.year_short.clone(),
            py: self.previous_year_short.clone(),
        }
    }
}

/// A chapter of part II.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterView {
    /// 1-based chapter number.
    pub number: usize,
    /// Title.
    pub title: String,
    /// Body.
    pub body: Vec<BlockView>,
}

/// Part III.
#[derive(Debug, Clone, Serialize)]
pub struct GoalsView {
    /// 비전.
    pub vision: String,
    /// 공통 일자리 목표, as written (III's table).
    pub common: Vec<CommonTargetView>,
    /// The same targets in the columns of I 「지역 일자리 목표 요약」, by the plan's
    /// [`SummaryOrder`](crate::model::written::SummaryOrder) (counts first, as the print).
    pub summary: Vec<CommonTargetView>,
    /// Notes under the common target table.
    pub common_notes: Vec<String>,
    /// 민선 종합계획과의 연계성 title.
    pub term_plan_title: String,
    /// Its body.
    pub term_plan: Vec<BlockView>,
}

/// One 공통 일자리 목표 row, with 달성률 and 증감(률) computed.
#[derive(Debug, Clone, Serialize)]
pub struct CommonTargetView {
    /// 지표.
    pub name: String,
    /// Name in the summary.
    pub summary_name: String,
    /// `%` or `명`.
    pub unit: String,
    /// 전년도 목표 (printed).
    pub previous_target: String,
    /// 전년도 실적 (printed).
    pub previous_result: String,
    /// 달성률 = 실적 / 목표 × 100 (printed).
    pub achievement: String,
    /// 올해 목표 (printed).
    pub target: String,
    /// 증감: %p for rates, % for counts (printed).
    pub change: String,
}

/// 추진전략.
#[derive(Debug, Clone, Serialize)]
pub struct StrategyView {
    /// 1-based number.
    pub number: usize,
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Σ tasks' 일자리 목표.
    pub people: u64,
    /// Σ tasks' budgets.
    pub budget: Money,
    /// Its row of III 분야별 목표 (백만원, 단수 조정).
    pub millions: Millions,
    /// 실천과제.
    pub tasks: Vec<TaskView>,
}

/// 실천과제.
#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    /// 1-based number within the strategy.
    pub number: usize,
    /// `①`, `②`, …
    pub mark: String,
    /// Stable id.
    pub id: String,
    /// Name in lists.
    pub name: String,
    /// Title of the block in part IV.
    pub title: String,
    /// 일자리 목표 as a number (0 when none).
    pub people: u64,
    /// 사업비: the sum of the projects' budgets when they carry budgets, else as stated.
    pub budget: Money,
    /// 사업예산 in I 요약 (백만원, 단수 조정): `None` when the task has no public money.
    pub millions: Option<i64>,
    /// 사업비 as its 【추진계획】 table prints it.
    pub action_budget: ActionBudget,
    /// □ 사업목적.
    pub purpose: Vec<BlockView>,
    /// □ 사업내용 lines before the first project.
    pub intro: Vec<BlockView>,
    /// 세부사업.
    pub projects: Vec<ProjectView>,
    /// □ 기대효과.
    pub effects: Vec<BlockView>,
}

/// 세부사업.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    /// Stable id.
    pub id: String,
    /// ○ heading.
    pub name: String,
    /// Name in lists.
    pub list_name: String,
    /// Listed in the summary, overview and schedule.
    pub listed: bool,
    /// `①`… among the listed projects of the task.
    pub mark: String,
    /// Details.
    pub details: Vec<BlockView>,
    /// 사업예산 line, e.g. `200,000천원(국 120,000, 구 80,000)`.
    pub budget_line: Option<String>,
    /// Schedule lines (bars that overlap go to the next line), each covering months 1–12.
    pub schedule: Vec<Vec<Segment>>,
}

/// A stretch of months on one schedule line: a bar, or a gap (no label).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Segment {
    /// First month.
    pub from: u32,
    /// Last month.
    pub to: u32,
    /// Months covered.
    pub span: u32,
    /// Bar label; `None` for a gap.
    pub label: Option<String>,
}
