//! 통합문서 양식 (workbook layout): the sheets, their Korean column headers and what each
//! column holds. The reader, the blank template, the export and the 안내 sheet all read
//! this one description, so they cannot drift apart.

/// What a column holds; decides the number format, the drop-down list and how it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// A record's own id (영문 소문자, 숫자, `-`).
    Id,
    /// The id of a record on another sheet (drop-down list of that sheet's ids).
    Ref(&'static str),
    /// A whole number (명, 개).
    Whole,
    /// Money in 천원 (whole number, thousands separators).
    Money,
    /// A month, 1–12.
    Month,
    /// A decimal (rates, 명 or % targets).
    Decimal,
    /// One of a fixed list of words.
    Choice(&'static [&'static str]),
}

/// One column of a record sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header text in row 1 (also how the reader finds the column).
    pub header: &'static str,
    /// What to write in it (shown on the 안내 sheet and as the cell's input message).
    pub help: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether every row must fill it.
    pub required: bool,
}

/// A sheet of records: one row per record, header in the first row.
#[derive(Debug, Clone, Copy)]
pub struct SheetLayout {
    /// Sheet name.
    pub name: &'static str,
    /// What one row is.
    pub help: &'static str,
    /// Columns, in order.
    pub columns: &'static [Column],
}

impl SheetLayout {
    /// The column headers, comma-separated (for hints).
    pub fn headers(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.header)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Index of the column with `header`.
    pub fn index(&self, header: &str) -> usize {
        self.columns
            .iter()
            .position(|c| c.header == header)
            .unwrap_or_else(|| panic!("layout of {} has no column {header}", self.name))
    }
}

const fn col(header: &'static str, kind: Kind, required: bool, help: &'static str) -> Column {
    Column {
        header,
        help,
        kind,
        required,
    }
}

/// Budget columns (사업비, 천원), shared by 과제 and 사업.
macro_rules! budget_columns {
    () => {
        [
            col(
                "계",
                Kind::Money,
                false,
                "사업비 합계(천원). 비워 두면 재원의 합으로 계산합니다.",
            ),
            col("국비", Kind::Money, false, "국비(천원)."),
            col("시도비", Kind::Money, false, "시·도비(천원)."),
            col("시군구비", Kind::Money, false, "시·군·구비(천원)."),
            col("민자", Kind::Money, false, "민간 부담(천원)."),
        ]
    };
}

/// Names of the budget columns, in the order of [`budget_columns`].
pub const BUDGET_HEADERS: [&str; 5] = ["계", "국비", "시도비", "시군구비", "민자"];

/// `계획`: one row per item of the plan's front matter (항목, 값).
pub const PLAN: SheetLayout = SheetLayout {
    name: "계획",
    help: "계획의 기본 정보. 한 행에 항목 하나(비전·공통목표 주석은 여러 행 가능).",
    columns: &[
        col(
            "항목",
            Kind::Choice(&PLAN_KEYS),
            true,
            "아래 항목 이름 중 하나.",
        ),
        col("값", Kind::Text, false, "항목의 값."),
    ],
};

/// The items of the `계획` sheet, with what each one is.
pub const PLAN_ITEMS: [(&str, &str); 14] = [
    ("지자체", "지자체 이름. 예: 인천광역시 서구"),
    ("연도", "계획 연도. 예: 2021"),
    (
        "날짜",
        "문서 날짜(YYYY-MM-DD). PDF에 기록되어 같은 자료는 같은 PDF가 됩니다.",
    ),
    ("제도", "표지의 제도 명칭. 예: 지역일자리 목표 공시제"),
    ("슬로건", "표지의 슬로건(없으면 행을 지우세요)."),
    ("비전", "표지의 비전 문구. 한 줄에 한 행, 여러 행 가능."),
    ("국비 명칭", "요약표에서 국비를 부르는 이름. 예: 국비"),
    ("시도비 명칭", "시·도비를 부르는 이름. 예: 시비, 도비"),
    ("시군구비 명칭", "시·군·구비를 부르는 이름. 예: 구비, 군비"),
    (
        "글자 크기",
        "PDF의 글자 크기: 공문서(기본, 정부 보고서의 크기) 또는 작게(본문 11pt, 쪽이 적음).",
    ),
    ("목표 비전", "III. 일자리 목표의 비전 문구."),
    ("연계 제목", "민선 종합계획과의 연계성 절 제목."),
    (
        "공통목표 주석",
        "공통 일자리 목표 표 아래의 * 주석. 한 줄에 한 행, 여러 행 가능.",
    ),
    (
        "요약 열 차례",
        "I 요약의 목표 열 차례: 인원 먼저(기본, 인쇄본처럼), 비율 먼저, 적은 차례 중 하나.",
    ),
];

