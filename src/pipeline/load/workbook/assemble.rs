//! 조립 (assembly): the source model from a workbook's records. A workbook alone makes a
//! whole plan; beside YAML files it supplies what the YAML leaves out — the plan's front
//! matter, the common targets, part II chapters, whole strategies, or, for strategies
//! written in YAML, the figures of their tasks and projects (targets, budgets, schedule)
//! matched by id — and the content of every table that names a sheet. A figure written
//! in both places is an error, never a silent choice.

use std::collections::{BTreeMap, HashMap};

use crate::model::located::{Located, Parts, SheetCell};
use crate::model::problem::Problem;
use crate::model::sheets::{self, GUIDE, RECORD_SHEETS};
use crate::model::walk;
use crate::model::written::{
    Block, Chapter, CommonTarget, Goals, Relation, SummaryOrder, Table, TermPlan,
};
use crate::pipeline::load::workbook::blocks::{self, PendingChart, Places};
use crate::pipeline::load::workbook::context::{Context, Records, Target, item, item_values};
use crate::pipeline::load::workbook::grid::Workbook;
use crate::pipeline::load::workbook::read::{self, Cells, Record, Sheets};
use crate::pipeline::load::workbook::strategies;

/// Adds what the workbook holds to `parts`.
pub fn merge(book: &mut Workbook, parts: &mut Parts, problems: &mut Vec<Problem>) {
    let sheets = read::sheets(book, !parts.strategies.is_empty(), problems);
    let file = book.file.clone();
    let ctx = Context { file: &file };
    missing_sheets(book, parts, &sheets, problems);
    let rows = sheets.body.unwrap_or_default();
    let mut body = Body {
        places: Places::new(&rows),
        charts: Vec::new(),
    };
    let items = sheets.plan.as_deref().unwrap_or_default();
    if sheets.plan.is_some() {
        merge_info(&ctx, parts, items, problems);
    }
    let targets = sheets.targets.as_deref();
    merge_goals(&ctx, parts, items, targets, &mut body, problems);
    merge_chapters(&ctx, parts, &mut body, problems);

    // 전략, 과제, 사업, 일정: whole strategies, or figures for the YAML's.
    let no_strategies = sheets.strategies.as_ref().is_some_and(Vec::is_empty);
    let records = Records {
        strategies: sheets.strategies.unwrap_or_default(),
        tasks: sheets.tasks.unwrap_or_default(),
        projects: sheets.projects.unwrap_or_default(),
        schedule: sheets.schedule.unwrap_or_default(),
    };
    if parts.strategies.is_empty() {
        if no_strategies && !named(problems, sheets::STRATEGIES.name) {
            problems.push(ctx.at(
                &format!("{}!A2", sheets::STRATEGIES.name),
                "추진전략이 하나도 없습니다.",
                "`전략` 시트에 추진전략(전략ID, 전략명)을 한 행에 하나씩 적고, `과제`·`사업` 시트에 그 아래 실천과제와 세부사업을 적으세요.",
            ));
        }
        let mut pending = Vec::new();
        parts.strategies =
            strategies::build(&ctx, &records, &mut body.places, &mut pending, problems);
        let pending = pending.into_iter().map(|(i, p)| (Target::Strategy(i), p));
        body.charts.extend(pending);
    } else {
        strategies::overlay(&ctx, &records, &mut parts.strategies, problems);
    }

    for (place, record) in body.places.unread() {
        problems.push(ctx.at(
            &record.cell("위치"),
            format!("`{place}`은(는) 알 수 없는 위치입니다."),
            "노동시장 1(2, 3…), 연계, 과제 <과제ID> 목적/도입/기대효과, 사업 <사업ID> 중 하나를 쓰세요. ID가 과제·사업 시트에 있는지 확인하세요.",
        ));
    }
    fill_charts(book, parts, body.charts, problems);
}

/// Whether a problem already names a cell of `sheet` (then an empty sheet is most likely
/// its consequence, not a second mistake).
fn named(problems: &[Problem], sheet: &str) -> bool {
    let prefix = format!("{sheet}!");
    problems
        .iter()
        .any(|p| p.cell.as_deref().is_some_and(|c| c.starts_with(&prefix)))
}

