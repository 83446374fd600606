//! 본보기 계획 (starter plan): the YAML files of a neutral plan that `gongsi init` writes — every
//! field with its Korean comment taken from the field guide ([`guide`]), every place the
//! district writes its own content a placeholder (`"채울 곳: …"`, figures `~`), and nothing of
//! any district but the name given.
//!
//! Each file is a template that reads like the file it writes (`starter/*.yaml.j2`): a
//! comment is the guide's `about(field)`, a value the district writes is `fill(what)`, the
//! district's name `| quote`. Every text reaches the YAML through [`quoted`] or as the
//! guide's own words: the environment refuses any other text.

use std::path::PathBuf;

use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, ErrorKind, State, context};

use crate::model::guide::{self, Section};
use crate::pipeline::output::filename;
use crate::renditions::shared::templates::strict_environment;

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

/// The templates of the starter's files: (name, text).
const TEMPLATES: [(&str, &str); 4] = [
    ("plan.yaml", include_str!("starter/plan.yaml.j2")),
    ("goals.yaml", include_str!("starter/goals.yaml.j2")),
    ("chapter.yaml", include_str!("starter/chapter.yaml.j2")),
    ("strategy.yaml", include_str!("starter/strategy.yaml.j2")),
];

/// The starter's files: (path in the plan folder, text).
pub fn files(starter: &Starter) -> Vec<(PathBuf, String)> {
    let env = environment(guide::yaml_sections());
    let (province, local) = budget_terms(starter.district);
    let mut files = vec![
        (
            PathBuf::from("plan.yaml"),
            render(
                &env,
                "plan.yaml",
                "`plan.yaml`",
                context! {
                    district => starter.district,
                    year => starter.year,
                    date => safe(format!("{:04}-01-01", starter.year)),
                    province => safe(province.to_string()),
                    local => safe(local.to_string()),
                },
            ),
        ),
        (
            PathBuf::from("goals.yaml"),
            render(&env, "goals.yaml", "`goals.yaml`", context! {}),
        ),
    ];
    for (i, example) in CHAPTERS.iter().enumerate() {
        let name = filename::from_data(
            &[&format!("{:02}", i + 1), &format!("chapter-{}", i + 1)],
            "yaml",
        );
        let text = render(
            &env,
            "chapter.yaml",
            "`labour-market/*.yaml`",
            context! { number => i + 1, example => *example },
        );
        files.push((PathBuf::from("labour-market").join(name), text));
    }
    for s in 1..=starter.strategies {
        let name = filename::from_data(&[&format!("{s:02}"), &format!("strategy-{s}")], "yaml");
        let text = render(
            &env,
            "strategy.yaml",
            "`strategies/*.yaml`",
            context! { s => s, tasks => TASKS, projects => PROJECTS },
        );
        files.push((PathBuf::from("strategies").join(name), text));
    }
    files
}

/// The template environment of the starter: strict about undefined names, block tags that
/// leave no lines, `about`, `fill` and `quote`, and no text printed that did not go through
/// them.
fn environment(sections: Vec<Section>) -> Environment<'static> {
    let mut env = strict_environment();
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_formatter(|out, state, value| {
        if value.kind() == ValueKind::String && !value.is_safe() {
            return Err(minijinja::Error::new(
                ErrorKind::InvalidOperation,
                "a text reaches the starter only through fill, quote or about",
            ));
        }
        minijinja::escape_formatter(out, state, value)
    });
    // `about(field)`: the guide's description of the field in this file's section, or in
    // the section whose title contains `section` (본문 블록, 표).
    env.add_function(
        "about",
        move |state: &State, path: String, section: Option<String>| {
            let file = state
                .lookup("file")
                .map(|f| f.to_string())
                .unwrap_or_default();
            safe(describe(
                &sections,
                section.as_deref().unwrap_or(&file),
                &path,
            ))
        },
    );
    env.add_function("fill", |what: String| safe(placeholder(&what)));
    env.add_filter("quote", |text: String| safe(quoted(&text)));
    for (name, text) in TEMPLATES {
        env.add_template(name, text)
            .expect("the starter's templates parse (tested)");
    }
    env
}

/// The template `name` rendered for the file whose guide section is `file`, with the lines
/// every file opens with.
fn render(env: &Environment, name: &str, file: &str, values: Value) -> String {
    let common = context! {
        file => file,
        fill_line => safe(FILL_LINE.to_string()),
        guide_line => safe(GUIDE_LINE.to_string()),
    };
    env.get_template(name)
        .and_then(|t| t.render(context! { ..values, ..common }))
        .expect("the starter's templates render (tested for every file)")
}

/// A text the templates may print as it is.
fn safe(text: String) -> Value {
    Value::from_safe_string(text)
}

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
    fn a_text_reaches_the_yaml_only_quoted_or_from_the_guide() {
        let mut env = environment(guide::yaml_sections());
        env.add_template("bare", "name: {{ name }}\n").unwrap();
        env.add_template("quoted", "name: {{ name | quote }}\n")
            .unwrap();
        let name = context! { name => "a: b # c" };
        assert!(env.get_template("bare").unwrap().render(&name).is_err());
        assert_eq!(
            env.get_template("quoted").unwrap().render(&name).unwrap(),
            "name: \"a: b # c\"\n"
        );
        let plan = &sample()[0].1;
        let parsed: serde_yaml::Value = serde_yaml::from_str(plan).unwrap();
        assert_eq!(parsed["district"], "가나도 다라군");
    }

    #[test]
    fn quoting_keeps_a_name_one_string() {
        assert_eq!(quoted("a\"b\\c\nd"), "\"a\\\"b\\\\c d\"");
    }
}
