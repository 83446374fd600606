//! 구역 읽기 (reading a section, `Contents/sectionN.xml`): its paragraphs and table rows as
//! printed lines, each with gongsi's mark of where it came from (a 책갈피 `gongsi:…` or a
//! cell's `name`), and the reviewer's 메모 and tracked changes.
//!
//! Text is what `<hp:t>` holds: tracked insertions count, tracked deletions do not (the text
//! as it reads once the changes are accepted); a line break or tab is a space. A cell's
//! paragraphs are joined by a space, a row's cells by ` | `; a table inside a cell adds its
//! rows to the cell's text. Headers, footers, picture descriptions and the memo list are not
//! lines. A footnote's paragraphs are lines after the paragraph they belong to.
//!
//! Bounded: no DTD, only XML's five named entities, at most [`limits::HWPX_DEPTH`] levels and
//! [`limits::HWPX_PARAGRAPHS`] paragraphs.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::model::limits;
use crate::model::printed::{Line, LineKind, Printed, Remark, RemarkKind, Scope};

/// What an open element is to the reader.
enum Ctx {
    /// `<hp:p>`: its text so far.
    Para(String),
    /// `<hp:t>`: text goes to the paragraph.
    Run,
    /// `<hp:tbl>`: its rows so far, with their marks.
    Table(Vec<(Option<Scope>, String)>),
    /// `<hp:tr>`: its cells so far, and the most particular mark among them.
    Row(Vec<String>, Option<Scope>),
    /// `<hp:tc>`: its mark and text so far.
    Cell(Option<Scope>, String),
    /// A `MEMO` field: the index of its remark.
    Memo(usize),
    /// A parameter of a field (`<hp:stringParam name="Author">`): its name.
    Param(String),
    /// An entry of the memo list (`<hp:memo id>`): its id.
    ListMemo(String),
    /// A footnote or endnote: its paragraphs become lines after the paragraph.
    Note,
    /// A header, footer, picture description or memo list: not printed text.
    Skip,
    /// Anything else.
    Other,
}

/// The reader of one or more sections (one [`Printed`] for the whole document).
#[derive(Default)]
pub struct Sections {
    printed: Printed,
    scope: Option<Scope>,
    stack: Vec<Ctx>,
    paragraphs: usize,
    tables: usize,
    notes: Vec<String>,
    pending: Vec<Remark>,
    tracked: Option<(RemarkKind, Option<String>, String)>,
    /// Who made each tracked change, by its id (`TcId`), from the header.
    authors: HashMap<String, String>,
    memo_list: HashMap<String, String>,
    memo_ids: HashMap<usize, String>,
}

