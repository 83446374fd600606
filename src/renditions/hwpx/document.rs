//! The document walk (문서 순서): the plan model written part by part in the order and with the
//! words of the PDF's templates — 표지, 순서, I 요약, II 지역 노동시장 현황, III 일자리 목표,
//! IV 세부 실천과제 (section 0, portrait), V 추진일정 (section 1, landscape) — page numbers
//! `- N -` from part I on.

use super::blocks::{self, line, section, table_note, unit_line};
use super::body::{Body, Ids, Inline, SectionStart, Trail};
use super::defaults;
use super::header::{Align, BorderFill, CharShape, Header, Line, ParaShape, color};
use super::package::Parts;
use super::pagination::{self, Pagination, contents_entries};
use super::picture::{Drawing, Drawings, Picture};
use super::styles::Kind;
use super::table::{self, Cell, Table};
use super::units::{Hwpunit, landscape_text_width, mm, portrait_text_width};
use crate::model::content::TextPart;
use crate::model::number;
use crate::model::plan::Plan;
use crate::model::printed::Scope;
use crate::model::wording::{self, Phrase};
use crate::renditions::shared::scale;

/// Writes the whole document, its page breaks as `pages` says (the PDF's) or, without it,
/// every task on a page of its own. With the PDF's pages it writes the document twice: once
/// to learn its paragraphs and rows, then with a page break at each that starts a page of
/// the PDF (the figures drawn once).
pub fn write(
    plan: &Plan,
    draw: &mut dyn FnMut(&Drawing) -> Option<Picture>,
    pages: Option<&Pagination>,
) -> Parts {
    let Some(paged) = pages.filter(|p| !p.pages.is_empty()) else {
        return write_once(plan, draw, pages, Trail::default()).0;
    };
    let mut drawn = Vec::new();
    let mut first = |figure: &Drawing| {
        let picture = draw(figure);
        drawn.push(picture.clone());
        picture
    };
    let (_, trail) = write_once(plan, &mut first, pages, Trail::default());
    let breaks = pagination::page_starts(&paged.pages, &trail);
    let mut again = drawn.into_iter();
    let mut replay = |_: &Drawing| again.next().flatten();
    let mut trail = Trail::default();
    trail.breaks = breaks;
    write_once(plan, &mut replay, pages, trail).0
}

/// Writes the whole document once, a page starting at each of `trail`'s breaks; gives the
/// parts and the places it met.
fn write_once(
    plan: &Plan,
    draw: &mut dyn FnMut(&Drawing) -> Option<Picture>,
    pages: Option<&Pagination>,
    trail: Trail,
) -> (Parts, Trail) {
    let sizes = scale::sizes(plan.type_scale);
    let mut header = Header::new();
    defaults::register(&mut header, &sizes);
    let mut ids = Ids::new();
    ids.trail = trail;
    let mut drawings = Drawings::new(draw);
    let mut sections = Vec::new();

    let mut body = Body::new(&mut header, &mut ids, sizes);
    body.start_section(SectionStart { landscape: false });
    body.mark(Scope::of(&["표지"]));
    cover(&mut body, plan);
    body.mark(Scope::of(&["순서"]));
    contents(&mut body, plan, pages.map(|p| &p.numbers[..]));
    body.page_numbers(true);
    body.mark(Scope::of(&["I"]));
    summary(&mut body, plan);
    labour_market(&mut body, &mut drawings, plan);
    goals(&mut body, &mut drawings, plan);
    tasks(
        &mut body,
        &mut drawings,
        plan,
        pages.map(|p| &p.task_breaks[..]),
    );
    sections.push(body.finish());

    let mut body = Body::new(&mut header, &mut ids, sizes);
    body.start_section(SectionStart { landscape: true });
    body.page_numbers(false);
    schedule(&mut body, plan);
    sections.push(body.finish());

    let fonts = super::fonts::carried(&header.typefaces());
    let parts = Parts {
        header: header.xml(sections.len()),
        sections,
        pictures: drawings.into_stored(),
        fonts,
        preview_text: preview_text(plan),
    };
    (parts, ids.trail)
}

