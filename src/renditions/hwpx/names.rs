//! 이름 (names): the OWPML namespaces by the prefixes 한글 uses, and the media type of an HWPX
//! file.

/// The namespaces of OWPML, by the prefixes 한글 uses.
pub mod ns {
    /// `ha`: application settings.
    pub const APP: &str = "http://www.hancom.co.kr/hwpml/2011/app";
    /// `hp`: paragraphs.
    pub const PARAGRAPH: &str = "http://www.hancom.co.kr/hwpml/2011/paragraph";
    /// `hp10`: the 2016 paragraph additions.
    pub const PARAGRAPH_2016: &str = "http://www.hancom.co.kr/hwpml/2016/paragraph";
    /// `hs`: sections.
    pub const SECTION: &str = "http://www.hancom.co.kr/hwpml/2011/section";
    /// `hc`: core types.
    pub const CORE: &str = "http://www.hancom.co.kr/hwpml/2011/core";
    /// `hh`: the header.
    pub const HEAD: &str = "http://www.hancom.co.kr/hwpml/2011/head";
    /// `hhs`: history.
    pub const HISTORY: &str = "http://www.hancom.co.kr/hwpml/2011/history";
    /// `hm`: master pages.
    pub const MASTER_PAGE: &str = "http://www.hancom.co.kr/hwpml/2011/master-page";
    /// `hpf`: the package.
    pub const HPF: &str = "http://www.hancom.co.kr/schema/2011/hpf";
    /// `dc`: Dublin Core.
    pub const DC: &str = "http://purl.org/dc/elements/1.1/";
    /// `opf`: the package file.
    pub const OPF: &str = "http://www.idpf.org/2007/opf/";
    /// `ooxmlchart`.
    pub const OOXML_CHART: &str = "http://www.hancom.co.kr/hwpml/2016/ooxmlchart";
    /// `hwpunitchar`: lengths with units (the `hp:switch` cases).
    pub const HWPUNITCHAR: &str = "http://www.hancom.co.kr/hwpml/2016/HwpUnitChar";
    /// `epub`.
    pub const EPUB: &str = "http://www.idpf.org/2007/ops";
    /// `config`.
    pub const CONFIG: &str = "urn:oasis:names:tc:opendocument:xmlns:config:1.0";
}

/// The namespace declarations 한글 puts on the root of every content part.
pub const NAMESPACES: [(&str, &str); 15] = [
    ("xmlns:ha", ns::APP),
    ("xmlns:hp", ns::PARAGRAPH),
    ("xmlns:hp10", ns::PARAGRAPH_2016),
    ("xmlns:hs", ns::SECTION),
    ("xmlns:hc", ns::CORE),
    ("xmlns:hh", ns::HEAD),
    ("xmlns:hhs", ns::HISTORY),
    ("xmlns:hm", ns::MASTER_PAGE),
    ("xmlns:hpf", ns::HPF),
    ("xmlns:dc", ns::DC),
    ("xmlns:opf", ns::OPF),
    ("xmlns:ooxmlchart", ns::OOXML_CHART),
    ("xmlns:hwpunitchar", ns::HWPUNITCHAR),
    ("xmlns:epub", ns::EPUB),
    ("xmlns:config", ns::CONFIG),
];

/// The media type of an HWPX file (its `mimetype` entry).
pub const MEDIA_TYPE: &str = "application/hwp+zip";
