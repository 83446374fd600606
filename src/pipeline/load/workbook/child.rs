//! 통합문서를 읽는 자식 프로세스 (the reading child): `gongsi __read-workbook`, started by
//! gongsi itself ([`super::isolated`]) for every workbook. It limits its own memory and CPU
//! time first, takes the workbook's bytes on standard input, reads every sheet with calamine
//! (after the scans of [`super::extent`], which name the cell at fault), and answers the
//! [`Snapshot`] as JSON on standard output. Whatever the file makes calamine do — reserve
//! what a count declares, build a grid of a far cell, loop — happens in this process: at
//! worst it dies at its limits, and gongsi says so. Before each step it writes the step to
//! standard error (`열기`, `시트 표03`), so that gongsi can say where it died.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use calamine::{Data, DataRef, Range, Reader, Sheets, StyleRange};

use crate::model::error::shielded;
use crate::model::limits;
use crate::model::problem::Problem;
use crate::model::sheets;
use crate::pipeline::load::workbook::extent::{self, Extent};
use crate::pipeline::load::workbook::formats::{CellLayout, format_decimals, format_unit};
use crate::pipeline::load::workbook::snapshot::{
    Answer, Cells, HEADER, Raw, Refusal, Sheet, Snapshot,
};

/// The hidden subcommand that runs the child.
pub const SUBCOMMAND: &str = "__read-workbook";

/// Exit code of a child that could not even start its work (bad arguments, its limits not
/// set, its input unreadable): a bug or a broken installation, never the workbook's fault.
pub const BROKEN: u8 = 3;

/// Runs the child: `gongsi __read-workbook <확장자> <보이는 이름>`, the workbook on
/// standard input. Exit 0 with the answer on standard output, whatever the workbook holds.
pub fn serve(args: &[std::ffi::OsString]) -> ExitCode {
    let [extension, shown] = args else {
        return broken("쓰는 법: gongsi __read-workbook <확장자> <보이는 이름> < 통합문서");
    };
    if let Err(e) = limit_self() {
        return broken(&format!("자원 한도를 걸 수 없습니다: {e}"));
    }
    let mut bytes = Vec::new();
    let taken = std::io::stdin()
        .lock()
        .take(limits::FILE_BYTES + 1)
        .read_to_end(&mut bytes);
    if let Err(e) = taken {
        return broken(&format!("표준 입력을 읽을 수 없습니다: {e}"));
    }
    let mut stderr = std::io::stderr();
    let answer = read(
        &bytes,
        &extension.to_string_lossy().to_lowercase(),
        Path::new(shown),
        &mut |step| {
            let _ = writeln!(stderr, "{step}");
        },
    );
    let mut out = std::io::stdout().lock();
    let written = out
        .write_all(HEADER.as_bytes())
        .and_then(|()| serde_json::to_writer(&mut out, &answer).map_err(std::io::Error::other))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // gongsi went away: nobody to answer.
        Err(_) => ExitCode::from(BROKEN),
    }
}

fn broken(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "{message}");
    ExitCode::from(BROKEN)
}

/// Limits this process before it reads anything: address space
/// ([`limits::WORKBOOK_MEMORY`]), CPU time (a second past [`limits::WORKBOOK_SECONDS`], in
/// case gongsi is gone and cannot stop it), no core dump when it aborts.
#[cfg(target_os = "linux")]
fn limit_self() -> std::io::Result<()> {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let lower = |resource: Resource, value: u64| {
        // Never above a hard limit gongsi itself runs under (`prlimit --as=…`).
        let hard = getrlimit(resource).maximum;
        let value = hard.map_or(value, |hard| hard.min(value));
        setrlimit(
            resource,
            Rlimit {
                current: Some(value),
                maximum: Some(value),
            },
        )
    };
    lower(Resource::As, limits::WORKBOOK_MEMORY)?;
    lower(Resource::Cpu, limits::WORKBOOK_SECONDS + 1)?;
    lower(Resource::Core, 0)?;
    Ok(())
}

/// Elsewhere only gongsi's time limit and the separate process guard the reading (see the
/// user guide's 한도와 안전).
#[cfg(not(target_os = "linux"))]
fn limit_self() -> std::io::Result<()> {
    Ok(())
}

