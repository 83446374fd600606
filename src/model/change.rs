//! 초안 비교 (`gongsi diff`): the model of what changed between two drafts of a plan.
//!
//! `pipeline/compare` matches strategies (추진전략), tasks (실천과제) and projects (세부사업)
//! by their `id`, so a reordering is a move, not a deletion and an addition. Every change is
//! said one way ([`Change::describe`]), which `cli/changes.rs` prints as text or Markdown and
//! the review PDF's first page (`renditions/pdf/review.rs`) as rows.

use serde::Serialize;

use crate::model::number;
use crate::model::spot::Spot;

/// Everything that changed from the old draft to the new one, grouped by part and task in
/// the new draft's document order.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// The old draft as given on the command line.
    pub old: String,
    /// The new draft as given on the command line.
    pub new: String,
    /// Groups of changes (only groups with changes).
    pub sections: Vec<Section>,
    /// A reviewer's 메모 and tracked changes (변경 내용 추적) in a 한글 draft.
    pub remarks: Vec<Remark>,
    /// What the reader should know about how the drafts were matched (a 한글 draft without
    /// gongsi's marks is matched by content and order).
    pub notes: Vec<String>,
}

/// A 메모 or tracked change found in a 한글 draft, with its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remark {
    /// `메모`, `변경 추적: 넣음`, `변경 추적: 지움`.
    pub kind: String,
    /// Who wrote it, when the file says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The memo's text, or the text inserted or deleted.
    pub text: String,
    /// What it is attached to, as a change names it: `실천과제 「…」 · 문단`.
    pub subject: String,
    /// The line it is attached to.
    pub line: String,
    /// Where that is in the plan's own files (`file:줄`, `통합문서 시트!셀`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Diff {
    /// Whether the drafts print the same plan (and a 한글 draft has no 메모 or tracked
    /// change).
    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(|s| s.changes.is_empty()) && self.remarks.is_empty()
    }

    /// Every spot the changes concern, for the review PDF.
    pub fn spots(&self) -> impl Iterator<Item = &Spot> {
        self.changes().flat_map(Change::spots)
    }

    /// Every change, in order.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.sections.iter().flat_map(|s| s.changes.iter())
    }

    /// How many changes of each kind.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for change in self.changes() {
            match change {
                Change::Added { .. } => counts.added += 1,
                Change::Removed { .. } => counts.removed += 1,
                Change::Moved { .. } => counts.moved += 1,
                Change::Number { .. } => counts.numbers += 1,
                Change::Text { .. } => counts.texts += 1,
                Change::Total { .. } => counts.totals += 1,
            }
        }
        counts
    }
}

/// How many changes of each kind a diff has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// 추가된 전략·과제·사업.
    pub added: usize,
    /// 삭제된 전략·과제·사업.
    pub removed: usize,
    /// 옮겨진 전략·과제·사업.
    pub moved: usize,
    /// 바뀐 숫자 (입력값).
    pub numbers: usize,
    /// 바뀐 글.
    pub texts: usize,
    /// 합계에 미친 영향 (계산값).
    pub totals: usize,
}

/// Which part of the document a group of changes belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// 표지와 계획 정보 (`plan.yaml`).
    Cover,
    /// I. 요약: the plan's totals.
    Summary,
    /// II. 지역 노동시장 현황.
    LabourMarket,
    /// III. 일자리 목표.
    Goals,
    /// IV. 세부 실천과제 (and V. 추진일정).
    Tasks,
}

/// A group of changes: one part, or one strategy or task of part IV.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The part.
    pub part: Part,
    /// Heading, e.g. `IV. 전략1 청년 행복 일자리 확대 › ① 청년 창업 인프라 조성`.
    pub title: String,
    /// The strategy's id, for part IV.
    pub strategy: Option<String>,
    /// The task's id, for a task's group.
    pub task: Option<String>,
    /// The changes, in document order.
    pub changes: Vec<Change>,
}

/// What kind of item was added, removed or moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Item {
    /// 추진전략.
    Strategy,
    /// 실천과제.
    Task,
    /// 세부사업.
    Project,
}

impl Item {
    /// The Korean term.
    pub fn term(self) -> &'static str {
        match self {
            Item::Strategy => "추진전략",
            Item::Task => "실천과제",
            Item::Project => "세부사업",
        }
    }
}

/// Which total a computed figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 과제 합계 (세부사업의 합).
    Task,
    /// 전략 합계 (과제의 합).
    Strategy,
    /// 계획 전체 합계 (전략의 합).
    Plan,
    /// 공통 일자리 목표의 계산값 (달성률, 증감).
    Goal,
}

