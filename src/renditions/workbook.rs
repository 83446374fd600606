//! 통합문서 쓰기: the blank template (`gongsi template xlsx`) and a plan exported to the
//! same layout (`gongsi export xlsx`), both described by [`sheets`](crate::model::sheets).
//! The file is reproducible: the same plan gives the same bytes.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
};

use crate::model::content::{column_total, place_cells};
use crate::model::guide;
use crate::model::located::WrittenPlan;
use crate::model::sheets::{
    self, CHART_LABELS, Column, GRID_ROW, GUIDE, HEADER_ROW, Kind, PLAN_ITEMS, RECORD_SHEETS,
    SheetLayout, TABLE_LABELS,
};
use crate::model::written::{
    Block, Budget, Cell, Chart, ChartKind, Goals, Project, Relation, RelationKind, Scalar, Table,
    TargetKind,
};
use crate::pipeline::load::workbook::blocks::{self, Line, Sheet, SheetList};
use crate::pipeline::load::workbook::cell_name;

/// Rows given drop-down lists and checks in each record sheet.
const VALIDATED_ROWS: u32 = 2000;

/// A blank workbook to fill in: the 안내 sheet, every record sheet with its header, and an
/// example 표 sheet.
pub fn template() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    properties(&mut book, "gongsi 빈 양식", (2000, 1, 1))?;
    guide(&mut book)?;
    // The 계획 sheet lists its items, so that a staffer only fills in the values.
    let items: Vec<Vec<Value>> = PLAN_ITEMS
        .iter()
        .map(|(key, _)| vec![text(key), Value::Empty])
        .collect();
    for layout in RECORD_SHEETS {
        let rows = if layout.name == sheets::PLAN.name {
            items.as_slice()
        } else {
            &[]
        };
        record_sheet(&mut book, layout, rows, false)?;
    }
    let example = Table {
        caption: Some("표 제목".into()),
        unit: Some("명, %".into()),
        source: Some("출처".into()),
        widths: vec![2.0, 1.0, 1.0],
        header: vec![vec![
            Cell::Text("구분".into()),
            Cell::Text("2020년".into()),
            Cell::Text("2021년".into()),
        ]],
        rows: vec![vec![Cell::Text("예시".into()), Cell::Int(0), Cell::Int(0)]],
        sheet: None,
        relations: Vec::new(),
    };
    table_sheet(&mut book, "표01", &example)?;
    book.save_to_buffer()
}

/// The plan in the template's layout, so that next year starts from this year's figures.
pub fn export(plan: &WrittenPlan) -> Result<Vec<u8>, XlsxError> {
    book(plan, false)
}

/// A starter plan (`gongsi init --xlsx`) in the template's layout, with cell notes: every
/// column header says what the column holds, every placeholder that it is to be filled.
pub fn starter(plan: &WrittenPlan) -> Result<Vec<u8>, XlsxError> {
    book(plan, true)
}

fn book(plan: &WrittenPlan, notes: bool) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let info = &plan.info.value;
    let date = ymd(&info.date);
    properties(
        &mut book,
        &format!("{} {}년 연차별 세부계획", info.district, info.year),
        date,
    )?;
    guide(&mut book)?;
    let mut sheets = SheetList::default();
    let mut lines = Vec::new();
    let goals = &plan.goals.value;
    record_sheet(&mut book, &sheets::PLAN, &plan_items(plan), notes)?;
    record_sheet(&mut book, &sheets::TARGETS, &target_rows(goals), notes)?;

    for (i, chapter) in plan.chapters.iter().enumerate() {
        let place = format!("노동시장 {}", i + 1);
        lines.push(Line {
            place: place.clone(),
            depth: 1,
            kind: "장제목",
            lead: None,
            text: chapter.value.title.clone(),
        });
        blocks::lines(&place, &chapter.value.body, &mut sheets, &mut lines);
    }
    blocks::lines("연계", &goals.term_plan.body, &mut sheets, &mut lines);
    let records = strategy_records(plan, &mut sheets, &mut lines);
    record_sheet(&mut book, &sheets::STRATEGIES, &records.strategies, notes)?;
    record_sheet(&mut book, &sheets::TASKS, &records.tasks, notes)?;
    record_sheet(&mut book, &sheets::PROJECTS, &records.projects, notes)?;
    record_sheet(&mut book, &sheets::SCHEDULE, &records.bars, notes)?;
    record_sheet(&mut book, &sheets::BODY, &body_rows(&lines), notes)?;
    record_sheet(
        &mut book,
        &sheets::RELATIONS,
        &relation_rows(&sheets),
        notes,
    )?;
    for (name, sheet) in &sheets.sheets {
        match sheet {
            Sheet::Table(table) => table_sheet(&mut book, name, table)?,
            Sheet::Chart(chart) => chart_sheet(&mut book, name, chart)?,
        }
    }
    book.save_to_buffer()
}

