//! Lines and what starts them: the prefix of quote bars and list markers
//! that containers give every line, blank lines between blocks, and the
//! wrapped lines of a paragraph placed under that prefix.

use super::blocks::Layouter;
use super::inline::Inline;
use super::wrap::{WrappedLine, cut, push_range, wrap_inline};
use super::{Role, Style};

/// A block that prefixes every line inside it.
#[derive(Debug, Clone)]
pub(super) enum Container {
    Quote,
    /// A list item (or footnote/link entry): `marker` on its first line,
    /// as many spaces on the others.
    Item {
        marker: String,
        width: usize,
        shown: bool,
        role: Role,
    },
}

impl Layouter<'_> {
    pub(super) fn prefix_width(&self) -> usize {
        self.stack
            .iter()
            .map(|c| match c {
                Container::Quote => 2,
                Container::Item { width, .. } => *width,
            })
            .sum()
    }

    /// Columns left for content after the prefix (the prefix is clipped so
    /// that at least one column remains).
    pub(super) fn avail(&self) -> usize {
        self.width - self.prefix_width().min(self.width - 1)
    }

    /// Starts a content line: pushes the prefix, clipped to leave one column.
    pub(super) fn begin_line(&mut self) {
        let mut budget = self.prefix_width().min(self.width - 1);
        for c in &mut self.stack {
            if budget == 0 {
                break;
            }
            let (text, style, w): (&str, Role, usize) = match c {
                Container::Quote => ("│ ", Role::QuoteBar, 2),
                Container::Item {
                    marker,
                    width,
                    shown,
                    role,
                } => {
                    if *shown {
                        (spaces(*width), Role::Text, *width)
                    } else {
                        *shown = true;
                        (marker.as_str(), *role, *width)
                    }
                }
            };
            if w <= budget {
                self.b.push(text, Style::of(style));
                budget -= w;
            } else {
                let (part, _) = cut(text, budget);
                self.b.push(part, Style::of(style));
                budget = 0;
            }
        }
    }

    /// A blank line: only the quote bars, no trailing spaces.
    pub(super) fn blank_line(&mut self) {
        let last_quote = self
            .stack
            .iter()
            .rposition(|c| matches!(c, Container::Quote));
        if let Some(last) = last_quote {
            let mut budget = self.width;
            for c in &self.stack[..=last] {
                let (text, role) = match c {
                    Container::Quote => ("│ ", Role::QuoteBar),
                    Container::Item { width, .. } => (spaces(*width), Role::Text),
                };
                let (part, w) = cut(text, budget);
                budget -= w;
                self.b.push(part, Style::of(role));
            }
            // Drop the space after the innermost bar.
            self.b.trim_end();
        }
        self.b.end_line();
    }

    /// Opens a block at body offset `source`: the blank line before it when
    /// one is due.
    pub(super) fn block_start(&mut self, source: usize) {
        if self.gap && !self.fresh && !self.b.is_empty() {
            self.blank_line();
        }
        self.gap = false;
        self.fresh = false;
        self.set_source(source);
    }

    /// Closes a block: the next one comes after a blank line.
    pub(super) fn block_end(&mut self) {
        self.gap = true;
    }

    pub(super) fn set_source(&mut self, source: usize) {
        self.source = self.source.max(source);
        self.b.set_source(self.source);
    }

    /// Lays out `inline` wrapped at the current width under the prefixes.
    pub(super) fn emit_inline(&mut self, inline: &Inline) -> usize {
        let avail = self.avail();
        let lines = wrap_inline(inline, avail);
        self.emit_wrapped(inline, &lines, avail, |s| s)
    }

    pub(super) fn emit_wrapped(
        &mut self,
        inline: &Inline,
        lines: &[WrappedLine],
        avail: usize,
        map: impl Fn(Style) -> Style + Copy,
    ) -> usize {
        let mut widest = 0;
        for line in lines {
            self.begin_line();
            push_range(&mut self.b, inline, line, avail, map);
            if line.width == 0 {
                self.b.trim_end();
            }
            self.b.end_line();
            widest = widest.max(line.width);
        }
        widest
    }

    /// Lays out `inline` wrapped at `avail` columns, prefixed, mapping styles.
    pub(super) fn emit_lines(&mut self, inline: &Inline, lines: &[WrappedLine], avail: usize) {
        self.emit_wrapped(inline, lines, avail, |s| s);
    }
}

/// `n` spaces (for indents), without allocating for the usual sizes.
pub(super) fn spaces(n: usize) -> &'static str {
    const SPACES: &str = "                                                                ";
    &SPACES[..n.min(SPACES.len())]
}
