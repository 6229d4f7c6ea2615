//! The keys of links in the reader: labels, the link list, the question before an external link.

use crossterm::event::KeyCode;

use super::super::{Binding, Key};
use super::HINTS;
use super::LINK_LIST;
use super::PROMPT;
use crate::tui::action::Action;

/// A run of the table, in help order.
pub(super) const LINKS_1: &[Binding] = &[
    Binding {
        modes: HINTS,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::LinkBackspace,
    },
    Binding {
        modes: HINTS,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::LinkCancel,
    },
    Binding {
        modes: LINK_LIST,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::LinkFollow,
    },
    Binding {
        modes: LINK_LIST,
        keys: &[Key::plain(KeyCode::Down), Key::ctrl('n')],
        action: Action::LinkDown,
    },
    Binding {
        modes: LINK_LIST,
        keys: &[Key::plain(KeyCode::Up), Key::ctrl('p')],
        action: Action::LinkUp,
    },
    Binding {
        modes: LINK_LIST,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::LinkBackspace,
    },
    Binding {
        modes: LINK_LIST,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::LinkCancel,
    },
    Binding {
        modes: PROMPT,
        keys: &[Key::ch('y')],
        action: Action::OpenUrl,
    },
    Binding {
        modes: PROMPT,
        keys: &[Key::ch('c')],
        action: Action::CopyUrl,
    },
    Binding {
        modes: PROMPT,
        keys: &[Key::ch('n'), Key::plain(KeyCode::Esc), Key::ch('q')],
        action: Action::LinkCancel,
    },
];
