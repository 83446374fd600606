//! The body writer (본문): paragraphs of a named style with runs of text, footnotes and
//! controls (the section's page settings, page numbers), written into a section's XML. Line feeds and tabs in a value
//! become 한글's `<hp:lineBreak/>` and `<hp:tab/>`; everything else goes through
//! [`super::xml`].

use super::header::{CharShape, Header, ParaShape, flag};
use super::names::NAMESPACES;
use super::styles::Kind;
use super::units::{A4_HEIGHT, A4_WIDTH, Hwpunit, LANDSCAPE, PORTRAIT, mm};
use super::xml::Xml;
use crate::model::printed::Scope;
use crate::renditions::shared::scale::TypeSizes;

/// A section's settings (`<hp:secPr>`: paper, margins, footnote settings) and its one column.
const SECTION: &str = include_str!("fragments/section.xml");

/// A piece of a paragraph.
#[derive(Debug, Clone)]
pub enum Inline<'a> {
    /// Text in a character shape.
    Text(&'a str, CharShape),
    /// A footnote (각주) whose number 한글 places here.
    Footnote(&'a str),
}

/// What starts a section (구역): its page and the settings of its first paragraph.
#[derive(Debug, Clone, Copy)]
pub struct SectionStart {
    /// 가로 (the landscape 추진일정) or 세로.
    pub landscape: bool,
}

/// The body of one section being written, and the header it shares with the others.
pub struct Body<'h> {
    /// The shared header (shapes get their ids there).
    pub header: &'h mut Header,
    /// The plan's type scale: every style's sizes ([`Kind::chars`], [`Kind::para`]).
    pub sizes: TypeSizes,
    xml: Xml,
    ids: &'h mut Ids,
    /// Controls for the next paragraph's first run: the section's settings, page numbering,
    /// the 책갈피 that marks where a part of the plan starts.
    pending: Vec<Pending>,
    /// The part of the plan being written ([`Body::mark`]): the name of every table cell.
    scope: Option<Scope>,
    /// The paragraphs open (a cell's or a footnote's inside another's run): each one's
    /// character shape and whether it has a run yet. 한글 writes at least one run in every
    /// paragraph, an empty one (`<hp:run charPrIDRef="…"/>`) in an empty paragraph.
    open: Vec<(CharShape, bool)>,
    /// The space below the last paragraph of the body, not yet given: 한글 adds one
    /// paragraph's 문단 아래 to the next one's 문단 위 where the PDF (Typst) keeps the larger
    /// of the two, so a paragraph of the body is written with the larger as its 문단 위 and
    /// no 문단 아래.
    below: Hwpunit,
    /// The paragraph being written has a right tab stop (a 순서 entry).
    right_tab: bool,
    /// How much taller than Typst's the last line of the last paragraph of the body is
    /// ([`Body::excess`]).
    excess: Hwpunit,
}

/// The running numbers of a document: paragraph ids, footnotes, objects, and the places a
/// page may start.
#[derive(Debug, Default)]
pub struct Ids {
    next_paragraph: u32,
    /// Footnotes so far.
    pub footnotes: u32,
    next_object: u32,
    /// The places a page may start ([`Trail`]).
    pub trail: Trail,
}

/// 쪽 나눔의 자리: every paragraph of the body (not in a table or a footnote) and every
/// body row of a table, in document order, each with the words it prints — what the PDF's
/// pages are matched against ([`super::pagination`]) — and the ones that start a page.
#[derive(Debug, Default, Clone)]
pub struct Trail {
    /// The text of each place, in order.
    pub units: Vec<String>,
    /// The places that start a page, as the PDF's pages do.
    pub breaks: std::collections::BTreeSet<usize>,
    /// What is written now is a repetition (a split table's repeated rows): no place.
    muted: bool,
}

impl Ids {
    /// Paragraph ids from 1 up, objects from 1, no footnotes yet.
    pub fn new() -> Self {
        Ids {
            next_paragraph: 1,
            footnotes: 0,
            next_object: 1,
            trail: Trail::default(),
        }
    }

    fn paragraph(&mut self) -> u32 {
        let id = self.next_paragraph;
        self.next_paragraph += 1;
        id
    }

