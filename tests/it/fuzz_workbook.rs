//! Fuzzing the workbook reader (issue 23): the reference workbook (xlsx) and the fixture
//! workbooks (ods, xls) with what a file declares changed at random — counts, lengths,
//! offsets, attributes and repeat values in the XML parts; record types, lengths and fields
//! of the xls BIFF records; the compound file's header and directory entries. Every case
//! runs the real `gongsi check` under a 2 GiB address-space limit and must end within its
//! time with a result (exit 0) or a Korean error naming the file (exit 1): never a panic,
//! an abort or a kill.
//!
//! CI runs a bounded number of cases (`CASES`); for a longer run by hand:
//! `GONGSI_FUZZ_CASES=3000 GONGSI_FUZZ_SEED=7 cargo test --test it fuzz_workbook -- --nocapture`.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::bad_input::bounded;
use crate::common::*;
use crate::fuzz_check::Rng;
use crate::hostile_workbooks::biff_records;

/// Cases per format in CI.
const CASES: usize = 100;

/// Values that a count, a length, a position or a repeat may be set to.
const NUMBERS: [&str; 16] = [
    "0",
    "-1",
    "1",
    "65535",
    "65536",
    "1048575",
    "1048576",
    "2147483647",
    "4294967295",
    "4294967296",
    "99999999999",
    "18446744073709551616",
    "&#49;048575",
    "&#x39;999999999",
    "1e308",
    "",
];

/// Values that a cell reference or range may be set to.
const PLACES: [&str; 8] = [
    "XFD1048576",
    "A1048576",
    "A1:XFD1048576",
    "IV65536",
    "A0",
    "ZZZZ1",
    "B2:A1",
    "A1:A1",
];

/// The parts of a zip file, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            part.read_to_end(&mut data).unwrap();
            (part.name().unwrap().to_string(), data)
        })
        .collect()
}

fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The spans of every attribute value (`name="value"`) in `xml` whose name ends in one of
/// `names` (any attribute when `names` is empty).
fn attributes(xml: &str, names: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (at, _) in xml.match_indices("=\"") {
        let name_start = xml[..at]
            .rfind(|c: char| c.is_whitespace() || c == '<')
            .map_or(0, |i| i + 1);
        let name = &xml[name_start..at];
        if !names.is_empty() && !names.iter().any(|n| name.ends_with(n)) {
            continue;
        }
        let start = at + 2;
        if let Some(len) = xml[start..].find('"') {
            out.push((start, start + len));
        }
    }
    out
}

/// One structural change of an XML part: an attribute value replaced (a count, a position,
/// a repeat), a value replaced, an element repeated, or a stretch cut out.
fn mutate_xml(xml: &str, names: &[&str], rng: &mut Rng) -> (String, String) {
    match rng.below(5) {
        0 | 1 => {
            let spans = attributes(xml, names);
            let spans = if spans.is_empty() {
                attributes(xml, &[])
            } else {
                spans
            };
            let Some(&(start, end)) = spans.get(rng.below(spans.len())) else {
                return (xml.to_string(), "no attribute".into());
            };
            let old = &xml[start..end];
            let new = if old.chars().any(|c| c.is_ascii_uppercase()) && rng.below(2) == 0 {
                rng.pick(&PLACES)
            } else {
                rng.pick(&NUMBERS)
            };
            let name_start = xml[..start - 2]
                .rfind(|c: char| c.is_whitespace() || c == '<')
                .map_or(0, |i| i + 1);
            (
                format!("{}{new}{}", &xml[..start], &xml[end..]),
                format!("{}=\"{old}\" → \"{new}\"", &xml[name_start..start - 2]),
            )
        }
        2 => {
            // A value (`<v>`, `office:value`, text) replaced.
            let values: Vec<usize> = xml.match_indices("<v>").map(|(i, _)| i + 3).collect();
            let Some(&at) = values.get(rng.below(values.len())) else {
                return (xml.to_string(), "no value".into());
            };
            let end = at + xml[at..].find('<').unwrap_or(0);
            let new = rng.pick(&NUMBERS);
            (
                format!("{}{new}{}", &xml[..at], &xml[end..]),
                format!("<v> → {new}"),
            )
        }
        3 => {
            // An element (a row, a cell, a string) written many times over.
            let tags = [
                "<row",
                "<c ",
                "<si>",
                "<table:table-row",
                "<table:table-cell",
            ];
            let tag = tags[rng.below(tags.len())];
            let starts: Vec<usize> = xml.match_indices(tag).map(|(i, _)| i).collect();
            let Some(&at) = starts.get(rng.below(starts.len())) else {
                return (xml.to_string(), format!("no {tag}"));
            };
            let name = &tag[1..].trim_end();
            let close = format!("</{name}>");
            let end = xml[at..]
                .find(&close)
                .map(|e| at + e + close.len())
                .or_else(|| xml[at..].find("/>").map(|e| at + e + 2))
                .unwrap_or(xml.len());
            let times = [2, 100, 5_000][rng.below(3)];
            let element = &xml[at..end];
            (
                format!("{}{}{}", &xml[..at], element.repeat(times), &xml[end..]),
                format!("{tag} × {times}"),
            )
        }
        _ => {
            let at = rng.below(xml.len());
            let at = (0..=at)
                .rev()
                .find(|i| xml.is_char_boundary(*i))
                .unwrap_or(0);
            let len = 1 + rng.below(200);
            let end = (at..=(at + len).min(xml.len()))
                .rev()
                .find(|i| xml.is_char_boundary(*i))
                .unwrap_or(at);
            (
                format!("{}{}", &xml[..at], &xml[end..]),
                format!("cut {at}..{end}"),
            )
        }
    }
}

