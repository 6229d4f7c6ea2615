//! The reader's link list (`F`, and `B` for the links into the article):
//! which links its filter keeps, its selection and scroll, and the box it
//! is drawn in.

use unicode_width::UnicodeWidthStr;

use crate::links::{Kind, Link, Resolution};
use crate::sanitize::sanitize_line;

/// The link list: its filter and selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkList {
    /// Text typed to filter by.
    pub filter: String,
    /// Indices in the table of the links that pass the filter.
    pub shown: Vec<usize>,
    /// The selected entry of `shown`.
    pub selected: usize,
    /// True when it lists the links into the article (`B`), not its own.
    pub backlinks: bool,
    /// The widest text (in columns, as drawn) of the links in `shown`:
    /// the text column's width, measured once per filter, not per frame.
    pub text_width: usize,
    /// The entry of `shown` on the list's first row: the list stays put
    /// while the selection moves inside it, and scrolls one row when the
    /// selection leaves it (the terminal moves the other rows itself).
    pub first: usize,
}

/// The link list's box: over the text pane and the outline beside it, so
/// that it spans whole rows of the terminal (a scroll of the list is then
/// a scroll of those rows, which the terminal does itself) and its
/// targets get the room.
pub fn list_box(geometry: &super::Geometry) -> ratatui::layout::Rect {
    match geometry.outline {
        Some(outline) => geometry.pane.union(outline),
        None => geometry.pane,
    }
}

/// Rows of links the list's box shows: inside its border, under the
/// filter line.
pub fn list_rows(geometry: &super::Geometry) -> usize {
    usize::from(list_box(geometry).height.saturating_sub(3))
}

impl LinkList {
    /// Scrolls so that the selection is on one of `rows` rows, moving the
    /// list as little as it can.
    pub fn follow(&mut self, rows: usize) {
        self.first = self.first_shown(rows);
    }

    /// The entry on the first of `rows` rows: [`LinkList::first`], moved
    /// as little as needed to show the selection (a list drawn after a
    /// resize or a filter before any move still shows it).
    pub fn first_shown(&self, rows: usize) -> usize {
        let rows = rows.max(1);
        let last = self.shown.len().saturating_sub(rows);
        self.first
            .min(last)
            .min(self.selected)
            .max((self.selected + 1).saturating_sub(rows))
    }

    /// Keeps the links whose text, target (as written or as the page
    /// shows it) or kind holds the filter (any case); the link selected
    /// stays selected while it is kept.
    pub fn refilter(&mut self, table: &[(Link, Resolution)]) {
        let was = self.shown.get(self.selected).copied();
        let needle = self.filter.to_lowercase();
        self.shown = table
            .iter()
            .enumerate()
            .filter(|(_, (link, r))| {
                needle.is_empty()
                    || link.text.to_lowercase().contains(&needle)
                    || link.target.to_lowercase().contains(&needle)
                    || link.page_target().to_lowercase().contains(&needle)
                    || kind_name(r).contains(&needle)
            })
            .map(|(i, _)| i)
            .collect();
        self.text_width = self
            .shown
            .iter()
            .filter_map(|&i| table.get(i))
            .map(|(link, _)| sanitize_line(&link.text).width())
            .max()
            .unwrap_or(0);
        self.selected = match was.and_then(|i| self.shown.iter().position(|&j| j == i)) {
            Some(at) => at,
            None => self.selected.min(self.shown.len().saturating_sub(1)),
        };
    }
}

/// How the list names where a link leads.
pub fn kind_name(r: &Resolution) -> &'static str {
    match r.kind {
        Kind::Anchor | Kind::File | Kind::Wikilink if r.reason.is_some() => "broken",
        kind => kind.name(),
    }
}
