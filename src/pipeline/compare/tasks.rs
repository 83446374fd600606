//! 비교의 IV부 (part IV): strategies, tasks and projects matched by id in each draft's index,
//! a section per strategy and per task in the new draft's order with removed items where they
//! were, their stated budgets measure by measure and the computed totals.

use std::collections::HashMap;

use crate::model::budget::{Measure, Money};
use crate::model::plan::{ProjectView, StrategyView, TaskView};
use crate::model::wording;
use crate::model::written::{self, BudgetTerms};

use super::draft::Draft;
use super::lines::{bars, line_changes, lines};
use super::spots::{self, put_back_at};
use super::words::{in_order, merged, name_changes, text};
use crate::model::change::{Amount, Change, Item, Level, Part, Section};
use crate::model::plan::Plan;
use crate::model::spot::{Leaf, Path, Spot, field};

/// Where a task or project sits in one draft.
pub(super) struct TaskAt<'a> {
    strategy: &'a StrategyView,
    view: &'a TaskView,
    source: &'a written::Task,
}

pub(super) struct ProjectAt<'a> {
    task: &'a TaskView,
    strategy: &'a StrategyView,
    view: &'a ProjectView,
    source: &'a written::Project,
}

/// One draft's strategies, tasks and projects by id.
pub(super) struct Index<'a> {
    draft: &'a Draft,
    strategies: HashMap<&'a str, &'a StrategyView>,
    tasks: HashMap<&'a str, TaskAt<'a>>,
    projects: HashMap<&'a str, ProjectAt<'a>>,
}

impl<'a> Index<'a> {
    pub(super) fn new(draft: &'a Draft) -> Self {
        let mut index = Index {
            draft,
            strategies: HashMap::new(),
            tasks: HashMap::new(),
            projects: HashMap::new(),
        };
        for (s, ss) in draft.plan.strategies.iter().zip(&draft.source.strategies) {
            index.strategies.insert(s.id.as_str(), s);
            for (t, ts) in s.tasks.iter().zip(&ss.value.tasks) {
                index.tasks.insert(
                    t.id.as_str(),
                    TaskAt {
                        strategy: s,
                        view: t,
                        source: ts,
                    },
                );
                for (p, ps) in t.projects.iter().zip(&ts.projects) {
                    index.projects.insert(
                        p.id.as_str(),
                        ProjectAt {
                            task: t,
                            strategy: s,
                            view: p,
                            source: ps,
                        },
                    );
                }
            }
        }
        index
    }

    fn terms(&self) -> &'a BudgetTerms {
        &self.draft.plan.terms
    }
}

/// Where a strategy is in the plan model.
fn strategy_path(id: &str) -> Path {
    Path::root().key(field!(Plan, strategies)).id(id)
}

impl TaskAt<'_> {
    /// Where the task is in its draft's plan model.
    fn path(&self) -> Path {
        strategy_path(&self.strategy.id)
            .key(field!(StrategyView, tasks))
            .id(&self.view.id)
    }
}

impl ProjectAt<'_> {
    /// Where the project is in its draft's plan model.
    fn path(&self) -> Path {
        strategy_path(&self.strategy.id)
            .key(field!(StrategyView, tasks))
            .id(&self.task.id)
            .key(field!(TaskView, projects))
            .id(&self.view.id)
    }
}

/// The ids of a list of items.
fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(id).collect()
}

pub(super) fn strategy_place(s: &StrategyView) -> String {
    format!("전략{} {}", s.number, s.name)
}

pub(super) fn task_place(s: &StrategyView, t: &TaskView) -> String {
    format!("전략{} › {} {}", s.number, t.mark, t.name)
}

pub(super) fn project_place(s: &StrategyView, t: &TaskView, p: &ProjectView) -> String {
    let nth = t.projects.iter().position(|q| q.id == p.id).unwrap_or(0) + 1;
    format!(
        "전략{} › {} {} › {nth}번째 사업 「{}」",
        s.number, t.mark, t.name, p.name
    )
}

/// Part IV: a section per strategy and per task, in the new draft's order, with removed
/// items where they were.
pub(super) struct Tasks<'a> {
    old: Index<'a>,
    new: Index<'a>,
}

