//! Building several plans at once (여러 계획 한꺼번에): `gongsi build A B C` or a folder of
//! plans. The plans are built in parallel, one per core; a plan that fails does not stop the
//! others, and each plan's outcome (PDF or error) comes back to the caller, in the order
//! given, for the summary and the exit status.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::commands::build::{BuildConfig, BuildReport, build_plan_with};
use crate::model::error::Error;
use crate::pipeline::load::workbook;
use crate::renditions::pdf::Typesetting;

/// What a batch build needs to know.
#[derive(Debug, Clone)]
pub struct BatchConfig {
    /// The plans (folders or workbooks), already expanded by [`expand`].
    pub plans: Vec<PathBuf>,
    /// The folder the PDFs go into (default: the current folder); each PDF has its default
    /// name `{연도}-{지자체}-연차별세부계획.pdf`.
    pub output_dir: Option<PathBuf>,
    /// Templates and fonts.
    pub typesetting: Typesetting,
    /// Fail a plan (no PDF) when it has arithmetic warnings.
    pub deny_warnings: bool,
}

/// The outcome of one plan of a batch.
#[derive(Debug)]
pub struct PlanOutcome {
    /// The plan as given.
    pub plan: PathBuf,
    /// Its PDF, or why there is none.
    pub result: Result<BuildReport, Error>,
    /// How long it took.
    pub elapsed: Duration,
}

/// Whether `path` is one plan: a workbook; a folder with `plan.yaml` (a workbook beside it
/// holds that plan's figures); or a folder with just one workbook and no plan folder in it.
/// A folder of several workbooks, or of plan folders and workbooks, is a folder of plans.
pub fn is_plan(path: &Path) -> bool {
    if path.is_file() {
        return workbook::is_workbook(path);
    }
    if has_plan_yaml(path) {
        return true;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return false;
    };
    let (mut workbooks, mut plan_folders) = (0, 0);
    for entry in entries.filter_map(Result::ok).map(|e| e.path()) {
        if entry.is_file() && workbook::is_workbook(&entry) {
            workbooks += 1;
        } else if entry.is_dir() && (has_plan_yaml(&entry) || workbooks_in(&entry) > 0) {
            plan_folders += 1;
        }
    }
    workbooks == 1 && plan_folders == 0
}

/// Whether the folder has a `plan.yaml` (whatever it is: a file, or something gongsi then
/// refuses to read).
fn has_plan_yaml(folder: &Path) -> bool {
    std::fs::symlink_metadata(folder.join("plan.yaml")).is_ok()
}

/// How many workbooks are directly in the folder.
fn workbooks_in(folder: &Path) -> usize {
    std::fs::read_dir(folder).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file() && workbook::is_workbook(&e.path()))
            .count()
    })
}

/// The plans named on the command line: a plan stays as it is; a folder that is not a plan
/// stands for the plans in it (sub-folders and workbooks, by name). The `bool` says whether
/// any folder of plans was expanded.
pub fn expand(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, bool), Error> {
    let mut plans = Vec::new();
    let mut expanded = false;
    for path in paths {
        if !path.is_dir() || is_plan(path) {
            plans.push(path.clone());
            continue;
        }
        let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::io("폴더 읽기", path, e))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_plan(p))
            .collect();
        if inside.is_empty() {
            return Err(Error::usage(
                format!(
                    "{}은(는) 계획 폴더가 아니고, 안에 계획도 없습니다.",
                    path.display()
                ),
                "plan.yaml이 있는 계획 폴더, 통합문서, 또는 그런 계획들이 든 폴더를 주세요.",
            ));
        }
        inside.sort();
        plans.extend(inside);
        expanded = true;
    }
    Ok((plans, expanded))
}

/// Builds every plan, in parallel; `done` is called as each plan finishes (from the worker
/// thread). The outcomes come back in the order of `config.plans`.
pub fn build_all(config: &BatchConfig, done: &(dyn Fn(&PlanOutcome) + Sync)) -> Vec<PlanOutcome> {
    let dir = config
        .output_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from("."));
    let claimed = Mutex::new(HashSet::new());
    config
        .plans
        .par_iter()
        .with_max_len(1)
        .map(|plan| {
            let started = Instant::now();
            let build = BuildConfig {
                plan: Some(plan.clone()),
                output: None,
                emit_typst: None,
                typesetting: config.typesetting.clone(),
                deny_warnings: config.deny_warnings,
                to: None,
            };
            let result = build_plan_with(&build, |name| {
                let output = dir.join(name);
                let fresh = claimed
                    .lock()
                    .map(|mut set| set.insert(output.clone()))
                    .unwrap_or(false);
                if fresh {
                    Ok(output)
                } else {
                    Err(Error::usage(format!(
                            "다른 계획도 같은 PDF 이름({})이 되어 이 계획은 만들지 않았습니다.",
                            output.display()
                        ), "같은 연도·지자체의 계획이 둘 있습니다. 따로 gongsi build <계획> -o <파일>로 만드세요."))
                }
            });
            let outcome = PlanOutcome {
                plan: plan.clone(),
                result,
                elapsed: started.elapsed(),
            };
            done(&outcome);
            outcome
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_of_plans_expands_to_its_plans_in_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b", "a"] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
            std::fs::write(dir.path().join(name).join("plan.yaml"), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("메모")).unwrap();
        let (plans, expanded) = expand(&[dir.path().to_path_buf()]).unwrap();
        assert!(expanded);
        assert_eq!(plans, vec![dir.path().join("a"), dir.path().join("b")]);
        let (plans, expanded) = expand(&[dir.path().join("a")]).unwrap();
        assert!(!expanded);
        assert_eq!(plans, vec![dir.path().join("a")]);
    }

    #[test]
    fn a_folder_of_workbooks_and_plan_folders_expands_to_each() {
        let dir = tempfile::tempdir().unwrap();
        let touch = |path: &Path| std::fs::write(path, "").unwrap();
        touch(&dir.path().join("동구.xlsx"));
        touch(&dir.path().join("중구.ods"));
        touch(&dir.path().join("메모.txt"));
        std::fs::create_dir(dir.path().join("서구")).unwrap();
        touch(&dir.path().join("서구/plan.yaml"));
        // The figures workbook of a plan folder stays part of that plan.
        touch(&dir.path().join("서구/수치.xlsx"));
        std::fs::create_dir(dir.path().join("남구")).unwrap();
        touch(&dir.path().join("남구/남구.xlsx"));
        let (plans, expanded) = expand(&[dir.path().to_path_buf()]).unwrap();
        assert!(expanded);
        let names: Vec<_> = plans
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().to_path_buf())
            .collect();
        let expected: Vec<PathBuf> = ["남구", "동구.xlsx", "서구", "중구.ods"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(names, expected);
        // A folder with one workbook only is that plan; with a plan folder beside it, not.
        assert!(is_plan(&dir.path().join("남구")));
        touch(&dir.path().join("남구/plan.yaml"));
        assert!(is_plan(&dir.path().join("남구")));
        assert!(!is_plan(dir.path()));
    }

    #[test]
    fn a_folder_without_plans_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let error = expand(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(error.to_string().contains("안에 계획도 없습니다"));
    }
}
