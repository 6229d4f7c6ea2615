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
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::ch('k'), Key::plain(KeyCode::Up)],
        action: Action::LineUp,
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[
            Key::plain(KeyCode::PageDown),
            Key::ctrl('f'),
            Key::ctrl('d'),
        ],
        action: Action::PageDown,
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::plain(KeyCode::PageUp), Key::ctrl('b'), Key::ctrl('u')],
        action: Action::PageUp,
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::ch('g'), Key::plain(KeyCode::Home)],
        action: Action::Top,
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::ch('G'), Key::plain(KeyCode::End)],
        action: Action::Bottom,
    },
    Binding {
        modes: LIBRARY,
        keys: &[
            Key::plain(KeyCode::Enter),
            Key::ch('l'),
            Key::plain(KeyCode::Right),
        ],
        action: Action::OpenSelected,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('/')],
        action: Action::FilterStart,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('t')],
        action: Action::TagPicker,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('T')],
        action: Action::ClearTags,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('s')],
        action: Action::SortNext,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('S')],
        action: Action::SortReverse,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('D')],
        action: Action::ToggleDrafts,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('R')],
        action: Action::Rescan,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('U')],
        action: Action::UnreadOnly,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('O')],
        action: Action::OrphansOnly,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('m')],
        action: Action::ToggleRead,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('F')],
        action: Action::SearchLibrary,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('e')],
        action: Action::Edit,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('?')],
        action: Action::ToggleHelp,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::Cancel,
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('q')],
        action: Action::Back,
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::FilterKeep,
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::FilterClear,
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::FilterBackspace,
    },
    Binding {
        modes: FILTER,
        keys: &[Key::ctrl('u')],
        action: Action::FilterClearInput,
    },
    Binding {
        modes: FILTER,
        keys: &[Key::ctrl('w')],
        action: Action::FilterDeleteWord,
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Down)],
        action: Action::LineDown,
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Up)],
        action: Action::LineUp,
    },
    Binding {
        modes: PICKER,
        keys: &[Key::ch(' '), Key::ch('x')],
        action: Action::PickerToggle,
    },
    Binding {
        modes: PICKER,
        keys: &[Key::ch('a')],
        action: Action::PickerMode,
    },
    Binding {
        modes: PICKER,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::PickerApply,
    },
    Binding {
        modes: PICKER,
        keys: &[Key::plain(KeyCode::Esc), Key::ch('q')],
        action: Action::PickerCancel,
    },
    Binding {
        modes: PICKER,
        keys: &[Key::ch('/')],
        action: Action::FilterStart,
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::FilterKeep,
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::FilterClear,
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::FilterBackspace,
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Down)],
        action: Action::LineDown,
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Up)],
        action: Action::LineUp,
    },
];
