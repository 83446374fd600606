//! 통합문서 미리 보기: what a workbook file would make its reader build, looked at before the
//! reader (calamine) opens it, so that the usual mistake — a value typed by accident at a
//! sheet's last row — is refused at its cell (`계획!XFD1048576`) instead of as a reader that
//! ran out of memory. These scans are not the guard: everything here and calamine itself run
//! in the reading child ([`super::child`]) under its memory and time limits
//! ([`super::isolated`]), so a file that reads differently here than in calamine can make the
//! child die, never gongsi. What is looked at:
//!
//! - xlsx, xlsb, ods are zip files: the size each part declares it unpacks to (the zip reader
//!   stops at that size) must be within [`limits::ZIP_PART_BYTES`] and, together,
//!   [`limits::ZIP_TOTAL_BYTES`] (a zip bomb is refused unopened), and no two parts may
//!   have one name;
//! - ods: `content.xml` is scanned (quick-xml) for the cells holding a value, with their
//!   repeat counts, and every sheet's used range is checked;
//! - xls: the BIFF records of the `Workbook` stream (read with the cfb crate) are scanned for
//!   cell positions and declared dimensions, and checked the same way.
//!
//! xlsx and xlsb sheets are read cell by cell ([`super::child`]), so their ranges are
//! checked as they are read; [`Extent`] adds up the used ranges of every sheet read.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use crate::model::limits;
use crate::model::problem::Problem;
use crate::pipeline::load::workbook::cell_name;

/// The largest part one zip file may declare (the central directory is read, nothing is
/// unpacked); every problem names the workbook `shown`.
pub fn check_zip(bytes: &[u8], shown: &Path) -> Result<(), Problem> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| not_a_workbook(shown, &e.to_string()))?;
    // Two parts of one name: readers take different ones (gongsi's zip reader the last,
    // LibreOffice the first), so two people would see two plans in one file. The zip reader
    // keeps one of each name, so the central directory is read here.
    let mut names = std::collections::HashSet::new();
    for name in central_names(bytes) {
        if !names.insert(name.clone()) {
            let name = String::from_utf8_lossy(&name);
            return Err(Problem::new(
                shown,
                "",
                format!("통합문서 안에 `{name}`이(가) 두 번 들어 있습니다. 프로그램마다 다른 쪽을 읽으므로 읽지 않았습니다."),
            )
            .hint("Excel이나 LibreOffice에서 파일을 열어 다시 저장하세요. 다른 곳에서 받은 파일이면 보낸 사람에게 확인하세요."));
        }
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive
            .by_index_raw(i)
            .map_err(|e| not_a_workbook(shown, &e.to_string()))?;
        let size = part.size();
        total = total.saturating_add(size);
        if size > limits::ZIP_PART_BYTES || total > limits::ZIP_TOTAL_BYTES {
            return Err(Problem::new(
                shown,
                "",
                format!(
                    "통합문서 안의 `{}`이(가) 풀면 {} 바이트가 됩니다 (부분 하나 {} 바이트, 모두 {} 바이트까지). 압축을 풀면 지나치게 커지는 파일이라 열지 않았습니다.",
                    part.name().map(|n| n.into_owned()).unwrap_or_default(),
                    limits::count(size),
                    limits::count(limits::ZIP_PART_BYTES),
                    limits::count(limits::ZIP_TOTAL_BYTES)
                ),
            )
            .hint("Excel이나 LibreOffice에서 파일을 열어 쓰지 않는 시트와 아주 긴 칸을 지운 뒤 다시 저장하세요. 다른 곳에서 받은 파일이면 보낸 사람에게 확인하세요."));
        }
    }
    Ok(())
}