/// The `계획` rows: the front matter, then part III's vision, link title and notes.
fn plan_items(plan: &WrittenPlan) -> Vec<Vec<Value>> {
    let info = &plan.info.value;
    let goals = &plan.goals.value;
    let mut items: Vec<Vec<Value>> = vec![
        item("지자체", &info.district),
        vec![
            text("연도"),
            Value::Number(f64::from(info.year), Kind::Whole),
        ],
        item("날짜", &info.date),
        item("제도", &info.cover.system),
    ];
    items.extend(info.cover.slogan.iter().map(|s| item("슬로건", s)));
    items.extend(info.cover.vision.iter().map(|v| item("비전", v)));
    items.push(item("국비 명칭", &info.budget_terms.national));
    items.push(item("시도비 명칭", &info.budget_terms.province));
    items.push(item("시군구비 명칭", &info.budget_terms.local));
    items.push(item("글자 크기", info.type_scale.word()));
    items.push(item("목표 비전", &goals.vision));
    items.push(item("연계 제목", &goals.term_plan.title));
    items.extend(goals.common_notes.iter().map(|n| item("공통목표 주석", n)));
    items.push(item("요약 열 차례", goals.summary_order.word()));
    items
}

/// The `목표` rows: one per 공통 일자리 목표.
fn target_rows(goals: &Goals) -> Vec<Vec<Value>> {
    goals
        .common_targets
        .iter()
        .map(|t| {
            vec![
                text(&t.name),
                optional(t.summary_name.as_deref()),
                text(match t.kind {
                    TargetKind::Rate => "비율",
                    TargetKind::Count => "인원",
                }),
                decimal(t.previous_target),
                decimal(t.previous_result),
                decimal(t.target),
            ]
        })
        .collect()
}

/// The rows of the strategy sheets: `전략`, `과제`, `사업` and `일정`.
struct StrategyRecords {
    strategies: Vec<Vec<Value>>,
    tasks: Vec<Vec<Value>>,
    projects: Vec<Vec<Value>>,
    bars: Vec<Vec<Value>>,
}

/// The strategy sheets' rows of the plan; the tasks' and projects' body text goes to
/// `lines` (and its tables and charts to `sheets`) in document order.
fn strategy_records(
    plan: &WrittenPlan,
    sheets: &mut SheetList,
    lines: &mut Vec<Line>,
) -> StrategyRecords {
    let mut records = StrategyRecords {
        strategies: Vec::new(),
        tasks: Vec::new(),
        projects: Vec::new(),
        bars: Vec::new(),
    };
    for located in &plan.strategies {
        let strategy = &located.value;
        records
            .strategies
            .push(vec![text(&strategy.id), text(&strategy.name)]);
        for task in &strategy.tasks {
            let mut row = vec![
                text(&task.id),
                text(&strategy.id),
                text(&task.name),
                optional(task.title.as_deref()),
                task.target_people
                    .map_or(Value::Empty, |n| Value::Number(n as f64, Kind::Whole)),
            ];
            row.extend(budget(task.budget.as_ref()));
            records.tasks.push(row);
            let part =
                |name: &str, blocks: &[Block], sheets: &mut SheetList, lines: &mut Vec<Line>| {
                    blocks::lines(&format!("과제 {} {name}", task.id), blocks, sheets, lines);
                };
            part("목적", &task.purpose, sheets, lines);
            part("도입", &task.intro, sheets, lines);
            for project in &task.projects {
                project_records(&task.id, project, &mut records);
                blocks::lines(
                    &format!("사업 {}", project.id),
                    &project.details,
                    sheets,
                    lines,
                );
            }
            part("기대효과", &task.effects, sheets, lines);
        }
    }
    records
}

