//! Putting frames on the terminal. ratatui writes the cells that differ from
//! the last frame; when the part of the screen that scrolls (the reader's
//! text, a list) shows the last frame's rows moved up or down, the terminal
//! moves those rows itself first (a scroll region), so a one-line scroll
//! writes about one line instead of the whole text.
//!
//! Whether to scroll is decided from the two frames alone, so a scroll never
//! shows anything the frame does not hold: the rows are compared by hash,
//! and the move that leaves the fewest cells to write wins (no move when
//! none beats writing the changed cells in place). Rows move whole (a
//! terminal's scroll region is a band of full rows), so the columns beside
//! the part that scrolls (the outline pane) count in that choice too.
//! Hyperlinks ride along: a terminal keeps a cell's link when it moves it.
//!
//! The same hashes say which parts of a row (inside the scrolling area,
//! beside it) changed against the row the terminal shows there after the
//! move: only those are compared cell by cell ([`diff`], ratatui's rules)
//! and written, so a line's scroll beside the outline compares the pane and
//! one line of text, not the screen. Two different parts of rows with the
//! same 64-bit hash would leave one unwritten until it changes again.

use std::ops::Range;

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

mod bridge;
mod diff;
mod hash;
mod kept;

use hash::{RowHash, blank_hashes, row_hashes};
use kept::{fill_kept, fill_misplaced, move_drawn};

use super::app::App;
use super::host::Host;
use super::ui;
use super::ui::Part;

/// Draws frames: keeps what the terminal shows, draws the next frame
/// beside it and writes the difference (ratatui's own double buffer is
/// not used: it cannot be told that rows moved).
#[derive(Debug, Default)]
pub struct Painter {
    /// What the terminal shows (empty before the first frame).
    last: Buffer,
    /// The frame being drawn.
    next: Buffer,
    /// The rows hashes of `last` for a scrolling area, kept from when it
    /// was drawn.
    hashes: Option<(Rect, Vec<RowHash>)>,
    /// The app's size when the terminal's was last asked.
    size_for: Option<(u16, u16)>,
    /// The cells of the frame to write (indices into it), kept between
    /// frames for its room.
    changed: Vec<usize>,
    /// What `last` holds that the next frame may copy instead of drawing.
    kept: ui::Kept,
    /// The hashes of a blank row for the columns inside and outside the
    /// scrolling area, kept for those widths.
    blank: Option<((u16, u16), RowHash)>,
}

/// Rows `rows` of the screen moved by `by` lines: up (towards row 0) when
/// positive, down when negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shift {
    /// The band of full rows that moves.
    pub rows: Range<u16>,
    /// How far the band's content moves: up when positive.
    pub by: i32,
}

