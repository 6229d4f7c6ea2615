//! Keeping the index up to date with a folder: new and changed files (by
//! size and modification time) parsed a few at a time on all cores but one
//! while one writer writes them in big transactions, files gone dropped.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use rayon::prelude::*;
// Immediate: a write transaction takes the write lock when it begins, so
// another quire writing waits out the busy timeout; a deferred one that
// read first and then wrote failed at once ("database is locked").
use rusqlite::TransactionBehavior::Immediate;
use rusqlite::{Connection, OptionalExtension, params};

use super::index::{BATCH, CRUMB_SEP, Index, IndexError, Progress, Refresh, root_key};
use super::sections::read_sections;
use super::starts::{self, Starts, word_starts};
use super::words::index_words;
use crate::article::{Article, Draft};
use crate::library::path_string;
use crate::library::{ScanOptions, markdown_files};

/// FTS5's buffer of terms not yet written, while a folder is indexed (the
/// default is 1 MB).
const FTS_BUFFER_BYTES: i64 = 16 * 1024 * 1024;

/// While many files are written, FTS5 merges its segments only when this
/// many pile up on one level (`automerge`, 4 otherwise), and at once past
/// `crisismerge` (16 otherwise): a first index of 10,000 articles spent 10%
/// of the writer's time merging segments it had just written (68 MB of
/// database, 58 MB without), and its queries were no faster for it. The
/// usual values come back after.
const BUILD_MERGE: [(&str, i64); 2] = [("automerge", 16), ("crisismerge", 64)];
const USUAL_MERGE: [(&str, i64); 2] = [("automerge", 4), ("crisismerge", 16)];

/// SQLite copies the write-ahead log into the database (and syncs both)
/// at the first commit after it passes this many pages: a first index of
/// 10,000 articles did that at each of its commits, on the way to being
/// searchable. While many files are written it is left for one copy at
/// the end; the store's usual value comes back after.
const USUAL_AUTOCHECKPOINT: i64 = 1000;

/// SQLite's page cache while many files are written (KiB, as `cache_size`
/// takes it negative): a commit of the first index writes about 12 MB of
/// pages, which spilled into the log before the commit from the usual 2 MB
/// cache, some of them twice. The connection's own value comes back after.
const BUILD_CACHE_KIB: i64 = 32 * 1024;

/// Files parsed at a time (on rayon's threads) and sent to the writer
/// together: small, so that writing starts soon and never waits long.
const PARSE_CHUNK: usize = 64;
/// Parsed chunks that may wait for the writer.
const PARSE_AHEAD: usize = 8;
/// Files written in one transaction after the first [`BATCH`].
const COMMIT_FILES: usize = BATCH * 8;

/// A file read and cut into sections, its text cut into the words the FTS
/// table holds ([`index_words`]): everything the writer does not have to do.
struct Prepared {
    path: String,
    size: i64,
    mtime: i64,
    title: String,
    /// The title and tags as indexed (with every section).
    title_fts: String,
    tags_fts: String,
    /// The tags, lowercase.
    tags: Vec<String>,
    sections: Vec<PreparedSection>,
    /// The same words cut to their starts ([`starts`]).
    starts: Starts,
}