/// A project's `사업` row and its `일정` rows.
fn project_records(task: &str, project: &Project, records: &mut StrategyRecords) {
    let mut row = vec![
        text(&project.id),
        text(task),
        text(&project.name),
        optional(project.list_name.as_deref()),
        text(if project.listed { "예" } else { "아니오" }),
    ];
    row.extend(budget(project.budget.as_ref()));
    records.projects.push(row);
    for bar in &project.schedule {
        records.bars.push(vec![
            text(&project.id),
            Value::Number(f64::from(bar.from), Kind::Month),
            Value::Number(f64::from(bar.to), Kind::Month),
            text(&bar.label),
        ]);
    }
}

/// The `본문` rows.
fn body_rows(lines: &[Line]) -> Vec<Vec<Value>> {
    lines
        .iter()
        .map(|line| {
            vec![
                text(&line.place),
                Value::Number(line.depth as f64, Kind::Whole),
                text(line.kind),
                optional(line.lead.as_deref()),
                text(&line.text),
            ]
        })
        .collect()
}

/// The `관계` rows: the 계산 관계 of every table sheet.
fn relation_rows(sheets: &SheetList) -> Vec<Vec<Value>> {
    sheets
        .sheets
        .iter()
        .filter_map(|(name, sheet)| match sheet {
            Sheet::Table(table) => Some((name, table)),
            Sheet::Chart(_) => None,
        })
        .flat_map(|(name, table)| table.relations.iter().map(move |r| relation_row(name, r)))
        .collect()
}

/// A value to write in a record sheet.
#[derive(Debug, Clone)]
enum Value {
    Empty,
    Text(String),
    Number(f64, Kind),
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// A figure that may not be known yet (an empty cell then).
fn decimal(v: Option<f64>) -> Value {
    v.map_or(Value::Empty, |v| Value::Number(v, Kind::Decimal))
}

fn optional(s: Option<&str>) -> Value {
    s.map_or(Value::Empty, text)
}

fn item(key: &str, value: &str) -> Vec<Value> {
    vec![text(key), text(value)]
}

/// A `관계` row.
fn relation_row(sheet: &str, relation: &Relation) -> Vec<Value> {
    let kind = match relation.kind {
        RelationKind::Sum => "합계",
        RelationKind::Share => "구성비",
        RelationKind::Change => "증감률",
        RelationKind::Difference => "증감",
        RelationKind::Ratio => "비율",
    };
    let whole =
        |n: Option<u32>| n.map_or(Value::Empty, |n| Value::Number(f64::from(n), Kind::Whole));
    let list = |numbers: &[u32]| {
        let text = numbers
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        if text.is_empty() {
            Value::Empty
        } else {
            Value::Text(text)
        }
    };
    vec![
        text(sheet),
        text(kind),
        whole(relation.column),
        whole(relation.row),
        list(&relation.of),
        whole(relation.base),
        relation
            .step
            .map_or(Value::Empty, |n| Value::Number(f64::from(n), Kind::Decimal)),
        list(&relation.only),
        relation
            .scale
            .map_or(Value::Empty, |n| Value::Number(n, Kind::Decimal)),
    ]
}

/// The five budget columns of a row.
fn budget(budget: Option<&Budget>) -> Vec<Value> {
    let Some(b) = budget else {
        return vec![Value::Empty; 5];
    };
    let money = |n: i64| Value::Number(n as f64, Kind::Money);
    vec![
        b.total.map_or(Value::Empty, money),
        money(b.national),
        money(b.province),
        money(b.local),
        money(b.private),
    ]
}

/// Year, month, day of a `YYYY-MM-DD` date (2000-01-01 if it is not one).
fn ymd(date: &str) -> (u16, u8, u8) {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().unwrap_or(0));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y @ 1900..=9999), Some(m @ 1..=12), Some(d @ 1..=31)) => (y as u16, m as u8, d as u8),
        _ => (2000, 1, 1),
    }
}

