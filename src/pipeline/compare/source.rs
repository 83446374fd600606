//! 원래 자리 (source places) of a 한글 draft's lines: the part of the plan a mark
//! ([`Scope`]) names, said as a change says it (`실천과제 「…」`), and where its text is in the
//! plan's own files — the YAML line holding a word of it, or the workbook cell.

use crate::model::change::Part;
use crate::model::located::Located;
use crate::model::printed::Scope;
use crate::model::problem::Problem;
use crate::model::wording;

use super::Draft;

/// What a scope is called in the change list: `실천과제 「청년 창업 인프라 조성」`.
pub fn subject(draft: Option<&Draft>, scope: Option<&Scope>) -> String {
    let Some(scope) = scope else {
        return "문서".to_string();
    };
    let ids = scope.ids();
    let plan = draft.map(|d| &d.plan);
    let fallback = || format!("`{}`", scope.0);
    match scope.part() {
        "표지" => "표지".to_string(),
        "순서" => "순서".to_string(),
        "I" => wording::PART_SUMMARY.text.to_string(),
        "II" => match (plan, ids.first().and_then(|i| i.parse::<usize>().ok())) {
            (Some(plan), Some(i)) => plan
                .chapters
                .get(i)
                .map(|c| format!("{}. {}", c.number, c.title))
                .unwrap_or_else(fallback),
            _ => wording::PART_LABOUR_MARKET.text.to_string(),
        },
        "III" => "III. 일자리 목표".to_string(),
        part @ ("IV" | "V") => {
            let prefix = if part == "V" { "추진일정 " } else { "" };
            let section = match scope.0.rsplit('/').next() {
                Some("~효과") => " 기대효과",
                Some("~추진계획") => " 추진계획",
                _ => "",
            };
            let Some(plan) = plan else {
                // No plan to name them by: the ids.
                return match ids.as_slice() {
                    [_, _, p, ..] => format!("{prefix}세부사업 `{p}`"),
                    [_, t] => format!("{prefix}실천과제 `{t}`{section}"),
                    [s] => format!("{prefix}추진전략 `{s}`"),
                    _ => fallback(),
                };
            };
            let strategy = ids
                .first()
                .and_then(|id| plan.strategies.iter().find(|s| s.id == *id));
            let task = strategy.and_then(|s| {
                ids.get(1)
                    .and_then(|id| s.tasks.iter().find(|t| t.id == *id))
            });
            let project = task.and_then(|t| {
                ids.get(2)
                    .and_then(|id| t.projects.iter().find(|p| p.id == *id))
            });
            match (strategy, task, project) {
                (_, _, Some(p)) => format!("{prefix}세부사업 「{}」", p.name),
                (_, Some(t), None) => format!("{prefix}실천과제 「{}」{section}", t.name),
                (Some(s), None, None) => format!("{prefix}추진전략 「{}」", s.name),
                _ if ids.is_empty() && part == "IV" => wording::PART_TASKS.text.to_string(),
                _ if ids.is_empty() => "V. 추진일정".to_string(),
                _ => fallback(),
            }
        }
        _ => fallback(),
    }
}

/// The part of the document a scope is in.
pub fn part(scope: Option<&Scope>) -> Part {
    match scope.map(Scope::part) {
        Some("I") => Part::Summary,
        Some("II") => Part::LabourMarket,
        Some("III") => Part::Goals,
        Some("IV" | "V") => Part::Tasks,
        _ => Part::Cover,
    }
}

/// Where the text `needle` of the part `scope` is in the draft's files: `file:줄` at the first
/// line from the part's start holding `needle` (or its digits without commas), else the
/// part's own line; for a workbook, the cell of the part (`통합문서 시트!셀`).
pub fn place(draft: &Draft, scope: Option<&Scope>, needle: &str) -> Option<String> {
    let scope = scope?;
    let ids = scope.ids();
    let source = &draft.source;
    let (file, path): (&dyn Lookup, String) = match scope.part() {
        "표지" | "순서" | "I" => (&source.info, String::new()),
        "II" => {
            let i: usize = ids.first()?.parse().ok()?;
            (source.chapters.get(i)?, "body".to_string())
        }
        "III" => (&source.goals, String::new()),
        "IV" | "V" if !ids.is_empty() => {
            let file = source.strategies.iter().find(|s| s.value.id == ids[0])?;
            let mut path = String::new();
            if let Some(t) = ids.get(1) {
                let ti = file.value.tasks.iter().position(|x| x.id == *t)?;
                path = format!("tasks[{ti}]");
                if let Some(p) = ids.get(2) {
                    let pi = file.value.tasks[ti]
                        .projects
                        .iter()
                        .position(|x| x.id == *p)?;
                    path = format!("{path}.projects[{pi}]");
                }
            }
            (file, path)
        }
        _ => return None,
    };
    Some(file.find(&path, needle))
}

/// A located file of the plan, whatever it holds.
trait Lookup {
    /// `file:줄` or `통합문서 시트!셀` of `needle` in the part at data `path`.
    fn find(&self, path: &str, needle: &str) -> String;
}

impl<T: serde::Serialize> Lookup for Located<T> {
    fn find(&self, path: &str, needle: &str) -> String {
        if self.cells.is_empty() {
            let start = self.nearest(path).map_or(1, |(line, _)| line);
            let plain: String = needle.chars().filter(|c| *c != ',').collect();
            let found = [needle, plain.as_str()]
                .into_iter()
                .filter(|n| !n.is_empty())
                .find_map(|n| {
                    self.text
                        .lines()
                        .enumerate()
                        .skip(start.saturating_sub(1))
                        .find(|(_, l)| l.contains(n))
                        .map(|(i, _)| i + 1)
                });
            return format!("{}:{}", self.file.display(), found.unwrap_or(start));
        }
        // A workbook: the cell of the value under `path` that holds `needle`, else the part's.
        let value = serde_json::to_value(&self.value).unwrap_or_default();
        let mut found = None;
        leaves(&value, String::new(), &mut |at, text| {
            if found.is_none()
                && at.starts_with(path)
                && !needle.is_empty()
                && text.contains(needle)
            {
                found = Some(at.to_string());
            }
        });
        let at = found.as_deref().unwrap_or(path);
        let placed = self.place(Problem::new(&self.file, at, ""), at, needle);
        match (&placed.cell, placed.line) {
            (Some(cell), _) => format!("{} {cell}", placed.file.display()),
            (None, Some(line)) => format!("{}:{line}", placed.file.display()),
            (None, None) => placed.file.display().to_string(),
        }
    }
}

/// Calls `visit` with the data path (`tasks[0].purpose[1].text`) and text of every string and
/// number in `value`.
fn leaves(value: &serde_json::Value, path: String, visit: &mut dyn FnMut(&str, &str)) {
    use serde_json::Value;
    match value {
        Value::String(text) => visit(&path, text),
        Value::Number(n) => visit(&path, &n.to_string()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                leaves(item, format!("{path}[{i}]"), visit);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                leaves(item, at, visit);
            }
        }
        _ => {}
    }
}