/// The names of a zip file's central directory, in order, as written (duplicates kept);
/// empty when it cannot be found (the zip reader then says what is wrong).
fn central_names(bytes: &[u8]) -> Vec<Vec<u8>> {
    const END: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const ENTRY: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    // The end record is in the last 22 bytes plus a comment of at most 65,535.
    let tail = bytes.len().saturating_sub(22 + 65_535);
    let Some(end) = (tail..bytes.len().saturating_sub(21))
        .rev()
        .find(|&at| bytes[at..at + 4] == END)
    else {
        return Vec::new();
    };
    let mut at = u32_at(bytes, end + 16) as usize;
    let mut names = Vec::new();
    while bytes.get(at..at + 4) == Some(&ENTRY[..]) && at + 46 <= bytes.len() {
        let name = u16_at(bytes, at + 28) as usize;
        let extra = u16_at(bytes, at + 30) as usize;
        let comment = u16_at(bytes, at + 32) as usize;
        let Some(text) = bytes.get(at + 46..at + 46 + name) else {
            break;
        };
        names.push(text.to_vec());
        at += 46 + name + extra + comment;
    }
    names
}

/// A file that is not a workbook of its kind (or is damaged).
pub fn not_a_workbook(shown: &Path, detail: &str) -> Problem {
    Problem::new(
        shown,
        "",
        format!("통합문서를 읽을 수 없습니다: 손상되었거나, 확장자와 다른 형식의 파일입니다 ({detail})."),
    )
    .hint("Excel이나 LibreOffice에서 열리는지 확인하고, 열리면 xlsx로 다시 저장하세요. 암호가 걸린 파일은 암호를 풀어 저장하세요.")
}

/// The used ranges of a workbook's sheets, added up as they are found.
#[derive(Debug, Default)]
pub struct Extent {
    area: u64,
}

impl Extent {
    /// Checks one value cell at `(row, col)` of sheet `sheet`.
    pub fn cell(&self, shown: &Path, sheet: &str, row: u64, col: u64) -> Result<(), Problem> {
        if row < u64::from(limits::SHEET_ROWS) && col < u64::from(limits::SHEET_COLUMNS) {
            return Ok(());
        }
        let name = match (u32::try_from(row), u32::try_from(col)) {
            (Ok(r), Ok(c)) => cell_name(r, c),
            _ => format!("{}행 {}열", row + 1, col + 1),
        };
        Err(Problem::new(
            shown,
            "",
            format!(
                "값이 있는 칸이 gongsi가 읽는 범위(1~{}행, A~{}열) 밖에 있습니다.",
                limits::count(u64::from(limits::SHEET_ROWS)),
                cell_name(0, limits::SHEET_COLUMNS - 1).trim_end_matches('1')
            ),
        )
        .in_cell(shown, format!("{sheet}!{name}"))
        .hint("실수로 값을 쓴 칸이면 지우고 저장하세요 (Ctrl+End로 시트의 마지막 칸을 찾을 수 있습니다)."))
    }

    /// Adds a sheet's used range, from its first to its last value cell.
    pub fn sheet(
        &mut self,
        shown: &Path,
        sheet: &str,
        first: (u64, u64),
        last: (u64, u64),
    ) -> Result<(), Problem> {
        let rows = last.0.saturating_sub(first.0) + 1;
        let cols = last.1.saturating_sub(first.1) + 1;
        self.add(shown, sheet, rows.saturating_mul(cols))
    }

    /// Whether the used ranges added so far are past [`limits::WORKBOOK_AREA`].
    pub fn over(&self) -> bool {
        self.area > limits::WORKBOOK_AREA
    }

    /// Adds `area` cells for sheet `sheet`.
    pub fn add(&mut self, shown: &Path, sheet: &str, area: u64) -> Result<(), Problem> {
        self.area = self.area.saturating_add(area);
        if self.area <= limits::WORKBOOK_AREA {
            return Ok(());
        }
        Err(Problem::new(
            shown,
            "",
            format!(
                "시트들의 사용 범위가 모두 {}칸을 넘습니다 (`{sheet}` 시트에서; 한도 {}칸).",
                limits::count(self.area),
                limits::count(limits::WORKBOOK_AREA)
            ),
        )
        .in_cell(shown, format!("{sheet}!A1"))
        .hint("시트마다 실제로 쓰는 칸 밖에 값이 남아 있지 않은지 확인하세요. 필요 없는 시트와 먼 칸의 값을 지우고 저장하세요."))
    }
}

