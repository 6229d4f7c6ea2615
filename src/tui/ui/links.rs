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
use super::{clip, truncate};

/// Draws the labels and the list over the text, when they are open.
pub fn draw(buf: &mut Buffer, r: &ReaderScreen) {
    draw_hints(buf, r);
    draw_list(buf, r);
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
/// per link (text, target, kind), the selected one highlighted.
fn draw_list(buf: &mut Buffer, r: &ReaderScreen) {
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
    Clear.render(pane, buf);
    let block = Block::bordered().title(truncate(&title, usize::from(pane.width - 2)).into_owned());
    let inner = block.inner(pane);
    block.render(pane, buf);
    let width = usize::from(inner.width);
    let filter = format!("> {}▏", sanitize_line(&list.filter));
    put_str(
        buf,
        inner.x,
        inner.y,
        &filter,
        width,
        theme::style(t.status_bar),
    );
    let rows = usize::from(inner.height.saturating_sub(1));
    if rows == 0 {
        return;
    }
    // Where the moves left the list, the selection in view.
    let first = list.first_shown(rows);
    // The text column is as wide as the widest text, up to two fifths:
    // the rest goes to the targets, which are longer as a rule.
    let text_w = list
        .text_width
        .clamp(8, (width * 2 / 5).max(8))
        .min(width.saturating_sub(1));
    let kind_w = 10;
    // The mark, the text, a space, the target, a space, the kind.
    let target_w = width.saturating_sub(text_w + kind_w + 3);
    r.links.rows_drawn.theme(t);
    for (row, &i) in list.shown.iter().skip(first).take(rows).enumerate() {
        let Some((link, resolution)) = table.get(i) else {
            continue;
        };
        let selected = first + row == list.selected;
        let style = if selected {
            theme::style(t.outline_selected(true))
        } else {
            theme::style(t.role(crate::layout::Role::Text))
        };
        let y = inner.y + 1 + u16::try_from(row).unwrap_or(u16::MAX);
        let line = Rect::new(inner.x, y, inner.width, 1);
        let kind = match &r.links.backlinks {
            Some(backlinks) if list.backlinks => r.backlink_kind(backlinks, i, here.as_ref()),
            _ => kind_name(resolution),
        };
        // A row is drawn once per look: a move copies the others.
        let mut key = row_hasher();
        (selected, text_w, target_w, &link.text, &link.target, kind).hash(&mut key);
        r.links
            .rows_drawn
            .draw(buf, line, key.finish(), |buf, line| {
                buf.set_style(line, style);
                let text = pad(&truncate(&sanitize_line(&link.text), text_w), text_w);
                let target = pad(&shown_url(&link.target, target_w), target_w);
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
