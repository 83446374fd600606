//! 빠진 내용 (`incomplete`): parts of the plan left empty that would print as bare headings,
//! "비전 :" or "-" — no part II, no vision or slogan, a task without 사업목적, 기대효과,
//! 성과목표 or 사업예산, a strategy without tasks, a workbook sheet nothing reads. The same
//! rules for a YAML folder and a workbook, each a warning at the line or `시트!셀` where the
//! missing content goes (the plan still builds; `check --deny-warnings` refuses it).

use std::path::Path;

use crate::model::located::{Located, WrittenPlan};
use crate::model::problem::{Finding, Problem, Severity};
use crate::model::written::{Strategy, Task};

/// One warning per part of the plan left empty.
pub fn check(plan: &WrittenPlan) -> Vec<Finding> {
    let mut out = Vec::new();
    cover(plan, &mut out);
    labour_market(plan, &mut out);
    goals(plan, &mut out);
    for file in &plan.strategies {
        strategy(file, &mut out);
    }
    for sheet in &plan.unused_sheets {
        let name = sheet.cell.rsplit_once('!').map_or("", |(n, _)| n);
        let problem = Problem::new(
            &sheet.workbook,
            "",
            format!("시트 `{name}`은(는) 계획 어디에서도 쓰이지 않습니다."),
        )
        .in_cell(&sheet.workbook, &sheet.cell)
        .hint(format!(
            "표나 그래프라면 `본문` 시트의 표(그래프) 행 내용 칸에 `{name}`을(를) 쓰세요. 빈 양식의 본보기 시트이거나 쓰지 않는 시트이면 지우세요."
        ));
        out.push(warning(problem));
    }
    out
}

fn warning(problem: Problem) -> Finding {
    Finding {
        severity: Severity::Warning,
        rule: "incomplete",
        problem,
        printed: None,
        expected: None,
    }
}

/// Whether a part was read from a workbook (it has no YAML text).
fn in_workbook<T>(part: &Located<T>) -> bool {
    part.text.is_empty()
}