const PLAN_KEYS: [&str; 14] = [
    "지자체",
    "연도",
    "날짜",
    "제도",
    "슬로건",
    "비전",
    "국비 명칭",
    "시도비 명칭",
    "시군구비 명칭",
    "글자 크기",
    "목표 비전",
    "연계 제목",
    "공통목표 주석",
    "요약 열 차례",
];

/// `목표`: one row per 공통 일자리 목표 indicator.
pub const TARGETS: SheetLayout = SheetLayout {
    name: "목표",
    help: "공통 일자리 목표. 한 행에 지표 하나.",
    columns: &[
        col("지표", Kind::Text, true, "지표 이름. 예: 취업률"),
        col(
            "요약 이름",
            Kind::Text,
            false,
            "I. 요약 표에서의 이름(비우면 \"목표 \"+지표).",
        ),
        col(
            "종류",
            Kind::Choice(&["비율", "인원"]),
            true,
            "비율(%, 증감은 %p) 또는 인원(명, 증감은 %).",
        ),
        col(
            "전년도 목표",
            Kind::Decimal,
            false,
            "전년도 목표. 아직 모르면 비워 둠(\"-\"로 찍히고 check가 경고).",
        ),
        col(
            "전년도 실적",
            Kind::Decimal,
            false,
            "전년도 실적. 아직 모르면 비워 둠.",
        ),
        col(
            "올해 목표",
            Kind::Decimal,
            false,
            "올해 목표. 정하기 전에는 비워 둠.",
        ),
    ],
};

/// `전략`: one row per 추진전략.
pub const STRATEGIES: SheetLayout = SheetLayout {
    name: "전략",
    help: "추진전략. 한 행에 전략 하나, 문서에 나오는 순서대로.",
    columns: &[
        col(
            "전략ID",
            Kind::Id,
            true,
            "전략을 가리키는 고유 이름(영문 소문자·숫자·-). 예: youth",
        ),
        col("전략명", Kind::Text, true, "추진전략 이름."),
    ],
};

/// `과제`: one row per 실천과제.
pub const TASKS: SheetLayout = SheetLayout {
    name: "과제",
    help: "실천과제. 한 행에 과제 하나, 문서에 나오는 순서대로.",
    columns: &{
        let b = budget_columns!();
        [
            col(
                "과제ID",
                Kind::Id,
                true,
                "과제의 고유 이름(영문 소문자·숫자·-).",
            ),
            col(
                "전략ID",
                Kind::Ref("전략"),
                true,
                "과제가 속한 추진전략(전략 시트의 전략ID).",
            ),
            col(
                "과제명",
                Kind::Text,
                true,
                "요약·개요·추진일정에 나오는 과제명.",
            ),
            col(
                "과제 제목",
                Kind::Text,
                false,
                "IV장 과제 제목(비우면 과제명).",
            ),
            col(
                "성과목표(명)",
                Kind::Whole,
                false,
                "일자리 창출 성과목표(명). 없으면 비워 두세요.",
            ),
            b[0],
            b[1],
            b[2],
            b[3],
            b[4],
        ]
    },
};

/// `사업`: one row per 세부사업.
pub const PROJECTS: SheetLayout = SheetLayout {
    name: "사업",
    help: "세부사업. 한 행에 사업 하나, 문서에 나오는 순서대로. 사업비는 천원 단위.",
    columns: &{
        let b = budget_columns!();
        [
            col(
                "사업ID",
                Kind::Id,
                true,
                "사업의 고유 이름(영문 소문자·숫자·-).",
            ),
            col(
                "과제ID",
                Kind::Ref("과제"),
                true,
                "사업이 속한 실천과제(과제 시트의 과제ID).",
            ),
            col("사업명", Kind::Text, true, "IV장 ○ 사업명."),
            col(
                "목록 이름",
                Kind::Text,
                false,
                "요약·개요·추진일정 목록의 이름(비우면 사업명).",
            ),
            col(
                "목록 표시",
                Kind::Choice(&["예", "아니오"]),
                false,
                "목록에 싣는지(비우면 예).",
            ),
            b[0],
            b[1],
            b[2],
            b[3],
            b[4],
        ]
    },
};

/// `일정`: one row per bar of the 추진일정.
pub const SCHEDULE: SheetLayout = SheetLayout {
    name: "일정",
    help: "추진일정 막대. 한 행에 막대 하나.",
    columns: &[
        col(
            "사업ID",
            Kind::Ref("사업"),
            true,
            "막대가 속한 세부사업(사업 시트의 사업ID).",
        ),
        col("시작 월", Kind::Month, true, "시작 월(1~12)."),
        col("종료 월", Kind::Month, true, "종료 월(1~12)."),
        col("내용", Kind::Text, false, "막대 설명."),
    ],
};

/// The kinds of 본문 rows.
pub const BLOCK_KINDS: [&str; 9] = [
    "장제목",
    "제목",
    "글",
    "주",
    "결론",
    "표",
    "그래프",
    "절차",
    "각주",
];

