//! Writing a line of the article into the buffer cell by cell, each grapheme
//! given the columns the layout measured for it (not ratatui's own count),
//! in a form every terminal draws the same way, and link text as OSC 8
//! hyperlinks.
//!
//! Terminals disagree on multi-codepoint emoji. A flag (two regional
//! indicators) is one double-width cell on some and two single cells on
//! others (tmux 3.3); ratatui blanks the cell after a wide grapheme, so when
//! the flag scrolls away only its first half is overwritten and the second
//! stays on screen. The cell after a flag is therefore left empty (`""`),
//! which differs from any later content and so is always written again. ZWJ
//! sequences and skin tones are drawn as their parts, each in cells of its
//! own: ratatui moves the cursor before each cell after a wide one, so no
//! terminal joins them, and the layout already counted every part.
//!
//! A hyperlink is first written in each of its cells (open, the text,
//! close), the cell's width forced to the text's since the escape sequence
//! takes no room. Once the whole frame is drawn,
//! [`join_links`](super::link_runs::join_links) makes each run of such cells
//! one cell that opens the link once.

use std::ops::Range;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Zero-width joiner.
const ZWJ: char = '\u{200D}';
/// Emoji presentation selector.
const VS16: char = '\u{FE0F}';

/// A link on a line: its bytes in the line's text and the URL to open.
pub type LinkSpan = (Range<usize>, String);

fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// The parts of a grapheme as cells: `(text, columns)`. A ZWJ sequence or
/// an emoji with a skin tone comes apart (joiners and selectors dropped);
/// anything else is one part of the columns ratatui gives it.
pub fn parts(g: &str) -> Vec<(String, usize)> {
    let several = g.chars().nth(1).is_some();
    if !several || !g.chars().any(|c| c == ZWJ || is_skin_tone(c)) {
        return vec![(g.to_string(), g.width())];
    }
    let mut out: Vec<(String, usize)> = Vec::new();
    for c in g.chars().filter(|&c| c != ZWJ && c != VS16) {
        let w = c.width().unwrap_or(0);
        match out.last_mut() {
            // Zero-width marks stay with the part before them.
            Some(last) if w == 0 => last.0.push(c),
            _ if w == 0 => {}
            _ => out.push((c.to_string(), w)),
        }
    }
    out
}

/// Writes `spans` at `x`, `y`, at most `max` columns, measuring each
/// grapheme with `columns` (the layout's measure, so the line fits as it was
/// laid out); the bytes in `links` become OSC 8 hyperlinks.
pub fn put_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    spans: &[Span<'_>],
    links: &[LinkSpan],
    columns: impl Fn(&str) -> usize,
) {
    let right = usize::from(x.saturating_add(max).min(buf.area.right()));
    let Some((left, start)) = row_cells(buf, y) else {
        return;
    };
    let mut col = usize::from(x);
    let mut pos = 0usize;
    // A link cell's text, its room kept from cell to cell.
    let mut scratch = String::new();
    for span in spans {
        let end = pos + span.content.len();
        let linked = links.iter().any(|(r, _)| r.start < end && pos < r.end);
        let links = if linked { links } else { &[] };
        let at = Place {
            row: (left, start),
            y,
            right,
            pos,
        };
        if !put_span(buf, &at, &mut col, span, links, &columns, &mut scratch) {
            return;
        }
        pos = end;
    }
}

/// Where a span goes: its row (first column, first cell's index), the
/// column it may not reach, and its first byte's place in the line.
struct Place {
    row: (u16, usize),
    y: u16,
    right: usize,
    pos: usize,
}

