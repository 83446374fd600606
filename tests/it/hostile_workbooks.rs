//! Workbooks built to make their reader allocate what they declare (issue 23): a shared
//! strings count of a hundred billion, an ods row repeated a million times through a
//! character reference, xls cells at (65535, 65535) hidden from gongsi's record scan by a
//! BOF in place of a ROW record or by a sheet offset into another record's payload. Each is
//! made here from the reference or fixture workbooks; each must end, under a 2 GiB
//! address-space limit, within seconds with exit 1 and a Korean error naming the file —
//! never an abort (134), a panic (101) or gigabytes.

use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::bad_input::bounded;
use crate::common::*;

/// The parts of the zip file at `path`, each passed through `edit` (name, bytes), written
/// to `to`.
pub fn rezip(path: &Path, to: &Path, edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut archive = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(fs::File::create(to).unwrap());
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        let options = zip::write::SimpleFileOptions::default();
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(&edit(&name, data)).unwrap();
    }
    out.finish().unwrap();
}

/// The records of a BIFF stream: (offset, type, data length).
pub fn biff_records(stream: &[u8]) -> Vec<(usize, u16, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
        if at + 4 + len > stream.len() {
            break;
        }
        out.push((at, kind, len));
        at += 4 + len;
    }
    out
}

