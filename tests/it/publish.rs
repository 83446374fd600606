//! `gongsi publish` end to end: the folder it writes (PDF, PNG previews, manifest), the
//! accessible PDF checked by an independent validator (`tests/pdf_accessibility.py`, qpdf
//! through pikepdf; installed by `.ci/setup`), atomic replacement and refusals.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::*;
use sha2::{Digest, Sha256};

const STEM: &str = "2021-인천광역시서구-연차별세부계획";

fn publish_ok(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["publish"];
    all.extend_from_slice(args);
    let out = run(dir, &all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn manifest(folder: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(folder.join("manifest.json")).expect("manifest.json"))
        .expect("manifest.json is JSON")
}

fn sorted_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

/// Runs the independent PDF/UA-1 and PDF/A-2a check; returns its report (stderr).
fn validate(pdf: &Path) -> String {
    let script = root().join("tests/pdf_accessibility.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(pdf)
        .arg("--bookmarks")
        .output()
        .expect("python3 is installed (bash .ci/setup)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("ModuleNotFoundError"),
        "pikepdf is missing: run bash .ci/setup\n{stderr}"
    );
    assert!(
        out.status.success(),
        "the PDF fails the accessibility check:\n{stdout}\n{stderr}"
    );
    stderr.into_owned()
}

#[test]
fn reference_plan_publishes_a_complete_folder() {
    let dir = tempfile::tempdir().unwrap();
    let stdout = publish_ok(
        dir.path(),
        &[
            "-o",
            "누리집",
            "--preview-width",
            "200",
            "--thumbnail-width",
            "120",
        ],
    );
    assert!(
        stdout.contains(&format!("완료: 누리집 ({REFERENCE_PAGES}쪽")),
        "{stdout}"
    );
    assert!(stdout.contains("PDF/UA-1, PDF/A-2a"), "{stdout}");
    let folder = dir.path().join("누리집");
    assert_eq!(sorted_names(dir.path()), ["누리집"], "nothing left beside");

    let m = manifest(&folder);
    assert_eq!(m["plan"]["year"], 2021);
    assert_eq!(m["plan"]["district"], "인천광역시 서구");
    assert_eq!(
        m["plan"]["title"],
        "2021년도 일자리대책 연차별 세부계획 - 인천광역시 서구"
    );
    assert_eq!(
        m["generator"],
        format!("gongsi {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(m["pages"], REFERENCE_PAGES);
    assert_eq!(m["standards"], serde_json::json!(["PDF/UA-1", "PDF/A-2a"]));

    // Exactly the files listed, plus the manifest; each with its size and digest.
    let files = m["files"].as_array().unwrap();
    let mut listed: Vec<String> = files
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    listed.push("manifest.json".into());
    listed.sort();
    assert_eq!(sorted_names(&folder), listed);
    for f in files {
        let bytes = fs::read(folder.join(f["name"].as_str().unwrap())).unwrap();
        assert_eq!(f["bytes"], bytes.len(), "{f}");
        let digest: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(f["sha256"], digest, "{f}");
    }

    // The PDF, the HTML page, the 한글 document, the thumbnail of the cover and one image per page, named
    // after the plan (the HTML page is `index.html`, the page a web server shows first).
    assert_eq!(files[0]["name"], format!("{STEM}.pdf"));
    assert_eq!(files[0]["role"], "pdf");
    assert_eq!(files[1]["name"], "index.html");
    assert_eq!(files[1]["role"], "html");
    assert_eq!(files[1]["media_type"], "text/html");
    assert_eq!(files[2]["name"], format!("{STEM}.hwpx"));
    assert_eq!(files[2]["role"], "hwpx");
    assert_eq!(files[2]["media_type"], "application/hwp+zip");
    assert_eq!(files[3]["name"], format!("{STEM}.png"));
    assert_eq!(files[3]["role"], "thumbnail");
    let thumb = fs::read(folder.join(format!("{STEM}.png"))).unwrap();
    let (w, h) = png_size(&thumb);
    assert_eq!(w, 120);
    assert!((169..=171).contains(&h), "A4 proportions: {h}");
    let pages: Vec<_> = files.iter().filter(|f| f["role"] == "page").collect();
    assert_eq!(pages.len(), REFERENCE_PAGES);
    for (i, f) in pages.iter().enumerate() {
        assert_eq!(f["page"], i + 1);
        assert_eq!(f["name"], format!("{STEM}-{:02}.png", i + 1));
        let (w, h) = png_size(&fs::read(folder.join(f["name"].as_str().unwrap())).unwrap());
        assert_eq!(w, 200, "{f}");
        assert_eq!(f["pixels"], serde_json::json!([w, h]));
    }
    // Part V (추진일정) is landscape: the last page is wider than tall.
    let last = &pages[REFERENCE_PAGES - 1]["pixels"];
    assert!(last[1].as_u64() < last[0].as_u64());

    // The PDF itself: the same pages as `build`, tagged, titled, in Korean.
    let pdf = folder.join(format!("{STEM}.pdf"));
    assert_eq!(pdf_pages(&pdf), REFERENCE_PAGES);
    assert_eq!(pdf_info(&pdf, "Tagged"), "yes");
    assert_eq!(
        pdf_info(&pdf, "Title"),
        "2021년도 일자리대책 연차별 세부계획 - 인천광역시 서구"
    );
    assert_eq!(pdf_info(&pdf, "Author"), "인천광역시 서구");
    let report = validate(&pdf);
    // The chart of part II, the vision diagram and the procedure diagram of part IV
    // are figures whose alternative text states the data they draw.
    let alts: Vec<&str> = report
        .lines()
        .filter_map(|l| l.strip_prefix("figure alt: "))
        .collect();
    assert_eq!(alts.len(), 3, "{report}");
    assert_eq!(
        alts[2],
        "추진절차: 창업 공모전 → 대상자 선정 → 창업 공간 제공 → 맞춤형 컨설팅 지원"
    );
    assert_eq!(
        alts[0],
        "연도별 인구변동 그래프. 서구: 2010년 408,068명, 2020년 542,040명"
    );
    assert_in_order(
        alts[1],
        &[
            "비전 체계도. 비전: 일하고 싶고 기업하기 좋은 일자리 행복도시",
            "전략 1. 청년 행복 일자리 확대 (실천과제: 청년 창업 인프라 조성,",
            "전략 5. 고용거버넌스 활성화 및 상생·협력 일자리 창출",
        ],
    );
    assert!(
        report.contains("structure: 3 figures, 57 tables"),
        "{report}"
    );
    // Column headers of every table, and the 구분 cells that label rows.
    let counts = report
        .lines()
        .find_map(|l| l.strip_prefix("header cells: "))
        .expect("header cell counts");
    let count = |kind: &str| -> usize {
        counts
            .split(", ")
            .find_map(|p| p.strip_suffix(kind))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    assert!(count(" column") > 250, "{counts}");
    assert!(count(" row") > 300, "{counts}");
}

#[test]
fn typst_enforces_pdf_ua_on_overridden_templates() {
    // A template that starts the body at heading level 3 breaks PDF/UA-1's heading
    // nesting: the build stops and names the rule and the template.
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    fs::create_dir(&templates).unwrap();
    let summary = fs::read_to_string(root().join("templates/summary.typ")).unwrap();
    let heading = "\n= {{ say(\"part.summary\") }}\n";
    assert!(summary.contains(heading));
    fs::write(
        templates.join("summary.typ"),
        summary.replace(heading, "\n=== {{ say(\"part.summary\") }}\n"),
    )
    .unwrap();
    let out = run(
        dir.path(),
        &["build", "--templates", "templates", "-o", "x.pdf"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("PDF/UA-1 error"), "{stderr}");
    assert!(
        stderr.contains("템플릿 위치: templates/summary.typ 4행"),
        "{stderr}"
    );
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn publish_and_build_write_the_same_pdf_and_publishing_is_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["--preview-width", "100", "--thumbnail-width", "50"];
    let mut first = vec!["-o", "a"];
    first.extend_from_slice(&args);
    publish_ok(dir.path(), &first);
    let mut second = vec!["-o", "b"];
    second.extend_from_slice(&args);
    publish_ok(dir.path(), &second);
    let a = fs::read(dir.path().join("a/manifest.json")).unwrap();
    let b = fs::read(dir.path().join("b/manifest.json")).unwrap();
    assert_eq!(a, b, "same plan, same bytes and digests");

    let built = build_ok(dir.path(), &[], "built.pdf");
    assert_eq!(
        fs::read(built).unwrap(),
        fs::read(dir.path().join(format!("a/{STEM}.pdf"))).unwrap(),
        "build writes the same accessible PDF as publish"
    );
}

#[test]
fn republishing_replaces_the_folder_whole_but_not_a_folder_someone_added_to() {
    let dir = tempfile::tempdir().unwrap();
    let small = ["--preview-width", "40", "--thumbnail-width", "30"];
    let mut args = vec!["-o", "site"];
    args.extend_from_slice(&small);
    publish_ok(dir.path(), &args);
    assert_eq!(
        sorted_names(&dir.path().join("site")).len(),
        1 + 1 + 1 + 1 + REFERENCE_PAGES + 1
    );
    // A file someone put into the folder: the folder is no longer only gongsi's.
    fs::write(dir.path().join("site/메모.txt"), b"mine").unwrap();
    let out = run(dir.path(), &["publish", "-o", "site"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("gongsi publish가 쓰지 않은 것이 1개 있습니다: 메모.txt"),
        "{stderr}"
    );
    assert!(dir.path().join("site/메모.txt").is_file());
    fs::remove_file(dir.path().join("site/메모.txt")).unwrap();
    // Another plan into the same folder: nothing of the first one is left.
    let minimal = fixture("minimal");
    let mut args = vec!["publish", minimal.to_str().unwrap(), "-o", "site"];
    args.extend_from_slice(&small);
    let out = run(dir.path(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names = sorted_names(&dir.path().join("site"));
    assert!(
        names
            .iter()
            .all(|n| n == "manifest.json" || n == "index.html" || n.starts_with("2024-")),
        "{names:?}"
    );
    assert_eq!(sorted_names(dir.path()), ["site"]);
}

#[test]
fn refuses_a_web_app_folder_with_its_own_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    fs::create_dir(&app).unwrap();
    fs::write(
        app.join("manifest.json"),
        r#"{"name": "민원 앱", "start_url": "/"}"#,
    )
    .unwrap();
    fs::write(app.join("index.html"), b"<app>").unwrap();
    let out = run(dir.path(), &["publish", "-o", "app"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("manifest.json은 gongsi publish가 쓴 것이 아닙니다"),
        "{stderr}"
    );
    assert_eq!(sorted_names(&app), ["index.html", "manifest.json"]);
    assert_eq!(fs::read(app.join("index.html")).unwrap(), b"<app>");
    assert_eq!(sorted_names(dir.path()), ["app"]);
}

/// Whether `folder` is a whole published folder: every file its manifest lists, with its
/// digest, and nothing else; returns the thumbnail's width.
fn whole(folder: &Path) -> Result<u64, String> {
    let manifest: serde_json::Value = serde_json::from_slice(
        &fs::read(folder.join("manifest.json")).map_err(|e| format!("manifest: {e}"))?,
    )
    .map_err(|e| format!("manifest: {e}"))?;
    let files = manifest["files"].as_array().ok_or("no files")?;
    let mut listed = vec!["manifest.json".to_string()];
    let mut thumbnail = 0;
    for file in files {
        let name = file["name"].as_str().ok_or("no name")?;
        let bytes = fs::read(folder.join(name)).map_err(|e| format!("{name}: {e}"))?;
        let digest: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if file["sha256"].as_str() != Some(digest.as_str()) {
            return Err(format!("{name}: digest"));
        }
        if file["role"] == "thumbnail" {
            thumbnail = file["pixels"][0].as_u64().unwrap_or(0);
        }
        listed.push(name.to_string());
    }
    listed.sort();
    if sorted_names(folder) != listed {
        return Err(format!(
            "files {:?} ≠ manifest {listed:?}",
            sorted_names(folder)
        ));
    }
    Ok(thumbnail)
}

#[test]
fn a_publish_killed_at_any_moment_leaves_the_old_folder_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = fixture("minimal");
    let plan = minimal.to_str().unwrap();
    let args = |width: &'static str| {
        vec![
            "publish",
            plan,
            "-o",
            "site",
            "--preview-width",
            "40",
            "--thumbnail-width",
            width,
        ]
    };
    let started = std::time::Instant::now();
    publish_ok(dir.path(), &args("30")[1..]);
    let took = started.elapsed();
    assert_eq!(whole(&dir.path().join("site")), Ok(30));
    let rounds = 12;
    for round in 0..rounds {
        let width = if round % 2 == 0 { "31" } else { "30" };
        let mut child = gongsi()
            .current_dir(dir.path())
            .args(args(width))
            .stderr(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the whole run, the last ones near its end (the swap).
        std::thread::sleep(took.mul_f64(0.3 + 0.75 * round as f64 / rounds as f64));
        let _ = child.kill();
        let _ = child.wait();
        let found = whole(&dir.path().join("site"));
        assert!(
            matches!(found, Ok(30) | Ok(31)),
            "round {round}: the folder is neither the old nor the new one: {found:?} ({:?})",
            sorted_names(dir.path())
        );
    }
    // The next run cleans whatever a killed one left beside the folder.
    publish_ok(dir.path(), &args("32")[1..]);
    assert_eq!(whole(&dir.path().join("site")), Ok(32));
    assert_eq!(sorted_names(dir.path()), ["site"]);
}

#[test]
fn every_template_override_is_honoured_the_html_page_too() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("t");
    fs::create_dir(&templates).unwrap();
    fs::write(
        templates.join("index.html"),
        "<!DOCTYPE html>\n<html lang=\"ko\"><head><title>{{ plan.district }}</title><style>{% include \"style.css\" %}</style></head><body><p>맞춤 쪽: {{ plan.district }}</p></body></html>\n",
    )
    .unwrap();
    fs::write(templates.join("style.css"), "p { color: teal; }\n").unwrap();
    let minimal = fixture("minimal");
    publish_ok(
        dir.path(),
        &[
            minimal.to_str().unwrap(),
            "-o",
            "site",
            "--templates",
            "t",
            "--preview-width",
            "40",
            "--thumbnail-width",
            "30",
        ],
    );
    let html = fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    assert!(html.contains("맞춤 쪽: 경기도 가상군"), "{html}");
    assert!(html.contains("p { color: teal; }"), "{html}");
}

#[test]
fn default_folder_is_named_after_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    publish_ok(
        dir.path(),
        &["--preview-width", "40", "--thumbnail-width", "20"],
    );
    assert!(dir.path().join(STEM).join(format!("{STEM}.pdf")).is_file());
}

#[test]
fn refuses_a_folder_it_did_not_make() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("문서");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("보고서.hwp"), b"keep me").unwrap();
    let out = run(dir.path(), &["publish", "-o", "문서"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("오류:"), "{stderr}");
    assert!(
        stderr.contains("gongsi publish로 만든 폴더가 아닙니다"),
        "{stderr}"
    );
    assert_eq!(sorted_names(&target), ["보고서.hwp"]);
    assert_eq!(fs::read(target.join("보고서.hwp")).unwrap(), b"keep me");
    assert_eq!(sorted_names(dir.path()), ["문서"]);
}

#[test]
fn rejects_an_unusable_preview_width() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["publish", "-o", "x", "--preview-width", "0"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("미리보기 너비 0px"), "{stderr}");
    assert!(sorted_names(dir.path()).is_empty(), "nothing written");
}

#[test]
fn bad_plan_publishes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    fs::create_dir(&plan).unwrap();
    fs::write(plan.join("plan.yaml"), "year: 이천이십일\n").unwrap();
    let out = run(dir.path(), &["publish", "plan", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("오류:"));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn publishing_shows_the_validator_warnings_it_publishes_with() {
    // The reference plan is the published document, arithmetic breaks included: publishing
    // goes ahead, but says what does not add up, as `build` does.
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["publish", "-o", "누리집"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("경고[table-share]"), "{err}");
    assert!(err.contains("경고 20건"), "{err}");
}
