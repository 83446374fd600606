//! Step 1 of the pipeline, 불러오기: read a plan folder into the source model.
//!
//! A plan is a folder of YAML files, walked in a defined order (file names sorted):
//! `plan.yaml`, `goals.yaml`, `labour-market/*.yaml` (part II chapters in file-name order)
//! and `strategies/*.yaml` (one 추진전략 each, in file-name order). Any other YAML file is
//! an error, so that a misplaced file is never silently ignored. Every file is parsed even
//! when an earlier one failed, so that all problems are reported at once.
//!
//! [`folder`] walks the folder (and holds the link policy), [`yaml`] parses each file with
//! its error recovery, [`serde_korean`] says serde's messages in Korean; [`prescan`] looks
//! at a file's shape before serde does, and [`workbook`] reads a workbook.

pub mod folder;
pub mod hwpx;
pub mod indent;
pub mod opened;
pub mod prescan;
pub mod reference;
pub mod remembered;
pub mod serde_korean;
pub mod textfile;
pub mod workbook;
pub mod yaml;
use std::path::{Path, PathBuf};

use crate::model::error::Error;
use crate::model::limits;
use crate::model::located::{Parts, WrittenPlan};
use crate::model::problem::Problem;
pub use folder::{PlanFolder, read_plan_folder};
use remembered::Parsed;
use workbook::{assemble, grid::Workbook};
pub use yaml::from_yaml;
use yaml::parse;

/// Reads a plan: a folder of YAML files (with at most one workbook beside them for the
/// figures), or a single workbook (`.xlsx`, `.xls`, `.xlsb`, `.ods`).
pub fn load_plan(path: &Path) -> Result<WrittenPlan, Error> {
    load_plan_read(path).map(|(plan, _)| plan)
}

/// [`load_plan`], with every file read as it was when it was read (see
/// [`opened::Stamp`]): a command checks them again before it writes what it made.
pub fn load_plan_read(path: &Path) -> Result<(WrittenPlan, Vec<(PathBuf, opened::Stamp)>), Error> {
    let mut problems = Vec::new();
    if path.is_file() && workbook::is_workbook(path) {
        let stamp = opened::Stamp::at(path);
        let mut parts = Parts::default();
        let mut book = Workbook::open(path, path)?;
        assemble::merge(&mut book, &mut parts, &mut problems);
        assemble::fill_tables(Some(&mut book), &mut parts, &mut problems);
        assemble::unused_sheets(&book, &mut parts);
        let read = stamp.map(|s| (path.to_path_buf(), s)).into_iter().collect();
        return finish(parts, problems).map(|plan| (plan, read));
    }
    let folder = read_plan_folder(path)?;
    let read = folder.read.clone();
    problems.extend(folder.problems);
    let mut parts = parse_parts(folder.yaml, &mut problems);
    let mut book = match folder.workbooks.as_slice() {
        [] => None,
        [(one, file)] => {
            let shown = one.strip_prefix(path).unwrap_or(one);
            Some(Workbook::read(file, one, shown)?)
        }
        [(first, _), (second, _), ..] => {
            return Err(Error::TwoWorkbooks {
                first: first.clone(),
                second: second.clone(),
            });
        }
    };
    if let Some(book) = &mut book {
        assemble::merge(book, &mut parts, &mut problems);
    }
    assemble::fill_tables(book.as_mut(), &mut parts, &mut problems);
    if let Some(book) = &book {
        assemble::unused_sheets(book, &mut parts);
    }
    finish(parts, problems).map(|plan| (plan, read))
}

/// The reference plan embedded in the binary (2021 인천광역시 서구, from `content/`).
pub fn reference_plan() -> Result<WrittenPlan, Error> {
    let files = crate::pipeline::load::reference::FILES
        .iter()
        .map(|(path, text)| (PathBuf::from(path), text.to_string()))
        .collect();
    parse_plan(files)
}

/// Parses a plan's files (relative path, text); every file is parsed so that all problems
/// are reported at once.
pub fn parse_plan(files: Vec<(PathBuf, String)>) -> Result<WrittenPlan, Error> {
    let mut problems = Vec::new();
    let parts = parse_parts(files, &mut problems);
    finish(parts, problems)
}

