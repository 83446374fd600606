//! `gongsi studio` as printed: the address to open (the browser is opened on it unless
//! `--no-open`), and that it stopped.

use std::process::ExitCode;

use crate::cli::args::StudioArgs;
use crate::cli::print::{Failure, errln, failed, outln};
use crate::commands::studio::{StudioConfig, StudioEvent};

/// `gongsi studio`: serves until Ctrl-C.
pub fn run(args: StudioArgs) -> ExitCode {
    let plan = args.plan.clone();
    let open = !args.no_open;
    let config = StudioConfig {
        plan: args.plan,
        typesetting: args.typesetting.settings(),
        port: args.port,
    };
    let outcome = crate::commands::studio::run(config, &mut |event| match event {
        StudioEvent::Listening(url) => {
            outln!("gongsi 스튜디오: {url}");
            errln!("이 주소를 브라우저에서 여세요 (이 컴퓨터에서만 열립니다). 끝내려면 Ctrl-C.");
            if open && webbrowser::open(url).is_err() {
                errln!(
                    "브라우저를 열지 못했습니다. 위 주소를 복사해 브라우저의 주소 칸에 붙여 넣으세요."
                );
            }
        }
        StudioEvent::Stopping => errln!("스튜디오를 마칩니다."),
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failed(
            &e,
            plan.as_deref(),
            Failure::undone("스튜디오를 열지 않았습니다"),
        ),
    }
}
