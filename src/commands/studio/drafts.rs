//! 비교한 초안 (the drafts compared): each comparison's earlier draft and its redlined pages
//! under a number, the last [`KEPT`] of them, so that two tabs comparing different drafts
//! each keep their own: compared again, their pages shown and their review PDF made with
//! the draft that tab chose.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;

use super::query;
use super::state::PageView;

/// How many comparisons are kept (each holds its redlined pages and their images).
pub const KEPT: usize = 4;

/// One comparison: the earlier draft and its redlined pages.
struct Draft {
    number: u32,
    path: PathBuf,
    pages: Vec<Arc<PageView>>,
}

/// The last [`KEPT`] comparisons, oldest first.
#[derive(Default)]
pub struct Drafts {
    last_number: u32,
    kept: VecDeque<Draft>,
}

impl Drafts {
    /// Keeps a comparison and returns its number: a draft compared again (`again`, still
    /// kept) keeps its number and its place; any other gets the next number, and the
    /// oldest comparison goes when more than [`KEPT`] are held.
    pub fn keep(&mut self, again: Option<u32>, path: PathBuf, pages: Vec<Arc<PageView>>) -> u32 {
        if let Some(draft) = again.and_then(|n| self.kept.iter_mut().find(|d| d.number == n)) {
            draft.path = path;
            draft.pages = pages;
            return draft.number;
        }
        self.last_number += 1;
        self.kept.push_back(Draft {
            number: self.last_number,
            path,
            pages,
        });
        while self.kept.len() > KEPT {
            self.kept.pop_front();
        }
        self.last_number
    }

    /// The draft compared under `number`, or with none the last one compared.
    pub fn path(&self, number: Option<u32>) -> Option<PathBuf> {
        match number {
            Some(n) => self.kept.iter().find(|d| d.number == n),
            None => self.kept.back(),
        }
        .map(|d| d.path.clone())
    }

    /// A redlined page of any kept comparison, by its id.
    pub fn page(&self, id: &str) -> Option<Arc<PageView>> {
        self.kept
            .iter()
            .flat_map(|d| &d.pages)
            .find(|p| p.id == id)
            .cloned()
    }
}

/// A request's draft number that is none (refused with [`NotANumber::MESSAGE`]).
#[derive(Debug, PartialEq, Eq)]
pub struct NotANumber;

impl NotANumber {
    /// What the tab is told.
    pub const MESSAGE: &str = "비교 번호가 맞지 않습니다. 「초안 비교」에서 다시 비교하세요.";
}

/// Which comparison a request means: `?draft=` and a number, or no query (the last one);
/// anything else is `Err`.
pub fn number_in(asked: Option<&str>) -> Result<Option<u32>, NotANumber> {
    match asked {
        None => Ok(None),
        Some(asked) => query::number(asked, "draft").map(Some).ok_or(NotANumber),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(id: &str) -> Arc<PageView> {
        let frame = typst::layout::Frame::soft(typst::layout::Size::zero());
        let page = typst_layout::Page {
            frame,
            bleed: Default::default(),
            fill: Default::default(),
            numbering: None,
            supplement: Default::default(),
            number: 1,
        };
        Arc::new(PageView::new(id.into(), page))
    }

    #[test]
    fn each_comparison_keeps_its_draft_and_pages_until_four_newer_ones() {
        let mut drafts = Drafts::default();
        let first = drafts.keep(None, "a".into(), vec![page("p-a")]);
        let second = drafts.keep(None, "b".into(), vec![page("p-b")]);
        assert_ne!(first, second);
        assert_eq!(drafts.path(Some(first)), Some("a".into()));
        assert_eq!(drafts.path(None), Some("b".into()));
        assert!(drafts.page("p-a").is_some() && drafts.page("p-b").is_some());
        // Compared again: same number, new pages; the other draft untouched.
        assert_eq!(
            drafts.keep(Some(first), "a".into(), vec![page("p-a2")]),
            first
        );
        assert!(drafts.page("p-a").is_none() && drafts.page("p-a2").is_some());
        assert_eq!(drafts.path(Some(second)), Some("b".into()));
        for name in ["c", "d", "e"] {
            drafts.keep(None, name.into(), Vec::new());
        }
        // Five kept at most four: the oldest went, its number is not reused.
        assert_eq!(drafts.path(Some(first)), None);
        assert_eq!(drafts.path(Some(second)), Some("b".into()));
        let again = drafts.keep(Some(first), "a".into(), Vec::new());
        assert!(again > first + 4, "{again}");
    }

    #[test]
    fn a_draft_number_is_plain_digits() {
        assert_eq!(number_in(Some("draft=12")), Ok(Some(12)));
        for bad in [
            "draft=",
            "draft=-1",
            "draft=1x",
            "x=1",
            "draft=9999999999",
            "",
        ] {
            assert_eq!(number_in(Some(bad)), Err(NotANumber), "{bad}");
        }
        assert_eq!(number_in(None), Ok(None));
    }
}
