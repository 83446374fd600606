//! `gongsi watch`: rebuild the PDF whenever the plan's data, a template or a font changes
//! (고칠 때마다 다시 만들기).
//!
//! One [`Session`] keeps one Typst world for the whole run, so an edit recompiles only
//! what it touches (Typst's memoised layout is reused across compiles). File events come
//! from `notify` through a short debounce, so one save (which editors often do as several
//! writes and a rename) gives one rebuild. A rebuild that fails leaves the last good PDF in
//! place: the PDF is only ever replaced atomically by a complete one.
//!
//! A plan folder is watched as `build` reads it: the folder and each real folder inside it,
//! each on its own, never through a link (a link that `build` follows leads to a file inside
//! the plan, which is watched where it really is), so nothing outside the plan is watched.
//! The folders are looked at again before every rebuild, and a folder renamed, added or
//! removed is a change like a file's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::model::error::Error;
use crate::model::problem::Finding;
use crate::pipeline::load::workbook;
use crate::pipeline::output::{filename, write_atomic};
use crate::pipeline::{Checked, load_and_check};
use crate::renditions::pdf::{Typesetter, Typesetting};

/// How long the files must be quiet before a rebuild starts. A save is a burst of events
/// within a millisecond or two (truncate, write, close, or write and rename), so 10 ms
/// gathers it into one rebuild without adding noticeably to the wait.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// How often the debouncer looks for quiet files. Its default, a quarter of [`DEBOUNCE`],
/// would add up to 2.5 ms more; 2 ms keeps the wait within 12 ms of the save.
const TICK: Duration = Duration::from_millis(2);

/// Typst's memoised results are dropped once unused for this many compiles, so memory
/// stays bounded over a long session (typst-cli's watch keeps the same number).
const CACHE_COMPILES: usize = 10;

/// What `watch` needs to know.
#[derive(Debug, Clone)]
pub struct WatchConfig {
    /// The plan folder or workbook.
    pub plan: PathBuf,
    /// The PDF (default: `{연도}-{지자체}-연차별세부계획.pdf`, in the current folder).
    pub output: Option<PathBuf>,
    /// Templates and fonts.
    pub typesetting: Typesetting,
}

/// How long each step of a rebuild took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// 읽기 + 검사 + 계획 (load, check, plan model).
    pub load: Duration,
    /// 템플릿 (minijinja → Typst source).
    pub render: Duration,
    /// 조판 (Typst layout).
    pub layout: Duration,
    /// PDF 내보내기.
    pub export: Duration,
    /// 저장 (atomic write).
    pub write: Duration,
    /// All of it.
    pub total: Duration,
}

/// A successful rebuild.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// The PDF written.
    pub output: PathBuf,
    /// Pages.
    pub pages: usize,
    /// PDF size in bytes.
    pub bytes: usize,
    /// The validator's warnings.
    pub findings: Vec<Finding>,
    /// Typst's own warnings about the typesetting, formatted.
    pub typst_warnings: Option<String>,
    /// Step times.
    pub timings: Timings,
}

/// A watch session: the plan and one long-lived Typst world.
pub struct Session {
    config: WatchConfig,
    typesetter: Typesetter,
}

impl Session {
    /// A session with the fonts loaded (metadata only).
    pub fn new(config: WatchConfig) -> Result<Self, Error> {
        let typesetter = Typesetter::new(&config.typesetting)?;
        Ok(Session { config, typesetter })
    }

    /// Reads the font folders again (a font was added or changed); Typst's caches for the
    /// old fonts are dropped with the old world.
    pub fn reload_fonts(&mut self) -> Result<(), Error> {
        self.typesetter = Typesetter::new(&self.config.typesetting)?;
        Ok(())
    }

