//! 검토용 PDF (`gongsi diff --pdf`): the new draft typeset with the same templates as
//! `build`, with a review overlay — the old value of every changed figure and name, the
//! items added, and the items removed (keyed by the item they followed) — and a first page
//! summarising the changes (`templates/_review.typ`).
//!
//! The templates reach the overlay only through the `was` filter and the `added` and
//! `removed` functions below. Each emits values through [`crate::escape::markup`], the
//! single escaping path, wrapped in the style template's `#changed(…)` / `#added-mark()`
//! helpers: data never becomes code.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use minijinja::value::Value;
use minijinja::{ErrorKind, State};
use serde::Serialize;

use crate::budget::Money;
use crate::build::compile;
use crate::content::BlockView;
use crate::error::Error;
use crate::escape;
use crate::fonts::font_store;
use crate::number;
use crate::output::write_atomic;
use crate::plan::{Plan, StrategyView, TaskView};
use crate::render::render_review;
use crate::summary::Millions;
use crate::world::PlanWorld;

use super::report::{context, summary};
use super::{Change, Diff, Draft, WordOp, pages::Settings};

/// The review overlay handed to the templates as `review`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Review {
    /// The old draft.
    pub old_label: String,
    /// The new draft.
    pub new_label: String,
    /// One sentence: how much changed.
    pub headline: String,
    /// The change list for the first page.
    pub sections: Vec<ReviewSection>,
    /// Old values by data path (`task/ID/budget/total`, `project/ID/budget`,
    /// `strategy/ID/name`, …), raw numbers or printed text.
    pub old: BTreeMap<String, serde_json::Value>,
    /// Items only in the new draft, by path (`project/ID`, `task/ID`, `strategy/ID`).
    pub added: BTreeMap<String, bool>,
    /// Items only in the old draft, printed, by where they go: `after/project/ID` (after
    /// that project), `in/task/ID` (first in that task), likewise for tasks and strategies.
    pub removed: BTreeMap<String, Vec<String>>,
    /// Lines of body text that changed or were added, by their new text: the words with
    /// what happened to each (`[op, text]`), for the `words` filter.
    pub lines: BTreeMap<String, Vec<(WordOp, String)>>,
}

/// A measure of a budget: its key in data paths and how to read it.
type Measure = (&'static str, fn(&Money) -> i64);

/// A group of rows on the summary page.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewSection {
    /// Heading.
    pub title: String,
    /// Rows.
    pub rows: Vec<Row>,
}

/// One change on the summary page.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// 추가, 삭제, 이동, 숫자, 글, 합계.
    pub kind: &'static str,
    /// What changed.
    pub subject: String,
    /// Old value or place.
    pub old: String,
    /// New value or place.
    pub new: String,
    /// Difference, for figures.
    pub difference: String,
    /// For text: the words, unchanged stretches shortened (`op`: equal, delete, insert).
    pub words: Vec<(WordOp, String)>,
}

impl Review {
    /// The overlay for typesetting `new` against `old`.
    pub fn new(old: &Draft, new: &Draft, diff: &Diff) -> Self {
        let mut review = Review {
            old_label: diff.old.clone(),
            new_label: diff.new.clone(),
            headline: summary(diff),
            sections: diff.sections.iter().map(section).collect(),
            ..Review::default()
        };
        review.figures(&old.plan, &new.plan);
        review.items(&old.plan, &new.plan);
        review.body(&old.plan, &new.plan);
        review
    }

