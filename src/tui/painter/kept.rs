//! The rows a frame keeps from the last (see [`crate::tui::ui::kept_rows`]):
//! those the terminal does not show where they go after a scroll, and the
//! copies between the frame drawn and the frame the terminal shows that
//! keep both whole (only the parts of rows drawn, or only those kept, are
//! copied or moved).

use std::ops::Range;

use ratatui::buffer::Buffer;

use super::Shift;
use crate::tui::ui::{self, Part};

/// Copies to `next` each part of a row `rows` keeps that the terminal
/// will not show where it goes after `shift` (on a screen of `next`'s
/// area), so that it is written like a part drawn: kept in place while the
/// rows beside it moved (the terminal moves rows whole), or moved
/// otherwise than the band. The parts the terminal shows where they go
/// stay kept.
pub fn fill_misplaced(
    last: &Buffer,
    next: &mut Buffer,
    rows: &mut ui::RowKeys,
    shift: Option<&Shift>,
) {
    let area = next.area;
    let band = shift.map(|s| {
        usize::from(s.rows.start.saturating_sub(area.y))
            ..usize::from(s.rows.end.saturating_sub(area.y))
    });
    for r in 0..usize::from(area.height) {
        let want = match (shift, &band) {
            (Some(shift), Some(band)) if band.contains(&r) => r
                .checked_add_signed(shift.by as isize)
                .filter(|f| band.contains(f)),
            _ => Some(r),
        };
        for p in PARTS {
            let Some(from) = rows.part_source(r, p) else {
                continue;
            };
            if want == Some(from) {
                continue;
            }
            copy_part(last, from, next, r, rows.columns(p));
            rows.filled_part(r, p);
        }
    }
}

/// Copies `columns` of row `from` of `last` to row `to` of `next`.
fn copy_part(last: &Buffer, from: usize, next: &mut Buffer, to: usize, columns: Range<usize>) {
    let width = usize::from(next.area.width).max(1);
    let (Some(src), Some(dst)) = (
        last.content
            .get(from * width + columns.start..from * width + columns.end),
        next.content
            .get_mut(to * width + columns.start..to * width + columns.end),
    ) else {
        return;
    };
    dst.clone_from_slice(src);
}

const PARTS: [Part; 2] = [Part::Left, Part::Right];

/// Copies to `next` the parts of rows of `last` that `rows` says this
/// frame keeps.
pub fn fill_kept(last: &Buffer, next: &mut Buffer, rows: &ui::RowKeys) {
    for r in 0..usize::from(next.area.height) {
        for p in PARTS {
            if let Some(from) = rows.part_source(r, p) {
                copy_part(last, from, next, r, rows.columns(p));
            }
        }
    }
}

/// Moves the parts of rows of `next` that `rows` says were drawn to
/// `last`, once the frame went out. They are swapped, not cloned: what
/// `next` gets back is an older frame's cells, which is all a frame is
/// drawn over (drawing resets what it draws, and a kept part's cells are
/// never read). A line's scroll beside the outline moves the pane's rows
/// this way, where cloning them was 4% of the main thread's time a key.
pub fn move_drawn(next: &mut Buffer, last: &mut Buffer, rows: &ui::RowKeys) {
    let width = usize::from(next.area.width);
    for (r, (from, to)) in next
        .content
        .chunks_exact_mut(width.max(1))
        .zip(last.content.chunks_exact_mut(width.max(1)))
        .enumerate()
    {
        for columns in rows.drawn(r) {
            if let (Some(from), Some(to)) = (from.get_mut(columns.clone()), to.get_mut(columns)) {
                to.swap_with_slice(from);
            }
        }
    }
}
