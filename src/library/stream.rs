//! A scan as a stream of batches: cached rows first, then rows read from new
//! or changed files as the walk finds them, then what the cache must learn.
//! Owned data in and out, so it runs on any thread.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use super::{Entry, Failure, Library};
use crate::Error;
use crate::article::Peek;

/// What the walk honours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanOptions {
    /// List everything: no `.gitignore`, `.ignore`, `.quireignore`, build
    /// folders or Jekyll `exclude:` (hidden names are still skipped).
    pub no_ignore: bool,
    /// Walker threads; 0 lets the walker choose.
    pub threads: usize,
}

/// What is known of one file from an earlier scan.
#[derive(Debug, Clone)]
pub struct Known {
    /// Its size in bytes then.
    pub size: u64,
    /// Its modification time then, in nanoseconds since the epoch.
    pub mtime_ns: i64,
    /// What was read from it.
    pub peek: Peek,
}

/// A library's cache: relative path to what is known of that file.
pub type LibraryCache = HashMap<PathBuf, Known>;

/// What tells a file unchanged since it was read: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since the epoch.
    pub mtime_ns: i64,
}

/// The files a cache knows, by relative path: all a walk needs to decide
/// which files to read again, without holding their rows.
pub type Stamps = HashMap<PathBuf, Stamp>;

/// The stamps of every file `cache` knows.
pub fn stamps_of(cache: &LibraryCache) -> Stamps {
    cache
        .iter()
        .map(|(rel, k)| {
            let stamp = Stamp {
                size: k.size,
                mtime_ns: k.mtime_ns,
            };
            (rel.clone(), stamp)
        })
        .collect()
}

/// The stamps of a cache still being read: the walk starts once the cache's
/// first rows are out ([`LaterStamps::go`], or a few milliseconds), reads
/// every file it meets before the stamps are known (a row read again is
/// the same row), and waits for them only at its end, to tell which cached
/// files are gone. A library's first rows so need neither the store nor
/// its cache.
#[derive(Debug, Clone, Default)]
pub struct LaterStamps(Arc<Later>);

#[derive(Debug, Default)]
struct Later {
    stamps: OnceLock<Stamps>,
    /// Whether the walk may start and whether the stamps are known.
    ready: Mutex<Ready>,
    known: Condvar,
}

#[derive(Debug, Default, Clone, Copy)]
struct Ready {
    /// True once [`LaterStamps::go`] or [`LaterStamps::set`] was called.
    go: bool,
    /// True once [`LaterStamps::set`] was called.
    stamps: bool,
    /// True when the walk started without being let go: the store is new,
    /// slow or busy, and its stamps are not worth waiting for again.
    late: bool,
}

impl LaterStamps {
    /// Stamps known from the start.
    pub fn known(stamps: Stamps) -> LaterStamps {
        let later = LaterStamps::default();
        later.set(stamps);
        later
    }

    /// Gives the walk the cache's stamps; only the first call counts.
    pub fn set(&self, stamps: Stamps) {
        let _ = self.0.stamps.set(stamps);
        self.update(|ready| {
            ready.go = true;
            ready.stamps = true;
        });
    }

    /// Lets the walk start before the stamps are known: the cache's first
    /// rows are out, or it has none. Until then (or [`WALK_GRACE`]) the
    /// walk waits, so that a cached library's first rows have the machine
    /// to themselves.
    pub fn go(&self) {
        self.update(|ready| ready.go = true);
    }

    fn update(&self, change: impl FnOnce(&mut Ready)) {
        let mut ready = self.0.ready.lock().unwrap_or_else(|p| p.into_inner());
        change(&mut ready);
        self.0.known.notify_all();
    }

    /// Waits until the walk may start, at most `limit`.
    fn wait_go(&self, limit: std::time::Duration) {
        let ready = self.0.ready.lock().unwrap_or_else(|p| p.into_inner());
        let (mut ready, _) = self
            .0
            .known
            .wait_timeout_while(ready, limit, |ready| !ready.go)
            .unwrap_or_else(|p| p.into_inner());
        ready.late = !ready.go;
    }