    /// Changed and added lines of body text (목적, 사업내용, 기대효과, 세부내용, II, III),
    /// compared block list by block list.
    fn body(&mut self, old: &Plan, new: &Plan) {
        let news: HashMap<String, Vec<BlockView>> = body_lists(new).into_iter().collect();
        for (key, a) in body_lists(old) {
            let Some(b) = news.get(&key) else { continue };
            let (a, b) = (texts(&a), texts(b));
            for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
                let (o, ol, n, nl) = match op {
                    similar::DiffOp::Insert {
                        new_index, new_len, ..
                    } => (0, 0, new_index, new_len),
                    similar::DiffOp::Replace {
                        old_index,
                        old_len,
                        new_index,
                        new_len,
                    } => (old_index, old_len, new_index, new_len),
                    _ => continue,
                };
                for k in 0..nl {
                    let new_line = &b[n + k];
                    let words = match (k < ol).then(|| &a[o + k]) {
                        Some(old_line) => match super::compare::text(
                            String::new(),
                            String::new(),
                            old_line,
                            new_line,
                        ) {
                            Change::Text { words, .. } => {
                                words.into_iter().map(|w| (w.op, w.text)).collect()
                            }
                            _ => continue,
                        },
                        None => vec![(WordOp::Insert, new_line.clone())],
                    };
                    self.lines.insert(new_line.clone(), words);
                }
            }
        }
    }

    /// Old totals, names and budget lines wherever they differ.
    fn figures(&mut self, old: &Plan, new: &Plan) {
        self.money("plan", (old.people, &old.budget), (new.people, &new.budget));
        self.millions("plan", &old.millions, &new.millions);
        let old_strategies: HashMap<&str, &StrategyView> =
            old.strategies.iter().map(|s| (s.id.as_str(), s)).collect();
        let old_tasks: HashMap<&str, &TaskView> = old
            .strategies
            .iter()
            .flat_map(|s| &s.tasks)
            .map(|t| (t.id.as_str(), t))
            .collect();
        let old_projects: HashMap<&str, _> = old
            .strategies
            .iter()
            .flat_map(|s| &s.tasks)
            .flat_map(|t| &t.projects)
            .map(|p| (p.id.as_str(), p))
            .collect();
        for s in &new.strategies {
            let path = format!("strategy/{}", s.id);
            match old_strategies.get(s.id.as_str()) {
                Some(a) => {
                    self.money(&path, (a.people, &a.budget), (s.people, &s.budget));
                    self.millions(&path, &a.millions, &s.millions);
                    self.text(&format!("{path}/name"), &a.name, &s.name);
                }
                None => {
                    self.added.insert(path, true);
                }
            }
            for t in &s.tasks {
                let path = format!("task/{}", t.id);
                match old_tasks.get(t.id.as_str()) {
                    Some(a) => {
                        self.money(&path, (a.people, &a.budget), (t.people, &t.budget));
                        let (was, is) = (number::million(a.millions), number::million(t.millions));
                        self.text(&format!("{path}/millions"), &was, &is);
                        let (was, is) = (&a.action_budget, &t.action_budget);
                        for (key, a, b) in [
                            ("total", &was.total, &is.total),
                            ("national", &was.national, &is.national),
                            ("province", &was.province, &is.province),
                            ("local", &was.local, &is.local),
                            ("private", &was.private, &is.private),
                        ] {
                            self.text(&format!("{path}/action_budget/{key}"), a, b);
                        }
                        self.text(&format!("{path}/name"), &a.name, &t.name);
                        self.text(&format!("{path}/title"), &a.title, &t.title);
                    }
                    None => {
                        self.added.insert(path, true);
                    }
                }
                for p in &t.projects {
                    let path = format!("project/{}", p.id);
                    match old_projects.get(p.id.as_str()) {
                        Some(a) => {
                            self.text(&format!("{path}/name"), &a.name, &p.name);
                            self.text(&format!("{path}/list_name"), &a.list_name, &p.list_name);
                            if a.budget_line != p.budget_line {
                                let line = a.budget_line.clone().unwrap_or_else(|| "없음".into());
                                self.old.insert(format!("{path}/budget"), line.into());
                            }
                        }
                        None => {
                            self.added.insert(path, true);
                        }
                    }
                }
            }
        }
    }

    fn money(&mut self, path: &str, (pa, a): (u64, &Money), (pb, b): (u64, &Money)) {
        let measures: [Measure; 7] = [
            ("total", |m| m.total),
            ("national", |m| m.national),
            ("province", |m| m.province),
            ("local", |m| m.local),
            ("private", |m| m.private),
            ("public", |m| m.public),
            ("regional", |m| m.regional),
        ];
        if pa != pb {
            self.old.insert(format!("{path}/people"), pa.into());
        }
        for (key, get) in measures {
            if get(a) != get(b) {
                self.old
                    .insert(format!("{path}/budget/{key}"), get(a).into());
            }
        }
    }

    /// A summary row's 백만원 figures, kept as printed (both drafts adjusted on their own).
    fn millions(&mut self, path: &str, a: &Millions, b: &Millions) {
        let columns = |m: &Millions| {
            [
                ("public", m.public),
                ("national", m.national),
                ("province", m.province),
                ("local", m.local),
            ]
        };
        for ((key, was), (_, is)) in columns(a).into_iter().zip(columns(b)) {
            let (was, is) = (number::million(was), number::million(is));
            self.text(&format!("{path}/millions/{key}"), &was, &is);
        }
    }

    fn text(&mut self, path: &str, a: &str, b: &str) {
        if a != b {
            self.old.insert(path.to_string(), a.into());
        }
    }

    /// Removed strategies, tasks and projects, keyed by the item they followed.
    fn items(&mut self, old: &Plan, new: &Plan) {
        let new_ids: std::collections::HashSet<&str> = new
            .strategies
            .iter()
            .flat_map(|s| {
                std::iter::once(s.id.as_str()).chain(s.tasks.iter().flat_map(|t| {
                    std::iter::once(t.id.as_str()).chain(t.projects.iter().map(|p| p.id.as_str()))
                }))
            })
            .collect();
        let mut put = |key: String, text: String| self.removed.entry(key).or_default().push(text);
        let mut previous = "in/plan".to_string();
        for s in &old.strategies {
            if !new_ids.contains(s.id.as_str()) {
                put(
                    previous.clone(),
                    format!("추진전략 {}. {}", s.number, s.name),
                );
                continue;
            }
            previous = format!("after/strategy/{}", s.id);
            let mut after_task = format!("in/strategy/{}", s.id);
            for t in &s.tasks {
                if !new_ids.contains(t.id.as_str()) {
                    put(
                        after_task.clone(),
                        format!("실천과제 {} {}", t.mark, t.title),
                    );
                    continue;
                }
                after_task = format!("after/task/{}", t.id);
                let mut after_project = format!("in/task/{}", t.id);
                for p in &t.projects {
                    if !new_ids.contains(p.id.as_str()) {
                        let budget = p
                            .budget_line
                            .as_ref()
                            .map(|b| format!(" (사업예산 : {b})"))
                            .unwrap_or_default();
                        put(
                            after_project.clone(),
                            format!("세부사업 {}{budget}", p.name),
                        );
                        continue;
                    }
                    after_project = format!("after/project/{}", p.id);
                }
            }
        }
    }
}