impl<'a> Tasks<'a> {
    pub(super) fn new(old: &'a Draft, new: &'a Draft) -> Self {
        Tasks {
            old: Index::new(old),
            new: Index::new(new),
        }
    }

    /// A section per strategy, in the new draft's order with removed strategies where they
    /// were, each followed by a section per task.
    pub(super) fn sections(&self) -> Vec<Section> {
        let old_ids: Vec<&str> = self
            .old
            .draft
            .plan
            .strategies
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        let new_ids: Vec<&str> = self
            .new
            .draft
            .plan
            .strategies
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        let kept = in_order(&old_ids, &new_ids);
        let mut sections = Vec::new();
        for id in merged(&old_ids, &new_ids) {
            let (a, b) = (
                self.old.strategies.get(id).copied(),
                self.new.strategies.get(id).copied(),
            );
            let shown = b.or(a).expect("the id comes from one of the drafts");
            let title = format!(
                "{}. {}",
                wording::PART_TASKS.numeral(),
                strategy_place(shown)
            );
            sections.push(Section {
                part: Part::Tasks,
                title: title.clone(),
                strategy: Some(id.into()),
                task: None,
                changes: self.strategy(id, a, b, kept.contains(id), &(&old_ids, &new_ids)),
            });
            // Tasks of a removed strategy go with it; only those moved elsewhere show up there.
            if b.is_some() {
                sections.extend(self.task_sections(id, &title, a, shown));
            }
        }
        sections
    }

    /// The changes of one strategy itself: added, removed, or moved (`in_order` is false)
    /// and renamed, with its totals.
    fn strategy(
        &self,
        id: &str,
        a: Option<&StrategyView>,
        b: Option<&StrategyView>,
        in_order: bool,
        (old_ids, new_ids): &(&Vec<&str>, &Vec<&str>),
    ) -> Vec<Change> {
        let mut changes = Vec::new();
        let at = strategy_path(id);
        match (a, b) {
            (None, Some(b)) => changes.push(
                Change::Added {
                    item: Item::Strategy,
                    id: id.into(),
                    name: b.name.clone(),
                    place: strategy_place(b),
                    spots: Vec::new(),
                }
                .at([spots::added(&at, spots::strategy(b))]),
            ),
            (Some(a), None) => changes.push(
                Change::Removed {
                    item: Item::Strategy,
                    id: id.into(),
                    name: a.name.clone(),
                    place: strategy_place(a),
                    spots: Vec::new(),
                }
                .at([spots::removed(
                    at.clone(),
                    Path::root().key(field!(Plan, strategies)),
                    put_back_at(old_ids, new_ids, id),
                    spots::strategy(a),
                )]),
            ),
            (Some(a), Some(b)) => {
                if !in_order {
                    changes.push(Change::Moved {
                        item: Item::Strategy,
                        id: id.into(),
                        name: b.name.clone(),
                        from: format!("전략{}", a.number),
                        to: format!("전략{}", b.number),
                        spots: Vec::new(),
                    });
                }
                if a.name != b.name {
                    changes.push(
                        text(
                            format!("추진전략 「{}」 이름", b.name),
                            format!("strategy/{id}/name"),
                            &a.name,
                            &b.name,
                        )
                        .at([spots::field(
                            &at,
                            &at,
                            field!(StrategyView, name),
                        )]),
                    );
                }
                changes.extend(totals(
                    Level::Strategy,
                    &strategy_place(b),
                    &format!("strategy/{id}"),
                    (Totals::strategy(a, at.clone()), Totals::strategy(b, at)),
                    self.new.terms(),
                ));
            }
            (None, None) => {}
        }
        changes
    }

