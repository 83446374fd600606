//! Structural checks (구조 검사, errors): problems that make a plan impossible to render
//! correctly — duplicated or malformed ids, schedule months outside 1–12, blocks with no or
//! several kinds of content, tables whose rows do not fill the grid. All problems are
//! collected and reported at once, each with its file, line and data path.

use std::collections::HashMap;
use std::path::Path;

use crate::model::content::{place_cells, spans};
use crate::model::located::{Located, WrittenPlan};
use crate::model::problem::Problem;
use crate::model::walk;
use crate::model::written::{
    Bar, Block, Budget, Cell, Chart, Goals, PlanInfo, Procedure, Project, Scalar, Strategy, Table,
    Task,
};

/// The largest amount a budget field may hold, in 천원 (10¹⁵ 천원 = 100경 원): far above any real
/// budget, and low enough that sums of thousands of them stay exact in 64-bit integers.
const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// Checks a loaded plan; returns every structural problem found.
pub fn check_plan(plan: &WrittenPlan) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_info(&plan.info, &mut problems);
    for chapter in &plan.chapters {
        check_blocks(chapter, "body", &chapter.value.body, 0, &mut problems);
    }
    check_blocks(
        &plan.goals,
        "term_plan.body",
        &plan.goals.value.term_plan.body,
        1,
        &mut problems,
    );
    check_targets(&plan.goals, &mut problems);
    let mut ids = Ids::new();
    for file in &plan.strategies {
        check_strategy(file, &mut ids, &mut problems);
    }
    problems
}

/// `plan.yaml`: a real date and a four-digit year.
fn check_info(info: &Located<PlanInfo>, problems: &mut Vec<Problem>) {
    if !is_date(&info.value.date) {
        problems.push(
            at_value(info, "date", &info.value.date, "날짜 형식이 맞지 않습니다.")
                .hint("YYYY-MM-DD 형식으로 쓰세요. 예: \"2021-04-30\""),
        );
    }
    if !(1990..=2100).contains(&info.value.year) {
        problems.push(
            at_value(
                info,
                "year",
                &info.value.year.to_string(),
                "계획 연도가 올바르지 않습니다.",
            )
            .hint("네 자리 연도를 쓰세요. 예: 2021"),
        );
    }
}

/// 공통 일자리 목표: at least one, each figure a number of 0 or more.
fn check_targets(goals: &Located<Goals>, problems: &mut Vec<Problem>) {
    for (i, target) in goals.value.common_targets.iter().enumerate() {
        let values = [
            target.previous_target,
            target.previous_result,
            target.target,
        ];
        if values.iter().flatten().any(|v| !v.is_finite() || *v < 0.0) {
            problems.push(
                at_value(
                    goals,
                    &format!("common_targets[{i}]"),
                    &target.name,
                    "공통 일자리 목표의 값은 0 이상의 숫자여야 합니다.",
                )
                .hint("previous_target, previous_result, target에 숫자를 쓰세요."),
            );
        }
    }
    if goals.value.common_targets.is_empty() {
        let problem = Problem::new(
            &goals.file,
            "common_targets",
            "공통 일자리 목표가 하나도 없습니다.",
        );
        let mut problem = goals.place(problem, "common_targets", "common_targets");
        if goals.text.is_empty() {
            // From a workbook: the 목표 sheet, where the targets go.
            if problem.line.is_none() && problem.cell.is_none() {
                problem = problem.in_cell(&goals.file, "목표!A1");
            }
            problem = problem.hint("`목표` 시트에 공통 일자리 목표(지표, 종류, 전년도 목표·실적, 올해 목표)를 한 행에 하나씩 적으세요.");
        } else {
            problem = problem.hint("goals.yaml의 `common_targets:`에 목표(name, kind, previous_target, previous_result, target)를 하나 이상 적으세요.");
        }
        problems.push(problem);
    }
}

