//! Property test: the reference plan's YAML mutated at random (numbers, types, deletions,
//! duplicated and re-indented lines) never makes load or check panic, and every problem
//! found has a place (a line, or a workbook cell).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use gongsi::model::error::Error;
use gongsi::model::problem::Problem;
use gongsi::pipeline::load::parse_plan;

/// A small deterministic generator (xorshift64*), so every run mutates the same way.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const VALUES: [&str; 20] = [
    "-1",
    "0",
    "13",
    "1.5",
    "-0.05",
    "99999999999999999999",
    "4294967296",
    "1e308",
    "~",
    "글자",
    "[]",
    "{}",
    "\"38,000\"",
    "{sum: true, cols: 500}",
    "1e19",
    "-1e400",
    "&a [1, 2]",
    "*nope",
    "\"\\u0000\"",
    "1.0e-320",
];

/// One random edit of `text`; returns the new text and what was done.
fn mutate(text: &str, rng: &mut Rng) -> (String, String) {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return (text.to_string(), "empty".into());
    }
    let at = rng.below(lines.len());
    let what = match rng.below(6) {
        0 => {
            // Replace one number on the line (or the value after the colon).
            let line = &lines[at];
            let value = rng.pick(&VALUES);
            let digits: Vec<(usize, char)> = line
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .collect();
            if let Some(&(start, _)) = digits.get(rng.below(digits.len())) {
                let end = line[start..]
                    .find(|c: char| !c.is_ascii_digit() && c != '.')
                    .map_or(line.len(), |e| start + e);
                lines[at] = format!("{}{value}{}", &line[..start], &line[end..]);
            } else if let Some(colon) = line.find(": ") {
                lines[at] = format!("{}: {value}", &line[..colon]);
            }
            format!("line {} → {value}", at + 1)
        }
        1 => {
            lines.remove(at);
            format!("line {} deleted", at + 1)
        }
        2 => {
            let copy = lines[at].clone();
            lines.insert(at, copy);
            format!("line {} duplicated", at + 1)
        }
        3 => {
            lines[at] = lines[at].trim_start().to_string();
            format!("line {} unindented", at + 1)
        }
        4 => {
            // A tab where YAML allows only spaces.
            lines[at] = format!("\t{}", lines[at].trim_start());
            format!("line {} tab-indented", at + 1)
        }
        _ => {
            // Change the type of a mapping value.
            if let Some(colon) = lines[at].find(": ") {
                let value = rng.pick(&["[1, 2]", "{a: 1}", "\"text\"", "true", "3"]);
                lines[at] = format!("{}: {value}", &lines[at][..colon]);
            }
            format!("line {} retyped", at + 1)
        }
    };
    let mut out = lines.join("\n");
    out.push('\n');
    (out, what)
}

fn placed(problem: &Problem) -> bool {
    problem.line.is_some() || problem.cell.is_some()
}

#[test]
fn random_mutations_never_panic_and_every_problem_is_placed() {
    let files: Vec<(PathBuf, String)> = gongsi::pipeline::load::reference::FILES
        .iter()
        .map(|(path, text)| (PathBuf::from(path), text.to_string()))
        .collect();
    let mut rng = Rng(0x5EED_2021_0430_0001);
    let (mut loaded, mut rejected, mut warned) = (0, 0, 0);
    for case in 0..400 {
        let mut mutated = files.clone();
        let mut done = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let file = rng.below(mutated.len());
            let (text, what) = mutate(&mutated[file].1, &mut rng);
            done.push(format!("{}: {what}", mutated[file].0.display()));
            mutated[file].1 = text;
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| match parse_plan(mutated) {
            Ok(plan) => Ok(gongsi::pipeline::check::check(&plan)),
            Err(error) => Err(error),
        }));
        match outcome {
            Err(_) => panic!("case {case} panicked after {done:?}"),
            Ok(Ok(findings)) => {
                loaded += 1;
                if findings.iter().any(|f| !f.is_error()) {
                    warned += 1;
                }
                for finding in findings {
                    assert!(
                        placed(&finding.problem),
                        "case {case} {done:?}: {finding:#?}"
                    );
                }
            }
            Ok(Err(Error::Input(problems))) => {
                rejected += 1;
                for problem in problems {
                    assert!(placed(&problem), "case {case} {done:?}: {problem:#?}");
                }
            }
            Ok(Err(other)) => panic!("case {case} {done:?}: unexpected {other}"),
        }
    }
    eprintln!("{loaded} loaded ({warned} with warnings), {rejected} rejected");
    // The mutations reach both sides: plans that load and plans that do not.
    assert!(
        loaded > 50 && rejected > 50,
        "loaded {loaded}, rejected {rejected}"
    );
    assert!(warned > 0);
}

/// Whether a problem about a workbook names the workbook and says what is wrong in Korean.
fn said(problem: &Problem) -> bool {
    !problem.file.as_os_str().is_empty()
        && problem
            .message
            .chars()
            .any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
}

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

fn rezip(parts: &[(String, Vec<u8>)], path: &std::path::Path) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, data) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
}

