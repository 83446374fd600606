//! 글꼴 (the PDF's fonts): Typst's font store of the embedded fonts
//! ([`crate::model::typeface`]) plus the fonts of any `--font-path` folder. Only
//! font metadata is read up front; a font's outlines are parsed on first use, and the PDF
//! embeds subsets of the fonts actually used.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontPath, FontSource, FontStore};
use walkdir::WalkDir;

use crate::model::error::Error;
use crate::model::typeface::{self, EMBEDDED};

/// An embedded font, parsed when Typst first asks for it.
struct EmbeddedFont {
    data: &'static [u8],
    index: u32,
}

impl FontSource for EmbeddedFont {
    fn load(&self) -> Option<Font> {
        Font::new(Bytes::new(self.data), self.index)
    }
}

/// The font files of the `--font-path` folders, each with its bytes, in folder and name
/// order; each also counts for the plan's check of characters the fonts can print
/// ([`typeface::also`]).
pub fn user_fonts(font_paths: &[impl AsRef<Path>]) -> Result<Vec<(PathBuf, Vec<u8>)>, Error> {
    let mut fonts = Vec::new();
    for dir in font_paths {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(Error::usage(
                format!("글꼴 폴더를 찾을 수 없습니다: {}", dir.display()),
                "--font-path에는 .ttf/.otf/.ttc 파일이 든 폴더를 지정하세요.",
            ));
        }
        for entry in WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            let is_font = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "ttf" | "otf" | "ttc" | "otc"
                )
            });
            if !entry.file_type().is_file() || !is_font {
                continue;
            }
            let data = std::fs::read(path).map_err(|e| Error::io("글꼴 읽기", path, e))?;
            typeface::also(path, &data);
            fonts.push((path.to_path_buf(), data));
        }
    }
    Ok(fonts)
}

/// Builds the font store: user fonts first (so a district's own font wins when it has the
/// same family name), then the embedded ones.
pub fn font_store(font_paths: &[impl AsRef<Path>]) -> Result<FontStore, Error> {
    let mut store = FontStore::new();
    for (path, data) in user_fonts(font_paths)? {
        for (index, info) in FontInfo::iter(&data).enumerate() {
            store.push((
                FontPath {
                    path: path.clone(),
                    index: index as u32,
                },
                info,
            ));
        }
    }
    for data in EMBEDDED {
        for (index, info) in FontInfo::iter(data).enumerate() {
            store.push((
                EmbeddedFont {
                    data,
                    index: index as u32,
                },
                info,
            ));
        }
    }
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_have_real_bold_faces() {
        let store = font_store(&[] as &[&Path]).unwrap();
        let book = store.book();
        for family in ["nanummyeongjo", "pretendard gov"] {
            let weights: Vec<u16> = book
                .select_family(family)
                .filter_map(|i| book.info(i))
                .map(|info| info.variant.weight.to_number())
                .collect();
            assert!(weights.contains(&400), "{family}: {weights:?}");
            // A real bold face (Nanum Myeongjo Bold declares weight 600), not a synthetic one.
            assert!(weights.iter().any(|w| *w >= 600), "{family}: {weights:?}");
        }
    }
}
