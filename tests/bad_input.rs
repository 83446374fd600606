//! Bad input never panics, never writes a PDF, never replaces a good one, and says in Korean
//! where the problem is and how to fix it.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// Runs a build that must fail; returns stderr.
fn fails(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected exit 1, got {:?}: {stderr}",
        out.status
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn yaml_syntax_error_names_file_and_line_and_keeps_the_good_pdf() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("out.pdf"), b"good old pdf").unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace("name: 청년 인턴 사업", "name: \"청년 인턴 사업")
    });
    let stderr = fails(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    assert!(stderr.contains("strategies/01-youth.yaml:"), "{stderr}");
    assert!(stderr.contains("YAML 문법 오류"), "{stderr}");
    assert!(stderr.contains("PDF를 만들지 않았습니다"), "{stderr}");
    assert_eq!(
        fs::read(dir.path().join("out.pdf")).unwrap(),
        b"good old pdf"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn unknown_field_is_an_error_with_the_allowed_names() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace("target_people: 120", "target_poeple: 120")
    });
    let stderr = fails(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    assert!(stderr.contains("strategies/01-youth.yaml:6:5"), "{stderr}");
    assert!(stderr.contains("tasks[0]"), "{stderr}");
    assert!(
        stderr.contains("알 수 없는 항목 `target_poeple`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("target_people"),
        "hint lists the allowed names: {stderr}"
    );
    assert!(!dir.path().join("out.pdf").exists());
}

#[test]
fn wrong_type_and_missing_field_are_reported_together() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace("{local: 50000}", "{local: 오만}")
    });
    fs::write(
        Path::new(&plan).join("goals.yaml"),
        fs::read_to_string(Path::new(&plan).join("goals.yaml"))
            .unwrap()
            .replace("vision: 모두가 일하는 가상군\n", ""),
    )
    .unwrap();
    let stderr = fails(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    assert!(stderr.contains("문제가 2건"), "{stderr}");
    assert!(
        stderr.contains("goals.yaml") && stderr.contains("필수 항목 `vision`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("tasks[0].projects[1].budget.local") && stderr.contains("정수"),
        "{stderr}"
    );
}

#[test]
fn structural_problems_are_all_listed_with_places() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace("id: youth-skills-class", "id: youth-jobs-intern")
            .replace("{from: 4, to: 11,", "{from: 4, to: 13,")
    });
    let stderr = fails(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    assert!(stderr.contains("문제가 2건"), "{stderr}");
    assert!(
        stderr.contains("id `youth-jobs-intern`이(가) 중복됩니다"),
        "{stderr}"
    );
    assert!(
        stderr.contains("추진일정의 월이 올바르지 않습니다 (from: 4, to: 13)"),
        "{stderr}"
    );
    // Each at its own line: the duplicate (not the first use) and the bar.
    assert!(
        stderr.contains("strategies/01-youth.yaml:30:9 (tasks[1].projects[0].id)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("strategies/01-youth.yaml:22:14 (tasks[0].projects[1].schedule[0])"),
        "{stderr}"
    );
}

#[test]
fn missing_plan_folder_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = fails(dir.path(), &["build", "없는-폴더"]);
    assert!(stderr.contains("계획 폴더를 찾을 수 없습니다"), "{stderr}");
}

#[test]
fn typst_error_in_an_overridden_template_points_at_the_template_line() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("my-templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("cover.typ"),
        "#import \"style.typ\": *\n\n= {{ plan.district }}\n#undefined-function()\n",
    )
    .unwrap();
    let stderr = fails(
        dir.path(),
        &[
            "build",
            fixture("minimal").to_str().unwrap(),
            "-o",
            "out.pdf",
            "--templates",
            templates.to_str().unwrap(),
        ],
    );
    assert!(
        stderr.contains("unknown variable: undefined-function"),
        "{stderr}"
    );
    assert!(stderr.contains("my-templates/cover.typ 4행"), "{stderr}");
    assert!(!dir.path().join("out.pdf").exists());
}

#[test]
fn template_syntax_error_names_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("t");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("summary.typ"), "{% for x in %}\n").unwrap();
    let stderr = fails(
        dir.path(),
        &[
            "build",
            fixture("minimal").to_str().unwrap(),
            "--templates",
            templates.to_str().unwrap(),
        ],
    );
    assert!(
        stderr.contains("템플릿 오류") && stderr.contains("t/summary.typ 1행"),
        "{stderr}"
    );
}

#[test]
fn missing_font_folder_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = fails(
        dir.path(),
        &[
            "build",
            fixture("minimal").to_str().unwrap(),
            "--font-path",
            "없음",
        ],
    );
    assert!(stderr.contains("글꼴 폴더를 찾을 수 없습니다"), "{stderr}");
}

#[test]
fn absurd_amounts_are_rejected_instead_of_overflowing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace("{local: 50000}", "{local: 9223372036854775807}")
            .replace("{local: 5000}", "{local: -5000}")
    });
    let stderr = fails(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    assert!(stderr.contains("문제가 2건"), "{stderr}");
    assert!(
        stderr.contains("tasks[0].projects[1].budget.local"),
        "{stderr}"
    );
    assert!(stderr.contains("tasks[1].budget.local"), "{stderr}");
}

#[test]
fn oversized_merged_cell_is_rejected_before_layout() {
    // Regression: a rowspan of three million once reached the layout and ate all memory.
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "labour-market/01-population.yaml", |t| {
        t.replace(
            "[읍부, 20000, 19800, -1.0]",
            "[{value: 읍부, rows: 3000009}, 20000, 19800, -1.0]",
        )
    });
    let stderr = fails(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    assert!(
        stderr.contains("합친 칸의 크기가 표를 벗어납니다 (cols: 1, rows: 3000009)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("labour-market/01-population.yaml:"),
        "{stderr}"
    );
}

#[test]
fn several_typos_in_one_file_are_reported_together() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace("target_people: 120", "target_poeple: 120")
            .replace(
                "details:\n          - text: \"사업대상",
                "detail:\n          - text: \"사업대상",
            )
            .replace(
                "effects:\n      - text: 구직",
                "efects:\n      - text: 구직",
            )
    });
    let stderr = fails(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    assert!(
        stderr.contains("알 수 없는 항목 `target_poeple`"),
        "{stderr}"
    );
    assert!(stderr.contains("알 수 없는 항목 `detail`"), "{stderr}");
    assert!(stderr.contains("알 수 없는 항목 `efects`"), "{stderr}");
    // The misspelt required field is also missing: said once, at its task.
    assert!(stderr.contains("필수 항목 `effects`"), "{stderr}");
    assert!(stderr.contains("strategies/01-youth.yaml:6:5"), "{stderr}");
}
