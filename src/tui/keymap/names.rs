//! Key names as a config writes them (`j`, `G`, `ctrl-n`, `alt-x`, `space`,
//! `enter`, `pgdn`, `f5`), read into [`Key`]s.

use crossterm::event::{KeyCode, KeyModifiers};

use super::Key;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
