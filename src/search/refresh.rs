//! Keeping the index up to date with a folder: new and changed files (by
//! size and modification time) read on the walker's threads and written in
//! batches, files gone dropped.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use rayon::prelude::*;
// Immediate: a write transaction takes the write lock when it begins, so
// another quire writing waits out the busy timeout; a deferred one that
// read first and then wrote failed at once ("database is locked").
use rusqlite::TransactionBehavior::Immediate;
use rusqlite::{Connection, OptionalExtension, params};

use super::cjk::spread_cjk;
use super::index::{BATCH, CRUMB_SEP, Index, IndexError, Progress, Refresh, root_key};
use super::sections::read_sections;
use crate::article::{Article, Draft};
use crate::library::path_string;
use crate::library::{ScanOptions, markdown_files};

/// FTS5's buffer of terms not yet written, while a folder is indexed (the
/// default is 1 MB).
const FTS_BUFFER_BYTES: i64 = 16 * 1024 * 1024;

/// A file read and cut into sections, ready to write.
struct Prepared {
    path: String,
    size: i64,
    mtime: i64,
    title: String,
    tags: Vec<String>,
    sections: Vec<super::sections::Section>,
}

impl Index {
    /// Brings the index of the folder `root` up to date: new and changed
    /// files (by size and modification time) are read again, files gone are
    /// dropped. `progress` hears after each batch of files written.
    pub fn refresh(
        &mut self,
        root: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Refresh, IndexError> {
        self.refresh_with(root, &ScanOptions::default(), progress)
    }

    /// [`Index::refresh`] with the library's walk `options` (`--no-ignore`).
    pub fn refresh_with(
        &mut self,
        root: &Path,
        options: &ScanOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Refresh, IndexError> {
        let root_key = root_key(root)?;
        let files = markdown_files(root, options);
        let mut known = crate::store::known_files(&self.conn, "search_file", &root_key)?;
        let mut stats = Refresh::default();
        let mut todo: Vec<(PathBuf, i64, i64)> = Vec::new();
        for (rel, size, mtime) in files {
            let size = i64::try_from(size).unwrap_or(i64::MAX);
            match known.remove(&path_string(&rel)) {
                Some((_, s, m)) if s == size && m == mtime => stats.unchanged += 1,
                Some(_) => {
                    stats.updated += 1;
                    todo.push((rel, size, mtime));
                }
                None => {
                    stats.added += 1;
                    todo.push((rel, size, mtime));
                }
            }
        }
        if !known.is_empty() {
            let tx = self.conn.transaction_with_behavior(Immediate)?;
            for (id, _, _) in known.values() {
                delete_file(&tx, *id)?;
            }
            tx.commit()?;
            stats.removed = known.len();
        }
        let total = todo.len();
        let mut done = 0;
        if total > BATCH {
            // FTS5 writes what it holds as a segment when its buffer fills
            // and at each commit, and merges segments as they pile up: a
            // bigger buffer and bigger batches after the first make fewer
            // segments to merge. Kept in the table's own settings.
            self.conn.execute(
                "INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ?1)",
                [FTS_BUFFER_BYTES],
            )?;
        }
        // Parsing the next batch (on rayon's threads) goes on while this
        // one is written: the writer is one thread, SQLite's.
        let (batches, written) = mpsc::sync_channel::<(usize, Vec<Prepared>)>(1);
        std::thread::scope(|scope| {
            // The sender moves in: the writer's loop ends when parsing does.
            scope.spawn(move || {
                // The first batch small, so that a search meanwhile finds
                // something soon; the rest big.
                let first = todo.len().min(BATCH);
                let (head, rest) = todo.split_at(first);
                let batches_in_order = std::iter::once(head).chain(rest.chunks(BATCH * 8));
                for batch in batches_in_order.filter(|b| !b.is_empty()) {
                    let prepared: Vec<Prepared> = batch
                        .par_iter()
                        .filter_map(|(rel, size, mtime)| prepare(root, rel, *size, *mtime))
                        .collect();
                    if batches.send((batch.len(), prepared)).is_err() {
                        break;
                    }
                }
            });
            // A failed write drops the receiver, which stops the parsing.
            (move || -> Result<(), IndexError> {
                for (files, prepared) in written {
                    let tx = self.conn.transaction_with_behavior(Immediate)?;
                    for p in &prepared {
                        write_file(&tx, &root_key, p)?;
                    }
                    tx.commit()?;
                    done += files;
                    progress(Progress { done, total });
                }
                Ok(())
            })()
        })?;
        Ok(stats)
    }
}

fn prepare(root: &Path, rel: &Path, size: i64, mtime: i64) -> Option<Prepared> {
    let draft = Draft::load(&root.join(rel)).ok()?;
    let (article, sections) = read_sections(draft);
    let Article { meta, .. } = article;
    Some(Prepared {
        path: path_string(rel),
        size,
        mtime,
        title: meta.title,
        tags: meta.tags,
        sections,
    })
}

/// Drops one file's rows.
fn delete_file(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_section WHERE file = ?1)",
        [id],
    )?;
    conn.execute("DELETE FROM search_section WHERE file = ?1", [id])?;
    conn.execute("DELETE FROM search_tag WHERE file = ?1", [id])?;
    conn.execute("DELETE FROM search_file WHERE id = ?1", [id])?;
    Ok(())
}

/// Writes one file's rows, replacing what was there.
fn write_file(conn: &Connection, root: &str, p: &Prepared) -> rusqlite::Result<()> {
    let old: Option<i64> = conn
        .prepare_cached("SELECT id FROM search_file WHERE root = ?1 AND path = ?2")?
        .query_row(params![root, p.path], |r| r.get(0))
        .optional()?;
    if let Some(id) = old {
        delete_file(conn, id)?;
    }
    conn.prepare_cached(
        "INSERT INTO search_file (root, path, size, mtime, title) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![root, p.path, p.size, p.mtime, p.title])?;
    let file = conn.last_insert_rowid();
    let mut tag_stmt = conn.prepare_cached("INSERT INTO search_tag (file, tag) VALUES (?1, ?2)")?;
    for tag in &p.tags {
        tag_stmt.execute(params![file, tag.to_lowercase()])?;
    }
    let tags = spread_cjk(&p.tags.join(" ")).into_owned();
    let title = spread_cjk(&p.title).into_owned();
    let mut section_stmt = conn.prepare_cached(
        "INSERT INTO search_section (file, anchor, breadcrumb, line) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut fts_stmt = conn.prepare_cached(
        "INSERT INTO search_fts (rowid, title, heading, terms, body, tags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for s in &p.sections {
        let crumbs = s.breadcrumb.join(&CRUMB_SEP.to_string());
        let line = i64::try_from(s.line).unwrap_or(i64::MAX);
        section_stmt.execute(params![file, s.anchor, crumbs, line])?;
        let id = conn.last_insert_rowid();
        fts_stmt.execute(params![
            id,
            title,
            spread_cjk(s.heading()),
            spread_cjk(&s.terms),
            spread_cjk(&s.text),
            tags
        ])?;
    }
    Ok(())
}
