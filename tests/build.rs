//! `gongsi build` end to end: the real binary on the reference plan and on fixtures, checked
//! through the text of the PDFs it writes.

mod common;

use std::fs;

use common::*;

#[test]
fn reference_plan_renders_every_part_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(dir.path(), &[], "plan.pdf");
    let text = pdf_text(&pdf);

    // Cover, contents, then the five parts in order.
    assert_in_order(
        &text,
        &[
            "지역일자리 목표 공시제",
            "2021년도 일자리대책",
            "연차별 세부계획",
            "인천광역시 서구",
            "순서",
            "I. 요약",
            "II. 지역 노동시장 현황",
            "1. 인구변화",
            "4. 서구의 노동시장 현황 및 과제",
            "III. 2021년 일자리 목표",
            "IV. 세부 실천과제",
            "1. 청년 행복 일자리 확대",
            "5. 고용거버넌스 활성화 및 상생·협력 일자리 창출",
            "V. 추진일정",
            // The body follows the contents.
            "I. 요약",
            "'21년 일자리창출 핵심 전략",
            "II. 지역 노동시장 현황",
            "< 주민등록 인구현황",
            "III. 2021년 일자리 목표",
            "1. 비전 및 전략",
            "2. 공통 일자리 목표",
            "3. 분야별 목표",
            "4. 민선7기 종합계획과의 연계성",
            "IV. 세부 실천과제",
            "[전략1. 청년 행복 일자리 확대]",
            "청년 창업가 발굴·육성을 위한 청년 창업 인프라 조성",
            "【'21년 추진계획】",
            "V. 추진일정",
            "실천과제명",
        ],
    );
    // The contents carry page numbers of the parts.
    let squeezed = squeeze(&text);
    assert!(squeezed.contains("I.요약"), "contents");
    // Sample figures from each part: summary totals (computed), part II tables, III rates,
    // IV budgets (천원), V schedule labels.
    for figure in [
        "16,407",
        "39,424",
        "72,267",
        "125,000",
        "34.1",
        "50,515,666",
        "△3.2",
        "36,650",
        "201,729",
        "88.8",
        "104.7",
        "△1.4",
        "13,389",
        "5,500명",
        "2,450명",
        "44,000천원",
        "638,063천원",
        "31,106,325천원",
        "34,691,635천원",
        // Too wide for 천원 in its 【추진계획】 table: 667,800,000천원 in 억원.
        "6,678억원",
        "324,063천원(전액 구비)",
        "17,801,957천원(국 8,900,979, 시 4,450,489, 구 4,450,489)",
        "청년창업팀 공모",
        "무료 직업소개소 운영",
        "통근버스 운행",
    ] {
        assert!(
            squeezed.contains(&squeeze(figure)),
            "missing figure {figure}"
        );
    }
    assert!(!text.contains("TODO"));
    assert_eq!(pdf_pages(&pdf), REFERENCE_PAGES);
    assert_eq!(
        pdf_info(&pdf, "Title"),
        "2021년도 일자리대책 연차별 세부계획 - 인천광역시 서구"
    );
    assert_eq!(pdf_info(&pdf, "Author"), "인천광역시 서구");
    let bytes = fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(11).any(|w| w == b"/Lang(ko-KR"),
        "document language is Korean"
    );
}

#[test]
fn same_input_gives_byte_identical_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("minimal");
    let plan = plan.to_str().unwrap();
    let a = fs::read(build_ok(dir.path(), &[plan], "a.pdf")).unwrap();
    let b = fs::read(build_ok(dir.path(), &[plan], "b.pdf")).unwrap();
    assert!(a == b, "two builds of the same plan differ");
}

#[test]
fn small_plan_computes_its_totals() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture("minimal");
    let pdf = build_ok(
        dir.path(),
        &[plan.to_str().unwrap(), "--emit-typst", "typ"],
        "small.pdf",
    );
    let text = squeeze(&pdf_text(&pdf));
    // Task budget = Σ projects: 200,000 + 50,000 = 250,000천원; plan = 250,000 + 5,000.
    for figure in [
        "250,000천원",
        "200,000천원(국100,000,도30,000,군70,000)",
        "50,000천원(전액군비)",
        "5,000천원",
        // Summary in 백만원: 255 = 국 100 + 도 30 + 군 125.
        "255",
        "42,871",
        "42,318",
        // Table 합계 row computed: 20,000 + 22,871.
        "42,871",
        "△1.3",
        // 달성률 61.0 / 60.5 = 100.8; 증감 61.2 − 61.0 = 0.2%p; (10,200 − 9,500) / 9,500 = 7.4%.
        "100.8",
        "0.2",
        "7.4",
        "참여자모집",
        "인턴운영",
        "창업공간운영",
        "경기도가상군",
    ] {
        assert!(text.contains(&squeeze(figure)), "missing {figure}");
    }
    // The emitted Typst sources are complete and readable.
    for file in [
        "main.typ",
        "style.typ",
        "cover.typ",
        "summary.typ",
        "schedule.typ",
    ] {
        assert!(
            dir.path().join("typ").join(file).is_file(),
            "{file} not emitted"
        );
    }
    assert!(
        !dir.path().join("typ/_blocks.typ").exists(),
        "macro libraries are not documents"
    );
}

