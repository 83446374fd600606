//! 미리 읽기: a YAML file's shape, read from the parser's events (yaml-rust2) before serde
//! deserializes it, so that what would take unbounded time or memory is refused first, at
//! its line: more nodes than [`limits::FILE_NODES`] (an alias counts as everything it
//! repeats, so 1 KB of anchors cannot expand to millions of values), nesting deeper than
//! [`limits::YAML_DEPTH`], a text longer than [`limits::TEXT_CHARS`], a key written twice in
//! one mapping (reported where it is written the second time), several documents in one
//! file, and syntax errors — all in Korean.

// A problem is the rare path and is moved once into a list; boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::collections::{HashMap, HashSet};
use std::path::Path;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use crate::model::limits;
use crate::model::problem::Problem;

/// What the scan found in a file that passes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Nodes (scalars, lists, mappings), aliases counted as what they repeat.
    pub nodes: usize,
}

/// An open list or mapping: where its node count started, its anchor, and for a mapping
/// the keys seen so far (and whether the next scalar is a key).
struct Open {
    start: usize,
    anchor: usize,
    keys: Option<(HashMap<String, usize>, bool)>,
}

/// Scans `text` (the file `file`); the first problem stops the scan.
pub fn scan(file: &Path, text: &str) -> Result<Shape, Problem> {
    let mut parser = Parser::new_from_str(text);
    let mut scan = Scan {
        file,
        nodes: 0,
        sizes: HashMap::new(),
        stack: Vec::new(),
        documents: 0,
        aliased: HashSet::new(),
    };
    loop {
        let (event, mark) = parser
            .next_token()
            .map_err(|e| syntax(file, text, e.info(), *e.marker()))?;
        let at = |problem: Problem| problem.at(mark.line(), mark.col() + 1);
        let key = scan.key(&event, mark.line()).map_err(at)?;
        if matches!(event, Event::StreamEnd) {
            break;
        }
        scan.event(event, key).map_err(at)?;
        scan.within_nodes().map_err(at)?;
    }
    Ok(Shape { nodes: scan.nodes })
}

/// A file being scanned: the nodes so far, the size of each anchored node, the lists and
/// mappings open, the documents begun and the anchors repeated by an alias.
struct Scan<'a> {
    file: &'a Path,
    nodes: usize,
    sizes: HashMap<usize, usize>,
    stack: Vec<Open>,
    documents: usize,
    aliased: HashSet<usize>,
}

