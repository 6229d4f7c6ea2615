//! The link index: every link of every article of a folder with where it
//! leads, in the store's `link_file` and `link_edge` tables (migration 4),
//! kept up to date by size and modification time like the search index.
//! It answers "what links here?" for an article or one of its sections,
//! counts links in for the library, and lists the articles nothing links to.
//!
//! Everything here is owned data and [`LinkIndex`] is `Send`, so a
//! background job can refresh or query it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{Link, Resolution, Resolver};
use crate::article::wikilink::block_ids;
use crate::article::{Article, Heading};
use crate::library::{ScanOptions, markdown_files, path_string};
use crate::store::{Store, StoreError, schema};

mod again;

/// Files parsed in parallel at a time, then written in one transaction.
const BATCH: usize = 256;

/// What went wrong with the link index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// SQLite failed (a locked or broken database file).
    #[error("link index: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The store could not be opened or migrated.
    #[error("link index: {0}")]
    Store(#[from] StoreError),
    /// The folder could not be read.
    #[error("{path}: {source}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// One link into an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backlink {
    /// The linking article, relative to the folder.
    pub path: PathBuf,
    /// The 1-based file line the link is on.
    pub line: usize,
    /// The link's text.
    pub text: String,
    /// The anchor (or `^block`) it leads to in the article, if any.
    pub anchor: Option<String>,
}

/// What a refresh changed, in files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refresh {
    /// Files read for the first time or again.
    pub read: usize,
    /// Files gone, dropped.
    pub removed: usize,
    /// Files left as they were.
    pub unchanged: usize,
}

/// The link index in one SQLite database.
#[derive(Debug)]
pub struct LinkIndex {
    conn: Connection,
}

/// A file read, its links resolved, ready to write.
struct Prepared {
    path: String,
    size: i64,
    mtime: i64,
    links: Vec<Edge>,
}

/// One link as stored.
struct Edge {
    line: usize,
    text: String,
    target: String,
    to_path: Option<String>,
    to_anchor: Option<String>,
}

/// The folder asked about links into `file` when none is given: the vault
/// (`.obsidian/`, ..) or site (its content folder) around it, else its
/// folder.
pub fn default_root(file: &Path) -> PathBuf {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = super::wiki::vault_root(dir, None);
    if root != dir {
        return root;
    }
    // Walked up as `..` steps past a relative `dir`'s own folders, so that
    // `_posts/post.md` and a bare `post.md` find the site around them.
    super::path::upward(dir)
        .iter()
        .find_map(|folder| crate::site::config_in(folder))
        .map_or(root, |site| site.content)
}

/// The key of a folder in the tables: its canonical path.
fn root_key(root: &Path) -> Result<String, IndexError> {
    let canonical = root.canonicalize().map_err(|source| IndexError::Folder {
        path: root.display().to_string(),
        source,
    })?;
    Ok(canonical.to_string_lossy().into_owned())
}

/// `path` relative to `root` as the tables keep it; `None` outside it.
fn relative(root: &Path, path: &Path) -> Option<String> {
    path.strip_prefix(root).ok().map(path_string)
}

impl LinkIndex {
    /// Opens (or creates) the index in the store's database file at `path`.
    pub fn open(path: &Path) -> Result<LinkIndex, IndexError> {
        Ok(LinkIndex::from_store(Store::open(path)?))
    }

    /// The index in an open store (its own connection: a job can own it).
    pub fn from_store(store: Store) -> LinkIndex {
        LinkIndex {
            conn: store.into_index_connection(),
        }
    }