#[test]
fn default_output_name_follows_year_and_district() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["build", fixture("minimal").to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        dir.path()
            .join("2024-경기도가상군-연차별세부계획.pdf")
            .is_file()
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("완료"));
}

#[test]
fn extra_font_folder_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = root().join("fonts");
    let plan = fixture("minimal");
    let pdf = build_ok(
        dir.path(),
        &[
            plan.to_str().unwrap(),
            "--font-path",
            fonts.to_str().unwrap(),
        ],
        "f.pdf",
    );
    assert!(squeeze(&pdf_text(&pdf)).contains("경기도가상군"));
}

/// A pasted long name or paragraph builds, every word printed. (Until Korean line breaking
/// moved into Typst's line breaker, a Hangul-word show rule made Typst give up past about
/// 500 words in one run of text: "maximum grouping depth exceeded".)
#[test]
fn very_long_names_and_paragraphs_build_with_every_word() {
    let dir = tempfile::tempdir().unwrap();
    let long_name = "아주 긴 전략 이름 ".repeat(300);
    let long_text = "아주 긴 본문 문장 ".repeat(400);
    let plan = broken_plan(dir.path(), "strategies/01-youth.yaml", |text| {
        text.replacen(
            "name: 청년이 머무는 가상군",
            &format!("name: {long_name}"),
            1,
        )
    });
    let market = std::path::Path::new(&plan).join("labour-market/01-population.yaml");
    let text = fs::read_to_string(&market).unwrap();
    let edited = text.replacen("감소", &format!("감소 {long_text}"), 1);
    assert_ne!(edited, text);
    fs::write(&market, edited).unwrap();

    let pdf = build_ok(dir.path(), &[&plan], "long.pdf");
    let text = pdf_text(&pdf);
    assert!(
        text.matches("본문").count() >= 400,
        "the paragraph is whole"
    );
    // The name is printed in the summary, the overview, the vision diagram, the heading
    // and the table of contents.
    assert!(
        text.matches("전략").count() >= 300 * 4,
        "the name is printed whole"
    );
}

/// Hangul syllables (한글 음절) run together, as keep-all line breaking never parts them.
fn hangul_runs(text: &str) -> Vec<&str> {
    text.split(|c: char| !('\u{AC00}'..='\u{D7A3}').contains(&c))
        .filter(|run| !run.is_empty())
        .collect()
}

/// The pieces of Hangul words split across two lines of `pdf`: the Hangul that starts or
/// ends a printed line but is no whole run of syllables anywhere in the Typst sources the
/// PDF was made from (`typ`, written by `--emit-typst`: data and template text alike).
/// Pieces of the `wide` words, wider than their column and so broken on purpose, are left
/// out.
fn split_words(pdf: &std::path::Path, typ: &std::path::Path, wide: &[&str]) -> Vec<String> {
    let mut whole = std::collections::HashSet::new();
    for entry in fs::read_dir(typ).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        whole.extend(hangul_runs(&text).into_iter().map(String::from));
    }
    let mut pieces = Vec::new();
    for page in pdf_layout(pdf) {
        for line in &page.lines {
            let first = line
                .first()
                .and_then(|w| hangul_runs(&w.text).first().copied());
            let last = line
                .last()
                .and_then(|w| hangul_runs(&w.text).last().copied());
            for piece in [first, last].into_iter().flatten() {
                if !whole.contains(piece) && !wide.iter().any(|w| w.contains(piece)) {
                    let words: Vec<&str> = line.iter().map(|w| w.text.as_str()).collect();
                    pieces.push(format!("「{piece}」 in the line 「{}」", words.join(" ")));
                }
            }
        }
    }
    pieces
}

/// A word too wide for any column of the narrow-table fixture.
const TOO_WIDE: &str = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허";

