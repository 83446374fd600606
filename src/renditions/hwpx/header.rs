//! `Contents/header.xml` (머리 정보): the fonts, the borders and fills, and the character and
//! paragraph shapes the body uses, collected while the body is written (each shape gets an id
//! on first use, so the same plan always gives the same ids), and the named styles (스타일)
//! that 한글 lists in its style box: the □ ○ - · ladder, captions, unit lines, table text.

use std::collections::HashMap;
use std::hash::Hash;

pub use super::fonts::Face;
use super::fonts::{self, Typeface};
use super::names::{NAMESPACES, ns};
use super::units::Hwpunit;
use super::xml::Xml;

/// 한글's script groups: every group gets the same fonts.
const LANGS: [&str; 7] = [
    "HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER",
];

/// The document's colours ([`crate::renditions::shared::palette`]), by the names the HWPX
/// writer uses.
pub mod color {
    use crate::renditions::shared::palette;
    /// `ink`: body text.
    pub const INK: u32 = palette::INK;
    /// `accent`: part titles, rules.
    pub const ACCENT: u32 = palette::ACCENT;
    /// `accent-light`: the task title box, the task rows of 추진일정.
    pub const ACCENT_LIGHT: u32 = palette::ACCENT_LIGHT;
    /// `head-fill`: header cells.
    pub const HEAD: u32 = palette::HEAD_FILL;
    /// `total-fill`: 합계 rows.
    pub const TOTAL: u32 = palette::TOTAL_FILL;
    /// `bar-fill`: 추진일정 bars.
    pub const BAR: u32 = palette::BAR_FILL;
    /// White.
    pub const WHITE: u32 = palette::WHITE;
}

/// A character shape (글자 모양).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CharShape {
    /// Typeface.
    pub face: Face,
    /// Size in HWPUNIT (100 to the point).
    pub size: Hwpunit,
    /// A real bold face.
    pub bold: bool,
    /// Colour, `0xRRGGBB`.
    pub color: u32,
}

impl CharShape {
    /// Body text: 나눔명조 11 pt.
    pub const BODY: CharShape = CharShape {
        face: Face::Serif,
        size: 1100,
        bold: false,
        color: color::INK,
    };

    /// Pretendard GOV at `points`.
    pub fn sans(points: f64) -> CharShape {
        CharShape {
            face: Face::Sans,
            size: super::units::pt(points),
            bold: false,
            color: color::INK,
        }
    }

    /// 나눔명조 at `points`.
    pub fn serif(points: f64) -> CharShape {
        CharShape {
            size: super::units::pt(points),
            ..CharShape::BODY
        }
    }

    /// The same, bold.
    pub fn bold(self) -> CharShape {
        CharShape { bold: true, ..self }
    }

    /// The same, in `color`.
    pub fn colored(self, color: u32) -> CharShape {
        CharShape { color, ..self }
    }
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    /// 양쪽 맞춤 (the PDF's justified body).
    Justify,
    /// 왼쪽.
    Left,
    /// 가운데.
    Center,
    /// 오른쪽.
    Right,
}

impl Align {
    fn name(self) -> &'static str {
        match self {
            Align::Justify => "JUSTIFY",
            Align::Left => "LEFT",
            Align::Center => "CENTER",
            Align::Right => "RIGHT",
        }
    }
}

/// A paragraph shape (문단 모양). Lengths in HWPUNIT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParaShape {
    /// Alignment.
    pub align: Align,
    /// 왼쪽 여백.
    pub left: Hwpunit,
    /// 오른쪽 여백.
    pub right: Hwpunit,
    /// 들여쓰기 (negative: 내어쓰기, the hanging indent of a bullet).
    pub indent: Hwpunit,
    /// 문단 위.
    pub above: Hwpunit,
    /// 문단 아래.
    pub below: Hwpunit,
    /// 줄 간격, percent of the font size.
    pub line: u32,
    /// The least 줄 간격 the vertical slack ([`SLACK`]) may take `line` to (`line` if less).
    pub least_line: u32,
    /// 다음 문단과 함께 (a caption with its table, a heading with its text).
    pub keep_with_next: bool,
    /// 문단 테두리·배경.
    pub border: Option<BorderFill>,
    /// A right tab stop at this position with a dotted leader (순서 entries).
    pub right_tab: Option<Hwpunit>,
    /// 개요 수준 0–6: a level of the outline numbering ([`NUMBERING`]), as 한글's 개요 1–7
    /// styles have; `None` for body text.
    pub outline: Option<u8>,
}

