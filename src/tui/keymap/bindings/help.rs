//! The help overlay's keys.

use crossterm::event::KeyCode;

use super::super::{Binding, Key};
use super::HELP;
use crate::tui::action::Action;

/// A run of the table, in help order.
pub(super) const HELP_1: &[Binding] = &[
    Binding {
        modes: HELP,
        keys: &[Key::ch('j'), Key::plain(KeyCode::Down)],
        action: Action::LineDown,
        help: "scroll the help down",
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch('k'), Key::plain(KeyCode::Up)],
        action: Action::LineUp,
        help: "scroll the help up",
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch(' '), Key::plain(KeyCode::PageDown), Key::ctrl('f')],
        action: Action::PageDown,
        help: "a page of help down",
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch('b'), Key::plain(KeyCode::PageUp), Key::ctrl('b')],
        action: Action::PageUp,
        help: "a page of help up",
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch('g'), Key::plain(KeyCode::Home)],
        action: Action::Top,
        help: "the help's start",
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch('G'), Key::plain(KeyCode::End)],
        action: Action::Bottom,
        help: "the help's end",
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch('?'), Key::plain(KeyCode::Esc), Key::ch('q')],
        action: Action::ToggleHelp,
        help: "close the help",
    },
];
