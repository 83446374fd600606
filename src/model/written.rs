//! The plan as the user writes it: the YAML schema (자료 형식), field by field. The doc comments
//! are the Korean field guide (항목 설명): they become the JSON Schema descriptions, the user guide's
//! field reference (`docs/field-guide.md`) and the workbook's 안내 sheet ([`crate::model::guide`]), so they are written for staff.
//!
//! Every struct denies unknown fields, so a typo in a key is an error instead of silently
//! dropped data. Figures that can be derived (totals, shares, rates) are not written here:
//! `plan.rs` computes them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `plan.yaml`: 계획을 공시하는 지자체, 계획 연도, 표지, 재원 명칭.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInfo {
    /// 지자체 이름: 표지·제목·파일 이름에 쓰임. 예: "○○도 ○○군".
    pub district: String,
    /// 계획 연도(네 자리 정수). 제목, `'21년 추진계획`, III 제목이 이것에서 나옴. 예: 2021.
    pub year: i32,
    /// 문서 날짜(YYYY-MM-DD, 따옴표로 감쌈): 공시일. PDF 정보에 기록되어 같은 자료는 같은
    /// PDF가 됨. 예: "2021-04-30".
    pub date: String,
    /// 표지: 제도 명칭, 슬로건, 비전 문구.
    pub cover: Cover,
    /// 재원 명칭: 요약표·추진계획 표에서 국비·시도비·시군구비를 이 지자체가 부르는 이름.
    pub budget_terms: BudgetTerms,
    /// PDF의 글자 크기: `official`(기본: 정부 보고서의 관행 — □ ○ 줄 15pt 안팎, - 줄 13pt, 표
    /// 작게; 인쇄본과 쪽 수가 비슷함) 또는 `compact`(본문 11pt, 표 8.5pt; 쪽이 적음). 예: official.
    #[serde(default)]
    pub type_scale: TypeScale,
}

/// PDF의 글자 크기 체계 (type scale).
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TypeScale {
    /// 정부 보고서의 관행을 따른 크기(docs/layout.md의 「글자 크기」).
    #[default]
    Official,
    /// 작은 크기: 본문 11pt, 표 8.5pt.
    Compact,
}

impl TypeScale {
    /// Every scale, with the word the workbook's `계획` sheet writes for it.
    pub const WORDS: [(TypeScale, &'static str); 2] = [
        (TypeScale::Official, "공문서"),
        (TypeScale::Compact, "작게"),
    ];

    /// The workbook's word for this scale.
    pub fn word(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("공문서", |(_, w)| w)
    }
}

/// 표지: 표지에 찍히는 줄들.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// 제도 명칭(표지 맨 위). 예: "지역일자리 목표 공시제".
    pub system: String,
    /// 슬로건(표지, 글 한 줄). 없으면 생략. 예: "함께 일하는 행복도시".
    #[serde(default)]
    pub slogan: Option<String>,
    /// 표지의 비전 문구: 목록, 한 항목이 한 줄. 예: ["일하고 싶은 도시", "기업하기 좋은 도시"].
    #[serde(default)]
    pub vision: Vec<String>,
}

/// 재원 명칭: 요약표가 국비·시도비·시군구비를 부르는 이름.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetTerms {
    /// 국비의 이름. 예: "국비".
    pub national: String,
    /// 시도비(광역)의 이름. 예: "시비"(광역시), "도비"(도).
    pub province: String,
    /// 시군구비(기초)의 이름. 예: "구비", "군비", "시비".
    pub local: String,
}

/// `labour-market/*.yaml`: II 지역 노동시장 현황의 장(章) 하나.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// 장 제목(II의 순서와 본문 제목). 예: "인구변화".
    pub title: String,
    /// 장 본문: 본문 블록의 목록(□ 제목, ○ 글, 표, 그래프 …).
    pub body: Vec<Block>,
}

