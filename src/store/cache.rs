//! The library cache: what `article::peek` found in each file, kept with the
//! file's size and modification time so a later scan reads only what changed.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::{Store, StoreError};
use crate::article::{FrontMatterKind, Meta, Peek, Warning};
use crate::library::{Known, LibraryCache, Sort, SortKey, Stamp, Stamps, path_string};

/// One row as stored (JSON in the `row` column): a peek, flattened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedRow {
    title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    author: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    headless: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    cascade_headless: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    /// "yaml", "toml" or "" for none.
    #[serde(default)]
    front_matter: String,
    words: usize,
    /// Warnings as (file, line, message).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<(String, Option<usize>, String)>,
}

impl CachedRow {
    /// The row for a peek.
    pub fn from_peek(peek: &Peek) -> CachedRow {
        let m = &peek.meta;
        CachedRow {
            title: m.title.clone(),
            tags: m.tags.clone(),
            date: m.date.clone(),
            author: m.author.clone(),
            draft: m.draft,
            headless: m.headless,
            cascade_headless: m.cascade_headless,
            description: m.description.clone(),
            front_matter: match m.front_matter {
                FrontMatterKind::None => String::new(),
                FrontMatterKind::Yaml => "yaml".to_string(),
                FrontMatterKind::Toml => "toml".to_string(),
            },
            words: peek.words,
            warnings: peek
                .warnings
                .iter()
                .map(|w| {
                    (
                        w.path.to_string_lossy().into_owned(),
                        w.line,
                        w.message.clone(),
                    )
                })
                .collect(),
        }
    }

    /// The peek this row holds.
    pub fn into_peek(self) -> Peek {
        Peek {
            meta: Meta {
                title: self.title,
                tags: self.tags,
                date: self.date,
                author: self.author,
                draft: self.draft,
                headless: self.headless,
                cascade_headless: self.cascade_headless,
                math: None,
                description: self.description,
                front_matter: match self.front_matter.as_str() {
                    "yaml" => FrontMatterKind::Yaml,
                    "toml" => FrontMatterKind::Toml,
                    _ => FrontMatterKind::None,
                },
            },
            words: self.words,
            warnings: self
                .warnings
                .into_iter()
                .map(|(path, line, message)| Warning {
                    path: PathBuf::from(path),
                    line,
                    message,
                })
                .collect(),
        }
    }
}

/// One file of the cache as read back.
#[derive(Debug, Clone)]
pub struct CachedFile {
    /// The file, relative to the library's folder.
    pub rel: PathBuf,
    /// Its size and modification time when it was read.
    pub stamp: Stamp,
    /// What was read from it.
    pub peek: Peek,
}

/// A row of `SELECT rel, size, mtime_ns, row` decoded; `None` for a row
/// that no longer decodes, so that its file is read again.
fn decode(r: &rusqlite::Row<'_>) -> Result<Option<CachedFile>, StoreError> {
    // Borrowed straight from SQLite's buffer: no String per row for the JSON.
    let text = r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?;
    let Ok(row) = serde_json::from_str::<CachedRow>(text) else {
        return Ok(None);
    };
    let rel: String = r.get(0)?;
    let size: i64 = r.get(1)?;
    Ok(Some(CachedFile {
        rel: PathBuf::from(rel),
        stamp: Stamp {
            size: size as u64,
            mtime_ns: r.get(2)?,
        },
        peek: row.into_peek(),
    }))
}

impl Store {
    /// Everything cached for the library at `root` (its canonical folder).
    /// A row that no longer decodes is left out, so its file is read again.
    pub fn load_library(&self, root: &str) -> Result<LibraryCache, StoreError> {
        let mut out = HashMap::new();
        self.read_library(root, Sort::default(), usize::MAX, usize::MAX, |files| {
            out.extend(files.into_iter().map(|f| {
                let known = Known {
                    size: f.stamp.size,
                    mtime_ns: f.stamp.mtime_ns,
                    peek: f.peek,
                };
                (f.rel, known)
            }));
            true
        })?;
        Ok(out)
    }

