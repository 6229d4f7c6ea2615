//! Drawing: read-only functions from app state to a frame. Nothing here
//! changes state or lays text out; width-dependent work is done on resize.

pub mod cells;
pub mod help;
pub mod hyperlinks;
pub mod image;
pub mod kept_rows;
pub mod library;
mod library_preview;
mod library_rows;
pub mod link_runs;
pub mod links;
pub mod outline;
pub mod picker;
pub mod reader;
pub mod rows;
pub mod search;
pub mod status;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::{App, Screen};
pub use super::text::truncate;
pub use kept_rows::{Keeping, Part, RowKeys};

/// Draws the app in a ratatui frame (see [`draw_buffer`]).
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    draw_buffer(frame.buffer_mut(), app);
}

/// Draws the app: the top screen, then the help overlay when open.
pub fn draw_buffer(buf: &mut Buffer, app: &App) {
    draw_parts(buf, app, None);
}

/// What the last frame holds that the next may copy instead of drawing:
/// the reader's parts, and the rows of a screen that keeps rows.
#[derive(Debug, Default)]
pub struct Kept {
    reader: reader::Kept,
    /// The rows' keys; the painter reads which rows were kept.
    pub rows: RowKeys,
}

impl Kept {
    /// The last frame holds nothing to copy.
    pub fn forget(&mut self) {
        self.reader.forget();
        self.rows.forget();
    }
}

/// Draws the app as [`draw_buffer`] does, over `last` (the frame the
/// terminal shows, `kept` what it holds) on a buffer holding an older
/// frame: parts whose inputs did not change since `last` was drawn are
/// copied from it (the reader's outline pane and status line), and the
/// rows of a screen that keeps rows are left stale where `kept.rows` says
/// so (see [`kept_rows`]). `kept` then tells what the new frame holds.
pub fn draw_keeping(buf: &mut Buffer, app: &App, last: &Buffer, kept: &mut Kept) {
    draw_parts(buf, app, Some((last, kept)));
}

fn draw_parts(buf: &mut Buffer, app: &App, keep: Option<(&Buffer, &mut Kept)>) {
    let mut spare = RowKeys::default();
    let (last, mut reader_kept, rows) = match keep {
        Some((last, kept)) => (Some(last), Some(&mut kept.reader), &mut kept.rows),
        None => (None, None, &mut spare),
    };
    let context = last.and_then(|_| keeping(buf, app));
    rows.begin(buf, context);
    match app.screens.last() {
        Some(Screen::Reader(r)) => {
            // Nothing is copied under the help: a link's run copied whole
            // would hide the help's cells drawn over its end.
            let keep = last
                .zip(reader_kept.as_deref_mut())
                .filter(|_| app.help.is_none());
            reader::draw_keeping(buf, r, keep, rows);
        }
        Some(Screen::Library(s)) => {
            library::draw_keeping(buf, s, &app.config.theme, app.keymap.hints(), rows)
        }
        Some(Screen::Search(s)) => search::draw(buf, s, app, rows),
        None => {}
    }
    rows.finish(buf);
    let reader = matches!(app.screens.last(), Some(Screen::Reader(_)));
    if let Some(kept) = reader_kept {
        if !reader || app.help.is_some() {
            // Another screen, or the help over the reader's parts.
            kept.forget();
        }
    }
    if let Some(view) = &app.help {
        help::draw(buf, app, view);
    }
    link_runs::join_links(buf, |r| rows.drawn(r));
}

/// What a frame that keeps rows is drawn in (the screen, its area, the
/// theme, where its rows split), or `None` when the top screen keeps
/// none: the search screen, the reader's link list over the whole width,
/// the reader (its outline pane and its text apart) with nothing over its
/// text, and the library (its list and its preview apart) do, and nothing
/// while the help or the library's tag picker is drawn over them.
fn keeping(buf: &Buffer, app: &App) -> Option<Keeping> {
    if app.help.is_some() {
        return None;
    }
    let whole = buf.area.width;
    let (screen, theme, split) = match app.screens.last()? {
        Screen::Search(s) => (kept_rows::key_of(("search", s.id)), app.config.theme, whole),
        Screen::Reader(r) if links::keeps_rows(buf, r) => {
            (kept_rows::key_of("link list"), r.config().theme, whole)
        }
        Screen::Reader(r) if reader::keeps_rows(r) => (
            reader::context_key(r),
            r.config().theme,
            reader::split(buf, r),
        ),
        Screen::Library(s) if s.picker.is_none() => (
            kept_rows::key_of("library"),
            app.config.theme,
            library::split(buf, s),
        ),
        _ => return None,
    };
    Some(Keeping {
        screen: kept_rows::key_of((screen, buf.area)),
        theme,
        split,
    })
}

/// The part of the screen whose rows may have scrolled since the last
/// frame (the reader's text or its link list, the library's list, the
/// search results), for the painter to move instead of writing anew.
/// `None` while a picture drawn by a graphics protocol may be on screen (a
/// terminal may not move it with the text) or the help is open.
pub fn scrolling_area(app: &App) -> Option<Rect> {
    if app.help.is_some() {
        return None;
    }
    match app.screens.last()? {
        Screen::Reader(r) => {
            let graphics = app.pictures.picker.as_ref().is_some_and(|p| {
                p.protocol_type() != ratatui_image::picker::ProtocolType::Halfblocks
            });
            if graphics && !r.images.is_empty() {
                return None;
            }
            if r.links.list.is_some() {
                // Inside the border, under the filter line.
                let pane = crate::tui::reader::links::list_box(&r.geometry);
                return Some(Rect::new(
                    pane.x.saturating_add(1),
                    pane.y.saturating_add(2),
                    pane.width.saturating_sub(2),
                    pane.height.saturating_sub(3),
                ));
            }
            // The text pane's columns, margins included: the part of a
            // row the text is (see `reader::split`).
            Some(r.geometry.pane)
        }
        Screen::Library(s) => Some(s.geometry.list),
        Screen::Search(_) => {
            Some(super::search::SearchGeometry::of(Rect::new(0, 0, app.size.0, app.size.1)).list)
        }
    }
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
