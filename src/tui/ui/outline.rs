//! The outline pane: the heading tree, indented by level, with folds and the
//! highlighted entry (the section being read, or the cursor when focused).
//!
//! Drawn in two steps: [`Plan::of`] reads from the reader everything the
//! pane's cells depend on (a few numbers a row), and [`Plan::paint`] writes
//! the cells from the plan alone. Two equal plans paint the same cells, so
//! a frame whose plan equals the last one's copies the pane from it instead
//! (most `j` presses leave the pane as it was).

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::article::Article;
use crate::sanitize::sanitize_line;
use crate::theme::Theme;
use crate::tui::reader::{Focus, ReaderScreen};
use crate::tui::theme;

use super::{clip, truncate};

/// Draws the outline pane, when it is shown.
pub fn draw(buf: &mut Buffer, r: &ReaderScreen) {
    if let Some(plan) = Plan::of(buf, r) {
        plan.paint(buf);
    }
}

/// What the pane's cells are made of; see the module's doc.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The headings' text and levels.
    article: SameArticle,
    /// The pane on the buffer (clipped), and whether it is right of the text.
    area: Rect,
    right: bool,
    theme: Theme,
    focused: bool,
    /// Heading levels are indented relative to this one.
    min_level: u8,
    /// Columns of the reading time (or link count) column; `None` when it
    /// is not shown.
    time_w: Option<usize>,
    /// The entries on the pane's rows, top down.
    rows: Vec<Entry>,
}

/// One row of the pane.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    /// The heading.
    index: usize,
    marker: &'static str,
    /// What the time column shows.
    shown: Shown,
    highlighted: bool,
}

/// The right-aligned column beside an entry.
#[derive(Debug, Clone, Copy, PartialEq, Hash)]
enum Shown {
    Nothing,
    /// Links into the section.
    Count(usize),
    /// Minutes to read it.
    Minutes(u32),
}

/// An article compared by identity: the plan holds it, so another article
/// never takes its address while the plan is kept.
#[derive(Debug, Clone)]
struct SameArticle(Arc<Article>);

impl PartialEq for SameArticle {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Plan {
    /// The pane of `r` on `buf`; `None` when it is not shown.
    pub fn of(buf: &Buffer, r: &ReaderScreen) -> Option<Plan> {
        let pane = r.geometry.outline?;
        let area = clip(buf, pane);
        if area.is_empty() {
            return None;
        }
        let right = pane.x > 0;
        let width = usize::from(text_end(area, right).saturating_sub(text_x(area, right)));
        let time_w = usize::from(r.pane.minutes_width);
        let counts = r
            .links
            .section_counts
            .as_ref()
            .filter(|_| r.links.counts_shown && width > time_w + 4);
        let times = counts.is_some() || r.times_shown() && width > time_w + 4;
        let highlighted = r.highlighted();
        let headings = &r.article.outline;
        let mut rows = Vec::new();
        if width > 0 {
            for row in 0..usize::from(area.height) {
                let Some(index) = r.outline_entry_at(row) else {
                    break;
                };
                if headings.get(index).is_none() {
                    break;
                }
                let marker = if !r.has_children(index) {
                    "  "
                } else if r.outline.folded.get(index).copied().unwrap_or(false) {
                    "▸ "
                } else {
                    "▾ "
                };
                let shown = match (times, counts) {
                    (false, _) => Shown::Nothing,
                    (true, Some(counts)) => Shown::Count(counts.get(index).copied().unwrap_or(0)),
                    (true, None) => Shown::Minutes(r.pane.minutes.get(index).copied().unwrap_or(1)),
                };
                rows.push(Entry {
                    index,
                    marker,
                    shown,
                    highlighted: highlighted == Some(index),
                });
            }
        }
        Some(Plan {
            article: SameArticle(Arc::clone(&r.article)),
            area,
            right,
            theme: r.config().theme,
            focused: r.focus == Focus::Outline,
            min_level: r.outline.min_level,
            time_w: times.then_some(time_w),
            rows,
        })
    }