/// Writes a span from `col`: a byte a column through its ASCII (most
/// text; a link's cell opens and closes the link around the byte),
/// graphemes through the stretches that are not (a stretch ends where two
/// ASCII characters meet, always a grapheme boundary, so it is segmented
/// as the whole text would be); false when the row is full.
fn put_span(
    buf: &mut Buffer,
    at: &Place,
    col: &mut usize,
    span: &Span<'_>,
    links: &[LinkSpan],
    columns: &impl Fn(&str) -> usize,
    scratch: &mut String,
) -> bool {
    let text: &str = &span.content;
    let bytes = text.as_bytes();
    let (left, start) = at.row;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() && bytes.get(i + 1).is_none_or(u8::is_ascii) {
            i += 1;
            if b.is_ascii_control() {
                continue;
            }
            if *col >= at.right {
                return false;
            }
            let link = links
                .iter()
                .find(|(r, _)| r.contains(&(at.pos + i - 1)))
                .map(|(_, u)| u.as_str());
            let Some(cell) = buf.content.get_mut(start + *col - usize::from(left)) else {
                return false;
            };
            cell.reset();
            let g = &text[i - 1..i];
            match link {
                Some(url) => {
                    scratch.clear();
                    for part in [OPEN, url, ST, g, CLOSE] {
                        scratch.push_str(part);
                    }
                    cell.set_symbol(scratch)
                        .set_diff_option(CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN));
                }
                None => {
                    cell.set_symbol(g);
                }
            }
            cell.set_style(span.style);
            *col += 1;
            continue;
        }
        let end = (i + 1..bytes.len())
            .find(|&j| bytes[j - 1].is_ascii() && bytes[j].is_ascii())
            .unwrap_or(bytes.len());
        let stretch = Span::styled(&text[i..end], span.style);
        if !put_graphemes(
            buf,
            col,
            at.y,
            at.right,
            &stretch,
            at.pos + i,
            links,
            columns,
        ) {
            return false;
        }
        i = end;
    }
    true
}

/// Writes a span grapheme by grapheme from `col` (its first byte at `pos`
/// of the line, for `links`); false when the row is full.
#[allow(clippy::too_many_arguments)]
fn put_graphemes(
    buf: &mut Buffer,
    col: &mut usize,
    y: u16,
    right: usize,
    span: &Span<'_>,
    pos: usize,
    links: &[LinkSpan],
    columns: &impl Fn(&str) -> usize,
) -> bool {
    for (i, g) in span.content.grapheme_indices(true) {
        if g.contains(char::is_control) {
            continue;
        }
        let w = columns(g);
        if w == 0 {
            continue;
        }
        if *col + w > right {
            return false;
        }
        let at = pos + i;
        let link = links
            .iter()
            .find(|(r, _)| r.contains(&at))
            .map(|(_, u)| u.as_str());
        put_grapheme(buf, *col, y, g, w, span.style, link);
        *col += w;
    }
    true
}

/// Row `y` of `buf`: its first column and the index of its first cell in
/// `buf.content`; `None` when the row is outside the buffer.
fn row_cells(buf: &Buffer, y: u16) -> Option<(u16, usize)> {
    let area = buf.area;
    (area.top()..area.bottom()).contains(&y).then(|| {
        (
            area.left(),
            usize::from(y - area.top()) * usize::from(area.width),
        )
    })
}

/// Writes `text` at `x`, `y` in at most `max` columns as
/// [`Buffer::set_stringn`] does (a cell's symbol and style set, the cells
/// under a wide one reset), walking graphemes only through the stretches
/// that are not ASCII: a label, an outline entry or the status line is
/// mostly ASCII. Between two ASCII characters there is always a grapheme
/// boundary (but inside CR LF, a control dropped either way), so a stretch
/// that ends where two ASCII characters meet is segmented as the whole
/// text would be.
pub fn put_str(buf: &mut Buffer, x: u16, y: u16, text: &str, max: usize, style: Style) {
    let Some((left, start)) = row_cells(buf, y) else {
        return;
    };
    if x < left {
        buf.set_stringn(x, y, text, max, style);
        return;
    }
    let mut room = usize::from(buf.area.right().saturating_sub(x)).min(max);
    let mut col = start + usize::from(x - left);
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let next_ascii = bytes.get(at + 1).is_none_or(u8::is_ascii);
        if b.is_ascii() && next_ascii {
            at += 1;
            if b.is_ascii_control() {
                continue;
            }
            if room == 0 {
                return;
            }
            let Some(cell) = buf.content.get_mut(col) else {
                return;
            };
            cell.set_symbol(&text[at - 1..at]).set_style(style);
            col += 1;
            room -= 1;
            continue;
        }
        // A stretch up to where two ASCII characters meet.
        let end = (at + 1..bytes.len())
            .find(|&j| bytes[j - 1].is_ascii() && bytes[j].is_ascii())
            .unwrap_or(bytes.len());
        for g in text[at..end].graphemes(true) {
            if g.contains(char::is_control) {
                continue;
            }
            let w = usize::from(ratatui::buffer::CellWidth::cell_width(g));
            if w == 0 {
                continue;
            }
            if w > room {
                return;
            }
            let Some(cell) = buf.content.get_mut(col) else {
                return;
            };
            cell.set_symbol(g).set_style(style);
            for under in 1..w {
                if let Some(cell) = buf.content.get_mut(col + under) {
                    cell.reset();
                }
            }
            col += w;
            room -= w;
        }
        at = end;
    }
}

