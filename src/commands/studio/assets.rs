//! 화면 (assets): the studio's page — plain HTML, CSS and JavaScript kept in the binary, so
//! nothing is fetched from the network and it works offline. The CSS takes its colours from
//! [`palette`] (the KRDS tokens).

use crate::renditions::shared::palette::{self, hex};

/// The page.
pub const HTML: &str = include_str!("assets/studio.html");

/// Its script: draws the state, follows it live, and sends what the user chose.
pub const JS: &str = include_str!("assets/studio.js");

/// The comparison's script: the change list and the redlined pages.
pub const COMPARE_JS: &str = include_str!("assets/compare.js");

const CSS: &str = include_str!("assets/studio.css");

/// The style sheet with the palette's colours.
pub fn css() -> String {
    let colours = [
        ("primary", palette::KRDS_PRIMARY),
        ("primary_dark", palette::KRDS_PRIMARY_DARK),
        ("primary_light", palette::KRDS_PRIMARY_LIGHT),
        ("text", palette::KRDS_TEXT),
        ("subtle", palette::KRDS_SUBTLE),
        ("surface", palette::KRDS_SURFACE),
        ("border", palette::KRDS_BORDER),
        ("danger", palette::KRDS_DANGER),
        ("danger_light", palette::KRDS_DANGER_LIGHT),
        ("warning", palette::KRDS_WARNING),
        ("warning_light", palette::KRDS_WARNING_LIGHT),
    ];
    colours.iter().fold(CSS.to_string(), |css, (name, colour)| {
        css.replace(&format!("{{{{{name}}}}}"), &hex(*colour))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_colour_of_the_style_sheet_is_filled_in() {
        let css = super::css();
        assert!(!css.contains("{{"), "{css}");
        assert!(css.contains("--primary: #256ef4;"), "{css}");
    }
}