    /// The pane's cells on the buffer.
    pub fn area(&self) -> Rect {
        self.area
    }

    /// Writes the pane: the border, then an entry a row.
    pub fn paint(&self, buf: &mut Buffer) {
        for y in self.area.top()..self.area.bottom() {
            self.paint_row(buf, y);
        }
    }

    /// What row `y` of the pane shows, as one key: two plans paint the
    /// row alike when its keys are equal (see [`super::kept_rows`]; the
    /// theme is the frame's, which keeps rows only within one).
    pub fn row_key(&self, y: u16) -> u64 {
        let entry = self.rows.get(usize::from(y.saturating_sub(self.area.y)));
        let heading = entry
            .and_then(|e| self.article.0.outline.get(e.index))
            .map(|h| (h.level(), h.text()));
        super::kept_rows::key_of((
            self.area,
            self.right,
            self.focused,
            self.min_level,
            self.time_w,
            entry.map(|e| (e.marker, e.shown, e.highlighted)),
            heading,
        ))
    }

    /// Writes row `y` of the pane: its border, and its entry if it has one.
    pub fn paint_row(&self, buf: &mut Buffer, y: u16) {
        let (area, right) = (self.area, self.right);
        if y < area.top() || y >= area.bottom() {
            return;
        }
        let t = &self.theme;
        // The column next to the text is the border between them.
        let border_x = if right { area.x } else { area.right() - 1 };
        let border = theme::style(t.focus_border(self.focused));
        buf[(border_x, y)].set_symbol("│").set_style(border);
        let Some(e) = self.rows.get(usize::from(y - area.y)) else {
            return;
        };
        let Some(h) = self.article.0.outline.get(e.index) else {
            return;
        };
        let x = text_x(area, right);
        let width = usize::from(text_end(area, right).saturating_sub(x));
        let depth = usize::from(h.level().saturating_sub(self.min_level));
        let mut entry = String::with_capacity(2 * width);
        entry.extend(std::iter::repeat_n(' ', (2 * depth).min(width / 2)));
        entry.push_str(e.marker);
        entry.push_str(&sanitize_line(h.text()));
        // The section's reading time, or the links into it, right-aligned.
        let time = self.time_w.map(|time_w| {
            let shown = match e.shown {
                Shown::Nothing | Shown::Count(0) => String::new(),
                Shown::Count(n) => format!("{n}←"),
                Shown::Minutes(m) => format!("{m}m"),
            };
            (time_w, format!("{shown:>w$}", w = time_w.saturating_sub(1)))
        });
        let text_w = time
            .as_ref()
            .map_or(width, |(time_w, _)| width.saturating_sub(*time_w));
        if let std::borrow::Cow::Owned(cut) = truncate(&entry, text_w) {
            entry = cut;
        }
        if let Some((_, time)) = &time {
            let used = unicode_width::UnicodeWidthStr::width(entry.as_str());
            entry.extend(std::iter::repeat_n(' ', text_w.saturating_sub(used) + 1));
            entry.push_str(time);
        }
        let style = if e.highlighted {
            // The bar spans the pane so that the highlight is easy to see.
            let used = unicode_width::UnicodeWidthStr::width(entry.as_str());
            entry.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
            theme::style(t.outline_selected(self.focused))
        } else {
            theme::style(t.outline_level(h.level()))
        };
        super::cells::put_str(buf, x, y, &entry, width, style);
    }
}

/// The first column of the entries' text.
fn text_x(area: Rect, right: bool) -> u16 {
    area.x.saturating_add(if right { 2 } else { 1 })
}

/// The column after the entries' text (the border when the pane is left).
fn text_end(area: Rect, right: bool) -> u16 {
    if right {
        area.right()
    } else {
        area.right() - 1
    }
}
