//! 새 계획 (starting a plan from the page): `init`'s starter plan and `new`'s next year's
//! plan, made by those commands' own functions into the folder the studio was started in
//! (under the names the commands choose from the data, never a path from the browser), then
//! shown. Only a studio started without a plan offers them.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::commands::init::{InitConfig, MAX_STRATEGIES, init};
use crate::commands::new::{NewConfig, new_plan};
use crate::model::error::Error;

/// `init`'s choices, as the page sends them.
#[derive(Debug, Deserialize)]
pub struct Starter {
    /// 지자체 이름.
    pub district: String,
    /// 계획 연도.
    pub year: i32,
    /// 추진전략의 수.
    pub strategies: usize,
    /// One workbook instead of a YAML folder.
    #[serde(default)]
    pub workbook: bool,
}

/// Writes `init`'s starter plan into `folder`; where it went.
pub fn start(starter: &Starter, folder: &Path) -> Result<PathBuf, Error> {
    if !(2000..=2100).contains(&starter.year) || !(1..=MAX_STRATEGIES).contains(&starter.strategies)
    {
        return Err(Error::usage(
            "연도나 추진전략의 수가 맞지 않습니다.",
            format!("연도는 2000–2100, 추진전략은 1–{MAX_STRATEGIES}개로 적으세요."),
        ));
    }
    let config = InitConfig {
        district: starter.district.clone(),
        year: starter.year,
        strategies: starter.strategies,
        workbook: starter.workbook,
        output: None,
    };
    in_folder(folder, || init(&config).map(|report| report.written))
}

/// Writes next year's plan from `last` into `folder`; where it went.
pub fn next_year(last: &Path, folder: &Path) -> Result<PathBuf, Error> {
    let last = std::path::absolute(last).map_err(|e| Error::io("경로 읽기", last, e))?;
    let config = NewConfig {
        from: last,
        year: None,
        output: None,
    };
    in_folder(folder, || new_plan(&config).map(|report| report.folder))
}

/// Runs `make`, which writes under a name relative to the current folder, and gives back
/// where that is inside `folder` (the studio's own starting folder, which is the current one).
fn in_folder(
    folder: &Path,
    make: impl FnOnce() -> Result<PathBuf, Error>,
) -> Result<PathBuf, Error> {
    let written = make()?;
    Ok(if written.is_absolute() {
        written
    } else {
        folder.join(written)
    })
}