fn properties(book: &mut Workbook, title: &str, (y, m, d): (u16, u8, u8)) -> Result<(), XlsxError> {
    let created =
        ExcelDateTime::from_ymd(y, m, d).or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))?;
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("gongsi")
            .set_creation_datetime(&created),
    );
    Ok(())
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color("#D9E1F2")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
}

/// Number format of a column kind.
fn number_format(kind: Kind) -> Format {
    match kind {
        Kind::Money | Kind::Whole => Format::new().set_num_format("#,##0"),
        Kind::Month => Format::new().set_num_format("0"),
        _ => Format::new(),
    }
}

/// A record sheet: frozen header row, formats, drop-downs and checks, then `rows`; with
/// `notes`, a note on each header cell (what the column holds) and on each placeholder.
fn record_sheet(
    book: &mut Workbook,
    layout: &SheetLayout,
    rows: &[Vec<Value>],
    notes: bool,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(layout.name)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_row_height(0, 30)?;
    let header = header_format();
    for (c, column) in layout.columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, column.header, &header)?;
        if notes {
            let required = if column.required { " (필수)" } else { "" };
            let note = Note::new(format!("{}{required}", column.help)).set_author("gongsi");
            sheet.insert_note(0, c, &note)?;
        }
        let width = match column.kind {
            Kind::Text
                if column.header == "내용"
                    || column.header.ends_with("명")
                    || column.header == "값" =>
            {
                50.0
            }
            Kind::Text => 24.0,
            Kind::Id | Kind::Ref(_) => 16.0,
            _ => 12.0,
        };
        sheet.set_column_width(c, width)?;
        sheet.set_column_format(c, &number_format(column.kind))?;
        if let Some(rule) = validation(column)? {
            let title: String = column.header.chars().take(30).collect();
            let help: String = column.help.chars().take(250).collect();
            let rule = rule.set_input_title(title)?.set_input_message(help)?;
            sheet.add_data_validation(1, c, VALIDATED_ROWS, c, &rule)?;
        }
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            match value {
                Value::Empty => {}
                Value::Text(s) => {
                    sheet.write_string(r, c, s)?;
                    if notes && s.starts_with(guide::PLACEHOLDER) {
                        let note = Note::new(
                            "채울 곳: 이 지자체의 내용으로 바꾸세요. gongsi check가 남은 곳을 알립니다.",
                        )
                        .set_author("gongsi");
                        sheet.insert_note(r, c, &note)?;
                    }
                }
                Value::Number(n, kind) => {
                    sheet.write_number_with_format(r, c, *n, &number_format(*kind))?;
                }
            }
        }
    }
    Ok(())
}

/// Whole-number columns that count from 1: 단계 (indent level), and the 관계 sheet's row and
/// column numbers.
const FROM_ONE: [&str; 4] = ["단계", "열", "행", "전체"];

/// The drop-down list or check of a column, by its kind.
fn validation(column: &Column) -> Result<Option<DataValidation>, XlsxError> {
    Ok(Some(match column.kind {
        Kind::Ref(sheet) => DataValidation::new()
            .allow_list_formula(Formula::new(format!(
                "='{sheet}'!$A$2:$A${}",
                VALIDATED_ROWS + 1
            )))
            .set_error_message("목록에 있는 ID를 고르세요.")?,
        Kind::Choice(words) => DataValidation::new().allow_list_strings(words)?,
        Kind::Month => DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(1, 12))
            .set_error_message("1부터 12 사이의 월을 쓰세요.")?,
        Kind::Money => DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_message("0 이상의 정수를 쓰세요. 금액은 천원 단위입니다.")?,
        Kind::Whole if FROM_ONE.contains(&column.header) => DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(1))
            .set_error_message("1 이상의 정수를 쓰세요.")?,
        Kind::Whole => DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_message("0 이상의 정수를 쓰세요.")?,
        Kind::Text | Kind::Id | Kind::Decimal => return Ok(None),
    }))
}

