//! tinymist's preview of gongsi's emitted Typst sources, served the way tinymist's own
//! command line serves it (`tinymist preview`): the anchor the studio's latency is measured
//! against (이슈 24, 요구 8). `benches/studio_latency.mjs` starts it with `TINYMIST=`.
//!
//! What is tinymist's: the whole preview — `tinymist-preview`'s actors (incremental SVG
//! diffing with reflexo's vec2svg, the data plane over a WebSocket) and its page
//! (`tinymist-assets`'s `typst-preview.html`, whose renderer patches the page's SVG).
//! What is written here, after tinymist's `tool::preview` (`make_http_server`, `bind_streams`)
//! and its project watcher (`tinymist-project`'s `watch.rs`): the compile loop, because the
//! `tinymist` crate that holds `start_project` pulls Typst 0.14 and cannot be built with the
//! Typst gongsi pins. The loop does what tinymist's does for a saved file: watch with
//! `notify`, read the file at once (an empty file, an editor's truncate, is re-read after
//! 50 ms), recompile in one long-lived world that keeps unchanged parse trees, evict Typst's
//! caches as tinymist and typst-cli do, and hand the document to the preview.
//!
//! usage: [TINYMIST_PARTIAL=1] tinymist-anchor <folder of gongsi's emitted sources (main.typ)> <font folder>
//! Prints `tinymist preview: http://127.0.0.1:<port>/` when the first compile is done.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt, TryStreamExt};
use http_body_util::Full;
use hyper::body::{Bytes as Body, Incoming};
use hyper_tungstenite::tungstenite::Message;
use hyper_tungstenite::HyperWebsocket;
use notify::{RecursiveMode, Watcher};
use tinymist_preview::{
    frontend_html, CompileStatus, CompileView, ControlPlaneRx, ControlPlaneTx, EditorServer,
    PreviewBuilder, PreviewConfig, PreviewMode, WsMessage,
};
use tinymist_std::typst::TypstDocument;
use tokio::sync::mpsc;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration as TypstDuration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The emitted sources in one long-lived world, as tinymist's compiler keeps its universe.
struct SourcesWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    sources: HashMap<FileId, Source>,
    main: FileId,
}

fn file_id(name: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(name).expect("a plain file name"),
    )
    .intern()
}

impl SourcesWorld {
    fn new(fonts: Vec<Font>) -> Self {
        SourcesWorld {
            // gongsi's world has the same feature (`pdf.header-cell` in the emitted sources).
            library: LazyHash::new(
                Library::builder()
                    .with_features([Feature::A11yExtras].into_iter().collect())
                    .build(),
            ),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            sources: HashMap::new(),
            main: file_id("main.typ"),
        }
    }

    /// Reads every `.typ` file of the folder; a changed one is replaced in place, so Typst
    /// reparses only what changed. `None` when a file is empty (an editor mid-save).
    fn read(&mut self, folder: &Path) -> Option<()> {
        for entry in std::fs::read_dir(folder).expect("the sources' folder") {
            let path = entry.expect("a folder entry").path();
            if path.extension().is_none_or(|e| e != "typ") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            if text.is_empty() {
                return None;
            }
            let id = file_id(&path.file_name().unwrap().to_string_lossy());
            match self.sources.get_mut(&id) {
                Some(source) if source.text() != text => {
                    source.replace(&text);
                }
                Some(_) => {}
                None => {
                    self.sources.insert(id, Source::new(id, text));
                }
            }
        }
        Some(())
    }
}

impl World for SourcesWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
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
        self.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<TypstDuration>) -> Option<Datetime> {
        None
    }
}

fn fonts(folder: &Path) -> Vec<Font> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("the font folder")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ttf" || e == "otf"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .flat_map(|p| Font::iter(Bytes::new(std::fs::read(p).expect("a font file"))))
        .collect()
}

/// A compiled document as the preview asks for it.
struct Compiled(TypstDocument);

impl CompileView for Compiled {
    fn doc(&self) -> Option<TypstDocument> {
        Some(self.0.clone())
    }
    fn status(&self) -> CompileStatus {
        CompileStatus::CompileSuccess
    }
    fn is_on_saved(&self) -> bool {
        true
    }
    fn is_by_entry_update(&self) -> bool {
        false
    }
}

/// No editor is attached: the files on disk are the only input, as for `tinymist preview`.
struct NoEditor;
impl EditorServer for NoEditor {}

