//! 표의 계산 관계: the figures a table declares as computed from its other figures
//! (`relations`: 합계, 구성비, 증감률, 증감, 비율), checked figure by figure with the
//! tolerance one-decimal rounding allows. Misdeclared relations are structural errors
//! ([`validate`]); figures that break a relation are warnings ([`check`]).

use std::collections::HashMap;

use crate::model::content::{column_total, figure, place_cells, places, spans};
use crate::model::located::WrittenPlan;
use crate::model::number;
use crate::model::problem::Finding;
use crate::model::problem::Problem;
use crate::model::written::{Cell, Relation, RelationKind, Scalar, Table};

use crate::model::number::tolerance;
use crate::pipeline::check::place::{Place, each_table};

/// Every figure that breaks a relation of its table.
pub fn check(plan: &WrittenPlan) -> Vec<Finding> {
    let mut findings = Vec::new();
    each_table(plan, &mut |file, path, table| {
        if table.relations.is_empty() {
            return;
        }
        let Some(grid) = Grid::of(table) else { return };
        let mut misdeclared = Vec::new();
        validate(file, path, table, grid.columns, &mut misdeclared);
        if !misdeclared.is_empty() {
            return; // reported as errors by the structural check
        }
        for (n, relation) in table.relations.iter().enumerate() {
            findings.extend(evaluate(file, path, &grid, n, relation));
        }
    });
    findings
}

/// Structural problems of a table's relations: a line or position outside the table, or
/// the wrong number of lines for the kind. `columns` is the table's grid width.
pub(crate) fn validate(
    file: &dyn Place,
    path: &str,
    table: &Table,
    columns: usize,
    problems: &mut Vec<Problem>,
) {
    let rows = table.rows.len();
    for (n, relation) in table.relations.iter().enumerate() {
        let rp = format!("{path}.relations[{n}]");
        let mut bad = |message: String, hint: &str| {
            problems.push(file.problem(&rp, "relations:", message).hint(hint));
        };
        let (lines, across, line_word, across_word) = match (relation.column, relation.row) {
            (Some(_), None) => (columns, rows, "열", "줄"),
            (None, Some(_)) => (rows, columns, "줄", "열"),
            _ => {
                bad(
                    "계산 관계에는 column과 row 중 하나만 적어야 합니다.".into(),
                    "계산된 값이 세로로 놓이면 column: 열 번호, 가로로 놓이면 row: 줄 번호를 적으세요.",
                );
                continue;
            }
        };
        let in_range = |v: u32, max: usize| (1..=max).contains(&(v as usize));
        let line = relation.column.or(relation.row).unwrap_or(0);
        let mut outside: Vec<String> = Vec::new();
        if !in_range(line, lines) {
            outside.push(format!("{line_word} {line}"));
        }
        for v in relation.of.iter().filter(|v| !in_range(**v, lines)) {
            outside.push(format!("of의 {line_word} {v}"));
        }
        for v in relation.base.iter().chain(&relation.only) {
            if !in_range(*v, across) {
                outside.push(format!("{across_word} {v}"));
            }
        }
        if !outside.is_empty() {
            bad(
                format!(
                    "계산 관계가 표 밖을 가리킵니다: {} (표는 {columns}열, 본문 {rows}줄).",
                    outside.join(", ")
                ),
                "열은 맨 왼쪽 열을 1로, 줄은 머리 줄 아래 첫 줄을 1로 셉니다(합친 칸은 덮은 열마다 셉니다).",
            );
        }
        let count = relation.of.len();
        let fits = match relation.kind {
            RelationKind::Sum => count >= 1,
            RelationKind::Share => count == 1,
            RelationKind::Change | RelationKind::Difference => count == 1 || count == 2,
            RelationKind::Ratio => count == 2,
        };
        if !fits {
            bad(
                format!(
                    "계산 관계 `{}`의 of에 적힌 {line_word}이 {count}개입니다.",
                    kind_name(relation.kind)
                ),
                "sum은 하나 이상, share는 하나, change와 difference는 [이전, 나중] 둘 또는 하나(step과 함께), ratio는 [분자, 분모] 둘을 적습니다.",
            );
        }
        if relation
            .step
            .is_some_and(|s| s == 0 || s.unsigned_abs() as usize > across)
        {
            bad(
                "step은 0이 아니고 표 크기를 넘지 않아야 합니다.".into(),
                "이전 값이 바로 위 줄(또는 왼쪽 열)이면 -1, 바로 아래 줄이면 1을 적습니다.",
            );
        }
        if relation.scale.is_some_and(|s| !s.is_finite() || s == 0.0) {
            bad(
                "scale은 0이 아닌 숫자여야 합니다.".into(),
                "백분율은 100(기본), 배수는 1을 적습니다.",
            );
        }
    }
}

