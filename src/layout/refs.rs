//! Links, images and footnotes while laying out: each target kept once, the
//! `[n]` reference numbers in the order they show, footnote numbers.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::Event;

use super::blocks::LayoutRun;
use super::{DocumentBuilder, Role, Style};

/// A link or image being laid out: where its text starts and what follows it.
#[derive(Debug, Clone, Copy)]
pub(super) struct LinkFrame {
    /// Whether a `[n]` may follow (autolinks already show their target).
    pub(super) marker: bool,
    pub(super) link: u32,
    pub(super) text_start: usize,
    pub(super) image: bool,
    /// Whether a `]` closes its text (an embed shown as a link).
    pub(super) bracket: bool,
    /// Whether the parser's text is left out for text of quire's own (a
    /// wikilink's `Note > Heading`, an embed's file name for a size hint).
    pub(super) replaced: bool,
}

/// A footnote definition kept for the end of the article: its events.
pub(super) type FootnoteEvents = Vec<(Event<'static>, Range<usize>)>;

/// The link targets, reference numbers and footnotes of one layout run.
#[derive(Default)]
pub(super) struct References {
    /// Indices in `Document::links` by target.
    link_ids: HashMap<String, u32>,
    /// Shown reference numbers by link index.
    ref_numbers: HashMap<u32, usize>,
    /// The links in reference-number order.
    pub(super) shown: Vec<u32>,
    footnote_numbers: HashMap<String, usize>,
    /// Footnote definitions by label, in the order they were met.
    pub(super) footnotes: Vec<(String, FootnoteEvents)>,
    /// The labels of the footnotes defined so far, by their hash: a label
    /// defined again keeps its first definition (as a link definition does).
    pub(super) defined: std::collections::HashSet<u64>,
}

impl References {
    /// The index in `Document::links` of a target, each target kept once.
    pub(super) fn link_index(&mut self, out: &mut DocumentBuilder, target: &str) -> u32 {
        if let Some(&id) = self.link_ids.get(target) {
            return id;
        }
        let id = out.add_link(target.to_string());
        self.link_ids.insert(target.to_string(), id);
        id
    }

    /// The `[n]` of a link, numbering links in the order their markers show.
    pub(super) fn reference(&mut self, link: u32) -> usize {
        if let Some(&n) = self.ref_numbers.get(&link) {
            return n;
        }
        self.shown.push(link);
        let n = self.shown.len();
        self.ref_numbers.insert(link, n);
        n
    }

    /// The number of a footnote label, numbering labels in the order met.
    pub(super) fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnote_numbers.len() + 1;
        *self
            .footnote_numbers
            .entry(label.to_string())
            .or_insert(next)
    }

    /// The number of a label already numbered.
    pub(super) fn known_footnote(&self, label: &str) -> Option<usize> {
        self.footnote_numbers.get(label).copied()
    }
}

impl LayoutRun<'_> {
    /// The index in `Document::links` of a target, each target kept once.
    pub(super) fn link_index(&mut self, target: &str) -> u32 {
        self.references.link_index(&mut self.out, target)
    }

    /// Closes a link or image: its `]`, and its `[n]` unless the text is the target.
    pub(super) fn end_link(&mut self) {
        self.styles.roles.pop();
        let Some(frame) = self.styles.links.pop() else {
            return;
        };
        if frame.image {
            let style = Style {
                link: Some(frame.link),
                ..Style::of(Role::Image)
            };
            self.inline.push_safe("]", style);
        }
        if frame.bracket {
            let style = Style {
                link: Some(frame.link),
                ..Style::of(Role::Link)
            };
            self.inline.push_safe("]", style);
        }
        let shown = &self.inline.text[frame.text_start.min(self.inline.text.len())..];
        let target = self.out.link(frame.link).unwrap_or("");
        let same = !frame.image && (shown == target || format!("mailto:{shown}") == target);
        if frame.marker && !same {
            let n = self.references.reference(frame.link);
            self.inline
                .push_safe(&format!("[{n}]"), Style::of(Role::LinkRef));
        }
    }
}