impl ParaShape {
    /// Justified body text, no indent, 160 % line spacing.
    pub const BODY: ParaShape = ParaShape {
        align: Align::Justify,
        left: 0,
        right: 0,
        indent: 0,
        above: 0,
        below: 0,
        line: 130,
        least_line: LEAST_LINE,
        keep_with_next: false,
        border: None,
        right_tab: None,
        outline: None,
    };

    /// Aligned `align`, otherwise [`ParaShape::BODY`].
    pub fn aligned(align: Align) -> ParaShape {
        ParaShape {
            align,
            ..ParaShape::BODY
        }
    }
}

/// A line of a border: width as 한글 names it (`"0.12 mm"`) and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Line {
    /// One of OWPML's widths.
    pub width: &'static str,
    /// Colour.
    pub color: u32,
}

impl Line {
    /// The PDF's table rules (`0.5pt + ink`, 0.18 mm).
    pub const TABLE: Line = Line {
        width: "0.15 mm",
        color: color::INK,
    };
}

/// Borders (left, right, top, bottom) and a background (테두리/배경).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct BorderFill {
    /// Left, right, top, bottom; `None` for no line.
    pub sides: [Option<Line>; 4],
    /// Background colour.
    pub fill: Option<u32>,
}

impl BorderFill {
    /// No border, no fill.
    pub const NONE: BorderFill = BorderFill {
        sides: [None; 4],
        fill: None,
    };

    /// A table cell: ruled all round, filled with `fill`.
    pub fn cell(fill: Option<u32>) -> BorderFill {
        BorderFill {
            sides: [Some(Line::TABLE); 4],
            fill,
        }
    }
}

/// Values that get an id on first use, in that order.
struct Registry<T> {
    items: Vec<T>,
    ids: HashMap<T, usize>,
    first: usize,
}

impl<T: Copy + Eq + Hash> Registry<T> {
    fn new(first: usize) -> Self {
        Registry {
            items: Vec::new(),
            ids: HashMap::new(),
            first,
        }
    }

    fn id(&mut self, item: T) -> usize {
        if let Some(id) = self.ids.get(&item) {
            return *id;
        }
        let id = self.first + self.items.len();
        self.items.push(item);
        self.ids.insert(item, id);
        id
    }

    fn iter(&self) -> impl Iterator<Item = (usize, &T)> {
        self.items
            .iter()
            .enumerate()
            .map(|(i, item)| (self.first + i, item))
    }
}

/// 한글's default outline numbering (개요 번호, `<hh:numbering id="1">`, seven levels: `1.`,
/// `가.`, `1)`, `가)`, `(1)`, `(가)`, `①`) as 한글 2014 writes it; the sections point to it
/// (`outlineShapeIDRef="1"`) and the 개요 styles number by it.
const NUMBERING: &str = include_str!("fragments/numbering.xml");

/// A named style (스타일) and the shapes it was first used with.
#[derive(Debug, Clone)]
struct Style {
    name: String,
    english: String,
    para: usize,
    char: usize,
    /// A character style (글자 스타일, 한글's 쪽 번호) rather than a paragraph style.
    char_only: bool,
}

/// The header being collected.
pub struct Header {
    chars: Registry<CharShape>,
    paras: Registry<ParaShape>,
    fills: Registry<BorderFill>,
    styles: Vec<Style>,
    style_ids: HashMap<String, usize>,
}

impl Default for Header {
    fn default() -> Self {
        Self::new()
    }
}

impl Header {
    /// A header whose style 0 is 한글's 바탕글 (body text), as every 한글 document has.
    pub fn new() -> Self {
        let mut header = Header {
            chars: Registry::new(0),
            paras: Registry::new(0),
            // 1: the page border (none), as 한글 numbers it.
            fills: Registry::new(1),
            styles: Vec::new(),
            style_ids: HashMap::new(),
        };
        header.fills.id(BorderFill::NONE);
        header.style("바탕글", "Normal", ParaShape::BODY, CharShape::BODY);
        header
    }

    /// The id of a character shape.
    pub fn char_id(&mut self, shape: CharShape) -> usize {
        self.chars.id(shape)
    }

