//! 본문 rows (본문 시트): body text as one row per line — 위치, 단계, 종류, 앞말, 내용 — and
//! back. Nesting follows 단계; a 표 or 그래프 row names the sheet holding its content; a
//! 각주 row attaches a footnote to the line above it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::model::problem::Problem;
use crate::model::walk;
use crate::model::written::{Block, Chart, ChartKind, Footnote, Procedure, Table};
use crate::pipeline::load::workbook::read::{Cells, Record};

/// One 본문 row as the export writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 위치.
    pub place: String,
    /// 단계 (1 = outermost).
    pub depth: usize,
    /// 종류.
    pub kind: &'static str,
    /// 앞말.
    pub lead: Option<String>,
    /// 내용.
    pub text: String,
}

/// The 본문 rows grouped by 위치 (place), remembering which places the plan has read, so
/// that a place nobody reads (a typo, an id that does not exist) can be reported.
#[derive(Debug, Default)]
pub struct Places<'a> {
    rows: BTreeMap<String, Vec<&'a Record>>,
    order: Vec<String>,
    used: Vec<String>,
}

impl<'a> Places<'a> {
    /// Groups `records` by their 위치, spaces normalised, in sheet order.
    pub fn new(records: &'a [Record]) -> Self {
        let mut places = Places::default();
        for record in records {
            let place = record
                .text("위치")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default();
            if !places.rows.contains_key(&place) {
                places.order.push(place.clone());
            }
            places.rows.entry(place).or_default().push(record);
        }
        places
    }

    /// The rows at `place` (none if it has none), which now counts as read.
    pub fn take(&mut self, place: &str) -> Vec<&'a Record> {
        self.used.push(place.to_string());
        self.rows.get(place).cloned().unwrap_or_default()
    }

    /// The places starting with `prefix`, in sheet order.
    pub fn starting_with(&self, prefix: &str) -> Vec<String> {
        self.order
            .iter()
            .filter(|p| p.starts_with(prefix))
            .cloned()
            .collect()
    }

    /// The first row of `place`, if it has rows.
    pub fn first(&self, place: &str) -> Option<&'a Record> {
        self.rows.get(place).and_then(|rows| rows.first().copied())
    }

    /// Each place nobody read, with its first row, in sheet order.
    pub fn unread(&self) -> Vec<(&str, &'a Record)> {
        self.order
            .iter()
            .filter(|p| !self.used.contains(p))
            .filter_map(|p| Some((p.as_str(), self.first(p)?)))
            .collect()
    }
}

/// Content that lives on its own sheet.
#[derive(Debug, Clone)]
pub enum Sheet {
    /// A 표 sheet.
    Table(Table),
    /// A 그래프 sheet.
    Chart(Chart),
}

/// Names and collects the 표 and 그래프 sheets while body text is flattened.
#[derive(Debug, Default)]
pub struct SheetList {
    /// Sheets in document order.
    pub sheets: Vec<(String, Sheet)>,
}

impl SheetList {
    fn add(&mut self, preferred: Option<&str>, prefix: &str, sheet: Sheet) -> String {
        let taken = |name: &str, list: &Self| list.sheets.iter().any(|(n, _)| n == name);
        let name = match preferred {
            Some(name) if !taken(name, self) => name.to_string(),
            _ => (1..)
                .map(|n| format!("{prefix}{n:02}"))
                .find(|name| !taken(name, self))
                .unwrap_or_default(),
        };
        self.sheets.push((name.clone(), sheet));
        name
    }
}

/// Flattens blocks at `place` into 본문 rows.
pub fn lines(place: &str, blocks: &[Block], sheets: &mut SheetList, out: &mut Vec<Line>) {
    walk::blocks("", blocks, 1, &mut |_, block, depth| {
        block_lines(place, block, depth, sheets, out)
    });
}

