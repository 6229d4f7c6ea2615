//! The library's full-text index: SQLite FTS5, one row per section of every
//! article (title, heading, body text, tags), kept up to date by size and
//! modification time, ranked by bm25 with the title and headings first.
//!
//! Everything here is owned data and [`Index`] is `Send`, so a background job
//! can refresh or query it and send [`Progress`] and [`Hit`]s home.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params_from_iter};

use super::query::Query;
use super::starts;
use super::words::{as_indexed, with_unstemmed};
use crate::library::path_string;
use crate::store::{Store, StoreError, schema};

// bm25 weighs the columns title 10, heading 5, definition terms 5, body 1,
// tags 3 ([`RANK`]); words are stemmed (porter over unicode61) before they
// reach the table ([`super::words`]), queries' words alike.
// The tables are made by the store's migrations 3, 8 and 10 ([`crate::store::schema`]):
// `search_file`, `search_tag`, `search_section`, `search_fts` and
// `search_start` (the words' starts, [`super::starts`]), whose rows share
// their rowid with `search_section`. The FTS tables keep no copy of the
// text (`content = ''`), which keeps the database smaller than the
// articles: snippets are cut from the files of the hits shown (`snippets`).

/// What went wrong with the index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// SQLite failed (a locked or broken database file).
    #[error("search index: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The store could not be opened or migrated.
    #[error("search index: {0}")]
    Store(#[from] StoreError),
    /// The folder to index could not be read.
    #[error("{path}: {source}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

impl IndexError {
    /// True when a `stop` of [`Index::with_stop`] cut the work short.
    pub fn is_interrupted(&self) -> bool {
        matches!(self, IndexError::Sqlite(e)
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted))
    }
}

/// How far a refresh is: `done` of `total` files that needed (re)indexing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Files indexed so far.
    pub done: usize,
    /// Files to index in this refresh.
    pub total: usize,
}

/// What a refresh changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refresh {
    /// Files indexed for the first time.
    pub added: usize,
    /// Files indexed again because their size or time changed.
    pub updated: usize,
    /// Files gone from the folder, dropped from the index.
    pub removed: usize,
    /// Files left as they were.
    pub unchanged: usize,
}

/// A snippet of a section with the matched words marked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// One line of text, safe for a terminal.
    pub text: String,
    /// Byte ranges in `text` of the matched words, in order.
    pub marks: Vec<Range<usize>>,
}

/// One result: a section of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The file, relative to the library's folder.
    pub path: PathBuf,
    /// The article's title.
    pub title: String,
    /// The headings from the top down to the section's (empty before the first).
    pub section: Vec<String>,
    /// The section heading's anchor (empty before the first heading).
    pub anchor: String,
    /// The 1-based file line of the section's heading.
    pub line: usize,
    /// Where the words matched.
    pub snippet: Snippet,
    /// Higher is better (bm25, negated).
    pub score: f64,
}

/// The ranking: bm25 weighing the columns title 10, heading 5, definition
/// terms 5, body 1, tags 3. Named in the query rather than read from the table's `rank`,
/// which FTS5 evaluates through a statement of its own per row (40% slower).
const RANK: &str = "10.0, 5.0, 5.0, 1.0, 3.0";
/// The ranking of a section's own heading and text alone: 0 when only
/// the title or tags, indexed with every section, match.
const OWN: &str = "0.0, 5.0, 5.0, 1.0, 0.0";
/// The columns that name what a section is about: a query found whole in
/// them ranks the section above sections that only mention it.
const HEADS: [&str; 3] = ["title", "heading", "terms"];
/// In the first [`SPREAD_TOP`] results, at most [`SPREAD_MOST`] sections of
/// one article while other articles match: a long article must not flood.
const SPREAD_TOP: usize = 5;
const SPREAD_MOST: usize = 2;
/// How many hits are ranked at least to find other articles for the top.
const SPREAD_LOOK: usize = 50;
/// Rows ranked per hit wanted, before collapsing ([`Index::collapsed`]).
const FETCH_AHEAD: usize = 4;
/// SQLite steps between two calls of a `stop` ([`Index::with_stop`]).
const STOP_STEPS: i32 = 2_000;
/// Joins a breadcrumb's headings in one column.
pub(super) const CRUMB_SEP: char = '\u{1f}';
/// Files are parsed in parallel this many at a time, then written in one
/// transaction, so readers see the index grow.
pub(super) const BATCH: usize = 256;

