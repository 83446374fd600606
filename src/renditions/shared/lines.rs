//! 글의 줄 수 (line count): how many lines a paragraph of body text takes at a width, set
//! in the embedded Nanum Myeongjo and broken between words (어절) as the PDF breaks Korean
//! text — so that the HWPX can give each ○ - · paragraph the height the PDF gives it
//! (`renditions/hwpx/blocks.rs`): 한글 spaces every line of a paragraph alike, Typst a
//! paragraph's first and last lines less than the others.

use std::sync::LazyLock;

use crate::model::typeface;
use crate::renditions::shared::widths::em_width;

/// The body font's advance widths.
static BODY: LazyLock<ttf_parser::Face<'static>> = LazyLock::new(|| {
    ttf_parser::Face::parse(typeface::NANUM_MYEONGJO_REGULAR, 0).expect("embedded font parses")
});

/// How far the PDF may squeeze a line's spaces to keep a word on it (style.typ's
/// `justification-limits`: spaces down to 2/3).
const SPACE: f64 = 2.0 / 3.0;

/// The width of `text` in em of the body font.
fn width(text: &str) -> f64 {
    em_width(&BODY, text)
}

/// The lines `text` takes at `size` pt in a column `width` pt wide, its words kept whole
/// (a word wider than the column takes a line of its own); at least 1.
pub fn count(text: &str, size: f64, column: f64) -> usize {
    if size <= 0.0 || column <= 0.0 {
        return 1;
    }
    let column = column / size;
    let space = width(" ") * SPACE;
    let mut lines = 1;
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let w = width(word);
        if used > 0.0 && used + space + w > column {
            lines += 1;
            used = w;
        } else {
            used += if used > 0.0 { space + w } else { w };
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_words_at_the_column() {
        assert_eq!(count("", 15.0, 400.0), 1);
        assert_eq!(count("짧은 줄", 15.0, 400.0), 1);
        // 40 words of two syllables at 15 pt (about 30 pt each) do not fit 400 pt.
        let long = vec!["가나"; 40].join(" ");
        let lines = count(&long, 15.0, 400.0);
        assert!((3..=5).contains(&lines), "{lines}");
        assert!(count(&long, 15.0, 200.0) > lines);
    }
}
