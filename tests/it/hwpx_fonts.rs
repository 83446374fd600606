//! The fonts the HWPX carries (docs/hwpx.md「글꼴」): the very files the PDF is set in, each
//! `hh:font` pointing to a manifest item that holds one, their licences beside them, the
//! same families as the PDF's fonts (`pdffonts`); and a font entry is never unpacked by
//! `diff`, even one that would unpack without end.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use gongsi::model::typeface;

use crate::bad_input::bounded;
use crate::common::*;

/// The zip `file`'s entries: name → (deflated, bytes). gongsi stores or deflates, nothing
/// else, so what is not stored is deflated.
fn entries(file: &Path) -> BTreeMap<String, (bool, Vec<u8>)> {
    crate::hwpx::entries(file)
        .into_iter()
        .map(|(name, stored, bytes)| (name, (!stored, bytes)))
        .collect()
}

/// The reference plan built in `dir` as `name` (`.pdf` or `.hwpx`).
fn reference_build(dir: &Path, name: &str) -> std::path::PathBuf {
    let out = run(dir, &["build", "-o", name]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join(name)
}

/// A font file's names: its family names (ID 1, every language) and its PostScript name.
fn names(font: &[u8]) -> (BTreeSet<String>, String) {
    let face = ttf_parser::Face::parse(font, 0).unwrap();
    let named = |id| {
        face.names()
            .into_iter()
            .filter(move |n| n.name_id == id)
            .filter_map(|n| n.to_string())
    };
    let families = named(ttf_parser::name_id::FAMILY).collect();
    let postscript = named(ttf_parser::name_id::POST_SCRIPT_NAME).next().unwrap();
    (families, postscript)
}

/// The fonts `pdffonts` lists in `pdf`, their subset tags (`ABCDEF+`) dropped.
fn pdf_fonts(pdf: &Path) -> BTreeSet<String> {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts (poppler-utils, .ci/setup) runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .filter_map(|line| line.split_whitespace().next())
        .map(|name| match name.split_once('+') {
            Some((tag, rest)) if tag.len() == 6 => rest.to_string(),
            _ => name.to_string(),
        })
        .collect()
}

#[test]
fn the_hwpx_carries_the_pdfs_own_font_files_each_pointed_to_with_its_licence() {
    let dir = tempfile::tempdir().unwrap();
    let hwpx = reference_build(dir.path(), "plan.hwpx");
    let pdf = reference_build(dir.path(), "plan.pdf");
    let entries = entries(&hwpx);
    let text = |name: &str| String::from_utf8(entries[name].1.clone()).unwrap();

    // The manifest's font items: each a deflated TrueType file under BinData/.
    let hpf = text("Contents/content.hpf");
    let manifest = roxmltree::Document::parse(&hpf).unwrap();
    let mut items = BTreeMap::new();
    for item in manifest.descendants().filter(|n| n.has_tag_name("item")) {
        let href = item.attribute("href").unwrap();
        if href.ends_with(".ttf") {
            assert_eq!(item.attribute("media-type"), Some("font/ttf"), "{href}");
            assert_eq!(item.attribute("isEmbeded"), Some("1"), "{href}");
            let (deflated, bytes) = &entries[href];
            assert!(deflated, "{href} is deflated");
            items.insert(item.attribute("id").unwrap().to_string(), bytes.clone());
        }
    }
    // They are exactly the four files the PDF is set with, byte for byte.
    let mut carried: Vec<&Vec<u8>> = items.values().collect();
    let mut pdfs: Vec<&[u8]> = typeface::EMBEDDED.to_vec();
    carried.sort();
    pdfs.sort();
    assert_eq!(carried.len(), 4, "{:?}", items.keys());
    assert!(carried.iter().zip(&pdfs).all(|(a, b)| a[..] == b[..]));
    let ids: Vec<&str> = items.keys().map(String::as_str).collect();
    assert_eq!(ids, ["font1", "font2", "font3", "font4"]);

    // Every hh:font is an embedded TrueType pointing to one of them, named by its family
    // (the file's own family name), with 한글's stand-in; every item is pointed to.
    let header = text("Contents/header.xml");
    let doc = roxmltree::Document::parse(&header).unwrap();
    let mut pointed = BTreeSet::new();
    for font in doc.descendants().filter(|n| n.tag_name().name() == "font") {
        let item = font.attribute("binaryItemIDRef").unwrap();
        assert_eq!(font.attribute("type"), Some("TTF"), "{item}");
        assert_eq!(font.attribute("isEmbedded"), Some("1"), "{item}");
        let face = font.attribute("face").unwrap();
        let (families, _) = names(&items[item]);
        assert!(families.contains(face), "{face} not in {families:?}");
        let stand_in = font
            .children()
            .find(|n| n.tag_name().name() == "substFont")
            .and_then(|n| n.attribute("face"));
        assert!(
            matches!(stand_in, Some("함초롬돋움" | "함초롬바탕")),
            "{stand_in:?}"
        );
        pointed.insert(item.to_string());
    }
    assert_eq!(pointed, items.keys().cloned().collect());

    // The PDF's fonts are these very fonts (its names are the files' PostScript names).
    let postscript: BTreeSet<String> = items.values().map(|f| names(f).1).collect();
    assert_eq!(pdf_fonts(&pdf), postscript);

    // Each family's licence beside its files (OFL condition 2), listed in no manifest.
    for (name, says) in [
        ("Fonts/OFL-PretendardGOV.txt", "Kil Hyung-jin"),
        ("Fonts/OFL-NanumMyeongjo.txt", "NAVER Corporation"),
    ] {
        let licence = text(name);
        assert!(licence.contains("SIL Open Font License"), "{name}");
        assert!(licence.contains(says), "{name}");
        assert!(!hpf.contains(name) && !text("META-INF/container.xml").contains(name));
    }
}

/// `from` again at `to` with every entry stored, not compressed, in its order.
pub fn store_unpacked(from: &Path, to: &Path) {
    let mut source = zip::ZipArchive::new(fs::File::open(from).unwrap()).unwrap();
    let mut zip = zip::ZipWriter::new(fs::File::create(to).unwrap());
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        zip.start_file(entry.name().unwrap().to_string(), options)
            .unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// A zip whose one entry unpacks to `size` zero bytes (a bomb, a thousandfold).
fn zipped_zeros(size: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("x", options).unwrap();
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..size >> 20 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn diff_never_unpacks_a_font_even_one_that_would_unpack_without_end() {
    let dir = tempfile::tempdir().unwrap();
    let hwpx = reference_build(dir.path(), "plan.hwpx");
    // Our own file, fonts and all, is the plan.
    let reference = root().join("content/2021-인천서구");
    let out = bounded(
        dir.path(),
        &["diff", reference.to_str().unwrap(), "plan.hwpx"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The same file with every entry stored unpacked, as another writer may save it (21 MB,
    // over the 10 MiB of a plan's file): still taken whole.
    let stored = dir.path().join("풀어둔.hwpx");
    store_unpacked(&hwpx, &stored);
    assert!(fs::metadata(&stored).unwrap().len() > 20_000_000);
    let out = bounded(
        dir.path(),
        &["diff", reference.to_str().unwrap(), "풀어둔.hwpx"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The same file with each font replaced by 256 MiB of zeros deflated (a zip bomb past
    // every bound of an unpacked part, copied raw from another zip): still read, within
    // 2 GiB of address space.
    let bomb_zip = zipped_zeros(256 << 20);
    let mut bomb = zip::ZipArchive::new(std::io::Cursor::new(bomb_zip)).unwrap();
    let mut source = zip::ZipArchive::new(fs::File::open(&hwpx).unwrap()).unwrap();
    let bombed = dir.path().join("폭탄글꼴.hwpx");
    let mut zip = zip::ZipWriter::new(fs::File::create(&bombed).unwrap());
    let mut fonts = 0;
    for i in 0..source.len() {
        let entry = source.by_index_raw(i).unwrap();
        let name = entry.name().unwrap().to_string();
        drop(entry);
        if name.ends_with(".ttf") {
            let zeros = bomb.by_index_raw(0).unwrap();
            zip.raw_copy_file_rename(zeros, &name).unwrap();
            fonts += 1;
        } else {
            zip.raw_copy_file(source.by_index_raw(i).unwrap()).unwrap();
        }
    }
    zip.finish().unwrap();
    assert_eq!(fonts, 4);
    let out = bounded(
        dir.path(),
        &["diff", reference.to_str().unwrap(), "폭탄글꼴.hwpx"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
