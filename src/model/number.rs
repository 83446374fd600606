//! How figures are printed (숫자 표기): thousands separators, `△` for negatives, decimals,
//! units (천원, 백만원).

/// Printed for an empty, zero-where-not-applicable or missing figure.
pub const DASH: &str = "-";

/// An integer with thousands separators and `△` for negatives: `-12345` → `△12,345`.
pub fn integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    if value < 0 {
        out.push('△');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A decimal as published: at least one decimal place, more when the data has them
/// (`0.49` stays `0.49`, `5.0` prints `5.0`), separators and `△` as for integers.
/// Data is never rounded away.
pub fn decimal(value: f64) -> String {
    let shortest = format!("{}", value.abs());
    let places = shortest.split_once('.').map_or(0, |(_, frac)| frac.len());
    fixed(value, places.max(1))
}

/// A computed rate with exactly one decimal place (률 are printed with one decimal),
/// rounded half away from zero: `88.82` → `88.8`, `-1.365` → `△1.4`.
pub fn rate(value: f64) -> String {
    fixed(value, 1)
}

/// A value with `places` decimals, separators and `△`.
pub fn fixed(value: f64, places: usize) -> String {
    let scale = 10f64.powi(places as i32);
    // Round half away from zero on the decimal representation, not on binary noise.
    let scaled = (value.abs() * scale + 1e-9).round();
    let whole = (scaled / scale).trunc() as i64;
    let frac = (scaled - whole as f64 * scale).round() as i64;
    let mut out = integer(whole);
    if value < 0.0 && scaled != 0.0 {
        out.insert(0, '△');
    }
    if places > 0 {
        out.push('.');
        out.push_str(&format!("{frac:0places$}"));
    }
    out
}

/// An amount rounded on its own to whole `unit`s, half away from zero: 18,420천원 → 18 in
/// 백만원 (`unit` 1,000), 1,733,500 → 1,734. Tables whose figures must add up are rounded
/// together instead ([`crate::model::summary`], 단수 조정); this is their fallback.
pub fn rounded(amount: i64, unit: i64) -> i64 {
    amount.signum() * ((amount.abs() + unit / 2) / unit)
}

/// An amount in 천원 as printed in part IV: `44,000천원`, or `-` for zero.
pub fn thousand_won(value: i64) -> String {
    if value == 0 {
        DASH.to_string()
    } else {
        format!("{}천원", integer(value))
    }
}

/// A figure already in 백만원 (a summary's, 단수 조정): `72,267`, or `-` for none.
pub fn million(value: Option<i64>) -> String {
    value.map_or_else(|| DASH.to_string(), integer)
}

/// A head count, or `-` when absent or zero.
pub fn people(value: Option<u64>) -> String {
    match value {
        Some(n) if n > 0 => integer(n as i64),
        _ => DASH.to_string(),
    }
}

/// `①`…`⑳` for 1…20 (the numbering of tasks and projects), `(21)` beyond.
pub fn circled(n: usize) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n as u32 - 1)
            .map(String::from)
            .unwrap_or_default(),
        _ => format!("({n})"),
    }
}

/// Upper-case Roman numeral for the part numbers (I … V …).
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// The tolerance for a figure printed with `places` decimals: half a unit of its last
/// place (0.05 for one decimal; integers count as one decimal), plus float noise.
pub fn tolerance(places: usize) -> f64 {
    0.5 * 10f64.powi(-(places.max(1) as i32)) + 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_rounding_is_tolerated_and_no_more() {
        let t = tolerance(1);
        assert!((30.2f64 - 30.23).abs() <= t);
        assert!((30.2f64 - 30.25).abs() <= t);
        assert!((30.2f64 - 30.26).abs() > t);
        assert!(tolerance(2) < 0.0051);
        assert_eq!(tolerance(0), tolerance(1));
    }

    #[test]
    fn integers_get_separators_and_triangles() {
        assert_eq!(integer(0), "0");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(1000), "1,000");
        assert_eq!(integer(50_515_666), "50,515,666");
        assert_eq!(integer(-2516), "△2,516");
        assert_eq!(integer(i64::MIN), "△9,223,372,036,854,775,808");
    }

    #[test]
    fn decimals_keep_published_places() {
        assert_eq!(decimal(5.0), "5.0");
        assert_eq!(decimal(0.49), "0.49");
        assert_eq!(decimal(14.79), "14.79");
        assert_eq!(decimal(-3.2), "△3.2");
        assert_eq!(decimal(1234.5), "1,234.5");
    }

    #[test]
    fn rates_have_one_decimal_rounded_half_away_from_zero() {
        assert_eq!(rate(30.2 / 34.0 * 100.0), "88.8");
        assert_eq!(rate(126_730.0 / 121_000.0 * 100.0), "104.7");
        assert_eq!(rate((125_000.0 - 126_730.0) / 126_730.0 * 100.0), "△1.4");
        assert_eq!(rate(0.05), "0.1");
        assert_eq!(rate(-0.04), "0.0");
        assert_eq!(rate(2.25), "2.3");
    }

    #[test]
    fn an_amount_rounds_half_away_from_zero_on_its_own() {
        assert_eq!(rounded(18_420, 1000), 18);
        assert_eq!(rounded(1_733_500, 1000), 1_734);
        assert_eq!(rounded(1_220_500, 1000), 1_221);
        assert_eq!(rounded(499, 1000), 0);
        assert_eq!(rounded(-1_500, 1000), -2);
        assert_eq!(rounded(667_850_000, 100_000), 6_679);
        assert_eq!(million(None), "-");
        assert_eq!(million(Some(72_267)), "72,267");
        assert_eq!(million(Some(0)), "0");
        assert_eq!(thousand_won(44_000), "44,000천원");
        assert_eq!(thousand_won(0), "-");
    }

    #[test]
    fn numbering() {
        assert_eq!(circled(1), "①");
        assert_eq!(circled(20), "⑳");
        assert_eq!(circled(21), "(21)");
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(5), "V");
        assert_eq!(roman(14), "XIV");
        assert_eq!(people(None), "-");
        assert_eq!(people(Some(0)), "-");
        assert_eq!(people(Some(16_407)), "16,407");
    }
}
