//! 미리보기: PNG images of the laid-out pages, rendered by typst-render from the same
//! document as the PDF (no second layout, no external program).

use typst::utils::Scalar;
use typst_layout::{Page, PagedDocument};
use typst_render::RenderOptions;

use crate::model::error::Error;

/// Smallest and largest image width accepted, in pixels.
pub const WIDTH_RANGE: std::ops::RangeInclusive<u32> = 16..=8000;

/// A rendered page.
#[derive(Debug, Clone)]
pub struct Preview {
    /// PNG bytes.
    pub png: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Renders `page` (0-based) of `document` as a PNG `width` pixels wide; the height follows
/// the page's proportions (landscape pages come out wider than tall).
pub fn render_page(document: &PagedDocument, page: usize, width: u32) -> Result<Preview, Error> {
    check_width(width)?;
    let page = document.pages().get(page).ok_or_else(|| {
        Error::Internal(format!(
            "{}쪽은 없습니다 (문서는 {}쪽입니다).",
            page + 1,
            document.pages().len()
        ))
    })?;
    Ok(render(page, width))
}

/// Renders every page of `document`, each `width` pixels wide, on as many threads as the
/// machine has cores (pages are independent; PNG encoding is most of the time).
pub fn render_pages(document: &PagedDocument, width: u32) -> Result<Vec<Preview>, Error> {
    check_width(width)?;
    let pages = document.pages();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, pages.len().max(1));
    let chunk = pages.len().div_ceil(threads).max(1);
    let previews = std::thread::scope(|scope| {
        let workers: Vec<_> = pages
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|p| render(p, width)).collect::<Vec<_>>())
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a page renders without panicking"))
            .collect()
    });
    Ok(previews)
}

/// An error unless `width` is in [`WIDTH_RANGE`].
pub fn check_width(width: u32) -> Result<(), Error> {
    if WIDTH_RANGE.contains(&width) {
        Ok(())
    } else {
        Err(Error::usage(
            format!("미리보기 너비 {width}px는 쓸 수 없습니다."),
            format!(
                "{}에서 {} 사이의 픽셀 수를 주세요.",
                WIDTH_RANGE.start(),
                WIDTH_RANGE.end()
            ),
        ))
    }
}

fn render(page: &Page, width: u32) -> Preview {
    let points = page.frame.width().to_pt().max(1.0);
    let options = RenderOptions {
        pixel_per_pt: Scalar::new(f64::from(width) / points),
        ..RenderOptions::default()
    };
    let pixmap = typst_render::render(page, &options);
    let png = pixmap
        .encode_png()
        .expect("encoding an in-memory pixmap as PNG cannot fail");
    Preview {
        png,
        width: pixmap.width(),
        height: pixmap.height(),
    }
}
