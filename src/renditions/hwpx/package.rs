//! The HWPX package (묶음 파일): a zip whose first entry is `mimetype`, stored uncompressed
//! (`application/hwp+zip`), then `version.xml`, `META-INF/container.xml`, `manifest.xml` and
//! `container.rdf` (the parts' kinds, as 한글 2020 and later write it),
//! `Contents/content.hpf` (metadata, the list of parts and their reading order),
//! `Contents/header.xml`, `Contents/section*.xml`, the pictures and fonts under `BinData/`,
//! `settings.xml`, `Preview/PrvText.txt` (the text 한글's file browser shows) and the fonts'
//! licences (`Fonts/`). Every entry
//! carries the plan's date, so the same plan gives the same bytes.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::fonts::{self, Carried};
use super::names::{MEDIA_TYPE, NAMESPACES};
use super::xml::Xml;
use crate::model::plan::Plan;

/// A font item's media type: TrueType's registered one (RFC 8081). No 한글-saved file with
/// an embedded font is known, so the one 한글 would write is not.
const FONT_MEDIA_TYPE: &str = "font/ttf";

/// The parts written by the document walk.
#[derive(Debug, Default)]
pub struct Parts {
    /// `Contents/header.xml`.
    pub header: Vec<u8>,
    /// `Contents/section0.xml`, `section1.xml`, … in order.
    pub sections: Vec<Vec<u8>>,
    /// Pictures: `(id, PNG)`, stored as `BinData/{id}.png`.
    pub pictures: Vec<(String, Vec<u8>)>,
    /// The fonts, deflated as `BinData/{id}.ttf`, and their licences, listed in no manifest.
    pub fonts: Carried,
    /// The document's first lines, for `Preview/PrvText.txt`.
    pub preview_text: String,
}

/// Zips the parts into an HWPX file.
pub fn zip(plan: &Plan, parts: &Parts) -> Vec<u8> {
    let [year, month, day] = plan.date_ymd;
    let date = u16::try_from(year)
        .ok()
        .and_then(|y| DateTime::from_date_and_time(y, month as u8, day as u8, 0, 0, 0).ok())
        .unwrap_or_default();
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(date)
        .unix_permissions(0o644);
    let deflated = stored.compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    put(&mut zip, "mimetype", MEDIA_TYPE.as_bytes(), stored);
    put(&mut zip, "version.xml", &version(), deflated);
    put(&mut zip, "META-INF/container.xml", &container(), deflated);
    put(&mut zip, "META-INF/manifest.xml", &manifest(), deflated);
    put(
        &mut zip,
        "META-INF/container.rdf",
        &container_rdf(parts),
        deflated,
    );
    put(
        &mut zip,
        "Contents/content.hpf",
        &content_hpf(plan, parts),
        deflated,
    );
    put(&mut zip, "Contents/header.xml", &parts.header, deflated);
    for (i, section) in parts.sections.iter().enumerate() {
        put(
            &mut zip,
            &format!("Contents/section{i}.xml"),
            section,
            deflated,
        );
    }
    for (id, png) in &parts.pictures {
        // PNG is compressed already.
        put(&mut zip, &format!("BinData/{id}.png"), png, stored);
    }
    for (id, typeface) in &parts.fonts.files {
        // Deflated (to about half; 한글 deflates its OLE items too) once a process.
        let name = format!("BinData/{id}.ttf");
        copy_deflated(&mut zip, &name, fonts::deflated(*typeface), date);
    }
    put(&mut zip, "settings.xml", &settings(), deflated);
    let preview = parts.preview_text.as_bytes();
    put(&mut zip, "Preview/PrvText.txt", preview, deflated);
    for (name, text) in &parts.fonts.licences {
        put(&mut zip, name, text.as_bytes(), deflated);
    }
    zip.finish()
        .expect("writing a zip into memory cannot fail")
        .into_inner()
}

