//! The Korean field guide has one source: the user guide's generated page (`docs/field-guide.md`,
//! between its markers), the workbook's 안내 sheet and the JSON Schemas all say what
//! `model/guide.rs` makes of the definitions. Rewrite the page's block with
//! `GONGSI_UPDATE_GUIDE=1 cargo test --test it guide::`.

use calamine::Reader;

use crate::common::*;

const START: &str = "<!-- 항목 설명: src/model/guide.rs가 만듦 (고치지 마세요) -->\n";
const END: &str = "<!-- 항목 설명 끝 -->";

#[test]
fn guide_page_is_the_generated_one() {
    let path = root().join("docs/field-guide.md");
    let page = std::fs::read_to_string(&path).unwrap();
    let start = page
        .find(START)
        .expect("docs/field-guide.md has the guide's start marker")
        + START.len();
    let end = page[start..]
        .find(END)
        .expect("docs/field-guide.md has the end marker")
        + start;
    let generated = gongsi::model::guide::markdown();
    if std::env::var_os("GONGSI_UPDATE_GUIDE").is_some() {
        let updated = format!("{}{generated}{}", &page[..start], &page[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        page[start..end] == generated,
        "docs/field-guide.md (항목 설명) is not what the definitions say: regenerate it with \
         GONGSI_UPDATE_GUIDE=1 cargo test --test it guide::"
    );
    // Every YAML field of the starter's files is in it, with the relations' numbering.
    for field in [
        "`tasks[].projects[].budget.local`",
        "`common_targets[].previous_result`",
        "`cover.slogan`",
    ] {
        assert!(generated.contains(field), "{field}");
    }
    assert!(generated.contains("맨 왼쪽 열이 1"));
}

#[test]
fn guide_sheet_holds_every_line_of_the_guide_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["template", "xlsx", "-o", "양식.xlsx"]);
    assert!(out.status.success());
    let mut book = calamine::open_workbook_auto(dir.path().join("양식.xlsx")).unwrap();
    let sheet = book.worksheet_range("안내").unwrap();
    let lines: Vec<String> = sheet
        .rows()
        .map(|row| {
            let mut cells: Vec<String> = row.iter().take(3).map(|c| c.to_string()).collect();
            cells.resize(3, String::new());
            cells.join("\t")
        })
        .collect();
    // The sheet describes its own sheets first, then the YAML files.
    let mut at = 0;
    let sections = gongsi::model::guide::workbook_sections()
        .into_iter()
        .chain(gongsi::model::guide::yaml_sections());
    for section in sections {
        let mut expected = vec![
            format!("{}\t{}\t", section.title, section.about),
            section.header.join("\t"),
        ];
        expected.extend(section.rows.iter().map(|r| r.join("\t")));
        // Each section's lines, in a row, somewhere after the previous section's.
        let found = (at..lines.len()).find(|&i| {
            lines[i..].len() >= expected.len() && lines[i..i + expected.len()] == expected[..]
        });
        let Some(found) = found else {
            panic!("안내 sheet lacks section {} (in order)", section.title);
        };
        assert!(found >= at, "{} is out of order", section.title);
        at = found + expected.len();
    }
}

#[test]
fn every_schema_description_is_korean() {
    for (name, text) in gongsi::commands::schema::schemas() {
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut stack = vec![&json];
        let mut seen = 0;
        while let Some(node) = stack.pop() {
            match node {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::String(d)) = map.get("description") {
                        seen += 1;
                        assert!(
                            d.chars().any(|c| ('가'..='힣').contains(&c)),
                            "{name}: English description `{d}`"
                        );
                    }
                    stack.extend(map.values());
                }
                serde_json::Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
        assert!(seen > 5, "{name}: {seen} descriptions");
    }
}
