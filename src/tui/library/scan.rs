//! The library scan as a streaming job: the store is opened and its
//! cached rows read while the walk waits for them at most a few
//! milliseconds (a new store's walk does not wait), so the first rows are
//! the cache's when it answers in time, else the walk's, and the reading
//! states follow when the store answers; the rows are gathered into few enough messages that the screen
//! rebuilds its list a handful of times, not once per file; at the end,
//! what the cache learnt is written back.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::library::{Batch, Entry, Failure, LaterStamps, ScanOptions, Sort, Stamps, walk_stream};
use crate::store::ReadingState;

use crate::tui::runtime::Reporter;
use crate::tui::state::{MemoryOutput, StoreHandle};

/// Rows are held at most this long before they are sent on.
const HOLD: Duration = Duration::from_millis(700);

/// How long a first scan runs before its progress shows in the header.
const SHOW_PROGRESS: Duration = Duration::from_millis(300);

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
    /// While a first scan's cached rows are still coming: how many the
    /// cache holds, so that the screen counts them from its first rows.
    pub known: Option<usize>,
    /// True for the last rows: the walk is over.
    pub done: bool,
    /// True while a first scan is too young for its progress to be worth a
    /// mark ([`SHOW_PROGRESS`]): the list says the folder is being read, and
    /// a cached library's check is over before a mark could be read (it
    /// would only cost a redraw of the header as it comes and goes).
    pub quiet: bool,
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
    /// The reading states, sent just before the first rows when the store
    /// answers before any row is out: the screen takes both in one wake and
    /// draws its first rows with their marks (sent alone, they woke it for
    /// a frame with no rows first). After the first rows they go at once.
    states: Option<MemoryOutput>,
    /// The library's canonical folder, as the cache keys it.
    root_key: String,
    /// When a first scan began (its progress shows [`SHOW_PROGRESS`]
    /// later); `None` for a rescan, whose progress shows at once.
    began: Option<Instant>,
    /// Files checked as last sent.
    seen_sent: usize,
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
        let quiet = self.began.is_some_and(|t| t.elapsed() < SHOW_PROGRESS);
        // A walk that finds nothing new still says how far it got, once
        // its progress shows, no more often than rows would go.
        let progress = !quiet && self.out.seen != self.seen_sent && self.last.elapsed() >= HOLD;
        let due = (self.shown == 0 && n > 0)
            || n >= self.shown.max(1024)
            || (n > 0 && (now || self.last.elapsed() >= HOLD))
            || progress;
        if !due {
            return true;
        }
        if !self.states_first() {
            return false;
        }
        self.shown += n;
        self.last = Instant::now();
        self.seen_sent = self.out.seen;
        let rows = ScanRows {
            total: self.out.total,
            known: self.out.known,
            seen: self.out.seen,
            quiet,
            ..std::mem::take(&mut self.out)
        };
        self.out.total = rows.total;
        self.out.known = rows.known;
        self.out.seen = rows.seen;
        (self.send)(MemoryOutput::Rows(Box::new(rows)))
    }
}

/// What reaches the scan job while the walk and the store work side by side.
enum Step {
    /// A batch of the walk.
    Walk(Batch),
    /// The reading states: the store has answered.
    States(MemoryOutput),
    /// How many files the cache knows, before its first page.
    Known(usize),
    /// A page of the cache's rows.
    Cached(Vec<Entry>),
    /// The cache is read: how many files it knows.
    CacheEnd(usize),
}

/// Gives the walk the stamps, and the scan the cache's end, when the
/// cache's reader ends without them (it stopped, or panicked), so that
/// neither waits for them forever.
struct CacheGuard<'a> {
    later: &'a LaterStamps,
    steps: &'a mpsc::Sender<Step>,
    ended: bool,
}

impl CacheGuard<'_> {
    /// The cache is read: `known` files.
    fn end(&mut self, known: usize) {
        self.ended = true;
        let _ = self.steps.send(Step::CacheEnd(known));
    }
}

impl Drop for CacheGuard<'_> {
    fn drop(&mut self) {
        if !self.ended {
            let _ = self.steps.send(Step::CacheEnd(0));
        }
        self.later.set(Stamps::new());
    }
}

