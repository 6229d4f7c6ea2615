//! Finding and reading a folder's articles: a parallel walk (the `ignore`
//! crate, ripgrep's walker) that honours `.gitignore`, `.ignore` and
//! `.quireignore`, skips hidden names and a site's build folders, never loops
//! on symlinks, and reads each new or changed file on the walker's threads.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};

use super::sites::{Part, Sites};
use super::stream::{Batch, BatchSink, Known, LaterStamps, ScanOptions, Stamps};
use super::{Entry, Failure};
use crate::article;

/// Entries a visitor gathers before it sends them on.
const BATCH: usize = 256;

/// Entries a visitor sends first: a screenful of a usual terminal, so a
/// first scan shows rows before a whole batch is read (reading 48 took
/// 4 ms, median of 15 first starts on a loaded machine; the rows below a
/// screenful come with the next batch).
const FIRST_BATCH: usize = 24;

/// How long a visitor waits for the cache's stamps before it reads files
/// without them: a store that is there answers well within it (0.7-2 ms
/// measured on a loaded machine), so the cache's files are not read for
/// nothing; a new, slow or busy store holds the first rows back no longer.
const STORE_GRACE: Duration = Duration::from_millis(3);

/// True for `.md` and `.markdown` files, in any case.
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Reads one file into an entry, or a failure naming it.
fn read(
    root: &Path,
    rel: &Path,
    sites: &Sites,
    site: &Part,
) -> Result<(Entry, article::Peek), Failure> {
    let full = root.join(rel);
    let bytes = article::read_file(&full).map_err(|e| Failure {
        path: rel.to_path_buf(),
        error: e.reason(),
    })?;
    let mut peek = article::peek_in(&full, &bytes, &site.rules.reading);
    if site.is_headless(sites, &full) {
        peek.meta.headless = true;
    }
    Ok((
        Entry::new(rel.to_path_buf(), bytes.len() as u64, peek.clone()),
        peek,
    ))
}

/// A file's change stamp: its modification time, status-change time and
/// inode mixed into one number, compared with the one kept in the store to
/// tell a changed file. The modification time alone misses an edit that
/// keeps size and mtime (`cp -p`, `tar x` restore both); the status-change
/// time cannot be set back, and a file put in place by rename has another
/// inode.
pub(super) fn mtime_ns(meta: &fs::Metadata) -> i64 {
    use std::os::unix::fs::MetadataExt;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    let changed = (meta.ctime() as u64)
        .wrapping_mul(1_000_000_000)
        .wrapping_add(meta.ctime_nsec() as u64);
    // FNV-1a over the three numbers' bytes.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [modified, changed, meta.ino()] {
        for byte in part.to_le_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash as i64
}

/// The walker for `root` with the options' rules and those of the sites
/// it passes through.
fn walker(root: &Path, options: &ScanOptions, sites: &Arc<Sites>) -> WalkBuilder {
    let mut walk = WalkBuilder::new(root);
    walk.hidden(true)
        .follow_links(true)
        .git_global(false)
        .threads(options.threads);
    if options.no_ignore {
        walk.ignore(false)
            .git_ignore(false)
            .git_exclude(false)
            .parents(false);
    } else {
        walk.require_git(false)
            .add_custom_ignore_filename(".quireignore");
    }
    let sites = (!options.no_ignore).then(|| sites.clone());
    let canon_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let outside: Arc<Mutex<HashSet<PathBuf>>> = Arc::default();
    walk.filter_entry(move |entry| {
        if entry.depth() == 0 {
            return true;
        }
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if let Some(sites) = &sites
            && sites.of(entry.path()).skips(sites, entry.path(), is_dir)
        {
            return false;
        }
        if is_dir && entry.path_is_symlink() {
            // A link to a folder inside the library is reached directly; a
            // link to one outside is followed once, however many point at it.
            let Ok(target) = fs::canonicalize(entry.path()) else {
                return false;
            };
            if target.starts_with(&canon_root) {
                return false;
            }
            let mut seen = outside.lock().unwrap_or_else(|p| p.into_inner());
            return seen.insert(target);
        }
        true
    });
    walk
}

