//! The floor every Typst previewer shares (이슈 24의 바닥값): the reference plan's emitted Typst
//! sources recompiled in one long-lived world after an edit of one figure's text, plus the
//! changed pages drawn — as SVG (what a Typst previewer sends) and, apart, as the studio's PNG
//! 832 pixels wide — with no reading, checking, templates, HTTP or browser. The studio's
//! whole loop (file write → page drawn in the browser, `benches/studio_latency.mjs`) is
//! compared with this. Prints the median and range of `EDITS` edits in milliseconds.
//!
//! usage: cargo bench --bench studio_floor

use std::collections::HashSet;
use std::time::Instant;

use gongsi::pipeline::load_and_check;
use gongsi::renditions::pdf::screen::page_png;
use gongsi::renditions::pdf::svg::{page_key, page_svg};
use gongsi::renditions::pdf::{Typesetter, Typesetting};

const EDITS: usize = 20;
const WAS: &str = "희망자 25명";

fn main() {
    let plan = load_and_check(None).expect("the reference plan").plan;
    let mut typesetter = Typesetter::new(&Typesetting::default()).expect("fonts");
    let rendered = typesetter.render(&plan).expect("templates");
    let files = rendered.files.clone();
    let target = files
        .iter()
        .position(|(_, text)| text.contains(WAS))
        .expect("an emitted source holds the figure");
    let first = typesetter.lay_out_sources(&files).expect("lays out");
    let mut drawn: HashSet<u128> = first.pages().iter().map(page_key).collect();
    let mut times = Vec::new();
    let mut png_times = Vec::new();
    for edit in 0..EDITS {
        let mut edited = files.clone();
        edited[target].1 = files[target]
            .1
            .replace(WAS, &format!("희망자 {}명", 26 + edit));
        let started = Instant::now();
        let document = typesetter.lay_out_sources(&edited).expect("lays out");
        let mut changed = Vec::new();
        for page in document.pages() {
            if drawn.insert(page_key(page)) {
                std::hint::black_box(page_svg(page));
                changed.push(page);
            }
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        for page in &changed {
            std::hint::black_box(page_png(page, 832));
        }
        png_times.push(started.elapsed().as_secs_f64() * 1000.0);
        typst::comemo::evict(10);
        assert!(!changed.is_empty(), "the edit changed no page");
    }
    times.sort_by(f64::total_cmp);
    png_times.sort_by(f64::total_cmp);
    println!(
        "studio floor (Typst recompile of the emitted sources + changed pages as SVG, {EDITS} edits): median {:.1} ms (range {:.1}–{:.1})",
        times[EDITS / 2],
        times[0],
        times[EDITS - 1]
    );
    println!(
        "the changed pages as the studio's PNG (832 px) instead: median {:.1} ms (range {:.1}–{:.1}) more",
        png_times[EDITS / 2],
        png_times[0],
        png_times[EDITS - 1]
    );
}
