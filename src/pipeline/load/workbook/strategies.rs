//! 추진전략 from the sheets 전략, 과제, 사업, 일정 (and their 본문 rows): whole strategies
//! for a workbook plan, or — beside strategies written in YAML — the figures of their
//! tasks and projects, matched by id.

use std::collections::{HashMap, HashSet};

use crate::model::located::Located;
use crate::model::problem::Problem;
use crate::model::sheets::BUDGET_HEADERS;
use crate::model::written::{Bar, Budget, Project, Strategy, Task};
use crate::pipeline::load::workbook::blocks::{self, PendingChart, Places};
use crate::pipeline::load::workbook::context::{Context, Records};
use crate::pipeline::load::workbook::read::{Cells, Record};

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

/// The ids of one sheet's rows: what each stands for, and the cell it was first written in.
struct Ids<T> {
    index: HashMap<String, T>,
    first: HashMap<String, String>,
}

impl<T> Default for Ids<T> {
    fn default() -> Self {
        Ids {
            index: HashMap::new(),
            first: HashMap::new(),
        }
    }
}

impl<T> Ids<T> {
    /// Registers the id in `header` of `record` for `value`, reporting a duplicate at both
    /// of its cells; `false` for a duplicate.
    fn register(
        &mut self,
        ctx: &Context,
        record: &Record,
        header: &str,
        value: T,
        problems: &mut Vec<Problem>,
    ) -> bool {
        let id = record.text(header).unwrap_or_default();
        if let Some(first) = self.first.get(&id) {
            problems.push(ctx.at(
                &record.cell(header),
                format!("{header} `{id}`이(가) 두 번 나옵니다(처음: {first})."),
                "ID는 행마다 달라야 합니다. 둘 중 하나의 ID를 바꾸세요.",
            ));
            return false;
        }
        self.first.insert(id.clone(), record.cell(header));
        self.index.insert(id, value);
        true
    }
}

/// Whole strategies from the sheets.
pub(super) fn build(
    ctx: &Context,
    records: &Records,
    places: &mut Places,
    charts: &mut Vec<(usize, PendingChart)>,
    problems: &mut Vec<Problem>,
) -> Vec<Located<Strategy>> {
    let mut builder = Builder {
        ctx,
        places,
        charts,
        problems,
        strategies: Vec::new(),
        strategy_ids: Ids::default(),
        task_ids: Ids::default(),
        project_ids: Ids::default(),
        orphan_tasks: HashSet::new(),
        orphan_projects: HashSet::new(),
    };
    for r in &records.strategies {
        builder.strategy_row(r);
    }
    for r in &records.tasks {
        builder.task_row(r);
    }
    for r in &records.projects {
        builder.project_row(r);
    }
    for r in &records.schedule {
        builder.schedule_row(r);
    }
    builder
        .strategies
        .into_iter()
        .map(|(strategy, cells)| ctx.located(strategy, cells))
        .collect()
}

/// Strategies being built from the sheets row by row, each with its cells; the ids read so
/// far (전략ID → strategy, 과제ID → (strategy, task), 사업ID → (strategy, task, project));
/// the 본문 rows by 위치 that the tasks and projects take their body from, and where the
/// charts found in them and the problems go.
struct Builder<'a, 'b> {
    ctx: &'a Context<'a>,
    places: &'a mut Places<'b>,
    charts: &'a mut Vec<(usize, PendingChart)>,
    problems: &'a mut Vec<Problem>,
    strategies: Vec<(Strategy, Cells)>,
    strategy_ids: Ids<usize>,
    task_ids: Ids<(usize, usize)>,
    project_ids: Ids<(usize, usize, usize)>,
    /// 과제ID and 사업ID of rows already refused because the row they belong to names an id
    /// that is not there: the rows under them are left out without a word, so that one typo
    /// is one message.
    orphan_tasks: HashSet<String>,
    orphan_projects: HashSet<String>,
}