/// The ids seen so far in the plan, each with the file and data path it was first seen at.
type Ids<'a> = HashMap<&'a str, (&'a Path, String)>;

/// One 추진전략 file: its id and its tasks (a strategy without tasks is
/// [`complete`](super::complete)'s warning).
fn check_strategy<'a>(file: &'a Located<Strategy>, ids: &mut Ids<'a>, problems: &mut Vec<Problem>) {
    let s = &file.value;
    id(file, "id", &s.id, ids, problems);
    for (ti, task) in s.tasks.iter().enumerate() {
        check_task(file, &format!("tasks[{ti}]"), task, ids, problems);
    }
}

/// One 실천과제 at `tp`: its id, body, target, budget (its own or its projects', never
/// both) and projects, at least one of them listed.
fn check_task<'a>(
    file: &'a Located<Strategy>,
    tp: &str,
    task: &'a Task,
    ids: &mut Ids<'a>,
    problems: &mut Vec<Problem>,
) {
    id(file, &format!("{tp}.id"), &task.id, ids, problems);
    check_blocks(file, &format!("{tp}.purpose"), &task.purpose, 1, problems);
    check_blocks(file, &format!("{tp}.intro"), &task.intro, 1, problems);
    check_blocks(file, &format!("{tp}.effects"), &task.effects, 1, problems);
    if let Some(people) = task.target_people
        && people > MAX_PEOPLE
    {
        problems.push(
            at_value(
                file,
                &format!("{tp}.target_people"),
                &people.to_string(),
                &format!("일자리 목표 {people}명은 너무 큽니다."),
            )
            .hint("명 단위의 인원을 쓰세요 (10억 명 이하)."),
        );
    }
    check_budget(
        file,
        &format!("{tp}.budget"),
        task.budget.as_ref(),
        problems,
    );
    let with_budget = task.projects.iter().filter(|p| p.budget.is_some()).count();
    if with_budget > 0 && task.budget.is_some() {
        let path = format!("{tp}.budget");
        // Worded for where the task's budget was written: a 과제 row or the YAML.
        let problem = if file.cells.contains_key(&path) {
            at_value(
                file,
                &path,
                &task.id,
                "세부사업에 사업예산이 있는데 과제 행에도 사업비가 적혀 있습니다.",
            )
            .hint("과제 사업비는 `사업` 시트의 세부사업 예산을 더해 계산됩니다. `과제` 시트의 이 행에서 계·국비·시도비·시군구비·민자 칸을 비우세요.")
        } else {
            at_value(
                file,
                &path,
                &task.id,
                "세부사업에 사업예산이 있는데 과제에도 budget이 적혀 있습니다.",
            )
            .hint("과제 사업비는 세부사업 예산의 합으로 계산됩니다. 과제의 budget을 지우세요.")
        };
        problems.push(problem);
    }
    for (pi, project) in task.projects.iter().enumerate() {
        check_project(
            file,
            &format!("{tp}.projects[{pi}]"),
            project,
            ids,
            problems,
        );
    }
    if task.projects.iter().all(|p| !p.listed) {
        problems.push(
            at_value(
                file,
                &format!("{tp}.projects"),
                &task.id,
                "목록에 실을 세부사업이 하나도 없습니다.",
            )
            .hint("세부사업을 하나 이상 적으세요."),
        );
    }
}

/// One 세부사업 at `pp`: its id, details, budget and 추진일정 (only for a listed project).
fn check_project<'a>(
    file: &'a Located<Strategy>,
    pp: &str,
    project: &'a Project,
    ids: &mut Ids<'a>,
    problems: &mut Vec<Problem>,
) {
    id(file, &format!("{pp}.id"), &project.id, ids, problems);
    check_blocks(
        file,
        &format!("{pp}.details"),
        &project.details,
        2,
        problems,
    );
    check_budget(
        file,
        &format!("{pp}.budget"),
        project.budget.as_ref(),
        problems,
    );
    if !project.listed && !project.schedule.is_empty() {
        problems.push(
            at_value(
                file,
                &format!("{pp}.schedule"),
                &project.id,
                "목록에 싣지 않는 사업(listed: false)에 추진일정이 있습니다.",
            )
            .hint("추진일정을 목록에 싣는 사업으로 옮기거나 listed를 지우세요."),
        );
    }
    for (bi, bar) in project.schedule.iter().enumerate() {
        check_bar(file, &format!("{pp}.schedule[{bi}]"), bar, problems);
    }
}

