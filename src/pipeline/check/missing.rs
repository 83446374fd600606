//! 빠진 숫자 (`missing-figure`): 공통 일자리 목표 figures not written yet (`~`), as a plan
//! made by `gongsi new` has until staff fill in last year's 실적 and this year's 목표.
//! They print as "-"; the warning says which figure is missing and where to write it.

use crate::model::located::WrittenPlan;
use crate::model::problem::{Finding, Severity};

/// One warning per 공통 일자리 목표 figure that is not written yet.
pub fn check(plan: &WrittenPlan) -> Vec<Finding> {
    let goals = &plan.goals;
    let year = plan.info.value.year;
    let mut findings = Vec::new();
    for (i, target) in goals.value.common_targets.iter().enumerate() {
        let figures = [
            (
                "previous_target",
                target.previous_target,
                format!("{}년 목표가", year - 1),
            ),
            (
                "previous_result",
                target.previous_result,
                format!("{}년 실적이", year - 1),
            ),
            ("target", target.target, format!("{year}년 목표가")),
        ];
        for (field, value, what) in figures {
            if value.is_some() {
                continue;
            }
            let path = format!("common_targets[{i}].{field}");
            let message = format!(
                "공통 일자리 목표 「{}」의 {what} 아직 없습니다. 표에는 \"-\"로 찍힙니다.",
                target.name
            );
            let problem = goals
                .place(
                    crate::model::problem::Problem::new(&goals.file, &path, message),
                    &path,
                    field,
                )
                .hint(format!("`{field}:`에 숫자를 적으세요 (지금은 `~`)."));
            findings.push(Finding {
                severity: Severity::Warning,
                rule: "missing-figure",
                problem,
                printed: None,
                expected: None,
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use crate::pipeline::load::reference_plan;

    #[test]
    fn a_complete_plan_has_no_missing_figures() {
        let plan = reference_plan().unwrap();
        assert!(super::check(&plan).is_empty());
    }

    #[test]
    fn each_missing_figure_is_a_placed_warning() {
        let mut plan = reference_plan().unwrap();
        let text = plan
            .goals
            .text
            .replace("previous_result: 30.2", "previous_result: ~");
        plan.goals.text = text;
        plan.goals.positions = Default::default();
        plan.goals.value.common_targets[0].previous_result = None;
        plan.goals.value.common_targets[1].target = None;
        let found = super::check(&plan);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].rule, "missing-figure");
        assert_eq!(found[0].problem.path, "common_targets[0].previous_result");
        assert!(found[0].problem.message.contains("2020년 실적"));
        assert!(found[0].problem.line.is_some());
        assert!(found[1].problem.message.contains("2021년 목표"));
    }
}
