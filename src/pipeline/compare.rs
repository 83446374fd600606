//! 비교: matches two drafts item by item — 추진전략, 실천과제 and 세부사업 by `id`, chapters
//! by position, 공통 일자리 목표 by name — and lists every change with its effect on the
//! task, strategy and plan totals.
//!
//! What is compared is what gets printed (names as listed, budgets with their stated 계,
//! body text with every figure formatted), so a YAML plan and the same plan as a workbook
//! compare equal.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use similar::{Algorithm, DiffOp, TextDiff, capture_diff_slices};

use crate::model::budget::{Measure, Money};
use crate::model::content::BlockView;
use crate::model::error::Error;
use crate::model::located::WrittenPlan;
use crate::model::plan::{CommonTargetView, Plan, ProjectView, StrategyView, TaskView};
use crate::model::problem::Problem;
use crate::model::walk;
use crate::model::written::{self, BudgetTerms, TargetKind};
use crate::pipeline::{Checked, load_and_check};

use crate::model::change::{Amount, Change, Diff, Figure, Item, Level, Part, Section};

/// One draft (초안): its source (for the stated figures) and its plan model (for what is
/// printed and for the computed totals).
#[derive(Debug, Clone)]
pub struct Draft {
    /// The path as given.
    pub label: String,
    /// The plan as read.
    pub source: WrittenPlan,
    /// The plan with its totals.
    pub plan: Plan,
}

/// Reads and checks one draft: a plan folder (or its `plan.yaml`) or a workbook. A draft
/// with errors cannot be compared: its problems come back with the draft's path in front
/// of each file.
pub fn load_draft(path: &Path) -> Result<Draft, Error> {
    let folder = if path.file_name().is_some_and(|n| n == "plan.yaml") && path.is_file() {
        path.parent().unwrap_or(Path::new(".")).to_path_buf()
    } else {
        path.to_path_buf()
    };
    if !folder.exists() {
        return Err(Error::Usage {
            message: format!("비교할 계획 `{}`이(가) 없습니다.", path.display()),
            hint: Some(
                "계획 폴더(plan.yaml이 있는 폴더)나 통합문서(.xlsx, .xls, .xlsb, .ods)의 경로를 주세요."
                    .into(),
            ),
        });
    }
    let in_draft = |problems: Vec<Problem>| {
        problems
            .into_iter()
            .map(|mut p| {
                if folder.is_dir() && p.file.is_relative() && !p.file.starts_with(&folder) {
                    p.file = folder.join(&p.file);
                }
                p
            })
            .collect::<Vec<_>>()
    };
    let Checked {
        written: source,
        plan,
        ..
    } = load_and_check(Some(&folder)).map_err(|e| match e {
        Error::Input(problems) => Error::Input(in_draft(problems)),
        other => other,
    })?;
    Ok(Draft {
        label: path.display().to_string(),
        source,
        plan,
    })
}

/// Compares two drafts.
pub fn compare(old: &Draft, new: &Draft) -> Diff {
    let terms = &new.plan.terms;
    let mut sections = vec![
        Section::part(Part::Cover, "표지·계획 정보", cover(old, new)),
        Section::part(
            Part::Summary,
            "I. 요약 — 계획 전체 합계",
            totals(
                Level::Plan,
                "계획 전체",
                "plan",
                (old.plan.people, &old.plan.budget),
                (new.plan.people, &new.plan.budget),
                terms,
            ),
        ),
        Section::part(
            Part::LabourMarket,
            "II. 지역 노동시장 현황",
            chapters(old, new),
        ),
        Section::part(Part::Goals, "III. 일자리 목표", goals(old, new)),
    ];
    sections.extend(Tasks::new(old, new).sections());
    sections.retain(|s| !s.changes.is_empty());
    Diff {
        old: old.label.clone(),
        new: new.label.clone(),
        sections,
    }
}

impl Section {
    fn part(part: Part, title: &str, changes: Vec<Change>) -> Self {
        Section {
            part,
            title: title.to_string(),
            strategy: None,
            task: None,
            changes,
        }
    }
}