    /// A section per task of strategy `id` (as `shown` in the new draft, `a` in the old),
    /// in the new order with removed tasks where they were; a task that moved to another
    /// strategy shows up there.
    fn task_sections(
        &self,
        id: &str,
        title: &str,
        a: Option<&StrategyView>,
        shown: &StrategyView,
    ) -> Vec<Section> {
        let new_tasks: Vec<&str> = shown.tasks.iter().map(|t| t.id.as_str()).collect();
        let old_tasks: Vec<&str> = a
            .map(|a| a.tasks.iter().map(|t| t.id.as_str()).collect())
            .unwrap_or_default();
        let stayed: Vec<&str> = old_tasks
            .iter()
            .copied()
            .filter(|t| new_tasks.contains(t) || !self.new.tasks.contains_key(t))
            .collect();
        let kept_tasks = in_order(&stayed, &new_tasks);
        let mut sections = Vec::new();
        for task in merged(&stayed, &new_tasks) {
            let list = List {
                into: strategy_path(id).key(field!(StrategyView, tasks)),
                old: &old_tasks,
                new: &new_tasks,
            };
            let changes = self.task(task, kept_tasks.contains(task), &list);
            let at = self
                .new
                .tasks
                .get(task)
                .or_else(|| self.old.tasks.get(task));
            let name = at
                .map(|t| format!("{} {}", t.view.mark, t.view.name))
                .unwrap_or_default();
            sections.push(Section {
                part: Part::Tasks,
                title: format!("{title} › {name}"),
                strategy: Some(id.into()),
                task: Some(task.into()),
                changes,
            });
        }
        sections
    }

    /// The changes of one task (and its projects); `in_order` is false when it moved
    /// within its strategy.
    fn task(&self, id: &str, in_order: bool, list: &List) -> Vec<Change> {
        match (self.old.tasks.get(id), self.new.tasks.get(id)) {
            (None, Some(b)) => self.added_task(id, b),
            (Some(a), None) => vec![
                Change::Removed {
                    item: Item::Task,
                    id: id.into(),
                    name: a.view.name.clone(),
                    place: task_place(a.strategy, a.view),
                    spots: Vec::new(),
                }
                .at([list.put_back(id, a.path(), spots::task(a.view))]),
            ],
            (Some(a), Some(b)) => self.kept_task(id, in_order, a, b),
            (None, None) => Vec::new(),
        }
    }

    /// A task only in the new draft; its projects that were elsewhere before are moves
    /// into it.
    fn added_task(&self, id: &str, b: &TaskAt) -> Vec<Change> {
        let mut changes = vec![
            Change::Added {
                item: Item::Task,
                id: id.into(),
                name: b.view.name.clone(),
                place: task_place(b.strategy, b.view),
                spots: Vec::new(),
            }
            .at([spots::added(&b.path(), spots::task(b.view))]),
        ];
        for p in &b.view.projects {
            if let (Some(pa), Some(pb)) = (
                self.old.projects.get(p.id.as_str()),
                self.new.projects.get(p.id.as_str()),
            ) {
                changes.push(
                    Change::Moved {
                        item: Item::Project,
                        id: p.id.clone(),
                        name: p.name.clone(),
                        from: project_place(pa.strategy, pa.task, pa.view),
                        to: project_place(pb.strategy, pb.task, pb.view),
                        spots: Vec::new(),
                    }
                    .at(self.left_project(pa)),
                );
                changes.extend(self.project(&p.id, pa, pb));
            }
        }
        changes
    }

