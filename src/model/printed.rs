//! 인쇄된 줄 (printed lines): a 한글 document as `diff` compares it — its paragraphs and
//! table rows in reading order, each with the mark (표시) gongsi wrote for where it came from,
//! and the reviewer's 메모 and tracked changes (변경 내용 추적) with their place.
//!
//! The HWPX writer (`renditions/hwpx`) names each part of the plan it starts — a chapter, a
//! task, a project — with a [`Scope`] key, written as a 책갈피 (bookmark) at its first
//! paragraph and as the `name` of every cell of its tables, both of which 한글 keeps when it
//! saves. The reader (`pipeline/load/hwpx`) gives each line the key of the part it is in.

use serde::Serialize;

/// The key of a part of the plan as the HWPX writer marks it (자리 표시): `표지`, `순서`,
/// `I`, `II`, `II/2` (the third chapter), `III`, `IV`, `IV/<전략 id>/<과제 id>`,
/// `IV/<전략 id>/<과제 id>/<사업 id>`, `IV/<전략 id>/<과제 id>/~효과` (a task's part after its
/// projects), `IV/<전략 id>/<과제 id>/~추진계획` (its 【추진계획】 table), `V`, `V/<전략 id>[/<과제 id>[/<사업 id>]]` (the 추진일정's rows). Ids are the
/// plan's own, so a key names the same part in every draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Scope(pub String);

impl Scope {
    /// The prefix every gongsi mark carries, so that a reviewer's own bookmarks and cell
    /// names are not taken for ours.
    pub const PREFIX: &'static str = "gongsi:";

    /// The name of a cell that repeats a row printed above it (a table the PDF splits
    /// across pages is two tables in the HWPX, the second starting with the first's header
    /// and group rows): not a line of the document, the reader skips it.
    pub const REPEATED: &'static str = "gongsi-되풀이";

    /// The key as written in the file: `gongsi:IV/youth/t1`.
    pub fn mark(&self) -> String {
        format!("{}{}", Self::PREFIX, self.0)
    }

    /// The key of a mark found in a file; `None` for a name gongsi did not write.
    pub fn from_mark(mark: &str) -> Option<Scope> {
        mark.strip_prefix(Self::PREFIX)
            .filter(|key| !key.is_empty())
            .map(|key| Scope(key.to_string()))
    }

    /// A key from its parts: `Scope::of(&["IV", "youth", "t1"])`.
    pub fn of(parts: &[&str]) -> Scope {
        Scope(parts.join("/"))
    }

    /// The ids in the key after the part (`IV/youth/t1/p1` → `youth`, `t1`, `p1`; a `~…`
    /// section name is not an id).
    pub fn ids(&self) -> Vec<&str> {
        self.0
            .split('/')
            .skip(1)
            .filter(|s| !s.starts_with('~'))
            .collect()
    }

    /// The part: `표지`, `I` … `V`.
    pub fn part(&self) -> &str {
        self.0.split('/').next().unwrap_or("")
    }
}

/// What a printed line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineKind {
    /// A paragraph of text (a bullet, a heading, a caption, a footnote).
    Paragraph,
    /// A row of a table: its cells' text joined by ` | `.
    Row,
}

/// One printed line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The part of the plan it is in (the last mark before it); `None` before any mark or
    /// in a file without gongsi's marks.
    pub scope: Option<Scope>,
    /// Paragraph or table row.
    pub kind: LineKind,
    /// The text as it reads (tracked insertions in, tracked deletions out).
    pub text: String,
    /// For a row: the table's number in the document (from 1) and the row's (from 1).
    pub table: Option<(usize, usize)>,
}

/// A reviewer's remark in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RemarkKind {
    /// 메모.
    Memo,
    /// 변경 내용 추적: inserted text.
    Inserted,
    /// 변경 내용 추적: deleted text.
    Deleted,
}

impl RemarkKind {
    /// The Korean term.
    pub fn term(&self) -> &'static str {
        match self {
            RemarkKind::Memo => "메모",
            RemarkKind::Inserted => "변경 추적: 넣음",
            RemarkKind::Deleted => "변경 추적: 지움",
        }
    }
}

/// A 메모 or a tracked change, with the line it is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remark {
    /// 메모 or a tracked insertion or deletion.
    pub kind: RemarkKind,
    /// Who wrote it, when the file says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The memo's text, or the inserted or deleted text.
    pub text: String,
    /// The index in [`Printed::lines`] of the line it is attached to.
    #[serde(skip)]
    pub line: usize,
}

/// A 한글 document as printed lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printed {
    /// Paragraphs and table rows in reading order (empty paragraphs left out).
    pub lines: Vec<Line>,
    /// 메모 and tracked changes, in reading order.
    pub remarks: Vec<Remark>,
}

impl Printed {
    /// Whether any line carries gongsi's marks.
    pub fn is_marked(&self) -> bool {
        self.lines.iter().any(|l| l.scope.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_read_back_only_with_the_prefix() {
        let key = Scope("IV/youth/t1".into());
        assert_eq!(Scope::from_mark(&key.mark()), Some(key.clone()));
        assert_eq!(key.ids(), ["youth", "t1"]);
        assert_eq!(key.part(), "IV");
        assert_eq!(Scope::of(&["IV", "y", "t", "~효과"]).ids(), ["y", "t"]);
        assert_eq!(Scope::from_mark("표1"), None);
        assert_eq!(Scope::from_mark("gongsi:"), None);
    }
}
