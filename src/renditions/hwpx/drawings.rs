//! 그림 (figures as pictures): each chart, the 비전 체계도 and every 추진절차 of the plan drawn by
//! the PDF's own layout — the `chart`, `vision-diagram` and `procedure` functions of
//! `templates/style.typ`, called with the same data as the PDF's templates call them — on a
//! page as wide as the PDF's text, and rendered to PNG by typst-render, the renderer of
//! `publish`'s page previews. The bridge from this rendition to the Typst side:
//! the only file of `hwpx` that compiles Typst.

use minijinja::value::Value;

use crate::model::axis;
use crate::model::plan::Plan;
use crate::model::written::ChartKind;

use super::picture::{Drawing, Picture};
use crate::renditions::pdf::Typesetter;
use crate::renditions::pdf::preview::render_page;
use crate::renditions::pdf::source::escape::code;
use crate::renditions::pdf::source::{self, MAIN, STYLE};

/// The width of the PDF's text (A4 less 20 mm each side), in millimetres.
const TEXT_WIDTH_MM: f64 = 170.0;

/// Pixels across a picture: about 200 dpi at the text's width, sharp in print.
const PIXELS: u32 = 1340;

/// The tallest picture drawn: an A4 page's text height. A taller figure (a vision diagram of
/// hundreds of strategies) stays a table, which 한글 breaks across pages, and its image is
/// never rendered (its pixels would grow with the plan).
const MAX_HEIGHT_MM: f64 = 255.0;

/// Draws figures with the PDF's typesetter (its fonts): charts, the vision diagram and
/// procedures, each by its function of style.typ (built in, rendered for `plan`) with the
/// data `_blocks.typ` and `goals.typ` give it. Without a style file no figure is drawn.
pub fn drawer(
    mut typesetter: Typesetter,
    plan: &Plan,
) -> impl FnMut(&Drawing) -> Option<Picture> + use<> {
    let style = source::style(plan).ok();
    move |figure| {
        let style = style.as_deref()?;
        let (width, call) = match figure {
            Drawing::Chart(chart) => {
                // The value axis the PDF's chart has (model::axis), so the picture has it too.
                let values: Vec<f64> = chart.series.iter().flat_map(|s| s.values.clone()).collect();
                let bars = chart.style == ChartKind::Bar;
                let data = serde_json::json!({
                    "style": chart.style,
                    "categories": chart.categories,
                    "series": chart.series,
                    "max": chart.max,
                    "axis": axis::axis(&values, bars),
                    "alt": chart.description,
                });
                (TEXT_WIDTH_MM, format!("#chart({})", typst_value(&data)))
            }
            Drawing::Procedure(procedure, depth) => {
                // As the PDF: the diagram indented by its ladder steps (1.3 em of 11 pt each).
                let indent = depth.saturating_sub(1) as f64 * 1.3 * 11.0 * 25.4 / 72.0;
                let call = format!(
                    "#procedure({}, {})",
                    typst_value(&serde_json::json!(procedure.rows)),
                    typst_value(&serde_json::json!(procedure.description)),
                );
                (TEXT_WIDTH_MM - indent, call)
            }
            Drawing::Vision(plan) => {
                let strategies: Vec<_> = plan
                    .strategies
                    .iter()
                    .map(|s| {
                        let tasks: Vec<&str> = s.tasks.iter().map(|t| t.name.as_str()).collect();
                        serde_json::json!({"number": s.number, "name": s.name, "tasks": tasks})
                    })
                    .collect();
                let call = format!(
                    "#vision-diagram({}, {})",
                    typst_value(&serde_json::json!(plan.goals.vision)),
                    typst_value(&serde_json::json!(strategies)),
                );
                (TEXT_WIDTH_MM, call)
            }
        };
        let source = format!(
            "#import \"style.typ\": *\n\
             #set page(width: {width}mm, height: auto, margin: (x: 0pt, y: 4pt), fill: white)\n\
             #set text(font: serif, size: 11pt, lang: \"ko\", region: \"KR\", fill: ink)\n\
             {call}\n"
        );
        picture(&mut typesetter, style, source)
    }
}

/// A Typst code literal of `value`, through the PDF's one escaping path.
fn typst_value(value: &serde_json::Value) -> String {
    code(&Value::from(minijinja::value::Serde(value)))
}

/// Compiles `source` and renders its first page; `None` (the figure stays as its text)
/// when Typst cannot lay it out.
fn picture(typesetter: &mut Typesetter, style: &str, source: String) -> Option<Picture> {
    let document = typesetter.lay_out_sources(&[
        (MAIN.to_string(), source),
        (STYLE.to_string(), style.to_string()),
    ])?;
    let page = document.pages().first()?;
    let (width, height) = (page.frame.width().to_mm(), page.frame.height().to_mm());
    if height > MAX_HEIGHT_MM {
        return None;
    }
    let preview = render_page(&document, 0, PIXELS).ok()?;
    Some(Picture {
        png: preview.png,
        width_mm: width,
        height_mm: height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::content::{ChartView, ProcedureView, SeriesView};
    use crate::model::written::ChartKind;

    #[test]
    fn a_chart_is_drawn_by_the_pdfs_layout_as_wide_as_the_text() {
        let typesetter = Typesetter::new(&Default::default()).unwrap();
        let plan = crate::pipeline::load_and_check(None).unwrap().plan;
        let mut draw = drawer(typesetter, &plan);
        let chart = ChartView {
            caption: "고용률".into(),
            unit: Some("%".into()),
            source: None,
            style: ChartKind::Bar,
            categories: vec!["2019".into(), "2020 <\"&\">".into()],
            series: vec![SeriesView {
                name: "고용률 #*_".into(),
                values: vec![60.1, 59.2],
                labels: vec!["60.1".into(), "59.2".into()],
            }],
            max: 60.1,
            description: "고용률 그래프".into(),
        };
        let picture = draw(&Drawing::Chart(&chart)).expect("the chart is drawn");
        assert!(picture.png.starts_with(b"\x89PNG"));
        assert!((picture.width_mm - TEXT_WIDTH_MM).abs() < 0.01);
        assert!(
            picture.height_mm > 40.0 && picture.height_mm < 120.0,
            "{}",
            picture.height_mm
        );
    }

    #[test]
    fn a_figure_taller_than_a_page_is_not_drawn() {
        let typesetter = Typesetter::new(&Default::default()).unwrap();
        let plan = crate::pipeline::load_and_check(None).unwrap().plan;
        let mut draw = drawer(typesetter, &plan);
        let steps: Vec<String> = (0..60).map(|i| format!("단계 {i}")).collect();
        let tall = ProcedureView {
            rows: steps.iter().map(|s| vec![s.clone()]).collect(),
            steps,
            description: "추진절차".into(),
        };
        assert!(draw(&Drawing::Procedure(&tall, 1)).is_none());
        let short = ProcedureView {
            rows: vec![vec!["신청".into(), "선정".into()]],
            steps: vec!["신청".into(), "선정".into()],
            description: "추진절차: 신청 → 선정".into(),
        };
        assert!(draw(&Drawing::Procedure(&short, 2)).is_some());
    }
}