    /// Builds the PDF from the files as they are now. On failure nothing is written.
    pub fn rebuild(&mut self) -> Result<Rebuilt, Error> {
        let started = Instant::now();
        let Checked {
            plan,
            findings,
            read,
            ..
        } = load_and_check(Some(&self.config.plan))?;
        let load = started.elapsed();
        let step = Instant::now();
        let rendered = self.typesetter.render(&plan)?;
        let render_time = step.elapsed();
        let compiled = self.typesetter.compile(&plan, &rendered);
        typst::comemo::evict(CACHE_COMPILES);
        let compiled = compiled?;
        let step = Instant::now();
        let output = self
            .config
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from(filename::of_plan(&plan, "pdf")));
        // A file still being saved: its next change rebuilds from the whole file.
        read.unchanged()?;
        write_atomic(&output, &compiled.pdf)?;
        let write = step.elapsed();
        Ok(Rebuilt {
            output,
            pages: compiled.pages,
            bytes: compiled.pdf.len(),
            findings,
            typst_warnings: compiled.warnings,
            timings: Timings {
                load,
                render: render_time,
                layout: compiled.layout_time,
                export: compiled.export_time,
                write,
                total: started.elapsed(),
            },
        })
    }
}

/// What happened, for the caller to show.
pub enum WatchEvent<'a> {
    /// Watching these paths.
    Watching(&'a [PathBuf]),
    /// A rebuild succeeded.
    Built(&'a Rebuilt),
    /// A rebuild failed; the last good PDF is kept.
    Failed(&'a Error),
}

/// What kind of file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Plan data (YAML, workbook) or a template.
    Data,
    /// A font: the font store is read again.
    Font,
}

/// What a changed `path` means for the build, if anything (the PDF itself, temporary and
/// lock files, and unrelated files mean nothing).
pub fn classify(path: &Path) -> Option<Change> {
    let name = path.file_name()?.to_string_lossy();
    if name.starts_with(".gongsi-") || name.starts_with("~$") || name.starts_with(".~lock") {
        return None;
    }
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    match ext.as_str() {
        "yaml" | "yml" | "typ" => Some(Change::Data),
        "ttf" | "otf" | "ttc" | "otc" => Some(Change::Font),
        _ if workbook::is_workbook(path) => Some(Change::Data),
        _ => None,
    }
}

/// The most folders of one plan that are watched (each is one watch of the system's).
pub const PLAN_FOLDERS: usize = 1_000;

/// The paths to show as watched: the plan folder (or the workbook's folder), the templates
/// folder and the font folders.
pub fn watched(config: &WatchConfig) -> Vec<PathBuf> {
    let mut paths = vec![plan_place(&config.plan)];
    paths.extend(config.typesetting.templates.iter().cloned());
    paths.extend(config.typesetting.font_paths.iter().cloned());
    paths
}

/// The plan folder, or the folder of a workbook plan.
fn plan_place(plan: &Path) -> PathBuf {
    if plan.is_file() {
        match plan.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    } else {
        plan.to_path_buf()
    }
}

/// What to watch, each path with its mode: a workbook's folder (editors save by writing a
/// new file and renaming it) or the plan folder's real folders ([`plan_folders`]); the
/// templates and font folders, whole.
fn watch_list(
    plan: &Path,
    typesetting: &Typesetting,
) -> Result<BTreeMap<PathBuf, RecursiveMode>, Error> {
    let mut paths = BTreeMap::new();
    if plan.is_file() {
        paths.insert(plan_place(plan), RecursiveMode::NonRecursive);
    } else {
        for folder in plan_folders(plan)? {
            paths.insert(folder, RecursiveMode::NonRecursive);
        }
    }
    for dir in typesetting.templates.iter().chain(&typesetting.font_paths) {
        paths.insert(dir.clone(), RecursiveMode::Recursive);
    }
    Ok(paths)
}

/// The plan folder and every real folder inside it (hidden ones left out), never through a
/// link; at most [`PLAN_FOLDERS`].
pub fn plan_folders(plan: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut folders = Vec::new();
    let walk = walkdir::WalkDir::new(plan)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk.flatten() {
        let real_folder =
            entry.file_type().is_dir() && (entry.depth() == 0 || !entry.path_is_symlink());
        if !real_folder {
            continue;
        }
        if folders.len() == PLAN_FOLDERS {
            return Err(Error::usage(
                format!(
                    "계획 폴더 안에 폴더가 {PLAN_FOLDERS}개를 넘어 감시하지 않았습니다: {}",
                    plan.display()
                ),
                "계획 폴더에는 계획의 파일만 두세요 (plan.yaml, goals.yaml, labour-market/, strategies/).",
            ));
        }
        folders.push(entry.into_path());
    }
    Ok(folders)
}

/// Builds once, then rebuilds on every change until `stop()` says so (checked at least every
/// 100 ms). Errors of a rebuild are reported through `on` and watching goes on; only a
/// failure to start watching is an `Err`.
pub fn run(
    config: WatchConfig,
    stop: &dyn Fn() -> bool,
    on: &mut dyn FnMut(WatchEvent),
) -> Result<(), Error> {
    plan_exists(&config.plan)?;
    let mut session = Session::new(config.clone())?;
    follow_plan(
        &config.plan,
        &config.typesetting,
        stop,
        &mut |followed| match followed {
            Followed::Started => {
                on(WatchEvent::Watching(&watched(&config)));
                rebuild(&mut session, on);
            }
            Followed::Changed(Change::Font) => match session.reload_fonts() {
                Ok(()) => rebuild(&mut session, on),
                Err(error) => on(WatchEvent::Failed(&error)),
            },
            Followed::Changed(Change::Data) => rebuild(&mut session, on),
            Followed::Failed(error) => on(WatchEvent::Failed(&error)),
        },
    )
}

/// An error unless `plan` exists.
pub fn plan_exists(plan: &Path) -> Result<(), Error> {
    if plan.exists() {
        return Ok(());
    }
    Err(Error::usage(
        format!("계획을 찾을 수 없습니다: {}", plan.display()),
        "plan.yaml이 있는 계획 폴더나 통합문서를 주세요.",
    ))
}

/// What [`follow_plan`] tells its caller.
pub enum Followed {
    /// The files are watched; nothing has changed yet (build now).
    Started,
    /// A file of the plan, a template or a font changed (build again).
    Changed(Change),
    /// The plan's folders could not be watched again after a change; watching goes on.
    Failed(Error),
}

/// Watches the files of `plan` (its folders, or a workbook's folder) with the templates and
/// font folders of `typesetting`, and tells `on` once they are watched and then after every
/// change that matters, until `stop()` says so (checked at least every 100 ms). Folders
/// added, renamed or removed are followed. `Err` only when watching cannot start. The one
/// file-watching loop of `watch` and `studio`.
pub fn follow_plan(
    plan: &Path,
    typesetting: &Typesetting,
    stop: &dyn Fn() -> bool,
    on: &mut dyn FnMut(Followed),
) -> Result<(), Error> {
    plan_exists(plan)?;
    let workbook_file = plan.is_file().then(|| plan.to_path_buf());
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, Some(TICK), tx).map_err(watch_error)?;
    let mut watching = BTreeMap::new();
    follow(
        &mut debouncer,
        &mut watching,
        watch_list(plan, typesetting)?,
    )?;
    on(Followed::Started);
    while !stop() {
        let events = match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(Ok(events)) => events,
            Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let change = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.paths.iter())
            .filter_map(|p| {
                relevant(p, workbook_file.as_deref()).or_else(|| {
                    // A folder of the plan renamed, removed (it was watched) or added.
                    let folder = workbook_file.is_none()
                        && !hidden(p)
                        && (p.is_dir() || watching.keys().any(|w| same_place(w, p)));
                    folder.then_some(Change::Data)
                })
            })
            .max();
        let Some(change) = change else { continue };
        // Folders added, renamed or removed: watch what the plan holds now.
        let list = watch_list(plan, typesetting);
        if let Err(error) = list.and_then(|list| follow(&mut debouncer, &mut watching, list)) {
            on(Followed::Failed(error));
        }
        on(Followed::Changed(change));
    }
    Ok(())
}

