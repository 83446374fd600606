//! 줄의 비교 (printed lines): body blocks as the lines they print — one per bullet, note,
//! conclusion or heading; a table's unit, source and rows; a chart's series; a procedure's
//! steps — each with where the plan model prints it, and two drafts' lines compared line by
//! line, then word by word inside a changed line, every change with its spots.

use std::collections::HashMap;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::model::change::Change;
use crate::model::content::TableView;
use crate::model::content::{BlockView, TextPart};
use crate::model::spot::{Leaf, Path, Spot, Step, field};
use crate::model::walk;
use crate::model::written;

use super::spots;
use super::words::text;

/// One printed line of body text, with what it belongs to (a table's caption).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Line {
    /// E.g. `표 「연령별 주민등록인구」`, or empty.
    pub context: String,
    /// The line as printed.
    pub text: String,
}

/// Where the plan model prints a line, below its block list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineAt {
    /// The block the line belongs to: the line's own for a bullet, the table or chart for
    /// its rows and notes.
    block: Path,
    /// The line's printed values, below `block`.
    leaves: Vec<Leaf>,
    /// Every printed value of the block and of its items, below `block`: what is struck
    /// through when the whole block is put back.
    block_leaves: Vec<Leaf>,
    /// The table row the line is, if it is one: put back alone when its table stays.
    row: Option<Row>,
    /// What kind of block it is (`text`, `table` …): a line paired with a line of another
    /// kind of block does not say its block stays.
    kind: &'static str,
}

/// A table row a line prints.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    /// `header` or `rows`.
    key: &'static str,
    /// Its position there.
    index: usize,
    /// Its cells, below the row.
    leaves: Vec<Leaf>,
}

/// The printed lines of a block list, with where each is when known.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lines {
    /// The lines, in document order.
    pub lines: Vec<Line>,
    /// The block list's path in its draft's plan model.
    root: Path,
    /// Where each line is, below `root`; empty when not known.
    at: Vec<LineAt>,
}

impl Lines {
    /// Lines that are not printed at a place of the plan model of their own (schedule bars,
    /// which the schedule packs into rows): compared, but not marked.
    pub(crate) fn unplaced(lines: Vec<Line>) -> Self {
        Lines {
            lines,
            ..Lines::default()
        }
    }

    fn push(&mut self, line: Line, at: LineAt) {
        self.lines.push(line);
        self.at.push(at);
    }
}

/// Plain lines (notes), the list of them at `root`.
pub(super) fn plain_lines(texts: &[String], root: Path) -> Lines {
    let mut out = Lines {
        root,
        ..Lines::default()
    };
    for (i, text) in texts.iter().enumerate() {
        let own = vec![Leaf::value(Path::root())];
        out.push(
            Line {
                context: String::new(),
                text: text.clone(),
            },
            LineAt {
                block: Path::root().index(i),
                leaves: own.clone(),
                block_leaves: own,
                row: None,
                kind: "note",
            },
        );
    }
    out
}

/// Body blocks as printed lines, parents before their items; `root` is the blocks' path.
pub(crate) fn lines(blocks: &[BlockView], root: Path) -> Lines {
    let mut out = Lines {
        root,
        ..Lines::default()
    };
    push_blocks(blocks, &Path::root(), &mut out);
    out
}

fn push_blocks(blocks: &[BlockView], base: &Path, out: &mut Lines) {
    for (i, block) in blocks.iter().enumerate() {
        let at = base.index(i);
        block_lines(block, &at, out);
        push_blocks(walk::items(block), &at.key(spots::ITEMS), out);
    }
}

/// The printed lines of one block (at `at`), those of its items aside.
fn block_lines(block: &BlockView, at: &Path, out: &mut Lines) {
    let block_leaves = spots::block(block);
    let kind = match block {
        BlockView::Heading { .. } => "heading",
        BlockView::Text { .. } => "text",
        BlockView::Note { .. } => "note",
        BlockView::Conclusion { .. } => "conclusion",
        BlockView::Table(_) => "table",
        BlockView::Chart(_) => "chart",
        BlockView::Procedure(_) => "procedure",
    };
    let place = |leaves: Vec<Leaf>, row: Option<Row>| LineAt {
        block: at.clone(),
        leaves,
        block_leaves: block_leaves.clone(),
        row,
        kind,
    };
    let plain = |text: String| Line {
        context: String::new(),
        text,
    };
    match block {
        BlockView::Heading { text, .. } => {
            out.push(plain(format!("□ {text}")), place(spots::own(block), None));
        }
        BlockView::Text { lead, parts, .. } => {
            let lead = lead.as_ref().map(|l| format!("({l}) ")).unwrap_or_default();
            out.push(
                plain(format!("{lead}{}", joined(parts))),
                place(spots::own(block), None),
            );
        }
        BlockView::Note { parts, .. } => {
            out.push(
                plain(format!("* {}", joined(parts))),
                place(spots::own(block), None),
            );
        }
        BlockView::Conclusion { parts, .. } => out.push(
            plain(format!("⇒ {}", joined(parts))),
            place(spots::own(block), None),
        ),
        BlockView::Table(table) => table_lines(table, &place, out),
        BlockView::Chart(chart) => chart_lines(chart, &place, out),
        BlockView::Procedure(procedure) => out.push(
            Line {
                context: "추진절차".into(),
                text: procedure.steps.join(" → "),
            },
            place(spots::own(block), None),
        ),
    }
}

