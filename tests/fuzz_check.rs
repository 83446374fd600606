//! Property test: the reference plan's YAML mutated at random (numbers, types, deletions,
//! duplicated and re-indented lines) never makes load or check panic, and every problem
//! found has a place (a line, or a workbook cell).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use gongsi::error::{Error, Problem};
use gongsi::load::parse_plan;

/// A small deterministic generator (xorshift64*), so every run mutates the same way.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const VALUES: [&str; 14] = [
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
];

/// One random edit of `text`; returns the new text and what was done.
fn mutate(text: &str, rng: &mut Rng) -> (String, String) {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return (text.to_string(), "empty".into());
    }
    let at = rng.below(lines.len());
    let what = match rng.below(5) {
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
    let files: Vec<(PathBuf, String)> = gongsi::reference::FILES
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
            Ok(plan) => Ok(gongsi::check::check(&plan)),
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
