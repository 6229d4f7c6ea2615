//! Keys that change how the article is shown: `<details>` folds, long code
//! lines, and drawing the whole screen again.

use crossterm::event::KeyCode;

use super::super::{Binding, Key, Mode};
use super::TEXT;
use crate::tui::action::Action;

/// A run of the table, in help order.
pub(super) const VIEW_1: &[Binding] = &[
    Binding {
        modes: TEXT,
        keys: &[Key::ch('z'), Key::plain(KeyCode::Enter)],
        action: Action::ToggleDetails,
        help: "open/close the first ▸/▾ on screen",
    },
    Binding {
        modes: TEXT,
        keys: &[Key::ch('w')],
        action: Action::ToggleCodeWrap,
        help: "wrap/cut long code lines (↪ / →)",
    },
    Binding {
        modes: &Mode::ALL,
        keys: &[Key::ctrl('l')],
        action: Action::Redraw,
        help: "draw the whole screen again",
    },
    Binding {
        modes: &Mode::ALL,
        keys: &[Key::ctrl('z')],
        action: Action::Suspend,
        help: "suspend to the shell (fg resumes)",
    },
];
