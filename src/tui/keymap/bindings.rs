//! The key table: every binding of every mode, in the order the help lists them.

use crossterm::event::KeyCode;

use super::{Binding, Key, Mode};
use crate::tui::action::Action;

const READ: &[Mode] = &[Mode::Reader, Mode::Outline];
const TEXT: &[Mode] = &[Mode::Reader];
const OUTLINE: &[Mode] = &[Mode::Outline];
const SEARCH: &[Mode] = &[Mode::Search];
const LIBRARY: &[Mode] = &[Mode::Library];
const FILTER: &[Mode] = &[Mode::LibraryFilter];
const PICKER: &[Mode] = &[Mode::TagPicker];
const TAG_SEARCH: &[Mode] = &[Mode::TagSearch];
const HELP: &[Mode] = &[Mode::Help];
const HINTS: &[Mode] = &[Mode::Hints];
const LINK_LIST: &[Mode] = &[Mode::LinkList];
const PROMPT: &[Mode] = &[Mode::LinkPrompt];

/// Every binding, in the order the help overlay lists them. Typed characters
/// in [`Mode::Search`] are handled by [`action_for`] itself.
pub static BINDINGS: &[Binding] = &[
    // ----- The library -----
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::ch('j'), Key::plain(KeyCode::Down)],
        action: Action::LineDown,
        help: "next row",
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::ch('k'), Key::plain(KeyCode::Up)],
        action: Action::LineUp,
        help: "previous row",
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[
            Key::plain(KeyCode::PageDown),
            Key::ctrl('f'),
            Key::ctrl('d'),
        ],
        action: Action::PageDown,
        help: "one screen down",
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::plain(KeyCode::PageUp), Key::ctrl('b'), Key::ctrl('u')],
        action: Action::PageUp,
        help: "one screen up",
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::ch('g'), Key::plain(KeyCode::Home)],
        action: Action::Top,
        help: "first row",
    },
    Binding {
        modes: &[Mode::Library, Mode::TagPicker],
        keys: &[Key::ch('G'), Key::plain(KeyCode::End)],
        action: Action::Bottom,
        help: "last row",
    },
    Binding {
        modes: LIBRARY,
        keys: &[
            Key::plain(KeyCode::Enter),
            Key::ch('l'),
            Key::plain(KeyCode::Right),
        ],
        action: Action::OpenSelected,
        help: "open the article",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('/')],
        action: Action::FilterStart,
        help: "filter by title, tags, file name",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('t')],
        action: Action::TagPicker,
        help: "pick tags",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('T')],
        action: Action::ClearTags,
        help: "clear the tag filter",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('s')],
        action: Action::SortNext,
        help: "sort: date, title, path, time, opened",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('S')],
        action: Action::SortReverse,
        help: "reverse the sort",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('D')],
        action: Action::ToggleDrafts,
        help: "show / hide drafts",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('U')],
        action: Action::UnreadOnly,
        help: "only unread and in progress / all",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('m')],
        action: Action::ToggleRead,
        help: "mark read / unread",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('e')],
        action: Action::Edit,
        help: "edit the article in $VISUAL / $EDITOR",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('?')],
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::Cancel,
        help: "clear the text filter, else quit",
    },
    Binding {
        modes: LIBRARY,
        keys: &[Key::ch('q')],
        action: Action::Back,
        help: "quit",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::FilterKeep,
        help: "keep the filter",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::FilterClear,
        help: "clear the filter",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::FilterBackspace,
        help: "delete a character",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Down)],
        action: Action::LineDown,
        help: "next row",
    },
    Binding {
        modes: FILTER,
        keys: &[Key::plain(KeyCode::Up)],
        action: Action::LineUp,
        help: "previous row",
    },
    Binding {
        modes: PICKER,
        keys: &[Key::ch(' '), Key::ch('x')],
        action: Action::PickerToggle,
        help: "tick / untick the tag",
    },
    Binding {
        modes: PICKER,
        keys: &[Key::ch('a')],
        action: Action::PickerMode,
        help: "all of / any of the ticked tags",
    },
    Binding {
        modes: PICKER,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::PickerApply,
        help: "apply",
    },
    Binding {
        modes: PICKER,
        keys: &[Key::plain(KeyCode::Esc), Key::ch('q')],
        action: Action::PickerCancel,
        help: "cancel",
    },
    Binding {
        modes: PICKER,
        keys: &[Key::ch('/')],
        action: Action::FilterStart,
        help: "find tags by name",
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Enter)],
        action: Action::FilterKeep,
        help: "keep the found tags",
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Esc)],
        action: Action::FilterClear,
        help: "show every tag again",
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Backspace)],
        action: Action::FilterBackspace,
        help: "delete a character",
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Down)],
        action: Action::LineDown,
        help: "next tag",
    },
    Binding {
        modes: TAG_SEARCH,
        keys: &[Key::plain(KeyCode::Up)],
        action: Action::LineUp,
        help: "previous tag",
    },
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
    Binding {
        modes: READ,
        keys: &[Key::ch('f')],
        action: Action::LinkHints,
        help: "label the links on screen",
    },
    Binding {
        modes: READ,
        keys: &[Key::ch('F')],
        action: Action::LinkList,
        help: "list the links",
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