impl Scan<'_> {
    /// Whether `event` (at `line`) is a key of the innermost mapping, which then expects a
    /// value (or, after a value, a key); a key written twice in it is a problem.
    fn key(&mut self, event: &Event, line: usize) -> Result<bool, Problem> {
        let key = match (event, self.stack.last_mut()) {
            (
                Event::Scalar(value, ..),
                Some(Open {
                    keys: Some((seen, expects)),
                    ..
                }),
            ) if *expects => {
                if let Some(first) = seen.get(value) {
                    return Err(Problem::new(
                        self.file,
                        "",
                        format!("항목 `{value}`이(가) 같은 자리에 두 번 있습니다 (먼저 나온 곳: {first}행)."),
                    )
                    .hint("두 값 중 하나를 지우거나 하나로 합치세요. 어느 쪽을 쓸지 gongsi가 고르지 않습니다."));
                }
                seen.insert(value.clone(), line);
                true
            }
            _ => false,
        };
        if let Some(Open {
            keys: Some((_, expects)),
            ..
        }) = self.stack.last_mut()
            && !matches!(event, Event::MappingEnd)
        {
            *expects = !*expects;
        }
        Ok(key)
    }

    /// Counts one event's nodes (an alias as what it repeats) against the limits of one
    /// document, its depth and the length of a text (`key`: a mapping's key, not a text).
    fn event(&mut self, event: Event, key: bool) -> Result<(), Problem> {
        let file = self.file;
        match event {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Problem::new(
                        file,
                        "",
                        "파일 하나에 YAML 문서가 여럿 있습니다 (`---` 줄).",
                    )
                    .hint("`---` 줄을 지우고 한 파일에는 문서를 하나만 쓰세요. 추진전략마다 파일을 따로 만듭니다."));
                }
            }
            Event::Scalar(value, _, anchor, _) => {
                self.nodes += 1;
                if anchor > 0 {
                    self.sizes.insert(anchor, 1);
                }
                let chars = value.chars().count();
                if !key && chars > limits::TEXT_CHARS {
                    return Err(Problem::new(file, "", limits::too_long(chars))
                    .hint("긴 글은 여러 항목(- text: …)으로 나누세요. 한 항목의 한도는 엑셀 칸 하나와 같습니다."));
                }
            }
            Event::Alias(anchor) => {
                // What the alias repeats, counted again; an alias of an alias multiplies.
                let size = self.sizes.get(&anchor).copied().unwrap_or(1);
                self.nodes = self.nodes.saturating_add(size);
                self.aliased.insert(anchor);
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                self.nodes += 1;
                let mapping = matches!(event, Event::MappingStart(..));
                self.stack.push(Open {
                    start: self.nodes,
                    anchor,
                    keys: mapping.then(|| (HashMap::new(), true)),
                });
                if self.stack.len() > limits::YAML_DEPTH {
                    return Err(Problem::new(
                        file,
                        "",
                        format!(
                            "목록과 묶음이 너무 깊이 겹쳐 있습니다 ({}단계까지).",
                            limits::YAML_DEPTH
                        ),
                    )
                    .hint("items 안의 items를 줄이세요. 들여쓰기가 실수로 계속 깊어지지 않았는지도 확인하세요."));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(open) = self.stack.pop()
                    && open.anchor > 0
                {
                    self.sizes.insert(open.anchor, self.nodes - open.start + 1);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The file's nodes so far within [`limits::FILE_NODES`].
    fn within_nodes(&self) -> Result<(), Problem> {
        if self.nodes <= limits::FILE_NODES {
            return Ok(());
        }
        let how = if self.aliased.is_empty() {
            String::new()
        } else {
            " 별칭(*이름)이 되풀이하는 값도 그 수만큼 셉니다.".to_string()
        };
        Err(Problem::new(
            self.file,
            "",
            format!(
                "파일 하나에 값이 너무 많습니다 ({}개를 넘음).{how}",
                limits::count(limits::FILE_NODES as u64)
            ),
        )
        .hint("내용을 여러 파일(추진전략마다 하나)로 나누세요. 앵커(&)와 별칭(*)으로 내용을 되풀이하지 마세요."))
    }
}

/// A syntax error of the YAML parser, in Korean at its place, the parser's words after.
pub fn syntax(file: &Path, text: &str, info: &str, mark: Marker) -> Problem {
    let line_text = text
        .lines()
        .nth(mark.line().saturating_sub(1))
        .unwrap_or("");
    let (message, hint) = explain(info, line_text);
    Problem::new(file, "", format!("YAML 문법 오류: {message} ({info})"))
        .at(mark.line().max(1), mark.col() + 1)
        .hint(hint)
}

/// What a YAML parser's (libyaml's or yaml-rust2's) message means, and how to fix it.
pub fn explain(info: &str, line: &str) -> (&'static str, &'static str) {
    const DEFAULT_HINT: &str = "들여쓰기(공백 2칸), 콜론 뒤의 공백, 따옴표 짝을 확인하세요. 콜론(:)이나 #이 들어간 글은 큰따옴표로 감싸세요.";
    if line.contains('\t') || info.contains("tab") {
        return (
            "탭 문자가 있습니다. YAML의 들여쓰기에는 탭을 쓸 수 없습니다",
            "탭을 공백(2칸)으로 바꾸세요. 편집기에서 「탭을 공백으로」 설정을 켜 두면 좋습니다.",
        );
    }
    let table: [(&str, &str, &str); 9] = [
        (
            "mapping values are not allowed",
            "이 자리에는 `이름: 값`을 쓸 수 없습니다",
            "글 속에 `: `(콜론과 공백)이 있으면 글 전체를 큰따옴표로 감싸세요. 들여쓰기도 확인하세요.",
        ),
        (
            "did not find expected key",
            "들여쓰기가 맞지 않거나 항목 이름이 있어야 할 자리입니다",
            DEFAULT_HINT,
        ),
        (
            "did not find expected '-'",
            "목록(- ) 줄의 들여쓰기가 맞지 않습니다",
            "같은 목록의 - 들은 같은 칸에서 시작해야 합니다.",
        ),
        (
            "quoted scalar",
            "따옴표로 시작한 글이 닫히지 않았습니다",
            "글의 끝에 여는 따옴표와 같은 따옴표를 붙이세요. 글 안의 큰따옴표는 \\\"로 씁니다.",
        ),
        (
            "unknown anchor",
            "정의되지 않은 별칭(*이름)입니다",
            "별칭 앞에 같은 이름의 앵커(&이름)가 있어야 합니다. *로 시작하는 글이면 큰따옴표로 감싸세요.",
        ),
        (
            "found undefined alias",
            "정의되지 않은 별칭(*이름)입니다",
            "별칭 앞에 같은 이름의 앵커(&이름)가 있어야 합니다. *로 시작하는 글이면 큰따옴표로 감싸세요.",
        ),
        (
            "cannot start any token",
            "값을 시작할 수 없는 글자가 있습니다",
            "`@`, `` ` ``, `%`로 시작하는 글은 큰따옴표로 감싸세요.",
        ),
        (
            "control characters",
            "제어 문자가 있습니다",
            "보이지 않는 제어 문자를 지우세요 (다른 프로그램에서 복사한 글에 섞여 들어올 수 있습니다).",
        ),
        (
            "unexpected end",
            "파일이 중간에 끝났습니다",
            "닫히지 않은 괄호 [ { 나 따옴표가 있는지 확인하세요.",
        ),
    ];
    table
        .iter()
        .find(|(english, _, _)| info.contains(english))
        .map_or(
            ("문법이 맞지 않습니다", DEFAULT_HINT),
            |(_, message, hint)| (message, hint),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanned(text: &str) -> Result<Shape, Problem> {
        scan(Path::new("a.yaml"), text)
    }

    #[test]
    fn counts_nodes_and_what_aliases_repeat() {
        // The mapping, two keys, 1, the list and its two values.
        assert_eq!(scanned("a: 1\nb: [1, 2]\n").unwrap().nodes, 7);
        // The mapping, three keys, the list of three, and twice the list again.
        let text = "x: &x [1, 2, 3]\ny: *x\nz: *x\n";
        assert_eq!(scanned(text).unwrap().nodes, 1 + 3 + 4 + 4 + 4);
    }

    #[test]
    fn a_billion_laughs_is_refused_at_the_alias_that_passes_the_limit() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut previous = 'a';
        for name in 'b'..='j' {
            text.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{previous}"); 10].join(", ")
            ));
            previous = name;
        }
        let problem = scanned(&text).unwrap_err();
        assert!(
            problem.message.contains("값이 너무 많습니다"),
            "{}",
            problem.message
        );
        assert!(problem.message.contains("별칭"), "{}", problem.message);
        assert!(problem.line.unwrap() <= 6, "{problem:?}");
    }

    #[test]
    fn duplicate_keys_are_reported_where_written_again() {
        let problem = scanned("id: a\nname: x\nid: b\n").unwrap_err();
        assert_eq!(problem.line, Some(3));
        assert!(
            problem.message.contains("`id`이(가) 같은 자리에 두 번"),
            "{}",
            problem.message
        );
        assert!(problem.message.contains("1행"), "{}", problem.message);
        // The same key in two mappings is fine.
        assert!(scanned("- id: a\n- id: b\n").is_ok());
        // A value equal to a key is not a key.
        assert!(scanned("id: id\nname: id\n").is_ok());
    }

    #[test]
    fn deep_nesting_long_text_and_several_documents_are_refused() {
        let deep = format!("{}{}", "[".repeat(60), "]".repeat(60));
        assert!(scanned(&deep).unwrap_err().message.contains("깊이"));
        let long = format!("text: {}\n", "가".repeat(limits::TEXT_CHARS + 1));
        let problem = scanned(&long).unwrap_err();
        assert!(
            problem.message.contains("글이 너무 깁니다"),
            "{}",
            problem.message
        );
        assert_eq!(problem.line, Some(1));
        let two = scanned("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(two.message.contains("문서가 여럿"), "{}", two.message);
    }

    #[test]
    fn syntax_errors_are_korean_with_a_place() {
        let tab = scanned("a:\n\tb: 1\n").unwrap_err();
        assert!(tab.message.contains("탭 문자"), "{}", tab.message);
        assert_eq!(tab.line, Some(2));
        let colon = scanned("name: 사업대상: 청년\n").unwrap_err();
        assert!(
            colon.message.starts_with("YAML 문법 오류: 이 자리에는"),
            "{}",
            colon.message
        );
        assert!(
            scanned("a: \"unclosed\nb: 1\n")
                .unwrap_err()
                .message
                .contains("따옴표")
        );
    }
}
