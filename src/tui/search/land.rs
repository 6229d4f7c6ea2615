//! Landing in the reader from a search result: the section's heading on the
//! top line, and the query loaded as the reader's own search, its first
//! match in the section current.

use crate::search::{self, Query};
use crate::tui::reader::ReaderScreen;

/// The reader search that finds what the library query `text` found: its
/// words as typed together when they stand together in the section, else
/// its longest word or phrase. Title-only words are left out.
pub fn reader_query(text: &str) -> Vec<String> {
    let q = Query::parse(text);
    let terms: Vec<&str> = q
        .terms
        .iter()
        .filter(|t| !t.title)
        .map(|t| t.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let mut out = Vec::new();
    if terms.len() > 1 {
        out.push(terms.join(" "));
    }
    let mut single: Vec<&str> = terms.clone();
    single.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    out.extend(single.into_iter().map(str::to_string));
    out
}

/// Puts the section with `anchor` on the top line of `reader` and loads the
/// first of the queries from [`reader_query`] that matches in its layout,
/// its first match at or after the heading current.
pub fn land(reader: &mut ReaderScreen, anchor: &str, text: &str) {
    if let Some(i) = reader
        .article
        .outline
        .iter()
        .position(|h| !anchor.is_empty() && h.anchor() == anchor)
    {
        reader.jump_to_heading(i);
    }
    let queries = reader_query(text);
    let chosen = queries
        .iter()
        .find(|q| !search::find(&reader.doc, q).is_empty())
        .or(queries.first());
    if let Some(q) = chosen {
        reader.run_search(q.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_looks_for_the_words_together_then_the_longest() {
        assert_eq!(
            reader_query("stable diffusion"),
            vec!["stable diffusion", "diffusion", "stable"]
        );
        assert_eq!(reader_query("\"open source\" -java"), vec!["open source"]);
        assert_eq!(reader_query("title:rust kernel"), vec!["kernel"]);
        assert!(reader_query("tag:ai").is_empty());
    }
}
