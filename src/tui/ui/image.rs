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

/// A picture block on screen.
struct Placed<'a> {
    block: &'a ImageBlock,
    state: &'a ImageState,
    /// The screen rows showing it, in its columns.
    rows: Rect,
    /// Lines of the block above the screen.
    above: usize,
}

/// The picture blocks on screen with a state. Rows are found through the
/// lines on screen, so that folded `<details>` above a picture move it up
/// with the text.
fn placed<'a>(buf: &Buffer, r: &'a ReaderScreen) -> Vec<Placed<'a>> {
    let mut out = Vec::new();
    if r.doc.images.is_empty() || r.images.is_empty() {
        return out;
    }
    let area = clip(buf, r.geometry.text);
    if area.is_empty() {
        return out;
    }
    let on_screen = r.screen_lines();
    let (Some(&first), Some(&last)) = (on_screen.first(), on_screen.last()) else {
        return out;
    };
    let from = r.doc.images.partition_point(|b| b.lines().end <= first);
    for block in r.doc.images[from..].iter().take_while(|b| b.line <= last) {
        let Some(state) = r.images.get(&key_of(&r.doc, block)) else {
            continue;
        };
        let Some(column) = column_of(area, block) else {
            continue;
        };
        // The screen rows showing the block: from its first line on screen.
        let row = on_screen.partition_point(|&l| l < block.line);
        let shown = on_screen[row..]
            .iter()
            .take_while(|&&l| l < block.lines().end)
            .count();
        let (Some(&top_line), Ok(row16), Ok(shown16)) =
            (on_screen.get(row), u16::try_from(row), u16::try_from(shown))
        else {
            continue;
        };
        if shown == 0 || row16 >= column.height {
            continue;
        }
        let rows = Rect {
            y: column.y + row16,
            height: shown16.min(column.height - row16),
            ..column
        };
        out.push(Placed {
            block,
            state,
            rows,
            above: top_line - block.line,
        });
    }
    out
}

/// The screen rows pictures (or their placeholders) may be drawn on.
pub fn rows(buf: &Buffer, r: &ReaderScreen) -> Vec<std::ops::Range<u16>> {
    placed(buf, r)
        .iter()
        .map(|p| p.rows.top()..p.rows.bottom())
        .collect()
}

/// Draws the pictures of the blocks on screen over the text drawn there.
pub fn draw(buf: &mut Buffer, r: &ReaderScreen) {
    for Placed {
        block,
        state,
        rows,
        above,
    } in placed(buf, r)
    {
        match state {
            ImageState::Ready(picture) => {
                let Ok(y) = i16::try_from(above) else {
                    continue;
                };
                clear(buf, r, rows);
                SlicedImage::new(&picture.protocol, SignedPosition { x: 0, y: -y })
                    .render(rows, buf);
            }
            _ if above > 0 => {}
            ImageState::Failed(failure) => {
                let mut text = format!("[image: {}", block.alt);
                if let Some((w, h)) = failure.pixels {
                    text.push_str(&format!(" · {w}×{h}"));
                }
                text.push_str(&format!(" · {}]", failure.reason));
                placeholder(buf, r, rows, &text);
            }
            ImageState::Pending {
                pixels: Some((w, h)),
                ..
            } => {
                let text = format!("[image: {} · {w}×{h}]", block.alt);
                placeholder(buf, r, rows, &text);
            }
            ImageState::Pending { pixels: None, .. } => {}
        }
    }
}

/// Writes `text` over the first of `rows` (the block's first line).
fn placeholder(buf: &mut Buffer, r: &ReaderScreen, rows: Rect, text: &str) {
    let safe = crate::sanitize::sanitize_line(text);
    let shown = super::truncate(&safe, usize::from(rows.width));
    let t = &r.config().theme;
    let style = theme::style(t.span(Style::of(Role::Image)));
    let blank = theme::style(t.span(Style::of(Role::Text)));
    blank_row(buf, rows, rows.y, blank);
    buf.set_stringn(rows.x, rows.y, &shown, usize::from(rows.width), style);
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
fn clear(buf: &mut Buffer, r: &ReaderScreen, rows: Rect) {
    let t = &r.config().theme;
    let blank = theme::style(t.span(Style::of(Role::Text)));
    for y in rows.top()..rows.bottom() {
        blank_row(buf, rows, y, blank);
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
