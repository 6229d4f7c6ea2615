//! Snippets of the hits of a search: each hit's section read again from its
//! file into a small in-memory FTS5 table with the index's tokenizer, where
//! the same query marks the same words, turned into one safe line.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, params};

use super::index::{Hit, Snippet};
use super::query::{Query, SPREAD, spread_cjk};
use super::sections::{Section, sections};
use crate::article::Article;
use crate::sanitize::sanitize_line;

/// Marks FTS5 puts around matched words; private-use characters that no
/// sanitized text shows, turned into [`Snippet::marks`].
const OPEN: char = '\u{e000}';
const CLOSE: char = '\u{e001}';

/// Fills in the snippets of `hits`, articles of the folder `root`.
pub(super) fn fill(
    conn: &Connection,
    root: &Path,
    query: &Query,
    hits: &mut [Hit],
) -> rusqlite::Result<()> {
    let Some(expr) = query.to_fts() else {
        return Ok(());
    };
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_snip USING fts5 (
            title, heading, body, tags, tokenize = 'unicode61 remove_diacritics 2');
         DELETE FROM temp.search_snip;",
    )?;
    let mut articles: HashMap<&Path, Option<(Article, Vec<Section>)>> = HashMap::new();
    {
        let mut insert = conn.prepare_cached(
            "INSERT INTO temp.search_snip (rowid, title, heading, body, tags)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (k, hit) in hits.iter().enumerate() {
            let loaded = articles.entry(&hit.path).or_insert_with(|| {
                let article = Article::load(&root.join(&hit.path)).ok()?;
                let sections = sections(&article);
                Some((article, sections))
            });
            let Some((article, sections)) = loaded else {
                continue;
            };
            let Some(section) = sections.iter().find(|s| s.anchor == hit.anchor) else {
                continue;
            };
            insert.execute(params![
                i64::try_from(k).unwrap_or(i64::MAX),
                spread_cjk(&article.meta.title),
                spread_cjk(section.heading()),
                spread_cjk(&section.text),
                spread_cjk(&article.meta.tags.join(" ")),
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
