//! 사업예산 arithmetic: a stated 계 must equal 국비 + 시도비 + 시군구비 + 민자, for every
//! project (세부사업) and every task (실천과제) budget.
//!
//! Task and strategy budgets are never typed when projects carry budgets (that is a
//! structural error), and strategy and plan totals are always computed; so a stated 계 is
//! the one typed budget figure that can disagree with its parts.

use crate::model::located::WrittenPlan;
use crate::model::number;
use crate::model::problem::Finding;
use crate::model::written::{Budget, BudgetTerms};

use crate::pipeline::check::place::Place;

/// Every budget whose stated 계 is not the sum of its splits.
pub fn check(plan: &WrittenPlan) -> Vec<Finding> {
    let terms = &plan.info.value.budget_terms;
    let mut findings = Vec::new();
    for file in &plan.strategies {
        for (ti, task) in file.value.tasks.iter().enumerate() {
            let tp = format!("tasks[{ti}]");
            if let Some(budget) = &task.budget {
                findings.extend(total(file, &format!("{tp}.budget"), budget, terms));
            }
            for (pi, project) in task.projects.iter().enumerate() {
                if let Some(budget) = &project.budget {
                    let path = format!("{tp}.projects[{pi}].budget");
                    findings.extend(total(file, &path, budget, terms));
                }
            }
        }
    }
    findings
}

/// A warning when `budget.total` is stated and differs from the sum of the splits.
fn total(file: &dyn Place, path: &str, budget: &Budget, terms: &BudgetTerms) -> Option<Finding> {
    let stated = budget.total?;
    // i128: amounts out of range are a structural error, and must not overflow here.
    let splits = [
        budget.national,
        budget.province,
        budget.local,
        budget.private,
    ]
    .iter()
    .map(|v| i128::from(*v))
    .sum::<i128>();
    if i128::from(stated) == splits {
        return None;
    }
    let (stated_text, splits_text) = (money(i128::from(stated)), money(splits));
    let difference = money((i128::from(stated) - splits).abs());
    let names = format!("{}+{}+{}+민자", terms.national, terms.province, terms.local);
    let message = format!(
        "계 {stated_text} ≠ {names} {splits_text} (차이 {difference}). 계를 {splits_text}(으)로 고치거나 나누어진 금액을 확인하세요."
    );
    let problem = file
        .problem(&format!("{path}.total"), &stated.to_string(), message)
        .hint("계(total)는 적지 않으면 나누어진 금액의 합으로 계산됩니다. 인쇄본대로 옮긴 것이면 그대로 두어도 됩니다(경고).");
    Some(Finding::warning(
        "budget-total",
        problem,
        stated as f64,
        splits as f64,
    ))
}

/// An amount in 천원 with separators (`△` when negative).
fn money(value: i128) -> String {
    match i64::try_from(value) {
        Ok(v) => number::integer(v),
        Err(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::located::Located;
    use std::path::Path;

    #[test]
    fn stated_total_must_be_the_sum_of_the_splits() {
        let text = "budget: {total: 132000, national: 118000, local: 13200}\n";
        let file = Located::yaml(Path::new("s.yaml"), text.into(), ());
        let terms = BudgetTerms {
            national: "국비".into(),
            province: "시비".into(),
            local: "구비".into(),
        };
        let budget = Budget {
            total: Some(132_000),
            national: 118_000,
            local: 13_200,
            ..Default::default()
        };
        let found = total(&file, "budget", &budget, &terms).unwrap();
        assert_eq!(
            found.problem.message,
            "계 132,000 ≠ 국비+시비+구비+민자 131,200 (차이 800). 계를 131,200(으)로 고치거나 나누어진 금액을 확인하세요."
        );
        assert_eq!(
            (found.problem.line, found.problem.column),
            (Some(1), Some(10))
        );
        assert_eq!(found.expected, Some(131_200.0));
        let fine = Budget {
            total: Some(131_200),
            ..budget
        };
        assert!(total(&file, "budget", &fine, &terms).is_none());
    }
}
