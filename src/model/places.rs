//! 자릿수 (published places): one rule per figure across tables. A whole number written between
//! two decimals of its series — the cells just left and right of it in its row, or just above
//! and below it in its column, each within a factor of two of it (the same kind of figure, not
//! a 구성비 beside a 인구) — is a figure of that series written without its zero (`44` between
//! `43.9` and `44.1`), so it is printed with their places (`44.0`), as the common targets print
//! their rates with one decimal (`34.0`). A number at the edge of a series, beside whole
//! numbers or beside figures of another size, is printed as written.

use std::collections::HashMap;

/// A table's body as figures: each cell's number and whether it is written as a decimal
/// (`None` for text, empty and spanning cells), and the grid column each cell starts in.
/// Returns `(row, cell index within the row)` → the places a whole number there is printed with.
pub fn flanked(
    figures: &[Vec<Option<(f64, bool)>>],
    placed: &[Vec<usize>],
) -> HashMap<(usize, usize), usize> {
    // Each figure at its grid position: its value, and its places if a decimal.
    let mut grid: HashMap<(usize, usize), (f64, Option<usize>)> = HashMap::new();
    for (r, (row, cols)) in figures.iter().zip(placed).enumerate() {
        for (&(value, decimal), &c) in row
            .iter()
            .zip(cols)
            .filter_map(|(f, c)| Some((f.as_ref()?, c)))
        {
            grid.insert((r, c), (value, decimal.then(|| decimal_places(value))));
        }
    }
    let mut out = HashMap::new();
    for (r, cols) in placed.iter().enumerate() {
        for (i, &c) in cols.iter().enumerate() {
            let Some(&(whole, None)) = grid.get(&(r, c)) else {
                continue;
            };
            // A decimal neighbour of the same kind of figure: its places.
            let decimal = |at: Option<(usize, usize)>| {
                let &(value, places) = grid.get(&at?)?;
                let (low, high) = (value.abs().min(whole.abs()), value.abs().max(whole.abs()));
                (low > 0.0 && high <= 2.0 * low).then_some(places)?
            };
            let pairs = [
                (c.checked_sub(1).map(|c| (r, c)), Some((r, c + 1))),
                (r.checked_sub(1).map(|r| (r, c)), Some((r + 1, c))),
            ];
            let places = pairs
                .iter()
                .filter_map(|(a, b)| Some(decimal(*a)?.max(decimal(*b)?)))
                .max();
            if let Some(places) = places {
                out.insert((r, i), places);
            }
        }
    }
    out
}

/// The places a decimal is published with (at least one), as [`crate::model::number::decimal`].
fn decimal_places(value: f64) -> usize {
    let text = format!("{}", value.abs());
    text.split_once('.').map_or(1, |(_, f)| f.len().max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Some(n)` a whole number, a float a decimal, `None` text.
    fn places(rows: &[Vec<Option<f64>>]) -> Vec<((usize, usize), usize)> {
        let figures: Vec<Vec<Option<(f64, bool)>>> = rows
            .iter()
            .map(|r| r.iter().map(|v| v.map(|v| (v, v.fract() != 0.0))).collect())
            .collect();
        let placed: Vec<Vec<usize>> = rows.iter().map(|r| (0..r.len()).collect()).collect();
        let mut out: Vec<_> = flanked(&figures, &placed).into_iter().collect();
        out.sort();
        out
    }

    #[test]
    fn a_whole_number_between_decimals_takes_their_places() {
        // The 2021 연계성 table: rows are the series; 44 and 34 sit between decimals.
        let rows = [
            vec![None, Some(107_867.0), Some(112_000.0), Some(116_000.0)],
            vec![None, Some(43.9), Some(44.0), Some(44.1)],
            vec![None, Some(44.1), Some(34.0), Some(34.15)],
        ];
        // 107,867 is above 43.9 but beside whole numbers and at the column's edge: as written.
        assert_eq!(places(&rows), [((1, 2), 1), ((2, 2), 2)]);
        // 인구 between 구성비: another kind of figure, as written.
        let rows = [vec![
            None,
            Some(273_011.0),
            Some(10.6),
            Some(17_240.0),
            Some(9.5),
        ]];
        assert_eq!(places(&rows), []);
        // A column series: 35 between 35.3 and 34.1.
        let rows = [
            vec![Some(2019.0), Some(12_000.0), Some(35.3)],
            vec![Some(2020.0), Some(13_000.0), Some(35.0)],
            vec![Some(2021.0), Some(14_000.0), Some(34.1)],
        ];
        assert_eq!(places(&rows), [((1, 2), 1)]);
        // At the edge of its series, or beside whole numbers, a number stays as written.
        let rows = [vec![Some(44.0), Some(44.1), Some(45.0)]];
        assert_eq!(places(&rows), []);
    }
}
