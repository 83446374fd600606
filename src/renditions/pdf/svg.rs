//! 쪽 SVG: the laid-out pages as SVG images (typst-svg, the same layout as the PDF) for the
//! studio, each with a hash of its frame so a caller draws again only the pages that changed;
//! and the document's headings with their pages (순서).

use typst::foundations::{NativeElement, StyleChain};
use typst::introspection::Introspector;
use typst::layout::{Frame, FrameItem, Transform};
use typst::model::HeadingElem;
use typst_layout::{Page, PagedDocument};
use typst_svg::SvgOptions;

/// The hash of a laid-out page (its frame, fill and numbering): two pages with one hash draw
/// the same image. It stays the same only within one run of gongsi.
pub fn page_key(page: &Page) -> u128 {
    typst::utils::hash128(page)
}

/// One page as an SVG document, with its size in points.
#[derive(Debug, Clone)]
pub struct PageSvg {
    /// The SVG document (no scripts, no outside references).
    pub svg: String,
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
}

/// Draws `page` as SVG.
pub fn page_svg(page: &Page) -> PageSvg {
    let svg = typst_svg::svg(page, &SvgOptions::default());
    PageSvg {
        svg,
        width: page.frame.width().to_pt(),
        height: page.frame.height().to_pt(),
    }
}

/// A heading of the document (장·절 제목) and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 for a part (Ⅰ, Ⅱ …), deeper for its sections.
    pub level: usize,
    /// The heading's text.
    pub title: String,
    /// The page it is on, 1-based.
    pub page: usize,
    /// How far down the page it starts, as a share of the page's height (0 at the top).
    pub top: f64,
}

/// The headings that the document's outline shows (순서), in document order.
pub fn headings(document: &PagedDocument) -> Vec<Heading> {
    let introspector = document.introspector();
    introspector
        .query(&HeadingElem::ELEM.select())
        .iter()
        .filter_map(|element| {
            let heading = element.to_packed::<HeadingElem>()?;
            if !heading.outlined.get(StyleChain::default()) {
                return None;
            }
            let position = introspector.position(element.location()?)?;
            let page = position.page.get();
            let height = document
                .pages()
                .get(page - 1)
                .map_or(1.0, |p| p.frame.height().to_pt().max(1.0));
            Some(Heading {
                level: heading.resolve_level(StyleChain::default()).get(),
                title: heading.body.plain_text().to_string(),
                page,
                top: (position.point.y.to_pt() / height).clamp(0.0, 1.0),
            })
        })
        .collect()
}

/// A run of text on a page and its box, in points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedText {
    /// The text as typeset.
    pub text: String,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height (the font size).
    pub height: f64,
}

/// The text runs of every page, in the order Typst placed them: where a figure is printed.
pub fn placed_text(document: &PagedDocument) -> Vec<Vec<PlacedText>> {
    document
        .pages()
        .iter()
        .map(|page| {
            let mut out = Vec::new();
            walk(&page.frame, Transform::identity(), &mut out);
            out
        })
        .collect()
}

fn walk(frame: &Frame, ts: Transform, out: &mut Vec<PlacedText>) {
    for (position, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts
                    .pre_concat(Transform::translate(position.x, position.y))
                    .pre_concat(group.transform);
                walk(&group.frame, inner, out);
            }
            FrameItem::Text(text) => {
                let at = position.transform(ts);
                let size = text.size.to_pt();
                out.push(PlacedText {
                    text: text.text.to_string(),
                    x: at.x.to_pt(),
                    y: at.y.to_pt() - size * 0.85,
                    width: text.width().to_pt(),
                    height: size * 1.1,
                });
            }
            _ => {}
        }
    }
}
