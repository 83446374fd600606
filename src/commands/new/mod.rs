//! `gongsi new`: next year's plan (다음 해 계획) from last year's, as a YAML folder.
//!
//! What changes is what depends on the year: the plan year and the document date move one
//! year on, and each 공통 일자리 목표 moves into last year's place (this year's 목표 becomes
//! 전년도 목표; 전년도 실적 and the new 목표 are left empty, `~`, for staff to fill). The
//! strategies, tasks, projects, budgets and schedule stay as a starting point. Everything
//! staff must look at is listed in `검토할곳.md` (see [`todo`]).
//!
//! Files read from YAML keep their text, comments and layout: only the known fields are
//! edited in place, and an edit is accepted only if the file then reads as intended
//! ([`edit`]). Parts read from a workbook, or whose in-place edit does not read back, are
//! written anew from the source model. The new folder is read and checked before it is
//! put in place, and it appears whole or not at all.

pub mod edit;
pub mod todo;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::error::Error;
use crate::model::located::{Located, WrittenPlan};
use crate::model::problem::Finding;
use crate::model::problem::Problem;
use crate::model::walk;
use crate::model::written::{Block, CommonTarget, Goals, PlanInfo};
use crate::pipeline::check::check;
use crate::pipeline::load::parse_plan;
use crate::pipeline::load::workbook::grid::number_text;
use crate::pipeline::load_and_check;
use crate::pipeline::output::filename;

use edit::{Replace, write_value};

/// The to-do list's file name in the new folder.
pub const TODO_FILE: &str = "검토할곳.md";

/// What `new` needs to know.
#[derive(Debug, Clone)]
pub struct NewConfig {
    /// Last year's plan: a folder or a workbook.
    pub from: PathBuf,
    /// The new plan's year (default: last year's + 1; nothing else is accepted).
    pub year: Option<i32>,
    /// The folder to write (default: `{연도}-{지자체}`, spaces removed). It must not exist
    /// or be empty.
    pub output: Option<PathBuf>,
}

/// One file of the new plan.
#[derive(Debug, Clone)]
pub struct PlanFile {
    /// Path relative to the plan folder.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// Whether the original text (comments, layout) was kept.
    pub kept: bool,
}

/// What `new` wrote.
#[derive(Debug, Clone)]
pub struct NewReport {
    /// The new plan folder.
    pub folder: PathBuf,
    /// Its year.
    pub year: i32,
    /// The files written (without the to-do list).
    pub files: Vec<PlanFile>,
    /// The to-do list (Markdown), also written as [`TODO_FILE`].
    pub todo: String,
    /// Number of places in the to-do list.
    pub places: usize,
    /// The new plan's validator findings (all warnings).
    pub findings: Vec<Finding>,
}

/// Writes next year's plan.
pub fn new_plan(config: &NewConfig) -> Result<NewReport, Error> {
    let source = load_and_check(Some(&config.from))?.written;
    let last = source.info.value.year;
    let year = config.year.unwrap_or(last + 1);
    if year != last + 1 {
        return Err(Error::usage(
            format!(
                "{}은(는) {last}년 계획입니다. 다음 해 계획은 {}년만 만들 수 있습니다 (--year {year}).",
                config.from.display(),
                last + 1
            ),
            format!(
                "--year {}로 실행하거나, {}년 계획을 --from으로 주세요. 전년도 목표·실적 자리에는 바로 앞 해의 계획만 옮길 수 있습니다.",
                last + 1,
                year - 1
            ),
        ));
    }
    let folder = config.output.clone().unwrap_or_else(|| {
        let district = &source.info.value.district;
        PathBuf::from(filename::from_data(&[&year.to_string(), district], ""))
    });
    let claim = crate::pipeline::output::folder::claim(&folder)?;
    let target = crate::pipeline::output::folder::must_be_empty(&folder)?;

    let files = next_year_files(&source, year, &config.from);
    let plan = parse_plan(
        files
            .iter()
            .map(|f| (f.path.clone(), f.text.clone()))
            .collect(),
    )?;
    let findings = check(&plan);
    let errors: Vec<Problem> = findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| f.problem.clone())
        .collect();
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    let (todo, places) = todo::write(&todo::Context {
        from: &config.from,
        last: &source,
        next: &plan,
        findings: &findings,
    });
    let mut contents: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .map(|f| (f.path.clone(), f.text.clone().into_bytes()))
        .collect();
    contents.push((PathBuf::from(TODO_FILE), todo.clone().into_bytes()));
    crate::pipeline::output::folder::write(&claim, &contents, target)?;
    drop(claim);
    Ok(NewReport {
        folder,
        year,
        files,
        todo,
        places,
        findings,
    })
}

