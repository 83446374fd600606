//! 글꼴 파일 (typefaces): the OFL fonts the document is set in, embedded in the binary —
//! Pretendard GOV for headings and tables, Nanum Myeongjo for body text, each with a real
//! bold, all four their authors' unmodified TrueType files — with their licences, and which
//! characters they can print ([`prints`]). The PDF typesets with them
//! (`renditions/pdf/fonts.rs`), the HWPX carries the very same files
//! (`renditions/hwpx/fonts.rs`), the studio's page uses Pretendard GOV's, the column widths
//! of every rendition are measured with Pretendard GOV (`renditions/shared/widths.rs`), and
//! `check` refuses a character none of them has (`pipeline/check/limits.rs`), where Typst
//! could not put it in a PDF/A file.

/// Pretendard GOV, the font of headings and tables (also measured for column widths).
pub static PRETENDARD_REGULAR: &[u8] = include_bytes!("../../fonts/PretendardGOV-Regular.ttf");
/// Its real bold face.
pub static PRETENDARD_BOLD: &[u8] = include_bytes!("../../fonts/PretendardGOV-Bold.ttf");
/// Nanum Myeongjo, the font of body text.
pub static NANUM_MYEONGJO_REGULAR: &[u8] = include_bytes!("../../fonts/NanumMyeongjo.ttf");
/// Its real bold face.
pub static NANUM_MYEONGJO_BOLD: &[u8] = include_bytes!("../../fonts/NanumMyeongjoBold.ttf");

/// Pretendard GOV's licence (SIL OFL 1.1 with its copyright and Reserved Font Name), which
/// goes with every copy of its files (OFL condition 2): the HWPX carries it beside them.
pub static PRETENDARD_LICENCE: &str = include_str!("../../fonts/OFL-PretendardGOV.txt");
/// Nanum Myeongjo's licence, likewise (its files' name table names only "NHN Corporation").
pub static NANUM_MYEONGJO_LICENCE: &str = include_str!("../../fonts/OFL-NanumMyeongjo.txt");

/// Every embedded font file (see `fonts/` and their licences there). The files are statics,
/// not constants: a constant is copied into the binary wherever it is used, and these were
/// in it three or four times each (54 MB of a 117 MB release binary).
pub static EMBEDDED: [&[u8]; 4] = [
    NANUM_MYEONGJO_REGULAR,
    NANUM_MYEONGJO_BOLD,
    PRETENDARD_REGULAR,
    PRETENDARD_BOLD,
];

/// The faces of every embedded font, parsed once (only their tables' places are read).
static FACES: std::sync::LazyLock<Vec<ttf_parser::Face<'static>>> =
    std::sync::LazyLock::new(|| {
        EMBEDDED
            .iter()
            .map(|data| ttf_parser::Face::parse(data, 0).expect("embedded font parses"))
            .collect()
    });

/// The faces of the fonts a command was given besides (`--font-path`), by file, added by
/// [`also`] when the PDF's font store reads them.
static EXTRA: std::sync::Mutex<Vec<(std::path::PathBuf, Vec<ttf_parser::Face<'static>>)>> =
    std::sync::Mutex::new(Vec::new());

/// Counts the font file `path` (its bytes `data`) among the fonts that print: a plan may use
/// a character the embedded fonts lack when a `--font-path` font has it. Each file is kept
/// once, for the rest of the run.
pub fn also(path: &std::path::Path, data: &[u8]) {
    let mut extra = EXTRA
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if extra.iter().any(|(known, _)| known == path) {
        return;
    }
    let data: &'static [u8] = Box::leak(data.to_vec().into_boxed_slice());
    let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    let faces = (0..count)
        .filter_map(|index| ttf_parser::Face::parse(data, index).ok())
        .collect();
    extra.push((path.to_path_buf(), faces));
}

/// Whether a font has a glyph for `c`: an embedded one (Typst falls back from one family to
/// the other, so a character either has is printed) or one given with `--font-path`. Spaces
/// and line breaks need none.
pub fn prints(c: char) -> bool {
    if c.is_whitespace() || FACES.iter().any(|face| face.glyph_index(c).is_some()) {
        return true;
    }
    let extra = EXTRA
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    extra
        .iter()
        .flat_map(|(_, faces)| faces)
        .any(|face| face.glyph_index(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_characters_print_and_others_do_not() {
        for c in "한글 漢字 ABC abc 0123 △□○·-⇒※①【】「」<>()%,.'".chars() {
            assert!(prints(c), "{c}");
        }
        for c in ['⟦', '😀', '𠀀'] {
            assert!(!prints(c), "{c}");
        }
    }
}
