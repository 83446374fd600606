//! 경고 요약 (digest): the warnings of a build said short — one line per rule with what the
//! rule finds, how many and the first place, then the command that shows them all (`build
//! --verbose` prints every report instead, as `gongsi check` does).

use std::path::Path;

use crate::cli::findings;
use crate::model::problem::Finding;

/// What a warning rule finds, in a few words ([`crate::pipeline::check`] has the rules).
pub fn what(rule: &str) -> &'static str {
    match rule {
        "budget-total" => "사업예산의 계가 재원의 합과 다름",
        "table-sum" => "표의 합계가 맞지 않음",
        "table-share" => "표의 구성비가 맞지 않음",
        "table-change" => "표의 증감률이 맞지 않음",
        "table-difference" => "표의 증감(%p)이 맞지 않음",
        "table-ratio" => "표의 비율이 맞지 않음",
        "missing-figure" => "아직 적지 않은 숫자(~)",
        "rounding-note" => "단수 조정할 수 없는 표",
        "incomplete" => "빠진 내용",
        "placeholder" => "채우지 않은 「채울 곳」",
        _ => "그 밖의 경고",
    }
}

/// The findings grouped by rule, in the order the rules first appear: the rule, how many,
/// and the first finding.
fn by_rule(found: &[Finding]) -> Vec<(&'static str, usize, &Finding)> {
    let mut groups: Vec<(&'static str, usize, &Finding)> = Vec::new();
    for finding in found {
        match groups.iter_mut().find(|(rule, ..)| *rule == finding.rule) {
            Some(group) => group.1 += 1,
            None => groups.push((finding.rule, 1, finding)),
        }
    }
    groups
}

/// What the warnings are, by rule: `채우지 않은 「채울 곳」 76건, 빠진 내용 12건`.
pub fn kinds(found: &[Finding]) -> String {
    by_rule(found)
        .iter()
        .map(|(rule, count, _)| format!("{} {count}건", what(rule)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The digest: a line per rule (`경고[rule] what N건 — 처음: place`) and the command that
/// shows every warning of `plan` (the embedded reference plan when `None`).
pub fn digest(found: &[Finding], plan: Option<&Path>) -> String {
    let mut out = format!("경고 {}건 (규칙별 건수와 처음 나온 곳):\n", found.len());
    for (rule, count, first) in by_rule(found) {
        out.push_str(&format!(
            "  경고[{rule}] {} {count}건 — 처음: {}\n",
            what(rule),
            findings::place(&first.problem)
        ));
    }
    out.push_str(&format!(
        "  gongsi check로 모두 보기: {}\n",
        check_command(plan)
    ));
    out
}

/// `gongsi check <plan>`, the plan quoted for the shell when it needs it.
pub fn check_command(plan: Option<&Path>) -> String {
    match plan {
        None => "gongsi check".to_string(),
        Some(plan) => format!("gongsi check {}", shell_word(&plan.display().to_string())),
    }
}

/// `text` as one word of a POSIX shell: as it is when plain, else in single quotes.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || "-_./,:=+@%".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::problem::Problem;

    fn warning(rule: &'static str, file: &str, line: usize) -> Finding {
        Finding::warning(
            rule,
            Problem::new(Path::new(file), "a.b", "틀림").at(line, 3),
            0.0,
            0.0,
        )
    }

    #[test]
    fn the_digest_has_a_line_per_rule_with_its_count_and_first_place() {
        let found = [
            warning("placeholder", "plan.yaml", 5),
            warning("incomplete", "goals.yaml", 2),
            warning("placeholder", "goals.yaml", 9),
        ];
        let text = digest(&found, Some(Path::new("새 계획")));
        assert_eq!(
            text,
            "경고 3건 (규칙별 건수와 처음 나온 곳):\n\
             \x20 경고[placeholder] 채우지 않은 「채울 곳」 2건 — 처음: plan.yaml:5:3 (a.b)\n\
             \x20 경고[incomplete] 빠진 내용 1건 — 처음: goals.yaml:2:3 (a.b)\n\
             \x20 gongsi check로 모두 보기: gongsi check '새 계획'\n"
        );
        assert_eq!(kinds(&found), "채우지 않은 「채울 곳」 2건, 빠진 내용 1건");
    }

    #[test]
    fn every_warning_rule_is_named() {
        for rule in [
            "budget-total",
            "table-sum",
            "table-share",
            "table-change",
            "table-difference",
            "table-ratio",
            "missing-figure",
            "rounding-note",
            "incomplete",
            "placeholder",
        ] {
            assert_ne!(what(rule), what("no-such-rule"), "{rule}");
        }
    }

    #[test]
    fn plans_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(check_command(None), "gongsi check");
        assert_eq!(
            check_command(Some(Path::new("/tmp/2027-가나구"))),
            "gongsi check /tmp/2027-가나구"
        );
        assert_eq!(
            check_command(Some(Path::new("it's here"))),
            r"gongsi check 'it'\''s here'"
        );
    }
}