impl Sections {
    /// Reads one section's XML; `Err` is the Korean reason it was refused.
    pub fn read(&mut self, xml: &str) -> Result<(), String> {
        let mut reader = Reader::from_str(xml);
        loop {
            let event = reader
                .read_event()
                .map_err(|e| format!("XML로 읽히지 않습니다({e})"))?;
            match event {
                Event::Start(e) => self.start(&e, false)?,
                Event::Empty(e) => self.start(&e, true)?,
                Event::End(_) => self.end(),
                Event::Text(t) => self.text(&t.xml10_content()),
                Event::CData(t) => self.text(&t),
                Event::GeneralRef(r) => {
                    let c = entity(&r).ok_or("XML 엔터티(&이름;)가 들어 있습니다")?;
                    self.text(c.encode_utf8(&mut [0; 4]));
                }
                Event::DocType(_) => return Err("DTD(<!DOCTYPE>)가 들어 있습니다".into()),
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// The lines and remarks of every section read.
    pub fn finish(mut self) -> Printed {
        for (index, id) in &self.memo_ids {
            let remark = &mut self.printed.remarks[*index];
            if remark.text.is_empty() {
                remark.text = self.memo_list.get(id).cloned().unwrap_or_default();
            }
        }
        self.printed
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), String> {
        if self.stack.len() >= limits::HWPX_DEPTH {
            return Err(format!(
                "XML이 {}단계 넘게 겹쳐 있습니다",
                limits::HWPX_DEPTH
            ));
        }
        let name = e.name();
        let ctx = match name.as_ref() {
            "hp:p" => {
                self.paragraphs += 1;
                if self.paragraphs > limits::HWPX_PARAGRAPHS {
                    return Err(format!(
                        "문단이 {}개 넘게 들어 있습니다",
                        limits::HWPX_PARAGRAPHS
                    ));
                }
                Ctx::Para(String::new())
            }
            "hp:t" => Ctx::Run,
            "hp:tbl" => Ctx::Table(Vec::new()),
            "hp:tr" => Ctx::Row(Vec::new(), None),
            "hp:tc" if attr(e, "name")?.as_deref() == Some(Scope::REPEATED) => Ctx::Skip,
            "hp:tc" => Ctx::Cell(
                attr(e, "name")?.and_then(|n| Scope::from_mark(&n)),
                String::new(),
            ),
            "hp:fieldBegin" if attr(e, "type")?.as_deref() == Some("MEMO") => {
                self.pending.push(Remark {
                    kind: RemarkKind::Memo,
                    author: None,
                    text: String::new(),
                    line: 0,
                });
                Ctx::Memo(self.printed.remarks.len() + self.pending.len() - 1)
            }
            "hp:stringParam" => Ctx::Param(attr(e, "name")?.unwrap_or_default()),
            "hp:memo" => Ctx::ListMemo(attr(e, "id")?.unwrap_or_default()),
            "hp:header" | "hp:footer" | "hp:shapeComment" => Ctx::Skip,
            "hp:footNote" | "hp:endNote" => Ctx::Note,
            "hp:bookmark" => {
                if let Some(scope) = attr(e, "name")?.and_then(|n| Scope::from_mark(&n)) {
                    self.scope = Some(scope);
                }
                Ctx::Other
            }
            "hp:lineBreak" => {
                self.text(" ");
                Ctx::Other
            }
            "hp:tab" => {
                self.text("\t");
                Ctx::Other
            }
            "hp:insertBegin" => self.track(Some(RemarkKind::Inserted), attr(e, "TcId")?),
            "hp:deleteBegin" => self.track(Some(RemarkKind::Deleted), attr(e, "TcId")?),
            "hp:insertEnd" | "hp:deleteEnd" => self.track(None, None),
            _ => Ctx::Other,
        };
        self.stack.push(ctx);
        if empty {
            self.end();
        }
        Ok(())
    }
}

impl Sections {
    /// Closes the innermost element.
    fn end(&mut self) {
        match self.stack.pop() {
            Some(Ctx::Para(text)) => self.paragraph(text),
            Some(Ctx::Cell(scope, text)) => {
                if let Some(Ctx::Row(cells, mark)) = self.stack.last_mut() {
                    cells.push(text);
                    // The row's most particular mark: a project's over the part's.
                    if scope.as_ref().map(|s| s.0.len()) > mark.as_ref().map(|m| m.0.len()) {
                        *mark = scope;
                    }
                }
            }
            // A row of repeated cells only (a split table's repeated rows) is no line.
            Some(Ctx::Row(cells, _)) if cells.is_empty() => {}
            Some(Ctx::Row(cells, mark)) => {
                if let Some(Ctx::Table(rows)) = self.stack.last_mut() {
                    rows.push((mark, cells.join(" | ")));
                }
            }
            Some(Ctx::Table(rows)) => self.table(rows),
            _ => {}
        }
    }

    /// The text of a closed paragraph goes to what holds it: a cell, a memo, a footnote, or
    /// the document (a line, then the footnotes met in it).
    fn paragraph(&mut self, text: String) {
        let text = squeezed(self.without_page_number(&text));
        let holder = self.stack.iter_mut().rev().find(|c| {
            matches!(
                c,
                Ctx::Cell(..) | Ctx::Memo(_) | Ctx::ListMemo(_) | Ctx::Note | Ctx::Skip
            )
        });
        match holder {
            Some(Ctx::Cell(_, cell)) => joined(cell, &text),
            Some(Ctx::Memo(index)) => {
                let at = index.checked_sub(self.printed.remarks.len());
                if let Some(remark) = at.and_then(|at| self.pending.get_mut(at)) {
                    joined(&mut remark.text, &text);
                }
            }
            Some(Ctx::ListMemo(id)) => joined(self.memo_list.entry(id.clone()).or_default(), &text),
            Some(Ctx::Note) => self.notes.push(text),
            Some(_) => {}
            None => {
                self.line(LineKind::Paragraph, None, text, None);
                for note in std::mem::take(&mut self.notes) {
                    self.line(LineKind::Paragraph, None, note, None);
                }
            }
        }
    }

    /// A closed table: its rows are lines, or, inside a cell, that cell's text.
    fn table(&mut self, rows: Vec<(Option<Scope>, String)>) {
        let cell = self.stack.iter_mut().rev().find_map(|c| match c {
            Ctx::Cell(_, text) => Some(text),
            _ => None,
        });
        if let Some(cell) = cell {
            for (_, row) in rows {
                joined(cell, &row);
            }
            return;
        }
        self.tables += 1;
        for (number, (mark, row)) in rows.into_iter().enumerate() {
            let text = squeezed(&row);
            self.line(LineKind::Row, mark, text, Some((self.tables, number + 1)));
        }
    }

    /// Adds a line (an empty one is left out) and gives it the remarks met so far.
    fn line(
        &mut self,
        kind: LineKind,
        mark: Option<Scope>,
        text: String,
        table: Option<(usize, usize)>,
    ) {
        if let Some(mark) = &mark {
            self.scope = Some(mark.clone());
        }
        if text
            .trim_matches(|c: char| c == '|' || c.is_whitespace())
            .is_empty()
            && self.pending.is_empty()
        {
            return;
        }
        let index = self.printed.lines.len();
        for mut remark in std::mem::take(&mut self.pending) {
            remark.line = index;
            self.printed.remarks.push(remark);
        }
        self.printed.lines.push(Line {
            scope: self.scope.clone(),
            kind,
            text,
            table,
        });
    }

    /// Text inside `<hp:t>` (to the paragraph, or to a tracked change too) or inside a
    /// field's parameter.
    fn text(&mut self, text: &str) {
        match self.stack.last() {
            Some(Ctx::Run) => {}
            Some(Ctx::Param(name)) => {
                let name = name.clone();
                let memo = self.stack.iter().rev().find_map(|c| match c {
                    Ctx::Memo(index) => Some(*index),
                    _ => None,
                });
                if let Some(index) = memo {
                    let at = index.checked_sub(self.printed.remarks.len());
                    match name.as_str() {
                        "Author" => {
                            if let Some(remark) = at.and_then(|at| self.pending.get_mut(at)) {
                                remark.author =
                                    Some(text.trim().to_string()).filter(|a| !a.is_empty());
                            }
                        }
                        "ID" => {
                            self.memo_ids.insert(index, text.trim().to_string());
                        }
                        _ => {}
                    }
                }
                return;
            }
            _ => return,
        }
        if let Some((kind, _, tracked)) = &mut self.tracked {
            tracked.push_str(text);
            if *kind == RemarkKind::Deleted {
                return;
            }
        }
        if let Some(Ctx::Para(para)) = self
            .stack
            .iter_mut()
            .rev()
            .find(|c| matches!(c, Ctx::Para(_)))
        {
            para.push_str(text);
        }
    }

    /// A tracked change starts (`kind`, its id `id`) or ends (`None`, the change becomes a
    /// remark).
    fn track(&mut self, kind: Option<RemarkKind>, id: Option<String>) -> Ctx {
        if let Some((kind, id, text)) = self.tracked.take() {
            self.pending.push(Remark {
                kind,
                author: id.and_then(|id| self.authors.get(&id).cloned()),
                text: squeezed(&text),
                line: 0,
            });
        }
        self.tracked = kind.map(|k| (k, id, String::new()));
        Ctx::Other
    }

    /// Reads who made each tracked change from the header's `<hh:trackChange id authorID>`
    /// and `<hh:trackChangeAuthor id name>` (a header that does not read leaves them unnamed).
    pub fn read_authors(&mut self, header: &str) {
        let mut reader = Reader::from_str(header);
        let (mut changes, mut names) = (Vec::new(), HashMap::new());
        while let Ok(event) = reader.read_event() {
            let e = match event {
                Event::Start(e) | Event::Empty(e) => e,
                Event::Eof => break,
                _ => continue,
            };
            let get = |name| attr(&e, name).ok().flatten().unwrap_or_default();
            match e.name().as_ref() {
                "hh:trackChange" => changes.push((get("id"), get("authorID"))),
                "hh:trackChangeAuthor" => {
                    names.insert(get("id"), get("name"));
                }
                _ => {}
            }
        }
        for (id, author) in changes {
            if let Some(name) = names.get(&author).filter(|n| !n.is_empty()) {
                self.authors.insert(id, name.clone());
            }
        }
    }
}

/// `text` with every run of whitespace one space, trimmed.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Sections {
    /// A 순서 entry's text without its page number (a tab, then digits: the PDF's page
    /// numbers, which the HWPX prints and the plan has not), in the 순서 or where no mark
    /// says where the paragraph is.
    fn without_page_number<'t>(&self, text: &'t str) -> &'t str {
        let contents = self.scope.as_ref().is_none_or(|s| s.0 == "순서");
        match text.rsplit_once('\t') {
            Some((entry, number))
                if contents
                    && !number.trim().is_empty()
                    && number.trim().chars().all(|c| c.is_ascii_digit()) =>
            {
                entry
            }
            _ => text,
        }
    }
}