/// Copies the one entry of the zip `one` in as it is, named `name`, dated `date`, mode 644 as
/// every entry (renamed in one copy, dated in another: the zip crate does one or the other).
fn copy_deflated(zip: &mut ZipWriter<Cursor<Vec<u8>>>, name: &str, one: &[u8], date: DateTime) {
    let copied = (|| {
        let mut one = ZipArchive::new(Cursor::new(one))?;
        let mut named = ZipWriter::new(Cursor::new(Vec::new()));
        named.raw_copy_file_rename(one.by_index_raw(0)?, name)?;
        let mut named = ZipArchive::new(Cursor::new(named.finish()?.into_inner()))?;
        zip.raw_copy_file_touch(named.by_index_raw(0)?, date, Some(0o644))
    })();
    copied.expect("copying a zip entry in memory cannot fail");
}

/// Writes the entry `name`.
fn put(zip: &mut ZipWriter<Cursor<Vec<u8>>>, name: &str, bytes: &[u8], options: SimpleFileOptions) {
    zip.start_file(name, options)
        .and_then(|()| zip.write_all(bytes).map_err(Into::into))
        .expect("writing a zip into memory cannot fail");
}

/// `version.xml`: the OWPML version the parts follow: 1.4 (package 5.0.5), the oldest that has
/// every element gongsi writes, as 한글 2014 writes it (한글 2020 still writes 1.4), so every 한글 from then on reads
/// the file as one of its own versions (한글 2022 and 2024 write 1.5 and read 1.4).
fn version() -> Vec<u8> {
    let mut x = Xml::new();
    x.empty(
        "hv:HCFVersion",
        &[
            ("xmlns:hv", "http://www.hancom.co.kr/hwpml/2011/version"),
            ("tagetApplication", "WORDPROCESSOR"),
            ("major", "5"),
            ("minor", "0"),
            ("micro", "5"),
            ("buildNumber", "0"),
            ("os", "1"),
            ("xmlVersion", "1.4"),
            ("application", "gongsi"),
            ("appVersion", env!("CARGO_PKG_VERSION")),
        ],
    );
    x.finish()
}

/// `META-INF/container.xml`: where the package file and the preview text are.
fn container() -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "ocf:container",
        &[
            (
                "xmlns:ocf",
                "urn:oasis:names:tc:opendocument:xmlns:container",
            ),
            ("xmlns:hpf", super::names::ns::HPF),
        ],
    );
    x.open("ocf:rootfiles", &[]);
    for (path, media_type) in [
        ("Contents/content.hpf", "application/hwpml-package+xml"),
        ("Preview/PrvText.txt", "text/plain"),
        ("META-INF/container.rdf", "application/rdf+xml"),
    ] {
        x.empty(
            "ocf:rootfile",
            &[("full-path", path), ("media-type", media_type)],
        );
    }
    x.close("ocf:rootfiles");
    x.close("ocf:container");
    x.finish()
}

/// `META-INF/container.rdf`: the header and each section named with its kind, as 한글 2020 and
/// later write it.
fn container_rdf(parts: &Parts) -> Vec<u8> {
    const PKG: &str = "http://www.hancom.co.kr/hwpml/2016/meta/pkg#";
    let mut x = Xml::new();
    x.open(
        "rdf:RDF",
        &[("xmlns:rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")],
    );
    let files = std::iter::once(("Contents/header.xml".to_string(), "HeaderFile")).chain(
        (0..parts.sections.len()).map(|i| (format!("Contents/section{i}.xml"), "SectionFile")),
    );
    for (path, kind) in files {
        x.open("rdf:Description", &[("rdf:about", "")]);
        x.empty(
            "ns0:hasPart",
            &[("xmlns:ns0", PKG), ("rdf:resource", &path)],
        );
        x.close("rdf:Description");
        x.open("rdf:Description", &[("rdf:about", &path)]);
        x.empty("rdf:type", &[("rdf:resource", &format!("{PKG}{kind}"))]);
        x.close("rdf:Description");
    }
    x.open("rdf:Description", &[("rdf:about", "")]);
    x.empty("rdf:type", &[("rdf:resource", &format!("{PKG}Document"))]);
    x.close("rdf:Description");
    x.close("rdf:RDF");
    x.finish()
}