/// A table's unit, source and rows, each with its caption.
fn table_lines(
    table: &TableView,
    place: &dyn Fn(Vec<Leaf>, Option<Row>) -> LineAt,
    out: &mut Lines,
) {
    let context = match &table.caption {
        Some(c) => format!("표 「{c}」"),
        None => "표".into(),
    };
    let line = |text: String| Line {
        context: context.clone(),
        text,
    };
    // The caption prints once per table: every line of the table carries it.
    let caption: Vec<Leaf> = spots::table_notes(table)
        .into_iter()
        .filter(|l| l.path == Path::root().key(spots::TABLE_CAPTION))
        .collect();
    let with_caption = |leaf: &str| {
        let mut leaves = caption.clone();
        leaves.push(Leaf::value(Path::root().key(leaf)));
        leaves
    };
    if let Some(unit) = &table.unit {
        out.push(
            line(format!("(단위 : {unit})")),
            place(with_caption(spots::TABLE_UNIT), None),
        );
    }
    if let Some(source) = &table.source {
        out.push(
            line(format!("출처: {source}")),
            place(with_caption(spots::TABLE_SOURCE), None),
        );
    }
    for (key, rows) in [
        (field!(TableView, header), &table.header),
        (field!(TableView, rows), &table.rows),
    ] {
        for (r, cells) in rows.iter().enumerate() {
            let cells_text: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
            let row_leaves = spots::row(rows, r);
            let mut leaves = caption.clone();
            let here = Path::root().key(key).index(r);
            leaves.extend(row_leaves.iter().map(|l| l.below(&here)));
            let row = Row {
                key,
                index: r,
                leaves: row_leaves,
            };
            out.push(line(cells_text.join(" | ")), place(leaves, Some(row)));
        }
    }
}

/// A chart's unit, source, categories and series, each with its caption.
fn chart_lines(
    chart: &crate::model::content::ChartView,
    place: &dyn Fn(Vec<Leaf>, Option<Row>) -> LineAt,
    out: &mut Lines,
) {
    let context = format!("그래프 「{}」", chart.caption);
    let line = |text: String| Line {
        context: context.clone(),
        text,
    };
    let with_caption = |more: Vec<Leaf>| {
        let mut leaves = vec![Leaf::value(Path::root().key(spots::CHART_CAPTION))];
        leaves.extend(more);
        leaves
    };
    if let Some(unit) = &chart.unit {
        let leaves = with_caption(vec![Leaf::value(Path::root().key(spots::CHART_UNIT))]);
        out.push(line(format!("(단위 : {unit})")), place(leaves, None));
    }
    if let Some(source) = &chart.source {
        let leaves = with_caption(vec![Leaf::value(Path::root().key(spots::CHART_SOURCE))]);
        out.push(line(format!("출처: {source}")), place(leaves, None));
    }
    let categories = (0..chart.categories.len())
        .map(|k| Leaf::value(Path::root().key(spots::CHART_CATEGORIES).index(k)))
        .collect();
    out.push(
        line(format!("항목: {}", chart.categories.join(" | "))),
        place(with_caption(categories), None),
    );
    for (j, series) in chart.series.iter().enumerate() {
        out.push(
            line(format!("{}: {}", series.name, series.labels.join(" | "))),
            place(with_caption(spots::series_leaves(j, series)), None),
        );
    }
}

pub(super) fn joined(parts: &[TextPart]) -> String {
    parts
        .iter()
        .map(|p| match &p.footnote {
            Some(f) => format!("{} [주: {f}]", p.text),
            None => p.text.clone(),
        })
        .collect()
}

/// A project's schedule bars as lines (`4~11월 창업 공간 운영`).
pub(super) fn bars(schedule: &[written::Bar]) -> Lines {
    Lines::unplaced(
        schedule
            .iter()
            .map(|b| Line {
                context: String::new(),
                text: format!("{}~{}월 {}", b.from, b.to, b.label),
            })
            .collect(),
    )
}

