//! Links, images and footnotes while laying out: each target kept once, the
//! `[n]` reference numbers in the order they show, footnote numbers.

use super::blocks::Layouter;
use super::{Role, Style};

/// A link or image being laid out: where its text starts and what follows it.
#[derive(Debug, Clone, Copy)]
pub(super) struct LinkFrame {
    /// Whether a `[n]` may follow (autolinks already show their target).
    pub(super) marker: bool,
    pub(super) link: u32,
    pub(super) text_start: usize,
    pub(super) image: bool,
}

impl Layouter<'_> {
    /// The index in `Document::links` of a target, each target kept once.
    pub(super) fn link_index(&mut self, target: &str) -> u32 {
        if let Some(&id) = self.link_ids.get(target) {
            return id;
        }
        let id = self.out.add_link(target.to_string());
        self.link_ids.insert(target.to_string(), id);
        id
    }

    /// The `[n]` of a link, numbering links in the order their markers show.
    pub(super) fn reference(&mut self, link: u32) -> usize {
        if let Some(&n) = self.ref_numbers.get(&link) {
            return n;
        }
        self.refs.push(link);
        let n = self.refs.len();
        self.ref_numbers.insert(link, n);
        n
    }

    pub(super) fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnote_numbers.len() + 1;
        *self
            .footnote_numbers
            .entry(label.to_string())
            .or_insert(next)
    }

    /// Closes a link or image: its `]`, and its `[n]` unless the text is the target.
    pub(super) fn end_link(&mut self) {
        self.roles.pop();
        let Some(frame) = self.links.pop() else {
            return;
        };
        if frame.image {
            let style = Style {
                link: Some(frame.link),
                ..Style::of(Role::Image)
            };
            self.inline.push_safe("]", style);
        }
        let shown = &self.inline.text[frame.text_start.min(self.inline.text.len())..];
        let target = self.out.link(frame.link).unwrap_or("");
        let same = !frame.image && (shown == target || format!("mailto:{shown}") == target);
        if frame.marker && !same {
            let n = self.reference(frame.link);
            self.inline
                .push_safe(&format!("[{n}]"), Style::of(Role::LinkRef));
        }
    }
}
