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
    },
    Binding {
        modes: TEXT,
        keys: &[Key::ch('w')],
        action: Action::ToggleCodeWrap,
    },
    Binding {
        modes: &Mode::ALL,
        keys: &[Key::ctrl('l')],
        action: Action::Redraw,
    },
    Binding {
        modes: &Mode::ALL,
        keys: &[Key::ctrl('z')],
        action: Action::Suspend,
    },
];
