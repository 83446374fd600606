//! `gongsi build A B C` and `gongsi build <folder of plans>`: several plans at once, one
//! broken plan does not stop the others, and the exit status and summary tell which failed.

use std::fs;

use crate::common::*;

#[test]
fn one_broken_plan_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("계획들");
    copy_dir(&root().join("content/2021-인천서구"), &plans.join("1-서구"));
    copy_dir(&fixture("minimal"), &plans.join("2-예제"));
    copy_dir(&fixture("minimal"), &plans.join("3-고장"));
    let broken = plans.join("3-고장/plan.yaml");
    let text = fs::read_to_string(&broken).unwrap();
    fs::write(&broken, text.replace("year:", "yeer:")).unwrap();
    fs::create_dir(plans.join("메모")).unwrap(); // not a plan: skipped

    let out = run(dir.path(), &["build", "계획들", "-o", "pdf"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.contains("계획 3개"), "{stdout}");
    assert!(
        stdout.contains("성공  계획들/1-서구 → pdf/2021-인천광역시서구-연차별세부계획.pdf"),
        "{stdout}"
    );
    assert!(stdout.contains("실패  계획들/3-고장"), "{stdout}");
    // The broken plan's errors are shown like `build` shows them, with their place.
    assert!(stderr.contains("── 계획들/3-고장 ──"), "{stderr}");
    assert!(stderr.contains("plan.yaml:"), "{stderr}");
    assert!(
        stderr.contains("계획 3개 중 1개를 만들지 못했습니다"),
        "{stderr}"
    );
    // No progress bar drawn when stderr is not a terminal.
    assert!(!stderr.contains('█') && !stderr.contains("[0"), "{stderr}");

    let pdfs: Vec<String> = fs::read_dir(dir.path().join("pdf"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(pdfs.len(), 2, "{pdfs:?}");
    let reference = dir
        .path()
        .join("pdf/2021-인천광역시서구-연차별세부계획.pdf");
    assert!(pdf_text(&reference).contains("2021년도 일자리대책"));
}

#[test]
fn several_plans_named_on_the_command_line_all_build() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), &dir.path().join("가"));
    copy_dir(
        &root().join("content/2021-인천서구"),
        &dir.path().join("나"),
    );
    let out = run(dir.path(), &["build", "가", "나", "-o", "out"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("완료: 계획 2개 모두 PDF를 만들었습니다."),
        "{stdout}"
    );
    assert_eq!(fs::read_dir(dir.path().join("out")).unwrap().count(), 2);
}

#[test]
fn plans_that_would_write_the_same_pdf_are_not_both_written() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), &dir.path().join("가"));
    copy_dir(&fixture("minimal"), &dir.path().join("나"));
    let out = run(dir.path(), &["build", "가", "나", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("같은 PDF 이름"), "{stderr}");
    assert_eq!(fs::read_dir(dir.path().join("out")).unwrap().count(), 1);
}

#[test]
fn folders_of_workbooks_and_of_plan_folders_and_workbooks_build_each_plan() {
    let dir = tempfile::tempdir().unwrap();
    let reference = root().join("content/2021-인천서구.xlsx");
    // Workbooks only: 서구 and the small plan exported as a workbook.
    let books = dir.path().join("통합문서들");
    fs::create_dir(&books).unwrap();
    fs::copy(&reference, books.join("서구.xlsx")).unwrap();
    let minimal = fixture("minimal");
    let out = run(
        dir.path(),
        &[
            "export",
            "xlsx",
            minimal.to_str().unwrap(),
            "-o",
            "통합문서들/가상.xlsx",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Mixed: a plan folder whose figures are in a workbook beside its YAML, and a workbook.
    let mixed = dir.path().join("섞임");
    copy_dir(&fixture("mixed"), &mixed.join("예제"));
    fs::copy(
        fixture("workbooks").join("수치.xlsx"),
        mixed.join("예제/수치.xlsx"),
    )
    .unwrap();
    fs::copy(&reference, mixed.join("서구.xlsx")).unwrap();

    for (folder, plans) in [
        (
            "통합문서들",
            ["통합문서들/가상.xlsx", "통합문서들/서구.xlsx"],
        ),
        ("섞임", ["섞임/서구.xlsx", "섞임/예제"]),
    ] {
        let pdf = format!("pdf-{folder}");
        let out = run(dir.path(), &["build", folder, "-o", &pdf]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{folder}: {stdout}\n{stderr}");
        assert!(
            stdout.contains("완료: 계획 2개 모두 PDF를 만들었습니다."),
            "{stdout}"
        );
        for plan in plans {
            assert!(
                stdout.contains(&format!("성공  {plan} → ")),
                "{plan}: {stdout}"
            );
        }
        let reference_pdf = dir
            .path()
            .join(&pdf)
            .join("2021-인천광역시서구-연차별세부계획.pdf");
        assert!(pdf_text(&reference_pdf).contains("2021년도 일자리대책"));
        assert_eq!(fs::read_dir(dir.path().join(&pdf)).unwrap().count(), 2);
    }
}
