//! The reader's search: the query being typed, the matches in the current
//! layout, and moving between them.

use super::ReaderScreen;
use crate::search::{self, Match};

/// A search: what is being typed and what the last query found.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The query being typed, while the status line is a prompt.
    pub typing: Option<String>,
    /// The query that was run (empty when none).
    pub query: String,
    /// Where it matches in the current document, in order: one piece per
    /// line a match covers.
    pub matches: Vec<Match>,
    /// The index in `matches` of the current match's first piece.
    pub current: Option<usize>,
}

impl ReaderScreen {
    /// Runs `query` (smart case) and shows the first match at or after the top line.
    pub fn run_search(&mut self, query: String) {
        self.search.query = query;
        self.search.matches = search::find(&self.doc, &self.search.query);
        self.search.current = None;
        if self.search.query.is_empty() {
            return;
        }
        if self.search.matches.is_empty() {
            self.message = Some(format!("no match for “{}”", self.search.query));
            return;
        }
        let first = self.search.matches.partition_point(|m| m.line < self.top);
        let index = if first < self.search.matches.len() {
            self.hit_start(first)
        } else {
            self.message = Some("search hit the end, continued from the top".into());
            0
        };
        self.search.current = Some(index);
        self.reveal_match();
    }

    /// Clears the search and its highlights.
    pub fn clear_search(&mut self) {
        self.search = SearchState::default();
    }

    /// Goes to the next (or previous) match, wrapping around with a message.
    pub fn step_match(&mut self, forward: bool) {
        let n = self.search.matches.len();
        if n == 0 {
            self.message = Some(if self.search.query.is_empty() {
                "no search: type / to search".into()
            } else {
                format!("no match for “{}”", self.search.query)
            });
            return;
        }
        // From the current match when it is on screen, else from the top line.
        let on_screen = self
            .search
            .current
            .filter(|&c| self.row_of_line(self.search.matches[c].line).is_some());
        let index = if forward {
            let next = match on_screen {
                Some(c) => self.hit_end(c),
                None => self.search.matches.partition_point(|m| m.line < self.top),
            };
            if next >= n {
                self.message = Some("search hit the end, continued from the top".into());
                0
            } else {
                self.hit_start(next)
            }
        } else {
            let prev = match on_screen {
                Some(c) => self.hit_start(c).checked_sub(1),
                None => self
                    .search
                    .matches
                    .partition_point(|m| m.line < self.top)
                    .checked_sub(1),
            };
            match prev {
                Some(p) => self.hit_start(p),
                None => {
                    self.message = Some("search hit the start, continued from the end".into());
                    self.hit_start(n - 1)
                }
            }
        };
        self.search.current = Some(index);
        self.reveal_match();
    }

    fn reveal_match(&mut self) {
        let Some(m) = self.search.current.and_then(|c| self.search.matches.get(c)) else {
            return;
        };
        let line = m.line;
        // A match in a folded `<details>` body opens it.
        self.reveal_line(line);
        if self.row_of_line(line).is_none() {
            // A little context above the match, as far as the end allows.
            let max = self.max_top();
            let at = self.folds.visible_before(line);
            let top = self.folds.line_at(at.saturating_sub(2), self.doc.len());
            self.top = if top > max && line >= max { max } else { top };
        }
    }

    pub(super) fn rerun_search(&mut self) {
        if self.search.query.is_empty() {
            return;
        }
        self.search.matches = search::find(&self.doc, &self.search.query);
        let first = self.search.matches.partition_point(|m| m.line < self.top);
        self.search.current = (first < self.search.matches.len()).then(|| self.hit_start(first));
    }

    /// The first piece of the match that piece `i` is part of (a match
    /// wrapped over two lines is two pieces).
    fn hit_start(&self, i: usize) -> usize {
        let m = &self.search.matches;
        let Some(hit) = m.get(i).map(|x| x.hit) else {
            return i;
        };
        m[..i]
            .iter()
            .rposition(|x| x.hit != hit)
            .map_or(0, |p| p + 1)
    }

    /// The piece just after the last piece of the match that piece `i` is part of.
    fn hit_end(&self, i: usize) -> usize {
        let m = &self.search.matches;
        let Some(hit) = m.get(i).map(|x| x.hit) else {
            return i.saturating_add(1);
        };
        i + m[i..].iter().take_while(|x| x.hit == hit).count()
    }

    /// The matches on document line `line`, with the index of the first.
    pub fn matches_on(&self, line: usize) -> (usize, &[Match]) {
        let m = &self.search.matches;
        let start = m.partition_point(|x| x.line < line);
        let end = start + m[start..].partition_point(|x| x.line <= line);
        (start, &m[start..end])
    }
}
