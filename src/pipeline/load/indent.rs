//! 들여쓰기 (indentation): whether a key the schema does not allow where it is written is a
//! key of a nearby mapping that was indented too far or not far enough — `purpose:` written
//! under a project instead of its task, `effects:` at the strategy's level — so that it is
//! reported once, as the mis-indented key at its line, with the column it belongs in.

use schemars::JsonSchema;
use serde_json::Value as Json;
use serde_yaml::Value;

use crate::model::data_path::{Step, child, steps};
use crate::model::positions::Positions;

/// Where an unknown key belongs: the data path of the mapping that has such a field and the
/// 1-based column its keys start in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Belongs {
    /// The mapping the key belongs to (`tasks[0]`).
    pub mapping: String,
    /// The column its other keys start in, if one can be found.
    pub column: Option<usize>,
}

/// The mapping near `parent` (where `key` was written, at `line`) that has `key` as a field of
/// document type `T` and does not have it yet: an enclosing mapping (indented too far) or the
/// last item of a list of `parent` written above the key (not indented far enough).
pub fn belongs<T: JsonSchema>(
    value: &Value,
    positions: &Positions,
    parent: &str,
    key: &str,
    line: usize,
) -> Option<Belongs> {
    let schema = serde_json::to_value(schemars::schema_for!(T)).ok()?;
    let candidates = enclosing(parent)
        .into_iter()
        .chain(items_above(value, positions, parent, line));
    for mapping in candidates {
        let fits = fields(&schema, &mapping).is_some_and(|f| f.iter().any(|k| k == key));
        let has = node(value, &mapping)
            .and_then(Value::as_mapping)
            .is_some_and(|m| m.contains_key(key));
        if fits && !has {
            let column = node(value, &mapping)
                .and_then(Value::as_mapping)
                .and_then(|m| m.keys().next())
                .and_then(Value::as_str)
                .and_then(|first| positions.exact(&child(&mapping, first)))
                .map(|(_, column)| column);
            return Some(Belongs { mapping, column });
        }
    }
    None
}

/// The nodes enclosing `path`, nearest first (`tasks[0].projects[1]` → `tasks[0].projects`,
/// `tasks[0]`, `tasks`, the document); those that are lists have no fields and are passed by.
fn enclosing(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut path = path;
    while let Some(cut) = path.rfind(['.', '[']) {
        path = &path[..cut];
        out.push(path.to_string());
    }
    if !path.is_empty() {
        out.push(String::new());
    }
    out
}

/// The last item of each list field of the mapping at `parent`, when it is written above
/// `line`, then that item's own last items, and so on (the deepest last).
fn items_above(value: &Value, positions: &Positions, parent: &str, line: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut frontier = vec![parent.to_string()];
    while let Some(path) = frontier.pop() {
        let Some(map) = node(value, &path).and_then(Value::as_mapping) else {
            continue;
        };
        for (k, v) in map {
            let (Some(k), Some(list)) = (k.as_str(), v.as_sequence()) else {
                continue;
            };
            let Some(last) = list.len().checked_sub(1) else {
                continue;
            };
            let item = format!("{}[{last}]", child(&path, k));
            if positions.exact(&item).is_some_and(|(l, _)| l < line) {
                out.push(item.clone());
                frontier.push(item);
            }
        }
    }
    out
}

/// The node at data path `path` of `value`.
fn node<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    let mut node = value;
    for step in steps(path)? {
        node = match step {
            Step::Key(name) => node.get(name)?,
            Step::Index(i) => node.get(i)?,
        };
    }
    Some(node)
}

/// The field names the schema allows in the mapping at data path `path`.
fn fields(schema: &Json, path: &str) -> Option<Vec<String>> {
    let mut at = resolve(schema, schema)?;
    for step in steps(path)? {
        at = match step {
            Step::Key(name) => resolve(schema, at.get("properties")?.get(name)?)?,
            Step::Index(_) => resolve(schema, at.get("items")?)?,
        };
    }
    let properties = at.get("properties")?.as_object()?;
    Some(properties.keys().cloned().collect())
}

/// `node` with its `$ref` followed and, for an optional value (`anyOf` with `null`), the
/// variant that is not null.
fn resolve<'a>(schema: &'a Json, node: &'a Json) -> Option<&'a Json> {
    let mut node = node;
    for _ in 0..8 {
        if let Some(reference) = node.get("$ref").and_then(Json::as_str) {
            let name = reference.rsplit('/').next()?;
            node = schema.get("$defs")?.get(name)?;
            continue;
        }
        if let Some(variants) = node
            .get("anyOf")
            .or(node.get("oneOf"))
            .and_then(Json::as_array)
        {
            node = variants
                .iter()
                .find(|v| v.get("type").and_then(Json::as_str) != Some("null"))?;
            continue;
        }
        return Some(node);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::written::Strategy;

    fn find(text: &str, parent: &str, key: &str, line: usize) -> Option<Belongs> {
        let value: Value = serde_yaml::from_str(text).unwrap();
        let positions = Positions::of(text).unwrap();
        belongs::<Strategy>(&value, &positions, parent, key, line)
    }

    #[test]
    fn a_key_indented_too_far_belongs_to_the_enclosing_task() {
        let text = "id: a\nname: b\ntasks:\n  - id: t\n    name: n\n    projects:\n      - id: p\n        name: q\n        purpose:\n          - text: x\n    effects: []\n";
        let found = find(text, "tasks[0].projects[0]", "purpose", 9).unwrap();
        assert_eq!(found.mapping, "tasks[0]");
        assert_eq!(found.column, Some(5));
    }

    #[test]
    fn a_key_not_indented_far_enough_belongs_to_the_item_above() {
        let text =
            "id: a\nname: b\ntasks:\n  - id: t\n    name: n\n    projects: []\neffects: []\n";
        let found = find(text, "", "effects", 7).unwrap();
        assert_eq!(found.mapping, "tasks[0]");
        assert_eq!(found.column, Some(5));
    }

    #[test]
    fn a_misspelt_key_belongs_nowhere() {
        let text =
            "id: a\nname: b\ntasks:\n  - id: t\n    name: n\n    projects: []\n    purpse: []\n";
        assert_eq!(find(text, "tasks[0]", "purpse", 7), None);
    }
}
