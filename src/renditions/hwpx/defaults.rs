//! 한글's default styles (기본 스타일): the styles every document 한글 makes starts with — 바탕글,
//! 본문, 개요 1–7, 쪽 번호, 머리말, 각주, 미주, 메모, 차례 제목, 차례 1–3 — in 한글's order and with
//! its names, so a reviewer's 한글 finds the styles it expects (its outline numbering, 차례 만들기,
//! its 각주 and 메모 styles) and a pasted paragraph keeps its style. The ones the plan uses
//! (바탕글, 각주, 차례 제목, 차례 1–2) take the plan's own shapes; the others the plan's faces
//! with 한글's indents and spacing.

use super::header::{Align, CharShape, Header, ParaShape};
use super::styles::Kind;
use super::units::pt;
use crate::renditions::shared::scale::TypeSizes;

/// Registers 한글's default styles in `header`, right after its 바탕글 (style 0).
pub fn register(header: &mut Header, s: &TypeSizes) {
    let body = ParaShape::BODY;
    header.style(
        "본문",
        "Body",
        ParaShape {
            left: pt(15.0),
            ..body
        },
        CharShape::BODY,
    );
    for level in 1..=7u8 {
        let shape = ParaShape {
            left: pt(10.0 * f64::from(level)),
            outline: Some(level - 1),
            ..body
        };
        let (name, english) = (format!("개요 {level}"), format!("Outline {level}"));
        header.style(&name, &english, shape, CharShape::BODY);
    }
    header.char_style("쪽 번호", "Page Number", CharShape::sans(10.0));
    let small = ParaShape { line: 150, ..body };
    header.style("머리말", "Header", small, CharShape::sans(9.0));
    let note = Kind::Footnote;
    header.style("각주", "Footnote", note.para(s), note.chars(s));
    header.style("미주", "Endnote", note.para(s), note.chars(s));
    let memo = ParaShape {
        align: Align::Left,
        line: 130,
        ..body
    };
    header.style("메모", "Memo", memo, CharShape::sans(9.0));
    let title = Kind::ContentsTitle;
    header.style("차례 제목", "TOC Heading", title.para(s), title.chars(s));
    for level in 1..=3 {
        let entry = Kind::Contents(level);
        let (name, english) = (format!("차례 {level}"), format!("TOC {level}"));
        header.style(&name, &english, entry.para(s), entry.chars(s));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::renditions::hwpx::names::ns;

    #[test]
    fn the_styles_are_hangul_s_defaults_in_its_order_and_the_plan_s_kinds_reuse_them() {
        let s = &crate::renditions::shared::scale::sizes(Default::default());
        let mut header = Header::new();
        register(&mut header, s);
        let footnote = Kind::Footnote;
        let (name, english) = footnote.names();
        assert_eq!(
            header.style(&name, english, footnote.para(s), footnote.chars(s)),
            11,
            "the plan's footnotes are 한글's 각주 style"
        );
        let xml = String::from_utf8(header.xml(1)).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let styles: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ns::HEAD, "style")))
            .map(|n| (n.attribute("name").unwrap(), n.attribute("type").unwrap()))
            .collect();
        let names: Vec<_> = styles.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            [
                "바탕글",
                "본문",
                "개요 1",
                "개요 2",
                "개요 3",
                "개요 4",
                "개요 5",
                "개요 6",
                "개요 7",
                "쪽 번호",
                "머리말",
                "각주",
                "미주",
                "메모",
                "차례 제목",
                "차례 1",
                "차례 2",
                "차례 3"
            ]
        );
        assert_eq!(styles[9].1, "CHAR");
        let outline: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ns::HEAD, "heading")))
            .filter(|n| n.attribute("type") == Some("OUTLINE"))
            .filter_map(|n| n.attribute("level"))
            .collect();
        assert_eq!(outline, ["0", "1", "2", "3", "4", "5", "6"]);
        let heads = doc
            .descendants()
            .filter(|n| n.has_tag_name((ns::HEAD, "paraHead")))
            .count();
        assert_eq!(heads, 7, "한글's seven outline levels");
    }
}
