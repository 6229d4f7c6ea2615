//! A table row's cells kept in one buffer: a cell costs its text and eight
//! bytes, not a buffer of its own, so a table a million columns wide takes
//! memory in proportion to its text.

use std::ops::Range;

use super::inline::Inline;
use super::wrap::{cut, width_of};

/// The cells of one table row, one after another in one [`Inline`].
#[derive(Debug, Default)]
pub(super) struct Row {
    all: Inline,
    /// For each cell, where its text ends in `all.text` and its breaks end
    /// in `all.breaks`.
    ends: Vec<(u32, u32)>,
}

fn at(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Row {
    /// Adds a cell after the others.
    pub fn push(&mut self, cell: &Inline) {
        let base = self.all.text.len();
        let mut start = 0;
        for &(end, style) in &cell.runs {
            self.all.push_safe(&cell.text[start..end], style);
            start = end;
        }
        self.all.breaks.extend(cell.breaks.iter().map(|b| b + base));
        self.ends
            .push((at(self.all.text.len()), at(self.all.breaks.len())));
    }

    /// How many cells there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The byte range of cell `i`'s text in `all.text`, and the range of its
    /// breaks in `all.breaks`.
    fn bounds(&self, i: usize) -> (Range<usize>, Range<usize>) {
        let (text_start, breaks_start) = match i.checked_sub(1).and_then(|p| self.ends.get(p)) {
            Some(&(t, b)) => (t as usize, b as usize),
            None => (0, 0),
        };
        let (text_end, breaks_end) = self
            .ends
            .get(i)
            .map_or((text_start, breaks_start), |&(t, b)| {
                (t as usize, b as usize)
            });
        (text_start..text_end, breaks_start..breaks_end)
    }

    /// The text of cell `i`.
    pub fn text(&self, i: usize) -> &str {
        &self.all.text[self.bounds(i).0]
    }

    /// True when cell `i` shows nothing but whitespace.
    pub fn is_blank(&self, i: usize) -> bool {
        self.text(i).trim().is_empty()
    }

    /// Cell `i`'s text and styles appended to `inline` (its breaks are not).
    pub fn append_to(&self, i: usize, inline: &mut Inline) {
        let (text, _) = self.bounds(i);
        let mut start = text.start;
        let mut run = self.all.run_at(start);
        while start < text.end {
            let Some(&(end, style)) = self.all.runs.get(run) else {
                break;
            };
            let end = end.min(text.end);
            inline.push_safe(&self.all.text[start..end], style);
            start = end;
            run += 1;
        }
    }

    /// Cell `i` appended to `inline` as [`Row::append_to`] does, cut to
    /// `max` columns, the last three of them `...`, when it is wider (ASCII,
    /// so that ASCII rows keep the quick way through wrapping).
    pub fn append_cut_to(&self, i: usize, inline: &mut Inline, max: usize) {
        if width_of(self.text(i)) <= max {
            self.append_to(i, inline);
            return;
        }
        let (text, _) = self.bounds(i);
        let mut start = text.start;
        let mut run = self.all.run_at(start);
        let mut left = max.saturating_sub(3);
        while start < text.end {
            let Some(&(end, style)) = self.all.runs.get(run) else {
                break;
            };
            let end = end.min(text.end);
            let piece = &self.all.text[start..end];
            let (kept, width) = cut(piece, left);
            inline.push_safe(kept, style);
            if kept.len() < piece.len() {
                inline.push_safe("...", style);
                return;
            }
            left -= width;
            start = end;
            run += 1;
        }
    }

    /// Cell `i` as an inline of its own, breaks and all.
    pub fn cell(&self, i: usize) -> Inline {
        let mut inline = Inline::default();
        self.append_to(i, &mut inline);
        let (text, breaks) = self.bounds(i);
        inline
            .breaks
            .extend(self.all.breaks[breaks].iter().map(|b| b - text.start));
        inline
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Role, Style};

    #[test]
    fn cells_come_back_as_they_went_in() {
        let mut cells = Vec::new();
        for (text, role) in [("a b", Role::Text), ("", Role::Text), ("c", Role::Code)] {
            let mut cell = Inline::default();
            cell.push(text, Style::of(role));
            cell.push("!", Style::of(Role::Text));
            cell.hard_break();
            cell.push("d", Style::of(Role::Link));
            cells.push(cell);
        }
        let mut row = Row::default();
        for cell in &cells {
            row.push(cell);
        }
        assert_eq!(row.len(), 3);
        for (i, cell) in cells.iter().enumerate() {
            let back = row.cell(i);
            assert_eq!(back.text, cell.text);
            assert_eq!(back.runs, cell.runs);
            assert_eq!(back.breaks, cell.breaks);
            assert_eq!(row.text(i), cell.text);
            assert!(!row.is_blank(i));
        }
        assert_eq!(row.text(3), "");
    }
}
