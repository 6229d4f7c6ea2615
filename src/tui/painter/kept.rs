//! The rows a frame keeps from the last (see [`crate::tui::ui::kept_rows`]):
//! whether the terminal shows them where they go after a scroll, and the
//! copies between the frame drawn and the frame the terminal shows that
//! keep both whole (only the rows drawn, or only the rows kept, are copied).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Shift;
use crate::tui::ui;

/// True when every row `rows` keeps is where the terminal shows it after
/// `shift` (on a screen of `area`): in place, or moved with the band.
pub fn moved_as_kept(rows: &ui::RowKeys, shift: Option<&Shift>, area: Rect) -> bool {
    (0..usize::from(area.height)).all(|r| {
        let Some(from) = rows.source(r) else {
            return true;
        };
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
        want == Some(from)
    })
}

/// Copies to `next` the rows of `last` that `rows` says this frame keeps.
pub fn fill_kept(last: &Buffer, next: &mut Buffer, rows: &ui::RowKeys) {
    let width = usize::from(next.area.width).max(1);
    for r in 0..usize::from(next.area.height) {
        let Some(from) = rows.source(r) else { continue };
        let (Some(src), Some(dst)) = (
            last.content.get(from * width..(from + 1) * width),
            next.content.get_mut(r * width..(r + 1) * width),
        ) else {
            continue;
        };
        dst.clone_from_slice(src);
    }
}

/// Copies the rows of `next` that `rows` says were drawn to `last`.
pub fn copy_drawn(next: &Buffer, last: &mut Buffer, rows: &ui::RowKeys) {
    let width = usize::from(next.area.width);
    for (r, (from, to)) in next
        .content
        .chunks_exact(width.max(1))
        .zip(last.content.chunks_exact_mut(width.max(1)))
        .enumerate()
    {
        if !rows.kept(r) {
            to.clone_from_slice(from);
        }
    }
}