/// A phrase of the fixed wording with the plan's years in its slots.
fn say(plan: &Plan, phrase: &Phrase) -> String {
    phrase.fill(&plan.years())
}

/// The first lines of the document, for 한글's file browser.
fn preview_text(plan: &Plan) -> String {
    let mut lines = vec![
        plan.cover.system.clone(),
        say(plan, &wording::TITLE).replace('\n', " "),
    ];
    lines.extend(plan.cover.vision.iter().cloned());
    lines.push(plan.district.clone());
    lines.join("\r\n")
}

/// A paragraph of `kind` with one run of `text` in `chars`, `above` (HWPUNIT) before it.
fn spaced(body: &mut Body, kind: Kind, above: Hwpunit, text: &str, chars: CharShape) {
    let shape = ParaShape {
        above,
        ..body.shape(kind)
    };
    body.para_shaped(kind, shape, None, false, &[Inline::Text(text, chars)]);
}

/// A part's title (`I. 요약`) on a new page.
fn part(body: &mut Body, title: &str, first: bool) {
    let kind = Kind::Part;
    body.para_shaped(
        kind,
        body.shape(kind),
        None,
        !first,
        &[Inline::Text(title, body.chars(kind))],
    );
}

/// A chapter heading (`1. 인구변화`).
fn chapter(body: &mut Body, title: &str) {
    body.para(
        Kind::Chapter,
        &[Inline::Text(title, body.chars(Kind::Chapter))],
    );
}

/// 표지: as cover.typ.
fn cover(body: &mut Body, plan: &Plan) {
    let sans = CharShape::sans;
    let kind = Kind::Cover;
    spaced(
        body,
        kind,
        mm(8.0),
        &plan.cover.system,
        sans(12.0).colored(color::ACCENT),
    );
    if let Some(slogan) = &plan.cover.slogan {
        spaced(body, kind, mm(4.0), slogan, sans(11.0));
    }
    let framed = format!("- {} -", plan.cover.system);
    spaced(body, kind, mm(42.0), &framed, sans(13.0));
    let title = say(plan, &wording::TITLE);
    // The space under the title is its own (a paragraph's border encloses the space above).
    let shape = ParaShape {
        above: mm(4.0),
        below: mm(26.0),
        ..body.shape(kind)
    };
    body.para_shaped(
        kind,
        shape,
        None,
        false,
        &[Inline::Text(&title, sans(26.0).bold())],
    );
    let rule = Line {
        width: "0.4 mm",
        color: color::ACCENT,
    };
    // As the PDF's block: 82 % of the text width, ruled above and below.
    let side = portrait_text_width() * 9 / 100;
    let vision = ParaShape {
        left: side,
        right: side,
        border: Some(BorderFill {
            sides: [None, None, Some(rule), Some(rule)],
            fill: None,
        }),
        ..body.shape(kind)
    };
    let lines = plan.cover.vision.join("\n");
    body.para_shaped(
        kind,
        vision,
        None,
        false,
        &[Inline::Text(
            &lines,
            sans(13.0).bold().colored(color::ACCENT),
        )],
    );
    spaced(body, kind, mm(80.0), &plan.district, sans(20.0).bold());
}

/// 순서: the parts, the chapters of II and the strategies of IV, as contents.typ's outline,
/// each with the number of the page it starts on in the PDF (`numbers`, in the order of the
/// entries) at a right tab with a dotted leader — the HWPX's page too, as it breaks pages
/// where the PDF does; without `numbers`, no page numbers.
fn contents(body: &mut Body, plan: &Plan, numbers: Option<&[u64]>) {
    let kind = Kind::ContentsTitle;
    body.para_shaped(
        kind,
        body.shape(kind),
        None,
        true,
        &[Inline::Text(wording::CONTENTS.text, body.chars(kind))],
    );
    let entries = contents_entries(plan);
    let numbers = numbers.filter(|n| n.len() == entries.len());
    for (i, (level, text)) in entries.into_iter().enumerate() {
        let kind = Kind::Contents(level);
        let (text, right_tab) = match numbers {
            Some(numbers) => (
                format!("{text}\t{}", numbers[i]),
                body.shape(kind).right_tab,
            ),
            None => (text, None),
        };
        let shape = ParaShape {
            right_tab,
            ..body.shape(kind)
        };
        body.para_shaped(
            kind,
            shape,
            None,
            false,
            &[Inline::Text(&text, body.chars(kind))],
        );
    }
}

