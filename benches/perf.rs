//! Criterion benchmarks of the reference plan (참고 계획): a cold build against Typst alone
//! on the emitted sources, and a warm rebuild after a data edit in one long-lived world
//! (what `gongsi watch` does). `benches/perf.sh` runs these and the whole-process figures
//! (peak memory, PDF size, scaling, watch latency, batch builds).

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use gongsi::commands::watch::{Session, WatchConfig};
use gongsi::pipeline::load_and_check;
use gongsi::renditions::pdf::source::render;
use gongsi::renditions::pdf::{Typesetter, Typesetting};

fn reference(c: &mut Criterion) {
    let mut group = c.benchmark_group("reference");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("cold build (load+check+plan+render+compile+pdf)", |b| {
        b.iter(|| {
            typst::comemo::evict(0);
            let plan = load_and_check(None).unwrap().plan;
            let rendered = render(&plan, None).unwrap();
            let mut typesetter = Typesetter::new(&Typesetting::default()).unwrap();
            typesetter.compile(&plan, &rendered).unwrap()
        })
    });
    let plan = load_and_check(None).unwrap().plan;
    let rendered = render(&plan, None).unwrap();
    group.bench_function("typst alone on the emitted sources (cold)", |b| {
        b.iter(|| {
            typst::comemo::evict(0);
            let mut typesetter = Typesetter::new(&Typesetting::default()).unwrap();
            typesetter.compile(&plan, &rendered).unwrap()
        })
    });

    // A data edit in a copy of the plan folder, rebuilt in the same world: the value of a
    // 공통 목표 is one not seen before each time, so Typst's memo has nothing to reuse for it.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("plan");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/2021-인천서구"),
        &folder,
    );
    let goals = folder.join("goals.yaml");
    let original = std::fs::read_to_string(&goals).unwrap();
    let mut session = Session::new(WatchConfig {
        plan: folder.clone(),
        output: Some(dir.path().join("out.pdf")),
        typesetting: Typesetting::default(),
    })
    .unwrap();
    session.rebuild().unwrap();
    let mut n = 0u32;
    group.bench_function("warm rebuild after an edit (load..write, one world)", |b| {
        b.iter(|| {
            n += 1;
            let value = format!("target: {}.{}", 20 + n / 9, n % 9 + 1);
            let text = original.replace("target: 34.1", &value);
            std::fs::write(&goals, text).unwrap();
            session.rebuild().unwrap()
        })
    });
    group.finish();
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

criterion_group!(benches, reference);
criterion_main!(benches);