/// One section's row.
struct PreparedSection {
    anchor: String,
    crumbs: String,
    line: i64,
    heading: String,
    terms: String,
    body: String,
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
        // Files whose starts were never written (a first index stopped
        // before it wrote them) are indexed again.
        let unstarted = unstarted(&self.conn, &root_key)?;
        let mut stats = Refresh::default();
        let mut todo: Vec<(PathBuf, i64, i64)> = Vec::new();
        for (rel, size, mtime) in files {
            let size = i64::try_from(size).unwrap_or(i64::MAX);
            match known.remove(&path_string(&rel)) {
                Some((id, s, m)) if s == size && m == mtime && !unstarted.contains(&id) => {
                    stats.unchanged += 1
                }
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
        if total == 0 {
            // No parsing threads to start for nothing.
            return Ok(stats);
        }
        let big = total > BATCH;
        if big {
            // FTS5 writes what it holds as a segment when its buffer fills
            // and at each commit: a bigger buffer and bigger transactions
            // after the first make fewer segments. Kept in the table's own
            // settings; the merge settings only while this refresh writes.
            // The same for the words' starts.
            set_fts(&self.conn, &[("hashsize", FTS_BUFFER_BYTES)])?;
            set_fts(&self.conn, &BUILD_MERGE)?;
            self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        }
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        if big {
            self.conn
                .pragma_update(None, "cache_size", -BUILD_CACHE_KIB)?;
        }
        let written = self.write_all(root, &root_key, &todo, progress);
        if big {
            let restored = set_fts(&self.conn, &USUAL_MERGE).and_then(|()| {
                self.conn
                    .pragma_update(None, "wal_autocheckpoint", USUAL_AUTOCHECKPOINT)?;
                self.conn.pragma_update(None, "cache_size", cache)
            });
            written?;
            restored?;
            // The log's copy, once, by the thread that wrote it (never a
            // reader's, who would otherwise make it at its next write).
            // Passive: it gives way to readers, whose pages stay in the log.
            self.conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        } else {
            written?;
        }
        Ok(stats)
    }

    /// Parses the files `todo` on rayon's threads, a few at a time, while
    /// this thread (SQLite's one writer) writes what came before.
    fn write_all(
        &mut self,
        root: &Path,
        root_key: &str,
        todo: &[(PathBuf, i64, i64)],
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), IndexError> {
        let (chunks, parsed) = mpsc::sync_channel::<(usize, Vec<Prepared>)>(PARSE_AHEAD);
        let conn = &self.conn;
        std::thread::scope(|scope| {
            // The sender moves in: the writer's loop ends when parsing does.
            scope.spawn(move || {
                let parse = |files: &[(PathBuf, i64, i64)]| -> Vec<Prepared> {
                    files
                        .par_iter()
                        .filter_map(|(rel, size, mtime)| prepare(root, rel, *size, *mtime))
                        .collect()
                };
                // The writer is the slowest: parsing leaves it a core of its own.
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(parsers())
                    .build()
                    .ok();
                for files in todo.chunks(PARSE_CHUNK) {
                    let prepared = match &pool {
                        Some(pool) => pool.install(|| parse(files)),
                        None => parse(files),
                    };
                    if chunks.send((files.len(), prepared)).is_err() {
                        break;
                    }
                }
            });
            // A failed write drops the receiver, which stops the parsing.
            let mut writer = Writer {
                conn,
                root: root_key,
                tx: None,
                pending: 0,
                target: BATCH,
                done: 0,
                total: todo.len(),
                defer: todo.len() > BATCH,
                deferred: Vec::new(),
                deferred_bytes: 0,
            };
            for (files, prepared) in parsed {
                writer.write(files, prepared, progress)?;
            }
            writer.commit(progress)?;
            writer.write_deferred()
        })?;
        Ok(())
    }
}

/// Threads that parse while the writer writes: one core fewer than the
/// machine has (at least one).
fn parsers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1))
}

/// Sets FTS5 options of the index's tables (words and starts).
fn set_fts(conn: &Connection, options: &[(&str, i64)]) -> rusqlite::Result<()> {
    for table in [starts::MAIN, starts::TABLE] {
        let mut stmt = conn.prepare_cached(&format!(
            "INSERT INTO {table} ({table}, rank) VALUES (?1, ?2)"
        ))?;
        for (name, value) in options {
            stmt.execute(params![name, value])?;
        }
    }
    Ok(())
}

/// Writes parsed files in transactions: the first [`BATCH`] files alone, so
/// that a search meanwhile finds something soon, then [`COMMIT_FILES`] at a
/// time, telling `progress` after each commit.
struct Writer<'c> {
    conn: &'c Connection,
    root: &'c str,
    tx: Option<rusqlite::Transaction<'c>>,
    /// Files written in the open transaction.
    pending: usize,
    /// Files the open transaction takes before it commits.
    target: usize,
    done: usize,
    total: usize,
    /// Whether the words' starts wait until every file's words are written
    /// (a first index: searching can start sooner).
    defer: bool,
    /// Starts waiting: the file's id, its sections' rowids, its starts.
    deferred: Vec<(i64, Vec<i64>, Starts)>,
    deferred_bytes: usize,
}

impl Writer<'_> {
    fn write(
        &mut self,
        files: usize,
        prepared: Vec<Prepared>,
        progress: &mut dyn FnMut(Progress),
    ) -> rusqlite::Result<()> {
        let tx = match self.tx.take() {
            Some(tx) => tx,
            // The connection is borrowed, not owned, across the batches;
            // nothing else uses it while the writer holds a transaction.
            None => rusqlite::Transaction::new_unchecked(self.conn, Immediate)?,
        };
        for p in prepared {
            let (file, ids) = write_file(&tx, self.root, &p)?;
            if self.defer && self.deferred_bytes < starts::DEFER_BYTES {
                self.deferred_bytes += p.starts.bytes();
                self.deferred.push((file, ids, p.starts));
            } else {
                starts::write(&tx, file, &ids, &p.starts)?;
            }
        }
        self.tx = Some(tx);
        self.pending += files;
        self.done += files;
        if self.pending >= self.target {
            self.commit(progress)?;
            self.target = COMMIT_FILES;
        }
        Ok(())
    }

    /// Writes the starts kept for after the words, in one transaction.
    fn write_deferred(&mut self) -> rusqlite::Result<()> {
        if self.deferred.is_empty() {
            return Ok(());
        }
        let tx = rusqlite::Transaction::new_unchecked(self.conn, Immediate)?;
        for (file, ids, starts) in self.deferred.drain(..) {
            // Another quire may have indexed the file again meanwhile (its
            // starts were missing): its rows are then not these.
            if still_unstarted(&tx, file, &ids)? {
                starts::write(&tx, file, &ids, &starts)?;
            }
        }
        tx.commit()
    }

    /// Commits the open transaction, if any.
    fn commit(&mut self, progress: &mut dyn FnMut(Progress)) -> rusqlite::Result<()> {
        if let Some(tx) = self.tx.take() {
            tx.commit()?;
            self.pending = 0;
            progress(Progress {
                done: self.done,
                total: self.total,
            });
        }
        Ok(())
    }
}

