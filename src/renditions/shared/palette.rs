//! 색 (the document's colours), defined once: the PDF's style file and the HTML's style sheet
//! read them as `palette.…` in their templates, the HWPX writer and the HTML charts from here.

use serde::Serialize;

/// `ink`: body text.
pub const INK: u32 = 0x1b1b1b;
/// `accent`: part titles, rules, the vision box.
pub const ACCENT: u32 = 0x1f4e79;
/// `accent-light`: the task title box, the task rows of 추진일정.
pub const ACCENT_LIGHT: u32 = 0xdce6f1;
/// `head-fill`: header cells.
pub const HEAD_FILL: u32 = 0xe9eef4;
/// `total-fill`: 합계 rows.
pub const TOTAL_FILL: u32 = 0xf6f3e8;
/// `bar-fill`: 추진일정 bars.
pub const BAR_FILL: u32 = 0x9dbbd8;
/// `rule`: the HTML's table rules.
pub const RULE: u32 = 0x8a8a8a;
/// White.
pub const WHITE: u32 = 0xffffff;

/// The studio's page (`gongsi studio`) in the colour tokens of KRDS, the government's design
/// system (디지털 정부 서비스 UI/UX 가이드라인): `primary-50`, links and focus.
pub const KRDS_PRIMARY: u32 = 0x256ef4;
/// KRDS `primary-60`: link and button text (5.9:1 on white).
pub const KRDS_PRIMARY_DARK: u32 = 0x0b50d0;
/// KRDS `primary-5`: a chosen or hovered button, the drop area.
pub const KRDS_PRIMARY_LIGHT: u32 = 0xecf2fe;
/// KRDS `gray-90`: text.
pub const KRDS_TEXT: u32 = 0x1e2124;
/// KRDS `gray-70`: secondary text (places, hints).
pub const KRDS_SUBTLE: u32 = 0x464c53;
/// KRDS `gray-5`: the page's background around the document's pages.
pub const KRDS_SURFACE: u32 = 0xf4f5f6;
/// KRDS `gray-20`: borders.
pub const KRDS_BORDER: u32 = 0xcdd1d5;
/// KRDS `danger-60`: errors (5.6:1 on white).
pub const KRDS_DANGER: u32 = 0xbd2c0f;
/// KRDS `danger-5`: the errors' box.
pub const KRDS_DANGER_LIGHT: u32 = 0xfdefec;
/// KRDS `warning-70`-like dark amber for the word 경고 (4.9:1 on white; KRDS's
/// `warning-50` is for fills, too light for text).
pub const KRDS_WARNING: u32 = 0x8a5300;
/// KRDS `warning-5`: a warning's fill.
pub const KRDS_WARNING_LIGHT: u32 = 0xfff3db;

/// A chart's series, in order (repeating past the fourth). Each keeps at least 3:1 against
/// white (WCAG 1.4.11, graphical objects): 10.3, 4.6, 3.9 and 5.1.
pub const SERIES: [u32; 4] = [ACCENT, 0xc0504d, 0x6e8c35, 0x8064a2];

/// `#rrggbb`, as Typst's `rgb(…)` and CSS read a colour.
pub fn hex(colour: u32) -> String {
    format!("#{colour:06x}")
}

/// The palette as the templates see it: `palette.accent` is `"#1f4e79"`.
#[derive(Debug, Clone, Serialize)]
pub struct Palette {
    ink: String,
    accent: String,
    accent_light: String,
    head_fill: String,
    total_fill: String,
    bar_fill: String,
    rule: String,
    series: Vec<String>,
}

impl Palette {
    /// Every colour, as `#rrggbb`.
    pub fn new() -> Self {
        Palette {
            ink: hex(INK),
            accent: hex(ACCENT),
            accent_light: hex(ACCENT_LIGHT),
            head_fill: hex(HEAD_FILL),
            total_fill: hex(TOTAL_FILL),
            bar_fill: hex(BAR_FILL),
            rule: hex(RULE),
            series: SERIES.iter().copied().map(hex).collect(),
        }
    }
}

impl Default for Palette {
    fn default() -> Self {
        Palette::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of an sRGB colour.
    fn luminance(colour: u32) -> f64 {
        let channel = |shift: u32| {
            let c = f64::from((colour >> shift) & 0xff) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    #[test]
    fn series_colours_stand_out_against_white() {
        for colour in SERIES {
            let contrast = 1.05 / (luminance(colour) + 0.05);
            assert!(contrast >= 3.0, "{}: {contrast:.2}", hex(colour));
        }
        assert_eq!(hex(ACCENT), "#1f4e79");
    }
}
