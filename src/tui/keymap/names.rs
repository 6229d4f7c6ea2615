//! Key names as a config writes them (`j`, `G`, `ctrl-n`, `alt-x`, `space`,
//! `enter`, `pgdn`, `f5`), read into [`Key`]s, and a config's `[keys.*]`
//! tables read into a [`Keymap`], and the actions a config may name.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Key, Keymap, Override, Section};
use crate::config::{Config, KeyBinding, Warning};
use crate::tui::action::Action;

/// The keymap a config asks for, and a warning (file, line, key) for each
/// binding that could not be used: an unknown key or action, a key bound
/// twice in one section (the first binding is kept), or `ctrl-c` bound to
/// anything but `quit`.
pub fn from_config(config: &Config) -> (Keymap, Vec<Warning>) {
    let file = config.source.clone().unwrap_or_default();
    let mut overrides = Vec::new();
    let mut warnings = Vec::new();
    let sections = [
        (Section::Reader, "reader", &config.reader_keys),
        (Section::Library, "library", &config.library_keys),
    ];
    for (section, name, bindings) in sections {
        let mut seen: Vec<(Key, usize)> = Vec::new();
        for KeyBinding { key, action, line } in bindings.iter() {
            let mut warn = |message: String| {
                warnings.push(Warning {
                    file: file.clone(),
                    line: *line,
                    key: format!("keys.{name}.\"{key}\""),
                    message,
                });
            };
            let Some(k) = Key::parse(key) else {
                warn("unknown key name; ignored".into());
                continue;
            };
            let act = if action == "none" {
                None
            } else {
                match bindable(action) {
                    Some(a) => Some(a),
                    None => {
                        warn(format!(
                            "unknown action \"{action}\" (quire config --actions lists them); ignored"
                        ));
                        continue;
                    }
                }
            };
            // Something must always quit: Ctrl-C keeps its meaning, so keys
            // bound to "none" can never leave quire without a way out.
            if Key::parse("ctrl-c") == Some(k) && act != Some(Action::Quit) {
                warn("ctrl-c always quits; ignored".into());
                continue;
            }
            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == k) {
                warn(format!("key bound twice (first on line {first}); ignored"));
                continue;
            }
            seen.push((k, *line));
            overrides.push(Override {
                section,
                key: k,
                action: act,
            });
        }
    }
    warnings.sort_by_key(|w| w.line);
    (Keymap::new(&overrides), warnings)
}

impl Key {
    /// The key a config names, if it is one: a character (`j`, `G`, `?`), a
    /// named key (`space`, `enter`, `esc`, `tab`, `backtab`, `backspace`,
    /// `up`, `down`, `left`, `right`, `pageup`/`pgup`, `pagedown`/`pgdn`,
    /// `home`, `end`, `delete`, `insert`, `f1`..`f12`), with `ctrl-`, `alt-`
    /// or `shift-` before it (also `c-`, `m-`, `s-`; any case).
    pub fn parse(name: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut shift = false;
        let mut rest = name.trim();
        while let Some((prefix, after)) = rest.split_once('-') {
            if after.is_empty() {
                // `ctrl--`: the key is '-'.
                break;
            }
            match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "control" | "c" => mods |= KeyModifiers::CONTROL,
                "alt" | "meta" | "m" => mods |= KeyModifiers::ALT,
                "shift" | "s" => shift = true,
                _ => return None,
            }
            rest = after;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                let c = if shift { c.to_ascii_uppercase() } else { c };
                // Ctrl with a letter arrives as the lowercase letter.
                let c = if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                };
                KeyCode::Char(c)
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" | "bksp" => KeyCode::Backspace,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                f => {
                    let n: u8 = f.strip_prefix('f')?.parse().ok()?;
                    if !(1..=12).contains(&n) {
                        return None;
                    }
                    KeyCode::F(n)
                }
            },
        };
        Some(Key { code, mods })
    }
}

/// Every action a key can be bound to, in the order `quire config
/// --actions` lists them.
pub const BINDABLE: &[Action] = &[
    Action::LineDown,
    Action::LineUp,
    Action::PageDown,
    Action::PageUp,
    Action::HalfPageDown,
    Action::HalfPageUp,
    Action::Top,
    Action::Bottom,
    Action::NextHeading,
    Action::PrevHeading,
    Action::ToggleFocus,
    Action::ToggleOutline,
    Action::OutlineDown,
    Action::OutlineUp,
    Action::OutlineJump,
    Action::Fold,
    Action::Unfold,
    Action::SearchStart,
    Action::SearchNext,
    Action::SearchPrev,
    Action::Cancel,
    Action::ToggleHelp,
    Action::Back,
    Action::Quit,
    Action::OpenSelected,
    Action::FilterStart,
    Action::TagPicker,
    Action::ClearTags,
    Action::SortNext,
    Action::SortReverse,
    Action::ToggleDrafts,
    Action::PickerToggle,
    Action::PickerMode,
    Action::PickerApply,
    Action::PickerCancel,
    Action::ToggleRead,
    Action::UnreadOnly,
    Action::OrphansOnly,
    Action::SearchLibrary,
    Action::Rescan,
    Action::Edit,
    Action::CopySectionLink,
    Action::CopyCode,
    Action::OutlineNarrower,
    Action::OutlineWider,
    Action::ToggleSectionTimes,
    Action::LinkHints,
    Action::TagHints,
    Action::LinkList,
    Action::Backlinks,
    Action::ToggleSectionLinks,
    Action::LinkDown,
    Action::LinkUp,
    Action::LinkFollow,
    Action::LinkCancel,
    Action::OpenUrl,
    Action::CopyUrl,
    Action::HistoryBack,
    Action::HistoryForward,
    Action::ToggleDetails,
    Action::ToggleCodeWrap,
    Action::Redraw,
    Action::Suspend,
];

