//! 쪽 맞추기: the page breaks of the HWPX taken from the PDF as laid out at build time, so
//! that both have the same pages: which tasks start a page in the PDF (read from where its
//! headings land, [`Landing`]), and where every other page of the PDF starts — the words of
//! each PDF page matched, in order, against the words of the HWPX's paragraphs and table
//! rows ([`Trail`]): a paragraph or a table row the PDF starts a page with starts one in the
//! HWPX ([`page_starts`]; a table is split there, `table.rs`). Never from fixed page numbers,
//! so a change of the PDF's layout carries over. The 순서 prints the PDF's page numbers,
//! which are then the HWPX's too.

use crate::model::plan::Plan;
use crate::model::wording;
use crate::renditions::pdf::Typesetter;
use crate::renditions::pdf::landing::{Landing, landings};
use crate::renditions::pdf::svg::placed_text;
use std::collections::BTreeSet;
use typst_layout::PagedDocument;

use super::body::Trail;

/// A heading this far down its page (a fraction of the page's height) or less, with no
/// heading above it on that page, starts the page: the top margin (20 mm of 297) and a
/// little more.
const TOP: f64 = 0.12;

/// The HWPX's page breaks as the PDF has them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pagination {
    /// For each task of the plan in order: it starts a page in the PDF.
    pub task_breaks: Vec<bool>,
    /// The words of each page of the PDF from the cover on, in the order the PDF sets them,
    /// without the page numbers at the foot.
    pub pages: Vec<Vec<String>>,
    /// The page number the PDF prints for each 순서 entry ([`contents_entries`]).
    pub numbers: Vec<u64>,
}

/// The 순서 entries of `plan` in order, as contents.typ's outline lists them: `(level,
/// text)` — the parts (1), the chapters of II and the strategies of IV (2).
pub fn contents_entries(plan: &Plan) -> Vec<(usize, String)> {
    let say = |phrase: &wording::Phrase| phrase.fill(&plan.years());
    let mut entries = vec![
        (1, say(&wording::PART_SUMMARY)),
        (1, say(&wording::PART_LABOUR_MARKET)),
    ];
    entries.extend(
        plan.chapters
            .iter()
            .map(|c| (2, format!("{}. {}", c.number, c.title))),
    );
    entries.push((1, say(&wording::PART_GOALS)));
    entries.push((1, say(&wording::PART_TASKS)));
    entries.extend(
        plan.strategies
            .iter()
            .map(|s| (2, format!("{}. {}", s.number, s.name))),
    );
    entries.push((1, say(&wording::PART_SCHEDULE)));
    entries
}

/// Lays `plan` out as the PDF and reads its pages; `None` when the PDF cannot be laid out
/// or its headings are not the plan's (then every task starts a page of its own).
pub fn paginate(typesetter: &mut Typesetter, plan: &Plan) -> Option<Pagination> {
    from_document(&typesetter.laid_out(plan).ok()?, plan)
}

/// The page breaks of the PDF already laid out as `document` (publish's, which writes the
/// PDF too: no second layout).
pub fn from_document(document: &PagedDocument, plan: &Plan) -> Option<Pagination> {
    let mut pagination = from_landings(&landings(document), plan)?;
    pagination.pages = page_words(document);
    Some(pagination)
}

/// The words of each page of `document`, in the order they were set, leaving out the foot
/// of the page (its number): what is below the bottom margin.
pub fn page_words(document: &PagedDocument) -> Vec<Vec<String>> {
    use super::units::{LANDSCAPE, PORTRAIT};
    placed_text(document)
        .into_iter()
        .zip(document.pages())
        .map(|(runs, page)| {
            let (width, height) = (page.frame.width().to_pt(), page.frame.height().to_pt());
            let margin = if width > height { LANDSCAPE } else { PORTRAIT };
            let bottom = height - margin.bottom * 72.0 / 25.4;
            runs.iter()
                .filter(|run| run.y < bottom)
                .flat_map(|run| run.text.split_whitespace().map(str::to_string))
                .collect()
        })
        .collect()
}

/// The places of the HWPX (`trail`'s units) that start a page: those whose first word the
/// PDF sets on a later page than the last word of the place before (a place the PDF splits
/// across pages starts no page: it flows on). Words are matched by the longest common
/// subsequence of the two documents' words, so words only one of them prints (the PDF's
/// repeated table headers, page numbers in the 순서, text in pictures) match nothing.
pub fn page_starts(pages: &[Vec<String>], trail: &Trail) -> BTreeSet<usize> {
    let pdf: Vec<&str> = pages.iter().flatten().map(String::as_str).collect();
    let page_of: Vec<usize> = pages
        .iter()
        .enumerate()
        .flat_map(|(page, words)| std::iter::repeat_n(page, words.len()))
        .collect();
    let mut hwpx: Vec<&str> = Vec::new();
    let mut unit_of: Vec<usize> = Vec::new();
    for (unit, text) in trail.units.iter().enumerate() {
        for word in text.split_whitespace() {
            hwpx.push(word);
            unit_of.push(unit);
        }
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let ops = similar::capture_diff_slices_deadline(
        similar::Algorithm::Myers,
        &pdf,
        &hwpx,
        Some(deadline),
    );
    // Each place's first and last page, from its matched words.
    let mut spans: Vec<Option<(usize, usize)>> = vec![None; trail.units.len()];
    for op in ops {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for i in 0..len {
                let (page, unit) = (page_of[old_index + i], unit_of[new_index + i]);
                let span = spans[unit].get_or_insert((page, page));
                span.1 = span.1.max(page);
            }
        }
    }
    let mut starts = BTreeSet::new();
    let mut last = None;
    for (unit, span) in spans.iter().enumerate() {
        let Some((first, end)) = *span else { continue };
        if last.is_some_and(|last| first > last) {
            starts.insert(unit);
        }
        last = Some(last.map_or(end, |l: usize| l.max(end)));
    }
    starts
}

