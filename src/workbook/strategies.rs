//! 추진전략 from the sheets 전략, 과제, 사업, 일정 (and their 본문 rows): whole strategies
//! for a workbook plan, or — beside strategies written in YAML — the figures of their
//! tasks and projects, matched by id.

use std::collections::HashMap;

use crate::error::Problem;
use crate::load::Located;
use crate::source::{Bar, Budget, Project, Strategy, Task};
use crate::workbook::assemble::{Context, Records};
use crate::workbook::blocks::{self, PendingChart, Places};
use crate::workbook::layout::BUDGET_HEADERS;
use crate::workbook::read::{Cells, Record};

/// The budget of a 과제 or 사업 row; `None` when all its budget cells are empty.
fn budget(record: &Record) -> Option<Budget> {
    if BUDGET_HEADERS.iter().all(|h| record.is_empty(h)) {
        return None;
    }
    let amount = |h: &str| record.whole(h).unwrap_or(0);
    Some(Budget {
        total: record.whole("계"),
        national: amount("국비"),
        province: amount("시도비"),
        local: amount("시군구비"),
        private: amount("민자"),
    })
}

/// Records the cells of a budget row under `path` (`tasks[0].budget`).
fn budget_cells(record: &Record, path: &str, cells: &mut Cells) {
    cells.insert(path.to_string(), record.cell("계"));
    for (header, field) in BUDGET_HEADERS
        .iter()
        .zip(["total", "national", "province", "local", "private"])
    {
        cells.insert(format!("{path}.{field}"), record.cell(header));
    }
}

/// Records where a 과제 or 사업 row's values are: the row (at its id, the first of
/// `fields`), each field, and the budget when the row has one.
fn record_cells(record: &Record, path: &str, fields: &[(&str, &str)], cells: &mut Cells) {
    cells.insert(path.to_string(), record.cell(fields[0].0));
    for (header, field) in fields {
        cells.insert(format!("{path}.{field}"), record.cell(header));
    }
    if budget(record).is_some() {
        budget_cells(record, &format!("{path}.budget"), cells);
    }
}

/// Looks an id up, or reports the dangling reference at the referring cell.
fn find<'a, T>(
    ctx: &Context,
    index: &'a HashMap<String, T>,
    record: &Record,
    header: &str,
    sheet: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'a T> {
    let id = record.text(header).unwrap_or_default();
    let found = index.get(&id);
    if found.is_none() {
        let mut known: Vec<&String> = index.keys().collect();
        known.sort();
        let known = known
            .iter()
            .take(20)
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        problems.push(ctx.at(
            &record.cell(header),
            format!("{header} `{id}`이(가) `{sheet}` 시트에 없습니다."),
            &format!(
                "{sheet} 시트에 있는 ID를 쓰세요(목록에서 고를 수 있습니다). 있는 ID: {known}"
            ),
        ));
    }
    found
}

/// Registers an id, reporting a duplicate at both of its cells.
fn register<T>(
    ctx: &Context,
    index: &mut HashMap<String, T>,
    seen: &mut HashMap<String, String>,
    record: &Record,
    header: &str,
    value: T,
    problems: &mut Vec<Problem>,
) -> bool {
    let id = record.text(header).unwrap_or_default();
    if let Some(first) = seen.get(&id) {
        problems.push(ctx.at(
            &record.cell(header),
            format!("{header} `{id}`이(가) 두 번 나옵니다(처음: {first})."),
            "ID는 행마다 달라야 합니다. 둘 중 하나의 ID를 바꾸세요.",
        ));
        return false;
    }
    seen.insert(id.clone(), record.cell(header));
    index.insert(id, value);
    true
}