/// The 본문 rows of one block at 단계 `depth`: its own row, then one per footnote.
fn block_lines(
    place: &str,
    block: &Block,
    depth: usize,
    sheets: &mut SheetList,
    out: &mut Vec<Line>,
) {
    let (kind, text) = if let Some(h) = &block.heading {
        ("제목", h.clone())
    } else if let Some(t) = &block.text {
        ("글", t.clone())
    } else if let Some(n) = &block.note {
        ("주", n.clone())
    } else if let Some(c) = &block.conclusion {
        ("결론", c.clone())
    } else if let Some(t) = &block.table {
        let mut table = t.clone();
        let preferred = table.sheet.take();
        (
            "표",
            sheets.add(preferred.as_deref(), "표", Sheet::Table(table)),
        )
    } else if let Some(c) = &block.chart {
        ("그래프", sheets.add(None, "그림", Sheet::Chart(c.clone())))
    } else if let Some(p) = &block.procedure {
        ("절차", p.steps.join(" → "))
    } else {
        ("글", String::new())
    };
    let lead = match &block.procedure {
        Some(p) => p.rows.map(|rows| rows.to_string()),
        None => block.lead.clone(),
    };
    out.push(Line {
        place: place.to_string(),
        depth,
        kind,
        lead,
        text,
    });
    for footnote in &block.footnotes {
        out.push(Line {
            place: place.to_string(),
            depth,
            kind: "각주",
            lead: Some(footnote.after.clone()),
            text: footnote.text.clone(),
        });
    }
}

/// A 그래프 row waiting for its sheet: the data path of its block and the sheet name.
#[derive(Debug, Clone)]
pub struct PendingChart {
    /// Data path of the block, e.g. `body[3]`.
    pub path: String,
    /// Sheet name.
    pub sheet: String,
    /// The row's 내용 cell.
    pub at: String,
}

