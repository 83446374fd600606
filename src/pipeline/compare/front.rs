//! 비교의 앞부분 (cover and parts I–III): the fields of `plan.yaml` leaf by leaf, the chapters
//! of part II by position, and part III — the vision, the common targets matched by name with
//! their written and computed figures, the notes.

use std::collections::{HashMap, HashSet};

use crate::model::plan::CommonTargetView;
use crate::model::written::{self, TargetKind};

use super::draft::Draft;
use super::lines::{Lines, line_changes, lines, plain_lines};
use super::spots::{self, put_back_at};
use super::tasks::number;
use super::words::{parse_figure, text};
use crate::model::change::{Amount, Change, Level};
use crate::model::plan::{ChapterView, GoalsView, Plan};
use crate::model::spot::{Leaf, Path, Spot, Step, field};

/// 표지·계획 정보: every field of `plan.yaml`, compared leaf by leaf.
pub(super) fn cover(old: &Draft, new: &Draft) -> Vec<Change> {
    let leaves = |d: &Draft| {
        let mut out = Vec::new();
        let value = serde_json::to_value(&d.source.info.value).unwrap_or_default();
        flatten(&value, &Path::root(), &mut out);
        out
    };
    let (old_leaves, new_leaves) = (leaves(old), leaves(new));
    let old_map: HashMap<&Path, &serde_json::Value> =
        old_leaves.iter().map(|(k, v)| (k, v)).collect();
    let new_keys: HashSet<&Path> = new_leaves.iter().map(|(k, _)| k).collect();
    let null = serde_json::Value::Null;
    let pairs = new_leaves
        .iter()
        .map(|(k, v)| (k, old_map.get(k).copied().unwrap_or(&null), v))
        .chain(
            old_leaves
                .iter()
                .filter(|(k, _)| !new_keys.contains(k))
                .map(|(k, v)| (k, v, &null)),
        );
    let mut changes = Vec::new();
    for (at, a, b) in pairs.filter(|(_, a, b)| a != b) {
        // The key as the data path prints it: `cover.vision[1]`.
        let key = at.to_string();
        let (subject, path) = (cover_label(&key), format!("plan/{key}"));
        let change = match (a.as_f64(), b.as_f64()) {
            // A year is not an amount: `2021 → 2022`, not `2,021 → 2,022 (+1)`.
            _ if key == "year" => {
                let mut change = text(subject, path, &scalar_text(a), &scalar_text(b));
                if let Change::Text { figures, .. } = &mut change {
                    figures.clear();
                }
                change
            }
            (Some(x), Some(y)) => number(subject, path, "", Some(int_or(x)), Some(int_or(y))),
            _ => text(subject, path, &scalar_text(a), &scalar_text(b)),
        };
        changes.push(change.at(cover_spots(at, !a.is_null(), !b.is_null())));
    }
    changes
}

/// Where the plan model prints a field of `plan.yaml` (at `at` in it: `cover.vision[1]`,
/// `budget_terms.local`): the district, the years the year gives, the cover and the names of
/// the 재원 where they are; nothing for a field that shapes the document rather than being
/// printed as written (the date, printed from the figures of `date_ymd`; the type scale).
fn cover_spots(at: &Path, in_old: bool, in_new: bool) -> Vec<Spot> {
    let Some(Step::Key(head)) = at.steps().first() else {
        return Vec::new();
    };
    let head = head.as_str();
    let paths = if head == field!(written::PlanInfo, district) {
        vec![Path::root().key(field!(Plan, district))]
    } else if head == field!(written::PlanInfo, year) {
        [
            field!(Plan, year),
            field!(Plan, year_short),
            field!(Plan, previous_year_short),
        ]
        .map(|k| Path::root().key(k))
        .to_vec()
    } else if head == field!(written::PlanInfo, cover) {
        vec![at.rebased(field!(Plan, cover))]
    } else if head == field!(written::PlanInfo, budget_terms) {
        vec![at.rebased(field!(Plan, terms))]
    } else {
        Vec::new()
    };
    match (in_old, in_new) {
        (true, true) => paths
            .into_iter()
            .map(|p| Spot::changed(p.clone(), p))
            .collect(),
        (false, true) => vec![Spot::Added {
            leaves: paths.into_iter().map(Leaf::value).collect(),
        }],
        // A cover line only in the old draft is listed, not put back.
        _ => Vec::new(),
    }
}

/// Every leaf of `value` (at `at`), with its path.
pub(super) fn flatten(
    value: &serde_json::Value,
    at: &Path,
    out: &mut Vec<(Path, serde_json::Value)>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                flatten(v, &at.key(k), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, &at.index(i), out);
            }
        }
        leaf => out.push((at.clone(), leaf.clone())),
    }
}

