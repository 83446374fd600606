//! How `gongsi new` writes a file of next year's plan (새 계획 파일 쓰기): the original text
//! with the known year-dependent values replaced in place (comments and layout kept), or,
//! when that is not possible, the value serialised anew from the source model.
//!
//! An in-place edit is accepted only if reading the edited text gives exactly the intended
//! value; otherwise the file is serialised. Either way the written file means what the
//! model says.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::model::positions::Positions;

/// One replacement: the scalar of the mapping entry at data `path` becomes `yaml` (a YAML
/// scalar, e.g. `2022`, `"2022-04-30"`, `~`).
#[derive(Debug, Clone)]
pub struct Replace {
    /// Data path of the value, e.g. `common_targets[0].previous_result`.
    pub path: String,
    /// The new scalar, as YAML text.
    pub yaml: String,
}

/// The text for `value`: `original` with `edits` applied when that reads back as `value`,
/// else `value` serialised (with `header` comment lines on top). The `bool` says whether
/// the original text (and its comments) was kept.
pub fn write_value<T: Serialize + DeserializeOwned>(
    original: Option<&str>,
    edits: &[Replace],
    value: &T,
    header: &str,
) -> (String, bool) {
    if let Some(text) = original
        && let Some(edited) = apply(text, edits)
        && same(&edited, value)
    {
        return (edited, true);
    }
    (format!("{header}{}", serialise(value)), false)
}