    /// True when the walk started before it was let go (see [`Ready::late`]).
    pub(super) fn late(&self) -> bool {
        self.0.ready.lock().unwrap_or_else(|p| p.into_inner()).late
    }

    /// The stamps, once they are known.
    pub fn get(&self) -> Option<&Stamps> {
        self.0.stamps.get()
    }

    /// Waits until the stamps are known.
    pub(super) fn wait(&self) -> Option<&Stamps> {
        let mut ready = self.0.ready.lock().unwrap_or_else(|p| p.into_inner());
        while !ready.stamps {
            ready = self.0.known.wait(ready).unwrap_or_else(|p| p.into_inner());
        }
        drop(ready);
        self.get()
    }

    /// Waits at most `limit` for the stamps.
    pub(super) fn wait_for(&self, limit: std::time::Duration) -> Option<&Stamps> {
        let ready = self.0.ready.lock().unwrap_or_else(|p| p.into_inner());
        let (ready, _) = self
            .0
            .known
            .wait_timeout_while(ready, limit, |ready| !ready.stamps)
            .unwrap_or_else(|p| p.into_inner());
        drop(ready);
        self.get()
    }
}

/// Where a walk's batches go: a channel, or the caller's own sink.
pub type BatchSink = Arc<dyn Fn(Batch) + Send + Sync>;

/// Cached rows go out in chunks of this many, so the first arrives at once.
const CACHED_CHUNK: usize = 4096;

/// One step of a streaming scan.
#[derive(Debug)]
pub enum Batch {
    /// Rows from the cache (shown at once; a later batch may replace or
    /// remove some).
    Cached(Vec<Entry>),
    /// Rows read from new or changed files (replacing any row of the same
    /// path), files that failed, and how many files the walk has checked.
    Read {
        /// Articles read.
        entries: Vec<Entry>,
        /// Files that could not be read.
        failures: Vec<Failure>,
        /// Files checked so far.
        seen: usize,
    },
    /// The walk checked `seen` files so far, nothing new among the last.
    Progress {
        /// Files checked so far.
        seen: usize,
    },
    /// The walk is over.
    Done(ScanReport),
}

/// What a finished scan learnt that the cache does not know yet.
#[derive(Debug, Default)]
pub struct ScanReport {
    /// Cached files that are gone (their rows drop out).
    pub removed: Vec<PathBuf>,
    /// Files read this time, for the cache.
    pub changed: Vec<(PathBuf, Known)>,
    /// Files the walk found.
    pub files: usize,
}

/// Starts scanning `dir` on a thread of its own and returns the batches as
/// they come: `cache`'s rows first, then what the walk reads, then
/// [`Batch::Done`]. Only a `dir` that is missing or not a folder is an error.
pub fn scan_stream(
    dir: &Path,
    options: ScanOptions,
    cache: LibraryCache,
) -> Result<Receiver<Batch>, Error> {
    check_folder(dir)?;
    spawn(dir, move |root, tx| {
        send_cached(cache.iter(), &tx);
        let stamps = LaterStamps::known(stamps_of(&cache));
        walk_known(root, &options, &stamps, into_channel(tx));
    })
}

/// Starts walking `dir` on a thread of its own, like [`scan_stream`] but
/// without any cached rows: the caller has shown them already and gives
/// only their [`Stamps`], so unchanged files are neither read nor sent.
pub fn walk_stream(
    dir: &Path,
    options: ScanOptions,
    stamps: Stamps,
) -> Result<Receiver<Batch>, Error> {
    check_folder(dir)?;
    let stamps = LaterStamps::known(stamps);
    spawn(dir, move |root, tx| {
        walk_known(root, &options, &stamps, into_channel(tx));
    })
}

/// How long a walk waits for [`LaterStamps::go`] before it starts anyway:
/// a store that is there has its first rows out well within it (about a
/// millisecond: opened, the reading states and 120 rows read); a new or
/// busy one holds the walk back no longer.
const WALK_GRACE: std::time::Duration = std::time::Duration::from_millis(3);