/// A portrait table of `cells` with relative `widths` and `header_rows` repeated.
fn grid(body: &mut Body, widths: &[f64], header_rows: usize, cells: Vec<Cell>) {
    table::write(
        body,
        &Table {
            widths: widths.to_vec(),
            header_rows,
            cells,
            kind: Kind::Cell,
            indent: 0,
            text_width: portrait_text_width(),
            groups: Vec::new(),
            size: None,
        },
    );
}

/// The ▷ (or ▶) list of a task's listed projects, one per line.
fn project_list(task: &crate::model::plan::TaskView, mark: &str) -> String {
    task.projects
        .iter()
        .filter(|p| p.listed)
        .map(|p| format!("{mark} {}", p.list_name))
        .collect::<Vec<_>>()
        .join("\n")
}

/// I. 요약: as summary.typ.
fn summary(body: &mut Body, plan: &Plan) {
    part(body, &say(plan, &wording::PART_SUMMARY), false);
    section(body, &say(plan, &wording::SUMMARY_STRATEGIES));
    let mut cells = vec![
        Cell::new(0, 0, wording::HEAD_STRATEGY.text).head(),
        Cell::new(0, 1, wording::HEAD_TASK.text).head(),
        Cell::new(0, 2, wording::HEAD_PROJECTS.text).head(),
        Cell::new(0, 3, wording::HEAD_PEOPLE.text).head(),
        Cell::new(0, 4, wording::HEAD_MILLIONS.text).head(),
        Cell::new(1, 0, wording::HEAD_TOTAL.text).span(1, 3).total(),
        Cell::new(1, 3, number::integer(plan.people as i64)).total(),
        Cell::new(1, 4, number::million(plan.millions.public)).total(),
    ];
    let mut row = 2;
    for s in &plan.strategies {
        if !s.tasks.is_empty() {
            cells.push(Cell::new(row, 0, &s.name).span(s.tasks.len(), 1));
        }
        for t in &s.tasks {
            cells.extend([
                Cell::new(row, 1, &t.name),
                Cell::new(row, 2, project_list(t, "▷")).aligned(Align::Left),
                Cell::new(row, 3, number::people(Some(t.people))),
                Cell::new(row, 4, number::million(t.millions)),
            ]);
            row += 1;
        }
    }
    grid(body, &[1.2, 1.5, 2.4, 0.8, 0.9], 1, cells);
    if let Some(note) = plan.rounding_note {
        table_note(body, note);
    }
    summary_targets(body, plan);
}

/// I's second table: the plan's budget and its common targets, as summary.typ.
fn summary_targets(body: &mut Body, plan: &Plan) {
    section(body, &say(plan, &wording::SUMMARY_TARGETS));
    let mut cells = vec![
        Cell::new(0, 0, say(plan, &wording::SUMMARY_BUDGET))
            .span(1, 4)
            .head(),
    ];
    for (i, c) in plan.goals.summary.iter().enumerate() {
        cells.push(
            Cell::new(
                0,
                4 + i,
                format!(
                    "{}{}({})",
                    say(plan, &wording::SUMMARY_TARGET_YEAR),
                    c.summary_name,
                    c.unit
                ),
            )
            .span(2, 1)
            .head(),
        );
    }
    let terms = &plan.terms;
    for (i, name) in [
        wording::HEAD_TOTAL.text,
        &terms.national,
        &terms.province,
        &terms.local,
    ]
    .into_iter()
    .enumerate()
    {
        cells.push(Cell::new(1, i, name).head());
    }
    let m = &plan.millions;
    for (i, value) in [m.public, m.national, m.province, m.local]
        .into_iter()
        .enumerate()
    {
        cells.push(Cell::new(2, i, number::million(value)));
    }
    for (i, c) in plan.goals.summary.iter().enumerate() {
        cells.push(Cell::new(2, 4 + i, &c.target));
    }
    let mut widths = vec![0.9; 4];
    widths.extend(std::iter::repeat_n(1.6, plan.goals.summary.len()));
    grid(body, &widths, 2, cells);
    if let Some(note) = plan.rounding_note {
        table_note(body, note);
    }
}