/// The 본문 sheet while the parts are assembled: its rows by 위치, and the 그래프 rows
/// read so far, waiting for their sheets.
struct Body<'a> {
    places: Places<'a>,
    charts: Vec<(Target, PendingChart)>,
}

/// A problem for each sheet the workbook must have because the YAML does not supply its
/// part.
fn missing_sheets(book: &Workbook, parts: &Parts, sheets: &Sheets, problems: &mut Vec<Problem>) {
    let file = &book.file;
    let mut required: Vec<(&str, bool)> = Vec::new();
    if parts.info.is_none() {
        required.push(("계획", sheets.plan.is_some()));
    }
    if parts.goals.is_none() {
        required.push(("목표", sheets.targets.is_some()));
    }
    if parts.strategies.is_empty() {
        required.extend([
            ("전략", sheets.strategies.is_some()),
            ("과제", sheets.tasks.is_some()),
            ("사업", sheets.projects.is_some()),
            ("일정", sheets.schedule.is_some()),
            ("본문", sheets.body.is_some()),
        ]);
    }
    for (name, _) in required.iter().filter(|(_, present)| !present) {
        problems.push(
            Problem::new(file, "", format!("`{name}` 시트가 없습니다."))
                .in_cell(file, format!("{name}!A1"))
                .hint(format!(
                    "통합문서에 `{name}` 시트를 추가하세요. gongsi template xlsx로 만든 빈 양식에 모든 시트가 있습니다. 있는 시트: {}",
                    book.sheet_names().join(", ")
                )),
        );
    }
}

/// 계획: the front matter, from the sheet unless `plan.yaml` has it (then the sheet must
/// not name the district too).
fn merge_info(ctx: &Context, parts: &mut Parts, items: &[Record], problems: &mut Vec<Problem>) {
    match &parts.info {
        Some(yaml) if item(items, "지자체").next().is_some() => problems.push(
            ctx.at(
                &item(items, "지자체")
                    .next()
                    .map(|r| r.cell("항목"))
                    .unwrap_or_default(),
                format!(
                    "계획 정보가 {}과(와) `계획` 시트에 모두 있습니다.",
                    yaml.file.display()
                ),
                "한 곳에만 두세요. 둘 중 하나를 지우면 됩니다.",
            ),
        ),
        Some(_) => {}
        None => parts.info = ctx.plan_info(items, problems),
    }
}

/// 목표 and the goals of part III: the common targets of the `목표` sheet go to
/// `goals.yaml` when it has none; without `goals.yaml`, part III comes whole from the
/// `계획`, `목표` and `본문` sheets.
fn merge_goals(
    ctx: &Context,
    parts: &mut Parts,
    items: &[Record],
    targets: Option<&[Record]>,
    body: &mut Body,
    problems: &mut Vec<Problem>,
) {
    let (common, target_cells) = ctx.targets(targets.unwrap_or_default(), problems);
    match &mut parts.goals {
        Some(goals) if !common.is_empty() => {
            if goals.value.common_targets.is_empty() {
                goals.value.common_targets = common;
                for (path, cell) in target_cells {
                    goals.cells.insert(path, ctx.cell(cell));
                }
            } else {
                let first = targets.and_then(|rows| rows.first());
                problems.push(ctx.at(
                    &first.map(|r| r.cell("지표")).unwrap_or_default(),
                    format!(
                        "공통 일자리 목표가 {}과(와) `목표` 시트에 모두 있습니다.",
                        goals.file.display()
                    ),
                    "한 곳에만 두세요. 시트를 쓰려면 YAML의 common_targets를 지우세요.",
                ));
            }
        }
        Some(_) => {}
        None if targets.is_some() || item(items, "목표 비전").next().is_some() => {
            if targets.is_some_and(<[Record]>::is_empty) && !named(problems, sheets::TARGETS.name) {
                // Said here, at the sheet, with the plan's other gaps, not after they are fixed.
                problems.push(ctx.at(
                    &format!("{}!A2", sheets::TARGETS.name),
                    "공통 일자리 목표가 하나도 없습니다.",
                    "`목표` 시트에 공통 일자리 목표(지표, 종류, 전년도 목표·실적, 올해 목표)를 한 행에 하나씩 적으세요.",
                ));
            }
            let cells: Cells = target_cells.into_iter().collect();
            parts.goals = Some(goals_from_sheets(ctx, items, common, cells, body, problems));
        }
        None => {}
    }
}

