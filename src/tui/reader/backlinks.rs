//! "Linked from" (`B`): the links into the article, asked of the link
//! index on a background job and shown in the link list, each leading to
//! the line it is on, with those into the current section marked.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::library::path_string;
use crate::links::backlinks::{Backlink, Section};
use crate::links::{Kind, Link, Resolution};

use super::ReaderScreen;

/// Starts an anchor that names a file line rather than a heading: no
/// heading anchor or HTML id holds a NUL.
const LINE_MARK: &str = "\u{0}line:";

/// The anchor that lands on the 1-based file `line`.
pub fn line_anchor(line: usize) -> String {
    format!("{LINE_MARK}{line}")
}

/// The file line an anchor made by [`line_anchor`] names.
pub fn anchor_line(anchor: &str) -> Option<usize> {
    anchor.strip_prefix(LINE_MARK)?.parse().ok()
}

/// The body offset of the start of `line`, counted from `body_line` through
/// the body as shown (see [`crate::article::Article::shown_line`] for a
/// file line's).
pub fn line_offset(body: &str, body_line: usize, line: usize) -> usize {
    let skip = line.saturating_sub(body_line);
    if skip == 0 {
        return 0;
    }
    body.match_indices('\n')
        .nth(skip - 1)
        .map_or(body.len(), |(at, _)| at + 1)
}

/// The links into one article, as the link list shows them.
#[derive(Debug, Clone, Default)]
pub struct BacklinkTable {
    /// Each link as a row of the list: its text, `path:line`, and the
    /// place it is at.
    pub rows: Vec<(Link, Resolution)>,
    /// The anchor (or `^block`) each link leads to in the article.
    pub anchors: Vec<Option<String>>,
}

impl BacklinkTable {
    /// The rows for the links `found` in the folder `root`.
    pub fn new(root: &Path, found: Vec<Backlink>) -> BacklinkTable {
        let mut table = BacklinkTable::default();
        for b in found {
            let target = format!("{}:{}", path_string(&b.path), b.line);
            table.rows.push((
                Link {
                    line: b.line,
                    text: b.text,
                    target,
                    offset: 0,
                    shown: None,
                },
                Resolution {
                    kind: Kind::File,
                    path: Some(root.join(&b.path)),
                    anchor: Some(line_anchor(b.line)),
                    url: None,
                    reason: None,
                    landing: None,
                },
            ));
            table.anchors.push(b.anchor);
        }
        table
    }
}

/// The folder whose articles are asked what links to `file`: the library
/// when there is one, else the vault or site around it, else its folder.
pub fn root_for(file: &Path, library: Option<&Path>) -> PathBuf {
    if let Some(library) = library.filter(|l| file.starts_with(l)) {
        return library.to_path_buf();
    }
    crate::links::backlinks::default_root(file)
}

impl ReaderScreen {
    /// The anchors that lead into the section the reader is in.
    pub fn current_section_anchors(&self) -> Option<Section> {
        let i = self.current_section()?;
        let anchor = self.article.outline.get(i)?.anchor();
        Section::of(&self.article, &anchor)
    }

    /// How the list names where the backlink at `i` leads in this article:
    /// `▸ here` for the current section, `section`, or `article`.
    pub fn backlink_kind(
        &self,
        table: &BacklinkTable,
        i: usize,
        here: Option<&Section>,
    ) -> &'static str {
        match table.anchors.get(i).cloned().flatten() {
            Some(anchor) if here.is_some_and(|s| s.anchors.contains(&anchor)) => "▸ here",
            Some(_) => "section",
            None => "article",
        }
    }
}

/// The links into each heading's own section of `article` (to the heading,
/// or to a block before the next heading), by outline index.
pub fn section_counts(article: &crate::article::Article, table: &BacklinkTable) -> Vec<usize> {
    let outline = &article.outline;
    let mut counts = vec![0; outline.len()];
    let blocks = crate::article::wikilink::block_ids(&article.body);
    for anchor in table.anchors.iter().flatten() {
        let at = match anchor.strip_prefix('^') {
            Some(id) => blocks
                .iter()
                .find(|(b, _)| b.eq_ignore_ascii_case(id))
                .and_then(|(_, offset)| outline.iter().rposition(|h| h.offset() <= *offset)),
            None => outline.iter().position(|h| h.anchor() == *anchor),
        };
        if let Some(i) = at {
            counts[i] += 1;
        }
    }
    counts
}

/// The table of a reader, shared with the list.
pub type SharedTable = Arc<BacklinkTable>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_anchors_go_there_and_back() {
        assert_eq!(anchor_line(&line_anchor(42)), Some(42));
        assert_eq!(anchor_line("intro"), None);
    }

    #[test]
    fn a_file_line_is_found_in_the_body() {
        let body = "a\nb\nc\n";
        assert_eq!(line_offset(body, 5, 5), 0);
        assert_eq!(line_offset(body, 5, 6), 2);
        assert_eq!(line_offset(body, 5, 7), 4);
        assert_eq!(line_offset(body, 5, 99), body.len());
        assert_eq!(line_offset(body, 5, 1), 0);
    }
}
