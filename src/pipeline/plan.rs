//! Step 3 of the pipeline, 계획 모델: the checked plan as written turned into the document's
//! model ([`crate::model::plan`]), with every derivable figure computed — task and strategy
//! budgets, the plan totals, 달성률 and 증감률, numbering, and the rows of the schedule.

use crate::model::budget::{Money, task_budget};
use crate::model::content;
use crate::model::located::WrittenPlan;
use crate::model::number;
use crate::model::plan::{
    ChapterView, CommonTargetView, GoalsView, Plan, ProjectView, Segment, StrategyView, TaskView,
};
use crate::model::summary::{self, Millions};
use crate::model::wording::Years;
use crate::model::written::{self, BudgetTerms, TargetKind};

/// Builds the plan model from a checked source plan.
pub fn build_plan(source: &WrittenPlan) -> Plan {
    let info = &source.info.value;
    let terms = info.budget_terms.clone();
    let mut strategies: Vec<StrategyView> = source
        .strategies
        .iter()
        .enumerate()
        .map(|(i, s)| strategy(i + 1, &s.value, &terms))
        .collect();
    let summaries = summary::summaries(
        &strategies
            .iter()
            .map(|s| s.tasks.iter().map(|t| t.budget).collect())
            .collect::<Vec<_>>(),
    );
    for (s, (row, tasks)) in strategies
        .iter_mut()
        .zip(summaries.strategies.iter().zip(&summaries.tasks))
    {
        s.millions = *row;
        for (t, millions) in s.tasks.iter_mut().zip(tasks) {
            t.millions = *millions;
        }
    }
    let people = strategies.iter().map(|s| s.people).sum();
    let budget = Money::sum(strategies.iter().map(|s| &s.budget));
    let chapters = source
        .chapters
        .iter()
        .enumerate()
        .map(|(i, c)| ChapterView {
            number: i + 1,
            title: c.value.title.clone(),
            body: content::blocks(&c.value.body),
        })
        .collect();
    let goals = &source.goals.value;
    let years = Years::of(info.year);
    Plan {
        district: info.district.clone(),
        year: info.year,
        year_short: years.yy,
        previous_year_short: years.py,
        date_ymd: date_ymd(&info.date),
        cover: info.cover.clone(),
        type_scale: info.type_scale,
        terms,
        chapters,
        goals: GoalsView {
            vision: goals.vision.clone(),
            common: goals.common_targets.iter().map(common_target).collect(),
            summary: summary_targets(goals),
            common_notes: goals.common_notes.clone(),
            term_plan_title: goals.term_plan.title.clone(),
            term_plan: content::blocks(&goals.term_plan.body),
        },
        strategies,
        people,
        budget,
        millions: summaries.plan,
        rounding_note: (!summaries.adjusted).then_some(summary::NOTE),
    }
}

/// `"2021-04-30"` → `[2021, 4, 30]` (the date is checked before; unreadable parts are 1).
fn date_ymd(date: &str) -> [u32; 3] {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().unwrap_or(1));
    [
        parts.next().unwrap_or(1970),
        parts.next().unwrap_or(1),
        parts.next().unwrap_or(1),
    ]
}

/// The common targets in the summary's column order: the plan's rule, stable within a kind.
fn summary_targets(goals: &written::Goals) -> Vec<CommonTargetView> {
    let mut targets: Vec<&written::CommonTarget> = goals.common_targets.iter().collect();
    targets.sort_by_key(|t| goals.summary_order.rank(t.kind));
    targets.into_iter().map(common_target).collect()
}

fn common_target(t: &written::CommonTarget) -> CommonTargetView {
    let dash = || number::DASH.to_string();
    let achievement = match (t.previous_result, t.previous_target) {
        (Some(result), Some(target)) if target != 0.0 => number::rate(result / target * 100.0),
        _ => dash(),
    };
    let (unit, show, change): (&str, fn(f64) -> String, String) = match t.kind {
        TargetKind::Rate => (
            "%",
            number::rate,
            match (t.target, t.previous_result) {
                (Some(target), Some(result)) => number::rate(target - result),
                _ => dash(),
            },
        ),
        TargetKind::Count => (
            "명",
            |v| number::integer(v.round() as i64),
            match (t.target, t.previous_result) {
                (Some(target), Some(result)) if result != 0.0 => {
                    number::rate((target - result) / result * 100.0)
                }
                _ => dash(),
            },
        ),
    };
    let shown = |v: Option<f64>| v.map_or_else(dash, show);
    CommonTargetView {
        name: t.name.clone(),
        summary_name: t
            .summary_name
            .clone()
            .unwrap_or_else(|| format!("목표 {}", t.name)),
        unit: unit.to_string(),
        previous_target: shown(t.previous_target),
        previous_result: shown(t.previous_result),
        achievement,
        target: shown(t.target),
        change,
    }
}