    /// An id for a table, a picture or a field.
    pub fn object(&mut self) -> u32 {
        let id = self.next_object;
        self.next_object += 1;
        id
    }
}

#[derive(Debug, Clone)]
enum Pending {
    Section(SectionStart),
    PageNumbers { restart: bool },
    Bookmark(String),
}

impl<'h> Body<'h> {
    /// An empty section (`<hs:sec>`) at the type scale `sizes`.
    pub fn new(header: &'h mut Header, ids: &'h mut Ids, sizes: TypeSizes) -> Self {
        let mut xml = Xml::new();
        xml.open("hs:sec", &NAMESPACES);
        Body {
            header,
            sizes,
            xml,
            ids,
            pending: Vec::new(),
            scope: None,
            open: Vec::new(),
            below: 0,
            right_tab: false,
            excess: 0,
        }
    }

    /// The section's XML.
    pub fn finish(mut self) -> Vec<u8> {
        self.xml.close("hs:sec");
        self.xml.finish()
    }

    /// The next paragraph starts the section (it carries the section's settings).
    pub fn start_section(&mut self, start: SectionStart) {
        self.pending.push(Pending::Section(start));
    }

    /// Page numbers `- N -` at the foot of the pages from the next paragraph's on, counting
    /// from 1 there when `restart`.
    pub fn page_numbers(&mut self, restart: bool) {
        self.pending.push(Pending::PageNumbers { restart });
    }

    /// From the next paragraph on, the document is the part of the plan `scope`: that
    /// paragraph carries a 책갈피 named by its mark and every table cell is named by it, so
    /// that `diff` can tell where a line of a reviewer's copy came from (한글 keeps both when
    /// it saves; neither is printed or shown in the text).
    pub fn mark(&mut self, scope: Scope) {
        self.pending.push(Pending::Bookmark(scope.mark()));
        self.scope = Some(scope);
    }

    /// The mark of the part being written, for a cell's name (`""` before any).
    pub fn scope_mark(&self) -> String {
        self.scope.as_ref().map(Scope::mark).unwrap_or_default()
    }

    /// A new place a page may start (a table's body row; a paragraph of the body gets its
    /// own), `None` while muted.
    pub fn unit(&mut self) -> Option<usize> {
        let trail = &mut self.ids.trail;
        if trail.muted {
            return None;
        }
        trail.units.push(String::new());
        Some(trail.units.len() - 1)
    }

    /// The number the next place will get.
    pub fn next_unit(&self) -> usize {
        self.ids.trail.units.len()
    }

    /// Place `unit` starts a page (the PDF starts one there).
    pub fn starts_page(&self, unit: usize) -> bool {
        self.ids.trail.breaks.contains(&unit)
    }

    /// What follows repeats what was written (a split table's header and group rows): it is
    /// no place a page starts and its words are not the document's.
    pub fn mute(&mut self, muted: bool) {
        self.ids.trail.muted = muted;
    }

    /// An id for a table, a picture or a field.
    pub fn object_id(&mut self) -> String {
        self.ids.object().to_string()
    }

    /// How much taller 한글's last line of a paragraph of `kind` in `shape` is than the PDF's
    /// (Typst's line is the scale's `line` em of its text; 한글's, `shape.line` percent of
    /// it); 0 for what is not a line of text (a table's or a picture's paragraph).
    fn excess(&self, kind: Kind, shape: &ParaShape) -> Hwpunit {
        if matches!(kind, Kind::Normal | Kind::Drawing(_) | Kind::Cover) {
            return 0;
        }
        let size = self.chars(kind).size as f64 / 100.0;
        let taller = size * (f64::from(shape.line) / 100.0 - self.sizes.line);
        super::units::pt(taller.max(0.0))
    }

    /// The character shape of `kind` at the plan's type scale.
    pub fn chars(&self, kind: Kind) -> CharShape {
        kind.chars(&self.sizes)
    }

    /// The paragraph shape of `kind` at the plan's type scale.
    pub fn shape(&self, kind: Kind) -> ParaShape {
        kind.para(&self.sizes)
    }

    /// A paragraph of `kind` with `inlines`.
    pub fn para(&mut self, kind: Kind, inlines: &[Inline]) {
        self.para_shaped(kind, self.shape(kind), None, false, inlines);
    }

