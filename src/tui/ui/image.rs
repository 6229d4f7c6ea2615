//! Pictures over the reader's text: each picture block on screen shows its
//! picture when it is ready (only its visible rows when it is scrolled half
//! off), or its placeholder line with why it cannot be shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_image::sliced::{SignedPosition, SlicedImage};

use crate::layout::{ImageBlock, Role, Style};
use crate::tui::reader::ReaderScreen;
use crate::tui::reader::images::{ImageState, key_of};
use crate::tui::theme;

use super::clip;

/// Draws the pictures of the blocks on screen over the text drawn there.
pub fn draw(buf: &mut Buffer, r: &ReaderScreen) {
    if r.doc.images.is_empty() || r.images.is_empty() {
        return;
    }
    let area = clip(buf, r.geometry.text);
    if area.is_empty() {
        return;
    }
    let top = r.top;
    let bottom = top.saturating_add(usize::from(area.height));
    let first = r.doc.images.partition_point(|b| b.lines().end <= top);
    for block in r.doc.images[first..].iter().take_while(|b| b.line < bottom) {
        let Some(state) = r.images.get(&key_of(&r.doc, block)) else {
            continue;
        };
        let Some(column) = column_of(area, block) else {
            continue;
        };
        match state {
            ImageState::Ready(picture) => {
                let Ok(y) = i16::try_from(block.line as i64 - top as i64) else {
                    continue;
                };
                clear(buf, r, column, block, top);
                SlicedImage::new(&picture.protocol, SignedPosition { x: 0, y }).render(column, buf);
            }
            ImageState::Failed(failure) => {
                let mut text = format!("[image: {}", block.alt);
                if let Some((w, h)) = failure.pixels {
                    text.push_str(&format!(" · {w}×{h}"));
                }
                text.push_str(&format!(" · {}]", failure.reason));
                placeholder(buf, r, column, block, &text);
            }
            ImageState::Pending {
                pixels: Some((w, h)),
                ..
            } => {
                let text = format!("[image: {} · {w}×{h}]", block.alt);
                placeholder(buf, r, column, block, &text);
            }
            ImageState::Pending { pixels: None, .. } => {}
        }
    }
}

/// Writes `text` over the block's first line, when it is on screen.
fn placeholder(buf: &mut Buffer, r: &ReaderScreen, column: Rect, block: &ImageBlock, text: &str) {
    let Some(row) = block.line.checked_sub(r.top) else {
        return;
    };
    let Ok(dy) = u16::try_from(row) else { return };
    if dy >= column.height {
        return;
    }
    let safe = crate::sanitize::sanitize_line(text);
    let shown = super::truncate(&safe, usize::from(column.width));
    let t = &r.config().theme;
    let style = theme::style(t.span(Style::of(Role::Image)));
    let blank = theme::style(t.span(Style::of(Role::Text)));
    let y = column.y + dy;
    blank_row(buf, column, y, blank);
    buf.set_stringn(column.x, y, &shown, usize::from(column.width), style);
}

/// The text column's rows under the block's columns.
fn column_of(area: Rect, block: &ImageBlock) -> Option<Rect> {
    let x = area.x.checked_add(block.column)?;
    let right = area.right();
    if x >= right {
        return None;
    }
    Some(Rect::new(
        x,
        area.y,
        block.width.min(right - x),
        area.height,
    ))
}

/// Blanks the block's rows on screen, so that the placeholder text does
/// not show around a picture narrower or shorter than the block.
fn clear(buf: &mut Buffer, r: &ReaderScreen, column: Rect, block: &ImageBlock, top: usize) {
    let t = &r.config().theme;
    let blank = theme::style(t.span(Style::of(Role::Text)));
    for line in block.lines() {
        let Some(row) = line.checked_sub(top) else {
            continue;
        };
        let Ok(dy) = u16::try_from(row) else { break };
        if dy >= column.height {
            break;
        }
        blank_row(buf, column, column.y + dy, blank);
    }
}

/// Row `y` of `column` made blank in `style`, dropping what the text there
/// had (an underline or italics would show through a picture's cells).
fn blank_row(buf: &mut Buffer, column: Rect, y: u16, style: ratatui::style::Style) {
    for x in column.left()..column.right() {
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.reset();
            cell.set_style(style);
        }
    }
}