/// `본문`: the prose, one row per line, in document order.
pub const BODY: SheetLayout = SheetLayout {
    name: "본문",
    help: "본문 글. 한 행에 한 줄, 문서 순서대로. 위치가 같은 행들이 한 덩어리가 됩니다.",
    columns: &[
        col(
            "위치",
            Kind::Text,
            true,
            "어디의 글인지: 노동시장 1, 노동시장 2 …(II장의 장), 연계(III장 민선 종합계획과의 연계성), 과제 <과제ID> 목적, 과제 <과제ID> 도입, 과제 <과제ID> 기대효과, 사업 <사업ID>(세부내용).",
        ),
        col(
            "단계",
            Kind::Whole,
            true,
            "들여쓰기 단계. 1이 가장 바깥(□ 또는 ○), 2는 그 아래(-), 3은 그 아래(·).",
        ),
        col(
            "종류",
            Kind::Choice(&BLOCK_KINDS),
            true,
            "장제목(II장 장 이름), 제목(□), 글, 주(*), 결론(⇒), 표, 그래프, 절차(추진절차: 내용에 단계를 → 로 이어 씀, 예: 신청 → 심사 → 선정 → 지원), 각주(바로 앞 줄의 각주).",
        ),
        col(
            "앞말",
            Kind::Text,
            false,
            "글 앞의 굵은 머리말. 각주 행에서는 각주 표시가 붙을 구절. 절차 행에서는 상자를 놓을 줄 수(1 또는 2, 비우면 단계가 다섯 개까지 한 줄).",
        ),
        col(
            "내용",
            Kind::Text,
            false,
            "글. 표와 그래프는 그 내용이 담긴 시트 이름.",
        ),
    ],
};

/// The kinds of 계산 관계, as the `관계` sheet names them.
pub const RELATION_KINDS: [&str; 5] = ["합계", "구성비", "증감률", "증감", "비율"];

/// `관계`: the 계산 관계 of 표 sheets, checked by `gongsi check` (see `source::Relation`).
pub const RELATIONS: SheetLayout = SheetLayout {
    name: "관계",
    help: "표 안에서 계산으로 나오는 숫자(합계, 구성비, 증감률, 증감, 비율). gongsi check가 맞는지 검사합니다. 한 행에 관계 하나.",
    columns: &[
        col(
            "표 시트",
            Kind::Text,
            true,
            "관계가 있는 표의 시트 이름. 예: 표03",
        ),
        col(
            "종류",
            Kind::Choice(&RELATION_KINDS),
            true,
            "합계(대상의 합), 구성비(대상 ÷ 전체 × 100), 증감률((나중−이전) ÷ 이전 × 100), 증감(나중−이전), 비율(대상1 ÷ 대상2 × 배율).",
        ),
        col(
            "열",
            Kind::Whole,
            false,
            "검사할 숫자가 세로로 놓인 열 번호(표의 왼쪽부터 1). 열과 행 중 하나만 씁니다.",
        ),
        col(
            "행",
            Kind::Whole,
            false,
            "검사할 숫자가 가로로 놓인 본문 행 번호(머리글 아래부터 1).",
        ),
        col(
            "대상",
            Kind::Text,
            true,
            "계산에 쓰는 열(또는 행) 번호들. 쉼표로 구분. 예: 2, 3",
        ),
        col(
            "전체",
            Kind::Whole,
            false,
            "구성비의 전체가 있는 행(또는 열) 번호. 비우면 합계 칸, 없으면 대상의 합.",
        ),
        col(
            "간격",
            Kind::Decimal,
            false,
            "증감률·증감에서 대상이 하나일 때 이전 값의 위치(기본 -1: 바로 위 또는 왼쪽).",
        ),
        col(
            "해당",
            Kind::Text,
            false,
            "이 행(또는 열)들만 검사. 쉼표로 구분. 비우면 전부.",
        ),
        col(
            "배율",
            Kind::Decimal,
            false,
            "비율의 배율(기본 100; 배수는 1).",
        ),
    ],
};

/// Every record sheet, in workbook order.
pub const RECORD_SHEETS: [&SheetLayout; 8] = [
    &PLAN,
    &TARGETS,
    &STRATEGIES,
    &TASKS,
    &PROJECTS,
    &SCHEDULE,
    &BODY,
    &RELATIONS,
];

/// The sheet that explains the others.
pub const GUIDE: &str = "안내";

/// Labels in column A of a 표 sheet, rows 1–4; the grid starts at row 6.
pub const TABLE_LABELS: [&str; 4] = ["제목", "단위", "출처", "너비"];
/// Column-A mark of a header row in a 표 sheet.
pub const HEADER_ROW: &str = "머리";
/// Labels in column A of a 그래프 sheet, rows 1–4; the series start at row 6.
pub const CHART_LABELS: [&str; 4] = ["제목", "단위", "출처", "종류"];
/// Row (0-based) where the grid of a 표 or 그래프 sheet starts.
pub const GRID_ROW: u32 = 5;