/// Starts walking `dir` on a thread of its own before the cache's stamps
/// are known ([`LaterStamps`]), once the walk may start
/// ([`LaterStamps::go`], or [`WALK_GRACE`]), handing each batch to `sink`
/// (last: [`Batch::Done`], once the stamps are known).
pub fn walk_later(
    dir: &Path,
    options: ScanOptions,
    stamps: LaterStamps,
    sink: BatchSink,
) -> Result<(), Error> {
    check_folder(dir)?;
    let root = dir.to_path_buf();
    std::thread::Builder::new()
        .name("quire-scan".into())
        .spawn(move || {
            stamps.wait_go(WALK_GRACE);
            walk_known(&root, &options, &stamps, sink);
        })
        .map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?;
    Ok(())
}

/// A sink into `tx` (a dropped receiver only means nobody wants the rows).
fn into_channel(tx: mpsc::Sender<Batch>) -> BatchSink {
    Arc::new(move |batch| {
        let _ = tx.send(batch);
    })
}

fn spawn(
    dir: &Path,
    work: impl FnOnce(&Path, mpsc::Sender<Batch>) + Send + 'static,
) -> Result<Receiver<Batch>, Error> {
    let (tx, rx) = mpsc::channel();
    let root = dir.to_path_buf();
    std::thread::Builder::new()
        .name("quire-scan".into())
        .spawn(move || work(&root, tx))
        .map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?;
    Ok(rx)
}

/// Checks that `dir` is there, is a folder and can be listed: what makes a
/// scan fail. The TUI asks it before the terminal is taken, so that the
/// error is a plain message.
pub fn check_folder(dir: &Path) -> Result<(), Error> {
    let read = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let meta = fs::metadata(dir).map_err(read)?;
    if !meta.is_dir() {
        return Err(Error::NotAFolder {
            path: dir.to_path_buf(),
        });
    }
    fs::read_dir(dir).map_err(read)?;
    Ok(())
}

fn send_cached<'a>(
    cache: impl Iterator<Item = (&'a PathBuf, &'a Known)>,
    tx: &mpsc::Sender<Batch>,
) {
    let mut chunk = Vec::new();
    for (rel, known) in cache {
        chunk.push(Entry::new(rel.clone(), known.size, known.peek.clone()));
        if chunk.len() == CACHED_CHUNK {
            let _ = tx.send(Batch::Cached(std::mem::take(&mut chunk)));
        }
    }
    if !chunk.is_empty() {
        let _ = tx.send(Batch::Cached(chunk));
    }
}

fn walk_known(root: &Path, options: &ScanOptions, stamps: &LaterStamps, sink: BatchSink) {
    let walked = super::scan::walk(root, options, stamps, Arc::clone(&sink));
    let files = walked.found.len();
    let empty = Stamps::new();
    let stamps = stamps.wait().unwrap_or(&empty);
    // Usually every cached file is still there: no set to build.
    let mut removed = Vec::new();
    if walked.cached_found < stamps.len() {
        let found: HashSet<PathBuf> = walked.found.into_iter().collect();
        removed = stamps
            .keys()
            .filter(|k| !found.contains(*k))
            .cloned()
            .collect();
        removed.sort_by(|a, b| super::path_order(a, b));
    }
    let changed = walked.changed;
    sink(Batch::Done(ScanReport {
        removed,
        changed,
        files,
    }));
}

/// Gathers batches into a [`Library`]. Rows are kept in arrival order and
/// settled once at the end (a later row of a path replaces an earlier one),
/// so taking in a hundred thousand cached rows hashes no path.
#[derive(Debug)]
pub struct Collector {
    root: PathBuf,
    entries: Vec<Entry>,
    failures: Vec<Failure>,
    /// Paths whose rows drop out: failed or removed files.
    dropped: HashSet<PathBuf>,
    report: Option<ScanReport>,
}

