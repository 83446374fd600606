//! Step 1 of the pipeline, 불러오기: read a plan folder into the source model.
//!
//! A plan is a folder of YAML files, walked in a defined order (file names sorted):
//! `plan.yaml`, `goals.yaml`, `labour-market/*.yaml` (part II chapters in file-name order)
//! and `strategies/*.yaml` (one 추진전략 each, in file-name order). Any other YAML file is
//! an error, so that a misplaced file is never silently ignored. Every file is parsed even
//! when an earlier one failed, so that all problems are reported at once.

pub mod indent;
pub mod prescan;
pub mod reference;
pub mod textfile;
pub mod workbook;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::model::data_path::{Step, child, steps};
use crate::model::error::Error;
use crate::model::limits;
use crate::model::located::{Located, Parts, WrittenPlan};
use crate::model::positions::Positions;
use crate::model::problem::Problem;
use textfile::ReadError;
use workbook::{assemble, grid::Workbook};

/// Reads a plan: a folder of YAML files (with at most one workbook beside them for the
/// figures), or a single workbook (`.xlsx`, `.xls`, `.xlsb`, `.ods`).
pub fn load_plan(path: &Path) -> Result<WrittenPlan, Error> {
    let mut problems = Vec::new();
    if path.is_file() && workbook::is_workbook(path) {
        let mut parts = Parts::default();
        let mut book = Workbook::open(path, path)?;
        assemble::merge(&mut book, &mut parts, &mut problems);
        assemble::fill_tables(Some(&mut book), &mut parts, &mut problems);
        assemble::unused_sheets(&book, &mut parts);
        return finish(parts, problems);
    }
    let folder = read_plan_folder(path)?;
    problems.extend(folder.problems);
    let mut parts = parse_parts(folder.yaml, &mut problems);
    let mut book = match folder.workbooks.as_slice() {
        [] => None,
        [one] => {
            let shown = one.strip_prefix(path).unwrap_or(one);
            Some(Workbook::open(one, shown)?)
        }
        [first, second, ..] => {
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
    finish(parts, problems)
}

/// The reference plan embedded in the binary (2021 인천광역시 서구, from `content/`).
pub fn reference_plan() -> Result<WrittenPlan, Error> {
    let files = crate::pipeline::load::reference::FILES
        .iter()
        .map(|(path, text)| (PathBuf::from(path), text.to_string()))
        .collect();
    parse_plan(files)
}

/// What a plan folder holds for gongsi.
#[derive(Debug, Default)]
pub struct PlanFolder {
    /// The YAML files: path relative to the folder, and text, in walk order (sorted by name).
    pub yaml: Vec<(PathBuf, String)>,
    /// The workbooks directly in the folder (office lock files skipped).
    pub workbooks: Vec<PathBuf>,
    /// Files that could not be taken, each named: a link that leads outside the folder or
    /// nowhere, a special file, a file too large or not UTF-8, a stray file in a part's folder.
    pub problems: Vec<Problem>,
}

/// Reads a plan folder. Symbolic links are followed when what they lead to is inside the
/// folder; any other link is refused with a problem, never skipped without a word. Hidden
/// files (editor swap files) and office lock files are not part of a plan; other files at
/// the top (notes, 검토할곳.md) are left alone; in `labour-market/` and `strategies/` every
/// file must be YAML.
pub fn read_plan_folder(root: &Path) -> Result<PlanFolder, Error> {
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
        if take_file(&entry, shown, &mut total, &mut folder)?.is_break() {
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
    if book {
        folder.workbooks.push(path.to_path_buf());
        return Ok(ControlFlow::Continue(()));
    }
    match textfile::read_shown(path, &shown) {
        Ok(text) => folder.yaml.push((shown, text)),
        Err(ReadError::Content(problem)) => folder.problems.push(problem),
        Err(ReadError::Io(error)) => return Err(error),
    }
    Ok(ControlFlow::Continue(()))
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
        // The file's shape first: nothing unbounded reaches the deserializer.
        match prescan::scan(&relative, &text) {
            Ok(shape) => nodes += shape.nodes,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        }
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
        let names: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        match names.as_slice() {
            ["plan.yaml"] => parts.info = parse(&relative, text, problems),
            ["goals.yaml"] => parts.goals = parse(&relative, text, problems),
            ["labour-market", _] => parts.chapters.extend(parse(&relative, text, problems)),
            ["strategies", _] => parts.strategies.extend(parse(&relative, text, problems)),
            _ => problems.push(
                Problem::new(&relative, "", "어느 부분에 속하는지 알 수 없는 YAML 파일입니다.").hint(
                    "plan.yaml, goals.yaml, labour-market/*.yaml, strategies/*.yaml 중 하나로 옮기거나 이름을 바꾸세요.",
                ),
            ),
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

/// Parses one YAML file, recording located problems when it does not fit the schema.
fn parse<T: DeserializeOwned + JsonSchema>(
    file: &Path,
    text: String,
    problems: &mut Vec<Problem>,
) -> Option<Located<T>> {
    match from_yaml::<T>(file, &text) {
        Ok(value) => Some(Located::yaml(file, text, value)),
        Err(found) => {
            problems.extend(found);
            None
        }
    }
}

/// How many problems one file may report before gongsi stops reading it.
const MAX_PROBLEMS_PER_FILE: usize = 50;

/// Deserializes YAML text. A file that fits the schema takes the fast path straight from
/// the text; one that does not is read again to report, in Korean and with line and
/// column, every unknown field (each one is set aside and reading goes on) and the first
/// other problem.
pub fn from_yaml<T: DeserializeOwned + JsonSchema>(
    file: &Path,
    text: &str,
) -> Result<T, Vec<Problem>> {
    let first = match serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text)) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let located_first = || {
        let inner = first.inner();
        let mut problem = problem(file, &first.path().to_string(), &inner.to_string());
        if let Some(at) = inner.location() {
            problem = problem.at(at.line(), at.column());
        }
        vec![problem]
    };
    let (Ok(positions), Ok(mut value)) = (
        Positions::of(text),
        serde_yaml::from_str::<serde_yaml::Value>(text),
    ) else {
        return Err(located_first());
    };
    let mut problems = Vec::new();
    let mut misplaced: Vec<String> = Vec::new();
    while problems.len() < MAX_PROBLEMS_PER_FILE {
        let err = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(_) => break,
            Err(err) => err,
        };
        let path = err.path().to_string();
        let message = err.inner().to_string();
        let unknown = unknown_field(&message);
        let mut found = problem(file, &path, &message);
        // From a parsed value, serde names the unknown key itself as the last path segment.
        let parent = match &unknown {
            Some(key) if found.path == *key => String::new(),
            Some(key) => found
                .path
                .strip_suffix(&format!(".{key}"))
                .unwrap_or(&found.path)
                .to_string(),
            None => found.path.clone(),
        };
        let place = match &unknown {
            Some(key) => positions.exact(&child(&parent, key)),
            None => positions.exact(&found.path),
        };
        if let Some((line, column)) = place.or_else(|| positions.nearest(&found.path)) {
            found = found.at(line, column);
        }
        if let Some(key) = &unknown {
            let line = found.line.unwrap_or(0);
            if let Some(belongs) = indent::belongs::<T>(&value, &positions, &parent, key, line) {
                found = misindented(found, &parent, key, &belongs);
                misplaced.push(key.clone());
            }
        }
        // A required key written at the wrong indentation was reported where it is written;
        // that it is missing where it belongs is the same mistake.
        let consequence = unknown.is_none()
            && missing_field(&message).is_some_and(|key| misplaced.contains(&key));
        if !consequence {
            problems.push(found);
        }
        match unknown {
            Some(key) if remove_key(&mut value, &parent, &key) => continue,
            _ => break,
        }
    }
    if problems.is_empty() {
        Err(located_first())
    } else {
        Err(problems)
    }
}

/// A problem from a serde message at a serde path.
fn problem(file: &Path, path: &str, raw: &str) -> Problem {
    let path = if path == "." { "" } else { path };
    let message = raw.rfind(" at line ").map_or(raw, |at| &raw[..at]);
    let (message, hint) = korean(message);
    let mut problem = Problem::new(file, path, message);
    problem.hint = hint;
    problem
}

/// `found` (an unknown key `key` in the mapping at `parent`) reworded as a key of the
/// mapping it `belongs` to, written at the wrong indentation.
fn misindented(found: Problem, parent: &str, key: &str, belongs: &indent::Belongs) -> Problem {
    let name = |path: &str| {
        if path.is_empty() {
            "파일 맨 위".to_string()
        } else {
            format!("`{path}`")
        }
    };
    let mut problem = Problem {
        message: format!(
            "항목 `{key}`의 들여쓰기가 맞지 않습니다: {} 안에 적혀 있지만 {}의 항목입니다.",
            name(parent),
            name(&belongs.mapping)
        ),
        ..found
    };
    problem.hint = Some(match belongs.column {
        Some(column) => format!(
            "`{key}:`를 {column}번째 칸에서 시작하세요({}의 다른 항목과 같은 칸). 그 아래 줄들도 같은 만큼 옮기세요.",
            name(&belongs.mapping)
        ),
        None => format!(
            "`{key}:`를 {}의 다른 항목과 같은 칸에 맞추세요.",
            name(&belongs.mapping)
        ),
    });
    problem
}

/// The field named by a "missing field `x`" message.
fn missing_field(message: &str) -> Option<String> {
    let rest = &message[message.find("missing field `")? + "missing field `".len()..];
    Some(rest[..rest.find('`')?].to_string())
}

/// The field named by an "unknown field `x`" message.
fn unknown_field(message: &str) -> Option<String> {
    let rest = &message[message.find("unknown field `")? + "unknown field `".len()..];
    Some(rest[..rest.find('`')?].to_string())
}

/// Removes `key` from the mapping at `path` (`tasks[0].projects[1]`); false if not found.
fn remove_key(value: &mut serde_yaml::Value, path: &str, key: &str) -> bool {
    let Some(path) = steps(path) else {
        return false;
    };
    let mut node = value;
    for step in path {
        let next = match step {
            Step::Key(name) => node.get_mut(name),
            Step::Index(i) => node.get_mut(i),
        };
        let Some(next) = next else {
            return false;
        };
        node = next;
    }
    node.as_mapping_mut()
        .is_some_and(|map| map.shift_remove(key).is_some())
}

/// Translates serde/YAML messages into Korean with a hint on how to fix them.
fn korean(message: &str) -> (String, Option<String>) {
    // serde_yaml prefixes the data path ("tasks[0].name: invalid type: …"); the path is
    // reported separately.
    const KINDS: [&str; 6] = [
        "unknown field ",
        "missing field ",
        "invalid type: ",
        "unknown variant ",
        "invalid value: ",
        "data did not match",
    ];
    let message = KINDS
        .iter()
        .filter_map(|k| message.find(k))
        .min()
        .map_or(message, |at| &message[at..]);
    field_message(message)
        .or_else(|| value_message(message))
        .unwrap_or_else(|| document_message(message))
}

/// The names serde quotes in a message (`` `name` ``), in order.
fn quoted(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// serde's messages about keys: an unknown field (with the fields allowed there) or a
/// missing one.
fn field_message(message: &str) -> Option<(String, Option<String>)> {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = quoted(rest);
        let field = names.first().cloned().unwrap_or_default();
        let allowed = names.iter().skip(1).cloned().collect::<Vec<_>>().join(", ");
        return Some((
            format!("알 수 없는 항목 `{field}`입니다."),
            Some(if allowed.is_empty() {
                "이 자리에는 항목을 쓸 수 없습니다. 철자를 확인하세요.".into()
            } else {
                format!("철자를 확인하세요. 쓸 수 있는 항목: {allowed}")
            }),
        ));
    }
    let rest = message.strip_prefix("missing field ")?;
    let field = quoted(rest).first().cloned().unwrap_or_default();
    Some((
        format!("필수 항목 `{field}`이(가) 없습니다."),
        Some(format!("`{field}:` 항목을 추가하세요.")),
    ))
}

/// serde's messages about values: a value of the wrong type, a word that is not one of
/// the choices, a number out of range, a cell that is neither text nor number.
fn value_message(message: &str) -> Option<(String, Option<String>)> {
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "다른 형식"));
        return Some((
            format!("값의 형식이 맞지 않습니다 (와야 할 것: {}, 적힌 것: {}).", kind(expected), kind(found)),
            Some("숫자에는 따옴표나 쉼표를 쓰지 말고(예: 38000), 글에 콜론(:)이 있으면 큰따옴표로 감싸세요.".into()),
        ));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let names = quoted(rest);
        let found = names.first().cloned().unwrap_or_default();
        let allowed = names.iter().skip(1).cloned().collect::<Vec<_>>().join(", ");
        return Some((
            format!("`{found}`은(는) 쓸 수 없는 값입니다."),
            Some(format!("다음 중 하나를 쓰세요: {allowed}")),
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let found = found.rsplit(' ').next().unwrap_or(found).trim_matches('`');
        let (allowed, hint) = match expected.trim() {
            "u32" | "u64" | "u16" | "u8" | "usize" => {
                ("0 이상의 정수", "0 이상의 정수를 쓰세요. 월은 1~12입니다.")
            }
            "i32" | "i64" => ("정수", "범위 안의 정수를 쓰세요."),
            _ => ("다른 값", "숫자는 ±1,000조(10¹⁵) 안에서 쓰세요."),
        };
        return Some((
            format!("값 {found}은(는) 쓸 수 없습니다: {allowed}이(가) 와야 합니다 ({message})."),
            Some(hint.into()),
        ));
    }
    message
        .starts_with("data did not match any variant")
        .then(|| {
            (
                "값의 형식이 맞지 않습니다.".into(),
                Some("글 또는 숫자를 쓰세요.".into()),
            )
        })
}

/// The YAML reader's messages about the document: nesting or aliases past the limits,
/// several documents in one file, and syntax errors.
fn document_message(message: &str) -> (String, Option<String>) {
    if message.starts_with("recursion limit exceeded") {
        return (
            format!("값이 너무 깊이 겹쳐 있습니다 ({message})."),
            Some("별칭(*이름)이 자기를 품은 앵커(&이름)를 가리키지 않는지, items가 너무 깊지 않은지 확인하세요.".into()),
        );
    }
    if message.starts_with("repetition limit exceeded") {
        return (
            format!("별칭(*이름)으로 되풀이한 값이 너무 많습니다 ({message})."),
            Some("앵커(&)와 별칭(*)으로 내용을 되풀이하지 말고 그대로 적으세요.".into()),
        );
    }
    if message.contains("more than one document") {
        return (
            format!("파일 하나에 YAML 문서가 여럿 있습니다 ({message})."),
            Some("`---` 줄을 지우고 한 파일에는 문서를 하나만 쓰세요.".into()),
        );
    }
    // YAML syntax errors from the parser.
    let (what, hint) = crate::pipeline::load::prescan::explain(message, "");
    (
        format!("YAML 문법 오류: {what} ({message})"),
        Some(hint.into()),
    )
}

/// Korean names for serde's type descriptions.
fn kind(description: &str) -> String {
    let d = description.trim();
    let d = d
        .strip_prefix("a ")
        .or_else(|| d.strip_prefix("an "))
        .unwrap_or(d);
    let word = d.split_whitespace().next().unwrap_or(d);
    let name = match word {
        "string" => "글자",
        "integer" | "i64" | "u64" | "u32" | "i32" => "정수",
        "floating" | "f64" => "숫자",
        "boolean" | "a" if d.contains("boolean") => "참/거짓",
        "boolean" => "참/거짓",
        "sequence" => "목록(- 로 시작하는 줄들)",
        "map" | "struct" => "항목 묶음(이름: 값)",
        "unit" => "빈 값",
        _ => return d.to_string(),
    };
    if let Some(value) = d.split_once(' ').map(|(_, v)| v) {
        format!("{name} {value}")
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::written::{Budget, Cell, Scalar, Table};

    #[test]
    fn table_cells_are_read_by_the_type_written() {
        let text =
            "rows:\n  - [12, -3, 4.5, \"12\", 글, ~, {value: 7, unit: 명, cols: 2}, {sum: true}]\n";
        let table = from_yaml::<Table>(Path::new("t.yaml"), text).unwrap();
        let row = &table.rows[0];
        assert!(matches!(row[0], Cell::Int(12)));
        assert!(matches!(row[1], Cell::Int(-3)));
        assert!(matches!(row[2], Cell::Float(f) if f == 4.5));
        assert!(
            matches!(&row[3], Cell::Text(t) if t == "12"),
            "quoted numbers stay text"
        );
        assert!(matches!(&row[4], Cell::Text(t) if t == "글"));
        assert!(matches!(row[5], Cell::Empty(())));
        let Cell::Full(full) = &row[6] else {
            panic!("{:?}", row[6])
        };
        assert!(matches!(full.value, Some(Scalar::Int(7))));
        assert_eq!((full.unit.as_deref(), full.cols), (Some("명"), Some(2)));
        assert!(matches!(&row[7], Cell::Full(f) if f.sum));
    }

    #[test]
    fn a_wrong_cell_is_reported_with_its_line_and_what_a_cell_may_be() {
        let text = "rows:\n  - [1, 2]\n  - [true, 2]\n  - [{valeu: 3}]\n";
        let errs = from_yaml::<Table>(Path::new("t.yaml"), text).unwrap_err();
        let wrong_type = &errs[0];
        assert_eq!(wrong_type.line, Some(3), "{wrong_type:?}");
        assert!(
            wrong_type.message.contains("표 칸 값"),
            "{}",
            wrong_type.message
        );
        let typo = from_yaml::<Table>(Path::new("t.yaml"), "rows:\n  - [{valeu: 3}]\n")
            .unwrap_err()
            .remove(0);
        assert_eq!(typo.line, Some(2), "{typo:?}");
        assert!(
            typo.message.contains("알 수 없는 항목 `valeu`"),
            "{}",
            typo.message
        );
    }

    #[test]
    fn unknown_field_is_reported_in_korean_with_position() {
        let err = from_yaml::<Budget>(Path::new("a.yaml"), "national: 1\nnationl: 2\n")
            .unwrap_err()
            .remove(0);
        assert_eq!(err.line, Some(2));
        assert!(
            err.message.contains("알 수 없는 항목 `nationl`"),
            "{}",
            err.message
        );
        assert!(err.hint.unwrap().contains("national"));
    }

    #[test]
    fn wrong_type_names_the_data_path() {
        let err = from_yaml::<Budget>(Path::new("a.yaml"), "local: 삼만\n")
            .unwrap_err()
            .remove(0);
        assert_eq!(err.path, "local");
        assert!(err.message.contains("정수"), "{}", err.message);
    }

    #[test]
    fn every_unknown_field_is_reported_with_its_own_line() {
        let text = "national: 1\nnationl: 2\nlocl: 3\nprivate: x\n";
        let errs = from_yaml::<Budget>(Path::new("a.yaml"), text).unwrap_err();
        let places: Vec<(Option<usize>, &str)> =
            errs.iter().map(|p| (p.line, p.message.as_str())).collect();
        assert_eq!(errs.len(), 3, "{places:?}");
        assert_eq!(errs[0].line, Some(2));
        assert!(errs[0].message.contains("`nationl`"));
        assert_eq!(errs[1].line, Some(3));
        assert!(errs[1].message.contains("`locl`"));
        assert_eq!((errs[2].line, errs[2].column), (Some(4), Some(1)));
        assert_eq!(errs[2].path, "private");
    }

    #[test]
    fn syntax_error_has_a_line() {
        let err = from_yaml::<Budget>(Path::new("a.yaml"), "local: \"38000\nnational: 1\n")
            .unwrap_err()
            .remove(0);
        assert!(err.line.is_some());
        assert!(err.message.starts_with("YAML 문법 오류"), "{}", err.message);
    }
}