    /// A task in both drafts: moved, renamed, its target, body, stated budget, projects
    /// and totals.
    fn kept_task(&self, id: &str, in_order: bool, a: &TaskAt, b: &TaskAt) -> Vec<Change> {
        let mut changes: Vec<Change> = self.moved_task(id, in_order, a, b).into_iter().collect();
        let (ta, tb) = (a.view, b.view);
        let who = format!("실천과제 「{}」", tb.name);
        let path = format!("task/{id}");
        let (at_a, at_b) = (a.path(), b.path());
        changes.extend(name_changes(
            &who,
            &path,
            (&at_b, &at_a),
            ("과제명", field!(TaskView, name), &ta.name, &tb.name),
            (
                "IV 과제 제목",
                field!(TaskView, title),
                &ta.title,
                &tb.title,
            ),
        ));
        let (pa, pb) = (a.source.target_people, b.source.target_people);
        if pa != pb {
            changes.push(
                number(
                    format!("{who} 일자리 창출 성과목표"),
                    format!("{path}/target_people"),
                    "명",
                    pa.map(|v| Amount::Int(v as i64)),
                    pb.map(|v| Amount::Int(v as i64)),
                )
                .at([spots::field(&at_b, &at_a, field!(TaskView, people))]),
            );
        }
        for (label, key, x, y) in [
            (
                "사업목적",
                field!(TaskView, purpose),
                &ta.purpose,
                &tb.purpose,
            ),
            (
                "사업내용 도입",
                field!(TaskView, intro),
                &ta.intro,
                &tb.intro,
            ),
            (
                "기대효과",
                field!(TaskView, effects),
                &ta.effects,
                &tb.effects,
            ),
        ] {
            changes.extend(line_changes(
                &format!("{who} {label}"),
                &format!("{path}/{key}"),
                &lines(x, at_a.key(key)),
                &lines(y, at_b.key(key)),
            ));
        }
        changes.extend(budget(
            &format!("{who} 사업비(과제에 적은 값)"),
            &format!("{path}/budget"),
            a.source.budget.as_ref(),
            b.source.budget.as_ref(),
            self.new.terms(),
        ));
        changes.extend(self.projects(id, a, b));
        changes.extend(totals(
            Level::Task,
            &task_place(b.strategy, b.view),
            &path,
            (Totals::task(ta, at_a), Totals::task(tb, at_b)),
            self.new.terms(),
        ));
        changes
    }

    /// The move of a task in both drafts, if it moved: into another strategy it is shown
    /// there as added, and struck through where it was.
    fn moved_task(&self, id: &str, in_order: bool, a: &TaskAt, b: &TaskAt) -> Option<Change> {
        let elsewhere = a.strategy.id != b.strategy.id;
        if !elsewhere && in_order {
            return None;
        }
        let mut spots = Vec::new();
        if elsewhere {
            spots.push(spots::added(&b.path(), spots::task(b.view)));
            spots.extend(self.left_task(a));
        }
        let moved = Change::Moved {
            item: Item::Task,
            id: id.into(),
            name: b.view.name.clone(),
            from: task_place(a.strategy, a.view),
            to: task_place(b.strategy, b.view),
            spots: Vec::new(),
        };
        Some(moved.at(spots))
    }

    /// A task of the old draft that moved to another strategy, struck through where it was
    /// (when that strategy is still there).
    fn left_task(&self, a: &TaskAt) -> Option<Spot> {
        let stays = self.new.strategies.get(a.strategy.id.as_str())?;
        let list = List {
            into: strategy_path(&stays.id).key(field!(StrategyView, tasks)),
            old: &ids(&a.strategy.tasks, |t| t.id.as_str()),
            new: &ids(&stays.tasks, |t| t.id.as_str()),
        };
        Some(list.put_back(&a.view.id, a.path(), spots::task(a.view)))
    }

    /// A project of the old draft that moved to another task, struck through where it was
    /// (when that task is still there).
    fn left_project(&self, a: &ProjectAt) -> Option<Spot> {
        let stays = self.new.tasks.get(a.task.id.as_str())?;
        let list = List {
            into: stays.path().key(field!(TaskView, projects)),
            old: &ids(&a.task.projects, |p| p.id.as_str()),
            new: &ids(&stays.view.projects, |p| p.id.as_str()),
        };
        Some(list.put_back(&a.view.id, a.path(), spots::project(a.view)))
    }

