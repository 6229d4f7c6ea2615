//! The reader screen's state: one article laid out at the current width, the
//! scroll position, the outline pane and the search. Width-dependent work
//! (layout, search) happens here on load and resize, never while drawing.

pub mod backlinks;
mod codewrap;
mod find;
mod finish;
pub mod folds;
mod geometry;
mod handoff;
pub mod history;
pub mod images;
pub mod jobs;
mod link_list;
pub mod links;
mod memory;
mod outline;
mod pane;
mod place;
mod relayout;
pub mod remote;
pub mod stdin;
mod update;

use std::sync::Arc;

use crate::article::{Article, Draft};
use crate::config::OutlineSide;
use crate::layout::Document;

use super::action::Action;
use super::runtime::{JobId, ScreenId, StopFlag};
use super::settings::Config;

pub use find::SearchState;
pub use finish::Followup;
pub use geometry::Geometry;
pub use memory::ReaderMemory;
pub use outline::OutlineView;
pub use pane::PaneSize;
pub use place::Place;
use relayout::layout_options;
pub use relayout::{lay_out, open_at};
pub use update::update;

/// Bodies larger than this are laid out without syntax highlighting, which
/// would otherwise dominate the time to the first screen.
pub const HIGHLIGHT_LIMIT: usize = 1 << 20;

/// Bodies larger than this are laid out again on a background job after a
/// resize, showing the old layout meanwhile; smaller ones at once.
pub const BACKGROUND_LAYOUT_BYTES: usize = 256 * 1024;

/// The outline pane hides itself on terminals narrower than this.
pub const OUTLINE_MIN_COLUMNS: u16 = 60;

/// Lines moved by one turn of the mouse wheel.
pub const WHEEL_LINES: usize = 3;

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The text.
    #[default]
    Text,
    /// The outline pane.
    Outline,
}

/// The reader screen.
#[derive(Debug, Clone)]
pub struct ReaderScreen {
    /// Names this screen for the jobs it asks for (kept in the history too).
    pub id: ScreenId,
    /// The article being read (shared with the jobs that lay it out).
    pub article: Arc<Article>,
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
    /// The background jobs this reader waits for.
    pub jobs: ReaderJobs,
    /// Actions that need the whole article, kept until it has loaded.
    pub deferred: Vec<Action>,
    /// What is remembered of this article: its saved place, how far it got.
    pub memory: ReaderMemory,
    /// What the outline pane needs, measured on load.
    pub pane: PaneSize,
    /// Columns `{` and `}` took from or gave to the pane this session.
    pub pane_adjust: i16,
    /// The reading times beside the outline's entries: on or off by `i`,
    /// else shown when the pane has room.
    pub times: Option<bool>,
    /// The article's links, the labels and the list.
    pub links: links::LinkState,
    /// The places to go back and forward to.
    pub history: history::History,
    /// The pictures asked for, per width.
    pub images: images::ReaderImages,
    /// The `<details>` bodies folded away.
    pub folds: folds::Folds,
    config: Config,
}

/// The background jobs a reader waits for, by id: a result with another id
/// is one the reader has moved past.
#[derive(Debug, Clone, Default)]
pub struct ReaderJobs {
    /// Loading the whole of a large article.
    pub whole: Option<JobId>,
    /// A layout at the text column's new width.
    pub layout: Option<JobId>,
    /// A width whose layout has to be asked for (the app turns this into a job).
    pub wanted: Option<u16>,
    /// Reading the file again after it changed on disk.
    pub reload: Option<JobId>,
    /// The watch on the article's file, and how to stop it.
    pub watch: Option<(JobId, StopFlag)>,
    /// The version of the file the article was read from, when known: a
    /// watch that starts later reports a change made in between.
    pub read: Option<crate::article::FileStamp>,
    /// While standard input is read: the text column's width, for the job
    /// that lays out what comes.
    pub stream_width: Option<Arc<std::sync::atomic::AtomicU16>>,
}

impl ReaderScreen {
    /// A reader of `article` on a `width` x `height` terminal, at the top.
    pub fn new(article: Article, config: Config, width: u16, height: u16) -> ReaderScreen {
        ReaderScreen::with_start(article, config, width, height, false)
    }

    /// A reader of the start of a large article while the rest loads: laid
    /// out without highlighting, which would cost more than the rest of the
    /// first screen (the whole article replaces it soon).
    pub fn new_partial(article: Article, config: Config, width: u16, height: u16) -> ReaderScreen {
        ReaderScreen::with_start(article, config, width, height, true)
    }

    fn with_start(
        article: Article,
        config: Config,
        width: u16,
        height: u16,
        partial: bool,
    ) -> ReaderScreen {
        ReaderScreen::with_layout(article, None, config, width, height, partial)
    }

    /// A reader of `draft` on a `width` x `height` terminal, its outline and
    /// layout from one parse of the body. The text column's width depends
    /// on the outline (the pane is as wide as its headings, up to a third of
    /// the screen), which is known only after that parse: the body is laid
    /// out for the pane at its widest, as it is for most real headings, and
    /// laid out again only when the column turns out another width.
    pub fn from_draft(draft: Draft, config: Config, width: u16, height: u16) -> ReaderScreen {
        ReaderScreen::from_opened(jobs::Opened::from_draft(draft, &config, (width, height)))
    }