/// Reads the workbook `bytes` (a file with `extension`, named `shown` in problems), saying
/// each step to `step` before it starts.
pub fn read(bytes: &[u8], extension: &str, shown: &Path, step: &mut dyn FnMut(&str)) -> Answer {
    let refuse = |problem: Problem| vec![Refusal::of(problem)];
    step("열기");
    if bytes.len() as u64 > limits::FILE_BYTES {
        return Err(refuse(crate::pipeline::load::textfile::too_large(
            shown,
            bytes.len() as u64,
        )));
    }
    let mut layouts = HashMap::new();
    match extension {
        "xlsx" | "xlsb" => extent::check_zip(bytes, shown).map_err(refuse)?,
        "ods" => {
            extent::check_zip(bytes, shown).map_err(refuse)?;
            extent::check_ods(bytes, shown).map_err(refuse)?;
            layouts = super::ods::read(bytes)
                .map_err(|detail| refuse(extent::not_a_workbook(shown, &detail)))?;
        }
        "xls" => {
            extent::check_xls(bytes, shown).map_err(refuse)?;
            let stream = extent::biff_stream(bytes)
                .map_err(|detail| refuse(extent::not_a_workbook(shown, &detail)))?;
            layouts = super::xls::formats(&stream)
                .into_iter()
                .map(|(sheet, formats)| {
                    let merges = Vec::new();
                    (sheet, CellLayout { merges, formats })
                })
                .collect();
        }
        _ => {}
    }
    let mut book = shielded(|| open(bytes, extension))
        .map_err(|panic: String| refuse(extent::not_a_workbook(shown, &panic)))?
        .map_err(|e| refuse(extent::not_a_workbook(shown, &e.to_string())))?;
    let names = book.sheet_names();
    if names.len() > limits::SHEETS {
        return Err(refuse(
            Problem::new(
                shown,
                "",
                format!(
                    "시트가 {}개입니다 (통합문서 하나에 {}개까지).",
                    limits::count(names.len() as u64),
                    limits::count(limits::SHEETS as u64)
                ),
            )
            .hint("쓰지 않는 시트를 지우고 저장하세요."),
        ));
    }
    let mut extent = Extent::default();
    let mut over: Option<Refusal> = None;
    let mut seen = HashSet::new();
    let mut sheets = Vec::new();
    for name in names {
        // A name written twice is read once (the first sheet of that name is the one read).
        if !seen.insert(name.clone()) {
            continue;
        }
        let cells = match &over {
            Some(refusal) => Err(refusal.clone()),
            None => {
                step(&format!("시트 {}", name.replace(['\n', '\r'], " ")));
                let layout = layouts.remove(&name).unwrap_or_default();
                sheet(&mut book, &name, shown, &mut extent, layout)
            }
        };
        if let Err(refusal) = &cells
            && extent.over()
        {
            over = Some(refusal.clone());
        }
        sheets.push(Sheet { name, cells });
    }
    Ok(Snapshot { sheets })
}

/// calamine's reader of the format `extension` over `bytes`.
fn open<'a>(bytes: &'a [u8], extension: &str) -> Result<Book<'a>, calamine::Error> {
    use calamine::{Error, open_workbook_from_rs};
    let cursor = Cursor::new(bytes);
    Ok(match extension {
        "xls" => Sheets::Xls(open_workbook_from_rs(cursor).map_err(Error::Xls)?),
        "xlsb" => Sheets::Xlsb(open_workbook_from_rs(cursor).map_err(Error::Xlsb)?),
        "ods" => Sheets::Ods(open_workbook_from_rs(cursor).map_err(Error::Ods)?),
        _ => Sheets::Xlsx(open_workbook_from_rs(cursor).map_err(Error::Xlsx)?),
    })
}

type Book<'a> = Sheets<Cursor<&'a [u8]>>;