/// The page breaks the headings `landings` of the PDF give `plan`'s HWPX: `None` unless its
/// 순서 entries are `plan`'s ([`contents_entries`]) and it has a heading for every task.
pub fn from_landings(landings: &[Landing], plan: &Plan) -> Option<Pagination> {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let listed: Vec<&Landing> = landings
        .iter()
        .filter(|l| l.outlined && l.depth <= 2)
        .collect();
    let entries = contents_entries(plan);
    let same = listed.len() == entries.len()
        && listed
            .iter()
            .zip(&entries)
            .all(|(l, (level, text))| l.depth == *level && squeeze(&l.title) == squeeze(text));
    if !same {
        return None;
    }
    let starts_page =
        |i: usize| landings[i].down <= TOP && (i == 0 || landings[i - 1].page < landings[i].page);
    let mut task_breaks = Vec::new();
    for (i, landing) in landings.iter().enumerate() {
        if landing.depth != 3 {
            continue;
        }
        // A task right under its strategy's heading starts the page if the heading does.
        let under_strategy =
            i > 0 && landings[i - 1].depth == 2 && landings[i - 1].page == landing.page;
        task_breaks.push(starts_page(i) || (under_strategy && starts_page(i - 1)));
    }
    let tasks: usize = plan.strategies.iter().map(|s| s.tasks.len()).sum();
    let numbers = listed.iter().map(|l| l.number).collect();
    (task_breaks.len() == tasks).then_some(Pagination {
        task_breaks,
        pages: Vec::new(),
        numbers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::renditions::pdf::Typesetting;

    fn landing(depth: usize, title: &str, page: usize, down: f64) -> Landing {
        Landing {
            depth,
            title: title.to_string(),
            outlined: depth <= 2,
            page,
            number: page as u64,
            down,
        }
    }

    #[test]
    fn tasks_break_where_the_pdf_starts_a_page_with_them_or_their_strategy() {
        let plan = crate::pipeline::load_and_check(None).unwrap().plan;
        let mut typesetter = Typesetter::new(&Typesetting::default()).unwrap();
        let landings = typesetter.landings(&plan).unwrap();
        let pages = from_landings(&landings, &plan).unwrap();
        let tasks: usize = plan.strategies.iter().map(|s| s.tasks.len()).sum();
        assert_eq!(pages.task_breaks.len(), tasks);
        let breaks = pages.task_breaks.iter().filter(|b| **b).count();
        assert!(breaks > 0 && breaks < tasks, "{:?}", pages.task_breaks);
        // (Which tasks break depends on the PDF's page plan, docs/layout.md: with the official
        // type scale strategy 1 runs on under IV's overview, so no fixed task is asserted.)

        // Headings that are not the plan's give no pagination.
        let mut other = landings.clone();
        other.retain(|l| l.depth != 3);
        assert_eq!(from_landings(&other, &plan), None);
        let renamed: Vec<_> = landings
            .iter()
            .map(|l| Landing {
                title: format!("{} 외", l.title),
                ..l.clone()
            })
            .collect();
        assert_eq!(from_landings(&renamed, &plan), None);
    }

    #[test]
    fn a_heading_starts_a_page_only_at_its_top_and_first_on_it() {
        let mut plan = crate::pipeline::load_and_check(None).unwrap().plan;
        plan.chapters.clear();
        plan.strategies.truncate(1);
        plan.strategies[0].tasks.truncate(3);
        let mut landings: Vec<Landing> = contents_entries(&plan)
            .into_iter()
            .map(|(depth, title)| landing(depth, &title, 1, 0.5))
            .collect();
        // IV, then the strategy at the top of page 5 with its first task under it; the second
        // task at the top of page 6; the third further down page 6.
        let at = landings.len() - 1;
        landings[at - 1].page = 5;
        landings.insert(at, landing(3, "하나", 5, 0.09));
        landings.insert(at + 1, landing(3, "둘", 6, 0.07));
        landings.insert(at + 2, landing(3, "셋", 6, 0.4));
        landings[at - 1].down = 0.07;
        let pages = from_landings(&landings, &plan).unwrap();
        assert_eq!(pages.task_breaks, [true, true, false]);
    }

    #[test]
    fn a_place_starts_a_page_where_the_pdf_starts_one_with_it() {
        let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        // The PDF: page 0 has the heading and the first line of a paragraph that runs on to
        // page 1; page 1 then a table (its header repeated on page 2, with a page number the
        // HWPX does not print); page 2 its last row.
        let pages = vec![
            words("가 제목 ○ 첫 문단은"),
            words("길어서 넘어간다 구분 값 하나 1"),
            words("구분 값 둘 2"),
        ];
        let mut trail = Trail::default();
        trail.units = [
            "가 제목",
            "○ 첫 문단은 길어서 넘어간다",
            "구분 값",
            "하나 1",
            "둘 2",
        ]
        .map(str::to_string)
        .to_vec();
        let starts = page_starts(&pages, &trail);
        // The split paragraph starts no page, nor the table after it on its page; the last
        // row does.
        assert_eq!(starts.into_iter().collect::<Vec<_>>(), [4]);
    }
}
