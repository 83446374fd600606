//! xls의 숫자 서식 (number formats of an xls file): calamine's xls reader does not give a
//! cell's number format, so its unit (`#,##0"명"`) and decimal places (`0.0`) are read from
//! the BIFF records themselves: Format (code by number), XF (format number by style), and
//! each number cell's style. The stream was checked whole by
//! [`super::extent::check_xls`] before this runs.

use std::collections::HashMap;

use super::extent::{biff_records, bound_sheet_name, u16_at};
use super::formats::Formats;

/// The built-in format codes a cell's number may show decimals with (ECMA-376 18.8.30).
fn builtin(number: u64) -> Option<&'static str> {
    Some(match number {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        _ => return None,
    })
}

/// The text of a Format record's XLUnicodeString (BIFF8), from byte 2.
fn format_text(data: &[u8]) -> String {
    let chars = u16_at(data, 2) as usize;
    let wide = data.get(4).is_some_and(|f| f & 1 == 1);
    let text = data.get(5..).unwrap_or_default();
    if wide {
        let units: Vec<u16> = text
            .chunks_exact(2)
            .take(chars)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        text.iter().take(chars).map(|b| char::from(*b)).collect()
    }
}

/// The number format code of each number cell, by sheet name.
pub fn formats(stream: &[u8]) -> HashMap<String, Formats> {
    let mut names: HashMap<u64, String> = HashMap::new();
    let mut codes: HashMap<u64, String> = HashMap::new();
    let mut styles: Vec<u64> = Vec::new();
    let mut out: HashMap<String, Formats> = HashMap::new();
    let mut sheet: Option<String> = None;
    let mut depth = 0usize;
    for (offset, kind, data) in biff_records(stream) {
        let code = |style: u64| -> Option<String> {
            let number = *styles.get(style as usize)?;
            codes
                .get(&number)
                .cloned()
                .or_else(|| builtin(number).map(str::to_string))
        };
        let mut put = |row: u64, col: u64, style: u64| {
            if let (Some(sheet), Some(code)) = (&sheet, code(style)) {
                out.entry(sheet.clone())
                    .or_default()
                    .insert((row as u32, col as u32), code);
            }
        };
        match kind {
            0x0085 if data.len() >= 8 => {
                names.insert(
                    u64::from(u32::from_le_bytes([data[0], data[1], data[2], data[3]])),
                    bound_sheet_name(data),
                );
            }
            0x041E if data.len() >= 5 => {
                codes.insert(u16_at(data, 0), format_text(data));
            }
            0x00E0 if depth <= 1 && sheet.is_none() => styles.push(u16_at(data, 2)),
            0x0809 => {
                depth += 1;
                if depth == 1 && offset > 0 {
                    sheet = names.get(&offset).cloned();
                }
            }
            0x000A => {
                if depth == 1 {
                    sheet = None;
                }
                depth = depth.saturating_sub(1);
            }
            // Number, RK, Formula: row, column, style.
            0x0203 | 0x027E | 0x0006 if depth == 1 && data.len() >= 6 => {
                put(u16_at(data, 0), u16_at(data, 2), u16_at(data, 4));
            }
            // MulRk: one row, columns first..=last, a (style, RK) pair each.
            0x00BD if depth == 1 && data.len() >= 6 => {
                let (row, first) = (u16_at(data, 0), u16_at(data, 2));
                for (i, pair) in data[4..data.len() - 2].chunks_exact(6).enumerate() {
                    put(row, first + i as u64, u16_at(pair, 0));
                }
            }
            _ => {}
        }
    }
    out
}