/// `goals.yaml`: III 일자리 목표.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goals {
    /// III의 비전 문구(비전 체계도 맨 위, 글 한 줄). 예: "모두가 일하는 행복도시".
    #[serde(default)]
    pub vision: String,
    /// 공통 일자리 목표: 지표의 목록(취업률, 고용보험 피보험자수 …). 계획 폴더의 통합문서
    /// `목표` 시트에 적어도 됨. 달성률·증감(률)은 gongsi가 계산함.
    #[serde(default)]
    pub common_targets: Vec<CommonTarget>,
    /// 공통 일자리 목표 표 아래의 `*` 주석: 글의 목록. 예: ["취업률 : 총 구직건수 대비 총 취업건수"].
    #[serde(default)]
    pub common_notes: Vec<String>,
    /// I 요약 「지역 일자리 목표 요약」 표에서 공통 목표 열의 차례(사업예산 열 다음): `counts-first`(기본:
    /// 인원 지표 다음 비율 지표, 인쇄본처럼 목표 피보험자 수 → 목표 취업률), `rates-first`(비율 지표 먼저),
    /// `as-written`(`common_targets`에 적은 차례). 같은 종류끼리는 적은 차례. III 공통 일자리 목표 표는
    /// 언제나 적은 차례. 예: counts-first.
    #[serde(default)]
    pub summary_order: SummaryOrder,
    /// 민선 종합계획과의 연계성: 절 제목과 본문.
    #[serde(default)]
    pub term_plan: TermPlan,
}

/// 공통 일자리 목표의 지표 하나.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommonTarget {
    /// 지표 이름(III 표). 예: "취업률".
    pub name: String,
    /// I 요약 표에서의 이름. 생략하면 "목표 " + 지표 이름. 예: "목표 취업률".
    #[serde(default)]
    pub summary_name: Option<String>,
    /// 지표 종류: `rate`(비율, %; 증감은 %p로 계산) 또는 `count`(인원, 명; 증감률은 %로 계산).
    pub kind: TargetKind,
    /// 전년도 목표(숫자; rate는 %, count는 명). 아직 모르면 `~`: "-"로 찍히고 `gongsi check`가
    /// 경고함(`missing-figure`). 예: 34.
    #[serde(default)]
    pub previous_target: Option<f64>,
    /// 전년도 실적(숫자, 단위는 전년도 목표와 같음). 아직 모르면 `~`(예: `gongsi new` 직후). 예: 30.2.
    #[serde(default)]
    pub previous_result: Option<f64>,
    /// 올해 목표(숫자, 단위는 전년도 목표와 같음). 정하기 전에는 `~`. 예: 34.1.
    #[serde(default)]
    pub target: Option<f64>,
}

/// 지표 종류: 비율인지 인원인지. 단위와 증감 계산 방법을 정함.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// 비율(%). 증감 = 목표 − 실적(%p).
    Rate,
    /// 인원(명). 증감률 = (목표 − 실적) ÷ 실적 × 100(%).
    Count,
}

/// I 요약 표의 공통 목표 열 차례: 목록의 차례가 아니라 계획이 적는 규칙.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SummaryOrder {
    /// 인원 지표(명) 다음 비율 지표(%): 인쇄본의 차례.
    #[default]
    CountsFirst,
    /// 비율 지표(%) 다음 인원 지표(명).
    RatesFirst,
    /// `common_targets`에 적은 차례.
    AsWritten,
}

impl SummaryOrder {
    /// Every order, with the word the workbook's `계획` sheet writes for it.
    pub const WORDS: [(SummaryOrder, &'static str); 3] = [
        (SummaryOrder::CountsFirst, "인원 먼저"),
        (SummaryOrder::RatesFirst, "비율 먼저"),
        (SummaryOrder::AsWritten, "적은 차례"),
    ];

    /// Where a target of `kind` goes in the summary: lower first; ties keep the written order.
    pub fn rank(self, kind: TargetKind) -> u8 {
        match (self, kind) {
            (SummaryOrder::AsWritten, _) => 0,
            (SummaryOrder::CountsFirst, TargetKind::Count)
            | (SummaryOrder::RatesFirst, TargetKind::Rate) => 0,
            _ => 1,
        }
    }

    /// The workbook's word for this order.
    pub fn word(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(o, _)| *o == self)
            .map_or("인원 먼저", |(_, w)| w)
    }
}