/// Reads one sheet: values and formulas (every value cell within the limits, and the used
/// ranges added to `extent`), the number formats that show decimals or a unit, and the
/// merged areas.
fn sheet(
    book: &mut Book,
    name: &str,
    shown: &Path,
    extent: &mut Extent,
    layout: CellLayout,
) -> Result<Cells, Refusal> {
    let unreadable = |detail: String| {
        Refusal::of(
            Problem::new(
                shown,
                "",
                format!("시트 `{name}`을(를) 읽을 수 없습니다: 파일이 손상되었을 수 있습니다 ({detail})."),
            )
            .in_cell(shown, format!("{name}!A1"))
            .hint("Excel이나 LibreOffice에서 파일을 열어 다시 저장해 보세요."),
        )
    };
    let read = shielded(|| -> Result<(Range<Data>, Range<String>), Refusal> {
        match &mut *book {
            Sheets::Xlsx(x) => xlsx_cells(x, name, shown, extent).map_err(Refusal::of),
            Sheets::Xlsb(x) => xlsb_cells(x, name, shown, extent).map_err(Refusal::of),
            // Read whole when the file was opened (after extent::check_xls, check_ods).
            sheets => {
                let values = sheets
                    .worksheet_range(name)
                    .map_err(|e| unreadable(e.to_string()))?;
                let formulas = sheets.worksheet_formula(name).unwrap_or_default();
                Ok((values, formulas))
            }
        }
    });
    let (values, formulas) = read.map_err(&unreadable)??;
    let mut cells = counted(&values, &formulas, (shown, name), extent)?;
    // Number formats matter on 표 and 그래프 sheets only: not read for the record sheets and
    // the 안내 sheet, which are most of a workbook's cells.
    let plain = sheets::RECORD_SHEETS
        .iter()
        .map(|layout| layout.name)
        .chain([sheets::GUIDE])
        .any(|record| record == name.trim());
    if !plain {
        let styles = shielded(|| book.worksheet_style(name).ok())
            .ok()
            .flatten()
            .unwrap_or_else(StyleRange::empty);
        cells.formats = formats(&values, &styles, &layout);
    }
    let merges = shielded(|| match &mut *book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Ods(_) => layout.merges.clone(),
        Sheets::Xlsb(_) => Vec::new(),
    })
    .unwrap_or_default();
    if merges.len() > limits::TABLE_CELLS {
        return Err(unreadable(format!("병합된 칸 {}개", merges.len())));
    }
    cells.merges = merges.iter().map(|m| (m.start, m.end)).collect();
    Ok(cells)
}

/// The values and formulas of sheet `name` of `shown`, every cell and both used ranges
/// counted against the workbook's `extent`.
fn counted(
    values: &Range<Data>,
    formulas: &Range<String>,
    (shown, name): (&Path, &str),
    extent: &mut Extent,
) -> Result<Cells, Refusal> {
    let mut cells = Cells {
        end: values.end(),
        ..Cells::default()
    };
    for (row, col, data) in absolute(values) {
        extent
            .cell(shown, name, u64::from(row), u64::from(col))
            .map_err(Refusal::of)?;
        if let Some(raw) = raw(data) {
            cells.values.push((row, col, raw));
        }
    }
    for (row, col, formula) in absolute(formulas) {
        extent
            .cell(shown, name, u64::from(row), u64::from(col))
            .map_err(Refusal::of)?;
        if !formula.is_empty() {
            cells.formulas.push((row, col, formula.clone()));
        }
    }
    let wide = |(r, c): (u32, u32)| (u64::from(r), u64::from(c));
    let ranges = [
        values.start().zip(values.end()),
        formulas.start().zip(formulas.end()),
    ];
    for (first, last) in ranges.into_iter().flatten() {
        extent
            .sheet(shown, name, wide(first), wide(last))
            .map_err(Refusal::of)?;
    }
    Ok(cells)
}

/// The cells of `range` holding something, at their places in the sheet.
fn absolute<T: calamine::CellType>(range: &Range<T>) -> impl Iterator<Item = (u32, u32, &T)> {
    let (top, left) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .map(move |(r, c, value)| (top + r as u32, left + c as u32, value))
}

/// A value as it crosses to gongsi; `None` for an empty cell.
fn raw(data: &Data) -> Option<Raw> {
    Some(match data {
        Data::Empty => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Raw::Text(s.clone()),
        Data::Float(f) => Raw::Float(f.to_bits()),
        Data::Int(i) => Raw::Int(*i),
        Data::Bool(b) => Raw::Bool(*b),
        Data::DateTime(d) => Raw::Date(d.as_f64().to_bits()),
        Data::Error(e) => Raw::Error(e.to_string()),
    })
}

