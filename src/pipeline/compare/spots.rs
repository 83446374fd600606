//! 자리 (spots): the printed values of each kind of item of the plan model — what a review
//! marks when the item is added or removed — and where a removed item is put back.
//!
//! Each function names the fields of one plan-model type that print; the rest (ids, spans,
//! widths, months of a bar …) place or shape what is printed. A test resolves every spot of
//! a broad comparison in the serialized plan, so a renamed field cannot silently drop out.

use crate::model::content::{BlockView, TableView};
use crate::model::plan::{CommonTargetView, ProjectView, StrategyView, TaskView};
use crate::model::spot::{Leaf, Path, Spot};

/// The measures of a budget ([`crate::model::budget::Money`]) that print.
pub(super) const BUDGET: [&str; 5] = ["total", "national", "province", "local", "private"];

/// The 백만원 figures of a strategy's or the plan's summary rows
/// ([`crate::model::summary::Millions`]).
pub(super) const MILLIONS: [&str; 4] = ["public", "national", "province", "local"];

/// The figures of a task's 【추진계획】 table ([`crate::model::summary::ActionBudget`]).
pub(super) const ACTION_BUDGET: [&str; 5] = BUDGET;

/// The printed values of a 추진전략, below its path.
pub(super) fn strategy(s: &StrategyView) -> Vec<Leaf> {
    let root = Path::root();
    let mut leaves = vec![
        Leaf::name(root.key("name")),
        Leaf::value(root.key("people")),
    ];
    leaves.extend(BUDGET.map(|m| Leaf::value(root.key("budget").key(m))));
    leaves.extend(MILLIONS.map(|m| Leaf::value(root.key("millions").key(m))));
    for t in &s.tasks {
        let at = root.key("tasks").id(&t.id);
        leaves.extend(task(t).into_iter().map(|l| unnamed(l.below(&at))));
    }
    leaves
}

/// The printed values of a 실천과제, below its path.
pub(super) fn task(t: &TaskView) -> Vec<Leaf> {
    let root = Path::root();
    let mut leaves = vec![
        Leaf::name(root.key("name")),
        Leaf::name(root.key("title")),
        Leaf::value(root.key("people")),
        Leaf::value(root.key("millions")),
    ];
    leaves.extend(BUDGET.map(|m| Leaf::value(root.key("budget").key(m))));
    leaves.extend(ACTION_BUDGET.map(|m| Leaf::value(root.key("action_budget").key(m))));
    for (key, body) in [
        ("purpose", &t.purpose),
        ("intro", &t.intro),
        ("effects", &t.effects),
    ] {
        leaves.extend(blocks(body).into_iter().map(|l| l.below(&root.key(key))));
    }
    for p in &t.projects {
        let at = root.key("projects").id(&p.id);
        leaves.extend(project(p).into_iter().map(|l| unnamed(l.below(&at))));
    }
    leaves
}

/// The printed values of a 세부사업, below its path.
pub(super) fn project(p: &ProjectView) -> Vec<Leaf> {
    let root = Path::root();
    let mut leaves = vec![
        Leaf::name(root.key("name")),
        Leaf::name(root.key("list_name")),
        Leaf::value(root.key("budget_line")),
    ];
    leaves.extend(
        blocks(&p.details)
            .into_iter()
            .map(|l| l.below(&root.key("details"))),
    );
    for (r, row) in p.schedule.iter().enumerate() {
        for (s, segment) in row.iter().enumerate() {
            if segment.label.is_some() {
                let at = root.key("schedule").index(r).index(s).key("label");
                leaves.push(Leaf::value(at));
            }
        }
    }
    leaves
}

/// The printed values of a 공통 일자리 목표 row, below its path.
pub(super) fn common_target(_: &CommonTargetView) -> Vec<Leaf> {
    let root = Path::root();
    let mut leaves = vec![
        Leaf::name(root.key("name")),
        Leaf::name(root.key("summary_name")),
    ];
    leaves.extend(
        [
            "unit",
            "previous_target",
            "previous_result",
            "achievement",
            "target",
            "change",
        ]
        .map(|k| Leaf::value(root.key(k))),
    );
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
    let items = crate::model::walk::items(b);
    leaves.extend(
        blocks(items)
            .into_iter()
            .map(|l| l.below(&Path::root().key("items"))),
    );
    leaves
}

/// The printed values of one block, its items aside.
pub(super) fn own(b: &BlockView) -> Vec<Leaf> {
    let root = Path::root();
    let parts = |parts: &[crate::model::content::TextPart]| {
        let mut leaves = Vec::new();
        for (k, part) in parts.iter().enumerate() {
            let at = root.key("parts").index(k);
            leaves.push(Leaf::value(at.key("text")));
            if part.footnote.is_some() {
                leaves.push(Leaf::value(at.key("footnote")));
            }
        }
        leaves
    };
    match b {
        BlockView::Heading { .. } => vec![Leaf::value(root.key("text"))],
        BlockView::Text { lead, parts: p, .. } => {
            let mut leaves: Vec<Leaf> =
                lead.iter().map(|_| Leaf::value(root.key("lead"))).collect();
            leaves.extend(parts(p));
            leaves
        }
        BlockView::Note { parts: p, .. } | BlockView::Conclusion { parts: p, .. } => parts(p),
        BlockView::Table(table) => {
            let mut leaves = table_notes(table);
            for (key, rows) in [("header", &table.header), ("rows", &table.rows)] {
                for r in 0..rows.len() {
                    leaves.extend(
                        row(rows, r)
                            .into_iter()
                            .map(|l| l.below(&root.key(key).index(r))),
                    );
                }
            }
            leaves
        }
        BlockView::Chart(chart) => {
            let mut leaves = vec![Leaf::value(root.key("caption"))];
            leaves.extend(optional(&[
                ("unit", chart.unit.is_some()),
                ("source", chart.source.is_some()),
            ]));
            leaves.extend(
                (0..chart.categories.len()).map(|k| Leaf::value(root.key("categories").index(k))),
            );
            for (j, series) in chart.series.iter().enumerate() {
                let at = root.key("series").index(j);
                leaves.push(Leaf::value(at.key("name")));
                leaves.extend(
                    (0..series.labels.len()).map(|k| Leaf::value(at.key("labels").index(k))),
                );
            }
            leaves
        }
        BlockView::Procedure(procedure) => {
            let mut leaves: Vec<Leaf> = (0..procedure.steps.len())
                .map(|k| Leaf::value(root.key("steps").index(k)))
                .collect();
            for (r, row) in procedure.rows.iter().enumerate() {
                leaves.extend(
                    (0..row.len()).map(|c| Leaf::value(root.key("rows").index(r).index(c))),
                );
            }
            leaves
        }
    }
}

/// A table's caption, unit and source lines, those it has.
pub(super) fn table_notes(table: &TableView) -> Vec<Leaf> {
    optional(&[
        ("caption", table.caption.is_some()),
        ("unit", table.unit.is_some()),
        ("source", table.source.is_some()),
    ])
}

/// The cells of row `r` of `rows`, below the row's path.
pub(super) fn row(rows: &[Vec<crate::model::content::CellView>], r: usize) -> Vec<Leaf> {
    (0..rows[r].len())
        .map(|c| Leaf::value(Path::root().index(c).key("text")))
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