/// 표지·계획 정보: every field of `plan.yaml`, compared leaf by leaf.
fn cover(old: &Draft, new: &Draft) -> Vec<Change> {
    let leaves = |d: &Draft| {
        let mut out = Vec::new();
        let value = serde_json::to_value(&d.source.info.value).unwrap_or_default();
        flatten(&value, "", &mut out);
        out
    };
    let (old_leaves, new_leaves) = (leaves(old), leaves(new));
    let old_map: HashMap<&str, &serde_json::Value> =
        old_leaves.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let new_keys: HashSet<&str> = new_leaves.iter().map(|(k, _)| k.as_str()).collect();
    let mut changes = Vec::new();
    let null = serde_json::Value::Null;
    let pairs = new_leaves
        .iter()
        .map(|(k, v)| {
            (
                k.as_str(),
                old_map.get(k.as_str()).copied().unwrap_or(&null),
                v,
            )
        })
        .chain(
            old_leaves
                .iter()
                .filter(|(k, _)| !new_keys.contains(k.as_str()))
                .map(|(k, v)| (k.as_str(), v, &null)),
        );
    for (key, a, b) in pairs {
        if a == b {
            continue;
        }
        let subject = cover_label(key);
        let path = format!("plan/{key}");
        match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => {
                changes.push(number(subject, path, "", Some(int_or(x)), Some(int_or(y))))
            }
            _ => changes.push(text(subject, path, &scalar_text(a), &scalar_text(b))),
        }
    }
    changes
}

fn flatten(value: &serde_json::Value, prefix: &str, out: &mut Vec<(String, serde_json::Value)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(v, &key, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, &format!("{prefix}[{i}]"), out);
            }
        }
        leaf => out.push((prefix.to_string(), leaf.clone())),
    }
}

fn scalar_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn cover_label(key: &str) -> String {
    let base = key.split('[').next().unwrap_or(key);
    let label = match base {
        "district" => "지자체",
        "year" => "계획 연도",
        "date" => "문서 날짜",
        "cover.system" => "표지 제도 명칭",
        "cover.slogan" => "표지 슬로건",
        "cover.vision" => "표지 비전 문구",
        "budget_terms.national" => "재원 명칭(국비)",
        "budget_terms.province" => "재원 명칭(시도비)",
        "budget_terms.local" => "재원 명칭(시군구비)",
        _ => return key.to_string(),
    };
    match key.find('[') {
        Some(i) => format!("{label} {}", &key[i..]),
        None => label.to_string(),
    }
}

fn int_or(value: f64) -> Amount {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        Amount::Int(value as i64)
    } else {
        Amount::Decimal(value)
    }
}

/// II: chapters by position (they have no ids).
fn chapters(old: &Draft, new: &Draft) -> Vec<Change> {
    let (a, b) = (&old.plan.chapters, &new.plan.chapters);
    let mut changes = Vec::new();
    for i in 0..a.len().max(b.len()) {
        let (oa, ob) = (a.get(i), b.get(i));
        let name = ob.or(oa).map(|c| c.title.as_str()).unwrap_or_default();
        let subject = format!("II-{} {name}", i + 1);
        let path = format!("chapter/{}", i + 1);
        let title = |c: Option<&crate::model::plan::ChapterView>| {
            c.map(|c| c.title.clone()).unwrap_or_default()
        };
        if title(oa) != title(ob) {
            changes.push(text(
                format!("{subject} 장 제목"),
                format!("{path}/title"),
                &title(oa),
                &title(ob),
            ));
        }
        let body = |c: Option<&crate::model::plan::ChapterView>| {
            c.map(|c| lines(&c.body)).unwrap_or_default()
        };
        changes.extend(line_changes(
            &subject,
            &format!("{path}/body"),
            &body(oa),
            &body(ob),
        ));
    }
    changes
}

