//! 검토할 곳: the list of places in a plan made by `gongsi new` that staff must look at —
//! figures still missing, last year's values kept as a starting point, text and
//! statistics that describe last year, and lines that still name last year. Each place
//! has its file and line in the new plan, so the list can be worked through in an editor.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use crate::model::budget::task_budget;
use crate::model::located::{Located, WrittenPlan};
use crate::model::problem::Finding;
use crate::model::walk;
use crate::model::written::Block;

/// What the to-do list is made from.
pub struct Context<'a> {
    /// Where last year's plan was read from.
    pub from: &'a Path,
    /// Last year's plan.
    pub last: &'a WrittenPlan,
    /// The new plan, as read back from its files.
    pub next: &'a WrittenPlan,
    /// The new plan's findings.
    pub findings: &'a [Finding],
}

/// The to-do list as Markdown, and the number of places in it.
pub fn write(cx: &Context) -> (String, usize) {
    let (last, next) = (cx.last.info.value.year, cx.next.info.value.year);
    let district = &cx.next.info.value.district;
    let mut out = format!(
        "# 검토할 곳: {next}년 {district} 연차별 세부계획\n\n\
         `gongsi new`가 {last}년 계획({})에서 만든 초안입니다. 아래를 확인하고 고친 뒤 \
         `gongsi check`로 검사하세요. 위치는 `파일:줄`입니다.\n",
        cx.from.display()
    );
    let mut places = 0;
    let mut section = |out: &mut String, title: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        let _ = write!(out, "\n## {title}\n\n");
        for line in &lines {
            let _ = writeln!(out, "- [ ] {line}");
        }
        places += lines.len();
    };
    let missing = "채울 숫자 (지금은 `~`, PDF에는 \"-\")";
    section(&mut out, missing, missing_figures(cx));
    let kept = format!("{last}년 값을 그대로 둔 곳");
    section(&mut out, &kept, kept_values(cx));
    section(&mut out, "해마다 새로 쓰는 글과 통계", yearly_texts(cx));
    let years = format!("{last}년이 적힌 줄 (연도를 바꿀지 확인)");
    section(&mut out, &years, year_lines(cx));
    let carried = "지난해 계획에서 이어진 계산 경고";
    section(&mut out, carried, carried_warnings(cx));
    (out, places)
}

/// The figures still to fill in (`missing-figure` findings).
fn missing_figures(cx: &Context) -> Vec<String> {
    cx.findings
        .iter()
        .filter(|f| f.rule == "missing-figure")
        .map(|f| format!("{}: {}", at_problem(f), f.problem.message))
        .collect()
}

/// Last year's values kept as a starting point: the date, and each task's target, budget
/// and 추진일정.
fn kept_values(cx: &Context) -> Vec<String> {
    let (last, next) = (cx.last.info.value.year, cx.next.info.value.year);
    let mut kept = vec![format!(
        "{}: 문서 날짜 {} — 지난해 날짜를 한 해 옮긴 것입니다. 실제 공시일로 고치세요.",
        at(&cx.next.info, "date"),
        cx.next.info.value.date
    )];
    for file in &cx.next.strategies {
        for (ti, task) in file.value.tasks.iter().enumerate() {
            let people = task.target_people.map_or_else(
                || "없음(-)".to_string(),
                |n| format!("{}명", crate::model::number::integer(n as i64)),
            );
            let budget = task_budget(task).total;
            let bars: usize = task.projects.iter().map(|p| p.schedule.len()).sum();
            kept.push(format!(
                "{}: 「{}」 일자리 창출 성과목표 {people}, 사업예산 {}천원, 추진일정 막대 {bars}개 — {last}년 값입니다. {next}년 계획으로 고치세요.",
                at(file, &format!("tasks[{ti}]")),
                task.name,
                crate::model::number::integer(budget),
            ));
        }
    }
    kept
}

