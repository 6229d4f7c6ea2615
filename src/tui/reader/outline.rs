//! The reader's outline pane: folds, the cursor, the section highlight and
//! the pane's scroll, kept in step with the text.

use super::{Focus, ReaderScreen};

/// The outline pane: folds, the selected entry and its scroll.
#[derive(Debug, Clone, Default)]
pub struct OutlineView {
    /// Per heading: its branch is folded (children hidden).
    pub folded: Vec<bool>,
    /// Indices of the headings not hidden by a folded ancestor, in order.
    pub visible: Vec<usize>,
    /// The heading under the cursor when the outline has the focus.
    pub selected: usize,
    /// The first visible entry shown in the pane.
    pub scroll: usize,
    /// Per heading: the heading it sits under (computed once per article,
    /// so that drawing never walks the outline).
    pub parents: Vec<Option<usize>>,
    /// The smallest heading level: entries are indented relative to it.
    pub min_level: u8,
    /// The entry last scrolled into view, so that the wheel can move the
    /// pane away from it until the highlight changes.
    pub(super) followed: Option<usize>,
}

impl ReaderScreen {
    pub(super) fn reset_outline(&mut self) {
        let n = self.article.outline.len();
        // Parents with a stack of open (index, level) pairs.
        let mut parents = Vec::with_capacity(n);
        let mut open: Vec<(usize, u8)> = Vec::new();
        for (i, h) in self.article.outline.iter().enumerate() {
            while open.last().is_some_and(|&(_, level)| level >= h.level()) {
                open.pop();
            }
            parents.push(open.last().map(|&(p, _)| p));
            open.push((i, h.level()));
        }
        self.outline.parents = parents;
        self.outline.min_level = self
            .article
            .outline
            .iter()
            .map(|h| h.level())
            .min()
            .unwrap_or(1);
        self.outline.folded.resize(n, false);
        self.outline.selected = self.outline.selected.min(n.saturating_sub(1));
        self.rebuild_visible();
    }

    pub(super) fn rebuild_visible(&mut self) {
        let headings = &self.article.outline;
        let mut visible = Vec::with_capacity(headings.len());
        // The level under which entries are hidden, while inside a folded branch.
        let mut hidden_below: Option<u8> = None;
        for (i, h) in headings.iter().enumerate() {
            if let Some(level) = hidden_below {
                if h.level() > level {
                    continue;
                }
                hidden_below = None;
            }
            visible.push(i);
            if self.outline.folded.get(i).copied().unwrap_or(false) {
                hidden_below = Some(h.level());
            }
        }
        self.outline.visible = visible;
    }

    /// True when heading `index` has sub-headings.
    pub fn has_children(&self, index: usize) -> bool {
        let headings = &self.article.outline;
        match (headings.get(index), headings.get(index.saturating_add(1))) {
            (Some(h), Some(next)) => next.level() > h.level(),
            _ => false,
        }
    }

    /// The heading that heading `index` sits under.
    pub fn parent(&self, index: usize) -> Option<usize> {
        self.outline.parents.get(index).copied().flatten()
    }

    /// The heading itself or its nearest ancestor that is visible in the pane.
    fn visible_self_or_ancestor(&self, index: usize) -> usize {
        let mut at = index;
        while self.outline.visible.binary_search(&at).is_err() {
            match self.parent(at) {
                Some(p) => at = p,
                None => break,
            }
        }
        at
    }

    /// The outline entry to highlight: the cursor when the outline has the
    /// focus, else the section being read (or its visible ancestor).
    pub fn highlighted(&self) -> Option<usize> {
        if self.article.outline.is_empty() {
            return None;
        }
        match self.focus {
            Focus::Outline => Some(self.outline.selected),
            Focus::Text => self
                .current_section()
                .map(|i| self.visible_self_or_ancestor(i)),
        }
    }

    /// The sections around the top line, outermost first: the breadcrumb.
    pub fn breadcrumb(&self) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut at = self.current_section();
        while let Some(i) = at {
            chain.push(i);
            at = self.parent(i);
        }
        chain.reverse();
        chain
    }

    /// Rows of the outline pane.
    pub fn outline_rows(&self) -> usize {
        self.geometry.outline.map_or(0, |r| usize::from(r.height))
    }

    /// Scrolls the outline pane so that the highlighted entry is in view,
    /// when the highlight moved since the last time.
    pub fn follow(&mut self) {
        self.settle_folds();
        let rows = self.outline_rows();
        let max_scroll = self.outline.visible.len().saturating_sub(rows);
        let target = self.highlighted();
        if target != self.outline.followed {
            self.outline.followed = target;
            if let Some(pos) = target.and_then(|t| self.outline.visible.binary_search(&t).ok()) {
                if pos < self.outline.scroll {
                    self.outline.scroll = pos;
                } else if rows > 0 && pos >= self.outline.scroll.saturating_add(rows) {
                    self.outline.scroll = pos.saturating_add(1).saturating_sub(rows);
                }
            }
        }
        self.outline.scroll = self.outline.scroll.min(max_scroll);
    }

    /// Moves the outline cursor by `delta` visible entries.
    pub fn move_selection(&mut self, down: bool) {
        let visible = &self.outline.visible;
        let pos = visible
            .binary_search(&self.outline.selected)
            .unwrap_or_else(|p| p.saturating_sub(1));
        let next = if down {
            pos.saturating_add(1).min(visible.len().saturating_sub(1))
        } else {
            pos.saturating_sub(1)
        };
        if let Some(&i) = visible.get(next) {
            self.outline.selected = i;
        }
    }

    /// Folds the selected branch, or moves to its parent when it is folded
    /// already or has no children.
    pub fn fold(&mut self) {
        let i = self.outline.selected;
        if self.has_children(i) && !self.outline.folded.get(i).copied().unwrap_or(true) {
            self.outline.folded[i] = true;
            self.rebuild_visible();
        } else if let Some(p) = self.parent(i) {
            self.outline.selected = p;
        }
    }

    /// Unfolds the selected branch, or moves to its first child when it is open.
    pub fn unfold(&mut self) {
        let i = self.outline.selected;
        if !self.has_children(i) {
            return;
        }
        if self.outline.folded.get(i).copied().unwrap_or(false) {
            self.outline.folded[i] = false;
            self.rebuild_visible();
        } else {
            self.outline.selected = i.saturating_add(1);
        }
    }

    /// Scrolls the outline pane by `n` entries, without moving the highlight.
    pub fn scroll_outline(&mut self, down: bool, n: usize) {
        let max_scroll = self
            .outline
            .visible
            .len()
            .saturating_sub(self.outline_rows());
        self.outline.scroll = if down {
            self.outline.scroll.saturating_add(n).min(max_scroll)
        } else {
            self.outline.scroll.saturating_sub(n)
        };
    }

    /// The heading shown on row `row` of the outline pane, if any.
    pub fn outline_entry_at(&self, row: usize) -> Option<usize> {
        self.outline
            .visible
            .get(self.outline.scroll.saturating_add(row))
            .copied()
    }
}
