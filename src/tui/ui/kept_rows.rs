//! Rows a frame leaves as the last frame drew them. A screen that keeps
//! rows names each of its rows by a key, a hash of everything the whole
//! row shows; a row whose key is the one the last frame drew there is
//! neither reset, drawn, hashed nor compared again: the painter takes it
//! from the frame the terminal shows. After a `j` in the search results
//! four rows of twenty-four are drawn.
//!
//! A screen of two panes side by side (the library's list and its
//! preview) splits each row at a column and names the two parts apart
//! ([`RowKeys::part`]): a `j` there draws the list's two rows whose
//! selection changed and the preview, and keeps the other list rows.
//!
//! A keeping frame starts on the buffer of an older frame: every row is
//! reset when the screen says it draws it ([`RowKeys::row`] answering
//! false, [`RowKeys::fresh`]), and the rows it named nothing for are reset
//! at the end. A kept row's cells in the buffer are stale: drawing over
//! them (a border drawn down a pane) is harmless, as they are never read.
//! Two different rows with the same 64-bit key would leave one shown for
//! the other (the painter's row hashes take the same chance).

use std::hash::{Hash, Hasher};
use std::ops::Range;

use ratatui::buffer::{Buffer, Cell};

use crate::theme::Theme;

/// The part of a row left of the split, or right of it (see
/// [`Keeping::split`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Left = 0,
    Right = 1,
}

const PARTS: [Part; 2] = [Part::Left, Part::Right];

/// What a frame that keeps rows is drawn in: rows are kept only from a
/// last frame drawn in the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keeping {
    /// A hash of the screen and its area.
    pub screen: u64,
    pub theme: Theme,
    /// The column (from the buffer's left) where a row's right part
    /// starts: its width for rows named whole only.
    pub split: u16,
}

/// The keys of the last frame's rows and of the frame being drawn, two
/// parts a row (the right one empty without a split): index `2 * row +
/// part`.
#[derive(Debug, Default)]
pub struct RowKeys {
    /// What the last frame's parts were drawn from (`None`: not known).
    was: Vec<Option<u64>>,
    /// What the last frame was drawn in.
    was_context: Option<Keeping>,
    /// The keys of the frame being drawn.
    now: Vec<Option<u64>>,
    context: Option<Keeping>,
    /// The parts of this frame that are parts of the last frame's rows:
    /// which row.
    kept: Vec<Option<usize>>,
    /// How far the parts found elsewhere in the last frame moved (down
    /// when positive), as the first of them did, for each part.
    moved: [Option<isize>; 2],
    /// The parts the screen named (kept or reset to be drawn).
    named: Vec<bool>,
    /// The columns of the two parts.
    columns: [Range<usize>; 2],
    /// False: the buffer was reset whole and nothing is kept (a screen
    /// that keeps no rows, or something drawn over them).
    on: bool,
}

/// A hasher for a row's key: feed it everything the row shows.
pub fn key_hasher() -> foldhash::quality::FoldHasher<'static> {
    crate::tui::library::row_hasher()
}

/// The key of what `parts` hash to.
pub fn key_of(parts: impl Hash) -> u64 {
    let mut h = key_hasher();
    parts.hash(&mut h);
    h.finish()
}

impl RowKeys {
    /// Starts a frame on `buf`. With `context` rows may be kept from a
    /// last frame drawn in the same context; without it the buffer is
    /// reset whole and nothing is kept.
    pub fn begin(&mut self, buf: &mut Buffer, context: Option<Keeping>) {
        let height = usize::from(buf.area.height);
        let width = usize::from(buf.area.width);
        self.now.clear();
        self.now.resize(2 * height, None);
        self.kept.clear();
        self.kept.resize(2 * height, None);
        self.moved = [None; 2];
        self.named.clear();
        self.named.resize(2 * height, false);
        self.on = context.is_some();
        let split = context.map_or(width, |c| usize::from(c.split).min(width));
        self.columns = [0..split, split..width];
        if context.is_none() || context != self.was_context || self.was.len() != 2 * height {
            self.was.clear();
            self.was.resize(2 * height, None);
        }
        self.context = context;
        if !self.on {
            buf.reset();
        }
    }

    /// The row index (from the buffer's top) of row `y`, when a frame
    /// that keeps rows names it.
    fn index(&self, buf: &Buffer, y: u16) -> Option<usize> {
        let r = usize::from(y.checked_sub(buf.area.y)?);
        (self.on && 2 * r < self.now.len()).then_some(r)
    }

    /// True when the row has a right part.
    fn split(&self) -> bool {
        !self.columns[1].is_empty()
    }

