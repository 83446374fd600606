//! Snapshots of the generated Typst source: any change to a template or to the plan model
//! shows up here as a reviewable diff (`cargo insta review`).

use std::path::Path;

use gongsi::pipeline::load_and_check;
use gongsi::renditions::pdf::source::render;
use gongsi::renditions::pdf::{Typesetter, Typesetting};

fn rendered(plan: Option<&Path>) -> Vec<(String, String)> {
    let plan = load_and_check(plan).expect("plan loads").plan;
    render(&plan, None).expect("templates render").files
}

#[test]
fn minimal_fixture_typst_source() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    for (name, text) in rendered(Some(&fixture)) {
        if name == "style.typ" {
            continue; // static, not generated from data
        }
        insta::assert_snapshot!(format!("minimal__{name}"), text);
    }
}

#[test]
fn reference_plan_typst_source() {
    for (name, text) in rendered(None) {
        if name == "style.typ" {
            continue;
        }
        insta::assert_snapshot!(format!("reference__{name}"), text);
    }
}

/// The HTML rendition of the minimal fixture (the static style sheet left out).
#[test]
fn minimal_fixture_html() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    let plan = load_and_check(Some(&fixture)).expect("plan loads").plan;
    let html = gongsi::renditions::html::render_html(&plan, None, Some("plan")).expect("renders");
    let (head, rest) = html.split_once("<style>").expect("a style element");
    let (_, tail) = rest.split_once("</style>").expect("its end");
    insta::assert_snapshot!(
        "minimal__index.html",
        format!("{head}<style>…</style>{tail}")
    );
}

/// Width of the reference page images, in pixels: enough to see every line, table and break.
const PAGE_WIDTH: u32 = 200;

/// A pixel counts as changed when a colour channel moved by more than this.
const CHANNEL_TOLERANCE: u8 = 48;

/// A page counts as changed when more than this share of its pixels changed.
const PAGE_TOLERANCE: f64 = 0.002;

/// Reference images of every page of the reference plan and of a plan of another shape,
/// committed in `tests/pages/` (as Typst's own test suite keeps reference images): a layout
/// change fails this test, naming the pages that moved, and writes them to
/// `target/page-diffs/` to look at. Only an explicit command makes new reference images:
/// `GONGSI_UPDATE_PAGES=1 cargo test --test it snapshots::pages_look_as_approved` — look at
/// the images it writes (`git diff --stat tests/pages`), then commit them.
#[test]
fn pages_look_as_approved() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("GONGSI_UPDATE_PAGES").is_some();
    let mut changed = Vec::new();
    for (name, plan) in [
        ("reference", None),
        ("second", Some(root.join("tests/fixtures/second"))),
    ] {
        let model = load_and_check(plan.as_deref()).expect("plan loads").plan;
        let rendered = render(&model, None).expect("templates render");
        let mut typesetter = Typesetter::new(&Typesetting::default()).expect("fonts load");
        let compiled = typesetter.compile(&model, &rendered).expect("compiles");
        let pages = gongsi::renditions::pdf::preview::render_pages(&compiled.document, PAGE_WIDTH)
            .expect("renders");
        let folder = root.join("tests/pages").join(name);
        let file = |i: usize| folder.join(format!("page-{:02}.png", i + 1));
        if update {
            if folder.exists() {
                std::fs::remove_dir_all(&folder).unwrap();
            }
            std::fs::create_dir_all(&folder).unwrap();
            for (i, page) in pages.iter().enumerate() {
                std::fs::write(file(i), &page.png).unwrap();
            }
            continue;
        }
        let approved = std::fs::read_dir(&folder).map_or(0, |d| d.count());
        if approved != pages.len() {
            changed.push(format!(
                "{name}: {} pages, approved {approved}",
                pages.len()
            ));
        }
        for (i, page) in pages.iter().enumerate() {
            let Ok(before) = std::fs::read(file(i)) else {
                continue;
            };
            let share = changed_share(&before, &page.png);
            if share > PAGE_TOLERANCE {
                changed.push(format!(
                    "{name} page {} ({:.1}% of its pixels)",
                    i + 1,
                    share * 100.0
                ));
                let diffs = root.join("target/page-diffs");
                std::fs::create_dir_all(&diffs).unwrap();
                std::fs::write(diffs.join(format!("{name}-{:02}.png", i + 1)), &page.png).unwrap();
            }
        }
    }
    assert!(
        changed.is_empty(),
        "pages that look different from tests/pages (new images in target/page-diffs/; if the \
         change is meant, regenerate with GONGSI_UPDATE_PAGES=1 and look at them):\n{}",
        changed.join("\n")
    );
}

/// The share of pixels of two PNG images that differ (1.0 when the sizes differ).
fn changed_share(before: &[u8], after: &[u8]) -> f64 {
    let (Ok(a), Ok(b)) = (
        tiny_skia::Pixmap::decode_png(before),
        tiny_skia::Pixmap::decode_png(after),
    ) else {
        return 1.0;
    };
    if (a.width(), a.height()) != (b.width(), b.height()) {
        return 1.0;
    }
    let differ = a
        .data()
        .chunks(4)
        .zip(b.data().chunks(4))
        .filter(|(p, q)| {
            p.iter()
                .zip(*q)
                .any(|(x, y)| x.abs_diff(*y) > CHANNEL_TOLERANCE)
        })
        .count();
    differ as f64 / (a.width() * a.height()) as f64
}