/// A number in the table grid.
#[derive(Debug, Clone, Copy)]
struct Figure {
    value: f64,
    /// Decimal places as printed (0 for an integer).
    places: usize,
    /// Index of the cell in its YAML row.
    index: usize,
    /// A computed `sum: true` cell.
    sum: bool,
}

/// A table's body as a grid of figures, with the labels a reader sees.
struct Grid {
    columns: usize,
    rows: usize,
    figures: HashMap<(usize, usize), Figure>,
    column_labels: Vec<String>,
    row_labels: Vec<String>,
}

impl Grid {
    /// The grid of `table`, or `None` when its merged cells do not fit (a structural error).
    fn of(table: &Table) -> Option<Grid> {
        if !misfits(table).is_empty() {
            return None;
        }
        let (placed, widths) = place_cells(&table.rows);
        let (header_placed, header_widths) = place_cells(&table.header);
        let columns = widths.iter().chain(&header_widths).copied().max()?;
        let mut figures = HashMap::new();
        for (r, (row, cols)) in table.rows.iter().zip(&placed).enumerate() {
            for (index, (cell, &c)) in row.iter().zip(cols).enumerate() {
                let found = if matches!(cell, Cell::Full(f) if f.sum) {
                    let (value, decimals) = column_total(&table.rows, &placed, c);
                    Some((value, decimals.unwrap_or(0), true))
                } else {
                    figure(cell).map(|(v, decimal)| (v, if decimal { places(v) } else { 0 }, false))
                };
                if let Some((value, places, sum)) = found {
                    let figure = Figure {
                        value,
                        places,
                        index,
                        sum,
                    };
                    figures.insert((r, c), figure);
                }
            }
        }
        Some(Grid {
            columns,
            rows: table.rows.len(),
            figures,
            column_labels: labels(&table.header, &header_placed, columns, true),
            row_labels: labels(&table.rows, &placed, table.rows.len(), false),
        })
    }

    fn at(&self, row: usize, column: usize) -> Option<Figure> {
        self.figures.get(&(row, column)).copied()
    }
}

