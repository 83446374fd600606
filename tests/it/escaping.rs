//! Data is never code: every Typst markup character, pushed through every kind of field,
//! comes out of the PDF literally.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

/// Everything Typst markup gives a meaning to, plus sequences that matter at a line start.
const NASTY: &str = r#"# $ * _ \ ` < > @ [ ] / ~ = - + " // /* 1. https://ex.kr/a_b?c=d#e & &amp; ' <script>x</script>"#;

/// Control characters (bell, escape, delete, a C1 control) that XML 1.0 cannot hold as
/// they are, and the symbols the HWPX rendition shows for the first three instead.
const CONTROLS: &str = "\u{7}\u{1b}\u{7f}\u{9b}";
const CONTROLS_SHOWN: &str = "\u{2407}\u{241b}\u{2421}\u{9b}";

/// Writes a plan whose every text field is `{tag} {NASTY}`, with the tags of [`FIELDS`].
fn nasty_plan(dir: &Path) -> PathBuf {
    nasty_plan_with(dir, NASTY)
}

/// Writes a plan whose every text field is `{tag} {nasty}`, with the tags of [`FIELDS`].
fn nasty_plan_with(dir: &Path, nasty: &str) -> PathBuf {
    // A YAML double-quoted scalar (JSON strings are valid YAML), with every control
    // character escaped (JSON leaves DEL and C1 as they are; YAML wants them escaped).
    let q = |tag: &str| {
        serde_json::to_string(&format!("{tag} {nasty}"))
            .unwrap()
            .chars()
            .map(|c| match c {
                c if c.is_control() => format!("\\u{:04x}", c as u32),
                c => c.to_string(),
            })
            .collect::<String>()
    };
    let plan = dir.join("plan");
    fs::create_dir_all(plan.join("strategies")).unwrap();
    fs::create_dir_all(plan.join("labour-market")).unwrap();
    fs::write(
        plan.join("plan.yaml"),
        format!(
            "district: {}\nyear: 2024\ndate: \"2024-01-02\"\ncover:\n  system: {}\n  slogan: {}\n  vision: [{}]\nbudget_terms: {{national: {}, province: {}, local: {}}}\n",
            q("지자체"),
            q("제도명"),
            q("슬로건"),
            q("비전줄"),
            q("국비명"),
            q("도비명"),
            q("군비명")
        ),
    )
    .unwrap();
    fs::write(
        plan.join("goals.yaml"),
        format!(
            "vision: {}\ncommon_targets:\n  - {{name: {}, summary_name: {}, kind: rate, previous_target: 50, previous_result: 51, target: 52}}\ncommon_notes: [{}]\nterm_plan:\n  title: {}\n  body:\n    - text: {}\n",
            q("비전"),
            q("지표명"),
            q("요약지표명"),
            q("공통주석"),
            q("연계제목"),
            q("연계본문")
        ),
    )
    .unwrap();
    fs::write(
        plan.join("labour-market/01.yaml"),
        format!(
            r#"title: {}
body:
  - heading: {}
    items:
      - lead: {}
        text: {}
        footnotes: [{{after: "본문글", text: {}}}]
      - note: {}
      - conclusion: {}
      - text: "빈줄 앞\n\n빈줄 뒤"
      - table:
          caption: {}
          unit: {}
          source: {}
          header: [[{}]]
          rows: [[{}], [{{value: {}, cols: 1}}], [{{value: 7, unit: {}}}]]
      - chart:
          caption: {}
          kind: bar
          categories: [{}]
          series: [{{name: {}, values: [3]}}, {{name: 둘째, values: [4]}}]
"#,
            q("장제목"),
            q("네모제목"),
            q("리드"),
            q("본문글"),
            q("각주"),
            q("주석"),
            q("결론"),
            q("표제목"),
            q("단위"),
            q("출처"),
            q("머리칸"),
            q("표칸"),
            q("합친칸"),
            q("칸단위"),
            q("그래프제목"),
            q("항목"),
            q("계열"),
        ),
    )
    .unwrap();
    fs::write(
        plan.join("strategies/01.yaml"),
        format!(
            r#"id: s
name: {}
tasks:
  - id: t
    name: {}
    title: {}
    purpose: [{{text: {}}}]
    intro: [{{text: {}}}]
    projects:
      - id: p
        name: {}
        list_name: {}
        details: [{{text: {}}}, {{procedure: {{steps: [{}, {}]}}}}]
        budget: {{local: 1000}}
        schedule: [{{from: 1, to: 12, label: {}}}]
    effects: [{{text: {}}}]
"#,
            q("전략명"),
            q("과제명"),
            q("과제제목"),
            q("사업목적"),
            q("사업소개"),
            q("사업명"),
            q("목록명"),
            q("세부내용"),
            q("절차단계"),
            q("둘째단계"),
            q("일정막대"),
            q("기대효과"),
        ),
    )
    .unwrap();

    plan
}

/// The tag of every text field in [`nasty_plan`].
const FIELDS: [&str; 36] = [
    "지자체",
    "제도명",
    "슬로건",
    "비전줄",
    "비전",
    "지표명",
    "공통주석",
    "연계제목",
    "연계본문",
    "장제목",
    "네모제목",
    "리드",
    "각주",
    "주석",
    "결론",
    "표제목",
    "단위",
    "출처",
    "머리칸",
    "표칸",
    "합친칸",
    "그래프제목",
    "항목",
    "계열",
    "전략명",
    "과제명",
    "과제제목",
    "사업목적",
    "사업소개",
    "사업명",
    "목록명",
    "세부내용",
    "절차단계",
    "둘째단계",
    "일정막대",
    "기대효과",
];