fn prepare(root: &Path, rel: &Path, size: i64, mtime: i64) -> Option<Prepared> {
    let draft = Draft::load(&root.join(rel)).ok()?;
    let (article, sections) = read_sections(draft);
    let Article { meta, .. } = article;
    let sections: Vec<PreparedSection> = sections
        .into_iter()
        .map(|s| PreparedSection {
            crumbs: s.breadcrumb.join(&CRUMB_SEP.to_string()),
            line: i64::try_from(s.line).unwrap_or(i64::MAX),
            heading: index_words(s.heading()),
            terms: index_words(&s.terms),
            body: index_words(&s.text),
            anchor: s.anchor,
        })
        .collect();
    let title_fts = index_words(&meta.title);
    let tags_fts = index_words(&meta.tags.join(" "));
    let starts = Starts {
        title: word_starts(&title_fts),
        tags: word_starts(&tags_fts),
        sections: sections
            .iter()
            .map(|s| [&s.heading, &s.terms, &s.body].map(|t| word_starts(t)))
            .collect(),
    };
    Some(Prepared {
        path: path_string(rel),
        size,
        mtime,
        title_fts,
        tags_fts,
        tags: meta.tags.iter().map(|t| t.to_lowercase()).collect(),
        title: meta.title,
        sections,
        starts,
    })
}

/// Drops one file's rows.
fn delete_file(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    // The starts are deleted only where they were written. (FTS5's
    // contentless_delete tables never count a deleted row out of the row
    // count and column totals bm25 reads: 798 sections with one file of 3
    // indexed again count 801. Both tables count alike as long as both
    // are given the same rows; a file indexed again because its starts
    // were missing is counted twice in the words' table only.)
    let started: bool = conn
        .prepare_cached("SELECT started FROM search_file WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    let tables: &[&str] = if started {
        &[starts::MAIN, starts::TABLE]
    } else {
        &[starts::MAIN]
    };
    for table in tables {
        conn.prepare_cached(&format!(
            "DELETE FROM {table} WHERE rowid IN (SELECT id FROM search_section WHERE file = ?1)"
        ))?
        .execute([id])?;
    }
    conn.execute("DELETE FROM search_section WHERE file = ?1", [id])?;
    conn.execute("DELETE FROM search_tag WHERE file = ?1", [id])?;
    conn.execute("DELETE FROM search_file WHERE id = ?1", [id])?;
    Ok(())
}

/// The ids of the files of the folder keyed `root` whose starts are not
/// written.
fn unstarted(conn: &Connection, root: &str) -> rusqlite::Result<std::collections::HashSet<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM search_file WHERE started = 0 AND root = ?1")?;
    let ids = stmt.query_map([root], |r| r.get(0))?;
    ids.collect()
}

/// True when the file `file` is indexed with the sections `ids` and
/// without their starts.
fn still_unstarted(conn: &Connection, file: i64, ids: &[i64]) -> rusqlite::Result<bool> {
    let started: Option<bool> = conn
        .prepare_cached("SELECT started FROM search_file WHERE id = ?1")?
        .query_row([file], |r| r.get(0))
        .optional()?;
    if started != Some(false) {
        return Ok(false);
    }
    let mut stmt =
        conn.prepare_cached("SELECT id FROM search_section WHERE file = ?1 ORDER BY id")?;
    let now = stmt.query_map([file], |r| r.get::<_, i64>(0))?;
    Ok(now.collect::<rusqlite::Result<Vec<i64>>>()? == ids)
}

/// Writes one file's rows but its starts, replacing what was there;
/// returns the file's id and its sections' rowids.
fn write_file(conn: &Connection, root: &str, p: &Prepared) -> rusqlite::Result<(i64, Vec<i64>)> {
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
        tag_stmt.execute(params![file, tag])?;
    }
    let mut section_stmt = conn.prepare_cached(
        "INSERT INTO search_section (file, anchor, breadcrumb, line) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut fts_stmt = conn.prepare_cached(
        "INSERT INTO search_fts (rowid, title, heading, terms, body, tags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut ids = Vec::with_capacity(p.sections.len());
    for s in &p.sections {
        section_stmt.execute(params![file, s.anchor, s.crumbs, s.line])?;
        let id = conn.last_insert_rowid();
        ids.push(id);
        fts_stmt.execute(params![
            id,
            p.title_fts,
            s.heading,
            s.terms,
            s.body,
            p.tags_fts
        ])?;
    }
    Ok((file, ids))
}

#[cfg(test)]
#[path = "refresh_tests.rs"]
mod tests;