/// Copies the cells of `area` (inside both buffers, which have the same
/// area) from `from` to `to`: afterwards each is equal to the one it was
/// copied from.
pub fn copy_area(from: &Buffer, to: &mut Buffer, area: Rect) {
    let area = to.area.intersection(area);
    let width = usize::from(to.area.width);
    let (left, right) = (
        usize::from(area.left() - to.area.left()),
        usize::from(area.right() - to.area.left()),
    );
    for y in area.top()..area.bottom() {
        let row = usize::from(y - to.area.top()) * width;
        let (Some(src), Some(dst)) = (
            from.content.get(row + left..row + right),
            to.content.get_mut(row + left..row + right),
        ) else {
            return;
        };
        for (to, from) in dst.iter_mut().zip(src) {
            // Cloning a cell's text costs more than comparing it, and most
            // cells copied are blank on both sides.
            if to != from {
                to.clone_from(from);
            }
        }
    }
}

/// Copies columns `columns` of row `from_y` of `from` to row `to_y` of `to`
/// (both buffers of one area).
pub fn copy_row(
    from: &Buffer,
    from_y: u16,
    to: &mut Buffer,
    to_y: u16,
    columns: std::ops::Range<u16>,
) {
    let width = usize::from(to.area.width);
    let left = usize::from(columns.start.saturating_sub(to.area.left()));
    let right = usize::from(columns.end.saturating_sub(to.area.left())).min(width);
    let (Some(a), Some(b)) = (
        usize::from(from_y.saturating_sub(from.area.top())).checked_mul(width),
        usize::from(to_y.saturating_sub(to.area.top())).checked_mul(width),
    ) else {
        return;
    };
    let (Some(src), Some(dst)) = (
        from.content.get(a + left..a + right),
        to.content.get_mut(b + left..b + right),
    ) else {
        return;
    };
    for (to, from) in dst.iter_mut().zip(src) {
        if to != from {
            to.clone_from(from);
        }
    }
}

/// Writes one grapheme over `w` cells from `col`.
fn put_grapheme(
    buf: &mut Buffer,
    col: usize,
    y: u16,
    g: &str,
    w: usize,
    style: Style,
    link: Option<&str>,
) {
    let mut at = col;
    let end = col + w;
    for (text, pw) in parts(g) {
        if pw == 0 || at + pw > end {
            break;
        }
        let Ok(cx) = u16::try_from(at) else { return };
        let cell = &mut buf[(cx, y)];
        cell.reset();
        match link {
            Some(url) => {
                cell.set_symbol(&format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\"));
                if let Ok(n) = u16::try_from(pw) {
                    if let Some(n) = std::num::NonZeroU16::new(n) {
                        cell.set_diff_option(CellDiffOption::ForcedWidth(n));
                    }
                }
            }
            None => {
                cell.set_symbol(&text);
            }
        }
        cell.set_style(style);
        // A wide cluster ratatui has no workaround for leaves its trailing
        // cells empty, so that whatever comes there next is written.
        let several = text.chars().nth(1).is_some();
        let trailing = if several && !text.contains(VS16) {
            ""
        } else {
            " "
        };
        for tx in at + 1..at + pw {
            let Ok(tx) = u16::try_from(tx) else { return };
            let cell = &mut buf[(tx, y)];
            cell.reset();
            cell.set_symbol(trailing);
            cell.set_style(style);
        }
        at += pw;
    }
    // Columns the layout counted beyond what the parts drew stay blank.
    for tx in at..end {
        let Ok(tx) = u16::try_from(tx) else { return };
        let cell = &mut buf[(tx, y)];
        cell.reset();
        cell.set_style(style);
    }
}

/// Opens an OSC 8 hyperlink; the URL and [`ST`] follow.
pub(super) const OPEN: &str = "\x1b]8;;";
/// Ends the URL of an OSC 8 sequence (string terminator).
pub(super) const ST: &str = "\x1b\\";
/// Closes an OSC 8 hyperlink.
pub(super) const CLOSE: &str = "\x1b]8;;\x1b\\";

#[cfg(test)]
#[path = "cells_tests.rs"]
mod tests;
