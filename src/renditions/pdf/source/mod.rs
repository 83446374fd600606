//! 조판 원고 (the PDF's Typst sources): the minijinja templates in `templates/` rendered with
//! the plan into Typst sources. Templates are embedded in the binary; `--templates DIR`
//! overrides any of them by file name ([`crate::renditions::shared::templates`]). Every
//! `{{ value }}` in a `.typ` template goes through [`escape`]; there is no other way for data
//! to reach Typst.

pub mod escape;
pub mod marks;

use std::collections::BTreeMap;
use std::path::Path;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment};

use crate::model::axis;
use crate::model::content::TableView;
use crate::model::error::Error;
use crate::model::number;
use crate::model::plan::Plan;
use crate::model::wording::{Phrase, Piece};
use crate::model::written::TypeScale;
use crate::renditions::shared::scale;
use crate::renditions::shared::templates::{
    TemplateFile, Voice, add_say, base_environment, template_error, template_files,
};
use crate::renditions::shared::widths;

/// The built-in templates, by file name. Names starting with `_` are macro libraries: they
/// are imported by other templates and produce no Typst file of their own.
pub const TEMPLATES: [(&str, &str); 12] = [
    ("main.typ", include_str!("../../../../templates/main.typ")),
    ("style.typ", include_str!("../../../../templates/style.typ")),
    (
        "_blocks.typ",
        include_str!("../../../../templates/_blocks.typ"),
    ),
    ("cover.typ", include_str!("../../../../templates/cover.typ")),
    (
        "contents.typ",
        include_str!("../../../../templates/contents.typ"),
    ),
    (
        "summary.typ",
        include_str!("../../../../templates/summary.typ"),
    ),
    (
        "labour-market.typ",
        include_str!("../../../../templates/labour-market.typ"),
    ),
    ("goals.typ", include_str!("../../../../templates/goals.typ")),
    ("tasks.typ", include_str!("../../../../templates/tasks.typ")),
    (
        "schedule.typ",
        include_str!("../../../../templates/schedule.typ"),
    ),
    (
        "_review.typ",
        include_str!("../../../../templates/_review.typ"),
    ),
    (
        "_marks.typ",
        include_str!("../../../../templates/_marks.typ"),
    ),
];

/// The summary page of a review PDF: rendered from `_review.typ` only when reviewing.
const REVIEW_TEMPLATE: &str = "_review.typ";
/// The file it becomes, included first by `main.typ` when reviewing.
const REVIEW_FILE: &str = "review.typ";

/// The style file: the functions, colours and fixed wording every other template imports.
pub const STYLE: &str = "style.typ";

/// The entry point of the rendered document, the file Typst compiles.
pub const MAIN: &str = "main.typ";
/// The review marks: rendered from `_marks.typ` only when reviewing, as
/// [`marks::MARKS_FILE`].
const MARKS_TEMPLATE: &str = "_marks.typ";

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
            said(&template.text)
                .lines()
                .position(|l| l.contains(fragment.as_str()))
                .map(|i| (template.origin.clone(), i + 1))
        })
    }
}

/// A template's text with each `{{ say("key") }}` written out as the phrase prints (its
/// slots as a character no generated text has), so that a generated line is found in it.
fn said(template: &str) -> String {
    const OPEN: &str = "{{ say(\"";
    const CLOSE: &str = "\") }}";
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let phrase = after
            .find(CLOSE)
            .and_then(|end| Some((Phrase::named(&after[..end])?, end)));
        let Some((phrase, end)) = phrase else {
            out.push_str(&rest[..start + OPEN.len()]);
            rest = after;
            continue;
        };
        out.push_str(&rest[..start]);
        for piece in phrase.pieces() {
            match piece {
                Piece::Text(text) => out.push_str(&escape::phrase(text)),
                Piece::Slot(_) => out.push('\0'),
            }
        }
        rest = &after[end + CLOSE.len()..];
    }
    out.push_str(rest);
    out
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

