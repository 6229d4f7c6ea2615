//! The library search's index as the TUI holds it: where it lives (the state
//! folder's database, or memory with `QUIRE_NO_STATE`), the one connection
//! the queries share, and the jobs that build it and ask it.
//!
//! On disk the build opens a connection of its own, so that queries answer
//! from what is indexed so far while it writes (SQLite's WAL lets readers
//! in between its batches). An index in memory has one connection: queries
//! wait for its build.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::article::Article;
use crate::search::index::IndexError;
use crate::search::{Hit, Index, Progress, Query};
use crate::tui::reader::jobs::{Landing, Opened};
use crate::tui::runtime::Reporter;
use crate::tui::settings::Config;

/// How long typing has to pause before a query runs.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// The most results a query shows.
pub const LIMIT: usize = 50;

/// Where the index lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A database file (`$XDG_STATE_HOME/quire/quire.db`).
    File,
    /// Memory, gone when the app ends.
    Memory,
}

/// The database an app's index lives in: the store's, the one `quire
/// search` uses; `None` (memory) when `no_state` (or `QUIRE_NO_STATE`) asks
/// for no state or no folder is known.
pub fn database_for_run(no_state: bool) -> Option<PathBuf> {
    if crate::store::disabled(no_state) {
        return None;
    }
    crate::store::default_path()
}

/// The index shared by an app's search jobs: its file (none: memory) and
/// the connection queries use (opened by the first job that needs it).
#[derive(Debug, Clone)]
pub struct IndexHandle {
    file: Option<PathBuf>,
    shared: Arc<Mutex<Option<Index>>>,
}

impl IndexHandle {
    /// A handle on the index in the database `file`, or in memory when `None`;
    /// nothing is opened yet.
    pub fn new(file: Option<PathBuf>) -> IndexHandle {
        IndexHandle {
            file,
            shared: Arc::new(Mutex::new(None)),
        }
    }

    /// The database file, when the index is not in memory.
    pub fn file(&self) -> Option<&std::path::Path> {
        self.file.as_deref()
    }

    /// Where the index lives.
    pub fn location(&self) -> Location {
        match self.file {
            Some(_) => Location::File,
            None => Location::Memory,
        }
    }

    fn open(&self) -> Result<Index, String> {
        match &self.file {
            Some(path) => Index::open(path),
            None => Index::open_in_memory(),
        }
        .map_err(|e| e.to_string())
    }

    /// Runs `f` on the shared connection, opening it first if needed.
    fn with_shared<T>(&self, f: impl FnOnce(&mut Index) -> Result<T, String>) -> Result<T, String> {
        let mut guard = self
            .shared
            .lock()
            .map_err(|_| "the search index is unusable".to_string())?;
        if guard.is_none() {
            *guard = Some(self.open()?);
        }
        match guard.as_mut() {
            Some(index) => f(index),
            None => Err("the search index could not be opened".into()),
        }
    }
}

/// Which articles a search may answer with: the library's tag filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Tags every article must have (the library's all-of filter).
    pub all_tags: Vec<String>,
    /// The articles the library's filter lets through, when it filters.
    pub paths: Option<Arc<HashSet<PathBuf>>>,
}

/// A job of the library search.
#[derive(Debug, Clone)]
pub enum SearchJob {
    /// Bring the index of `root` up to date, reporting progress.
    Build {
        /// The index.
        index: IndexHandle,
        /// The library's folder.
        root: PathBuf,
    },
    /// Run `text` against the index (asked once typing has paused).
    Query {
        /// The index.
        index: IndexHandle,
        /// The library's folder.
        root: PathBuf,
        /// The query as typed.
        text: String,
        /// What the library's filter lets through.
        scope: Scope,
        /// The number of the newest query; this one gives up when it moves on.
        latest: Arc<AtomicU64>,
        /// This query's number.
        number: u64,
    },
    /// Open an article in a reader on the section `anchor`, with the query
    /// `text` loaded as the reader's search.
    Land {
        /// The article's file.
        path: PathBuf,
        /// The reader's settings.
        config: Box<Config>,
        /// Columns and rows of the terminal.
        size: (u16, u16),
        /// The section's anchor (empty: the top).
        anchor: String,
        /// The library query.
        text: String,
    },
}

