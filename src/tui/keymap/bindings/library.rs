//! The library's keys: rows, filter, tag picker and tag search.

use crossterm::event::KeyCode;

use super::super::{Binding, Key, Mode};
use super::FILTER;
use super::LIBRARY;
use super::PICKER;
use super::TAG_SEARCH;
use crate::tui::action::Action;

/// A run of the table, in help order.
pub(super) const LIBRARY_1: &[Binding] = &[
    // ----- The library -----
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::ch('j'), Key::plain(KeyCode::Down)],
        action: Action::LineDown,
        help: "next row",
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::ch('k'), Key::plain(KeyCode::Up)],
        action: Action::LineUp,
        help: "previous row",
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[
            Key::plain(KeyCode::PageDown),
            Key::ctrl('f'),
            Key::ctrl('d'),
        ],
        action: Action::PageDown,
        help: "one screen down",
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::plain(KeyCode::PageUp), Key::ctrl('b'), Key::ctrl('u')],
        action: Action::PageUp,
        help: "one screen up",
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::ch('g'), Key::plain(KeyCode::Home)],
        action: Action::Top,
        help: "first row",
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::ch('G'), Key::plain(KeyCode::End)],
        action: Action::Bottom,
        help: "last row",
    },
    Binding {
        modes: LIBRARY,
        keys: &[
            Key::plain(KeyCode::Enter),
            Key::ch('l'),
            Key::plain(KeyCode::Right),
        ],
        action: Action::OpenSelected,
        help: "open the article",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('/')],
        action: Action::FilterStart,
        help: "filter by title, tags, file name",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('t')],
        action: Action::TagPicker,
        help: "pick tags",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('T')],
        action: Action::ClearTags,
        help: "clear the tag filter",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('s')],
        action: Action::SortNext,
        help: "sort: date, title, path, time, opened, links in",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('S')],
        action: Action::SortReverse,
        help: "reverse the sort",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('D')],
        action: Action::ToggleDrafts,
        help: "show / hide drafts",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('R')],
        action: Action::Rescan,
        help: "scan the folder again",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('U')],
        action: Action::UnreadOnly,
        help: "only unread and in progress / all",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('O')],
        action: Action::OrphansOnly,
        help: "only orphans (nothing links in) / all",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('m')],
        action: Action::ToggleRead,
        help: "mark read / unread",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('F')],
        action: Action::SearchLibrary,
        help: "search the text of every article",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('e')],
        action: Action::Edit,
        help: "edit the article in $VISUAL / $EDITOR",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('?')],
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::Cancel,
        help: "clear the text filter, else quit",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('q')],
        action: Action::Back,
        help: "quit",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::FilterKeep,
        help: "keep the filter",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::FilterClear,
        help: "clear the filter",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::FilterBackspace,
        help: "delete a character",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::ctrl('u')],
        action: Action::FilterClearInput,
        help: "clear the text typed",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::ctrl('w')],
        action: Action::FilterDeleteWord,
        help: "delete the last word",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Down)],
        action: Action::LineDown,
        help: "next row",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Up)],
        action: Action::LineUp,
        help: "previous row",
    },
    Binding {
        modes: PICKER,
        keys: &[Key::ch(' '), Key::ch('x')],
        action: Action::PickerToggle,
        help: "tick / untick the tag",
    },
    Binding {
        modes: PICKER,
        keys: &[Key::ch('a')],
        action: Action::PickerMode,
        help: "all of / any of the ticked tags",
    },
    Binding {
        modes: PICKER,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::PickerApply,
        help: "apply",
    },
    Binding {
        modes: PICKER,
        keys: &[Key::plain(KeyCode::Esc), Key::ch('q')],
        action: Action::PickerCancel,
        help: "cancel",
    },
    Binding {
        modes: PICKER,
        keys: &[Key::ch('/')],
        action: Action::FilterStart,
        help: "find tags by name",
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::FilterKeep,
        help: "keep the found tags",
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::FilterClear,
        help: "show every tag again",
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::FilterBackspace,
        help: "delete a character",
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Down)],
        action: Action::LineDown,
        help: "next tag",
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Up)],
        action: Action::LineUp,
        help: "previous tag",
    },
];