/// Watches what `list` names and stops watching what it no longer names.
fn follow<W: notify_debouncer_full::notify::Watcher, C: notify_debouncer_full::FileIdCache>(
    debouncer: &mut notify_debouncer_full::Debouncer<W, C>,
    watching: &mut BTreeMap<PathBuf, RecursiveMode>,
    list: BTreeMap<PathBuf, RecursiveMode>,
) -> Result<(), Error> {
    let gone: Vec<PathBuf> = watching
        .keys()
        .filter(|p| !list.contains_key(*p))
        .cloned()
        .collect();
    for path in gone {
        // A folder removed is no longer watched by the system either.
        let _ = debouncer.unwatch(&path);
        watching.remove(&path);
    }
    for (path, mode) in list {
        if watching.get(&path) != Some(&mode) {
            debouncer.watch(&path, mode).map_err(watch_error)?;
            watching.insert(path, mode);
        }
    }
    Ok(())
}

fn rebuild(session: &mut Session, on: &mut dyn FnMut(WatchEvent)) {
    match session.rebuild() {
        Ok(rebuilt) => on(WatchEvent::Built(&rebuilt)),
        Err(error) => on(WatchEvent::Failed(&error)),
    }
}

/// What a changed `path` means when the plan is `workbook` (a single file): other data
/// files beside it are not part of the plan; templates and fonts are.
fn relevant(path: &Path, workbook: Option<&Path>) -> Option<Change> {
    let change = classify(path)?;
    let template = path.extension().is_some_and(|e| e == "typ");
    match workbook {
        Some(book)
            if change == Change::Data && !template && path.file_name() != book.file_name() =>
        {
            None
        }
        _ => Some(change),
    }
}

