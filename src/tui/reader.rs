//! The reader screen's state: one article laid out at the current width, the
//! scroll position, the outline pane and the search. Width-dependent work
//! (layout, search) happens here on load and resize, never while drawing.

use ratatui::layout::Rect;

use crate::article::Article;
use crate::layout::{Document, LayoutOptions};
use crate::search::{self, Match};

/// Lays out an article at a width: [`crate::layout::layout`], or a stand-in in tests.
pub type Layouter = fn(&Article, u16, LayoutOptions) -> Document;

/// Bodies larger than this are laid out without syntax highlighting, which
/// would otherwise dominate the time to the first screen.
pub const HIGHLIGHT_LIMIT: usize = 1 << 20;

/// The outline pane hides itself on terminals narrower than this.
pub const OUTLINE_MIN_COLUMNS: u16 = 60;

/// Lines moved by one turn of the mouse wheel.
pub const WHEEL_LINES: usize = 3;

/// Settings the reader was started with.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The widest the text column may be (`--width`).
    pub max_width: u16,
    /// Colours on (off under NO_COLOR): only modifiers then.
    pub color: bool,
    /// How articles are laid out.
    pub layouter: Layouter,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_width: 100,
            color: true,
            layouter: crate::layout::layout,
        }
    }
}

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The text.
    #[default]
    Text,
    /// The outline pane.
    Outline,
}

/// Where each part of the reader goes on screen, computed on resize.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    /// The whole terminal.
    pub area: Rect,
    /// The outline pane with its right border, when shown.
    pub outline: Option<Rect>,
    /// The text pane (the column and its margins): the mouse wheel scrolls it.
    pub pane: Rect,
    /// The text column itself; the document is laid out at its width.
    pub text: Rect,
    /// The status line, when there is room for one.
    pub status: Option<Rect>,
}

impl Geometry {
    /// The parts of a `width` x `height` terminal.
    pub fn new(width: u16, height: u16, outline_wanted: bool, max_width: u16) -> Geometry {
        let area = Rect::new(0, 0, width, height);
        let (main_h, status) = if height >= 2 {
            (height - 1, Some(Rect::new(0, height - 1, width, 1)))
        } else {
            (height, None)
        };
        let outline_w = if outline_wanted && width >= OUTLINE_MIN_COLUMNS {
            (width / 4).clamp(18, 34)
        } else {
            0
        };
        let outline = (outline_w > 0).then(|| Rect::new(0, 0, outline_w, main_h));
        let pane = Rect::new(outline_w, 0, width.saturating_sub(outline_w), main_h);
        // One column of margin on each side when there is room; the column is
        // centred in what is left.
        let margin = if pane.width >= 3 { 1 } else { 0 };
        let room = pane.width.saturating_sub(2 * margin);
        let col_w = room.min(max_width.max(1));
        let x = pane.x + margin + (room - col_w) / 2;
        let text = Rect::new(x, 0, col_w, main_h);
        Geometry {
            area,
            outline,
            pane,
            text,
            status,
        }
    }
}

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
    followed: Option<usize>,
}

/// A search: what is being typed and what the last query found.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The query being typed, while the status line is a prompt.
    pub typing: Option<String>,
    /// The query that was run (empty when none).
    pub query: String,
    /// Where it matches in the current document, in order.
    pub matches: Vec<Match>,
    /// The index in `matches` of the current match.
    pub current: Option<usize>,
}

/// Where the reader is in the text, independent of the width: the block
/// under the top line and how far into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    source: usize,
    offset: usize,
    block_lines: usize,
}