    /// The id of a paragraph shape.
    pub fn para_id(&mut self, shape: ParaShape) -> usize {
        if let Some(border) = shape.border {
            self.fills.id(border);
        }
        self.paras.id(shape)
    }

    /// The id of a border and fill.
    pub fn fill_id(&mut self, fill: BorderFill) -> usize {
        self.fills.id(fill)
    }

    /// The id of the paragraph style `name` (English `english`), defined with `para` and
    /// `chars` the first time it is asked for.
    pub fn style(&mut self, name: &str, english: &str, para: ParaShape, chars: CharShape) -> usize {
        if let Some(id) = self.style_ids.get(name) {
            return *id;
        }
        let style = Style {
            name: name.to_string(),
            english: english.to_string(),
            para: self.para_id(para),
            char: self.char_id(chars),
            char_only: false,
        };
        let id = self.styles.len();
        self.styles.push(style);
        self.style_ids.insert(name.to_string(), id);
        id
    }

    /// The character style (글자 스타일) `name` (English `english`) in `chars`, as
    /// [`Header::style`] does for a paragraph style.
    pub fn char_style(&mut self, name: &str, english: &str, chars: CharShape) -> usize {
        let id = self.style(name, english, ParaShape::BODY, chars);
        self.styles[id].char_only = true;
        id
    }

    /// `Contents/header.xml`, for a document of `sections` sections.
    pub fn xml(&self, sections: usize) -> Vec<u8> {
        let mut x = Xml::new();
        let sections = sections.to_string();
        let mut root: Vec<(&str, &str)> = NAMESPACES.to_vec();
        root.extend([("version", "1.4"), ("secCnt", sections.as_str())]);
        x.open("hh:head", &root);
        x.empty(
            "hh:beginNum",
            &[
                ("page", "1"),
                ("footnote", "1"),
                ("endnote", "1"),
                ("pic", "1"),
                ("tbl", "1"),
                ("equation", "1"),
            ],
        );
        x.open("hh:refList", &[]);
        self.fonts(&mut x);
        self.border_fills(&mut x);
        self.char_properties(&mut x);
        self.tab_properties(&mut x);
        x.fragment(NUMBERING, &[]);
        self.para_properties(&mut x);
        self.styles(&mut x);
        x.close("hh:refList");
        x.open("hh:compatibleDocument", &[("targetProgram", "HWP201X")]);
        x.empty("hh:layoutCompatibility", &[]);
        x.close("hh:compatibleDocument");
        x.open("hh:docOption", &[]);
        x.empty(
            "hh:linkinfo",
            &[("path", ""), ("pageInherit", "0"), ("footnoteInherit", "0")],
        );
        x.close("hh:docOption");
        // 변경 내용 추적's settings as 한글 writes them (tracking off; what it marks when on).
        x.empty("hh:trackchageConfig", &[("flags", "56")]);
        x.close("hh:head");
        x.finish()
    }

    /// The faces the document's character shapes use, in [`fonts::ORDER`]: font `i` of
    /// every script group, carried as `fonts::item_id(i)`.
    pub fn typefaces(&self) -> Vec<Typeface> {
        fonts::ORDER
            .into_iter()
            .filter(|&(face, bold)| {
                self.chars
                    .items
                    .iter()
                    .any(|c| c.face == face && c.bold == bold)
            })
            .collect()
    }

    /// Each used face as an embedded TrueType font (KS X 6101 header.xsd: `font@isEmbedded`,
    /// `binaryItemIDRef` = the manifest item), named by its family, bold faces too (the
    /// schema has one file per `hh:font`, so a family's bold file is a font of the same name
    /// that the bold shapes use), with 한글's stand-in for a 한글 that ignores embedded fonts.
    fn fonts(&self, x: &mut Xml) {
        let langs = LANGS.len().to_string();
        let used = self.typefaces();
        let count = used.len().to_string();
        x.open("hh:fontfaces", &[("itemCnt", &langs)]);
        for lang in LANGS {
            x.open("hh:fontface", &[("lang", lang), ("fontCnt", &count)]);
            for (id, (face, bold)) in used.iter().enumerate() {
                let (stand_in, family) = face.stand_in();
                // PANOSE weight: 6 medium (as before fonts were carried), 8 bold.
                let weight = if *bold { "8" } else { "6" };
                let item = fonts::item_id(id);
                let id = id.to_string();
                x.open(
                    "hh:font",
                    &[
                        ("id", &id),
                        ("face", fonts::family(*face)),
                        ("type", "TTF"),
                        ("isEmbedded", "1"),
                        ("binaryItemIDRef", &item),
                    ],
                );
                x.empty(
                    "hh:substFont",
                    &[
                        ("face", stand_in),
                        ("type", "TTF"),
                        ("isEmbedded", "0"),
                        ("binaryItemIDRef", ""),
                    ],
                );
                x.empty(
                    "hh:typeInfo",
                    &[
                        ("familyType", family),
                        ("weight", weight),
                        ("proportion", "4"),
                        ("contrast", "0"),
                        ("strokeVariation", "1"),
                        ("armStyle", "1"),
                        ("letterform", "1"),
                        ("midline", "1"),
                        ("xHeight", "1"),
                    ],
                );
                x.close("hh:font");
            }
            x.close("hh:fontface");
        }
        x.close("hh:fontfaces");
    }

