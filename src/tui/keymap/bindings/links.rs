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
        help: "erase the last letter",
    },
    Binding {
        modes: HINTS,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::LinkCancel,
        help: "cancel (type a label to follow its link)",
    },
    Binding {
        modes: LINK_LIST,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::LinkFollow,
        help: "follow the link",
    },
    Binding {
        modes: LINK_LIST,
        keys: &[Key::plain(KeyCode::Down), Key::ctrl('n')],
        action: Action::LinkDown,
        help: "next link",
    },
    Binding {
        modes: LINK_LIST,
        keys: &[Key::plain(KeyCode::Up), Key::ctrl('p')],
        action: Action::LinkUp,
        help: "previous link",
    },
    Binding {
        modes: LINK_LIST,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::LinkBackspace,
        help: "erase the last letter of the filter",
    },
    Binding {
        modes: LINK_LIST,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::LinkCancel,
        help: "close (type to filter)",
    },
    Binding {
        modes: PROMPT,
        keys: &[Key::ch('y')],
        action: Action::OpenUrl,
        help: "open it in the browser",
    },
    Binding {
        modes: PROMPT,
        keys: &[Key::ch('c')],
        action: Action::CopyUrl,
        help: "copy it (OSC 52)",
    },
    Binding {
        modes: PROMPT,
        keys: &[Key::ch('n'), Key::plain(KeyCode::Esc), Key::ch('q')],
        action: Action::LinkCancel,
        help: "do not open it",
    },
];
