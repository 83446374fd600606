//! 본보기 계획 (starter plan): the YAML files of a neutral plan that `gongsi init` writes — every
//! field with its Korean comment taken from the field guide ([`guide`]), every place the
//! district writes its own content a placeholder (`"채울 곳: …"`, figures `~`), and nothing of
//! any district but the name given.

use std::path::PathBuf;

use crate::model::guide::{self, Section};
use crate::pipeline::output::filename;

pub use crate::model::guide::PLACEHOLDER;

/// What the starter is made for.
#[derive(Debug, Clone)]
pub struct Starter<'a> {
    /// 지자체 이름.
    pub district: &'a str,
    /// 계획 연도.
    pub year: i32,
    /// Number of 추진전략 files.
    pub strategies: usize,
}

/// 실천과제 per strategy, and 세부사업 per task, in the starter.
const TASKS: usize = 2;
const PROJECTS: usize = 1;

/// The labour-market chapters of the starter, with the example title of each.
const CHAPTERS: [&str; 2] = ["인구변화", "고용현황"];

/// The starter's files: (path in the plan folder, text).
pub fn files(starter: &Starter) -> Vec<(PathBuf, String)> {
    let sections = guide::yaml_sections();
    let mut files = vec![
        (PathBuf::from("plan.yaml"), plan(starter, &sections)),
        (PathBuf::from("goals.yaml"), goals(&sections)),
    ];
    for (i, example) in CHAPTERS.iter().enumerate() {
        let name = filename::from_data(
            &[&format!("{:02}", i + 1), &format!("chapter-{}", i + 1)],
            "yaml",
        );
        files.push((
            PathBuf::from("labour-market").join(name),
            chapter(i + 1, example, &sections),
        ));
    }
    for s in 1..=starter.strategies {
        let name = filename::from_data(&[&format!("{s:02}"), &format!("strategy-{s}")], "yaml");
        files.push((
            PathBuf::from("strategies").join(name),
            strategy(s, &sections),
        ));
    }
    files
}

/// A YAML text being written: each key preceded by its description as a comment.
struct Yaml<'a> {
    out: String,
    sections: &'a [Section],
    /// The section of the file written.
    file: &'a str,
}

impl<'a> Yaml<'a> {
    fn new(sections: &'a [Section], file: &'a str, intro: &[&str]) -> Self {
        let mut out = String::new();
        for line in intro {
            out.push_str(&format!("# {line}\n"));
        }
        Yaml {
            out,
            sections,
            file,
        }
    }

    /// `key: value` at `indent` (or `- key: value` when `item`), with the description of
    /// `path` in the guide section `section` (the file's own when `None`) above it.
    fn key(&mut self, indent: usize, item: bool, at: Option<&str>, path: &str, line: &str) {
        let pad = " ".repeat(indent);
        let about = describe(self.sections, at.unwrap_or(self.file), path);
        self.out.push_str(&format!("{pad}# {about}\n"));
        let dash = if item { "- " } else { "" };
        self.out.push_str(&format!("{pad}{dash}{line}\n"));
    }

    /// A plain line (a list item or a comment) at `indent`.
    fn raw(&mut self, indent: usize, line: &str) {
        self.out
            .push_str(&format!("{}{line}\n", " ".repeat(indent)));
    }

    /// A text block (`- text: "채울 곳: …"`) of a body list at `indent`.
    fn text_block(&mut self, indent: usize, what: &str) {
        self.key(
            indent,
            true,
            Some(BLOCK),
            "text",
            &format!("text: {}", placeholder(what)),
        );
    }
}

/// Guide sections of the shared structures.
const BLOCK: &str = "본문 블록";
const TABLE: &str = "표 (";

/// The description of `path` in the guide section whose title contains `section`.
fn describe(sections: &[Section], section: &str, path: &str) -> String {
    sections
        .iter()
        .filter(|s| s.title.contains(section))
        .flat_map(|s| s.rows.iter())
        .find(|row| row[0] == path)
        .map(|row| row[2].clone())
        .unwrap_or_default()
}