    /// A reader of an article an opening job read and laid out (no layout
    /// here: the job laid it out at the text column's width), at the top.
    pub fn from_opened(opened: jobs::Opened) -> ReaderScreen {
        let jobs::Opened {
            article,
            doc,
            read,
            config,
            size: (width, height),
            landing: _,
        } = opened;
        let mut reader =
            ReaderScreen::with_layout(article, Some(doc), config, width, height, false);
        reader.jobs.read = read;
        reader
    }

    /// A reader of `article`, with `doc` when it was laid out already (used
    /// when its width is the text column's).
    fn with_layout(
        article: Article,
        doc: Option<Document>,
        config: Config,
        width: u16,
        height: u16,
        partial: bool,
    ) -> ReaderScreen {
        let (geometry, pane) = Geometry::for_article(&article, &config, width, height);
        let width = geometry.text.width.max(1);
        let doc = match doc {
            Some(doc) if doc.width == width => doc,
            _ => {
                let options = layout_options(&config, &article, partial);
                config.layouter.layout(&article, width, options)
            }
        };
        let message = warning_note(&article);
        let mut reader = ReaderScreen {
            id: ScreenId::fresh(),
            article: Arc::new(article),
            doc,
            previous: None,
            top: 0,
            focus: Focus::Text,
            outline_wanted: config.outline != OutlineSide::Hidden,
            geometry,
            outline: OutlineView::default(),
            search: SearchState::default(),
            message,
            partial,
            jobs: ReaderJobs::default(),
            deferred: Vec::new(),
            memory: ReaderMemory::default(),
            pane,
            pane_adjust: 0,
            times: None,
            links: links::LinkState::default(),
            history: history::History::default(),
            images: images::ReaderImages::default(),
            folds: folds::Folds::default(),
            config,
        };
        reader.folds.sync(&reader.doc);
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
        let len = self.doc.len();
        let visible = self.folds.visible_len(len);
        self.folds.line_at(visible.saturating_sub(self.rows()), len)
    }

    /// True when the outline pane is on screen.
    pub fn outline_shown(&self) -> bool {
        self.geometry.outline.is_some()
    }

    /// Scrolls towards the end by `n` lines, stopping with the last line at
    /// the bottom (or where a heading jump left it, if further).
    /// Folded lines do not count.
    pub fn scroll_down(&mut self, n: usize) {
        let len = self.doc.len();
        let at = self.folds.visible_before(self.top);
        let limit = self.folds.visible_before(self.max_top()).max(at);
        self.top = self.folds.line_at(at.saturating_add(n).min(limit), len);
    }

    /// Scrolls towards the start by `n` lines; folded lines do not count.
    pub fn scroll_up(&mut self, n: usize) {
        let at = self.folds.visible_before(self.top);
        self.top = self.folds.line_at(at.saturating_sub(n), self.doc.len());
    }

    /// Puts `line` on the top line (a heading jump may leave blank rows
    /// under the end of the article, so that the heading is really on top),
    /// opening the folds that hide it.
    pub fn jump_to_line(&mut self, line: usize) {
        self.top = line.min(self.doc.len().saturating_sub(1));
        self.reveal_line(self.top);
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
        let len = self.folds.visible_len(self.doc.len());
        if len == 0 {
            return 100;
        }
        let top = self.folds.visible_before(self.top);
        let bottom = top.saturating_add(self.rows()).min(len);
        bottom.saturating_mul(100) / len
    }

    /// The terminal is now `width` x `height`: re-lay out when the text
    /// column's width changed, keeping the same text on the top line, but
    /// for a window that now reaches past the article's end: the view is
    /// pulled up so the end sits at the bottom, not above blank rows.
    pub fn resize(&mut self, width: u16, height: u16) {
        let outline = self.outline_wanted && !self.article.outline.is_empty();
        let pane = self.pane_wanted();
        self.geometry = Geometry::new(width, height, outline, pane, &self.config);
        if let Some(stream) = &self.jobs.stream_width {
            let width = self.geometry.text.width.max(1);
            stream.store(width, std::sync::atomic::Ordering::SeqCst);
        }
        self.relayout();
        self.pull_up_to_the_end();
        self.outline.followed = None;
        self.follow();
    }

    /// Scrolls up so that the last line is at the bottom when the view
    /// goes past it (after a resize, a new layout).
    pub(super) fn pull_up_to_the_end(&mut self) {
        self.top = self.top.min(self.max_top());
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
        self.article = Arc::new(article);
        self.partial = false;
        self.jobs.whole = None;
        self.previous = None;
        self.doc = match doc {
            Some(doc) if self.fits(&doc) => doc,
            _ => lay_out(&self.config, &self.article, self.geometry.text.width),
        };
        self.restore(anchor);
        self.reset_outline();
        self.rerun_search();
        // The whole outline may want a wider pane than its start did.
        self.pane = PaneSize::of(&self.article);
        let area = self.geometry.area;
        self.resize(area.width, area.height);
    }
}

/// What the status line says first about an article read with warnings:
/// the first of them, with its line (the file is the one on screen).
fn warning_note(article: &Article) -> Option<String> {
    let first = article.warnings.first()?;
    let more = match article.warnings.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    Some(match first.line {
        Some(line) => format!("⚠ line {line}: {}{more}", first.message),
        None => format!("⚠ {}{more}", first.message),
    })
}