/// The built-in `style.typ` alone, rendered for `plan` (its functions, colours and fixed
/// wording): for figures drawn outside the document, the HWPX's pictures.
pub fn style(plan: &Plan) -> Result<String, Error> {
    let templates = template_files(&TEMPLATES, None, &["typ"])?;
    let mut env = environment();
    add_sizes(&mut env, plan.type_scale);
    let style = &templates[STYLE];
    env.add_template_owned(STYLE, style.text.clone())
        .map_err(|e| template_error(&templates, e))?;
    env.get_template(STYLE)
        .and_then(|t| {
            t.render(minijinja::context! { plan => Value::from(minijinja::value::Serde(plan)) })
        })
        .map_err(|e| template_error(&templates, e))
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
    let type_scale = marks::unmarked(&plan.get_attr("type_scale").unwrap_or_default());
    add_sizes(
        &mut env,
        scale::named(&type_scale.to_string()).unwrap_or_default(),
    );
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
    // Each file on its own thread: they share nothing but the read-only environment and
    // plan, and a one-figure edit in the studio waits for the largest file, not for all.
    let rendered: Vec<_> = std::thread::scope(|scope| {
        let jobs: Vec<_> = names
            .map(|(name, file)| {
                let (env, context, review) = (&env, &context, &review_value);
                let job = scope.spawn(move || {
                    env.get_template(name).and_then(|template| {
                        template.render(minijinja::context! { plan => context, review => review })
                    })
                });
                (file, job)
            })
            .collect();
        jobs.into_iter()
            .map(|(file, job)| (file, job.join().expect("a template never panics")))
            .collect()
    });
    for (file, text) in rendered {
        let text = text.map_err(|e| template_error(&templates, e))?;
        files.push((file.to_string(), text));
    }
    // main.typ first: it is the entry point and the first file a reader opens.
    files.sort_by_key(|(name, _)| name != MAIN);
    Ok(Rendered { files, templates })
}

/// `sizes`: the plan's type scale ([`scale::sizes`]), for `style.typ` and the column widths.
fn add_sizes(env: &mut Environment<'static>, type_scale: TypeScale) {
    env.add_global(
        "sizes",
        Value::from(minijinja::value::Serde(scale::sizes(type_scale))),
    );
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
    add_say(
        &mut env,
        Voice {
            text: escape::phrase,
            slot: marks::markup,
        },
    );
    env.add_filter("code", |value: Value| {
        Value::from_safe_string(escape::code(&marks::unmarked(&value)))
    });
    add_layout_filters(&mut env);
    env
}

/// The filters that measure for the layout: a table's text size (`table_size`) and column
/// widths (`column_widths`), a chart's value axis (`chart_axis`).
fn add_layout_filters(env: &mut Environment<'static>) {
    env.add_filter(
        "table_size",
        |table: Value, indent: f64, preferred: f64, least: f64| {
            Ok(widths::fitting_size(
                &table_view(&table)?,
                indent,
                preferred,
                least,
            ))
        },
    );
    env.add_filter("chart_axis", |chart: Value| {
        // The chart's values and style, as the model's ChartView holds them.
        let chart = marks::unmarked(&chart);
        let bars = chart
            .get_attr("style")
            .is_ok_and(|s| s.as_str() == Some("bar"));
        let mut values = Vec::new();
        for series in chart.get_attr("series")?.try_iter()? {
            for v in series.get_attr("values")?.try_iter()? {
                values.extend(f64::try_from(marks::unmarked(&v)).ok());
            }
        }
        Ok(Value::from(minijinja::value::Serde(axis::axis(
            &values, bars,
        ))))
    });
    env.add_filter("column_widths", |table: Value, indent: f64, size: f64| {
        Ok(widths::column_widths_at(&table_view(&table)?, indent, size))
    });
}

/// The template hands back the model's table: read it as one again.
fn table_view(table: &Value) -> Result<TableView, minijinja::Error> {
    serde_json::to_value(marks::unmarked(table))
        .and_then(serde_json::from_value)
        .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_line_is_found_in_a_template_that_says_its_words() {
        assert_eq!(
            said("#section[{{ say(\"summary.strategies\") }}] {{ say(\"없음\") }}"),
            "#section['\0년 일자리창출 핵심 전략] {{ say(\"없음\") }}"
        );
        assert_eq!(said("[{{ say(\"goals.vision\") }}]"), "[1\\. 비전 및 전략]");
    }

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