impl Level {
    /// The Korean term.
    pub fn term(self) -> &'static str {
        match self {
            Level::Task => "과제 합계",
            Level::Strategy => "전략 합계",
            Level::Plan => "계획 전체",
            Level::Goal => "계산값",
        }
    }
}

/// A figure: whole numbers (천원, 명) stay integers, so no amount is ever rounded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Amount {
    /// 천원, 명.
    Int(i64),
    /// 비율, 목표값.
    Decimal(f64),
}

impl Amount {
    /// `new − old`, exact for integers.
    pub fn minus(self, old: Amount) -> Amount {
        match (self, old) {
            (Amount::Int(a), Amount::Int(b)) => Amount::Int(a - b),
            (a, b) => Amount::Decimal(round_noise(a.as_f64() - b.as_f64())),
        }
    }

    /// As a float.
    pub fn as_f64(self) -> f64 {
        match self {
            Amount::Int(v) => v as f64,
            Amount::Decimal(v) => v,
        }
    }

    /// As printed in the document: `38,000`, `△1.4`.
    pub fn print(self) -> String {
        match self {
            Amount::Int(v) => number::integer(v),
            Amount::Decimal(v) => number::decimal(v),
        }
    }

    /// A difference with its sign: `+10,000`, `△800`, `0`.
    pub fn signed(self) -> String {
        let positive = self.as_f64() > 0.0;
        let printed = self.print();
        if positive {
            format!("+{printed}")
        } else {
            printed
        }
    }
}

/// Rounds away binary noise from a difference of decimals (`34.1 − 30.2`), keeping up to
/// six decimal places, more than any figure of a plan has.
fn round_noise(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

/// One piece of a word-level text difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// `equal`, `delete` or `insert`.
    pub op: WordOp,
    /// The text, including the spaces around words.
    pub text: String,
}

/// The words of `new` and of `old` in order, each run with what happened to it (word by
/// word, as [`similar`] splits text into words and the spaces around them).
pub fn word_diff(old: &str, new: &str) -> Vec<Word> {
    let diff = similar::TextDiff::from_words(old, new);
    let mut words: Vec<Word> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            similar::ChangeTag::Equal => WordOp::Equal,
            similar::ChangeTag::Delete => WordOp::Delete,
            similar::ChangeTag::Insert => WordOp::Insert,
        };
        match words.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => words.push(Word {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    words
}

/// What happened to a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WordOp {
    /// In both drafts.
    Equal,
    /// Only in the old draft.
    Delete,
    /// Only in the new draft.
    Insert,
}

/// A number changed inside a changed line of text (a table row, a bullet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureChange {
    /// Old value.
    pub old: Amount,
    /// New value.
    pub new: Amount,
    /// `new − old`.
    pub difference: Amount,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Change {
    /// An item only in the new draft.
    Added {
        /// 전략, 과제 or 사업.
        item: Item,
        /// Its id.
        id: String,
        /// Its name.
        name: String,
        /// Where it is in the new draft, e.g. `전략1 › ① 청년 창업 인프라 조성`.
        place: String,
        /// Where the plan model prints it, for the review PDF.
        #[serde(skip)]
        spots: Vec<Spot>,
    },
    /// An item only in the old draft.
    Removed {
        /// 전략, 과제 or 사업.
        item: Item,
        /// Its id.
        id: String,
        /// Its name.
        name: String,
        /// Where it was in the old draft.
        place: String,
        /// Where the plan model prints it, for the review PDF.
        #[serde(skip)]
        spots: Vec<Spot>,
    },
    /// An item in both drafts, at another place or in another order.
    Moved {
        /// 전략, 과제 or 사업.
        item: Item,
        /// Its id.
        id: String,
        /// Its name (new draft).
        name: String,
        /// Where it was.
        from: String,
        /// Where it is.
        to: String,
        /// Where the plan model prints it, for the review PDF.
        #[serde(skip)]
        spots: Vec<Spot>,
    },
    /// An input figure changed (사업예산, 성과목표, 공통 목표).
    Number {
        /// What the figure is, e.g. `세부사업 「청년 창업 공간 조성사업」 사업예산 구비`.
        subject: String,
        /// Stable data path, e.g. `project/youth-startup-space/budget/local`.
        path: String,
        /// `천원`, `명`, `%`.
        unit: String,
        /// Old value; `None` when the old draft has none.
        old: Option<Amount>,
        /// New value; `None` when the new draft has none.
        new: Option<Amount>,
        /// `new − old`, when both exist.
        difference: Option<Amount>,
        /// Where the plan model prints it, for the review PDF.
        #[serde(skip)]
        spots: Vec<Spot>,
    },
    /// A text changed: a name, a line of body text, a table row, a schedule bar.
    Text {
        /// What the text is, e.g. `실천과제 「…」 사업목적`.
        subject: String,
        /// Stable data path, e.g. `task/youth-startup/purpose`.
        path: String,
        /// Old text (empty for an added line).
        old: String,
        /// New text (empty for a removed line).
        new: String,
        /// Word-level difference (어절 단위).
        words: Vec<Word>,
        /// Numbers that changed inside the line, with their differences.
        figures: Vec<FigureChange>,
        /// Where the line is in the plan's own files (`strategies/1-youth.yaml:42`,
        /// `계획.xlsx 사업!F12`), for a change read from a 한글 draft.
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<String>,
        /// Where the plan model prints it, for the review PDF.
        #[serde(skip)]
        spots: Vec<Spot>,
    },
    /// A computed total changed as a consequence (과제·전략·계획 합계, 달성률).
    Total {
        /// Task, strategy, plan or goal.
        level: Level,
        /// Whose total, e.g. `전략1 청년 행복 일자리 확대`.
        subject: String,
        /// Which figure, e.g. `사업비 계`, `국비`, `일자리 목표`.
        measure: String,
        /// Stable data path, e.g. `strategy/youth/budget/total`.
        path: String,
        /// `천원`, `명`, `%`.
        unit: String,
        /// Old value.
        old: Amount,
        /// New value.
        new: Amount,
        /// `new − old`.
        difference: Amount,
        /// Where the plan model prints it, for the review PDF.
        #[serde(skip)]
        spots: Vec<Spot>,
    },
}