/// Line-level difference, then word-level inside each replaced line; each change with the
/// spots of its line: a changed line's values against the old ones, an added line's
/// highlighted, a removed line put back where it was.
pub(super) fn line_changes(subject: &str, path: &str, old: &Lines, new: &Lines) -> Vec<Change> {
    if old.lines == new.lines {
        return Vec::new();
    }
    let label = |line: &Line| {
        if line.context.is_empty() {
            subject.to_string()
        } else {
            format!("{subject} {}", line.context)
        }
    };
    let pairs = paired(&old.lines, &new.lines);
    let put_back = PutBack::new(old, new, &pairs);
    let mut changes = Vec::new();
    for (a, b) in pairs.iter().filter(|(a, b)| match (a, b) {
        (Some(a), Some(b)) => old.lines[*a] != new.lines[*b],
        _ => true,
    }) {
        let (la, lb) = (a.map(|a| &old.lines[a]), b.map(|b| &new.lines[b]));
        let shown = lb.or(la).expect("one side has the line");
        let change = text(
            label(shown),
            path.to_string(),
            la.map_or("", |l| l.text.as_str()),
            lb.map_or("", |l| l.text.as_str()),
        );
        let spots = match (a, b) {
            (Some(a), Some(b)) => changed(old, new, *a, *b),
            (None, Some(b)) => added(new, *b),
            (Some(a), None) => put_back.spot(*a).into_iter().collect(),
            (None, None) => Vec::new(),
        };
        changes.push(change.at(spots));
    }
    changes
}

/// The two lists' lines in order, paired: equal lines and lines of a replaced stretch
/// (one for one), the rest on one side only.
fn paired(old: &[Line], new: &[Line]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut pairs = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (o, ol, n, nl) = match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (old_index, len, new_index, len),
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
            pairs.push(((k < ol).then_some(o + k), (k < nl).then_some(n + k)));
        }
    }
    pairs
}

/// A line in both drafts: each of its values against the old line's value of the same
/// field (one for one), a value the old line lacks highlighted.
fn changed(old: &Lines, new: &Lines, a: usize, b: usize) -> Vec<Spot> {
    let (Some(la), Some(lb)) = (old.at.get(a), new.at.get(b)) else {
        return Vec::new();
    };
    let mut spots = Vec::new();
    let mut unmatched = Vec::new();
    for (k, leaf) in lb.leaves.iter().enumerate() {
        let new_path = new.root.join(&lb.block).join(&leaf.path);
        match la.leaves.get(k) {
            Some(before) if same_field(&before.path, &leaf.path) => {
                let old_path = old.root.join(&la.block).join(&before.path);
                spots.push(Spot::changed(new_path, old_path));
            }
            _ => unmatched.push(Leaf::value(new_path)),
        }
    }
    if !unmatched.is_empty() {
        spots.push(Spot::Added { leaves: unmatched });
    }
    spots
}

/// Whether two leaves are the same kind of field (a cell's text, a unit, a step).
fn same_field(a: &Path, b: &Path) -> bool {
    let last_key = |p: &Path| {
        p.steps().iter().rev().find_map(|s| match s {
            Step::Key(k) => Some(k.clone()),
            _ => None,
        })
    };
    last_key(a) == last_key(b)
}

/// A line of the new draft only: its values highlighted.
fn added(new: &Lines, b: usize) -> Vec<Spot> {
    let Some(at) = new.at.get(b) else {
        return Vec::new();
    };
    vec![spots::added(&new.root.join(&at.block), at.leaves.clone())]
}

/// Where the old draft's lines that are gone go back into the new plan: a row into its
/// table when the table stays, else the whole block into the list that held it, after the
/// block it followed — once per block, and not when a block around it goes back already.
struct PutBack<'a> {
    old: &'a Lines,
    new: &'a Lines,
    /// Each old block that stays, with where it is in the new list.
    kept: HashMap<Path, Path>,
    /// Each old table row that stays, with its position in the new table.
    kept_rows: HashMap<(Path, &'static str, usize), usize>,
    /// The first line of each old block that goes.
    first_gone: HashMap<Path, usize>,
}

impl<'a> PutBack<'a> {
    fn new(old: &'a Lines, new: &'a Lines, pairs: &[(Option<usize>, Option<usize>)]) -> Self {
        let mut kept = HashMap::new();
        let mut kept_rows = HashMap::new();
        for (a, b) in pairs {
            let (Some(la), Some(lb)) =
                (a.and_then(|a| old.at.get(a)), b.and_then(|b| new.at.get(b)))
            else {
                continue;
            };
            // Only a line paired with a line of the same kind of block says its block stays.
            if la.kind != lb.kind || la.row.is_some() != lb.row.is_some() {
                continue;
            }
            kept.entry(la.block.clone()).or_insert(lb.block.clone());
            if let (Some(ra), Some(rb)) = (&la.row, &lb.row)
                && ra.key == rb.key
            {
                kept_rows.insert((la.block.clone(), ra.key, ra.index), rb.index);
            }
        }
        let mut first_gone = HashMap::new();
        for (i, at) in old.at.iter().enumerate() {
            if !kept.contains_key(&at.block) {
                first_gone.entry(at.block.clone()).or_insert(i);
            }
        }
        PutBack {
            old,
            new,
            kept,
            kept_rows,
            first_gone,
        }
    }

