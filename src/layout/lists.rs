//! Lists and their items while laying out: numbering, bullets by depth,
//! loose items, and an empty item that still shows its marker.

use pulldown_cmark::{Tag, TagEnd};

use super::Role;
use super::blocks::LayoutRun;

/// One open list.
#[derive(Debug, Clone, Copy)]
pub(super) struct ListState {
    /// The next number of an ordered list; `None` for bullets.
    next: Option<u64>,
    /// Items opened so far.
    items: usize,
    /// How many lists are around this one.
    depth: usize,
}

impl ListState {
    /// The marker of the next item (`3. `, `• `), counting it.
    fn next_marker(&mut self) -> String {
        self.items += 1;
        match self.next.as_mut() {
            Some(n) => {
                let m = format!("{n}. ");
                *n = n.saturating_add(1);
                m
            }
            None => ["• ", "◦ ", "▪ "][self.depth % 3].to_string(),
        }
    }
}

impl LayoutRun<'_> {
    /// Opens a list or an item; `next_is_para` says the item is loose.
    pub(super) fn start_list(&mut self, tag: Tag<'_>, source: usize, next_is_para: bool) {
        match tag {
            Tag::List(first) => {
                self.flush_inline();
                self.block_start(source);
                let depth = self.blocks.lists.len();
                self.blocks.lists.push(ListState {
                    next: first,
                    items: 0,
                    depth,
                });
            }
            Tag::Item => {
                self.flush_inline();
                let loose = next_is_para;
                let first = self.blocks.lists.last().is_none_or(|list| list.items == 0);
                if loose && !first {
                    self.blocks.force_gap();
                    self.block_start(source);
                }
                let marker = match self.blocks.lists.last_mut() {
                    Some(list) => list.next_marker(),
                    None => "• ".to_string(),
                };
                self.set_source(source);
                self.containers.push_item(marker, Role::ListMarker);
                self.blocks.enter_container();
            }
            _ => {}
        }
    }

    /// Closes a list or an item.
    pub(super) fn end_list(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::List(_) => {
                self.flush_inline();
                self.blocks.lists.pop();
                self.block_end();
            }
            TagEnd::Item => {
                self.flush_inline();
                if self.containers.item_unshown() {
                    // An empty item still shows its marker.
                    self.block_start(self.blocks.source);
                    self.begin_line();
                    self.out.trim_end();
                    self.out.end_line();
                }
                self.containers.pop();
                self.blocks.container_empty = false;
            }
            _ => {}
        }
    }
}