/// The files of next year's plan.
pub fn next_year_files(source: &WrittenPlan, year: i32, from: &Path) -> Vec<PlanFile> {
    let header = format!(
        "# gongsi new가 {}에서 만든 파일입니다 (원본의 주석은 옮기지 못했습니다).\n",
        from.display()
    );
    let mut files = Vec::new();

    let mut info: PlanInfo = source.info.value.clone();
    info.year = year;
    info.date = next_date(&info.date, year);
    let edits = vec![
        replace("year", year.to_string()),
        replace("date", format!("\"{}\"", info.date)),
    ];
    files.push(file(&source.info, "plan.yaml", &edits, &info, &header));

    let mut goals: Goals = source.goals.value.clone();
    let mut edits = Vec::new();
    for (i, target) in goals.common_targets.iter_mut().enumerate() {
        *target = next_target(target);
        let figure = |v: Option<f64>| v.map_or_else(|| "~".to_string(), number_text);
        let path = format!("common_targets[{i}]");
        edits.push(replace(
            &format!("{path}.previous_target"),
            figure(target.previous_target),
        ));
        edits.push(replace(&format!("{path}.previous_result"), "~".into()));
        edits.push(replace(&format!("{path}.target"), "~".into()));
    }
    detach_sheets(&mut goals.term_plan.body);
    files.push(file(&source.goals, "goals.yaml", &edits, &goals, &header));

    for (i, chapter) in source.chapters.iter().enumerate() {
        let mut value = chapter.value.clone();
        detach_sheets(&mut value.body);
        let name = format!("labour-market/{:02}.yaml", i + 1);
        files.push(file(chapter, &name, &[], &value, &header));
    }
    for (i, strategy) in source.strategies.iter().enumerate() {
        let mut value = strategy.value.clone();
        for task in &mut value.tasks {
            detach_sheets(&mut task.purpose);
            detach_sheets(&mut task.intro);
            detach_sheets(&mut task.effects);
            for project in &mut task.projects {
                detach_sheets(&mut project.details);
            }
        }
        let stem = filename::from_data(&[&format!("{:02}", i + 1), &value.id], "yaml");
        let name = format!("strategies/{stem}");
        files.push(file(strategy, &name, &[], &value, &header));
    }
    files
}

/// A 공통 일자리 목표 one year on: this year's 목표 becomes 전년도 목표; 전년도 실적 and the
/// new 목표 are not known yet.
pub fn next_target(target: &CommonTarget) -> CommonTarget {
    CommonTarget {
        previous_target: target.target,
        previous_result: None,
        target: None,
        ..target.clone()
    }
}

/// The document date moved to `year` (same month and day; 29 February becomes the 28th).
pub fn next_date(date: &str, year: i32) -> String {
    let mut parts = date.splitn(3, '-').skip(1);
    let (month, day) = (parts.next().unwrap_or("01"), parts.next().unwrap_or("01"));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let day = if month == "02" && day == "29" && !leap {
        "28"
    } else {
        day
    };
    format!("{year:04}-{month}-{day}")
}

fn replace(path: &str, yaml: String) -> Replace {
    Replace {
        path: path.to_string(),
        yaml,
    }
}

