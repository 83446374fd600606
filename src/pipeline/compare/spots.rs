//! 자리 (spots): the printed values of each kind of item of the plan model — what a review
//! marks when the item is added or removed — and where a removed item is put back.
//!
//! Each function names the fields of one plan-model type that print; the rest (ids, spans,
//! widths, months of a bar …) place or shape what is printed. Every field is named through
//! [`field!`], which the compiler checks against the type, and a test resolves every spot of
//! a broad comparison in the serialized plan.

use crate::model::budget::Money;
use crate::model::content::{
    BlockView, CellView, ChartView, ProcedureView, SeriesView, TableView, TextPart,
};
use crate::model::plan::{CommonTargetView, ProjectView, Segment, StrategyView, TaskView};
use crate::model::spot::{Leaf, Path, Spot, field, variant_field};
use crate::model::summary::{ActionBudget, Millions};

/// The measures of a budget that print.
pub(super) const BUDGET: [&str; 5] = [
    field!(Money, total),
    field!(Money, national),
    field!(Money, province),
    field!(Money, local),
    field!(Money, private),
];

/// The 백만원 figures of a strategy's or the plan's summary rows.
pub(super) const MILLIONS: [&str; 4] = [
    field!(Millions, public),
    field!(Millions, national),
    field!(Millions, province),
    field!(Millions, local),
];

/// The figures of a task's 【추진계획】 table.
pub(super) const ACTION_BUDGET: [&str; 5] = [
    field!(ActionBudget, total),
    field!(ActionBudget, national),
    field!(ActionBudget, province),
    field!(ActionBudget, local),
    field!(ActionBudget, private),
];

/// The blocks nested under a block (a heading's, a bullet's, a note's).
pub(super) const ITEMS: &str = variant_field!(BlockView::Text, items);

/// The runs of a bullet's text.
const PARTS: &str = variant_field!(BlockView::Text, parts);

/// The printed values of a 추진전략, below its path.
pub(super) fn strategy(s: &StrategyView) -> Vec<Leaf> {
    let root = Path::root();
    let mut leaves = vec![
        Leaf::name(root.key(field!(StrategyView, name))),
        Leaf::value(root.key(field!(StrategyView, people))),
    ];
    let budget = root.key(field!(StrategyView, budget));
    let millions = root.key(field!(StrategyView, millions));
    leaves.extend(BUDGET.map(|m| Leaf::value(budget.key(m))));
    leaves.extend(MILLIONS.map(|m| Leaf::value(millions.key(m))));
    for t in &s.tasks {
        let at = root.key(field!(StrategyView, tasks)).id(&t.id);
        leaves.extend(task(t).into_iter().map(|l| unnamed(l.below(&at))));
    }
    leaves
}

/// The printed values of a 실천과제, below its path.
pub(super) fn task(t: &TaskView) -> Vec<Leaf> {
    let root = Path::root();
    let mut leaves = vec![
        Leaf::name(root.key(field!(TaskView, name))),
        Leaf::name(root.key(field!(TaskView, title))),
        Leaf::value(root.key(field!(TaskView, people))),
        Leaf::value(root.key(field!(TaskView, millions))),
    ];
    let budget = root.key(field!(TaskView, budget));
    let action = root.key(field!(TaskView, action_budget));
    leaves.extend(BUDGET.map(|m| Leaf::value(budget.key(m))));
    leaves.extend(ACTION_BUDGET.map(|m| Leaf::value(action.key(m))));
    for (key, body) in [
        (field!(TaskView, purpose), &t.purpose),
        (field!(TaskView, intro), &t.intro),
        (field!(TaskView, effects), &t.effects),
    ] {
        leaves.extend(blocks(body).into_iter().map(|l| l.below(&root.key(key))));
    }
    for p in &t.projects {
        let at = root.key(field!(TaskView, projects)).id(&p.id);
        leaves.extend(project(p).into_iter().map(|l| unnamed(l.below(&at))));
    }
    leaves
}

