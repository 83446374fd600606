//! Where the PDF's headings land (쪽 위치): every heading of the laid-out plan — parts,
//! chapters, strategies, tasks — with the page it is on, the number the PDF prints on that
//! page, and how far down the page it starts. The HWPX takes its 순서 page numbers and its
//! page breaks from these, so both documents have the same pages whatever the PDF's layout.

use typst::foundations::{Content, NativeElement, Selector, StyleChain, Value};
use typst::introspection::Introspector;
use typst::model::HeadingElem;
use typst_layout::PagedDocument;

use super::Typesetter;
use crate::model::error::Error;
use crate::model::plan::Plan;

/// A heading of the laid-out PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct Landing {
    /// Nesting depth, 1 for a part.
    pub depth: usize,
    /// Its text.
    pub title: String,
    /// Listed in the 순서 (Typst's `outlined`).
    pub outlined: bool,
    /// The page, from 1 (the cover).
    pub page: usize,
    /// The number the PDF prints on that page (`- N -`; `counter(page)`).
    pub number: u64,
    /// How far down the page it starts, as a fraction of the page's height.
    pub down: f64,
}

/// The headings of `document`, in document order.
pub fn landings(document: &PagedDocument) -> Vec<Landing> {
    let introspector = document.introspector();
    let selector = Selector::Elem(HeadingElem::ELEM, None);
    let mut found = Vec::new();
    for heading in introspector.query(&selector) {
        let Some(position) = heading
            .location()
            .and_then(|location| introspector.position(location))
        else {
            continue;
        };
        let Some(page) = document.pages().get(position.page.get() - 1) else {
            continue;
        };
        // The level as the heading resolves it: set (`heading(level: 2)`), or offset + depth.
        let depth = heading
            .to_packed::<HeadingElem>()
            .map_or(1, |h| h.resolve_level(StyleChain::default()).get());
        let outlined = !matches!(heading.get_by_name("outlined"), Ok(Value::Bool(false)));
        let height = page.frame.height().to_pt();
        found.push(Landing {
            depth,
            title: heading
                .get_by_name("body")
                .ok()
                .and_then(|body| body.cast::<Content>().ok())
                .map(|body| body.plain_text().to_string())
                .unwrap_or_default(),
            outlined,
            page: position.page.get(),
            number: page.number,
            down: if height > 0.0 {
                position.point.y.to_pt() / height
            } else {
                0.0
            },
        });
    }
    found
}

impl Typesetter {
    /// Lays `plan` out as the PDF (its templates, its fonts) and says where its headings land.
    pub fn landings(&mut self, plan: &Plan) -> Result<Vec<Landing>, Error> {
        Ok(landings(&self.laid_out(plan)?))
    }

    /// Lays `plan` out as the PDF (its templates, its fonts), without writing the PDF.
    pub fn laid_out(&mut self, plan: &Plan) -> Result<PagedDocument, Error> {
        let rendered = self.render(plan)?;
        self.lay_out(plan, &rendered.files, &rendered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::renditions::pdf::Typesetting;

    #[test]
    fn the_reference_plan_s_headings_land_on_its_pages_with_their_printed_numbers() {
        let plan = crate::pipeline::load_and_check(None).unwrap().plan;
        let mut typesetter = Typesetter::new(&Typesetting::default()).unwrap();
        let landings = typesetter.landings(&plan).unwrap();
        let parts: Vec<_> = landings
            .iter()
            .filter(|l| l.depth == 1 && l.outlined)
            .collect();
        assert_eq!(parts.len(), 5, "{landings:?}");
        assert_eq!(parts[0].title, "I. 요약");
        assert_eq!(parts[0].number, 1, "numbering starts at I");
        assert!(parts.windows(2).all(|w| w[0].page < w[1].page));
        assert!(parts.iter().all(|p| p.down < 0.12), "a part starts a page");
        let tasks = landings.iter().filter(|l| l.depth == 3).count();
        let planned: usize = plan.strategies.iter().map(|s| s.tasks.len()).sum();
        assert_eq!(tasks, planned);
        let last = landings.last().unwrap();
        assert!(last.page >= parts[0].page + usize::try_from(last.number).unwrap() - 1);
    }
}