    fn projects(&self, task: &str, a: &TaskAt, b: &TaskAt) -> Vec<Change> {
        let new_ids: Vec<&str> = b.view.projects.iter().map(|p| p.id.as_str()).collect();
        let old_ids: Vec<&str> = a
            .view
            .projects
            .iter()
            .map(|p| p.id.as_str())
            .filter(|p| new_ids.contains(p) || !self.new.projects.contains_key(p))
            .collect();
        let kept = in_order(&old_ids, &new_ids);
        let all_old = ids(&a.view.projects, |p| p.id.as_str());
        let list = List {
            into: b.path().key(field!(TaskView, projects)),
            old: &all_old,
            new: &new_ids,
        };
        let mut changes = Vec::new();
        // Projects moved here from another task are reported here, as moves.
        for id in merged(&old_ids, &new_ids) {
            let (pa, pb) = (self.old.projects.get(id), self.new.projects.get(id));
            match (pa, pb) {
                (None, Some(pb)) => changes.push(
                    Change::Added {
                        item: Item::Project,
                        id: id.into(),
                        name: pb.view.name.clone(),
                        place: project_place(pb.strategy, pb.task, pb.view),
                        spots: Vec::new(),
                    }
                    .at([spots::added(&pb.path(), spots::project(pb.view))]),
                ),
                (Some(pa), None) => changes.push(
                    Change::Removed {
                        item: Item::Project,
                        id: id.into(),
                        name: pa.view.name.clone(),
                        place: project_place(pa.strategy, pa.task, pa.view),
                        spots: Vec::new(),
                    }
                    .at([list.put_back(
                        id,
                        pa.path(),
                        spots::project(pa.view),
                    )]),
                ),
                (Some(pa), Some(pb)) => {
                    if pa.task.id != task || !kept.contains(id) {
                        // From another task: shown here as added, struck through there.
                        let spots = if pa.task.id == task {
                            Vec::new()
                        } else {
                            let mut spots = vec![spots::added(&pb.path(), spots::project(pb.view))];
                            spots.extend(self.left_project(pa));
                            spots
                        };
                        changes.push(
                            Change::Moved {
                                item: Item::Project,
                                id: id.into(),
                                name: pb.view.name.clone(),
                                from: project_place(pa.strategy, pa.task, pa.view),
                                to: project_place(pb.strategy, pb.task, pb.view),
                                spots: Vec::new(),
                            }
                            .at(spots),
                        );
                    }
                    changes.extend(self.project(id, pa, pb));
                }
                (None, None) => {}
            }
        }
        changes
    }

    fn project(&self, id: &str, a: &ProjectAt, b: &ProjectAt) -> Vec<Change> {
        let (va, vb) = (a.view, b.view);
        let who = format!("세부사업 「{}」", vb.name);
        let path = format!("project/{id}");
        let (at_a, at_b) = (a.path(), b.path());
        let mut changes = Vec::new();
        changes.extend(name_changes(
            &who,
            &path,
            (&at_b, &at_a),
            ("사업명", field!(ProjectView, name), &va.name, &vb.name),
            (
                "목록 이름",
                field!(ProjectView, list_name),
                &va.list_name,
                &vb.list_name,
            ),
        ));
        if va.listed != vb.listed {
            let said = |listed: bool| {
                if listed {
                    "목록에 실음"
                } else {
                    "목록에 싣지 않음"
                }
            };
            changes.push(text(
                format!("{who} 요약·개요·추진일정 목록"),
                format!("{path}/listed"),
                said(va.listed),
                said(vb.listed),
            ));
        }
        changes.extend(line_changes(
            &format!("{who} 세부내용"),
            &format!("{path}/details"),
            &lines(&va.details, at_a.key(field!(ProjectView, details))),
            &lines(&vb.details, at_b.key(field!(ProjectView, details))),
        ));
        let budget_line = spots::field(&at_b, &at_a, field!(ProjectView, budget_line));
        changes.extend(
            budget(
                &format!("{who} 사업예산"),
                &format!("{path}/budget"),
                a.source.budget.as_ref(),
                b.source.budget.as_ref(),
                self.new.terms(),
            )
            .into_iter()
            .map(|c| c.at([budget_line.clone()])),
        );
        let mut schedule = line_changes(
            &format!("{who} 추진일정"),
            &format!("{path}/schedule"),
            &bars(&a.source.schedule),
            &bars(&b.source.schedule),
        );
        if let Some(first) = schedule.first_mut() {
            *first = first.clone().at(new_bars(va, vb, &at_b));
        }
        changes.extend(schedule);
        changes
    }
}

/// The measures of a budget as written (계, 국비, 시도비, 시군구비, 민자), each with its
/// label in the district's own terms.
pub(super) fn measures(terms: &BudgetTerms) -> impl Iterator<Item = (String, Measure)> {
    let labels = [
        "계".to_string(),
        terms.national.clone(),
        terms.province.clone(),
        terms.local.clone(),
        "민자".into(),
    ];
    labels.into_iter().zip(Money::MEASURES)
}

