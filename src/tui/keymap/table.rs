//! The runtime key table: the default bindings with a config's overrides laid
//! over them. Keys, the help overlay and the footers' hints all read it.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{BINDINGS, Key, Mode, Say, describe};
use crate::tui::action::Action;

/// One row of the table: in these modes, these keys do this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Where the binding applies; the help lists it under the first.
    pub modes: Vec<Mode>,
    /// The keys, the first being the one the help lists first.
    pub keys: Vec<Key>,
    /// What they do.
    pub action: Action,
    /// What the help overlay says.
    pub help: &'static str,
}

/// The part of the app a config's `[keys.reader]` or `[keys.library]` binds in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The reader, with the focus on the text or the outline.
    Reader,
    /// The library's list and its tag picker.
    Library,
}

impl Section {
    /// The modes a binding of this section applies in.
    pub fn modes(self) -> &'static [Mode] {
        match self {
            Section::Reader => &[Mode::Reader, Mode::Outline],
            Section::Library => &[Mode::Library, Mode::TagPicker],
        }
    }
}

/// One binding from a config: `key` does `action` in `section`, or nothing
/// when `action` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Where it applies.
    pub section: Section,
    /// The key.
    pub key: Key,
    /// What it does now; `None` unbinds the key.
    pub action: Option<Action>,
}

/// The footers' and the tag picker's key hints, made from the table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// The library's footer.
    pub library: String,
    /// The library's footer while a filter is typed.
    pub filter: String,
    /// The tag picker's last line.
    pub picker: String,
    /// The tag picker's last line when a found set of tags is shown.
    pub picker_found: String,
    /// The tag picker's last line while a tag name is typed.
    pub tag_search: String,
}

/// Keys to actions in every mode: the defaults plus a config's overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    entries: Vec<Entry>,
    hints: Hints,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::new(&[])
    }
}

impl Keymap {
    /// The default table with `overrides` applied in order. A key bound by an
    /// override leaves whatever it did before in its section; the action
    /// keeps its default keys too and lists the new key first in the help.
    pub fn new(overrides: &[Override]) -> Keymap {
        let mut entries: Vec<Entry> = BINDINGS
            .iter()
            .map(|b| Entry {
                modes: b.modes.to_vec(),
                keys: b.keys.to_vec(),
                action: b.action.clone(),
                help: b
                    .modes
                    .first()
                    .and_then(|&m| describe(&b.action, Say::Help(m)))
                    .unwrap_or_default(),
            })
            .collect();
        for o in overrides {
            let modes = o.section.modes();
            let in_section = |e: &Entry| e.modes.iter().any(|m| modes.contains(m));
            for e in entries.iter_mut().filter(|e| in_section(e)) {
                e.keys.retain(|k| *k != o.key);
            }
            let Some(action) = &o.action else { continue };
            let mut bound = false;
            for e in entries
                .iter_mut()
                .filter(|e| e.action == *action && in_section(e))
            {
                e.keys.insert(0, o.key);
                bound = true;
            }
            if !bound {
                entries.push(Entry {
                    modes: vec![modes[0]],
                    keys: vec![o.key],
                    action: action.clone(),
                    help: describe(action, Say::Actions).unwrap_or_default(),
                });
            }
        }
        let mut map = Keymap {
            entries,
            hints: Hints::default(),
        };
        map.hints = map.make_hints();
        map
    }

    /// Every entry, in the order the help lists them.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The footers' hints.
    pub fn hints(&self) -> &Hints {
        &self.hints
    }

    /// The action bound to `event` in `mode`, if any. Key releases are
    /// ignored; typed characters go to the search or filter being typed.
    pub fn action_for(&self, mode: Mode, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        if let Some(e) = self
            .entries
            .iter()
            .find(|e| e.modes.contains(&mode) && e.keys.iter().any(|k| k.matches(event)))
        {
            return Some(e.action.clone());
        }
        let typed = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (mode, event.code) {
            (Mode::Search, KeyCode::Char(c)) if typed.is_empty() => Some(Action::SearchInput(c)),
            (Mode::LibraryFilter | Mode::TagSearch | Mode::LibrarySearch, KeyCode::Char(c))
                if typed.is_empty() =>
            {
                Some(Action::FilterInput(c))
            }
            (Mode::Hints | Mode::LinkList, KeyCode::Char(c)) if typed.is_empty() => {
                Some(Action::LinkInput(c))
            }
            _ => None,
        }
    }

    /// The keys that do `action` in `mode`, first key first.
    pub fn keys_for(&self, mode: Mode, action: &Action) -> &[Key] {
        self.entries
            .iter()
            .find(|e| e.modes.contains(&mode) && e.action == *action && !e.keys.is_empty())
            .map_or(&[], |e| e.keys.as_slice())
    }

    /// How a hint names the key for `action` in `mode`: `prefer` when it is
    /// still bound to it, else the first key; `None` when nothing is bound.
    fn hint_key(&self, mode: Mode, action: &Action, prefer: Option<KeyCode>) -> Option<String> {
        let keys = self.keys_for(mode, action);
        let key = prefer
            .and_then(|code| keys.iter().find(|k| k.code == code && k.mods.is_empty()))
            .or(keys.first())?;
        Some(key.label())
    }

    /// `key word · key word ..` for the actions of `mode` that have a key,
    /// each in its hint's words.
    fn hint(&self, mode: Mode, items: &[Action]) -> String {
        let parts: Vec<String> = items
            .iter()
            .filter_map(|action| {
                let key = self.hint_key(mode, action, None)?;
                let word = describe(action, Say::Hint(mode))?;
                Some(format!("{key} {word}"))
            })
            .collect();
        parts.join(" · ")
    }

