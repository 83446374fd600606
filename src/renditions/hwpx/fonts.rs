//! 넣은 글꼴 (embedded fonts): the PDF's own font files — the authors' unmodified TrueType
//! Pretendard GOV and 나눔명조, regular and bold ([`crate::model::typeface`]) — carried in the
//! HWPX so that a 한글 without them can still set the document in them. Each face the
//! document uses is one `hh:font` (`type="TTF" isEmbedded="1" binaryItemIDRef="fontN"`, KS X
//! 6101 header.xsd) naming its family as 한글 lists it, pointing to `BinData/fontN.ttf`, an
//! `opf:item` with `isEmbeded="1"` in the manifest; each family's OFL licence goes beside its
//! files (`Fonts/OFL-….txt`, OFL condition 2), an entry no manifest lists, as 한글's own
//! `Preview/PrvImage.png` is.

use std::io::{Cursor, Write};
use std::sync::LazyLock;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::model::typeface;

/// The two typefaces of the PDF (`renditions/pdf/fonts.rs`): Pretendard GOV for headings
/// and tables, 나눔명조 for body text. A 한글 that neither has the font installed nor uses
/// the embedded one shows the stand-in it has itself (함초롬돋움, 함초롬바탕).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// Pretendard GOV.
    Sans,
    /// 나눔명조.
    Serif,
}

impl Face {
    /// `(한글's stand-in, family type)`.
    pub fn stand_in(self) -> (&'static str, &'static str) {
        match self {
            Face::Sans => ("함초롬돋움", "FCAT_GOTHIC"),
            Face::Serif => ("함초롬바탕", "FCAT_MYUNGJO"),
        }
    }
}

/// A face of a font family as the document uses it: the family and whether bold.
pub type Typeface = (Face, bool);

/// Every face in the order fonts are numbered (`hh:font` ids, `fontN`): the regular faces
/// first, so a document without bold text numbers them as one with it.
pub const ORDER: [Typeface; 4] = [
    (Face::Sans, false),
    (Face::Serif, false),
    (Face::Sans, true),
    (Face::Serif, true),
];

/// The family as 한글 names it (`hh:font@face`): the font's own family name, 나눔명조's Korean
/// one as its name table gives it for Korean (name ID 1, language 0x412).
pub fn family(face: Face) -> &'static str {
    match face {
        Face::Sans => "Pretendard GOV",
        Face::Serif => "나눔명조",
    }
}

/// The font file of a face: the very bytes the PDF is set with.
pub fn file((face, bold): Typeface) -> &'static [u8] {
    match (face, bold) {
        (Face::Sans, false) => typeface::PRETENDARD_REGULAR,
        (Face::Sans, true) => typeface::PRETENDARD_BOLD,
        (Face::Serif, false) => typeface::NANUM_MYEONGJO_REGULAR,
        (Face::Serif, true) => typeface::NANUM_MYEONGJO_BOLD,
    }
}

/// A family's licence: its file's name in the package and its text.
pub fn licence(face: Face) -> (&'static str, &'static str) {
    match face {
        Face::Sans => ("Fonts/OFL-PretendardGOV.txt", typeface::PRETENDARD_LICENCE),
        Face::Serif => (
            "Fonts/OFL-NanumMyeongjo.txt",
            typeface::NANUM_MYEONGJO_LICENCE,
        ),
    }
}

/// The manifest id of the `number`-th font (from 0): `font1`, `font2`, …
pub fn item_id(number: usize) -> String {
    format!("font{}", number + 1)
}

/// What the package carries of the fonts the document uses.
#[derive(Debug, Default)]
pub struct Carried {
    /// Each font's manifest id and face, `BinData/{id}.ttf` ([`file`], [`deflated`]).
    pub files: Vec<(String, Typeface)>,
    /// Each family's licence once: entry name and text.
    pub licences: Vec<(&'static str, &'static str)>,
}