    fn border_fills(&self, x: &mut Xml) {
        let count = self.fills.items.len().to_string();
        x.open("hh:borderFills", &[("itemCnt", &count)]);
        for (id, fill) in self.fills.iter() {
            let id = id.to_string();
            x.open(
                "hh:borderFill",
                &[
                    ("id", &id),
                    ("threeD", "0"),
                    ("shadow", "0"),
                    ("centerLine", "NONE"),
                    ("breakCellSeparateLine", "0"),
                ],
            );
            let slash = [("type", "NONE"), ("Crooked", "0"), ("isCounter", "0")];
            x.empty("hh:slash", &slash);
            x.empty("hh:backSlash", &slash);
            let names = [
                "hh:leftBorder",
                "hh:rightBorder",
                "hh:topBorder",
                "hh:bottomBorder",
            ];
            for (name, side) in names.iter().zip(fill.sides) {
                let (kind, width, color) = match side {
                    Some(line) => ("SOLID", line.width, hex(line.color)),
                    None => ("NONE", "0.1 mm", hex(0)),
                };
                x.empty(name, &[("type", kind), ("width", width), ("color", &color)]);
            }
            x.empty(
                "hh:diagonal",
                &[("type", "SOLID"), ("width", "0.1 mm"), ("color", "#000000")],
            );
            if let Some(face) = fill.fill {
                x.open("hc:fillBrush", &[]);
                x.empty(
                    "hc:winBrush",
                    &[
                        ("faceColor", &hex(face)),
                        ("hatchColor", "#999999"),
                        ("alpha", "0"),
                    ],
                );
                x.close("hc:fillBrush");
            }
            x.close("hh:borderFill");
        }
        x.close("hh:borderFills");
    }

    fn char_properties(&self, x: &mut Xml) {
        /// The same value for each of 한글's script groups.
        fn each(value: &str) -> Vec<(&'static str, &str)> {
            [
                "hangul", "latin", "hanja", "japanese", "other", "symbol", "user",
            ]
            .into_iter()
            .map(|lang| (lang, value))
            .collect()
        }
        let used = self.typefaces();
        let count = self.chars.items.len().to_string();
        x.open("hh:charProperties", &[("itemCnt", &count)]);
        for (id, shape) in self.chars.iter() {
            let id = id.to_string();
            let height = shape.size.to_string();
            let color = hex(shape.color);
            x.open(
                "hh:charPr",
                &[
                    ("id", &id),
                    ("height", &height),
                    ("textColor", &color),
                    ("shadeColor", "none"),
                    ("useFontSpace", "0"),
                    ("useKerning", "0"),
                    ("symMark", "NONE"),
                    ("borderFillIDRef", "1"),
                ],
            );
            let font = used
                .iter()
                .position(|&t| t == (shape.face, shape.bold))
                .expect("every shape's face is used")
                .to_string();
            x.empty("hh:fontRef", &each(&font));
            x.empty("hh:ratio", &each("100"));
            x.empty("hh:spacing", &each("0"));
            x.empty("hh:relSz", &each("100"));
            x.empty("hh:offset", &each("0"));
            if shape.bold {
                x.empty("hh:bold", &[]);
            }
            x.empty(
                "hh:underline",
                &[("type", "NONE"), ("shape", "SOLID"), ("color", "#000000")],
            );
            x.empty("hh:strikeout", &[("shape", "NONE"), ("color", "#000000")]);
            x.empty("hh:outline", &[("type", "NONE")]);
            x.empty(
                "hh:shadow",
                &[
                    ("type", "NONE"),
                    ("color", "#C0C0C0"),
                    ("offsetX", "10"),
                    ("offsetY", "10"),
                ],
            );
            x.close("hh:charPr");
        }
        x.close("hh:charProperties");
    }