/// What a library search job produced.
#[derive(Debug, Clone)]
pub enum SearchOutput {
    /// A batch of files is indexed: `done` of `total`.
    Progress(Progress),
    /// The index is up to date, or why it could not be made.
    Built(Result<(), String>),
    /// The results of a query (its text), or why it failed.
    Hits {
        /// The query they answer.
        text: String,
        /// Best first.
        hits: Result<Vec<Hit>, String>,
    },
    /// A newer query replaced this one before it ran.
    Skipped,
    /// A result's article read and laid out for a reader that lands on it,
    /// or why it could not be read.
    Opened(Result<Box<Opened>, String>),
}

impl SearchJob {
    /// Does the work; a build reports its progress through `reporter`.
    pub fn run(self, reporter: &Reporter<SearchOutput>) -> SearchOutput {
        match self {
            SearchJob::Build { index, root } => SearchOutput::Built(build(&index, &root, reporter)),
            SearchJob::Query {
                index,
                root,
                text,
                scope,
                latest,
                number,
            } => {
                // A newer query was typed while this one waited its turn.
                if latest.load(Ordering::Acquire) != number {
                    return SearchOutput::Skipped;
                }
                // A query typed after this one stops it, even mid-statement.
                let stale = Arc::clone(&latest);
                let outcome = index.with_shared(|ix| {
                    Ok(ix
                        .with_stop(
                            move || stale.load(Ordering::Acquire) != number,
                            |ix| query(ix, &root, &text, &scope),
                        )
                        .and_then(|r| r))
                });
                let hits = match outcome {
                    Ok(Err(e)) if e.is_interrupted() => {
                        return SearchOutput::Skipped;
                    }
                    Ok(result) => result.map_err(|e| e.to_string()),
                    Err(e) => Err(e),
                };
                SearchOutput::Hits { text, hits }
            }
            SearchJob::Land {
                path,
                config,
                size,
                anchor,
                text,
            } => SearchOutput::Opened(
                Article::load(&path)
                    .map(|article| {
                        let mut opened = Opened::laid_out(article, None, &config, size);
                        opened.landing = Landing::Found { anchor, text };
                        Box::new(opened)
                    })
                    .map_err(|e| e.to_string()),
            ),
        }
    }
}

/// Refreshes the index of `root`: on disk on a connection of its own, so
/// that queries go on meanwhile; in memory on the one connection there is.
fn build(
    handle: &IndexHandle,
    root: &Path,
    reporter: &Reporter<SearchOutput>,
) -> Result<(), String> {
    let mut report = |p: Progress| {
        reporter.send(SearchOutput::Progress(p));
    };
    let mut refresh = |index: &mut Index| {
        index
            .refresh(root, &mut report)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    match handle.location() {
        Location::File => refresh(&mut handle.open()?),
        Location::Memory => handle.with_shared(refresh),
    }
}

/// Runs `text` on the index, keeping the hits the scope allows.
fn query(index: &Index, root: &Path, text: &str, scope: &Scope) -> Result<Vec<Hit>, IndexError> {
    let mut q = Query::parse(text);
    q.tags
        .extend(scope.all_tags.iter().map(|t| t.to_lowercase()));
    // A filter that drops hits afterwards needs more of them to keep LIMIT.
    let limit = if scope.paths.is_some() {
        LIMIT * 5
    } else {
        LIMIT
    };
    let mut hits = index.ranked(root, &q, limit)?;
    if let Some(paths) = &scope.paths {
        hits.retain(|h| paths.contains(&h.path));
    }
    hits.truncate(LIMIT);
    // Snippets read the hits' files: only for the ones shown.
    index.snippets(root, &q, &mut hits)?;
    Ok(hits)
}
