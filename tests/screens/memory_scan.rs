//! The library's scan job on worker threads with a store in a temporary
//! folder: rows streamed then read from the cache, a folder that cannot be
//! scanned, rows updated on coming back from the reader, a damaged store.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use quire::library::{Filter, ScanOptions, Sort};
use quire::tui::jobs::{Done, Executor, Job, Output, Pool};
use quire::tui::memory::{self, Memory, MemoryJob, MemoryOutput, ScanRows};
use quire::tui::{Action, App, Msg, Screen, update};

use super::memory_library::{empty_screen, entries, entry, rows, titles};

/// Runs queued jobs inline (streams are only logged) until none are left.
fn settle(app: &mut App) {
    loop {
        let jobs = app.jobs.take();
        if jobs.is_empty() {
            return;
        }
        let mut inline = quire::tui::Inline::default();
        for (id, job) in jobs {
            inline.spawn(id, job);
        }
        while let Some(done) = inline.try_next() {
            update(app, Msg::Done(Box::new(done)));
        }
    }
}

/// Runs `job` on a pool and gathers every output until its last.
pub(crate) fn run_on_pool(job: Job) -> Vec<Output> {
    let mut pool = Pool::new(1).unwrap();
    pool.spawn(1, job);
    let mut got = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        match pool.try_next() {
            Some(Done { output, .. }) => {
                let last = matches!(&output, Output::Memory(MemoryOutput::Rows(r)) if r.done)
                    || matches!(&output, Output::Memory(MemoryOutput::ScanFailed(_)));
                got.push(output);
                if last {
                    break;
                }
            }
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    got
}

pub(crate) fn scan_job(dir: &Path, memory: &Memory) -> Job {
    Job::Memory {
        job: MemoryJob::Scan {
            dir: dir.to_path_buf(),
            options: ScanOptions::default(),
            sort: Sort::default(),
        },
        store: memory.store.clone(),
    }
}

fn rows_of(outputs: &[Output]) -> Vec<&ScanRows> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Memory(MemoryOutput::Rows(r)) => Some(&**r),
            _ => None,
        })
        .collect()
}

#[test]
fn the_scan_streams_rows_and_a_second_start_comes_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    for i in 0..30 {
        std::fs::write(
            lib.join(format!("post-{i:02}.md")),
            format!("---\ntitle: Post {i}\n---\n\nBody {i}.\n"),
        )
        .unwrap();
    }
    let memory = Memory::at(&dir.path().join("state/quire.db"));
    let cold = run_on_pool(scan_job(&lib, &memory));
    let got: usize = rows_of(&cold).iter().map(|r| r.entries.len()).sum();
    assert_eq!(got, 30);
    assert!(
        rows_of(&cold).iter().all(|r| r.total.is_none()),
        "no cache yet"
    );

    let warm = run_on_pool(scan_job(&lib, &memory));
    // The walk and the store start together: the first rows are the
    // cache's or the walk's, whichever comes first. States that come before
    // any row go right before the first rows, not alone: the screen takes
    // both in one wake and its first frame with rows has their marks.
    for out in [&cold, &warm] {
        let states_at = out
            .iter()
            .position(|o| matches!(o, Output::Memory(MemoryOutput::States { .. })));
        let first_rows_at = out
            .iter()
            .position(|o| matches!(o, Output::Memory(MemoryOutput::Rows(_))));
        let (Some(states_at), Some(first_rows_at)) = (states_at, first_rows_at) else {
            panic!("both the states and rows come: {states_at:?}, {first_rows_at:?}");
        };
        if states_at < first_rows_at {
            assert_eq!(
                states_at + 1,
                first_rows_at,
                "the first rows follow at once"
            );
        }
    }
    let rows = rows_of(&warm);
    assert!(
        rows.iter().any(|r| r.total == Some(30)),
        "the cache knows how many"
    );
    // A file the walk read before the cache answered may come twice (the
    // later row replaces the earlier): every file is there.
    let paths: std::collections::HashSet<&Path> = rows
        .iter()
        .flat_map(|r| r.entries.iter().map(|e| e.path.as_path()))
        .collect();
    assert_eq!(paths.len(), 30);
    assert!(rows.iter().all(|r| r.gone.is_empty()), "nothing changed");
}

/// Holds the store (as a slow disk or another quire's write would) until
/// the returned sender is dropped.
fn hold_store(memory: &Memory) -> std::sync::mpsc::Sender<()> {
    let store = memory.store.clone().unwrap();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (held, holding) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        store.with(|_| {
            held.send(()).unwrap();
            // Until the test drops its end.
            let _ = released.recv();
            Ok(())
        });
    });
    holding.recv().unwrap();
    release
}