/// A YAML double-quoted string (the placeholders and the district's name).
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn placeholder(what: &str) -> String {
    quoted(&format!("{PLACEHOLDER} {what}"))
}

const GUIDE_LINE: &str = "항목의 뜻: 사용 안내서 「항목 설명」(docs/field-guide.md), 통합문서 양식의 안내 시트, gongsi schema -o schema 로 쓰는 JSON 스키마.";
const FILL_LINE: &str = "「채울 곳:」으로 시작하는 값은 이 지자체의 내용으로, ~ 는 숫자로 바꾸세요. gongsi check 가 남은 곳을 알립니다.";

/// 시도비·시군구비 as a district of this name usually calls them.
fn budget_terms(district: &str) -> (&'static str, &'static str) {
    let words: Vec<&str> = district.split_whitespace().collect();
    let province = match words.first() {
        Some(first) if words.len() > 1 && first.ends_with('도') => "도비",
        Some(_) if words.len() > 1 => "시비",
        _ => "시도비",
    };
    let local = match words.last() {
        Some(last) if words.len() > 1 && last.ends_with('구') => "구비",
        Some(last) if words.len() > 1 && last.ends_with('군') => "군비",
        Some(last) if words.len() > 1 && last.ends_with('시') => "시비",
        _ => "시군구비",
    };
    (province, local)
}

fn plan(starter: &Starter, sections: &[Section]) -> String {
    let mut y = Yaml::new(
        sections,
        "`plan.yaml`",
        &[
            "계획 정보와 표지 (gongsi init이 만든 본보기)",
            FILL_LINE,
            GUIDE_LINE,
        ],
    );
    let (province, local) = budget_terms(starter.district);
    y.key(
        0,
        false,
        None,
        "district",
        &format!("district: {}", quoted(starter.district)),
    );
    y.key(0, false, None, "year", &format!("year: {}", starter.year));
    y.raw(0, "# 실제 공시일로 고치세요.");
    y.key(
        0,
        false,
        None,
        "date",
        &format!("date: \"{:04}-01-01\"", starter.year),
    );
    y.key(0, false, None, "cover", "cover:");
    y.key(
        2,
        false,
        None,
        "cover.system",
        "system: 지역일자리 목표 공시제",
    );
    y.key(
        2,
        false,
        None,
        "cover.slogan",
        &format!(
            "slogan: {}",
            placeholder("표지 슬로건 한 줄 (없으면 이 줄을 지우세요)")
        ),
    );
    y.key(2, false, None, "cover.vision[]", "vision:");
    y.raw(4, &format!("- {}", placeholder("표지 비전 문구 첫 줄")));
    y.raw(
        4,
        &format!(
            "- {}",
            placeholder("표지 비전 문구 둘째 줄 (한 줄이면 이 줄을 지우세요)")
        ),
    );
    y.key(0, false, None, "budget_terms", "budget_terms:");
    y.key(2, false, None, "budget_terms.national", "national: 국비");
    y.key(
        2,
        false,
        None,
        "budget_terms.province",
        &format!("province: {province}"),
    );
    y.key(
        2,
        false,
        None,
        "budget_terms.local",
        &format!("local: {local}"),
    );
    y.out
}

