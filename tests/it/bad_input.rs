//! Bad input never panics, never writes a PDF, never replaces a good one, and says in Korean
//! where the problem is and how to fix it.

use std::fs;
use std::path::Path;

use crate::common::*;

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
    // `vision` may be left out now (that is the `incomplete` warning); `district` may not.
    fs::write(
        Path::new(&plan).join("plan.yaml"),
        fs::read_to_string(Path::new(&plan).join("plan.yaml"))
            .unwrap()
            .replace("district: 경기도 가상군\n", ""),
    )
    .unwrap();
    let stderr = fails(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    assert!(stderr.contains("문제가 2건"), "{stderr}");
    assert!(
        stderr.contains("plan.yaml") && stderr.contains("필수 항목 `district`"),
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
        stderr.contains("strategies/01-youth.yaml:22:23 (tasks[0].projects[1].schedule[0].to)"),
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
    // A number beyond the limits is refused first, alone: no sum may see it.
    let stderr = fails(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    assert!(stderr.contains("문제가 1건"), "{stderr}");
    assert!(
        stderr.contains(
            "tasks[0].projects[1].budget.local): 숫자 9223372036854775807은(는) 쓸 수 없습니다"
        ),
        "{stderr}"
    );
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace("{local: 50000}", "{local: 1000000000000001}")
            .replace("{local: 5000}", "{local: -5000}")
    });
    let stderr = fails(dir.path(), &["build", &plan, "-o", "out.pdf"]);
    assert!(stderr.contains("문제가 1건"), "{stderr}");
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |t| {
        t.replace("{local: 50000}", "{local: 999999999999999}")
            .replace("{local: 5000}", "{local: -5000}")
    });
    let stderr = fails(dir.path(), &["build", &plan, "-o", "out.pdf"]);
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
    // The limits are checked before the grid: the span is refused as too large.
    assert!(
        stderr.contains("합친 칸이 너무 큽니다 (cols: 1, rows: 3000009;"),
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
    // `effects` may be missing (the `incomplete` warning of check), so its misspelling is one
    // message, not two.
    assert!(stderr.contains("문제가 3건"), "{stderr}");
    assert!(stderr.contains("strategies/01-youth.yaml:6:5"), "{stderr}");
}

// ── Hostile inputs ──────────────────────────────────────────────────────────────────────
// The corpus below is what someone sending a bad plan or workbook could do (issue 15). Each
// case runs the real binary under a 2 GiB address-space limit (prlimit) and a time limit, and
// must end with its exit code and its Korean message: never a panic, an abort or a timeout.
// Large inputs are generated here, at test time.

