//! The library scan as a streaming job: the cache's rows and their reading
//! states first, then the rows the walk reads, gathered into few enough
//! messages that the screen rebuilds its list a handful of times, not once
//! per file; at the end, what the cache learnt is written back.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::library::{Batch, Entry, Failure, LibraryCache, ScanOptions, scan_stream};
use crate::store::ReadingState;

use super::{MemoryOutput, StoreHandle};
use crate::tui::jobs::{Output, Reporter};

/// Rows are held at most this long before they are sent on.
const HOLD: Duration = Duration::from_millis(700);

/// Rows of a scan for the library screen.
#[derive(Debug, Clone, Default)]
pub struct ScanRows {
    /// Articles to add (replacing any row of the same path).
    pub entries: Vec<Entry>,
    /// Files that could not be read.
    pub failures: Vec<Failure>,
    /// Paths whose rows go: changed files read again, files gone.
    pub gone: Vec<PathBuf>,
    /// Files the walk has checked so far.
    pub seen: usize,
    /// How many files the cache knows of, when it knows any.
    pub total: Option<usize>,
    /// True for the last rows: the walk is over.
    pub done: bool,
}

impl ScanRows {
    fn len(&self) -> usize {
        self.entries.len() + self.failures.len()
    }
}

fn send(reporter: &Reporter, output: MemoryOutput) -> bool {
    reporter.send(Output::Memory(output))
}

/// The states of the articles under `root`, by relative path.
fn states_under(store: &StoreHandle, root: &Path) -> HashMap<PathBuf, ReadingState> {
    let found = store
        .with(|s| s.reading_states_under(&root.to_string_lossy()))
        .unwrap_or_default();
    found
        .into_iter()
        .filter_map(|(key, state)| {
            let rel = Path::new(&key).strip_prefix(root).ok()?;
            Some((rel.to_path_buf(), state))
        })
        .collect()
}

/// Scans `dir` through the store's cache (if any), streaming rows to the
/// library screen; the last rows are the result.
pub fn scan_library(
    dir: &Path,
    options: ScanOptions,
    store: Option<&StoreHandle>,
    reporter: &Reporter,
) -> MemoryOutput {
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let root_key = root.to_string_lossy().into_owned();
    if let Some(store) = store {
        let states = states_under(store, &root);
        let root = root.clone();
        if !send(reporter, MemoryOutput::States { root, states }) {
            return MemoryOutput::Written;
        }
    }
    let cache: LibraryCache = store
        .and_then(|s| s.with(|st| st.load_library(&root_key)))
        .unwrap_or_default();
    let cached: HashSet<PathBuf> = cache.keys().cloned().collect();
    let total = (!cache.is_empty()).then_some(cache.len());
    let rx = match scan_stream(dir, options, cache) {
        Ok(rx) => rx,
        Err(e) => return MemoryOutput::ScanFailed(e.to_string()),
    };
    let mut out = ScanRows {
        total,
        ..ScanRows::default()
    };
    let mut shown = 0usize;
    let mut last = Instant::now();
    let mut report = None;
    while report.is_none() {
        let Ok(batch) = rx.recv() else { break };
        match batch {
            Batch::Cached(entries) => out.entries.extend(entries),
            Batch::Read {
                entries,
                failures,
                seen,
            } => {
                out.gone.extend(
                    entries
                        .iter()
                        .map(|e| &e.path)
                        .chain(failures.iter().map(|f| &f.path))
                        .filter(|p| cached.contains(*p))
                        .cloned(),
                );
                out.entries.extend(entries);
                out.failures.extend(failures);
                out.seen = seen;
            }
            Batch::Progress { seen } => out.seen = seen,
            Batch::Done(r) => {
                out.seen = r.files;
                report = Some(r);
                break;
            }
        }
        // The first rows at once; then each message at least doubles what
        // is shown, or waits no longer than HOLD.
        let n = out.len();
        let due = (shown == 0 && n > 0) || n >= shown.max(1024) || last.elapsed() >= HOLD;
        if due {
            shown += n;
            last = Instant::now();
            let rows = std::mem::take(&mut out);
            out.total = total;
            out.seen = rows.seen;
            if !send(reporter, MemoryOutput::Rows(Box::new(rows))) {
                return MemoryOutput::Written;
            }
        }
    }
    let report = report.unwrap_or_default();
    out.gone.extend(report.removed.iter().cloned());
    out.done = true;
    if let Some(store) = store {
        store.with(|s| s.save_library(&root_key, &report.changed, &report.removed));
    }
    MemoryOutput::Rows(Box::new(out))
}
