//! The documentation holds together: every relative link in README.md, ARCHITECTURE.md,
//! CONTRIBUTING.md, benches/README.md and the user guide (`docs/*.md`) names a file that exists,
//! every `#anchor` names a heading of its file (GitHub's slug), every page of the guide is in
//! its table of contents (`docs/SUMMARY.md`), and README's test command is the one CI runs.
//! Plain Rust over the Markdown text, so CI needs no book tool for it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::root;

/// The Markdown files whose links are checked, relative to the repository.
fn documents() -> Vec<PathBuf> {
    let root = root();
    let mut files: Vec<PathBuf> = [
        "README.md",
        "ARCHITECTURE.md",
        "CONTRIBUTING.md",
        "benches/README.md",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    files.extend(
        guide_pages(&root)
            .into_iter()
            .map(|p| Path::new("docs").join(p)),
    );
    files.push(PathBuf::from("docs/SUMMARY.md"));
    files
}

/// The user guide's pages (`docs/*.md` but SUMMARY.md), as file names, sorted.
fn guide_pages(root: &Path) -> Vec<String> {
    let mut pages: Vec<String> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.expect("docs/ entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && name != "SUMMARY.md")
        .collect();
    pages.sort();
    pages
}

/// The text outside fenced code blocks, with every inline code span blanked (its characters
/// become spaces, its line breaks stay), so neither is read as a link or a heading.
fn prose(text: &str) -> String {
    let mut outside = String::with_capacity(text.len());
    let mut fenced = false;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            outside.push('\n');
        } else if fenced {
            outside.push('\n');
        } else {
            outside.push_str(line);
        }
    }
    blank_code_spans(&outside)
}

/// Blanks inline code: a run of n backticks up to the next run of exactly n.
fn blank_code_spans(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let run = |at: usize| chars[at..].iter().take_while(|&&c| c == '`').count();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let n = run(i);
        let mut j = i + n;
        let close = loop {
            if j >= chars.len() {
                break None;
            }
            if chars[j] == '`' {
                let m = run(j);
                if m == n {
                    break Some(j);
                }
                j += m;
            } else {
                j += 1;
            }
        };
        match close {
            Some(j) => {
                for &c in &chars[i..j + n] {
                    out.push(if c == '\n' { '\n' } else { ' ' });
                }
                i = j + n;
            }
            // An unmatched run is literal backticks.
            None => {
                out.extend(&chars[i..i + n]);
                i += n;
            }
        }
    }
    out
}

/// The targets of the inline links and images (`[text](target)`, `![alt](target)`) and of the
/// reference definitions (`[name]: target`), each with its 1-based line.
fn links(text: &str) -> Vec<(usize, String)> {
    let prose = prose(text);
    let mut found = Vec::new();
    for (number, line) in prose.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            let target = after[..end].trim();
            // `<path with spaces>` and `path "title"`.
            let target = target
                .strip_prefix('<')
                .and_then(|t| t.split_once('>').map(|(t, _)| t))
                .unwrap_or_else(|| target.split_whitespace().next().unwrap_or(""));
            found.push((number + 1, target.to_string()));
            rest = &after[end..];
        }
        let trimmed = line.trim_start();
        if let Some(close) = trimmed.strip_prefix('[').and_then(|t| t.find("]:"))
            && !trimmed[1..close + 1].contains('[')
        {
            let target = trimmed[close + 3..].split_whitespace().next().unwrap_or("");
            if !target.is_empty() {
                found.push((number + 1, target.to_string()));
            }
        }
    }
    found
}

/// GitHub's anchor for a heading's text: the text as shown (code marks and link targets
/// dropped), lowercased, without punctuation but `-` and `_`, spaces made `-`. Letters of any
/// script stay, so Korean headings keep their Hangul.
fn slug(heading: &str) -> String {
    // `[text](target)` shows as `text`.
    let mut shown = String::new();
    let mut rest = heading;
    while let Some(at) = rest.find("](") {
        let (before, after) = rest.split_at(at);
        shown.push_str(before);
        rest = after.find(')').map_or("", |end| &after[end + 1..]);
    }
    shown.push_str(rest);
    shown
        .trim()
        .to_lowercase()
        .chars()
        .filter(|&c| c.is_alphanumeric() || c == '-' || c == '_' || c == ' ')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a Markdown file's headings; a repeated one gets `-1`, `-2` … as on GitHub.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    // Headings are read from the text outside fences, with code spans kept (they show).
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if fenced || !(1..=6).contains(&hashes) || !line[hashes..].starts_with(' ') {
            continue;
        }
        let base = slug(line[hashes..].trim_end_matches('#'));
        let mut anchor = base.clone();
        let mut n = 0;
        while seen.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        seen.insert(anchor);
    }
    seen
}