/// One file: the part's own YAML text edited in place when it came from a YAML file with
/// no figures from a workbook, else the value serialised (at `default` for parts that
/// came from a workbook).
fn file<T, V>(
    part: &Located<T>,
    default: &str,
    edits: &[Replace],
    value: &V,
    header: &str,
) -> PlanFile
where
    V: Serialize + DeserializeOwned,
{
    let from_yaml = part
        .file
        .extension()
        .is_some_and(|e| e == "yaml" || e == "yml");
    let pure_yaml = from_yaml && part.cells.is_empty() && !part.text.is_empty();
    let original = pure_yaml.then_some(part.text.as_str());
    let (text, kept) = write_value(original, edits, value, header);
    PlanFile {
        path: if from_yaml {
            part.file.clone()
        } else {
            PathBuf::from(default)
        },
        text,
        kept,
    }
}

/// Tables that pointed at a workbook sheet now carry their content in YAML.
fn detach_sheets(blocks: &mut [Block]) {
    walk::blocks_mut("", blocks, 0, &mut |_, block, _| {
        if let Some(table) = &mut block.table {
            table.sheet = None;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::written::TargetKind;
    use crate::pipeline::load::reference_plan;

    #[test]
    fn dates_move_one_year_and_leap_days_stay_valid() {
        assert_eq!(next_date("2021-04-30", 2022), "2022-04-30");
        assert_eq!(next_date("2024-02-29", 2025), "2025-02-28");
        assert_eq!(next_date("2023-02-28", 2024), "2024-02-28");
    }

    #[test]
    fn this_years_target_becomes_last_years() {
        let target = CommonTarget {
            name: "취업률".into(),
            summary_name: None,
            kind: TargetKind::Rate,
            previous_target: Some(34.0),
            previous_result: Some(30.2),
            target: Some(34.1),
        };
        let next = next_target(&target);
        assert_eq!(next.previous_target, Some(34.1));
        assert_eq!(next.previous_result, None);
        assert_eq!(next.target, None);
    }

    #[test]
    fn reference_plan_keeps_its_text_and_reads_as_next_year() {
        let source = reference_plan().unwrap();
        let files = next_year_files(&source, 2022, Path::new("content/2021-인천서구"));
        assert!(
            files.iter().all(|f| f.kept),
            "every YAML file keeps its comments"
        );
        let goals = files
            .iter()
            .find(|f| f.path == Path::new("goals.yaml"))
            .unwrap();
        assert!(goals.text.contains("previous_target: 34.1\n"));
        assert!(goals.text.contains("previous_target: 125000\n"));
        assert!(goals.text.starts_with("# yaml-language-server"));
        let plan = parse_plan(
            files
                .iter()
                .map(|f| (f.path.clone(), f.text.clone()))
                .collect(),
        )
        .unwrap();
        assert_eq!(plan.info.value.year, 2022);
        assert_eq!(plan.info.value.date, "2022-04-30");
        assert_eq!(
            plan.goals.value.common_targets[1].previous_target,
            Some(125000.0)
        );
        assert_eq!(plan.strategies.len(), source.strategies.len());
    }

    #[test]
    fn serialised_parts_read_back_as_the_same_plan() {
        // What a plan read from a workbook goes through: every part serialised anew.
        let source = reference_plan().unwrap();
        let mut files = Vec::new();
        files.push((
            PathBuf::from("plan.yaml"),
            edit::serialise(&source.info.value),
        ));
        files.push((
            PathBuf::from("goals.yaml"),
            edit::serialise(&source.goals.value),
        ));
        for (i, c) in source.chapters.iter().enumerate() {
            files.push((
                PathBuf::from(format!("labour-market/{i:02}.yaml")),
                edit::serialise(&c.value),
            ));
        }
        for (i, s) in source.strategies.iter().enumerate() {
            files.push((
                PathBuf::from(format!("strategies/{i:02}.yaml")),
                edit::serialise(&s.value),
            ));
        }
        let again = parse_plan(files).unwrap();
        let a = crate::renditions::pdf::source::render(
            &crate::pipeline::plan::build_plan(&source),
            None,
        )
        .unwrap();
        let b = crate::renditions::pdf::source::render(
            &crate::pipeline::plan::build_plan(&again),
            None,
        )
        .unwrap();
        assert_eq!(a.files, b.files);
    }
}
