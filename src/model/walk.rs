//! 본문 순회 (walking the body): every block of a block list and of the items nested under
//! it, parents before their items, each with its data path (`body[3]`, `body[3].items[0]`)
//! and its depth — the one walk that check, the limits, the workbook's assembly and export,
//! `new` and `diff` share.

use crate::model::content::BlockView;
use crate::model::written::Block;

/// Calls `visit` with every block of `blocks` and of their items in document order, with
/// its data path (`{path}[i]`, then `{path}[i].items[j]`…) and its depth (`depth` for
/// `blocks` themselves, one more for each level of items).
pub fn blocks(
    path: &str,
    blocks: &[Block],
    depth: usize,
    visit: &mut impl FnMut(&str, &Block, usize),
) {
    for (i, block) in blocks.iter().enumerate() {
        let here = format!("{path}[{i}]");
        visit(&here, block, depth);
        self::blocks(&format!("{here}.items"), &block.items, depth + 1, visit);
    }
}

/// [`blocks`] for blocks that `visit` may change; it sees each block before its items.
pub fn blocks_mut(
    path: &str,
    blocks: &mut [Block],
    depth: usize,
    visit: &mut impl FnMut(&str, &mut Block, usize),
) {
    for (i, block) in blocks.iter_mut().enumerate() {
        let here = format!("{path}[{i}]");
        visit(&here, block, depth);
        blocks_mut(&format!("{here}.items"), &mut block.items, depth + 1, visit);
    }
}

/// Calls `visit` with every block of the plan model's `blocks` and of their items in
/// document order, with its depth (`depth` for `blocks`, one more for each level).
pub fn views(blocks: &[BlockView], depth: usize, visit: &mut impl FnMut(&BlockView, usize)) {
    for block in blocks {
        visit(block, depth);
        views(items(block), depth + 1, visit);
    }
}

/// The blocks nested under a block of the plan model (none under a table, chart or
/// procedure).
pub fn items(block: &BlockView) -> &[BlockView] {
    match block {
        BlockView::Heading { items, .. }
        | BlockView::Text { items, .. }
        | BlockView::Note { items, .. }
        | BlockView::Conclusion { items, .. } => items,
        BlockView::Table(_) | BlockView::Chart(_) | BlockView::Procedure(_) => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str, items: Vec<Block>) -> Block {
        Block {
            text: Some(text.into()),
            items,
            ..Block::default()
        }
    }

    #[test]
    fn blocks_come_in_document_order_with_their_paths_and_depths() {
        let body = vec![
            text(
                "a",
                vec![text("a1", vec![text("a1x", vec![])]), text("a2", vec![])],
            ),
            text("b", vec![]),
        ];
        let mut seen = Vec::new();
        blocks("body", &body, 1, &mut |path, block, depth| {
            seen.push((path.to_string(), block.text.clone().unwrap(), depth));
        });
        let expected = [
            ("body[0]", "a", 1),
            ("body[0].items[0]", "a1", 2),
            ("body[0].items[0].items[0]", "a1x", 3),
            ("body[0].items[1]", "a2", 2),
            ("body[1]", "b", 1),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(p, t, d)| (p.to_string(), t.to_string(), *d))
            .collect();
        assert_eq!(seen, expected);

        let mut body = body;
        let mut paths = Vec::new();
        blocks_mut("body", &mut body, 1, &mut |path, block, _| {
            block.note = Some(path.to_string());
            paths.push(path.to_string());
        });
        assert_eq!(
            paths,
            expected.iter().map(|e| e.0.clone()).collect::<Vec<_>>()
        );
        assert_eq!(
            body[0].items[0].items[0].note.as_deref(),
            Some("body[0].items[0].items[0]")
        );
    }

    #[test]
    fn views_come_in_document_order_and_figures_have_no_items() {
        let body = crate::model::content::blocks(&[
            text("a", vec![text("a1", vec![])]),
            Block {
                heading: Some("h".into()),
                items: vec![text("h1", vec![])],
                ..Block::default()
            },
        ]);
        let mut depths = Vec::new();
        views(&body, 0, &mut |_, depth| depths.push(depth));
        assert_eq!(depths, [0, 1, 0, 1]);
    }
}