/// The reader screen.
#[derive(Debug, Clone)]
pub struct Reader {
    /// The article being read.
    pub article: Article,
    /// The article laid out at the text column's width.
    pub doc: Document,
    /// The previous layout, kept so that resizing back and forth is instant.
    previous: Option<Document>,
    /// The first document line on screen.
    pub top: usize,
    /// Which pane has the keys.
    pub focus: Focus,
    /// The user's wish to see the outline (narrow terminals hide it anyway).
    pub outline_wanted: bool,
    /// Where things go on screen.
    pub geometry: Geometry,
    /// The outline pane.
    pub outline: OutlineView,
    /// The search.
    pub search: SearchState,
    /// A one-off message for the status line, cleared by the next action.
    pub message: Option<String>,
    /// True while only the start of a large article is loaded.
    pub partial: bool,
    config: Config,
}

impl Reader {
    /// A reader of `article` on a `width` x `height` terminal, at the top.
    pub fn new(article: Article, config: Config, width: u16, height: u16) -> Reader {
        Reader::with_start(article, config, width, height, false)
    }

    /// A reader of the start of a large article while the rest loads: laid
    /// out without highlighting, which would cost more than the rest of the
    /// first screen (the whole article replaces it soon).
    pub fn new_partial(article: Article, config: Config, width: u16, height: u16) -> Reader {
        Reader::with_start(article, config, width, height, true)
    }

    fn with_start(
        article: Article,
        config: Config,
        width: u16,
        height: u16,
        partial: bool,
    ) -> Reader {
        let geometry = Geometry::new(width, height, true, config.max_width);
        let options = LayoutOptions {
            highlight: !partial && article.body.len() <= HIGHLIGHT_LIMIT,
        };
        let doc = (config.layouter)(&article, geometry.text.width.max(1), options);
        let mut reader = Reader {
            article,
            doc,
            previous: None,
            top: 0,
            focus: Focus::Text,
            outline_wanted: true,
            geometry,
            outline: OutlineView::default(),
            search: SearchState::default(),
            message: None,
            partial,
            config,
        };
        reader.reset_outline();
        reader.follow();
        reader
    }

    /// The settings this reader was made with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Rows of text on screen.
    pub fn rows(&self) -> usize {
        usize::from(self.geometry.text.height)
    }

    /// The largest `top` that scrolling reaches: the last line at the bottom.
    pub fn max_top(&self) -> usize {
        self.doc.len().saturating_sub(self.rows())
    }

    /// True when the outline pane is on screen.
    pub fn outline_shown(&self) -> bool {
        self.geometry.outline.is_some()
    }

    /// Scrolls towards the end by `n` lines, stopping with the last line at
    /// the bottom (or where a heading jump left it, if further).
    pub fn scroll_down(&mut self, n: usize) {
        let limit = self.max_top().max(self.top);
        self.top = self.top.saturating_add(n).min(limit);
    }

    /// Scrolls towards the start by `n` lines.
    pub fn scroll_up(&mut self, n: usize) {
        self.top = self.top.saturating_sub(n);
    }

    /// Puts `line` on the top line (a heading jump may leave blank rows
    /// under the end of the article, so that the heading is really on top).
    pub fn jump_to_line(&mut self, line: usize) {
        self.top = line.min(self.doc.len().saturating_sub(1));
    }

    /// Goes to the very end: the last line at the bottom.
    pub fn bottom(&mut self) {
        self.top = self.max_top();
    }

    /// The heading whose section holds the top line.
    pub fn current_section(&self) -> Option<usize> {
        let after = self.doc.headings.partition_point(|&l| l <= self.top);
        after.checked_sub(1)
    }

    /// Puts the first heading below the top line on top; false at the last.
    pub fn next_heading(&mut self) -> bool {
        let i = self.doc.headings.partition_point(|&l| l <= self.top);
        match self.doc.headings.get(i) {
            Some(&line) => {
                self.jump_to_line(line);
                true
            }
            None => false,
        }
    }

    /// Puts the last heading above the top line on top; false at the first.
    pub fn prev_heading(&mut self) -> bool {
        let i = self.doc.headings.partition_point(|&l| l < self.top);
        match i.checked_sub(1).and_then(|i| self.doc.headings.get(i)) {
            Some(&line) => {
                self.jump_to_line(line);
                true
            }
            None => false,
        }
    }

