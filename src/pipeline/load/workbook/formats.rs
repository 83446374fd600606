//! 칸의 숫자 서식과 병합 (number formats and merged areas of cells): what gongsi reads of a
//! sheet itself where calamine does not (ods, xls), and the reading of a number format code:
//! the unit it appends (`#,##0"명"`, or `#,##0\명` as LibreOffice writes it) and the decimal
//! places it shows.

use std::collections::HashMap;

use calamine::Dimensions;

/// Number format codes by cell (row, column), for the file formats whose styles calamine
/// does not read.
pub type Formats = HashMap<(u32, u32), String>;

/// What gongsi reads of a sheet itself where calamine does not: merged areas (ods) and
/// number formats (ods, xls).
#[derive(Debug, Default, Clone)]
pub struct CellLayout {
    /// Merged areas, by their first cell.
    pub merges: Vec<Dimensions>,
    /// Number format codes of the cells holding a number.
    pub formats: Formats,
}

/// A number format's first section split into what it prints literally (quoted `"명"` or
/// escaped `\명`, as LibreOffice writes it) and the pattern around it (`#,##0.0`).
fn format_parts(code: &str) -> (String, String) {
    let (mut literal, mut pattern) = (String::new(), String::new());
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => literal.push(c),
            '\\' => literal.extend(chars.next()),
            ';' => break,
            // `[Red]`, `[$-412]`: colour and locale, not printed.
            '[' => {
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
            }
            _ => pattern.push(c),
        }
    }
    (literal, pattern)
}

/// The unit a number format appends: its literal text, trimmed (`#,##0" 명"` → `명`).
pub fn format_unit(code: &str) -> Option<String> {
    let (literal, _) = format_parts(code);
    let unit = literal.trim();
    (!unit.is_empty()).then(|| unit.to_string())
}

/// Decimal places a number format shows (`#,##0.00\%` → 2).
pub fn format_decimals(code: &str) -> usize {
    let (_, pattern) = format_parts(code);
    pattern.split_once('.').map_or(0, |(_, frac)| {
        frac.chars().take_while(|c| *c == '0' || *c == '#').count()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_places_are_read_from_quoted_and_escaped_literals() {
        assert_eq!(format_unit("#,##0\"명\"").as_deref(), Some("명"));
        assert_eq!(format_unit("#,##0\\명").as_deref(), Some("명"));
        assert_eq!(format_unit("#,##0\\%").as_deref(), Some("%"));
        assert_eq!(format_unit("#,##0.0"), None);
        assert_eq!(format_unit("[$-412]#,##0;[RED]\\-#,##0\"명\""), None);
        assert_eq!(format_decimals("#,##0.00\\%"), 2);
        assert_eq!(format_decimals("0.0\"명\""), 1);
        assert_eq!(format_decimals("#,##0\"a.00\""), 0);
        assert_eq!(format_decimals("#,##0\\.00"), 0);
        assert_eq!(format_decimals("General"), 0);
    }
}
