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
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch('k'), Key::plain(KeyCode::Up)],
        action: Action::LineUp,
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch(' '), Key::plain(KeyCode::PageDown), Key::ctrl('f')],
        action: Action::PageDown,
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch('b'), Key::plain(KeyCode::PageUp), Key::ctrl('b')],
        action: Action::PageUp,
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch('g'), Key::plain(KeyCode::Home)],
        action: Action::Top,
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch('G'), Key::plain(KeyCode::End)],
        action: Action::Bottom,
    },
    Binding {
        modes: HELP,
        keys: &[Key::ch('?'), Key::plain(KeyCode::Esc), Key::ch('q')],
        action: Action::ToggleHelp,
    },
];