/// The value cells of one sheet being scanned: its first and last row and column.
#[derive(Default)]
struct Used {
    first: Option<(u64, u64)>,
    last: (u64, u64),
}

impl Used {
    fn add(&mut self, first: (u64, u64), last: (u64, u64)) {
        let f = self.first.get_or_insert(first);
        *f = (f.0.min(first.0), f.1.min(first.1));
        self.last = (self.last.0.max(last.0), self.last.1.max(last.1));
    }

    fn finish(&self, extent: &mut Extent, shown: &Path, sheet: &str) -> Result<(), Problem> {
        match self.first {
            Some(first) => extent.sheet(shown, sheet, first, self.last),
            None => Ok(()),
        }
    }
}

/// Scans an ods file's `content.xml` for its sheets' value cells.
pub fn check_ods(bytes: &[u8], shown: &Path) -> Result<(), Problem> {
    use quick_xml::events::Event;
    let broken = |detail: String| not_a_workbook(shown, &detail);
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(e.to_string()))?;
    let content = archive
        .by_name("content.xml")
        .map_err(|e| broken(format!("content.xml: {e}")))?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut ods = OdsScan {
        shown,
        extent: Extent::default(),
        sheet: String::new(),
        used: Used::default(),
        row: 0,
        col: 0,
        row_repeats: 1,
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| broken(format!("content.xml: {e}")))?;
        match &event {
            Event::Start(e) => ods.start(e, false)?,
            Event::Empty(e) => ods.start(e, true)?,
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                ods.row = ods.row.saturating_add(ods.row_repeats);
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                ods.used.finish(&mut ods.extent, shown, &ods.sheet)?;
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// An ods `content.xml` being scanned: the used ranges so far, the sheet and its value
/// cells, and the row and column the next cell is at (a row may stand for several).
struct OdsScan<'a> {
    shown: &'a Path,
    extent: Extent,
    sheet: String,
    used: Used,
    row: u64,
    col: u64,
    row_repeats: u64,
}

impl OdsScan<'_> {
    /// An element that opens (`empty`: and closes at once): a sheet, a row, or a cell,
    /// whose value (or formula) is checked against the limits.
    fn start(&mut self, e: &quick_xml::events::BytesStart, empty: bool) -> Result<(), Problem> {
        let number = |key: &str| -> u64 {
            e.try_get_attribute(key)
                .ok()
                .flatten()
                .and_then(|a| a.value.trim().parse().ok())
                .unwrap_or(1)
        };
        match e.name().as_ref() {
            "table:table" => {
                self.sheet = e
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .map(|a| a.value.into_owned())
                    .unwrap_or_default();
                self.used = Used::default();
                self.row = 0;
            }
            "table:table-row" => {
                self.row_repeats = number("table:number-rows-repeated").max(1);
                self.col = 0;
                if empty {
                    self.row = self.row.saturating_add(self.row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let repeats = number("table:number-columns-repeated").max(1);
                let holds = !empty
                    || e.try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some()
                    || e.try_get_attribute("table:formula")
                        .ok()
                        .flatten()
                        .is_some();
                if holds {
                    let last = (
                        self.row.saturating_add(self.row_repeats - 1),
                        self.col.saturating_add(repeats - 1),
                    );
                    self.extent.cell(self.shown, &self.sheet, last.0, last.1)?;
                    self.used.add((self.row, self.col), last);
                }
                self.col = self.col.saturating_add(repeats);
            }
            _ => {}
        }
        Ok(())
    }
}

/// Scans an xls file's BIFF records for its sheets' value cells and declared dimensions.
pub fn check_xls(bytes: &[u8], shown: &Path) -> Result<(), Problem> {
    let stream = biff_stream(bytes).map_err(|detail| not_a_workbook(shown, &detail))?;
    scan_biff(&stream, shown)
}

/// The `Workbook` (or `Book`) stream of an xls file's compound file: its BIFF records.
pub fn biff_stream(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut compound = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let name = if compound.is_stream("/Workbook") {
        "/Workbook"
    } else {
        "/Book"
    };
    let mut stream = Vec::new();
    compound
        .open_stream(name)
        .map_err(|e| e.to_string())?
        .take(limits::FILE_BYTES * 2)
        .read_to_end(&mut stream)
        .map_err(|e| e.to_string())?;
    Ok(stream)
}

/// The records of a BIFF stream in order: (offset, record type, record data). A record cut
/// short by the end of the stream ends it.
pub(super) fn biff_records(stream: &[u8]) -> impl Iterator<Item = (u64, u64, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        if at + 4 > stream.len() {
            return None;
        }
        let kind = u16_at(stream, at);
        let len = u16_at(stream, at + 2) as usize;
        let offset = at as u64;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((offset, kind, data))
    })
}

