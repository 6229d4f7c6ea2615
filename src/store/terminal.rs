//! The background each terminal answered last, keyed by what the
//! environment says the terminal is (`TERM`, `TERM_PROGRAM`, `COLORTERM`),
//! so that a start draws in the right colours before it asks again.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{Store, StoreError, now};

/// What a terminal answered when asked for its background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// A dark background.
    Dark,
    /// A light background.
    Light,
    /// No answer in time.
    None,
}

impl Answer {
    fn name(self) -> &'static str {
        match self {
            Answer::Dark => "dark",
            Answer::Light => "light",
            Answer::None => "none",
        }
    }

    fn from_name(name: &str) -> Option<Answer> {
        match name {
            "dark" => Some(Answer::Dark),
            "light" => Some(Answer::Light),
            "none" => Some(Answer::None),
            _ => None,
        }
    }
}

/// The key of the terminal the environment `var` describes.
pub fn terminal_key(var: impl Fn(&str) -> Option<String>) -> String {
    ["TERM", "TERM_PROGRAM", "COLORTERM"]
        .map(|name| var(name).unwrap_or_default())
        .join("|")
}

/// The last answer of `terminal` in the store at `path`, read without
/// creating or migrating anything (a missing file or table is no answer):
/// cheap enough to read before the first frame.
pub fn last_answer(path: &Path, terminal: &str) -> Option<Answer> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).ok()?;
    let name: String = conn
        .query_row(
            "SELECT background FROM terminal_background WHERE terminal = ?1",
            [terminal],
            |r| r.get(0),
        )
        .optional()
        .ok()??;
    Answer::from_name(&name)
}

impl Store {
    /// Remembers `answer` as the last one of `terminal`.
    pub fn save_answer(&self, terminal: &str, answer: Answer) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO terminal_background (terminal, background, seen) VALUES (?1, ?2, ?3)
             ON CONFLICT (terminal) DO UPDATE SET background = ?2, seen = ?3",
            rusqlite::params![terminal, answer.name(), now()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_read_back_per_terminal_and_a_missing_store_has_none() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("quire.db");
        assert_eq!(last_answer(&path, "xterm||"), None);
        assert!(!path.exists(), "reading created the store");
        let store = Store::open(&path).expect("store");
        assert_eq!(last_answer(&path, "xterm||"), None);
        store.save_answer("xterm||", Answer::Light).expect("save");
        store.save_answer("tmux|tmux|", Answer::None).expect("save");
        assert_eq!(last_answer(&path, "xterm||"), Some(Answer::Light));
        assert_eq!(last_answer(&path, "tmux|tmux|"), Some(Answer::None));
        store.save_answer("xterm||", Answer::Dark).expect("save");
        assert_eq!(last_answer(&path, "xterm||"), Some(Answer::Dark));
        assert_eq!(last_answer(&path, "kitty||truecolor"), None);
    }

    #[test]
    fn the_key_names_the_three_variables_in_order() {
        let env = |name: &str| match name {
            "TERM" => Some("xterm-256color".to_string()),
            "COLORTERM" => Some("truecolor".to_string()),
            _ => None,
        };
        assert_eq!(terminal_key(env), "xterm-256color||truecolor");
    }
}
