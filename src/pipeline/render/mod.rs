//! Step 4 of the pipeline, 템플릿: render the minijinja templates in `templates/` into Typst
//! sources. Templates are embedded in the binary; `--templates DIR` overrides any of them by
//! file name. Every `{{ value }}` in a `.typ` template goes through [`crate::pipeline::render::escape`]; there
//! is no other way for data to reach Typst.

pub mod escape;
pub mod marks;
pub mod widths;
use std::collections::BTreeMap;
use std::path::Path;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use crate::model::content::TableView;
use crate::model::error::Error;
use crate::model::number;
use crate::model::plan::Plan;

/// The built-in templates, by file name. Names starting with `_` are macro libraries: they
/// are imported by other templates and produce no Typst file of their own.
pub const TEMPLATES: [(&str, &str); 12] = [
    ("main.typ", include_str!("../../../templates/main.typ")),
    ("style.typ", include_str!("../../../templates/style.typ")),
    (
        "_blocks.typ",
        include_str!("../../../templates/_blocks.typ"),
    ),
    ("cover.typ", include_str!("../../../templates/cover.typ")),
    (
        "contents.typ",
        include_str!("../../../templates/contents.typ"),
    ),
    (
        "summary.typ",
        include_str!("../../../templates/summary.typ"),
    ),
    (
        "labour-market.typ",
        include_str!("../../../templates/labour-market.typ"),
    ),
    ("goals.typ", include_str!("../../../templates/goals.typ")),
    ("tasks.typ", include_str!("../../../templates/tasks.typ")),
    (
        "schedule.typ",
        include_str!("../../../templates/schedule.typ"),
    ),
    (
        "_review.typ",
        include_str!("../../../templates/_review.typ"),
    ),
    ("_marks.typ", include_str!("../../../templates/_marks.typ")),
];

/// The summary page of a review PDF: rendered from `_review.typ` only when reviewing.
const REVIEW_TEMPLATE: &str = "_review.typ";
/// The file it becomes, included first by `main.typ` when reviewing.
const REVIEW_FILE: &str = "review.typ";

/// The entry point of the rendered document, the file Typst compiles.
pub const MAIN: &str = "main.typ";
/// The review marks: rendered from `_marks.typ` only when reviewing, as
/// [`marks::MARKS_FILE`].
const MARKS_TEMPLATE: &str = "_marks.typ";

/// A template's text and where it came from.
#[derive(Debug, Clone)]
pub(crate) struct TemplateFile {
    /// `templates/{name}` for a built-in template, else the override's path.
    pub origin: String,
    /// The template source.
    pub text: String,
}

/// The rendered Typst files, in the order they were produced, plus the templates they came
/// from (to point errors at template lines).
#[derive(Debug, Clone)]
pub struct Rendered {
    /// `(file name, Typst source)`.
    pub files: Vec<(String, String)>,
    templates: BTreeMap<String, TemplateFile>,
}

impl Rendered {
    /// The template file and 1-based line that most likely produced `line` of the generated
    /// file `name`: the template line containing the longest literal fragment of it.
    pub fn template_line(&self, name: &str, line: &str) -> Option<(String, usize)> {
        let fragment = literal_fragments(line)
            .into_iter()
            .max_by_key(|f| f.chars().count())?;
        if fragment.chars().count() < 3 {
            return None;
        }
        let own = self.templates.get(name).into_iter();
        let others = self
            .templates
            .iter()
            .filter(|(n, _)| n.as_str() != name)
            .map(|(_, t)| t);
        own.chain(others).find_map(|template| {
            template
                .text
                .lines()
                .position(|l| l.contains(fragment.as_str()))
                .map(|i| (template.origin.clone(), i + 1))
        })
    }
}

/// The parts of a generated line that are template text (not escaped values).
fn literal_fragments(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("#\"") {
        out.push(rest[..start].trim().to_string());
        // Skip the string literal: `#"…";` with `\` escapes.
        let mut chars = rest[start + 2..].char_indices();
        let mut end = rest.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    end = start + 2 + i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
    }
    out.push(rest.trim().to_string());
    out.retain(|f| !f.is_empty());
    out
}

/// Renders every template with the plan. `overrides` is the `--templates` folder.
pub fn render(plan: &Plan, overrides: Option<&Path>) -> Result<Rendered, Error> {
    render_review(&Value::from(minijinja::value::Serde(plan)), overrides, None)
}