/// The full-text index in one SQLite database.
#[derive(Debug)]
pub struct Index {
    pub(super) conn: Connection,
}

/// A ranked section with what [`Index::ranked`] needs to collapse it.
struct Row {
    hit: Hit,
    /// The file's id in `search_file`.
    file: i64,
    /// Matched in the section's own heading or text, not only the title or tags.
    own: bool,
}

impl Index {
    /// Opens (or creates) the index in the store's database file at `path`.
    pub fn open(path: &Path) -> Result<Index, IndexError> {
        Ok(Index::from_store(Store::open(path)?))
    }

    /// The index in an open store (its own connection: a job can own it).
    pub fn from_store(store: Store) -> Index {
        Index {
            conn: store.into_index_connection(),
        }
    }

    /// An index in memory, gone when dropped (`--no-state`, tests).
    pub fn open_in_memory() -> Result<Index, IndexError> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn)?;
        Ok(Index { conn })
    }

    /// The sections of articles under `root` that match `query`, best first,
    /// at most `limit`, with their snippets. A query with no word finds nothing.
    pub fn search(&self, root: &Path, query: &Query, limit: usize) -> Result<Vec<Hit>, IndexError> {
        // The snippets' tables stem the words themselves: they are given
        // them as typed.
        let query = with_unstemmed(query);
        let mut hits = self.ranked(root, &query, limit)?;
        self.snippets(root, &query, &mut hits)?;
        Ok(hits)
    }

    /// [`Index::search`] without the snippets (left empty): a caller that
    /// drops some hits first cuts snippets for the rest with [`Index::snippets`].
    ///
    /// The title and tags are indexed with every section, so a query they
    /// alone match would match every section of the article: such hits of
    /// one article become one, the article's first section, at the rank of
    /// the best of them. Sections matched in their own heading or text are
    /// listed each.
    pub fn ranked(&self, root: &Path, query: &Query, limit: usize) -> Result<Vec<Hit>, IndexError> {
        let query = &as_indexed(query);
        let (Some(all), Some(whole)) = (query.to_fts(), query.to_fts_in(&HEADS)) else {
            return Ok(Vec::new());
        };
        // A word of one or two letters being typed is matched among the
        // words' starts, where it is a few terms (super::starts).
        let table = starts::table_for(&self.conn, query)?;
        // Sections whose title, headings or terms hold the whole query come
        // before those that match in their text.
        // More than asked are ranked, so that other articles can take the
        // places of a long one's sections in the first few.
        let want = limit.max(SPREAD_LOOK);
        let mut hits = self.collapsed(root, query, table, &whole, want)?;
        // Enough sections hold the whole query in their heads: the text
        // matches would all come after them, so they are not ranked at all.
        if hits.len() < want {
            let mut seen: std::collections::HashSet<(PathBuf, String)> = hits
                .iter()
                .map(|h| (h.path.clone(), h.anchor.clone()))
                .collect();
            for hit in self.collapsed(root, query, table, &all, want)? {
                if hits.len() >= want {
                    break;
                }
                if seen.insert((hit.path.clone(), hit.anchor.clone())) {
                    hits.push(hit);
                }
            }
        }
        spread(&mut hits);
        hits.truncate(limit);
        Ok(hits)
    }

    /// The best `limit` hits of the match expression `expr` in the FTS
    /// table `table`, collapsed.
    fn collapsed(
        &self,
        root: &Path,
        query: &Query,
        table: &str,
        expr: &str,
        limit: usize,
    ) -> Result<Vec<Hit>, IndexError> {
        // Each run of the statement ranks every match, however few rows it
        // returns: ranking more rows than asked at once spares a second run
        // when collapsing leaves fewer hits than rows (the bench's queries
        // all ran twice; a prefix like `ka` costs 60-160 ms a run).
        let mut fetch = limit.saturating_mul(FETCH_AHEAD);
        loop {
            let rows = self.ranked_rows(root, query, table, expr, fetch)?;
            let complete = rows.len() < fetch;
            let mut hits = self.collapse(rows)?;
            if complete || hits.len() >= limit {
                hits.truncate(limit);
                return Ok(hits);
            }
            // Collapsing left fewer than asked while more rows match.
            fetch = fetch.saturating_mul(4);
        }
    }

    /// Hits matched through the article's title or tags alone made one per
    /// article (its first section); a section listed twice is kept once,
    /// at its better rank.
    fn collapse(&self, rows: Vec<Row>) -> Result<Vec<Hit>, IndexError> {
        let mut hits = Vec::with_capacity(rows.len());
        let mut seen: std::collections::HashSet<(i64, String)> = std::collections::HashSet::new();
        let mut first: HashMap<i64, Option<(String, String, i64)>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT anchor, breadcrumb, line FROM search_section WHERE file = ?1 ORDER BY id LIMIT 1",
        )?;
        for row in rows {
            let mut hit = row.hit;
            if !row.own {
                let top = match first.get(&row.file) {
                    Some(top) => top.clone(),
                    None => {
                        let top = stmt
                            .query_row([row.file], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                            .optional()?;
                        first.insert(row.file, top.clone());
                        top
                    }
                };
                if let Some((anchor, crumbs, line)) = top {
                    hit.anchor = anchor;
                    hit.section = split_crumbs(&crumbs);
                    hit.line = usize::try_from(line).unwrap_or(0);
                }
            }
            if seen.insert((row.file, hit.anchor.clone())) {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    /// The best `limit` matching sections of the FTS table `table`, as the
    /// index ranks them.
    fn ranked_rows(
        &self,
        root: &Path,
        query: &Query,
        table: &str,
        expr: &str,
        limit: usize,
    ) -> Result<Vec<Row>, IndexError> {
        let root_key = root_key(root)?;
        let mut args: Vec<String> = vec![expr.to_string(), root_key];
        let only_root: bool = self.conn.query_row(
            "SELECT coalesce(min(root) = ?1 AND max(root) = ?1, 0) FROM search_file",
            [&args[1]],
            |r| r.get(0),
        )?;
        // Ranking runs over every match; joining each one to its file only
        // to check the folder costs as much again, so when the index holds
        // this folder alone and no tag restricts, only the best are joined.
        let sql = if only_root && query.tags.is_empty() && query.excluded_tags.is_empty() {
            args.truncate(1);
            format!(
                "SELECT f.path, f.title, s.breadcrumb, s.anchor, s.line, r.score, s.file, r.own
                 FROM (SELECT rowid AS id, bm25({table}, {RANK}) AS score,
                              bm25({table}, {OWN}) AS own FROM {table}
                       WHERE {table} MATCH ?1 ORDER BY score, id LIMIT {limit}) r
                 JOIN search_section s ON s.id = r.id
                 JOIN search_file f ON f.id = s.file
                 ORDER BY r.score, r.id"
            )
        } else {
            let mut sql = format!(
                "SELECT f.path, f.title, s.breadcrumb, s.anchor, s.line,
                        bm25({table}, {RANK}) AS score, s.file, bm25({table}, {OWN}) AS own
                 FROM {table}
                 JOIN search_section s ON s.id = {table}.rowid
                 JOIN search_file f ON f.id = s.file
                 WHERE {table} MATCH ?1 AND f.root = ?2"
            );
            for (tags, exists) in [
                (&query.tags, "EXISTS"),
                (&query.excluded_tags, "NOT EXISTS"),
            ] {
                for tag in tags {
                    args.push(tag.clone());
                    sql.push_str(&format!(
                        " AND {exists} (SELECT 1 FROM search_tag t WHERE t.file = f.id AND t.tag = ?{})",
                        args.len()
                    ));
                }
            }
            sql.push_str(&format!(" ORDER BY score, s.id LIMIT {limit}"));
            sql
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            let crumbs: String = r.get(2)?;
            let rank: f64 = r.get(5)?;
            let own: f64 = r.get(7)?;
            Ok(Row {
                hit: Hit {
                    path: PathBuf::from(r.get::<_, String>(0)?),
                    title: r.get(1)?,
                    section: split_crumbs(&crumbs),
                    anchor: r.get(3)?,
                    line: usize::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                    snippet: Snippet::default(),
                    score: -rank,
                },
                file: r.get(6)?,
                own: own != 0.0,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Fills in the hits' snippets: the sections are read again from their
    /// files and put in a small in-memory FTS5 table with the same tokenizer,
    /// where the same query marks the same words.
    pub fn snippets(&self, root: &Path, query: &Query, hits: &mut [Hit]) -> Result<(), IndexError> {
        Ok(super::snippet::fill(&self.conn, root, query, hits)?)
    }

    /// Runs `f` asking `stop` every few thousand steps of SQLite: once it
    /// says true, the statement running fails ([`IndexError::is_interrupted`]),
    /// so a query nobody waits for any more gives way to the next.
    pub fn with_stop<T>(
        &self,
        stop: impl FnMut() -> bool + Send + 'static,
        f: impl FnOnce(&Index) -> T,
    ) -> Result<T, IndexError> {
        self.conn.progress_handler(STOP_STEPS, Some(stop))?;
        let out = f(self);
        self.conn.progress_handler(0, None::<fn() -> bool>)?;
        Ok(out)
    }

    /// How many articles of `root` are indexed.
    pub fn article_count(&self, root: &Path) -> Result<usize, IndexError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM search_file WHERE root = ?1",
            [root_key(root)?],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

/// Moves sections of an article that has [`SPREAD_MOST`] in the first
/// [`SPREAD_TOP`] already below the first [`SPREAD_TOP`], when hits of
/// other articles can take their places; the order is kept otherwise.
fn spread(hits: &mut Vec<Hit>) {
    let mut top: Vec<Hit> = Vec::with_capacity(hits.len());
    let mut held: Vec<Hit> = Vec::new();
    let mut rest = std::mem::take(hits).into_iter();
    for hit in rest.by_ref() {
        let same = top.iter().filter(|h| h.path == hit.path).count();
        if same < SPREAD_MOST {
            top.push(hit);
        } else {
            held.push(hit);
        }
        if top.len() == SPREAD_TOP {
            break;
        }
    }
    // Nothing else matched: the held ones fill the top after all.
    let mut held = held.into_iter();
    while top.len() < SPREAD_TOP {
        let Some(hit) = held.next() else { break };
        top.push(hit);
    }
    top.extend(held);
    top.extend(rest);
    *hits = top;
}

/// The key a folder is stored under: its canonical path.
pub(super) fn root_key(root: &Path) -> Result<String, IndexError> {
    let canon = std::fs::canonicalize(root).map_err(|source| IndexError::Folder {
        path: path_string(root),
        source,
    })?;
    Ok(path_string(&canon))
}

/// A breadcrumb column split into its headings.
fn split_crumbs(crumbs: &str) -> Vec<String> {
    if crumbs.is_empty() {
        Vec::new()
    } else {
        crumbs.split(CRUMB_SEP).map(str::to_string).collect()
    }
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "quality_tests.rs"]
mod quality_tests;
