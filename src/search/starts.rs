//! The words' starts: a second FTS5 table (`search_start`, store migration
//! 10) holding the index's text with each ASCII word cut to its first two
//! letters, so that a word being typed of one or two letters (`ka`) matches
//! a few terms there instead of the thousand or more it starts in
//! `search_fts`, whose doclists FTS5 merges twice a query (to match and to
//! weigh the term for bm25).
//!
//! Each word of the main table is one word here, at the same place,
//! starting with the same letters (a word with letters past ASCII is kept
//! whole), so a prefix of one or two ASCII letters matches the same rows
//! with the same counts in each column, and bm25 ranks them as in the main
//! table. A first index fills this table after the main one, so that
//! searching can start sooner; until every file is in it
//! (`search_file.started`), queries use the main table.

use rusqlite::{Connection, params};

use super::query::Query;

/// The table of the words' starts.
pub(super) const TABLE: &str = "search_start";
/// The table of whole words.
pub(super) const MAIN: &str = "search_fts";
/// The most bytes of starts a first index keeps to write after the main
/// table (about a third of the articles' text): past it, the rest is written
/// with the main table's rows.
pub(super) const DEFER_BYTES: usize = 64 * 1024 * 1024;

/// `indexed` (words with a space between each two, as
/// [`super::words::index_words`] makes them) with each ASCII word cut to
/// its first two letters; other words whole.
pub fn word_starts(indexed: &str) -> String {
    // One pass over the bytes: splitting and then checking each word cost
    // a parsing thread as much as cutting the words in the first place.
    let bytes = indexed.as_bytes();
    let mut out = String::with_capacity(indexed.len() / 2);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() && bytes[i] != b' ' {
            ascii &= bytes[i].is_ascii();
            i += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        // A space is ASCII: `start..i` are whole characters, and so are
        // two ASCII bytes.
        let word = &indexed[start..i];
        out.push_str(if ascii {
            &word[..word.len().min(2)]
        } else {
            word
        });
    }
    out
}

/// One file's starts: its title and tags (with every section) and each
/// section's heading, definition terms and text, in the sections' order.
#[derive(Debug, Default)]
pub(super) struct Starts {
    pub title: String,
    pub tags: String,
    pub sections: Vec<[String; 3]>,
}

impl Starts {
    /// Bytes held, roughly.
    pub fn bytes(&self) -> usize {
        self.title.len()
            + self.tags.len()
            + self
                .sections
                .iter()
                .map(|s| s.iter().map(String::len).sum::<usize>() + 3 * 24)
                .sum::<usize>()
    }
}

/// Writes the starts of the file `file`, whose sections' rowids are `ids`
/// (in order), and marks the file as in the table.
pub(super) fn write(
    conn: &Connection,
    file: i64,
    ids: &[i64],
    starts: &Starts,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO search_start (rowid, title, heading, terms, body, tags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (id, [heading, terms, body]) in ids.iter().zip(&starts.sections) {
        stmt.execute(params![id, starts.title, heading, terms, body, starts.tags])?;
    }
    conn.prepare_cached("UPDATE search_file SET started = 1 WHERE id = ?1")?
        .execute([file])?;
    Ok(())
}

/// True when `query` (as indexed) is words being typed of one or two ASCII
/// letters or digits, with no exclusion: what the table of starts answers.
pub(super) fn serves(query: &Query) -> bool {
    !query.terms.is_empty()
        && query.excluded.is_empty()
        && query.terms.iter().all(|t| {
            t.prefix
                && !t.phrase
                && t.unstemmed.is_none()
                && (1..=2).contains(&t.text.len())
                && t.text.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// True when every file indexed is in the table of starts.
pub(super) fn complete(conn: &Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT NOT EXISTS (SELECT 1 FROM search_file WHERE started = 0)")?
        .query_row([], |r| r.get(0))
}

/// The table that answers `query` best: the starts' when it serves the
/// query and is complete, the main one otherwise.
pub(super) fn table_for(conn: &Connection, query: &Query) -> rusqlite::Result<&'static str> {
    Ok(if serves(query) && complete(conn)? {
        TABLE
    } else {
        MAIN
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_words_are_cut_to_two_letters_and_others_kept_whole() {
        assert_eq!(
            word_starts("kalo a mi 12345 東 京 привет"),
            "ka a mi 12 東 京 привет"
        );
        assert_eq!(word_starts(""), "");
        assert_eq!(word_starts("  été  x "), "été x");
    }

    #[test]
    fn only_short_words_being_typed_are_served() {
        let served = |q: &str| {
            let mut q = Query::parse(q);
            for t in &mut q.terms {
                t.text = super::super::words::index_words(&t.text);
            }
            serves(&q)
        };
        assert!(served("ka"));
        assert!(served("K"));
        assert!(served("title:mi"));
        assert!(!served("ka "), "a whole word");
        assert!(!served("kal"));
        assert!(!served("ka -violet"));
        assert!(!served("harbour ka"));
        assert!(!served("\"ka\""));
        assert!(!served("東京"));
        assert!(!served("пр"));
    }
}