/// II. 지역 노동시장 현황: one chapter per file.
fn labour_market(body: &mut Body, drawings: &mut Drawings, plan: &Plan) {
    body.mark(Scope::of(&["II"]));
    part(body, &say(plan, &wording::PART_LABOUR_MARKET), false);
    for (i, c) in plan.chapters.iter().enumerate() {
        body.mark(Scope::of(&["II", &i.to_string()]));
        chapter(body, &format!("{}. {}", c.number, c.title));
        blocks::blocks(body, drawings, &c.body, 1);
    }
}

/// III. 일자리 목표: as goals.typ (the vision diagram as a table drawn like it).
fn goals(body: &mut Body, drawings: &mut Drawings, plan: &Plan) {
    body.mark(Scope::of(&["III"]));
    part(body, &say(plan, &wording::PART_GOALS), false);
    chapter(body, wording::GOALS_VISION.text);
    vision(body, drawings, plan);
    common_targets(body, plan);
    field_targets(body, plan);
    chapter(body, &format!("4. {}", plan.goals.term_plan_title));
    blocks::blocks(body, drawings, &plan.goals.term_plan, 1);
}

/// III. 2. 공통 일자리 목표: last year's targets and results, this year's targets.
fn common_targets(body: &mut Body, plan: &Plan) {
    chapter(body, wording::GOALS_COMMON.text);
    unit_line(body, wording::GOALS_COMMON_UNIT.text);
    let mut cells = vec![
        Cell::new(0, 0, wording::HEAD_KIND.text).span(2, 1).head(),
        Cell::new(0, 1, say(plan, &wording::GOALS_RESULTS))
            .span(1, 3)
            .head(),
        Cell::new(0, 4, say(plan, &wording::GOALS_TARGETS))
            .span(1, 2)
            .head(),
    ];
    for (i, name) in [
        wording::HEAD_TARGET,
        wording::HEAD_RESULT,
        wording::HEAD_RATE,
        wording::HEAD_TARGET,
        wording::HEAD_CHANGE,
    ]
    .map(|phrase| phrase.text)
    .into_iter()
    .enumerate()
    {
        cells.push(Cell::new(1, i + 1, name).head());
    }
    for (r, c) in plan.goals.common.iter().enumerate() {
        let row = r + 2;
        cells.push(Cell::new(row, 0, &c.name));
        for (i, value) in [
            &c.previous_target,
            &c.previous_result,
            &c.achievement,
            &c.target,
            &c.change,
        ]
        .into_iter()
        .enumerate()
        {
            cells.push(Cell::new(row, i + 1, value));
        }
    }
    grid(body, &[1.6, 1.0, 1.0, 1.0, 1.0, 1.0], 2, cells);
    for note in &plan.goals.common_notes {
        let parts = [TextPart {
            text: note.clone(),
            footnote: None,
        }];
        line(body, Kind::Note(1), "*", None, &parts);
    }
}