/// What every visitor shares.
struct Shared<'a> {
    root: &'a Path,
    /// The sites' rules: how their front matter reads, which pages are
    /// headless.
    sites: Arc<Sites>,
    /// The cache's stamps, once known: until then every file is read.
    cache: &'a LaterStamps,
    tx: BatchSink,
    seen: AtomicUsize,
    /// Files found that the cache knows.
    cached_found: AtomicUsize,
    /// Paths the walk found, changed or not: the rest of the cache is gone.
    found: Mutex<Vec<PathBuf>>,
    /// Rows read this time, for the cache.
    changed: Mutex<Vec<(PathBuf, Known)>>,
}

/// One walker thread's state; sends what it gathered when full and on drop.
struct Visitor<'a> {
    shared: &'a Shared<'a>,
    entries: Vec<Entry>,
    failures: Vec<Failure>,
    found: Vec<PathBuf>,
    changed: Vec<(PathBuf, Known)>,
    unsent: usize,
    /// Rows gathered before they are sent: [`FIRST_BATCH`], then [`BATCH`].
    limit: usize,
    /// Files read before the cache's stamps were known: past a first
    /// batch the visitor waits for them rather than read files the cache
    /// may know.
    blind: usize,
    /// True once the visitor waited [`STORE_GRACE`] for the stamps.
    waited: bool,
}

impl<'a> Visitor<'a> {
    fn flush(&mut self) {
        self.limit = BATCH;
        let seen = self.shared.seen.fetch_add(self.unsent, Ordering::Relaxed) + self.unsent;
        self.unsent = 0;
        if !self.entries.is_empty() || !self.failures.is_empty() {
            (self.shared.tx)(Batch::Read {
                entries: std::mem::take(&mut self.entries),
                failures: std::mem::take(&mut self.failures),
                seen,
            });
        } else {
            (self.shared.tx)(Batch::Progress { seen });
        }
        if !self.found.is_empty() {
            let mut all = self.shared.found.lock().unwrap_or_else(|p| p.into_inner());
            all.append(&mut self.found);
        }
        if !self.changed.is_empty() {
            let mut all = self
                .shared
                .changed
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            all.append(&mut self.changed);
        }
    }

    /// The cache's stamps, waiting for them only when they are late and
    /// a first batch was read without them.
    fn stamps(&mut self) -> Option<&'a Stamps> {
        let cache = self.shared.cache;
        if let Some(known) = cache.get() {
            return Some(known);
        }
        // A walk that already waited for the store in vain does not wait again.
        if !self.waited {
            self.waited = true;
            if !cache.late()
                && let Some(known) = cache.wait_for(STORE_GRACE)
            {
                return Some(known);
            }
        }
        if self.blind < FIRST_BATCH {
            self.blind += 1;
            return None;
        }
        cache.wait()
    }

    fn fail(&mut self, path: &Path, error: String) {
        let path = path
            .strip_prefix(self.shared.root)
            .unwrap_or(path)
            .to_path_buf();
        self.failures.push(Failure { path, error });
    }

    fn file(&mut self, entry: &DirEntry) {
        let full = entry.path();
        let rel = full
            .strip_prefix(self.shared.root)
            .unwrap_or(full)
            .to_path_buf();
        let meta = match entry.metadata() {
            Ok(meta) => meta,
            Err(e) => return self.fail(full, e.to_string()),
        };
        let (size, mtime_ns) = (meta.len(), mtime_ns(&meta));
        self.unsent += 1;
        if let Some(known) = self.stamps().and_then(|c| c.get(&rel)) {
            self.shared.cached_found.fetch_add(1, Ordering::Relaxed);
            if known.size == size && known.mtime_ns == mtime_ns {
                self.found.push(rel);
                return;
            }
        }
        let sites = &self.shared.sites;
        match read(self.shared.root, &rel, sites, &sites.of(full)) {
            Ok((entry, peek)) => {
                self.entries.push(entry);
                self.changed.push((
                    rel.clone(),
                    Known {
                        size,
                        mtime_ns,
                        peek,
                    },
                ));
                self.found.push(rel);
            }
            Err(failure) => self.failures.push(failure),
        }
    }

    fn error(&mut self, err: &ignore::Error) {
        let mut err = err;
        let mut path = None;
        loop {
            match err {
                ignore::Error::WithPath { path: p, err: e } => {
                    path = Some(p.as_path());
                    err = e;
                }
                ignore::Error::WithDepth { err: e, .. }
                | ignore::Error::WithLineNumber { err: e, .. } => err = e,
                _ => break,
            }
        }
        // A loop is the walk doing its job; a bad ignore file is not ours.
        let (Some(path), ignore::Error::Io(io)) = (path, err) else {
            return;
        };
        // A dangling link that looks like an article is worth reporting, as
        // is a folder that cannot be read; any other dangling link is not ours.
        let is_dir = fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
        if is_markdown(path) || is_dir {
            self.fail(path, io.to_string());
        }
    }
}

