//! Keys to [`Action`]s, as one table of bindings that the help overlay and
//! the footers' hints also read: the defaults ([`BINDINGS`]) with a config's
//! overrides laid over them ([`Keymap`]).
//!
//! Looking a key up changes nothing; [`update`](super::update::update) acts.

use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod bindings;
mod names;
mod table;
mod words;

pub use bindings::BINDINGS;
pub use names::{BINDABLE, bindable, from_config};
pub use table::{Entry, Hints, Keymap, Override, Section};
pub use words::{Say, describe};

use super::action::Action;

/// Which set of bindings applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The reader with the focus on the text.
    Reader,
    /// The reader with the focus on the outline pane.
    Outline,
    /// A search being typed in the status line.
    Search,
    /// The help overlay is open.
    Help,
    /// The library's list of articles.
    Library,
    /// A text filter being typed in the library's footer.
    LibraryFilter,
    /// The library's tag picker is open.
    TagPicker,
    /// A tag name being typed in the tag picker.
    TagSearch,
    /// Link labels on screen, one being typed.
    Hints,
    /// The list of the article's links.
    LinkList,
    /// The question before opening an external link.
    LinkPrompt,
    /// A search of every article being typed (`F` in the library).
    LibrarySearch,
    /// The results of a search of every article.
    SearchResults,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 13] = [
        Mode::Reader,
        Mode::Outline,
        Mode::Search,
        Mode::Help,
        Mode::Library,
        Mode::LibraryFilter,
        Mode::TagPicker,
        Mode::TagSearch,
        Mode::Hints,
        Mode::LinkList,
        Mode::LinkPrompt,
        Mode::LibrarySearch,
        Mode::SearchResults,
    ];

    /// The heading of this mode's section in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Reader => "Reading",
            Mode::Outline => "Outline (Tab)",
            Mode::Search => "Typing a search (/)",
            Mode::Help => "Help",
            Mode::Library => "Library",
            Mode::LibraryFilter => "Typing a filter (/)",
            Mode::TagPicker => "Tag picker (t)",
            Mode::TagSearch => "Finding a tag (/ in the picker)",
            Mode::Hints => "Link labels (f)",
            Mode::LinkList => "Link list (F)",
            Mode::LinkPrompt => "Opening an external link",
            Mode::LibrarySearch => "Searching every article (F)",
            Mode::SearchResults => "Search results",
        }
    }
}

/// One key: a code and the modifiers that must be held (Shift is ignored for
/// characters, which already carry their case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl or Alt when they must be held.
    pub mods: KeyModifiers,
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// A character key.
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// A character key with Ctrl held.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// True when `event` is this key.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        // Shift is part of the character ('G') or of the code (BackTab).
        let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        self.code == event.code && self.mods == mods
    }

    /// How the help overlay names the key.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "S-Tab".to_string(),
            KeyCode::Backspace => "Bksp".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::Insert => "Ins".to_string(),
            other => format!("{other:?}"),
        };
        let name = if self.mods.contains(KeyModifiers::ALT) {
            format!("M-{name}")
        } else {
            name
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("C-{name}")
        } else {
            name
        }
    }
}

/// One row of the keymap: in these modes, these keys do this.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where the binding applies.
    pub modes: &'static [Mode],
    /// The keys, the first being the one the help lists first.
    pub keys: &'static [Key],
    /// What they do (the help says it in [`describe`]'s words).
    pub action: Action,
}

/// The action bound to `event` in `mode` by the default keymap, if any.
pub fn action_for(mode: Mode, event: &KeyEvent) -> Option<Action> {
    static DEFAULT: LazyLock<Keymap> = LazyLock::new(Keymap::default);
    DEFAULT.action_for(mode, event)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn shifted_letters_match_their_case() {
        let g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Reader, &g), Some(Action::Bottom));
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Reader, Mode::Outline, Mode::Search, Mode::Help] {
            assert_eq!(action_for(mode, &c), Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn typing_a_search_takes_bound_letters_too() {
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Search, &q), Some(Action::SearchInput('q')));
        assert_eq!(action_for(Mode::Reader, &q), Some(Action::Back));
    }

    #[test]
    fn j_moves_the_text_or_the_outline_by_focus() {
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Reader, &j), Some(Action::LineDown));
        assert_eq!(action_for(Mode::Outline, &j), Some(Action::OutlineDown));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for mode in Mode::ALL {
            let keys: Vec<Key> = BINDINGS
                .iter()
                .filter(|b| b.modes.contains(&mode))
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{mode:?}: {k:?} bound twice");
            }
        }
    }
}