/// Part III from the sheets: the vision, the link's title and the notes from `계획`, the
/// common targets already read from `목표`, and the body at 위치 `연계`.
fn goals_from_sheets(
    ctx: &Context,
    items: &[Record],
    common: Vec<CommonTarget>,
    mut cells: Cells,
    body: &mut Body,
    problems: &mut Vec<Problem>,
) -> Located<Goals> {
    let vision = ctx.single(items, "목표 비전", "vision", &mut cells, problems);
    let title = ctx.single(items, "연계 제목", "term_plan.title", &mut cells, problems);
    let notes = item_values(items, "공통목표 주석", "common_notes", &mut cells);
    let order = ctx.single(items, "요약 열 차례", "summary_order", &mut cells, problems);
    let summary_order = summary_order(ctx, items, order.as_deref(), problems);
    let rows = body.places.take("연계");
    let mut pending = Vec::new();
    let blocks = blocks::blocks(
        ctx.file,
        "term_plan.body",
        &rows,
        &mut cells,
        &mut pending,
        problems,
    );
    body.charts
        .extend(pending.into_iter().map(|p| (Target::Goals, p)));
    ctx.located(
        Goals {
            vision: vision.unwrap_or_default(),
            common_targets: common,
            common_notes: notes,
            summary_order,
            term_plan: TermPlan {
                title: title.unwrap_or_default(),
                body: blocks,
            },
        },
        cells,
    )
}

/// The `요약 열 차례` item: one of [`SummaryOrder::WORDS`], the default when not written; any other
/// word is refused at its cell.
fn summary_order(
    ctx: &Context,
    items: &[Record],
    word: Option<&str>,
    problems: &mut Vec<Problem>,
) -> SummaryOrder {
    let Some(word) = word else {
        return SummaryOrder::default();
    };
    if let Some((order, _)) = SummaryOrder::WORDS.iter().find(|(_, w)| *w == word.trim()) {
        return *order;
    }
    let cell = item(items, "요약 열 차례")
        .next()
        .map(|r| r.cell("값"))
        .unwrap_or_default();
    let words: Vec<&str> = SummaryOrder::WORDS.iter().map(|(_, w)| *w).collect();
    problems.push(ctx.at(
        &cell,
        format!("`요약 열 차례`의 값 `{word}`을(를) 알 수 없습니다."),
        &format!("{} 중 하나를 적으세요.", words.join(", ")),
    ));
    SummaryOrder::default()
}

/// 노동시장 n: the chapters of part II from the `본문` sheet, unless they are in YAML
/// (then the sheet must not have them too).
fn merge_chapters(ctx: &Context, parts: &mut Parts, body: &mut Body, problems: &mut Vec<Problem>) {
    let chapter_places = body.places.starting_with("노동시장");
    let Some(first) = chapter_places.first().and_then(|p| body.places.first(p)) else {
        return;
    };
    if let Some(yaml) = parts.chapters.first() {
        problems.push(ctx.at(
            &first.cell("위치"),
            format!(
                "II장(노동시장) 본문이 {}과(와) `본문` 시트에 모두 있습니다.",
                yaml.file.display()
            ),
            "한 곳에만 두세요.",
        ));
        return;
    }
    for place in &chapter_places {
        let index = parts.chapters.len();
        let chapter = chapter_from_rows(ctx, place, index, body, problems);
        parts.chapters.push(chapter);
    }
}

