//! 화면의 쪽 그림 (a page for the screen): a laid-out page drawn by typst-render as a PNG as many
//! pixels wide as the browser shows it (its width on screen × the screen's pixel ratio), so it
//! is sharp at any zoom the browser asks again for, and quick to make and to decode: the
//! studio's pages. The PNG is compressed for speed (fdeflate), not size; it never leaves the
//! computer. Publishing's page images are [`super::preview`]'s, unchanged.

use std::ops::RangeInclusive;

use typst::utils::Scalar;
use typst_layout::Page;
use typst_render::RenderOptions;

/// The width a page is drawn at when none is asked for: an A4 page on a wide screen.
pub const DEFAULT_WIDTH: u32 = 1024;

/// The widths a page may be asked for, in pixels.
pub const WIDTHS: RangeInclusive<u32> = 64..=4096;

/// The most pixels one page image may have (a tall page asked for wide is drawn narrower):
/// 16 million, 48 MB of colour while it is drawn.
const MOST_PIXELS: f64 = 16_000_000.0;

/// `page` as a PNG about `width` pixels wide (clamped to [`WIDTHS`] and [`MOST_PIXELS`]),
/// opaque: what the page leaves transparent is white, as on paper.
pub fn page_png(page: &Page, width: u32) -> Vec<u8> {
    let width = f64::from(width.clamp(*WIDTHS.start(), *WIDTHS.end()));
    let size = page.frame.size();
    let (points_wide, points_high) = (size.x.to_pt().max(1.0), size.y.to_pt().max(1.0));
    let scale = (width / points_wide).min((MOST_PIXELS / (points_wide * points_high)).sqrt());
    let options = RenderOptions {
        pixel_per_pt: Scalar::new(scale),
        ..RenderOptions::default()
    };
    let pixmap = typst_render::render(page, &options);
    // Premultiplied colour over white: each channel plus what the alpha leaves uncovered.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| {
            let uncovered = 255 - p[3];
            [p[0] + uncovered, p[1] + uncovered, p[2] + uncovered]
        })
        .collect();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let written = encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&rgb));
    written.expect("encoding an in-memory image as PNG cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::layout::{Abs, Frame, Size};

    fn page(width: f64, height: f64) -> Page {
        Page {
            frame: Frame::soft(Size::new(Abs::pt(width), Abs::pt(height))),
            bleed: Default::default(),
            fill: Default::default(),
            numbering: None,
            supplement: Default::default(),
            number: 1,
        }
    }

    fn size(png: &[u8]) -> (u32, u32) {
        let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        assert_eq!(&png[1..4], b"PNG");
        (be(16), be(20))
    }

    #[test]
    fn a_page_is_as_wide_as_asked_within_bounds() {
        let a4 = page(595.0, 842.0);
        assert_eq!(size(&page_png(&a4, 832)), (832, 1177));
        assert_eq!(size(&page_png(&a4, 1)).0, 64);
        let tall = page(10.0, 100_000.0);
        let (w, h) = size(&page_png(&tall, 4096));
        assert!(f64::from(w) * f64::from(h) <= MOST_PIXELS, "{w}×{h}");
    }
}