/// III. 3. 분야별 목표: the people and budget of the plan and of each strategy.
fn field_targets(body: &mut Body, plan: &Plan) {
    chapter(body, wording::GOALS_FIELDS.text);
    unit_line(body, wording::GOALS_FIELDS_UNIT.text);
    let mut cells = vec![
        Cell::new(0, 0, wording::HEAD_KIND.text).span(2, 1).head(),
        Cell::new(0, 1, say(plan, &wording::GOALS_FIELDS_PEOPLE))
            .span(2, 1)
            .head(),
        Cell::new(0, 2, wording::GOALS_FIELDS_BUDGET.text)
            .span(1, 4)
            .head(),
    ];
    let terms = &plan.terms;
    for (i, name) in [
        wording::HEAD_SUM.text,
        &terms.national,
        &terms.province,
        &terms.local,
    ]
    .into_iter()
    .enumerate()
    {
        cells.push(Cell::new(1, i + 2, name).head());
    }
    let m = &plan.millions;
    cells.push(Cell::new(2, 0, wording::HEAD_GRAND_TOTAL.text).total());
    cells.push(Cell::new(2, 1, number::integer(plan.people as i64)).total());
    for (i, value) in [m.public, m.national, m.province, m.local]
        .into_iter()
        .enumerate()
    {
        cells.push(Cell::new(2, i + 2, number::million(value)).total());
    }
    for (r, s) in plan.strategies.iter().enumerate() {
        let row = r + 3;
        let m = &s.millions;
        cells.push(Cell::new(row, 0, &s.name).aligned(Align::Left));
        cells.push(Cell::new(row, 1, number::integer(s.people as i64)));
        for (i, value) in [m.public, m.national, m.province, m.local]
            .into_iter()
            .enumerate()
        {
            cells.push(Cell::new(row, i + 2, number::million(value)));
        }
    }
    grid(body, &[2.6, 1.0, 1.0, 1.0, 1.0, 1.0], 2, cells);
    if let Some(note) = plan.rounding_note {
        table_note(body, note);
    }
}

/// The 비전 체계도 as style.typ draws it: the vision on the accent fill, `▼`, then a row per
/// strategy (`전략 N` on the accent, its name on the light accent, its tasks `· …`).
fn vision(body: &mut Body, drawings: &mut Drawings, plan: &Plan) {
    if drawings.place(body, &Drawing::Vision(plan), 1, &vision_alt(plan)) {
        return;
    }
    let white = Some(color::WHITE);
    let mut cells = vec![
        Cell::new(
            0,
            0,
            format!("{}{}", wording::VISION_LABEL.text, plan.goals.vision),
        )
        .span(1, 3)
        .colored(color::ACCENT, white),
        Cell::new(1, 0, "▼")
            .span(1, 3)
            .colored(color::WHITE, Some(color::ACCENT)),
    ];
    cells[0].bold = true;
    for (r, s) in plan.strategies.iter().enumerate() {
        let row = r + 2;
        let mut number = Cell::new(
            row,
            0,
            format!("{}{}", wording::STRATEGY_LABEL.text, s.number),
        )
        .colored(color::ACCENT, white);
        number.bold = true;
        let mut name = Cell::new(row, 1, &s.name)
            .colored(color::ACCENT_LIGHT, None)
            .aligned(Align::Left);
        name.bold = true;
        let tasks = s
            .tasks
            .iter()
            .map(|t| format!("· {}", t.name))
            .collect::<Vec<_>>()
            .join("\n");
        cells.extend([number, name, Cell::new(row, 2, tasks).aligned(Align::Left)]);
    }
    grid(body, &[0.6, 1.6, 2.0], 0, cells);
}

/// The description of the 비전 체계도, as style.typ's `vision-alt` makes it: past 6,000 bytes
/// it names the strategies only, then only counts them.
pub fn vision_alt(plan: &Plan) -> String {
    const LIMIT: usize = 6000;
    let head = format!("비전 체계도. 비전: {}. ", plan.goals.vision);
    let rows: Vec<String> = plan
        .strategies
        .iter()
        .map(|s| {
            let tasks: Vec<&str> = s.tasks.iter().map(|t| t.name.as_str()).collect();
            let tasks = if tasks.is_empty() {
                String::new()
            } else {
                format!(" (실천과제: {})", tasks.join(", "))
            };
            format!("전략 {}. {}{tasks}", s.number, s.name)
        })
        .collect();
    let full = format!("{head}{}.", rows.join("; "));
    let count = plan.strategies.len();
    let names: Vec<String> = plan
        .strategies
        .iter()
        .map(|s| format!("{}. {}", s.number, s.name))
        .collect();
    let names = format!("{head}추진전략 {count}개: {}.", names.join("; "));
    let tasks: usize = plan.strategies.iter().map(|s| s.tasks.len()).sum();
    if full.len() <= LIMIT {
        full
    } else if names.len() <= LIMIT {
        names
    } else {
        format!("{head}추진전략 {count}개, 실천과제 {tasks}개.")
    }
}