/// The action a config names (`next-heading`), if a key can be bound to it.
pub fn bindable(name: &str) -> Option<Action> {
    let action = Action::parse_name(name)?;
    BINDABLE.contains(&action).then_some(action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Mode;
    use crate::tui::keymap::{Say, describe};
    use crossterm::event::KeyEvent;

    #[test]
    fn a_config_remaps_keys_and_warns_about_bad_bindings() {
        let text = "[keys.reader]\n\"ctrl-n\" = \"next-heading\"\n\"C-N\" = \"quit\"\n\
                    x = \"fly\"\n\"hyper-q\" = \"quit\"\n[keys.library]\nD = \"none\"\n";
        let (config, warnings) = crate::config::parse(text, std::path::Path::new("k.toml"));
        assert!(warnings.is_empty(), "{warnings:?}");
        let (map, warnings) = from_config(&config);
        let got: Vec<(usize, &str)> = warnings.iter().map(|w| (w.line, w.key.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (3, "keys.reader.\"C-N\""),
                (4, "keys.reader.\"x\""),
                (5, "keys.reader.\"hyper-q\""),
            ]
        );
        assert!(warnings[0].message.contains("line 2"), "{:?}", warnings[0]);
        assert!(warnings[0].to_string().starts_with("k.toml:3: "));
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(
            map.action_for(Mode::Reader, &ctrl_n),
            Some(Action::NextHeading)
        );
        let d = KeyEvent::new(KeyCode::Char('D'), KeyModifiers::SHIFT);
        assert_eq!(map.action_for(Mode::Library, &d), None);
    }

    #[test]
    fn ctrl_c_cannot_be_unbound_or_rebound() {
        let text = "[keys.reader]\n\"ctrl-c\" = \"none\"\n[keys.library]\n\"ctrl-c\" = \"top\"\n\"ctrl-C\" = \"quit\"\n";
        let (config, _) = crate::config::parse(text, std::path::Path::new("k.toml"));
        let (map, warnings) = from_config(&config);
        let lines: Vec<usize> = warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines[..2], [2, 4], "{warnings:?}");
        assert!(warnings[0].message.contains("ctrl-c always quits"));
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Reader, Mode::Library] {
            assert_eq!(map.action_for(mode, &c), Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn config_key_names_read() {
        assert_eq!(Key::parse("j"), Some(Key::ch('j')));
        assert_eq!(Key::parse("G"), Some(Key::ch('G')));
        assert_eq!(Key::parse("shift-g"), Some(Key::ch('G')));
        assert_eq!(Key::parse("ctrl-n"), Some(Key::ctrl('n')));
        assert_eq!(Key::parse("C-N"), Some(Key::ctrl('n')));
        assert_eq!(Key::parse("Ctrl-n"), Some(Key::ctrl('n')));
        assert_eq!(Key::parse("space"), Some(Key::ch(' ')));
        assert_eq!(Key::parse("-"), Some(Key::ch('-')));
        assert_eq!(Key::parse("ctrl--"), Some(Key::ctrl('-')));
        assert_eq!(Key::parse("PgDn"), Some(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("shift-tab"), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("f5"), Some(Key::plain(KeyCode::F(5))));
        assert_eq!(
            Key::parse("alt-x"),
            Some(Key {
                code: KeyCode::Char('x'),
                mods: KeyModifiers::ALT
            })
        );
        for bad in ["", "hyper-x", "f13", "jk", "ctrl-", "spaces"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn bindable_actions_have_kebab_names_that_read_back() {
        assert_eq!(Action::NextHeading.name(), "next-heading");
        assert_eq!(Action::ToggleDrafts.name(), "toggle-drafts");
        for action in BINDABLE {
            let name = action.name();
            let what = describe(action, Say::Actions).unwrap_or_default();
            assert!(!name.is_empty() && !what.is_empty());
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name}"
            );
            assert_eq!(bindable(&name).as_ref(), Some(action));
        }
        assert_eq!(bindable("resize"), None);
        assert_eq!(bindable("search-input"), None);
        assert_eq!(bindable("NextHeading"), None);
    }
}