/// The 안내 sheet: how the workbook is laid out, column by column.
fn guide(book: &mut Workbook) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(GUIDE)?;
    sheet.set_column_width(0, 18)?;
    sheet.set_column_width(1, 18)?;
    sheet.set_column_width(2, 90)?;
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let header = header_format();
    let mut out = GuideLines {
        sheet,
        row: 0,
        wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
    };
    out.line(["연차별 세부계획 자료 입력 안내", "", ""], Some(&title))?;
    for text in [
        "이 통합문서 하나로 계획 전체를 만들 수 있습니다: gongsi build 계획.xlsx",
        "YAML 계획 폴더에 이 통합문서를 함께 두면, YAML에 없는 부분(예: 과제·사업의 목표와 사업비, 추진일정, 표)을 통합문서에서 읽습니다.",
        "각 시트의 첫 행은 열 이름입니다. 열 이름은 바꾸지 마세요. 빈 행은 건너뜁니다. 금액은 모두 천원 단위입니다.",
        "수식을 써도 됩니다. 저장된 계산 결과를 읽으므로 Excel이나 LibreOffice에서 저장한 파일을 쓰세요.",
    ] {
        out.line([text, "", ""], None)?;
    }
    out.row += 1;
    for section in guide::workbook_sections() {
        guide_section(&mut out, &section, &bold, &header)?;
    }
    out.line(
        ["표 시트", "본문의 표 행이 이름으로 가리키는 시트", ""],
        Some(&bold),
    )?;
    for text in [
        "A1~A4에 제목, 단위, 출처, 너비를 쓰고 B열부터 그 값을 씁니다(너비는 열마다 상대 너비, 예: 2, 1, 1).",
        "6행부터 표를 그대로 옮겨 씁니다. A열에 \"머리\"라고 쓴 행은 머리글 행이고, 나머지는 본문 행입니다.",
        "셀 병합은 그대로 병합된 칸이 됩니다(xlsx, xls). 빈 칸은 비워 두고, \"-\"는 - 로 인쇄됩니다.",
        "합계 칸은 =SUM(...) 수식으로 쓰면 gongsi가 합을 직접 계산합니다. 숫자 서식의 소수 자리와 \"명\" 같은 단위(xlsx)도 인쇄에 반영됩니다.",
    ] {
        out.line([text, "", ""], None)?;
    }
    out.row += 1;
    out.line(
        [
            "그래프 시트",
            "본문의 그래프 행이 이름으로 가리키는 시트",
            "",
        ],
        Some(&bold),
    )?;
    out.line(
        [
            "A1~A4에 제목, 단위, 출처, 종류(막대 또는 꺾은선). 6행 A열에 \"계열\", B열부터 가로축 항목, 그 아래 행마다 계열 이름과 값.",
            "",
            "",
        ],
        None,
    )?;
    out.row += 1;
    out.line(
        [
            "YAML 계획 폴더의 항목",
            "같은 계획을 YAML 파일로 쓸 때의 항목 (사용 안내서 「항목 설명」 docs/field-guide.md와 같음)",
            "",
        ],
        Some(&title),
    )?;
    for section in guide::yaml_sections() {
        guide_section(&mut out, &section, &bold, &header)?;
    }
    Ok(())
}

/// One section of the field guide on the 안내 sheet: its title and what it is, the column
/// names, one line per field or column.
fn guide_section(
    out: &mut GuideLines,
    section: &guide::Section,
    bold: &Format,
    header: &Format,
) -> Result<(), XlsxError> {
    out.line(
        [section.title.as_str(), section.about.as_str(), ""],
        Some(bold),
    )?;
    out.line(section.header, Some(header))?;
    for [name, kind, about] in &section.rows {
        out.line([name.as_str(), kind.as_str(), about.as_str()], None)?;
    }
    out.row += 1;
    Ok(())
}