/// A labour-market chapter of long paragraphs and narrow table cells, made of real words of
/// such plans in a fixed pseudo-random order, and one word wider than its column.
fn narrow_chapter() -> String {
    const WORDS: [&str; 40] = [
        "지역일자리",
        "목표공시제",
        "연차별",
        "세부계획",
        "청년창업가",
        "사회적경제조직",
        "고용거버넌스",
        "산업단지",
        "맞춤형",
        "취업지원서비스",
        "신중년",
        "여성친화",
        "취업취약계층",
        "공공서비스",
        "일자리창출",
        "활성화",
        "인프라",
        "구축",
        "중소기업",
        "육성",
        "지원",
        "상생협력",
        "민간기업",
        "유치",
        "고용환경개선",
        "직업훈련",
        "교육프로그램",
        "운영",
        "참여자",
        "모집",
        "취업연계",
        "컨설팅",
        "제공하였음",
        "추진하고",
        "있으며",
        "확대할",
        "계획임",
        "기반으로",
        "정착을",
        "돕는다",
    ];
    let mut seed: u64 = 7;
    let mut words = |n: usize| {
        (0..n)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                WORDS[(seed >> 33) as usize % WORDS.len()]
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut yaml = String::from("title: 좁은 칸\nbody:\n  - heading: 긴 문단\n    items:\n");
    for _ in 0..4 {
        yaml += &format!("      - lead: 긴 문단\n        text: {}\n", words(120));
    }
    yaml += "      - table:\n          caption: 좁은 칸의 표\n          header:\n";
    yaml +=
        "            - [구 분, 내 용, 참여, 비 고, 취업, 연 계, 기 타, 설 명]\n          rows:\n";
    for row in 0..8 {
        let last = if row == 3 {
            TOO_WIDE.to_string()
        } else {
            words(5)
        };
        yaml += &format!(
            "            - [{}, {}, {}, {}, {}, {}, {}, {last}]\n",
            words(3),
            words(4),
            100 + row,
            words(3),
            words(2),
            words(3),
            words(2),
        );
    }
    yaml
}

/// Korean lines break between words (어절) only, never between the syllables of one word
/// (CSS `word-break: keep-all`, in gongsi's Typst: vendor/README.md), in long paragraphs
/// and narrow table cells alike; a word wider than its column alone breaks between its
/// syllables and stays inside the page. Fails if the typst-layout patch is lost.
#[test]
fn hangul_words_are_never_split_across_lines() {
    let dir = tempfile::tempdir().unwrap();
    let plan = broken_plan(dir.path(), "plan.yaml", |text| text);
    let plan_dir = std::path::Path::new(&plan);
    fs::write(
        plan_dir.join("labour-market/02-narrow.yaml"),
        narrow_chapter(),
    )
    .unwrap();

    let fixture = build_ok(dir.path(), &[&plan, "--emit-typst", "typ-fixture"], "f.pdf");
    let pieces = split_words(&fixture, &dir.path().join("typ-fixture"), &[TOO_WIDE]);
    assert!(pieces.is_empty(), "split words:\n{}", pieces.join("\n"));
    assert_no_invisible_joiners(&fixture);
    assert!(
        squeeze(&pdf_text(&fixture)).contains(TOO_WIDE),
        "the wide word is whole"
    );
    for page in pdf_layout(&fixture) {
        // Portrait pages have margins of 20 mm, the landscape schedule 15 mm (style.typ,
        // schedule.typ).
        let margin = if page.width > page.height { 15.0 } else { 20.0 };
        let right_margin = page.width - margin / 25.4 * 72.0;
        for word in page.lines.iter().flatten() {
            assert!(
                word.x_max <= right_margin + 1.0,
                "「{}」 runs past the text area ({:.1} > {right_margin:.1} pt)",
                word.text,
                word.x_max
            );
        }
    }

    // The reference plan: its columns are as wide as their words need, so nothing breaks.
    let reference = build_ok(dir.path(), &["--emit-typst", "typ-reference"], "r.pdf");
    let pieces = split_words(&reference, &dir.path().join("typ-reference"), &[]);
    assert!(pieces.is_empty(), "split words:\n{}", pieces.join("\n"));
    assert_no_invisible_joiners(&reference);
}

/// The text of the PDF is the text of the plan: no invisible character (word joiner,
/// zero-width space or joiner, soft hyphen, BOM) between two Hangul syllables.
fn assert_no_invisible_joiners(pdf: &std::path::Path) {
    let text: Vec<char> = pdf_text(pdf).chars().collect();
    let syllable = |c: &char| ('\u{AC00}'..='\u{D7A3}').contains(c);
    let invisible = |c: &char| {
        matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
        )
    };
    for (i, c) in text.iter().enumerate().filter(|(_, c)| invisible(c)) {
        let before = text[..i].iter().rev().find(|c| !invisible(c));
        let after = text[i + 1..].iter().find(|c| !invisible(c));
        assert!(
            !(before.is_some_and(syllable) && after.is_some_and(syllable)),
            "U+{:04X} between syllables at character {i}",
            *c as u32
        );
    }
}