/// Rebuilds blocks from the 본문 rows of one 위치; `path` is the data path of the block
/// list (e.g. `tasks[0].purpose`). Tables get their `sheet` set (filled in later); charts
/// are returned as pending.
pub fn blocks(
    file: &Path,
    path: &str,
    rows: &[&Record],
    cells: &mut Cells,
    charts: &mut Vec<PendingChart>,
    problems: &mut Vec<Problem>,
) -> Vec<Block> {
    // The stack of open lists: (depth, blocks at that depth).
    let mut stack: Vec<Vec<Block>> = vec![Vec::new()];
    let mut depth_of_last = 0usize;
    for record in rows {
        let depth = record
            .text("단계")
            .and_then(|d| d.parse::<usize>().ok())
            .unwrap_or(0);
        let kind = record.text("종류").unwrap_or_default();
        if kind == "각주" {
            footnote(file, record, &mut stack, problems);
            continue;
        }
        if depth == 0 || depth > depth_of_last + 1 {
            problems.push(problem(
                file,
                record,
                "단계",
                &format!(
                    "단계 {depth}은(는) 바로 앞 줄(단계 {depth_of_last}) 아래에 올 수 없습니다."
                ),
                "단계는 1부터 시작하고, 앞 줄보다 한 단계까지만 깊어질 수 있습니다.",
            ));
            continue;
        }
        while stack.len() > depth {
            close(&mut stack);
        }
        let Some(block) = row_block(file, record, &kind, problems) else {
            continue;
        };
        let index = stack.last().map_or(0, Vec::len);
        let block_path = block_path(path, &stack, index);
        if kind == "그래프" {
            charts.push(PendingChart {
                path: block_path.clone(),
                sheet: record.text("내용").unwrap_or_default(),
                at: record.cell("내용"),
            });
        }
        block_cells(record, &kind, &block, &block_path, cells);
        if let Some(list) = stack.last_mut() {
            list.push(block);
        }
        stack.push(Vec::new());
        depth_of_last = depth;
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().unwrap_or_default()
}

/// A 각주 row: a footnote on the line above it, the last block pushed (the one whose
/// still empty list of items is on top of the `stack`).
fn footnote(file: &Path, record: &Record, stack: &mut [Vec<Block>], problems: &mut Vec<Problem>) {
    let above = stack.len().checked_sub(2);
    let Some(last) = above.and_then(|i| stack[i].last_mut()) else {
        problems.push(problem(
            file,
            record,
            "종류",
            "각주 행 앞에 각주를 달 줄이 없습니다.",
            "각주 행은 각주가 붙을 줄 바로 아래에 두세요.",
        ));
        return;
    };
    last.footnotes.push(Footnote {
        after: record.text("앞말").unwrap_or_default(),
        text: record.text("내용").unwrap_or_default(),
    });
}

/// The block a row of `kind` (제목, 글, 주, 결론, 절차, 표, 그래프) stands for, without its
/// items; `None`, with a problem, for a row that cannot be one.
fn row_block(
    file: &Path,
    record: &Record,
    kind: &str,
    problems: &mut Vec<Problem>,
) -> Option<Block> {
    let text = record.text("내용");
    let mut block = Block {
        lead: record.text("앞말"),
        ..Block::default()
    };
    match kind {
        "제목" => block.heading = text,
        "글" => block.text = Some(text.unwrap_or_default()),
        "주" => block.note = text,
        "결론" => block.conclusion = text,
        "절차" => {
            block.procedure = Some(procedure(file, record, block.lead.take(), text, problems)?)
        }
        "표" | "그래프" if text.is_none() => {
            problems.push(problem(
                file,
                record,
                "내용",
                "표나 그래프 행의 내용에는 그 시트 이름을 써야 합니다.",
                "표(그래프)가 담긴 시트의 이름을 쓰세요.",
            ));
            return None;
        }
        "표" => {
            block.table = Some(Table {
                caption: None,
                unit: None,
                source: None,
                widths: Vec::new(),
                header: Vec::new(),
                rows: Vec::new(),
                sheet: text,
                relations: Vec::new(),
            })
        }
        "그래프" => {
            // Filled from its sheet once every part is assembled.
            block.chart = Some(Chart {
                caption: String::new(),
                unit: None,
                source: None,
                kind: ChartKind::Bar,
                categories: Vec::new(),
                series: Vec::new(),
            })
        }
        other => {
            problems.push(problem(
                file,
                record,
                "종류",
                &format!("`{other}` 행은 이 위치에 올 수 없습니다."),
                "제목, 글, 주, 결론, 표, 그래프, 절차, 각주 중 하나를 쓰세요.",
            ));
            return None;
        }
    }
    Some(block)
}

/// A 절차 row's 추진절차: the steps of its 내용 split at `→`, in the rows its 앞말 gives
/// (1 or 2, or none); `None`, with a problem, for any other 앞말.
fn procedure(
    file: &Path,
    record: &Record,
    lead: Option<String>,
    text: Option<String>,
    problems: &mut Vec<Problem>,
) -> Option<Procedure> {
    let rows = match lead {
        None => None,
        Some(rows) => match rows.parse::<u32>() {
            Ok(rows @ 1..=2) => Some(rows),
            _ => {
                problems.push(problem(
                    file,
                    record,
                    "앞말",
                    &format!("절차 행의 앞말 `{rows}`은(는) 줄 수가 아닙니다."),
                    "절차 행의 앞말에는 상자를 놓을 줄 수 1 또는 2를 쓰거나 비워 두세요.",
                ));
                return None;
            }
        },
    };
    let steps = text
        .as_deref()
        .unwrap_or_default()
        .split('→')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    Some(Procedure { steps, rows })
}

/// Records where a row's block came from: the block and its content at the row's 내용
/// cell, its lead at the 앞말 cell.
fn block_cells(record: &Record, kind: &str, block: &Block, block_path: &str, cells: &mut Cells) {
    cells.insert(block_path.to_string(), record.cell("내용"));
    if block.lead.is_some() {
        cells.insert(format!("{block_path}.lead"), record.cell("앞말"));
    }
    let field = match kind {
        "제목" => "heading",
        "글" => "text",
        "주" => "note",
        "결론" => "conclusion",
        "절차" => "procedure",
        "표" => "table",
        _ => "chart",
    };
    cells.insert(format!("{block_path}.{field}"), record.cell("내용"));
}

/// Closes the innermost open list: its blocks become the items of the last block above.
fn close(stack: &mut Vec<Vec<Block>>) {
    let items = stack.pop().unwrap_or_default();
    if let Some(parent) = stack.last_mut().and_then(|l| l.last_mut()) {
        parent.items = items;
    }
}

/// Data path of the block about to be pushed at `index` of the innermost open list.
fn block_path(path: &str, stack: &[Vec<Block>], index: usize) -> String {
    let mut out = path.to_string();
    for (level, list) in stack.iter().enumerate() {
        if level + 1 == stack.len() {
            out.push_str(&format!("[{index}]"));
        } else {
            out.push_str(&format!("[{}]", list.len().saturating_sub(1)));
            out.push_str(".items");
        }
    }
    out
}

fn problem(file: &Path, record: &Record, column: &str, message: &str, hint: &str) -> Problem {
    Problem::new(file, "", message)
        .in_cell(file, record.cell(column))
        .hint(hint)
}
