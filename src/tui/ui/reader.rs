//! The reader screen: the visible rows of the text, with search matches
//! highlighted, beside the outline pane and over the status line.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

use crate::layout;
use crate::search::Match;
use crate::theme::Theme;
use crate::tui::reader::ReaderScreen;
use crate::tui::theme;

use super::{clip, outline, status};

/// Draws the whole reader screen. Only the rows on screen are visited.
pub fn draw(buf: &mut Buffer, r: &ReaderScreen) {
    draw_text(buf, r);
    super::image::draw(buf, r);
    outline::draw(buf, r);
    super::links::draw(buf, r);
    status::draw(buf, r);
}

fn draw_text(buf: &mut Buffer, r: &ReaderScreen) {
    let area = clip(buf, r.geometry.text);
    if area.is_empty() {
        return;
    }
    let t = &r.config().theme;
    let rows = usize::from(area.height);
    for (row, line) in r.doc.lines(r.top, rows).enumerate() {
        let Ok(dy) = u16::try_from(row) else { break };
        let (_, matches) = r.matches_on(line.index());
        let current = r.search.current.and_then(|c| r.search.matches.get(c));
        let spans = styled(line, matches, current.map(|m| m.hit), t);
        buf.set_line(area.x, area.y + dy, &Line::from(spans), area.width);
    }
}

/// A document line as ratatui spans, with the matches on it highlighted
/// (`current` is the [`Match::hit`] of the current match: all its pieces).
pub fn styled<'a>(
    line: layout::Line<'a>,
    matches: &[Match],
    current: Option<usize>,
    t: &Theme,
) -> Vec<Span<'a>> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    for (text, style) in line.spans() {
        let base = theme::style(t.span(style));
        let end = pos + text.len();
        let mut at = pos;
        for m in matches {
            if m.end <= at || m.start >= end {
                continue;
            }
            let s = m.start.max(at);
            let e = m.end.min(end);
            if s > at {
                out.push(Span::styled(
                    text.get(at - pos..s - pos).unwrap_or(""),
                    base,
                ));
            }
            let hit = theme::style(t.search(current == Some(m.hit)));
            out.push(Span::styled(
                text.get(s - pos..e - pos).unwrap_or(""),
                base.patch(hit),
            ));
            at = e;
        }
        if at < end {
            out.push(Span::styled(text.get(at - pos..).unwrap_or(""), base));
        }
        pos = end;
    }
    out
}