/// The compile loop: compiles once, then again after every change of the folder.
fn compile_loop(
    folder: PathBuf,
    mut world: SourcesWorld,
    watcher: Arc<tinymist_preview::CompileWatcher>,
    ready: std::sync::mpsc::Sender<()>,
) {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut files = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| e.kind.is_modify() || e.kind.is_create()) {
            let _ = tx.send(());
        }
    })
    .expect("a file watcher");
    files
        .watch(&folder, RecursiveMode::NonRecursive)
        .expect("watches the folder");
    let mut first = true;
    loop {
        if !first {
            rx.recv().expect("the watcher lives");
        }
        while rx.try_recv().is_ok() {}
        if world.read(&folder).is_none() {
            std::thread::sleep(Duration::from_millis(50));
            continue;
        }
        let document = typst::compile::<PagedDocument>(&world)
            .output
            .expect("gongsi's emitted sources compile");
        typst::comemo::evict(10);
        watcher.notify_compile(Arc::new(Compiled(TypstDocument::Paged(Arc::new(document)))));
        if first {
            first = false;
            let _ = ready.send(());
        }
    }
}

/// Hands each WebSocket to the preview's data plane (tinymist's `bind_streams`).
fn bind_streams(
    previewer: &mut tinymist_preview::Previewer,
    sockets: mpsc::UnboundedReceiver<HyperWebsocket>,
) {
    previewer.start_data_plane(sockets, |socket: Result<_, _>| {
        let socket = socket.map_err(|e: hyper_tungstenite::tungstenite::Error| {
            tinymist_std::error_once!("cannot receive websocket", err: e)
        })?;
        Ok(socket
            .sink_map_err(|e| tinymist_std::error_once!("cannot send on websocket", err: e))
            .map_err(|e| tinymist_std::error_once!("cannot read websocket", err: e))
            .with(|message| {
                futures::future::ok::<_, tinymist_std::Error>(match message {
                    WsMessage::Text(text) => Message::text(text),
                    WsMessage::Binary(bytes) => Message::Binary(bytes),
                    WsMessage::Ping(bytes) => Message::Ping(bytes),
                    WsMessage::Pong(bytes) => Message::Pong(bytes),
                })
            })
            .map_ok(|message| match message {
                Message::Text(text) => WsMessage::Text(text.as_str().to_owned()),
                Message::Binary(bytes) => WsMessage::Binary(bytes),
                Message::Ping(bytes) => WsMessage::Ping(bytes),
                Message::Pong(bytes) => WsMessage::Pong(bytes),
                Message::Close(..) | Message::Frame(..) => WsMessage::Text("bad_client_msg".into()),
            }))
    });
}

/// Serves the page on `/` and upgrades WebSocket requests (tinymist's `make_http_server`,
/// loopback only).
async fn serve(page: String, sockets: mpsc::UnboundedSender<HyperWebsocket>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    println!(
        "tinymist preview: http://{}/",
        listener.local_addr().expect("an address")
    );
    let page = Body::from(page);
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let page = page.clone();
        let sockets = sockets.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            let page = page.clone();
            let sockets = sockets.clone();
            async move {
                if hyper_tungstenite::is_upgrade_request(&request) {
                    let (response, socket) = hyper_tungstenite::upgrade(&mut request, None)?;
                    let _ = sockets.send(socket);
                    return Ok::<_, hyper_tungstenite::tungstenite::Error>(response);
                }
                Ok(hyper::Response::builder()
                    .header(hyper::header::CONTENT_TYPE, "text/html")
                    .body(Full::new(page))
                    .expect("a response"))
            }
        });
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .with_upgrades()
                .await;
        });
    }
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(folder), Some(font_folder)) = (args.next(), args.next()) else {
        eprintln!("usage: tinymist-anchor <emitted sources folder> <font folder>");
        std::process::exit(2);
    };
    // tinymist's command line renders every page (`--partial-rendering` is off by default);
    // its VS Code extension renders only the pages in view (`tinymist.preview.partialRendering`
    // is on by default). TINYMIST_PARTIAL=1 measures the latter.
    let config = PreviewConfig {
        enable_partial_rendering: std::env::var_os("TINYMIST_PARTIAL").is_some(),
        ..PreviewConfig::default()
    };
    let builder = PreviewBuilder::new(config);
    let watcher = builder.compile_watcher("gongsi".into()).clone();
    let (
        control,
        ControlPlaneRx {
            mut resp_rx,
            ctl_tx,
            ..
        },
    ) = ControlPlaneTx::new(false);
    tokio::spawn(async move {
        let _keep = ctl_tx;
        while resp_rx.recv().await.is_some() {}
    });
    let mut previewer = builder.build(control, Arc::new(NoEditor)).await;
    let (socket_tx, socket_rx) = mpsc::unbounded_channel();
    bind_streams(&mut previewer, socket_rx);

    let world = SourcesWorld::new(fonts(&font_folder));
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || compile_loop(folder, world, watcher, ready_tx));
    ready_rx.recv().expect("the first compile");

    let page = frontend_html(
        tinymist_assets::TYPST_PREVIEW_HTML,
        PreviewMode::Document,
        "/",
        "gongsi (tinymist preview)",
    );
    serve(page, socket_tx).await;
}