    /// The size and modification time of every file cached under `root`:
    /// what a rescan compares the folder with, without decoding rows.
    pub fn library_stamps(&self, root: &str) -> Result<Stamps, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT rel, size, mtime_ns FROM library_files WHERE root = ?1")?;
        let mut rows = stmt.query([root])?;
        let mut out = Stamps::new();
        while let Some(r) = rows.next()? {
            let rel: String = r.get(0)?;
            let size: i64 = r.get(1)?;
            let stamp = Stamp {
                size: size as u64,
                mtime_ns: r.get(2)?,
            };
            out.insert(PathBuf::from(rel), stamp);
        }
        Ok(out)
    }

    /// How many files the cache knows under `root`: what a library's
    /// header counts before the rows are all read (one row, kept by
    /// [`Store::save_library`]).
    pub fn library_count(&self, root: &str) -> Result<usize, StoreError> {
        let n: Option<i64> = self
            .conn
            .prepare_cached("SELECT files FROM library_roots WHERE root = ?1")?
            .query_row([root], |r| r.get(0))
            .optional()?;
        Ok(n.and_then(|n| usize::try_from(n).ok()).unwrap_or(0))
    }

    /// Reads the cache of the library at `root` in pages, handing each to
    /// `page` as soon as it is read, so the first rows can be shown while
    /// the rest is still being read: `first` rows, then `size` at a time.
    /// The first page holds the first rows in `sort`'s order when the
    /// cache can tell them without decoding every row (see
    /// [`first_page_query`]), so that the rows after it change nothing on
    /// a screen showing the first; the rest come last path first, each row
    /// once. Stops early when `page` returns false. Rows that no longer
    /// decode are left out.
    pub fn read_library(
        &self,
        root: &str,
        sort: Sort,
        first: usize,
        size: usize,
        mut page: impl FnMut(Vec<CachedFile>) -> bool,
    ) -> Result<(), StoreError> {
        let (query, whole) = first_page_query(sort);
        let mut stmt = self.conn.prepare_cached(query)?;
        let limit = i64::try_from(first.max(1)).unwrap_or(i64::MAX);
        let mut rows = stmt.query(params![root, limit])?;
        let mut taken: HashSet<String> = HashSet::new();
        let mut files = Vec::with_capacity(first.clamp(1, 4096));
        while let Some(r) = rows.next()? {
            taken.insert(r.get(0)?);
            if let Some(file) = decode(r)? {
                files.push(file);
            }
        }
        if !page(files) {
            return Ok(());
        }
        // Fewer rows than asked from a query over every row: that was all.
        if whole && taken.len() < first.max(1) {
            return Ok(());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT rel, size, mtime_ns, row FROM library_files WHERE root = ?1 ORDER BY rel DESC",
        )?;
        let mut rows = stmt.query([root])?;
        let want = size.max(1);
        let mut files = Vec::with_capacity(want.min(4096));
        while let Some(r) = rows.next()? {
            let rel = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if taken.contains(rel) {
                continue;
            }
            if let Some(file) = decode(r)? {
                files.push(file);
            }
            if files.len() >= want && !page(std::mem::take(&mut files)) {
                return Ok(());
            }
        }
        if !files.is_empty() {
            page(files);
        }
        Ok(())
    }

    /// Writes what a scan of `root` learnt, in one transaction: `changed`
    /// rows replace or add, `removed` paths drop out.
    pub fn save_library(
        &mut self,
        root: &str,
        changed: &[(PathBuf, Known)],
        removed: &[PathBuf],
    ) -> Result<(), StoreError> {
        if changed.is_empty() && removed.is_empty() {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut put = tx.prepare(
                "INSERT OR REPLACE INTO library_files (root, rel, size, mtime_ns, row)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (rel, known) in changed {
                let row = serde_json::to_string(&CachedRow::from_peek(&known.peek))?;
                put.execute(params![
                    root,
                    path_string(rel),
                    known.size as i64,
                    known.mtime_ns,
                    row
                ])?;
            }
            let mut del = tx.prepare("DELETE FROM library_files WHERE root = ?1 AND rel = ?2")?;
            for rel in removed {
                del.execute(params![root, path_string(rel)])?;
            }
            // Counted in the write's own transaction: a few thousand rows
            // of an index, off the first screen's way.
            tx.execute(
                "INSERT OR REPLACE INTO library_roots (root, files) \
                 SELECT ?1, count(*) FROM library_files WHERE root = ?1",
                [root],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// A library's cached rows, then `tail`.
macro_rules! concat_rows {
    ($tail:literal) => {
        concat!(
            "SELECT rel, size, mtime_ns, row FROM library_files WHERE root = ?1",
            $tail
        )
    };
}

/// The query for a library's first page in `sort`'s order (`?1` the root,
/// `?2` how many rows), and whether it reads from every row (else a short
/// page is not the whole cache). By date through the date's index, newest
/// first and undated last, or oldest first (dated rows only: the undated,
/// last in both directions, come with the rest), ties by path as the
/// index keeps them (A to Z newest first, as the screen; Z to A oldest
/// first, where a day with more articles than the page may differ from the
/// screen's at its edge, which the rest then puts right); by path
/// through the path's index (the separator as `\x01`, below any other
/// character of a name, as [`crate::library::path_order`] ranks it).
/// Other orders need what the cache alone does not hold (reading states,
/// link counts) or a decoded row: last path first, which for dated names
/// (`2024/..`, `_posts/2024-05-01-..`) is newest first.
fn first_page_query(sort: Sort) -> (&'static str, bool) {
    match (sort.key, sort.reverse) {
        (SortKey::Date, false) => (
            concat_rows!(" ORDER BY json_extract(row, '$.date') DESC, rel LIMIT ?2"),
            true,
        ),
        (SortKey::Date, true) => (
            concat_rows!(
                " AND json_extract(row, '$.date') IS NOT NULL \
                 ORDER BY json_extract(row, '$.date'), rel DESC LIMIT ?2"
            ),
            false,
        ),
        (SortKey::Path, false) => (
            concat_rows!(" ORDER BY replace(rel, '/', char(1)) LIMIT ?2"),
            true,
        ),
        (SortKey::Path, true) => (
            concat_rows!(" ORDER BY replace(rel, '/', char(1)) DESC LIMIT ?2"),
            true,
        ),
        _ => (concat_rows!(" ORDER BY rel DESC LIMIT ?2"), true),
    }
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