    /// Tab definition 0: none; then one per right tab position (순서 entries), ids in the
    /// order of the paragraph shapes that use them.
    fn tab_positions(&self) -> Vec<Hwpunit> {
        let mut positions: Vec<Hwpunit> = Vec::new();
        for (_, shape) in self.paras.iter() {
            if let Some(at) = shape.right_tab
                && !positions.contains(&at)
            {
                positions.push(at);
            }
        }
        positions
    }

    fn tab_properties(&self, x: &mut Xml) {
        let positions = self.tab_positions();
        let count = (positions.len() + 1).to_string();
        x.open("hh:tabProperties", &[("itemCnt", &count)]);
        x.empty(
            "hh:tabPr",
            &[("id", "0"), ("autoTabLeft", "0"), ("autoTabRight", "0")],
        );
        for (i, at) in positions.iter().enumerate() {
            let id = (i + 1).to_string();
            x.open(
                "hh:tabPr",
                &[("id", &id), ("autoTabLeft", "0"), ("autoTabRight", "0")],
            );
            // As 한글 writes it: the length itself for readers that know units, doubled
            // for those that do not (its binary format's convention).
            x.open("hp:switch", &[]);
            x.open("hp:case", &[("hp:required-namespace", ns::HWPUNITCHAR)]);
            let pos = at.to_string();
            x.empty(
                "hh:tabItem",
                &[
                    ("pos", &pos),
                    ("type", "RIGHT"),
                    ("leader", "DOT"),
                    ("unit", "HWPUNIT"),
                ],
            );
            x.close("hp:case");
            x.open("hp:default", &[]);
            let doubled = (2 * at).to_string();
            x.empty(
                "hh:tabItem",
                &[("pos", &doubled), ("type", "RIGHT"), ("leader", "DOT")],
            );
            x.close("hp:default");
            x.close("hp:switch");
            x.close("hh:tabPr");
        }
        x.close("hh:tabProperties");
    }

    fn para_properties(&self, x: &mut Xml) {
        let tabs = self.tab_positions();
        let count = self.paras.items.len().to_string();
        x.open("hh:paraProperties", &[("itemCnt", &count)]);
        for (id, shape) in self.paras.iter() {
            let id = id.to_string();
            let tab = shape
                .right_tab
                .and_then(|at| tabs.iter().position(|t| *t == at))
                .map_or(0, |i| i + 1)
                .to_string();
            x.open(
                "hh:paraPr",
                &[
                    ("id", &id),
                    ("tabPrIDRef", &tab),
                    ("condense", "0"),
                    ("fontLineHeight", "0"),
                    ("snapToGrid", "0"),
                    ("suppressLineNumbers", "0"),
                    ("checked", "0"),
                ],
            );
            x.empty(
                "hh:align",
                &[("horizontal", shape.align.name()), ("vertical", "BASELINE")],
            );
            heading(x, shape);
            // 어절 단위 줄 나눔: Korean (and Latin) words are never split at a line end, as in
            // the PDF and the HTML.
            x.empty(
                "hh:breakSetting",
                &[
                    ("breakLatinWord", "KEEP_WORD"),
                    ("breakNonLatinWord", "KEEP_WORD"),
                    ("widowOrphan", "0"),
                    ("keepWithNext", flag(shape.keep_with_next)),
                    ("keepLines", "0"),
                    ("pageBreakBefore", "0"),
                    ("lineWrap", "BREAK"),
                ],
            );
            x.empty("hh:autoSpacing", &[("eAsianEng", "0"), ("eAsianNum", "0")]);
            x.open("hp:switch", &[]);
            x.open("hp:case", &[("hp:required-namespace", ns::HWPUNITCHAR)]);
            margins(x, shape, 1);
            x.close("hp:case");
            x.open("hp:default", &[]);
            margins(x, shape, 2);
            x.close("hp:default");
            x.close("hp:switch");
            let border = shape.border.map_or(1, |b| {
                self.fills
                    .ids
                    .get(&b)
                    .copied()
                    .expect("a paragraph's border is registered with it")
            });
            let border = border.to_string();
            let offset = if shape.border.is_some() { "567" } else { "0" };
            x.empty(
                "hh:border",
                &[
                    ("borderFillIDRef", &border),
                    ("offsetLeft", offset),
                    ("offsetRight", offset),
                    ("offsetTop", offset),
                    ("offsetBottom", offset),
                    ("connect", "0"),
                    ("ignoreMargin", "0"),
                ],
            );
            x.close("hh:paraPr");
        }
        x.close("hh:paraProperties");
    }