    /// Row `y` (of the buffer) shows what `key` names, across its width:
    /// true when the last frame showed the same, there or on another row
    /// (the row is left alone: nothing is drawn on it), false when it is
    /// reset for drawing.
    pub fn row(&mut self, buf: &mut Buffer, y: u16, key: u64) -> bool {
        let Some(r) = self.index(buf, y) else {
            return false;
        };
        let left = self.name(buf, r, Part::Left, key);
        if !self.split() {
            return left;
        }
        let right = self.name(buf, r, Part::Right, key);
        if left && right && self.kept[2 * r] == self.kept[2 * r + 1] {
            return true;
        }
        // Drawn whole: a part kept alone is drawn too.
        self.redraw(buf, y);
        false
    }

    /// The `part` of row `y` shows what `key` names: true when the last
    /// frame showed the same in that part, there or on another row (the
    /// part is left alone), false when it is reset for drawing. Without
    /// a split, the left part is the whole row.
    pub fn part(&mut self, buf: &mut Buffer, y: u16, part: Part, key: u64) -> bool {
        let Some(r) = self.index(buf, y) else {
            return false;
        };
        self.name(buf, r, part, key)
    }

    fn name(&mut self, buf: &mut Buffer, r: usize, part: Part, key: u64) -> bool {
        let i = 2 * r + part as usize;
        if self.named[i] {
            // Named twice: drawn, and known by no key.
            if self.kept[i].is_some() {
                self.reset(buf, r, part);
            }
            self.now[i] = None;
            self.kept[i] = None;
            return false;
        }
        self.named[i] = true;
        self.now[i] = Some(key);
        if let Some(from) = self.find(r, part, key) {
            self.kept[i] = Some(from);
            return true;
        }
        self.reset(buf, r, part);
        false
    }

    /// The row of the last frame that showed `key` in `part`, for row
    /// `r`: `r` itself, else the row as far as the parts found before
    /// moved, else the first.
    fn find(&mut self, r: usize, part: Part, key: u64) -> Option<usize> {
        let p = part as usize;
        let shows = |f: usize| self.was.get(2 * f + p) == Some(&Some(key));
        if shows(r) {
            return Some(r);
        }
        if let Some(f) = self.moved[p].and_then(|d| r.checked_add_signed(d)) {
            if shows(f) {
                return Some(f);
            }
        }
        let f = (0..self.was.len() / 2).find(|&f| shows(f))?;
        self.moved[p] = self.moved[p].or(isize::try_from(f).ok().map(|f| f - r as isize));
        Some(f)
    }

    /// Row `y` is drawn from nothing a key names: it is reset (when it
    /// was not already) and never kept.
    pub fn fresh(&mut self, buf: &mut Buffer, y: u16) {
        for part in PARTS {
            self.fresh_part(buf, y, part);
        }
    }

    /// The `part` of row `y` is drawn from nothing a key names.
    pub fn fresh_part(&mut self, buf: &mut Buffer, y: u16, part: Part) {
        let Some(r) = self.index(buf, y) else {
            return;
        };
        let i = 2 * r + part as usize;
        if !self.named[i] || self.kept[i].is_some() {
            self.reset(buf, r, part);
        }
        self.named[i] = true;
        self.kept[i] = None;
        self.now[i] = None;
    }

    /// Row `y`, named by its key already, is drawn after all (a part of
    /// something drawn whole changed): its kept parts are reset.
    pub fn redraw(&mut self, buf: &mut Buffer, y: u16) {
        let Some(r) = self.index(buf, y) else {
            return;
        };
        for part in PARTS {
            let i = 2 * r + part as usize;
            if self.kept[i].is_some() {
                self.reset(buf, r, part);
                self.kept[i] = None;
            }
        }
    }

    /// Ends the screen's drawing: the parts it named nothing for are reset.
    pub fn finish(&mut self, buf: &mut Buffer) {
        if !self.on {
            return;
        }
        for r in 0..self.now.len() / 2 {
            for part in PARTS {
                let i = 2 * r + part as usize;
                if !self.named[i] {
                    self.reset(buf, r, part);
                    self.named[i] = true;
                }
            }
        }
    }

    /// Resets `part` of row `r` of `buf`.
    fn reset(&self, buf: &mut Buffer, r: usize, part: Part) {
        let width = usize::from(buf.area.width);
        let columns = &self.columns[part as usize];
        let start = r * width;
        if let Some(cells) = buf
            .content
            .get_mut(start + columns.start..start + columns.end)
        {
            cells.fill(Cell::EMPTY);
        }
    }

    /// True when this frame may keep rows (its buffer was not reset whole).
    pub fn keeping(&self) -> bool {
        self.on
    }

    /// True when every part of row `r` (from the buffer's top) of this
    /// frame is a part of the last frame's, left stale in the buffer.
    pub fn kept(&self, r: usize) -> bool {
        self.part_source(r, Part::Left).is_some()
            && (!self.split() || self.part_source(r, Part::Right).is_some())
    }

    /// The row of the last frame that row `r` of this frame shows whole,
    /// when both its parts are kept from the same.
    pub fn source(&self, r: usize) -> Option<usize> {
        let left = self.part_source(r, Part::Left)?;
        (!self.split() || self.part_source(r, Part::Right) == Some(left)).then_some(left)
    }