/// One chapter of part II from the rows at `place`: its one 장제목 row and its body.
fn chapter_from_rows(
    ctx: &Context,
    place: &str,
    index: usize,
    body: &mut Body,
    problems: &mut Vec<Problem>,
) -> Located<Chapter> {
    let rows = body.places.take(place);
    let mut cells = Cells::new();
    let (title_rows, body_rows): (Vec<&Record>, Vec<&Record>) = rows
        .iter()
        .partition(|r| r.text("종류").as_deref() == Some("장제목"));
    let title = match title_rows.as_slice() {
        [one] => {
            cells.insert("title".into(), one.cell("내용"));
            one.text("내용").unwrap_or_default()
        }
        _ => {
            problems.push(ctx.at(
                &rows[0].cell("종류"),
                format!(
                    "`{place}`에는 장제목 행이 꼭 하나 있어야 하는데 {}개 있습니다.",
                    title_rows.len()
                ),
                "종류가 장제목인 행에 장 이름(예: 인구변화)을 쓰세요.",
            ));
            String::new()
        }
    };
    let mut pending = Vec::new();
    let blocks = blocks::blocks(
        ctx.file,
        "body",
        &body_rows,
        &mut cells,
        &mut pending,
        problems,
    );
    body.charts
        .extend(pending.into_iter().map(|p| (Target::Chapter(index), p)));
    ctx.located(
        Chapter {
            title,
            body: blocks,
        },
        cells,
    )
}

/// What [`each_block`] calls for each block: its part, data path, the block and the part's
/// cell map.
type Visit<'a> = dyn FnMut(Target, &str, &mut Block, &mut BTreeMap<String, SheetCell>) + 'a;

/// Calls `visit` on every block of the plan with its part, its data path and the part's
/// cell map.
fn each_block(parts: &mut Parts, visit: &mut Visit) {
    let mut list =
        |target, path: &str, blocks: &mut [Block], cells: &mut BTreeMap<String, SheetCell>| {
            walk::blocks_mut(path, blocks, 0, &mut |here, block, _| {
                visit(target, here, block, cells)
            });
        };
    if let Some(goals) = &mut parts.goals {
        let cells = &mut goals.cells;
        let body = &mut goals.value.term_plan.body;
        list(Target::Goals, "term_plan.body", body, cells);
    }
    for (c, chapter) in parts.chapters.iter_mut().enumerate() {
        let cells = &mut chapter.cells;
        list(Target::Chapter(c), "body", &mut chapter.value.body, cells);
    }
    for (s, strategy) in parts.strategies.iter_mut().enumerate() {
        let cells = &mut strategy.cells;
        let target = Target::Strategy(s);
        for (t, task) in strategy.value.tasks.iter_mut().enumerate() {
            list(
                target,
                &format!("tasks[{t}].purpose"),
                &mut task.purpose,
                cells,
            );
            list(target, &format!("tasks[{t}].intro"), &mut task.intro, cells);
            for (p, project) in task.projects.iter_mut().enumerate() {
                let path = format!("tasks[{t}].projects[{p}].details");
                list(target, &path, &mut project.details, cells);
            }
            list(
                target,
                &format!("tasks[{t}].effects"),
                &mut task.effects,
                cells,
            );
        }
    }
}

/// Fills the charts of 그래프 rows from their sheets.
fn fill_charts(
    book: &mut Workbook,
    parts: &mut Parts,
    charts: Vec<(Target, PendingChart)>,
    problems: &mut Vec<Problem>,
) {
    if charts.is_empty() {
        return;
    }
    let workbook = book.file.clone();
    let mut used = Vec::new();
    each_block(parts, &mut |target, path, block, cells| {
        let Some((_, pending)) = charts.iter().find(|(t, p)| *t == target && p.path == path) else {
            return;
        };
        let Some(name) = book.sheet(&pending.sheet) else {
            problems.push(
                Problem::new(
                    &workbook,
                    "",
                    format!("그래프 시트 `{}`이(가) 통합문서에 없습니다.", pending.sheet),
                )
                .in_cell(&workbook, &pending.at)
                .hint("시트 이름을 확인하세요."),
            );
            return;
        };
        used.push(name.clone());
        match book.grid(&name, false) {
            Ok(grid) => {
                let (chart, chart_cells) = read::chart(&grid, problems);
                for (p, c) in chart_cells {
                    cells.insert(
                        format!("{path}.chart.{p}"),
                        SheetCell {
                            workbook: workbook.clone(),
                            cell: c,
                        },
                    );
                }
                block.chart = Some(chart);
            }
            Err(p) => problems.push(p),
        }
    });
    parts.read_sheets.extend(used);
}

