//! The library cache: what `article::peek` found in each file, kept with the
//! file's size and modification time so a later scan reads only what changed.

use std::collections::HashMap;
use std::path::PathBuf;

use rusqlite::{TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::{Store, StoreError};
use crate::article::{FrontMatterKind, Meta, Peek, Warning};
use crate::library::{Known, LibraryCache, Stamp, Stamps, path_string};

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
        self.read_library(root, usize::MAX, usize::MAX, |files| {
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

    /// Reads the cache of the library at `root` in pages, handing each to
    /// `page` as soon as it is read, so the first rows can be shown while
    /// the rest is still being read: `first` rows, then `size` at a time.
    /// Paths come last first, which for dated names (`2024/..`,
    /// `_posts/2024-05-01-..`) is newest first. Stops early when `page`
    /// returns false. Rows that no longer decode are left out.
    pub fn read_library(
        &self,
        root: &str,
        first: usize,
        size: usize,
        mut page: impl FnMut(Vec<CachedFile>) -> bool,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rel, size, mtime_ns, row FROM library_files WHERE root = ?1 ORDER BY rel DESC",
        )?;
        let mut rows = stmt.query([root])?;
        let mut want = first.max(1);
        let mut files = Vec::with_capacity(want.min(4096));
        while let Some(r) = rows.next()? {
            if let Some(file) = decode(r)? {
                files.push(file);
            }
            if files.len() >= want {
                if !page(std::mem::take(&mut files)) {
                    return Ok(());
                }
                want = size.max(1);
                files.reserve(want.min(4096));
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
        }
        tx.commit()?;
        Ok(())
    }
}
