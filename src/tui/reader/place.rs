//! Places in an article that survive a new layout, an edit or a new width:
//! the section the top line is in (by its heading's anchor) and how far into
//! it. Live reload uses them; so can history and saved reading positions.

use std::sync::Arc;

use crate::article::Article;
use crate::layout::Document;

use super::{ReaderScreen, lay_out};

/// Where the reader is, independent of the layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The anchor of the heading whose section holds the top line; `None`
    /// before the first heading.
    pub anchor: Option<String>,
    /// Lines from the section's start (or the article's) to the top line.
    pub lines_in: usize,
    /// The same distance as a fraction of the section's lines.
    pub fraction: f64,
    /// The width the lines were counted at.
    pub width: u16,
}

impl ReaderScreen {
    /// Where the top line is now.
    pub fn place(&self) -> Place {
        let (start, end) = self.section_lines(self.current_section());
        let lines_in = self.top.saturating_sub(start);
        let len = end.saturating_sub(start).max(1);
        Place {
            anchor: self
                .current_section()
                .and_then(|i| self.article.outline.get(i))
                .map(|h| h.anchor().to_string()),
            lines_in,
            fraction: lines_in as f64 / len as f64,
            width: self.doc.width,
        }
    }

    /// Puts the top line at `place`: the same section, the same number of
    /// lines into it at the same width, else the same fraction of it. A
    /// section that is gone leaves the top line where it is.
    pub fn go_to_place(&mut self, place: &Place) {
        let section = match &place.anchor {
            None => None,
            Some(anchor) => match self
                .article
                .outline
                .iter()
                .position(|h| h.anchor() == anchor)
            {
                Some(i) => Some(i),
                None => {
                    self.top = self.top.min(self.doc.len().saturating_sub(1));
                    return;
                }
            },
        };
        let (start, end) = self.section_lines(section);
        let len = end.saturating_sub(start);
        let offset = if place.width == self.doc.width {
            place.lines_in
        } else {
            (place.fraction * len as f64) as usize
        };
        self.top = start
            .saturating_add(offset.min(len.saturating_sub(1)))
            .min(self.doc.len().saturating_sub(1));
    }

    /// Swaps in the article as it is now on disk, staying on the same
    /// heading and offset.
    pub fn reload(&mut self, article: Article, doc: Document) {
        let place = self.place();
        self.article = Arc::new(article);
        self.previous = None;
        self.jobs.reload = None;
        self.doc = if self.fits(&doc) {
            doc
        } else {
            lay_out(&self.config, &self.article, self.geometry.text.width)
        };
        // The outline may have gained or lost its headings.
        self.pane = super::PaneSize::of(&self.article);
        let area = self.geometry.area;
        self.resize(area.width, area.height);
        self.go_to_place(&place);
        self.reset_outline();
        self.rerun_search();
        self.outline.followed = None;
        self.follow();
    }

    /// The first line of section `index` (the article's start for `None`)
    /// and the first line after it.
    pub(super) fn section_lines(&self, index: Option<usize>) -> (usize, usize) {
        let start = index
            .and_then(|i| self.doc.headings.get(i).copied())
            .unwrap_or(0);
        let next = index.map_or(0, |i| i + 1);
        let end = self
            .doc
            .headings
            .get(next)
            .copied()
            .unwrap_or(self.doc.len());
        (start, end.max(start))
    }
}