pub(super) fn scalar_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(super) fn cover_label(key: &str) -> String {
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

pub(super) fn int_or(value: f64) -> Amount {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        Amount::Int(value as i64)
    } else {
        Amount::Decimal(value)
    }
}

/// II: chapters by position (they have no ids).
pub(super) fn chapters(old: &Draft, new: &Draft) -> Vec<Change> {
    let (a, b) = (&old.plan.chapters, &new.plan.chapters);
    let mut changes = Vec::new();
    for i in 0..a.len().max(b.len()) {
        let (oa, ob) = (a.get(i), b.get(i));
        let name = ob.or(oa).map(|c| c.title.as_str()).unwrap_or_default();
        let subject = format!("II-{} {name}", i + 1);
        let path = format!("chapter/{}", i + 1);
        let at = Path::root().key(field!(Plan, chapters)).index(i);
        let title = |c: Option<&crate::model::plan::ChapterView>| {
            c.map(|c| c.title.clone()).unwrap_or_default()
        };
        if title(oa) != title(ob) {
            let spots = match (oa, ob) {
                (Some(_), Some(_)) => vec![spots::field(&at, &at, field!(ChapterView, title))],
                (None, Some(_)) => vec![spots::added(
                    &at,
                    vec![Leaf::name(Path::root().key(field!(ChapterView, title)))],
                )],
                // A chapter only in the old draft goes back whole, after the last one.
                (Some(c), None) => {
                    let mut leaves = vec![Leaf::name(Path::root().key(field!(ChapterView, title)))];
                    leaves.extend(
                        spots::blocks(&c.body)
                            .iter()
                            .map(|l| l.below(&Path::root().key(field!(ChapterView, body)))),
                    );
                    let into = Path::root().key(field!(Plan, chapters));
                    vec![spots::removed(at.clone(), into, b.len(), leaves)]
                }
                (None, None) => Vec::new(),
            };
            changes.push(
                text(
                    format!("{subject} 장 제목"),
                    format!("{path}/title"),
                    &title(oa),
                    &title(ob),
                )
                .at(spots),
            );
        }
        let body = |c: Option<&crate::model::plan::ChapterView>| match (c, ob) {
            // Its lines go back with the chapter.
            (Some(c), None) => {
                Lines::unplaced(lines(&c.body, at.key(field!(ChapterView, body))).lines)
            }
            _ => lines(
                c.map_or(&[][..], |c| &c.body),
                at.key(field!(ChapterView, body)),
            ),
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
pub(super) fn goals(old: &Draft, new: &Draft) -> Vec<Change> {
    let (a, b) = (&old.plan.goals, &new.plan.goals);
    let mut changes = Vec::new();
    let at = Path::root().key(field!(Plan, goals));
    if a.vision != b.vision {
        changes.push(
            text("비전".into(), "goals/vision".into(), &a.vision, &b.vision).at([spots::field(
                &at,
                &at,
                field!(GoalsView, vision),
            )]),
        );
    }
    changes.extend(common_targets(old, new));
    let notes = at.key(field!(GoalsView, common_notes));
    changes.extend(line_changes(
        "공통 목표 주석",
        "goals/common_notes",
        &plain_lines(&a.common_notes, notes.clone()),
        &plain_lines(&b.common_notes, notes),
    ));
    if a.term_plan_title != b.term_plan_title {
        changes.push(
            text(
                "종합계획 연계성 절 제목".into(),
                "goals/term_plan/title".into(),
                &a.term_plan_title,
                &b.term_plan_title,
            )
            .at([spots::field(&at, &at, field!(GoalsView, term_plan_title))]),
        );
    }
    changes.extend(line_changes(
        &b.term_plan_title,
        "goals/term_plan/body",
        &lines(&a.term_plan, at.key(field!(GoalsView, term_plan))),
        &lines(&b.term_plan, at.key(field!(GoalsView, term_plan))),
    ));
    changes
}

/// 공통 일자리 목표, matched by name: added and removed indicators, and for the others
/// their written figures and computed 달성률 and 증감.
pub(super) fn common_targets(old: &Draft, new: &Draft) -> Vec<Change> {
    let (a, b) = (&old.plan.goals, &new.plan.goals);
    let sa = &old.source.goals.value.common_targets;
    let sb = &new.source.goals.value.common_targets;
    let goals = Path::root().key(field!(Plan, goals));
    // Each target prints as a row of III (`common`) and a column of I (`summary`).
    let lists = [
        (goals.key(field!(GoalsView, common)), &a.common, &b.common),
        (
            goals.key(field!(GoalsView, summary)),
            &a.summary,
            &b.summary,
        ),
    ];
    let at = |targets: &[CommonTargetView], name: &str| targets.iter().position(|t| t.name == name);
    let mut changes = Vec::new();
    for tb in sb {
        let subject = format!("공통 일자리 목표 「{}」", tb.name);
        let path = format!("goals/common/{}", tb.name);
        let Some(j) = sa.iter().position(|t| t.name == tb.name) else {
            let added = lists.iter().filter_map(|(list, _, new)| {
                Some(spots::added(
                    &list.index(at(new, &tb.name)?),
                    spots::common_target(),
                ))
            });
            changes.push(text(format!("{subject} 지표"), path, "", &tb.name).at(added));
            continue;
        };
        let rows = lists
            .iter()
            .filter_map(|(list, old, new)| {
                Some((
                    list.index(at(new, &tb.name)?),
                    list.index(at(old, &tb.name)?),
                ))
            })
            .collect();
        let here = TargetAt {
            subject: &subject,
            path: &path,
            rows,
        };
        let i = at(&b.common, &tb.name).unwrap_or(0);
        changes.extend(target_figures(&here, &sa[j], tb));
        changes.extend(target_results(&here, tb.kind, &a.common[j], &b.common[i]));
    }
    let names = |targets: &[CommonTargetView]| -> Vec<String> {
        targets.iter().map(|t| t.name.clone()).collect()
    };
    for ta in sa.iter().filter(|t| !sb.iter().any(|n| n.name == t.name)) {
        let back = lists.iter().filter_map(|(list, old, new)| {
            let (old_names, new_names) = (names(old), names(new));
            let old_names: Vec<&str> = old_names.iter().map(String::as_str).collect();
            let new_names: Vec<&str> = new_names.iter().map(String::as_str).collect();
            Some(spots::removed(
                list.index(at(old, &ta.name)?),
                list.clone(),
                put_back_at(&old_names, &new_names, &ta.name),
                spots::common_target(),
            ))
        });
        changes.push(
            text(
                format!("공통 일자리 목표 「{}」 지표", ta.name),
                format!("goals/common/{}", ta.name),
                &ta.name,
                "",
            )
            .at(back.collect::<Vec<_>>()),
        );
    }
    changes
}

/// Where a common target in both drafts is reported: its subject and data path.
pub(super) struct TargetAt<'a> {
    subject: &'a str,
    path: &'a str,
    /// Where it prints, in the new plan model and in the old: its row of III and its
    /// column of I.
    rows: Vec<(Path, Path)>,
}

impl TargetAt<'_> {
    /// The spots of its field `key` wherever it prints.
    fn spots(&self, key: &str) -> Vec<Spot> {
        self.rows
            .iter()
            .map(|(new, old)| spots::field(new, old, key))
            .collect()
    }
}

/// The written figures of a common target: 전년도 목표, 전년도 실적, 올해 목표.
pub(super) fn target_figures(
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
            field!(CommonTargetView, previous_target),
            ta.previous_target,
            tb.previous_target,
        ),
        (
            "전년도 실적",
            field!(CommonTargetView, previous_result),
            ta.previous_result,
            tb.previous_result,
        ),
        (
            "올해 목표",
            field!(CommonTargetView, target),
            ta.target,
            tb.target,
        ),
    ] {
        if x != y {
            changes.push(
                number(
                    format!("{} {label}", here.subject),
                    format!("{}/{key}", here.path),
                    unit,
                    x.map(amount),
                    y.map(amount),
                )
                .at(here.spots(key)),
            );
        }
    }
    changes
}

/// The computed figures of a common target as printed: 달성률 and 증감 (%p for a rate, %
/// for a count).
pub(super) fn target_results(
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
            field!(CommonTargetView, achievement),
            "%",
            &va.achievement,
            &vb.achievement,
        ),
        (
            "증감",
            field!(CommonTargetView, change),
            change_unit,
            &va.change,
            &vb.change,
        ),
    ] {
        if x != y
            && let (Some(x), Some(y)) = (parse_figure(x), parse_figure(y))
        {
            changes.push(
                Change::Total {
                    level: Level::Goal,
                    subject: here.subject.to_string(),
                    measure: measure.into(),
                    path: format!("{}/{key}", here.path),
                    unit: unit.into(),
                    old: x,
                    new: y,
                    difference: y.minus(x),
                    spots: Vec::new(),
                }
                .at(here.spots(key)),
            );
        }
    }
    changes
}
