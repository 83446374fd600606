//! 한도: everything gongsi bounds in what a plan may hold, in one place. A plan or workbook may
//! come from anyone; each limit is checked before the work it bounds (reading, parsing,
//! building a grid, layout) and refused with a located Korean error, by `check` and `build`
//! alike. The numbers leave room for a real plan of 50 times the 2021 reference (250
//! strategies, 2,750 projects, about 1,300 pages), which builds; `docs/limits.md` lists them with
//! what that plan uses of each.

/// Largest file read (a YAML file, a template or a workbook), in bytes: 10 MiB. The
/// reference's largest YAML file is 26 KB; its workbook 0.2 MB.
pub const FILE_BYTES: u64 = 10 * 1024 * 1024;
/// Largest plan folder (all its YAML files and its workbook together), in bytes. The 50×
/// plan is 2.8 MB.
pub const PLAN_BYTES: u64 = 30 * 1024 * 1024;

/// Most YAML nodes (values, lists, mappings; an alias counts as everything it repeats) in
/// one file: bounds what the YAML reader holds in memory. The reference's largest file has
/// 1,520.
pub const FILE_NODES: usize = 100_000;
/// Most YAML nodes in a whole plan. The 50× plan has 148,000.
pub const PLAN_NODES: usize = 250_000;
/// Deepest nesting of YAML lists and mappings. The reference goes 15 deep.
pub const YAML_DEPTH: usize = 40;

/// Longest text of one field or workbook cell, in characters: Excel's own limit for a cell,
/// so that every plan can also be exported to a workbook. The reference's longest is 177.
pub const TEXT_CHARS: usize = 32_767;

/// Most rows of one table (header and body). The reference's largest has 21.
pub const TABLE_ROWS: usize = 500;
/// Most columns of one table (merged cells count every column they cover). The reference's
/// widest has 10; an A4 page holds about 20 readable columns.
pub const TABLE_COLUMNS: usize = 60;
/// Most cells of one table (rows × columns).
pub const TABLE_CELLS: usize = 5_000;
/// Most bars in one project's 추진일정.
pub const PROJECT_BARS: usize = 48;
/// Most categories of one chart. The reference's largest has 5.
pub const CHART_CATEGORIES: usize = 100;
/// Most series of one chart.
pub const CHART_SERIES: usize = 20;

/// The largest magnitude of any number written in a plan: 10¹⁵. Below it every integer is
/// exact in a 64-bit float and in sums of thousands of them, and a decimal keeps its first
/// decimal place; 10¹⁵ 천원 is 100경 원.
pub const NUMBER: f64 = 1e15;

/// The 분량 (amount of content) of a whole plan, counted as characters of text with each
/// other thing weighed by what it costs to lay out compared with one character ([`WEIGHTS`]).
/// This bounds a build's time and memory whatever the mix. The costliest kind per unit is
/// the project: a plan of 8,130 projects at 2.57 million takes 10 s and 1.92–1.97 GiB in a
/// release build on the 2-core development machine (2026-12-01, `docs/performance.md`
/// 「한도 가까운 계획」). The 50× plan is 2.49 million and must build, which sets the floor.
pub const PLAN_AMOUNT: u64 = 2_600_000;

/// How much of [`PLAN_AMOUNT`] one thing takes, in characters of text.
pub struct Weights {
    /// A block of body text (□ ○ - · line, note, table or chart), besides its characters.
    pub block: u64,
    /// A table cell.
    pub table_cell: u64,
    /// A schedule bar (추진일정 막대).
    pub bar: u64,
    /// A chart value (one category of one series).
    pub chart_value: u64,
    /// A project (세부사업), besides its text: its budget line, rows of the summaries and of
    /// the 【추진계획】 table.
    pub project: u64,
}

/// The weights of [`PLAN_AMOUNT`]: for plans made of one kind of thing each (50,000 table
/// cells; 17,000 chart values; 16,800 bars; 6,700 projects), the release build's time and
/// peak memory per item, over those per unit of the 50× plan (`benches/README.md`,
/// 「한도와 분량의 무게」).
pub const WEIGHTS: Weights = Weights {
    block: 40,
    table_cell: 24,
    bar: 60,
    chart_value: 20,
    project: 300,
};

