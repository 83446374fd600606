//! 계획 폴더 읽기 (reading a plan folder): the walk over its files in a defined order, the
//! link policy (a link is followed only to a file inside the folder), and which files are
//! taken: YAML files in the parts' places, one workbook at the top, and a located problem for
//! every file that cannot be taken.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::model::error::Error;
use crate::model::limits;
use crate::model::problem::Problem;
use crate::pipeline::load::opened;
use crate::pipeline::load::textfile::{self, ReadError};
use crate::pipeline::load::workbook;

/// What a plan folder holds for gongsi.
#[derive(Debug, Default)]
pub struct PlanFolder {
    /// The YAML files: path relative to the folder, and text, in walk order (sorted by name).
    pub yaml: Vec<(PathBuf, String)>,
    /// The workbooks directly in the folder (office lock files skipped), each opened and
    /// checked to be inside the folder ([`opened`]).
    pub workbooks: Vec<(PathBuf, std::fs::File)>,
    /// Files that could not be taken, each named: a link that leads outside the folder or
    /// nowhere, a special file, a file too large or not UTF-8, a stray file in a part's folder.
    pub problems: Vec<Problem>,
    /// Every file taken, as it was when it was read.
    pub read: Vec<(PathBuf, opened::Stamp)>,
}

/// How many times the folder is read again when a file changed while it was read.
const WALKS: usize = 3;

/// Reads a plan folder. Symbolic links are followed when what they lead to is inside the
/// folder; any other link is refused with a problem, never skipped without a word. Hidden
/// files (editor swap files) and office lock files are not part of a plan; other files at
/// the top (notes, 검토할곳.md) are left alone; in `labour-market/` and `strategies/` every
/// file must be YAML.
///
/// The files are one moment's: when a file taken changed before the walk ended (a file
/// being saved), the folder is read again; a file that keeps changing is a problem, never
/// half-used.
pub fn read_plan_folder(root: &Path) -> Result<PlanFolder, Error> {
    let mut folder = walk(root)?;
    for _ in 1..WALKS {
        if folder.read.iter().all(|(path, stamp)| stamp.holds(path)) {
            return Ok(folder);
        }
        folder = walk(root)?;
    }
    let changed: Vec<PathBuf> = folder
        .read
        .iter()
        .filter(|(path, stamp)| !stamp.holds(path))
        .map(|(path, _)| path.strip_prefix(root).unwrap_or(path).to_path_buf())
        .collect();
    for shown in changed {
        folder.problems.push(opened::changing(&shown));
    }
    Ok(folder)
}

/// Reads the plan folder once (see [`read_plan_folder`]).
fn walk(root: &Path) -> Result<PlanFolder, Error> {
    if !root.is_dir() {
        return Err(Error::usage(
            format!("계획 폴더를 찾을 수 없습니다: {}", root.display()),
            "plan.yaml이 들어 있는 폴더나 통합문서를 지정하세요. 새 계획은 gongsi init --district \"○○군\" --year 2026 -o 새계획 으로 시작할 수 있습니다.",
        ));
    }
    let base = std::fs::canonicalize(root).map_err(|e| Error::io("폴더 읽기", root, e))?;
    let relative = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let refused = std::cell::RefCell::new(Vec::new());
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let Some(message) = refused_link(entry, &base) else {
                return true;
            };
            refused.borrow_mut().push(
                Problem::new(&relative(entry.path()), "", message).hint(
                    "링크 대신 파일을 계획 폴더 안에 복사해 두세요. 계획 폴더 안을 가리키는 링크는 읽습니다.",
                ),
            );
            false
        });
    let mut folder = PlanFolder::default();
    let mut total: u64 = 0;
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                let Some(message) = broken_link(&e, &path) else {
                    return Err(Error::io("폴더 읽기", &path, e.into()));
                };
                folder.problems.push(
                    Problem::new(&relative(&path), "", message)
                        .hint("그 링크를 지우거나, 링크 대신 파일을 계획 폴더 안에 두세요."),
                );
                continue;
            }
        };
        let shown = relative(entry.path());
        if take_file(&entry, shown, &base, &mut total, &mut folder)?.is_break() {
            break;
        }
    }
    let mut problems = refused.into_inner();
    problems.append(&mut folder.problems);
    folder.problems = problems;
    Ok(folder)
}

/// Why the walk must not follow `entry`: a link that leads outside the folder (`base`, as
/// canonical) or nowhere; `None` for anything else.
fn refused_link(entry: &walkdir::DirEntry, base: &Path) -> Option<String> {
    if !entry.path_is_symlink() {
        return None;
    }
    match std::fs::canonicalize(entry.path()) {
        Ok(target) if target.starts_with(base) => None,
        Ok(target) => Some(format!(
            "계획 폴더 밖({})을 가리키는 링크(symlink)라 읽지 않았습니다.",
            target.display()
        )),
        Err(_) => Some("가리키는 파일이 없는 링크(symlink)라 읽지 않았습니다.".to_string()),
    }
}