    fn make_hints(&self) -> Hints {
        let lib = Mode::Library;
        let word = |action: &Action| describe(action, Say::Hint(lib)).unwrap_or_default();
        let up = self.hint_key(lib, &Action::LineUp, Some(KeyCode::Up));
        let down = self.hint_key(lib, &Action::LineDown, Some(KeyCode::Down));
        let moves = match (up, down) {
            (Some(u), Some(d)) => format!("{u}{d} {} · ", word(&Action::LineDown)),
            _ => String::new(),
        };
        let open = self
            .hint_key(lib, &Action::OpenSelected, Some(KeyCode::Enter))
            .map(|k| format!("{k} {} · ", word(&Action::OpenSelected)))
            .unwrap_or_default();
        let filter = self.hint(lib, &[Action::FilterStart]);
        // Pairs of keys share a word, so that the footer fits 100 columns.
        let tags = match (
            self.hint_key(lib, &Action::TagPicker, None),
            self.hint_key(lib, &Action::ClearTags, None),
        ) {
            (Some(t), Some(c)) => format!("{t}/{c} {}", word(&Action::TagPicker)),
            (Some(t), None) => format!("{t} {}", word(&Action::TagPicker)),
            (None, Some(c)) => format!("{c} {}", word(&Action::ClearTags)),
            (None, None) => String::new(),
        };
        let filters = [filter, tags]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let (sort, reverse) = (word(&Action::SortNext), word(&Action::SortReverse));
        let sort = match (
            self.hint_key(lib, &Action::SortNext, None),
            self.hint_key(lib, &Action::SortReverse, None),
        ) {
            (Some(s), Some(r)) => format!(" · {s}/{r} {sort}"),
            (Some(s), None) => format!(" · {s} {sort}"),
            (None, Some(r)) => format!(" · {r} {reverse}"),
            (None, None) => String::new(),
        };
        let rest = self.hint(
            lib,
            &[
                Action::ToggleDrafts,
                Action::OrphansOnly,
                Action::ToggleHelp,
                Action::Back,
            ],
        );
        let library = format!("{filters}{sort} · {rest}");
        let picker_items = [
            Action::PickerToggle,
            Action::PickerMode,
            Action::FilterStart,
            Action::PickerApply,
            Action::PickerCancel,
        ];
        Hints {
            library: format!(" {moves}{open}{library}"),
            filter: self.hint(
                Mode::LibraryFilter,
                &[Action::FilterKeep, Action::FilterClear],
            ),
            picker: format!(" {}", self.hint(Mode::TagPicker, &picker_items)),
            picker_found: self.hint(
                Mode::TagPicker,
                &[
                    Action::PickerToggle,
                    Action::PickerMode,
                    Action::PickerApply,
                ],
            ),
            tag_search: self.hint(Mode::TagSearch, &[Action::FilterKeep, Action::FilterClear]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn an_override_takes_the_key_and_keeps_the_defaults() {
        let map = Keymap::new(&[Override {
            section: Section::Reader,
            key: Key::ch('x'),
            action: Some(Action::NextHeading),
        }]);
        assert_eq!(
            map.action_for(Mode::Reader, &press('x')),
            Some(Action::NextHeading)
        );
        assert_eq!(
            map.action_for(Mode::Reader, &press(']')),
            Some(Action::NextHeading)
        );
        assert_eq!(
            map.keys_for(Mode::Reader, &Action::NextHeading)[0],
            Key::ch('x')
        );
        // The library is another section.
        assert_eq!(map.action_for(Mode::Library, &press('x')), None);
    }

    #[test]
    fn a_rebound_key_leaves_its_old_action() {
        let map = Keymap::new(&[Override {
            section: Section::Reader,
            key: Key::ch('j'),
            action: Some(Action::PageDown),
        }]);
        assert_eq!(
            map.action_for(Mode::Reader, &press('j')),
            Some(Action::PageDown)
        );
        // Down still scrolls by a line.
        let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
        assert_eq!(map.action_for(Mode::Reader, &down), Some(Action::LineDown));
    }

    #[test]
    fn unbinding_a_key_and_binding_an_action_with_no_default() {
        let map = Keymap::new(&[
            Override {
                section: Section::Library,
                key: Key::ch('D'),
                action: None,
            },
            Override {
                section: Section::Library,
                key: Key::ch('z'),
                action: Some(Action::HalfPageDown),
            },
        ]);
        assert_eq!(map.action_for(Mode::Library, &press('D')), None);
        assert_eq!(
            map.action_for(Mode::Library, &press('z')),
            Some(Action::HalfPageDown)
        );
        assert!(!map.hints().library.contains("drafts"));
    }

    #[test]
    fn hints_name_every_library_key_including_drafts() {
        let hints = Keymap::default().hints().clone();
        assert_eq!(
            hints.library,
            " ↑↓ move · Enter open · / filter · t/T tags · s/S sort · D drafts · O orphans · ? help · q quit"
        );
        assert_eq!(hints.filter, "Enter keep · Esc clear");
        assert_eq!(
            hints.picker,
            " Space tick · a all/any · / find · Enter apply · Esc cancel"
        );
        assert_eq!(hints.tag_search, "Enter keep · Esc all tags");
        let moved = Keymap::new(&[Override {
            section: Section::Library,
            key: Key::ch('o'),
            action: Some(Action::SortNext),
        }]);
        assert!(
            moved.hints().library.contains("o/S sort"),
            "{}",
            moved.hints().library
        );
    }
}
