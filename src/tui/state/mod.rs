//! Reading state in the TUI: the store shared with background jobs (opened
//! on first use), the jobs that read and write it (a reader's place, read
//! marks, the library's scan through the cache) and what they produce. When
//! to ask for them is the app's part (`app::memory`). A feature leaf: it
//! names the runtime and the library's scan, never the app.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::store::{ReadingState, Visit};

use super::library::scan::{ScanRows, scan_library};
use super::runtime::{JobId, Reporter};

mod handle;

pub use handle::StoreHandle;

/// How often a changed place is saved while reading.
pub const SAVE_EVERY: Duration = Duration::from_secs(3);

/// The app's memory: the store (none with `--no-state`) and the writes on
/// their way.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    /// The store; `None` runs without memory.
    pub store: Option<StoreHandle>,
    /// Writes queued or running: done again at exit if they have not come
    /// back, so that quitting right after leaving a reader loses nothing.
    pub pending: HashMap<JobId, MemoryJob>,
}

impl Memory {
    /// Memory kept in the store at `path`.
    pub fn at(path: &Path) -> Memory {
        Memory {
            store: Some(StoreHandle::at(path)),
            pending: HashMap::new(),
        }
    }

    /// The memory a run asks for: none with `--no-state` (or
    /// `QUIRE_NO_STATE`), else the store at its usual place.
    pub fn for_run(no_state: bool) -> Memory {
        if crate::store::disabled(no_state) {
            return Memory::default();
        }
        match crate::store::default_path() {
            Some(path) => Memory::at(&path),
            None => Memory::default(),
        }
    }

    /// True when there is a store to remember in.
    pub fn enabled(&self) -> bool {
        self.store.is_some()
    }
}

/// What a memory job does.
#[derive(Debug, Clone)]
pub enum MemoryJob {
    /// An article was opened: find its key, read its state, note the time.
    Opened {
        /// The article's file as opened.
        path: PathBuf,
    },
    /// Save a stretch of reading.
    Save {
        /// The article's key (its canonical path).
        key: String,
        /// What to save.
        visit: Visit,
    },
    /// Mark an article read or unread by hand.
    MarkRead {
        /// The article's key.
        key: String,
        /// Read or unread.
        read: bool,
    },
    /// Remember what a terminal answered when asked for its background.
    Answer {
        /// The terminal's key ([`crate::store::terminal_key`]).
        terminal: String,
        /// Its answer.
        answer: crate::store::Answer,
    },
    /// Scan a library folder through the cache, streaming its rows.
    Scan {
        /// The folder.
        dir: PathBuf,
        /// The walk's rules.
        options: crate::library::ScanOptions,
        /// The screen's order: the cache's first rows are the first in it.
        sort: crate::library::Sort,
    },
    /// Scan a library folder again under rows already on screen (`R`, a
    /// change seen): the cache's rows are not sent again, only what changed
    /// since it was written.
    Rescan {
        /// The folder.
        dir: PathBuf,
        /// The walk's rules.
        options: crate::library::ScanOptions,
    },
}

/// What a memory job produced.
#[derive(Debug, Clone)]
pub enum MemoryOutput {
    /// The key and state of an opened article (`None`: no memory for it).
    Opened(Option<(String, ReadingState)>),
    /// A write went through (or failed; the warning is kept).
    Written,
    /// Rows of a library scan, and how far it got.
    Rows(Box<ScanRows>),
    /// The library's canonical root and the states of its articles by
    /// relative path.
    States {
        /// The canonical folder: article keys hang off it.
        root: PathBuf,
        /// States by relative path.
        states: HashMap<PathBuf, ReadingState>,
    },
    /// The folder could not be scanned.
    ScanFailed(String),
}

impl MemoryJob {
    /// True for the scans, which stream until their walk ends.
    pub fn long_running(&self) -> bool {
        matches!(self, MemoryJob::Scan { .. } | MemoryJob::Rescan { .. })
    }

    /// Does the work on `store` (none: only the scan has something to do).
    pub fn run(
        self,
        store: Option<&StoreHandle>,
        reporter: &Reporter<MemoryOutput>,
    ) -> MemoryOutput {
        match self {
            MemoryJob::Opened { path } => {
                let Some(store) = store else {
                    return MemoryOutput::Opened(None);
                };
                // An article read by address keeps its place under its URL.
                let key = match crate::remote::url_key(&path) {
                    Some(url) => url,
                    None => match std::fs::canonicalize(&path) {
                        Ok(canonical) => canonical.to_string_lossy().into_owned(),
                        Err(_) => return MemoryOutput::Opened(None),
                    },
                };
                let state = store.with(|s| {
                    let state = s.reading_state(&key)?;
                    s.mark_opened(&key)?;
                    Ok(state)
                });
                MemoryOutput::Opened(state.map(|st| (key, st)))
            }
            MemoryJob::Save { key, visit } => {
                if let Some(store) = store {
                    store.with(|s| s.save_position(&key, &visit));
                }
                MemoryOutput::Written
            }
            MemoryJob::MarkRead { key, read } => {
                if let Some(store) = store {
                    store.with(|s| s.mark_read(&key, read));
                }
                MemoryOutput::Written
            }
            MemoryJob::Answer { terminal, answer } => {
                if let Some(store) = store {
                    store.with(|s| s.save_answer(&terminal, answer));
                }
                MemoryOutput::Written
            }
            MemoryJob::Scan { dir, options, sort } => {
                scan_library(&dir, options, store, reporter, Some(sort))
            }
            MemoryJob::Rescan { dir, options } => {
                scan_library(&dir, options, store, reporter, None)
            }
        }
    }
}