    fn styles(&self, x: &mut Xml) {
        let count = self.styles.len().to_string();
        x.open("hh:styles", &[("itemCnt", &count)]);
        for (id, style) in self.styles.iter().enumerate() {
            let id = id.to_string();
            let para = style.para.to_string();
            let char = style.char.to_string();
            // A character style is followed by 바탕글, as 한글 writes its 쪽 번호.
            let (kind, next) = if style.char_only {
                ("CHAR", "0")
            } else {
                ("PARA", id.as_str())
            };
            x.empty(
                "hh:style",
                &[
                    ("id", &id),
                    ("type", kind),
                    ("name", &style.name),
                    ("engName", &style.english),
                    ("paraPrIDRef", &para),
                    ("charPrIDRef", &char),
                    ("nextStyleIDRef", next),
                    ("langID", "1042"),
                    ("lockForm", "0"),
                ],
            );
        }
        x.close("hh:styles");
    }
}

/// `hh:heading` of a paragraph shape: a 개요 level numbers by the section's outline numbering
/// (idRef 0), other text is not numbered.
fn heading(x: &mut Xml, shape: &ParaShape) {
    let (kind, level) = match shape.outline {
        Some(level) => ("OUTLINE", level.to_string()),
        None => ("NONE", "0".to_string()),
    };
    x.empty(
        "hh:heading",
        &[("type", kind), ("idRef", "0"), ("level", &level)],
    );
}

/// 세로 여유 (vertical slack): every paragraph's line spacing and its space above and below
/// are written at this share of what makes it as tall as the PDF sets it (the line spacing
/// never below the shape's `least_line`). Harmless where pages end: the HWPX breaks the page before every
/// paragraph or table row the PDF starts a page with (`pagination.rs`), so a page a little
/// less full than the PDF's still ends where the PDF's does, while one a little fuller
/// spills its last lines onto a page of their own. It absorbs a renderer whose lines break
/// looser than Typst's: rhwp never squeezes the spaces of a justified line (Typst does, to
/// 2/3), so a ○ paragraph often takes a line more, and breaks table text into more lines;
/// 한글 itself may break either way. Measured in rhwp (`tests/hwpx_check.py pages`, the
/// reference plan): 1.0 → 50 pages against the PDF's 46, 0.98 → 48, 0.9 → 47 (V a page
/// late), 0.88 → 46 with every part on its 순서 page, as 0.8; `compact` 33 = the PDF's at
/// each. So 0.88: a ○ paragraph's 150 % becomes 132 %, table text's 120 % 106 %, which
/// still reads as the PDF's spacing (docs/hwpx.md).
const SLACK: f64 = 0.88;

/// The least line spacing of text the [`SLACK`] may leave (percent): at 100 % rhwp draws the
/// lines of the `compact` scale's ○ - · paragraphs (112–125 % before the slack) into each
/// other; at 110 % they read as before (docs/hwpx.md).
pub const LEAST_LINE: u32 = 110;

/// `length` (a vertical space) less the [`SLACK`].
fn slack(length: Hwpunit) -> Hwpunit {
    (length as f64 * SLACK).round() as Hwpunit
}

/// `hh:margin` and `hh:lineSpacing` of a paragraph shape, lengths multiplied by `scale`;
/// the vertical ones and the line spacing less the [`SLACK`].
fn margins(x: &mut Xml, shape: &ParaShape, scale: Hwpunit) {
    x.open("hh:margin", &[]);
    for (name, value) in [
        ("hc:intent", shape.indent),
        ("hc:left", shape.left),
        ("hc:right", shape.right),
        ("hc:prev", slack(shape.above)),
        ("hc:next", slack(shape.below)),
    ] {
        let value = (value * scale).to_string();
        x.empty(name, &[("value", &value), ("unit", "HWPUNIT")]);
    }
    x.close("hh:margin");
    let least = shape.least_line.min(shape.line);
    let line = ((f64::from(shape.line) * SLACK).round() as u32).max(least);
    let line = line.to_string();
    x.empty(
        "hh:lineSpacing",
        &[("type", "PERCENT"), ("value", &line), ("unit", "HWPUNIT")],
    );
}

