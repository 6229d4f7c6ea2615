//! Drawing the links: the labels over the links on screen (`f`), the link
//! list (`F`), and the link parts of the status line (the question before
//! an external link, whether back and forward are possible).

use std::hash::{Hash, Hasher};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use crate::sanitize::sanitize_line;
use crate::tui::browser::shown_url;
use crate::tui::library::row_hasher;
use crate::tui::reader::ReaderScreen;
use crate::tui::reader::links::{kind_name, list_box};
use crate::tui::theme;

use super::cells::put_str;
use super::kept_rows::{RowKeys, key_of};
use super::{clip, truncate};

/// Draws the labels and the list over the text, when they are open; the
/// list's rows are named in `rows` (kept when the last frame drew them).
pub fn draw(buf: &mut Buffer, r: &ReaderScreen, rows: &mut RowKeys) {
    draw_hints(buf, r);
    draw_list(buf, r, rows);
}

/// True when the link list covers whole rows of the screen (its box over
/// the text and the outline spans the width) and nothing is drawn over
/// it, so its rows can be kept from frame to frame.
pub fn keeps_rows(buf: &Buffer, r: &ReaderScreen) -> bool {
    let pane = clip(buf, list_box(&r.geometry));
    list_covers_text(buf, r)
        && r.links.hints.is_none()
        && pane.x == buf.area.x
        && pane.width == buf.area.width
}

/// Each label over the start of its link, without moving the text; only
/// the labels that start with what was typed.
fn draw_hints(buf: &mut Buffer, r: &ReaderScreen) {
    let Some(hints) = &r.links.hints else { return };
    let area = clip(buf, r.geometry.text);
    let t = &r.config().theme;
    let style = theme::style(t.search(true).bold());
    for hint in hints
        .hints
        .iter()
        .filter(|h| h.label.starts_with(&hints.typed))
    {
        let Some(row) = r.row_of_line(hint.line) else {
            continue;
        };
        let Ok(row) = u16::try_from(row) else {
            continue;
        };
        if row >= area.height || hint.column >= area.width {
            continue;
        }
        let room = usize::from(area.width - hint.column);
        // A label over a hyperlink's cell is plain text of its own width.
        let x = area.x + hint.column;
        for dx in 0..u16::try_from(hint.label.len())
            .unwrap_or(0)
            .min(area.width - hint.column)
        {
            buf[(x + dx, area.y + row)].reset();
        }
        buf.set_stringn(area.x + hint.column, area.y + row, &hint.label, room, style);
    }
}

/// True when the link list is drawn over the whole text pane (it clears
/// the pane first), so the text and pictures under it need no drawing.
pub fn list_covers_text(buf: &Buffer, r: &ReaderScreen) -> bool {
    let pane = clip(buf, list_box(&r.geometry));
    r.links.list.is_some()
        && r.links.list_table().is_some()
        && pane.width >= 12
        && pane.height >= 4
        && pane.union(clip(buf, r.geometry.text)) == pane
}

