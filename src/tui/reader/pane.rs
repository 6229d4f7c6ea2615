//! How wide the outline pane wants to be: its widest entry, and the reading
//! time of each section for the column on its right. Measured once per
//! article, so that resizing and drawing never walk the outline's text.

use unicode_width::UnicodeWidthStr;

use crate::article::Article;
use crate::library::WORDS_PER_MINUTE;

use super::{Geometry, ReaderScreen};

/// The narrowest the outline pane gets.
pub const MIN_PANE: u16 = 16;

/// Columns `{` and `}` take from or give to the pane.
pub const STEP: i16 = 4;

/// Columns around an entry's text: the left margin and the border.
const CHROME: u16 = 2;

/// The outline's measurements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaneSize {
    /// Columns the widest entry needs: indent, fold marker, text.
    pub fit: u16,
    /// Per heading: minutes to read its section and subsections.
    pub minutes: Vec<u32>,
    /// Columns of the reading-time column, its leading space included.
    pub minutes_width: u16,
}

impl PaneSize {
    /// Measures `article`'s outline.
    pub fn of(article: &Article) -> PaneSize {
        let headings = &article.outline;
        let min_level = headings.iter().map(|h| h.level()).min().unwrap_or(1);
        let fit = headings
            .iter()
            .map(|h| {
                let depth = usize::from(h.level().saturating_sub(min_level));
                2 * depth + 2 + h.text().width()
            })
            .max()
            .unwrap_or(0);
        let minutes = section_minutes(article);
        let widest = minutes.iter().copied().max().unwrap_or(0);
        let minutes_width = if headings.is_empty() {
            0
        } else {
            // " 12m"
            u16::try_from(widest.to_string().len() + 2).unwrap_or(u16::MAX)
        };
        PaneSize {
            fit: u16::try_from(fit).unwrap_or(u16::MAX),
            minutes,
            minutes_width,
        }
    }

    /// The pane width that shows every entry whole (with the times when
    /// `times`), before the user's adjustment.
    pub fn wanted(&self, times: bool) -> u16 {
        let times = if times { self.minutes_width } else { 0 };
        self.fit.saturating_add(CHROME).saturating_add(times)
    }
}

impl ReaderScreen {
    /// The pane width asked of the geometry: the entries whole, with the
    /// times unless they are off, and the user's adjustment.
    pub fn pane_wanted(&self) -> u16 {
        let base = i32::from(self.pane.wanted(self.times != Some(false)));
        u16::try_from((base + i32::from(self.pane_adjust)).max(0)).unwrap_or(u16::MAX)
    }

    /// True when the outline's entries show their reading times.
    pub fn times_shown(&self) -> bool {
        match (self.times, self.geometry.outline) {
            (_, None) => false,
            (Some(on), _) => on,
            // Shown when the pane has room for them beside whole entries.
            (None, Some(pane)) => pane.width >= self.pane.wanted(true),
        }
    }

    /// Widens (`wider`) or narrows the outline pane by a step, within what
    /// the screen allows; false when it cannot go further.
    pub fn adjust_pane(&mut self, wider: bool) -> bool {
        let Some(pane) = self.geometry.outline else {
            return false;
        };
        let area = self.geometry.area;
        let widest = Geometry::widest_pane(area.width, &self.config);
        let target = if wider {
            pane.width.saturating_add(STEP.unsigned_abs()).min(widest)
        } else {
            pane.width.saturating_sub(STEP.unsigned_abs()).max(MIN_PANE)
        };
        if target == pane.width {
            return false;
        }
        let base = i32::from(self.pane.wanted(self.times != Some(false)));
        self.pane_adjust = i16::try_from(i32::from(target) - base).unwrap_or(0);
        self.resize(area.width, area.height);
        true
    }

    /// Shows or hides the reading times beside the outline's entries.
    pub fn toggle_times(&mut self) {
        self.times = Some(!self.times_shown());
        let area = self.geometry.area;
        self.resize(area.width, area.height);
    }
}

/// Minutes to read each heading's section with its subsections, at the
/// library's reading speed, at least one.
fn section_minutes(article: &Article) -> Vec<u32> {
    let headings = &article.outline;
    let body = &article.body;
    let n = headings.len();
    // Words from each heading to the next one.
    let mut words: Vec<usize> = (0..n)
        .map(|i| {
            let start = headings[i].offset().min(body.len());
            let end = headings
                .get(i + 1)
                .map_or(body.len(), |h| h.offset())
                .clamp(start, body.len());
            body.get(start..end).map_or(0, crate::article::count_words)
        })
        .collect();
    // Children follow their parent: adding each section to its parent from
    // the last one back sums whole branches.
    let mut open: Vec<usize> = Vec::new();
    let mut parent = vec![None; n];
    for (i, h) in headings.iter().enumerate() {
        while open
            .last()
            .is_some_and(|&p| headings[p].level() >= h.level())
        {
            open.pop();
        }
        parent[i] = open.last().copied();
        open.push(i);
    }
    for i in (0..n).rev() {
        if let Some(p) = parent[i] {
            words[p] += words[i];
        }
    }
    words
        .into_iter()
        .map(|w| u32::try_from(w.div_ceil(WORDS_PER_MINUTE).max(1)).unwrap_or(u32::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn article(md: &str) -> Article {
        Article::from_bytes(Path::new("t.md"), md.as_bytes())
    }

    #[test]
    fn a_section_counts_its_subsections_and_at_least_a_minute() {
        let words = |n: usize| "word ".repeat(n);
        let md = format!(
            "# Top\n\n{}\n\n## A\n\n{}\n\n### A.1\n\n{}\n\n## B\n\n{}\n",
            words(10),
            words(300),
            words(400),
            words(5)
        );
        let size = PaneSize::of(&article(&md));
        // Top: 10 + 300 + 400 + 5 words (plus the headings' own) = 4 minutes.
        assert_eq!(size.minutes, [4, 4, 2, 1]);
        assert_eq!(size.minutes_width, 3, "\" 4m\"");
    }

    #[test]
    fn the_fit_is_the_widest_entry_with_its_indent_and_marker() {
        let md = "# T\n\n## Why Linux will play a critical role\n\n### x\n";
        let size = PaneSize::of(&article(md));
        let long = "Why Linux will play a critical role".len();
        assert_eq!(usize::from(size.fit), 2 + 2 + long);
        assert_eq!(size.wanted(false), size.fit + CHROME);
        assert_eq!(size.wanted(true), size.fit + CHROME + size.minutes_width);
        assert_eq!(PaneSize::of(&article("no headings\n")), PaneSize::default());
    }
}