/// Renders every template with `plan` — the plan model, or for a review PDF (`gongsi diff
/// --pdf`) the new draft with its differences marked ([`overlay::overlay`]) — and, for a
/// review, `_review.typ` as the summary page `review.typ` and `_marks.typ` as the marks.
pub fn render_review(
    plan: &Value,
    overrides: Option<&Path>,
    review: Option<&Value>,
) -> Result<Rendered, Error> {
    let templates = template_files(&TEMPLATES, overrides, &["typ"])?;
    let mut env = environment();
    for (name, file) in &templates {
        env.add_template_owned(name.clone(), file.text.clone())
            .map_err(|e| template_error(&templates, e))?;
    }
    let context = plan.clone();
    let review_value = review.cloned().unwrap_or(Value::from(()));
    let mut files = Vec::new();
    let names = templates
        .keys()
        .filter(|n| !n.starts_with('_'))
        .map(|n| (n.as_str(), n.as_str()))
        .chain(review.into_iter().flat_map(|_| {
            [
                (REVIEW_TEMPLATE, REVIEW_FILE),
                (MARKS_TEMPLATE, marks::MARKS_FILE),
            ]
        }));
    for (name, file) in names {
        let template = env
            .get_template(name)
            .map_err(|e| template_error(&templates, e))?;
        let text = template
            .render(minijinja::context! { plan => context.clone(), review => review_value.clone() })
            .map_err(|e| template_error(&templates, e))?;
        files.push((file.to_string(), text));
    }
    // main.typ first: it is the entry point and the first file a reader opens.
    files.sort_by_key(|(name, _)| name != MAIN);
    Ok(Rendered { files, templates })
}

/// The file types a `--templates` folder may hold: Typst templates (the PDF) and the HTML
/// rendition's templates and style sheet.
const TEMPLATE_TYPES: [&str; 3] = ["typ", "html", "css"];

/// The built-in templates, with those of the `--templates` folder whose names end in one of
/// `extensions` in place of the built-in ones of the same name. Nothing in that folder is
/// ignored without a word: a file of another type, a sub-folder, and a template that is
/// neither a built-in one nor named by any other template (a misspelt override) are errors.
pub(crate) fn template_files(
    builtins: &[(&str, &str)],
    overrides: Option<&Path>,
    extensions: &[&str],
) -> Result<BTreeMap<String, TemplateFile>, Error> {
    let mut templates: BTreeMap<String, TemplateFile> = builtins
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                TemplateFile {
                    origin: format!("templates/{name}"),
                    text: text.to_string(),
                },
            )
        })
        .collect();
    let Some(dir) = overrides else {
        return Ok(templates);
    };
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("템플릿 폴더 읽기", dir, e))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("템플릿 폴더 읽기", dir, e))?;
        paths.push(entry.path());
    }
    paths.sort();
    let mut added = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !path.is_file() || !TEMPLATE_TYPES.contains(&extension.as_str()) {
            return Err(Error::usage(
                format!(
                    "템플릿 폴더의 {}은(는) 템플릿이 아닙니다 (템플릿 폴더에는 .typ, .html, .css 파일만 둡니다).",
                    path.display()
                ),
                "그 파일이나 폴더를 템플릿 폴더 밖으로 옮기세요. 조용히 건너뛰지 않도록 오류로 알립니다.",
            ));
        }
        if !extensions.contains(&extension.as_str()) {
            continue;
        }
        let text = crate::pipeline::load::textfile::read(&path)
            .map_err(|e| e.into_error("템플릿 읽기"))?;
        if !templates.contains_key(&name) {
            added.push((name.clone(), path.clone()));
        }
        templates.insert(
            name,
            TemplateFile {
                origin: path.display().to_string(),
                text,
            },
        );
    }
    for (name, path) in added {
        let named = templates
            .iter()
            .any(|(other, t)| *other != name && t.text.contains(&format!("\"{name}\"")));
        if !named {
            let builtin: Vec<&str> = builtins.iter().map(|(n, _)| *n).collect();
            return Err(Error::usage(
                format!(
                    "템플릿 {}은(는) 내장 템플릿과 이름이 같지 않고, 다른 템플릿이 부르지도 않습니다 (쓰이지 않는 파일).",
                    path.display()
                ),
                format!(
                    "내장 템플릿을 바꾸려면 이름을 맞추세요: {}",
                    builtin.join(", ")
                ),
            ));
        }
    }
    Ok(templates)
}