/// What is wrong with the link at `path` that the walk could not follow (one that leads to
/// a folder holding it, or nowhere); `None` when the error is not about a link.
fn broken_link(error: &walkdir::Error, path: &Path) -> Option<&'static str> {
    if error.loop_ancestor().is_some() {
        return Some("자기를 품은 폴더를 가리키는 링크(symlink)라 읽지 않았습니다.");
    }
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    link.then_some("가리키는 파일이 없는 링크(symlink)라 읽지 않았습니다.")
}

/// Takes one file of the walk, shown as `shown`, into `folder`: a YAML file's text, a
/// workbook at the top, or a problem (a stray file in a part's folder, a special file, a
/// file too large); other files are left alone. `Break` once the files taken pass the
/// plan's size limit (`total` so far).
fn take_file(
    entry: &walkdir::DirEntry,
    shown: PathBuf,
    base: &Path,
    total: &mut u64,
    folder: &mut PlanFolder,
) -> Result<ControlFlow<()>, Error> {
    let path = entry.path();
    let name = entry.file_name().to_string_lossy().into_owned();
    let kind = entry.file_type();
    if kind.is_dir() || name.starts_with('.') || name.starts_with("~$") {
        return Ok(ControlFlow::Continue(()));
    }
    let yaml = path.extension().is_some_and(|ext| {
        let ext = ext.to_string_lossy().to_lowercase();
        ext == "yaml" || ext == "yml"
    });
    let book = entry.depth() == 1 && workbook::is_workbook(path);
    if !yaml && !book {
        if entry.depth() > 1 {
            folder.problems.push(
                Problem::new(&shown, "", "YAML 파일이 아닌 파일이 계획의 부분 폴더에 있습니다.")
                    .hint("labour-market/와 strategies/에는 .yaml 파일만 둡니다. 이 파일을 폴더 밖으로 옮기세요 (조용히 건너뛰지 않도록 오류로 알립니다)."),
            );
        }
        return Ok(ControlFlow::Continue(()));
    }
    if !kind.is_file() {
        folder.problems.push(
            Problem::new(
                &shown,
                "",
                "보통 파일이 아닙니다 (장치, 파이프(FIFO), 소켓).",
            )
            .hint("계획 파일은 보통 파일이어야 합니다."),
        );
        return Ok(ControlFlow::Continue(()));
    }
    let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limits::FILE_BYTES {
        folder.problems.push(textfile::too_large(&shown, size));
        return Ok(ControlFlow::Continue(()));
    }
    *total = total.saturating_add(size);
    if *total > limits::PLAN_BYTES {
        folder.problems.push(
            Problem::new(
                &shown,
                "",
                format!(
                    "계획 폴더의 파일이 모두 {} 바이트를 넘습니다 (한도 {} 바이트, 30 MiB).",
                    limits::count(*total),
                    limits::count(limits::PLAN_BYTES)
                ),
            )
            .hint("계획에 쓰지 않는 큰 파일을 폴더 밖으로 옮기세요."),
        );
        return Ok(ControlFlow::Break(()));
    }
    let read = take(path, base, &shown, book);
    if let Ok((_, stamp)) = &read {
        folder.read.push((path.to_path_buf(), stamp.clone()));
    }
    match read.map(|(taken, _)| taken) {
        Ok(Taken::Workbook(file)) => folder.workbooks.push((path.to_path_buf(), file)),
        Ok(Taken::Text(text)) => folder.yaml.push((shown, text)),
        Err(ReadError::Content(problem)) => folder.problems.push(problem),
        Err(ReadError::Io(error)) => return Err(error),
    }
    Ok(ControlFlow::Continue(()))
}

/// Opens the file at `path` once and checks it as opened (inside the folder `base`, a
/// regular file): a workbook stays open, a YAML file is read whole and decoded; with the
/// stamp it had when read.
fn take(
    path: &Path,
    base: &Path,
    shown: &Path,
    book: bool,
) -> Result<(Taken, opened::Stamp), ReadError> {
    let file = opened::open_inside(path, Some(base), shown)?;
    let io = |e| ReadError::Io(Error::io("파일 읽기", path, e));
    if book {
        let stamp = opened::Stamp::of(&file).map_err(io)?;
        return Ok((Taken::Workbook(file), stamp));
    }
    let bytes = opened::read_whole(&file, path, shown)?;
    let stamp = opened::Stamp::of(&file).map_err(io)?;
    textfile::decode(shown, bytes)
        .map(|text| (Taken::Text(text), stamp))
        .map_err(ReadError::Content)
}

/// A file taken: a YAML file's text, or an open workbook.
enum Taken {
    Text(String),
    Workbook(std::fs::File),
}
