//! Lines and what starts them: the prefix of quote bars and list markers
//! that containers give every line, blank lines between blocks, and the
//! wrapped lines of a paragraph placed under that prefix.

use super::blocks::LayoutRun;
use super::inline::Inline;
use super::wrap::{WrappedLine, cut, push_range, wrap_inline};
use super::{Role, Style};

/// A block that prefixes every line inside it.
#[derive(Debug, Clone)]
pub(super) enum Container {
    Quote,
    /// A quote whose bar is drawn in its own role (an alert or callout).
    Bar(Role),
    /// A list item (or footnote/link entry): `marker` on its first line,
    /// as many spaces on the others.
    Item {
        marker: String,
        width: usize,
        shown: bool,
        role: Role,
    },
}

/// How deep containers nest before the deeper ones are drawn flat.
pub const MAX_DEPTH: usize = 64;

/// The open containers, outermost first, with the prefix width they add
/// up to and where the quotes among them are, both kept as containers are
/// pushed and popped: starting a line costs what the line shows, never the
/// depth of the nesting, so layout stays linear however deep a body nests.
///
/// Containers nested deeper than [`MAX_DEPTH`] are drawn flat: the first of
/// them becomes one item marked `… `, and those inside it add no prefix and
/// no lines of their own, so a body of a million nested quotes and items
/// lays out as many lines as its text needs, not one per container.
#[derive(Debug, Default)]
pub(super) struct Containers {
    stack: Vec<Container>,
    /// How many containers are open beyond [`MAX_DEPTH`].
    flat: usize,
    /// The sum of the widths of `stack`.
    width: usize,
    /// Indices in `stack` of its quotes, ascending.
    quotes: Vec<usize>,
}

impl Containers {
    /// Opens a container inside the innermost one.
    pub(super) fn push(&mut self, c: Container) {
        if self.flat > 0 || self.stack.len() >= MAX_DEPTH {
            if self.flat == 0 {
                self.push_shown(Container::Item {
                    marker: "… ".to_string(),
                    width: 2,
                    shown: false,
                    role: Role::ListMarker,
                });
            }
            self.flat += 1;
            return;
        }
        self.push_shown(c);
    }

    fn push_shown(&mut self, c: Container) {
        self.width += c.width();
        if matches!(c, Container::Quote | Container::Bar(_)) {
            self.quotes.push(self.stack.len());
        }
        self.stack.push(c);
    }

    /// Opens a list-like item whose first line shows `marker` in `role`.
    pub(super) fn push_item(&mut self, marker: String, role: Role) {
        let width = super::wrap::width_of(&marker);
        self.push(Container::Item {
            marker,
            width,
            shown: false,
            role,
        });
    }

    /// Closes the innermost container.
    pub(super) fn pop(&mut self) {
        if self.flat > 0 {
            self.flat -= 1;
            if self.flat > 0 {
                return;
            }
        }
        if let Some(c) = self.stack.pop() {
            self.width -= c.width();
            if matches!(c, Container::Quote | Container::Bar(_)) {
                self.quotes.pop();
            }
        }
    }

    /// Closes every container.
    pub(super) fn clear(&mut self) {
        self.stack.clear();
        self.quotes.clear();
        self.flat = 0;
        self.width = 0;
    }

    /// The width of the prefix the containers give a line.
    pub(super) fn width(&self) -> usize {
        self.width
    }

    /// True when the innermost container is an item whose marker has not
    /// been shown yet (never for a container drawn flat inside the `… `
    /// item: those add no lines).
    pub(super) fn item_unshown(&self) -> bool {
        self.flat <= 1
            && matches!(
                self.stack.last(),
                Some(Container::Item { shown: false, .. })
            )
    }

    /// Appends `mark` to the marker of the innermost item when that marker
    /// has not been shown yet; false when there is no such item.
    pub(super) fn extend_marker(&mut self, mark: &str) -> bool {
        if self.flat > 0 {
            return false;
        }
        match self.stack.last_mut() {
            Some(Container::Item {
                marker,
                width,
                shown: false,
                ..
            }) => {
                let w = super::wrap::width_of(mark);
                marker.push_str(mark);
                *width += w;
                self.width += w;
                true
            }
            _ => false,
        }
    }
}

impl Container {
    fn width(&self) -> usize {
        match self {
            Container::Quote | Container::Bar(_) => 2,
            Container::Item { width, .. } => *width,
        }
    }
}

impl LayoutRun<'_> {
    pub(super) fn prefix_width(&self) -> usize {
        self.containers.width()
    }

    /// Columns left for content after the prefix (the prefix is clipped so
    /// that at least one column remains).
    pub(super) fn avail(&self) -> usize {
        self.width - self.prefix_width().min(self.width - 1)
    }

    /// Starts a content line: pushes the prefix, clipped to leave one column.
    /// Every container is at least one column wide, so this walks no more
    /// containers than the line has columns.
    pub(super) fn begin_line(&mut self) {
        let mut budget = self.prefix_width().min(self.width - 1);
        for c in &mut self.containers.stack {
            if budget == 0 {
                break;
            }
            let (text, style, w): (&str, Role, usize) = match c {
                Container::Quote => ("│ ", Role::QuoteBar, 2),
                Container::Bar(role) => ("┃ ", *role, 2),
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
                self.out.push(text, Style::of(style));
                budget -= w;
            } else {
                let (part, _) = cut(text, budget);
                self.out.push(part, Style::of(style));
                budget = 0;
            }
        }
    }

    /// A blank line: only the quote bars, no trailing spaces.
    pub(super) fn blank_line(&mut self) {
        if let Some(&last) = self.containers.quotes.last() {
            let mut budget = self.width;
            for c in &self.containers.stack[..=last] {
                if budget == 0 {
                    break;
                }
                let (text, role) = match c {
                    Container::Quote => ("│ ", Role::QuoteBar),
                    Container::Bar(role) => ("┃ ", *role),
                    Container::Item { width, .. } => (spaces(*width), Role::Text),
                };
                let (part, w) = cut(text, budget);
                budget -= w;
                self.out.push(part, Style::of(role));
            }
            // Drop the space after the innermost bar.
            self.out.trim_end();
        }
        self.out.end_line();
    }

    /// Opens a block at body offset `source`: the blank line before it when
    /// one is due.
    pub(super) fn block_start(&mut self, source: usize) {
        if self.blocks.gap_due && !self.blocks.container_empty && !self.out.is_empty() {
            self.blank_line();
        }
        self.blocks.gap_due = false;
        self.blocks.container_empty = false;
        self.set_source(source);
    }

    /// Closes a block: the next one comes after a blank line.
    pub(super) fn block_end(&mut self) {
        self.blocks.gap_due = true;
    }

    pub(super) fn set_source(&mut self, source: usize) {
        self.blocks.source = self.blocks.source.max(source);
        self.out.set_source(self.blocks.source);
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
            push_range(&mut self.out, inline, line, avail, map);
            if line.width == 0 {
                self.out.trim_end();
            }
            self.out.end_line();
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
