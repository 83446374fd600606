//! 그래프의 SVG 도면: the geometry of a chart (value axis with its ticks, bars, lines, points,
//! labels, legend) in the coordinates of an SVG `viewBox`, computed from the same [`ChartView`]
//! and the same value axis ([`crate::model::axis`]) the PDF draws. The HTML template turns it
//! into inline SVG; every label stays a string for its escaping.

use serde::Serialize;

use crate::model::axis;
use crate::model::content::{ChartView, SeriesView};
use crate::model::written::ChartKind;
use crate::renditions::shared::palette;

/// Width of the drawing, in `viewBox` units (the SVG scales to the page width).
pub const WIDTH: f64 = 440.0;
/// Height of the plot area, in `viewBox` units.
const PLOT: f64 = 170.0;
/// Space above the plot for value labels.
const TOP: f64 = 22.0;
/// Space below the plot for category labels.
const BOTTOM: f64 = 24.0;
/// Height of the legend row.
const LEGEND: f64 = 24.0;
/// Left and right margins.
const SIDE: f64 = 12.0;
/// Left edge of the plot: room for the tick labels.
const LEFT: f64 = 52.0;

/// A chart laid out for SVG.
#[derive(Debug, Clone, Serialize)]
pub struct SvgChart {
    /// `viewBox` width.
    pub width: f64,
    /// `viewBox` height.
    pub height: f64,
    /// The horizontal axis: y coordinate and its ends, and the top of the value axis.
    pub axis: Axis,
    /// The value axis's tick labels (right-aligned at `x`), bottom up.
    pub ticks: Vec<Label>,
    /// Bars (bar charts).
    pub bars: Vec<Bar>,
    /// Polylines, one per series (line charts).
    pub lines: Vec<Line>,
    /// Value labels above bars and points.
    pub values: Vec<Label>,
    /// Category labels under the axis.
    pub categories: Vec<Label>,
    /// Legend entries.
    pub legend: Vec<LegendEntry>,
}

/// The horizontal axis.
#[derive(Debug, Clone, Serialize)]
pub struct Axis {
    /// Left end.
    pub x1: f64,
    /// Right end.
    pub x2: f64,
    /// Height.
    pub y: f64,
    /// Top of the value axis (at `x1`).
    pub top: f64,
}

/// One bar.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Fill colour.
    pub color: String,
}

/// One series drawn as a line with points.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// `x,y x,y …` for `<polyline points>`.
    pub points: String,
    /// The points, for the dots.
    pub dots: Vec<[f64; 2]>,
    /// Stroke colour.
    pub color: String,
}

/// A text label centred on `x`.
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    /// Centre.
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// The text.
    pub text: String,
}

/// A legend entry: a swatch and the series name.
#[derive(Debug, Clone, Serialize)]
pub struct LegendEntry {
    /// Left edge of the swatch.
    pub x: f64,
    /// Top of the swatch.
    pub y: f64,
    /// Swatch colour.
    pub color: String,
    /// Series name.
    pub name: String,
}

/// Lays out a chart the way the PDF draws it: against the value axis of
/// [`axis::axis`] (bars from 0, a line fitted to its data), bars share 60 % of their
/// category's slot, lines join the slot centres; a legend only for more than one series.
pub fn layout(chart: &ChartView) -> SvgChart {
    let n = chart.categories.len().max(1) as f64;
    let plot_width = WIDTH - LEFT - SIDE;
    let values: Vec<f64> = chart.series.iter().flat_map(|s| s.values.clone()).collect();
    let scale = axis::axis(&values, chart.style == ChartKind::Bar);
    let plot = Plot {
        slot: plot_width / n,
        baseline: TOP + PLOT,
        low: scale.low,
        top: scale.high,
    };
    let (slot, baseline) = (plot.slot, plot.baseline);
    let k = chart.series.len().max(1) as f64;

    let mut bars = Vec::new();
    let mut lines = Vec::new();
    let mut values = Vec::new();
    for (s, series) in chart.series.iter().enumerate() {
        match chart.style {
            ChartKind::Bar => plot.bars(s, k, series, &mut bars, &mut values),
            ChartKind::Line => lines.push(plot.line(s, series, &mut values)),
        }
    }
    let categories = chart
        .categories
        .iter()
        .enumerate()
        .map(|(i, text)| Label {
            x: round(LEFT + slot * (i as f64 + 0.5)),
            y: baseline + 17.0,
            text: text.clone(),
        })
        .collect();
    let ticks = scale
        .ticks
        .iter()
        .map(|(v, text)| Label {
            x: LEFT - 5.0,
            y: round(plot.y(*v) + 4.0),
            text: text.clone(),
        })
        .collect();
    let legend_y = baseline + BOTTOM + 6.0;
    let legend = if chart.series.len() > 1 {
        legend(chart, legend_y, color)
    } else {
        Vec::new()
    };
    SvgChart {
        width: WIDTH,
        height: legend_y + if legend.is_empty() { 0.0 } else { LEGEND },
        axis: Axis {
            x1: LEFT,
            x2: WIDTH - SIDE,
            y: baseline,
            top: TOP,
        },
        ticks,
        bars,
        lines,
        values,
        categories,
        legend,
    }
}