#[test]
fn the_first_rows_come_from_the_walk_while_the_store_has_not_answered() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    for i in 0..5 {
        std::fs::write(
            lib.join(format!("post-{i}.md")),
            format!(
                "---\ntitle: Post {i}\ndate: 2024-01-0{}\n---\n\nBody.\n",
                i + 1
            ),
        )
        .unwrap();
    }
    let memory = Memory::at(&dir.path().join("state/quire.db"));
    let release = hold_store(&memory);
    let mut pool = Pool::new(1).unwrap();
    // One walker: its rows come in one batch.
    let options = ScanOptions {
        threads: 1,
        ..ScanOptions::default()
    };
    let job = Job::Memory {
        job: MemoryJob::Scan {
            dir: lib.clone(),
            options,
            sort: Sort::default(),
        },
        store: memory.store.clone(),
    };
    pool.spawn(1, job);
    // Rows come while the store is held; no states can have come.
    let mut before = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while rows_of(&before).is_empty() && Instant::now() < deadline {
        match pool.try_next() {
            Some(done) => before.push(done.output),
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    let rows = rows_of(&before);
    assert_eq!(rows.len(), 1, "rows came before the store answered");
    assert_eq!(rows[0].entries.len(), 5);
    assert!(!rows[0].done, "the scan ends once the store has answered");
    assert!(
        !before
            .iter()
            .any(|o| matches!(o, Output::Memory(MemoryOutput::States { .. }))),
        "no states before the store answered"
    );
    // Drawn on the library screen, without their states yet.
    let mut app = App::new(common::config(), 100, 20);
    app.memory = memory.clone();
    memory::open_library(
        &mut app,
        &lib,
        Filter::default(),
        Sort::default(),
        ScanOptions::default(),
    );
    let scan = app.library().unwrap().states.scan.unwrap();
    for output in before {
        update(&mut app, Msg::Done(Box::new(Done { id: scan, output })));
    }
    let shown = titles(app.library().unwrap());
    assert_eq!(shown.len(), 5, "{shown:?}");
    assert_eq!(shown[0], "Post 4", "newest first");

    // The store answers: the states follow, then the last rows.
    drop(release);
    let mut after = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !rows_of(&after).iter().any(|r| r.done) && Instant::now() < deadline {
        match pool.try_next() {
            Some(done) => after.push(done.output),
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    assert!(
        after
            .iter()
            .any(|o| matches!(o, Output::Memory(MemoryOutput::States { .. }))),
        "the states come once the store answers"
    );
    assert!(rows_of(&after).last().is_some_and(|r| r.done));
    // What the walk read is in the cache for the next start.
    let warm = run_on_pool(scan_job(&lib, &memory));
    assert!(rows_of(&warm).iter().any(|r| r.total == Some(5)));
}

#[test]
fn a_folder_that_cannot_be_scanned_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let memory = Memory::default();
    let out = run_on_pool(scan_job(&dir.path().join("missing"), &memory));
    assert!(matches!(
        out.last(),
        Some(Output::Memory(MemoryOutput::ScanFailed(_)))
    ));
    assert!(memory::check_folder(&dir.path().join("missing")).is_err());
}

#[test]
fn coming_back_from_the_reader_updates_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("long.md"), common::long_markdown(6, 5)).unwrap();
    let mut app = App::new(common::config(), 100, 20);
    app.memory = Memory::at(&dir.path().join("state/quire.db"));
    memory::open_library(
        &mut app,
        &lib,
        Filter::default(),
        Sort::default(),
        ScanOptions::default(),
    );
    // The scan's result, by hand (the inline executor does not run streams).
    let scan = app.library().unwrap().states.scan.unwrap();
    let outputs = run_on_pool(scan_job(&lib, &app.memory));
    for output in outputs {
        update(&mut app, Msg::Done(Box::new(Done { id: scan, output })));
    }
    let s = app.library().unwrap();
    assert_eq!(s.rows.len(), 1);
    assert!(s.states.root.is_some());
    assert_eq!(s.states.unread, 1);
    app.open_reader(quire::article::Article::load(&lib.join("long.md")).unwrap());
    update(&mut app, Action::Bottom);
    settle(&mut app);
    assert!(app.reader().unwrap().memory.key.is_some());
    app.pop_screen();
    let Some(Screen::Library(s)) = app.screens.last() else {
        panic!("the library")
    };
    assert_eq!(s.states.unread, 0);
    assert!(s.state_of(0).unwrap().read);
}

#[test]
fn a_reader_above_another_screen_updates_the_library_row_below() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("long.md"), common::long_markdown(6, 5)).unwrap();
    std::fs::write(lib.join("other.md"), common::long_markdown(3, 3)).unwrap();
    let mut app = App::new(common::config(), 100, 20);
    app.memory = Memory::at(&dir.path().join("state/quire.db"));
    memory::open_library(
        &mut app,
        &lib,
        Filter::default(),
        Sort::default(),
        ScanOptions::default(),
    );
    let scan = app.library().unwrap().states.scan.unwrap();
    for output in run_on_pool(scan_job(&lib, &app.memory)) {
        update(&mut app, Msg::Done(Box::new(Done { id: scan, output })));
    }
    assert_eq!(app.library().unwrap().states.unread, 2);
    // Another screen between the library and the reader (search results,
    // or a reader whose link was followed): here a reader of the other one.
    app.open_reader(quire::article::Article::load(&lib.join("other.md")).unwrap());
    settle(&mut app);
    app.open_reader(quire::article::Article::load(&lib.join("long.md")).unwrap());
    update(&mut app, Action::Bottom);
    settle(&mut app);
    app.pop_screen();
    let s = app
        .screens
        .iter()
        .find_map(|s| match s {
            Screen::Library(s) => Some(s),
            _ => None,
        })
        .unwrap();
    let long = s
        .library
        .entries
        .iter()
        .position(|e| e.path.ends_with("long.md"))
        .unwrap();
    assert!(s.state_of(long).unwrap().read, "the row below learnt it");
}

