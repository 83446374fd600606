//! Pictures (그림): the figures of the plan a picture can show, drawn on demand and stored as
//! `BinData/imageN.png`; each written as `<hp:pic>` in a paragraph of its own, placed like a character, its PNG in
//! `BinData/`, and its alternative text as the object's description (개체 설명문,
//! `<hp:shapeComment>`), which 한글 reads out and shows for the picture.

use super::body::Body;
use super::header::{Align, CharShape, ParaShape};
use super::styles::Kind;
use super::units::{INDENT_STEP, mm, pt};
use crate::model::content::{ChartView, ProcedureView};
use crate::model::plan::Plan;

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
pub enum Figure<'a> {
    /// A chart of part II (or wherever the plan puts one).
    Chart(&'a ChartView),
    /// A 추진절차 diagram at a ladder depth.
    Procedure(&'a ProcedureView, usize),
    /// The 비전 체계도 of III: the vision and the strategies with their tasks.
    Vision(&'a Plan),
}

/// The pictures of the document: drawn on demand, stored as `BinData/imageN.png`.
pub struct Figures<'a> {
    draw: &'a mut dyn FnMut(&Figure) -> Option<Picture>,
    stored: Vec<(String, Vec<u8>)>,
}

impl<'a> Figures<'a> {
    /// No pictures yet; `draw` draws one when it is first needed.
    pub fn new(draw: &'a mut dyn FnMut(&Figure) -> Option<Picture>) -> Self {
        Figures {
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
    pub fn place(&mut self, body: &mut Body, figure: &Figure, depth: usize, alt: &str) -> bool {
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
    let kind = Kind::Figure(depth.saturating_sub(1));
    let shape = ParaShape {
        align: if depth > 1 {
            Align::Left
        } else {
            Align::Center
        },
        left: depth.saturating_sub(1) as i64 * INDENT_STEP,
        above: pt(4.0),
        below: pt(8.0),
        line: 100,
        ..kind.para()
    };
    body.open_para(kind, shape, None, false);
    body.open_run(CharShape::BODY);
    let object = body.object_id();
    let (w, h) = (mm(picture.width_mm), mm(picture.height_mm));
    let (ws, hs) = (w.to_string(), h.to_string());
    let (cx, cy) = ((w / 2).to_string(), (h / 2).to_string());
    let x = body.xml();
    x.open(
        "hp:pic",
        &[
            ("id", &object),
            ("zOrder", "0"),
            ("numberingType", "PICTURE"),
            ("textWrap", "TOP_AND_BOTTOM"),
            ("textFlow", "BOTH_SIDES"),
            ("lock", "0"),
            ("dropcapstyle", "None"),
            ("href", ""),
            ("groupLevel", "0"),
            ("instid", &object),
            ("reverse", "0"),
        ],
    );
    x.empty("hp:offset", &[("x", "0"), ("y", "0")]);
    x.empty("hp:orgSz", &[("width", &ws), ("height", &hs)]);
    x.empty("hp:curSz", &[("width", &ws), ("height", &hs)]);
    x.empty("hp:flip", &[("horizontal", "0"), ("vertical", "0")]);
    x.empty(
        "hp:rotationInfo",
        &[
            ("angle", "0"),
            ("centerX", &cx),
            ("centerY", &cy),
            ("rotateimage", "1"),
        ],
    );
    x.open("hp:renderingInfo", &[]);
    let identity = [
        ("e1", "1"),
        ("e2", "0"),
        ("e3", "0"),
        ("e4", "0"),
        ("e5", "1"),
        ("e6", "0"),
    ];
    for name in ["hc:transMatrix", "hc:scaMatrix", "hc:rotMatrix"] {
        x.empty(name, &identity);
    }
    x.close("hp:renderingInfo");
    x.open("hp:imgRect", &[]);
    for (name, px, py) in [
        ("hc:pt0", "0", "0"),
        ("hc:pt1", ws.as_str(), "0"),
        ("hc:pt2", ws.as_str(), hs.as_str()),
        ("hc:pt3", "0", hs.as_str()),
    ] {
        x.empty(name, &[("x", px), ("y", py)]);
    }
    x.close("hp:imgRect");
    x.empty(
        "hp:imgClip",
        &[("left", "0"), ("right", &ws), ("top", "0"), ("bottom", &hs)],
    );
    let zero = [("left", "0"), ("right", "0"), ("top", "0"), ("bottom", "0")];
    x.empty("hp:inMargin", &zero);
    x.empty("hp:imgDim", &[("dimwidth", &ws), ("dimheight", &hs)]);
    x.empty(
        "hc:img",
        &[
            ("binaryItemIDRef", id),
            ("bright", "0"),
            ("contrast", "0"),
            ("effect", "REAL_PIC"),
            ("alpha", "0"),
        ],
    );
    x.empty("hp:effects", &[]);
    x.empty(
        "hp:sz",
        &[
            ("width", &ws),
            ("widthRelTo", "ABSOLUTE"),
            ("height", &hs),
            ("heightRelTo", "ABSOLUTE"),
            ("protect", "0"),
        ],
    );
    x.empty(
        "hp:pos",
        &[
            ("treatAsChar", "1"),
            ("affectLSpacing", "0"),
            ("flowWithText", "1"),
            ("allowOverlap", "0"),
            ("holdAnchorAndSO", "0"),
            ("vertRelTo", "PARA"),
            ("horzRelTo", "COLUMN"),
            ("vertAlign", "TOP"),
            ("horzAlign", "LEFT"),
            ("vertOffset", "0"),
            ("horzOffset", "0"),
        ],
    );
    x.empty("hp:outMargin", &zero);
    x.leaf("hp:shapeComment", &[], alt);
    x.close("hp:pic");
    body.close_run();
    body.close_para();
}
