//! YAML 읽기 (parsing one YAML file of a plan): the fast path straight into the schema's
//! types, and, for a file that does not fit, the recovery that reports every unknown field
//! with its line (each set aside and reading goes on), a key written at the wrong
//! indentation where it belongs, and the first other problem — in Korean
//! ([`super::serde_korean`]).

use std::path::Path;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use crate::model::data_path::{Step, child, steps};
use crate::model::located::Located;
use crate::model::positions::Positions;
use crate::model::problem::Problem;
use crate::pipeline::load::indent;
use crate::pipeline::load::serde_korean::korean;

/// Parses one YAML file, recording located problems when it does not fit the schema.
pub fn parse<T: DeserializeOwned + JsonSchema>(
    file: &Path,
    text: String,
    problems: &mut Vec<Problem>,
) -> Option<Located<T>> {
    match from_yaml::<T>(file, &text) {
        Ok(value) => Some(Located::yaml(file, text, value)),
        Err(found) => {
            problems.extend(found);
            None
        }
    }
}

/// How many problems one file may report before gongsi stops reading it.
const MAX_PROBLEMS_PER_FILE: usize = 50;

/// Deserializes YAML text. A file that fits the schema takes the fast path straight from
/// the text; one that does not is read again to report, in Korean and with line and
/// column, every unknown field (each one is set aside and reading goes on) and the first
/// other problem.
pub fn from_yaml<T: DeserializeOwned + JsonSchema>(
    file: &Path,
    text: &str,
) -> Result<T, Vec<Problem>> {
    let first = match serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text)) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let located_first = || {
        let inner = first.inner();
        let mut problem = problem(file, &first.path().to_string(), &inner.to_string());
        if let Some(at) = inner.location() {
            problem = problem.at(at.line(), at.column());
        }
        vec![problem]
    };
    let (Ok(positions), Ok(mut value)) = (
        Positions::of(text),
        serde_yaml::from_str::<serde_yaml::Value>(text),
    ) else {
        return Err(located_first());
    };
    let mut problems = Vec::new();
    let mut misplaced: Vec<String> = Vec::new();
    while problems.len() < MAX_PROBLEMS_PER_FILE {
        let err = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(_) => break,
            Err(err) => err,
        };
        let path = err.path().to_string();
        let message = err.inner().to_string();
        let unknown = unknown_field(&message);
        let mut found = problem(file, &path, &message);
        // From a parsed value, serde names the unknown key itself as the last path segment.
        let parent = match &unknown {
            Some(key) if found.path == *key => String::new(),
            Some(key) => found
                .path
                .strip_suffix(&format!(".{key}"))
                .unwrap_or(&found.path)
                .to_string(),
            None => found.path.clone(),
        };
        let place = match &unknown {
            Some(key) => positions.exact(&child(&parent, key)),
            None => positions.exact(&found.path),
        };
        if let Some((line, column)) = place.or_else(|| positions.nearest(&found.path)) {
            found = found.at(line, column);
        }
        if let Some(key) = &unknown {
            let line = found.line.unwrap_or(0);
            if let Some(belongs) = indent::belongs::<T>(&value, &positions, &parent, key, line) {
                found = misindented(found, &parent, key, &belongs);
                misplaced.push(key.clone());
            }
        }
        // A required key written at the wrong indentation was reported where it is written;
        // that it is missing where it belongs is the same mistake.
        let consequence = unknown.is_none()
            && missing_field(&message).is_some_and(|key| misplaced.contains(&key));
        if !consequence {
            problems.push(found);
        }
        match unknown {
            Some(key) if remove_key(&mut value, &parent, &key) => continue,
            _ => break,
        }
    }
    if problems.is_empty() {
        Err(located_first())
    } else {
        Err(problems)
    }
}

/// A problem from a serde message at a serde path.
fn problem(file: &Path, path: &str, raw: &str) -> Problem {
    let path = if path == "." { "" } else { path };
    let message = raw.rfind(" at line ").map_or(raw, |at| &raw[..at]);
    let (message, hint) = korean(message);
    let mut problem = Problem::new(file, path, message);
    problem.hint = hint;
    problem
}

/// `found` (an unknown key `key` in the mapping at `parent`) reworded as a key of the
/// mapping it `belongs` to, written at the wrong indentation.
fn misindented(found: Problem, parent: &str, key: &str, belongs: &indent::Belongs) -> Problem {
    let name = |path: &str| {
        if path.is_empty() {
            "파일 맨 위".to_string()
        } else {
            format!("`{path}`")
        }
    };
    let mut problem = Problem {
        message: format!(
            "항목 `{key}`의 들여쓰기가 맞지 않습니다: {} 안에 적혀 있지만 {}의 항목입니다.",
            name(parent),
            name(&belongs.mapping)
        ),
        ..found
    };
    problem.hint = Some(match belongs.column {
        Some(column) => format!(
            "`{key}:`를 {column}번째 칸에서 시작하세요({}의 다른 항목과 같은 칸). 그 아래 줄들도 같은 만큼 옮기세요.",
            name(&belongs.mapping)
        ),
        None => format!(
            "`{key}:`를 {}의 다른 항목과 같은 칸에 맞추세요.",
            name(&belongs.mapping)
        ),
    });
    problem
}