/// One 추진일정 bar at `bp`: months 1–12 in order, and a label.
/// The problem is placed at the month that is wrong: `from` when it is outside 1–12, else
/// `to` (outside 1–12, or before `from`).
fn check_bar<T>(file: &Located<T>, bp: &str, bar: &Bar, problems: &mut Vec<Problem>) {
    if !(1..=12).contains(&bar.from) || !(1..=12).contains(&bar.to) || bar.from > bar.to {
        let field = if (1..=12).contains(&bar.from) {
            "to"
        } else {
            "from"
        };
        let month = format!("{field}: {}", if field == "to" { bar.to } else { bar.from });
        problems.push(
            at_value(
                file,
                &format!("{bp}.{field}"),
                &month,
                &format!(
                    "추진일정의 월이 올바르지 않습니다 (from: {}, to: {}).",
                    bar.from, bar.to
                ),
            )
            .hint("from과 to는 1에서 12 사이이고 from이 to보다 크지 않아야 합니다."),
        );
    }
    if bar.label.trim().is_empty() {
        problems.push(at_value(
            file,
            bp,
            "label",
            "추진일정 막대에 설명(label)이 없습니다.",
        ));
    }
}

/// The largest head count a task may target.
const MAX_PEOPLE: u64 = 1_000_000_000;

/// Budget amounts must be 0 or more and within [`MAX_AMOUNT`].
fn check_budget<T>(
    file: &Located<T>,
    path: &str,
    budget: Option<&Budget>,
    problems: &mut Vec<Problem>,
) {
    let Some(budget) = budget else { return };
    let fields = [
        ("total", budget.total.unwrap_or(0)),
        ("national", budget.national),
        ("province", budget.province),
        ("local", budget.local),
        ("private", budget.private),
    ];
    for (name, amount) in fields {
        if !(0..=MAX_AMOUNT).contains(&amount) {
            problems.push(
                at_value(
                    file,
                    &format!("{path}.{name}"),
                    &amount.to_string(),
                    &format!("사업예산 {name} 값 {amount}은(는) 쓸 수 없습니다."),
                )
                .hint("예산은 천원 단위의 0 이상 정수로 쓰세요 (예: 38000은 3,800만 원)."),
            );
        }
    }
}

/// Whether `date` is a real calendar date written YYYY-MM-DD.
fn is_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>())
    else {
        return false;
    };
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn id<'a, T>(
    file: &'a Located<T>,
    path: &str,
    value: &'a str,
    ids: &mut Ids<'a>,
    problems: &mut Vec<Problem>,
) {
    let well_formed = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !well_formed {
        problems.push(
            at_value(
                file,
                path,
                value,
                &format!("id `{value}`의 형식이 맞지 않습니다."),
            )
            .hint("id에는 영문 소문자, 숫자, `-`만 쓰세요. 예: youth-startup"),
        );
    }
    if let Some((other_file, other_path)) = ids.get(value) {
        problems.push(
            at_value(
                file,
                path,
                value,
                &format!(
                    "id `{value}`이(가) 중복됩니다 (먼저 나온 곳: {} {other_path}).",
                    other_file.display()
                ),
            )
            .hint("id는 계획 전체에서 하나뿐이어야 합니다. 다른 id로 바꾸세요."),
        );
    } else {
        ids.insert(value, (&file.file, path.to_string()));
    }
}