/// `%XX` escapes decoded (a link may spell a Korean name either way).
fn percent_decoded(target: &str) -> String {
    let bytes = target.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The broken links of the Markdown file `file` (relative to `root`), one message each.
fn broken_links(root: &Path, file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(root.join(file))
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let dir = file.parent().unwrap_or(Path::new(""));
    let mut broken = Vec::new();
    for (line, target) in links(&text) {
        let at = format!("{}:{line}", file.display());
        if target.is_empty() {
            broken.push(format!("{at}: empty link"));
            continue;
        }
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let target = percent_decoded(&target);
        let (path, anchor) = match target.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (target.as_str(), None),
        };
        let linked = if path.is_empty() {
            file.to_path_buf()
        } else if let Some(from_root) = path.strip_prefix('/') {
            PathBuf::from(from_root)
        } else {
            dir.join(path)
        };
        let resolved = root.join(&linked);
        if !resolved.exists() {
            broken.push(format!(
                "{at}: `{target}` — {} does not exist",
                linked.display()
            ));
            continue;
        }
        let Some(anchor) = anchor else { continue };
        let headings = std::fs::read_to_string(&resolved)
            .map(|t| anchors(&t))
            .unwrap_or_default();
        if !headings.contains(anchor) {
            broken.push(format!(
                "{at}: `{target}` — {} has no heading with the anchor #{anchor}",
                linked.display()
            ));
        }
    }
    broken
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let root = root();
    let mut checked = 0;
    let mut broken = Vec::new();
    for file in documents() {
        assert!(root.join(&file).is_file(), "{} is missing", file.display());
        broken.extend(broken_links(&root, &file));
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} documents");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_guide_page_is_in_the_table_of_contents() {
    let root = root();
    let summary = std::fs::read_to_string(root.join("docs/SUMMARY.md")).expect("docs/SUMMARY.md");
    let listed: BTreeSet<String> = links(&summary)
        .into_iter()
        .map(|(_, target)| percent_decoded(&target))
        .collect();
    let pages = guide_pages(&root);
    assert!(pages.len() >= 15, "{pages:?}");
    let missing: Vec<&String> = pages.iter().filter(|p| !listed.contains(*p)).collect();
    assert!(
        missing.is_empty(),
        "docs/SUMMARY.md does not list {missing:?}"
    );
}

#[test]
fn readme_test_command_is_the_one_ci_runs() {
    let root = root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let start = readme
        .find("\n## 두 명령")
        .expect("README has its `## 두 명령` section");
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let commands: Vec<&str> = section
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("bash ") || l.starts_with("cargo "))
        .collect();
    assert_eq!(
        commands,
        [
            "bash .ci/setup && cargo run --release -- build",
            "cargo test --locked"
        ],
        "README's two commands"
    );
    let ci = std::fs::read_to_string(root.join(".ci/run")).expect(".ci/run");
    for command in ["bash .ci/setup", "cargo test --locked"] {
        assert!(
            ci.lines().any(|l| l.trim() == command),
            ".ci/run does not run README's `{command}`"
        );
    }
}

#[test]
fn slugs_are_githubs_for_korean_headings() {
    for (heading, anchor) in [
        (" 자료 검사: `gongsi check`", "자료-검사-gongsi-check"),
        (" HTML 판 (`index.html`)", "html-판-indexhtml"),
        (" 표의 계산 관계 (`relations`)", "표의-계산-관계-relations"),
        (
            " 받은 계획과 통합문서: 한도와 안전",
            "받은-계획과-통합문서-한도와-안전",
        ),
        (" [여러 계획](batch.md) 한꺼번에", "여러-계획-한꺼번에"),
        (" snake_case와 I–V", "snake_case와-iv"),
    ] {
        assert_eq!(slug(heading), anchor, "{heading}");
    }
    let text = "# 성능\n\n```sh\n# 주석은 제목이 아님\n```\n## 측정\n### 측정\n";
    let found = anchors(text);
    assert_eq!(
        found,
        ["성능", "측정", "측정-1"]
            .map(String::from)
            .into_iter()
            .collect()
    );
}

#[test]
fn a_broken_link_or_anchor_is_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/a.md"), "# 가\n\n## 한글 제목 (`b`)\n").unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        "# 제목\n\n[좋음](docs/a.md#한글-제목-b), [같은 쪽](#제목), [주소](https://example.org/x),\n\
         [인코딩](docs/%EA%B0%80.md) `[코드](none.md)` 와\n\
         ```\n[울타리](none.md)\n```\n\
         [없는 파일](docs/b.md) [없는 제목](docs/a.md#없음)\n\n[정의]: docs/c.md\n",
    )
    .unwrap();
    let broken = broken_links(dir.path(), Path::new("README.md"));
    let lines: Vec<&str> = broken
        .iter()
        .map(|m| m.split(" — ").next().unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "README.md:4: `docs/가.md`",
            "README.md:8: `docs/b.md`",
            "README.md:8: `docs/a.md#없음`",
            "README.md:10: `docs/c.md`",
        ],
        "{broken:#?}"
    );
}
