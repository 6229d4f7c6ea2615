//! The rows a frame keeps from the last (see [`crate::tui::ui::kept_rows`]):
//! whether the terminal shows them where they go after a scroll, and the
//! copies between the frame drawn and the frame the terminal shows that
//! keep both whole (only the parts of rows drawn, or only those kept, are
//! copied).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Shift;
use crate::tui::ui::{self, Part};

/// True when every part of a row `rows` keeps is where the terminal shows
/// it after `shift` (on a screen of `area`): in place, or moved with the
/// band (the terminal moves rows whole).
pub fn moved_as_kept(rows: &ui::RowKeys, shift: Option<&Shift>, area: Rect) -> bool {
    (0..usize::from(area.height)).all(|r| {
        let want = match shift {
            Some(shift) => {
                let band = usize::from(shift.rows.start.saturating_sub(area.y))
                    ..usize::from(shift.rows.end.saturating_sub(area.y));
                match band.contains(&r) {
                    true => r
                        .checked_add_signed(shift.by as isize)
                        .filter(|f| band.contains(f)),
                    false => Some(r),
                }
            }
            None => Some(r),
        };
        PARTS
            .iter()
            .all(|&p| rows.part_source(r, p).is_none_or(|from| want == Some(from)))
    })
}

const PARTS: [Part; 2] = [Part::Left, Part::Right];

/// Copies to `next` the parts of rows of `last` that `rows` says this
/// frame keeps.
pub fn fill_kept(last: &Buffer, next: &mut Buffer, rows: &ui::RowKeys) {
    let width = usize::from(next.area.width).max(1);
    for r in 0..usize::from(next.area.height) {
        for p in PARTS {
            let Some(from) = rows.part_source(r, p) else {
                continue;
            };
            let columns = rows.columns(p);
            let (Some(src), Some(dst)) = (
                last.content
                    .get(from * width + columns.start..from * width + columns.end),
                next.content
                    .get_mut(r * width + columns.start..r * width + columns.end),
            ) else {
                continue;
            };
            dst.clone_from_slice(src);
        }
    }
}

/// Copies the parts of rows of `next` that `rows` says were drawn to `last`.
pub fn copy_drawn(next: &Buffer, last: &mut Buffer, rows: &ui::RowKeys) {
    let width = usize::from(next.area.width);
    for (r, (from, to)) in next
        .content
        .chunks_exact(width.max(1))
        .zip(last.content.chunks_exact_mut(width.max(1)))
        .enumerate()
    {
        for columns in rows.drawn(r) {
            if let (Some(from), Some(to)) = (from.get(columns.clone()), to.get_mut(columns)) {
                to.clone_from_slice(from);
            }
        }
    }
}