    /// The row of the last frame whose `part` row `r` of this frame shows,
    /// when that part is kept.
    pub fn part_source(&self, r: usize, part: Part) -> Option<usize> {
        if part == Part::Right && !self.split() {
            return None;
        }
        self.kept.get(2 * r + part as usize).copied().flatten()
    }

    /// The columns of `part`.
    pub fn columns(&self, part: Part) -> Range<usize> {
        self.columns[part as usize].clone()
    }

    /// The parts of row `r` drawn in this frame (not kept): their columns.
    pub fn drawn(&self, r: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        PARTS
            .into_iter()
            .filter(move |&p| self.part_source(r, p).is_none())
            .map(|p| self.columns(p))
            .filter(|c| !c.is_empty())
    }

    /// True when some part of this frame is kept.
    pub fn any_kept(&self) -> bool {
        self.kept.iter().any(Option::is_some)
    }

    /// The kept parts are in the buffer now (copied from the last frame):
    /// they are parts like the others.
    pub fn filled(&mut self) {
        self.kept.fill(None);
    }

    /// Part `part` of row `r` (from the buffer's top) is in the buffer
    /// now (copied from the last frame): a part like those drawn.
    pub fn filled_part(&mut self, r: usize, part: Part) {
        if let Some(kept) = self.kept.get_mut(2 * r + part as usize) {
            *kept = None;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// A context of screen `screen` whose rows are named whole.
    fn ctx(screen: u64, theme: Theme) -> Option<Keeping> {
        Some(Keeping {
            screen,
            theme,
            split: u16::MAX,
        })
    }

    fn buffer() -> Buffer {
        Buffer::with_lines(["old a", "old b", "old c"])
    }

    #[test]
    fn a_row_with_the_last_frames_key_is_kept_the_others_reset() {
        let mut keys = RowKeys::default();
        let context = ctx(1, Theme::DARK);
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
        let context = ctx(1, Theme::DARK);
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
        assert!(!run(&mut keys, &mut buf, ctx(1, Theme::DARK)));
        assert!(run(&mut keys, &mut buf, ctx(1, Theme::DARK)));
        assert!(!run(&mut keys, &mut buf, ctx(1, Theme::LIGHT)));
        assert!(!run(&mut keys, &mut buf, ctx(2, Theme::LIGHT)));
        assert!(run(&mut keys, &mut buf, ctx(2, Theme::LIGHT)));
        keys.forget();
        assert!(!run(&mut keys, &mut buf, ctx(2, Theme::LIGHT)));
        // Off: the whole buffer reset, and no key remembered.
        let mut old = buffer();
        assert!(!run(&mut keys, &mut old, None));
        assert_eq!(old, Buffer::empty(Rect::new(0, 0, 5, 3)));
        assert!(!run(&mut keys, &mut buf, ctx(2, Theme::LIGHT)));
    }

    #[test]
    fn a_row_the_last_frame_showed_elsewhere_is_kept_from_there() {
        let mut keys = RowKeys::default();
        let context = ctx(1, Theme::DARK);
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
        let context = ctx(1, Theme::DARK);
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

    #[test]
    fn the_parts_of_a_split_row_are_kept_apart() {
        let mut keys = RowKeys::default();
        let context = Some(Keeping {
            screen: 1,
            theme: Theme::DARK,
            split: 2,
        });
        let mut buf = buffer();
        keys.begin(&mut buf, context);
        for y in 0..3 {
            keys.part(&mut buf, y, Part::Left, u64::from(y));
            keys.part(&mut buf, y, Part::Right, 10 + u64::from(y));
        }
        keys.finish(&mut buf);
        keys.done();
        let mut buf = buffer();
        keys.begin(&mut buf, context);
        // The left parts as they were, the right ones moved up a row.
        for y in 0..3 {
            assert!(keys.part(&mut buf, y, Part::Left, u64::from(y)));
        }
        assert!(keys.part(&mut buf, 0, Part::Right, 11));
        assert!(!keys.part(&mut buf, 1, Part::Right, 99));
        keys.finish(&mut buf);
        // Only the right part not kept is reset, and row 2's, unnamed.
        assert_eq!(buf, Buffer::with_lines(["old a", "ol", "ol"]));
        assert_eq!(keys.source(0), None, "kept from two rows");
        assert_eq!(keys.part_source(0, Part::Right), Some(1));
        assert!(keys.kept(0) && !keys.kept(1));
        let drawn: Vec<Vec<(usize, usize)>> = (0..3)
            .map(|r| keys.drawn(r).map(|c| (c.start, c.end)).collect())
            .collect();
        assert_eq!(drawn, [vec![], vec![(2, 5)], vec![(2, 5)]]);
        keys.done();
        // A row named whole keeps both parts only from one row.
        let mut buf = buffer();
        keys.begin(&mut buf, context);
        assert!(!keys.row(&mut buf, 0, 0));
        assert_eq!(buf, Buffer::with_lines(["", "old b", "old c"]));
    }
}
