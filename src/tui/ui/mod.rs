//! Drawing: read-only functions from app state to a frame.

pub mod library;

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthChar;

/// `text` cut to at most `width` columns, ending in `…` when it was cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    let mut used = 0usize;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            let mut out: String = text[..i].to_string();
            while unicode_width::UnicodeWidthStr::width(out.as_str()) + 1 > width {
                if out.pop().is_none() {
                    break;
                }
            }
            if width > 0 {
                out.push('…');
            }
            return Cow::Owned(out);
        }
        used += w;
    }
    Cow::Borrowed(text)
}

/// The part of `rect` that lies inside `buf` (drawing outside it would panic).
pub fn clip(buf: &Buffer, rect: Rect) -> Rect {
    buf.area.intersection(rect)
}
