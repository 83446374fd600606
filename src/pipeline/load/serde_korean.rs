//! serde와 YAML 읽기의 영어 메시지를 한국어로 (serde's and the YAML reader's English
//! messages in Korean): an unknown or missing field, a value of the wrong type or out of
//! range, a word that is not one of the choices, nesting and aliases past the limits, and
//! syntax errors — each with a hint on how to fix it; the original words stay in
//! parentheses where they help.

/// Translates serde/YAML messages into Korean with a hint on how to fix them.
pub fn korean(message: &str) -> (String, Option<String>) {
    // serde_yaml prefixes the data path ("tasks[0].name: invalid type: …"); the path is
    // reported separately.
    const KINDS: [&str; 6] = [
        "unknown field ",
        "missing field ",
        "invalid type: ",
        "unknown variant ",
        "invalid value: ",
        "data did not match",
    ];
    let message = KINDS
        .iter()
        .filter_map(|k| message.find(k))
        .min()
        .map_or(message, |at| &message[at..]);
    field_message(message)
        .or_else(|| value_message(message))
        .unwrap_or_else(|| document_message(message))
}

/// The names serde quotes in a message (`` `name` ``), in order.
fn quoted(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// serde's messages about keys: an unknown field (with the fields allowed there) or a
/// missing one.
fn field_message(message: &str) -> Option<(String, Option<String>)> {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = quoted(rest);
        let field = names.first().cloned().unwrap_or_default();
        let allowed = names.iter().skip(1).cloned().collect::<Vec<_>>().join(", ");
        return Some((
            format!("알 수 없는 항목 `{field}`입니다."),
            Some(if allowed.is_empty() {
                "이 자리에는 항목을 쓸 수 없습니다. 철자를 확인하세요.".into()
            } else {
                format!("철자를 확인하세요. 쓸 수 있는 항목: {allowed}")
            }),
        ));
    }
    let rest = message.strip_prefix("missing field ")?;
    let field = quoted(rest).first().cloned().unwrap_or_default();
    Some((
        format!("필수 항목 `{field}`이(가) 없습니다."),
        Some(format!("`{field}:` 항목을 추가하세요.")),
    ))
}

/// serde's messages about values: a value of the wrong type, a word that is not one of
/// the choices, a number out of range, a cell that is neither text nor number.
fn value_message(message: &str) -> Option<(String, Option<String>)> {
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "다른 형식"));
        return Some((
            format!("값의 형식이 맞지 않습니다 (와야 할 것: {}, 적힌 것: {}).", kind(expected), kind(found)),
            Some("숫자에는 따옴표나 쉼표를 쓰지 말고(예: 38000), 글에 콜론(:)이 있으면 큰따옴표로 감싸세요.".into()),
        ));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let names = quoted(rest);
        let found = names.first().cloned().unwrap_or_default();
        let allowed = names.iter().skip(1).cloned().collect::<Vec<_>>().join(", ");
        return Some((
            format!("`{found}`은(는) 쓸 수 없는 값입니다."),
            Some(format!("다음 중 하나를 쓰세요: {allowed}")),
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let found = found.rsplit(' ').next().unwrap_or(found).trim_matches('`');
        let (allowed, hint) = match expected.trim() {
            "u32" | "u64" | "u16" | "u8" | "usize" => {
                ("0 이상의 정수", "0 이상의 정수를 쓰세요. 월은 1~12입니다.")
            }
            "i32" | "i64" => ("정수", "범위 안의 정수를 쓰세요."),
            _ => ("다른 값", "숫자는 ±1,000조(10¹⁵) 안에서 쓰세요."),
        };
        return Some((
            format!("값 {found}은(는) 쓸 수 없습니다: {allowed}이(가) 와야 합니다 ({message})."),
            Some(hint.into()),
        ));
    }
    message
        .starts_with("data did not match any variant")
        .then(|| {
            (
                "값의 형식이 맞지 않습니다.".into(),
                Some("글 또는 숫자를 쓰세요.".into()),
            )
        })
}

/// The YAML reader's messages about the document: nesting or aliases past the limits,
/// several documents in one file, and syntax errors.
fn document_message(message: &str) -> (String, Option<String>) {
    if message.starts_with("recursion limit exceeded") {
        return (
            format!("값이 너무 깊이 겹쳐 있습니다 ({message})."),
            Some("별칭(*이름)이 자기를 품은 앵커(&이름)를 가리키지 않는지, items가 너무 깊지 않은지 확인하세요.".into()),
        );
    }
    if message.starts_with("repetition limit exceeded") {
        return (
            format!("별칭(*이름)으로 되풀이한 값이 너무 많습니다 ({message})."),
            Some("앵커(&)와 별칭(*)으로 내용을 되풀이하지 말고 그대로 적으세요.".into()),
        );
    }
    if message.contains("more than one document") {
        return (
            format!("파일 하나에 YAML 문서가 여럿 있습니다 ({message})."),
            Some("`---` 줄을 지우고 한 파일에는 문서를 하나만 쓰세요.".into()),
        );
    }
    // YAML syntax errors from the parser.
    let (what, hint) = crate::pipeline::load::prescan::explain(message, "");
    (
        format!("YAML 문법 오류: {what} ({message})"),
        Some(hint.into()),
    )
}

/// Korean names for serde's type descriptions.
fn kind(description: &str) -> String {
    let d = description.trim();
    let d = d
        .strip_prefix("a ")
        .or_else(|| d.strip_prefix("an "))
        .unwrap_or(d);
    let word = d.split_whitespace().next().unwrap_or(d);
    let name = match word {
        "string" => "글자",
        "integer" | "i64" | "u64" | "u32" | "i32" => "정수",
        "floating" | "f64" => "숫자",
        "boolean" | "a" if d.contains("boolean") => "참/거짓",
        "boolean" => "참/거짓",
        "sequence" => "목록(- 로 시작하는 줄들)",
        "map" | "struct" => "항목 묶음(이름: 값)",
        "unit" => "빈 값",
        _ => return d.to_string(),
    };
    if let Some(value) = d.split_once(' ').map(|(_, v)| v) {
        format!("{name} {value}")
    } else {
        name.to_string()
    }
}