/// The 안내 sheet while it is written, line by line: the next row, and the format of
/// plain text.
struct GuideLines<'a> {
    sheet: &'a mut Worksheet,
    row: u32,
    wrap: Format,
}

impl GuideLines<'_> {
    /// Writes one line of up to three cells (empty ones left out) in `format`, or as
    /// wrapped text.
    fn line(&mut self, cells: [&str; 3], format: Option<&Format>) -> Result<(), XlsxError> {
        for (c, text) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let format = format.unwrap_or(&self.wrap);
            self.sheet
                .write_string_with_format(self.row, c as u16, *text, format)?;
        }
        self.row += 1;
        Ok(())
    }
}

/// A 표 sheet.
fn table_sheet(book: &mut Workbook, name: &str, table: &Table) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    let bold = Format::new().set_bold();
    let labels = [&table.caption, &table.unit, &table.source];
    for (r, label) in TABLE_LABELS.iter().enumerate() {
        sheet.write_string_with_format(r as u32, 0, *label, &bold)?;
        if let Some(Some(value)) = labels.get(r) {
            sheet.write_string(r as u32, 1, value)?;
        }
    }
    for (c, width) in table.widths.iter().enumerate() {
        sheet.write_number(3, c as u16 + 1, *width)?;
    }
    sheet.set_column_width(0, 8)?;
    let grid: Vec<Vec<Cell>> = table.header.iter().chain(&table.rows).cloned().collect();
    let (placed, widths) = place_cells(&grid);
    let columns = widths.iter().copied().max().unwrap_or(0);
    for c in 0..columns {
        sheet.set_column_width(c as u16 + 1, 14)?;
    }
    let header = header_format();
    let border = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let body_start = GRID_ROW + table.header.len() as u32;
    let body = Body {
        rows: &table.rows,
        placed: place_cells(&table.rows).0,
        start: body_start,
        end: body_start + table.rows.len() as u32,
    };
    for (i, (row, cols)) in grid.iter().zip(&placed).enumerate() {
        let r = GRID_ROW + i as u32;
        let is_header = i < table.header.len();
        if is_header {
            sheet.write_string_with_format(r, 0, HEADER_ROW, &bold)?;
        }
        let base = if is_header { &header } else { &border };
        for (cell, &c) in row.iter().zip(cols) {
            let c = c as u16 + 1;
            let (cols, rows) = crate::model::content::spans(cell);
            let (format, content) = body.cell(cell, base, r, c);
            if cols > 1 || rows > 1 {
                let (last_row, last_col) = (r + rows - 1, c + cols as u16 - 1);
                sheet.merge_range(r, c, last_row, last_col, "", &format)?;
            }
            match content {
                Content::Text(s) if s.is_empty() => {
                    sheet.write_blank(r, c, &format)?;
                }
                Content::Text(s) => {
                    sheet.write_string_with_format(r, c, s, &format)?;
                }
                Content::Number(n) => {
                    sheet.write_number_with_format(r, c, n, &format)?;
                }
                Content::Formula(f) => {
                    sheet.write_formula_with_format(r, c, f, &format)?;
                }
            }
        }
    }
    Ok(())
}

/// The body rows of a 표 sheet, for its 합계 cells: the rows, their cells' grid columns,
/// and the sheet rows they are written in (`start` to `end`, exclusive).
struct Body<'a> {
    rows: &'a [Vec<Cell>],
    placed: Vec<Vec<usize>>,
    start: u32,
    end: u32,
}

