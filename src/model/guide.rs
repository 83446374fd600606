//! 항목 설명 (field guide): every field of the YAML files and every column of the workbook,
//! in Korean, from their one source — the doc comments of [`written`](crate::model::written)
//! (through the JSON Schema that schemars derives from them) and the column helps of
//! [`sheets`](crate::model::sheets). The user guide's field reference (`docs/field-guide.md`) and
//! the workbook's 안내 sheet are both written from [`sections`], so the three cannot disagree (a
//! test regenerates the guide page's block and reads the 안내 sheet back).

use schemars::{JsonSchema, schema_for};
use serde_json::{Map, Value};

use crate::model::sheets::{PLAN, PLAN_ITEMS, RECORD_SHEETS};
use crate::model::written::{Chapter, Goals, PlanInfo, Strategy};

/// What starts a placeholder value (채울 곳): a text the district is still to write, e.g.
/// `vision: "채울 곳: 우리 시의 일자리 비전을 한 문장으로"`; `gongsi init` writes them and
/// `gongsi check` reports each one left.
pub const PLACEHOLDER: &str = "채울 곳:";

/// One part of the guide: a file kind, a shared structure, or a workbook sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 제목, e.g. "`strategies/*.yaml`" or "`사업` 시트".
    pub title: String,
    /// What the part is, one sentence.
    pub about: String,
    /// Column headers of the rows: (이름, 형식·필수, 설명).
    pub header: [&'static str; 3],
    /// One row per field or column.
    pub rows: Vec<[String; 3]>,
}

/// Definitions shared by several files (본문 블록 and what it holds): listed once in their own
/// section, and pointed at from where they are used.
const SHARED: [(&str, &str); 8] = [
    ("Block", "본문 블록"),
    ("Table", "표"),
    ("Relation", "계산 관계"),
    ("Cell", "표 칸"),
    ("FullCell", "선택이 있는 표 칸"),
    ("Chart", "그래프"),
    ("Series", "그래프 계열"),
    ("Procedure", "추진절차"),
];

/// The whole guide: the YAML files, the shared structures, then the workbook's sheets.
pub fn sections() -> Vec<Section> {
    let mut all = yaml_sections();
    all.extend(workbook_sections());
    all
}

/// The YAML files' fields, file by file, then the shared structures.
pub fn yaml_sections() -> Vec<Section> {
    let files = [
        ("`plan.yaml`", schema::<PlanInfo>()),
        ("`goals.yaml`", schema::<Goals>()),
        ("`labour-market/*.yaml`", schema::<Chapter>()),
        ("`strategies/*.yaml`", schema::<Strategy>()),
    ];
    let mut definitions = Map::new();
    let mut sections = Vec::new();
    for (title, root) in &files {
        if let Some(Value::Object(defs)) = root.get("$defs") {
            for (name, def) in defs {
                definitions
                    .entry(name.clone())
                    .or_insert_with(|| def.clone());
            }
        }
        let mut rows = Vec::new();
        fields(root, "", &definitions_of(root), &mut rows);
        sections.push(Section {
            title: (*title).to_string(),
            about: description(root),
            header: ["항목", "형식", "설명"],
            rows,
        });
    }
    for (name, korean) in SHARED {
        let Some(def) = definitions.get(name) else {
            continue;
        };
        let mut rows = Vec::new();
        if def.get("properties").is_some() {
            fields(def, "", &definitions, &mut rows);
        } else if let Some(Value::Array(choices)) = def.get("anyOf") {
            // 표 칸: one of several kinds of value.
            for choice in choices {
                rows.push([
                    String::new(),
                    kind(choice, &definitions),
                    description(choice),
                ]);
            }
        }
        sections.push(Section {
            title: format!("{korean} (`{name}`)"),
            about: description(def),
            header: ["항목", "형식", "설명"],
            rows,
        });
    }
    sections
}