/// The text and statistics written anew each year: part II's chapters, the link to the
/// term-wide plan, the cover's slogan and vision.
fn yearly_texts(cx: &Context) -> Vec<String> {
    let (last, next) = (cx.last.info.value.year, cx.next.info.value.year);
    let mut text = Vec::new();
    for (i, chapter) in cx.next.chapters.iter().enumerate() {
        let (tables, charts) = count(&chapter.value.body);
        text.push(format!(
            "{}: II-{}. {} — 표 {tables}개, 그래프 {charts}개와 글이 {last}년 계획 때의 통계입니다. 새 통계로 바꾸세요.",
            at(chapter, "title"),
            i + 1,
            chapter.value.title
        ));
    }
    text.push(format!(
        "{}: III-4. {} — 글과 목표 표가 {next}년에 맞는지 확인하세요 (민선 기수가 바뀌었으면 제목도).",
        at(&cx.next.goals, "term_plan"),
        cx.next.goals.value.term_plan.title
    ));
    text.push(format!(
        "{}: 표지 슬로건과 비전 문구, III 비전 — 바뀌었으면 고치세요.",
        at(&cx.next.info, "cover")
    ));
    text
}

/// The lines of the new plan's files that still name last year (`2021`, `'21`), comment
/// lines too (marked 주석): a comment may say what a figure is for.
fn year_lines(cx: &Context) -> Vec<String> {
    let last = cx.last.info.value.year;
    let mut years = Vec::new();
    let needles = [last.to_string(), format!("'{:02}", last.rem_euclid(100))];
    for (file, text) in files(cx.next) {
        for (n, line) in text.lines().enumerate() {
            if !needles.iter().any(|y| line.contains(y)) {
                continue;
            }
            let comment = if line.trim_start().starts_with('#') {
                " (주석)"
            } else {
                ""
            };
            years.push(format!(
                "{}:{}: `{}`{comment}",
                file.display(),
                n + 1,
                excerpt(line.trim())
            ));
        }
    }
    years
}

/// One line counting the arithmetic warnings carried over from last year's plan, by rule
/// (none when there are none).
fn carried_warnings(cx: &Context) -> Vec<String> {
    let last = cx.last.info.value.year;
    let mut carried: BTreeMap<&str, usize> = BTreeMap::new();
    for f in cx.findings.iter().filter(|f| f.rule != "missing-figure") {
        *carried.entry(f.rule).or_default() += 1;
    }
    if carried.is_empty() {
        return Vec::new();
    }
    let total: usize = carried.values().sum();
    let rules: Vec<String> = carried.iter().map(|(r, n)| format!("{r} {n}건")).collect();
    vec![format!(
        "{total}건 ({}): {last}년 계획에 있던 숫자 그대로입니다. `gongsi check`로 위치를 보고 고치세요.",
        rules.join(", ")
    )]
}

/// `file:line` of the node at `path` (or its nearest ancestor).
fn at<T>(part: &Located<T>, path: &str) -> String {
    match part.nearest(path) {
        Some((line, _)) => format!("{}:{line}", part.file.display()),
        None => part.file.display().to_string(),
    }
}

fn at_problem(f: &Finding) -> String {
    match f.problem.line {
        Some(line) => format!("{}:{line}", f.problem.file.display()),
        None => f.problem.file.display().to_string(),
    }
}

/// Tables and charts in blocks.
fn count(blocks: &[Block]) -> (usize, usize) {
    let (mut tables, mut charts) = (0, 0);
    walk::blocks("", blocks, 0, &mut |_, block, _| {
        tables += usize::from(block.table.is_some());
        charts += usize::from(block.chart.is_some());
    });
    (tables, charts)
}

/// Every file of a plan with its text.
fn files(plan: &WrittenPlan) -> Vec<(&Path, &str)> {
    let mut out = vec![
        (plan.info.file.as_path(), plan.info.text.as_str()),
        (plan.goals.file.as_path(), plan.goals.text.as_str()),
    ];
    out.extend(
        plan.chapters
            .iter()
            .map(|c| (c.file.as_path(), c.text.as_str())),
    );
    out.extend(
        plan.strategies
            .iter()
            .map(|s| (s.file.as_path(), s.text.as_str())),
    );
    out
}

/// At most 80 characters of a line.
fn excerpt(line: &str) -> String {
    let mut chars = line.chars();
    let head: String = chars.by_ref().take(80).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