/// What kind of change a [`Description`] is, with its Korean verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 추가.
    Added,
    /// 삭제.
    Removed,
    /// 이동.
    Moved,
    /// 숫자 (입력값).
    Number,
    /// 글.
    Text,
    /// 합계 (계산값).
    Total,
}

impl Kind {
    /// The verb every printer shows: 추가, 삭제, 이동, 숫자, 글, 합계.
    pub fn verb(self) -> &'static str {
        match self {
            Kind::Added => "추가",
            Kind::Removed => "삭제",
            Kind::Moved => "이동",
            Kind::Number => "숫자",
            Kind::Text => "글",
            Kind::Total => "합계",
        }
    }
}

/// A change as every printer says it (바뀐 곳 한 건): the text and Markdown change lists and
/// the review PDF's first page all print this, each in its own markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Description<'a> {
    /// What kind of change.
    pub kind: Kind,
    /// For an added, removed or moved item: its term (세부사업 …), name and id.
    pub item: Option<(&'static str, &'a str, &'a str)>,
    /// What changed: `세부사업 「…」`, `실천과제 「…」 사업목적`, `계획 전체 국비`.
    pub subject: String,
    /// Before: where a removed or moved item was, an old figure (`None` for a figure the
    /// old draft does not have).
    pub old: Option<String>,
    /// After: where an added or moved item is, a new figure.
    pub new: Option<String>,
    /// The figures' unit (`천원`, `명`, `%`), printed after the new figure.
    pub unit: &'a str,
    /// `new − old` with its sign (`+10,000`, `△800`), for figures.
    pub difference: Option<String>,
    /// For a changed text: its words.
    pub words: &'a [Word],
    /// For a changed text: the figures that changed inside it.
    pub figures: &'a [FigureChange],
    /// For a change read from a 한글 draft: where it is in the plan's own files.
    pub source: Option<&'a str>,
}

impl Change {
    /// Where the plan model prints what this change concerns ([`Spot`]): what the review
    /// PDF marks.
    pub fn spots(&self) -> &[Spot] {
        match self {
            Change::Added { spots, .. }
            | Change::Removed { spots, .. }
            | Change::Moved { spots, .. }
            | Change::Number { spots, .. }
            | Change::Text { spots, .. }
            | Change::Total { spots, .. } => spots,
        }
    }

    /// The change with `more` spots.
    pub fn at(mut self, more: impl IntoIterator<Item = Spot>) -> Self {
        match &mut self {
            Change::Added { spots, .. }
            | Change::Removed { spots, .. }
            | Change::Moved { spots, .. }
            | Change::Number { spots, .. }
            | Change::Text { spots, .. }
            | Change::Total { spots, .. } => spots.extend(more),
        }
        self
    }