/// 민선 종합계획과의 연계성: III의 한 절.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermPlan {
    /// 절 제목. 예: "민선8기 종합계획과의 연계성".
    #[serde(default)]
    pub title: String,
    /// 절 본문: 본문 블록의 목록(글, 연도별 목표 표, 주석).
    #[serde(default)]
    pub body: Vec<Block>,
}

/// `strategies/*.yaml`: 추진전략 하나와 그 실천과제들.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// 전략 ID: 해마다 바꾸지 않는 이름표(영문 소문자, 숫자, `-`). 초안 비교가 이것으로 짝을
    /// 맞춤. 인쇄되지 않음. 예: "jobs".
    pub id: String,
    /// 전략 이름(요약·비전 체계도·IV 제목). 예: "청년 일자리 확대".
    pub name: String,
    /// 실천과제의 목록. 전략마다 하나 이상.
    pub tasks: Vec<Task>,
}

/// 실천과제: IV의 과제 한 덩어리.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// 과제 ID: 해마다 바꾸지 않는 이름표(영문 소문자, 숫자, `-`; 계획 전체에서 하나뿐). 인쇄되지
    /// 않음. 예: "startup-support".
    pub id: String,
    /// 과제명: 요약, 개요표, 추진일정에 쓰는 이름. 예: "창업 지원".
    pub name: String,
    /// IV 과제 제목. 생략하면 과제명. 예: "예비 창업가 발굴·육성을 위한 창업 지원".
    #[serde(default)]
    pub title: Option<String>,
    /// 일자리 창출 성과목표(명, 0 이상 정수). 없으면 생략 → "-". 전략·계획 합계는 gongsi가
    /// 계산함. 예: 40.
    #[serde(default)]
    pub target_people: Option<u64>,
    /// □ 사업목적: 본문 블록의 목록.
    #[serde(default)]
    pub purpose: Vec<Block>,
    /// □ 사업내용에서 첫 세부사업 앞에 둘 줄(본문 블록의 목록). 없으면 생략.
    #[serde(default)]
    pub intro: Vec<Block>,
    /// 세부사업의 목록: □ 사업내용의 ○ 항목들.
    pub projects: Vec<Project>,
    /// □ 기대효과: 본문 블록의 목록.
    #[serde(default)]
    pub effects: Vec<Block>,
    /// 과제의 사업비(천원): 세부사업에 사업예산이 없을 때만 적음. 세부사업에 있으면 gongsi가
    /// 그 합으로 계산하므로 적지 않음.
    #[serde(default)]
    pub budget: Option<Budget>,
}

/// 세부사업: 실천과제의 사업 하나.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 사업 ID: 해마다 바꾸지 않는 이름표(영문 소문자, 숫자, `-`; 계획 전체에서 하나뿐). 인쇄되지
    /// 않음. 예: "startup-space".
    pub id: String,
    /// 사업명: IV의 ○ 제목. 예: "창업 공간 조성사업".
    pub name: String,
    /// 요약·개요표·추진일정에 쓰는 사업명. 생략하면 사업명.
    #[serde(default)]
    pub list_name: Option<String>,
    /// 요약·개요표·추진일정에 올릴지(`true`/`false`). 생략하면 `true`.
    #[serde(default = "yes")]
    pub listed: bool,
    /// 세부내용: 본문 블록의 목록(- · 줄, 표). 없으면 생략.
    #[serde(default)]
    pub details: Vec<Block>,
    /// 사업예산(천원, 재원별): 세부내용 끝에 "사업예산 : 38,000천원(전액 구비)"로 찍힘. 과제·전략·
    /// 계획의 합은 gongsi가 계산함. 예: {local: 38000}.
    #[serde(default)]
    pub budget: Option<Budget>,
    /// 추진일정(V)의 막대 목록.
    #[serde(default)]
    pub schedule: Vec<Bar>,
}

