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
        help: "one line down",
    },
    Binding {
        modes: TEXT,
        keys: &[Key::ch('k'), Key::plain(KeyCode::Up)],
        action: Action::LineUp,
        help: "one line up",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch(' '), Key::plain(KeyCode::PageDown), Key::ctrl('f')],
        action: Action::PageDown,
        help: "one screen down",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('b'), Key::plain(KeyCode::PageUp), Key::ctrl('b')],
        action: Action::PageUp,
        help: "one screen up",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('d'), Key::ctrl('d')],
        action: Action::HalfPageDown,
        help: "half a screen down",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('u'), Key::ctrl('u')],
        action: Action::HalfPageUp,
        help: "half a screen up",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('g'), Key::plain(KeyCode::Home)],
        action: Action::Top,
        help: "start of the article",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('G'), Key::plain(KeyCode::End)],
        action: Action::Bottom,
        help: "end of the article",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch(']')],
        action: Action::NextHeading,
        help: "next heading to the top",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('[')],
        action: Action::PrevHeading,
        help: "previous heading to the top",
    },
    Binding {
        modes: READ,
        keys: &[Key::plain(KeyCode::Tab), Key::plain(KeyCode::BackTab)],
        action: Action::ToggleFocus,
        help: "focus outline / text",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('o')],
        action: Action::ToggleOutline,
        help: "show / hide the outline",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('m')],
        action: Action::ToggleRead,
        help: "mark read / unread",
    },
    Binding {
        modes: OUTLINE,
        keys: &[Key::ch('j'), Key::plain(KeyCode::Down)],
        action: Action::OutlineDown,
        help: "next entry",
    },
    Binding {
        modes: OUTLINE,
        keys: &[Key::ch('k'), Key::plain(KeyCode::Up)],
        action: Action::OutlineUp,
        help: "previous entry",
    },
    Binding {
        modes: OUTLINE,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::OutlineJump,
        help: "jump to the entry",
    },
    Binding {
        modes: OUTLINE,
        keys: &[Key::ch('h'), Key::plain(KeyCode::Left)],
        action: Action::Fold,
        help: "fold the branch / go to parent",
    },
    Binding {
        modes: OUTLINE,
        keys: &[Key::ch('l'), Key::plain(KeyCode::Right)],
        action: Action::Unfold,
        help: "unfold the branch",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('/')],
        action: Action::SearchStart,
        help: "search (lowercase: any case)",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('n')],
        action: Action::SearchNext,
        help: "next match",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('N')],
        action: Action::SearchPrev,
        help: "previous match",
    },
    Binding {
        modes: SEARCH,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::SearchSubmit,
        help: "run the search",
    },
    Binding {
        modes: SEARCH,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::SearchBackspace,
        help: "delete a character",
    },
    Binding {
        modes: SEARCH,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::SearchAbort,
        help: "stop typing",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('{')],
        action: Action::OutlineNarrower,
        help: "narrow the outline",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('}')],
        action: Action::OutlineWider,
        help: "widen the outline",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('i')],
        action: Action::ToggleSectionTimes,
        help: "section reading times in the outline",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('I')],
        action: Action::ToggleSectionLinks,
        help: "links into each section in the outline",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('e')],
        action: Action::Edit,
        help: "edit at this line in $VISUAL / $EDITOR",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('y')],
        action: Action::CopySectionLink,
        help: "copy the section as a link (path#anchor)",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('Y')],
        action: Action::CopyCode,
        help: "copy the code block nearest the top",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('?')],
        action: Action::ToggleHelp,
        help: "this help",
    },
];

/// A run of the table, in help order.
pub(super) const READER_2: &[Binding] = &[
    Binding {
        modes: READ,
        keys: &[Key::ch('f')],
        action: Action::LinkHints,
        help: "label the links on screen",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('#')],
        action: Action::TagHints,
        help: "filter the library by a #tag on screen",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('F')],
        action: Action::LinkList,
        help: "list the links",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('B')],
        action: Action::Backlinks,
        help: "what links here",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('H'), Key::plain(KeyCode::Backspace)],
        action: Action::HistoryBack,
        help: "back to the place left",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('L')],
        action: Action::HistoryForward,
        help: "forward again",
    },
];

/// A run of the table, in help order.
pub(super) const READER_3: &[Binding] = &[
    Binding {
        modes: READ,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::Cancel,
        help: "clear the search, else back",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('q')],
        action: Action::Back,
        help: "back to the library, else quit",
    },
    Binding {
        modes: &Mode::ALL,
        keys: &[Key::ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
];
