//! Drawing: read-only functions from app state to a frame. Nothing here
//! changes state or lays text out; width-dependent work is done on resize.

pub mod cells;
pub mod help;
pub mod hyperlinks;
pub mod image;
pub mod library;
pub mod links;
pub mod outline;
pub mod picker;
pub mod reader;
pub mod search;
pub mod status;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::{App, Screen};
pub use super::text::truncate;

/// Draws the app: the top screen, then the help overlay when open.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let buf = frame.buffer_mut();
    match app.screens.last() {
        Some(Screen::Reader(r)) => reader::draw(buf, r),
        Some(Screen::Library(s)) => library::draw(buf, s, &app.config.theme, app.keymap.hints()),
        Some(Screen::Search(s)) => search::draw(buf, s, app),
        None => {}
    }
    if let Some(view) = &app.help {
        help::draw(buf, app, view);
    }
    cells::join_links(buf);
}

/// A `width` x `height` box in the middle of `area` (cut to fit it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The part of `rect` that lies inside `buf` (drawing outside it would panic).
pub fn clip(buf: &Buffer, rect: Rect) -> Rect {
    buf.area.intersection(rect)
}
