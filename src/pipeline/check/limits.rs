//! 한도 검사 (errors): what a plan holds, measured against [`crate::model::limits`] before any other
//! check, the plan model or layout touches it — every text (its length, and that the
//! document's fonts can print each of its characters: [`typeface::prints`]), every number,
//! every table, chart and 추진일정, and the plan's 분량 as a whole. A plan over a limit gets
//! only these errors: the other checks are not run on it.

use crate::model::limits::{self, WEIGHTS};
use crate::model::located::{Located, WrittenPlan};
use crate::model::problem::Problem;
use crate::model::typeface;
use crate::model::walk;
use crate::model::written::{Block, Cell, Chart, Table};

/// Every limit the plan goes over.
pub fn check(plan: &WrittenPlan) -> Vec<Problem> {
    measure(plan).0
}

/// The limits the plan goes over, and its 분량.
fn measure(plan: &WrittenPlan) -> (Vec<Problem>, u64) {
    let mut out = Out::default();
    values(&plan.info, &mut out);
    values(&plan.goals, &mut out);
    for chapter in &plan.chapters {
        values(chapter, &mut out);
        blocks(chapter, "body", &chapter.value.body, &mut out);
    }
    let goals = &plan.goals;
    blocks(
        goals,
        "term_plan.body",
        &goals.value.term_plan.body,
        &mut out,
    );
    for file in &plan.strategies {
        values(file, &mut out);
        for (ti, task) in file.value.tasks.iter().enumerate() {
            let tp = format!("tasks[{ti}]");
            blocks(file, &format!("{tp}.purpose"), &task.purpose, &mut out);
            blocks(file, &format!("{tp}.intro"), &task.intro, &mut out);
            blocks(file, &format!("{tp}.effects"), &task.effects, &mut out);
            for (pi, project) in task.projects.iter().enumerate() {
                let pp = format!("{tp}.projects[{pi}]");
                out.amount += WEIGHTS.project;
                blocks(file, &format!("{pp}.details"), &project.details, &mut out);
                if project.schedule.len() > limits::PROJECT_BARS {
                    out.problems.push(at(
                        file,
                        &format!("{pp}.schedule"),
                        format!(
                            "세부사업 하나의 추진일정 막대가 {}개입니다 ({}개까지).",
                            project.schedule.len(),
                            limits::PROJECT_BARS
                        ),
                        "막대를 합치거나, 사업을 나누세요.",
                    ));
                }
                out.amount += WEIGHTS.bar * project.schedule.len() as u64;
            }
        }
    }
    if out.amount > limits::PLAN_AMOUNT {
        let first = plan.strategies.first().map_or(&plan.info.file, |s| &s.file);
        out.problems.push(
            Problem::new(
                first,
                "",
                format!(
                    "계획의 분량이 한도를 넘습니다: 글자로 쳐서 {}자 (한도 {}자; 참고 계획은 약 {}자).",
                    limits::count(out.amount),
                    limits::count(limits::PLAN_AMOUNT),
                    limits::count(REFERENCE_AMOUNT)
                ),
            )
            .hint("gongsi가 한 번에 조판하는 분량(전략·사업을 50배로 늘린 참고 계획, 1,300쪽쯤)을 넘었습니다. 이보다 크면 조판에 메모리가 2 GiB 넘게 듭니다. 계획을 나누어 만들거나, 잘못 되풀이된 내용이 없는지 확인하세요."),
        );
    }
    (out.problems, out.amount)
}

/// The 분량 of the 2021 reference plan, for messages (measured by the unit test below).
const REFERENCE_AMOUNT: u64 = 83_000;

#[derive(Default)]
struct Out {
    problems: Vec<Problem>,
    amount: u64,
}

/// A problem at `path` of `file`, with its fix.
fn at<T>(file: &Located<T>, path: &str, message: String, hint: &str) -> Problem {
    file.place(Problem::new(&file.file, path, message), path, "")
        .hint(hint)
}

/// Every text and number of a file, walked as data: texts longer than
/// [`limits::TEXT_CHARS`], numbers beyond ±[`limits::NUMBER`] or too small to print.
fn values<T: serde::Serialize>(file: &Located<T>, out: &mut Out) {
    let Ok(value) = serde_json::to_value(&file.value) else {
        return;
    };
    walk(file, &value, &mut String::new(), out);
}

