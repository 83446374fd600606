//! Lengths in 한글's unit (HWPUNIT, 1/7200 inch: 100 to the point), and the page geometry
//! the PDF uses (`templates/style.typ`: A4, margins 20 mm left, right and top, 22 mm bottom;
//! the landscape 추진일정 15 mm all round).

/// A length in HWPUNIT.
pub type Hwpunit = i64;

/// Millimetres in HWPUNIT.
pub fn mm(millimetres: f64) -> Hwpunit {
    (millimetres * 7200.0 / 25.4).round() as Hwpunit
}

/// Points in HWPUNIT.
pub fn pt(points: f64) -> Hwpunit {
    (points * 100.0).round() as Hwpunit
}

/// A4, portrait, in HWPUNIT (한글 writes 59528 × 84186).
pub const A4_WIDTH: Hwpunit = 59528;
/// See [`A4_WIDTH`].
pub const A4_HEIGHT: Hwpunit = 84186;

/// A page's margins in millimetres: the body's edges, as `page-margin` in style.typ.
#[derive(Debug, Clone, Copy)]
pub struct Margins {
    /// Left and right.
    pub x: f64,
    /// Top.
    pub top: f64,
    /// Bottom.
    pub bottom: f64,
}

/// The portrait pages (`page-margin` in style.typ).
pub const PORTRAIT: Margins = Margins {
    x: 20.0,
    top: 20.0,
    bottom: 22.0,
};

/// The landscape pages of V. 추진일정 (schedule.typ: `margin: (x: 15mm, y: 15mm)`).
pub const LANDSCAPE: Margins = Margins {
    x: 15.0,
    top: 15.0,
    bottom: 15.0,
};

/// The text width of a portrait page (170 mm).
pub fn portrait_text_width() -> Hwpunit {
    A4_WIDTH - 2 * mm(PORTRAIT.x)
}

/// The text width of a landscape page (267 mm).
pub fn landscape_text_width() -> Hwpunit {
    A4_HEIGHT - 2 * mm(LANDSCAPE.x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_match_hangul() {
        assert_eq!(mm(210.0), 59528);
        assert_eq!(mm(297.0), 84189);
        assert_eq!(pt(11.0), 1100);
        assert_eq!(portrait_text_width(), 59528 - 2 * 5669);
    }
}