/// Parses the YAML files into parts.
fn parse_parts(files: Vec<(PathBuf, String)>, problems: &mut Vec<Problem>) -> Parts {
    let mut parts = Parts::default();
    let mut nodes = 0usize;
    for (relative, text) in files {
        // A file whose very text was scanned and parsed before is not read again.
        let recalled = remembered::recall(&relative, &text);
        // The file's shape first: nothing unbounded reaches the deserializer.
        let file_nodes = match &recalled {
            Some((_, counted)) => *counted,
            None => match prescan::scan(&relative, &text) {
                Ok(shape) => shape.nodes,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            },
        };
        nodes += file_nodes;
        if nodes > limits::PLAN_NODES {
            problems.push(
                Problem::new(
                    &relative,
                    "",
                    format!(
                        "계획 전체의 값이 너무 많습니다 ({}개를 넘음; 이 파일까지 {}개).",
                        limits::count(limits::PLAN_NODES as u64),
                        limits::count(nodes as u64)
                    ),
                )
                .hint("gongsi가 한 번에 다루는 계획의 크기(전략·사업을 50배로 늘린 참고 계획의 1.7배쯤)를 넘었습니다. 계획을 나누어 만드세요."),
            );
            break;
        }
        if let Some((parsed, _)) = recalled {
            parsed.into_parts(&mut parts);
            continue;
        }
        let names: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let parsed = match names.as_slice() {
            ["plan.yaml"] => parse(&relative, text, problems).map(Parsed::Info),
            ["goals.yaml"] => parse(&relative, text, problems).map(Parsed::Goals),
            ["labour-market", _] => parse(&relative, text, problems).map(Parsed::Chapter),
            ["strategies", _] => parse(&relative, text, problems).map(Parsed::Strategy),
            _ => {
                problems.push(
                Problem::new(&relative, "", "어느 부분에 속하는지 알 수 없는 YAML 파일입니다.").hint(
                    "plan.yaml, goals.yaml, labour-market/*.yaml, strategies/*.yaml 중 하나로 옮기거나 이름을 바꾸세요.",
                ),
            );
                continue;
            }
        };
        if let Some(parsed) = parsed {
            remembered::remember(&relative, &parsed, file_nodes);
            parsed.into_parts(&mut parts);
        }
    }
    parts
}

/// Checks that every required part was found; the plan, or every problem.
fn finish(parts: Parts, mut problems: Vec<Problem>) -> Result<WrittenPlan, Error> {
    let failed = |name: &str| problems.iter().any(|p: &Problem| p.file == Path::new(name));
    let missing: Vec<&str> = [
        ("plan.yaml", parts.info.is_none()),
        ("goals.yaml", parts.goals.is_none()),
    ]
    .into_iter()
    .filter(|(name, absent)| *absent && !failed(name))
    .map(|(name, _)| name)
    .collect();
    for name in missing {
        problems.push(
            Problem::new(Path::new(name), "", "필수 파일이 없습니다.")
                .hint("계획 폴더에 이 파일을 만들거나, 통합문서에 해당 시트(계획, 목표)를 채우세요. 본보기: gongsi init --district <지자체> --year <연도> -o 본보기 가 만드는 같은 파일(항목마다 설명이 달림); 항목의 뜻은 gongsi schema -o schema 와 사용 안내서 「항목 설명」(docs/field-guide.md)에 있습니다."),
        );
    }
    if parts.strategies.is_empty()
        && !problems
            .iter()
            .any(|p| p.file.starts_with("strategies") || p.cell.is_some())
    {
        problems.push(
            Problem::new(
                Path::new("strategies"),
                "",
                "추진전략 파일이 하나도 없습니다.",
            )
            .hint("strategies/ 폴더에 추진전략마다 YAML 파일을 하나씩 두거나, 통합문서의 전략·과제·사업 시트를 채우세요."),
        );
    }
    match (parts.info, parts.goals) {
        (Some(info), Some(goals)) if problems.is_empty() => Ok(WrittenPlan {
            info,
            goals,
            chapters: parts.chapters,
            strategies: parts.strategies,
            unused_sheets: parts.unused_sheets,
        }),
        _ => Err(Error::Input(problems)),
    }
}
