//! The committed JSON Schemas (`schema/`) are what `gongsi schema` writes today, and every
//! content file names the schema of its kind on its first line.

use crate::common::*;

#[test]
fn committed_schemas_are_up_to_date() {
    for (name, text) in gongsi::commands::schema::schemas() {
        let committed =
            std::fs::read_to_string(root().join("schema").join(name)).unwrap_or_default();
        assert!(
            committed == text,
            "schema/{name} is out of date: run `cargo run -- schema -o schema`"
        );
    }
}

#[test]
fn schema_command_writes_one_file_per_kind() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["schema", "-o", "out"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["plan", "goals", "chapter", "strategy"] {
        let text =
            std::fs::read_to_string(dir.path().join(format!("out/{name}.schema.json"))).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(json["properties"].is_object(), "{name}");
    }
}

#[test]
fn content_files_point_their_editor_at_the_right_schema() {
    let content = root().join("content/2021-인천서구");
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let first = text.lines().next().unwrap_or("");
        let schema = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{}: first line is `{first}`", entry.path().display()));
        let relative = entry.path().strip_prefix(&content).unwrap();
        let kind = match relative.iter().next().and_then(|p| p.to_str()) {
            Some("labour-market") => "chapter",
            Some("strategies") => "strategy",
            Some("plan.yaml") => "plan",
            _ => "goals",
        };
        assert!(
            schema.ends_with(&format!("/schema/{kind}.schema.json")),
            "{schema}"
        );
        let target = entry.path().parent().unwrap().join(schema);
        assert!(
            target.exists(),
            "{} → {}",
            entry.path().display(),
            target.display()
        );
    }
}
