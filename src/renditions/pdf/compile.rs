//! 조판 (compile): lay out the rendered Typst sources and write the PDF bytes, and turn
//! Typst's diagnostics into messages that name the template file and line.

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst_kit::diagnostics::{DiagnosticFormat, emit, termcolor};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::model::error::Error;
use crate::renditions::pdf::source::Rendered;
use crate::renditions::pdf::world::PlanWorld;

/// The standards every PDF conforms to, checked by Typst while it writes the file: PDF/UA-1
/// (accessibility: tagged structure, title, language, alternative texts) and PDF/A-2a
/// (archival, with the tags of level A). The names are the ones PDF readers show.
pub const STANDARDS: [(PdfStandard, &str); 2] = [
    (PdfStandard::Ua_1, "PDF/UA-1"),
    (PdfStandard::A_2a, "PDF/A-2a"),
];

/// The PDF and what Typst warned about.
pub struct Compiled {
    /// PDF bytes.
    pub pdf: Vec<u8>,
    /// The laid-out pages (for previews).
    pub document: PagedDocument,
    /// Number of pages.
    pub pages: usize,
    /// Warnings, formatted.
    pub warnings: Option<String>,
    /// Time Typst took to lay out the document (조판).
    pub layout_time: std::time::Duration,
    /// Time it took to write the PDF bytes (PDF 내보내기).
    pub export_time: std::time::Duration,
}

/// Compiles the rendered document in `world` (whose sources must be set) to PDF.
pub fn compile_pdf(
    world: &PlanWorld,
    rendered: &Rendered,
    date: Option<Datetime>,
    ident: &str,
) -> Result<Compiled, Error> {
    let started = std::time::Instant::now();
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let document = output.map_err(|errors| Error::Typst(describe(world, rendered, &errors)))?;
    let layout_time = started.elapsed();
    let started = std::time::Instant::now();
    let standards = STANDARDS.map(|(standard, _)| standard);
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        timestamp: date.map(Timestamp::new_utc),
        standards: PdfStandards::new(&standards)
            .expect("PDF/UA-1 and PDF/A-2a are compatible (both PDF 1.7)"),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options)
        .map_err(|errors| Error::Typst(describe(world, rendered, &errors)))?;
    let export_time = started.elapsed();
    let warnings = (!warnings.is_empty()).then(|| describe(world, rendered, &warnings));
    Ok(Compiled {
        pdf,
        pages: document.pages().len(),
        document,
        warnings,
        layout_time,
        export_time,
    })
}

/// Formats diagnostics: for each one a Korean line with the template file and line it most
/// likely came from (Typst's own words in parentheses), then Typst's report with snippets
/// of the generated files.
pub fn describe(
    world: &PlanWorld,
    rendered: &Rendered,
    diagnostics: &[SourceDiagnostic],
) -> String {
    let mut buffer = termcolor::Buffer::no_color();
    let _ = emit(&mut buffer, world, diagnostics, DiagnosticFormat::Human);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let kind = match diagnostic.severity {
            typst::diag::Severity::Error => "오류",
            typst::diag::Severity::Warning => "경고",
        };
        out.push_str(&format!(
            "- {kind}: {} ({})\n",
            korean(&diagnostic.message),
            diagnostic.message
        ));
        let Some(id) = diagnostic.span.id() else {
            continue;
        };
        let name = world.name(id);
        let Some(text) = world.text(id) else { continue };
        let Some(range) = typst::WorldExt::range(world, diagnostic.span) else {
            continue;
        };
        let line_no = text[..range.start.min(text.len())].matches('\n').count() + 1;
        let line = text.lines().nth(line_no.saturating_sub(1)).unwrap_or("");
        match rendered.template_line(&name, line) {
            Some((template, template_line)) => out.push_str(&format!(
                "  → 템플릿 위치: {template} {template_line}행 (생성된 {name} {line_no}행: {})\n",
                line.trim()
            )),
            None => out.push_str(&format!("  → 생성된 {name} {line_no}행에서 발생했습니다. --emit-typst로 생성된 파일을 확인하세요.\n")),
        }
    }
    out.push_str("Typst의 원래 보고:\n");
    out.push_str(&String::from_utf8_lossy(buffer.as_slice()));
    out
}

/// What a Typst message means, in Korean (the message itself follows in parentheses).
fn korean(message: &str) -> &'static str {
    const MEANINGS: [(&str, &str); 10] = [
        ("unclosed delimiter", "괄호나 따옴표가 닫히지 않았습니다"),
        ("unclosed", "닫히지 않은 것이 있습니다"),
        ("unknown variable", "정의되지 않은 이름을 썼습니다"),
        ("unexpected", "이 자리에 올 수 없는 것이 있습니다"),
        ("expected", "문법이 맞지 않습니다"),
        ("file not found", "불러올 파일이 없습니다"),
        ("PDF/UA", "접근성 PDF(PDF/UA-1) 규칙에 어긋납니다"),
        ("PDF/A", "보존용 PDF(PDF/A-2a) 규칙에 어긋납니다"),
        ("maximum", "Typst가 다루는 한도를 넘었습니다"),
        ("unknown font", "찾을 수 없는 글꼴입니다"),
    ];
    MEANINGS
        .iter()
        .find(|(english, _)| message.contains(english))
        .map_or("Typst가 조판하지 못했습니다", |(_, korean)| {
            korean
        })
}
