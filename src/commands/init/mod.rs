//! `gongsi init`: a district's first plan (새 계획 시작) — a neutral starter plan, as a YAML folder
//! or one workbook in the template's layout, with the field guide in its comments (안내 sheet
//! and cell notes) and placeholders where the district writes its own content.
//!
//! The starter is read and checked before anything is written: it has no errors, so it
//! builds, and `check` names each placeholder left. The folder appears whole or not at all
//! (as `new` writes it); the workbook is written atomically.

pub mod starter;

use std::path::{Path, PathBuf};

use crate::model::error::Error;
use crate::model::located::WrittenPlan;
use crate::model::problem::Problem;
use crate::pipeline::check::check;
use crate::pipeline::load::parse_plan;
use crate::pipeline::output::{self, filename, folder};

pub use starter::PLACEHOLDER;

/// The most strategies a starter has (a plan with more adds files by copying).
pub const MAX_STRATEGIES: usize = 20;

/// What `init` needs to know.
#[derive(Debug, Clone)]
pub struct InitConfig {
    /// 지자체 이름, e.g. "○○도 ○○군".
    pub district: String,
    /// 계획 연도.
    pub year: i32,
    /// Number of 추진전략 (1–[`MAX_STRATEGIES`]).
    pub strategies: usize,
    /// Write one workbook instead of a YAML folder.
    pub workbook: bool,
    /// The folder (or, with `workbook`, the file) to write; default `{연도}-{지자체}`
    /// (`.xlsx`).
    pub output: Option<PathBuf>,
}

/// What `init` wrote.
#[derive(Debug, Clone)]
pub struct InitReport {
    /// The plan folder or workbook written.
    pub written: PathBuf,
    /// Whether it is a workbook.
    pub workbook: bool,
    /// The files of the folder (relative), or the workbook's sheets.
    pub files: Vec<String>,
    /// Number of placeholders (`채울 곳:` values) to fill.
    pub placeholders: usize,
    /// Number of figures left `~`.
    pub figures: usize,
}

/// Writes the starter plan.
pub fn init(config: &InitConfig) -> Result<InitReport, Error> {
    let district = config.district.trim();
    check_arguments(config, district)?;
    let files = starter::files(&starter::Starter {
        district,
        year: config.year,
        strategies: config.strategies,
    });
    let plan = parse_plan(files.clone())?;
    let errors: Vec<Problem> = check(&plan)
        .into_iter()
        .filter(|f| f.is_error())
        .map(|f| f.problem)
        .collect();
    if !errors.is_empty() {
        // The starter is gongsi's own text: an error in it is a defect, said as such.
        return Err(Error::Input(errors));
    }
    let (placeholders, figures) = to_fill(&files);
    let year = config.year.to_string();
    let (written, names) = if config.workbook {
        let path = config
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from(filename::from_data(&[&year, district], "xlsx")));
        write_workbook(&path, &plan)?;
        let sheets = crate::model::sheets::RECORD_SHEETS.iter();
        (path, sheets.map(|s| s.name.to_string()).collect())
    } else {
        let path = config
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from(filename::from_data(&[&year, district], "")));
        write_folder(&path, &files)?;
        (path, files.iter().map(|(p, _)| display(p)).collect())
    };
    Ok(InitReport {
        written,
        workbook: config.workbook,
        files: names,
        placeholders,
        figures,
    })
}

/// Refuses a district that is not one line or is too long (said of the argument, before the
/// starter's files hold it: a problem found in them would name a plan.yaml the user never
/// wrote), a year out of range and a number of strategies gongsi does not make.
fn check_arguments(config: &InitConfig, district: &str) -> Result<(), Error> {
    if district.is_empty() || district.chars().any(char::is_control) {
        return Err(Error::usage(
            "--district에는 지자체 이름을 한 줄로 주세요.",
            "예: gongsi init --district \"○○도 ○○군\" --year 2026 -o 새계획",
        ));
    }
    let chars = district.chars().count();
    if chars > crate::model::limits::TEXT_CHARS {
        return Err(Error::usage(
            format!(
                "--district가 너무 깁니다: {}자 (한 항목에 {}자까지).",
                crate::model::limits::count(chars as u64),
                crate::model::limits::count(crate::model::limits::TEXT_CHARS as u64)
            ),
            "지자체 이름을 주세요. 예: gongsi init --district \"○○도 ○○군\" --year 2026 -o 새계획",
        ));
    }
    if !(2000..=2100).contains(&config.year) {
        return Err(Error::usage(
            format!("--year {}은(는) 계획 연도로 쓸 수 없습니다.", config.year),
            "네 자리 연도를 주세요. 예: --year 2026",
        ));
    }
    if !(1..=MAX_STRATEGIES).contains(&config.strategies) {
        return Err(Error::usage(
            format!(
                "--strategies {}: 추진전략은 1개부터 {MAX_STRATEGIES}개까지 만들 수 있습니다.",
                config.strategies
            ),
            "더 필요하면 strategies/ 의 파일을 복사해 ID를 바꾸세요.",
        ));
    }
    Ok(())
}

/// How many 「채울 곳」 texts and `~` figures the starter's files leave to fill.
fn to_fill(files: &[(PathBuf, String)]) -> (usize, usize) {
    let placeholders = files
        .iter()
        .map(|(_, text)| text.matches(&format!("\"{PLACEHOLDER}")).count())
        .sum();
    let figures = files
        .iter()
        .map(|(_, text)| {
            text.lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .map(|l| l.matches(": ~").count() + l.matches(", ~").count())
                .sum::<usize>()
        })
        .sum();
    (placeholders, figures)
}

/// Writes the starter as one workbook at `path`, never over a file that is there (as the
/// folder form refuses a folder that is not empty: someone may have filled it in).
fn write_workbook(path: &Path, plan: &WrittenPlan) -> Result<(), Error> {
    output::check_target(path)?;
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::usage(
            format!(
                "{}이(가) 이미 있어 빈 양식을 쓰지 않았습니다.",
                path.display()
            ),
            "새 파일 이름을 -o로 주세요. 있던 파일은 건드리지 않았습니다.",
        ));
    }
    let bytes =
        crate::renditions::workbook::starter(plan).map_err(crate::commands::export::xlsx_error)?;
    output::write_new(path, &bytes)
}

/// Writes the starter's files into the new or empty folder `path`, holding its claim.
fn write_folder(path: &Path, files: &[(PathBuf, String)]) -> Result<(), Error> {
    let claim = folder::claim(path)?;
    let target = folder::must_be_empty(path)?;
    let contents: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .map(|(p, text)| (p.clone(), text.clone().into_bytes()))
        .collect();
    folder::write(&claim, &contents, target)
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
