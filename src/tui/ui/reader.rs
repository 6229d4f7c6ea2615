//! The reader screen: the visible rows of the text, with search matches
//! highlighted, beside the outline pane and over the status line.
//!
//! The reader keeps rows (see [`super::kept_rows`]) while nothing is drawn
//! over its text (no pictures, link labels or list): each row is split
//! where the outline pane meets the text pane, a text row named by its
//! styled spans and links, a pane row by its entry, the status line by its
//! plan. After a `j` the rows that only moved and the pane are left to the
//! painter (the terminal moves them, or they stay), and one text row is
//! cut into cells. Otherwise a text row whose spans are those of a row of
//! the last frame is copied from it instead of being cut into cells again.

use std::hash::{Hash, Hasher};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::layout;
use crate::search::Match;
use crate::theme::Theme;
use crate::tui::reader::ReaderScreen;
use crate::tui::theme;

use super::kept_rows::{Part, RowKeys, key_hasher, key_of};
use super::{cells, clip, outline, status};

/// Draws the whole reader screen. Only the rows on screen are visited.
pub fn draw(buf: &mut Buffer, r: &ReaderScreen) {
    draw_keeping(buf, r, None, &mut RowKeys::default());
}

/// True when the reader's rows can be kept from frame to frame: no link
/// labels or list are drawn over its text (the rows pictures are drawn on
/// are drawn every frame).
pub fn keeps_rows(r: &ReaderScreen) -> bool {
    r.links.list.is_none() && r.links.hints.is_none()
}

/// The column where a row's right part starts (see
/// [`super::kept_rows::Keeping::split`]): where the outline pane and the
/// text pane meet, the width without the pane.
pub fn split(buf: &Buffer, r: &ReaderScreen) -> u16 {
    let pane = clip(buf, r.geometry.pane);
    match r.geometry.outline {
        Some(_) if pane.x > buf.area.x => pane.x - buf.area.x,
        Some(_) => pane.right().saturating_sub(buf.area.x),
        None => buf.area.width,
    }
}

/// The part of a row the text pane is (the other is the outline's).
fn text_part(buf: &Buffer, r: &ReaderScreen) -> Part {
    if r.geometry.outline.is_some() && clip(buf, r.geometry.pane).x > buf.area.x {
        Part::Right
    } else {
        Part::Left
    }
}

/// The key of the reader's context: rows are kept only between frames of
/// the same placement (a text column moved shows the same spans
/// elsewhere).
pub fn context_key(r: &ReaderScreen) -> u64 {
    let g = &r.geometry;
    key_of(("reader", g.area, g.outline, g.pane, g.text, g.status))
}

/// The outline pane's and the status line's plans of the last frame, whose
/// cells it holds as they were painted (nothing drawn over them).
#[derive(Debug, Default)]
pub struct Kept {
    outline: Option<outline::Plan>,
    status: Option<status::Plan>,
    text: Option<TextRows>,
    /// The status line's last breadcrumb.
    crumbs: status::Crumbs,
}

/// The text rows of a frame, each as a hash of what its cells are made of
/// (its styled spans and links), when nothing was drawn over them.
#[derive(Debug, Default, PartialEq)]
struct TextRows {
    area: Rect,
    rows: Vec<u64>,
}

impl Kept {
    /// The last frame holds nothing to copy.
    pub fn forget(&mut self) {
        *self = Kept::default();
    }
}