impl Builder<'_, '_> {
    /// A `전략` row: a new strategy without tasks.
    fn strategy_row(&mut self, r: &Record) {
        let s = self.strategies.len();
        if !self
            .strategy_ids
            .register(self.ctx, r, "전략ID", s, self.problems)
        {
            return;
        }
        let mut cells = Cells::new();
        cells.insert("id".into(), r.cell("전략ID"));
        cells.insert("name".into(), r.cell("전략명"));
        self.strategies.push((
            Strategy {
                id: r.text("전략ID").unwrap_or_default(),
                name: r.text("전략명").unwrap_or_default(),
                tasks: Vec::new(),
            },
            cells,
        ));
    }

    /// A `과제` row: a task of the strategy it names, with its body from the 본문 rows at
    /// `과제 <과제ID> 목적`, `도입` and `기대효과`.
    fn task_row(&mut self, r: &Record) {
        let (ctx, problems) = (self.ctx, &mut *self.problems);
        let Some(&s) = find(ctx, &self.strategy_ids.index, r, "전략ID", "전략", problems)
        else {
            let id = r.text("과제ID").unwrap_or_default();
            for part in ["목적", "도입", "기대효과"] {
                self.places.take(&format!("과제 {id} {part}"));
            }
            self.orphan_tasks.insert(id);
            return;
        };
        let (strategy, cells) = &mut self.strategies[s];
        let t = strategy.tasks.len();
        if !self.task_ids.register(ctx, r, "과제ID", (s, t), problems) {
            return;
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
        let places = &mut *self.places;
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
        self.charts.extend(pending.into_iter().map(|p| (s, p)));
        strategy.tasks.push(task);
    }

    /// A `사업` row: a project of the task it names, with its details from the 본문 rows
    /// at `사업 <사업ID>`.
    fn project_row(&mut self, r: &Record) {
        let (ctx, problems) = (self.ctx, &mut *self.problems);
        let task = r.text("과제ID").unwrap_or_default();
        let found = if self.orphan_tasks.contains(&task) {
            None
        } else {
            find(ctx, &self.task_ids.index, r, "과제ID", "과제", problems)
        };
        let Some(&(s, t)) = found else {
            let id = r.text("사업ID").unwrap_or_default();
            self.places.take(&format!("사업 {id}"));
            self.orphan_projects.insert(id);
            return;
        };
        let (strategy, cells) = &mut self.strategies[s];
        let p = strategy.tasks[t].projects.len();
        if !self
            .project_ids
            .register(ctx, r, "사업ID", (s, t, p), problems)
        {
            return;
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
        let rows = self.places.take(&format!("사업 {id}"));
        let path = format!("{path}.details");
        let details = blocks::blocks(ctx.file, &path, &rows, cells, &mut pending, problems);
        self.charts.extend(pending.into_iter().map(|p| (s, p)));
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

    /// An `일정` row: a bar of the project it names.
    fn schedule_row(&mut self, r: &Record) {
        let (ctx, problems) = (self.ctx, &mut *self.problems);
        let project = r.text("사업ID").unwrap_or_default();
        if self.orphan_projects.contains(&project) {
            return;
        }
        let Some(&(s, t, p)) = find(ctx, &self.project_ids.index, r, "사업ID", "사업", problems)
        else {
            return;
        };
        let (strategy, cells) = &mut self.strategies[s];
        let project = &mut strategy.tasks[t].projects[p];
        bar(r, &format!("tasks[{t}].projects[{p}]"), project, cells);
    }
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
    let ids = YamlIds::new(strategies);
    for r in &records.strategies {
        if let Some(&s) = find(ctx, &ids.strategies, r, "전략ID", "전략(YAML)", problems) {
            same_name(ctx, r, "전략명", &strategies[s].value.name, problems);
        }
    }
    for r in &records.tasks {
        if let Some(&(s, t)) = find(ctx, &ids.tasks, r, "과제ID", "과제(YAML)", problems) {
            task_figures(ctx, r, &mut strategies[s], t, problems);
        }
    }
    for r in &records.projects {
        if let Some(&(s, t, p)) = find(ctx, &ids.projects, r, "사업ID", "사업(YAML)", problems)
        {
            project_figures(ctx, r, &mut strategies[s], (t, p), problems);
        }
    }
    let mut from_sheet: Vec<(usize, usize, usize)> = Vec::new();
    for r in &records.schedule {
        let Some(&(s, t, p)) = find(ctx, &ids.projects, r, "사업ID", "사업(YAML)", problems)
        else {
            continue;
        };
        let located = &mut strategies[s];
        let file = located.file.clone();
        let project = &mut located.value.tasks[t].projects[p];
        if !project.schedule.is_empty() && !from_sheet.contains(&(s, t, p)) {
            problems.push(conflict(ctx, r, "시작 월", &file));
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

/// The ids of strategies written in YAML: 전략ID → strategy, 과제ID → (strategy, task),
/// 사업ID → (strategy, task, project).
struct YamlIds {
    strategies: HashMap<String, usize>,
    tasks: HashMap<String, (usize, usize)>,
    projects: HashMap<String, (usize, usize, usize)>,
}

impl YamlIds {
    fn new(strategies: &[Located<Strategy>]) -> Self {
        let mut ids = YamlIds {
            strategies: HashMap::new(),
            tasks: HashMap::new(),
            projects: HashMap::new(),
        };
        for (s, located) in strategies.iter().enumerate() {
            ids.strategies.insert(located.value.id.clone(), s);
            for (t, task) in located.value.tasks.iter().enumerate() {
                ids.tasks.insert(task.id.clone(), (s, t));
                for (p, project) in task.projects.iter().enumerate() {
                    ids.projects.insert(project.id.clone(), (s, t, p));
                }
            }
        }
        ids
    }
}

/// A figure in both `file` (YAML) and the workbook's `header` cell of `record`.
fn conflict(ctx: &Context, record: &Record, header: &str, file: &std::path::Path) -> Problem {
    ctx.at(
        &record.cell(header),
        format!(
            "`{header}` 값이 {}과(와) 통합문서에 모두 있습니다.",
            file.display()
        ),
        "한 곳에만 두세요. 통합문서의 값을 쓰려면 YAML에서 그 항목을 지우세요.",
    )
}

/// A problem when the row names the item otherwise than the YAML (an empty name is fine).
fn same_name(
    ctx: &Context,
    record: &Record,
    header: &str,
    yaml: &str,
    problems: &mut Vec<Problem>,
) {
    if let Some(name) = record.text(header).filter(|n| n != yaml) {
        problems.push(ctx.at(
            &record.cell(header),
            format!("{header} `{name}`이(가) YAML의 이름 `{yaml}`과(와) 다릅니다."),
            "ID가 맞는 행인지 확인하고, 이름을 비우거나 YAML과 같게 쓰세요.",
        ));
    }
}

/// A `과제` row's 성과목표 and 사업비 for task `t` of a YAML strategy.
fn task_figures(
    ctx: &Context,
    r: &Record,
    located: &mut Located<Strategy>,
    t: usize,
    problems: &mut Vec<Problem>,
) {
    let file = located.file.clone();
    let task = &mut located.value.tasks[t];
    same_name(ctx, r, "과제명", &task.name, problems);
    if let Some(people) = r.whole("성과목표(명)") {
        if task.target_people.is_some() {
            problems.push(conflict(ctx, r, "성과목표(명)", &file));
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
            problems.push(conflict(ctx, r, "계", &file));
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

/// A `사업` row's 사업비 for project `p` of task `t` of a YAML strategy.
fn project_figures(
    ctx: &Context,
    r: &Record,
    located: &mut Located<Strategy>,
    (t, p): (usize, usize),
    problems: &mut Vec<Problem>,
) {
    let file = located.file.clone();
    let project = &mut located.value.tasks[t].projects[p];
    same_name(ctx, r, "사업명", &project.name, problems);
    if let Some(b) = budget(r) {
        if project.budget.is_some() {
            problems.push(conflict(ctx, r, "계", &file));
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
