//! Headings while laying out: the `###` mark from level 3, the rule under
//! levels 1 and 2, and a first heading the header's title already shows.

use super::blocks::LayoutRun;
use super::wrap::wrap_inline;
use super::{Emphasis, Role, Style};

impl LayoutRun<'_> {
    /// Opens a heading of `level` at body offset `source`.
    pub(super) fn start_heading(&mut self, level: u8, source: usize) {
        self.flush_inline();
        self.blocks.open_heading = Some((level, source));
        self.inline_source = Some(source);
        self.styles.roles.push(Role::Heading(level));
    }

    /// Closes the heading being read: lays it out.
    pub(super) fn end_heading(&mut self) {
        self.styles.roles.pop();
        let Some((level, offset)) = self.blocks.open_heading.take() else {
            return;
        };
        self.inline_source = None;
        let is_title = self
            .outline
            .heading_at(offset)
            .is_some_and(|h| h.text().trim() == self.title);
        if self.blocks.title_heading.take() == Some(offset) && is_title {
            self.blocks.heading_lines.push((offset, 0));
            self.inline.clear();
            return;
        }
        // A heading always has a blank line before it.
        self.blocks.gap_due = true;
        self.block_start(offset);
        self.blocks.heading_lines.push((offset, self.out.len()));
        let inline = std::mem::take(&mut self.inline);
        let widest = if inline.is_blank() {
            self.begin_line();
            self.out.trim_end();
            self.out.end_line();
            0
        } else {
            let strong = |s: Style| Style {
                emphasis: Emphasis {
                    strong: true,
                    ..s.emphasis
                },
                ..s
            };
            // The `###` mark says the level without colour, and wrapped
            // lines indent under the text; below 20 columns it would cost
            // more than it tells.
            let marked = self.opts.heading_marks && level >= 3 && self.avail() >= 20;
            if marked {
                let marker = format!("{} ", "#".repeat(usize::from(level)));
                self.containers.push_item(marker, Role::HeadingMark);
            }
            let avail = self.avail();
            let lines = wrap_inline(&inline, avail);
            let widest = self.emit_wrapped(&inline, &lines, avail, strong);
            if marked {
                self.containers.pop();
            }
            widest
        };
        self.inline = inline;
        self.inline.clear();
        if level <= 2 && widest > 0 {
            let rule = if level == 1 { "═" } else { "─" };
            self.begin_line();
            self.out
                .push(&rule.repeat(widest), Style::of(Role::HeadingMark));
            self.out.end_line();
        }
        self.block_end();
    }
}