/// IV. 세부 실천과제: the overview table, then one block per task, as tasks.typ.
/// IV, each task on a new page where `breaks` (the PDF's pages) says, or every task on one of
/// its own.
fn tasks(body: &mut Body, drawings: &mut Drawings, plan: &Plan, breaks: Option<&[bool]>) {
    body.mark(Scope::of(&["IV"]));
    part(body, &say(plan, &wording::PART_TASKS), false);
    let mut cells = vec![
        Cell::new(0, 0, wording::HEAD_STRATEGY.text).head(),
        Cell::new(0, 1, wording::HEAD_TASK.text).head(),
        Cell::new(0, 2, wording::HEAD_PROJECTS.text).head(),
    ];
    let mut row = 1;
    for s in &plan.strategies {
        if !s.tasks.is_empty() {
            cells.push(Cell::new(row, 0, &s.name).span(s.tasks.len(), 1));
        }
        for t in &s.tasks {
            cells.push(Cell::new(row, 1, &t.name));
            cells.push(Cell::new(row, 2, project_list(t, "▶")).aligned(Align::Left));
            row += 1;
        }
    }
    grid(body, &[1.2, 1.3, 2.8], 1, cells);

    let tasks = plan
        .strategies
        .iter()
        .flat_map(|s| s.tasks.iter().map(move |t| (s, t)));
    for (i, (s, t)) in tasks.enumerate() {
        let label = format!("[전략{}. {}]", s.number, s.name);
        let kind = Kind::StrategyLabel;
        // A task starts a page where the PDF's does (it continues on a sparse page).
        let new_page = breaks.is_none_or(|b| b.get(i).copied().unwrap_or(true));
        body.mark(Scope::of(&["IV", &s.id, &t.id]));
        body.para_shaped(
            kind,
            body.shape(kind),
            None,
            new_page,
            &[Inline::Text(&label, body.chars(kind))],
        );
        body.para(
            Kind::TaskTitle,
            &[Inline::Text(&t.title, body.chars(Kind::TaskTitle))],
        );
        section(body, wording::PROJECT_PURPOSE.text);
        blocks::blocks(body, drawings, &t.purpose, 1);
        section(body, wording::PROJECT_CONTENT.text);
        blocks::blocks(body, drawings, &t.intro, 1);
        for p in &t.projects {
            body.mark(Scope::of(&["IV", &s.id, &t.id, &p.id]));
            let kind = Kind::Bullet(1);
            let name = [TextPart {
                text: p.name.clone(),
                footnote: None,
            }];
            let shape = blocks::ladder_shape(body, kind, None, &name);
            body.para_shaped(
                kind,
                shape,
                None,
                false,
                &[
                    Inline::Text("○ ", body.chars(kind)),
                    Inline::Text(&p.name, body.chars(kind).bold()),
                ],
            );
            blocks::blocks(body, drawings, &p.details, 2);
            if let Some(budget) = &p.budget_line {
                let parts = [TextPart {
                    text: format!("{}{budget}", wording::PROJECT_BUDGET.text),
                    footnote: None,
                }];
                line(body, Kind::Bullet(2), "-", None, &parts);
            }
        }
        body.mark(Scope::of(&["IV", &s.id, &t.id, "~효과"]));
        section(body, wording::TASK_EFFECTS.text);
        blocks::blocks(body, drawings, &t.effects, 1);
        body.mark(Scope::of(&["IV", &s.id, &t.id, "~추진계획"]));
        action_plan(body, plan, t);
    }
}