/// Asserts that the (squeezed) text of a rendition shows every field of [`nasty_plan`]
/// literally.
fn assert_every_field_literal(text: &str, rendition: &str) {
    let nasty = squeeze(NASTY);
    assert_every_field_shown(text, rendition, &nasty);
    // The footnote mark follows its anchor phrase, then the rest of the text.
    assert!(
        text.contains(&format!("본문글1){nasty}")),
        "{rendition}: footnote anchor text"
    );
}

/// Asserts that `text` holds `{tag}{nasty}` for every field and the budget term.
fn assert_every_field_shown(text: &str, rendition: &str, nasty: &str) {
    for tag in FIELDS {
        assert!(
            text.contains(&format!("{tag}{nasty}")),
            "{rendition}, {tag}: markup was not printed literally"
        );
    }
    // The district's name for its own budget source, in "(전액 …)" of the budget line.
    assert!(
        text.contains(&format!("(전액군비명{nasty})")),
        "{rendition}: budget term"
    );
}

#[test]
fn markup_characters_in_every_field_are_printed_literally() {
    let dir = tempfile::tempdir().unwrap();
    let plan = nasty_plan(dir.path());
    let out = run(
        dir.path(),
        &["build", plan.to_str().unwrap(), "-o", "nasty.pdf"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = squeeze(&pdf_text(&dir.path().join("nasty.pdf")));
    assert_every_field_literal(&text, "PDF");
    // A bold lead keeps its brackets and text; blank lines inside a value do not break structure.
    assert!(text.contains("빈줄앞") && text.contains("빈줄뒤"));
}

/// The same fields in the web page of `gongsi publish`: HTML's own special characters
/// (`< > & " '`) included, everything comes out as text, never as markup.
#[test]
fn markup_characters_in_every_field_are_shown_literally_in_html() {
    let dir = tempfile::tempdir().unwrap();
    let plan = nasty_plan(dir.path());
    let site = publish_small(dir.path(), Some(&plan));
    let html = fs::read_to_string(site.join("index.html")).unwrap();
    // No value became an element: the only tags are the template's own.
    with_html(&html, |doc| {
        for node in doc.descendants().filter(|n| n.is_element()) {
            let name = node.tag_name().name();
            assert!(
                !matches!(name, "script" | "b" | "i"),
                "markup from data: <{name}>"
            );
        }
    });
    assert_every_field_literal(&squeeze(&html_text(&html, true)), "HTML");
    // Attributes too: the page title and the author.
    assert!(html.contains("<title>2024년도 일자리대책 연차별 세부계획 - 지자체 # $ * _"));
    assert!(
        html.contains("&lt;script&gt;"),
        "HTML's own characters are escaped"
    );
}

/// The same fields, with control characters too, in the 한글 document: XML's own special
/// characters (`< > & " '`) and Typst's come out as text, the control characters XML cannot
/// hold as their visible symbols (␇ ␛ ␡), and the file stays valid OWPML. Read back by rhwp
/// (body, cells, footnotes).
#[test]
fn markup_and_control_characters_in_every_field_are_shown_literally_in_hwpx() {
    let dir = tempfile::tempdir().unwrap();
    let plan = nasty_plan_with(dir.path(), &format!("{NASTY} {CONTROLS}"));
    let out = run(
        dir.path(),
        &["build", plan.to_str().unwrap(), "-o", "nasty.hwpx"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = dir.path().join("nasty.hwpx");
    let read = crate::hwpx::validated_text(&file);
    let nasty = squeeze(&format!("{NASTY}{CONTROLS_SHOWN}"));
    assert_every_field_shown(&squeeze(&read), "HWPX", &nasty);
    // The footnote's anchor phrase, then the rest of the text, in the body; its text below.
    assert!(
        read.contains(&format!("본문글 {NASTY}")),
        "HWPX: footnote anchor text"
    );

    // gongsi's own reader (`diff` with a 한글 draft) reads every field back as the writer
    // wrote it, marks (책갈피, cell names) included: the plan and its HWPX are the same plan.
    let out = run(
        dir.path(),
        &[
            "diff",
            "--format",
            "json",
            plan.to_str().unwrap(),
            "nasty.hwpx",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{json:#}");
    assert!(
        json.get("notes").is_none(),
        "HWPX: marks read back: {json:#}"
    );
}

/// The same fields in `gongsi studio`: the state the page reads carries them as JSON strings,
/// literally; every page is a picture (PNG), with no markup; and the page's script sets every text
/// as text (never as HTML).
#[test]
fn markup_characters_in_every_field_reach_the_studio_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let plan = nasty_plan(dir.path());
    let studio = crate::studio::Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    let state = studio.wait_for("the pages", |s| !s["pages"].as_array().unwrap().is_empty());
    assert_eq!(state["title"], format!("2024 지자체 {NASTY}"), "{state}");
    let headings = state["headings"].as_array().unwrap();
    assert!(
        headings
            .iter()
            .any(|h| h["title"].as_str().unwrap().contains(NASTY)),
        "{headings:?}"
    );
    for page in state["pages"].as_array().unwrap() {
        // A page is a picture (PNG), never a document a browser would read markup from.
        let image = studio.get(&format!("/page/{}?w=832", page["id"].as_str().unwrap()));
        assert_eq!(image.status, 200);
        assert!(image.body.starts_with(b"\x89PNG"), "a page is not a PNG");
    }
    let script = fs::read_to_string(root().join("src/commands/studio/assets/studio.js")).unwrap();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!script.contains(sink), "studio.js uses {sink}");
    }
}