fn strategy(number: usize, s: &written::Strategy, terms: &BudgetTerms) -> StrategyView {
    let tasks: Vec<TaskView> = s
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| task(i + 1, t, terms))
        .collect();
    StrategyView {
        number,
        id: s.id.clone(),
        name: s.name.clone(),
        people: tasks.iter().map(|t| t.people).sum(),
        budget: Money::sum(tasks.iter().map(|t| &t.budget)),
        millions: Millions::default(),
        tasks,
    }
}

fn task(number: usize, t: &written::Task, terms: &BudgetTerms) -> TaskView {
    let budget = task_budget(t);
    let mut listed = 0;
    let projects = t
        .projects
        .iter()
        .map(|p| {
            let mark = if p.listed {
                listed += 1;
                number::circled(listed)
            } else {
                String::new()
            };
            ProjectView {
                id: p.id.clone(),
                name: p.name.clone(),
                list_name: p.list_name.clone().unwrap_or_else(|| p.name.clone()),
                listed: p.listed,
                mark,
                details: content::blocks(&p.details),
                budget_line: p
                    .budget
                    .as_ref()
                    .map(|b| budget_line(&Money::from_source(b), terms)),
                schedule: schedule_lines(&p.schedule),
            }
        })
        .collect();
    TaskView {
        number,
        mark: number::circled(number),
        id: t.id.clone(),
        name: t.name.clone(),
        title: t.title.clone().unwrap_or_else(|| t.name.clone()),
        people: t.target_people.unwrap_or(0),
        budget,
        millions: None,
        action_budget: summary::action_budget(&budget),
        purpose: content::blocks(&t.purpose),
        intro: content::blocks(&t.intro),
        projects,
        effects: content::blocks(&t.effects),
    }
}

/// `38,000천원(전액 구비)` or `200,000천원(국 120,000, 구 80,000)`.
pub fn budget_line(m: &Money, terms: &BudgetTerms) -> String {
    use crate::model::budget::Source;
    let name = |s: Source| match s {
        Source::National => terms.national.as_str(),
        Source::Province => terms.province.as_str(),
        Source::Local => terms.local.as_str(),
        Source::Private => "민자",
    };
    // The short form drops the trailing 비 (국비 → 국); 민자 stays as it is.
    let short = |s: Source| {
        let full = name(s);
        full.strip_suffix('비')
            .filter(|rest| !rest.is_empty())
            .unwrap_or(full)
            .to_string()
    };
    let parts: Vec<(Source, i64)> = m.splits().into_iter().filter(|(_, v)| *v != 0).collect();
    let total = number::thousand_won(m.total);
    match parts.as_slice() {
        [] => total,
        [(s, v)] if *v == m.total => format!("{total}(전액 {})", name(*s)),
        _ => {
            let list: Vec<String> = parts
                .iter()
                .map(|(s, v)| format!("{} {}", short(*s), number::integer(*v)))
                .collect();
            format!("{total}({})", list.join(", "))
        }
    }
}