/// Whether `text` reads as exactly `value`.
fn same<T: Serialize + DeserializeOwned>(text: &str, value: &T) -> bool {
    let Ok(read) = serde_yaml::from_str::<T>(text) else {
        return false;
    };
    match (serde_yaml::to_value(&read), serde_yaml::to_value(value)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Applies `edits` to `text`; `None` when a path is not found as a plain `key: scalar`.
pub fn apply(text: &str, edits: &[Replace]) -> Option<String> {
    let positions = Positions::of(text).ok()?;
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for edit in edits {
        let (line, column) = positions.exact(&edit.path)?;
        let key = edit.path.rsplit(['.', ']']).next()?;
        let current = lines.get_mut(line - 1)?;
        *current = replace_scalar(current, column - 1, key, &edit.yaml)?;
    }
    Some(lines.join("\n"))
}

/// How a YAML value starts when it is not a plain scalar on its line: a flow collection,
/// a block scalar, an anchor or alias, a comment, a tag.
const NOT_SCALAR: [char; 8] = ['{', '[', '|', '>', '&', '*', '#', '!'];

/// Replaces the scalar after `key:` starting at character column `column` of `line`.
fn replace_scalar(line: &str, column: usize, key: &str, yaml: &str) -> Option<String> {
    let start = line.char_indices().nth(column).map(|(i, _)| i)?;
    let rest = &line[start..];
    let after_key = rest.strip_prefix(key)?.trim_start_matches(' ');
    let after_colon = after_key.strip_prefix(':')?;
    let value_start = line.len() - after_colon.trim_start_matches(' ').len();
    let value = &line[value_start..];
    let in_flow = line[..start].trim_end().ends_with(['{', ',']);
    let end = if let Some(quoted) = value.strip_prefix('"') {
        1 + quoted.find('"')? + 1
    } else if let Some(quoted) = value.strip_prefix('\'') {
        1 + quoted.find('\'')? + 1
    } else {
        let comment = value.find(" #").unwrap_or(value.len());
        let end = if in_flow {
            value.find([',', '}']).unwrap_or(value.len()).min(comment)
        } else {
            comment
        };
        value[..end].trim_end().len()
    };
    let scalar = &value[..end];
    // Block values (`key:` then an indented block) and nested collections are not scalars.
    if scalar.is_empty() || scalar.starts_with(NOT_SCALAR) {
        return None;
    }
    Some(format!("{}{yaml}{}", &line[..value_start], &value[end..]))
}

/// `value` as YAML without the noise of defaults: `null` entries of mappings, `listed:
/// true`, and empty lists of the optional list fields are left out.
pub fn serialise<T: Serialize>(value: &T) -> String {
    let mut tree = serde_yaml::to_value(value).expect("the source model serialises");
    prune(&mut tree);
    let text = serde_yaml::to_string(&tree).expect("a YAML value serialises");
    // `~`, as in the hand-written files, for the figures still to fill.
    text.lines()
        .map(|line| match line.strip_suffix(": null") {
            Some(key) if FIGURES.contains(&key.trim_start_matches([' ', '-'])) => {
                format!("{key}: ~\n")
            }
            _ => format!("{line}\n"),
        })
        .collect()
}

/// List fields that may be left out (they default to empty).
const OPTIONAL_LISTS: &[&str] = &[
    "items",
    "footnotes",
    "widths",
    "header",
    "details",
    "schedule",
    "intro",
    "common_notes",
    "only",
    "vision",
];

/// 공통 일자리 목표 figures: written as `~` when missing, so staff see where to fill.
const FIGURES: &[&str] = &["previous_target", "previous_result", "target"];

fn prune(value: &mut Value) {
    match value {
        Value::Mapping(map) => {
            map.retain(|key, v| {
                let key = key.as_str().unwrap_or_default();
                let empty_list = matches!(v, Value::Sequence(s) if s.is_empty())
                    && OPTIONAL_LISTS.contains(&key);
                let default_flag = key == "listed" && *v == Value::Bool(true)
                    || (key == "sum" || key == "blank") && *v == Value::Bool(false);
                // A figure still to fill stays visible as `~`.
                let figure = FIGURES.contains(&key);
                !(v.is_null() && !figure || empty_list || default_flag)
            });
            for (_, v) in map.iter_mut() {
                prune(v);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(prune),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(path: &str, yaml: &str) -> Replace {
        Replace {
            path: path.into(),
            yaml: yaml.into(),
        }
    }

    #[test]
    fn replaces_block_and_flow_scalars_keeping_comments() {
        let text = "# 머리말\nyear: 2021 # 연도\ndate: \"2021-04-30\"\nt: {a: 1, b: 2}\n";
        let out = apply(
            text,
            &[
                edit("year", "2022"),
                edit("date", "\"2022-04-30\""),
                edit("t.a", "~"),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            "# 머리말\nyear: 2022 # 연도\ndate: \"2022-04-30\"\nt: {a: ~, b: 2}\n"
        );
    }

    #[test]
    fn replaces_values_in_sequences_of_mappings() {
        let text = "common_targets:\n  - name: 취업률\n    target: 34.1\n  - name: 피보험자\n    target: 125000\n";
        let out = apply(text, &[edit("common_targets[1].target", "~")]).unwrap();
        assert!(out.ends_with("    target: 34.1\n  - name: 피보험자\n    target: ~\n"));
    }

    #[test]
    fn a_missing_key_or_a_block_value_is_not_edited() {
        assert!(apply("year: 2021\n", &[edit("date", "x")]).is_none());
        assert!(apply("year:\n  a: 1\n", &[edit("year", "x")]).is_none());
    }

    #[test]
    fn falls_back_to_serialising_when_the_edit_does_not_read_back() {
        #[derive(Serialize, serde::Deserialize)]
        struct Year {
            year: i32,
        }
        // The original has the year in a form the edit cannot reach (anchor): serialise.
        let (text, kept) = write_value(
            Some("year: &y 2021\n"),
            &[edit("year", "2022")],
            &Year { year: 2022 },
            "# 새 파일\n",
        );
        assert!(!kept);
        assert_eq!(text, "# 새 파일\nyear: 2022\n");
        let (text, kept) = write_value(
            Some("year: 2021 # 연도\n"),
            &[edit("year", "2022")],
            &Year { year: 2022 },
            "",
        );
        assert!(kept);
        assert_eq!(text, "year: 2022 # 연도\n");
    }
}