    /// The spot of old line `a`, if it goes back on its own.
    fn spot(&self, a: usize) -> Option<Spot> {
        let at = self.old.at.get(a)?;
        if let Some(new_block) = self.kept.get(&at.block) {
            // The block stays: a row goes back into its table; a unit or source line does not.
            let row = at.row.as_ref()?;
            let before = (0..row.index)
                .rev()
                .find_map(|r| self.kept_rows.get(&(at.block.clone(), row.key, r)));
            return Some(spots::removed(
                self.old.root.join(&at.block).key(row.key).index(row.index),
                self.new.root.join(new_block).key(row.key),
                before.map_or(0, |r| r + 1),
                row.leaves.clone(),
            ));
        }
        // The whole block goes: back once, with its first line.
        if self.first_gone.get(&at.block) != Some(&a) {
            return None;
        }
        let (list, last) = at.block.split_last()?;
        let &Step::Index(index) = last else {
            return None;
        };
        let into = match list.split_last() {
            None => self.new.root.clone(),
            Some((parent, _items)) => self.new.root.join(self.kept.get(&parent)?).key("items"),
        };
        // After the nearest block before it in the same list that stays.
        let position = (0..index)
            .rev()
            .find_map(|i| self.kept.get(&list.index(i)))
            .and_then(|p| match p.split_last()?.1 {
                Step::Index(n) => Some(n + 1),
                _ => None,
            })
            .unwrap_or(0);
        Some(spots::removed(
            self.old.root.join(&at.block),
            into,
            position,
            at.block_leaves.clone(),
        ))
    }
}

/// The changes' put-back blocks, each once.
#[cfg(test)]
fn put_back_blocks(changes: &[Change]) -> std::collections::HashSet<String> {
    changes
        .iter()
        .flat_map(Change::spots)
        .filter_map(|s| match s {
            Spot::Removed { old, .. } => Some(old.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::content::TextPart;

    fn bullet(text: &str, items: Vec<BlockView>) -> BlockView {
        BlockView::Text {
            lead: None,
            parts: vec![TextPart {
                text: text.into(),
                footnote: None,
            }],
            items,
        }
    }

    fn compare(old: &[BlockView], new: &[BlockView]) -> Vec<Change> {
        let root = Path::root().key("body");
        line_changes("본문", "p", &lines(old, root.clone()), &lines(new, root))
    }

    #[test]
    fn a_changed_line_marks_its_text_against_the_old() {
        let changes = compare(&[bullet("가 나", vec![])], &[bullet("가 다", vec![])]);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0].spots(),
            [Spot::changed(
                Path::root()
                    .key("body")
                    .index(0)
                    .key("parts")
                    .index(0)
                    .key("text"),
                Path::root()
                    .key("body")
                    .index(0)
                    .key("parts")
                    .index(0)
                    .key("text"),
            )]
        );
    }

    #[test]
    fn a_removed_bullet_goes_back_once_with_its_items_after_the_one_it_followed() {
        let old = [
            bullet("하나", vec![]),
            bullet("둘", vec![bullet("둘의 하나", vec![])]),
            bullet("셋", vec![]),
        ];
        let new = [bullet("하나", vec![]), bullet("셋", vec![])];
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 2, "the bullet and its item");
        assert_eq!(
            put_back_blocks(&changes),
            std::collections::HashSet::from(["body[1]".to_string()])
        );
        let Some(Spot::Removed {
            into, at, leaves, ..
        }) = changes[0].spots().first()
        else {
            panic!("{changes:#?}");
        };
        assert_eq!((into.to_string().as_str(), *at), ("body", 1));
        assert!(
            leaves
                .iter()
                .any(|l| l.path.to_string() == "items[0].parts[0].text")
        );
    }

    #[test]
    fn an_added_item_is_highlighted_where_it_is() {
        let changes = compare(
            &[bullet("하나", vec![])],
            &[bullet("하나", vec![bullet("새 줄", vec![])])],
        );
        assert_eq!(
            changes[0].spots(),
            [Spot::Added {
                leaves: vec![Leaf::value(
                    Path::root()
                        .key("body")
                        .index(0)
                        .key("items")
                        .index(0)
                        .key("parts")
                        .index(0)
                        .key("text")
                )]
            }]
        );
    }
}
