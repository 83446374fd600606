//! `gongsi new` as printed: the to-do list of the new folder, then `완료: 폴더 (…)`.

use std::process::ExitCode;

use crate::cli::args::NewArgs;
use crate::cli::print::outln;
use crate::cli::print::{Failure, failed, out};
use crate::commands::new::{NewConfig, TODO_FILE, new_plan};

pub fn run(args: NewArgs) -> ExitCode {
    let from = args.from.clone();
    let made = new_plan(&NewConfig {
        from: args.from,
        year: args.year,
        output: args.output,
    });
    let report = match made {
        Ok(report) => report,
        Err(e) => {
            return failed(
                &e,
                Some(&from),
                Failure::undone("새 계획 폴더를 만들지 않았습니다"),
            );
        }
    };
    out(&report.todo);
    let kept = report.files.iter().filter(|f| f.kept).count();
    outln!(
        "\n완료: {} ({}년 계획, 파일 {}개 중 {}개는 원본의 주석과 모양을 그대로 둠; 검토할 곳 {}곳은 {}에도 적었습니다)",
        report.folder.display(),
        report.year,
        report.files.len(),
        kept,
        report.places,
        report.folder.join(TODO_FILE).display()
    );
    ExitCode::SUCCESS
}