/// The printed values of a 세부사업, below its path.
pub(super) fn project(p: &ProjectView) -> Vec<Leaf> {
    let root = Path::root();
    let mut leaves = vec![
        Leaf::name(root.key(field!(ProjectView, name))),
        Leaf::name(root.key(field!(ProjectView, list_name))),
        Leaf::value(root.key(field!(ProjectView, budget_line))),
    ];
    let details = root.key(field!(ProjectView, details));
    leaves.extend(blocks(&p.details).into_iter().map(|l| l.below(&details)));
    for (r, row) in p.schedule.iter().enumerate() {
        for (s, segment) in row.iter().enumerate() {
            if segment.label.is_some() {
                leaves.push(Leaf::value(bar_label(&root, r, s)));
            }
        }
    }
    leaves
}

/// The label of bar `s` of row `r` of the schedule of the project at `project`.
pub(super) fn bar_label(project: &Path, r: usize, s: usize) -> Path {
    project
        .key(field!(ProjectView, schedule))
        .index(r)
        .index(s)
        .key(field!(Segment, label))
}

/// The printed values of a 공통 일자리 목표 row, below its path.
pub(super) fn common_target() -> Vec<Leaf> {
    let root = Path::root();
    let mut leaves = vec![
        Leaf::name(root.key(field!(CommonTargetView, name))),
        Leaf::name(root.key(field!(CommonTargetView, summary_name))),
    ];
    let figures = [
        field!(CommonTargetView, unit),
        field!(CommonTargetView, previous_target),
        field!(CommonTargetView, previous_result),
        field!(CommonTargetView, achievement),
        field!(CommonTargetView, target),
        field!(CommonTargetView, change),
    ];
    leaves.extend(figures.map(|k| Leaf::value(root.key(k))));
    leaves
}

/// The printed values of a list of body blocks (their items' too), below the list's path.
pub(super) fn blocks(blocks: &[BlockView]) -> Vec<Leaf> {
    let mut leaves = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let at = Path::root().index(i);
        leaves.extend(block(b).into_iter().map(|l| l.below(&at)));
    }
    leaves
}

/// The printed values of one block and of its items, below the block's path.
pub(super) fn block(b: &BlockView) -> Vec<Leaf> {
    let mut leaves = own(b);
    let items = Path::root().key(ITEMS);
    let nested = blocks(crate::model::walk::items(b));
    leaves.extend(nested.into_iter().map(|l| l.below(&items)));
    leaves
}

/// The printed values of one block, its items aside.
pub(super) fn own(b: &BlockView) -> Vec<Leaf> {
    let root = Path::root();
    match b {
        BlockView::Heading { .. } => {
            vec![Leaf::value(
                root.key(variant_field!(BlockView::Heading, text)),
            )]
        }
        BlockView::Text { lead, parts, .. } => {
            let at = root.key(variant_field!(BlockView::Text, lead));
            let mut leaves: Vec<Leaf> = lead.iter().map(|_| Leaf::value(at.clone())).collect();
            leaves.extend(runs(parts));
            leaves
        }
        BlockView::Note { parts, .. } | BlockView::Conclusion { parts, .. } => runs(parts),
        BlockView::Table(table) => {
            let mut leaves = table_notes(table);
            for (key, rows) in [
                (field!(TableView, header), &table.header),
                (field!(TableView, rows), &table.rows),
            ] {
                for r in 0..rows.len() {
                    let at = root.key(key).index(r);
                    leaves.extend(row(rows, r).into_iter().map(|l| l.below(&at)));
                }
            }
            leaves
        }
        BlockView::Chart(chart) => chart_leaves(chart),
        BlockView::Procedure(procedure) => {
            let steps = root.key(field!(ProcedureView, steps));
            let mut leaves: Vec<Leaf> = (0..procedure.steps.len())
                .map(|k| Leaf::value(steps.index(k)))
                .collect();
            let rows = root.key(field!(ProcedureView, rows));
            for (r, row) in procedure.rows.iter().enumerate() {
                leaves.extend((0..row.len()).map(|c| Leaf::value(rows.index(r).index(c))));
            }
            leaves
        }
    }
}

/// The runs of a bullet's (a note's, a conclusion's) text and their footnotes.
fn runs(parts: &[TextPart]) -> Vec<Leaf> {
    let mut leaves = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let at = Path::root().key(PARTS).index(k);
        leaves.push(Leaf::value(at.key(field!(TextPart, text))));
        if part.footnote.is_some() {
            leaves.push(Leaf::value(at.key(field!(TextPart, footnote))));
        }
    }
    leaves
}