/// A problem at `path`: positioned on that node when it is in the file, else on the first
/// line containing `needle`, else on the nearest enclosing node.
fn at_value<T>(file: &Located<T>, path: &str, needle: &str, message: &str) -> Problem {
    file.place(Problem::new(&file.file, path, message), path, needle)
}

/// Every block of the list at `path` and of the items under it (see [`check_block`]);
/// `depth` is the level of the list itself (0 for a chapter's body, where □ 제목 belong).
fn check_blocks<T>(
    file: &Located<T>,
    path: &str,
    blocks: &[Block],
    depth: usize,
    problems: &mut Vec<Problem>,
) {
    walk::blocks(path, blocks, depth, &mut |bp, block, depth| {
        check_block(file, bp, block, depth, problems)
    });
}

/// One block at `bp`: one kind of content, placed where that kind may be, its footnotes
/// found in its text, and its table, chart or procedure sound.
fn check_block<T>(
    file: &Located<T>,
    bp: &str,
    block: &Block,
    depth: usize,
    problems: &mut Vec<Problem>,
) {
    let needle = block
        .heading
        .as_deref()
        .or(block.text.as_deref())
        .or(block.note.as_deref())
        .unwrap_or("");
    let needle = needle.lines().next().unwrap_or("");
    check_kind(file, bp, block, depth, needle, problems);
    check_footnotes(file, bp, block, problems);
    if let Some(table) = &block.table {
        check_table(file, &format!("{bp}.table"), table, problems);
    }
    if let Some(chart) = &block.chart {
        check_chart(file, &format!("{bp}.chart"), chart, problems);
    }
    if let Some(procedure) = &block.procedure {
        check_procedure(file, &format!("{bp}.procedure"), procedure, problems);
    }
}

