//! 그래프의 세로축 (a chart's value axis): the range and the labelled ticks a chart is drawn
//! against. Bars start at 0 (a bar cut short would misstate its value); a line chart's range
//! fits its data, so that its line does not run along the top of an empty frame.

use serde::Serialize;

use crate::model::number;

/// The value axis: from `low` to `high`, labelled at `ticks`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Axis {
    /// The value at the bottom of the plot.
    pub low: f64,
    /// The value at its top.
    pub high: f64,
    /// The labelled values, bottom up, with their printed labels.
    pub ticks: Vec<(f64, String)>,
}

/// About this many intervals between ticks.
const INTERVALS: f64 = 4.0;

/// The axis for `values` (non-finite ones left out); `from_zero` for bars.
pub fn axis(values: &[f64], from_zero: bool) -> Axis {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let max = finite.iter().copied().fold(0.0_f64, f64::max);
    let min = finite
        .iter()
        .copied()
        .fold(f64::INFINITY, f64::min)
        .min(max);
    let lowest = if from_zero || !min.is_finite() {
        0.0_f64.min(min.max(-1e15))
    } else {
        min
    };
    if max <= lowest {
        let high = if max > 0.0 { max * 1.2 } else { 1.0 };
        return Axis {
            low: 0.0,
            high,
            ticks: vec![(0.0, "0".into()), (high, label(high, high))],
        };
    }
    let step = nice((max - lowest) / INTERVALS);
    let low = if from_zero {
        0.0
    } else {
        (lowest / step).floor() * step
    };
    // Room above the largest value for its label.
    let high = ((max + (max - low) * 0.08) / step).ceil() * step;
    let count = ((high - low) / step).round() as usize;
    let ticks = (0..=count.min(20))
        .map(|i| {
            let value = low + step * i as f64;
            (value, label(value, step))
        })
        .collect();
    Axis { low, high, ticks }
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `x`.
fn nice(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || !x.is_finite() {
        return 1.0;
    }
    let scale = 10f64.powf(x.log10().floor());
    let f = x / scale;
    let m = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|m| f <= m + 1e-9)
        .unwrap_or(10.0);
    m * scale
}

/// A tick's label: separators; decimals only as fine as the step.
fn label(value: f64, step: f64) -> String {
    if step >= 1.0 && value.abs() < 1e15 {
        number::integer(value.round() as i64)
    } else {
        let places = (-step.log10().floor()).clamp(1.0, 6.0) as usize;
        number::fixed(value, places)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_fits_its_data_and_bars_start_at_zero() {
        let values = [102_631.0, 107_867.0, 113_288.0, 119_215.0, 126_730.0];
        let line = axis(&values, false);
        assert_eq!((line.low, line.high), (100_000.0, 130_000.0));
        assert_eq!(line.ticks[0].1, "100,000");
        assert_eq!(line.ticks.last().unwrap().1, "130,000");
        let bars = axis(&[408_068.0, 542_040.0], true);
        assert_eq!(bars.low, 0.0);
        assert!(bars.high >= 542_040.0 && bars.high <= 700_000.0, "{bars:?}");
        let rates = axis(&[0.44, 0.7, 0.56], false);
        assert_eq!(rates.ticks[0].1, "0.4");
        let empty = axis(&[], true);
        assert_eq!((empty.low, empty.high), (0.0, 1.0));
    }
}