/// 【'YY년 추진계획】 and its table, as style.typ's `action-plan`.
fn action_plan(body: &mut Body, plan: &Plan, t: &crate::model::plan::TaskView) {
    let title = say(plan, &wording::ACTION_TITLE);
    body.para(
        Kind::ActionTitle,
        &[Inline::Text(&title, body.chars(Kind::ActionTitle))],
    );
    let a = &t.action_budget;
    let people = if t.people > 0 {
        format!(
            "{}{}",
            number::integer(t.people as i64),
            wording::PEOPLE.text
        )
    } else {
        number::DASH.to_string()
    };
    let cells = vec![
        Cell::new(0, 0, wording::HEAD_KIND.text).span(1, 3).head(),
        Cell::new(0, 3, wording::ACTION_VALUE.text).head(),
        Cell::new(1, 0, wording::ACTION_PEOPLE.text).span(1, 3),
        Cell::new(1, 3, people),
        Cell::new(2, 0, wording::ACTION_BUDGET.text).span(5, 1),
        Cell::new(2, 1, wording::ACTION_TOTAL.text).span(1, 2),
        Cell::new(2, 3, &a.total),
        Cell::new(3, 1, wording::ACTION_NATIONAL.text).span(1, 2),
        Cell::new(3, 3, &a.national),
        Cell::new(4, 1, wording::ACTION_LOCAL_FUNDS.text).span(2, 1),
        Cell::new(4, 2, wording::ACTION_PROVINCE.text),
        Cell::new(4, 3, &a.province),
        Cell::new(5, 2, wording::ACTION_LOCAL.text),
        Cell::new(5, 3, &a.local),
        Cell::new(6, 1, wording::ACTION_PRIVATE.text).span(1, 2),
        Cell::new(6, 3, &a.private),
    ];
    grid(body, &[1.0, 1.0, 1.0, 2.2], 1, cells);
    if let Some(note) = &a.note {
        table_note(body, note);
    }
}