fn goals(sections: &[Section]) -> String {
    let mut y = Yaml::new(
        sections,
        "`goals.yaml`",
        &[
            "III. 일자리 목표 (gongsi init이 만든 본보기)",
            FILL_LINE,
            GUIDE_LINE,
        ],
    );
    y.key(
        0,
        false,
        None,
        "vision",
        &format!("vision: {}", placeholder("III의 일자리 비전을 한 문장으로")),
    );
    y.key(0, false, None, "common_targets[]", "common_targets:");
    let targets = [
        ("rate", "비율 지표의 이름 (예: 고용률, 취업률)"),
        (
            "count",
            "인원 지표의 이름 (예: 취업자 수, 고용보험 피보험자수)",
        ),
    ];
    for (kind, name) in targets {
        y.key(
            2,
            true,
            None,
            "common_targets[].name",
            &format!("name: {}", placeholder(name)),
        );
        y.key(
            4,
            false,
            None,
            "common_targets[].kind",
            &format!("kind: {kind}"),
        );
        for field in ["previous_target", "previous_result", "target"] {
            y.key(
                4,
                false,
                None,
                &format!("common_targets[].{field}"),
                &format!("{field}: ~"),
            );
        }
    }
    y.key(0, false, None, "common_notes[]", "common_notes:");
    y.raw(
        2,
        &format!(
            "- {}",
            placeholder("지표의 뜻과 출처 (예: 고용률 : 15세 이상 인구 대비 취업자 비율, 통계청)")
        ),
    );
    y.key(0, false, None, "term_plan", "term_plan:");
    y.key(
        2,
        false,
        None,
        "term_plan.title",
        &format!(
            "title: {}",
            placeholder("절 제목 (예: 민선8기 종합계획과의 연계성)")
        ),
    );
    y.key(2, false, None, "term_plan.body[]", "body:");
    y.text_block(
        4,
        "민선 종합계획의 전략과 이 계획의 추진전략이 어떻게 이어지는지",
    );
    y.out
}

fn chapter(number: usize, example: &str, sections: &[Section]) -> String {
    let mut y = Yaml::new(
        sections,
        "`labour-market/*.yaml`",
        &[
            &format!(
                "II. 지역 노동시장 현황, {number}장 (gongsi init이 만든 본보기; 장을 더하려면 이 파일을 복사하세요)"
            ),
            FILL_LINE,
            GUIDE_LINE,
        ],
    );
    y.key(
        0,
        false,
        None,
        "title",
        &format!(
            "title: {}",
            placeholder(&format!("장 제목 (예: {example})"))
        ),
    );
    y.key(0, false, None, "body[]", "body:");
    y.key(
        2,
        true,
        Some(BLOCK),
        "heading",
        &format!("heading: {}", placeholder("□ 절 제목")),
    );
    y.key(4, false, Some(BLOCK), "items[]", "items:");
    y.key(
        6,
        true,
        Some(BLOCK),
        "lead",
        &format!("lead: {}", placeholder("굵은 머리말")),
    );
    y.key(
        8,
        false,
        Some(BLOCK),
        "text",
        &format!("text: {}", placeholder("현황을 한 문장으로")),
    );
    y.key(6, true, Some(BLOCK), "table", "table:");
    y.key(
        10,
        false,
        Some(TABLE),
        "caption",
        &format!("caption: {}", placeholder("표 제목")),
    );
    y.key(
        10,
        false,
        Some(TABLE),
        "unit",
        &format!("unit: {}", placeholder("단위 (예: 명, %)")),
    );
    y.key(
        10,
        false,
        Some(TABLE),
        "source",
        &format!(
            "source: {}",
            placeholder("출처 (예: 통계청 지역별고용조사)")
        ),
    );
    y.key(10, false, Some(TABLE), "header[]", "header:");
    y.raw(
        12,
        &format!(
            "- [구 분, {}, {}]",
            placeholder("첫 해 (예: 2020년)"),
            placeholder("다음 해")
        ),
    );
    y.key(10, false, Some(TABLE), "rows[]", "rows:");
    y.raw(
        12,
        "# 칸은 글, 숫자, ~ (아직 모르는 숫자 → \"-\") 중 하나. 줄마다 머리 줄과 같은 칸 수.",
    );
    y.raw(12, &format!("- [{}, ~, ~]", placeholder("항목")));
    y.text_block(6, "표에서 읽히는 점");
    y.out
}