/// Whole strategies from the sheets.
pub(super) fn build(
    ctx: &Context,
    records: &Records,
    places: &mut Places,
    charts: &mut Vec<(usize, PendingChart)>,
    problems: &mut Vec<Problem>,
) -> Vec<Located<Strategy>> {
    let mut strategies: Vec<(Strategy, Cells)> = Vec::new();
    let mut seen = HashMap::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for r in &records.strategies {
        if register(
            ctx,
            &mut by_id,
            &mut seen,
            r,
            "전략ID",
            strategies.len(),
            problems,
        ) {
            let mut cells = Cells::new();
            cells.insert("id".into(), r.cell("전략ID"));
            cells.insert("name".into(), r.cell("전략명"));
            strategies.push((
                Strategy {
                    id: r.text("전략ID").unwrap_or_default(),
                    name: r.text("전략명").unwrap_or_default(),
                    tasks: Vec::new(),
                },
                cells,
            ));
        }
    }
    let mut tasks: HashMap<String, (usize, usize)> = HashMap::new();
    let mut seen = HashMap::new();
    for r in &records.tasks {
        let Some(&s) = find(ctx, &by_id, r, "전략ID", "전략", problems) else {
            continue;
        };
        let (strategy, cells) = &mut strategies[s];
        let t = strategy.tasks.len();
        if !register(ctx, &mut tasks, &mut seen, r, "과제ID", (s, t), problems) {
            continue;
        }
        let path = format!("tasks[{t}]");
        let fields = [
            ("과제ID", "id"),
            ("과제명", "name"),
            ("과제 제목", "title"),
            ("성과목표(명)", "target_people"),
        ];
        record_cells(r, &path, &fields, cells);
        let id = r.text("과제ID").unwrap_or_default();
        let mut part = |name: &str, field: &str, cells: &mut Cells, pending: &mut Vec<_>| {
            let rows = places.take(&format!("과제 {id} {name}"));
            let path = format!("{path}.{field}");
            blocks::blocks(ctx.file, &path, &rows, cells, pending, problems)
        };
        let mut pending = Vec::new();
        let task = Task {
            id: id.clone(),
            name: r.text("과제명").unwrap_or_default(),
            title: r.text("과제 제목"),
            target_people: r.whole("성과목표(명)").map(|n| n.max(0) as u64),
            purpose: part("목적", "purpose", cells, &mut pending),
            intro: part("도입", "intro", cells, &mut pending),
            projects: Vec::new(),
            effects: part("기대효과", "effects", cells, &mut pending),
            budget: budget(r),
        };
        charts.extend(pending.into_iter().map(|p| (s, p)));
        strategy.tasks.push(task);
    }
    let mut projects: HashMap<String, (usize, usize, usize)> = HashMap::new();
    let mut seen = HashMap::new();
    for r in &records.projects {
        let Some(&(s, t)) = find(ctx, &tasks, r, "과제ID", "과제", problems) else {
            continue;
        };
        let (strategy, cells) = &mut strategies[s];
        let p = strategy.tasks[t].projects.len();
        if !register(
            ctx,
            &mut projects,
            &mut seen,
            r,
            "사업ID",
            (s, t, p),
            problems,
        ) {
            continue;
        }
        let path = format!("tasks[{t}].projects[{p}]");
        let fields = [
            ("사업ID", "id"),
            ("사업명", "name"),
            ("목록 이름", "list_name"),
            ("목록 표시", "listed"),
        ];
        record_cells(r, &path, &fields, cells);
        let id = r.text("사업ID").unwrap_or_default();
        let mut pending = Vec::new();
        let rows = places.take(&format!("사업 {id}"));
        let path = format!("{path}.details");
        let details = blocks::blocks(ctx.file, &path, &rows, cells, &mut pending, problems);
        charts.extend(pending.into_iter().map(|p| (s, p)));
        strategy.tasks[t].projects.push(Project {
            id,
            name: r.text("사업명").unwrap_or_default(),
            list_name: r.text("목록 이름"),
            listed: r.text("목록 표시").as_deref() != Some("아니오"),
            details,
            budget: budget(r),
            schedule: Vec::new(),
        });
    }
    for r in &records.schedule {
        let Some(&(s, t, p)) = find(ctx, &projects, r, "사업ID", "사업", problems) else {
            continue;
        };
        let (strategy, cells) = &mut strategies[s];
        let project = &mut strategy.tasks[t].projects[p];
        bar(r, &format!("tasks[{t}].projects[{p}]"), project, cells);
    }
    strategies
        .into_iter()
        .map(|(strategy, cells)| ctx.located(strategy, cells))
        .collect()
}

/// Adds a 일정 row's bar to a project.
fn bar(record: &Record, project_path: &str, project: &mut Project, cells: &mut Cells) {
    let path = format!("{project_path}.schedule[{}]", project.schedule.len());
    cells.insert(path.clone(), record.cell("사업ID"));
    cells.insert(format!("{path}.from"), record.cell("시작 월"));
    cells.insert(format!("{path}.to"), record.cell("종료 월"));
    cells.insert(format!("{path}.label"), record.cell("내용"));
    project.schedule.push(Bar {
        from: record.whole("시작 월").unwrap_or(1) as u32,
        to: record.whole("종료 월").unwrap_or(12) as u32,
        label: record.text("내용").unwrap_or_default(),
    });
}

