//! The status line: the title and the breadcrumb of the section being read,
//! the search prompt or a message, then `match i/n` and how far through.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::article::Article;
use crate::sanitize::sanitize_line;
use crate::tui::reader::ReaderScreen;
use crate::tui::theme;

use super::{clip, truncate};

/// The separator between breadcrumb parts.
const SEP: &str = " › ";

/// Draws the status line, when there is room for one.
pub fn draw(buf: &mut Buffer, r: &ReaderScreen) {
    if let Some(plan) = Plan::of(buf, r) {
        plan.paint(buf);
    }
}

/// The last breadcrumb made, and what it was made from: the article (held,
/// so that no other article takes its address while it is kept), the
/// section being read and the columns. A breadcrumb is those alone, so a
/// frame in the same section of the same article at the same width takes
/// it as it is, instead of gathering the section's ancestors, cleaning and
/// measuring their words and joining them again at every key.
#[derive(Debug, Default)]
pub struct Crumbs {
    made: Option<(Arc<Article>, Option<usize>, usize)>,
    text: String,
}

impl Crumbs {
    /// The breadcrumb of `r` in `width` columns.
    fn of(&mut self, r: &ReaderScreen, width: usize) -> &str {
        let section = r.current_section();
        let same = self.made.as_ref().is_some_and(|(article, s, w)| {
            Arc::ptr_eq(article, &r.article) && *s == section && *w == width
        });
        if !same {
            self.text = breadcrumb(r, width);
            self.made = Some((Arc::clone(&r.article), section, width));
        }
        &self.text
    }
}

/// The status line's cells as text and places: two equal plans paint the
/// same cells, so a frame whose plan equals the last one's copies the line
/// from it (the breadcrumb and the percent change seldom).
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Plan {
    /// The line on the buffer (clipped).
    area: Rect,
    style: Style,
    /// The left part and its columns.
    left: (String, usize),
    /// The right part and where it starts, when there is room for it.
    right: Option<(String, u16)>,
}

impl Plan {
    /// The status line of `r` on `buf`; `None` when there is none.
    pub fn of(buf: &Buffer, r: &ReaderScreen) -> Option<Plan> {
        Plan::of_with(buf, r, &mut Crumbs::default())
    }

    /// [`Plan::of`], taking the breadcrumb from `crumbs` when it is the
    /// one they hold.
    pub fn of_with(buf: &Buffer, r: &ReaderScreen, crumbs: &mut Crumbs) -> Option<Plan> {
        let area = clip(buf, r.geometry.status?);
        if area.is_empty() {
            return None;
        }
        let style = theme::style(r.config().theme.status_bar);
        let width = usize::from(area.width);
        let right = right_part(r);
        let right_w = right.width();
        // The right part goes when the line is too narrow for both; two
        // blank columns always part them (a margin of one at each end).
        let (left_w, show_right) = if right_w + 14 <= width {
            (width - right_w - 4, true)
        } else {
            (width.saturating_sub(1), false)
        };
        let left = left_part(r, left_w, crumbs);
        let right = show_right.then(|| {
            let x = area
                .right()
                .saturating_sub(u16::try_from(right_w + 1).unwrap_or(u16::MAX));
            (right, x)
        });
        Some(Plan {
            area,
            style,
            left: (left, left_w),
            right,
        })
    }

    /// The line's cells on the buffer.
    pub fn area(&self) -> Rect {
        self.area
    }

    /// Writes the line.
    pub fn paint(&self, buf: &mut Buffer) {
        let (area, style) = (self.area, self.style);
        buf.set_style(area, style);
        let (left, left_w) = &self.left;
        super::cells::put_str(buf, area.x.saturating_add(1), area.y, left, *left_w, style);
        if let Some((right, x)) = &self.right {
            super::cells::put_str(buf, *x, area.y, right, right.width(), style);
        }
    }
}

/// `match 3/17`, a loading mark, and the percent.
fn right_part(r: &ReaderScreen) -> String {
    let mut parts = Vec::new();
    if let Some(c) = r.search.current {
        parts.push(format!("match {}/{}", c + 1, r.search.matches.len()));
    } else if !r.search.query.is_empty() {
        parts.push("no match".to_string());
    }
    if r.partial {
        parts.push("loading…".to_string());
    }
    parts.extend(super::links::status_right(r));
    parts.push(format!("{:>3}%", r.percent()));
    parts.join("  ")
}

/// The search prompt, a message, or the breadcrumb, in `width` columns.
fn left_part(r: &ReaderScreen, width: usize, crumbs: &mut Crumbs) -> String {
    if let Some(links) = super::links::status_left(r, width) {
        return links;
    }
    if let Some(q) = &r.search.typing {
        let prompt = format!("/{}▏", sanitize_line(q));
        // Keep the end of a long query in view, where the typing is.
        let w = prompt.width();
        if w <= width {
            return prompt;
        }
        let mut tail: String = prompt.chars().rev().collect();
        tail = truncate(&tail, width.saturating_sub(1)).into_owned();
        return tail.chars().rev().collect();
    }
    if let Some(m) = &r.message {
        // Messages can quote a query or a file name.
        return truncate(&sanitize_line(m), width).into_owned();
    }
    crumbs.of(r, width).to_string()
}

/// `Title › Section › Subsection`, each part cut with `…` so that it fits.
pub fn breadcrumb(r: &ReaderScreen, width: usize) -> String {
    let title = &r.article.meta.title;
    let headings: Vec<&str> = r
        .breadcrumb()
        .into_iter()
        .filter_map(|i| r.article.outline.get(i).map(|h| h.text()))
        .collect();
    let mut parts: Vec<String> = vec![sanitize_line(title).into_owned()];
    for h in crate::article::outline::crumbs_after_title(title, &headings) {
        parts.push(sanitize_line(h).into_owned());
    }
    let full = parts.join(SEP);
    if full.width() <= width {
        return full;
    }
    // Drop middle sections until each remaining part gets a fair share.
    while parts.len() > 2 {
        let share = width.saturating_sub(SEP.width() * (parts.len() - 1)) / parts.len();
        if share >= 16 {
            break;
        }
        parts.remove(1);
    }
    let seps = SEP.width() * parts.len().saturating_sub(1);
    let share = width.saturating_sub(seps) / parts.len().max(1);
    // Short parts give their unused room to the long ones.
    let short: usize = parts
        .iter()
        .map(|p| p.width())
        .filter(|&w| w <= share)
        .sum();
    let long = parts.iter().filter(|p| p.width() > share).count().max(1);
    let long_share = width.saturating_sub(seps).saturating_sub(short) / long;
    let cut: Vec<String> = parts
        .iter()
        .map(|p| truncate(p, long_share.max(share)).into_owned())
        .collect();
    truncate(&cut.join(SEP), width).into_owned()
}