/// Records, in `parts`, each sheet of `book` that nothing in the plan has read: not a record
/// sheet, not the 안내 sheet, and named by no 표 or 그래프 (the template's example 표01 left
/// as it was, a sheet whose 표 row names it otherwise). `check` warns about each.
pub fn unused_sheets(book: &Workbook, parts: &mut Parts) {
    for name in book.sheet_names() {
        let trimmed = name.trim();
        let record = RECORD_SHEETS.iter().any(|l| l.name == trimmed);
        if record || trimmed == GUIDE || parts.read_sheets.contains(&name) {
            continue;
        }
        parts.unused_sheets.push(SheetCell {
            workbook: book.file.clone(),
            cell: format!("{name}!A1"),
        });
    }
}

/// Fills every table that names a sheet from that sheet of `book`; without a workbook,
/// each such table is a problem.
pub fn fill_tables(
    mut book: Option<&mut Workbook>,
    parts: &mut Parts,
    problems: &mut Vec<Problem>,
) {
    let relations = match book.as_deref_mut() {
        Some(book) => read::relations(book, problems),
        None => Default::default(),
    };
    let mut tables = TableSheets {
        book,
        read: HashMap::new(),
        used: Vec::new(),
        relations,
    };
    let mut misplaced: Vec<(Target, String, String, String)> = Vec::new();
    each_block(parts, &mut |target, path, block, cells| {
        let Some(table) = &mut block.table else {
            return;
        };
        if let Err((message, hint)) = tables.fill(path, table, cells, problems) {
            misplaced.push((target, format!("{path}.table.sheet"), message, hint));
        }
    });
    parts.read_sheets.extend(std::mem::take(&mut tables.used));
    let workbook = tables
        .book
        .as_deref()
        .map(|b| b.file.clone())
        .unwrap_or_default();
    for (sheet, unused) in tables.relations {
        for (_, cells) in unused {
            problems.push(
                Problem::new(&workbook, "", format!("`관계` 시트가 가리키는 표 시트 `{sheet}`을(를) 쓰는 표가 없습니다."))
                    .in_cell(&workbook, cells.get("").cloned().unwrap_or_default())
                    .hint("표 시트 이름을 확인하세요. 본문의 표 행(또는 YAML의 table: {sheet: …})이 그 시트를 가리켜야 합니다."),
            );
        }
    }
    for (target, path, message, hint) in misplaced {
        let (file, place) = match target {
            Target::Goals => parts.goals.as_ref().map(|g| (&g.file, g as &dyn Place)),
            Target::Chapter(i) => parts.chapters.get(i).map(|c| (&c.file, c as &dyn Place)),
            Target::Strategy(i) => parts.strategies.get(i).map(|s| (&s.file, s as &dyn Place)),
        }
        .expect("the part was just walked");
        let needle = message.split('`').nth(1).unwrap_or_default().to_string();
        problems.push(place.place_at(
            Problem::new(file, &path, message).hint(hint),
            &path,
            &needle,
        ));
    }
}

/// Why a table cannot be filled from the sheet it names: the message and its hint.
type Unfilled = (String, String);

/// A table sheet as read: the table and the cells its values came from.
type SheetTable = (Table, Cells);

/// The table sheets of a plan folder's workbook while the tables that name them are
/// filled: the workbook (if the folder has one), the sheets read so far, and the `관계`
/// sheet's relations, by table sheet, that no table has taken yet.
struct TableSheets<'b> {
    book: Option<&'b mut Workbook>,
    read: HashMap<String, SheetTable>,
    /// The workbook's names of the sheets read.
    used: Vec<String>,
    relations: BTreeMap<String, Vec<(Relation, Cells)>>,
}

