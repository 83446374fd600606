//! 통합문서 읽기의 문맥 (the workbook being read): the records of the strategy sheets, which
//! part of the plan a block belongs to, and [`Context`] — the workbook's file, for naming
//! cells in problems and reading the items of the `계획` sheet.

use std::path::Path;
use std::sync::OnceLock;

use crate::model::located::{Located, SheetCell};
use crate::model::problem::Problem;
use crate::model::written::{BudgetTerms, CommonTarget, Cover, PlanInfo, TargetKind, TypeScale};
use crate::pipeline::load::workbook::read::{Cells, Record};

/// The records of the strategy sheets.
pub(crate) struct Records {
    pub strategies: Vec<Record>,
    pub tasks: Vec<Record>,
    pub projects: Vec<Record>,
    pub schedule: Vec<Record>,
}

/// Which part of the plan a block belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Goals,
    Chapter(usize),
    Strategy(usize),
}

/// The workbook being assembled, for naming cells in problems.
pub(crate) struct Context<'a> {
    pub file: &'a Path,
}

impl Context<'_> {
    pub fn cell(&self, cell: String) -> SheetCell {
        SheetCell {
            workbook: self.file.to_path_buf(),
            cell,
        }
    }

    pub fn at(&self, cell: &str, message: impl Into<String>, hint: &str) -> Problem {
        Problem::new(self.file, "", message)
            .in_cell(self.file, cell)
            .hint(hint)
    }

    pub fn located<T>(&self, value: T, cells: Cells) -> Located<T> {
        Located {
            file: self.file.to_path_buf(),
            text: String::new(),
            value,
            positions: OnceLock::new(),
            cells: cells.into_iter().map(|(p, c)| (p, self.cell(c))).collect(),
        }
    }

    /// The value of a `계획` item that may appear once.
    pub(crate) fn single(
        &self,
        items: &[Record],
        key: &str,
        path: &str,
        cells: &mut Cells,
        problems: &mut Vec<Problem>,
    ) -> Option<String> {
        let found: Vec<&Record> = item(items, key).collect();
        if found.len() > 1 {
            problems.push(self.at(
                &found[1].cell("항목"),
                format!("항목 `{key}`이(가) 두 번 있습니다."),
                "한 행만 남기세요.",
            ));
        }
        let record = found.first()?;
        cells.insert(path.to_string(), record.cell("값"));
        record.text("값")
    }

    pub(crate) fn plan_info(
        &self,
        items: &[Record],
        problems: &mut Vec<Problem>,
    ) -> Option<Located<PlanInfo>> {
        let mut cells = Cells::new();
        // Rows whose 항목 was refused (a name not in the list, reported at its cell): a
        // required item missing is most likely one of them mistyped, so as many missing
        // items as there are such rows go without a second message.
        let mut mistyped = items
            .iter()
            .filter(|r| r.text("항목").is_none() && !r.is_empty("값"))
            .count();
        let mut required = |key: &str, path: &str, problems: &mut Vec<Problem>| -> String {
            let value = self.single(items, key, path, &mut cells, problems);
            let row = item(items, key).next();
            if value.is_none() && row.is_none() && mistyped > 0 {
                mistyped -= 1;
            } else if value.is_none() {
                let (at, hint) = match row {
                    Some(row) => (row.cell("값"), "이 행의 값 칸을 채우세요."),
                    None => (
                        items
                            .first()
                            .map_or_else(|| "계획!A1".into(), |r| r.cell("항목")),
                        "항목 열에 이 이름을, 값 열에 그 값을 쓴 행을 추가하세요.",
                    ),
                };
                problems.push(self.at(
                    &at,
                    format!("`계획` 시트에 항목 `{key}`의 값이 없습니다."),
                    hint,
                ));
            }
            value.unwrap_or_default()
        };
        let district = required("지자체", "district", problems);
        let year_text = required("연도", "year", problems);
        let date = required("날짜", "date", problems);
        let system = required("제도", "cover.system", problems);
        let national = required("국비 명칭", "budget_terms.national", problems);
        let province = required("시도비 명칭", "budget_terms.province", problems);
        let local = required("시군구비 명칭", "budget_terms.local", problems);
        let slogan = self.single(items, "슬로건", "cover.slogan", &mut cells, problems);
        let scale = self.single(items, "글자 크기", "type_scale", &mut cells, problems);
        let type_scale = self.type_scale(items, scale.as_deref(), problems);
        let vision = item_values(items, "비전", "cover.vision", &mut cells);
        let year = self.year(&year_text, &cells, problems);
        Some(self.located(
            PlanInfo {
                district,
                year,
                date,
                cover: Cover {
                    system,
                    slogan,
                    vision,
                },
                budget_terms: BudgetTerms {
                    national,
                    province,
                    local,
                },
                type_scale,
            },
            cells,
        ))
    }

    /// The `연도` item as a number; 0, with a problem at its cell, when it is not one (and
    /// 0 alone when it is missing, which is reported as missing).
    fn year(&self, text: &str, cells: &Cells, problems: &mut Vec<Problem>) -> i32 {
        text.parse::<i32>().unwrap_or_else(|_| {
            if !text.is_empty() {
                problems.push(self.at(
                    cells.get("year").map_or("계획!B1", String::as_str),
                    format!("연도 `{text}`을(를) 읽을 수 없습니다."),
                    "네 자리 연도를 숫자로 쓰세요. 예: 2021",
                ));
            }
            0
        })
    }

    /// The `글자 크기` item: one of [`TypeScale::WORDS`], the default when not written; any
    /// other word is refused at its cell.
    fn type_scale(
        &self,
        items: &[Record],
        word: Option<&str>,
        problems: &mut Vec<Problem>,
    ) -> TypeScale {
        let Some(word) = word else {
            return TypeScale::default();
        };
        if let Some((scale, _)) = TypeScale::WORDS.iter().find(|(_, w)| *w == word.trim()) {
            return *scale;
        }
        let cell = item(items, "글자 크기")
            .next()
            .map(|r| r.cell("값"))
            .unwrap_or_default();
        let words: Vec<&str> = TypeScale::WORDS.iter().map(|(_, w)| *w).collect();
        problems.push(self.at(
            &cell,
            format!("`글자 크기`의 값 `{word}`을(를) 알 수 없습니다."),
            &format!("{} 중 하나를 적으세요.", words.join(", ")),
        ));
        TypeScale::default()
    }

    pub(crate) fn targets(
        &self,
        rows: &[Record],
        problems: &mut Vec<Problem>,
    ) -> (Vec<CommonTarget>, Vec<(String, String)>) {
        let mut cells = Vec::new();
        let mut out = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            // An empty cell is a figure not known yet (`missing-figure`), never 0.
            let number = |header: &str| r.number(header);
            let kind = match r.text("종류").as_deref() {
                Some("인원") => TargetKind::Count,
                _ => TargetKind::Rate,
            };
            for (header, field) in [
                ("지표", "name"),
                ("요약 이름", "summary_name"),
                ("종류", "kind"),
                ("전년도 목표", "previous_target"),
                ("전년도 실적", "previous_result"),
                ("올해 목표", "target"),
            ] {
                cells.push((format!("common_targets[{i}].{field}"), r.cell(header)));
            }
            cells.push((format!("common_targets[{i}]"), r.cell("지표")));
            out.push(CommonTarget {
                name: r.text("지표").unwrap_or_default(),
                summary_name: r.text("요약 이름"),
                kind,
                previous_target: number("전년도 목표"),
                previous_result: number("전년도 실적"),
                target: number("올해 목표"),
            });
        }
        let _ = problems;
        (out, cells)
    }
}

/// The rows of the `계획` sheet whose 항목 is `key`.
pub(crate) fn item<'a>(items: &'a [Record], key: &'a str) -> impl Iterator<Item = &'a Record> {
    items
        .iter()
        .filter(move |r| r.text("항목").as_deref() == Some(key))
}

/// The values of a `계획` item that may be written in several rows (empty ones skipped),
/// each recorded at `{path}[i]`.
pub(crate) fn item_values(
    items: &[Record],
    key: &str,
    path: &str,
    cells: &mut Cells,
) -> Vec<String> {
    let values: Vec<String> = item(items, key)
        .filter(|r| !r.is_empty("값"))
        .enumerate()
        .map(|(i, r)| {
            cells.insert(format!("{path}[{i}]"), r.cell("값"));
            r.text("값").unwrap_or_default()
        })
        .collect();
    if values.is_empty()
        && let Some(row) = item(items, key).next()
    {
        // An item listed with no value: its value cell is where a check points.
        cells.insert(path.to_string(), row.cell("값"));
    }
    values
}
