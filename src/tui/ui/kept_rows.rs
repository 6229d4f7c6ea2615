//! Rows a frame leaves as the last frame drew them. A screen that keeps
//! rows names each of its rows by a key, a hash of everything the whole
//! row shows; a row whose key is the one the last frame drew there is
//! neither reset, drawn, hashed nor compared again: the painter takes it
//! from the frame the terminal shows. After a `j` in the search results
//! four rows of twenty-four are drawn.
//!
//! A keeping frame starts on the buffer of an older frame: every row is
//! reset when the screen says it draws it ([`RowKeys::row`] answering
//! false, [`RowKeys::fresh`]), and the rows it named nothing for are reset
//! at the end. A kept row's cells in the buffer are stale: drawing over
//! them (a border drawn down a pane) is harmless, as they are never read.
//! Two different rows with the same 64-bit key would leave one shown for
//! the other (the painter's row hashes take the same chance).

use std::hash::{DefaultHasher, Hash, Hasher};

use ratatui::buffer::{Buffer, Cell};

use crate::theme::Theme;

/// The keys of the last frame's rows and of the frame being drawn.
#[derive(Debug, Default)]
pub struct RowKeys {
    /// What the last frame's rows were drawn from (`None`: not known).
    was: Vec<Option<u64>>,
    /// What the last frame was drawn in: the screen, the theme, the area.
    was_context: Option<(u64, Theme)>,
    /// The keys of the frame being drawn.
    now: Vec<Option<u64>>,
    context: Option<(u64, Theme)>,
    /// The rows of this frame that are rows of the last frame: which.
    kept: Vec<Option<usize>>,
    /// How far the rows found elsewhere in the last frame moved (down
    /// when positive), as the first of them did.
    moved: Option<isize>,
    /// The rows the screen named (kept or reset to be drawn).
    named: Vec<bool>,
    /// False: the buffer was reset whole and nothing is kept (a screen
    /// that keeps no rows, or something drawn over them).
    on: bool,
}

/// A hasher for a row's key: feed it everything the row shows.
pub fn key_hasher() -> DefaultHasher {
    DefaultHasher::new()
}

/// The key of what `parts` hash to.
pub fn key_of(parts: impl Hash) -> u64 {
    let mut h = key_hasher();
    parts.hash(&mut h);
    h.finish()
}

impl RowKeys {
    /// Starts a frame on `buf`. With `context` (what the screen, theme and
    /// area are, as a hash and the theme) rows may be kept from a last
    /// frame drawn in the same context; without it the buffer is reset
    /// whole and nothing is kept.
    pub fn begin(&mut self, buf: &mut Buffer, context: Option<(u64, Theme)>) {
        let height = usize::from(buf.area.height);
        self.now.clear();
        self.now.resize(height, None);
        self.kept.clear();
        self.kept.resize(height, None);
        self.moved = None;
        self.named.clear();
        self.named.resize(height, false);
        self.on = context.is_some();
        if context.is_none() || context != self.was_context || self.was.len() != height {
            self.was.clear();
            self.was.resize(height, None);
        }
        self.context = context;
        if !self.on {
            buf.reset();
        }
    }

    /// Row `y` (of the buffer) shows what `key` names: true when the last
    /// frame showed the same, there or on another row (the row is left
    /// alone: nothing is drawn on it), false when it is reset for drawing.
    pub fn row(&mut self, buf: &mut Buffer, y: u16, key: u64) -> bool {
        let Some(r) = y.checked_sub(buf.area.y).map(usize::from) else {
            return false;
        };
        if r >= self.now.len() {
            return false;
        }
        if !self.on {
            return false;
        }
        if self.named[r] {
            // Named twice: drawn, and known by no key.
            if self.kept[r].is_some() {
                reset_row(buf, r);
            }
            self.now[r] = None;
            self.kept[r] = None;
            return false;
        }
        self.named[r] = true;
        self.now[r] = Some(key);
        if let Some(from) = self.find(r, key) {
            self.kept[r] = Some(from);
            return true;
        }
        reset_row(buf, r);
        false
    }