/// A copy of the xls file at `path` as `to`, with its `Workbook` stream changed in place by
/// `edit` (which must keep its length).
pub fn edit_xls(path: &Path, to: &Path, edit: impl FnOnce(&mut Vec<u8>)) {
    fs::copy(path, to).unwrap();
    let mut compound = cfb::open_rw(to).unwrap();
    let mut stream = Vec::new();
    compound
        .open_stream("/Workbook")
        .unwrap()
        .read_to_end(&mut stream)
        .unwrap();
    let before = stream.len();
    edit(&mut stream);
    assert_eq!(stream.len(), before, "the stream keeps its length");
    let mut writer = compound.open_stream("/Workbook").unwrap();
    writer.seek(SeekFrom::Start(0)).unwrap();
    writer.write_all(&stream).unwrap();
    drop(writer);
    compound.flush().unwrap();
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const ROW: u16 = 0x0208;
const NUMBER: u16 = 0x0203;
/// Cell records that start with (row, column): Number, RK, LabelSst, Formula.
const CELLS: [u16; 4] = [NUMBER, 0x027E, 0x00FD, 0x0006];
const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
/// The name of who saved the file, padded to 112 bytes; no reader uses it.
const WRITE_ACCESS: u16 = 0x005C;

/// The offsets of the sheets' BOF records (the BoundSheet8 records' targets), in order.
fn sheet_starts(stream: &[u8]) -> Vec<usize> {
    biff_records(stream)
        .into_iter()
        .filter(|(_, kind, len)| *kind == BOUND_SHEET && *len >= 8)
        .map(|(at, _, _)| u32::from_le_bytes(stream[at + 4..at + 8].try_into().unwrap()) as usize)
        .collect()
}

/// The records of the sheet that starts at `start`, up to its EOF.
fn sheet_records(stream: &[u8], start: usize) -> Vec<(usize, u16, usize)> {
    let mut out = Vec::new();
    for (at, kind, len) in biff_records(stream).into_iter().filter(|r| r.0 >= start) {
        out.push((at, kind, len));
        if kind == EOF {
            break;
        }
    }
    out
}

/// Writes `(row, col)` into the Number record at `at`.
fn move_cell(stream: &mut [u8], at: usize, row: u16, col: u16) {
    stream[at + 4..at + 6].copy_from_slice(&row.to_le_bytes());
    stream[at + 6..at + 8].copy_from_slice(&col.to_le_bytes());
}

/// One record: type, length, data.
fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

/// What gongsi says of a workbook whose reading passed the memory limit.
const MEMORY: &str = "메모리가 1 GiB 넘게 들어 읽기를 멈췄습니다";

fn fixture_workbook(name: &str) -> PathBuf {
    root().join("tests/fixtures/workbooks").join(name)
}

/// The hostile workbooks, each made in `dir`: what it is, its path, and what gongsi must
/// say of it.
fn hostile(dir: &Path) -> Vec<(&'static str, PathBuf, &'static str)> {
    let mut out = Vec::new();

    let path = dir.join("sst.xlsx");
    rezip(
        &root().join("content/2021-인천서구.xlsx"),
        &path,
        |name, data| {
            if name != "xl/sharedStrings.xml" {
                return data;
            }
            let text = String::from_utf8(data).unwrap();
            let at = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = at + text[at..].find('"').unwrap();
            format!("{}99999999999{}", &text[..at], &text[end..]).into_bytes()
        },
    );
    out.push(("sharedStrings uniqueCount=99999999999", path, MEMORY));

    let path = dir.join("repeated.ods");
    rezip(&fixture_workbook("수치.ods"), &path, |name, data| {
        if name != "content.xml" {
            return data;
        }
        // The first row of every sheet, holding values, repeated 1,048,575 times; the count
        // written as a character reference.
        let text = String::from_utf8(data).unwrap();
        let mut edited = String::new();
        let mut rest = text.as_str();
        while let Some(table) = rest.find("<table:table ") {
            let row = table + rest[table..].find("<table:table-row").unwrap();
            let close = row + rest[row..].find('>').unwrap();
            edited.push_str(&rest[..close]);
            edited.push_str(" table:number-rows-repeated=\"&#49;048575\"");
            rest = &rest[close..];
        }
        edited.push_str(rest);
        assert!(edited.matches("&#49;048575").count() >= 3, "three sheets");
        edited.into_bytes()
    });
    out.push((
        "ods rows repeated &#49;048575 times in every sheet",
        path,
        MEMORY,
    ));

    let path = dir.join("bof-in-row.xls");
    edit_xls(&fixture_workbook("수치.xls"), &path, |stream| {
        let starts = sheet_starts(stream);
        assert!(starts.len() >= 2, "{starts:?}");
        // The first sheet's first ROW record becomes a BOF: a scan that nests on BOF never
        // comes back to the sheets' level, so it sees no later cell.
        let row = sheet_records(stream, starts[0])
            .into_iter()
            .find(|r| r.1 == ROW)
            .expect("a ROW record");
        stream[row.0..row.0 + 2].copy_from_slice(&BOF.to_le_bytes());
        let cell = starts[1..]
            .iter()
            .rev()
            .find_map(|start| {
                sheet_records(stream, *start)
                    .into_iter()
                    .find(|r| CELLS.contains(&r.1))
            })
            .expect("a cell in a later sheet");
        move_cell(stream, cell.0, 65535, 65535);
    });
    out.push((
        "xls cell at (65535, 65535) after a BOF in place of a ROW",
        path,
        MEMORY,
    ));

    let path = dir.join("bof-in-row-dimensions.xls");
    edit_xls(&fixture_workbook("수치.xls"), &path, |stream| {
        let starts = sheet_starts(stream);
        let row = sheet_records(stream, starts[0])
            .into_iter()
            .find(|r| r.1 == ROW)
            .unwrap();
        stream[row.0..row.0 + 2].copy_from_slice(&BOF.to_le_bytes());
        let dims = sheet_records(stream, starts[1])
            .into_iter()
            .find(|r| r.1 == DIMENSIONS && r.2 >= 14)
            .expect("a DIMENSIONS record");
        // rwMic 0, rwMac 65536 (u32), colMic 0, colMac 65535.
        let at = dims.0 + 4;
        stream[at..at + 4].copy_from_slice(&0u32.to_le_bytes());
        stream[at + 4..at + 8].copy_from_slice(&65536u32.to_le_bytes());
        stream[at + 8..at + 10].copy_from_slice(&0u16.to_le_bytes());
        stream[at + 10..at + 12].copy_from_slice(&65535u16.to_le_bytes());
    });
    out.push((
        "xls DIMENSIONS of 65536 × 65535 after a BOF in place of a ROW",
        path,
        MEMORY,
    ));

    let path = dir.join("offset-into-record.xls");
    edit_xls(&fixture_workbook("수치.xls"), &path, |stream| {
        // A sheet of its own (BOF, Numbers at (0, 0) and (65535, 65535), EOF) written inside
        // the payload of a record nobody reads, and the first sheet's BoundSheet8 pointed at
        // it: the scan walks the records in order and never sees it.
        let number = |row: u16, col: u16| {
            let mut data = row.to_le_bytes().to_vec();
            data.extend(col.to_le_bytes());
            data.extend(0u16.to_le_bytes());
            data.extend(1.0f64.to_le_bytes());
            record(NUMBER, &data)
        };
        let mut fake = record(
            BOF,
            &[0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        );
        fake.extend(number(0, 0));
        fake.extend(number(65535, 65535));
        fake.extend(record(EOF, &[]));
        let host = biff_records(stream)
            .into_iter()
            .find(|r| r.1 == WRITE_ACCESS && r.2 >= fake.len())
            .expect("a WriteAccess record (112 bytes)");
        let at = host.0 + 4;
        stream[at..at + fake.len()].copy_from_slice(&fake);
        let bound = biff_records(stream)
            .into_iter()
            .find(|r| r.1 == BOUND_SHEET)
            .unwrap();
        stream[bound.0 + 4..bound.0 + 8].copy_from_slice(&(at as u32).to_le_bytes());
    });
    out.push((
        "xls sheet offset into another record's payload",
        path,
        MEMORY,
    ));

    let path = dir.join("far-cell.xls");
    edit_xls(&fixture_workbook("수치.xls"), &path, |stream| {
        let starts = sheet_starts(stream);
        let cell = sheet_records(stream, starts[0])
            .into_iter()
            .find(|r| CELLS.contains(&r.1))
            .unwrap();
        move_cell(stream, cell.0, 65535, 255);
    });
    out.push((
        "xls cell at (65535, 255), found by the scan",
        path,
        "목표!IV65536",
    ));
    out
}

#[test]
fn workbooks_that_declare_huge_sizes_end_in_a_korean_error_within_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (what, path, says) in hostile(dir.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for command in ["check", "build"] {
            let started = Instant::now();
            let out = bounded(dir.path(), &[command, &name]);
            let took = started.elapsed();
            let said = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            if out.status.code() != Some(1)
                || !said.contains(&name)
                || !said.contains(says)
                || said.contains("panicked")
                || took > Duration::from_secs(30)
            {
                failures.push(format!(
                    "{what} ({command}): {:?} in {took:.1?}\n{said}",
                    out.status
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