fn walk<T>(file: &Located<T>, value: &serde_json::Value, path: &mut String, out: &mut Out) {
    use serde_json::Value;
    match value {
        Value::String(text) => {
            let chars = text.chars().count();
            out.amount += chars as u64;
            if chars > limits::TEXT_CHARS {
                out.problems.push(at(
                    file,
                    path,
                    limits::too_long(chars),
                    "긴 글은 여러 항목으로 나누세요. 한 항목의 한도는 엑셀 칸 하나와 같습니다.",
                ));
            }
            if let Some(problem) = unprintable(file, path, text) {
                out.problems.push(problem);
            }
        }
        Value::Number(number) => {
            let Some(n) = number.as_f64() else { return };
            let exact = number
                .as_i64()
                .is_none_or(|i| (i as f64).abs() <= limits::NUMBER);
            if n.abs() > limits::NUMBER || !exact || (n != 0.0 && n.abs() < 1e-6) {
                let shown = if number.is_i64() || number.is_u64() {
                    number.to_string()
                } else {
                    format!("{n:e}")
                };
                out.problems.push(at(
                    file,
                    path,
                    format!("숫자 {shown}은(는) 쓸 수 없습니다: 정확히 계산하고 찍을 수 있는 범위(±1,000조, 소수는 0.000001 이상)를 벗어납니다."),
                    "단위를 바꿔(예: 원 → 천원, 명 → 천 명) 작은 숫자로 쓰세요. 오타로 0이 더 붙지 않았는지 확인하세요.",
                ));
            }
        }
        Value::Array(items) => {
            let len = path.len();
            for (i, item) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                walk(file, item, path, out);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            let len = path.len();
            for (key, item) in map {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk(file, item, path, out);
                path.truncate(len);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

/// The characters of `text` that none of the document's fonts has, as one problem naming
/// them (each once, with its code point), or `None` when every character prints.
fn unprintable<T>(file: &Located<T>, path: &str, text: &str) -> Option<Problem> {
    let mut missing: Vec<char> = Vec::new();
    for c in text.chars() {
        if !c.is_control() && !missing.contains(&c) && !typeface::prints(c) {
            missing.push(c);
        }
    }
    if missing.is_empty() {
        return None;
    }
    let named: Vec<String> = missing
        .iter()
        .take(5)
        .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
        .collect();
    let more = match missing.len() {
        n if n > 5 => format!(" 외 {}개", n - 5),
        _ => String::new(),
    };
    Some(at(
        file,
        path,
        format!(
            "gongsi의 글꼴(나눔명조, Pretendard GOV)에 없는 글자가 있어 PDF에 찍을 수 없습니다: {}{more}.",
            named.join(", ")
        ),
        "다른 글자로 바꾸세요 (예: ⟦ ⟧ → 「 」, 그림 문자는 지우기). 접근성 PDF(PDF/UA, PDF/A)는 글꼴에 없는 글자를 싣지 못합니다.",
    ))
}

/// The blocks of a body: the weight of each, their tables and charts.
fn blocks<T>(file: &Located<T>, path: &str, list: &[Block], out: &mut Out) {
    walk::blocks(path, list, 0, &mut |bp, block, _| {
        out.amount += WEIGHTS.block;
        if let Some(table) = &block.table {
            self::table(file, &format!("{bp}.table"), table, out);
        }
        if let Some(chart) = &block.chart {
            self::chart(file, &format!("{bp}.chart"), chart, out);
        }
    });
}

/// A table's rows, columns, cells and merged cells against the limits. The width is the
/// sum of the columns each row's cells cover, so that nothing large reaches the grid.
fn table<T>(file: &Located<T>, path: &str, table: &Table, out: &mut Out) {
    let rows = table.header.len() + table.rows.len();
    let columns = table
        .header
        .iter()
        .chain(&table.rows)
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Cell::Full(full) => full.cols.unwrap_or(1).max(1) as usize,
                    _ => 1,
                })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0);
    let cells: usize = table.header.iter().chain(&table.rows).map(Vec::len).sum();
    out.amount += WEIGHTS.table_cell * cells as u64;
    let mut refuse = |message: String| {
        out.problems.push(at(
            file,
            path,
            message,
            "큰 표는 여러 표로 나누세요. 한 쪽에 읽히게 들어가는 크기를 생각하세요.",
        ));
    };
    if rows > limits::TABLE_ROWS {
        refuse(format!(
            "표의 줄이 {}개입니다 (표 하나에 {}줄까지).",
            limits::count(rows as u64),
            limits::TABLE_ROWS
        ));
    } else if columns > limits::TABLE_COLUMNS {
        refuse(format!(
            "표의 칸이 한 줄에 {}개입니다 (표 하나에 {}칸까지; 합친 칸은 덮은 칸마다 셉니다).",
            limits::count(columns as u64),
            limits::TABLE_COLUMNS
        ));
    } else if rows * columns > limits::TABLE_CELLS {
        refuse(format!(
            "표가 너무 큽니다: {}줄 × {}칸 (표 하나에 {}칸까지).",
            rows,
            columns,
            limits::count(limits::TABLE_CELLS as u64)
        ));
    }
    for (part, lines) in [("header", &table.header), ("rows", &table.rows)] {
        for (r, row) in lines.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let Cell::Full(full) = cell else { continue };
                let (cols, span) = (full.cols.unwrap_or(1), full.rows.unwrap_or(1));
                if cols as usize > limits::TABLE_COLUMNS || span as usize > limits::TABLE_ROWS {
                    out.problems.push(at(
                        file,
                        &format!("{path}.{part}[{r}][{c}]"),
                        format!(
                            "합친 칸이 너무 큽니다 (cols: {cols}, rows: {span}; 가로 {}칸, 세로 {}줄까지).",
                            limits::TABLE_COLUMNS,
                            limits::TABLE_ROWS
                        ),
                        "cols와 rows에는 표 안에서 실제로 합칠 칸 수를 쓰세요.",
                    ));
                }
            }
        }
    }
}