/// The colour of series `s`.
fn color(s: usize) -> String {
    palette::hex(palette::SERIES[s % palette::SERIES.len()])
}

/// A chart's plot area: the width of each category's slot, the baseline's height and the
/// values drawn at the baseline and at the top.
struct Plot {
    slot: f64,
    baseline: f64,
    low: f64,
    top: f64,
}

impl Plot {
    /// Where value `v` is drawn, from the top of the drawing.
    fn y(&self, v: f64) -> f64 {
        let span = if self.top > self.low {
            self.top - self.low
        } else {
            1.0
        };
        self.baseline - PLOT * (v.max(self.low) - self.low) / span
    }

    /// The bars of series `s` of `k`, side by side in each slot, with their value labels.
    fn bars(
        &self,
        s: usize,
        k: f64,
        series: &SeriesView,
        bars: &mut Vec<Bar>,
        values: &mut Vec<Label>,
    ) {
        let (slot, baseline) = (self.slot, self.baseline);
        let y = |v: f64| self.y(v);
        let width = slot * 0.6 / k;
        for (i, (&v, label)) in series.values.iter().zip(&series.labels).enumerate() {
            let x = LEFT + slot * i as f64 + slot * 0.2 + width * s as f64;
            bars.push(Bar {
                x: round(x),
                y: round(y(v)),
                width: round(width),
                height: round(baseline - y(v)),
                color: color(s),
            });
            values.push(Label {
                x: round(x + width / 2.0),
                y: round(y(v) - 5.0),
                text: label.clone(),
            });
        }
    }

    /// The line of series `s` through a dot in the middle of each slot, with the dots'
    /// value labels.
    fn line(&self, s: usize, series: &SeriesView, values: &mut Vec<Label>) -> Line {
        let slot = self.slot;
        let dots: Vec<[f64; 2]> = series
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| [round(LEFT + slot * (i as f64 + 0.5)), round(self.y(v))])
            .collect();
        for (dot, label) in dots.iter().zip(&series.labels) {
            values.push(Label {
                x: dot[0],
                y: round(dot[1] - 8.0),
                text: label.clone(),
            });
        }
        Line {
            points: dots
                .iter()
                .map(|[x, y]| format!("{x},{y}"))
                .collect::<Vec<_>>()
                .join(" "),
            dots,
            color: color(s),
        }
    }
}

/// Legend entries centred under the plot, spaced by the length of their names.
fn legend(chart: &ChartView, y: f64, color: impl Fn(usize) -> String) -> Vec<LegendEntry> {
    // A Hangul glyph at the legend's 13-unit size is about 13 units wide.
    let widths: Vec<f64> = chart
        .series
        .iter()
        .map(|s| 18.0 + 13.0 * s.name.chars().count() as f64 + 16.0)
        .collect();
    let mut x = (WIDTH - widths.iter().sum::<f64>()) / 2.0;
    chart
        .series
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(s, (series, width))| {
            let entry = LegendEntry {
                x: round(x.max(0.0)),
                y,
                color: color(s),
                name: series.name.clone(),
            };
            x += width;
            entry
        })
        .collect()
}

/// Two decimals are plenty for a drawing and keep the HTML short and stable.
fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::content::SeriesView;

    fn chart(style: ChartKind) -> ChartView {
        ChartView {
            caption: "취업자".into(),
            unit: None,
            source: None,
            style,
            categories: vec!["2019".into(), "2020".into()],
            series: vec![SeriesView {
                name: "서구".into(),
                values: vec![100.0, 50.0],
                labels: vec!["100".into(), "50".into()],
            }],
            max: 100.0,
            description: String::new(),
        }
    }

    #[test]
    fn bars_stand_on_the_axis_in_proportion() {
        let svg = layout(&chart(ChartKind::Bar));
        assert_eq!(svg.bars.len(), 2);
        let [a, b] = [&svg.bars[0], &svg.bars[1]];
        assert!((a.y + a.height - svg.axis.y).abs() < 0.02);
        assert!((b.y + b.height - svg.axis.y).abs() < 0.02);
        assert!((a.height / b.height - 2.0).abs() < 0.01);
        // The axis runs from 0 past the largest value, leaving room for its label, and is
        // labelled; one series has no legend.
        assert!(a.height < PLOT && a.height > PLOT / 2.0);
        assert_eq!(svg.values[0].text, "100");
        assert_eq!(svg.ticks[0].text, "0");
        assert!(svg.legend.is_empty());
    }

    #[test]
    fn lines_join_slot_centres() {
        let svg = layout(&chart(ChartKind::Line));
        assert!(svg.bars.is_empty());
        let line = &svg.lines[0];
        assert_eq!(line.dots.len(), 2);
        assert_eq!(line.dots[0][0], svg.categories[0].x);
        assert_eq!(line.points.split(' ').count(), 2);
        assert!(
            line.dots[1][1] > line.dots[0][1],
            "50 is drawn lower than 100"
        );
    }

    #[test]
    fn negative_and_zero_values_stay_on_the_axis() {
        let mut c = chart(ChartKind::Bar);
        c.series[0].values = vec![-5.0, 0.0];
        c.max = 0.0;
        let svg = layout(&c);
        assert!(
            svg.bars
                .iter()
                .all(|b| b.height == 0.0 && b.y == svg.axis.y)
        );
    }
}