/// Runs gongsi in `dir` under a 2 GiB address-space limit and a 120 s time limit.
pub fn bounded(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("prlimit")
        .arg("--as=2147483648")
        .arg("--")
        .arg("timeout")
        .arg("120")
        .arg(env!("CARGO_BIN_EXE_gongsi"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("prlimit (util-linux) and timeout (coreutils) are installed")
}

/// One hostile input: how to make it in a folder (returns the plan argument), what to run,
/// and how gongsi must answer.
struct Hostile {
    name: &'static str,
    make: fn(&Path) -> String,
    exit: i32,
    says: &'static [&'static str],
}

/// A copy of the minimal plan in `dir/plan` with `file` rewritten by `edit`.
fn edited(dir: &Path, file: &str, edit: impl FnOnce(String) -> String) -> String {
    broken_plan(dir, file, edit)
}

/// A workbook (xlsx) whose one sheet `계획` has the cells given as `(ref, inline text)`.
fn xlsx_with_cells(path: &Path, cells: &[(&str, &str)], rows: usize) {
    use std::io::Write;
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, text) in cells {
        let row: String = r.chars().filter(char::is_ascii_digit).collect();
        sheet.push_str(&format!(
            r#"<row r="{row}"><c r="{r}" t="inlineStr"><is><t>{text}</t></is></c></row>"#
        ));
    }
    for i in 0..rows {
        sheet.push_str(&format!(
            r#"<row r="{}"><c r="A{}"><v>{i}</v></c></row>"#,
            i + 10,
            i + 10
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts: [(&str, String); 5] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.into(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="계획" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into(),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// A YAML list of `n` copies of `item`, on one line.
fn many(item: &str, n: usize) -> String {
    let mut out = String::with_capacity(n * (item.len() + 2) + 2);
    out.push('[');
    for i in 0..n {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    out.push(']');
    out
}

const CORPUS: &[Hostile] = &[
    Hostile {
        name: "a stray cell at XFD1048576 (once 512 GiB and an abort)",
        make: |dir| {
            let path = dir.join("계획.xlsx");
            xlsx_with_cells(&path, &[("A1", "항목"), ("XFD1048576", "x")], 0);
            path.display().to_string()
        },
        exit: 1,
        says: &["계획!XFD1048576", "gongsi가 읽는 범위"],
    },
    Hostile {
        name: "70,000 rows in a sheet",
        make: |dir| {
            let path = dir.join("계획.xlsx");
            xlsx_with_cells(&path, &[("A1", "항목")], 70_000);
            path.display().to_string()
        },
        exit: 1,
        says: &["계획!A60001", "gongsi가 읽는 범위"],
    },
    Hostile {
        name: "a 101 MiB cell compressed into a small file (zip bomb)",
        make: |dir| {
            let path = dir.join("계획.xlsx");
            let big = "가".repeat(101 * 1024 * 1024 / 3 + 1);
            xlsx_with_cells(&path, &[("A1", &big)], 0);
            path.display().to_string()
        },
        exit: 1,
        says: &[
            "xl/worksheets/sheet1.xml",
            "압축을 풀면 지나치게 커지는 파일",
        ],
    },
    Hostile {
        name: "a file that is not a workbook",
        make: |dir| {
            let path = dir.join("계획.xlsx");
            fs::write(&path, b"PK\x03\x04 not really").unwrap();
            path.display().to_string()
        },
        exit: 1,
        says: &["통합문서를 읽을 수 없습니다", "손상되었거나"],
    },
    Hostile {
        name: "1.4 KB of anchors expanding to millions of blocks",
        make: |dir| {
            edited(dir, "labour-market/01-population.yaml", |t| {
                let mut bomb = String::from(
                    "x0: &a0 [{text: 가}, {text: 가}, {text: 가}, {text: 가}, {text: 가}, {text: 가}, {text: 가}, {text: 가}, {text: 가}, {text: 가}]\n",
                );
                for i in 1..8 {
                    bomb.push_str(&format!(
                        "x{i}: &a{i} {}\n",
                        many(&format!("*a{}", i - 1), 10)
                    ));
                }
                format!("{bomb}{t}")
            })
        },
        exit: 1,
        says: &[
            "labour-market/01-population.yaml:",
            "값이 너무 많습니다",
            "별칭",
        ],
    },
    Hostile {
        name: "an 11 MiB file (a 50 MB paragraph cut down)",
        make: |dir| {
            edited(dir, "goals.yaml", |t| {
                format!("{t}# {}\n", "가".repeat(11 * 1024 * 1024 / 3))
            })
        },
        exit: 1,
        says: &["goals.yaml", "파일이 너무 큽니다"],
    },
    Hostile {
        name: "a paragraph of 40,000 characters",
        make: |dir| {
            edited(dir, "strategies/01-youth.yaml", |t| {
                t.replace(
                    "text: 지역 청년의 정착 지원",
                    &format!("text: {}", "정착".repeat(20_000)),
                )
            })
        },
        exit: 1,
        says: &["strategies/01-youth.yaml:8:", "글이 너무 깁니다: 40,000자"],
    },
    Hostile {
        name: "a chart with a million categories",
        make: |dir| {
            edited(dir, "labour-market/01-population.yaml", |t| {
                t.replace(
                    "categories: [2022년, 2023년]",
                    &format!("categories: {}", many("가", 1_000_000)),
                )
            })
        },
        exit: 1,
        says: &["labour-market/01-population.yaml:", "값이 너무 많습니다"],
    },
    Hostile {
        name: "a chart with 500 categories",
        make: |dir| {
            edited(dir, "labour-market/01-population.yaml", |t| {
                t.replace(
                    "categories: [2022년, 2023년]",
                    &format!("categories: {}", many("가", 500)),
                )
                .replace(
                    "values: [42871, 42318]",
                    &format!("values: {}", many("1", 500)),
                )
            })
        },
        exit: 1,
        says: &[
            "labour-market/01-population.yaml:",
            "그래프의 항목(categories)이 500개입니다",
        ],
    },
    Hostile {
        name: "a table of 10,000 × 50",
        make: |dir| {
            edited(dir, "labour-market/01-population.yaml", |t| {
                let row = format!("            - {}\n", many("1", 50));
                t.replace(
                    "            - [읍부, 20000, 19800, -1.0]\n",
                    &row.repeat(10_000),
                )
            })
        },
        exit: 1,
        says: &["labour-market/01-population.yaml:", "값이 너무 많습니다"],
    },
    Hostile {
        name: "a table of 600 rows",
        make: |dir| {
            edited(dir, "labour-market/01-population.yaml", |t| {
                t.replace(
                    "            - [읍부, 20000, 19800, -1.0]\n",
                    &"            - [읍부, 20000, 19800, -1.0]\n".repeat(600),
                )
            })
        },
        exit: 1,
        says: &["labour-market/01-population.yaml:", "표의 줄이 603개입니다"],
    },
    Hostile {
        name: "a million schedule bars",
        make: |dir| {
            edited(dir, "strategies/01-youth.yaml", |t| {
                t.replace(
                    "          - {from: 1, to: 2, label: 참여자 모집}\n",
                    &"          - {from: 1, to: 2, label: 참여자 모집}\n".repeat(1_000_000),
                )
            })
        },
        exit: 1,
        says: &["strategies/01-youth.yaml", "파일이 너무 큽니다: 54,"],
    },
    Hostile {
        name: "60 bars in one project",
        make: |dir| {
            edited(dir, "strategies/01-youth.yaml", |t| {
                t.replace(
                    "          - {from: 1, to: 2, label: 참여자 모집}\n",
                    &"          - {from: 1, to: 2, label: 참여자 모집}\n".repeat(60),
                )
            })
        },
        exit: 1,
        says: &["strategies/01-youth.yaml:", "추진일정 막대가 61개입니다"],
    },
    Hostile {
        name: "1e19 in a goal, a table cell and a chart",
        make: |dir| {
            let plan = edited(dir, "goals.yaml", |t| {
                t.replace("target: 10200", "target: 1e19")
            });
            let chapter = Path::new(&plan).join("labour-market/01-population.yaml");
            let text = fs::read_to_string(&chapter).unwrap();
            fs::write(
                &chapter,
                text.replace("[읍부, 20000,", "[읍부, 1e308,")
                    .replace("values: [42871, 42318]", "values: [42871, 1.0e19]"),
            )
            .unwrap();
            plan
        },
        exit: 1,
        says: &[
            "goals.yaml:",
            "숫자 1e19",
            "labour-market/01-population.yaml:",
            "정확히 계산하고 찍을 수 있는 범위",
        ],
    },
    Hostile {
        name: "a month of -1 (u32)",
        make: |dir| {
            edited(dir, "strategies/01-youth.yaml", |t| {
                t.replace("{from: 1, to: 2,", "{from: -1, to: 2,")
            })
        },
        exit: 1,
        says: &[
            "strategies/01-youth.yaml:",
            "값 -1은(는) 쓸 수 없습니다: 0 이상의 정수",
        ],
    },
    Hostile {
        name: "a tab in the indentation",
        make: |dir| edited(dir, "plan.yaml", |t| t.replace("  system:", "\tsystem:")),
        exit: 1,
        says: &["plan.yaml:5:", "탭 문자"],
    },
    Hostile {
        name: "a key written twice",
        make: |dir| edited(dir, "plan.yaml", |t| format!("{t}year: 2025\n")),
        exit: 1,
        says: &[
            "plan.yaml:12:",
            "`year`이(가) 같은 자리에 두 번 있습니다 (먼저 나온 곳: 2행)",
        ],
    },
    Hostile {
        name: "a plan.yaml saved as EUC-KR",
        make: |dir| {
            let plan = edited(dir, "plan.yaml", |t| t);
            let path = Path::new(&plan).join("plan.yaml");
            let text = fs::read_to_string(&path).unwrap();
            let (bytes, _, _) = encoding_rs::EUC_KR.encode(&text);
            fs::write(&path, bytes).unwrap();
            plan
        },
        exit: 1,
        says: &["plan.yaml:1:11", "EUC-KR", "UTF-8로 다시 저장"],
    },
    Hostile {
        name: "a goals.yaml saved as UTF-16",
        make: |dir| {
            let plan = edited(dir, "goals.yaml", |t| t);
            let path = Path::new(&plan).join("goals.yaml");
            let text = fs::read_to_string(&path).unwrap();
            let bytes: Vec<u8> = [0xff, 0xfe]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect();
            fs::write(&path, bytes).unwrap();
            plan
        },
        exit: 1,
        says: &["goals.yaml:1:1", "UTF-16"],
    },
    Hostile {
        name: "a strategy that links outside the plan",
        make: |dir| {
            let plan = edited(dir, "plan.yaml", |t| t);
            let outside = dir.join("남의파일.yaml");
            fs::copy(Path::new(&plan).join("strategies/01-youth.yaml"), &outside).unwrap();
            fs::remove_file(Path::new(&plan).join("strategies/01-youth.yaml")).unwrap();
            std::os::unix::fs::symlink(&outside, Path::new(&plan).join("strategies/01-youth.yaml"))
                .unwrap();
            plan
        },
        exit: 1,
        says: &["strategies/01-youth.yaml", "계획 폴더 밖", "링크"],
    },
    Hostile {
        name: "a plan.yaml that is a FIFO",
        make: |dir| {
            let plan = edited(dir, "plan.yaml", |t| t);
            let path = Path::new(&plan).join("plan.yaml");
            fs::remove_file(&path).unwrap();
            let made = std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap();
            assert!(made.success());
            plan
        },
        exit: 1,
        says: &["plan.yaml", "보통 파일이 아닙니다"],
    },
    Hostile {
        name: "a backup file beside the strategies",
        make: |dir| {
            let plan = edited(dir, "plan.yaml", |t| t);
            fs::write(
                Path::new(&plan).join("strategies/01-youth.yaml.bak"),
                "id: x\n",
            )
            .unwrap();
            plan
        },
        exit: 1,
        says: &["strategies/01-youth.yaml.bak", "YAML 파일이 아닌 파일"],
    },
];

#[test]
fn every_hostile_input_is_refused_in_korean_within_bounds_by_check_and_build_alike() {
    let mut failures = Vec::new();
    for case in CORPUS {
        for command in ["check", "build"] {
            let dir = tempfile::tempdir().unwrap();
            let plan = (case.make)(dir.path());
            let started = std::time::Instant::now();
            let out = bounded(dir.path(), &[command, &plan]);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let said = format!("{stdout}{stderr}");
            let missing: Vec<&&str> = case.says.iter().filter(|s| !said.contains(**s)).collect();
            if out.status.code() != Some(case.exit)
                || !missing.is_empty()
                || said.contains("panicked")
                || said.contains("RUST_BACKTRACE")
            {
                failures.push(format!(
                    "{} ({command}): exit {:?}, missing {missing:?}, {:.1}s\n{said}",
                    case.name,
                    out.status,
                    started.elapsed().as_secs_f64()
                ));
            }
            let pdfs: Vec<_> = fs::read_dir(dir.path())
                .unwrap()
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
                .collect();
            assert!(pdfs.is_empty(), "{}: a PDF was written", case.name);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn hostile_names_stay_inside_every_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    fs::create_dir(&work).unwrap();
    let plan = broken_plan(&work, "plan.yaml", |t| {
        t.replace(
            "district: 경기도 가상군",
            "district: \"x/../../../escaped\\\\..\\\\up\"",
        )
    });
    let expected = "2024-x_.._.._.._escaped_.._up-연차별세부계획";
    // build, export xlsx, batch build -o DIR, publish, new: every derived name.
    let out = run(&work, &["build", &plan]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(work.join(format!("{expected}.pdf")).is_file());
    let out = run(&work, &["export", "xlsx", &plan]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(work.join(format!("{expected}.xlsx")).is_file());
    let other = broken_plan(&work.join("b"), "plan.yaml", |t| t.replace("2024", "2025"));
    let out = run(&work, &["build", &plan, &other, "-o", "pdfs"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(work.join("pdfs").join(format!("{expected}.pdf")).is_file());
    let out = run(
        &work,
        &[
            "publish",
            &plan,
            "--preview-width",
            "40",
            "--thumbnail-width",
            "40",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = work.join(expected);
    assert!(site.join(format!("{expected}.pdf")).is_file());
    assert!(site.join(format!("{expected}-01.png")).is_file());
    let out = run(&work, &["new", "--from", &plan]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        work.join("2025-x_.._.._.._escaped_.._up")
            .join("plan.yaml")
            .is_file()
    );
    // Nothing escaped the working folder.
    let mut outside: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    outside.sort();
    assert_eq!(outside, ["work"]);
    assert!(!Path::new("/escaped").exists() && !work.join("../escaped").exists());
}

#[test]
fn output_must_be_a_new_path_or_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("minimal");
    let plan = plan.to_str().unwrap();
    let fifo = dir.path().join("파이프.pdf");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let target = dir.path().join("진짜.pdf");
    fs::write(&target, b"keep").unwrap();
    let link = dir.path().join("링크.pdf");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    fs::create_dir(dir.path().join("폴더.pdf")).unwrap();
    for (output, says) in [
        ("/dev/null", "특수 파일"),
        ("파이프.pdf", "특수 파일"),
        ("링크.pdf", "기호 링크"),
        ("폴더.pdf", "폴더입니다"),
    ] {
        for command in [
            vec!["build", plan, "-o", output],
            vec!["export", "xlsx", plan, "-o", output],
            vec!["template", "xlsx", "-o", output],
        ] {
            let out = bounded(dir.path(), &command);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{command:?}: {stderr}");
            assert!(stderr.contains(says), "{command:?}: {stderr}");
        }
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(&target).unwrap(), b"keep");
}

#[test]
fn a_link_inside_the_plan_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "plan.yaml", |t| t);
    let plan = Path::new(&plan);
    // The strategy kept beside the plan's parts (a name gongsi does not read), linked in.
    fs::rename(
        plan.join("strategies/01-youth.yaml"),
        plan.join("청년전략.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../청년전략.txt", plan.join("strategies/01-youth.yaml")).unwrap();
    let out = run(dir.path(), &["check", plan.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = build_ok(dir.path(), &[plan.to_str().unwrap()], "out.pdf");
    assert!(pdf_text(&pdf).contains("청년 인턴 사업"));
}

#[test]
fn command_line_errors_have_their_own_exit_code_and_korean_words() {
    let dir = tempfile::tempdir().unwrap();
    for (args, says) in [
        (vec!["build", "--nope"], "알 수 없는 옵션이나 인자 `--nope`"),
        (vec!["frobnicate"], "알 수 없는 명령 `frobnicate`"),
        (
            vec!["publish", "--preview-width", "넓게"],
            "읽을 수 없습니다",
        ),
        (
            vec!["check", "--format", "xml"],
            "`xml`은(는) 쓸 수 없습니다",
        ),
        (vec!["diff", "a"], "꼭 주어야 하는 인자가 빠졌습니다"),
    ] {
        let out = run(dir.path(), &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(64), "{args:?}: {stderr}");
        assert!(stderr.starts_with("오류: "), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(stderr.contains("사용법:"), "{args:?}: {stderr}");
    }
    let help = run(dir.path(), &["--help"]);
    assert_eq!(help.status.code(), Some(0));
}

#[test]
fn a_typst_error_in_a_template_is_said_in_korean() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("t");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("cover.typ"),
        "#import \"style.typ\": *\n\n#text(size: 12pt)[ {{ plan.district }}\n",
    )
    .unwrap();
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
        stderr.contains("- 오류: 괄호나 따옴표가 닫히지 않았습니다 (unclosed delimiter)"),
        "{stderr}"
    );
    assert!(stderr.contains("t/cover.typ 3행"), "{stderr}");
}

#[test]
fn a_template_folder_holds_templates_only() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("t");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("메모.txt"), "note").unwrap();
    let plan = fixture("minimal");
    let stderr = fails(
        dir.path(),
        &["build", plan.to_str().unwrap(), "--templates", "t"],
    );
    assert!(
        stderr.contains("t/메모.txt은(는) 템플릿이 아닙니다"),
        "{stderr}"
    );
    fs::remove_file(templates.join("메모.txt")).unwrap();
    fs::write(templates.join("cvoer.typ"), "x").unwrap();
    let stderr = fails(
        dir.path(),
        &["build", plan.to_str().unwrap(), "--templates", "t"],
    );
    assert!(
        stderr.contains("t/cvoer.typ은(는) 내장 템플릿과 이름이 같지 않고"),
        "{stderr}"
    );
    assert!(stderr.contains("cover.typ"), "{stderr}");
}