/// A warning at data `path` of `part`; a part read from a workbook that has no cell for the
/// path or its parents is placed at `sheet_cell`, where the content would be written. The
/// hint is `yaml` or `workbook`, as the part was written.
fn missing<T>(
    part: &Located<T>,
    path: &str,
    message: String,
    (yaml, sheet_cell, workbook): (&str, &str, &str),
) -> Finding {
    let mut problem = part.place(Problem::new(&part.file, path, message), path, "");
    let placed = problem.line.is_some() || problem.cell.is_some();
    if in_workbook(part) {
        if !placed {
            problem = problem.in_cell(&part.file, sheet_cell);
        }
        problem = problem.hint(workbook);
    } else {
        if !placed {
            // A top-level key not written at all: the top of its file is where it goes.
            problem = problem.at(1, 1);
        }
        problem = problem.hint(yaml);
    }
    warning(problem)
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// 표지: the vision lines and the slogan.
fn cover(plan: &WrittenPlan, out: &mut Vec<Finding>) {
    let info = &plan.info;
    let cover = &info.value.cover;
    if cover.vision.iter().all(|line| blank(line)) {
        out.push(missing(
            info,
            "cover.vision",
            "표지의 비전이 비어 있습니다.".into(),
            (
                "plan.yaml의 cover 아래 `vision:`에 비전을 한 줄 이상 적으세요. 예: vision: [\"일하고 싶은 도시\"]",
                "계획!A1",
                "`계획` 시트의 항목 `비전` 행 값 칸에 비전을 적으세요(여러 줄이면 `비전` 행을 여러 개).",
            ),
        ));
    }
    if cover.slogan.as_deref().is_none_or(blank) {
        out.push(missing(
            info,
            "cover.slogan",
            "표지의 슬로건이 비어 있습니다.".into(),
            (
                "plan.yaml의 cover 아래 `slogan:`에 슬로건을 적으세요.",
                "계획!A1",
                "`계획` 시트의 항목 `슬로건` 행 값 칸에 슬로건을 적으세요.",
            ),
        ));
    }
}

/// II 지역 노동시장 현황: at least one chapter, each with a title and a body.
fn labour_market(plan: &WrittenPlan, out: &mut Vec<Finding>) {
    let message = "II장(지역 노동시장 현황)이 비어 있습니다: 노동시장 장이 하나도 없습니다.";
    if plan.chapters.is_empty() {
        let info = &plan.info;
        let problem = if in_workbook(info) {
            Problem::new(&info.file, "", message)
                .in_cell(&info.file, "본문!A1")
                .hint("`본문` 시트에 위치가 `노동시장 1`인 행들(종류 `장제목` 한 행과 본문 행)을 적으세요.")
        } else {
            Problem::new(Path::new("labour-market"), "", message).hint(
                "labour-market/ 폴더에 장마다 YAML 파일(예: 01-population.yaml, title과 body)을 두세요.",
            )
        };
        out.push(warning(problem));
    }
    for chapter in &plan.chapters {
        if chapter.value.body.is_empty() {
            out.push(missing(
                chapter,
                "title",
                format!("II장의 「{}」 장에 본문이 없습니다.", chapter.value.title),
                (
                    "이 파일의 `body:`에 본문(text, table, chart …)을 적으세요.",
                    "본문!A1",
                    "`본문` 시트에 이 장의 위치(노동시장 n)로 본문 행을 적으세요.",
                ),
            ));
        }
    }
}

/// III 일자리 목표: the vision and the link with the term plan (민선 종합계획과의 연계성).
fn goals(plan: &WrittenPlan, out: &mut Vec<Finding>) {
    let goals = &plan.goals;
    if blank(&goals.value.vision) {
        out.push(missing(
            goals,
            "vision",
            "III장 일자리 목표의 비전이 비어 있습니다. PDF에는 「비전 :」만 찍힙니다.".into(),
            (
                "goals.yaml의 `vision:`에 비전을 한 문장으로 적으세요.",
                "계획!A1",
                "`계획` 시트의 항목 `목표 비전` 행 값 칸에 비전을 적으세요.",
            ),
        ));
    }
    let term = &goals.value.term_plan;
    if blank(&term.title) {
        out.push(missing(
            goals,
            "term_plan.title",
            "III장 「민선 종합계획과의 연계성」 절의 제목이 비어 있습니다.".into(),
            (
                "goals.yaml의 term_plan 아래 `title:`에 절 제목을 적으세요. 예: 민선8기 종합계획과의 연계성",
                "계획!A1",
                "`계획` 시트의 항목 `연계 제목` 행 값 칸에 절 제목을 적으세요.",
            ),
        ));
    }
    if term.body.is_empty() {
        out.push(missing(
            goals,
            "term_plan.body",
            "III장 「민선 종합계획과의 연계성」 절에 본문이 없습니다.".into(),
            (
                "goals.yaml의 term_plan 아래 `body:`에 본문을 적으세요.",
                "본문!A1",
                "`본문` 시트에 위치가 `연계`인 본문 행을 적으세요.",
            ),
        ));
    }
}

/// One 추진전략: at least one task, each complete.
fn strategy(file: &Located<Strategy>, out: &mut Vec<Finding>) {
    let s = &file.value;
    if s.tasks.is_empty() {
        out.push(missing(
            file,
            "name",
            format!("추진전략 「{}」에 실천과제가 하나도 없습니다.", s.name),
            (
                "이 파일의 `tasks:`에 실천과제를 하나 이상 적으세요.",
                "과제!A1",
                "`과제` 시트에 이 전략의 전략ID로 실천과제 행을 하나 이상 적으세요.",
            ),
        ));
    }
    for (ti, task) in s.tasks.iter().enumerate() {
        self::task(file, &format!("tasks[{ti}]"), task, out);
    }
}

/// One 실천과제 at `tp`: 사업목적, 기대효과, 성과목표 and 사업예산.
fn task(file: &Located<Strategy>, tp: &str, task: &Task, out: &mut Vec<Finding>) {
    let name = &task.name;
    let id = &task.id;
    let body = |part: &str, field: &str, place: &str| {
        missing(
            file,
            &format!("{tp}.{field}"),
            format!("실천과제 「{name}」의 {part}이(가) 비어 있습니다. PDF에는 제목만 찍힙니다."),
            (
                &format!("이 과제의 `{field}:`에 {part}을(를) 적으세요."),
                "본문!A1",
                &format!("`본문` 시트에 위치가 `과제 {id} {place}`인 본문 행을 적으세요."),
            ),
        )
    };
    if task.purpose.is_empty() {
        out.push(body("사업목적", "purpose", "목적"));
    }
    if task.effects.is_empty() {
        out.push(body("기대효과", "effects", "기대효과"));
    }
    if task.target_people.is_none() {
        out.push(missing(
            file,
            &format!("{tp}.target_people"),
            format!(
                "실천과제 「{name}」에 일자리 창출 성과목표(명)가 없습니다. 요약과 【추진계획】에 \"-\"로 찍힙니다."
            ),
            (
                "이 과제에 `target_people:`(명)을 적으세요. 성과목표가 없는 과제이면 그대로 두어도 됩니다.",
                "과제!A1",
                "`과제` 시트의 이 행 `성과목표(명)` 칸에 인원을 적으세요. 성과목표가 없는 과제이면 그대로 두어도 됩니다.",
            ),
        ));
    }
    if task.budget.is_none() && task.projects.iter().all(|p| p.budget.is_none()) {
        out.push(missing(
            file,
            &format!("{tp}.budget"),
            format!(
                "실천과제 「{name}」에 사업예산이 없습니다. 요약과 【추진계획】의 사업비가 비어 찍힙니다."
            ),
            (
                "세부사업마다 `budget:`(천원)을 적거나, 과제 하나로만 있으면 과제에 `budget:`을 적으세요.",
                "사업!A1",
                "`사업` 시트의 세부사업 행마다 계·국비·시도비·시군구비·민자 칸(천원)을 채우거나, 과제 하나로만 있으면 `과제` 시트의 이 행에 채우세요.",
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::load::reference_plan;

    #[test]
    fn the_reference_plan_lacks_only_its_three_targets() {
        let found = super::check(&reference_plan().unwrap());
        let paths: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.problem.file.to_str().unwrap(), f.problem.path.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                ("strategies/01-youth.yaml", "tasks[2].target_people"),
                (
                    "strategies/03-social-economy.yaml",
                    "tasks[2].target_people"
                ),
                ("strategies/05-governance.yaml", "tasks[0].target_people"),
            ]
        );
    }

    #[test]
    fn each_empty_part_is_a_placed_warning() {
        let mut plan = reference_plan().unwrap();
        plan.chapters.clear();
        plan.info.value.cover.slogan = None;
        plan.goals.value.vision = " ".into();
        plan.strategies[0].value.tasks[0].purpose.clear();
        plan.strategies[3].value.tasks.clear();
        let found = super::check(&plan);
        let messages: Vec<&str> = found.iter().map(|f| f.problem.message.as_str()).collect();
        assert_eq!(found.len(), 8, "{messages:#?}");
        assert!(found.iter().all(|f| f.rule == "incomplete"));
        assert!(messages[0].starts_with("표지의 슬로건"));
        assert_eq!(
            found[0].problem.line,
            Some(8),
            "at its line, still in the text"
        );
        assert!(messages[1].starts_with("II장(지역 노동시장 현황)이 비어"));
        assert_eq!(found[1].problem.file.to_str(), Some("labour-market"));
        assert!(messages[2].starts_with("III장 일자리 목표의 비전"));
        assert_eq!(found[2].problem.line, Some(3));
        assert!(messages[3].contains("사업목적"));
        assert_eq!(found[3].problem.path, "tasks[0].purpose");
        assert!(found[3].problem.line.is_some());
        assert!(messages[6].contains("실천과제가 하나도 없습니다"));
        assert_eq!(found[6].problem.line, Some(4), "at the strategy's name");
    }
}