fn strategy(s: usize, sections: &[Section]) -> String {
    let mut y = Yaml::new(
        sections,
        "`strategies/*.yaml`",
        &[
            &format!(
                "추진전략 {s} (gongsi init이 만든 본보기; 전략을 더하려면 이 파일을 복사하고 ID를 바꾸세요)"
            ),
            FILL_LINE,
            GUIDE_LINE,
        ],
    );
    y.key(0, false, None, "id", &format!("id: strategy-{s}"));
    y.key(
        0,
        false,
        None,
        "name",
        &format!("name: {}", placeholder(&format!("추진전략 {s}의 이름"))),
    );
    y.key(0, false, None, "tasks[]", "tasks:");
    for t in 1..=TASKS {
        let task = format!("{s}-{t}");
        y.key(2, true, None, "tasks[].id", &format!("id: task-{task}"));
        y.key(
            4,
            false,
            None,
            "tasks[].name",
            &format!("name: {}", placeholder(&format!("실천과제 {task}의 이름"))),
        );
        y.key(
            4,
            false,
            None,
            "tasks[].title",
            &format!(
                "title: {}",
                placeholder("IV의 과제 제목 (과제명과 같으면 이 줄을 지우세요)")
            ),
        );
        y.key(4, false, None, "tasks[].target_people", "target_people: ~");
        y.key(4, false, None, "tasks[].purpose[]", "purpose:");
        y.text_block(6, "사업목적");
        y.key(4, false, None, "tasks[].projects[]", "projects:");
        for p in 1..=PROJECTS {
            let project = format!("{task}-{p}");
            let at = "tasks[].projects[]";
            y.key(
                6,
                true,
                None,
                &format!("{at}.id"),
                &format!("id: project-{project}"),
            );
            y.key(
                8,
                false,
                None,
                &format!("{at}.name"),
                &format!(
                    "name: {}",
                    placeholder(&format!("세부사업 {project}의 이름"))
                ),
            );
            y.key(8, false, None, &format!("{at}.details[]"), "details:");
            y.text_block(10, "사업대상·사업내용");
            y.key(8, false, None, &format!("{at}.budget"), "budget: ~");
            y.raw(
                8,
                "# 예산이 정해지면 위 줄을 이렇게 바꾸세요 (천원, 정수; 없는 재원은 적지 않음):",
            );
            y.raw(8, "# budget:");
            for field in ["national", "province", "local", "private"] {
                let about = describe(
                    sections,
                    "`strategies/*.yaml`",
                    &format!("{at}.budget.{field}"),
                );
                y.raw(8, &format!("#   {field}: 0      # {about}"));
            }
            y.key(8, false, None, &format!("{at}.schedule[]"), "schedule:");
            let bar = format!("{at}.schedule[]");
            y.key(10, true, None, &format!("{bar}.from"), "from: 1");
            y.key(12, false, None, &format!("{bar}.to"), "to: 12");
            y.key(
                12,
                false,
                None,
                &format!("{bar}.label"),
                &format!("label: {}", placeholder("추진일정 막대 설명")),
            );
        }
        y.key(4, false, None, "tasks[].effects[]", "effects:");
        y.text_block(6, "기대효과");
    }
    y.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<(PathBuf, String)> {
        files(&Starter {
            district: "가나도 다라군",
            year: 2026,
            strategies: 2,
        })
    }

    #[test]
    fn every_field_has_a_korean_comment_above_it() {
        for (path, text) in sample() {
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let body = line.trim_start().trim_start_matches("- ");
                let is_key = !line.trim_start().starts_with('#')
                    && body.split_once(':').is_some_and(|(k, _)| {
                        !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    });
                if is_key {
                    let above = lines[i - 1].trim_start();
                    assert!(
                        above.starts_with("# ")
                            && above.chars().any(|c| ('가'..='힣').contains(&c)),
                        "{}: `{line}` has no comment ({above})",
                        path.display()
                    );
                }
            }
        }
    }

    #[test]
    fn names_and_budget_terms_follow_the_district() {
        let all = sample();
        assert_eq!(all.len(), 2 + CHAPTERS.len() + 2);
        assert!(all[0].1.contains("district: \"가나도 다라군\""));
        assert!(all[0].1.contains("province: 도비") && all[0].1.contains("local: 군비"));
        assert_eq!(budget_terms("가나광역시 마바구"), ("시비", "구비"));
        assert_eq!(budget_terms("세종특별자치시"), ("시도비", "시군구비"));
        assert!(
            all.iter()
                .any(|(p, _)| p == &PathBuf::from("strategies/02-strategy-2.yaml"))
        );
    }

    #[test]
    fn quoting_keeps_a_name_one_string() {
        assert_eq!(quoted("a\"b\\c\nd"), "\"a\\\"b\\\\c d\"");
    }
}