/// A block holds exactly one kind of content; □ 제목 only on top, `lead` only with
/// `text`, and nothing under a table, chart or procedure.
fn check_kind<T>(
    file: &Located<T>,
    bp: &str,
    block: &Block,
    depth: usize,
    needle: &str,
    problems: &mut Vec<Problem>,
) {
    let kinds = [
        block.heading.is_some(),
        block.text.is_some(),
        block.note.is_some(),
        block.conclusion.is_some(),
        block.table.is_some(),
        block.chart.is_some(),
        block.procedure.is_some(),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    if kinds != 1 {
        problems.push(
            at_value(file, bp, needle, &format!("내용 종류가 {kinds}개입니다. 한 항목에는 하나만 쓸 수 있습니다."))
                .hint("heading, text, note, conclusion, table, chart, procedure 중 하나만 쓰고, 나머지는 별도 항목(- )으로 나누세요."),
        );
    }
    if block.heading.is_some() && depth > 0 {
        problems.push(
            at_value(
                file,
                bp,
                needle,
                "□ 제목(heading)은 본문의 맨 위 단계에만 쓸 수 있습니다.",
            )
            .hint("text로 바꾸세요."),
        );
    }
    if block.lead.is_some() && block.text.is_none() {
        problems.push(at_value(
            file,
            bp,
            needle,
            "lead는 text와 함께만 쓸 수 있습니다.",
        ));
    }
    let figure = block.table.is_some() || block.chart.is_some() || block.procedure.is_some();
    if figure && !block.items.is_empty() {
        problems.push(
            at_value(
                file,
                bp,
                needle,
                "표, 그래프, 추진절차 아래에는 items를 둘 수 없습니다.",
            )
            .hint("items의 내용을 표 다음 항목으로 옮기세요."),
        );
    }
}

/// Each footnote's `after` phrase is in the block's text, after the previous footnote's.
fn check_footnotes<T>(file: &Located<T>, bp: &str, block: &Block, problems: &mut Vec<Problem>) {
    let text = block
        .text
        .as_deref()
        .or(block.note.as_deref())
        .or(block.conclusion.as_deref())
        .unwrap_or("");
    let mut rest = text;
    for (fi, footnote) in block.footnotes.iter().enumerate() {
        match rest.find(&footnote.after) {
            Some(at) => rest = &rest[at + footnote.after.len()..],
            None => problems.push(
                at_value(file, &format!("{bp}.footnotes[{fi}].after"), &footnote.after, &format!("각주 위치 문구 `{}`을(를) 본문에서 찾을 수 없습니다.", footnote.after))
                    .hint("after에는 각주 번호가 붙을 본문의 문구를 그대로 쓰세요 (각주가 여럿이면 본문 순서대로)."),
            ),
        }
    }
}

/// A chart at `path`: data, one value per category in every series, none negative.
fn check_chart<T>(file: &Located<T>, path: &str, chart: &Chart, problems: &mut Vec<Problem>) {
    for (si, series) in chart.series.iter().enumerate() {
        if series.values.len() != chart.categories.len() {
            problems.push(
                at_value(
                    file,
                    &format!("{path}.series[{si}]"),
                    &series.name,
                    &format!(
                        "그래프 계열 `{}`의 값이 {}개인데 항목(categories)은 {}개입니다.",
                        series.name,
                        series.values.len(),
                        chart.categories.len()
                    ),
                )
                .hint("값의 개수를 항목 수와 맞추세요."),
            );
        }
        if series
            .values
            .iter()
            .any(|v| !v.value.is_finite() || v.value < 0.0)
        {
            problems.push(at_value(
                file,
                &format!("{path}.series[{si}]"),
                &series.name,
                "그래프에는 0 이상의 값만 쓸 수 있습니다.",
            ));
        }
    }
    if chart.series.is_empty() || chart.categories.is_empty() {
        problems.push(at_value(
            file,
            path,
            &chart.caption,
            "그래프에 자료가 없습니다.",
        ));
    }
}

/// A 추진절차 at `at`: steps, none empty, set in one or two rows.
fn check_procedure<T>(
    file: &Located<T>,
    at: &str,
    procedure: &Procedure,
    problems: &mut Vec<Problem>,
) {
    let first = procedure.steps.first().map_or("", String::as_str);
    if procedure.steps.is_empty() || procedure.steps.iter().any(|s| s.trim().is_empty()) {
        problems.push(
            at_value(
                file,
                at,
                first,
                "추진절차에 빈 단계가 있거나 단계가 하나도 없습니다.",
            )
            .hint("steps에 단계 이름을 차례로 적으세요. 예: steps: [신청, 심사, 선정, 지원]"),
        );
    }
    if let Some(rows) = procedure.rows
        && !(1..=2).contains(&rows)
    {
        problems.push(
            at_value(file, &format!("{at}.rows"), first, &format!("추진절차의 줄 수 {rows}은(는) 쓸 수 없습니다."))
                .hint("rows에는 1 또는 2를 적으세요 (적지 않으면 단계가 다섯 개까지 한 줄, 그보다 많으면 두 줄)."),
        );
    }
}

/// A table at `path`: merged cells that fit, rows as wide as the table, 합계 cells where
/// they may be, finite numbers, its 계산 관계 and its `widths`.
fn check_table<T>(file: &Located<T>, path: &str, table: &Table, problems: &mut Vec<Problem>) {
    let needle = table.caption.as_deref().unwrap_or("table:");
    // Spans first: a huge or overhanging span must not reach the grid layout (or Typst).
    let misfits = super::table::misfits(table);
    for (part, r, c, cols, span) in &misfits {
        problems.push(
            at_value(
                file,
                &format!("{path}.{part}[{r}][{c}]"),
                needle,
                &format!("합친 칸의 크기가 표를 벗어납니다 (cols: {cols}, rows: {span})."),
            )
            .hint("cols와 rows는 1 이상이고, rows는 그 칸 아래에 남은 줄 수를 넘을 수 없습니다."),
        );
    }
    if !misfits.is_empty() {
        return;
    }
    let Some(columns) = check_grid(file, path, table, needle, problems) else {
        return;
    };
    check_cells(file, path, table, needle, problems);
    super::table::validate(file, path, table, columns, problems);
    if !table.widths.is_empty() && table.widths.len() != columns {
        problems.push(
            at_value(
                file,
                &format!("{path}.widths"),
                "widths",
                &format!(
                    "widths는 {}개인데 표 너비는 {columns}칸입니다.",
                    table.widths.len()
                ),
            )
            .hint("열마다 너비를 하나씩 적거나 widths를 지우세요."),
        );
    }
}

/// The table's width in grid columns, every row of the header and the body as wide;
/// `None` for a table without cells.
fn check_grid<T>(
    file: &Located<T>,
    path: &str,
    table: &Table,
    needle: &str,
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    let (_, header_widths) = place_cells(&table.header);
    let (_, body_widths) = place_cells(&table.rows);
    let columns = header_widths
        .iter()
        .chain(&body_widths)
        .copied()
        .max()
        .unwrap_or(0);
    if columns == 0 {
        problems.push(
            at_value(file, path, needle, "표에 칸이 하나도 없습니다.")
                .hint("rows에 한 줄 이상, 한 줄에 한 칸 이상 적으세요."),
        );
        return None;
    }
    for (part, widths, rows) in [
        ("header", &header_widths, &table.header),
        ("rows", &body_widths, &table.rows),
    ] {
        for (r, width) in widths.iter().enumerate() {
            if *width != columns {
                let first = rows[r].iter().find_map(|c| match c {
                    Cell::Text(s) => Some(s.as_str()),
                    _ => None,
                });
                problems.push(
                    at_value(file, &format!("{path}.{part}[{r}]"), first.unwrap_or(needle), &format!("표의 이 줄은 {width}칸인데 표 너비는 {columns}칸입니다."))
                        .hint("칸 수를 맞추세요. 합쳐진 칸은 {value: …, cols: N} 또는 rows: N으로 적습니다."),
                );
            }
        }
    }
    Some(columns)
}

/// The table's cells: no 합계 (`sum`) cell in the header, no infinite or NaN number, and a
/// 합계 cell in the body neither written nor merged.
fn check_cells<T>(
    file: &Located<T>,
    path: &str,
    table: &Table,
    needle: &str,
    problems: &mut Vec<Problem>,
) {
    for (r, row) in table.header.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if matches!(cell, Cell::Full(f) if f.sum) {
                problems.push(at_value(
                    file,
                    &format!("{path}.header[{r}][{c}]"),
                    needle,
                    "머리 줄에는 합계(sum) 칸을 둘 수 없습니다.",
                ));
            }
        }
    }
    for (r, row) in table.header.iter().chain(&table.rows).enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let float = match cell {
                Cell::Float(f)
                | Cell::Full(crate::model::written::FullCell {
                    value: Some(Scalar::Float(f)),
                    ..
                }) => Some(*f),
                _ => None,
            };
            if float.is_some_and(|f| !f.is_finite()) {
                problems.push(at_value(
                    file,
                    &format!("{path}[{r}][{c}]"),
                    needle,
                    "표 칸의 숫자가 올바르지 않습니다 (무한대나 NaN).",
                ));
            }
        }
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Cell::Full(f) = cell
                && f.sum
                && (f.value.is_some() || spans(cell) != (1, 1))
            {
                problems.push(
                    at_value(
                        file,
                        &format!("{path}.rows[{r}][{c}]"),
                        needle,
                        "합계 칸(sum: true)에는 value를 쓰거나 칸을 합칠 수 없습니다.",
                    )
                    .hint("합계는 같은 열의 다른 줄을 더해 계산합니다. value를 지우세요."),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_iso() {
        assert!(is_date("2021-04-30"));
        assert!(!is_date("2021-4-30"));
        assert!(!is_date("2021-13-01"));
        assert!(!is_date("2021-02-29"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2021-04-31"));
        assert!(!is_date("어제"));
    }
}
