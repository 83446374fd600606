//! `gongsi init` as printed: the files of the starter plan, how many places to fill, and the
//! next commands.

use std::process::ExitCode;

use crate::cli::args::InitArgs;
use crate::cli::print::outln;
use crate::cli::print::{Failure, failed};
use crate::commands::init::{InitConfig, PLACEHOLDER, init};

pub fn run(args: InitArgs) -> ExitCode {
    let report = match init(&InitConfig {
        district: args.district,
        year: args.year,
        strategies: args.strategies,
        workbook: args.xlsx,
        output: args.output,
    }) {
        Ok(report) => report,
        Err(e) => return failed(&e, None, Failure::undone("본보기 계획을 만들지 않았습니다")),
    };
    let written = report.written.display();
    if report.workbook {
        outln!(
            "{written}: 통합문서 (시트 안내, {})",
            report.files.join(", ")
        );
    } else {
        outln!("{written}/");
        for file in &report.files {
            outln!("  {file}");
        }
    }
    outln!(
        "\n완료: 본보기 계획 {written} — 「{PLACEHOLDER}」 {}곳과 숫자 `~` {}곳을 이 지자체의 내용으로 채우세요.",
        report.placeholders,
        report.figures
    );
    outln!(
        "  항목의 뜻은 {}에 있습니다 (사용 안내서 「항목 설명」 docs/field-guide.md와 같음).",
        if report.workbook {
            "안내 시트와 열 이름의 메모"
        } else {
            "각 항목 위의 주석"
        }
    );
    outln!("  남은 곳 보기: gongsi check {written} --deny-warnings");
    outln!("  PDF 만들기:   gongsi build {written}");
    ExitCode::SUCCESS
}