impl ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(entry) => {
                if entry.depth() > 0 && is_markdown(entry.path()) {
                    match entry.file_type() {
                        Some(t) if t.is_file() => self.file(&entry),
                        // A fifo or device named like an article: never
                        // opened, since opening a fifo blocks.
                        Some(t) if !t.is_dir() && !t.is_symlink() => {
                            self.fail(entry.path(), "not a regular file; skipped".to_string());
                        }
                        _ => {}
                    }
                }
            }
            Err(err) => self.error(&err),
        }
        if self.entries.len() + self.failures.len() >= self.limit || self.unsent >= 4 * BATCH {
            self.flush();
        }
        WalkState::Continue
    }
}

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}

struct Builder<'a>(&'a Shared<'a>);

impl<'s> ParallelVisitorBuilder<'s> for Builder<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Visitor {
            shared: self.0,
            entries: Vec::new(),
            failures: Vec::new(),
            found: Vec::new(),
            changed: Vec::new(),
            unsent: 0,
            limit: FIRST_BATCH,
            blind: 0,
            waited: false,
        })
    }
}

/// What a walk found.
pub(super) struct Walked {
    /// Every article path found, read or not.
    pub found: Vec<PathBuf>,
    /// How many of them the cache knew.
    pub cached_found: usize,
    /// Rows read this time, for the cache.
    pub changed: Vec<(PathBuf, Known)>,
}

/// Walks `root`, sending rows read from new or changed files as they come.
pub(super) fn walk(
    root: &Path,
    options: &ScanOptions,
    cache: &LaterStamps,
    tx: BatchSink,
) -> Walked {
    let shared = Shared {
        root,
        sites: Arc::new(Sites::new(root)),
        cache,
        tx,
        seen: AtomicUsize::new(0),
        cached_found: AtomicUsize::new(0),
        found: Mutex::default(),
        changed: Mutex::default(),
    };
    walker(root, options, &shared.sites)
        .build_parallel()
        .visit(&mut Builder(&shared));
    Walked {
        found: shared.found.into_inner().unwrap_or_else(|p| p.into_inner()),
        cached_found: shared.cached_found.into_inner(),
        changed: shared
            .changed
            .into_inner()
            .unwrap_or_else(|p| p.into_inner()),
    }
}

/// The markdown files under `root` the library would list (same rules as
/// [`walk`]), each with its size and modification time in nanoseconds,
/// without reading them: what the search index compares against.
pub fn markdown_files(root: &Path, options: &ScanOptions) -> Vec<(PathBuf, u64, i64)> {
    // A parallel walk: most of the time is one stat per file.
    let found = Mutex::new(Vec::new());
    walker(root, options, &Arc::new(Sites::new(root)))
        .build_parallel()
        .run(|| {
            let found = &found;
            Box::new(move |entry| {
                let Ok(entry) = entry else {
                    return WalkState::Continue;
                };
                if entry.depth() == 0
                    || !entry.file_type().is_some_and(|t| t.is_file())
                    || !is_markdown(entry.path())
                {
                    return WalkState::Continue;
                }
                if let Ok(meta) = entry.metadata()
                    && let Ok(mut all) = found.lock()
                {
                    let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                    all.push((rel.to_path_buf(), meta.len(), mtime_ns(&meta)));
                }
                WalkState::Continue
            })
        });
    let mut out = found.into_inner().unwrap_or_else(|p| p.into_inner());
    // Byte order: a path compared component by component costs as much as the walk.
    out.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    out
}