/// Whether two paths name one place (one may be relative to the current folder).
fn same_place(a: &Path, b: &Path) -> bool {
    match (std::path::absolute(a), std::path::absolute(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Whether `path` is a hidden file or folder (`.git`, an editor's or gongsi's temporary
/// file) or an office lock file.
fn hidden(path: &Path) -> bool {
    path.file_name().is_none_or(|n| {
        let n = n.to_string_lossy();
        n.starts_with('.') || n.starts_with("~$")
    })
}

fn watch_error(error: notify_debouncer_full::notify::Error) -> Error {
    Error::usage(
        format!("파일 바뀜을 감시할 수 없습니다: {error}"),
        "폴더가 있는지, 감시할 수 있는 파일 수(inotify 한도)를 넘지 않았는지 확인하세요.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plan_template_and_font_files_trigger_rebuilds() {
        assert_eq!(classify(Path::new("p/goals.yaml")), Some(Change::Data));
        assert_eq!(classify(Path::new("p/계획.xlsx")), Some(Change::Data));
        assert_eq!(classify(Path::new("t/cover.typ")), Some(Change::Data));
        assert_eq!(classify(Path::new("f/휴먼명조.TTF")), Some(Change::Font));
        assert_eq!(classify(Path::new("p/2021-서구-연차별세부계획.pdf")), None);
        assert_eq!(classify(Path::new("p/.gongsi-abc.tmp")), None);
        assert_eq!(classify(Path::new("p/~$계획.xlsx")), None);
        assert_eq!(classify(Path::new("p/메모.txt")), None);
        let book = Some(Path::new("계획.xlsx"));
        assert_eq!(
            relevant(Path::new("/d/계획.xlsx"), book),
            Some(Change::Data)
        );
        assert_eq!(relevant(Path::new("/d/다른.xlsx"), book), None);
        assert_eq!(relevant(Path::new("/d/goals.yaml"), book), None);
        assert_eq!(
            relevant(Path::new("/t/cover.typ"), book),
            Some(Change::Data)
        );
        assert!(hidden(Path::new("/p/.git")));
        assert!(!hidden(Path::new("/p/strategies")));
    }

    #[cfg(unix)]
    #[test]
    fn a_plan_is_watched_folder_by_folder_never_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan");
        std::fs::create_dir_all(plan.join("strategies")).unwrap();
        std::fs::create_dir_all(plan.join(".git/objects")).unwrap();
        std::os::unix::fs::symlink("/usr", plan.join("strategies/x")).unwrap();
        let folders = plan_folders(&plan).unwrap();
        assert_eq!(folders, [plan.clone(), plan.join("strategies")]);
    }

    #[test]
    fn a_session_rebuilds_and_keeps_the_last_good_pdf_on_errors() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan");
        copy(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"),
            &plan,
        );
        let pdf = dir.path().join("out.pdf");
        let mut session = Session::new(WatchConfig {
            plan: plan.clone(),
            output: Some(pdf.clone()),
            typesetting: Typesetting::default(),
        })
        .unwrap();
        let first = session.rebuild().unwrap();
        assert!(first.pages > 0);
        let good = std::fs::read(&pdf).unwrap();
        std::fs::write(plan.join("plan.yaml"), "district: [").unwrap();
        assert!(matches!(session.rebuild(), Err(Error::Input(_))));
        assert_eq!(std::fs::read(&pdf).unwrap(), good);
    }

    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &to.join(entry.file_name()));
            } else {
                std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            }
        }
    }
}