/// One random edit of a sheet's XML: a cell moved far away, a value replaced, a tag cut.
fn mutate_xml(xml: &str, rng: &mut Rng) -> String {
    const FAR: [&str; 6] = ["XFD1048576", "A1048576", "CW1", "A60001", "ZZ99999", "B2"];
    const VALUES: [&str; 6] = ["1e308", "-1", "글", "", "99999999999999999999", "NaN"];
    let positions: Vec<usize> = xml.match_indices(" r=\"").map(|(i, _)| i + 4).collect();
    let values: Vec<usize> = xml.match_indices("<v>").map(|(i, _)| i + 3).collect();
    match rng.below(3) {
        0 if !positions.is_empty() => {
            let at = positions[rng.below(positions.len())];
            let end = at + xml[at..].find('"').unwrap_or(0);
            format!("{}{}{}", &xml[..at], rng.pick(&FAR), &xml[end..])
        }
        1 if !values.is_empty() => {
            let at = values[rng.below(values.len())];
            let end = at + xml[at..].find('<').unwrap_or(0);
            format!("{}{}{}", &xml[..at], rng.pick(&VALUES), &xml[end..])
        }
        _ => {
            let at = rng.below(xml.len());
            let at = (0..=at)
                .rev()
                .find(|i| xml.is_char_boundary(*i))
                .unwrap_or(0);
            let cut = xml[at..].find('>').map_or(xml.len(), |e| at + e + 1);
            format!("{}{}", &xml[..at], &xml[cut..])
        }
    }
}

/// Loads and checks the workbook at `path` in this process: it must not panic (or abort),
/// and every problem must name the workbook and say in Korean what is wrong.
fn load_bounded(path: &std::path::Path, case: &str) -> bool {
    crate::common::library_reads_workbooks();
    let outcome = catch_unwind(AssertUnwindSafe(
        || match gongsi::pipeline::load::load_plan(path) {
            Ok(plan) => Ok(gongsi::pipeline::check::check(&plan)),
            Err(error) => Err(error),
        },
    ));
    match outcome {
        Err(_) => panic!("{case} panicked"),
        Ok(Ok(findings)) => {
            for finding in findings {
                assert!(said(&finding.problem), "{case}: {finding:#?}");
            }
            true
        }
        Ok(Err(Error::Input(problems))) => {
            for problem in problems {
                assert!(said(&problem), "{case}: {problem:#?}");
            }
            false
        }
        Ok(Err(other)) => panic!("{case}: unexpected {other}"),
    }
}

#[test]
fn random_workbook_mutations_never_panic_and_every_problem_is_said() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5EED_2021_0430_0002);
    let (mut loaded, mut rejected) = (0, 0);
    // xlsx: the reference workbook with one sheet's XML edited (60 cases).
    let parts = unzip(&std::fs::read(root.join("content/2021-인천서구.xlsx")).unwrap());
    let sheets: Vec<usize> = (0..parts.len())
        .filter(|i| parts[*i].0.starts_with("xl/worksheets/sheet"))
        .collect();
    for case in 0..60 {
        let mut mutated = parts.clone();
        let which = sheets[rng.below(sheets.len())];
        let xml = String::from_utf8_lossy(&mutated[which].1).into_owned();
        mutated[which].1 = mutate_xml(&xml, &mut rng).into_bytes();
        let path = dir.path().join(format!("x{case}.xlsx"));
        rezip(&mutated, &path);
        if load_bounded(&path, &format!("xlsx case {case} ({})", mutated[which].0)) {
            loaded += 1;
        } else {
            rejected += 1;
        }
    }
    // ods: content.xml edited; xls: bytes of the BIFF file changed (30 cases each).
    let ods = unzip(&std::fs::read(root.join("tests/fixtures/workbooks/수치.ods")).unwrap());
    let content = ods.iter().position(|(n, _)| n == "content.xml").unwrap();
    let xls = std::fs::read(root.join("tests/fixtures/workbooks/수치.xls")).unwrap();
    for case in 0..30 {
        let mut mutated = ods.clone();
        let xml = String::from_utf8_lossy(&mutated[content].1).into_owned();
        let edited = match rng.below(2) {
            0 => xml.replacen(
                "table:number-rows-repeated=\"",
                &format!("table:number-rows-repeated=\"{}", rng.below(9_999_999)),
                1,
            ),
            _ => mutate_xml(&xml, &mut rng),
        };
        mutated[content].1 = edited.into_bytes();
        let path = dir.path().join(format!("o{case}.ods"));
        rezip(&mutated, &path);
        load_bounded(&path, &format!("ods case {case}"));
        let mut bytes = xls.clone();
        for _ in 0..1 + rng.below(4) {
            let at = 512 + rng.below(bytes.len() - 512);
            bytes[at] = rng.next() as u8;
        }
        let path = dir.path().join(format!("b{case}.xls"));
        std::fs::write(&path, &bytes).unwrap();
        load_bounded(&path, &format!("xls case {case}"));
    }
    eprintln!("xlsx: {loaded} loaded, {rejected} rejected");
    assert!(
        loaded > 5 && rejected > 5,
        "loaded {loaded}, rejected {rejected}"
    );
}
