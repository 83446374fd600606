//! `gongsi build` end to end: the real binary on the reference plan and on fixtures, checked
//! through the text of the PDFs it writes.

use std::fs;

use crate::common::*;

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
    assert_no_invisible_characters(&fixture);
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
    assert_no_invisible_characters(&reference);
}

/// The text of the PDF is the text of the plan: no invisible character anywhere (word joiner —
/// Typst's outline puts one before each 순서 page number unless the template avoids it —,
/// zero-width space or joiner, direction marks, soft hyphen, BOM, object replacement).
fn assert_no_invisible_characters(pdf: &std::path::Path) {
    let text = pdf_text(pdf);
    let invisible = |c: &char| {
        matches!(
            c,
            '\u{AD}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFFC}'
        )
    };
    if let Some((i, c)) = text.char_indices().find(|(_, c)| invisible(c)) {
        let from = text[..i].char_indices().rev().nth(12).map_or(0, |(j, _)| j);
        let around: String = text[from..].chars().take(25).collect();
        panic!("U+{:04X} in the PDF's text: {around:?}", c as u32);
    }
}

/// A chart is drawn as the print would print it: a value axis with its ticks under its unit line
/// (bars from 0), the source footnote on its caption, and no legend for a single series (the
/// caption names it); the reference plan draws only the chart the print has.
#[test]
fn charts_have_a_labelled_axis_and_only_the_legend_they_need() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_ok(dir.path(), &[], "plan.pdf");
    let text = pdf_text(&pdf);
    assert_eq!(
        text.matches(" 그래프").count(),
        0,
        "no description is printed"
    );
    let start = text
        .find("< 연도별 인구변동2) >")
        .expect("the chart's caption, its footnote mark");
    let chart: Vec<&str> = text[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with('○'))
        .filter(|l| !l.trim().is_empty())
        .collect();
    for expected in [
        "(단위 : 명)",
        "0",
        "200,000",
        "400,000",
        "600,000",
        "408,068",
        "542,040",
        "2010년",
        "2020년",
    ] {
        assert!(chart.contains(&expected), "{expected} in {chart:?}");
    }
    assert!(!chart.contains(&"서구"), "a one-series legend: {chart:?}");
    assert!(
        !text.contains("피보험자수 추이"),
        "a chart the print does not have"
    );
}

/// Layout rules (docs/layout.md, 조판 규칙), checked on the reference plan and on a plan of another
/// shape (tests/fixtures/second: two chapters, strategies of 2, 1 and 3 tasks, nested tables,
/// a two-row procedure, a task in 억원).
mod layout {
    use super::*;
    use std::path::Path;

    /// Millimetres in points.
    fn mm(value: f64) -> f64 {
        value / 25.4 * 72.0
    }

    /// Whether a line is a footnote entry: `12)출처: …`, in the lower half of the page.
    fn is_footnote_entry(line: &[PdfWord], page: &PdfPage) -> bool {
        let Some(first) = line.first() else {
            return false;
        };
        let digits = first.text.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && first.text[digits..].starts_with(')') && first.y_min > page.height / 2.0
    }

    /// How much of its text area a page fills, by its lowest line of body text (above the
    /// footnotes; the page number `- N -` left out), from the top margin.
    fn fill(page: &PdfPage) -> f64 {
        let landscape = page.width > page.height;
        let (top, bottom) = if landscape {
            (mm(15.0), mm(15.0))
        } else {
            (mm(20.0), mm(22.0))
        };
        let notes = page
            .lines
            .iter()
            .filter(|l| is_footnote_entry(l, page))
            .map(|l| l[0].y_min)
            .fold(page.height, f64::min);
        let lowest = page
            .lines
            .iter()
            .filter(|l| !l.is_empty() && l[0].y_min < notes - 0.5)
            .filter(|l| {
                let text: Vec<&str> = l.iter().map(|w| w.text.as_str()).collect();
                !matches!(text.as_slice(), ["-", n, "-"] if n.chars().all(|c| c.is_ascii_digit()))
            })
            .map(|l| l.iter().map(|w| w.y_max).fold(0.0, f64::max))
            .fold(top, f64::max);
        (lowest - top) / (page.height - top - bottom)
    }

