//! 채울 곳 (`placeholder`): texts a starter plan leaves for the district to write — any text
//! value that starts with [`PLACEHOLDER`] — each a warning at its line or `시트!셀`, so that a
//! starter plan builds and `check --deny-warnings` refuses it until every one is filled.

use serde::Serialize;
use serde_yaml::Value;

use crate::model::guide::PLACEHOLDER;
use crate::model::located::WrittenPlan;
use crate::model::problem::{Finding, Severity};
use crate::pipeline::check::place::Place;

/// One warning per text of the plan that is still a placeholder.
pub fn check(plan: &WrittenPlan) -> Vec<Finding> {
    let mut findings = Vec::new();
    scan(&plan.info, &plan.info.value, &mut findings);
    scan(&plan.goals, &plan.goals.value, &mut findings);
    for chapter in &plan.chapters {
        scan(chapter, &chapter.value, &mut findings);
    }
    for strategy in &plan.strategies {
        scan(strategy, &strategy.value, &mut findings);
    }
    findings
}

/// The placeholders of one part (`value`, written in `file`).
fn scan<T: Serialize>(file: &dyn Place, value: &T, findings: &mut Vec<Finding>) {
    let Ok(tree) = serde_yaml::to_value(value) else {
        return;
    };
    texts("", &tree, &mut |path, text| {
        let Some(what) = text.trim_start().strip_prefix(PLACEHOLDER) else {
            return;
        };
        let what = what.trim();
        let message = if what.is_empty() {
            "채울 곳이 남아 있습니다.".to_string()
        } else {
            format!("채울 곳이 남아 있습니다: {what}")
        };
        let problem = file
            .problem(path, text, message)
            .hint("`채울 곳:`으로 시작하는 글을 이 계획의 내용으로 바꾸세요. 이대로 두면 PDF에 그 글이 그대로 찍힙니다.");
        findings.push(Finding {
            severity: Severity::Warning,
            rule: "placeholder",
            problem,
            printed: None,
            expected: None,
        });
    });
}

/// Calls `visit` with every text in `value` and its data path (`tasks[0].purpose[1].text`).
fn texts(path: &str, value: &Value, visit: &mut dyn FnMut(&str, &str)) {
    match value {
        Value::String(text) => visit(path, text),
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                texts(&format!("{path}[{i}]"), item, visit);
            }
        }
        Value::Mapping(map) => {
            for (key, item) in map {
                let Some(key) = key.as_str() else { continue };
                let here = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                texts(&here, item, visit);
            }
        }
        Value::Tagged(tagged) => texts(path, &tagged.value, visit),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::load::reference_plan;

    #[test]
    fn the_reference_plan_has_no_placeholders() {
        assert!(super::check(&reference_plan().unwrap()).is_empty());
    }

    #[test]
    fn each_placeholder_is_a_placed_warning() {
        let mut plan = reference_plan().unwrap();
        let goals = &mut plan.goals;
        let old = goals.value.vision.clone();
        goals.value.vision = "채울 곳: 우리 시의 일자리 비전을 한 문장으로".into();
        goals.text = goals.text.replace(&old, &goals.value.vision);
        goals.positions = Default::default();
        plan.strategies[1].value.tasks[0].name = "채울 곳:".into();
        let found = super::check(&plan);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].rule, "placeholder");
        assert_eq!(found[0].problem.path, "vision");
        assert_eq!(found[0].problem.line, Some(3));
        assert!(
            found[0]
                .problem
                .message
                .starts_with("채울 곳이 남아 있습니다: 우리 시의")
        );
        assert_eq!(found[1].problem.path, "tasks[0].name");
        assert_eq!(
            found[1].problem.file.to_str(),
            Some("strategies/02-tailored.yaml")
        );
    }
}
