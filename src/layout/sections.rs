//! The parts of a document around the body: the header (title, author,
//! date, tags) and, at the end, the footnotes and the numbered link list.

use pulldown_cmark::{Event, Tag};

use super::blocks::LayoutRun;
use super::inline::Inline;
use super::{Role, Style};
use crate::article::Meta;
use crate::sanitize::sanitize_line;

impl LayoutRun<'_> {
    pub(super) fn header(&mut self, meta: &Meta, title: &str) {
        let title = sanitize_line(title);
        if !title.trim().is_empty() {
            let mut inline = Inline::default();
            inline.push_safe(
                title.trim(),
                Style {
                    emphasis: super::Emphasis {
                        strong: true,
                        ..Default::default()
                    },
                    ..Style::of(Role::Heading(1))
                },
            );
            self.emit_inline(&inline);
        }
        let mut inline = Inline::default();
        let meta_style = Style::of(Role::Meta);
        let mut parts = 0;
        let mut sep = |inline: &mut Inline| {
            if parts > 0 {
                inline.push_safe(" · ", meta_style);
            }
            parts += 1;
        };
        if let Some(author) = meta.author.as_deref().filter(|a| !a.trim().is_empty()) {
            sep(&mut inline);
            inline.push_safe(sanitize_line(author.trim()).as_ref(), meta_style);
        }
        if let Some(date) = meta.date.as_deref().filter(|d| !d.trim().is_empty()) {
            sep(&mut inline);
            inline.push_safe(sanitize_line(date.trim()).as_ref(), meta_style);
        }
        let tags: Vec<_> = meta.tags.iter().filter(|t| !t.trim().is_empty()).collect();
        if !tags.is_empty() {
            sep(&mut inline);
            for (i, tag) in tags.iter().enumerate() {
                if i > 0 {
                    inline.push_safe(" ", meta_style);
                }
                inline.push_safe("#", Style::of(Role::Tag));
                inline.push_safe(sanitize_line(tag.trim()).as_ref(), Style::of(Role::Tag));
            }
        }
        if !inline.is_blank() {
            self.emit_inline(&inline);
        }
        if !self.out.is_empty() {
            self.out.end_line();
        }
        self.blocks.enter_container();
    }

    pub(super) fn section_rule(&mut self) {
        self.flush_inline();
        self.containers.clear();
        self.set_source(self.body.len());
        self.blocks.force_gap();
        self.block_start(self.body.len());
        let avail = self.avail();
        self.out
            .push(&"─".repeat(avail.min(20)), Style::of(Role::Rule));
        self.out.end_line();
        self.blocks.container_empty = true;
    }

    pub(super) fn footnote_section(&mut self) {
        if self.references.footnotes.is_empty() {
            return;
        }
        self.section_rule();
        let mut defs = std::mem::take(&mut self.references.footnotes);
        for (label, _) in &defs {
            self.references.footnote_number(label);
        }
        defs.sort_by_key(|(label, _)| self.references.known_footnote(label));
        for (label, events) in defs {
            let n = self.references.footnote_number(&label);
            let marker = format!("[^{n}] ");
            self.blocks.gap_due = true;
            self.block_start(self.body.len());
            self.containers.push_item(marker, Role::ListMarker);
            self.blocks.enter_container();
            let mut iter = events.into_iter().peekable();
            while let Some((event, range)) = iter.next() {
                let next_is_para = matches!(iter.peek(), Some((Event::Start(Tag::Paragraph), _)));
                self.event(event, range, next_is_para);
            }
            self.flush_inline();
            self.containers.clear();
            self.blocks.container_empty = false;
        }
    }

    pub(super) fn link_section(&mut self) {
        if self.references.shown.is_empty() {
            return;
        }
        self.section_rule();
        let refs = std::mem::take(&mut self.references.shown);
        for (i, link) in refs.iter().enumerate() {
            let marker = format!("[{}] ", i + 1);
            self.containers.push_item(marker, Role::ListMarker);
            let mut inline = Inline::default();
            let target = self.out.link(*link).unwrap_or("").to_string();
            inline.push_safe(
                &target,
                Style {
                    link: Some(*link),
                    ..Style::of(Role::Link)
                },
            );
            if inline.is_blank() {
                self.begin_line();
                self.out.trim_end();
                self.out.end_line();
            } else {
                self.emit_inline(&inline);
            }
            self.containers.pop();
        }
    }
}