/// What the package carries of the fonts `used` (in [`ORDER`]).
pub fn carried(used: &[Typeface]) -> Carried {
    let files = used
        .iter()
        .enumerate()
        .map(|(number, typeface)| (item_id(number), *typeface))
        .collect();
    let mut licences: Vec<(&str, &str)> = Vec::new();
    for (face, _) in used {
        let licence = licence(*face);
        if !licences.contains(&licence) {
            licences.push(licence);
        }
    }
    licences.sort();
    Carried { files, licences }
}

/// Each font file deflated once a process (the four's 19 MB are most of the time an HWPX
/// takes to write), each on a thread of its own, as a one-entry zip to copy entries from.
static DEFLATED: LazyLock<Vec<(Typeface, Vec<u8>)>> = LazyLock::new(|| {
    std::thread::scope(|scope| {
        let deflating: Vec<_> = ORDER
            .into_iter()
            .map(|typeface| (typeface, scope.spawn(move || one_entry(file(typeface)))))
            .collect();
        deflating
            .into_iter()
            .map(|(typeface, thread)| {
                let zip = thread
                    .join()
                    .expect("deflating a font in memory cannot fail");
                (typeface, zip)
            })
            .collect()
    })
});

/// Starts deflating the fonts on threads of their own, for a command that will write an HWPX
/// after other work (typesetting the PDF for its page breaks): the work overlaps.
pub fn deflate_ahead() {
    std::thread::spawn(|| LazyLock::force(&DEFLATED));
}

/// The font file of `typeface` deflated: a zip of one entry (its name and date meaningless).
pub fn deflated(typeface: Typeface) -> &'static [u8] {
    let (_, zip) = (DEFLATED.iter())
        .find(|(t, _)| *t == typeface)
        .expect("every face is deflated");
    zip
}

/// A zip of `bytes` deflated, as the one entry `font`.
fn one_entry(bytes: &[u8]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("font", options)
        .and_then(|()| zip.write_all(bytes).map_err(Into::into))
        .and_then(|()| zip.finish())
        .expect("writing a zip into memory cannot fail")
        .into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The family name each file gives itself (name ID 1, or its Korean one) is the one the
    /// HWPX names, each file is a TrueType (glyf) font, as `type="TTF"` says, and bold is bold.
    #[test]
    fn each_file_is_a_truetype_font_of_the_family_named() {
        for typeface in ORDER {
            let face = ttf_parser::Face::parse(file(typeface), 0).unwrap();
            let names: Vec<String> = face
                .names()
                .into_iter()
                .filter(|n| n.name_id == ttf_parser::name_id::FAMILY)
                .filter_map(|n| n.to_string())
                .collect();
            assert!(
                names.iter().any(|n| n == family(typeface.0)),
                "{typeface:?}: {names:?}"
            );
            assert!(face.tables().glyf.is_some(), "{typeface:?}");
            // Nanum Myeongjo Bold says 600 (and not its bold bit), Pretendard GOV Bold 700.
            let weight = face.weight().to_number();
            assert_eq!(weight >= 600, typeface.1, "{typeface:?}: {weight}");
        }
    }

    #[test]
    fn only_the_used_fonts_are_carried_each_licence_once() {
        let Carried { files, licences } = carried(&[(Face::Serif, false), (Face::Serif, true)]);
        let ids: Vec<&str> = files.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["font1", "font2"]);
        assert_eq!(files[1].1, (Face::Serif, true));
        assert_eq!(licences.len(), 1);
        assert_eq!(licences[0].0, "Fonts/OFL-NanumMyeongjo.txt");
        assert!(licences[0].1.contains("SIL Open Font License"));
        let Carried { files, licences } = carried(&ORDER);
        assert_eq!(files.len(), 4);
        // Each deflated font unpacks to its file.
        for typeface in ORDER {
            let mut zip = zip::ZipArchive::new(Cursor::new(deflated(typeface))).unwrap();
            let mut unpacked = Vec::new();
            std::io::Read::read_to_end(&mut zip.by_index(0).unwrap(), &mut unpacked).unwrap();
            assert!(unpacked == file(typeface), "{typeface:?}");
        }
        assert_eq!(licences.len(), 2);
    }
}