/// A stated budget, measure by measure (an absent budget has no figures).
pub(super) fn budget(
    who: &str,
    path: &str,
    a: Option<&written::Budget>,
    b: Option<&written::Budget>,
    terms: &BudgetTerms,
) -> Vec<Change> {
    let (ma, mb) = (a.map(Money::from_source), b.map(Money::from_source));
    let mut changes = Vec::new();
    for (label, (key, get)) in measures(terms) {
        let (x, y) = (ma.as_ref().map(get), mb.as_ref().map(get));
        let absent_or_zero = |v: Option<i64>| v.unwrap_or(0) == 0;
        let differ = match (x, y) {
            (Some(x), Some(y)) => x != y,
            // A budget that appears or goes: its 계 and its non-zero splits.
            _ => key == "total" || !(absent_or_zero(x) && absent_or_zero(y)),
        };
        if differ && (x.is_some() || y.is_some()) {
            changes.push(number(
                format!("{who} {label}"),
                format!("{path}/{key}"),
                "천원",
                x.map(Amount::Int),
                y.map(Amount::Int),
            ));
        }
    }
    changes
}

/// A list of items of the new plan that a removed item of the old one goes back into.
pub(super) struct List<'a> {
    /// The list in the new plan model.
    pub into: Path,
    /// The old list's ids.
    pub old: &'a [&'a str],
    /// The new list's ids.
    pub new: &'a [&'a str],
}

impl List<'_> {
    /// Item `id` of the old list (at `old` in the old plan), with its printed `leaves`, put
    /// back after the item it followed.
    pub fn put_back(&self, id: &str, old: Path, leaves: Vec<Leaf>) -> Spot {
        spots::removed(
            old,
            self.into.clone(),
            put_back_at(self.old, self.new, id),
            leaves,
        )
    }
}

/// The computed totals of a task, a strategy or the plan in one draft, and where its plan
/// model prints them.
pub(super) struct Totals<'a> {
    people: u64,
    budget: &'a Money,
    /// The figures printed from the budget: 백만원 (단수 조정) and the 【추진계획】 table's.
    printed: Vec<Printed>,
    /// Where the plan model prints the totals.
    at: Path,
}

impl<'a> Totals<'a> {
    /// The plan's totals.
    pub fn plan(plan: &'a crate::model::plan::Plan) -> Self {
        Totals::with_millions(plan.people, &plan.budget, &plan.millions, Path::root())
    }

    fn strategy(s: &'a StrategyView, at: Path) -> Self {
        Totals::with_millions(s.people, &s.budget, &s.millions, at)
    }

    fn task(t: &'a TaskView, at: Path) -> Self {
        let mut printed = vec![Printed {
            label: "사업비 계",
            key: "millions".into(),
            at: at.key(field!(TaskView, millions)),
            millions: t.millions,
        }];
        printed.extend(spots::ACTION_BUDGET.map(|m| Printed {
            label: "",
            key: format!("action_budget/{m}"),
            at: at.key(field!(TaskView, action_budget)).key(m),
            millions: None,
        }));
        Totals {
            people: t.people,
            budget: &t.budget,
            printed,
            at,
        }
    }

    fn with_millions(
        people: u64,
        budget: &'a Money,
        millions: &crate::model::summary::Millions,
        at: Path,
    ) -> Self {
        let figures = [
            millions.public,
            millions.national,
            millions.province,
            millions.local,
        ];
        let printed = spots::MILLIONS
            .iter()
            .zip(figures)
            .map(|(key, millions)| Printed {
                label: if *key == "public" {
                    "사업비 계"
                } else {
                    key
                },
                key: format!("millions/{key}"),
                at: at.key(field!(StrategyView, millions)).key(key),
                millions,
            })
            .collect();
        Totals {
            people,
            budget,
            printed,
            at,
        }
    }

    /// The spots of every figure printed from the budget.
    fn printed_spots(&self, old: &Totals) -> Vec<Spot> {
        self.printed
            .iter()
            .zip(&old.printed)
            .map(|(new, old)| Spot::changed(new.at.clone(), old.at.clone()))
            .collect()
    }
}