/// The words a reader sees for each grid column (from the header cells above it) or each
/// body row (from its text cells, merged ones included).
fn labels(rows: &[Vec<Cell>], placed: &[Vec<usize>], count: usize, by_column: bool) -> Vec<String> {
    let mut words: Vec<Vec<(usize, String)>> = vec![Vec::new(); count];
    for (r, (row, cols)) in rows.iter().zip(placed).enumerate() {
        for (cell, &c) in row.iter().zip(cols) {
            let text = match cell {
                Cell::Text(t) => t.clone(),
                Cell::Full(f) => match &f.value {
                    Some(Scalar::Text(t)) => t.clone(),
                    _ => continue,
                },
                _ => continue,
            };
            let (cols, span) = spans(cell);
            let (from, n) = if by_column {
                (c, cols as usize)
            } else {
                (r, span as usize)
            };
            let order = if by_column { r } else { c };
            for slot in words.iter_mut().skip(from).take(n) {
                slot.push((order, text.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
        }
    }
    words
        .into_iter()
        .map(|mut w| {
            w.sort_by_key(|(order, _)| *order);
            w.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn kind_name(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Sum => "sum",
        RelationKind::Share => "share",
        RelationKind::Change => "change",
        RelationKind::Difference => "difference",
        RelationKind::Ratio => "ratio",
    }
}

/// The figures of one relation that break it.
fn evaluate(
    file: &dyn Place,
    path: &str,
    grid: &Grid,
    n: usize,
    relation: &Relation,
) -> Vec<Finding> {
    let by_column = relation.column.is_some();
    let Some(line) = relation.column.or(relation.row).map(|l| l as usize - 1) else {
        return Vec::new();
    };
    let across = if by_column { grid.rows } else { grid.columns };
    let get = |line: usize, pos: usize| {
        if by_column {
            grid.at(pos, line)
        } else {
            grid.at(line, pos)
        }
    };
    let positions: Vec<usize> = if relation.only.is_empty() {
        (0..across).collect()
    } else {
        relation.only.iter().map(|p| *p as usize - 1).collect()
    };
    let of: Vec<usize> = relation.of.iter().map(|l| *l as usize - 1).collect();
    let mut findings = Vec::new();
    for &pos in &positions {
        let Some(target) = get(line, pos) else {
            continue;
        };
        if target.sum {
            continue; // computed by gongsi: cannot disagree
        }
        let Some((expected, formula)) = compute(relation, &of, pos, &positions, &get) else {
            continue;
        };
        if (target.value - expected).abs() <= tolerance(target.places) {
            continue;
        }
        let (row, column) = if by_column { (pos, line) } else { (line, pos) };
        let broken = Broken {
            n,
            relation,
            target,
            expected,
            formula,
            row,
            column,
        };
        findings.push(broken.finding(file, path, grid));
    }
    findings
}

/// A figure that breaks relation `n` of its table: the figure at body row `row`, grid
/// column `column`, and the value and formula (in printed figures) the relation gives.
struct Broken<'a> {
    n: usize,
    relation: &'a Relation,
    target: Figure,
    expected: f64,
    formula: String,
    row: usize,
    column: usize,
}

impl Broken<'_> {
    /// The warning at the figure's cell, naming it by the words a reader sees for its row
    /// and column.
    fn finding(&self, file: &dyn Place, path: &str, grid: &Grid) -> Finding {
        let Broken {
            n,
            relation,
            target,
            expected,
            row,
            column,
            ..
        } = *self;
        let formula = &self.formula;
        let shown = match relation.kind {
            RelationKind::Sum => target.places,
            _ => target.places.max(1),
        };
        let what = match relation.kind {
            RelationKind::Sum => "합계",
            RelationKind::Share => "구성비",
            RelationKind::Change => "증감률",
            RelationKind::Difference => "증감",
            RelationKind::Ratio => "비율",
        };
        let place = [&grid.row_labels[row], &grid.column_labels[column]]
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join(" / ");
        let printed = number::fixed(target.value, target.places);
        let wanted = number::fixed(expected, shown);
        let message = format!(
            "「{place}」({}줄 {}열)의 {what} {printed} ≠ {formula} = {wanted} (차이 {}). {printed}을(를) {wanted}(으)로 고치거나 계산에 쓴 값을 확인하세요.",
            row + 1,
            column + 1,
            number::fixed((target.value - expected).abs(), shown),
        );
        let cell_path = format!("{path}.rows[{row}][{}]", target.index);
        let whole = if relation.kind == RelationKind::Share && relation.base.is_none() {
            " 전체는 같은 열(또는 줄)의 합계 칸, 없으면 숫자들의 합입니다. 전체가 다른 줄(열)에 있으면 base로 그 번호를 적으세요."
        } else {
            ""
        };
        let problem = file.problem(&cell_path, &printed, message).hint(format!(
            "이 표의 relations[{n}]({})이 이 칸을 계산된 값으로 정합니다.{whole} 인쇄본대로 옮긴 값이면 그대로 두어도 됩니다(경고).",
            kind_name(relation.kind)
        ));
        let rule = match relation.kind {
            RelationKind::Sum => "table-sum",
            RelationKind::Share => "table-share",
            RelationKind::Change => "table-change",
            RelationKind::Difference => "table-difference",
            RelationKind::Ratio => "table-ratio",
        };
        Finding::warning(rule, problem, target.value, expected)
    }
}

/// The value a relation computes at `pos`, with its formula in printed figures; `None`
/// when an operand is missing or a divisor is zero.
fn compute(
    relation: &Relation,
    of: &[usize],
    pos: usize,
    positions: &[usize],
    get: &dyn Fn(usize, usize) -> Option<Figure>,
) -> Option<(f64, String)> {
    let fig = |f: Figure| number::fixed(f.value, f.places);
    match relation.kind {
        RelationKind::Sum => {
            let parts: Vec<Figure> = of.iter().filter_map(|l| get(*l, pos)).collect();
            if parts.is_empty() {
                return None;
            }
            let text = parts
                .iter()
                .map(|f| fig(*f))
                .collect::<Vec<_>>()
                .join(" + ");
            Some((parts.iter().map(|f| f.value).sum(), text))
        }
        RelationKind::Share => {
            let part = get(of[0], pos)?;
            let whole = match relation.base {
                Some(base) => get(of[0], base as usize - 1)?.value,
                None => {
                    let figures: Vec<Figure> =
                        positions.iter().filter_map(|p| get(of[0], *p)).collect();
                    match figures.iter().find(|f| f.sum) {
                        Some(total) => total.value,
                        None => figures.iter().map(|f| f.value).sum(),
                    }
                }
            };
            if whole == 0.0 {
                return None;
            }
            let text = format!(
                "{} ÷ {} × 100",
                fig(part),
                number::fixed(whole, part.places)
            );
            Some((part.value / whole * 100.0, text))
        }
        RelationKind::Change | RelationKind::Difference => {
            let (before, after) = if let [from, to] = of {
                (get(*from, pos)?, get(*to, pos)?)
            } else {
                let step = relation.step.unwrap_or(-1) as i64;
                let previous = usize::try_from(pos as i64 + step).ok()?;
                (get(of[0], previous)?, get(of[0], pos)?)
            };
            if relation.kind == RelationKind::Difference {
                let text = format!("{} − {}", fig(after), fig(before));
                return Some((after.value - before.value, text));
            }
            if before.value == 0.0 {
                return None;
            }
            let text = format!("({} − {}) ÷ {} × 100", fig(after), fig(before), fig(before));
            Some(((after.value - before.value) / before.value * 100.0, text))
        }
        RelationKind::Ratio => {
            let (numerator, denominator) = (get(of[0], pos)?, get(*of.get(1)?, pos)?);
            if denominator.value == 0.0 {
                return None;
            }
            let scale = relation.scale.unwrap_or(100.0);
            let mut text = format!("{} ÷ {}", fig(numerator), fig(denominator));
            if scale != 1.0 {
                text.push_str(&format!(" × {scale}"));
            }
            Some((numerator.value / denominator.value * scale, text))
        }
    }
}

/// The most columns or rows one table cell may span.
const MAX_SPAN: u32 = 100;

/// The merged cells of a table that do not fit it: (`header` or `rows`, row, cell index,
/// cols, rows). A table with any must not reach the grid layout (or Typst).
pub(crate) fn misfits(table: &Table) -> Vec<(&'static str, usize, usize, u32, u32)> {
    let mut found = Vec::new();
    for (part, rows) in [("header", &table.header), ("rows", &table.rows)] {
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let Cell::Full(full) = cell else { continue };
                let (cols, span) = (full.cols.unwrap_or(1), full.rows.unwrap_or(1));
                let fits = (1..=MAX_SPAN).contains(&cols)
                    && (1..=MAX_SPAN).contains(&span)
                    && r + span as usize <= rows.len();
                if !fits {
                    found.push((part, r, c, cols, span));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::located::Located;
    use std::path::Path;

    /// Findings of the relations of the table in `yaml` (a `Table`).
    fn findings(yaml: &str) -> Vec<Finding> {
        let table: Table = serde_yaml::from_str(yaml).unwrap();
        let file = Located::yaml(Path::new("t.yaml"), yaml.to_string(), ());
        let grid = Grid::of(&table).unwrap();
        let mut problems = Vec::new();
        validate(&file, "", &table, grid.columns, &mut problems);
        assert!(problems.is_empty(), "{problems:#?}");
        table
            .relations
            .iter()
            .enumerate()
            .flat_map(|(n, r)| evaluate(&file, "", &grid, n, r))
            .collect()
    }

    #[test]
    fn shares_use_the_sum_cell_and_tolerate_rounding() {
        let found = findings(
            "header: [[구분, 수, 구성비]]\nrows:\n  - [합계, {sum: true}, 100]\n  - [가, 1, 33.3]\n  - [나, 2, 66.8]\nrelations: [{kind: share, column: 3, of: [2]}]\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let p = &found[0].problem;
        assert_eq!(p.path, ".rows[2][2]");
        assert_eq!((p.line, p.column), (Some(5), Some(12)));
        assert!(
            p.message.starts_with(
                "「나 / 구성비」(3줄 3열)의 구성비 66.8 ≠ 2 ÷ 3 × 100 = 66.7 (차이 0.1)."
            ),
            "{}",
            p.message
        );
    }

    #[test]
    fn changes_along_a_row_skip_the_first_year() {
        let found = findings(
            "rows:\n  - [수, 100, 110, 121]\n  - [증감률, 9.9, 10.0, 10.2]\nrelations: [{kind: change, row: 2, of: [1]}]\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .problem
                .message
                .contains("증감률 10.2 ≠ (121 − 110) ÷ 110 × 100 = 10.0"),
            "{}",
            found[0].problem.message
        );
        assert_eq!(found[0].rule, "table-change");
    }

    #[test]
    fn sums_differences_and_ratios() {
        let found = findings(
            "rows:\n  - [가, 10, 4, 5, 2.0, 1.5]\nrelations:\n  - {kind: sum, column: 2, of: [3, 4]}\n  - {kind: ratio, column: 5, of: [2, 4], scale: 1}\n  - {kind: difference, column: 6, of: [4, 3]}\n",
        );
        let messages: Vec<&str> = found.iter().map(|f| f.problem.message.as_str()).collect();
        assert_eq!(found.len(), 2, "{messages:#?}");
        assert!(
            messages[0].contains("합계 10 ≠ 4 + 5 = 9 (차이 1)"),
            "{}",
            messages[0]
        );
        assert!(
            messages[1].contains("증감 1.5 ≠ 4 − 5 = △1.0"),
            "{}",
            messages[1]
        );
    }

    #[test]
    fn misdeclared_relations_are_errors() {
        let table: Table = serde_yaml::from_str(
            "rows: [[가, 1]]\nrelations: [{kind: ratio, column: 5, of: [1]}, {kind: sum, of: [1]}]\n",
        )
        .unwrap();
        let file = Located::yaml(Path::new("t.yaml"), String::new(), ());
        let mut problems = Vec::new();
        validate(&file, "", &table, 2, &mut problems);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 3, "{messages:#?}");
        assert!(messages[0].contains("표 밖"));
        assert!(messages[1].contains("of에 적힌 열이 1개"));
        assert!(messages[2].contains("column과 row 중 하나만"));
    }
}