/// The store's part of a first scan, beside the walk: the reading states,
/// the cache's rows page by page, then its stamps for the walk, and the
/// integrity check the first read skipped (the rows are out by then).
fn read_cache(
    store: &StoreHandle,
    root: &Path,
    sort: Sort,
    later: &LaterStamps,
    steps: &mpsc::Sender<Step>,
    stop: &AtomicBool,
) {
    let mut guard = CacheGuard {
        later,
        steps,
        ended: false,
    };
    if store.is_new() {
        // Nothing is cached in a store not made yet: the walk reads every
        // file it meets at once, without waiting while the store is made.
        later.set(Stamps::new());
    }
    let states = states_under(store, root);
    let states = MemoryOutput::States {
        root: root.to_path_buf(),
        states,
    };
    if steps.send(Step::States(states)).is_err() {
        return;
    }
    let mut stamps = Stamps::new();
    let root_key = root.to_string_lossy();
    // The count goes with the first rows, so that the header counts the
    // whole library from its first frame.
    let known = store
        .read_unchecked(|s| s.library_count(&root_key))
        .unwrap_or(0);
    if steps.send(Step::Known(known)).is_err() {
        return;
    }
    store.read_unchecked(|s| {
        s.read_library(&root_key, sort, FIRST_PAGE, PAGE, |files| {
            let mut page = Vec::with_capacity(files.len());
            for f in files {
                stamps.insert(f.rel.clone(), f.stamp);
                page.push(Entry::new(f.rel, f.stamp.size, f.peek));
            }
            let sent = steps.send(Step::Cached(page)).is_ok();
            // The first rows are on their way: the walk may start.
            later.go();
            sent && !stop.load(Ordering::Relaxed)
        })
    });
    later.go();
    // The end goes before the stamps: the walk's last batch, which waits
    // for them, comes after it.
    guard.end(stamps.len());
    later.set(stamps);
    store.with(|_| Ok(()));
}

/// A first scan with a store: the store's part starts at once and the walk
/// once the cache's first rows are out (at most [`crate::library::LaterStamps`]'s
/// grace later), and their rows go to the screen as they come (the first
/// rows need neither the store nor its cache); the walk reads files it
/// meets before the cache's stamps are known, and such a row wins over
/// the cache's.
fn first_scan(
    dir: &Path,
    options: ScanOptions,
    store: &StoreHandle,
    root: &Path,
    sort: Sort,
    tx: &mut Sender<'_>,
) -> MemoryOutput {
    let (steps_tx, steps) = mpsc::channel();
    let later = LaterStamps::default();
    let walk_tx = steps_tx.clone();
    let sink = Arc::new(move |batch| {
        let _ = walk_tx.send(Step::Walk(batch));
    });
    if let Err(e) = crate::library::walk_later(dir, options, later.clone(), sink) {
        return MemoryOutput::ScanFailed(e.to_string());
    }
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (later, stop) = (&later, &stop);
        let cache_tx = steps_tx.clone();
        let cache = move || read_cache(store, root, sort, later, &cache_tx, stop);
        let spawned = std::thread::Builder::new()
            .name("quire-cache".into())
            .spawn_scoped(scope, cache);
        if spawned.is_err() {
            // No thread to spare: the store first, as a rescan does.
            read_cache(store, root, sort, later, &steps_tx, stop);
        }
        // Only the walk and the store's part send now: if both end without
        // their last step (a panic), the steps end and so does the scan.
        drop(steps_tx);
        let out = forward(&steps, store.clone(), tx);
        stop.store(true, Ordering::Relaxed);
        out
    })
}