/// Every list of body blocks of a plan, keyed by where it is.
fn body_lists(plan: &Plan) -> Vec<(String, Vec<BlockView>)> {
    let mut out: Vec<(String, Vec<BlockView>)> = plan
        .chapters
        .iter()
        .map(|c| (format!("chapter/{}", c.number), c.body.clone()))
        .collect();
    out.push(("term_plan".into(), plan.goals.term_plan.clone()));
    for t in plan.strategies.iter().flat_map(|s| &s.tasks) {
        out.push((format!("task/{}/purpose", t.id), t.purpose.clone()));
        out.push((format!("task/{}/intro", t.id), t.intro.clone()));
        out.push((format!("task/{}/effects", t.id), t.effects.clone()));
        for p in &t.projects {
            out.push((format!("project/{}/details", p.id), p.details.clone()));
        }
    }
    out
}

/// The text runs of bullets, notes and conclusions, in order (the `words` filter sees
/// each run, so runs are what is compared).
fn texts(blocks: &[BlockView]) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            BlockView::Text { parts, items, .. }
            | BlockView::Note { parts, items }
            | BlockView::Conclusion { parts, items } => {
                out.extend(parts.iter().map(|p| p.text.clone()));
                out.extend(texts(items));
            }
            BlockView::Heading { items, .. } => out.extend(texts(items)),
            BlockView::Table(_) | BlockView::Chart(_) | BlockView::Procedure(_) => {}
        }
    }
    out
}