/// A figure printed from a budget, and where.
struct Printed {
    /// Its measure (`사업비 계`, or the 재원 as `national` …, said in the district's terms).
    label: &'static str,
    /// Its data path below the total's.
    key: String,
    /// Where the plan model prints it.
    at: Path,
    /// The 백만원 figure, for the summaries' rows (none for the 【추진계획】 table's).
    millions: Option<i64>,
}

/// The computed totals of a task, a strategy or the plan: 일자리 목표 and each measure of
/// the budget that changed, each marked where the plan model prints it (with the 백만원 and
/// 【추진계획】 figures printed from it). A 백만원 figure that moved while no 천원 amount did
/// — 단수 조정 of another row shifted it — is a change of its own.
pub(super) fn totals(
    level: Level,
    subject: &str,
    path: &str,
    (a, b): (Totals, Totals),
    terms: &BudgetTerms,
) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push =
        |measure: String, key: &str, unit: &str, (x, y): (i64, i64), spots: Vec<Spot>| {
            if x != y {
                changes.push(
                    Change::Total {
                        level,
                        subject: subject.to_string(),
                        measure,
                        path: format!("{path}/{key}"),
                        unit: unit.into(),
                        old: Amount::Int(x),
                        new: Amount::Int(y),
                        difference: Amount::Int(y - x),
                        spots: Vec::new(),
                    }
                    .at(spots),
                );
            }
        };
    let people = spots::field(&b.at, &a.at, field!(StrategyView, people));
    push(
        "일자리 목표".into(),
        "people",
        "명",
        (a.people as i64, b.people as i64),
        vec![people],
    );
    let mut budget_moved = false;
    for (label, (key, get)) in measures(terms) {
        let label = if key == "total" {
            "사업비 계".to_string()
        } else {
            label
        };
        let (x, y) = (get(a.budget), get(b.budget));
        budget_moved |= x != y;
        let mut spots = vec![Spot::changed(
            b.at.key(field!(StrategyView, budget)).key(key),
            a.at.key(field!(StrategyView, budget)).key(key),
        )];
        spots.extend(b.printed_spots(&a));
        push(label, &format!("budget/{key}"), "천원", (x, y), spots);
    }
    if !budget_moved {
        for (new, old) in b.printed.iter().zip(&a.printed) {
            if let (Some(x), Some(y)) = (old.millions, new.millions) {
                let measure = format!("{} (백만원, 단수 조정)", term(new.label, terms));
                let spot = Spot::changed(new.at.clone(), old.at.clone());
                push(measure, &new.key, "백만원", (x, y), vec![spot]);
            }
        }
    }
    changes
}

/// A 백만원 row's label in the district's terms.
fn term<'t>(label: &'t str, terms: &'t BudgetTerms) -> &'t str {
    match label {
        "national" => &terms.national,
        "province" => &terms.province,
        "local" => &terms.local,
        other => other,
    }
}

/// The bars of the new schedule that the old one lacks (by months and label), highlighted.
fn new_bars(a: &ProjectView, b: &ProjectView, at: &Path) -> Vec<Spot> {
    let old: Vec<_> = a
        .schedule
        .iter()
        .flatten()
        .map(|s| (s.from, s.to, &s.label))
        .collect();
    let mut leaves = Vec::new();
    for (r, row) in b.schedule.iter().enumerate() {
        for (k, segment) in row.iter().enumerate() {
            if segment.label.is_some() && !old.contains(&(segment.from, segment.to, &segment.label))
            {
                leaves.push(Leaf::value(spots::bar_label(at, r, k)));
            }
        }
    }
    if leaves.is_empty() {
        Vec::new()
    } else {
        vec![Spot::Added { leaves }]
    }
}

pub(super) fn number(
    subject: String,
    path: String,
    unit: &str,
    old: Option<Amount>,
    new: Option<Amount>,
) -> Change {
    let difference = match (old, new) {
        (Some(a), Some(b)) => Some(b.minus(a)),
        _ => None,
    };
    Change::Number {
        subject,
        path,
        unit: unit.into(),
        old,
        new,
        difference,
        spots: Vec::new(),
    }
}
