//! 단수 차이 (rounding) in the summaries: I 요약 and III 분야별 목표 show budgets in 백만원,
//! each cell rounded from its exact 천원 amount, totals rounded from the exact 천원 total.
//! Where the rounded cells of a line do not add up to its rounded total, a reader re-adding
//! the printed table finds a difference: this rule points at the cell rounded the most.
//!
//! Lines checked: the tasks' 사업예산 against the 합계 (I 요약), each 재원 of the strategies
//! against its 총계 (III 분야별 목표), and 국비 + 시도비 + 시군구비 against 합계 for every
//! strategy and for the plan (III, and I 요약's 지역 일자리 목표 요약).

use crate::findings::Finding;
use crate::load::SourcePlan;
use crate::number;
use crate::source::BudgetTerms;

use super::Place;

/// One printed 백만원 cell: where its amount comes from and its exact 천원 amount.
struct Part<'a> {
    /// The file and data path that hold (or sum up to) the amount.
    file: &'a dyn Place,
    path: String,
    needle: String,
    /// How the reader sees it, e.g. `「청년 창업 인프라 조성」`.
    label: String,
    /// Exact amount in 천원.
    amount: i128,
}

/// Every summary line whose rounded cells do not add up to its rounded total.
pub fn check(plan: &SourcePlan) -> Vec<Finding> {
    let mut findings = Vec::new();
    let terms = &plan.info.value.budget_terms;
    let mut tasks = Vec::new();
    let mut strategies: Vec<(Part, Wide)> = Vec::new();
    for file in &plan.strategies {
        let mut strategy = Vec::new();
        for (ti, task) in file.value.tasks.iter().enumerate() {
            let money = task_budget_wide(task);
            tasks.push(Part {
                file,
                path: format!("tasks[{ti}]"),
                needle: task.name.clone(),
                label: format!("「{}」", task.name),
                amount: money.public,
            });
            strategy.push(money);
        }
        let money = sum(&strategy);
        let part = Part {
            file,
            path: "name".into(),
            needle: file.value.name.clone(),
            label: format!("「{}」", file.value.name),
            amount: 0,
        };
        strategies.push((part, money));
    }
    let total = sum(&strategies.iter().map(|(_, m)| *m).collect::<Vec<_>>());
    findings.extend(line(
        "I 요약 「핵심 전략」 표의 사업예산: 과제별 칸",
        &tasks,
        total.public,
    ));
    let sources = [
        ("합계", Wide::public as fn(&Wide) -> i128),
        (terms.national.as_str(), |m: &Wide| m.national),
        (terms.province.as_str(), |m: &Wide| m.province),
        (terms.local.as_str(), |m: &Wide| m.local),
    ];
    for (name, pick) in sources {
        let parts: Vec<Part> = strategies
            .iter()
            .map(|(p, m)| Part {
                amount: pick(m),
                ..p.clone()
            })
            .collect();
        let what = format!("III 분야별 목표 표의 {name}: 전략별 칸");
        findings.extend(line(&what, &parts, pick(&total)));
    }
    for (p, m) in &strategies {
        let what = format!("III 분야별 목표 표의 {} 줄: 재원별 칸", p.label);
        let parts = splits(terms, m, p.file, &p.path, &p.needle);
        findings.extend(line(&what, &parts, m.public));
    }
    let what = "I 요약 「지역 일자리 목표 요약」과 III 분야별 목표 총계 줄: 재원별 칸";
    let parts = splits(terms, &total, &plan.info, "budget_terms", "budget_terms");
    findings.extend(line(what, &parts, total.public));
    findings
}

/// The 국비, 시도비 and 시군구비 cells of a budget line, all placed at `path`.
fn splits<'a>(
    terms: &BudgetTerms,
    m: &Wide,
    file: &'a dyn Place,
    path: &str,
    needle: &str,
) -> Vec<Part<'a>> {
    [
        (terms.national.as_str(), m.national),
        (terms.province.as_str(), m.province),
        (terms.local.as_str(), m.local),
    ]
    .into_iter()
    .map(|(name, amount)| Part {
        file,
        path: path.to_string(),
        needle: needle.to_string(),
        label: name.to_string(),
        amount,
    })
    .collect()
}

impl Clone for Part<'_> {
    fn clone(&self) -> Self {
        Part {
            file: self.file,
            path: self.path.clone(),
            needle: self.needle.clone(),
            label: self.label.clone(),
            amount: self.amount,
        }
    }
}

