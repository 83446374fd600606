//! 쪽 비교 (`gongsi diff --pages DIR`): lays out both drafts with the same templates,
//! renders their pages with typst-render, and for each page that differs writes a PNG of
//! the new page with the differences painted: ink only in the new draft green, ink only in
//! the old draft red, and a pale yellow band around every changed spot so that a one-digit
//! change is found at a glance. Pages are compared by number, so content that pushes
//! later pages on makes those pages differ too; the change list says what actually changed.

use std::path::Path;

use serde::Serialize;
use tiny_skia::Pixmap;
use typst::utils::Scalar;
use typst_layout::PagedDocument;
use typst_render::RenderOptions;

use crate::model::error::Error;

use crate::pipeline::compare::Draft;
use crate::renditions::pdf::{Typesetter, Typesetting};

/// Which pages differ, as written to `summary.json`.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    /// The old draft.
    pub old: String,
    /// The new draft.
    pub new: String,
    /// Pages of the old draft.
    pub old_pages: usize,
    /// Pages of the new draft.
    pub new_pages: usize,
    /// Image width in pixels.
    pub width: u32,
    /// The pages that differ, in order.
    pub changed: Vec<ChangedPage>,
}

/// One page that differs.
#[derive(Debug, Clone, Serialize)]
pub struct ChangedPage {
    /// 1-based page number.
    pub page: usize,
    /// The PNG written, relative to the folder.
    pub file: String,
    /// Pixels that differ.
    pub pixels: usize,
    /// `true` when only one draft has this page.
    pub only_in_one: bool,
}

impl PageSummary {
    /// A sentence for the terminal.
    pub fn text(&self) -> String {
        if self.changed.is_empty() {
            return format!(
                "쪽 비교: {}쪽 모두 같습니다.",
                self.new_pages.max(self.old_pages)
            );
        }
        let list: Vec<String> = self.changed.iter().map(|c| c.page.to_string()).collect();
        format!(
            "쪽 비교: 이전 {}쪽, 새 초안 {}쪽 중 {}쪽이 다릅니다: {}쪽.",
            self.old_pages,
            self.new_pages,
            self.changed.len(),
            list.join(", ")
        )
    }
}

/// Writes `page-NNN.png` for each page that differs and `summary.json` into `folder`
/// (created if needed; earlier `page-*.png` files there are removed first).
pub fn write(
    old: &Draft,
    new: &Draft,
    folder: &Path,
    width: u32,
    typesetting: &Typesetting,
) -> Result<PageSummary, Error> {
    crate::renditions::pdf::preview::check_width(width)?;
    let mut typesetter = Typesetter::new(typesetting)?;
    let mut documents = Vec::new();
    for draft in [old, new] {
        let rendered = typesetter.render(&draft.plan)?;
        documents.push(typesetter.lay_out(&draft.plan, &rendered.files, &rendered)?);
    }
    let (a, b) = (&documents[0], &documents[1]);
    std::fs::create_dir_all(folder).map_err(|e| Error::io("폴더 만들기", folder, e))?;
    clear(folder)?;
    let count = a.pages().len().max(b.pages().len());
    let pages: Vec<usize> = (0..count).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = count.div_ceil(threads).max(1);
    let results: Vec<Option<(ChangedPage, Vec<u8>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = pages
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|&i| compare_page(a, b, i, width))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a page renders without panicking"))
            .collect()
    });
    let mut changed = Vec::new();
    for (page, png) in results.into_iter().flatten() {
        let path = folder.join(&page.file);
        crate::pipeline::output::write_atomic(&path, &png)?;
        changed.push(page);
    }
    let summary = PageSummary {
        old: old.label.clone(),
        new: new.label.clone(),
        old_pages: a.pages().len(),
        new_pages: b.pages().len(),
        width,
        changed,
    };
    let path = folder.join("summary.json");
    let json = serde_json::to_string_pretty(&summary).expect("the summary serializes");
    crate::pipeline::output::write_atomic(&path, (json + "\n").as_bytes())?;
    Ok(summary)
}

/// Removes the files an earlier `--pages` run wrote, so no stale page is left behind.
fn clear(folder: &Path) -> Result<(), Error> {
    let entries = std::fs::read_dir(folder).map_err(|e| Error::io("폴더 읽기", folder, e))?;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if (name.starts_with("page-") && name.ends_with(".png")) || name == "summary.json" {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| Error::io("파일 지우기", &path, e))?;
        }
    }
    Ok(())
}

fn pixmap(document: &PagedDocument, index: usize, width: u32) -> Option<Pixmap> {
    let page = document.pages().get(index)?;
    let points = page.frame.width().to_pt().max(1.0);
    let options = RenderOptions {
        pixel_per_pt: Scalar::new(f64::from(width) / points),
        ..RenderOptions::default()
    };
    Some(typst_render::render(page, &options))
}