/// The workbook's record sheets, column by column, and the items of the `계획` sheet.
pub fn workbook_sections() -> Vec<Section> {
    let mut sections = Vec::new();
    for layout in RECORD_SHEETS {
        let rows = layout
            .columns
            .iter()
            .map(|c| {
                let required = if c.required { "필수" } else { "" };
                [
                    c.header.to_string(),
                    required.to_string(),
                    c.help.to_string(),
                ]
            })
            .collect();
        sections.push(Section {
            title: layout.name.to_string(),
            about: layout.help.to_string(),
            header: ["열", "필수", "설명"],
            rows,
        });
        if layout.name == PLAN.name {
            sections.push(Section {
                title: format!("{} 시트의 항목", PLAN.name),
                about: "계획 시트의 항목 열에 쓰는 이름과 그 값.".into(),
                header: ["항목", "", "설명"],
                rows: PLAN_ITEMS
                    .iter()
                    .map(|(key, help)| [key.to_string(), String::new(), help.to_string()])
                    .collect(),
            });
        }
    }
    sections
}

/// The guide as Markdown, for the user guide's page `docs/field-guide.md` (between its markers).
pub fn markdown() -> String {
    let mut out = String::new();
    let yaml = yaml_sections().len();
    for (i, section) in sections().iter().enumerate() {
        if i == 0 {
            out.push_str("## YAML 계획 폴더\n\n");
        } else if i == yaml {
            out.push_str("## 통합문서의 시트 (`안내` 시트와 같음)\n\n");
        }
        out.push_str(&format!("**{}** — {}\n\n", section.title, section.about));
        let [a, b, c] = section.header;
        out.push_str(&format!("| {a} | {b} | {c} |\n|---|---|---|\n"));
        for [name, kind, about] in &section.rows {
            let name = if name.is_empty() || i >= yaml {
                name.clone()
            } else {
                format!("`{name}`")
            };
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                cell(&name),
                cell(kind),
                cell(about)
            ));
        }
        out.push('\n');
    }
    out
}

/// A Markdown table cell: one line, `|` escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn schema<T: JsonSchema>() -> Value {
    serde_json::to_value(schema_for!(T)).unwrap_or(Value::Null)
}

fn definitions_of(root: &Value) -> Map<String, Value> {
    match root.get("$defs") {
        Some(Value::Object(defs)) => defs.clone(),
        _ => Map::new(),
    }
}

/// The one-paragraph description of a schema node (doc comment lines joined).
fn description(node: &Value) -> String {
    node.get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The definition a node refers to: `$ref`, or the one non-null choice of an optional value.
fn referenced<'a>(
    node: &Value,
    definitions: &'a Map<String, Value>,
) -> Option<(&'a str, &'a Value)> {
    let reference = node
        .get("$ref")
        .or_else(|| {
            node.get("anyOf")
                .and_then(Value::as_array)
                .and_then(|choices| choices.iter().find_map(|c| c.get("$ref")))
        })
        .and_then(Value::as_str)?;
    let name = reference.rsplit('/').next()?;
    definitions
        .get_key_value(name)
        .map(|(name, def)| (name.as_str(), def))
}

/// The fields of an object schema, required ones first (in the order written), then the
/// optional ones; nested objects that belong to this file are expanded under `path.`.
fn fields(
    node: &Value,
    prefix: &str,
    definitions: &Map<String, Value>,
    rows: &mut Vec<[String; 3]>,
) {
    let Some(Value::Object(properties)) = node.get("properties") else {
        return;
    };
    let required: Vec<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut names: Vec<&String> = properties.keys().collect();
    let place = |n: &str| {
        required
            .iter()
            .position(|r| *r == n)
            .unwrap_or(required.len())
    };
    names.sort_by(|a, b| (place(a), a.as_str()).cmp(&(place(b), b.as_str())));
    for name in names {
        let property = &properties[name];
        let is_required = required.contains(&name.as_str());
        let list = property.get("type").and_then(Value::as_str) == Some("array");
        let path = format!("{prefix}{name}{}", if list { "[]" } else { "" });
        let form = kind(property, definitions);
        let form = if is_required {
            format!("{form}, 필수")
        } else {
            form
        };
        rows.push([path.clone(), form, description(property)]);
        let inner = if list {
            property.get("items").unwrap_or(&Value::Null)
        } else {
            property
        };
        if let Some((def_name, def)) = referenced(inner, definitions)
            && !SHARED.iter().any(|(shared, _)| *shared == def_name)
            && def.get("properties").is_some()
        {
            fields(def, &format!("{path}."), definitions, rows);
        }
    }
}