/// `#RRGGBB`.
pub fn hex(color: u32) -> String {
    format!("#{color:06X}")
}

/// OWPML's booleans.
pub fn flag(on: bool) -> &'static str {
    if on { "1" } else { "0" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_get_ids_in_order_of_first_use_and_keep_them() {
        let mut header = Header::new();
        let bold = header.char_id(CharShape::BODY.bold());
        assert_eq!(
            header.char_id(CharShape::BODY),
            0,
            "바탕글's shape comes first"
        );
        assert_eq!(bold, 1);
        assert_eq!(header.char_id(CharShape::BODY.bold()), 1);
        let framed = ParaShape {
            border: Some(BorderFill::cell(Some(color::ACCENT_LIGHT))),
            ..ParaShape::BODY
        };
        assert_eq!(header.para_id(framed), 1);
        assert_eq!(
            header.fill_id(BorderFill::cell(Some(color::ACCENT_LIGHT))),
            2
        );
        let style = header.style("○ 글머리", "Bullet", framed, CharShape::BODY);
        assert_eq!(
            header.style("○ 글머리", "Other", ParaShape::BODY, CharShape::BODY),
            style
        );
    }

    #[test]
    fn the_vertical_slack_shortens_spacing_down_to_the_least_line() {
        let mut header = Header::new();
        let shapes = [
            (150, LEAST_LINE, 1000),
            (115, LEAST_LINE, 0),
            (105, LEAST_LINE, 0),
            (120, 100, 0),
        ];
        for (line, least_line, above) in shapes {
            header.para_id(ParaShape {
                line,
                least_line,
                above,
                ..ParaShape::BODY
            });
        }
        let xml = String::from_utf8(header.xml(2)).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let written = |tag: &str| -> Vec<&str> {
            doc.descendants()
                .filter(|n| n.tag_name().name() == "default")
                .flat_map(|n| n.descendants())
                .filter(|n| n.tag_name().name() == tag)
                .filter_map(|n| n.attribute("value"))
                .collect()
        };
        // 바탕글's 130 % first, then the four: 150 × 0.88, 115 → 110, 105 kept, a cell's 106.
        assert_eq!(written("lineSpacing"), ["114", "132", "110", "105", "106"]);
        // 문단 위 of the first of the four, doubled in the default case: 1000 × 0.88 × 2.
        assert_eq!(written("prev"), ["0", "1760", "0", "0", "0"]);
    }

    #[test]
    fn the_header_declares_word_breaking_and_the_fonts_used() {
        let mut header = Header::new();
        let bold = header.char_id(CharShape::BODY.bold());
        let sans = header.char_id(CharShape::sans(10.0));
        header.para_id(ParaShape {
            right_tab: Some(48_000),
            ..ParaShape::BODY
        });
        let xml = String::from_utf8(header.xml(2)).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let breaks: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ns::HEAD, "breakSetting")))
            .collect();
        assert_eq!(breaks.len(), 2);
        assert!(
            breaks
                .iter()
                .all(|b| b.attribute("breakNonLatinWord") == Some("KEEP_WORD"))
        );
        let faces: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ns::HEAD, "font")))
            .filter_map(|n| n.attribute("face"))
            .collect();
        // Only the faces used: 바탕글's 나눔명조, then the two asked for, in fonts::ORDER.
        assert_eq!(faces.len(), 7 * 3);
        assert_eq!(&faces[..3], ["Pretendard GOV", "나눔명조", "나눔명조"]);
        let items: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ns::HEAD, "font")))
            .filter_map(|n| n.attribute("binaryItemIDRef"))
            .collect();
        assert_eq!(&items[..3], ["font1", "font2", "font3"]);
        let refs: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ns::HEAD, "fontRef")))
            .filter_map(|n| n.attribute("hangul"))
            .collect();
        assert_eq!(refs[bold], "2");
        assert_eq!(refs[sans], "0");
        assert_eq!(doc.root_element().attribute("secCnt"), Some("2"));
        let tab = doc
            .descendants()
            .find(|n| n.has_tag_name((ns::HEAD, "tabItem")))
            .unwrap();
        assert_eq!(tab.attribute("pos"), Some("48000"));
    }
}