    /// An index in memory, gone when dropped (`--no-state`, tests).
    pub fn open_in_memory() -> Result<LinkIndex, IndexError> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn)?;
        Ok(LinkIndex { conn })
    }

    /// Brings the links of the folder `root` up to date: new and changed
    /// files are read again, files gone dropped. When files came or went,
    /// the links of the others that name a note by name, or led nowhere, or
    /// to a file gone, are resolved again (a new note may be what they name).
    pub fn refresh(&mut self, root: &Path, options: &ScanOptions) -> Result<Refresh, IndexError> {
        let key = root_key(root)?;
        // Resolved paths are made whole (no `./`): a root of `.` would not
        // prefix them, and their links would count for nothing.
        let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let root = absolute.as_path();
        let files = markdown_files(root, options);
        let mut known = crate::store::known_files(&self.conn, "link_file", &key)?;
        let mut stats = Refresh::default();
        let mut todo: Vec<(PathBuf, i64, i64)> = Vec::new();
        let mut names_changed = false;
        for (rel, size, mtime) in files {
            let size = i64::try_from(size).unwrap_or(i64::MAX);
            match known.remove(&path_string(&rel)) {
                Some((_, s, m)) if s == size && m == mtime => stats.unchanged += 1,
                Some(_) => todo.push((rel, size, mtime)),
                None => {
                    names_changed = true;
                    todo.push((rel, size, mtime));
                }
            }
        }
        let gone: HashSet<String> = known.keys().cloned().collect();
        if !known.is_empty() {
            names_changed = true;
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            for (id, _, _) in known.values() {
                delete_file(&tx, *id)?;
            }
            tx.commit()?;
            stats.removed = known.len();
        }
        let mut resolver = Resolver::new(Some(root));
        stats.read = todo.len();
        for batch in todo.chunks(BATCH) {
            let articles: Vec<(Article, i64, i64, String)> = batch
                .par_iter()
                .filter_map(|(rel, size, mtime)| {
                    let article = Article::load(&root.join(rel)).ok()?;
                    Some((article, *size, *mtime, path_string(rel)))
                })
                .collect();
            let prepared: Vec<Prepared> = articles
                .into_iter()
                .map(|(article, size, mtime, path)| Prepared {
                    links: resolver
                        .resolve_all(&article)
                        .into_iter()
                        .map(|(link, found)| edge(root, link, &found))
                        .collect(),
                    path,
                    size,
                    mtime,
                })
                .collect();
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            for p in &prepared {
                write_file(&tx, &key, p)?;
            }
            tx.commit()?;
        }
        if names_changed {
            self.resolve_again(root, &key, &todo, &gone, &mut resolver)?;
        }
        if !todo.is_empty() && stats.unchanged > 0 {
            self.resolve_into(root, &key, &todo, &mut resolver)?;
        }
        Ok(stats)
    }

    /// Every link into the article at `path` (relative to `root`), and with
    /// `section` only those into that section: to its heading, a heading
    /// below it, or a block inside it. In file and line order.
    pub fn backlinks(
        &self,
        root: &Path,
        path: &Path,
        section: Option<&Section>,
    ) -> Result<Vec<Backlink>, IndexError> {
        let key = root_key(root)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.path, e.line, e.text, e.to_anchor FROM link_edge e
             JOIN link_file f ON f.id = e.file
             WHERE e.to_path = ?2 AND f.root = ?1
             ORDER BY f.path, e.line",
        )?;
        let rows = stmt.query_map(params![key, path_string(path)], |r| {
            Ok(Backlink {
                path: PathBuf::from(r.get::<_, String>(0)?),
                line: usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                text: r.get(2)?,
                anchor: r.get(3)?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let link = row?;
            if section.is_none_or(|s| link.anchor.as_ref().is_some_and(|a| s.anchors.contains(a))) {
                out.push(link);
            }
        }
        Ok(out)
    }

    /// The number of links into each article of `root` from the others
    /// (a note's links to itself are not counted), by relative path.
    pub fn counts(&self, root: &Path) -> Result<HashMap<PathBuf, usize>, IndexError> {
        let key = root_key(root)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.to_path, COUNT(*) FROM link_edge e
             JOIN link_file f ON f.id = e.file
             WHERE f.root = ?1 AND e.to_path IS NOT NULL AND e.to_path != f.path
             GROUP BY e.to_path",
        )?;
        let rows = stmt.query_map([key], |r| {
            Ok((
                PathBuf::from(r.get::<_, String>(0)?),
                usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The links into each section of the article at `path`, by anchor
    /// (a link to a block counts for the section holding it).
    pub fn section_counts(
        &self,
        root: &Path,
        path: &Path,
    ) -> Result<HashMap<String, usize>, IndexError> {
        let mut out: HashMap<String, usize> = HashMap::new();
        for link in self.backlinks(root, path, None)? {
            if let Some(anchor) = link.anchor {
                *out.entry(anchor).or_default() += 1;
            }
        }
        Ok(out)
    }
}

/// The place a resolution leads to as the tables keep it.
fn place(root: &Path, found: &Resolution) -> (Option<String>, Option<String>) {
    if !found.kind.is_place() {
        return (None, None);
    }
    let to_path = found.path.as_deref().and_then(|p| relative(root, p));
    (to_path, found.anchor.clone())
}

fn edge(root: &Path, link: Link, found: &Resolution) -> Edge {
    let (to_path, to_anchor) = place(root, found);
    Edge {
        line: link.line,
        text: link.text,
        target: link.target,
        to_path,
        to_anchor,
    }
}

/// A section of an article as links may enter it: its heading's anchor,
/// the anchors of the headings below it, and the blocks inside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The anchors (and `^block`s) that lead into the section.
    pub anchors: HashSet<String>,
}

impl Section {
    /// The section of `article` that the heading `anchor` opens; `None`
    /// when no heading has it (a `^block` is a section of its own). A
    /// heading is also found by its text in any case, as a wikilink names
    /// it (`#Water temperature`, `#Rye` for the anchor `rye`).
    pub fn of(article: &Article, anchor: &str) -> Option<Section> {
        if anchor.starts_with('^') {
            return Some(Section {
                anchors: HashSet::from([anchor.to_string()]),
            });
        }
        let outline: &[Heading] = &article.outline;
        let lower = anchor.to_lowercase();
        let start = outline
            .iter()
            .position(|h| h.anchor() == anchor)
            .or_else(|| {
                outline.iter().position(|h| {
                    h.text().to_lowercase() == lower || h.anchor().to_lowercase() == lower
                })
            })?;
        let level = outline[start].level();
        let end = outline[start + 1..]
            .iter()
            .position(|h| h.level() <= level)
            .map_or(outline.len(), |i| start + 1 + i);
        let mut anchors: HashSet<String> = outline[start..end]
            .iter()
            .map(|h| h.anchor().to_string())
            .collect();
        let from = outline[start].offset();
        let to = outline.get(end).map_or(article.body.len(), Heading::offset);
        for (id, offset) in block_ids(&article.body) {
            if (from..to).contains(&offset) {
                anchors.insert(format!("^{id}"));
            }
        }
        Some(Section { anchors })
    }
}

/// Drops one file's rows.
fn delete_file(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM link_edge WHERE file = ?1", [id])?;
    conn.execute("DELETE FROM link_file WHERE id = ?1", [id])?;
    Ok(())
}

/// Writes one file's rows, replacing what was there.
fn write_file(conn: &Connection, root: &str, p: &Prepared) -> rusqlite::Result<()> {
    let old: Option<i64> = conn
        .prepare_cached("SELECT id FROM link_file WHERE root = ?1 AND path = ?2")?
        .query_row(params![root, p.path], |r| r.get(0))
        .optional()?;
    if let Some(id) = old {
        delete_file(conn, id)?;
    }
    conn.prepare_cached("INSERT INTO link_file (root, path, size, mtime) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![root, p.path, p.size, p.mtime])?;
    let file = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO link_edge (file, line, text, target, to_path, to_anchor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for e in &p.links {
        let line = i64::try_from(e.line).unwrap_or(i64::MAX);
        stmt.execute(params![
            file,
            line,
            e.text,
            e.target,
            e.to_path,
            e.to_anchor
        ])?;
    }
    Ok(())
}