/// The kind of value a field takes, in Korean.
fn kind(node: &Value, definitions: &Map<String, Value>) -> String {
    if let Some(Value::String(t)) = node.get("type") {
        return match t.as_str() {
            "array" => {
                let inner = node.get("items").unwrap_or(&Value::Null);
                format!("{}의 목록", kind(inner, definitions))
            }
            other => simple(other).to_string(),
        };
    }
    if let Some(Value::Array(types)) = node.get("type") {
        let named: Vec<&str> = types
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect();
        if let [one] = named.as_slice() {
            return simple(one).to_string();
        }
    }
    if let Some((name, def)) = referenced(node, definitions) {
        // A choice of words: `enum`, or `oneOf` of `const`s when each word has its comment.
        let words: Vec<String> = match (def.get("enum"), def.get("oneOf")) {
            (Some(Value::Array(words)), _) => words
                .iter()
                .filter_map(Value::as_str)
                .map(|w| format!("`{w}`"))
                .collect(),
            (_, Some(Value::Array(choices))) => choices
                .iter()
                .filter_map(|c| c.get("const").and_then(Value::as_str))
                .map(|w| format!("`{w}`"))
                .collect(),
            _ => Vec::new(),
        };
        if !words.is_empty() {
            return format!("{} 중 하나", words.join(", "));
        }
        if let Some((_, korean)) = SHARED.iter().find(|(shared, _)| *shared == name) {
            return format!("{korean}(→ 「{korean}」)");
        }
        // A value of one of several simple kinds (글 또는 숫자).
        if let Some(Value::Array(choices)) = def.get("anyOf") {
            let kinds: Vec<&str> = choices
                .iter()
                .filter_map(|c| c.get("type").and_then(Value::as_str))
                .map(simple)
                .collect();
            if kinds.len() == choices.len() {
                let mut unique: Vec<&str> = Vec::new();
                for k in kinds {
                    if !unique.contains(&k) {
                        unique.push(k);
                    }
                }
                return unique.join(" 또는 ");
            }
        }
        return "묶음".into();
    }
    if node.get("type").and_then(Value::as_str) == Some("null") {
        return "`~`".into();
    }
    "값".into()
}

fn simple(json_type: &str) -> &'static str {
    match json_type {
        "string" => "글",
        "integer" => "정수",
        "number" => "숫자",
        "boolean" => "true/false",
        "object" => "묶음",
        "null" => "`~`",
        _ => "값",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_yaml_field_is_described_in_korean() {
        for section in yaml_sections() {
            assert!(!section.rows.is_empty(), "{}", section.title);
            for [name, _, about] in &section.rows {
                assert!(
                    about.chars().any(|c| ('가'..='힣').contains(&c)),
                    "{} {name}: {about}",
                    section.title
                );
            }
        }
    }

    #[test]
    fn nested_fields_are_expanded_and_shared_ones_pointed_at() {
        let all = yaml_sections();
        let strategy = all.iter().find(|s| s.title.contains("strategies")).unwrap();
        let names: Vec<&str> = strategy.rows.iter().map(|r| r[0].as_str()).collect();
        assert!(
            names.contains(&"tasks[].projects[].budget.local"),
            "{names:?}"
        );
        assert!(names.contains(&"tasks[].projects[].schedule[].from"));
        let purpose = strategy
            .rows
            .iter()
            .find(|r| r[0] == "tasks[].purpose[]")
            .unwrap();
        assert!(purpose[1].contains("본문 블록"), "{purpose:?}");
        assert_eq!(names[0], "id", "required fields come first");
        assert!(all.iter().any(|s| s.title.starts_with("계산 관계")));
    }

    #[test]
    fn markdown_has_one_table_per_section() {
        let text = markdown();
        assert_eq!(text.matches("|---|---|---|").count(), sections().len());
        assert!(text.contains("| `cover.slogan` |"));
        assert!(text.contains("| 과제ID | 필수 |"));
    }
}
