//! 통합문서 읽기 (reading a workbook): a plan, or the figures of a plan, kept in Excel or
//! LibreOffice.
//!
//! gongsi reads a workbook's bytes once and hands them to a child process of its own
//! ([`isolated`], [`child`]) under a memory and time limit: there calamine reads every sheet
//! (after [`extent`]'s scans, which refuse the usual far cell at its place, and with [`ods`]
//! and [`xls`] for what calamine does not read from those files, as [`formats`]), and the
//! cells come back as a [`snapshot`]. [`grid`] serves one sheet's cells from it; [`read`]
//! turns the sheets ([`crate::model::sheets`]) into records; [`assemble`]
//! builds the plan as written from them (a whole plan, or the figures that a folder's YAML
//! leaves to the workbook), with [`context`] and [`strategies`]; [`blocks`] maps body text to
//! rows and back. Writing a workbook is [`crate::renditions::workbook`].

pub mod assemble;
pub mod blocks;
pub mod child;
pub mod context;
pub mod extent;
pub mod formats;
pub mod grid;
pub mod isolated;
pub mod ods;
pub mod read;
pub mod snapshot;
pub mod strategies;
pub mod xls;
use std::path::Path;

/// File extensions read as workbooks.
pub const EXTENSIONS: [&str; 4] = ["xlsx", "xls", "xlsb", "ods"];

/// Whether `path` names a workbook (and not an office lock file such as `~$계획.xlsx`).
pub fn is_workbook(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let lock = name.starts_with("~$") || name.starts_with(".~lock");
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    !lock && EXTENSIONS.contains(&ext.as_str())
}

/// `A1`-style name of a 0-based cell.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_follow_excel() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 5), "F12");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(2, 701), "ZZ3");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn lock_files_are_not_workbooks() {
        assert!(is_workbook(Path::new("계획.xlsx")));
        assert!(is_workbook(Path::new("a/계획.ODS")));
        assert!(!is_workbook(Path::new("~$계획.xlsx")));
        assert!(!is_workbook(Path::new(".~lock.계획.ods#")));
        assert!(!is_workbook(Path::new("plan.yaml")));
    }
}