/// `META-INF/manifest.xml`: empty (no encrypted parts), as 한글 writes it.
fn manifest() -> Vec<u8> {
    let mut x = Xml::new();
    x.empty(
        "odf:manifest",
        &[(
            "xmlns:odf",
            "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
        )],
    );
    x.finish()
}

/// `Contents/content.hpf`: title, language, author and date; the parts; the reading order.
fn content_hpf(plan: &Plan, parts: &Parts) -> Vec<u8> {
    let mut x = Xml::new();
    let mut root: Vec<(&str, &str)> = NAMESPACES.to_vec();
    root.extend([("version", ""), ("unique-identifier", ""), ("id", "")]);
    x.open("opf:package", &root);
    x.open("opf:metadata", &[]);
    let title = format!(
        "{}년도 일자리대책 연차별 세부계획 - {}",
        plan.year, plan.district
    );
    x.leaf("opf:title", &[], &title);
    x.leaf("opf:language", &[], "ko");
    let [year, month, day] = plan.date_ymd;
    let date = format!("{year:04}-{month:02}-{day:02}T00:00:00Z");
    for (name, value) in [
        ("creator", plan.district.as_str()),
        ("subject", "지역일자리 목표 공시제 연차별 세부계획"),
        ("description", ""),
        ("lastsaveby", "gongsi"),
        ("CreatedDate", date.as_str()),
        ("ModifiedDate", date.as_str()),
        ("keyword", ""),
    ] {
        x.leaf("opf:meta", &[("name", name), ("content", "text")], value);
    }
    x.close("opf:metadata");
    x.open("opf:manifest", &[]);
    let item = |x: &mut Xml, id: &str, href: &str, media_type: &str| {
        x.empty(
            "opf:item",
            &[("id", id), ("href", href), ("media-type", media_type)],
        );
    };
    item(&mut x, "header", "Contents/header.xml", "application/xml");
    for i in 0..parts.sections.len() {
        item(
            &mut x,
            &format!("section{i}"),
            &format!("Contents/section{i}.xml"),
            "application/xml",
        );
    }
    binary_items(&mut x, parts);
    item(&mut x, "settings", "settings.xml", "application/xml");
    x.close("opf:manifest");
    x.open("opf:spine", &[]);
    x.empty("opf:itemref", &[("idref", "header"), ("linear", "yes")]);
    for i in 0..parts.sections.len() {
        x.empty(
            "opf:itemref",
            &[("idref", &format!("section{i}")), ("linear", "yes")],
        );
    }
    x.close("opf:spine");
    x.close("opf:package");
    x.finish()
}

/// The manifest's binary items (`isEmbeded`, Hancom's spelling on `opf:item`): the pictures,
/// then the fonts.
fn binary_items(x: &mut Xml, parts: &Parts) {
    for (id, _) in &parts.pictures {
        x.empty(
            "opf:item",
            &[
                ("id", id),
                ("href", &format!("BinData/{id}.png")),
                ("media-type", "image/png"),
                ("isEmbeded", "1"),
            ],
        );
    }
    for (id, _) in &parts.fonts.files {
        x.empty(
            "opf:item",
            &[
                ("id", id),
                ("href", &format!("BinData/{id}.ttf")),
                ("media-type", FONT_MEDIA_TYPE),
                ("isEmbeded", "1"),
            ],
        );
    }
}

/// `settings.xml`: the caret at the start of the document.
fn settings() -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "ha:HWPApplicationSetting",
        &[
            ("xmlns:ha", super::names::ns::APP),
            ("xmlns:config", super::names::ns::CONFIG),
        ],
    );
    x.empty(
        "ha:CaretPosition",
        &[("listIDRef", "0"), ("paraIDRef", "0"), ("pos", "0")],
    );
    x.close("ha:HWPApplicationSetting");
    x.finish()
}
