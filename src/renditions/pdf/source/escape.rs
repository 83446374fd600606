//! The one escaping path from data to Typst source (자료 → Typst 이스케이프).
//!
//! Why string literals: every value a template prints is emitted as a Typst *string
//! literal* embedded in markup, `#"…";`. Inside a string literal only `\`, `"` and control
//! characters have meaning, so the escape table below is complete by construction — no
//! markup character (`# $ * _ ` < > @ [ ] ~ = - + /`, `//`, `/*`, `1.` at a line start, URLs)
//! can ever be read as markup, because Typst never parses the contents of a string as
//! markup. The trailing `;` ends the embedded expression, so template text that follows a
//! value (`(`, `.`, `[`) is never read as a call or a field access. Numbers and text alike go
//! through here; a template can only bypass it with an explicit `|safe` on text it built
//! itself.
//!
//! In code positions (function arguments, chart data) templates use the `code` filter,
//! which emits a Typst literal built with the same string escaping.

use std::fmt::Write;

use minijinja::value::{Value, ValueKind};

/// Writes `text` as the body of a Typst string literal (without the quotes).
fn push_string_body(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// A Typst string literal: `"text"`.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    push_string_body(&mut out, text);
    out.push('"');
    out
}

/// Text for a markup position: printed literally, whatever it contains.
pub fn markup(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(text.len() + 4);
    out.push('#');
    out.push_str(&string_literal(text));
    out.push(';');
    out
}

/// A phrase of the document's fixed wording ([`crate::model::wording`]: plain text, checked)
/// as Typst markup, written as the templates would write it by hand: a line break as ` \ `,
/// and a leading `1.` escaped so that it is not read as a numbered list.
pub fn phrase(text: &str) -> String {
    let numbered = text
        .find(". ")
        .filter(|&dot| dot > 0 && text[..dot].bytes().all(|b| b.is_ascii_digit()));
    let text = match numbered {
        Some(dot) => format!("{}\\{}", &text[..dot], &text[dot..]),
        None => text.to_string(),
    };
    text.replace('\n', " \\ ")
}

/// A Typst code literal for a template value: `none`, `true`, `12`, `1.5`, `"text"`,
/// `(a, b,)`, `("key": value,)`.
pub fn code(value: &Value) -> String {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => "none".to_string(),
        ValueKind::Bool => value.is_true().to_string(),
        ValueKind::Number => number_literal(value),
        ValueKind::Seq | ValueKind::Iterable => {
            let mut out = String::from("(");
            if let Ok(items) = value.try_iter() {
                for item in items {
                    out.push_str(&code(&item));
                    out.push_str(", ");
                }
            }
            out.push(')');
            out
        }
        ValueKind::Map => {
            let mut out = String::from("(");
            if let Ok(keys) = value.try_iter() {
                for key in keys {
                    let item = value.get_item(&key).unwrap_or_default();
                    out.push_str(&string_literal(&key.to_string()));
                    out.push_str(": ");
                    out.push_str(&code(&item));
                    out.push_str(", ");
                }
            }
            if out.len() == 1 {
                out.push(':');
            }
            out.push(')');
            out
        }
        _ => string_literal(&value.to_string()),
    }
}

/// A number as a Typst int or float literal (non-finite numbers become `none`).
fn number_literal(value: &Value) -> String {
    if value.is_integer()
        && let Some(int) = value.as_i64()
    {
        return int.to_string();
    }
    match f64::try_from(value.clone()) {
        Ok(float) if float.is_finite() => {
            let text = format!("{float:?}");
            if text.contains(['.', 'e']) {
                text
            } else {
                format!("{text}.0")
            }
        }
        _ => "none".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_stay_one_literal() {
        let text = "아주 긴 본문 문장 ".repeat(300);
        assert_eq!(markup(&text), format!("#\"{text}\";"));
    }

    #[test]
    fn markup_wraps_in_a_string_literal() {
        assert_eq!(markup("청년"), "#\"청년\";");
        assert_eq!(markup(""), "");
        assert_eq!(markup("a\"b\\c"), r#"#"a\"b\\c";"#);
        assert_eq!(markup("줄\n바꿈"), "#\"줄\\n바꿈\";");
        assert_eq!(markup("\u{7}"), "#\"\\u{7}\";");
    }

    #[test]
    fn markup_characters_stay_inside_the_literal() {
        for nasty in [
            "#set text(red)",
            "*굵게*",
            "$x$",
            "<label>",
            "@ref",
            "[a]",
            "// c",
            "/* c",
            "= 제목",
            "1. 항목",
            "- 항목",
            "`raw`",
            "https://a.b/c",
        ] {
            let out = markup(nasty);
            assert!(out.starts_with("#\"") && out.ends_with("\";"), "{out}");
            assert_eq!(&out[2..out.len() - 2], nasty);
        }
    }

    #[test]
    fn code_literals() {
        assert_eq!(code(&Value::from(3)), "3");
        assert_eq!(code(&Value::from(2.5)), "2.5");
        assert_eq!(code(&Value::from(2.0)), "2.0");
        assert_eq!(code(&Value::from(408_068.0)), "408068.0");
        assert_eq!(code(&Value::from(())), "none");
        assert_eq!(code(&Value::from("a\"")), r#""a\"""#);
        assert_eq!(code(&Value::from(vec![1, 2])), "(1, 2, )");
        let map = Value::from(std::collections::BTreeMap::from([("키", 1)]));
        assert_eq!(code(&map), "(\"키\": 1, )");
        let empty = Value::from(std::collections::BTreeMap::<String, i32>::new());
        assert_eq!(code(&empty), "(:)");
    }
}