impl Body<'_> {
    /// The format (from `base`, with the cell's number format and unit) and content of
    /// `cell` at sheet row `r`, column `c`.
    fn cell(&self, cell: &Cell, base: &Format, r: u32, c: u16) -> (Format, Content) {
        let (value, unit, sum, blank) = match cell {
            Cell::Int(i) => (Some(Scalar::Int(*i)), None, false, false),
            Cell::Float(f) => (Some(Scalar::Float(*f)), None, false, false),
            Cell::Text(s) => (Some(Scalar::Text(s.clone())), None, false, false),
            Cell::Empty(()) => (None, None, false, false),
            Cell::Full(full) => (full.value.clone(), full.unit.clone(), full.sum, full.blank),
        };
        let unit_suffix = unit
            .as_deref()
            .map(|u| format!("\"{}\"", u.replace('"', "")))
            .unwrap_or_default();
        if sum {
            return self.sum(base, &unit_suffix, r, c);
        }
        match value {
            Some(Scalar::Int(n)) => (
                base.clone().set_num_format(format!("#,##0{unit_suffix}")),
                Content::Number(n as f64),
            ),
            Some(Scalar::Float(f)) => {
                let places = format!("{}", f.abs())
                    .split_once('.')
                    .map_or(1, |(_, frac)| frac.len().max(1));
                (
                    base.clone()
                        .set_num_format(format!("#,##0.{}{unit_suffix}", "0".repeat(places))),
                    Content::Number(f),
                )
            }
            Some(Scalar::Text(s)) => (
                base.clone(),
                Content::Text(format!("{s}{}", unit.as_deref().unwrap_or(""))),
            ),
            None if blank => (base.clone(), Content::Text(String::new())),
            None => (base.clone(), Content::Text("-".into())),
        }
    }

    /// A 합계 cell at sheet row `r`, column `c`: `=SUM(…)` over the other body rows of its
    /// column, with the total gongsi computes as its result.
    fn sum(&self, base: &Format, unit_suffix: &str, r: u32, c: u16) -> (Format, Content) {
        let column = c as usize - 1;
        let (total, decimals) = column_total(self.rows, &self.placed, column);
        let places = decimals.unwrap_or(0);
        let letters = cell_name(0, u32::from(c)).trim_end_matches('1').to_string();
        let ranges: Vec<String> = [(self.start, r), (r + 1, self.end)]
            .into_iter()
            .filter(|(from, to)| from < to)
            .map(|(from, to)| format!("{letters}{}:{letters}{}", from + 1, to))
            .collect();
        let pattern = if places > 0 {
            format!("#,##0.{}", "0".repeat(places))
        } else {
            "#,##0".into()
        };
        let formula = Formula::new(format!("=SUM({})", ranges.join(","))).set_result(
            crate::model::number::fixed(total, places)
                .replace(',', "")
                .replace('△', "-"),
        );
        (
            base.clone()
                .set_num_format(format!("{pattern}{unit_suffix}")),
            Content::Formula(formula),
        )
    }
}

/// What goes into a 표 cell.
enum Content {
    Text(String),
    Number(f64),
    Formula(Formula),
}

/// A 그래프 sheet.
fn chart_sheet(book: &mut Workbook, name: &str, chart: &Chart) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    let bold = Format::new().set_bold();
    let kind = match chart.kind {
        ChartKind::Bar => "막대",
        ChartKind::Line => "꺾은선",
    };
    let values = [
        Some(chart.caption.as_str()),
        chart.unit.as_deref(),
        chart.source.as_deref(),
        Some(kind),
    ];
    for (r, (label, value)) in CHART_LABELS.iter().zip(values).enumerate() {
        sheet.write_string_with_format(r as u32, 0, *label, &bold)?;
        if let Some(value) = value {
            sheet.write_string(r as u32, 1, value)?;
        }
    }
    sheet.write_string_with_format(GRID_ROW, 0, "계열", &bold)?;
    for (c, category) in chart.categories.iter().enumerate() {
        sheet.write_string_with_format(GRID_ROW, c as u16 + 1, category, &bold)?;
    }
    for (i, series) in chart.series.iter().enumerate() {
        let r = GRID_ROW + 1 + i as u32;
        sheet.write_string(r, 0, &series.name)?;
        for (c, value) in series.values.iter().enumerate() {
            let c = c as u16 + 1;
            if value.decimal {
                // The places it was written with, so that it reads back as a decimal.
                let places = crate::model::content::places(value.value);
                let format = Format::new().set_num_format(format!("0.{}", "0".repeat(places)));
                sheet.write_number_with_format(r, c, value.value, &format)?;
            } else {
                sheet.write_number(r, c, value.value)?;
            }
        }
    }
    Ok(())
}