fn section(s: &super::Section) -> ReviewSection {
    let rows = s
        .changes
        .iter()
        .map(|c| {
            let mut row = Row {
                kind: "",
                subject: String::new(),
                old: String::new(),
                new: String::new(),
                difference: String::new(),
                words: Vec::new(),
            };
            match c {
                Change::Added {
                    item, name, place, ..
                } => {
                    row.kind = "추가";
                    row.subject = format!("{} 「{name}」", item.term());
                    row.new = place.clone();
                }
                Change::Removed {
                    item, name, place, ..
                } => {
                    row.kind = "삭제";
                    row.subject = format!("{} 「{name}」", item.term());
                    row.old = place.clone();
                }
                Change::Moved {
                    item,
                    name,
                    from,
                    to,
                    ..
                } => {
                    row.kind = "이동";
                    row.subject = format!("{} 「{name}」", item.term());
                    row.old = from.clone();
                    row.new = to.clone();
                }
                Change::Number {
                    subject,
                    unit,
                    old,
                    new,
                    difference,
                    ..
                } => {
                    row.kind = "숫자";
                    row.subject = subject.clone();
                    let show = |v: &Option<super::Amount>| {
                        v.map_or("없음".to_string(), |v| format!("{}{unit}", v.print()))
                    };
                    row.old = show(old);
                    row.new = show(new);
                    row.difference = difference.map(|d| d.signed()).unwrap_or_default();
                }
                Change::Text { subject, words, .. } => {
                    row.kind = "글";
                    row.subject = subject.clone();
                    row.words = words
                        .iter()
                        .enumerate()
                        .map(|(i, w)| {
                            let text = if w.op == WordOp::Equal {
                                context(&w.text, i == 0, i + 1 == words.len())
                            } else {
                                w.text.clone()
                            };
                            (w.op, text)
                        })
                        .collect();
                }
                Change::Total {
                    subject,
                    measure,
                    unit,
                    old,
                    new,
                    difference,
                    ..
                } => {
                    row.kind = "합계";
                    row.subject = format!("{subject} {measure}");
                    row.old = format!("{}{unit}", old.print());
                    row.new = format!("{}{unit}", new.print());
                    row.difference = difference.signed();
                }
            }
            row
        })
        .collect();
    ReviewSection {
        title: s.title.clone(),
        rows,
    }
}

/// The text a template would print for `value`.
fn printed(value: &Value) -> String {
    if value.is_none() || value.is_undefined() {
        return String::new();
    }
    match value.as_str() {
        Some(s) => s.to_string(),
        None => value.to_string(),
    }
}

fn overlay(state: &State, part: &str) -> Option<Value> {
    state
        .lookup("review")
        .filter(|r| !r.is_none() && !r.is_undefined())
        .and_then(|r| r.get_attr(part).ok())
}

/// The `was(path, format)` filter: the value as always, or — in a review with an old value
/// at `path` — `#changed([new], [old]);`. `format` prints a raw old figure like the new one:
/// `won` (천원), `num`, `people`; text (and a summary's 백만원 figure, kept printed) needs
/// none.
pub fn was(
    state: &State,
    value: Value,
    path: String,
    format: Option<String>,
) -> Result<Value, minijinja::Error> {
    let new = printed(&value);
    let old = overlay(state, "old")
        .and_then(|o| o.get_item(&Value::from(path)).ok())
        .filter(|v| !v.is_undefined() && !v.is_none());
    let Some(old) = old else {
        return Ok(Value::from_safe_string(escape::markup(&new)));
    };
    let int = |v: &Value| {
        i64::try_from(v.clone()).map_err(|_| {
            minijinja::Error::new(ErrorKind::InvalidOperation, "이전 값이 정수가 아닙니다")
        })
    };
    let old = match format.as_deref() {
        None => printed(&old),
        Some("won") => number::thousand_won(int(&old)?),
        Some("num") => number::integer(int(&old)?),
        Some("people") => number::people(Some(int(&old)?.max(0) as u64)),
        Some(other) => {
            return Err(minijinja::Error::new(
                ErrorKind::InvalidOperation,
                format!("was 필터의 형식 `{other}`을(를) 모릅니다 (won, num, people)"),
            ));
        }
    };
    if old == new {
        // Different before formatting, the same in print (백만원 rounding): nothing to show.
        return Ok(Value::from_safe_string(escape::markup(&new)));
    }
    Ok(Value::from_safe_string(format!(
        "#changed([{}], [{}]);",
        escape::markup(&new),
        escape::markup(&old)
    )))
}

