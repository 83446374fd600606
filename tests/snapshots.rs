//! Snapshots of the generated Typst source: any change to a template or to the plan model
//! shows up here as a reviewable diff (`cargo insta review`).

use std::path::Path;

use gongsi::build::load_and_check;
use gongsi::render::render;

fn rendered(plan: Option<&Path>) -> Vec<(String, String)> {
    let plan = load_and_check(plan).expect("plan loads");
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
    let plan = load_and_check(Some(&fixture)).expect("plan loads");
    let html = gongsi::html::render_html(&plan, None, Some("plan.pdf")).expect("renders");
    let (head, rest) = html.split_once("<style>").expect("a style element");
    let (_, tail) = rest.split_once("</style>").expect("its end");
    insta::assert_snapshot!(
        "minimal__index.html",
        format!("{head}<style>…</style>{tail}")
    );
}