/// A chart's caption, unit, source, categories and series.
fn chart_leaves(chart: &ChartView) -> Vec<Leaf> {
    let root = Path::root();
    let mut leaves = vec![Leaf::value(root.key(CHART_CAPTION))];
    leaves.extend(optional(&[
        (CHART_UNIT, chart.unit.is_some()),
        (CHART_SOURCE, chart.source.is_some()),
    ]));
    let categories = root.key(CHART_CATEGORIES);
    leaves.extend((0..chart.categories.len()).map(|k| Leaf::value(categories.index(k))));
    for (j, series) in chart.series.iter().enumerate() {
        leaves.extend(series_leaves(j, series));
    }
    leaves
}

/// A chart's series `j`: its name and labels, below the chart.
pub(super) fn series_leaves(j: usize, series: &SeriesView) -> Vec<Leaf> {
    let at = Path::root().key(field!(ChartView, series)).index(j);
    let mut leaves = vec![Leaf::value(at.key(field!(SeriesView, name)))];
    let labels = at.key(field!(SeriesView, labels));
    leaves.extend((0..series.labels.len()).map(|k| Leaf::value(labels.index(k))));
    leaves
}

/// A chart's fields that print as lines of their own.
pub(super) const CHART_CAPTION: &str = field!(ChartView, caption);
pub(super) const CHART_UNIT: &str = field!(ChartView, unit);
pub(super) const CHART_SOURCE: &str = field!(ChartView, source);
pub(super) const CHART_CATEGORIES: &str = field!(ChartView, categories);

/// A table's fields that print as lines of their own.
pub(super) const TABLE_CAPTION: &str = field!(TableView, caption);
pub(super) const TABLE_UNIT: &str = field!(TableView, unit);
pub(super) const TABLE_SOURCE: &str = field!(TableView, source);

/// A table's caption, unit and source lines, those it has.
pub(super) fn table_notes(table: &TableView) -> Vec<Leaf> {
    optional(&[
        (TABLE_CAPTION, table.caption.is_some()),
        (TABLE_UNIT, table.unit.is_some()),
        (TABLE_SOURCE, table.source.is_some()),
    ])
}

/// The cells of row `r` of `rows`, below the row's path.
pub(super) fn row(rows: &[Vec<CellView>], r: usize) -> Vec<Leaf> {
    (0..rows[r].len())
        .map(|c| Leaf::value(Path::root().index(c).key(field!(CellView, text))))
        .collect()
}

fn optional(fields: &[(&str, bool)]) -> Vec<Leaf> {
    fields
        .iter()
        .filter(|(_, present)| *present)
        .map(|(key, _)| Leaf::value(Path::root().key(key)))
        .collect()
}

/// A part of an item is not labelled with the item's mark.
fn unnamed(leaf: Leaf) -> Leaf {
    Leaf {
        name: false,
        ..leaf
    }
}

/// An item only in the new draft, at `at`: every value it prints highlighted.
pub(super) fn added(at: &Path, leaves: Vec<Leaf>) -> Spot {
    Spot::Added {
        leaves: leaves.iter().map(|l| l.below(at)).collect(),
    }
}

/// An item only in the old draft (at `old`), put back into the new draft's list `into`
/// after the item it followed there.
pub(super) fn removed(old: Path, into: Path, at: usize, leaves: Vec<Leaf>) -> Spot {
    Spot::Removed {
        old,
        into,
        at,
        leaves,
    }
}

/// Where in the new list `new` an item `id` of the old list `old` goes back: after the
/// nearest item before it in `old` that is still in `new` (or first).
pub(super) fn put_back_at(old: &[&str], new: &[&str], id: &str) -> usize {
    let before = old.iter().position(|o| *o == id).unwrap_or(0);
    old[..before]
        .iter()
        .rev()
        .find_map(|o| new.iter().position(|n| n == o))
        .map_or(0, |p| p + 1)
}

/// The spots of a changed name or value: the field `key` of the item at `new` and at `old`.
pub(super) fn field(new: &Path, old: &Path, key: &str) -> Spot {
    Spot::changed(new.key(key), old.key(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_removed_item_goes_back_after_the_one_it_followed() {
        assert_eq!(put_back_at(&["a", "b", "c"], &["a", "c"], "b"), 1);
        assert_eq!(put_back_at(&["b", "a"], &["a"], "b"), 0);
        assert_eq!(put_back_at(&["a", "x", "b"], &["b", "a"], "x"), 2);
    }
}
