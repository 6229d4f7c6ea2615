//! The reader screen: the visible rows of the text, with search matches
//! highlighted, beside the outline pane and over the status line.

use ratatui::buffer::Buffer;
use ratatui::text::Span;

use crate::layout;
use crate::search::Match;
use crate::theme::Theme;
use crate::tui::reader::ReaderScreen;
use crate::tui::theme;

use super::{cells, clip, outline, status};

/// Draws the whole reader screen. Only the rows on screen are visited.
pub fn draw(buf: &mut Buffer, r: &ReaderScreen) {
    // Under the link list nothing of the text shows: it is not drawn.
    if !super::links::list_covers_text(buf, r) {
        draw_text(buf, r);
        super::image::draw(buf, r);
    }
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
    let on_screen = r.screen_lines();
    let hyperlinks = r.config().hyperlinks;
    let article = hyperlinks
        .then(|| super::hyperlinks::article_path(r))
        .flatten();
    for (row, line) in on_screen
        .iter()
        .filter_map(|&i| r.doc.line(i))
        .take(rows)
        .enumerate()
    {
        let Ok(dy) = u16::try_from(row) else { break };
        let (_, matches) = r.matches_on(line.index());
        let current = r.search.current.and_then(|c| r.search.matches.get(c));
        let mut spans = styled(line, matches, current.map(|m| m.hit), t);
        if r.fold_on(line.index()).is_some_and(|(_, folded)| folded) {
            mark_folded(&mut spans);
        }
        let links = if hyperlinks {
            super::hyperlinks::on_line(r, line, article.as_deref())
        } else {
            Vec::new()
        };
        cells::put_line(
            buf,
            area.x,
            area.y + dy,
            area.width,
            &spans,
            &links,
            layout::cell_width,
        );
    }
}

/// Draws a folded summary's mark as `▸` (the layout wrote `▾`).
fn mark_folded(spans: &mut [Span<'_>]) {
    let open = layout::UNFOLDED.trim_end();
    let folded = layout::FOLDED.trim_end();
    if let Some(span) = spans.iter_mut().find(|s| s.content.contains(open)) {
        span.content = span.content.replacen(open, folded, 1).into();
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
