//! The one path from data to the HWPX's XML (자료 → XML): an element writer over quick-xml,
//! whose text and attribute values are escaped by quick-xml (`< > & " '`) after the characters
//! XML 1.0 cannot hold are made visible ([`visible`]). Nothing else writes XML: the constant
//! parts of the document (`fragments/*.xml`) are read and written again element by element
//! through the same writer ([`Xml::fragment`]), their `{name}` places filled with values
//! escaped like every other value.

use std::borrow::Cow;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer, XmlVersion};

/// An XML document being written: elements are opened, filled and closed in order.
pub struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Default for Xml {
    fn default() -> Self {
        Self::new()
    }
}

impl Xml {
    /// A document that starts with `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`,
    /// as 한글 writes its parts.
    pub fn new() -> Self {
        let mut writer = Writer::new(Vec::new());
        write(
            &mut writer,
            Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))),
        );
        Xml { writer }
    }

    /// `<name a="v" …>`.
    pub fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        write(&mut self.writer, Event::Start(start(name, attributes)));
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        write(&mut self.writer, Event::End(BytesEnd::new(name)));
    }

    /// `<name a="v" …/>`.
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        write(&mut self.writer, Event::Empty(start(name, attributes)));
    }

    /// `<name a="v" …>text</name>`, the text escaped.
    pub fn leaf(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.open(name, attributes);
        self.text(text);
        self.close(name);
    }

    /// Character data, escaped.
    pub fn text(&mut self, text: &str) {
        if !text.is_empty() {
            write(
                &mut self.writer,
                Event::Text(BytesText::new(&visible(text))),
            );
        }
    }

    /// A constant fragment of XML from the source tree (`fragments/*.xml`, through
    /// `include_str!`), written element by element with [`Xml::open`], [`Xml::empty`],
    /// [`Xml::text`] and [`Xml::close`]. An attribute value or a text that is exactly `{name}`
    /// is a place for the value of `name` in `values`, which is escaped as every value is: data
    /// never becomes markup. The layout between elements (and around a text) and the comments
    /// are left out, so the file can be laid out for reading. A fragment may leave its outer
    /// element open for its writer to fill and close.
    pub fn fragment(&mut self, fragment: &str, values: &[(&str, &str)]) {
        let mut reader = Reader::from_str(fragment);
        reader.config_mut().trim_text(true);
        loop {
            match reader.read_event() {
                Ok(Event::Start(element)) => {
                    let (name, attributes) = filled_element(&element, values);
                    self.open(&name, &pairs(&attributes));
                }
                Ok(Event::Empty(element)) => {
                    let (name, attributes) = filled_element(&element, values);
                    self.empty(&name, &pairs(&attributes));
                }
                Ok(Event::End(element)) => self.close(element.name().as_ref()),
                Ok(Event::Text(text)) => self.text(&filled(&text.xml10_content(), values)),
                Ok(Event::Comment(_)) => {}
                Ok(Event::Eof) => break,
                // The fragments are the source's own constants; the tests write each of them.
                other => panic!("a fragment holds elements, text and comments only: {other:?}"),
            }
        }
    }

    /// The bytes written.
    pub fn finish(self) -> Vec<u8> {
        self.writer.into_inner()
    }
}

/// The name and the attributes of a fragment's element, its `{name}` places filled.
fn filled_element(
    element: &BytesStart,
    values: &[(&str, &str)],
) -> (String, Vec<(String, String)>) {
    let attributes = element
        .attributes()
        .map(|attribute| {
            let attribute = attribute.expect("a fragment's attributes are well-formed");
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .expect("a fragment's attribute values are well-formed");
            (attribute.key.as_ref().to_string(), filled(&value, values))
        })
        .collect();
    (element.name().as_ref().to_string(), attributes)
}

/// `raw` as it stands, or the value it names when it is a place `{name}`.
fn filled(raw: &str, values: &[(&str, &str)]) -> String {
    let Some(name) = raw.strip_prefix('{').and_then(|r| r.strip_suffix('}')) else {
        return raw.to_string();
    };
    match values.iter().find(|(key, _)| *key == name) {
        Some((_, value)) => value.to_string(),
        None => panic!("the fragment's place {{{name}}} has no value"),
    }
}

/// The attributes as [`Xml::open`] and [`Xml::empty`] take them.
fn pairs(attributes: &[(String, String)]) -> Vec<(&str, &str)> {
    attributes
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect()
}

fn start<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
    let mut element = BytesStart::new(name);
    for (key, value) in attributes {
        // quick-xml escapes the value (`< > & " '`, and tabs and line ends).
        element.push_attribute((*key, visible(value).as_ref()));
    }
    element
}

