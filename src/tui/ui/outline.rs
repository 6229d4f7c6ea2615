//! The outline pane: the heading tree, indented by level, with folds and the
//! highlighted entry (the section being read, or the cursor when focused).

use ratatui::buffer::Buffer;

use crate::sanitize::sanitize_line;
use crate::tui::reader::{Focus, ReaderScreen};
use crate::tui::theme;

use super::{clip, truncate};

/// Draws the outline pane, when it is shown.
pub fn draw(buf: &mut Buffer, r: &ReaderScreen) {
    let Some(pane) = r.geometry.outline else {
        return;
    };
    let area = clip(buf, pane);
    if area.is_empty() {
        return;
    }
    let t = &r.config().theme;
    let focused = r.focus == Focus::Outline;
    // The column next to the text is the border between them.
    let right = pane.x > 0;
    let border_x = if right { area.x } else { area.right() - 1 };
    for y in area.top()..area.bottom() {
        buf[(border_x, y)]
            .set_symbol("│")
            .set_style(theme::style(t.focus_border(focused)));
    }
    let x = area.x.saturating_add(if right { 2 } else { 1 });
    let end = if right { area.right() } else { border_x };
    let width = usize::from(end.saturating_sub(x));
    if width == 0 {
        return;
    }
    let headings = &r.article.outline;
    let min_level = r.outline.min_level;
    let time_w = usize::from(r.pane.minutes_width);
    let counts = r
        .links
        .section_counts
        .as_ref()
        .filter(|_| r.links.counts_shown && width > time_w + 4);
    let times = counts.is_some() || r.times_shown() && width > time_w + 4;
    let highlighted = r.highlighted();
    // One line's text, its room kept from row to row.
    let mut entry = String::new();
    for row in 0..area.height {
        let Some(i) = r.outline_entry_at(usize::from(row)) else {
            break;
        };
        let Some(h) = headings.get(i) else { break };
        let depth = usize::from(h.level().saturating_sub(min_level));
        let marker = if !r.has_children(i) {
            "  "
        } else if r.outline.folded.get(i).copied().unwrap_or(false) {
            "▸ "
        } else {
            "▾ "
        };
        entry.clear();
        entry.extend(std::iter::repeat_n(' ', (2 * depth).min(width / 2)));
        entry.push_str(marker);
        entry.push_str(&sanitize_line(h.text()));
        // The section's reading time, or the links into it, right-aligned.
        let time = times.then(|| {
            let shown = match counts {
                Some(counts) => match counts.get(i).copied().unwrap_or(0) {
                    0 => String::new(),
                    n => format!("{n}←"),
                },
                None => format!("{}m", r.pane.minutes.get(i).copied().unwrap_or(1)),
            };
            format!("{shown:>w$}", w = time_w.saturating_sub(1))
        });
        let text_w = if time.is_some() {
            width.saturating_sub(time_w)
        } else {
            width
        };
        let cut = match truncate(&entry, text_w) {
            std::borrow::Cow::Owned(cut) => Some(cut),
            std::borrow::Cow::Borrowed(_) => None,
        };
        if let Some(cut) = cut {
            entry = cut;
        }
        if let Some(time) = &time {
            let used = unicode_width::UnicodeWidthStr::width(entry.as_str());
            entry.extend(std::iter::repeat_n(' ', text_w.saturating_sub(used) + 1));
            entry.push_str(time);
        }
        let style = if highlighted == Some(i) {
            // The bar spans the pane so that the highlight is easy to see.
            let used = unicode_width::UnicodeWidthStr::width(entry.as_str());
            entry.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
            theme::style(t.outline_selected(focused))
        } else {
            theme::style(t.outline_level(h.level()))
        };
        super::cells::put_str(buf, x, area.y + row, &entry, width, style);
    }
}
