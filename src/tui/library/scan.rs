//! The library scan as a streaming job: the cache's rows and their reading
//! states first, then the rows the walk reads, gathered into few enough
//! messages that the screen rebuilds its list a handful of times, not once
//! per file; at the end, what the cache learnt is written back.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::library::{Batch, Entry, Failure, ScanOptions, Stamps, walk_stream};
use crate::store::ReadingState;

use crate::tui::runtime::Reporter;
use crate::tui::state::{MemoryOutput, StoreHandle};

/// Rows are held at most this long before they are sent on.
const HOLD: Duration = Duration::from_millis(700);

/// Rows of a scan for the library screen.
#[derive(Debug, Clone, Default)]
pub struct ScanRows {
    /// Articles to add (replacing any row of the same path).
    pub entries: Vec<Entry>,
    /// Files that could not be read.
    pub failures: Vec<Failure>,
    /// Paths whose rows go: files gone. (A row in `entries` or `failures`
    /// replaces the row of its path.)
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

/// The states of the articles under `root`, by relative path.
fn states_under(store: &StoreHandle, root: &Path) -> HashMap<PathBuf, ReadingState> {
    let found = store
        .read_unchecked(|s| s.reading_states_under(&root.to_string_lossy()))
        .unwrap_or_default();
    found
        .into_iter()
        .filter_map(|(key, state)| {
            let rel = Path::new(&key).strip_prefix(root).ok()?;
            Some((rel.to_path_buf(), state))
        })
        .collect()
}

/// Cached rows in the first message: a few screenfuls, read in about a
/// millisecond, so the library shows before the rest of the cache is read
/// (400 took 3-6 ms of a 2,000-article library's first screen on a loaded
/// machine: decoded, sent, sorted and filtered before any row showed).
const FIRST_PAGE: usize = 120;

/// Cached rows read at a time after the first page.
const PAGE: usize = 4096;

/// Gathers rows and decides when they go to the screen: the first at once,
/// then each message at least doubles what is shown (so the screen takes
/// in a hundred thousand rows a handful of times, not once per page), or
/// waits no longer than [`HOLD`].
struct Sender<'a> {
    send: &'a dyn Fn(MemoryOutput) -> bool,
    out: ScanRows,
    shown: usize,
    last: Instant,
    /// The reading states, sent just before the first rows: the screen
    /// takes both in one wake and draws its first rows with their marks
    /// (sent alone, they woke it for a frame with no rows first).
    states: Option<MemoryOutput>,
}

impl Sender<'_> {
    /// Sends the reading states if they have not gone yet; false once
    /// nobody listens any more.
    fn states_first(&mut self) -> bool {
        self.states.take().is_none_or(|states| (self.send)(states))
    }

    /// Sends what is gathered if it is due (or `now`); false once nobody
    /// listens any more.
    fn offer(&mut self, now: bool) -> bool {
        let n = self.out.len() + self.out.gone.len();
        let due = (self.shown == 0 && n > 0)
            || n >= self.shown.max(1024)
            || (n > 0 && (now || self.last.elapsed() >= HOLD));
        if !due {
            return true;
        }
        if !self.states_first() {
            return false;
        }
        self.shown += n;
        self.last = Instant::now();
        let rows = ScanRows {
            total: self.out.total,
            seen: self.out.seen,
            ..std::mem::take(&mut self.out)
        };
        self.out.total = rows.total;
        self.out.seen = rows.seen;
        (self.send)(MemoryOutput::Rows(Box::new(rows)))
    }
}

/// Streams the cache of `root_key` to the screen page by page, returning
/// the stamps of the files it knows; `None` once nobody listens.
fn send_cached(store: &StoreHandle, root_key: &str, tx: &mut Sender<'_>) -> Option<Stamps> {
    let mut stamps = Stamps::new();
    let mut listening = true;
    store.read_unchecked(|s| {
        s.read_library(root_key, FIRST_PAGE, PAGE, |files| {
            // A short page is the last: it goes below, with the total.
            let full = files.len() >= if stamps.is_empty() { FIRST_PAGE } else { PAGE };
            tx.out.entries.reserve(files.len());
            for f in files {
                stamps.insert(f.rel.clone(), f.stamp);
                tx.out.entries.push(Entry::new(f.rel, f.stamp.size, f.peek));
            }
            listening = !full || tx.offer(false);
            listening
        })
    });
    // Everything cached is on screen before the walk starts, and the
    // progress line knows how many files to expect.
    if !stamps.is_empty() {
        tx.out.total = Some(stamps.len());
    }
    (listening && tx.offer(true)).then_some(stamps)
}

/// Scans `dir` through the store's cache (if any), streaming rows to the
/// library screen; the last rows are the result. With `show_cached` the
/// cached rows go first, a page at a time (without, the screen has them:
/// a rescan); then the walk stats every file and reads only those that are
/// new or changed.
pub fn scan_library(
    dir: &Path,
    options: ScanOptions,
    store: Option<&StoreHandle>,
    reporter: &Reporter<MemoryOutput>,
    show_cached: bool,
) -> MemoryOutput {
    let send = |output: MemoryOutput| reporter.send(output);
    if let Err(e) = crate::library::check_folder(dir) {
        return MemoryOutput::ScanFailed(e.to_string());
    }
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let root_key = root.to_string_lossy().into_owned();
    let mut tx = Sender {
        send: &send,
        out: ScanRows::default(),
        shown: 0,
        last: Instant::now(),
        states: None,
    };
    let mut stamps = Stamps::new();
    if let Some(store) = store {
        let states = states_under(store, &root);
        let root = root.clone();
        tx.states = Some(MemoryOutput::States { root, states });
        // A rescan's rows are on screen, and an article opened from them
        // meanwhile would learn a newer state than these: they go now.
        if !show_cached && !tx.states_first() {
            return MemoryOutput::Written;
        }
        if show_cached {
            match send_cached(store, &root_key, &mut tx) {
                Some(known) => stamps = known,
                None => return MemoryOutput::Written,
            }
        } else {
            stamps = store
                .with(|s| s.library_stamps(&root_key))
                .unwrap_or_default();
            tx.out.total = (!stamps.is_empty()).then_some(stamps.len());
        }
    }
    let rx = match walk_stream(dir, options, stamps) {
        Ok(rx) => rx,
        Err(e) => return MemoryOutput::ScanFailed(e.to_string()),
    };
    if let Some(store) = store {
        // The integrity check the first read skipped, while the walk runs.
        store.with(|_| Ok(()));
    }
    let mut report = None;
    while report.is_none() {
        let Ok(batch) = rx.recv() else { break };
        let out = &mut tx.out;
        match batch {
            // The walk sends no cached rows: they went first.
            Batch::Cached(entries) => out.entries.extend(entries),
            Batch::Read {
                entries,
                failures,
                seen,
            } => {
                // A row read again replaces the row of its path on screen.
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
        if !tx.offer(false) {
            return MemoryOutput::Written;
        }
    }
    let report = report.unwrap_or_default();
    if !tx.states_first() {
        return MemoryOutput::Written;
    }
    let mut out = tx.out;
    out.gone.extend(report.removed.iter().cloned());
    out.done = true;
    if let Some(store) = store {
        store.with(|s| s.save_library(&root_key, &report.changed, &report.removed));
    }
    MemoryOutput::Rows(Box::new(out))
}
