//! Folded `<details>` bodies in the reader: which folds are open, the lines
//! they hide, and the mapping between document lines and the lines on view.
//! The reader's `top` stays a document line; moving, paging and the status
//! line's percentage count visible lines only, and anything that lands on a
//! hidden line (a search match, a heading, a saved place) opens its folds.

use crate::layout::{Document, Fold};

use super::ReaderScreen;

/// The reader's folds: every `<details>` body starts folded.
#[derive(Debug, Clone, Default)]
pub struct Folds {
    /// For each fold of the document, by index: true when its body shows.
    open: Vec<bool>,
    /// The folds these states were made for (the same at every width, but
    /// not after a reload or a change in how code wraps).
    made_for: Vec<Fold>,
    /// The hidden line ranges, sorted, disjoint.
    hidden: Vec<(usize, usize)>,
    /// `prefix[i]`: hidden lines in `hidden[..i]`.
    prefix: Vec<usize>,
}

impl Folds {
    /// Follows `doc`'s folds: the open ones stay open when the article has
    /// the same number of folds (a re-layout), else every fold is folded.
    pub fn sync(&mut self, doc: &Document) {
        if self.made_for == doc.folds && self.prefix.len() == self.hidden.len() + 1 {
            return;
        }
        if self.open.len() != doc.folds.len() {
            self.open = vec![false; doc.folds.len()];
        }
        self.made_for = doc.folds.clone();
        self.rebuild();
    }

    fn rebuild(&mut self) {
        let mut ranges: Vec<(usize, usize)> = self
            .made_for
            .iter()
            .zip(&self.open)
            .filter(|(_, open)| !**open)
            .map(|(f, _)| (f.body.start, f.body.end))
            .collect();
        ranges.sort_unstable();
        self.hidden.clear();
        for (start, end) in ranges {
            match self.hidden.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => self.hidden.push((start, end)),
            }
        }
        self.prefix.clear();
        self.prefix.push(0);
        let mut total = 0;
        for (start, end) in &self.hidden {
            total += end - start;
            self.prefix.push(total);
        }
    }

    /// True when fold `index` is open.
    pub fn is_open(&self, index: usize) -> bool {
        self.open.get(index).copied().unwrap_or(false)
    }

    /// Opens fold `index` when folded, folds it when open.
    pub fn toggle(&mut self, index: usize) {
        if let Some(open) = self.open.get_mut(index) {
            *open = !*open;
            self.rebuild();
        }
    }

    /// The hidden range holding `line`, if it is hidden.
    fn range_of(&self, line: usize) -> Option<usize> {
        let i = self
            .hidden
            .partition_point(|r| r.0 <= line)
            .checked_sub(1)?;
        (line < self.hidden[i].1).then_some(i)
    }

    /// True when `line` is inside a folded body.
    pub fn is_hidden(&self, line: usize) -> bool {
        self.range_of(line).is_some()
    }

    /// Opens every fold whose body holds `line`; true when one was opened.
    pub fn reveal(&mut self, line: usize) -> bool {
        if !self.is_hidden(line) {
            return false;
        }
        for (fold, open) in self.made_for.iter().zip(self.open.iter_mut()) {
            if fold.body.contains(&line) {
                *open = true;
            }
        }
        self.rebuild();
        true
    }

    /// Visible lines before `line` (a hidden line counts as where its
    /// range starts).
    pub fn visible_before(&self, line: usize) -> usize {
        let i = self.hidden.partition_point(|r| r.0 < line);
        let mut hidden = self.prefix.get(i).copied().unwrap_or(0);
        if let Some(&(start, end)) = i.checked_sub(1).and_then(|j| self.hidden.get(j)) {
            if line < end {
                // Inside that range: only its lines before `line` count.
                hidden = hidden - (end - start) + (line - start);
            }
        }
        line - hidden
    }

    /// Visible lines of a document of `len` lines.
    pub fn visible_len(&self, len: usize) -> usize {
        len.saturating_sub(self.prefix.last().copied().unwrap_or(0))
    }

    /// The document line that is visible line `index` (the last line of
    /// the document when there are fewer).
    pub fn line_at(&self, index: usize, len: usize) -> usize {
        // Ranges that start at or before the visible line's place.
        let i = self
            .hidden
            .iter()
            .zip(&self.prefix)
            .take_while(|((start, _), before)| start - *before <= index)
            .count();
        let line = index + self.prefix.get(i).copied().unwrap_or(0);
        line.min(len.saturating_sub(1))
    }

    /// Up to `count` visible document lines from `top` on.
    pub fn lines_from(&self, top: usize, count: usize, len: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(count);
        let mut line = top;
        while out.len() < count && line < len {
            match self.range_of(line) {
                Some(i) => line = self.hidden[i].1,
                None => {
                    out.push(line);
                    line += 1;
                }
            }
        }
        out
    }
}

impl ReaderScreen {
    /// The document lines on screen, top to bottom.
    pub fn screen_lines(&self) -> Vec<usize> {
        self.folds.lines_from(self.top, self.rows(), self.doc.len())
    }

