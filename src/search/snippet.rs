//! Snippets of the hits of a search: each hit's section read again from its
//! file into a small in-memory FTS5 table with the index's tokenizer, where
//! the same query marks the same words, turned into one safe line.
//!
//! FTS5's `snippet()` scores each match against every other match of its
//! row, so its time grows with the square of the matches: a 32 KB section
//! of one repeated word took 3 s. A long section's body is therefore cut
//! (and a long title, heading or tag list) is cut into pieces of [`PIECE`]
//! bytes first, and the snippet is cut from the first piece where a word of
//! the query appears.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use rusqlite::{Connection, params};

use super::cjk::{SPREAD, spread_cjk};
use super::index::{Hit, Snippet};
use super::query::Query;
use super::sections::{Section, read_sections};
use crate::article::{Article, Draft};
use crate::sanitize::sanitize_line;

/// Marks FTS5 puts around matched words; private-use characters that no
/// sanitized text shows, turned into [`Snippet::marks`].
const OPEN: char = '\u{e000}';
const CLOSE: char = '\u{e001}';

/// The most body text, in bytes, a snippet is cut from: a few hundred
/// matches at most, which `snippet()` scores in about a millisecond.
const PIECE: usize = 1024;

/// Fills in the snippets of `hits`, articles of the folder `root`.
pub(super) fn fill(
    conn: &Connection,
    root: &Path,
    query: &Query,
    hits: &mut [Hit],
) -> rusqlite::Result<()> {
    // Any word will do: the hits matched the whole query already, and a
    // long section's piece may hold only some of its words.
    let Some(expr) = query.to_fts_any() else {
        return Ok(());
    };
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_snip USING fts5 (
            title, heading, body, tags, tokenize = 'porter unicode61 remove_diacritics 2');
         DELETE FROM temp.search_snip;
         CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_piece USING fts5 (
            title, body, tokenize = 'porter unicode61 remove_diacritics 2');",
    )?;

    // Each file once, parsed once (the outline and the sections from one
    // pass, as the index reads them), the files at the same time.
    let mut paths: Vec<&Path> = hits.iter().map(|h| h.path.as_path()).collect();
    paths.sort_unstable();
    paths.dedup();
    let articles: HashMap<&Path, (Article, Vec<Section>)> = paths
        .into_par_iter()
        .filter_map(|path| {
            let draft = Draft::load(&root.join(path)).ok()?;
            Some((path, read_sections(draft)))
        })
        .collect();
    {
        let mut insert = conn.prepare_cached(
            "INSERT INTO temp.search_snip (rowid, title, heading, body, tags)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (k, hit) in hits.iter().enumerate() {
            let Some((article, sections)) = articles.get(hit.path.as_path()) else {
                continue;
            };
            let Some(section) = sections.iter().find(|s| s.anchor == hit.anchor) else {
                continue;
            };
            // Every column is cut down: a title, heading or tag list may be long too.
            let title = spread_cjk(&article.meta.title);
            let heading = spread_cjk(section.heading());
            let body = spread_cjk(&section.text);
            let tags = article.meta.tags.join(" ");
            let tags = spread_cjk(&tags);
            insert.execute(params![
                i64::try_from(k).unwrap_or(i64::MAX),
                first_piece_matching(conn, &title, &expr, true)?,
                first_piece_matching(conn, &heading, &expr, false)?,
                first_piece_matching(conn, &body, &expr, false)?,
                first_piece_matching(conn, &tags, &expr, false)?,
            ])?;
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, snippet(search_snip, -1, char(57344), char(57345), '…', 16)
         FROM temp.search_snip WHERE search_snip MATCH ?1",
    )?;
    let rows = stmt.query_map([expr], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (k, raw) = row?;
        if let Some(hit) = usize::try_from(k).ok().and_then(|k| hits.get_mut(k)) {
            hit.snippet = parse_snippet(&raw);
        }
    }
    Ok(())
}