/// V. 추진일정: the month grid, as schedule.typ (landscape; strategy and task rows across
/// all months, a project's bars as cells spanning their months).
fn schedule(body: &mut Body, plan: &Plan) {
    body.mark(Scope::of(&["V"]));
    part(body, &say(plan, &wording::PART_SCHEDULE), true);
    let mut cells = vec![Cell::new(0, 0, wording::SCHEDULE_TASK.text).head()];
    for m in 1..=12 {
        cells.push(Cell::new(0, m, format!("{m}{}", wording::SCHEDULE_MONTH.text)).head());
    }
    let mut row = 1;
    let mut groups = Vec::new();
    for s in &plan.strategies {
        groups.push((row, 0));
        let mut strategy = Cell::new(row, 0, format!("{}. {}", s.number, s.name))
            .scoped(&Scope::of(&["V", &s.id]))
            .span(1, 13)
            .colored(color::HEAD, None)
            .aligned(Align::Left);
        strategy.bold = true;
        cells.push(strategy);
        row += 1;
        for t in &s.tasks {
            groups.push((row, 1));
            cells.push(
                Cell::new(row, 0, format!("{} {}", t.mark, t.name))
                    .scoped(&Scope::of(&["V", &s.id, &t.id]))
                    .span(1, 13)
                    .colored(color::ACCENT_LIGHT, None)
                    .aligned(Align::Left),
            );
            row += 1;
            for p in t.projects.iter().filter(|p| p.listed) {
                let lines = p.schedule.len().max(1);
                let scope = Scope::of(&["V", &s.id, &t.id, &p.id]);
                cells.push(
                    Cell::new(row, 0, format!("{} {}", p.mark, p.list_name))
                        .scoped(&scope)
                        .span(lines, 1)
                        .aligned(Align::Left),
                );
                if p.schedule.is_empty() {
                    cells.extend((1..=12).map(|m| Cell::new(row, m, "").scoped(&scope)));
                }
                for (l, segments) in p.schedule.iter().enumerate() {
                    for seg in segments {
                        let from = seg.from as usize;
                        match &seg.label {
                            Some(label) => cells.push(
                                Cell::new(row + l, from, label)
                                    .scoped(&scope)
                                    .span(1, seg.span as usize)
                                    .colored(color::BAR, None),
                            ),
                            None => cells.extend(
                                (from..=seg.to as usize)
                                    .map(|m| Cell::new(row + l, m, "").scoped(&scope)),
                            ),
                        }
                    }
                }
                row += lines;
            }
        }
    }
    let mut widths = vec![4.2];
    widths.extend([1.0; 12]);
    table::write(
        body,
        &Table {
            widths,
            header_rows: 1,
            cells,
            kind: Kind::ScheduleCell,
            indent: 0,
            text_width: landscape_text_width(),
            groups,
            size: None,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Plan {
        crate::pipeline::load_and_check(None).unwrap().plan
    }

    #[test]
    fn without_pictures_the_figures_stay_as_tables_and_text() {
        let plan = reference();
        let parts = write(&plan, &mut |_| None, None);
        assert_eq!(parts.sections.len(), 2, "portrait I–IV, landscape V");
        assert!(parts.pictures.is_empty());
        let first = String::from_utf8(parts.sections[0].clone()).unwrap();
        assert!(first.contains(&format!("비전 : {}", plan.goals.vision)));
        assert!(!first.contains("<hp:pic"));
        let header = String::from_utf8(parts.header).unwrap();
        assert!(header.contains(r#"secCnt="2""#));
    }

    #[test]
    fn the_file_carries_the_fonts_the_document_uses_but_not_the_one_read_back() {
        let plan = reference();
        let parts = write(&plan, &mut |_| None, None);
        let ids: Vec<&str> = parts
            .fonts
            .files
            .iter()
            .map(|(id, _)| id.as_str())
            .collect();
        assert_eq!(ids, ["font1", "font2", "font3", "font4"]);
        assert_eq!(parts.fonts.licences.len(), 2);
        let names = |bytes: Vec<u8>| -> Vec<String> {
            let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            zip.file_names().map(|n| n.unwrap().to_string()).collect()
        };
        let built = names(crate::renditions::hwpx::render_hwpx_paginated(
            &plan,
            &mut |_| None,
            None,
        ));
        assert!(
            built.contains(&"BinData/font4.ttf".to_string()),
            "{built:?}"
        );
        let read = names(crate::renditions::hwpx::render_hwpx_to_read(
            &plan,
            &mut |_| None,
        ));
        assert!(
            !read
                .iter()
                .any(|n| n.starts_with("BinData/font") || n.starts_with("Fonts/")),
            "{read:?}"
        );
    }

    #[test]
    fn every_figure_asked_for_is_placed_with_its_description() {
        let plan = reference();
        let mut asked = Vec::new();
        let parts = write(
            &plan,
            &mut |figure| {
                asked.push(match figure {
                    Drawing::Chart(_) => "chart",
                    Drawing::Procedure(..) => "procedure",
                    Drawing::Vision(_) => "vision",
                });
                Some(Picture {
                    png: b"\x89PNG".to_vec(),
                    width_mm: 170.0,
                    height_mm: 50.0,
                })
            },
            None,
        );
        assert_eq!(asked.iter().filter(|k| **k == "vision").count(), 1);
        assert!(asked.contains(&"chart") && asked.contains(&"procedure"));
        assert_eq!(parts.pictures.len(), asked.len());
        assert_eq!(parts.pictures[0].0, "image1");
        let first = String::from_utf8(parts.sections[0].clone()).unwrap();
        assert_eq!(first.matches("<hp:pic ").count(), asked.len());
        assert!(first.contains(r#"binaryItemIDRef="image1""#));
        let alt = format!("<hp:shapeComment>{}</hp:shapeComment>", vision_alt(&plan));
        assert!(first.contains(&alt));
    }

    #[test]
    fn a_long_vision_description_names_the_strategies_then_counts_them() {
        let mut plan = reference();
        assert!(vision_alt(&plan).contains("(실천과제: "));
        for s in &mut plan.strategies {
            for t in &mut s.tasks {
                t.name = "가".repeat(200);
            }
        }
        let names = vision_alt(&plan);
        assert!(
            names.contains("추진전략 5개: 1. ") && !names.contains("실천과제:"),
            "{names}"
        );
        for s in &mut plan.strategies {
            s.name = "나".repeat(500);
        }
        let counts = vision_alt(&plan);
        assert!(counts.ends_with("추진전략 5개, 실천과제 15개."), "{counts}");
    }
}
