//! ods의 병합된 칸과 숫자 서식 (merged cells and number formats of an ods file): what
//! calamine's ods reader does not give, read from `content.xml` and `styles.xml` with
//! quick-xml. A cell's merged area comes from `table:number-columns-spanned` and
//! `table:number-rows-spanned`; its number format from its cell style (or its column's
//! default) and that style's data style (`number:number-style` …), written as the Excel
//! format code gongsi reads elsewhere (`#,##0.0"명"`). The file was checked whole by
//! [`super::extent::check_ods`] before this runs.

use std::collections::HashMap;
use std::io::{BufReader, Read};

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};

use super::formats::CellLayout;
use crate::model::limits;

/// A data style being read: its pattern, its literal text, and the style it hands a
/// positive value to (`style:map`).
#[derive(Debug, Default, Clone)]
struct DataStyle {
    places: usize,
    grouping: bool,
    text: String,
    positive: Option<String>,
}

impl DataStyle {
    fn code(&self) -> String {
        let mut code = if self.grouping { "#,##0" } else { "0" }.to_string();
        if self.places > 0 {
            code.push('.');
            code.push_str(&"0".repeat(self.places));
        }
        let text = self.text.replace('"', "");
        if !text.trim().is_empty() {
            code.push('"');
            code.push_str(&text);
            code.push('"');
        }
        code
    }
}

/// What is read across both files: data styles by name, and the data style of each cell
/// style.
#[derive(Default)]
struct Styles {
    data: HashMap<String, DataStyle>,
    cells: HashMap<String, String>,
}

impl Styles {
    /// The format code of cell style `name`.
    fn code(&self, name: &str) -> Option<String> {
        let mut data = self.data.get(self.cells.get(name)?)?;
        // A style with sections names the one for positive values (at most a few hops).
        for _ in 0..4 {
            match data.positive.as_ref().and_then(|p| self.data.get(p)) {
                Some(next) => data = next,
                None => break,
            }
        }
        Some(data.code())
    }
}

fn attribute(e: &BytesStart, key: &str) -> Option<String> {
    e.try_get_attribute(key).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

fn count(e: &BytesStart, key: &str) -> u32 {
    attribute(e, key)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
        .max(1)
}

/// Reads the styles of one part (`styles.xml`, then `content.xml`); with `sheets`, also
/// the tables of the body.
fn read_part(
    reader: impl Read,
    styles: &mut Styles,
    sheets: Option<&mut HashMap<String, CellLayout>>,
) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(reader));
    let mut buf = Vec::new();
    let mut part = Part {
        styles,
        sheets,
        data: None,
        in_text: false,
        sheet: String::new(),
        columns: Vec::new(),
        row: 0,
        col: 0,
        row_repeats: 1,
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) => part.opened(e, false),
            Event::Empty(e) => part.opened(e, true),
            Event::Text(t) if part.in_text => part.text(&t.xml10_content()),
            Event::End(e) => part.closed(e.name().as_ref()),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// One part being read: what it fills in, and where the reading is.
struct Part<'a> {
    styles: &'a mut Styles,
    sheets: Option<&'a mut HashMap<String, CellLayout>>,
    /// The data style being read, and whether a `number:text` is open in it.
    data: Option<(String, DataStyle)>,
    in_text: bool,
    /// The table being read: its name, its columns' default cell styles, the position.
    sheet: String,
    columns: Vec<(u32, Option<String>)>,
    row: u32,
    col: u32,
    row_repeats: u32,
}