    /// Whether a page opens a part: the cover, 순서, or a part heading `I.` … `V.`.
    fn opens_part(index: usize, page: &PdfPage) -> bool {
        let first = page
            .lines
            .first()
            .and_then(|l| l.first())
            .map(|w| w.text.as_str());
        index < 2 || matches!(first, Some("I." | "II." | "III." | "IV." | "V."))
    }

    fn build(dir: &Path, plan: Option<&Path>, name: &str) -> std::path::PathBuf {
        let mut args = vec![];
        let typ = format!("typ-{name}");
        if let Some(plan) = plan {
            args.push(plan.to_str().unwrap().to_string());
        }
        args.extend(["--emit-typst".to_string(), typ]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        build_ok(dir, &args, &format!("{name}.pdf"))
    }

    #[test]
    fn every_rule_holds_on_both_plans() {
        let dir = tempfile::tempdir().unwrap();
        let second = fixture("second");
        for (name, plan) in [("reference", None), ("second", Some(second.as_path()))] {
            let pdf = build(dir.path(), plan, name);
            let pages = pdf_layout(&pdf);

            // a. No page but the last of a part is less than 40% filled.
            for (i, page) in pages.iter().enumerate() {
                let last_of_part = i + 1 == pages.len() || opens_part(i + 1, &pages[i + 1]);
                if !last_of_part && i >= 2 {
                    let fill = fill(page);
                    assert!(
                        fill >= 0.4,
                        "{name}: page {} is {:.0}% filled",
                        i + 1,
                        fill * 100.0
                    );
                }
            }

            // b. No word broken inside a table cell (nor anywhere else).
            let pieces = split_words(&pdf, &dir.path().join(format!("typ-{name}")), &[]);
            assert!(
                pieces.is_empty(),
                "{name}: split words:\n{}",
                pieces.join("\n")
            );

            // c. A footnote on the page of its mark.
            footnotes_on_the_page_of_their_mark(name, &pages);

            // d. A continued schedule page repeats the strategy and task rows it continues.
            continued_schedule_pages_repeat_their_group_rows(name, &pages);

            // f. No word space wider than 0.65 em in justified prose (150% of a space plus
            // letter spacing of up to 0.1 em).
            let widest = widest_word_space(&pages);
            assert!(
                widest.0 <= 0.65,
                "{name}: a space of {:.2} em in 「{}」",
                widest.0,
                widest.1
            );

            // h. A short table (up to 12 rows) is never split, and stays with its caption.
            short_tables_stay_whole(name, plan, &pages);

            // i. No invisible character in the text (search and screen readers read them).
            assert_no_invisible_characters(&pdf);

            // j. A heading (□, a chapter title, 【추진계획】) is never the last line of a page,
            // and a 【추진계획】 table stays with its task's last lines.
            headings_stay_with_what_follows(name, &pages);
        }
    }

    /// The 순서 of the reference plan, set in the official type scale, within two pages of the
    /// print's (seed: I 1, II 3 (3/5/8/11), III 15, IV 18 (19/24/35/39/41), V 43); the compact
    /// scale, which a plan can choose, is shorter.
    #[test]
    fn the_reference_page_plan_is_the_prints() {
        const PRINT: [usize; 14] = [1, 3, 3, 5, 8, 11, 15, 18, 19, 24, 35, 39, 41, 43];
        let dir = tempfile::tempdir().unwrap();
        let contents = |pdf: &Path| -> Vec<usize> {
            let pages = pdf_layout(pdf);
            pages[1]
                .lines
                .iter()
                .filter(|l| l.len() > 1)
                .filter_map(|l| l.last()?.text.parse().ok())
                .collect()
        };
        let official = contents(&build(dir.path(), None, "official"));
        assert_eq!(official.len(), PRINT.len(), "{official:?}");
        for (ours, print) in official.iter().zip(PRINT) {
            assert!(
                ours.abs_diff(print) <= 2,
                "순서 {official:?} is more than 2 pages from the print's {PRINT:?}"
            );
        }
        let plan = dir.path().join("compact");
        copy_dir(&root().join("content/2021-인천서구"), &plan);
        let info = plan.join("plan.yaml");
        let text = fs::read_to_string(&info).unwrap();
        fs::write(&info, format!("{text}type_scale: compact\n")).unwrap();
        let compact = build(dir.path(), Some(&plan), "compact");
        assert!(
            pdf_pages(&compact) + 8 < REFERENCE_PAGES,
            "the compact scale takes {} pages",
            pdf_pages(&compact)
        );
    }

    fn headings_stay_with_what_follows(name: &str, pages: &[PdfPage]) {
        for (i, page) in pages.iter().enumerate().skip(2) {
            let body: Vec<String> = page
                .lines
                .iter()
                .filter(|l| !is_footnote_entry(l, page))
                .map(|l| {
                    l.iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .filter(|t| !(t.starts_with("- ") && t.ends_with(" -")))
                .collect();
            let Some(last) = body.last() else { continue };
            assert!(
                !body[0].starts_with('【'),
                "{name}: page {} opens with a 【추진계획】 table away from its task",
                i + 1
            );
            let chapter = last
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok() && page.width < page.height);
            assert!(
                !(last.starts_with('□') || last.starts_with('【') || chapter),
                "{name}: page {} ends with the heading 「{last}」",
                i + 1
            );
        }
    }

    fn footnotes_on_the_page_of_their_mark(name: &str, pages: &[PdfPage]) {
        let mut entries = std::collections::BTreeMap::new();
        let mut marks: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
        for (i, page) in pages.iter().enumerate() {
            let notes = page
                .lines
                .iter()
                .filter(|l| is_footnote_entry(l, page))
                .map(|l| l[0].y_min)
                .fold(page.height, f64::min);
            for line in &page.lines {
                if is_footnote_entry(line, page) {
                    let digits: String = line[0]
                        .text
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    entries
                        .entry(digits.parse::<u32>().unwrap())
                        .or_insert(i + 1);
                    continue;
                }
                if line.first().is_some_and(|w| w.y_min >= notes - 0.5) {
                    continue;
                }
                for (w, word) in line.iter().enumerate() {
                    // A mark is digits and `)` right after a word (`인구현황1)`, or `5)` on
                    // its own), never in parentheses or a figure (`(1)`, `3.1)`).
                    let chars: Vec<char> = word.text.chars().collect();
                    for end in (1..chars.len()).filter(|&e| chars[e] == ')') {
                        let start = (0..end)
                            .rev()
                            .take_while(|&k| chars[k].is_ascii_digit())
                            .last();
                        if let Some(start) = start
                            && (start > 0 || w > 0)
                            && (start == 0 || !matches!(chars[start - 1], '(' | '.' | ','))
                        {
                            let n: String = chars[start..end].iter().collect();
                            marks.entry(n.parse().unwrap()).or_default().push(i + 1);
                        }
                    }
                }
            }
        }
        assert!(!entries.is_empty(), "{name}: no footnotes found");
        for (n, page) in entries {
            let at = marks.get(&n).cloned().unwrap_or_default();
            assert!(
                at.contains(&page),
                "{name}: footnote {n} is on page {page}, its mark on {at:?}"
            );
        }
    }

    fn continued_schedule_pages_repeat_their_group_rows(name: &str, pages: &[PdfPage]) {
        let schedule: Vec<&PdfPage> = pages.iter().filter(|p| p.width > p.height).collect();
        assert!(!schedule.is_empty(), "{name}: no schedule pages");
        for page in schedule.iter().skip(1) {
            // Each cell is a line of its own; the row names are the lines of the first
            // column below the month header, top to bottom.
            let header = page
                .lines
                .iter()
                .find(|l| l.first().is_some_and(|w| w.text == "실천과제명"))
                .map_or(0.0, |l| l[0].y_max);
            let mut names: Vec<&Vec<PdfWord>> = page
                .lines
                .iter()
                .filter(|l| {
                    l.first()
                        .is_some_and(|w| w.y_min > header && w.x_min < page.width / 4.0)
                })
                .collect();
            names.sort_by(|a, b| a[0].y_min.total_cmp(&b[0].y_min));
            let text = |l: &Vec<PdfWord>| {
                l.iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let (strategy, task) = (text(names[0]), text(names[1]));
            let numbered = strategy
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
            assert!(
                numbered,
                "{name}: a continued schedule page starts with 「{strategy}」"
            );
            let circled = task
                .chars()
                .next()
                .is_some_and(|c| ('①'..='⑳').contains(&c));
            assert!(
                circled,
                "{name}: no task row under 「{strategy}」: 「{task}」"
            );
        }
    }

    /// The widest space between two words of a justified line of body text (11 pt), in em,
    /// and the line.
    fn widest_word_space(pages: &[PdfPage]) -> (f64, String) {
        let marks = ["○", "-", "·", "□", "*", "⇒"];
        let mut widest = (0.0, String::new());
        for page in pages {
            for (k, line) in page.lines.iter().enumerate() {
                let body = line
                    .first()
                    .is_some_and(|w| (10.9..12.2).contains(&(w.y_max - w.y_min)));
                // The last line of a paragraph is not justified: the next line is indented
                // (a new bullet) or missing.
                let next = page.lines.get(k + 1).and_then(|l| l.first());
                let continued = next.is_some_and(|n| {
                    (n.y_min - line[0].y_max) < 8.0 && !marks.contains(&n.text.as_str())
                });
                if !body || line.len() < 3 || !continued {
                    continue;
                }
                for pair in line
                    .windows(2)
                    .filter(|p| !marks.contains(&p[0].text.as_str()))
                {
                    let gap = (pair[1].x_min - pair[0].x_max) / 11.0;
                    if gap > widest.0 {
                        let text: Vec<&str> = line.iter().map(|w| w.text.as_str()).collect();
                        widest = (gap, text.join(" "));
                    }
                }
            }
        }
        widest
    }

    fn short_tables_stay_whole(name: &str, plan: Option<&Path>, pages: &[PdfPage]) {
        crate::common::library_reads_workbooks();
        let source = match plan {
            Some(plan) => gongsi::pipeline::load::load_plan(plan),
            None => gongsi::pipeline::load::reference_plan(),
        }
        .expect("the plan loads");
        fn tables<'a>(
            blocks: &'a [gongsi::model::written::Block],
            out: &mut Vec<&'a gongsi::model::written::Table>,
        ) {
            for b in blocks {
                out.extend(b.table.as_ref());
                tables(&b.items, out);
            }
        }
        let mut found = Vec::new();
        for chapter in &source.chapters {
            tables(&chapter.value.body, &mut found);
        }
        // The pages of a caption, one per time it is printed (two tables may share one):
        // the k-th table with a caption is at its k-th page.
        let mut seen: std::collections::HashMap<&str, usize> = Default::default();
        let occurrences = |needle: &str| -> Vec<usize> {
            let needle = squeeze(needle);
            pages
                .iter()
                .enumerate()
                .flat_map(|(i, p)| {
                    p.lines
                        .iter()
                        .filter(|l| {
                            squeeze(&l.iter().map(|w| w.text.as_str()).collect::<String>())
                                .contains(&needle)
                        })
                        .map(move |_| i)
                })
                .collect()
        };
        let mut checked = 0;
        for table in &found {
            let Some(caption) = &table.caption else {
                continue;
            };
            let k = seen.entry(caption).or_default();
            let at = *occurrences(&format!("<{caption}"))
                .get(*k)
                .unwrap_or_else(|| panic!("{name}: no caption {caption}"));
            *k += 1;
            let last = table.rows.last().and_then(|r| r.first());
            let (true, Some(gongsi::model::written::Cell::Text(last))) =
                (table.rows.len() <= 12, last)
            else {
                continue;
            };
            let rest = pages[at..].iter().position(|p| {
                p.lines.iter().any(|l| {
                    l.first()
                        .is_some_and(|w| squeeze(last).starts_with(&squeeze(&w.text)))
                })
            });
            assert_eq!(
                rest,
                Some(0),
                "{name}: 「{caption}」 does not end on its caption's page"
            );
            checked += 1;
        }
        assert!(checked >= 3, "{name}: only {checked} short tables checked");
    }
}