fn yes() -> bool {
    true
}

/// 사업예산(천원): 재원별 금액.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// 계(천원): 문서에 따로 적힌 합계일 때만. 생략하면 gongsi가 재원의 합으로 계산함.
    #[serde(default)]
    pub total: Option<i64>,
    /// 국비(천원, 정수). 생략하면 0. 예: 120000.
    #[serde(default)]
    pub national: i64,
    /// 시도비(천원, 정수). 생략하면 0.
    #[serde(default)]
    pub province: i64,
    /// 시군구비(천원, 정수). 생략하면 0. 예: 38000.
    #[serde(default)]
    pub local: i64,
    /// 민자(천원, 정수). 생략하면 0.
    #[serde(default)]
    pub private: i64,
}

/// 추진일정 막대 하나(1~12월, 양 끝 포함).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bar {
    /// 시작 월(1~12). 예: 3.
    pub from: u32,
    /// 종료 월(1~12, 시작 월 이후). 예: 8.
    pub to: u32,
    /// 막대 설명(V 추진일정의 줄 이름). 예: "참여자 모집".
    pub label: String,
}

/// 본문 블록: `heading`, `text`, `note`, `conclusion`, `table`, `chart`, `procedure` 가운데
/// 하나와, 그 아래에 둘 `items`. 글머리표(□ ○ - ·)는 깊이로 정해짐.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// □ 제목(절 제목, 글 한 줄). 예: "인구현황".
    #[serde(default)]
    pub heading: Option<String>,
    /// 글머리표 줄(○ - ·, 깊이로 정해짐). 예: "2020년 말 인구 54만 명".
    #[serde(default)]
    pub text: Option<String>,
    /// 글 앞의 굵은 머리말: `text`와 함께 쓰며 "(머리말)"로 찍힘. 예: "인구규모".
    #[serde(default)]
    pub lead: Option<String>,
    /// `*` 주석 줄. 예: "기준 : 2020년 12월 말".
    #[serde(default)]
    pub note: Option<String>,
    /// `⇒` 결론 줄.
    #[serde(default)]
    pub conclusion: Option<String>,
    /// 표(아래 「표」).
    #[serde(default)]
    pub table: Option<Table>,
    /// 자료로 그리는 그래프(아래 「그래프」).
    #[serde(default)]
    pub chart: Option<Chart>,
    /// 추진절차: 단계를 상자에 넣고 화살표로 이은 그림.
    #[serde(default)]
    pub procedure: Option<Procedure>,
    /// 각주의 목록: 글의 한 문구 바로 뒤에 다는 각주.
    #[serde(default)]
    pub footnotes: Vec<Footnote>,
    /// 이 블록 아래에 한 단계 들여 둘 본문 블록의 목록.
    #[serde(default)]
    pub items: Vec<Block>,
}

/// 추진절차(그림): 사업의 단계를 차례로 상자에 넣고 화살표로 이음. 예: 신청 → 심사 → 선정 → 지원.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// 단계의 목록(차례대로, 짧은 문구). 예: ["공고", "심사 및 선정", "지원"].
    pub steps: Vec<String>,
    /// 상자를 놓을 줄 수: 1 또는 2. 생략하면 다섯 단계까지 1, 그보다 많으면 2.
    #[serde(default)]
    pub rows: Option<u32>,
}

/// 각주: 글에서 `after` 문구가 처음 나오는 곳 바로 뒤에 닮.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    /// 각주 표시를 붙일 문구(글에 그대로 있어야 함). 예: "고령화 사회".
    pub after: String,
    /// 각주 내용. 예: "65세 이상 인구가 7% 이상인 사회".
    pub text: String,
}