/// Packs bars into lines (a bar goes on the first line where it overlaps nothing) and
/// fills the gaps so that each line covers months 1–12.
pub fn schedule_lines(bars: &[written::Bar]) -> Vec<Vec<Segment>> {
    let mut lines: Vec<Vec<&written::Bar>> = Vec::new();
    for bar in bars {
        let free = lines
            .iter_mut()
            .find(|line| line.iter().all(|b| bar.to < b.from || bar.from > b.to));
        match free {
            Some(line) => line.push(bar),
            None => lines.push(vec![bar]),
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by_key(|b| b.from);
            let mut segments = Vec::new();
            let mut month = 1;
            for bar in line {
                if bar.from > month {
                    segments.push(Segment {
                        from: month,
                        to: bar.from - 1,
                        span: bar.from - month,
                        label: None,
                    });
                }
                segments.push(Segment {
                    from: bar.from,
                    to: bar.to,
                    span: bar.to - bar.from + 1,
                    label: Some(bar.label.clone()),
                });
                month = bar.to + 1;
            }
            if month <= 12 {
                segments.push(Segment {
                    from: month,
                    to: 12,
                    span: 13 - month,
                    label: None,
                });
            }
            segments
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(from: u32, to: u32, label: &str) -> written::Bar {
        written::Bar {
            from,
            to,
            label: label.into(),
        }
    }

    #[test]
    fn overlapping_bars_go_to_a_new_line_and_gaps_are_filled() {
        let lines = schedule_lines(&[
            bar(2, 3, "모집"),
            bar(4, 6, "교육"),
            bar(1, 12, "상시 운영"),
        ]);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].len(), 4);
        assert_eq!(
            lines[0][0],
            Segment {
                from: 1,
                to: 1,
                span: 1,
                label: None
            }
        );
        assert_eq!(
            lines[0][3],
            Segment {
                from: 7,
                to: 12,
                span: 6,
                label: None
            }
        );
        assert_eq!(
            lines[1],
            vec![Segment {
                from: 1,
                to: 12,
                span: 12,
                label: Some("상시 운영".into())
            }]
        );
    }

    #[test]
    fn budget_lines_read_like_the_document() {
        let terms = BudgetTerms {
            national: "국비".into(),
            province: "시비".into(),
            local: "구비".into(),
        };
        let only_local = Money::from_source(&written::Budget {
            local: 38_000,
            ..Default::default()
        });
        assert_eq!(budget_line(&only_local, &terms), "38,000천원(전액 구비)");
        let split = Money::from_source(&written::Budget {
            national: 120_000,
            local: 80_000,
            ..Default::default()
        });
        assert_eq!(
            budget_line(&split, &terms),
            "200,000천원(국 120,000, 구 80,000)"
        );
    }

    #[test]
    fn common_targets_compute_achievement_and_change() {
        let rate = common_target(&written::CommonTarget {
            name: "취업률".into(),
            summary_name: None,
            kind: TargetKind::Rate,
            previous_target: Some(34.0),
            previous_result: Some(30.2),
            target: Some(34.1),
        });
        assert_eq!(
            (rate.achievement.as_str(), rate.change.as_str()),
            ("88.8", "3.9")
        );
        let count = common_target(&written::CommonTarget {
            name: "고용보험 피보험자수".into(),
            summary_name: None,
            kind: TargetKind::Count,
            previous_target: Some(121_000.0),
            previous_result: Some(126_730.0),
            target: Some(125_000.0),
        });
        assert_eq!(
            (count.achievement.as_str(), count.change.as_str()),
            ("104.7", "△1.4")
        );
        assert_eq!(count.target, "125,000");
    }

    #[test]
    fn summary_columns_follow_the_stated_rule_not_the_list() {
        let target = |name: &str, kind| written::CommonTarget {
            name: name.into(),
            summary_name: None,
            kind,
            previous_target: None,
            previous_result: None,
            target: None,
        };
        let mut goals = written::Goals {
            vision: String::new(),
            common_targets: vec![
                target("취업률", TargetKind::Rate),
                target("피보험자", TargetKind::Count),
                target("고용률", TargetKind::Rate),
                target("취업자", TargetKind::Count),
            ],
            common_notes: Vec::new(),
            summary_order: written::SummaryOrder::default(),
            term_plan: written::TermPlan::default(),
        };
        let names = |goals: &written::Goals| -> Vec<String> {
            summary_targets(goals).into_iter().map(|t| t.name).collect()
        };
        assert_eq!(names(&goals), ["피보험자", "취업자", "취업률", "고용률"]);
        goals.summary_order = written::SummaryOrder::RatesFirst;
        assert_eq!(names(&goals), ["취업률", "고용률", "피보험자", "취업자"]);
        goals.summary_order = written::SummaryOrder::AsWritten;
        assert_eq!(names(&goals), ["취업률", "피보험자", "고용률", "취업자"]);
    }
}
