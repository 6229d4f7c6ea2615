//! The tag picker over the library: the tags with their counts, ticks,
//! the all-of / any-of mode and the name being searched. Read-only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::library::TagMode;
use crate::sanitize::sanitize_line;
use crate::theme::Theme;
use crate::tui::keymap::Hints;
use crate::tui::library::TagPicker;
use crate::tui::theme;

use super::library::cell;
use super::truncate;

/// Draws the picker centred over `area`.
pub fn draw(buf: &mut Buffer, area: Rect, p: &TagPicker, t: &Theme, hints: &Hints) {
    let want_w = p.name_width.saturating_add(16).max(54);
    let width = u16::try_from(want_w)
        .unwrap_or(u16::MAX)
        .min(area.width.saturating_sub(4));
    let want_h = u16::try_from(p.tags.len().saturating_add(4)).unwrap_or(u16::MAX);
    let height = want_h.min(area.height.saturating_sub(2));
    if width < 10 || height < 3 {
        return;
    }
    let popup = super::centered(area, width, height);
    Clear.render(popup, buf);
    let mode = match p.mode {
        TagMode::All => "all of",
        TagMode::Any => "any of",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::style(t.library_border))
        .title(format!(" Tags: {mode} "));
    let inner = block.inner(popup);
    block.render(popup, buf);
    if inner.is_empty() {
        return;
    }
    let w = usize::from(inner.width);
    let chosen = p.chosen.iter().filter(|c| **c).count();
    let summary = if chosen > 0 {
        format!(" {chosen} ticked → {} articles", p.would_show)
    } else {
        " none ticked → no tag filter".to_string()
    };
    buf.set_line(
        inner.x,
        inner.y,
        &Line::styled(
            truncate(&summary, w).into_owned(),
            theme::style(t.library_filter),
        ),
        inner.width,
    );
    let rows = usize::from(inner.height.saturating_sub(2));
    let count_w = p.count_width;
    if p.shown.is_empty() && inner.height > 1 {
        let note = if p.tags.is_empty() {
            " No tags in this library.".to_string()
        } else {
            format!(" No tag name holds \"{}\".", sanitize_line(&p.query))
        };
        buf.set_line(
            inner.x,
            inner.y + 1,
            &Line::raw(truncate(&note, w).into_owned()),
            inner.width,
        );
    }
    for (dy, (row, &i)) in p
        .shown
        .iter()
        .enumerate()
        .skip(p.scroll)
        .take(rows)
        .enumerate()
    {
        let Ok(dy) = u16::try_from(dy) else { break };
        let Some(tag) = p.tags.get(i) else { break };
        let y = inner.y + 1 + dy;
        let at = row == p.cursor;
        let tick = if p.chosen.get(i).copied().unwrap_or(false) {
            "[x]"
        } else {
            "[ ]"
        };
        let arrow = if at { "▸" } else { " " };
        let name_w = w.saturating_sub(6 + count_w + 1);
        let text = format!(
            "{arrow}{tick} {}{:>count_w$}",
            cell(&sanitize_line(&tag.name), name_w, 1),
            tag.count
        );
        let style = if at {
            theme::style(t.library_selected)
        } else if tag.count == 0 {
            theme::style(t.library_date)
        } else {
            Style::default()
        };
        buf.set_line(
            inner.x,
            y,
            &Line::styled(truncate(&text, w).into_owned(), style),
            inner.width,
        );
    }
    if inner.height >= 2 {
        let query = sanitize_line(&p.query);
        let hint = if p.typing {
            format!(" find: {query}▏  {}", hints.tag_search)
        } else if !p.query.is_empty() {
            format!(" /{query} · {}", hints.picker_found)
        } else {
            hints.picker.clone()
        };
        let hint = hint.as_str();
        buf.set_line(
            inner.x,
            inner.bottom() - 1,
            &Line::styled(
                truncate(hint, w).into_owned(),
                theme::style(t.library_columns),
            ),
            inner.width,
        );
    }
}
