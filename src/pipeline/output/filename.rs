//! 파일 이름: the one way plan data (연도, 지자체, an id) becomes a file or folder name, so
//! that no plan can name a file outside the folder it is written to, hide it, or cut it.

use crate::model::plan::Plan;

/// The longest name made, in bytes. File systems allow 255; this leaves room for what
/// `publish` appends (`-0001.png`) and for the temporary names written beside it.
pub const MAX_NAME_BYTES: usize = 150;

/// What stands in for a character that may not be in a file name.
const REPLACEMENT: char = '_';

/// The suffix of every document name: `{연도}-{지자체}-연차별세부계획`.
pub const DOCUMENT: &str = "연차별세부계획";

/// A file or folder name from data: the parts joined with `-`, then `.extension` unless it is
/// empty. Whitespace is removed (as the README's names show: `인천광역시서구`); path
/// separators, control and invisible formatting characters, the characters Windows forbids
/// (`< > : " / \ | ? *`) and those with a meaning in a web address or a page's HTML
/// (`# % & + ; ' \` ^ [ ] { }`: a published name is also a link) become `_`; leading dots
/// become `_` (no hidden file, no `.` or `..`); the stem is cut to [`MAX_NAME_BYTES`] on a
/// character boundary.
pub fn from_data(parts: &[&str], extension: &str) -> String {
    let joined = parts.join("-");
    let mut stem: String = joined
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if allowed(c) { c } else { REPLACEMENT })
        .collect();
    let dots = stem.len() - stem.trim_start_matches('.').len();
    stem.replace_range(..dots, &REPLACEMENT.to_string().repeat(dots));
    let room = MAX_NAME_BYTES.saturating_sub(extension.len() + 1);
    if stem.len() > room {
        let mut cut = room;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        stem.truncate(cut);
    }
    // Windows drops trailing dots; a name must not change when it is copied there.
    while stem.ends_with('.') {
        stem.pop();
    }
    if stem.is_empty() {
        stem.push(REPLACEMENT);
    }
    if extension.is_empty() {
        stem
    } else {
        format!("{stem}.{extension}")
    }
}

/// The name of a plan's documents: `{연도}-{지자체}-연차별세부계획`, then `.extension`.
pub fn document(year: i32, district: &str, extension: &str) -> String {
    from_data(&[&year.to_string(), district, DOCUMENT], extension)
}

/// [`document`] of a plan: `{연도}-{지자체}-연차별세부계획.{extension}` (no extension when it
/// is empty).
pub fn of_plan(plan: &Plan, extension: &str) -> String {
    document(plan.year, &plan.district, extension)
}

/// Whether `c` may stand in a file name as it is.
fn allowed(c: char) -> bool {
    let forbidden = matches!(c, '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*');
    // A published name is a link in index.html: nothing that a web address or HTML reads.
    let in_links = matches!(
        c,
        '#' | '%' | '&' | '+' | ';' | '\'' | '`' | '^' | '[' | ']' | '{' | '}'
    );
    // Zero-width and bidirectional marks make a name look like another one.
    let invisible = matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}');
    !forbidden && !in_links && !invisible && !c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_as_links() {
        assert_eq!(
            document(2026, "A&B #1 100%+", "pdf"),
            "2026-A_B_1100__-연차별세부계획.pdf"
        );
    }

    #[test]
    fn ordinary_names_keep_their_words_without_spaces() {
        assert_eq!(
            document(2021, "인천광역시 서구", "pdf"),
            "2021-인천광역시서구-연차별세부계획.pdf"
        );
        assert_eq!(from_data(&["2022", "서구"], ""), "2022-서구");
    }

    #[test]
    fn no_name_leaves_its_folder() {
        for hostile in [
            "x/../../../escaped",
            "..",
            "../..",
            "a\\..\\b",
            "/etc/passwd",
            "C:\\Windows",
            "\u{0}\u{7}\u{1b}[31m",
            "\u{202e}fdp.exe",
            "...",
        ] {
            let name = from_data(&[hostile], "pdf");
            assert!(!name.contains('/') && !name.contains('\\'), "{name}");
            assert!(!name.starts_with('.'), "{name}");
            assert!(name.chars().all(allowed), "{name:?}");
            assert_ne!(name, "..");
            let path = std::path::Path::new(&name);
            assert_eq!(path.components().count(), 1, "{name}");
        }
        assert_eq!(
            document(2021, "x/../../../escaped", "pdf"),
            "2021-x_.._.._.._escaped-연차별세부계획.pdf"
        );
        assert_eq!(from_data(&[".."], ""), "__");
        assert_eq!(from_data(&[""], ""), "_");
        assert_eq!(from_data(&["   "], "pdf"), "_.pdf");
    }

    #[test]
    fn long_names_are_cut_on_a_character_boundary() {
        let long = "가".repeat(1000);
        let name = document(2021, &long, "pdf");
        assert!(name.len() <= MAX_NAME_BYTES, "{}", name.len());
        assert!(name.ends_with(".pdf"));
        assert!(name.starts_with("2021-가"));
        let dotted = from_data(&[&format!("{}.....", "a".repeat(140))], "pdf");
        assert!(dotted.ends_with("a.pdf"), "{dotted}");
    }
}
