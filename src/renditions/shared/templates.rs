//! 템플릿 (templates, shared by the PDF and HTML renditions): the built-in templates with the
//! `--templates` folder's overrides in their place, the errors that point at a template's
//! file and line, the template environment every rendition starts from, and `say`, the
//! document's fixed wording ([`crate::model::wording`]) as each rendition prints it.

use std::collections::BTreeMap;
use std::path::Path;

use minijinja::value::Value;
use minijinja::{Environment, ErrorKind, State, UndefinedBehavior};

use crate::model::error::Error;
use crate::model::number;
use crate::model::wording::{Phrase, Piece};
use crate::renditions::shared::palette::Palette;

/// A template's text and where it came from.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// `templates/{name}` for a built-in template, else the override's path.
    pub origin: String,
    /// The template source.
    pub text: String,
}

/// The file types a `--templates` folder may hold: Typst templates (the PDF) and the HTML
/// rendition's templates and style sheet.
const TEMPLATE_TYPES: [&str; 3] = ["typ", "html", "css"];

/// The built-in templates, with those of the `--templates` folder whose names end in one of
/// `extensions` in place of the built-in ones of the same name. Nothing in that folder is
/// ignored without a word: a file of another type, a sub-folder, and a template that is
/// neither a built-in one nor named by any other template (a misspelt override) are errors.
pub fn template_files(
    builtins: &[(&str, &str)],
    overrides: Option<&Path>,
    extensions: &[&str],
) -> Result<BTreeMap<String, TemplateFile>, Error> {
    let mut templates = built_in(builtins);
    let Some(dir) = overrides else {
        return Ok(templates);
    };
    let mut added = Vec::new();
    for path in folder_files(dir)? {
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

/// The built-in templates by name, each from `templates/{name}`.
fn built_in(builtins: &[(&str, &str)]) -> BTreeMap<String, TemplateFile> {
    builtins
        .iter()
        .map(|(name, text)| {
            let file = TemplateFile {
                origin: format!("templates/{name}"),
                text: text.to_string(),
            };
            (name.to_string(), file)
        })
        .collect()
}

/// The paths in the `--templates` folder, sorted.
fn folder_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("템플릿 폴더 읽기", dir, e))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("템플릿 폴더 읽기", dir, e))?;
        paths.push(entry.path());
    }
    paths.sort();
    Ok(paths)
}

/// A template error, pointing at the template file (built-in or from `--templates`) and line.
pub fn template_error(templates: &BTreeMap<String, TemplateFile>, err: minijinja::Error) -> Error {
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

/// What every template environment of gongsi is, the renditions' and `init`'s starter's:
/// strict about undefined values, block tags that leave no blank lines.
pub fn strict_environment() -> Environment<'static> {
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
    env
}

/// What every rendition's template environment shares: [`strict_environment`], the
/// palette, and the number filters of [`crate::model::number`].
pub fn base_environment() -> Environment<'static> {
    let mut env = strict_environment();
    env.add_global(
        "palette",
        Value::from(minijinja::value::Serde(Palette::new())),
    );
    env.add_filter("num", |value: i64| number::integer(value));
    env.add_filter("won", |value: i64| number::thousand_won(value));
    env.add_filter("million", |value: Option<i64>| number::million(value));
    env.add_filter("people", |value: u64| number::people(Some(value)));
    env.add_filter("roman", |value: usize| number::roman(value));
    env.add_filter("circled", |value: usize| number::circled(value));
    env
}

/// How a rendition prints a phrase of the fixed wording: the phrase's own text (plain text,
/// `\n` for a line break) and a slot's value (through the rendition's one escaping path).
pub struct Voice {
    /// The phrase's own text as this rendition's markup.
    pub text: fn(&str) -> String,
    /// A slot's value (`plan.year` …) as this rendition prints a value.
    pub slot: fn(&Value) -> String,
}

/// Adds `say("key")` to `env`: the phrase of [`crate::model::wording`] named `key`, its slots
/// filled from the template's `plan` (`{year}` its `year`, `{yy}` its `year_short`, `{py}` its
/// `previous_year_short`), printed as `voice` says. An unknown key is a template error.
pub fn add_say(env: &mut Environment<'static>, voice: Voice) {
    env.add_function("say", move |state: &State, key: &str| {
        let phrase = Phrase::named(key).ok_or_else(|| {
            minijinja::Error::new(
                ErrorKind::InvalidOperation,
                format!("고정 문구 「{key}」이(가) 없습니다 (src/model/wording.rs)"),
            )
        })?;
        let plan = state.lookup("plan").unwrap_or_default();
        let mut out = String::new();
        for piece in phrase.pieces() {
            match piece {
                Piece::Text(text) => out.push_str(&(voice.text)(text)),
                Piece::Slot(slot) => {
                    let field = match slot {
                        "year" => "year",
                        "yy" => "year_short",
                        _ => "previous_year_short",
                    };
                    out.push_str(&(voice.slot)(&plan.get_attr(field)?));
                }
            }
        }
        Ok(Value::from_safe_string(out))
    });
}