    /// The row of the text column that shows document line `line`.
    pub fn row_of_line(&self, line: usize) -> Option<usize> {
        if line < self.top || self.folds.is_hidden(line) {
            return None;
        }
        let row = self.folds.visible_before(line) - self.folds.visible_before(self.top);
        (row < self.rows()).then_some(row)
    }

    /// The document line shown on row `row` of the text column.
    pub fn line_on_row(&self, row: usize) -> Option<usize> {
        self.screen_lines().get(row).copied()
    }

    /// Opens the folds hiding the top line (a jump, a search or a saved
    /// place put it there), after following the document's folds.
    pub(super) fn settle_folds(&mut self) {
        self.folds.sync(&self.doc);
        self.folds.reveal(self.top);
    }

    /// Opens the folds hiding `line`, for a jump to it.
    pub fn reveal_line(&mut self, line: usize) {
        self.folds.sync(&self.doc);
        self.folds.reveal(line);
    }

    /// Folds or unfolds the `<details>` whose summary is on `line`; false
    /// when no summary is there.
    pub fn toggle_fold_at(&mut self, line: usize) -> bool {
        self.folds.sync(&self.doc);
        let Some(i) = self.doc.folds.iter().position(|f| f.summary == line) else {
            return false;
        };
        self.folds.toggle(i);
        if self.folds.is_open(i) {
            self.show_opened(i);
        }
        true
    }

    /// Scrolls so that fold `i`, just opened, shows some of its body: the
    /// body's first lines, up to half the screen, when the summary sat low.
    fn show_opened(&mut self, i: usize) {
        let Some(fold) = self.doc.folds.get(i) else {
            return;
        };
        let Some(row) = self.row_of_line(fold.summary) else {
            return;
        };
        let rows = self.rows();
        let body = fold.body.len().min(rows / 2).max(1);
        let below = rows.saturating_sub(row + 1);
        if below < body {
            self.scroll_down(body - below);
        }
    }

    /// Folds or unfolds the first `<details>` summary on screen (Enter, `z`).
    pub fn toggle_first_fold(&mut self) {
        let on_screen = self.screen_lines();
        let found = on_screen
            .iter()
            .find(|&&line| self.doc.folds.iter().any(|f| f.summary == line))
            .copied();
        match found {
            Some(line) => {
                self.toggle_fold_at(line);
            }
            None => self.message = Some("no ▸ summary on screen to fold or unfold".into()),
        }
    }

    /// The fold whose summary is `line`, and whether its body is hidden.
    pub fn fold_on(&self, line: usize) -> Option<(usize, bool)> {
        let i = self.doc.folds.iter().position(|f| f.summary == line)?;
        Some((i, !self.folds.is_open(i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folds(ranges: &[(usize, usize)], open: &[bool]) -> Folds {
        let mut f = Folds {
            open: open.to_vec(),
            made_for: ranges
                .iter()
                .map(|&(s, e)| Fold {
                    summary: s.saturating_sub(1),
                    body: s..e,
                })
                .collect(),
            ..Folds::default()
        };
        f.rebuild();
        f
    }

    #[test]
    fn visible_lines_skip_folded_bodies() {
        // 20 lines; 3..6 and 10..15 folded, 12..13 nested inside the second.
        let f = folds(&[(3, 6), (10, 15), (12, 13)], &[false, false, true]);
        assert_eq!(f.visible_len(20), 12);
        assert!(f.is_hidden(3) && f.is_hidden(14) && !f.is_hidden(15));
        assert_eq!(f.visible_before(3), 3);
        assert_eq!(f.visible_before(6), 3);
        assert_eq!(f.visible_before(12), 7);
        assert_eq!(f.visible_before(16), 8);
        let lines: Vec<usize> = (0..12).map(|v| f.line_at(v, 20)).collect();
        assert_eq!(lines, [0, 1, 2, 6, 7, 8, 9, 15, 16, 17, 18, 19]);
        assert_eq!(f.lines_from(2, 4, 20), [2, 6, 7, 8]);
        for (v, &line) in lines.iter().enumerate() {
            assert_eq!(f.visible_before(line), v);
        }
    }

    #[test]
    fn revealing_opens_every_fold_around_a_line() {
        let mut f = folds(&[(2, 10), (4, 6)], &[false, false]);
        assert!(f.reveal(5));
        assert!(f.is_open(0) && f.is_open(1));
        assert!(!f.is_hidden(5));
        assert!(!f.reveal(5));
        let mut f = folds(&[(2, 10), (4, 6)], &[false, false]);
        assert!(f.reveal(8));
        assert!(f.is_open(0) && !f.is_open(1));
        assert!(f.is_hidden(5));
    }

    #[test]
    fn no_folds_is_the_identity() {
        let f = Folds::default();
        assert_eq!(f.visible_before(7), 7);
        assert_eq!(f.line_at(7, 20), 7);
        assert_eq!(f.line_at(30, 20), 19);
        assert_eq!(f.visible_len(20), 20);
    }
}