    /// The change as every printer says it.
    pub fn describe(&self) -> Description<'_> {
        match self {
            Change::Added {
                item,
                id,
                name,
                place,
                ..
            } => Description::item(Kind::Added, *item, id, name, None, Some(place)),
            Change::Removed {
                item,
                id,
                name,
                place,
                ..
            } => Description::item(Kind::Removed, *item, id, name, Some(place), None),
            Change::Moved {
                item,
                id,
                name,
                from,
                to,
                ..
            } => Description::item(Kind::Moved, *item, id, name, Some(from), Some(to)),
            Change::Number {
                subject,
                unit,
                old,
                new,
                difference,
                ..
            } => Description {
                old: old.map(Amount::print),
                new: new.map(Amount::print),
                unit,
                difference: difference.map(Amount::signed),
                ..Description::plain(Kind::Number, subject.clone())
            },
            Change::Text {
                subject,
                words,
                figures,
                source,
                ..
            } => Description {
                words,
                figures,
                source: source.as_deref(),
                ..Description::plain(Kind::Text, subject.clone())
            },
            Change::Total {
                subject,
                measure,
                unit,
                old,
                new,
                difference,
                ..
            } => Description {
                old: Some(old.print()),
                new: Some(new.print()),
                unit,
                difference: Some(difference.signed()),
                ..Description::plain(Kind::Total, format!("{subject} {measure}"))
            },
        }
    }
}

/// An item as a change names it: `세부사업 「청년 창업 공간 조성사업」`.
fn named(item: Item, name: &str) -> String {
    format!("{} 「{name}」", item.term())
}

impl<'a> Description<'a> {
    /// A change of `kind` about `subject`, nothing else said yet.
    fn plain(kind: Kind, subject: String) -> Self {
        Description {
            kind,
            item: None,
            subject,
            old: None,
            new: None,
            unit: "",
            difference: None,
            words: &[],
            figures: &[],
            source: None,
        }
    }

    /// An item added, removed or moved, with where it was and where it is.
    fn item(
        kind: Kind,
        item: Item,
        id: &'a str,
        name: &'a str,
        old: Option<&String>,
        new: Option<&String>,
    ) -> Self {
        Description {
            item: Some((item.term(), name, id)),
            old: old.cloned(),
            new: new.cloned(),
            ..Description::plain(kind, named(item, name))
        }
    }

    /// One side of a changed figure as printed: the figure, or `없음` when that draft has
    /// none.
    pub fn side(value: &Option<String>) -> &str {
        value.as_deref().unwrap_or("없음")
    }

    /// The same with its unit (`38,000천원`; `없음` has none).
    pub fn side_with_unit(&self, value: &Option<String>) -> String {
        value
            .as_ref()
            .map_or_else(|| "없음".to_string(), |v| format!("{v}{}", self.unit))
    }
}

/// One line saying how much changed: `바뀐 곳 7건: 추가 1, 삭제 1, …`.
pub fn summary(diff: &Diff) -> String {
    if diff.is_empty() {
        return "두 초안은 같은 계획입니다 (바뀐 곳 없음).".into();
    }
    let c = diff.counts();
    let own = c.added + c.removed + c.moved + c.numbers + c.texts;
    format!(
        "바뀐 곳 {own}건: 추가 {}, 삭제 {}, 이동 {}, 숫자 {}, 글 {}; 그에 따라 바뀐 합계 {}건.",
        c.added, c.removed, c.moved, c.numbers, c.texts, c.totals
    )
}

/// How many words of unchanged text to keep on each side of a change.
const CONTEXT_WORDS: usize = 4;

/// An unchanged run shortened to the words next to the changes: `… 앞 말` / `뒷 말 …`.
pub fn context(text: &str, first: bool, last: bool) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= CONTEXT_WORDS * 2 || (first && last) {
        return text.to_string();
    }
    let lead = if text.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let tail = if text.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    match (first, last) {
        (true, _) => format!("… {}{tail}", words[words.len() - CONTEXT_WORDS..].join(" ")),
        (_, true) => format!("{lead}{} …", words[..CONTEXT_WORDS].join(" ")),
        _ => format!(
            "{lead}{} … {}{tail}",
            words[..CONTEXT_WORDS].join(" "),
            words[words.len() - CONTEXT_WORDS..].join(" ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_exact_and_signed_like_the_document() {
        let d = Amount::Int(38_000).minus(Amount::Int(48_000));
        assert_eq!(d, Amount::Int(-10_000));
        assert_eq!(d.signed(), "△10,000");
        assert_eq!(Amount::Int(800).signed(), "+800");
        let r = Amount::Decimal(34.1).minus(Amount::Decimal(30.2));
        assert_eq!(r.signed(), "+3.9");
    }
}
