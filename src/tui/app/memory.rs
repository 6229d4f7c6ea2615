//! The app's part of reading state: when readers ask for their memory,
//! when places are saved (the clock, leaving a reader, at exit), `m` and
//! `R`, the library's streamed scan and where each memory job's result
//! lands (routed by the table of jobs in flight: a write is the app's, a
//! reader's memory and a library's scan are theirs). Every store access
//! runs on a job; only the last writes at exit run in place, once the
//! screen is gone. The jobs and their types live in [`crate::tui::state`].

use std::path::Path;
use std::time::Instant;

use crate::library::{Filter, Library, ScanOptions, Sort};
use crate::tui::app::inflight::{Route, Slot, Waiter};
use crate::tui::app::{App, Screen};
use crate::tui::jobs::{Job, JobId};
use crate::tui::library::LibraryScreen;
use crate::tui::library::jobs::Slot as LibrarySlot;
use crate::tui::reader::jobs::Slot as ReaderSlot;

pub use crate::library::check_folder;
pub use crate::tui::library::scan::{ScanRows, scan_library};
pub use crate::tui::state::{Memory, MemoryJob, MemoryOutput, SAVE_EVERY, StoreHandle};

/// Asks for a memory job: a write (kept to be done again at exit), or a
/// read for `waiter` (a reader's memory, a library's scan).
pub fn push(app: &mut App, waiter: Waiter, job: MemoryJob) -> JobId {
    let write = matches!(
        job,
        MemoryJob::Save { .. } | MemoryJob::MarkRead { .. } | MemoryJob::Answer { .. }
    );
    let waiter = if write { Waiter::Write } else { waiter };
    let memory_job = Job::Memory {
        job: job.clone(),
        store: app.memory.store.clone(),
    };
    let id = app.jobs.ask(waiter, memory_job);
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
                    wanted.push((i, r.id, r.article.path.clone()));
                }
            }
        }
    }
    for (i, screen, path) in wanted {
        let waiter = Waiter::Screen(screen, Slot::Reader(ReaderSlot::Memory));
        let id = push(app, waiter, MemoryJob::Opened { path });
        if let Some(Screen::Reader(r)) = app.screens.get_mut(i) {
            r.asked(ReaderSlot::Memory, id);
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
        push(app, Waiter::Write, MemoryJob::Save { key, visit });
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
    push(app, Waiter::Write, MemoryJob::Save { key, visit });
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
        push(app, Waiter::Write, job);
    }
}

fn set_note(app: &mut App, note: &str) {
    crate::tui::update::set_message(app, note.to_string());
}

/// Puts a memory job's result where it was asked for: `route` says where
/// (the table of jobs in flight has dropped what nobody waits for).
pub fn finish(app: &mut App, id: JobId, route: Route, output: MemoryOutput) {
    let screen = match route {
        Route::Reader(i, _) | Route::Library(i, _) => app.screens.get_mut(i),
        _ => None,
    };
    match (output, screen) {
        (MemoryOutput::Written, _) => {
            app.memory.pending.remove(&id);
        }
        (MemoryOutput::Opened(found), Some(Screen::Reader(r))) => {
            r.memory.loading = None;
            if let Some((key, state)) = found {
                r.remember(key, state);
            }
        }
        (output, Some(Screen::Library(s))) => {
            s.finish_scan(output);
            if let Route::Library(i, _) = route {
                watch_when_shown(app, i);
            }
        }
        _ => {}
    }
}

/// Who waits for a library's job in `slot`.
pub fn library_waiter(library: &LibraryScreen, slot: LibrarySlot) -> Waiter {
    Waiter::Screen(library.id, Slot::Library(slot))
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
            MemoryJob::Answer { terminal, answer } => {
                store.with(|s| s.save_answer(&terminal, answer));
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

/// Pushes a library screen for `dir` in `sort`'s order, empty until the
/// scan job's first rows arrive (the cache's first in that order, or the
/// first files read). The list says the folder is being read; the header
/// shows the scan's progress once it lasts.
pub fn open_library(app: &mut App, dir: &Path, filter: Filter, sort: Sort, options: ScanOptions) {
    let library = Library::from_parts(dir.to_path_buf(), Vec::new(), Vec::new());
    let mut screen = LibraryScreen::new(library, filter, app.size.1);
    screen.sort = sort;
    screen.states.enabled = app.memory.enabled();
    let rescan_options = options.clone();
    let scan = MemoryJob::Scan {
        dir: dir.to_path_buf(),
        options,
        sort,
    };
    let id = push(app, library_waiter(&screen, LibrarySlot::Scan), scan);
    screen.states.scan = Some(id);
    screen.scan_options = rescan_options;
    screen.watch_later = true;
    app.open_library(screen);
}

/// Starts the watch on the folder of the library at `i` once its first
/// rows are in, or its scan is over without any, after the frame that
/// shows them: its start looks at every file under the folder, which would
/// compete with them. A file changed between the walk's pass over it and
/// the watch's start (the first few milliseconds of a cached start) shows
/// as it was until it changes again or `R`, as when the watch started
/// beside the walk and reached the file's folder after it.
fn watch_when_shown(app: &mut App, i: usize) {
    let Some(Screen::Library(s)) = app.screens.get_mut(i) else {
        return;
    };
    if s.library.entries.is_empty() && s.states.scan.is_some() {
        return;
    }
    if !std::mem::take(&mut s.watch_later) {
        return;
    }
    let dir = s.library.root.clone();
    let waiter = library_waiter(s, LibrarySlot::Watch);
    let stop = crate::tui::runtime::StopFlag::default();
    let job = crate::tui::library::jobs::Job::WatchFolder {
        dir,
        stop: stop.clone(),
    };
    let watch = app.jobs.ask_after_frame(waiter, job);
    if let Some(Screen::Library(s)) = app.screens.get_mut(i) {
        s.watch = Some((watch, stop));
    }
}

/// Scans the library again (`R`, or its folder changed): rows stream in
/// over the ones shown, keeping the selection and the filters; only what
/// changed since the last scan comes back.
pub fn rescan(app: &mut App) {
    if super::remote::refill(app) {
        return;
    }
    let Some((waiter, dir, options, streaming, sort)) = app.screens.iter().find_map(|s| match s {
        Screen::Library(l) => Some((
            library_waiter(l, LibrarySlot::Scan),
            l.library.root.clone(),
            l.scan_options.clone(),
            l.states.scan.is_some(),
            l.sort,
        )),
        _ => None,
    }) else {
        return;
    };
    // A scan still streaming may not have sent every cached row yet: its
    // rows stop here, so the new one sends them all again.
    let job = if streaming {
        MemoryJob::Scan { dir, options, sort }
    } else {
        MemoryJob::Rescan { dir, options }
    };
    let id = push(app, waiter, job);
    for screen in &mut app.screens {
        if let Screen::Library(s) = screen {
            s.states.scan = Some(id);
            s.states.progress = Some((0, None));
            break;
        }
    }
}