    /// The row of the last frame that showed `key`, for row `r`: `r`
    /// itself, else the row as far as the rows found before moved, else
    /// the first.
    fn find(&mut self, r: usize, key: u64) -> Option<usize> {
        let shows = |f: usize| self.was.get(f) == Some(&Some(key));
        if shows(r) {
            return Some(r);
        }
        if let Some(f) = self.moved.and_then(|d| r.checked_add_signed(d)) {
            if shows(f) {
                return Some(f);
            }
        }
        let f = (0..self.was.len()).find(|&f| shows(f))?;
        self.moved = self
            .moved
            .or(isize::try_from(f).ok().map(|f| f - r as isize));
        Some(f)
    }

    /// Row `y` is drawn from nothing a key names: it is reset (when it
    /// was not already) and never kept.
    pub fn fresh(&mut self, buf: &mut Buffer, y: u16) {
        let Some(r) = y.checked_sub(buf.area.y).map(usize::from) else {
            return;
        };
        if !self.on || r >= self.now.len() {
            return;
        }
        if !self.named[r] || self.kept[r].is_some() {
            reset_row(buf, r);
        }
        self.named[r] = true;
        self.kept[r] = None;
        self.now[r] = None;
    }

    /// Row `y`, named by its key already, is drawn after all (a part of
    /// something drawn whole changed): reset when it was kept.
    pub fn redraw(&mut self, buf: &mut Buffer, y: u16) {
        let Some(r) = y.checked_sub(buf.area.y).map(usize::from) else {
            return;
        };
        if self.source(r).is_some() {
            reset_row(buf, r);
            self.kept[r] = None;
        }
    }

    /// Ends the screen's drawing: the rows it named nothing for are reset.
    pub fn finish(&mut self, buf: &mut Buffer) {
        if !self.on {
            return;
        }
        for r in 0..self.now.len() {
            if !self.named[r] {
                reset_row(buf, r);
                self.named[r] = true;
            }
        }
    }

    /// True when this frame may keep rows (its buffer was not reset whole).
    pub fn keeping(&self) -> bool {
        self.on
    }

    /// True when row `r` (from the buffer's top) of this frame is a row
    /// of the last frame, left stale in the buffer.
    pub fn kept(&self, r: usize) -> bool {
        self.source(r).is_some()
    }

    /// The row of the last frame that row `r` of this frame shows, when
    /// it is kept.
    pub fn source(&self, r: usize) -> Option<usize> {
        self.kept.get(r).copied().flatten()
    }

    /// True when some row of this frame is kept.
    pub fn any_kept(&self) -> bool {
        self.kept.iter().any(Option::is_some)
    }

    /// The kept rows are in the buffer now (copied from the last frame):
    /// they are rows like the others.
    pub fn filled(&mut self) {
        self.kept.fill(None);
    }

    /// The frame went out: its keys are the last frame's.
    pub fn done(&mut self) {
        std::mem::swap(&mut self.was, &mut self.now);
        self.was_context = if self.on { self.context } else { None };
    }

    /// The terminal shows nothing known: nothing is kept next frame.
    pub fn forget(&mut self) {
        self.was.clear();
        self.was_context = None;
    }
}