/// The `words` filter: a run of body text as always, or — in a review, for a changed or
/// added line — its words with the deleted ones struck through (`#deleted(…);`) and the
/// inserted ones highlighted (`#inserted(…);`), each through the escaping path.
pub fn words(state: &State, value: Value) -> Value {
    let text = printed(&value);
    let Some(words) = overlay(state, "lines")
        .and_then(|l| l.get_item(&Value::from(text.as_str())).ok())
        .filter(|v| !v.is_undefined() && !v.is_none())
    else {
        return Value::from_safe_string(escape::markup(&text));
    };
    let mut out = String::new();
    for word in words.try_iter().into_iter().flatten() {
        let op = word.get_item(&Value::from(0)).unwrap_or_default();
        let body = printed(&word.get_item(&Value::from(1)).unwrap_or_default());
        match op.as_str() {
            Some("delete") => out.push_str(&format!("#deleted([{}]);", escape::markup(&body))),
            Some("insert") => out.push_str(&format!("#inserted([{}]);", escape::markup(&body))),
            _ => out.push_str(&escape::markup(&body)),
        }
    }
    Value::from_safe_string(out)
}

/// The `added(path)` function: `#added-mark();` for an item only in the new draft.
pub fn added(state: &State, path: String) -> Value {
    let is_added = overlay(state, "added")
        .and_then(|a| a.get_item(&Value::from(path)).ok())
        .is_some_and(|v| v.is_true());
    Value::from_safe_string(if is_added {
        "#added-mark();".to_string()
    } else {
        String::new()
    })
}

/// The `removed(key)` function: the removed items that go at `key` (empty outside a review).
pub fn removed(state: &State, key: String) -> Value {
    overlay(state, "removed")
        .and_then(|r| r.get_item(&Value::from(key)).ok())
        .filter(|v| !v.is_undefined() && !v.is_none())
        .unwrap_or_else(|| Value::from(Vec::<String>::new()))
}

/// Typesets the redlined new draft and writes it to `pdf` (atomically); its page count.
pub fn write(
    old: &Draft,
    new: &Draft,
    diff: &Diff,
    pdf: &Path,
    settings: &Settings,
) -> Result<usize, Error> {
    let review = Review::new(old, new, diff);
    let rendered = render_review(&new.plan, settings.templates.as_deref(), Some(&review))?;
    let mut world = PlanWorld::new(font_store(&settings.font_paths)?);
    let compiled = compile(&mut world, &new.plan, &rendered)?;
    write_atomic(pdf, &compiled.pdf)?;
    Ok(compiled.pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, review: Option<serde_json::Value>) -> String {
        let mut env = minijinja::Environment::new();
        env.add_filter("was", was);
        env.add_filter("words", words);
        env.add_function("added", added);
        env.add_function("removed", removed);
        env.add_template("t", template).unwrap();
        let review = review.map_or(Value::from(()), |r| Value::from(minijinja::value::Serde(r)));
        env.get_template("t")
            .unwrap()
            .render(minijinja::context! { review => review, x => "새 #값", n => 5000 })
            .unwrap()
    }

    #[test]
    fn old_and_new_values_both_go_through_the_escaping_path() {
        let review = serde_json::json!({
            "old": {"p": "옛 \"값\" #set text(red)", "n": 4000},
            "added": {"project/a": true},
            "removed": {"after/project/a": ["세부사업 *굵게*"]},
            "lines": {"새 #값": [["equal", "새 "], ["delete", "옛]"], ["insert", "#값"]]},
        });
        assert_eq!(
            render("{{ x | words }}", Some(review.clone())),
            r##"#"새 ";#deleted([#"옛]";]);#inserted([#"#값";]);"##
        );
        assert_eq!(
            render("{{ x | was('p') }}", Some(review.clone())),
            r##"#changed([#"새 #값";], [#"옛 \"값\" #set text(red)";]);"##
        );
        assert_eq!(
            render("{{ n | was('n', 'num') }}", Some(review.clone())),
            r##"#changed([#"5000";], [#"4,000";]);"##
        );
        assert_eq!(
            render(
                "{{ added('project/a') }}|{{ added('project/b') }}",
                Some(review.clone())
            ),
            "#added-mark();|"
        );
        assert_eq!(
            render(
                "{% for r in removed('after/project/a') %}{{ r }}{% endfor %}",
                Some(review)
            ),
            "세부사업 *굵게*"
        );
    }

    #[test]
    fn without_a_review_values_print_as_in_a_build() {
        assert_eq!(render("{{ x | was('p') }}", None), "#\"새 #값\";");
        assert_eq!(render("{{ added('project/a') }}", None), "");
        assert_eq!(render("{{ x | words }}", None), "#\"새 #값\";");
        assert_eq!(
            render("{% for r in removed('in/plan') %}{{ r }}{% endfor %}", None),
            ""
        );
    }
}