fn chart<T>(file: &Located<T>, path: &str, chart: &Chart, out: &mut Out) {
    let values: usize = chart.series.iter().map(|s| s.values.len()).sum();
    out.amount += WEIGHTS.chart_value * values as u64;
    if chart.categories.len() > limits::CHART_CATEGORIES {
        out.problems.push(at(
            file,
            &format!("{path}.categories"),
            format!(
                "그래프의 항목(categories)이 {}개입니다 (그래프 하나에 {}개까지).",
                limits::count(chart.categories.len() as u64),
                limits::CHART_CATEGORIES
            ),
            "항목을 묶거나(예: 연도 → 5년 단위) 그래프를 나누세요. 너무 많은 막대는 읽을 수 없습니다.",
        ));
    }
    if chart.series.len() > limits::CHART_SERIES {
        out.problems.push(at(
            file,
            &format!("{path}.series"),
            format!(
                "그래프의 계열(series)이 {}개입니다 (그래프 하나에 {}개까지).",
                chart.series.len(),
                limits::CHART_SERIES
            ),
            "계열을 줄이거나 그래프를 나누세요.",
        ));
    }
    // A series longer than the categories is a structural error; its length must not be
    // unbounded either.
    for (si, series) in chart.series.iter().enumerate() {
        if series.values.len() > limits::CHART_CATEGORIES {
            out.problems.push(at(
                file,
                &format!("{path}.series[{si}].values"),
                format!(
                    "그래프 계열의 값이 {}개입니다 ({}개까지).",
                    limits::count(series.values.len() as u64),
                    limits::CHART_CATEGORIES
                ),
                "값의 개수를 항목 수와 맞추세요.",
            ));
        }
    }
}

/// The 분량 of a plan ([`limits::PLAN_AMOUNT`]), for docs/limits.md and the benchmarks.
pub fn amount(plan: &WrittenPlan) -> u64 {
    measure(plan).1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::load::reference_plan;

    #[test]
    fn the_reference_plan_is_far_within_every_limit() {
        let plan = reference_plan().unwrap();
        assert!(check(&plan).is_empty(), "{:#?}", check(&plan));
        let amount = amount(&plan);
        assert!(
            amount.abs_diff(REFERENCE_AMOUNT) < REFERENCE_AMOUNT / 10,
            "REFERENCE_AMOUNT is stale: the reference plan is {amount}"
        );
        // The 50× plan of the benchmarks: every strategy file fifty times.
        let mut fifty = plan.clone();
        let strategies = plan.strategies.clone();
        for _ in 1..50 {
            fifty.strategies.extend(strategies.iter().cloned());
        }
        let big = super::amount(&fifty);
        assert!(big < limits::PLAN_AMOUNT, "the 50× plan is {big}");
    }
}