/// `text` itself when it is at most [`PIECE`] bytes; else the first of its
/// pieces (cut after a space where one is near) that `any` matches, or the
/// first piece when none does (the query's words are in other columns).
/// `title` says whether `title:` words may match it.
fn first_piece_matching<'b>(
    conn: &Connection,
    text: &'b str,
    any: &str,
    title: bool,
) -> rusqlite::Result<&'b str> {
    if text.len() <= PIECE {
        return Ok(text);
    }
    let pieces = pieces(text);
    conn.execute("DELETE FROM temp.search_piece", [])?;
    let mut insert = conn
        .prepare_cached("INSERT INTO temp.search_piece (rowid, title, body) VALUES (?1, ?2, ?3)")?;
    for (k, piece) in pieces.iter().enumerate() {
        let as_title = if title { *piece } else { "" };
        insert.execute(params![
            i64::try_from(k).unwrap_or(i64::MAX),
            as_title,
            piece
        ])?;
    }
    let first: Option<i64> = conn.query_row(
        "SELECT min(rowid) FROM temp.search_piece WHERE search_piece MATCH ?1",
        [any],
        |r| r.get(0),
    )?;
    let at = first
        .and_then(|k| usize::try_from(k).ok())
        .unwrap_or_default();
    Ok(pieces.get(at).copied().unwrap_or(pieces[0]))
}

/// `text` cut into pieces of at most [`PIECE`] bytes (longer only for a
/// character that does not fit), each ending after the last whitespace
/// within its size when it has one, so that words stay whole.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / PIECE + 1);
    let mut rest = text;
    while rest.len() > PIECE {
        let mut end = PIECE;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        if end == 0 {
            end = rest.chars().next().map_or(rest.len(), char::len_utf8);
        }
        if let Some(space) = rest[..end].rfind(char::is_whitespace) {
            if space > 0 {
                end = space + rest[space..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(rest);
    }
    out
}

/// FTS5's snippet with its marks turned into ranges, the spreading
/// separators dropped, and the text made one safe line.
fn parse_snippet(raw: &str) -> Snippet {
    let mut out = Snippet::default();
    let mut open: Option<usize> = None;
    let mut piece = String::new();
    let flush = |piece: &mut String, text: &mut String| {
        let collapsed: String = piece.split_whitespace().collect::<Vec<_>>().join(" ");
        let lead =
            piece.starts_with(char::is_whitespace) && !text.ends_with(' ') && !text.is_empty();
        let trail = piece.ends_with(char::is_whitespace) && !collapsed.is_empty();
        if lead {
            text.push(' ');
        }
        text.push_str(&sanitize_line(&collapsed));
        if trail {
            text.push(' ');
        }
        piece.clear();
    };
    for c in raw.chars() {
        match c {
            OPEN => {
                flush(&mut piece, &mut out.text);
                open = Some(out.text.len());
            }
            CLOSE => {
                flush(&mut piece, &mut out.text);
                if let Some(start) = open.take() {
                    let end = out.text.len();
                    // Words marked side by side (a run of CJK) are one mark.
                    match out.marks.last_mut() {
                        Some(last) if last.end == start => last.end = end,
                        _ => out.marks.push(start..end),
                    }
                }
            }
            SPREAD => {}
            c => piece.push(c),
        }
    }
    flush(&mut piece, &mut out.text);
    let len = out.text.trim_end().len();
    out.text.truncate(len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_the_text_in_bounded_whole_words() {
        let text = "word ".repeat(1000) + &"é".repeat(2000) + " end";
        let cut = pieces(&text);
        assert_eq!(cut.concat(), text);
        assert!(cut.iter().all(|p| !p.is_empty() && p.len() <= PIECE));
        // Where there is a space, a piece ends after one.
        assert!(cut[0].ends_with(' ') && cut[1].starts_with("word"));
        assert_eq!(pieces("short"), vec!["short"]);
    }
}