/// Figures from the sheets for strategies written in YAML: each 과제 row's 성과목표 and
/// 사업비, each 사업 row's 사업비 and each 일정 row's bar go to the task or project with
/// that id. A figure already in the YAML, an id the YAML does not have, or a name that
/// differs from the YAML's is a problem.
pub(super) fn overlay(
    ctx: &Context,
    records: &Records,
    strategies: &mut [Located<Strategy>],
    problems: &mut Vec<Problem>,
) {
    let mut strategy_ids = HashMap::new();
    let mut task_ids = HashMap::new();
    let mut project_ids = HashMap::new();
    for (s, located) in strategies.iter().enumerate() {
        strategy_ids.insert(located.value.id.clone(), s);
        for (t, task) in located.value.tasks.iter().enumerate() {
            task_ids.insert(task.id.clone(), (s, t));
            for (p, project) in task.projects.iter().enumerate() {
                project_ids.insert(project.id.clone(), (s, t, p));
            }
        }
    }
    let conflict = |record: &Record, header: &str, file: &std::path::Path| {
        ctx.at(
            &record.cell(header),
            format!(
                "`{header}` 값이 {}과(와) 통합문서에 모두 있습니다.",
                file.display()
            ),
            "한 곳에만 두세요. 통합문서의 값을 쓰려면 YAML에서 그 항목을 지우세요.",
        )
    };
    let same_name = |record: &Record, header: &str, yaml: &str, problems: &mut Vec<Problem>| {
        if let Some(name) = record.text(header).filter(|n| n != yaml) {
            problems.push(ctx.at(
                &record.cell(header),
                format!("{header} `{name}`이(가) YAML의 이름 `{yaml}`과(와) 다릅니다."),
                "ID가 맞는 행인지 확인하고, 이름을 비우거나 YAML과 같게 쓰세요.",
            ));
        }
    };
    for r in &records.strategies {
        if let Some(&s) = find(ctx, &strategy_ids, r, "전략ID", "전략(YAML)", problems) {
            same_name(r, "전략명", &strategies[s].value.name, problems);
        }
    }
    for r in &records.tasks {
        let Some(&(s, t)) = find(ctx, &task_ids, r, "과제ID", "과제(YAML)", problems) else {
            continue;
        };
        let located = &mut strategies[s];
        let file = located.file.clone();
        let task = &mut located.value.tasks[t];
        same_name(r, "과제명", &task.name, problems);
        if let Some(people) = r.whole("성과목표(명)") {
            if task.target_people.is_some() {
                problems.push(conflict(r, "성과목표(명)", &file));
            } else {
                task.target_people = Some(people.max(0) as u64);
                located.cells.insert(
                    format!("tasks[{t}].target_people"),
                    ctx.cell(r.cell("성과목표(명)")),
                );
            }
        }
        if let Some(b) = budget(r) {
            if task.budget.is_some() {
                problems.push(conflict(r, "계", &file));
            } else {
                task.budget = Some(b);
                let mut cells = Cells::new();
                budget_cells(r, &format!("tasks[{t}].budget"), &mut cells);
                located
                    .cells
                    .extend(cells.into_iter().map(|(p, c)| (p, ctx.cell(c))));
            }
        }
    }
    for r in &records.projects {
        let Some(&(s, t, p)) = find(ctx, &project_ids, r, "사업ID", "사업(YAML)", problems)
        else {
            continue;
        };
        let located = &mut strategies[s];
        let file = located.file.clone();
        let project = &mut located.value.tasks[t].projects[p];
        same_name(r, "사업명", &project.name, problems);
        if let Some(b) = budget(r) {
            if project.budget.is_some() {
                problems.push(conflict(r, "계", &file));
            } else {
                project.budget = Some(b);
                let mut cells = Cells::new();
                budget_cells(r, &format!("tasks[{t}].projects[{p}].budget"), &mut cells);
                located
                    .cells
                    .extend(cells.into_iter().map(|(p, c)| (p, ctx.cell(c))));
            }
        }
    }
    let mut from_sheet: Vec<(usize, usize, usize)> = Vec::new();
    for r in &records.schedule {
        let Some(&(s, t, p)) = find(ctx, &project_ids, r, "사업ID", "사업(YAML)", problems)
        else {
            continue;
        };
        let located = &mut strategies[s];
        let file = located.file.clone();
        let project = &mut located.value.tasks[t].projects[p];
        if !project.schedule.is_empty() && !from_sheet.contains(&(s, t, p)) {
            problems.push(conflict(r, "시작 월", &file));
            continue;
        }
        from_sheet.push((s, t, p));
        let mut cells = Cells::new();
        bar(r, &format!("tasks[{t}].projects[{p}]"), project, &mut cells);
        located
            .cells
            .extend(cells.into_iter().map(|(p, c)| (p, ctx.cell(c))));
    }
}