fn compare_page(
    a: &PagedDocument,
    b: &PagedDocument,
    index: usize,
    width: u32,
) -> Option<(ChangedPage, Vec<u8>)> {
    // Pages laid out identically draw identically: skip drawing them (most pages).
    if let (Some(pa), Some(pb)) = (a.pages().get(index), b.pages().get(index))
        && typst::utils::hash128(&pa.frame) == typst::utils::hash128(&pb.frame)
        && typst::utils::hash128(&pa.fill) == typst::utils::hash128(&pb.fill)
    {
        return None;
    }
    let (old, new) = (pixmap(a, index, width), pixmap(b, index, width));
    let file = format!("page-{:03}.png", index + 1);
    let (image, pixels, only_in_one) = match (old, new) {
        (Some(old), Some(new)) => {
            let (image, pixels) = highlight(&old, &new);
            if pixels == 0 {
                return None;
            }
            (image, pixels, false)
        }
        (None, Some(page)) | (Some(page), None) => {
            let pixels = (page.width() * page.height()) as usize;
            (page, pixels, true)
        }
        (None, None) => return None,
    };
    let png = image
        .encode_png()
        .expect("encoding an in-memory pixmap as PNG cannot fail");
    Some((
        ChangedPage {
            page: index + 1,
            file,
            pixels,
            only_in_one,
        },
        png,
    ))
}

/// Size of the squares that get the yellow band around changed pixels.
const CELL: u32 = 10;

/// The new page with the differences painted, and how many pixels differ. Pages of
/// different sizes are compared over their common area.
pub fn highlight(old: &Pixmap, new: &Pixmap) -> (Pixmap, usize) {
    let (w, h) = (new.width(), new.height());
    let (ow, oh) = (old.width(), old.height());
    let mut out = new.clone();
    let (od, nd) = (old.data(), new.data());
    let lum = |p: &[u8]| u32::from(p[0]) * 3 + u32::from(p[1]) * 6 + u32::from(p[2]);
    let cols = w.div_ceil(CELL) as usize;
    let mut marked = vec![false; cols * h.div_ceil(CELL) as usize];
    let mut diffs: Vec<(u32, u32, bool)> = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let n = ((y * w + x) * 4) as usize;
            let np = &nd[n..n + 4];
            let op: &[u8] = if x < ow && y < oh {
                let o = ((y * ow + x) * 4) as usize;
                &od[o..o + 4]
            } else {
                &[255, 255, 255, 255]
            };
            if close(np, op) {
                continue;
            }
            diffs.push((x, y, lum(np) < lum(op)));
            marked[(y / CELL) as usize * cols + (x / CELL) as usize] = true;
        }
    }
    let data = out.data_mut();
    // Band: tint the white of every cell that holds a difference, and of its neighbours.
    let rows = h.div_ceil(CELL) as usize;
    for cy in 0..rows {
        for cx in 0..cols {
            let near = (cy.saturating_sub(1)..(cy + 2).min(rows))
                .any(|y| (cx.saturating_sub(1)..(cx + 2).min(cols)).any(|x| marked[y * cols + x]));
            if !near {
                continue;
            }
            for y in (cy as u32 * CELL)..((cy as u32 + 1) * CELL).min(h) {
                for x in (cx as u32 * CELL)..((cx as u32 + 1) * CELL).min(w) {
                    let i = ((y * w + x) * 4) as usize;
                    // Multiply by pale yellow (keeps ink dark, turns paper yellow).
                    data[i + 2] = (u32::from(data[i + 2]) * 150 / 255) as u8;
                }
            }
        }
    }
    for &(x, y, added) in &diffs {
        let i = ((y * w + x) * 4) as usize;
        let (r, g, b) = if added { (0, 150, 40) } else { (220, 20, 20) };
        data[i] = r;
        data[i + 1] = g;
        data[i + 2] = b;
        data[i + 3] = 255;
    }
    (out, diffs.len())
}

/// Whether two premultiplied RGBA pixels look the same (anti-aliasing noise tolerated).
fn close(a: &[u8], b: &[u8]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(*y) <= 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_pixels_are_counted_and_painted() {
        let mut old = Pixmap::new(20, 20).unwrap();
        old.fill(tiny_skia::Color::WHITE);
        let mut new = old.clone();
        // Ink added at (3, 4) in the new page; ink removed at (15, 15).
        new.data_mut()[(4 * 20 + 3) * 4..(4 * 20 + 3) * 4 + 3].fill(0);
        old.data_mut()[(15 * 20 + 15) * 4..(15 * 20 + 15) * 4 + 3].fill(0);
        let (image, pixels) = highlight(&old, &new);
        assert_eq!(pixels, 2);
        let at = |x: usize, y: usize| &image.data()[(y * 20 + x) * 4..(y * 20 + x) * 4 + 3];
        assert_eq!(at(3, 4), [0, 150, 40]);
        assert_eq!(at(15, 15), [220, 20, 20]);
        assert!(at(5, 5)[2] < 255, "paper near a change is tinted");
        let (_, none) = highlight(&old, &old);
        assert_eq!(none, 0);
    }
}
