//! What the PDF export (PDF 내보내기) of the reference plan costs, and what in it: lays the
//! plan out once, then edits one 공통 목표 figure to a new value and exports again, 12 times,
//! printing the layout time and the export time with PDF/UA-1 + PDF/A-2a (what gongsi
//! writes), with tags but no standard, and without tags.
//!
//! `cargo run --release --example export_cost` (README, 성능).

use std::time::Instant;

use gongsi::pipeline::load_and_check;
use gongsi::renditions::pdf::fonts::font_store;
use gongsi::renditions::pdf::plan_date;
use gongsi::renditions::pdf::source::render;
use gongsi::renditions::pdf::world::PlanWorld;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

const VARIANTS: [(&str, &[PdfStandard], bool); 3] = [
    ("PDF/UA+A", &[PdfStandard::Ua_1, PdfStandard::A_2a], true),
    ("tags only", &[], true),
    ("no tags", &[], false),
];

fn main() {
    let plan = load_and_check(None)
        .expect("the reference plan builds")
        .plan;
    let rendered = render(&plan, None).expect("the reference plan renders");
    let files = &rendered.files;
    let mut world = PlanWorld::new(font_store(&[] as &[&str]).expect("fonts load"));
    let date = plan_date(&plan);
    world.set_today(date);
    for round in 0..12 {
        let value = format!("target: {}.{}", 20 + round / 9, round % 9 + 1);
        let edited: Vec<(String, String)> = files
            .iter()
            .map(|(name, text)| (name.clone(), text.replacen("34.1", &value[8..], 1)))
            .collect();
        world.set_sources(&edited);
        let started = Instant::now();
        let document = typst::compile::<PagedDocument>(&world)
            .output
            .expect("the reference plan compiles");
        let mut line = format!("layout {:>4} ms", started.elapsed().as_millis());
        for (name, standards, tagged) in VARIANTS {
            let options = PdfOptions {
                ident: Smart::Custom("gongsi/export_cost".into()),
                timestamp: date.map(Timestamp::new_utc),
                standards: PdfStandards::new(standards).expect("compatible standards"),
                tagged,
                ..PdfOptions::default()
            };
            let started = Instant::now();
            let pdf = typst_pdf::pdf(&document, &options).expect("the PDF is written");
            line += &format!(
                " | {name} {:>4} ms, {} KB",
                started.elapsed().as_millis(),
                pdf.len() / 1024
            );
        }
        println!("{line}");
        typst::comemo::evict(10);
    }
}
