//! Laying the article out again at a new width (a resize, `w`, the whole
//! of a large article) while the same text stays on the top line, and the
//! layout options an article's size calls for.

use crate::article::{Article, Draft};
use crate::layout::{Document, LayoutOptions};

use super::{BACKGROUND_LAYOUT_BYTES, HIGHLIGHT_LIMIT, ReaderScreen};
use crate::tui::settings::Config;

/// Where the reader is in the text, independent of the width: the block
/// under the top line and how far into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Anchor {
    source: usize,
    offset: usize,
    block_lines: usize,
}

impl ReaderScreen {
    /// Lays the article out for the text column's width, or asks for it.
    pub(super) fn relayout(&mut self) {
        let width = self.geometry.text.width.max(1);
        if self.fits(&self.doc) {
            // Back at the width shown: a layout asked for another is moot.
            self.jobs.layout = None;
            self.jobs.wanted = None;
        } else {
            match self.previous.take() {
                Some(doc) if self.fits(&doc) => self.install_layout(doc),
                previous if self.article.body.len() > BACKGROUND_LAYOUT_BYTES => {
                    // Keep showing the old layout, cut to the column, until
                    // the new one is ready.
                    self.previous = previous;
                    self.jobs.wanted = Some(width);
                }
                _ => {
                    let doc = lay_out(&self.config, &self.article, width);
                    self.install_layout(doc);
                }
            }
        }
        if self.top > self.doc.len().saturating_sub(1) {
            self.top = self.doc.len().saturating_sub(1);
        }
    }

    /// Draws in `theme` from now on. A layout the old theme coloured (code
    /// highlighted with its syntect theme, headings marked or not) is laid
    /// out again: at once for a small article, else on a job.
    pub fn set_theme(&mut self, theme: crate::theme::Theme) {
        let before = layout_options(&self.config, &self.article, self.partial);
        self.config.theme = theme;
        if layout_options(&self.config, &self.article, self.partial) == before {
            return;
        }
        self.previous = None;
        self.lay_out_again();
    }

    /// Pictures are now counted in cells of `cell` pixels (the terminal
    /// said so once it was asked): a layout with pictures is made again,
    /// each picture keeping the rows it is drawn in.
    pub fn set_picture_cell(&mut self, cell: (u16, u16)) {
        if self.config.picture_cell == cell {
            return;
        }
        self.config.picture_cell = cell;
        self.previous = None;
        if self.doc.images.is_empty() {
            return;
        }
        self.lay_out_again();
    }

    /// Lays the article out again at the column's width (the old layout
    /// is dropped): at once for a small article, else on a job.
    fn lay_out_again(&mut self) {
        let width = self.geometry.text.width.max(1);
        if self.article.body.len() > BACKGROUND_LAYOUT_BYTES {
            self.jobs.wanted = Some(width);
        } else {
            let doc = lay_out(&self.config, &self.article, width);
            self.install_layout(doc);
            self.previous = None;
        }
    }

    /// Swaps in a layout made for the text column's current width, keeping
    /// the same text on the top line (pulled up when a layout asked for by
    /// a resize leaves the view past the end). One for another width is
    /// dropped.
    pub fn install_layout(&mut self, doc: Document) {
        if !self.fits(&doc) {
            return;
        }
        let resized = self.jobs.wanted.is_some();
        self.jobs.layout = None;
        self.jobs.wanted = None;
        let anchor = self.anchor();
        self.previous = Some(std::mem::replace(&mut self.doc, doc));
        self.restore(anchor);
        self.rerun_search();
        if self.top > self.doc.len().saturating_sub(1) {
            self.top = self.doc.len().saturating_sub(1);
        }
        if resized {
            self.pull_up_to_the_end();
        }
        self.outline.followed = None;
        self.follow();
    }

    pub(super) fn anchor(&self) -> Option<Anchor> {
        let line = self.doc.line(self.top)?;
        let source = line.source();
        let (start, end) = block_lines(&self.doc, source);
        Some(Anchor {
            source,
            offset: self.top.saturating_sub(start),
            block_lines: end.saturating_sub(start),
        })
    }

    pub(super) fn restore(&mut self, anchor: Option<Anchor>) {
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
}

/// Lays out `article` at `width` with the options its size calls for.
pub fn lay_out(config: &Config, article: &Article, width: u16) -> Document {
    let options = layout_options(config, article, false);
    config.layouter.layout(article, width.max(1), options)
}

/// Reads `draft`'s outline and lays it out at `width` from one parse, with
/// the options its size calls for.
pub fn open_at(config: &Config, draft: Draft, width: u16) -> (Article, Document) {
    let remote = super::remote::is_remote(draft.path());
    let draft = if remote {
        draft
    } else {
        crate::links::embeds::inline(draft)
    };
    let options = options_for(config, draft.body().len(), false, remote);
    config.layouter.open(draft, width.max(1), options)
}

/// Highlighted with the theme's syntect theme, unless the article is only
/// a start being shown while the rest loads, or too large.
pub(super) fn layout_options(config: &Config, article: &Article, partial: bool) -> LayoutOptions {
    let remote = super::remote::is_remote(&article.path);
    options_for(config, article.body.len(), partial, remote)
}

/// [`layout_options`] for a body of `len` bytes; `remote` for an article
/// read by address (its `http(s)` pictures are fetched too).
pub(super) fn options_for(
    config: &Config,
    len: usize,
    partial: bool,
    remote: bool,
) -> LayoutOptions {
    let highlight = !partial && len <= HIGHLIGHT_LIMIT;
    LayoutOptions {
        syntax: config.theme.syntax.filter(|_| highlight),
        image_rows: config.image_rows,
        picture_cell: config.picture_cell,
        wrap_code: config.wrap_code,
        remote_images: remote,
        ..config.theme.layout_options()
    }
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