/// Draws the reader screen; with `keep` (the last frame, on a buffer of
/// the same area, and what it holds), the outline pane and the status line
/// are copied from it when their plans did not change. Over the link list
/// (`rows` keeping rows) the status line is a row kept by its plan.
pub(super) fn draw_keeping(
    buf: &mut Buffer,
    r: &ReaderScreen,
    keep: Option<(&Buffer, &mut Kept)>,
    rows: &mut RowKeys,
) {
    let (last, mut kept) = match keep {
        Some((last, kept)) => (Some(last), Some(kept)),
        None => (None, None),
    };
    // Under the link list nothing of the text or the outline shows: they
    // are not drawn (nor is the outline kept: the frame holds the list).
    let covered = super::links::list_covers_text(buf, r);
    let mut text = None;
    // Keeping rows, the text's and the pane's are named part by part.
    let parts = (!covered && rows.keeping()).then(|| text_part(buf, r));
    if !covered {
        let was = last
            .filter(|l| l.area == buf.area)
            .zip(kept.as_ref().and_then(|k| k.text.as_ref()));
        text = draw_text(buf, r, was, parts.map(|p| (&mut *rows, p)));
        super::image::draw(buf, r);
    }
    // Rows something is drawn over are not offered to the next frame.
    if !r.images.is_empty() || r.links.list.is_some() || r.links.hints.is_some() {
        text = None;
    }
    let outline = (!covered).then(|| outline::Plan::of(buf, r)).flatten();
    match (&outline, parts) {
        (Some(plan), Some(text)) => {
            let pane = if text == Part::Left {
                Part::Right
            } else {
                Part::Left
            };
            for y in plan.area().top()..plan.area().bottom() {
                if !rows.part(buf, y, pane, plan.row_key(y)) {
                    plan.paint_row(buf, y);
                }
            }
        }
        _ => {
            let was = kept.as_ref().and_then(|k| k.outline.as_ref());
            put(
                buf,
                last,
                was,
                outline.as_ref(),
                outline::Plan::area,
                outline::Plan::paint,
            );
        }
    }
    super::links::draw(buf, r, rows);
    let status = match kept.as_mut() {
        Some(k) => status::Plan::of_with(buf, r, &mut k.crumbs),
        None => status::Plan::of(buf, r),
    };
    let was = kept.as_ref().and_then(|k| k.status.as_ref());
    let same = status
        .as_ref()
        .is_some_and(|plan| rows.row(buf, plan.area().y, super::kept_rows::key_of(plan)));
    if !same {
        put(
            buf,
            last,
            was,
            status.as_ref(),
            status::Plan::area,
            status::Plan::paint,
        );
    }
    if let Some(kept) = kept {
        kept.outline = outline;
        kept.status = status;
        kept.text = text;
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

/// Draws the text rows, copying from `was` (the last frame and its rows)
/// those it shows already, or (`keep`: the rows of a frame that keeps
/// them and the text's part of a row) leaving them to the painter when
/// the last frame showed them; returns the rows drawn.
fn draw_text(
    buf: &mut Buffer,
    r: &ReaderScreen,
    was: Option<(&Buffer, &TextRows)>,
    mut keep: Option<(&mut RowKeys, Part)>,
) -> Option<TextRows> {
    let area = clip(buf, r.geometry.text);
    if area.is_empty() {
        return None;
    }
    let was = was.filter(|(_, w)| w.area == area);
    let mut drawn = TextRows {
        area,
        rows: Vec::with_capacity(usize::from(area.height)),
    };
    let t = &r.config().theme;
    let rows = usize::from(area.height);
    let on_screen = r.screen_lines();
    // The rows pictures are drawn on, when rows are kept.
    let pictured = match keep {
        Some(_) => super::image::rows(buf, r),
        None => Vec::new(),
    };
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
        let key = row_key(&spans, &links);
        drawn.rows.push(key);
        let y = area.y + dy;
        let put = |buf: &mut Buffer| {
            cells::put_line(
                buf,
                area.x,
                y,
                area.width,
                &spans,
                &links,
                layout::cell_width,
            );
        };
        if let Some((rows, part)) = keep.as_mut() {
            let draw = if pictured.iter().any(|p| p.contains(&y)) {
                // Drawn, with a picture over it.
                rows.fresh_part(buf, y, *part);
                true
            } else {
                !rows.part(buf, y, *part, key)
            };
            if draw {
                put(buf);
            }
            continue;
        }
        let shown = was.and_then(|(last, w)| Some((last, w.rows.iter().position(|&k| k == key)?)));
        match shown {
            Some((last, from)) => {
                let from = area.y + u16::try_from(from).unwrap_or(u16::MAX);
                cells::copy_row(last, from, buf, y, area.x..area.right());
            }
            None => put(buf),
        }
    }
    if let Some((rows, part)) = keep {
        // The rows under the article's end show nothing, by one key.
        let blank = key_of("no line");
        for dy in drawn.rows.len()..usize::from(area.height) {
            let y = area.y + u16::try_from(dy).unwrap_or(u16::MAX);
            rows.part(buf, y, part, blank);
        }
    }
    Some(drawn)
}

/// What a text row's cells are made of, as one hash: its spans' text and
/// style, and its links.
fn row_key(spans: &[Span<'_>], links: &[cells::LinkSpan]) -> u64 {
    let mut h = key_hasher();
    for span in spans {
        span.content.hash(&mut h);
        span.style.hash(&mut h);
    }
    links.hash(&mut h);
    h.finish()
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