/// The list of every link, over the text pane: a filter line, then one row
/// per link (text, target, kind), the selected one highlighted. Each of
/// its rows is named in `rows` by what it shows.
fn draw_list(buf: &mut Buffer, r: &ReaderScreen, rows: &mut RowKeys) {
    let (Some(list), Some(table)) = (&r.links.list, r.links.list_table()) else {
        return;
    };
    let here = if list.backlinks {
        r.current_section_anchors()
    } else {
        None
    };
    let pane = clip(buf, list_box(&r.geometry));
    if pane.width < 12 || pane.height < 4 {
        return;
    }
    let t = &r.config().theme;
    let name = if list.backlinks {
        "Linked from"
    } else {
        "Links"
    };
    let title = format!(
        " {name} {}/{} · Enter follows · Esc closes ",
        list.shown.len(),
        table.len()
    );
    let block = Block::bordered().title(truncate(&title, usize::from(pane.width - 2)).into_owned());
    let inner = block.inner(pane);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height.saturating_sub(1));
    // Where the moves left the list, the selection in view.
    let first = list.first_shown(height);
    // The text column is as wide as the widest text, up to two fifths:
    // the rest goes to the targets, which are longer as a rule.
    let text_w = list
        .text_width
        .clamp(8, (width * 2 / 5).max(8))
        .min(width.saturating_sub(1));
    let kind_w = 10;
    // The mark, the text, a space, the target, a space, the kind.
    let target_w = width.saturating_sub(text_w + kind_w + 3);
    // Each row of the box is named, kept or cleared, before anything is
    // drawn over the box (its border runs down every row).
    let top = rows.row(buf, pane.y, key_of((pane, &title)));
    let bottom = rows.row(
        buf,
        pane.bottom().saturating_sub(1),
        key_of((pane, "bottom")),
    );
    let filter = format!("> {}▏", sanitize_line(&list.filter));
    let draw_filter = !rows.row(buf, inner.y, key_of((pane, &filter)));
    let mut to_draw = Vec::with_capacity(height);
    for row in 0..height {
        let y = inner.y + 1 + u16::try_from(row).unwrap_or(u16::MAX);
        let entry = list
            .shown
            .get(first + row)
            .and_then(|&i| Some((i, table.get(i)?)));
        let Some((i, (link, resolution))) = entry else {
            rows.row(buf, y, key_of((pane, "no link")));
            continue;
        };
        let selected = first + row == list.selected;
        let kind = match &r.links.backlinks {
            Some(backlinks) if list.backlinks => r.backlink_kind(backlinks, i, here.as_ref()),
            _ => kind_name(resolution),
        };
        // A row is drawn once per look: a move copies the others from the
        // memo, and keeps those the last frame shows there.
        let mut key = row_hasher();
        (
            selected,
            text_w,
            target_w,
            &link.text,
            link.page_target(),
            kind,
        )
            .hash(&mut key);
        let key = key.finish();
        if !rows.row(buf, y, key_of((pane, key))) {
            to_draw.push((y, link, selected, kind, key));
        }
    }
    if !rows.keeping() {
        // Rows kept or cleared need no clearing.
        Clear.render(pane, buf);
    }
    if top && bottom {
        // The border's top and bottom are kept: only the sides of the
        // rows drawn are drawn (the whole border with its title cost more
        // than the rest of a move's frame).
        let drawn = to_draw.iter().map(|d| d.0);
        for y in drawn.chain(draw_filter.then_some(inner.y)) {
            for x in [pane.x, pane.right().saturating_sub(1)] {
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_symbol(ratatui::symbols::line::VERTICAL);
                }
            }
        }
    } else {
        block.render(pane, buf);
    }
    if draw_filter {
        put_str(
            buf,
            inner.x,
            inner.y,
            &filter,
            width,
            theme::style(t.status_bar),
        );
    }
    r.links.rows_drawn.theme(t);
    for (y, link, selected, kind, key) in to_draw {
        let style = if selected {
            theme::style(t.outline_selected(true))
        } else {
            theme::style(t.role(crate::layout::Role::Text))
        };
        let line = Rect::new(inner.x, y, inner.width, 1);
        r.links.rows_drawn.draw(buf, line, key, |buf, line| {
            buf.set_style(line, style);
            let text = pad(&truncate(&sanitize_line(&link.text), text_w), text_w);
            // Where the page says the link goes (the address a template
            // computed, as the footnotes show it), not the template.
            let target = pad(&shown_url(link.page_target(), target_w), target_w);
            // A mark as well as the colour, for terminals without colours.
            let mark = if selected { "›" } else { " " };
            let row_text = format!("{mark}{text} {target} {kind}");
            put_str(buf, line.x, line.y, &row_text, width, style);
        });
    }
}

fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// What the status line shows on its left for the links, if anything: the
/// question before an external link, or what the labels wait for.
pub fn status_left(r: &ReaderScreen, width: usize) -> Option<String> {
    if let Some(url) = &r.links.prompt {
        let tail = " ? y/n · c copy";
        let room = width.saturating_sub("open ".width() + tail.width());
        return Some(format!("open {}{tail}", shown_url(url, room)));
    }
    let hints = r.links.hints.as_ref()?;
    let typed = sanitize_line(&hints.typed);
    let what = if hints.tags() {
        "list the tag"
    } else {
        "follow"
    };
    Some(
        truncate(
            &format!("{what}: {typed}▏ type a label · Esc cancels"),
            width,
        )
        .into_owned(),
    )
}

/// `◂H` and `L▸` when going back and forward are possible.
pub fn status_right(r: &ReaderScreen) -> Option<String> {
    let back = r.history.can_back().then_some("◂H");
    let forward = r.history.can_forward().then_some("L▸");
    match (back, forward) {
        (None, None) => None,
        (b, f) => Some([b, f].into_iter().flatten().collect::<Vec<_>>().join(" ")),
    }
}
