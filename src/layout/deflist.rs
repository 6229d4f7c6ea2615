//! Definition lists: each term on a line of its own in the term role, each
//! definition indented under it.

use std::ops::Range;

use pulldown_cmark::{Tag, TagEnd};

use super::Role;
use super::blocks::LayoutRun;

/// The indent of a definition under its term (less at narrow widths).
fn indent(avail: usize) -> &'static str {
    if avail >= 20 { "    " } else { "  " }
}

impl LayoutRun<'_> {
    /// Opens a definition list, a term or a definition.
    pub(super) fn start_deflist(&mut self, tag: &Tag<'_>, range: &Range<usize>) {
        match tag {
            Tag::DefinitionList => {
                self.flush_inline();
                self.block_start(range.start);
            }
            Tag::DefinitionListTitle => {
                self.flush_inline();
                self.inline_source = Some(range.start);
                self.styles.roles.push(Role::DefinitionTerm);
            }
            Tag::DefinitionListDefinition => {
                self.flush_inline();
                let indent = indent(self.avail());
                self.set_source(range.start);
                self.containers.push_item(indent.to_string(), Role::Text);
                self.blocks.gap_due = false;
                self.blocks.container_empty = true;
                self.inline_source = Some(range.start);
            }
            _ => {}
        }
    }

    /// Closes what [`LayoutRun::start_deflist`] opened.
    pub(super) fn end_deflist(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::DefinitionList => {
                self.flush_inline();
                self.block_end();
            }
            TagEnd::DefinitionListTitle => {
                self.flush_inline();
                self.styles.roles.pop();
                self.blocks.gap_due = false;
            }
            TagEnd::DefinitionListDefinition => {
                self.flush_inline();
                self.containers.pop();
                self.blocks.container_empty = false;
                self.block_end();
            }
            _ => {}
        }
    }
}