/// Takes the walk's and the store's steps until the walk is over, sending
/// rows as they are due; the last rows are the result ([`MemoryOutput::Written`]
/// once nobody listens).
fn forward(steps: &mpsc::Receiver<Step>, store: StoreHandle, tx: &mut Sender<'_>) -> MemoryOutput {
    // Paths the walk read before the cache's stamps were known: the cache's
    // rows of them may be older.
    let mut early: HashSet<PathBuf> = HashSet::new();
    let mut cache_done = false;
    let mut report = None;
    // The walk may end first (a new store's has nothing to wait for): the
    // states and the cache's end still come before the last rows.
    while report.is_none() || !cache_done {
        let Ok(step) = steps.recv() else { break };
        let mut now = false;
        match step {
            Step::Walk(batch) => {
                if !cache_done && let Batch::Read { entries, .. } = &batch {
                    early.extend(entries.iter().map(|e| e.path.clone()));
                }
                report = take_batch(&mut tx.out, batch);
            }
            Step::States(states) => {
                tx.states = Some(states);
                // Rows on screen already: the marks follow in a frame of their own.
                if tx.shown > 0 && !tx.states_first() {
                    return MemoryOutput::Written;
                }
            }
            Step::Known(known) => tx.out.known = (known > 0).then_some(known),
            Step::Cached(mut page) => {
                if !early.is_empty() {
                    page.retain(|e| !early.contains(&e.path));
                }
                tx.out.entries.extend(page);
            }
            Step::CacheEnd(known) => {
                cache_done = true;
                early = HashSet::new();
                tx.out.total = (known > 0).then_some(known);
                // Every cached row goes with this message.
                tx.out.known = None;
                now = true;
            }
        }
        if report.is_none() && !tx.offer(now) {
            return MemoryOutput::Written;
        }
    }
    finish(tx, report, Some(&store))
}

/// Takes one batch of the walk into `out`; the report once it is over.
fn take_batch(out: &mut ScanRows, batch: Batch) -> Option<crate::library::ScanReport> {
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
            return Some(r);
        }
    }
    None
}

/// The last rows of a scan, once its walk is over: the states if they have
/// not gone, the files gone, and what the cache learnt written back.
fn finish(
    tx: &mut Sender<'_>,
    report: Option<crate::library::ScanReport>,
    store: Option<&StoreHandle>,
) -> MemoryOutput {
    let report = report.unwrap_or_default();
    if !tx.states_first() {
        return MemoryOutput::Written;
    }
    let mut out = std::mem::take(&mut tx.out);
    out.gone.extend(report.removed.iter().cloned());
    out.done = true;
    if let Some(store) = store {
        let root_key = tx.root_key.clone();
        store.with(|s| s.save_library(&root_key, &report.changed, &report.removed));
    }
    MemoryOutput::Rows(Box::new(out))
}

/// Scans `dir` through the store's cache (if any), streaming rows to the
/// library screen; the last rows are the result. With `first` (a first
/// scan, its screen sorted so) the walk and the store's part start
/// together (see [`first_scan`]), the cache's first rows the first in that
/// order; without (a rescan, whose rows are on screen) the
/// reading states go first, then the walk stats every file and reads only
/// those that are new or changed since the cache was written.
pub fn scan_library(
    dir: &Path,
    options: ScanOptions,
    store: Option<&StoreHandle>,
    reporter: &Reporter<MemoryOutput>,
    first: Option<Sort>,
) -> MemoryOutput {
    let send = |output: MemoryOutput| reporter.send(output);
    if let Err(e) = crate::library::check_folder(dir) {
        return MemoryOutput::ScanFailed(e.to_string());
    }
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut tx = Sender {
        send: &send,
        out: ScanRows::default(),
        shown: 0,
        last: Instant::now(),
        states: None,
        root_key: root.to_string_lossy().into_owned(),
        began: first.map(|_| Instant::now()),
        seen_sent: 0,
    };
    if let (Some(sort), Some(store)) = (first, store) {
        return first_scan(dir, options, store, &root, sort, &mut tx);
    }
    let mut stamps = Stamps::new();
    if let Some(store) = store {
        let states = states_under(store, &root);
        tx.states = Some(MemoryOutput::States {
            root: root.clone(),
            states,
        });
        // A rescan's rows are on screen, and an article opened from them
        // meanwhile would learn a newer state than these: they go now.
        if !tx.states_first() {
            return MemoryOutput::Written;
        }
        stamps = store
            .with(|s| s.library_stamps(&tx.root_key))
            .unwrap_or_default();
        tx.out.total = (!stamps.is_empty()).then_some(stamps.len());
    }
    let rx = match walk_stream(dir, options, stamps) {
        Ok(rx) => rx,
        Err(e) => return MemoryOutput::ScanFailed(e.to_string()),
    };
    let mut report = None;
    while report.is_none() {
        let Ok(batch) = rx.recv() else { break };
        report = take_batch(&mut tx.out, batch);
        if report.is_none() && !tx.offer(false) {
            return MemoryOutput::Written;
        }
    }
    finish(&mut tx, report, store)
}
