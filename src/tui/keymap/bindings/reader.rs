//! The reader's keys: scrolling, headings, the outline, search, the outline pane, edit and copy, memory.

use crossterm::event::KeyCode;

use super::super::{Binding, Key, Mode};
use super::OUTLINE;
use super::READ;
use super::SEARCH;
use super::TEXT;
use crate::tui::action::Action;

/// A run of the table, in help order.
pub(super) const READER_1: &[Binding] = &[
    Binding {
        modes: TEXT,
        keys: &[Key::ch('j'), Key::plain(KeyCode::Down)],
        action: Action::LineDown,
    },
    Binding {
        modes: TEXT,
        keys: &[Key::ch('k'), Key::plain(KeyCode::Up)],
        action: Action::LineUp,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch(' '), Key::plain(KeyCode::PageDown), Key::ctrl('f')],
        action: Action::PageDown,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('b'), Key::plain(KeyCode::PageUp), Key::ctrl('b')],
        action: Action::PageUp,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('d'), Key::ctrl('d')],
        action: Action::HalfPageDown,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('u'), Key::ctrl('u')],
        action: Action::HalfPageUp,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('g'), Key::plain(KeyCode::Home)],
        action: Action::Top,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('G'), Key::plain(KeyCode::End)],
        action: Action::Bottom,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch(']')],
        action: Action::NextHeading,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('[')],
        action: Action::PrevHeading,
    },
    Binding {
        modes: READ,
        keys: &[Key::plain(KeyCode::Tab), Key::plain(KeyCode::BackTab)],
        action: Action::ToggleFocus,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('o')],
        action: Action::ToggleOutline,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('m')],
        action: Action::ToggleRead,
    },
    Binding {
        modes: OUTLINE,
        keys: &[Key::ch('j'), Key::plain(KeyCode::Down)],
        action: Action::OutlineDown,
    },
    Binding {
        modes: OUTLINE,
        keys: &[Key::ch('k'), Key::plain(KeyCode::Up)],
        action: Action::OutlineUp,
    },
    Binding {
        modes: OUTLINE,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::OutlineJump,
    },
    Binding {
        modes: OUTLINE,
        keys: &[Key::ch('h'), Key::plain(KeyCode::Left)],
        action: Action::Fold,
    },
    Binding {
        modes: OUTLINE,
        keys: &[Key::ch('l'), Key::plain(KeyCode::Right)],
        action: Action::Unfold,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('/')],
        action: Action::SearchStart,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('n')],
        action: Action::SearchNext,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('N')],
        action: Action::SearchPrev,
    },
    Binding {
        modes: SEARCH,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::SearchSubmit,
    },
    Binding {
        modes: SEARCH,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::SearchBackspace,
    },
    Binding {
        modes: SEARCH,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::SearchAbort,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('{')],
        action: Action::OutlineNarrower,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('}')],
        action: Action::OutlineWider,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('i')],
        action: Action::ToggleSectionTimes,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('I')],
        action: Action::ToggleSectionLinks,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('e')],
        action: Action::Edit,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('y')],
        action: Action::CopySectionLink,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('Y')],
        action: Action::CopyCode,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('?')],
        action: Action::ToggleHelp,
    },
];

/// A run of the table, in help order.
pub(super) const READER_2: &[Binding] = &[
    Binding {
        modes: READ,
        keys: &[Key::ch('f')],
        action: Action::LinkHints,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('#')],
        action: Action::TagHints,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('F')],
        action: Action::LinkList,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('B')],
        action: Action::Backlinks,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('H'), Key::plain(KeyCode::Backspace)],
        action: Action::HistoryBack,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('L')],
        action: Action::HistoryForward,
    },
];

/// A run of the table, in help order.
pub(super) const READER_3: &[Binding] = &[
    Binding {
        modes: READ,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::Cancel,
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('q')],
        action: Action::Back,
    },
    Binding {
        modes: &Mode::ALL,
        keys: &[Key::ctrl('c')],
        action: Action::Quit,
    },
];