/// III: the vision, the common targets (by name) with their computed 달성률 and 증감, the
/// notes and the link to the term-wide plan.
fn goals(old: &Draft, new: &Draft) -> Vec<Change> {
    let (a, b) = (&old.plan.goals, &new.plan.goals);
    let mut changes = Vec::new();
    if a.vision != b.vision {
        changes.push(text(
            "비전".into(),
            "goals/vision".into(),
            &a.vision,
            &b.vision,
        ));
    }
    changes.extend(common_targets(old, new));
    changes.extend(line_changes(
        "공통 목표 주석",
        "goals/common_notes",
        &plain_lines(&a.common_notes),
        &plain_lines(&b.common_notes),
    ));
    if a.term_plan_title != b.term_plan_title {
        changes.push(text(
            "종합계획 연계성 절 제목".into(),
            "goals/term_plan/title".into(),
            &a.term_plan_title,
            &b.term_plan_title,
        ));
    }
    changes.extend(line_changes(
        &b.term_plan_title,
        "goals/term_plan/body",
        &lines(&a.term_plan),
        &lines(&b.term_plan),
    ));
    changes
}

/// 공통 일자리 목표, matched by name: added and removed indicators, and for the others
/// their written figures and computed 달성률 and 증감.
fn common_targets(old: &Draft, new: &Draft) -> Vec<Change> {
    let (a, b) = (&old.plan.goals, &new.plan.goals);
    let sa = &old.source.goals.value.common_targets;
    let sb = &new.source.goals.value.common_targets;
    let mut changes = Vec::new();
    for (i, tb) in sb.iter().enumerate() {
        let subject = format!("공통 일자리 목표 「{}」", tb.name);
        let path = format!("goals/common/{}", tb.name);
        let Some(j) = sa.iter().position(|t| t.name == tb.name) else {
            changes.push(text(format!("{subject} 지표"), path, "", &tb.name));
            continue;
        };
        let here = TargetAt {
            subject: &subject,
            path: &path,
        };
        changes.extend(target_figures(&here, &sa[j], tb));
        changes.extend(target_results(&here, tb.kind, &a.common[j], &b.common[i]));
    }
    for ta in sa.iter().filter(|t| !sb.iter().any(|n| n.name == t.name)) {
        changes.push(text(
            format!("공통 일자리 목표 「{}」 지표", ta.name),
            format!("goals/common/{}", ta.name),
            &ta.name,
            "",
        ));
    }
    changes
}

/// Where a common target in both drafts is reported: its subject and data path.
struct TargetAt<'a> {
    subject: &'a str,
    path: &'a str,
}

/// The written figures of a common target: 전년도 목표, 전년도 실적, 올해 목표.
fn target_figures(
    here: &TargetAt,
    ta: &written::CommonTarget,
    tb: &written::CommonTarget,
) -> Vec<Change> {
    let (unit, amount): (&str, fn(f64) -> Amount) = match tb.kind {
        TargetKind::Rate => ("%", Amount::Decimal),
        TargetKind::Count => ("명", int_or),
    };
    let mut changes = Vec::new();
    for (label, key, x, y) in [
        (
            "전년도 목표",
            "previous_target",
            ta.previous_target,
            tb.previous_target,
        ),
        (
            "전년도 실적",
            "previous_result",
            ta.previous_result,
            tb.previous_result,
        ),
        ("올해 목표", "target", ta.target, tb.target),
    ] {
        if x != y {
            changes.push(number(
                format!("{} {label}", here.subject),
                format!("{}/{key}", here.path),
                unit,
                x.map(amount),
                y.map(amount),
            ));
        }
    }
    changes
}

/// The computed figures of a common target as printed: 달성률 and 증감 (%p for a rate, %
/// for a count).
fn target_results(
    here: &TargetAt,
    kind: TargetKind,
    va: &CommonTargetView,
    vb: &CommonTargetView,
) -> Vec<Change> {
    let change_unit = if kind == TargetKind::Rate { "%p" } else { "%" };
    let mut changes = Vec::new();
    for (measure, key, unit, x, y) in [
        (
            "달성률",
            "achievement",
            "%",
            &va.achievement,
            &vb.achievement,
        ),
        ("증감", "change", change_unit, &va.change, &vb.change),
    ] {
        if x != y
            && let (Some(x), Some(y)) = (parse_figure(x), parse_figure(y))
        {
            changes.push(Change::Total {
                level: Level::Goal,
                subject: here.subject.to_string(),
                measure: measure.into(),
                path: format!("{}/{key}", here.path),
                unit: unit.into(),
                old: x,
                new: y,
                difference: y.minus(x),
            });
        }
    }
    changes
}

