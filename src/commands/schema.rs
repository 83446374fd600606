//! JSON Schema of the YAML format (자료 형식의 JSON 스키마), one per kind of file, derived
//! from the doc comments of `model/written.rs` (the Korean field guide) so that editors can autocomplete and underline mistakes
//! (`# yaml-language-server: $schema=…` on the first line of each content file).

use std::path::Path;

use schemars::{JsonSchema, schema_for};

use crate::model::error::Error;
use crate::model::written::{Chapter, Goals, PlanInfo, Strategy};

/// The schema files: (file name, JSON text).
pub fn schemas() -> Vec<(&'static str, String)> {
    vec![
        ("plan.schema.json", pretty::<PlanInfo>()),
        ("goals.schema.json", pretty::<Goals>()),
        ("chapter.schema.json", pretty::<Chapter>()),
        ("strategy.schema.json", pretty::<Strategy>()),
    ]
}

fn pretty<T: JsonSchema>() -> String {
    let schema = schema_for!(T);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the schema files into `dir` (created if needed); returns the paths written.
pub fn write(dir: &Path) -> Result<Vec<std::path::PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("폴더 만들기", dir, e))?;
    let mut written = Vec::new();
    for (name, text) in schemas() {
        let path = dir.join(name);
        crate::pipeline::output::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_name_every_top_level_field_and_deny_unknown_ones() {
        let all = schemas();
        let strategy: serde_json::Value = serde_json::from_str(&all[3].1).unwrap();
        assert_eq!(strategy["additionalProperties"], false);
        assert!(strategy["properties"]["tasks"].is_object());
        assert!(all[0].1.contains("budget_terms"));
    }
}
