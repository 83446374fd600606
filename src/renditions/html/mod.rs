//! HTML 판 (`index.html`): the plan model rendered by the templates in `templates/html/` into
//! one self-contained web page — inline CSS, no scripts, charts as inline SVG. Every value goes
//! through minijinja's HTML auto-escaping; there is no other way for data to reach the page.

pub mod chart;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment};
use serde::Deserialize;
use serde::de::IntoDeserializer;

use crate::model::content::ChartView;
use crate::model::error::Error;
use crate::model::plan::Plan;
use crate::renditions::shared::templates::{
    Voice, add_say, base_environment, template_error, template_files,
};

/// The page template that includes the others.
pub const INDEX: &str = "index.html";

/// The built-in HTML templates, by file name. `--templates DIR` overrides any of them by
/// file name, as for the Typst templates.
pub const HTML_TEMPLATES: [(&str, &str); 8] = [
    (INDEX, include_str!("../../../templates/html/index.html")),
    (
        "style.css",
        include_str!("../../../templates/html/style.css"),
    ),
    (
        "_blocks.html",
        include_str!("../../../templates/html/_blocks.html"),
    ),
    (
        "summary.html",
        include_str!("../../../templates/html/summary.html"),
    ),
    (
        "labour-market.html",
        include_str!("../../../templates/html/labour-market.html"),
    ),
    (
        "goals.html",
        include_str!("../../../templates/html/goals.html"),
    ),
    (
        "tasks.html",
        include_str!("../../../templates/html/tasks.html"),
    ),
    (
        "schedule.html",
        include_str!("../../../templates/html/schedule.html"),
    ),
];

/// Renders the plan as one HTML page. `overrides` is the `--templates` folder; `stem` is the
/// name the PDF and the 한글 document published beside the page share (`{stem}.pdf`,
/// `{stem}.hwpx`), for their download links.
pub fn render_html(
    plan: &Plan,
    overrides: Option<&Path>,
    stem: Option<&str>,
) -> Result<String, Error> {
    let pdf = stem.map(|s| format!("{s}.pdf"));
    let hwpx = stem.map(|s| format!("{s}.hwpx"));
    // The page templates and the style sheet, overridden alike.
    let templates = template_files(&HTML_TEMPLATES, overrides, &["html", "css"])?;
    let mut env = environment();
    for (name, file) in &templates {
        env.add_template_owned(name.clone(), file.text.clone())
            .map_err(|e| template_error(&templates, e))?;
    }
    let context = Value::from(minijinja::value::Serde(plan));
    env.get_template(INDEX)
        .and_then(|t| t.render(minijinja::context! { plan => context, pdf => pdf, hwpx => hwpx }))
        .map_err(|e| template_error(&templates, e))
}

/// The HTML environment: HTML escaping for every template, `svg_chart` to lay out a chart
/// for inline SVG, and `count(name)` (1, 2, 3, … per name and page) to number tables and
/// charts, so that their ids and accessible names are unique.
fn environment() -> Environment<'static> {
    let mut env = base_environment();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    let counters: Arc<Mutex<BTreeMap<String, usize>>> = Arc::default();
    env.add_function("count", move |name: String| {
        let mut counters = counters
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let n = counters.entry(name).or_default();
        *n += 1;
        *n
    });
    add_say(
        &mut env,
        Voice {
            // Phrases are plain text (no `<`, `&`, `"`: checked in the wording's tests).
            text: |text| text.replace('\n', "<br />"),
            slot: |value| minijinja::HtmlEscape(&value.to_string()).to_string(),
        },
    );
    env.add_function("svg_chart", |chart: Value| {
        let chart = ChartView::deserialize(chart.into_deserializer())?;
        Ok::<_, minijinja::Error>(Value::from(minijinja::value::Serde(chart::layout(&chart))))
    });
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_number_each_name_from_one() {
        let mut env = environment();
        env.add_template(
            "t.html",
            "{{ count('표') }}{{ count('표') }}{{ count('그래프') }}",
        )
        .unwrap();
        let out = env.get_template("t.html").unwrap().render(()).unwrap();
        assert_eq!(out, "121");
    }

    #[test]
    fn every_value_is_html_escaped() {
        let mut env = environment();
        env.add_template("t.html", "<p title=\"{{ x }}\">{{ x }}</p>")
            .unwrap();
        let out = env
            .get_template("t.html")
            .unwrap()
            .render(minijinja::context! { x => "<b>\"&'</b>" })
            .unwrap();
        assert!(!out.contains("<b>"), "{out}");
        assert!(
            out.contains("&lt;b&gt;&quot;&amp;&#x27;&lt;&#x2f;b&gt;"),
            "{out}"
        );
    }
}