/// Where a task or project sits in one draft.
struct TaskAt<'a> {
    strategy: &'a StrategyView,
    view: &'a TaskView,
    source: &'a written::Task,
}

struct ProjectAt<'a> {
    task: &'a TaskView,
    strategy: &'a StrategyView,
    view: &'a ProjectView,
    source: &'a written::Project,
}

/// One draft's strategies, tasks and projects by id.
struct Index<'a> {
    draft: &'a Draft,
    strategies: HashMap<&'a str, &'a StrategyView>,
    tasks: HashMap<&'a str, TaskAt<'a>>,
    projects: HashMap<&'a str, ProjectAt<'a>>,
}

impl<'a> Index<'a> {
    fn new(draft: &'a Draft) -> Self {
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

fn strategy_place(s: &StrategyView) -> String {
    format!("전략{} {}", s.number, s.name)
}

fn task_place(s: &StrategyView, t: &TaskView) -> String {
    format!("전략{} › {} {}", s.number, t.mark, t.name)
}

fn project_place(s: &StrategyView, t: &TaskView, p: &ProjectView) -> String {
    let nth = t.projects.iter().position(|q| q.id == p.id).unwrap_or(0) + 1;
    format!(
        "전략{} › {} {} › {nth}번째 사업 「{}」",
        s.number, t.mark, t.name, p.name
    )
}

/// Part IV: a section per strategy and per task, in the new draft's order, with removed
/// items where they were.
struct Tasks<'a> {
    old: Index<'a>,
    new: Index<'a>,
}

impl<'a> Tasks<'a> {
    fn new(old: &'a Draft, new: &'a Draft) -> Self {
        Tasks {
            old: Index::new(old),
            new: Index::new(new),
        }
    }