/// An xlsx case: one part of the reference workbook changed, or its zip container.
fn xlsx_case(parts: &[(String, Vec<u8>)], rng: &mut Rng) -> (Vec<u8>, String) {
    let mut parts = parts.to_vec();
    if rng.below(10) == 0 {
        // The container: bytes of the central directory or a local header changed.
        let mut bytes = zipped(&parts);
        let at = if rng.below(2) == 0 {
            bytes.len() - 1 - rng.below(bytes.len().min(2000))
        } else {
            rng.below(64)
        };
        bytes[at] = rng.next() as u8;
        return (bytes, format!("zip byte {at}"));
    }
    let xml_parts: Vec<usize> = (0..parts.len())
        .filter(|i| parts[*i].0.ends_with(".xml") || parts[*i].0.ends_with(".rels"))
        .collect();
    // Half the time the parts calamine sizes things from.
    let which = if rng.below(2) == 0 {
        let sized: Vec<usize> = xml_parts
            .iter()
            .copied()
            .filter(|i| {
                let name = &parts[*i].0;
                name == "xl/sharedStrings.xml"
                    || name == "xl/styles.xml"
                    || name == "xl/workbook.xml"
                    || name.starts_with("xl/worksheets/sheet")
            })
            .collect();
        sized[rng.below(sized.len())]
    } else {
        xml_parts[rng.below(xml_parts.len())]
    };
    let xml = String::from_utf8_lossy(&parts[which].1).into_owned();
    let names = [
        "count",
        "uniqueCount",
        "r",
        "ref",
        "spans",
        "s",
        "t",
        "numFmtId",
        "xfId",
        "sheetId",
    ];
    let (edited, what) = mutate_xml(&xml, &names, rng);
    parts[which].1 = edited.into_bytes();
    (zipped(&parts), format!("{}: {what}", parts[which].0))
}

/// An ods case: `content.xml` (or `styles.xml`) of the fixture changed.
fn ods_case(parts: &[(String, Vec<u8>)], rng: &mut Rng) -> (Vec<u8>, String) {
    let mut parts = parts.to_vec();
    let name = if rng.below(5) == 0 {
        "styles.xml"
    } else {
        "content.xml"
    };
    let which = parts.iter().position(|(n, _)| n == name).unwrap();
    let xml = String::from_utf8_lossy(&parts[which].1).into_owned();
    let names = [
        "number-rows-repeated",
        "number-columns-repeated",
        "number-columns-spanned",
        "number-rows-spanned",
        "office:value",
        "office:value-type",
        "decimal-places",
    ];
    let (edited, what) = mutate_xml(&xml, &names, rng);
    parts[which].1 = edited.into_bytes();
    (zipped(&parts), format!("{name}: {what}"))
}

