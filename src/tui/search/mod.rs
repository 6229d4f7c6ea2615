//! The library search screen (`F` in the library): the query being typed,
//! the ranked sections it finds in every article, the selection, and what
//! the screen waits for. Queries and the index build are background jobs
//! ([`index`]); changing this state does no I/O.

mod geometry;
pub mod index;
mod land;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant};

use crate::library::{Filter, TagMode};
use crate::search::{Hit, Progress};

use super::library::{LibraryScreen, RowMemo};
use super::runtime::{JobId, ScreenId};

pub use index::{
    DEBOUNCE, IndexHandle, Location, Scope, SearchJob, SearchOutput, database_for_run,
};
pub use land::{land, reader_query};

pub use geometry::{ROWS_PER_HIT, SearchGeometry};

/// The app's part of the search that outlives a search screen: the index
/// and its build, which goes on when the screen is left.
#[derive(Debug, Clone)]
pub struct SearchShared {
    /// The index the jobs use.
    pub index: IndexHandle,
    /// How long typing pauses before a query runs (tests set zero).
    pub debounce: Duration,
    /// The build running now.
    pub build: Option<JobId>,
    /// How far it is, once it has indexed a batch.
    pub progress: Option<Progress>,
}

impl Default for SearchShared {
    fn default() -> Self {
        SearchShared::new(None)
    }
}

impl SearchShared {
    /// The search of an app whose index lives in the database `file`, or in
    /// memory when `None`.
    pub fn new(file: Option<PathBuf>) -> SearchShared {
        SearchShared {
            index: IndexHandle::new(file),
            debounce: DEBOUNCE,
            build: None,
            progress: None,
        }
    }
}

/// The search screen.
#[derive(Debug, Clone)]
pub struct SearchScreen {
    /// Names this screen for the jobs it asks for.
    pub id: ScreenId,
    /// The library's folder.
    pub root: PathBuf,
    /// What the library's tag filter lets through.
    pub scope: Scope,
    /// The library's tag filter in words (empty when there is none).
    pub scope_label: String,
    /// The query as typed.
    pub input: String,
    /// True while keys go to the query; false while browsing the results.
    pub typing: bool,
    /// The results shown, best first.
    pub hits: Vec<Hit>,
    /// The query the results answer.
    pub answered: String,
    /// The selected result.
    pub selected: usize,
    /// The first result on screen.
    pub scroll: usize,
    /// The query job whose results the screen waits for.
    pub waiting: Option<JobId>,
    /// When the query typed is asked for, once typing has paused that long
    /// (the event loop wakes then: no thread sleeps through the pause).
    pub ask_at: Option<Instant>,
    /// Enter was pressed before the results of the query typed came back:
    /// open the first of them when they do.
    pub open_when_ready: bool,
    /// A note for the footer until the next key.
    pub message: Option<String>,
    /// Columns and rows of the terminal.
    pub size: (u16, u16),
    /// The number of the newest query, shared with the query jobs.
    latest: Arc<AtomicU64>,
    /// The results' rows as last drawn, for frames that show them again.
    pub rows_drawn: RowMemo,
}

impl SearchScreen {
    /// A search of the library `lib` (its folder and tag filter), with an
    /// empty query being typed, on a `width` x `height` terminal.
    pub fn new(lib: &LibraryScreen, width: u16, height: u16) -> SearchScreen {
        let (scope, scope_label) = scope_of(lib);
        SearchScreen {
            id: ScreenId::fresh(),
            root: lib.library.root.clone(),
            scope,
            scope_label,
            input: String::new(),
            typing: true,
            hits: Vec::new(),
            answered: String::new(),
            selected: 0,
            scroll: 0,
            waiting: None,
            ask_at: None,
            open_when_ready: false,
            message: None,
            size: (width, height),
            latest: Arc::new(AtomicU64::new(0)),
            rows_drawn: RowMemo::default(),
        }
    }

    /// Results that fit on screen at once.
    pub fn visible_hits(&self) -> usize {
        geometry::visible_hits(self.size.1)
    }

    /// The result under screen row `row`, if one is there.
    pub fn hit_at(&self, row: u16) -> Option<usize> {
        geometry::hit_on_row(row)
            .map(|at| at + self.scroll)
            .filter(|&at| at < self.hits.len())
    }

    /// The terminal is now `width` x `height`.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.follow();
    }

    /// The selected result.
    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }

    /// True when the results shown answer the query typed.
    pub fn current(&self) -> bool {
        self.waiting.is_none() && self.ask_at.is_none() && self.answered == self.input
    }

    /// Moves the selection by `delta`, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.hits.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.follow();
    }

    /// Scrolls so that the selection is on screen.
    fn follow(&mut self) {
        let rows = self.visible_hits();
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + rows {
            self.scroll = self.selected + 1 - rows;
        }
        self.scroll = self.scroll.min(self.hits.len().saturating_sub(rows));
    }

    /// Takes a query's results, or why there are none (the app's table of
    /// jobs in flight has dropped those of a query the screen moved past).
    pub fn finish(&mut self, text: String, hits: Result<Vec<Hit>, String>) {
        self.waiting = None;
        match hits {
            Ok(hits) => self.show(text, hits),
            Err(e) => self.message = Some(e),
        }
    }

    /// Shows `hits` for `text`, keeping the selected section selected when
    /// the same query answers again (the index grew meanwhile).
    pub fn show(&mut self, text: String, hits: Vec<Hit>) {
        let keep = (text == self.answered)
            .then(|| {
                self.selected_hit()
                    .map(|h| (h.path.clone(), h.anchor.clone()))
            })
            .flatten();
        self.hits = hits;
        self.answered = text;
        // `tag:` alone finds nothing: it only narrows what words find.
        let query = crate::search::Query::parse(&self.answered);
        if self.hits.is_empty() && query.is_empty() && !query.tags.is_empty() {
            self.message = Some("add a word: tag: only narrows what words find".into());
        }
        let kept = keep.is_some();
        self.selected = keep
            .and_then(|(path, anchor)| {
                self.hits
                    .iter()
                    .position(|h| h.path == path && h.anchor == anchor)
            })
            .unwrap_or(0);
        if !kept {
            self.scroll = 0;
        }
        self.follow();
    }

    /// The shared counter of query numbers.
    pub fn latest(&self) -> &Arc<AtomicU64> {
        &self.latest
    }
}

/// The library's filter (tags and drafts, not its text) as a search scope,
/// and in words for the header.
fn scope_of(lib: &LibraryScreen) -> (Scope, String) {
    let filter = Filter {
        text: String::new(),
        ..lib.filter.clone()
    };
    if filter.is_empty() {
        return (Scope::default(), String::new());
    }
    let all_tags = match filter.mode {
        TagMode::All => filter.tags.clone(),
        TagMode::Any => Vec::new(),
    };
    let paths: HashSet<PathBuf> = lib
        .library
        .select(&filter, lib.sort)
        .into_iter()
        .map(|i| lib.library.entries[i].path.clone())
        .collect();
    let label = if filter.tags.is_empty() {
        "no drafts".to_string()
    } else {
        let join = match filter.mode {
            TagMode::All => " + ",
            TagMode::Any => " | ",
        };
        format!("tags: {}", filter.tags.join(join))
    };
    (
        Scope {
            all_tags,
            paths: Some(Arc::new(paths)),
        },
        label,
    )
}