/// Writing into a `Vec` cannot fail.
fn write(writer: &mut Writer<Vec<u8>>, event: Event) {
    writer
        .write_event(event)
        .expect("writing XML into memory cannot fail");
}

/// `text` with every character that XML 1.0 cannot hold replaced by one it can, so that
/// nothing a plan contains makes the file unreadable and nothing disappears: a C0 control
/// character (other than tab, line feed and carriage return) becomes its visible symbol from
/// Unicode's Control Pictures block (U+0007 → ␇), DEL becomes ␡, and the non-characters
/// U+FFFE and U+FFFF become U+FFFD. Tabs and line feeds in body text never get here: the
/// section writer turns them into 한글's `<hp:tab/>` and `<hp:lineBreak/>`.
pub fn visible(text: &str) -> Cow<'_, str> {
    let unfit = |c: char| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}')
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if !text.chars().any(unfit) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{7f}' => '\u{2421}',
                '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
                c if unfit(c) => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(build: impl FnOnce(&mut Xml)) -> String {
        let mut xml = Xml::new();
        build(&mut xml);
        String::from_utf8(xml.finish()).unwrap()
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let out = written(|x| x.leaf("a", &[("v", "<\"'&>")], "<b>&amp;\"'"));
        assert_eq!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <a v=\"&lt;&quot;&apos;&amp;&gt;\">&lt;b&gt;&amp;amp;&quot;&apos;</a>"
        );
        let parsed = roxmltree::Document::parse(&out).unwrap();
        let a = parsed.root_element();
        assert_eq!(a.attribute("v"), Some("<\"'&>"));
        assert_eq!(a.text(), Some("<b>&amp;\"'"));
    }

    #[test]
    fn control_characters_become_visible_and_the_xml_stays_readable() {
        assert_eq!(
            visible("a\u{7}b\u{0}\u{1b}\u{7f}\u{ffff}"),
            "a␇b␀␛␡\u{fffd}"
        );
        assert!(matches!(visible("보통 글 \t\n"), Cow::Borrowed(_)));
        let out = written(|x| x.leaf("t", &[("v", "\u{1}")], "\u{8}끝"));
        let parsed = roxmltree::Document::parse(&out).unwrap();
        assert_eq!(parsed.root_element().text(), Some("␈끝"));
        assert_eq!(parsed.root_element().attribute("v"), Some("␁"));
    }

    #[test]
    fn a_fragment_is_written_as_the_writer_writes_its_elements() {
        let fragment = "<!-- a note for the reader -->
            <a k=\"1\" e=\"\">
              <b x=\"{x}\"
                 y=\"&lt;\"/>
              <c>{t}</c>
              <d>fixed text</d>
            </a>";
        let from_fragment = written(|x| x.fragment(fragment, &[("x", "7"), ("t", "글")]));
        let by_hand = written(|x| {
            x.open("a", &[("k", "1"), ("e", "")]);
            x.empty("b", &[("x", "7"), ("y", "<")]);
            x.leaf("c", &[], "글");
            x.leaf("d", &[], "fixed text");
            x.close("a");
        });
        assert_eq!(from_fragment, by_hand);
    }

    #[test]
    fn values_in_a_fragment_are_data_never_markup() {
        let value = "\"/><evil a=\"{x}\">&amp;\u{1}</a>";
        let out = written(|x| x.fragment("<a v=\"{v}\">{v}</a>", &[("v", value), ("x", "!")]));
        let parsed = roxmltree::Document::parse(&out).unwrap();
        let a = parsed.root_element();
        let visible_value = value.replace('\u{1}', "␁");
        assert_eq!(a.attribute("v"), Some(visible_value.as_str()));
        assert_eq!(a.text(), Some(visible_value.as_str()));
        assert_eq!(a.children().count(), 1, "one text, no element");
        assert_eq!(a.attributes().count(), 1);
    }

    #[test]
    fn a_fragment_may_leave_its_element_open_for_its_writer() {
        let out = written(|x| {
            x.fragment("<list n=\"{n}\"><head/>", &[("n", "2")]);
            x.leaf("item", &[], "a");
            x.close("list");
        });
        assert!(out.ends_with("<list n=\"2\"><head/><item>a</item></list>"));
    }

    #[test]
    #[should_panic(expected = "{missing}")]
    fn a_place_without_a_value_is_a_mistake_of_the_source() {
        written(|x| x.fragment("<a v=\"{missing}\"/>", &[]));
    }
}