impl TableSheets<'_> {
    /// Fills `table`, at data `path` of a part with cell map `cells`, from the sheet it
    /// names; `Err((message, hint))` when it cannot be (its content written in YAML too, no
    /// workbook, no such sheet). A table naming no sheet, or filled already, stays as it is.
    fn fill(
        &mut self,
        path: &str,
        table: &mut Table,
        cells: &mut BTreeMap<String, SheetCell>,
        problems: &mut Vec<Problem>,
    ) -> Result<(), Unfilled> {
        let Some(sheet) = table.sheet.clone() else {
            return Ok(());
        };
        if cells.contains_key(&format!("{path}.table.sheet")) {
            return Ok(()); // Filled from the workbook already.
        }
        // Relations may be written in YAML beside `sheet`; they are not the table's content.
        let written = table.caption.is_some()
            || table.unit.is_some()
            || table.source.is_some()
            || !table.widths.is_empty()
            || !table.header.is_empty()
            || !table.rows.is_empty();
        if written {
            return Err((
                format!("표가 시트 `{sheet}`을(를) 가리키면서 표 내용도 직접 적혀 있습니다."),
                "sheet만 남기고 caption, unit, source, widths, header, rows를 지우거나, sheet를 지우세요.".into(),
            ));
        }
        let Some(book) = self.book.as_deref_mut() else {
            return Err((
                format!("표가 시트 `{sheet}`을(를) 가리키지만 계획 폴더에 통합문서가 없습니다."),
                "계획 폴더에 표가 담긴 통합문서(xlsx, xls, xlsb, ods)를 하나 두세요.".into(),
            ));
        };
        let workbook = book.file.clone();
        if let Some(name) = book.sheet(&sheet) {
            self.used.push(name);
        }
        let Some((filled, table_cells)) = read_sheet(book, &mut self.read, &sheet, problems)?
        else {
            return Ok(());
        };
        let cell = |c: String| SheetCell {
            workbook: workbook.clone(),
            cell: c,
        };
        let mut relations = std::mem::take(&mut table.relations);
        let first_from_sheet = relations.len();
        let from_sheet = self.relations.remove(&sheet).unwrap_or_default();
        for (i, (relation, relation_cells)) in from_sheet.into_iter().enumerate() {
            let at = format!("{path}.table.relations[{}]", first_from_sheet + i);
            for (field, c) in relation_cells {
                let key = if field.is_empty() {
                    at.clone()
                } else {
                    format!("{at}.{field}")
                };
                cells.insert(key, cell(c));
            }
            relations.push(relation);
        }
        *table = Table {
            sheet: Some(sheet.clone()),
            relations,
            ..filled
        };
        for (p, c) in table_cells {
            cells.insert(format!("{path}.table.{p}"), cell(c));
        }
        cells.insert(format!("{path}.table.sheet"), cell(format!("{sheet}!A1")));
        Ok(())
    }
}

/// The content of table sheet `sheet` of `book`, read once and then taken from `read`;
/// `Ok(None)` when the sheet cannot be read (a problem says why).
fn read_sheet(
    book: &mut Workbook,
    read: &mut HashMap<String, SheetTable>,
    sheet: &str,
    problems: &mut Vec<Problem>,
) -> Result<Option<SheetTable>, Unfilled> {
    if !read.contains_key(sheet) {
        let Some(name) = book.sheet(sheet) else {
            return Err((
                format!("시트 `{sheet}`이(가) {}에 없습니다.", book.file.display()),
                format!("있는 시트: {}", book.sheet_names().join(", ")),
            ));
        };
        match book.grid(&name, true) {
            Ok(grid) => {
                let found = read::table(&grid, problems);
                read.insert(sheet.to_string(), found);
            }
            Err(p) => {
                problems.push(p);
                return Ok(None);
            }
        }
    }
    Ok(Some(read[sheet].clone()))
}

/// [`Located::place`] for any located part.
trait Place {
    fn place_at(&self, problem: Problem, path: &str, needle: &str) -> Problem;
}

impl<T> Place for Located<T> {
    fn place_at(&self, problem: Problem, path: &str, needle: &str) -> Problem {
        self.place(problem, path, needle)
    }
}