impl Painter {
    /// Draws `app` on `terminal`: the frame's changed cells, after moving
    /// the rows that only scrolled when that writes less.
    pub fn draw<B>(&mut self, terminal: &mut Terminal<B>, app: &App) -> anyhow::Result<()>
    where
        B: Backend + Host,
        B::Error: std::error::Error + Send + Sync + 'static,
    {
        // The terminal's size is asked when the app's changes (a resize
        // event), not every frame.
        if self.size_for != Some(app.size) {
            self.size_for = Some(app.size);
            terminal.autoresize()?;
            let area = terminal.get_frame().area();
            if area != self.last.area {
                terminal.backend_mut().clear_region(ClearType::All)?;
                self.blank(area);
            }
        }
        let backend = terminal.backend_mut();
        // `next` holds an older frame: the drawing resets what it draws
        // (all of it, or the rows a screen does not keep).
        self.next.resize(self.last.area);
        // Taken: a frame that fails to go out leaves nothing to copy.
        let mut kept = std::mem::take(&mut self.kept);
        ui::draw_keeping(&mut self.next, app, &self.last, &mut kept);
        let area = ui::scrolling_area(app).map(|a| self.last.area.intersection(a));
        let was = match (&self.hashes, area) {
            (Some((at, hashes)), Some(a)) if *at == a => Some(hashes.as_slice()),
            _ => None,
        };
        let fresh;
        let was = match (was, area) {
            (Some(was), _) => Some(was),
            (None, Some(a)) => {
                fresh = row_hashes(&self.last, a, None, |_| (None, None));
                Some(fresh.as_slice())
            }
            (None, None) => None,
        };
        // A kept part's hash is that of the last frame's row it shows.
        let top = area.map_or(0, |a| usize::from(a.y.saturating_sub(self.last.area.y)));
        let rows = top..area.map_or(0, |a| top + usize::from(a.height));
        // The parts of a split row are the scrolling area's columns and
        // the rest: each part's hash is one of the row's two.
        let inside = area.and_then(|a| inside_part(a, self.last.area, &kept.rows));
        if !hashed(&kept.rows, &rows, inside.is_some(), self.last.area.height) {
            // A part kept from elsewhere than a row hashed: put in the frame.
            fill_kept(&self.last, &mut self.next, &kept.rows);
            kept.rows.filled();
        }
        let now = area.map(|a| {
            row_hashes(&self.next, a, was, |r| {
                let from = |f: Option<usize>| f?.checked_sub(top);
                let (i, o) = match inside {
                    Some(Part::Right) => (Part::Right, Part::Left),
                    _ => (Part::Left, Part::Right),
                };
                match kept.rows.source(top + r) {
                    Some(f) => (from(Some(f)), from(Some(f))),
                    None => (
                        from(kept.rows.part_source(top + r, i)),
                        from(kept.rows.part_source(top + r, o)),
                    ),
                }
            })
        });
        let widths = area.map(|a| (a.width, self.last.area.width.saturating_sub(a.width)));
        let blank = match (self.blank, widths) {
            (Some((w, hashes)), Some(want)) if w == want => Some(hashes),
            (_, Some(want)) => {
                let hashes = blank_hashes(want.0, want.1);
                self.blank = Some((want, hashes));
                Some(hashes)
            }
            (_, None) => None,
        };
        let shift = match (area, &now, was, blank) {
            (Some(a), Some(now), Some(was), Some(blank)) => {
                shift_from(was, now, a, self.last.area.width, blank)
            }
            _ => None,
        };
        // A kept part the terminal will not show where it goes (the
        // outline pane beside text that scrolled): put in the frame and
        // written like a part drawn.
        fill_misplaced(&self.last, &mut self.next, &mut kept.rows, shift.as_ref());
        let kept_any = kept.rows.any_kept();
        if let Some(shift) = &shift {
            backend.scroll(shift.rows.clone(), shift.by)?;
        }
        let shown = diff::Shown {
            last: &self.last,
            shift: shift.as_ref(),
        };
        self.changed.clear();
        let drawn = |r: usize| kept.rows.drawn(r);
        match (area, &now, was, blank) {
            (Some(a), Some(now), Some(was), Some(blank)) => {
                changes(
                    &shown,
                    &self.next,
                    a,
                    (was, now, blank),
                    drawn,
                    &mut self.changed,
                );
            }
            _ => {
                for y in 0..usize::from(self.next.area.height) {
                    for columns in drawn(y) {
                        diff::row_changes(&shown, &self.next, y, columns, &mut self.changed);
                    }
                }
            }
        }
        let next = &self.next;
        let width = usize::from(next.area.width.max(1));
        let changed = self.changed.iter().filter_map(|&i| {
            let x = u16::try_from(i % width).ok()? + next.area.x;
            let y = u16::try_from(i / width).ok()? + next.area.y;
            Some((x, y, next.content.get(i)?))
        });
        backend.draw_cells(bridge::bridged(next, changed))?;
        Backend::flush(backend)?;
        if kept_any {
            // The terminal's rows are the last frame's, moved as the
            // terminal moved them, but for those drawn anew, copied over.
            if let Some(shift) = &shift {
                move_rows(&mut self.last, shift);
            }
            move_drawn(&mut self.next, &mut self.last, &kept.rows);
        } else {
            std::mem::swap(&mut self.last, &mut self.next);
        }
        self.hashes = area.zip(now);
        kept.rows.done();
        self.kept = kept;
        Ok(())
    }