/// The records of a BIFF stream: sheet names from the BoundSheet8 records of the globals,
/// then each sheet's cell records.
fn scan_biff(stream: &[u8], shown: &Path) -> Result<(), Problem> {
    let mut names: std::collections::HashMap<u64, String> = std::collections::HashMap::new();
    let mut extent = Extent::default();
    let mut used = Used::default();
    let mut sheet = String::new();
    let mut sheets_seen = 0;
    let mut depth = 0usize;
    for (offset, kind, data) in biff_records(stream) {
        match kind {
            // BoundSheet8: where a sheet's BOF is, and its name.
            0x0085 if data.len() >= 8 => {
                names.insert(u32_at(data, 0), bound_sheet_name(data));
            }
            // BOF: a sheet starts (or a chart inside it).
            0x0809 => {
                depth += 1;
                if depth == 1 && offset > 0 {
                    sheets_seen += 1;
                    sheet = names
                        .get(&offset)
                        .cloned()
                        .unwrap_or_else(|| format!("{sheets_seen}번째 시트"));
                    used = Used::default();
                }
            }
            // EOF
            0x000A => {
                if depth == 1 && !sheet.is_empty() {
                    used.finish(&mut extent, shown, &sheet)?;
                }
                depth = depth.saturating_sub(1);
            }
            // DIMENSIONS: the reader reserves rows × columns cells for it.
            0x0200 if depth == 1 => dimensions(data, shown, &sheet)?,
            // Cell records with (row, column) first: Number, Label, RString, BoolErr, RK,
            // LabelSst, Formula.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if depth == 1 => {
                let (row, col) = (u16_at(data, 0), u16_at(data, 2));
                extent.cell(shown, &sheet, row, col)?;
                used.add((row, col), (row, col));
            }
            // MulRk: one row, columns first..=last.
            0x00BD if depth == 1 => {
                let row = u16_at(data, 0);
                let first = u16_at(data, 2);
                let last = u16_at(data, data.len().saturating_sub(2));
                if data.len() < 6 || last < first || data.len() as u64 != 6 + 6 * (last - first + 1)
                {
                    return Err(not_a_workbook(shown, "MulRk record"));
                }
                extent.cell(shown, &sheet, row, last)?;
                used.add((row, first), (row, last));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The little-endian `u16` at `at` of a record's data (0 past its end).
pub(super) fn u16_at(data: &[u8], at: usize) -> u64 {
    data.get(at..at + 2)
        .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
}

/// The little-endian `u32` at `at` of a record's data (0 past its end).
fn u32_at(data: &[u8], at: usize) -> u64 {
    data.get(at..at + 4).map_or(0, |b| {
        u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    })
}

/// The sheet name of a BoundSheet8 record (at least 8 bytes): 8-bit or UTF-16 characters.
pub(super) fn bound_sheet_name(data: &[u8]) -> String {
    let chars = data[6] as usize;
    let wide = data[7] & 1 == 1;
    let text = &data[8..];
    if wide {
        let units: Vec<u16> = text
            .chunks_exact(2)
            .take(chars)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        text.iter().take(chars).map(|b| char::from(*b)).collect()
    }
}

/// A DIMENSIONS record of sheet `sheet`: the reader reserves rows × columns cells for it,
/// so both must be within the limits.
fn dimensions(data: &[u8], shown: &Path, sheet: &str) -> Result<(), Problem> {
    let (rows, cols) = if data.len() >= 14 {
        (
            u32_at(data, 4).saturating_sub(u32_at(data, 0)),
            u16_at(data, 10).saturating_sub(u16_at(data, 8)),
        )
    } else {
        (
            u16_at(data, 2).saturating_sub(u16_at(data, 0)),
            u16_at(data, 6).saturating_sub(u16_at(data, 4)),
        )
    };
    if rows <= u64::from(limits::SHEET_ROWS) && cols <= u64::from(limits::SHEET_COLUMNS) {
        return Ok(());
    }
    Err(Problem::new(
        shown,
        "",
        format!(
            "`{sheet}` 시트의 사용 범위가 {}행 × {}열로 적혀 있습니다 (gongsi는 {}행, {}열까지 읽습니다).",
            limits::count(rows),
            limits::count(cols),
            limits::count(u64::from(limits::SHEET_ROWS)),
            limits::SHEET_COLUMNS
        ),
    )
    .in_cell(shown, format!("{sheet}!A1"))
    .hint("쓰지 않는 행과 열을 지우고 저장하거나, xlsx로 저장하세요."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn cell(row: u16, col: u16) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(col.to_le_bytes());
        data.extend([0u8; 10]);
        record(0x0203, &data)
    }

    /// A globals substream naming one sheet, then that sheet with `cells`.
    fn stream(cells: &[Vec<u8>]) -> Vec<u8> {
        let globals_bof = record(0x0809, &[0; 16]);
        let name = "표01";
        let units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut bound = vec![0u8; 6];
        bound.push(name.encode_utf16().count() as u8);
        bound.push(1);
        bound.extend(units);
        let bound_len = 4 + bound.len();
        let eof = record(0x000A, &[]);
        let sheet_at = (globals_bof.len() + bound_len + eof.len()) as u32;
        bound[..4].copy_from_slice(&sheet_at.to_le_bytes());
        let mut out = globals_bof;
        out.extend(record(0x0085, &bound));
        out.extend(eof.clone());
        out.extend(record(0x0809, &[0; 16]));
        for c in cells {
            out.extend(c);
        }
        out.extend(eof);
        out
    }

    #[test]
    fn a_far_cell_is_refused_at_its_place_before_any_grid() {
        let problem =
            scan_biff(&stream(&[cell(0, 0), cell(65535, 255)]), Path::new("a.xls")).unwrap_err();
        assert_eq!(problem.cell.as_deref(), Some("표01!IV65536"), "{problem:?}");
        assert!(problem.message.contains("범위"), "{}", problem.message);
        assert!(scan_biff(&stream(&[cell(0, 0), cell(20, 5)]), Path::new("a.xls")).is_ok());
    }

    #[test]
    fn a_malformed_mulrk_is_refused_instead_of_reaching_the_reader() {
        let mut data = 3u16.to_le_bytes().to_vec();
        data.extend(5u16.to_le_bytes());
        data.extend(2u16.to_le_bytes());
        let problem = scan_biff(&stream(&[record(0x00BD, &data)]), Path::new("a.xls")).unwrap_err();
        assert!(problem.message.contains("MulRk"), "{}", problem.message);
    }

    #[test]
    fn used_ranges_add_up_across_sheets() {
        let mut extent = Extent::default();
        let shown = Path::new("a.xlsx");
        assert!(extent.sheet(shown, "a", (0, 0), (999, 99)).is_ok());
        let over = (limits::WORKBOOK_AREA / 100_000) + 1;
        let mut failed = None;
        for i in 0..over * 2 {
            if let Err(problem) = extent.sheet(shown, &format!("s{i}"), (0, 0), (999, 99)) {
                failed = Some(problem);
                break;
            }
        }
        let problem = failed.expect("the area limit is reached");
        assert!(problem.message.contains("사용 범위"), "{}", problem.message);
    }
}
