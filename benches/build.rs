//! In-process benchmark: the whole `build` pipeline on the reference plan (load, check,
//! plan, render, compile, PDF) against Typst alone compiling the already-rendered sources in
//! a fresh world. Prints medians and their ratio. Run with `cargo bench --bench build`.
//! `benches/compare.sh` measures the same thing as whole processes against typst-cli.

use std::time::{Duration, Instant};

use gongsi::pipeline::load_and_check;
use gongsi::renditions::pdf::fonts::font_store;
use gongsi::renditions::pdf::source::render;
use gongsi::renditions::pdf::{Typesetter, Typesetting};

const RUNS: usize = 15;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(mut f: impl FnMut()) -> Duration {
    f(); // warm-up
    median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let no_fonts: &[&str] = &[];
    let fonts = time(|| {
        font_store(no_fonts).expect("fonts");
    });
    let full = time(|| {
        typst::comemo::evict(0);
        let plan = load_and_check(None).expect("reference plan").plan;
        let rendered = render(&plan, None).expect("render");
        let mut typesetter = Typesetter::new(&Typesetting::default()).expect("fonts");
        let compiled = typesetter.compile(&plan, &rendered).expect("compile");
        assert!(compiled.pdf.len() > 100_000);
    });

    let plan = load_and_check(None).expect("reference plan").plan;
    let rendered = render(&plan, None).expect("render");
    let typst_only = time(|| {
        typst::comemo::evict(0);
        let mut typesetter = Typesetter::new(&Typesetting::default()).expect("fonts");
        typesetter.compile(&plan, &rendered).expect("compile");
    });

    let front = time(|| {
        let plan = load_and_check(None).expect("reference plan").plan;
        render(&plan, None).expect("render");
    });

    // The same plan read from its files: the YAML folder and the committed workbook (read
    // by the gongsi binary as a child, as gongsi itself does).
    gongsi::pipeline::load::workbook::isolated::use_reader(env!("CARGO_BIN_EXE_gongsi"));
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let yaml = content.join("2021-인천서구");
    let workbook = content.join("2021-인천서구.xlsx");
    let full_from = |source: &std::path::Path| {
        let source = source.to_path_buf();
        move || {
            typst::comemo::evict(0);
            let plan = load_and_check(Some(&source)).expect("plan").plan;
            let rendered = render(&plan, None).expect("render");
            let mut typesetter = Typesetter::new(&Typesetting::default()).expect("fonts");
            typesetter.compile(&plan, &rendered).expect("compile");
        }
    };
    let full_yaml = time(full_from(&yaml));
    let full_workbook = time(full_from(&workbook));
    let load_yaml = time(|| {
        load_and_check(Some(&yaml)).expect("yaml plan");
    });
    let load_workbook = time(|| {
        load_and_check(Some(&workbook)).expect("workbook plan");
    });

    let mut typesetter = Typesetter::new(&Typesetting::default()).expect("fonts");
    let warm = time(|| {
        typesetter.compile(&plan, &rendered).expect("compile");
    });

    println!("reference plan, median of {RUNS} runs:");
    println!("  full build (load+check+plan+render+compile+pdf): {full:>10.1?}");
    println!("  typst alone on the emitted sources (cold caches): {typst_only:>10.1?}");
    println!("  load+check+plan+render only:                      {front:>10.1?}");
    println!("  font store (metadata of the embedded fonts):      {fonts:>10.1?}");
    println!("  warm rebuild in a long-lived world:                {warm:>10.1?}");
    println!(
        "  ratio full / typst alone: {:.3}",
        full.as_secs_f64() / typst_only.as_secs_f64()
    );
    println!("the same plan from files:");
    println!("  full build from the YAML folder:                  {full_yaml:>10.1?}");
    println!("  full build from the workbook (.xlsx):             {full_workbook:>10.1?}");
    println!("  load+check of the YAML folder:                    {load_yaml:>10.1?}");
    println!("  load+check of the workbook:                       {load_workbook:>10.1?}");
    println!(
        "  workbook build time vs YAML build time: {:+.1}%",
        (full_workbook.as_secs_f64() / full_yaml.as_secs_f64() - 1.0) * 100.0
    );
}