/// Adds `more` to `text` with a space between.
fn joined(text: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(more);
}

/// The value of attribute `name`, unescaped.
fn attr(e: &BytesStart, name: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| format!("속성을 읽을 수 없습니다({err})"))?;
        if a.key.as_ref() == name {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|_| "XML 엔터티(&이름;)가 들어 있습니다".to_string())?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// A character reference or one of XML's five named entities; `None` for any other.
fn entity(r: &quick_xml::events::BytesRef) -> Option<char> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten();
    }
    match r.xml10_content().as_ref() {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> Printed {
        let mut sections = Sections::default();
        let xml = format!(r#"<hs:sec xmlns:hs="s" xmlns:hp="p">{body}</hs:sec>"#);
        sections.read(&xml).unwrap();
        sections.finish()
    }

    #[test]
    fn lines_carry_the_last_mark_and_tracked_changes_read_as_accepted() {
        let printed = read(concat!(
            r#"<hp:p><hp:run><hp:ctrl><hp:bookmark name="gongsi:IV/a/b"/></hp:ctrl>"#,
            r#"<hp:t>○ 가 &amp; 나<hp:insertBegin Id="1"/> 넣음<hp:insertEnd Id="1"/>"#,
            r#"<hp:deleteBegin Id="2"/> 지움<hp:deleteEnd Id="2"/><hp:lineBreak/>끝</hp:t></hp:run></hp:p>"#,
            r#"<hp:p><hp:run><hp:t>  </hp:t></hp:run></hp:p>"#,
            r#"<hp:p><hp:run><hp:ctrl><hp:bookmark name="표1"/></hp:ctrl><hp:t>다음</hp:t></hp:run></hp:p>"#,
        ));
        let texts: Vec<_> = printed.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["○ 가 & 나 넣음 끝", "다음"]);
        let scope = Some(Scope("IV/a/b".into()));
        assert!(printed.lines.iter().all(|l| l.scope == scope));
        let remarks: Vec<_> = printed
            .remarks
            .iter()
            .map(|r| (r.kind.clone(), r.text.as_str(), r.line))
            .collect();
        assert_eq!(
            remarks,
            [
                (RemarkKind::Inserted, "넣음", 0),
                (RemarkKind::Deleted, "지움", 0)
            ]
        );
    }

    #[test]
    fn rows_join_cells_take_the_most_particular_name_and_memos_are_not_text() {
        let cell = |name: &str, text: &str| {
            format!(
                r#"<hp:tc name="{name}"><hp:subList><hp:p><hp:run><hp:t>{text}</hp:t></hp:run></hp:p></hp:subList></hp:tc>"#
            )
        };
        let body = format!(
            concat!(
                "<hp:p><hp:run><hp:tbl><hp:tr>{}{}</hp:tr></hp:tbl></hp:run></hp:p>",
                r#"<hp:p><hp:run><hp:ctrl><hp:fieldBegin type="MEMO"><hp:parameters>"#,
                r#"<hp:stringParam name="Author">검토자</hp:stringParam><hp:stringParam name="ID">7</hp:stringParam>"#,
                "</hp:parameters></hp:fieldBegin></hp:ctrl><hp:t>본문</hp:t></hp:run></hp:p>",
                r#"<hp:memogroup><hp:memo id="7"><hp:paraList><hp:p><hp:run><hp:t>메모 글</hp:t></hp:run></hp:p></hp:paraList></hp:memo></hp:memogroup>"#,
            ),
            cell("gongsi:V", "사업"),
            cell("gongsi:V/a/b/c", "3월"),
        );
        let printed = read(&body);
        assert_eq!(printed.lines[0].text, "사업 | 3월");
        assert_eq!(printed.lines[0].table, Some((1, 1)));
        assert_eq!(printed.lines[0].scope, Some(Scope("V/a/b/c".into())));
        assert_eq!(printed.lines[1].text, "본문");
        assert_eq!(printed.lines.len(), 2);
        let memo = &printed.remarks[0];
        assert_eq!(
            (memo.text.as_str(), memo.author.as_deref(), memo.line),
            ("메모 글", Some("검토자"), 1)
        );
    }

    #[test]
    fn a_dtd_an_unknown_entity_and_deep_nesting_are_refused() {
        let mut sections = Sections::default();
        assert!(
            sections
                .read("<!DOCTYPE x><x/>")
                .unwrap_err()
                .contains("DTD")
        );
        let mut sections = Sections::default();
        assert!(
            sections
                .read("<x>&bomb;</x>")
                .unwrap_err()
                .contains("엔터티")
        );
        let mut sections = Sections::default();
        let deep = "<x>".repeat(limits::HWPX_DEPTH + 1);
        assert!(sections.read(&deep).unwrap_err().contains("단계"));
    }
}