    /// A paragraph of `kind` in shape `shape`, with the paragraph id `id` (one reserved for
    /// it) or the next one, on a new page when `page_break`.
    pub fn para_shaped(
        &mut self,
        kind: Kind,
        shape: ParaShape,
        id: Option<u32>,
        page_break: bool,
        inlines: &[Inline],
    ) {
        self.open_para(kind, shape, id, page_break);
        for inline in inlines {
            self.inline(inline);
        }
        self.close_para();
    }

    /// Opens `<hp:p>` and writes the pending controls; what follows is its runs.
    pub fn open_para(&mut self, kind: Kind, shape: ParaShape, id: Option<u32>, page_break: bool) {
        let mut page_break = page_break;
        let mut shape = shape;
        if self.open.is_empty() {
            self.right_tab = shape.right_tab.is_some();
            if let Some(unit) = self.unit() {
                page_break |= self.starts_page(unit);
            }
            // Typst keeps the larger of the two spaces between a line's baseline and the
            // next block's top; 한글's line box is taller than Typst's line and that excess
            // is below the text, so it comes off the space.
            let below = std::mem::replace(&mut self.below, shape.below);
            let taller = self.excess(kind, &shape);
            let excess = std::mem::replace(&mut self.excess, taller);
            shape.above = (shape.above.max(below) - excess).max(0);
            shape.below = 0;
        }
        let (name, english) = kind.names();
        let style = self
            .header
            .style(
                &name,
                english,
                kind.para(&self.sizes),
                kind.chars(&self.sizes),
            )
            .to_string();
        let para = self.header.para_id(shape).to_string();
        let id = id.unwrap_or_else(|| self.ids.paragraph()).to_string();
        self.xml.open(
            "hp:p",
            &[
                ("id", &id),
                ("paraPrIDRef", &para),
                ("styleIDRef", &style),
                ("pageBreak", flag(page_break)),
                ("columnBreak", "0"),
                ("merged", "0"),
            ],
        );
        self.open.push((self.chars(kind), false));
        if !self.pending.is_empty() {
            self.open_run(self.chars(kind));
            for pending in std::mem::take(&mut self.pending) {
                match pending {
                    Pending::Section(start) => self.section_settings(start),
                    Pending::PageNumbers { restart } => self.page_number_controls(restart),
                    Pending::Bookmark(name) => {
                        self.xml.open("hp:ctrl", &[]);
                        self.xml.empty("hp:bookmark", &[("name", &name)]);
                        self.xml.close("hp:ctrl");
                    }
                }
            }
            self.xml.close("hp:run");
        }
    }

    /// Closes the paragraph opened by [`Body::open_para`], with an empty run in its
    /// character shape if nothing was written in it.
    pub fn close_para(&mut self) {
        if let Some((chars, false)) = self.open.pop() {
            let chars = self.header.char_id(chars).to_string();
            self.xml.empty("hp:run", &[("charPrIDRef", &chars)]);
        }
        self.xml.close("hp:p");
    }

    /// Opens a run in `chars` (for a table or a picture).
    pub fn open_run(&mut self, chars: CharShape) {
        if let Some((_, has_run)) = self.open.last_mut() {
            *has_run = true;
        }
        let chars = self.header.char_id(chars).to_string();
        self.xml.open("hp:run", &[("charPrIDRef", &chars)]);
    }

    /// Closes the run opened by [`Body::open_run`].
    pub fn close_run(&mut self) {
        self.xml.close("hp:run");
    }