impl Collector {
    /// An empty collector for the library at `root`.
    pub fn new(root: PathBuf) -> Collector {
        Collector {
            root,
            entries: Vec::new(),
            failures: Vec::new(),
            dropped: HashSet::new(),
            report: None,
        }
    }

    /// Takes in one batch.
    pub fn apply(&mut self, batch: Batch) {
        match batch {
            Batch::Cached(entries) => self.entries.extend(entries),
            Batch::Read {
                entries, failures, ..
            } => {
                self.dropped.extend(failures.iter().map(|f| f.path.clone()));
                self.entries.extend(entries);
                self.failures.extend(failures);
            }
            Batch::Progress { .. } => {}
            Batch::Done(report) => {
                self.dropped.extend(report.removed.iter().cloned());
                self.report = Some(report);
            }
        }
    }

    /// True once [`Batch::Done`] came in.
    pub fn is_done(&self) -> bool {
        self.report.is_some()
    }

    /// The library so far, and the report once the scan is done.
    pub fn finish(self) -> (Library, Option<ScanReport>) {
        let mut entries = self.entries;
        // Stable: rows of one path stay in arrival order, the last wins.
        entries.sort_by(|a, b| super::path_order(&a.path, &b.path));
        let mut settled: Vec<Entry> = Vec::with_capacity(entries.len());
        for entry in entries {
            if settled.last().is_some_and(|last| last.path == entry.path) {
                settled.pop();
            }
            settled.push(entry);
        }
        if !self.dropped.is_empty() {
            settled.retain(|e| !self.dropped.contains(&e.path));
        }
        (
            Library::from_parts(self.root, settled, self.failures),
            self.report,
        )
    }
}

/// Scans `dir` to the end: the library, and what the cache should learn.
pub fn scan_with(
    dir: &Path,
    options: ScanOptions,
    cache: LibraryCache,
) -> Result<(Library, ScanReport), Error> {
    let rx = scan_stream(dir, options, cache)?;
    let mut collector = Collector::new(dir.to_path_buf());
    for batch in rx {
        collector.apply(batch);
    }
    let (library, report) = collector.finish();
    Ok((library, report.unwrap_or_default()))
}

/// Scans `dir` into a [`Library`] with the default rules and no cache.
/// Only a `dir` that is missing or not a folder is an error; every file or
/// folder inside that cannot be read becomes a [`Failure`].
pub fn scan(dir: &Path) -> Result<Library, Error> {
    Ok(scan_with(dir, ScanOptions::default(), LibraryCache::new())?.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn may_go(later: &LaterStamps) -> bool {
        later.0.ready.lock().is_ok_and(|ready| ready.go)
    }

    #[test]
    fn go_lets_the_walk_start_without_the_stamps() {
        let later = LaterStamps::default();
        later.go();
        assert!(may_go(&later));
        assert!(later.get().is_none(), "go gives no stamps");
        // Let go: not late, however short the wait.
        later.wait_go(std::time::Duration::ZERO);
        assert!(!later.late());
        assert!(later.wait_for(std::time::Duration::ZERO).is_none());
    }

    #[test]
    fn stamps_let_the_walk_start_too() {
        let later = LaterStamps::default();
        assert!(!may_go(&later), "a walk waits at first");
        let mut stamps = Stamps::new();
        let stamp = Stamp {
            size: 3,
            mtime_ns: 7,
        };
        stamps.insert(PathBuf::from("a.md"), stamp);
        later.set(stamps);
        later.wait_go(std::time::Duration::ZERO);
        assert!(!later.late());
        assert_eq!(later.wait().map(Stamps::len), Some(1));
        assert!(may_go(&LaterStamps::known(Stamps::new())));
    }

    #[test]
    fn a_walk_not_let_go_in_time_is_late_and_one_let_go_is_not() {
        let slow = LaterStamps::default();
        slow.wait_go(std::time::Duration::ZERO);
        assert!(slow.late(), "the store did not answer in time");
        let quick = LaterStamps::default();
        quick.go();
        quick.wait_go(std::time::Duration::ZERO);
        assert!(!quick.late());
    }
}