    /// Clears the terminal: the next frame is written whole.
    pub fn clear<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> Result<(), B::Error> {
        terminal.backend_mut().clear_region(ClearType::All)?;
        self.blank(self.last.area);
        // The size may have changed meanwhile (a suspended run).
        self.size_for = None;
        Ok(())
    }

    /// The terminal shows nothing on `area`.
    fn blank(&mut self, area: Rect) {
        self.last = Buffer::empty(area);
        self.hashes = None;
        self.kept.forget();
    }
}

/// The part of a row whose columns are those of the scrolling `area` (on
/// a screen of `screen`), if one is.
fn inside_part(area: Rect, screen: Rect, keys: &ui::RowKeys) -> Option<Part> {
    let x = usize::from(area.x.checked_sub(screen.x)?);
    let columns = x..x + usize::from(area.width);
    [Part::Left, Part::Right]
        .into_iter()
        .find(|&p| keys.columns(p) == columns)
}

/// True when every kept part of a row is hashed already: a row outside
/// the scrolling area's `rows` kept in place, and in them a part kept
/// from a row of them, whole or (`aligned`: the parts are the area's
/// columns and the rest) part by part.
fn hashed(keys: &ui::RowKeys, rows: &Range<usize>, aligned: bool, height: u16) -> bool {
    (0..usize::from(height)).all(|r| {
        let parts = [Part::Left, Part::Right].map(|p| keys.part_source(r, p));
        if !rows.contains(&r) {
            return parts.iter().all(|f| f.is_none_or(|f| f == r));
        }
        let whole = keys.source(r).is_some() || parts == [None, None];
        parts.iter().all(|f| f.is_none_or(|f| rows.contains(&f))) && (whole || aligned)
    })
}

/// The cells of `next` to write over what the terminal `shown` shows (in
/// order), in the columns `drawn` gives for each row (those not kept):
/// every row outside `area` (the scrolling part, whose rows' hashes `was`
/// and `now` are), and of each row of it only the part inside or outside
/// it whose hash changed, read against the row the terminal now shows
/// there (after the scroll).
fn changes<I>(
    shown: &diff::Shown<'_>,
    next: &Buffer,
    area: Rect,
    (was, now, blank): (&[RowHash], &[RowHash], RowHash),
    drawn: impl Fn(usize) -> I,
    out: &mut Vec<usize>,
) where
    I: Iterator<Item = Range<usize>>,
{
    let width = usize::from(next.area.width);
    let left = usize::from(area.left().saturating_sub(next.area.left()));
    let right = (left + usize::from(area.width)).min(width);
    let top = usize::from(area.top().saturating_sub(next.area.top()));
    // Columns `columns` of row `y`, where drawn.
    let compare = |y: usize, columns: Range<usize>, out: &mut Vec<usize>| {
        for d in drawn(y) {
            let cut = columns.start.max(d.start)..columns.end.min(d.end);
            if !cut.is_empty() {
                diff::row_changes(shown, next, y, cut, out);
            }
        }
    };
    for y in 0..usize::from(next.area.height) {
        let Some(new) = y.checked_sub(top).and_then(|r| now.get(r)) else {
            compare(y, 0..width, out);
            continue;
        };
        let r = y - top;
        let from = match shown.shift {
            Some(shift) => r.checked_add_signed(shift.by as isize),
            None => Some(r),
        };
        let old = from.and_then(|f| was.get(f)).copied().unwrap_or(blank);
        if old.1 != new.1 {
            compare(y, 0..left, out);
        }
        if old.0 != new.0 {
            compare(y, left..right, out);
        }
        if old.1 != new.1 {
            compare(y, right..width, out);
        }
    }
}