impl Part<'_> {
    /// An element opened (`empty`: and closed at once).
    fn opened(&mut self, e: &BytesStart, empty: bool) {
        let tables = self.sheets.is_some();
        match e.name().as_ref() {
            "number:number-style" | "number:percentage-style" | "number:currency-style" => {
                if let Some(name) = attribute(e, "style:name") {
                    self.data = Some((name, DataStyle::default()));
                    if empty {
                        let (name, style) = self.data.take().unwrap_or_default();
                        self.styles.data.insert(name, style);
                    }
                }
            }
            "number:number" => {
                if let Some((_, style)) = self.data.as_mut() {
                    style.places = attribute(e, "number:decimal-places")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                        .min(15);
                    style.grouping = attribute(e, "number:grouping").as_deref() == Some("true");
                }
            }
            "number:text" => self.in_text = !empty && self.data.is_some(),
            "style:map" => {
                if let Some((_, style)) = self.data.as_mut()
                    && style.positive.is_none()
                {
                    style.positive = attribute(e, "style:apply-style-name");
                }
            }
            "style:style" => {
                if let (Some(name), Some(data_style)) = (
                    attribute(e, "style:name"),
                    attribute(e, "style:data-style-name"),
                ) {
                    self.styles.cells.insert(name, data_style);
                }
            }
            "table:table" if tables => {
                self.sheet = attribute(e, "table:name").unwrap_or_default();
                self.columns.clear();
                self.row = 0;
            }
            "table:table-column" if tables => {
                let repeats = count(e, "table:number-columns-repeated");
                self.columns
                    .push((repeats, attribute(e, "table:default-cell-style-name")));
            }
            "table:table-row" if tables => {
                self.row_repeats = count(e, "table:number-rows-repeated");
                self.col = 0;
                if empty {
                    self.row = self.row.saturating_add(self.row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" if tables => self.cell(e),
            _ => {}
        }
    }

    /// A cell of the table being read: its merged area and its number format.
    fn cell(&mut self, e: &BytesStart) {
        let Some(sheets) = self.sheets.as_deref_mut() else {
            return;
        };
        let (row, col) = (self.row, self.col);
        let repeats = count(e, "table:number-columns-repeated");
        let entry = sheets.entry(self.sheet.clone()).or_default();
        let (cols, rows) = (
            count(e, "table:number-columns-spanned"),
            count(e, "table:number-rows-spanned"),
        );
        if (cols > 1 || rows > 1) && entry.merges.len() < limits::TABLE_CELLS {
            entry.merges.push(Dimensions::new(
                (row, col),
                (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
            ));
        }
        let holds = attribute(e, "office:value-type").is_some_and(|t| t != "string");
        let style = attribute(e, "table:style-name").or_else(|| column_style(&self.columns, col));
        if holds && let Some(code) = style.and_then(|s| self.styles.code(&s)) {
            // Repeated rows and columns are bounded by the extent check.
            for r in row..row.saturating_add(self.row_repeats.min(1000)) {
                for c in col..col.saturating_add(repeats.min(1000)) {
                    entry.formats.insert((r, c), code.clone());
                }
            }
        }
        self.col = col.saturating_add(repeats);
    }

    /// Text inside a data style's `number:text`.
    fn text(&mut self, text: &str) {
        if let Some((_, style)) = self.data.as_mut()
            && style.text.chars().count() < 100
        {
            style.text.push_str(text);
        }
    }

    /// An element closed.
    fn closed(&mut self, name: &str) {
        match name {
            "number:text" => self.in_text = false,
            "number:number-style" | "number:percentage-style" | "number:currency-style" => {
                if let Some((name, style)) = self.data.take() {
                    self.styles.data.insert(name, style);
                }
            }
            "table:table-row" if self.sheets.is_some() => {
                self.row = self.row.saturating_add(self.row_repeats);
            }
            _ => {}
        }
    }
}

/// The default cell style of column `col`.
fn column_style(columns: &[(u32, Option<String>)], col: u32) -> Option<String> {
    let mut first = 0u32;
    for (repeats, style) in columns {
        let next = first.saturating_add(*repeats);
        if col < next {
            return style.clone();
        }
        first = next;
    }
    None
}

/// The merged areas and number formats of every sheet of the ods file `bytes`, by sheet
/// name; `Err` with what went wrong when a part cannot be read.
pub fn read(bytes: &[u8]) -> Result<HashMap<String, CellLayout>, String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut styles = Styles::default();
    if let Ok(part) = archive.by_name("styles.xml") {
        read_part(part, &mut styles, None).map_err(|e| format!("styles.xml: {e}"))?;
    }
    let mut sheets = HashMap::new();
    let content = archive
        .by_name("content.xml")
        .map_err(|e| format!("content.xml: {e}"))?;
    read_part(content, &mut styles, Some(&mut sheets)).map_err(|e| format!("content.xml: {e}"))?;
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTENT: &str = r#"<office:document-content><office:automatic-styles>
<number:number-style style:name="N145"><number:number number:decimal-places="0" number:grouping="true"/><number:text>명</number:text></number:number-style>
<number:number-style style:name="N144"><number:number number:decimal-places="1" number:grouping="true"/></number:number-style>
<number:number-style style:name="N9P0"><number:number number:decimal-places="2"/><number:text>%</number:text></number:number-style>
<number:number-style style:name="N9"><number:text>-</number:text><number:number number:decimal-places="2"/><style:map style:condition="value()&gt;=0" style:apply-style-name="N9P0"/></number:number-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N145"/>
<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N144"/>
<style:style style:name="ce3" style:family="table-cell" style:data-style-name="N9"/>
</office:automatic-styles><office:body><office:spreadsheet>
<table:table table:name="표01">
<table:table-column table:number-columns-repeated="2"/><table:table-column table:default-cell-style-name="ce2"/>
<table:table-row><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" office:value-type="string"><text:p>구분</text:p></table:table-cell><table:covered-table-cell/><table:table-cell office:value-type="float" office:value="54"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="3" table:style-name="ce1"/><table:table-cell office:value-type="float" office:value="3" table:style-name="ce3"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;

    #[test]
    fn merged_areas_and_units_are_read_at_their_cells() {
        let mut styles = Styles::default();
        let mut sheets = HashMap::new();
        read_part(CONTENT.as_bytes(), &mut styles, Some(&mut sheets)).unwrap();
        let sheet = &sheets["표01"];
        assert_eq!(sheet.merges, vec![Dimensions::new((0, 0), (1, 1))]);
        // The column's default style, the cell's own, a style with a positive section.
        assert_eq!(sheet.formats[&(0, 2)], "#,##0.0");
        assert_eq!(sheet.formats[&(1, 2)], "#,##0\"명\"");
        assert_eq!(sheet.formats[&(2, 2)], "#,##0\"명\"");
        assert_eq!(sheet.formats[&(1, 3)], "0.00\"%\"");
        assert!(
            !sheet.formats.contains_key(&(0, 0)),
            "text has no number format"
        );
    }
}