    /// Puts heading `index` of the outline on the top line.
    pub fn jump_to_heading(&mut self, index: usize) {
        if let Some(&line) = self.doc.headings.get(index) {
            self.jump_to_line(line);
        }
    }

    /// How far through the article the bottom of the screen is, 0 to 100.
    pub fn percent(&self) -> usize {
        let len = self.doc.len();
        if len == 0 {
            return 100;
        }
        let bottom = self.top.saturating_add(self.rows()).min(len);
        bottom.saturating_mul(100) / len
    }

    /// The terminal is now `width` x `height`: re-lay out when the text
    /// column's width changed, keeping the same text on the top line.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.geometry = Geometry::new(width, height, self.outline_wanted, self.config.max_width);
        self.relayout();
        self.outline.followed = None;
        self.follow();
    }

    /// Hides or shows the outline pane; the text is re-laid out to fit.
    pub fn toggle_outline(&mut self) {
        self.outline_wanted = !self.outline_wanted;
        if !self.outline_wanted {
            self.focus = Focus::Text;
        }
        let area = self.geometry.area;
        self.resize(area.width, area.height);
    }

    /// Moves the keys between the outline and the text; the outline's cursor
    /// starts on the section being read.
    pub fn toggle_focus(&mut self) {
        self.focus = match self.focus {
            Focus::Text if self.outline_shown() && !self.article.outline.is_empty() => {
                self.outline.selected = self.highlighted().unwrap_or(0);
                Focus::Outline
            }
            _ => Focus::Text,
        };
    }

    /// Swaps in the whole article once it has loaded (the reader may have
    /// shown only its start), keeping the same text on the top line.
    pub fn replace_article(&mut self, article: Article, doc: Option<Document>) {
        let anchor = self.anchor();
        self.article = article;
        self.partial = false;
        self.previous = None;
        self.doc = match doc {
            Some(doc) if doc.width == self.geometry.text.width.max(1) => doc,
            _ => lay_out(&self.config, &self.article, self.geometry.text.width),
        };
        self.restore(anchor);
        self.reset_outline();
        self.rerun_search();
        self.follow();
    }

    fn relayout(&mut self) {
        let width = self.geometry.text.width.max(1);
        if width != self.doc.width {
            let anchor = self.anchor();
            let doc = match self.previous.take() {
                Some(doc) if doc.width == width => doc,
                _ => lay_out(&self.config, &self.article, width),
            };
            self.previous = Some(std::mem::replace(&mut self.doc, doc));
            self.restore(anchor);
            self.rerun_search();
        }
        if self.top > self.doc.len().saturating_sub(1) {
            self.top = self.doc.len().saturating_sub(1);
        }
    }

    fn anchor(&self) -> Option<Anchor> {
        let line = self.doc.line(self.top)?;
        let source = line.source();
        let (start, end) = block_lines(&self.doc, source);
        Some(Anchor {
            source,
            offset: self.top.saturating_sub(start),
            block_lines: end.saturating_sub(start),
        })
    }

    fn restore(&mut self, anchor: Option<Anchor>) {
        let Some(anchor) = anchor else {
            self.top = 0;
            return;
        };
        let (start, end) = block_lines(&self.doc, anchor.source);
        let lines = end.saturating_sub(start);
        // The same fraction of the way into the block, now that it wraps differently.
        let offset = anchor
            .offset
            .saturating_mul(lines)
            .checked_div(anchor.block_lines)
            .unwrap_or(0);
        let offset = offset.min(lines.saturating_sub(1));
        self.top = start
            .saturating_add(offset)
            .min(self.doc.len().saturating_sub(1));
    }

    // ----- outline -----

    fn reset_outline(&mut self) {
        let n = self.article.outline.len();
        // Parents with a stack of open (index, level) pairs.
        let mut parents = Vec::with_capacity(n);
        let mut open: Vec<(usize, u8)> = Vec::new();
        for (i, h) in self.article.outline.iter().enumerate() {
            while open.last().is_some_and(|&(_, level)| level >= h.level) {
                open.pop();
            }
            parents.push(open.last().map(|&(p, _)| p));
            open.push((i, h.level));
        }
        self.outline.parents = parents;
        self.outline.min_level = self
            .article
            .outline
            .iter()
            .map(|h| h.level)
            .min()
            .unwrap_or(1);
        self.outline.folded.resize(n, false);
        self.outline.selected = self.outline.selected.min(n.saturating_sub(1));
        self.rebuild_visible();
    }

    fn rebuild_visible(&mut self) {
        let headings = &self.article.outline;
        let mut visible = Vec::with_capacity(headings.len());
        // The level under which entries are hidden, while inside a folded branch.
        let mut hidden_below: Option<u8> = None;
        for (i, h) in headings.iter().enumerate() {
            if let Some(level) = hidden_below {
                if h.level > level {
                    continue;
                }
                hidden_below = None;
            }
            visible.push(i);
            if self.outline.folded.get(i).copied().unwrap_or(false) {
                hidden_below = Some(h.level);
            }
        }
        self.outline.visible = visible;
    }

    /// True when heading `index` has sub-headings.
    pub fn has_children(&self, index: usize) -> bool {
        let headings = &self.article.outline;
        match (headings.get(index), headings.get(index.saturating_add(1))) {
            (Some(h), Some(next)) => next.level > h.level,
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

    // ----- search -----

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
            first
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
        let on_screen = self.search.current.filter(|&c| {
            let line = self.search.matches[c].line;
            line >= self.top && line < self.top.saturating_add(self.rows())
        });
        let index = if forward {
            let next = match on_screen {
                Some(c) => c.saturating_add(1),
                None => self.search.matches.partition_point(|m| m.line < self.top),
            };
            if next >= n {
                self.message = Some("search hit the end, continued from the top".into());
                0
            } else {
                next
            }
        } else {
            let prev = match on_screen {
                Some(c) => c.checked_sub(1),
                None => self
                    .search
                    .matches
                    .partition_point(|m| m.line < self.top)
                    .checked_sub(1),
            };
            match prev {
                Some(p) => p,
                None => {
                    self.message = Some("search hit the start, continued from the end".into());
                    n - 1
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
        if line < self.top || line >= self.top.saturating_add(self.rows()) {
            // A little context above the match, as far as the end allows.
            let max = self.max_top();
            let top = line.saturating_sub(2);
            self.top = if top > max && line >= max { max } else { top };
        }
    }

    fn rerun_search(&mut self) {
        if self.search.query.is_empty() {
            return;
        }
        self.search.matches = search::find(&self.doc, &self.search.query);
        let first = self.search.matches.partition_point(|m| m.line < self.top);
        self.search.current = (first < self.search.matches.len()).then_some(first);
    }

    /// The matches on document line `line`, with the index of the first.
    pub fn matches_on(&self, line: usize) -> (usize, &[Match]) {
        let m = &self.search.matches;
        let start = m.partition_point(|x| x.line < line);
        let end = start + m[start..].partition_point(|x| x.line <= line);
        (start, &m[start..end])
    }
}

/// Lays out `article` at `width` with the options its size calls for.
pub fn lay_out(config: &Config, article: &Article, width: u16) -> Document {
    let options = LayoutOptions {
        highlight: article.body.len() <= HIGHLIGHT_LIMIT,
    };
    (config.layouter)(article, width.max(1), options)
}

/// The first line and the end of the lines laid out from the block at `source`.
fn block_lines(doc: &Document, source: usize) -> (usize, usize) {
    let start = doc.line_of_source(source);
    let next = doc.line_of_source(source.saturating_add(1));
    let end = if doc.line(next).is_some_and(|l| l.source() > source) {
        next
    } else {
        doc.len()
    };
    (start, end.max(start))
}
