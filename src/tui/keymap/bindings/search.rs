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
        help: "open the selected result at its section",
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::Down), Key::ctrl('n')],
        action: Action::LineDown,
        help: "next result",
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::Up), Key::ctrl('p')],
        action: Action::LineUp,
        help: "previous result",
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::PageDown)],
        action: Action::PageDown,
        help: "one screen of results down",
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::PageUp)],
        action: Action::PageUp,
        help: "one screen of results up",
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::FilterBackspace,
        help: "delete the last character",
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::ctrl('u')],
        action: Action::FilterClearInput,
        help: "clear the text typed",
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::ctrl('w')],
        action: Action::FilterDeleteWord,
        help: "delete the last word",
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::Tab)],
        action: Action::FilterKeep,
        help: "browse the results with j/k",
    },
    Binding {
        modes: FULL_SEARCH,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::Back,
        help: "back to the library",
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('j'), Key::plain(KeyCode::Down)],
        action: Action::LineDown,
        help: "next result",
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('k'), Key::plain(KeyCode::Up)],
        action: Action::LineUp,
        help: "previous result",
    },
    Binding {
        modes: RESULTS,
        keys: &[
            Key::plain(KeyCode::PageDown),
            Key::ctrl('f'),
            Key::ctrl('d'),
        ],
        action: Action::PageDown,
        help: "one screen down",
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::plain(KeyCode::PageUp), Key::ctrl('b'), Key::ctrl('u')],
        action: Action::PageUp,
        help: "one screen up",
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('g'), Key::plain(KeyCode::Home)],
        action: Action::Top,
        help: "first result",
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('G'), Key::plain(KeyCode::End)],
        action: Action::Bottom,
        help: "last result",
    },
    Binding {
        modes: RESULTS,
        keys: &[
            Key::plain(KeyCode::Enter),
            Key::ch('l'),
            Key::plain(KeyCode::Right),
        ],
        action: Action::OpenSelected,
        help: "open the article at the section, the query loaded (n/N)",
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('/'), Key::ch('F'), Key::ch('i')],
        action: Action::FilterStart,
        help: "edit the query",
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('?')],
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        modes: RESULTS,
        keys: &[Key::ch('q'), Key::plain(KeyCode::Esc)],
        action: Action::Back,
        help: "back to the library",
    },
];