/// The number format codes, within the values' range, that show decimals or a unit: the
/// cell's style as calamine reads it (xlsx), else what gongsi read of the file (ods, xls).
fn formats(
    values: &Range<Data>,
    styles: &StyleRange,
    layout: &CellLayout,
) -> Vec<(u32, u32, String)> {
    let (Some(first), Some(last)) = (values.start(), values.end()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // Within the used range, whose area the extent has bounded.
    for row in first.0..=last.0 {
        for col in first.1..=last.1 {
            let code = styles
                .get((row, col))
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.clone())
                .or_else(|| layout.formats.get(&(row, col)).cloned());
            if let Some(code) = code
                && (format_decimals(&code) > 0 || format_unit(&code).is_some())
            {
                out.push((row, col, code));
            }
        }
    }
    out
}

/// An xlsx sheet's values and formulas, read cell by cell: a value cell beyond the limits
/// stops the reading there, before any grid is built.
fn xlsx_cells(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    file: &Path,
    extent: &Extent,
) -> Result<(Range<Data>, Range<String>), Problem> {
    let broken = |e: calamine::XlsxError| extent::not_a_workbook(file, &format!("{name}: {e}"));
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet holds no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok((Range::empty(), Range::empty())),
        Err(e) => return Err(broken(e)),
    };
    let (mut values, mut formulas) = (Vec::new(), Vec::new());
    while let Some(cell) = reader.next_cell_with_formula().map_err(broken)? {
        let holds = !matches!(cell.value, DataRef::Empty);
        let formula = cell.formula.filter(|f| !f.is_empty());
        if !holds && formula.is_none() {
            continue;
        }
        let (row, col) = cell.pos;
        extent.cell(file, name, u64::from(row), u64::from(col))?;
        if values.len() + formulas.len() > limits::WORKBOOK_AREA as usize {
            return Err(extent::not_a_workbook(file, "too many cells"));
        }
        if holds {
            values.push(calamine::Cell::new(cell.pos, Data::from(cell.value)));
        }
        if let Some(formula) = formula {
            formulas.push(calamine::Cell::new(cell.pos, formula));
        }
    }
    Ok((Range::from_sparse(values), Range::from_sparse(formulas)))
}

/// An xlsb sheet's values and formulas, read cell by cell like [`xlsx_cells`].
fn xlsb_cells(
    book: &mut calamine::Xlsb<Cursor<&[u8]>>,
    name: &str,
    file: &Path,
    extent: &Extent,
) -> Result<(Range<Data>, Range<String>), Problem> {
    let broken = |e: calamine::XlsbError| extent::not_a_workbook(file, &format!("{name}: {e}"));
    let mut values = Vec::new();
    {
        let mut reader = book.worksheet_cells_reader(name).map_err(broken)?;
        while let Some(cell) = reader.next_cell().map_err(broken)? {
            if matches!(cell.get_value(), DataRef::Empty) {
                continue;
            }
            let (row, col) = cell.get_position();
            extent.cell(file, name, u64::from(row), u64::from(col))?;
            if values.len() > limits::WORKBOOK_AREA as usize {
                return Err(extent::not_a_workbook(file, "too many cells"));
            }
            values.push(calamine::Cell::new(
                cell.get_position(),
                Data::from(cell.get_value().clone()),
            ));
        }
    }
    let mut formulas = Vec::new();
    let mut reader = book.worksheet_cells_reader(name).map_err(broken)?;
    while let Some(cell) = reader.next_formula().map_err(broken)? {
        if cell.get_value().is_empty() {
            continue;
        }
        let (row, col) = cell.get_position();
        extent.cell(file, name, u64::from(row), u64::from(col))?;
        if formulas.len() > limits::WORKBOOK_AREA as usize {
            return Err(extent::not_a_workbook(file, "too many cells"));
        }
        formulas.push(cell);
    }
    Ok((Range::from_sparse(values), Range::from_sparse(formulas)))
}