/// 표: 캡션, 단위 줄, 출처 각주, 머리 줄과 본문 줄.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// 표 제목: "< 제목 >"으로 찍힘(과제 안의 표는 생략). 예: "연도별 인구".
    #[serde(default)]
    pub caption: Option<String>,
    /// 단위: "(단위 : 명, %)"로 찍힘. 예: "명, %".
    #[serde(default)]
    pub unit: Option<String>,
    /// 출처: 표 제목에 다는 각주. 예: "출처: 통계청 지역별고용조사".
    #[serde(default)]
    pub source: Option<String>,
    /// 열 너비의 비율(숫자의 목록). 생략하면 gongsi가 내용에 맞춰 정함. 예: [2, 1, 1].
    #[serde(default)]
    pub widths: Vec<f64>,
    /// 머리 줄의 목록(음영·굵게): 줄마다 칸의 목록.
    #[serde(default)]
    pub header: Vec<Vec<Cell>>,
    /// 본문 줄의 목록: 줄마다 칸의 목록. 칸은 글, 숫자, `~`(빈 칸 → "-") 또는 {value, cols, rows, unit, sum, blank}.
    #[serde(default)]
    pub rows: Vec<Vec<Cell>>,
    /// 시트: 이 표(제목·단위·출처·너비·칸)를 담은 계획 폴더 통합문서의 시트 이름. 쓰면 표의
    /// 다른 항목은 YAML에 쓰지 않음. 예: "표01".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// 계산 관계의 목록: 이 표의 다른 숫자로 계산되는 숫자(합계, 구성비, 증감률, 비율).
    /// `gongsi check`가 검사하며 인쇄에는 쓰지 않음.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
}

/// 표의 계산 관계 하나: 한 줄(열 또는 본문 줄)의 숫자가 같은 표의 다른 줄에서 계산됨.
/// 번호는 1부터: 열은 맨 왼쪽 열이 1이고 합친 칸은 덮은 열마다 셈; 줄은 머리 줄 아래 첫
/// 본문 줄이 1.
///
/// `column: C`이면 본문 줄 r마다(또는 `only`의 줄만) (r, C)의 숫자를 같은 줄 r에서 `of`의
/// 열로 계산한 값과 견줌. `row: R`이면 줄과 열이 바뀜. 숫자가 없는 칸(글, `~`)은 건너뜀.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// 관계 종류: `sum`(합계 = of의 합), `share`(구성비 = of ÷ 전체 × 100), `change`
    /// (증감률 = (나중 − 이전) ÷ 이전 × 100), `difference`(증감 = 나중 − 이전),
    /// `ratio`(비율 = of[0] ÷ of[1] × scale).
    pub kind: RelationKind,
    /// 검사할 숫자가 세로로 놓인 열의 번호(맨 왼쪽 1). `column`과 `row` 중 하나만. 예: 3.
    #[serde(default)]
    pub column: Option<u32>,
    /// 검사할 숫자가 가로로 놓인 본문 줄의 번호(머리 줄 아래 첫 줄 1). `column`과 `row` 중 하나만.
    #[serde(default)]
    pub row: Option<u32>,
    /// 계산에 쓰는 줄 번호의 목록(`column`이면 열, `row`이면 줄): `sum` 하나 이상, `share`
    /// 하나(부분), `change`·`difference` 둘(`[이전, 나중]`) 또는 하나(이전 값은 `step`만큼
    /// 떨어진 칸), `ratio` 둘(`[분자, 분모]`). 예: [2].
    pub of: Vec<u32>,
    /// `share`의 전체(분모)가 든 줄(`column`이면 본문 줄, `row`이면 열) 번호. 생략하면 그 줄의
    /// `sum: true` 칸, 그것도 없으면 숫자들의 합.
    #[serde(default)]
    pub base: Option<u32>,
    /// `of`가 하나인 `change`·`difference`에서 이전 값의 위치(떨어진 칸 수): 기본 −1(위 줄 또는
    /// 왼쪽 열), 연도가 아래로 갈수록 옛날이면 1, 연도마다 두 열이면 −2.
    #[serde(default)]
    pub step: Option<i32>,
    /// 이 줄들(`column`이면 본문 줄, `row`이면 열)만 검사. 생략하면 모두. `base` 없는 `share`는
    /// 전체도 이것들로만 더함. 예: [1, 2].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only: Vec<u32>,
    /// `ratio`의 배수: 기본 100(%), 구인배수 같은 배수는 1.
    #[serde(default)]
    pub scale: Option<f64>,
}