/// Record types an xls record may be changed into: BOF, EOF, DIMENSIONS, ROW, Number, RK,
/// MulRk, LabelSst, SST, CONTINUE, BoundSheet8, Formula, String, MergeCells, Format, XF.
const RECORDS: [u16; 16] = [
    0x0809, 0x000A, 0x0200, 0x0208, 0x0203, 0x027E, 0x00BD, 0x00FD, 0x00FC, 0x003C, 0x0085, 0x0006,
    0x0207, 0x00E5, 0x041E, 0x00E0,
];

/// Extreme values for a 16- or 32-bit field.
const FIELDS: [u32; 8] = [
    0,
    1,
    0x7FFF,
    0xFFFF,
    0x1_0000,
    0x7FFF_FFFF,
    0xFFFF_FFFF,
    0x0010_0000,
];

/// An xls case: a BIFF record of the `Workbook` stream changed (its type, its length, or a
/// field of its data), or a field of the compound file's header or directory entries.
fn xls_case(file: &[u8], rng: &mut Rng) -> (Vec<u8>, String) {
    if rng.below(4) == 0 {
        return cfb_case(file, rng);
    }
    let mut compound = cfb::CompoundFile::open(std::io::Cursor::new(file.to_vec())).unwrap();
    let mut stream = Vec::new();
    {
        use std::io::Read;
        compound
            .open_stream("/Workbook")
            .unwrap()
            .read_to_end(&mut stream)
            .unwrap();
    }
    let records = biff_records(&stream);
    let (at, kind, len) = records[rng.below(records.len())];
    let what = match rng.below(4) {
        0 => {
            let new = RECORDS[rng.below(RECORDS.len())];
            stream[at..at + 2].copy_from_slice(&new.to_le_bytes());
            format!("record {kind:#06x} at {at} → type {new:#06x}")
        }
        1 => {
            let new = [0u16, 1, 4, 0xFFFF, (len as u16).wrapping_add(2)][rng.below(5)];
            stream[at + 2..at + 4].copy_from_slice(&new.to_le_bytes());
            format!("record {kind:#06x} at {at}: length {len} → {new}")
        }
        _ if len >= 2 => {
            let field = rng.below(len - 1);
            let value = FIELDS[rng.below(FIELDS.len())];
            let wide = len >= 4 && field + 4 <= len && rng.below(2) == 0;
            let data = at + 4 + field;
            if wide {
                stream[data..data + 4].copy_from_slice(&value.to_le_bytes());
            } else {
                stream[data..data + 2].copy_from_slice(&(value as u16).to_le_bytes());
            }
            format!("record {kind:#06x} at {at}: field {field} → {value:#x}")
        }
        _ => "nothing".into(),
    };
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut writer = compound.open_stream("/Workbook").unwrap();
        writer.seek(SeekFrom::Start(0)).unwrap();
        writer.write_all(&stream).unwrap();
    }
    compound.flush().unwrap();
    (compound.into_inner().into_inner(), what)
}

/// A field of the compound file itself changed: the header (sector size, FAT and DIFAT
/// counts and places, mini stream cutoff) or a directory entry (start sector, stream size,
/// its siblings and child).
fn cfb_case(file: &[u8], rng: &mut Rng) -> (Vec<u8>, String) {
    let mut bytes = file.to_vec();
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    let sector = 1usize << u16::from_le_bytes([bytes[0x1E], bytes[0x1F]]);
    let value = FIELDS[rng.below(FIELDS.len())];
    // (offset, bytes, name)
    let (at, width, what) = if rng.below(3) == 0 {
        let fields = [
            (0x1E, 2, "sector shift"),
            (0x2C, 4, "FAT sectors"),
            (0x30, 4, "first directory sector"),
            (0x3C, 4, "mini stream cutoff"),
            (0x40, 4, "first mini FAT sector"),
            (0x44, 4, "first DIFAT sector"),
            (0x48, 4, "DIFAT sectors"),
            (0x4C, 4, "DIFAT[0]"),
        ];
        let (at, width, name) = fields[rng.below(fields.len())];
        (at, width, format!("header {name}"))
    } else {
        let directory = (u32_at(&bytes, 0x30) as usize + 1) * sector;
        let entry = rng.below(4);
        let fields = [
            (0x40, 2, "name length"),
            (0x44, 4, "left sibling"),
            (0x48, 4, "right sibling"),
            (0x4C, 4, "child"),
            (0x74, 4, "start sector"),
            (0x78, 8, "stream size"),
        ];
        let (field, width, name) = fields[rng.below(fields.len())];
        (
            directory + entry * 128 + field,
            width,
            format!("directory entry {entry} {name}"),
        )
    };
    if at + width <= bytes.len() {
        bytes[at..at + width].copy_from_slice(&u64::from(value).to_le_bytes()[..width]);
    }
    (bytes, format!("{what} → {value:#x}"))
}