#[test]
fn a_row_read_again_replaces_its_old_row_and_keeps_the_selection() {
    let mut s = empty_screen();
    s.add_rows(rows(entries(), 5, false));
    s.move_by(2);
    let chosen = s.open_path();
    let again = vec![
        entry("b.md", "Bravo, rewritten", "2024-02-01"),
        entry("e.md", "Echo, never opened", "2024-05-01"),
    ];
    s.add_rows(rows(again, 5, true));
    assert_eq!(s.library.entries.len(), 5, "no row twice");
    assert!(titles(&s).iter().any(|t| t.contains("Bravo, rewritten")));
    assert!(!titles(&s).iter().any(|t| t.contains("Bravo, read")));
    assert_eq!(s.open_path(), chosen);
}

#[test]
fn a_damaged_store_read_before_its_check_is_moved_aside_at_the_first_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("state/quire.db");
    {
        let store = quire::store::Store::open(&db).unwrap();
        let mut store = store;
        for i in 0..200 {
            store
                .mark_read(&format!("/some/long/path/article-{i:04}.md"), true)
                .unwrap();
        }
        let conn = store.into_connection();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[4096..8192] {
        *b = 0x5a;
    }
    std::fs::write(&db, bytes).unwrap();
    let handle = memory::StoreHandle::at(&db);
    assert!(handle.read_unchecked(|s| s.version()).is_some());
    assert!(handle.take_warnings().is_empty());
    let read = handle.with(|s| s.reading_state("/some/long/path/article-0001.md"));
    assert!(read.is_some_and(|state| !state.read), "a new store, empty");
    let warnings = handle.take_warnings();
    assert!(
        warnings.iter().any(|w| w.contains("corrupt-")),
        "{warnings:?}"
    );
    let aside = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("quire.db.corrupt-")
        })
        .count();
    assert_eq!(aside, 1);
}

fn rescan_job(dir: &Path, memory: &Memory) -> Job {
    Job::Memory {
        job: MemoryJob::Rescan {
            dir: dir.to_path_buf(),
            options: ScanOptions::default(),
        },
        store: memory.store.clone(),
    }
}

#[test]
fn a_rescan_sends_only_what_changed_since_the_cache_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    for i in 0..30 {
        std::fs::write(
            lib.join(format!("post-{i:02}.md")),
            format!("---\ntitle: Post {i}\n---\n\nBody {i}.\n"),
        )
        .unwrap();
    }
    let memory = Memory::at(&dir.path().join("state/quire.db"));
    run_on_pool(scan_job(&lib, &memory));
    std::fs::write(lib.join("post-03.md"), "---\ntitle: Three, again\n---\n").unwrap();
    std::fs::remove_file(lib.join("post-07.md")).unwrap();
    let out = run_on_pool(rescan_job(&lib, &memory));
    let rows = rows_of(&out);
    let titles: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.entries.iter().map(|e| e.meta.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        ["Three, again"],
        "the cached rows are not sent again"
    );
    let gone: Vec<&PathBuf> = rows.iter().flat_map(|r| r.gone.iter()).collect();
    assert_eq!(gone, [&PathBuf::from("post-07.md")]);
    assert_eq!(rows.last().unwrap().total, Some(30));
}

#[test]
fn r_during_the_first_scan_asks_for_every_row_again_and_after_it_for_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(common::config(), 100, 20);
    app.memory = Memory::at(&dir.path().join("state/quire.db"));
    memory::open_library(
        &mut app,
        dir.path(),
        Filter::default(),
        Sort::default(),
        ScanOptions::default(),
    );
    let scan = |app: &App| {
        app.jobs
            .queued()
            .iter()
            .rev()
            .find_map(|(_, job)| match job {
                Job::Memory { job, .. } => Some(job.clone()),
                _ => None,
            })
    };
    update(&mut app, Action::Rescan);
    assert!(
        matches!(scan(&app), Some(MemoryJob::Scan { .. })),
        "{:?}",
        scan(&app)
    );
    let id = app.library().unwrap().states.scan.unwrap();
    let done = ScanRows {
        done: true,
        ..ScanRows::default()
    };
    let output = Output::Memory(MemoryOutput::Rows(Box::new(done)));
    update(&mut app, Msg::Done(Box::new(Done { id, output })));
    assert_eq!(app.library().unwrap().states.scan, None);
    update(&mut app, Action::Rescan);
    assert!(
        matches!(scan(&app), Some(MemoryJob::Rescan { .. })),
        "{:?}",
        scan(&app)
    );
}