    /// The XML, for what writes its own elements (tables, pictures).
    pub fn xml(&mut self) -> &mut Xml {
        &mut self.xml
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(text, chars) => {
                if text.is_empty() {
                    return;
                }
                let trail = &mut self.ids.trail;
                if !trail.muted
                    && let Some(words) = trail.units.last_mut()
                {
                    words.push_str(text);
                    words.push(' ');
                }
                self.open_run(*chars);
                self.xml.open("hp:t", &[]);
                self.text(text);
                self.xml.close("hp:t");
                self.close_run();
            }
            Inline::Footnote(text) => self.footnote(text),
        }
    }

    /// Text inside `<hp:t>`: line feeds and tabs as 한글's own elements.
    fn text(&mut self, text: &str) {
        let mut rest = text;
        while let Some(at) = rest.find(['\n', '\t', '\r']) {
            self.xml.text(&rest[..at]);
            let special = rest[at..].chars().next().unwrap_or('\n');
            match special {
                // As 한글 writes a tab: its width as laid out (한글 lays it out again; 0 here,
                // as gongsi does not lay out lines), leader and kind — a right tab with dots
                // in a 순서 entry, else a plain left one.
                '\t' => {
                    let (leader, kind) = if self.right_tab {
                        ("3", "2")
                    } else {
                        ("0", "1")
                    };
                    self.xml.empty(
                        "hp:tab",
                        &[("width", "0"), ("leader", leader), ("type", kind)],
                    );
                }
                '\r' if rest[at + 1..].starts_with('\n') => {}
                _ => self.xml.empty("hp:lineBreak", &[]),
            }
            rest = &rest[at + 1..];
        }
        self.xml.text(rest);
    }

    fn footnote(&mut self, text: &str) {
        self.ids.footnotes += 1;
        let number = self.ids.footnotes.to_string();
        let inst = self.object_id();
        self.open_run(self.chars(Kind::Footnote));
        self.xml.open("hp:ctrl", &[]);
        self.xml.open(
            "hp:footNote",
            &[("number", &number), ("suffixChar", "41"), ("instId", &inst)],
        );
        self.sub_list("TOP");
        let chars = self.chars(Kind::Footnote);
        self.open_para(Kind::Footnote, self.shape(Kind::Footnote), None, false);
        self.open_run(chars);
        self.xml.open("hp:ctrl", &[]);
        self.xml
            .open("hp:autoNum", &[("num", &number), ("numType", "FOOTNOTE")]);
        self.auto_num_format(")");
        self.xml.close("hp:autoNum");
        self.xml.close("hp:ctrl");
        self.close_run();
        self.inline(&Inline::Text(&format!(" {text}"), chars));
        self.close_para();
        self.xml.close("hp:subList");
        self.xml.close("hp:footNote");
        self.xml.close("hp:ctrl");
        self.close_run();
    }

    /// `<hp:subList>` of a cell, a footnote or a header: paragraphs follow.
    pub fn sub_list(&mut self, vertical: &str) {
        self.xml.open(
            "hp:subList",
            &[
                ("id", ""),
                ("textDirection", "HORIZONTAL"),
                ("lineWrap", "BREAK"),
                ("vertAlign", vertical),
                ("linkListIDRef", "0"),
                ("linkListNextIDRef", "0"),
                ("textWidth", "0"),
                ("textHeight", "0"),
                ("hasTextRef", "0"),
                ("hasNumRef", "0"),
            ],
        );
    }

    fn auto_num_format(&mut self, suffix: &str) {
        self.xml.empty(
            "hp:autoNumFormat",
            &[
                ("type", "DIGIT"),
                ("userChar", ""),
                ("prefixChar", ""),
                ("suffixChar", suffix),
                ("supscript", "0"),
            ],
        );
    }

    /// The section's settings and its one column ([`SECTION`]): A4, turned for the landscape
    /// 추진일정, with the PDF's margins.
    fn section_settings(&mut self, start: SectionStart) {
        let margins = if start.landscape { LANDSCAPE } else { PORTRAIT };
        // The body's edges as in the PDF: 한글 puts the header and footer areas inside the
        // top and bottom margins, so the footer (page numbers) takes 12 mm of the bottom one.
        let footer = if start.landscape { 8.0 } else { 12.0 };
        // 한글 keeps the portrait size and turns the page (NARROWLY) for landscape.
        let turned = if start.landscape {
            "NARROWLY"
        } else {
            "WIDELY"
        };
        self.xml.fragment(
            SECTION,
            &[
                ("landscape", turned),
                ("width", &A4_WIDTH.to_string()),
                ("height", &A4_HEIGHT.to_string()),
                ("footer", &mm(footer).to_string()),
                ("side", &mm(margins.x).to_string()),
                ("top", &mm(margins.top).to_string()),
                ("bottom", &mm(margins.bottom - footer).to_string()),
            ],
        );
    }

    /// 쪽 번호 매기기 at the bottom centre with dashes (`- 1 -`, as the PDF's footer), and the
    /// count started again at 1 when `restart` (새 번호로 시작).
    fn page_number_controls(&mut self, restart: bool) {
        if restart {
            self.xml.open("hp:ctrl", &[]);
            self.xml
                .empty("hp:newNum", &[("num", "1"), ("numType", "PAGE")]);
            self.xml.close("hp:ctrl");
        }
        self.xml.open("hp:ctrl", &[]);
        self.xml.empty(
            "hp:pageNum",
            &[
                ("pos", "BOTTOM_CENTER"),
                ("formatType", "DIGIT"),
                ("sideChar", "-"),
            ],
        );
        self.xml.close("hp:ctrl");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The section of one empty paragraph that starts a section `start`.
    fn section(start: SectionStart) -> String {
        let (mut header, mut ids) = (Header::new(), Ids::new());
        let mut body = Body::new(
            &mut header,
            &mut ids,
            crate::renditions::shared::scale::sizes(crate::model::written::TypeScale::Compact),
        );
        body.start_section(start);
        body.para(Kind::Normal, &[]);
        String::from_utf8(body.finish()).unwrap()
    }

    #[test]
    fn every_paragraph_has_a_run_an_empty_one_in_its_own_character_shape() {
        let (mut header, mut ids) = (Header::new(), Ids::new());
        let mut body = Body::new(
            &mut header,
            &mut ids,
            crate::renditions::shared::scale::sizes(crate::model::written::TypeScale::Compact),
        );
        body.para(Kind::Cell, &[Inline::Text("", body.chars(Kind::Cell))]);
        body.para(Kind::Normal, &[Inline::Text("글", CharShape::BODY)]);
        body.open_para(Kind::Normal, ParaShape::BODY, None, false);
        body.open_run(CharShape::BODY);
        body.para(Kind::Cell, &[]);
        body.close_run();
        body.close_para();
        let xml = String::from_utf8(body.finish()).unwrap();
        let parsed = roxmltree::Document::parse(&xml).unwrap();
        let paragraphs: Vec<_> = parsed
            .descendants()
            .filter(|n| n.tag_name().name() == "p")
            .collect();
        assert_eq!(paragraphs.len(), 4);
        for p in &paragraphs {
            let runs = p
                .children()
                .filter(|n| n.tag_name().name() == "run")
                .count();
            assert_eq!(runs, 1, "{xml}");
        }
        let cell = header
            .char_id(Kind::Cell.chars(&crate::renditions::shared::scale::sizes(
                crate::model::written::TypeScale::Compact,
            )))
            .to_string();
        let empty = paragraphs[0].first_child().unwrap();
        assert_eq!(empty.attribute("charPrIDRef"), Some(cell.as_str()));
        assert!(!empty.has_children());
    }

    #[test]
    fn a_landscape_section_turns_the_page_and_keeps_its_margins() {
        for (landscape, turned, margins, footer) in [
            (false, "WIDELY", PORTRAIT, 12.0),
            (true, "NARROWLY", LANDSCAPE, 8.0),
        ] {
            let xml = section(SectionStart { landscape });
            let parsed = roxmltree::Document::parse(&xml).unwrap();
            let find = |name: &str| {
                parsed
                    .descendants()
                    .find(|n| n.tag_name().name() == name)
                    .unwrap()
            };
            let page = find("pagePr");
            assert_eq!(page.attribute("landscape"), Some(turned));
            assert_eq!(page.attribute("width"), Some("59528"));
            let margin = find("margin");
            let side = mm(margins.x).to_string();
            assert_eq!(margin.attribute("left"), Some(side.as_str()));
            assert_eq!(margin.attribute("right"), Some(side.as_str()));
            let bottom = mm(margins.bottom - footer).to_string();
            assert_eq!(margin.attribute("bottom"), Some(bottom.as_str()));
            assert_eq!(find("pageBorderFill").attribute("type"), Some("BOTH"));
            assert_eq!(find("colPr").attribute("colCount"), Some("1"));
            assert!(!xml.contains('{'), "every place of the fragment is filled");
        }
    }
}
