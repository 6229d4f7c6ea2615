//! The tag picker: every tag with its count over the other active filters,
//! a cursor, the tags ticked so far and all-of/any-of. Nothing is applied to
//! the library until Enter. `/` narrows the list to tags whose name holds
//! the typed text, for libraries with many tags.

use unicode_width::UnicodeWidthStr;

use crate::library::{Filter, Library, TagCount, TagMode};
use crate::sanitize::sanitize_line;

/// Rows the picker's frame, title and hint take from its height.
const PICKER_CHROME: u16 = 4;

/// The tag picker's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagPicker {
    /// Every tag with its count, most used first.
    pub tags: Vec<TagCount>,
    /// Ticked, by position in `tags`.
    pub chosen: Vec<bool>,
    /// All of the ticked tags, or any.
    pub mode: TagMode,
    /// Positions in `tags` of the rows shown: those whose name holds `query`.
    pub shown: Vec<usize>,
    /// The name filter (case-insensitive); empty shows every tag.
    pub query: String,
    /// True while the name filter is being typed.
    pub typing: bool,
    /// The row under the cursor (an index into `shown`).
    pub cursor: usize,
    /// The first row shown.
    pub scroll: usize,
    /// Rows that fit in the popup.
    pub height: usize,
    /// Articles the ticked tags would leave, kept by
    /// [`LibraryScreen`](super::LibraryScreen) as ticks change so that
    /// drawing never re-runs the library's filter.
    pub would_show: usize,
    /// Columns the widest tag name takes once sanitized, to size the popup.
    pub name_width: usize,
    /// Digits of the largest count.
    pub count_width: usize,
}

impl TagPicker {
    /// A picker over `library`'s tags, counted over the articles that pass
    /// `filter` but its tags, with the filter's tags ticked.
    pub fn new(library: &Library, filter: &Filter, height: u16) -> TagPicker {
        let tags = library.tag_counts(filter);
        let chosen = tags
            .iter()
            .map(|t| filter.tags.iter().any(|f| library.tag_id(f) == Some(t.id)))
            .collect();
        let mut picker = TagPicker {
            shown: (0..tags.len()).collect(),
            tags,
            chosen,
            mode: filter.mode,
            query: String::new(),
            typing: false,
            cursor: 0,
            scroll: 0,
            height: 1,
            would_show: 0,
            name_width: 0,
            count_width: 1,
        };
        picker.measure();
        picker.resize(height);
        picker
    }

    /// Measures the tag list's columns once, when the list is made, rather
    /// than sanitizing every name on every frame.
    fn measure(&mut self) {
        self.name_width = self
            .tags
            .iter()
            .map(|t| sanitize_line(&t.name).width())
            .max()
            .unwrap_or(0);
        self.count_width = self
            .tags
            .iter()
            .map(|t| t.count.to_string().len())
            .max()
            .unwrap_or(1);
    }

    /// The terminal now has `height` rows.
    pub fn resize(&mut self, height: u16) {
        self.height = usize::from(height.saturating_sub(2 + PICKER_CHROME).max(1));
        self.follow();
    }

    fn follow(&mut self) {
        if self.cursor < self.scroll {
            self.scroll = self.cursor;
        } else if self.cursor >= self.scroll.saturating_add(self.height) {
            self.scroll = self.cursor.saturating_add(1).saturating_sub(self.height);
        }
    }

    /// Moves the cursor, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.shown.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.follow();
    }

    /// Ticks or unticks the tag under the cursor. Only through
    /// [`LibraryScreen::picker_toggle`](super::LibraryScreen::picker_toggle),
    /// which keeps `would_show` current.
    pub(super) fn toggle(&mut self) {
        let at = self.shown.get(self.cursor).copied();
        if let Some(c) = at.and_then(|i| self.chosen.get_mut(i)) {
            *c = !*c;
        }
    }

    /// The position in `tags` of the tag under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.shown.get(self.cursor).copied()
    }

    /// Starts typing a name filter.
    pub fn search_start(&mut self) {
        self.typing = true;
    }

    /// Adds a typed character to the name filter.
    pub fn search_input(&mut self, c: char) {
        self.query.push(c);
        self.refilter();
    }

    /// Removes the last character of the name filter.
    pub fn search_backspace(&mut self) {
        self.query.pop();
        self.refilter();
    }

    /// Stops typing, keeping the narrowed list.
    pub fn search_keep(&mut self) {
        self.typing = false;
    }

    /// Stops typing and shows every tag again.
    pub fn search_clear(&mut self) {
        self.typing = false;
        self.query.clear();
        self.refilter();
    }

    fn refilter(&mut self) {
        let keep = self.current();
        let query = self.query.to_lowercase();
        self.shown = self
            .tags
            .iter()
            .enumerate()
            .filter(|(_, t)| t.name.to_lowercase().contains(&query))
            .map(|(i, _)| i)
            .collect();
        self.cursor = keep
            .and_then(|k| self.shown.iter().position(|&i| i == k))
            .unwrap_or(0);
        self.scroll = 0;
        self.follow();
    }

    /// Switches between all-of and any-of. Only through
    /// [`LibraryScreen::picker_toggle_mode`](super::LibraryScreen::picker_toggle_mode).
    pub(super) fn toggle_mode(&mut self) {
        self.mode = self.mode.toggled();
    }

    /// The ticked tags' display names, in the picker's order.
    pub fn chosen_names(&self) -> Vec<String> {
        self.tags
            .iter()
            .zip(&self.chosen)
            .filter(|(_, c)| **c)
            .map(|(t, _)| t.name.clone())
            .collect()
    }
}