/// 계산 관계의 종류.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// 합계: `of` 줄들의 합.
    Sum,
    /// 구성비(%): `of` 줄이 전체에서 차지하는 비율.
    Share,
    /// 증감률(%): 이전 값에 대한 변화의 비율.
    Change,
    /// 증감(%p 또는 그 단위): 나중 값 − 이전 값.
    Difference,
    /// 비율: `of[0] ÷ of[1] × scale`(취업률, 구인배수, 달성률 …).
    Ratio,
}

/// 표 칸: 값 하나(글, 숫자, 또는 `~` → "-"), 또는 `value`, `cols`, `rows`, `unit`, `sum`,
/// `blank`을 가진 묶음.
// Read by `CellVisitor` below: the value's own type picks the variant.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    /// 정수: 천 단위 쉼표로 찍힘. 음수는 △. 예: 544556.
    Int(i64),
    /// 소수: 적힌 자릿수(최소 한 자리)로 찍힘. 예: 18.4.
    Float(f64),
    /// 글. 예: "서울".
    Text(String),
    /// 선택이 있는 칸: {value, cols, rows, unit, sum, blank}.
    Full(FullCell),
    /// 빈 칸(`~`): "-"로 찍힘.
    Empty(()),
}

/// 선택이 있는 표 칸.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FullCell {
    /// 칸의 값(글 또는 숫자). "-"로 찍을 칸이나 `sum` 칸은 생략.
    #[serde(default)]
    pub value: Option<Scalar>,
    /// 가로로 합칠 열 수. 생략하면 1. 예: 2.
    #[serde(default)]
    pub cols: Option<u32>,
    /// 세로로 합칠 줄 수. 생략하면 1.
    #[serde(default)]
    pub rows: Option<u32>,
    /// 숫자 뒤에 붙여 찍을 단위. 예: "명".
    #[serde(default)]
    pub unit: Option<String>,
    /// `true`이면 gongsi가 같은 열의 다른 본문 줄 숫자를 더해 이 칸을 계산함(합계 칸).
    #[serde(default)]
    pub sum: bool,
    /// `true`이면 아무것도 찍지 않음("-"도 아님).
    #[serde(default)]
    pub blank: bool,
}

/// 칸의 값 하나.
// Read by `ScalarVisitor` below.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Scalar {
    /// 정수.
    Int(i64),
    /// 소수.
    Float(f64),
    /// 글.
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

/// 자료로 그리는 그래프(막대 또는 꺾은선).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chart {
    /// 그래프 제목: "< 제목 >"으로 찍힘. 예: "연도별 고용률".
    pub caption: String,
    /// 단위: "(단위 : %)"로 찍힘. 예: "%".
    #[serde(default)]
    pub unit: Option<String>,
    /// 출처: 제목에 다는 각주.
    #[serde(default)]
    pub source: Option<String>,
    /// 그래프 종류: `bar`(막대) 또는 `line`(꺾은선).
    pub kind: ChartKind,
    /// 가로축 항목의 목록. 예: ["2019년", "2020년"].
    pub categories: Vec<String>,
    /// 계열의 목록: 계열마다 항목 하나에 값 하나.
    pub series: Vec<Series>,
}

/// 그래프 종류.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// 막대 그래프.
    Bar,
    /// 꺾은선 그래프.
    Line,
}

/// 그래프의 계열 하나.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// 계열 이름(범례). 예: "고용률".
    pub name: String,
    /// 값의 목록: 가로축 항목마다 숫자 하나(단위는 그래프의 단위). 예: [60.1, 61.3].
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