    /// A section per strategy, in the new draft's order with removed strategies where they
    /// were, each followed by a section per task.
    fn sections(&self) -> Vec<Section> {
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
            let title = format!("IV. {}", strategy_place(shown));
            sections.push(Section {
                part: Part::Tasks,
                title: title.clone(),
                strategy: Some(id.into()),
                task: None,
                changes: self.strategy(id, a, b, kept.contains(id)),
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
    ) -> Vec<Change> {
        let mut changes = Vec::new();
        match (a, b) {
            (None, Some(b)) => changes.push(Change::Added {
                item: Item::Strategy,
                id: id.into(),
                name: b.name.clone(),
                place: strategy_place(b),
            }),
            (Some(a), None) => changes.push(Change::Removed {
                item: Item::Strategy,
                id: id.into(),
                name: a.name.clone(),
                place: strategy_place(a),
            }),
            (Some(a), Some(b)) => {
                if !in_order {
                    changes.push(Change::Moved {
                        item: Item::Strategy,
                        id: id.into(),
                        name: b.name.clone(),
                        from: format!("전략{}", a.number),
                        to: format!("전략{}", b.number),
                    });
                }
                if a.name != b.name {
                    changes.push(text(
                        format!("추진전략 「{}」 이름", b.name),
                        format!("strategy/{id}/name"),
                        &a.name,
                        &b.name,
                    ));
                }
                changes.extend(totals(
                    Level::Strategy,
                    &strategy_place(b),
                    &format!("strategy/{id}"),
                    (a.people, &a.budget),
                    (b.people, &b.budget),
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
            let changes = self.task(task, kept_tasks.contains(task));
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
    fn task(&self, id: &str, in_order: bool) -> Vec<Change> {
        match (self.old.tasks.get(id), self.new.tasks.get(id)) {
            (None, Some(b)) => self.added_task(id, b),
            (Some(a), None) => vec![Change::Removed {
                item: Item::Task,
                id: id.into(),
                name: a.view.name.clone(),
                place: task_place(a.strategy, a.view),
            }],
            (Some(a), Some(b)) => self.kept_task(id, in_order, a, b),
            (None, None) => Vec::new(),
        }
    }

    /// A task only in the new draft; its projects that were elsewhere before are moves
    /// into it.
    fn added_task(&self, id: &str, b: &TaskAt) -> Vec<Change> {
        let mut changes = vec![Change::Added {
            item: Item::Task,
            id: id.into(),
            name: b.view.name.clone(),
            place: task_place(b.strategy, b.view),
        }];
        for p in &b.view.projects {
            if let (Some(pa), Some(pb)) = (
                self.old.projects.get(p.id.as_str()),
                self.new.projects.get(p.id.as_str()),
            ) {
                changes.push(Change::Moved {
                    item: Item::Project,
                    id: p.id.clone(),
                    name: p.name.clone(),
                    from: project_place(pa.strategy, pa.task, pa.view),
                    to: project_place(pb.strategy, pb.task, pb.view),
                });
                changes.extend(self.project(&p.id, pa, pb));
            }
        }
        changes
    }

    /// A task in both drafts: moved, renamed, its target, body, stated budget, projects
    /// and totals.
    fn kept_task(&self, id: &str, in_order: bool, a: &TaskAt, b: &TaskAt) -> Vec<Change> {
        let mut changes = Vec::new();
        if a.strategy.id != b.strategy.id || !in_order {
            changes.push(Change::Moved {
                item: Item::Task,
                id: id.into(),
                name: b.view.name.clone(),
                from: task_place(a.strategy, a.view),
                to: task_place(b.strategy, b.view),
            });
        }
        let (ta, tb) = (a.view, b.view);
        let who = format!("실천과제 「{}」", tb.name);
        let path = format!("task/{id}");
        changes.extend(name_changes(
            &who,
            &path,
            ("과제명", "name", &ta.name, &tb.name),
            ("IV 과제 제목", "title", &ta.title, &tb.title),
        ));
        let (pa, pb) = (a.source.target_people, b.source.target_people);
        if pa != pb {
            changes.push(number(
                format!("{who} 일자리 창출 성과목표"),
                format!("{path}/target_people"),
                "명",
                pa.map(|v| Amount::Int(v as i64)),
                pb.map(|v| Amount::Int(v as i64)),
            ));
        }
        for (label, key, x, y) in [
            ("사업목적", "purpose", &ta.purpose, &tb.purpose),
            ("사업내용 도입", "intro", &ta.intro, &tb.intro),
            ("기대효과", "effects", &ta.effects, &tb.effects),
        ] {
            changes.extend(line_changes(
                &format!("{who} {label}"),
                &format!("{path}/{key}"),
                &lines(x),
                &lines(y),
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
            (ta.people, &ta.budget),
            (tb.people, &tb.budget),
            self.new.terms(),
        ));
        changes
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
        let mut changes = Vec::new();
        // Projects moved here from another task are reported here, as moves.
        for id in merged(&old_ids, &new_ids) {
            let (pa, pb) = (self.old.projects.get(id), self.new.projects.get(id));
            match (pa, pb) {
                (None, Some(pb)) => changes.push(Change::Added {
                    item: Item::Project,
                    id: id.into(),
                    name: pb.view.name.clone(),
                    place: project_place(pb.strategy, pb.task, pb.view),
                }),
                (Some(pa), None) => changes.push(Change::Removed {
                    item: Item::Project,
                    id: id.into(),
                    name: pa.view.name.clone(),
                    place: project_place(pa.strategy, pa.task, pa.view),
                }),
                (Some(pa), Some(pb)) => {
                    if pa.task.id != task || !kept.contains(id) {
                        changes.push(Change::Moved {
                            item: Item::Project,
                            id: id.into(),
                            name: pb.view.name.clone(),
                            from: project_place(pa.strategy, pa.task, pa.view),
                            to: project_place(pb.strategy, pb.task, pb.view),
                        });
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
        let mut changes = Vec::new();
        changes.extend(name_changes(
            &who,
            &path,
            ("사업명", "name", &va.name, &vb.name),
            ("목록 이름", "list_name", &va.list_name, &vb.list_name),
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
            &lines(&va.details),
            &lines(&vb.details),
        ));
        changes.extend(budget(
            &format!("{who} 사업예산"),
            &format!("{path}/budget"),
            a.source.budget.as_ref(),
            b.source.budget.as_ref(),
            self.new.terms(),
        ));
        changes.extend(line_changes(
            &format!("{who} 추진일정"),
            &format!("{path}/schedule"),
            &bars(&a.source.schedule),
            &bars(&b.source.schedule),
        ));
        changes
    }
}

/// The measures of a budget as written (계, 국비, 시도비, 시군구비, 민자), each with its
/// label in the district's own terms.
fn measures(terms: &BudgetTerms) -> impl Iterator<Item = (String, Measure)> {
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
fn budget(
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

/// The computed totals of a task, a strategy or the plan: 일자리 목표 and each measure of
/// the budget that changed.
fn totals(
    level: Level,
    subject: &str,
    path: &str,
    (people_a, budget_a): (u64, &Money),
    (people_b, budget_b): (u64, &Money),
    terms: &BudgetTerms,
) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |measure: String, key: &str, unit: &str, x: i64, y: i64| {
        if x != y {
            changes.push(Change::Total {
                level,
                subject: subject.to_string(),
                measure,
                path: format!("{path}/{key}"),
                unit: unit.into(),
                old: Amount::Int(x),
                new: Amount::Int(y),
                difference: Amount::Int(y - x),
            });
        }
    };
    push(
        "일자리 목표".into(),
        "people",
        "명",
        people_a as i64,
        people_b as i64,
    );
    for (label, (key, get)) in measures(terms) {
        let label = if key == "total" {
            "사업비 계".to_string()
        } else {
            label
        };
        push(
            label,
            &format!("budget/{key}"),
            "천원",
            get(budget_a),
            get(budget_b),
        );
    }
    changes
}

fn number(
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
    }
}

/// A text change with its word-level difference (어절 = whitespace-separated word) and the
/// numbers that changed inside it.
/// A name (label, key, old, new) and a second name that copies it unless written otherwise
/// (과제의 IV 제목, 사업의 목록 이름). When the second follows the name on both sides it
/// changes with it, so only the name's change is reported.
fn name_changes(
    who: &str,
    path: &str,
    name: (&str, &str, &str, &str),
    second: (&str, &str, &str, &str),
) -> Vec<Change> {
    let follows = second.2 == name.2 && second.3 == name.3;
    let mut changes = Vec::new();
    for (i, (label, key, old, new)) in [name, second].into_iter().enumerate() {
        if old != new && !(i == 1 && follows) {
            changes.push(text(
                format!("{who} {label}"),
                format!("{path}/{key}"),
                old,
                new,
            ));
        }
    }
    changes
}

pub fn text(subject: String, path: String, old: &str, new: &str) -> Change {
    let words = crate::model::change::word_diff(old, new);
    let diff = TextDiff::from_words(old, new);
    let mut figures = Vec::new();
    for op in diff.ops() {
        if let DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } = *op
        {
            let a = diff.old_slices()[old_index..old_index + old_len].concat();
            let b = diff.new_slices()[new_index..new_index + new_len].concat();
            if let (Some(x), Some(y)) = (parse_figure(a.trim()), parse_figure(b.trim())) {
                figures.push(Figure {
                    old: x,
                    new: y,
                    difference: y.minus(x),
                });
            }
        }
    }
    Change::Text {
        subject,
        path,
        old: old.to_string(),
        new: new.to_string(),
        words,
        figures,
    }
}

/// A printed figure, `38,000`, `△1.4`, `12.5%`, `4명`, `200천원`; `None` for anything else.
pub fn parse_figure(text: &str) -> Option<Amount> {
    let text = text.trim();
    let (negative, rest) = match text.strip_prefix('△').or_else(|| text.strip_prefix('-')) {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    let (digits, unit) = rest.split_at(end);
    if ![
        "",
        "천원",
        "백만원",
        "원",
        "명",
        "%",
        "%p",
        "개",
        "건",
        "개소",
        "회",
    ]
    .contains(&unit)
        || !digits.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let plain: String = digits.chars().filter(|c| *c != ',').collect();
    let sign = if negative { -1 } else { 1 };
    if plain.contains('.') {
        plain
            .parse::<f64>()
            .ok()
            .map(|v| Amount::Decimal(v * sign as f64))
    } else {
        plain.parse::<i64>().ok().map(|v| Amount::Int(v * sign))
    }
}

/// One printed line of body text, with what it belongs to (a table's caption).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Line {
    /// E.g. `표 「연령별 주민등록인구」`, or empty.
    pub context: String,
    /// The line as printed.
    pub text: String,
}

fn plain_lines(texts: &[String]) -> Vec<Line> {
    texts
        .iter()
        .map(|t| Line {
            context: String::new(),
            text: t.clone(),
        })
        .collect()
}

/// Body blocks as printed lines: one per bullet, note, conclusion or heading; a table as
/// its caption, unit and rows (cells joined by `|`); a chart as its caption and series; a
/// procedure as its steps joined by arrows.
pub fn lines(blocks: &[BlockView]) -> Vec<Line> {
    let mut out = Vec::new();
    walk::views(blocks, 0, &mut |block, _| block_lines(block, &mut out));
    out
}

/// The printed lines of one block, those of its items aside.
fn block_lines(block: &BlockView, out: &mut Vec<Line>) {
    let plain = |text: String| Line {
        context: String::new(),
        text,
    };
    match block {
        BlockView::Heading { text, .. } => out.push(plain(format!("□ {text}"))),
        BlockView::Text { lead, parts, .. } => {
            let lead = lead.as_ref().map(|l| format!("({l}) ")).unwrap_or_default();
            out.push(plain(format!("{lead}{}", joined(parts))));
        }
        BlockView::Note { parts, .. } => out.push(plain(format!("* {}", joined(parts)))),
        BlockView::Conclusion { parts, .. } => out.push(plain(format!("⇒ {}", joined(parts)))),
        BlockView::Table(table) => {
            let context = match &table.caption {
                Some(c) => format!("표 「{c}」"),
                None => "표".into(),
            };
            let line = |text: String| Line {
                context: context.clone(),
                text,
            };
            if let Some(unit) = &table.unit {
                out.push(line(format!("(단위 : {unit})")));
            }
            if let Some(source) = &table.source {
                out.push(line(format!("출처: {source}")));
            }
            for row in table.header.iter().chain(&table.rows) {
                let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                out.push(line(cells.join(" | ")));
            }
        }
        BlockView::Chart(chart) => {
            let context = format!("그래프 「{}」", chart.caption);
            let line = |text: String| Line {
                context: context.clone(),
                text,
            };
            if let Some(unit) = &chart.unit {
                out.push(line(format!("(단위 : {unit})")));
            }
            if let Some(source) = &chart.source {
                out.push(line(format!("출처: {source}")));
            }
            out.push(line(format!("항목: {}", chart.categories.join(" | "))));
            for series in &chart.series {
                out.push(line(format!(
                    "{}: {}",
                    series.name,
                    series.labels.join(" | ")
                )));
            }
        }
        BlockView::Procedure(procedure) => out.push(Line {
            context: "추진절차".into(),
            text: procedure.steps.join(" → "),
        }),
    }
}

fn joined(parts: &[crate::model::content::TextPart]) -> String {
    parts
        .iter()
        .map(|p| match &p.footnote {
            Some(f) => format!("{} [주: {f}]", p.text),
            None => p.text.clone(),
        })
        .collect()
}

fn bars(schedule: &[written::Bar]) -> Vec<Line> {
    schedule
        .iter()
        .map(|b| Line {
            context: String::new(),
            text: format!("{}~{}월 {}", b.from, b.to, b.label),
        })
        .collect()
}

/// Line-level difference, then word-level inside each replaced line.
fn line_changes(subject: &str, path: &str, old: &[Line], new: &[Line]) -> Vec<Change> {
    if old == new {
        return Vec::new();
    }
    let label = |line: &Line| {
        if line.context.is_empty() {
            subject.to_string()
        } else {
            format!("{subject} {}", line.context)
        }
    };
    let mut changes = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (o, ol, n, nl) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index, old_len, ..
            } => (old_index, old_len, 0, 0),
            DiffOp::Insert {
                new_index, new_len, ..
            } => (0, 0, new_index, new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len),
        };
        for k in 0..ol.max(nl) {
            let (a, b) = ((k < ol).then(|| &old[o + k]), (k < nl).then(|| &new[n + k]));
            let shown = b.or(a).expect("one side has the line");
            changes.push(text(
                label(shown),
                path.to_string(),
                a.map_or("", |l| l.text.as_str()),
                b.map_or("", |l| l.text.as_str()),
            ));
        }
    }
    changes
}

/// The ids common to both lists that keep their relative order (the longest common
/// subsequence); the other common ids moved.
fn in_order<'a>(old: &[&'a str], new: &[&'a str]) -> HashSet<&'a str> {
    let common: HashSet<&str> = old.iter().filter(|id| new.contains(id)).copied().collect();
    let a: Vec<&str> = old
        .iter()
        .copied()
        .filter(|id| common.contains(id))
        .collect();
    let b: Vec<&str> = new
        .iter()
        .copied()
        .filter(|id| common.contains(id))
        .collect();
    let mut kept = HashSet::new();
    for op in capture_diff_slices(Algorithm::Lcs, &a, &b) {
        if let DiffOp::Equal { old_index, len, .. } = op {
            kept.extend(&a[old_index..old_index + len]);
        }
    }
    kept
}

/// The new list's ids in order, with each id only in the old list put back after the id
/// that preceded it there (or first).
fn merged<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = new.to_vec();
    for (i, id) in old.iter().enumerate() {
        if new.contains(id) {
            continue;
        }
        let at = old[..i]
            .iter()
            .rev()
            .find_map(|p| out.iter().position(|o| o == p))
            .map_or(0, |p| p + 1);
        out.insert(at, id);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::change::WordOp;

    #[test]
    fn a_swap_is_one_move_and_removed_ids_go_back_where_they_were() {
        let kept = in_order(&["a", "b", "c"], &["b", "a", "c"]);
        assert_eq!(kept.len(), 2);
        assert!(kept.contains("c"));
        assert_eq!(merged(&["a", "x", "b"], &["b", "a"]), vec!["b", "a", "x"]);
        assert_eq!(merged(&["x", "a"], &["a"]), vec!["x", "a"]);
    }

    #[test]
    fn words_are_eojeol_and_changed_figures_carry_their_difference() {
        let Change::Text { words, figures, .. } = text(
            "표".into(),
            "p".into(),
            "청년 창업팀 3팀 | 1,200",
            "청년창업팀 3팀 | 1,500",
        ) else {
            panic!("a text change");
        };
        assert!(
            words
                .iter()
                .any(|w| w.op == WordOp::Delete && w.text.contains("청년 창업팀"))
        );
        assert!(
            words
                .iter()
                .any(|w| w.op == WordOp::Insert && w.text == "청년창업팀")
        );
        assert_eq!(
            figures,
            vec![Figure {
                old: Amount::Int(1200),
                new: Amount::Int(1500),
                difference: Amount::Int(300)
            }]
        );
    }

    #[test]
    fn printed_figures_parse_and_other_words_do_not() {
        assert_eq!(parse_figure("△1.4"), Some(Amount::Decimal(-1.4)));
        assert_eq!(parse_figure("38,000천원"), Some(Amount::Int(38_000)));
        assert_eq!(parse_figure("4명"), Some(Amount::Int(4)));
        assert_eq!(parse_figure("3팀"), None);
        assert_eq!(parse_figure("청년"), None);
        assert_eq!(parse_figure("-"), None);
    }
}
