//! The keys of the search over every article (F in the library).

use crossterm::event::KeyCode;

use super::super::{Binding, Key};
use super::FULL_SEARCH;
use super::RESULTS;
use crate::tui::action::Action;

/// A run of the table, in help order.
pub(super) const SEARCH_1: &[Binding] = &[
    // ----- Searching every article (F in the library) -----
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::OpenSelected,
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::Down), Key::ctrl('n')],
        action: Action::LineDown,
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::Up), Key::ctrl('p')],
        action: Action::LineUp,
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::PageDown)],
        action: Action::PageDown,
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::PageUp)],
        action: Action::PageUp,
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::FilterBackspace,
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::ctrl('u')],
        action: Action::FilterClearInput,
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::ctrl('w')],
        action: Action::FilterDeleteWord,
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::Tab)],
        action: Action::FilterKeep,
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::Back,
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('j'), Key::plain(KeyCode::Down)],
        action: Action::LineDown,
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('k'), Key::plain(KeyCode::Up)],
        action: Action::LineUp,
    },
    Binding {
        modes: RESULTS,
        keys: &[
            Key::plain(KeyCode::PageDown),
            Key::ctrl('f'),
            Key::ctrl('d'),
        ],
        action: Action::PageDown,
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::plain(KeyCode::PageUp), Key::ctrl('b'), Key::ctrl('u')],
        action: Action::PageUp,
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('g'), Key::plain(KeyCode::Home)],
        action: Action::Top,
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('G'), Key::plain(KeyCode::End)],
        action: Action::Bottom,
    },
    Binding {
        modes: RESULTS,
        keys: &[
            Key::plain(KeyCode::Enter),
            Key::ch('l'),
            Key::plain(KeyCode::Right),
        ],
        action: Action::OpenSelected,
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('/'), Key::ch('F'), Key::ch('i')],
        action: Action::FilterStart,
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('?')],
        action: Action::ToggleHelp,
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('q'), Key::plain(KeyCode::Esc)],
        action: Action::Back,
    },
];
