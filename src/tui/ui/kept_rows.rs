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
#[path = "kept_rows_tests.rs"]
mod tests;
