//! 단수 조정 that cannot be done: a table printed in a larger unit whose exact amounts do
//! not add up, so that its figures are rounded each on its own and printed with the note
//! "※ 단수 조정으로 합계가 일치하지 않을 수 있음" ([`crate::model::summary::NOTE`]).
//!
//! Where the exact amounts add up, gongsi adjusts the rounding ([`crate::model::summary`]) and the
//! printed table always adds up, so nothing is reported. The summaries (I 요약, III 분야별
//! 목표) always add up, their 합계 being the sum of the splits; a 【추진계획】 table printed in
//! 억원 does not when its task's stated 계 is not the sum of its 재원 (also a `budget-total`
//! warning at the project).

use crate::model::budget::task_budget;
use crate::model::located::WrittenPlan;
use crate::model::problem::Finding;
use crate::model::summary::{self, ActionBudget};

use crate::pipeline::check::place::Place;

/// Every table that prints the note, at the data it comes from.
pub fn check(plan: &WrittenPlan) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut budgets = Vec::new();
    for file in &plan.strategies {
        let mut tasks = Vec::new();
        for (ti, task) in file.value.tasks.iter().enumerate() {
            let money = task_budget(task);
            let printed = summary::action_budget(&money);
            if printed.note.is_some() {
                findings.push(note(file, &format!("tasks[{ti}]"), &task.name, &printed));
            }
            tasks.push(money);
        }
        budgets.push(tasks);
    }
    if !summary::summaries(&budgets).adjusted {
        let problem = plan.info.problem(
            "budget_terms",
            "budget_terms",
            "I 요약과 III 분야별 목표의 백만원 칸을 단수 조정할 수 없어 칸마다 반올림하고 「※ 단수 조정으로 합계가 일치하지 않을 수 있음」을 적었습니다.".into(),
        );
        findings.push(Finding::warning("rounding-note", problem, 0.0, 0.0));
    }
    findings
}

fn note(file: &dyn Place, path: &str, name: &str, printed: &ActionBudget) -> Finding {
    let message = format!(
        "실천과제 「{name}」의 【추진계획】 표는 금액이 커서 {}(으)로 적는데, 사업비 계가 국비·시도비·시군구비·민자의 합과 달라 단수 조정을 할 수 없습니다. 칸마다 반올림하고(계 {}) 표 아래에 「※ 단수 조정으로 합계가 일치하지 않을 수 있음」을 적었습니다.",
        printed.unit, printed.total
    );
    let problem = file.problem(path, name, message).hint(
        "세부사업 사업예산의 계(total)를 지우면 나누어진 금액의 합으로 계산되어 표가 맞게 됩니다.",
    );
    Finding::warning("rounding-note", problem, 0.0, 0.0)
}
