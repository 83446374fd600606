//! The Typst world (조판 환경) gongsi compiles in: the rendered `.typ` sources held in
//! memory, the font store, and a fixed "today" taken from the plan's date so that builds
//! are reproducible. Meant to be long-lived: sources can be replaced between compiles and
//! Typst's caches are reused.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

use crate::renditions::pdf::source::MAIN;

/// gongsi's [`World`].
pub struct PlanWorld {
    library: LazyHash<Library>,
    fonts: FontStore,
    sources: HashMap<FileId, Source>,
    names: HashMap<FileId, String>,
    main: FileId,
    today: Option<Datetime>,
}

/// Typst's standard library with the `a11y-extras` feature, whose `pdf.header-cell` tags
/// the 구분 cells of a table as row headers (TH with scope Row).
fn library() -> Library {
    Library::builder()
        .with_features([Feature::A11yExtras].into_iter().collect())
        .build()
}

/// The id of a virtual file by name.
pub fn file_id(name: &str) -> FileId {
    let vpath = VirtualPath::new(name)
        .unwrap_or_else(|_| VirtualPath::new(MAIN).expect("main path is valid"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl PlanWorld {
    /// A world with the given fonts and no sources yet.
    pub fn new(fonts: FontStore) -> Self {
        PlanWorld {
            library: LazyHash::new(library()),
            fonts,
            sources: HashMap::new(),
            names: HashMap::new(),
            main: file_id(MAIN),
            today: None,
        }
    }

    /// Replaces the document's sources (file name → Typst text). Unchanged files keep
    /// their parse trees, so recompiles are incremental.
    pub fn set_sources(&mut self, files: &[(String, String)]) {
        let mut next = HashMap::with_capacity(files.len());
        for (name, text) in files {
            let id = file_id(name);
            let source = match self.sources.remove(&id) {
                Some(mut old) => {
                    if old.text() != text {
                        old.replace(text);
                    }
                    old
                }
                None => Source::new(id, text.clone()),
            };
            self.names.insert(id, name.clone());
            next.insert(id, source);
        }
        self.sources = next;
    }

    /// Sets the date Typst sees as today (the plan's date).
    pub fn set_today(&mut self, date: Option<Datetime>) {
        self.today = date;
    }

    /// The file name of a source, for messages.
    pub fn name(&self, id: FileId) -> String {
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("{:?}", id.vpath()))
    }

    /// The text of a source by id.
    pub fn text(&self, id: FileId) -> Option<&str> {
        self.sources.get(&id).map(Source::text)
    }
}

impl World for PlanWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.source(id)
            .map(|s| Bytes::from_string(s.text().to_string()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

impl typst_kit::diagnostics::DiagnosticWorld for PlanWorld {
    fn name(&self, id: FileId) -> String {
        PlanWorld::name(self, id)
    }
}