/// How one case ended.
enum Outcome {
    Read,
    Refused,
}

/// Runs `gongsi check` on the workbook `bytes` (named `name`) in `dir`, alone (xlsx: a whole
/// plan) or beside the YAML of the `mixed` fixture (ods, xls: its figures); the outcome, or
/// what went wrong.
fn check(dir: &Path, name: &str, bytes: &[u8]) -> Result<Outcome, String> {
    let plan = if name.ends_with(".xlsx") {
        fs::write(dir.join(name), bytes).unwrap();
        name.to_string()
    } else {
        let folder = dir.join("mixed");
        if !folder.exists() {
            copy_dir(&fixture("mixed"), &folder);
        }
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ods" || e == "xls") {
                fs::remove_file(path).unwrap();
            }
        }
        fs::write(folder.join(name), bytes).unwrap();
        "mixed".to_string()
    };
    let started = Instant::now();
    let out = bounded(dir, &["check", &plan]);
    let took = started.elapsed();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let korean = said.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
    let bug = said.contains("panicked") || said.contains("내부 오류");
    // The reading's own limit, and a margin for the rest of the check on a busy machine.
    if took > Duration::from_secs(40) {
        return Err(format!("took {took:.1?}: {said}"));
    }
    match out.status.code() {
        Some(0) if !bug => Ok(Outcome::Read),
        // At the workbook, or at the YAML line that names the sheet (a table too long).
        Some(1) if !bug && korean && (said.contains(name) || said.contains(".yaml:")) => {
            Ok(Outcome::Refused)
        }
        _ => Err(format!("{:?} in {took:.1?}: {said}", out.status)),
    }
}

#[test]
fn mutated_workbooks_end_in_a_result_or_a_korean_error_within_their_time() {
    let cases: usize = std::env::var("GONGSI_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    let seed: u64 = std::env::var("GONGSI_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5EED_2021_0430_0023);
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let xlsx = unzip(&fs::read(root().join("content/2021-인천서구.xlsx")).unwrap());
    let ods = unzip(&fs::read(root().join("tests/fixtures/workbooks/수치.ods")).unwrap());
    let xls = fs::read(root().join("tests/fixtures/workbooks/수치.xls")).unwrap();
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut tally = std::collections::BTreeMap::new();
    for case in 0..cases {
        let made: [(&str, (Vec<u8>, String)); 3] = [
            ("xlsx", xlsx_case(&xlsx, &mut rng)),
            ("ods", ods_case(&ods, &mut rng)),
            ("xls", xls_case(&xls, &mut rng)),
        ];
        for (format, (bytes, what)) in made {
            let name = format!("사례{case}.{format}");
            match check(dir.path(), &name, &bytes) {
                Ok(outcome) => {
                    let counts = tally.entry(format).or_insert((0, 0));
                    match outcome {
                        Outcome::Read => counts.0 += 1,
                        Outcome::Refused => counts.1 += 1,
                    }
                }
                Err(error) => failures.push(format!("{name} ({what}): {error}")),
            }
        }
    }
    eprintln!(
        "{cases} cases per format in {:.1?}; (read, refused) by format: {tally:?}",
        started.elapsed()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // The mutations reach both sides for each format.
    for (format, (read, refused)) in &tally {
        assert!(
            *read > 0 && *refused > 0,
            "{format}: {read} read, {refused} refused"
        );
    }
}
