//! The reader screen: the visible rows of the text, with search matches
//! highlighted, beside the outline pane and over the status line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::layout;
use crate::search::Match;
use crate::theme::Theme;
use crate::tui::reader::ReaderScreen;
use crate::tui::theme;

use super::{cells, clip, outline, status};

/// Draws the whole reader screen. Only the rows on screen are visited.
pub fn draw(buf: &mut Buffer, r: &ReaderScreen) {
    draw_keeping(buf, r, None);
}

/// The outline pane's and the status line's plans of the last frame, whose
/// cells it holds as they were painted (nothing drawn over them).
#[derive(Debug, Default)]
pub struct Kept {
    outline: Option<outline::Plan>,
    status: Option<status::Plan>,
}

impl Kept {
    /// The last frame holds nothing to copy.
    pub fn forget(&mut self) {
        *self = Kept::default();
    }
}

/// Draws the reader screen; with `keep` (the last frame, on a buffer of
/// the same area, and what it holds), the outline pane and the status line
/// are copied from it when their plans did not change.
pub(super) fn draw_keeping(buf: &mut Buffer, r: &ReaderScreen, keep: Option<(&Buffer, &mut Kept)>) {
    // Under the link list nothing of the text or the outline shows: they
    // are not drawn (nor is the outline kept: the frame holds the list).
    let covered = super::links::list_covers_text(buf, r);
    if !covered {
        draw_text(buf, r);
        super::image::draw(buf, r);
    }
    let (last, kept) = match keep {
        Some((last, kept)) => (Some(last), Some(kept)),
        None => (None, None),
    };
    let outline = outline::Plan::of(buf, r).filter(|_| !covered);
    let was = kept.as_ref().and_then(|k| k.outline.as_ref());
    put(
        buf,
        last,
        was,
        outline.as_ref(),
        outline::Plan::area,
        outline::Plan::paint,
    );
    super::links::draw(buf, r);
    let status = status::Plan::of(buf, r);
    let was = kept.as_ref().and_then(|k| k.status.as_ref());
    put(
        buf,
        last,
        was,
        status.as_ref(),
        status::Plan::area,
        status::Plan::paint,
    );
    if let Some(kept) = kept {
        *kept = Kept { outline, status };
    }
}

/// Paints `plan`, or copies its cells from `last` when it equals `was`
/// (the plan `last` was painted with).
fn put<P: PartialEq>(
    buf: &mut Buffer,
    last: Option<&Buffer>,
    was: Option<&P>,
    plan: Option<&P>,
    area: impl Fn(&P) -> Rect,
    paint: impl Fn(&P, &mut Buffer),
) {
    let Some(plan) = plan else { return };
    match last {
        Some(last) if was == Some(plan) && last.area == buf.area => {
            cells::copy_area(last, buf, area(plan));
        }
        _ => paint(plan, buf),
    }
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