/// A budget in 천원 with room for any sum (amounts out of range are a structural error).
#[derive(Debug, Clone, Copy, Default)]
struct Wide {
    public: i128,
    national: i128,
    province: i128,
    local: i128,
}

impl Wide {
    fn public(&self) -> i128 {
        self.public
    }
}

/// A task's budget as the plan model computes it ([`crate::plan::task_budget`]): the sum
/// of its projects' budgets when any has one, else its own; in 128-bit arithmetic.
fn task_budget_wide(task: &crate::source::Task) -> Wide {
    let with_budget = task.projects.iter().filter_map(|p| p.budget.as_ref());
    let budgets: Vec<Wide> = if task.projects.iter().any(|p| p.budget.is_some()) {
        with_budget.map(wide).collect()
    } else {
        task.budget.iter().map(wide).collect()
    };
    sum(&budgets)
}

fn wide(b: &crate::source::Budget) -> Wide {
    let (n, p, l) = (
        i128::from(b.national),
        i128::from(b.province),
        i128::from(b.local),
    );
    Wide {
        public: n + p + l,
        national: n,
        province: p,
        local: l,
    }
}

fn sum(items: &[Wide]) -> Wide {
    items.iter().fold(Wide::default(), |a, m| Wide {
        public: a.public + m.public,
        national: a.national + m.national,
        province: a.province + m.province,
        local: a.local + m.local,
    })
}

/// 천원 → 백만원, half away from zero (as printed).
fn million(thousand: i128) -> i128 {
    thousand.signum() * ((thousand.abs() + 500) / 1000)
}

fn show(value: i128) -> String {
    i64::try_from(value).map_or_else(|_| value.to_string(), number::integer)
}

/// A warning when the rounded `parts` do not add up to the rounded `whole`.
fn line(what: &str, parts: &[Part], whole: i128) -> Option<Finding> {
    let cells: i128 = parts.iter().map(|p| million(p.amount)).sum();
    let total = million(whole);
    let gap = cells - total;
    if gap == 0 || parts.is_empty() {
        return None;
    }
    // The cell rounded the furthest in the direction of the gap explains it best.
    let drift = |p: &Part| (million(p.amount) * 1000 - p.amount) * gap.signum();
    let worst = parts.iter().max_by_key(|p| drift(p))?;
    let message = format!(
        "{what}의 합 {} ≠ 합계 {} (백만원, 차이 {}). 칸마다 천원 금액을 반올림하므로 칸의 합이 합계({}천원의 반올림)와 다릅니다. 가장 크게 반올림된 칸: {} {}천원 → {}.",
        show(cells),
        show(total),
        show(gap.abs()),
        show(whole),
        worst.label,
        show(worst.amount),
        show(million(worst.amount)),
    );
    let problem = worst.file.problem(&worst.path, &worst.needle, message).hint(
        "자료의 잘못이 아니라 단수 차이입니다. 인쇄본에는 '단수 조정으로 합계가 다를 수 있음'을 적거나, 천원 금액을 확인하세요.",
    );
    Some(Finding::warning(
        "summary-rounding",
        problem,
        total as f64,
        cells as f64,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Located;
    use std::path::Path;

    fn part<'a>(file: &'a dyn Place, label: &str, amount: i128) -> Part<'a> {
        Part {
            file,
            path: "tasks[0]".into(),
            needle: label.into(),
            label: label.into(),
            amount,
        }
    }

    #[test]
    fn rounded_cells_that_miss_the_total_are_reported_at_the_furthest_rounded_cell() {
        let file = Located::yaml(Path::new("s.yaml"), "tasks:\n  - name: 가\n".into(), ());
        let parts = [part(&file, "가", 1_220_500), part(&file, "나", 1_000_200)];
        // 1,221 + 1,000 = 2,221 cells; 2,220,700 → 2,221 total: no gap.
        assert!(line("표", &parts, 2_220_700).is_none());
        let parts = [part(&file, "가", 1_220_500), part(&file, "나", 1_000_000)];
        let found = line("표", &parts, 2_220_400).unwrap();
        assert!(
            found.problem.message.contains("합 2,221 ≠ 합계 2,220"),
            "{}",
            found.problem.message
        );
        assert!(found.problem.message.contains("가 1,220,500천원 → 1,221"));
        assert_eq!(found.problem.line, Some(2));
        assert_eq!(million(-1_500), -2);
    }
}