/// A template error, pointing at the template file (built-in or from `--templates`) and line.
pub(crate) fn template_error(
    templates: &BTreeMap<String, TemplateFile>,
    err: minijinja::Error,
) -> Error {
    let origin = err
        .name()
        .and_then(|n| templates.get(n))
        .map(|t| t.origin.clone())
        .unwrap_or_else(|| err.name().unwrap_or("?").to_string());
    let line = err.line().map(|l| format!(" {l}행")).unwrap_or_default();
    let detail = err.detail().map(|d| format!(": {d}")).unwrap_or_default();
    use minijinja::ErrorKind as K;
    let meaning = match err.kind() {
        K::SyntaxError => "템플릿 문법이 맞지 않습니다",
        K::UndefinedError => "정의되지 않은 값을 썼습니다",
        K::TemplateNotFound => "불러올 템플릿이 없습니다",
        K::UnknownFilter | K::UnknownFunction | K::UnknownTest | K::UnknownMethod => {
            "없는 필터나 함수를 썼습니다"
        }
        K::InvalidOperation | K::MissingArgument | K::TooManyArguments => {
            "값에 할 수 없는 연산이거나 인자가 맞지 않습니다"
        }
        K::BadSerialization | K::CannotDeserialize => "값을 바꿀 수 없습니다",
        _ => "템플릿을 처리하지 못했습니다",
    };
    Error::Template(format!(
        "{origin}{line}: {meaning} ({}{detail})",
        err.kind()
    ))
}

/// What every template environment shares: strict about undefined values, block tags that
/// leave no blank lines, and the number filters of [`crate::model::number`].
pub(crate) fn base_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters are valid"),
    );
    env.add_filter("num", |value: i64| number::integer(value));
    env.add_filter("won", |value: i64| number::thousand_won(value));
    env.add_filter("million", |value: Option<i64>| number::million(value));
    env.add_filter("people", |value: u64| number::people(Some(value)));
    env.add_filter("roman", |value: usize| number::roman(value));
    env.add_filter("circled", |value: usize| number::circled(value));
    env
}

/// The Typst template environment: [`base_environment`] with Typst escaping for `.typ`.
fn environment() -> Environment<'static> {
    let mut env = base_environment();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".typ") {
            AutoEscape::Custom("typst".into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        if value.is_safe() || !matches!(state.auto_escape(), AutoEscape::Custom(_)) {
            return minijinja::escape_formatter(out, state, value);
        }
        if value.is_none() || value.is_undefined() {
            return Ok(());
        }
        // One escaping path; a review's marked value prints its marks through it too.
        out.write_str(&marks::markup(value))
            .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
    });
    // The number filters, for a review's marked figures too (both sides formatted).
    let int = |v: &Value| i64::try_from(v.clone());
    env.add_filter("num", move |v: Value| {
        marks::each(v, |v| Ok(Value::from(number::integer(int(v)?))))
    });
    env.add_filter("won", move |v: Value| {
        marks::each(v, |v| Ok(Value::from(number::thousand_won(int(v)?))))
    });
    env.add_filter("million", move |v: Value| {
        marks::each(v, |v| {
            let figure = if v.is_none() { None } else { Some(int(v)?) };
            Ok(Value::from(number::million(figure)))
        })
    });
    env.add_filter("people", move |v: Value| {
        marks::each(v, |v| {
            Ok(Value::from(number::people(Some(u64::try_from(v.clone())?))))
        })
    });
    env.add_filter("code", |value: Value| {
        Value::from_safe_string(escape::code(&marks::unmarked(&value)))
    });
    env.add_filter("column_widths", |table: Value, indent: f64| {
        // The template hands back the model's table: read it as one again.
        let table: TableView = serde_json::to_value(marks::unmarked(&table))
            .and_then(serde_json::from_value)
            .map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string())
            })?;
        Ok(widths::column_widths(&table, indent))
    });
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_fragments_skip_escaped_values() {
        let line = r##"#bullet(1)[#"a \" b"; 및 #"c";]"##;
        assert_eq!(literal_fragments(line), vec!["#bullet(1)[", "및", "]"]);
    }

    #[test]
    fn formatter_escapes_every_value() {
        let mut env = environment();
        env.add_template("t.typ", "[{{ x }}] {{ n }} {{ s | safe }} {{ v | code }}")
            .unwrap();
        let out = env
            .get_template("t.typ")
            .unwrap()
            .render(minijinja::context! { x => "*굵게* #x", n => 3, s => "#raw", v => vec![1, 2] })
            .unwrap();
        assert_eq!(out, "[#\"*굵게* #x\";] #\"3\"; #raw (1, 2, )");
    }
}
