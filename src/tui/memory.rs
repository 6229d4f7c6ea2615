//! The TUI's memory: the store shared with background jobs, the jobs that
//! read and write it (a reader's place, read marks, the library's states and
//! its streamed scan), and the hooks `update` calls to ask for them. Every
//! store access runs on a job; only the last writes at exit run in place,
//! once the screen is gone.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::store::{ReadingState, Visit};

use super::app::{App, Screen};
use super::jobs::{Job, JobId, Reporter};
use super::library::LibraryScreen;
use crate::library::{Filter, Library, ScanOptions};

mod handle;
mod scan;

pub use handle::StoreHandle;
pub use scan::{ScanRows, scan_library};

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
    pending: HashMap<JobId, MemoryJob>,
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
    /// Scan a library folder through the cache, streaming its rows.
    Scan {
        /// The folder.
        dir: PathBuf,
        /// The walk's rules.
        options: crate::library::ScanOptions,
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
    pub fn run(self, store: Option<&StoreHandle>, reporter: &Reporter) -> MemoryOutput {
        match self {
            MemoryJob::Opened { path } => {
                let Some(store) = store else {
                    return MemoryOutput::Opened(None);
                };
                let Ok(canonical) = std::fs::canonicalize(&path) else {
                    return MemoryOutput::Opened(None);
                };
                let key = canonical.to_string_lossy().into_owned();
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
            MemoryJob::Scan { dir, options } => scan_library(&dir, options, store, reporter, true),
            MemoryJob::Rescan { dir, options } => {
                scan_library(&dir, options, store, reporter, false)
            }
        }
    }
}

/// Queues a memory job on the app's outbox, tracking writes.
pub fn push(app: &mut App, job: MemoryJob) -> JobId {
    let write = matches!(job, MemoryJob::Save { .. } | MemoryJob::MarkRead { .. });
    let id = app.jobs.push(Job::Memory {
        job: job.clone(),
        store: app.memory.store.clone(),
    });
    if write {
        app.memory.pending.insert(id, job);
    }
    id
}

/// After every action: readers that have no memory yet ask for it, and the
/// reader on top notes how far it got and goes back to its saved place once
/// it can.
pub fn after_update(app: &mut App) {
    if !app.memory.enabled() {
        return;
    }
    let mut wanted = Vec::new();
    for (i, screen) in app.screens.iter_mut().enumerate() {
        if let Screen::Reader(r) = screen {
            if !r.memory.asked {
                r.memory.asked = true;
                if !crate::stdin::is_dash(&r.article.path)
                    && r.article.path != Path::new(crate::stdin::NAME)
                {
                    wanted.push((i, r.article.path.clone()));
                }
            }
        }
    }
    for (i, path) in wanted {
        let id = push(app, MemoryJob::Opened { path });
        if let Some(Screen::Reader(r)) = app.screens.get_mut(i) {
            r.memory.loading = Some(id);
        }
    }
    if let Some(Screen::Reader(r)) = app.screens.last_mut() {
        r.observe();
    }
}

/// True while a library scan streams rows in.
pub fn streaming(app: &App) -> bool {
    app.screens
        .iter()
        .any(|s| matches!(s, Screen::Library(l) if l.states.scan.is_some()))
}

/// The loop's clock: saves the top reader's place when it changed and the
/// last save is [`SAVE_EVERY`] old.
pub fn tick(app: &mut App, now: Instant) {
    let visit = match app.screens.last_mut() {
        Some(Screen::Reader(r)) if r.memory.due(now) && r.changed_since_save() => r.take_visit(now),
        _ => None,
    };
    if let Some((key, visit)) = visit {
        push(app, MemoryJob::Save { key, visit });
    }
}

/// A screen left the stack: a reader saves its place, and the library
/// under it learns the new state at once.
pub fn left(app: &mut App, screen: &mut Screen) {
    let Screen::Reader(r) = screen else { return };
    let Some((key, visit)) = r.take_visit(Instant::now()) else {
        return;
    };
    let state = r.state_after(&visit);
    let path = r.article.path.clone();
    push(app, MemoryJob::Save { key, visit });
    // The library this reading began from, under any search results or
    // other readers in between.
    let library = app.screens.iter_mut().rev().find_map(|s| match s {
        Screen::Library(library) => Some(library),
        _ => None,
    });
    if let Some(library) = library {
        library.learn_state(&path, state);
    }
}

/// `m`: marks the article being read, or the library's selected one, read
/// or unread.
pub fn toggle_read(app: &mut App) {
    if !app.memory.enabled() {
        set_note(app, "quire runs without memory (--no-state)");
        return;
    }
    let job = match app.screens.last_mut() {
        Some(Screen::Reader(r)) => r.toggle_read(),
        Some(Screen::Library(s)) => s.toggle_read(),
        Some(Screen::Search(_)) | None => None,
    };
    if let Some(job) = job {
        push(app, job);
    }
}

fn set_note(app: &mut App, note: &str) {
    super::update::set_message(app, note.to_string());
}

/// Puts a memory job's result where it was asked for.
pub fn finish(app: &mut App, id: JobId, output: MemoryOutput) {
    match output {
        MemoryOutput::Written => {
            app.memory.pending.remove(&id);
        }
        MemoryOutput::Opened(found) => {
            for screen in &mut app.screens {
                if let Screen::Reader(r) = screen {
                    if r.memory.loading == Some(id) {
                        r.memory.loading = None;
                        if let Some((key, state)) = found {
                            r.remember(key, state);
                        }
                        break;
                    }
                }
            }
        }
        MemoryOutput::Rows(rows) => {
            for screen in &mut app.screens {
                if let Screen::Library(s) = screen {
                    if s.states.scan == Some(id) {
                        s.add_rows(*rows);
                    }
                    break;
                }
            }
        }
        MemoryOutput::States { root, states } => {
            for screen in &mut app.screens {
                if let Screen::Library(s) = screen {
                    if s.states.scan == Some(id) {
                        s.set_states(root, states);
                    }
                    break;
                }
            }
        }
        MemoryOutput::ScanFailed(reason) => {
            for screen in &mut app.screens {
                if let Screen::Library(s) = screen {
                    if s.states.scan == Some(id) {
                        s.states.scan = None;
                        s.states.progress = None;
                        s.message = Some(reason);
                    }
                    break;
                }
            }
        }
    }
}

/// The last writes, in place, once the screen is gone: the place of every
/// reader still open, and the writes that had not come back.
pub fn save_at_exit(app: &mut App) {
    let Some(store) = app.memory.store.clone() else {
        return;
    };
    let mut pending: Vec<(JobId, MemoryJob)> = app.memory.pending.drain().collect();
    pending.sort_by_key(|(id, _)| *id);
    for (_, job) in pending {
        match job {
            MemoryJob::Save { key, visit } => {
                store.with(|s| s.save_position(&key, &visit));
            }
            MemoryJob::MarkRead { key, read } => {
                store.with(|s| s.mark_read(&key, read));
            }
            MemoryJob::Opened { .. } | MemoryJob::Scan { .. } | MemoryJob::Rescan { .. } => {}
        }
    }
    let now = Instant::now();
    for screen in &mut app.screens {
        if let Screen::Reader(r) = screen {
            if let Some((key, visit)) = r.take_visit(now) {
                store.with(|s| s.save_position(&key, &visit));
            }
        }
    }
}

/// Writes what went wrong with the store to stderr (the screen is gone).
pub fn report_warnings(app: &App) {
    if let Some(store) = &app.memory.store {
        for w in store.take_warnings() {
            eprintln!("quire: warning: {}", crate::sanitize::sanitize_line(&w));
        }
    }
}

/// Checks that `dir` is a folder that can be listed, before the terminal
/// is taken.
pub fn check_folder(dir: &Path) -> Result<(), crate::Error> {
    let read = |source| crate::Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(dir).map_err(read)?;
    if !meta.is_dir() {
        return Err(crate::Error::NotAFolder {
            path: dir.to_path_buf(),
        });
    }
    std::fs::read_dir(dir).map_err(read)?;
    Ok(())
}

/// Pushes a library screen for `dir`, empty until the scan job's first
/// rows arrive (the cache's, or the first files read).
pub fn open_library(app: &mut App, dir: &Path, filter: Filter, options: ScanOptions) {
    let library = Library::from_parts(dir.to_path_buf(), Vec::new(), Vec::new());
    let mut screen = LibraryScreen::new(library, filter, app.size.1);
    screen.states.enabled = app.memory.enabled();
    screen.states.progress = Some((0, None));
    let rescan_options = options.clone();
    let id = push(
        app,
        MemoryJob::Scan {
            dir: dir.to_path_buf(),
            options,
        },
    );
    screen.states.scan = Some(id);
    screen.scan_options = rescan_options;
    let stop = crate::tui::jobs::StopFlag::default();
    let watch = app.jobs.push(Job::WatchFolder {
        dir: dir.to_path_buf(),
        stop: stop.clone(),
    });
    screen.watch = Some((watch, stop));
    app.open_library(screen);
}

/// Scans the library again (`R`, or its folder changed): rows stream in
/// over the ones shown, keeping the selection and the filters; only what
/// changed since the last scan comes back.
pub fn rescan(app: &mut App) {
    let Some((dir, options, streaming)) = app.screens.iter().find_map(|s| match s {
        Screen::Library(l) => Some((
            l.library.root.clone(),
            l.scan_options.clone(),
            l.states.scan.is_some(),
        )),
        _ => None,
    }) else {
        return;
    };
    // A scan still streaming may not have sent every cached row yet: its
    // rows stop here, so the new one sends them all again.
    let job = if streaming {
        MemoryJob::Scan { dir, options }
    } else {
        MemoryJob::Rescan { dir, options }
    };
    let id = push(app, job);
    for screen in &mut app.screens {
        if let Screen::Library(s) = screen {
            s.states.scan = Some(id);
            s.states.progress = Some((0, None));
            break;
        }
    }
}
