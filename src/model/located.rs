//! 위치가 있는 값 (located values): a value together with the file it came from, that file's
//! text and the workbook cells its parts were read from, so that a problem found later is
//! placed at its YAML line and column or its `시트!셀`; and the plan as read from its files,
//! every part so located.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::model::positions::Positions;
use crate::model::problem::Problem;
use crate::model::written::{Chapter, Goals, PlanInfo, Strategy};

/// A plan as read from its files, before any check.
#[derive(Debug, Clone)]
pub struct WrittenPlan {
    /// `plan.yaml`.
    pub info: Located<PlanInfo>,
    /// `goals.yaml`.
    pub goals: Located<Goals>,
    /// `labour-market/*.yaml`.
    pub chapters: Vec<Located<Chapter>>,
    /// `strategies/*.yaml`.
    pub strategies: Vec<Located<Strategy>>,
    /// Sheets of the plan's workbook that nothing in the plan reads (the template's example
    /// 표01 left as it was, a sheet no 표 or 그래프 row names), each at its `시트!A1`.
    pub unused_sheets: Vec<SheetCell>,
}

/// A value together with the file it came from and that file's text (for locating
/// problems found later).
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// Path relative to the plan folder.
    pub file: PathBuf,
    /// The file's text.
    pub text: String,
    /// The parsed value.
    pub value: T,
    /// Where each data path is in `text`, read when first needed.
    pub positions: OnceLock<Option<Positions>>,
    /// Values that came from workbook cells, by data path (empty for a pure YAML file).
    pub cells: BTreeMap<String, SheetCell>,
}

/// A workbook cell a value was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetCell {
    /// The workbook, relative to the plan folder.
    pub workbook: PathBuf,
    /// `시트!셀 [열 이름]`, e.g. `사업!F12 [국비]`.
    pub cell: String,
}

impl<T> Located<T> {
    /// A value read from YAML `text`.
    pub fn yaml(file: &Path, text: String, value: T) -> Self {
        Located {
            file: file.to_path_buf(),
            text,
            value,
            positions: OnceLock::new(),
            cells: BTreeMap::new(),
        }
    }

    /// Places `problem` at the value at data `path`: the workbook cell it came from, else
    /// its YAML position, else the first line containing `needle`, else the nearest
    /// enclosing node (cell or YAML) that can be found.
    pub fn place(&self, problem: Problem, path: &str, needle: &str) -> Problem {
        if let Some(cell) = self.cells.get(path) {
            return problem.in_cell(&cell.workbook, &cell.cell);
        }
        let yaml = self.exact(path).or_else(|| find_text(&self.text, needle));
        if let Some((line, column)) = yaml {
            return problem.at(line, column);
        }
        if let Some(cell) = self.nearest_cell(path) {
            return problem.in_cell(&cell.workbook, &cell.cell);
        }
        match self.nearest(path) {
            Some((line, column)) => problem.at(line, column),
            None => problem,
        }
    }

    /// The cell of `path` or of its nearest ancestor read from a workbook.
    fn nearest_cell(&self, path: &str) -> Option<&SheetCell> {
        let mut path = path;
        loop {
            if let Some(cell) = self.cells.get(path) {
                return Some(cell);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    /// Line and column of the node at `path`, if it is in the file.
    pub fn exact(&self, path: &str) -> Option<(usize, usize)> {
        self.positions().and_then(|p| p.exact(path))
    }

    /// Line and column of `path` or of its nearest ancestor in the file.
    pub fn nearest(&self, path: &str) -> Option<(usize, usize)> {
        self.positions().and_then(|p| p.nearest(path))
    }

    fn positions(&self) -> Option<&Positions> {
        self.positions
            .get_or_init(|| Positions::of(&self.text).ok())
            .as_ref()
    }
}

/// The parts of a plan found so far, from YAML files and a workbook.
#[derive(Debug, Default)]
pub struct Parts {
    /// Front matter (`plan.yaml` or the `계획` sheet).
    pub info: Option<Located<PlanInfo>>,
    /// Part III (`goals.yaml`, or the `계획`, `목표` and `본문` sheets).
    pub goals: Option<Located<Goals>>,
    /// Part II chapters.
    pub chapters: Vec<Located<Chapter>>,
    /// 추진전략.
    pub strategies: Vec<Located<Strategy>>,
    /// Sheets of the workbook read so far (record, 표 and 그래프 sheets).
    pub read_sheets: std::collections::BTreeSet<String>,
    /// Sheets of the workbook that nothing reads.
    pub unused_sheets: Vec<SheetCell>,
}

/// 1-based line and column of the first occurrence of `needle` in `text`.
pub fn find_text(text: &str, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    text.lines().enumerate().find_map(|(i, line)| {
        line.find(needle)
            .map(|at| (i + 1, line[..at].chars().count() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_text_gives_line_and_column() {
        assert_eq!(find_text("a: 1\nid: x-y\n", "x-y"), Some((2, 5)));
        assert_eq!(find_text("a", "zz"), None);
    }
}
