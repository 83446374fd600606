//! Pictures (그림): the figures of the plan a picture can show, drawn on demand and stored as
//! `BinData/imageN.png`; each written as `<hp:pic>` in a paragraph of its own, placed like a character, its PNG in
//! `BinData/`, and its alternative text as the object's description (개체 설명문,
//! `<hp:shapeComment>`), which 한글 reads out and shows for the picture.

use super::body::Body;
use super::header::{Align, ParaShape};
use super::styles::Kind;
use super::styles::indent_step;
use super::units::{mm, pt};
use crate::model::content::{ChartView, ProcedureView};
use crate::model::plan::Plan;

/// A picture's `<hp:pic>`: its size, its `BinData/` item and its description.
const PICTURE: &str = include_str!("fragments/picture.xml");

/// A picture to place in the document (a chart, the vision diagram, a procedure), drawn by
/// the PDF's own layout: PNG bytes, its size in pixels and its size on the page.
#[derive(Debug, Clone)]
pub struct Picture {
    /// PNG bytes.
    pub png: Vec<u8>,
    /// Width on the page, in millimetres.
    pub width_mm: f64,
    /// Height on the page, in millimetres.
    pub height_mm: f64,
}

/// A figure of the plan that a picture can show.
#[derive(Debug, Clone, Copy)]
pub enum Drawing<'a> {
    /// A chart of part II (or wherever the plan puts one).
    Chart(&'a ChartView),
    /// A 추진절차 diagram at a ladder depth.
    Procedure(&'a ProcedureView, usize),
    /// The 비전 체계도 of III: the vision and the strategies with their tasks.
    Vision(&'a Plan),
}

/// The pictures of the document: drawn on demand, stored as `BinData/imageN.png`.
pub struct Drawings<'a> {
    draw: &'a mut dyn FnMut(&Drawing) -> Option<Picture>,
    stored: Vec<(String, Vec<u8>)>,
}

impl<'a> Drawings<'a> {
    /// No pictures yet; `draw` draws one when it is first needed.
    pub fn new(draw: &'a mut dyn FnMut(&Drawing) -> Option<Picture>) -> Self {
        Drawings {
            draw,
            stored: Vec::new(),
        }
    }

    /// The pictures drawn, as `BinData/` entries (name, PNG bytes), in document order.
    pub fn into_stored(self) -> Vec<(String, Vec<u8>)> {
        self.stored
    }

    /// Places the picture of `figure` (indented `depth - 1` ladder steps), with `alt` as its
    /// alternative text; false when there is no picture of it.
    pub fn place(&mut self, body: &mut Body, figure: &Drawing, depth: usize, alt: &str) -> bool {
        let Some(picture) = (self.draw)(figure) else {
            return false;
        };
        let id = format!("image{}", self.stored.len() + 1);
        write(body, &id, &picture, depth, alt);
        self.stored.push((id, picture.png));
        true
    }
}

/// Writes `picture` (stored as `id`) indented `depth - 1` ladder steps, described by `alt`.
pub fn write(body: &mut Body, id: &str, picture: &Picture, depth: usize, alt: &str) {
    let kind = Kind::Drawing(depth.saturating_sub(1));
    let shape = ParaShape {
        align: if depth > 1 {
            Align::Left
        } else {
            Align::Center
        },
        left: depth.saturating_sub(1) as i64 * indent_step(&body.sizes),
        above: pt(4.0),
        below: pt(8.0),
        line: 100,
        ..body.shape(kind)
    };
    body.open_para(kind, shape, None, false);
    body.open_run(body.chars(Kind::Normal));
    let object = body.object_id();
    let (width, height) = (mm(picture.width_mm), mm(picture.height_mm));
    let (dim_width, dim_height) = image_dimensions(&picture.png).unwrap_or((width, height));
    body.xml().fragment(
        PICTURE,
        &[
            ("id", &object),
            ("width", &width.to_string()),
            ("height", &height.to_string()),
            ("center_x", &(width / 2).to_string()),
            ("center_y", &(height / 2).to_string()),
            ("dim_width", &dim_width.to_string()),
            ("dim_height", &dim_height.to_string()),
            ("image", id),
            ("alt", alt),
        ],
    );
    body.close_run();
    body.close_para();
}

/// A picture's own extent as 한글 writes it in `<hp:imgDim>` and the uncropped
/// `<hp:imgClip>`: the image's pixels × 75 (a pixel counted as 1/96 inch, 7200 HWPUNIT an
/// inch); `None` when `png` has no PNG header.
pub fn image_dimensions(png: &[u8]) -> Option<(i64, i64)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if png.len() < 24 || !png.starts_with(SIGNATURE) || &png[12..16] != b"IHDR" {
        return None;
    }
    let word = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    Some((i64::from(word(16)) * 75, i64::from(word(20)) * 75))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::renditions::hwpx::body::Ids;
    use crate::renditions::hwpx::header::Header;

    #[test]
    fn the_image_extent_is_its_pixels_times_75_from_the_png_header() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(1340u32.to_be_bytes());
        png.extend(475u32.to_be_bytes());
        assert_eq!(image_dimensions(&png), Some((100_500, 35_625)));
        assert_eq!(image_dimensions(&png[..20]), None);
        assert_eq!(image_dimensions(b"GIF89a and more bytes here"), None);
    }

    #[test]
    fn the_picture_names_its_image_and_its_alternative_text_stays_text() {
        let (mut header, mut ids) = (Header::new(), Ids::new());
        let mut body = Body::new(
            &mut header,
            &mut ids,
            crate::renditions::shared::scale::sizes(crate::model::written::TypeScale::Compact),
        );
        let picture = Picture {
            png: Vec::new(),
            width_mm: 100.0,
            height_mm: 50.0,
        };
        let alt = "<b>도표</b> & \"{alt}\"";
        write(&mut body, "image1", &picture, 1, alt);
        let xml = String::from_utf8(body.finish()).unwrap();
        let parsed = roxmltree::Document::parse(&xml).unwrap();
        let find = |name: &str| {
            parsed
                .descendants()
                .find(|n| n.tag_name().name() == name)
                .unwrap()
        };
        assert_eq!(find("shapeComment").text(), Some(alt));
        assert!(parsed.descendants().all(|n| n.tag_name().name() != "b"));
        assert_eq!(find("img").attribute("binaryItemIDRef"), Some("image1"));
        let (width, height) = (mm(100.0).to_string(), mm(50.0).to_string());
        for name in ["orgSz", "curSz", "sz"] {
            assert_eq!(find(name).attribute("width"), Some(width.as_str()));
            assert_eq!(find(name).attribute("height"), Some(height.as_str()));
        }
        let center = (mm(100.0) / 2).to_string();
        assert_eq!(
            find("rotationInfo").attribute("centerX"),
            Some(center.as_str())
        );
        let pic = find("pic");
        assert_eq!(pic.attribute("id"), pic.attribute("instid"));
    }
}
