//! The one path from data to the HWPX's XML (자료 → XML): an element writer over quick-xml,
//! whose text and attribute values are escaped by quick-xml (`< > & " '`) after the characters
//! XML 1.0 cannot hold are made visible ([`visible`]). Nothing else writes XML.

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

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

    /// The bytes written.
    pub fn finish(self) -> Vec<u8> {
        self.writer.into_inner()
    }
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
}