/// Workbooks: the largest decompressed part of an xlsx, xlsb or ods file (one sheet, the
/// shared strings), in bytes. A zip file may compress 1 GB of text into 1 MB; the size each
/// part declares is checked before anything is unpacked (the zip reader stops at it).
pub const ZIP_PART_BYTES: u64 = 100 * 1024 * 1024;
/// Workbooks: all the parts of one file together, decompressed.
pub const ZIP_TOTAL_BYTES: u64 = 200 * 1024 * 1024;
/// Workbooks: most sheets in one workbook (each table and chart has a sheet of its own; the
/// 50× plan's workbook has about 730).
pub const SHEETS: usize = 3_000;
/// Workbooks: the last row a cell holding a value may be in.
pub const SHEET_ROWS: u32 = 60_000;
/// Workbooks: the last column a cell holding a value may be in (`CV`).
pub const SHEET_COLUMNS: u32 = 100;
/// Workbooks: the used range of every sheet (the rectangle from its first to its last cell
/// holding a value) added up, in cells. A cell typed far away by mistake makes a sheet's used
/// range huge; the readers build a grid of it, so it is checked before.
pub const WORKBOOK_AREA: u64 = 4_000_000;
/// Workbooks: the address space of the process that reads one (a child of gongsi, see
/// `pipeline::load::workbook::isolated`), in bytes: 1 GiB. Whatever a workbook makes its
/// reader allocate, past this the reading stops with an error. The 50× plan's workbook
/// (730 sheets) is read within 150 MiB of address space (debug build, 2026-12-06).
pub const WORKBOOK_MEMORY: u64 = 1024 * 1024 * 1024;
/// Workbooks: the time the reading may take, in seconds (then the reading process is
/// killed). The 50× plan's workbook is read in 1.1 s (debug build, load 4, 2026-12-06).
pub const WORKBOOK_SECONDS: u64 = 20;
/// Workbooks: the largest answer of the reading process (every sheet's cells, as JSON), in
/// bytes; it bounds what gongsi itself holds of a workbook. The 50× plan's workbook gives
/// 4.8 MB, the reference's 0.2 MB.
pub const WORKBOOK_ANSWER_BYTES: u64 = 64 * 1024 * 1024;

/// 한글 files read by `diff` (and the studio's compare upload): the largest file, in bytes:
/// 100 MiB. The reference plan's HWPX, which carries its four fonts, is 9.1 MB (21 MB if a
/// writer stored its entries unpacked); only the parts `diff` reads are unpacked, never a
/// font.
pub const HWPX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// 한글 files read by `diff`: the most entries in the zip (the reference plan's HWPX has 20).
pub const HWPX_ENTRIES: usize = 2_000;
/// 한글 files: the largest XML part, decompressed (the reference plan's largest section is
/// 1.3 MB).
pub const HWPX_PART_BYTES: u64 = 100 * 1024 * 1024;
/// 한글 files: how many times its compressed size an XML part may unpack to. The reference
/// plan's sections compress 19:1; a zip bomb a thousandfold or more.
pub const HWPX_RATIO: u64 = 200;
/// 한글 files: the deepest nesting of XML elements (a table in a cell adds a few levels; the
/// reference plan's sections nest 11 deep).
pub const HWPX_DEPTH: usize = 256;
/// 한글 files: the most paragraphs, counting those in table cells (the reference plan has
/// 2,519).
pub const HWPX_PARAGRAPHS: usize = 400_000;

/// What is said of a text of `chars` characters, over [`TEXT_CHARS`].
pub fn too_long(chars: usize) -> String {
    format!(
        "글이 너무 깁니다: {}자 (한 항목, 통합문서 칸 하나에 {}자까지: 엑셀 칸의 한도와 같음).",
        count(chars as u64),
        count(TEXT_CHARS as u64)
    )
}

/// `n` with thousands separators, for messages: `2,600,000`.
pub fn count(n: u64) -> String {
    crate::model::number::integer(i64::try_from(n).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_limit_keeps_integers_exact() {
        assert!(NUMBER < 2f64.powi(53));
        assert_eq!(NUMBER as i64 as f64, NUMBER);
        assert_eq!(count(2_600_000), "2,600,000");
    }
}