/// The field named by a "missing field `x`" message.
fn missing_field(message: &str) -> Option<String> {
    let rest = &message[message.find("missing field `")? + "missing field `".len()..];
    Some(rest[..rest.find('`')?].to_string())
}

/// The field named by an "unknown field `x`" message.
fn unknown_field(message: &str) -> Option<String> {
    let rest = &message[message.find("unknown field `")? + "unknown field `".len()..];
    Some(rest[..rest.find('`')?].to_string())
}

/// Removes `key` from the mapping at `path` (`tasks[0].projects[1]`); false if not found.
fn remove_key(value: &mut serde_yaml::Value, path: &str, key: &str) -> bool {
    let Some(path) = steps(path) else {
        return false;
    };
    let mut node = value;
    for step in path {
        let next = match step {
            Step::Key(name) => node.get_mut(name),
            Step::Index(i) => node.get_mut(i),
        };
        let Some(next) = next else {
            return false;
        };
        node = next;
    }
    node.as_mapping_mut()
        .is_some_and(|map| map.shift_remove(key).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::written::{Budget, Cell, Scalar, Table};

    #[test]
    fn table_cells_are_read_by_the_type_written() {
        let text =
            "rows:\n  - [12, -3, 4.5, \"12\", 글, ~, {value: 7, unit: 명, cols: 2}, {sum: true}]\n";
        let table = from_yaml::<Table>(Path::new("t.yaml"), text).unwrap();
        let row = &table.rows[0];
        assert!(matches!(row[0], Cell::Int(12)));
        assert!(matches!(row[1], Cell::Int(-3)));
        assert!(matches!(row[2], Cell::Float(f) if f == 4.5));
        assert!(
            matches!(&row[3], Cell::Text(t) if t == "12"),
            "quoted numbers stay text"
        );
        assert!(matches!(&row[4], Cell::Text(t) if t == "글"));
        assert!(matches!(row[5], Cell::Empty(())));
        let Cell::Full(full) = &row[6] else {
            panic!("{:?}", row[6])
        };
        assert!(matches!(full.value, Some(Scalar::Int(7))));
        assert_eq!((full.unit.as_deref(), full.cols), (Some("명"), Some(2)));
        assert!(matches!(&row[7], Cell::Full(f) if f.sum));
    }

    #[test]
    fn a_wrong_cell_is_reported_with_its_line_and_what_a_cell_may_be() {
        let text = "rows:\n  - [1, 2]\n  - [true, 2]\n  - [{valeu: 3}]\n";
        let errs = from_yaml::<Table>(Path::new("t.yaml"), text).unwrap_err();
        let wrong_type = &errs[0];
        assert_eq!(wrong_type.line, Some(3), "{wrong_type:?}");
        assert!(
            wrong_type.message.contains("표 칸 값"),
            "{}",
            wrong_type.message
        );
        let typo = from_yaml::<Table>(Path::new("t.yaml"), "rows:\n  - [{valeu: 3}]\n")
            .unwrap_err()
            .remove(0);
        assert_eq!(typo.line, Some(2), "{typo:?}");
        assert!(
            typo.message.contains("알 수 없는 항목 `valeu`"),
            "{}",
            typo.message
        );
    }

    #[test]
    fn unknown_field_is_reported_in_korean_with_position() {
        let err = from_yaml::<Budget>(Path::new("a.yaml"), "national: 1\nnationl: 2\n")
            .unwrap_err()
            .remove(0);
        assert_eq!(err.line, Some(2));
        assert!(
            err.message.contains("알 수 없는 항목 `nationl`"),
            "{}",
            err.message
        );
        assert!(err.hint.unwrap().contains("national"));
    }

    #[test]
    fn wrong_type_names_the_data_path() {
        let err = from_yaml::<Budget>(Path::new("a.yaml"), "local: 삼만\n")
            .unwrap_err()
            .remove(0);
        assert_eq!(err.path, "local");
        assert!(err.message.contains("정수"), "{}", err.message);
    }

    #[test]
    fn every_unknown_field_is_reported_with_its_own_line() {
        let text = "national: 1\nnationl: 2\nlocl: 3\nprivate: x\n";
        let errs = from_yaml::<Budget>(Path::new("a.yaml"), text).unwrap_err();
        let places: Vec<(Option<usize>, &str)> =
            errs.iter().map(|p| (p.line, p.message.as_str())).collect();
        assert_eq!(errs.len(), 3, "{places:?}");
        assert_eq!(errs[0].line, Some(2));
        assert!(errs[0].message.contains("`nationl`"));
        assert_eq!(errs[1].line, Some(3));
        assert!(errs[1].message.contains("`locl`"));
        assert_eq!((errs[2].line, errs[2].column), (Some(4), Some(1)));
        assert_eq!(errs[2].path, "private");
    }

    #[test]
    fn syntax_error_has_a_line() {
        let err = from_yaml::<Budget>(Path::new("a.yaml"), "local: \"38000\nnational: 1\n")
            .unwrap_err()
            .remove(0);
        assert!(err.line.is_some());
        assert!(err.message.starts_with("YAML 문법 오류"), "{}", err.message);
    }
}