/// Resets row `r` (from the top) of `buf`.
fn reset_row(buf: &mut Buffer, r: usize) {
    let width = usize::from(buf.area.width);
    if let Some(row) = buf.content.get_mut(r * width..(r + 1) * width) {
        row.fill(Cell::EMPTY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn buffer() -> Buffer {
        Buffer::with_lines(["old a", "old b", "old c"])
    }

    #[test]
    fn a_row_with_the_last_frames_key_is_kept_the_others_reset() {
        let mut keys = RowKeys::default();
        let context = Some((1, Theme::DARK));
        let mut buf = buffer();
        keys.begin(&mut buf, context);
        assert!(!keys.row(&mut buf, 0, 10));
        assert!(!keys.row(&mut buf, 1, 11));
        buf.set_string(0, 0, "new a", Style::default());
        keys.finish(&mut buf);
        // Unnamed and the row not kept: reset.
        assert_eq!(buf, Buffer::with_lines(["new a", "", ""]));
        keys.done();
        let mut buf = buffer();
        keys.begin(&mut buf, context);
        assert!(keys.row(&mut buf, 0, 10), "same key, same row");
        assert!(!keys.row(&mut buf, 1, 12), "another key");
        keys.fresh(&mut buf, 2);
        keys.finish(&mut buf);
        assert!(keys.kept(0) && !keys.kept(1) && !keys.kept(2));
        assert_eq!(keys.source(0), Some(0));
        assert_eq!(buf, Buffer::with_lines(["old a", "", ""]));
        keys.done();
        // A fresh row is known by no key.
        let mut buf = buffer();
        keys.begin(&mut buf, context);
        assert!(!keys.row(&mut buf, 2, 0));
    }

    #[test]
    fn a_row_drawn_after_all_keeps_its_key() {
        let mut keys = RowKeys::default();
        let context = Some((1, Theme::DARK));
        let mut buf = buffer();
        for redraw in [true, false] {
            keys.begin(&mut buf, context);
            keys.row(&mut buf, 0, 4);
            if redraw {
                keys.redraw(&mut buf, 0);
                assert!(!keys.kept(0));
            }
            keys.finish(&mut buf);
            keys.done();
        }
        assert!(keys.was[0] == Some(4));
    }

    #[test]
    fn nothing_is_kept_in_another_context_after_a_forget_or_with_none() {
        let mut keys = RowKeys::default();
        let mut buf = buffer();
        let run = |keys: &mut RowKeys, buf: &mut Buffer, context| {
            keys.begin(buf, context);
            let kept = keys.row(buf, 0, 7);
            keys.finish(buf);
            keys.done();
            kept
        };
        assert!(!run(&mut keys, &mut buf, Some((1, Theme::DARK))));
        assert!(run(&mut keys, &mut buf, Some((1, Theme::DARK))));
        assert!(!run(&mut keys, &mut buf, Some((1, Theme::LIGHT))));
        assert!(!run(&mut keys, &mut buf, Some((2, Theme::LIGHT))));
        assert!(run(&mut keys, &mut buf, Some((2, Theme::LIGHT))));
        keys.forget();
        assert!(!run(&mut keys, &mut buf, Some((2, Theme::LIGHT))));
        // Off: the whole buffer reset, and no key remembered.
        let mut old = buffer();
        assert!(!run(&mut keys, &mut old, None));
        assert_eq!(old, Buffer::empty(Rect::new(0, 0, 5, 3)));
        assert!(!run(&mut keys, &mut buf, Some((2, Theme::LIGHT))));
    }

    #[test]
    fn a_row_the_last_frame_showed_elsewhere_is_kept_from_there() {
        let mut keys = RowKeys::default();
        let context = Some((1, Theme::DARK));
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 5));
        keys.begin(&mut buf, context);
        for (y, key) in (0..5).zip([1, 2, 3, 2, 5]) {
            keys.row(&mut buf, y, key);
        }
        keys.finish(&mut buf);
        keys.done();
        // Moved up a row: 2 is found where the first row found moved from.
        keys.begin(&mut buf, context);
        for (y, key) in (0..5).zip([2, 3, 2, 5, 6]) {
            keys.row(&mut buf, y, key);
        }
        let sources: Vec<_> = (0..5).map(|r| keys.source(r)).collect();
        assert_eq!(sources, [Some(1), Some(2), Some(3), Some(4), None]);
    }

    #[test]
    fn a_row_named_twice_is_drawn_and_not_kept() {
        let mut keys = RowKeys::default();
        let context = Some((1, Theme::DARK));
        let mut buf = buffer();
        keys.begin(&mut buf, context);
        keys.row(&mut buf, 0, 5);
        keys.finish(&mut buf);
        keys.done();
        keys.begin(&mut buf, context);
        assert!(keys.row(&mut buf, 0, 5));
        assert!(!keys.row(&mut buf, 0, 5));
        assert!(!keys.kept(0));
    }
}