/// The move of the rows of `area` (a screen `width` wide) from the rows
/// hashed `was` to those hashed `now` that leaves the fewest cells to
/// write, if it beats writing in place. Rows move whole: the columns of
/// those rows outside `area` count as well.
pub fn best_shift(was: &[RowHash], now: &[RowHash], area: Rect, width: u16) -> Option<Shift> {
    let blank = blank_hashes(area.width, width.saturating_sub(area.width));
    shift_from(was, now, area, width, blank)
}

/// [`best_shift`] with the hashes of a blank row (`blank`) of the screen.
fn shift_from(
    was: &[RowHash],
    now: &[RowHash],
    area: Rect,
    width: u16,
    blank: RowHash,
) -> Option<Shift> {
    let h = now.len();
    if was.len() != h || h < 2 {
        return None;
    }
    let outside_w = usize::from(width.saturating_sub(area.width));
    let inside_w = usize::from(area.width);
    // Cells left to write when the rows move up by `d` (down when
    // negative), if fewer than `cap`.
    let cost = |d: isize, cap: usize| -> Option<usize> {
        let mut sum = 0;
        for (y, &(new_in, new_out)) in now.iter().enumerate() {
            let from = y.checked_add_signed(d).filter(|&f| f < h);
            let old = from.map_or(blank, |f| was[f]);
            sum +=
                usize::from(old.0 != new_in) * inside_w + usize::from(old.1 != new_out) * outside_w;
            if sum >= cap {
                return None;
            }
        }
        Some(sum)
    };
    let still = cost(0, usize::MAX)?;
    // The scroll itself costs about a row's worth of bytes: a move wins
    // when it leaves fewer than `beat` cells.
    let beat = still.checked_sub(inside_w.max(8))?;
    let span = isize::try_from(h).ok()?;
    // The fewest cells, then the shortest move, down before up on a tie:
    // moves are tried shortest first (a line's scroll is found first), so
    // a later one must leave fewer cells, and is given up as soon as it
    // cannot.
    let mut best: Option<(isize, usize)> = None;
    for d in (1..span).flat_map(|d| [-d, d]) {
        let cap = match best {
            Some((_, c)) => c,
            None => beat,
        };
        if let Some(c) = cost(d, cap.min(beat)) {
            best = Some((d, c));
        }
    }
    let (by, _) = best?;
    Some(Shift {
        rows: area.top()..area.bottom(),
        by: i32::try_from(by).unwrap_or(0),
    })
}

/// Moves the rows of `buf` as the terminal does for `shift`: rows that
/// come in are blank.
///
/// Each row that stays is swapped into its place (cells move whole, as
/// bytes: nothing is cloned or dropped), and only the rows that come in
/// are blanked: a line's scroll swaps 22 rows and blanks one, a page's
/// swaps one and blanks 22 (on an 80 x 24 screen about 3.5 and 7 µs,
/// where rotating the band took 5.5 and 11 µs).
pub fn move_rows(buf: &mut Buffer, shift: &Shift) {
    let width = usize::from(buf.area.width);
    let top = usize::from(shift.rows.start.saturating_sub(buf.area.top()));
    let bottom = usize::from(shift.rows.end.saturating_sub(buf.area.top()))
        .min(buf.content.len() / width.max(1));
    if top >= bottom || width == 0 {
        return;
    }
    let band = &mut buf.content[top * width..bottom * width];
    let rows = bottom - top;
    let n = (shift.by.unsigned_abs() as usize).min(rows);
    let stay = rows - n;
    if n == 0 {
        return;
    }
    if shift.by > 0 {
        // Row `n + i` goes to row `i`, first to last.
        for i in 0..stay {
            let (to, from) = band.split_at_mut((n + i) * width);
            to[i * width..(i + 1) * width].swap_with_slice(&mut from[..width]);
        }
        band[stay * width..].fill(Cell::EMPTY);
    } else {
        // Row `i` goes to row `n + i`, last to first.
        for i in (0..stay).rev() {
            let (from, to) = band.split_at_mut((n + i) * width);
            to[..width].swap_with_slice(&mut from[i * width..(i + 1) * width]);
        }
        band[..n * width].fill(Cell::EMPTY);
    }
}

#[cfg(test)]
mod tests;
