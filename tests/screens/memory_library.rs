//! The library's memory: rows with their states (snapshots), `U`, the
//! "last opened" sort, `m`, the header's unread count and scan progress,
//! rows streaming in without moving the selection or the filters, and the
//! scan job itself on worker threads with a store in a temporary folder.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use quire::article::{Meta, Peek};
use quire::library::{Entry, Filter, Library, ScanOptions, SortKey};
use quire::store::ReadingState;
use quire::tui::jobs::{Done, Executor, Job, Output, Pool};
use quire::tui::library::LibraryScreen;
use quire::tui::memory::{self, Memory, MemoryJob, MemoryOutput, ScanRows};
use quire::tui::{Action, App, Msg, Screen, ui, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn entry(path: &str, title: &str, date: &str) -> Entry {
    Entry::new(
        PathBuf::from(path),
        4000,
        Peek {
            meta: Meta {
                title: title.to_string(),
                date: Some(date.to_string()),
                tags: vec!["notes".to_string()],
                ..Meta::default()
            },
            words: 900,
            warnings: vec![],
        },
    )
}

fn entries() -> Vec<Entry> {
    vec![
        entry("a.md", "Alpha: the first one", "2024-01-01"),
        entry("b.md", "Bravo, read to the end", "2024-02-01"),
        entry("c.md", "Charlie, halfway through", "2024-03-01"),
        entry("d.md", "Delta, opened long ago", "2024-04-01"),
        entry("e.md", "Echo, never opened", "2024-05-01"),
    ]
}

fn state(progress: f64, read: bool, opened: Option<i64>) -> ReadingState {
    ReadingState {
        position: None,
        progress,
        read,
        last_opened: opened,
    }
}

fn states() -> HashMap<PathBuf, ReadingState> {
    HashMap::from([
        (PathBuf::from("b.md"), state(1.0, true, Some(300))),
        (PathBuf::from("c.md"), state(0.42, false, Some(500))),
        (PathBuf::from("d.md"), state(0.0, false, Some(100))),
    ])
}

fn screen() -> LibraryScreen {
    let lib = Library::from_parts(PathBuf::from("articles"), entries(), vec![]);
    let mut s = LibraryScreen::new(lib, Filter::default(), 14);
    s.states.enabled = true;
    s.set_states(PathBuf::from("/home/someone/articles"), states());
    s
}

fn titles(s: &LibraryScreen) -> Vec<String> {
    s.rows
        .iter()
        .map(|r| match r {
            quire::tui::library::Row::Article(i) => s.library.entries[*i].meta.title.clone(),
            quire::tui::library::Row::Failed(i) => s.library.failures[*i].path_string(),
        })
        .collect()
}

fn draw(s: &LibraryScreen, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut s = s.clone();
    s.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| {
            let keymap = quire::tui::keymap::Keymap::default();
            ui::library::draw(
                f.buffer_mut(),
                &s,
                &quire::theme::Theme::MONO,
                keymap.hints(),
            );
        })
        .unwrap();
    terminal
}

#[test]
fn rows_show_unread_in_progress_and_read() {
    let s = screen();
    insta::assert_snapshot!("states", draw(&s, 100, 12).backend());
}

#[test]
fn the_header_counts_unread_and_in_progress_apart_and_shows_the_scan() {
    let mut s = screen();
    // Five articles: one read, one at 42%, three never started (one of
    // them opened at 0%).
    assert_eq!(s.states.unread, 3);
    assert_eq!(s.states.in_progress, 1);
    s.states.progress = Some((12_400, Some(100_000)));
    let header = s.memory_summary();
    assert_eq!(
        header,
        "3 unread · 1 in progress · scanning 12,400 / 100,000"
    );
    insta::assert_snapshot!("scanning", draw(&s, 100, 8).backend());
}

#[test]
fn u_shows_only_unread_and_in_progress() {
    let mut s = screen();
    s.toggle_unread_only();
    let listed = titles(&s);
    assert_eq!(listed.len(), 4);
    assert!(!listed.iter().any(|t| t.starts_with("Bravo")));
    assert!(s.memory_summary().contains("unread only"));
    s.toggle_unread_only();
    assert_eq!(s.rows.len(), 5);
}

#[test]
fn the_last_opened_sort_puts_the_latest_first_and_the_never_opened_last() {
    let mut s = screen();
    while s.sort.key != SortKey::LastOpened {
        s.sort_next();
    }
    let t = titles(&s);
    assert!(
        t[0].starts_with("Charlie") && t[1].starts_with("Bravo"),
        "{t:?}"
    );
    assert!(t[2].starts_with("Delta"));
    s.sort_reverse();
    let t = titles(&s);
    assert!(t[0].starts_with("Delta"), "{t:?}");
    assert!(
        t[3].starts_with("Alpha") || t[3].starts_with("Echo"),
        "{t:?}"
    );
    s.sort_next();
    assert_eq!(s.sort.key, SortKey::LinksIn);
    s.sort_next();
    assert_eq!(s.sort.key, SortKey::Date, "the cycle goes round");
}

#[test]
fn m_toggles_the_selected_row_and_asks_the_store() {
    let mut s = screen();
    // Newest first: Echo, never opened.
    let job = s.toggle_read().unwrap();
    let MemoryJob::MarkRead { key, read } = job else {
        panic!("a mark")
    };
    assert!(read);
    assert_eq!(key, "/home/someone/articles/e.md");
    assert_eq!(s.states.unread, 2);
    assert_eq!(s.message.as_deref(), Some("marked read"));
    let job = s.toggle_read().unwrap();
    assert!(matches!(job, MemoryJob::MarkRead { read: false, .. }));
    assert_eq!(s.states.unread, 3);
}

#[test]
fn without_memory_there_is_no_state_column_and_u_says_why() {
    let lib = Library::from_parts(PathBuf::from("articles"), entries(), vec![]);
    let mut s = LibraryScreen::new(lib, Filter::default(), 14);
    let screen = format!("{:?}", draw(&s, 100, 8).backend());
    assert!(!screen.contains('●'));
    assert!(!screen.contains("unread"));
    s.toggle_unread_only();
    assert_eq!(s.rows.len(), 5);
    assert!(s.message.as_deref().unwrap().contains("without memory"));
}

// ----- Rows streaming in -----

fn rows(entries: Vec<Entry>, seen: usize, done: bool) -> ScanRows {
    ScanRows {
        entries,
        seen,
        total: Some(7),
        done,
        ..ScanRows::default()
    }
}

fn empty_screen() -> LibraryScreen {
    let lib = Library::from_parts(PathBuf::from("articles"), vec![], vec![]);
    let mut s = LibraryScreen::new(lib, Filter::default(), 14);
    s.states.enabled = true;
    s.states.progress = Some((0, None));
    s
}

#[test]
fn the_selection_and_its_row_on_screen_stay_put_as_rows_arrive() {
    let mut s = empty_screen();
    // Room for three rows: the list can scroll to keep the selection's row.
    s.resize(100, 6);
    assert_eq!(s.list_height, 3);
    let mut first = entries();
    let later = first.split_off(3);
    s.add_rows(rows(first, 3, false));
    assert_eq!(s.rows.len(), 3);
    assert_eq!(s.states.progress, Some((3, Some(7))));
    // Select Bravo (second of Charlie, Bravo, Alpha).
    s.move_by(1);
    let chosen = titles(&s)[s.selected].clone();
    let row_on_screen = s.selected - s.scroll;
    s.add_rows(rows(later, 5, false));
    assert_eq!(s.rows.len(), 5);
    assert_eq!(titles(&s)[s.selected], chosen);
    assert_eq!(s.selected - s.scroll, row_on_screen);
    s.add_rows(rows(vec![entry("f.md", "Foxtrot", "2025-01-01")], 6, true));
    assert_eq!(titles(&s)[s.selected], chosen);
    assert_eq!(s.states.progress, None, "the scan is over");
}

#[test]
fn an_untouched_selection_stays_on_the_top_row() {
    let mut s = empty_screen();
    let mut first = entries();
    let later = first.split_off(2);
    s.add_rows(rows(first, 2, false));
    s.add_rows(rows(later, 5, true));
    assert_eq!(s.selected, 0);
    assert!(titles(&s)[0].starts_with("Echo"), "the newest on top");
}

#[test]
fn filters_stay_as_rows_arrive_and_gone_rows_leave() {
    let mut s = empty_screen();
    s.filter_start();
    for c in "ta".chars() {
        s.filter_input(c);
    }
    s.add_rows(rows(entries(), 5, false));
    assert_eq!(s.filter.text, "ta");
    assert!(s.typing.is_some(), "still typing");
    assert_eq!(titles(&s).len(), 1, "{:?}", titles(&s));
    let mut gone = rows(vec![], 5, true);
    gone.gone = vec![PathBuf::from("d.md")];
    s.add_rows(gone);
    assert!(titles(&s).is_empty());
    assert_eq!(s.library.entries.len(), 4);
}

#[test]
fn an_open_tag_picker_follows_the_rows_and_keeps_its_ticks() {
    let mut s = empty_screen();
    let mut first = entries()[..2].to_vec();
    first[0].meta.tags.push("rare".into());
    let first = Library::from_parts(PathBuf::from("x"), first, vec![]).entries;
    s.add_rows(rows(first, 2, false));
    s.picker_open();
    s.picker_toggle();
    let ticked = s.picker.as_ref().unwrap().chosen_names();
    assert_eq!(ticked, vec!["notes".to_string()]);
    s.add_rows(rows(entries()[2..].to_vec(), 5, true));
    assert_eq!(s.library.entries.len(), 5);
    let picker = s.picker.as_ref().unwrap();
    assert_eq!(picker.chosen_names(), ticked, "the tick stays");
    let notes = picker.tags.iter().find(|t| t.name == "notes").unwrap();
    assert_eq!(notes.count, 5, "counted over the new rows");
    assert_eq!(picker.would_show, 5);
}

// ----- The scan job and the app -----

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
fn run_on_pool(job: Job) -> Vec<Output> {
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

fn scan_job(dir: &Path, memory: &Memory) -> Job {
    Job::Memory {
        job: MemoryJob::Scan {
            dir: dir.to_path_buf(),
            options: ScanOptions::default(),
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
    assert!(
        matches!(
            warm.first(),
            Some(Output::Memory(MemoryOutput::States { .. }))
        ),
        "states come first"
    );
    // Right before the first rows, not alone: the screen takes both in one
    // wake and its first frame with rows has their marks.
    assert!(
        matches!(warm.get(1), Some(Output::Memory(MemoryOutput::Rows(_)))),
        "the first rows follow the states at once"
    );
    let states_at = |out: &[Output]| {
        out.iter()
            .position(|o| matches!(o, Output::Memory(MemoryOutput::States { .. })))
    };
    let first_rows_at = |out: &[Output]| {
        out.iter()
            .position(|o| matches!(o, Output::Memory(MemoryOutput::Rows(_))))
    };
    assert!(
        states_at(&cold) < first_rows_at(&cold),
        "cold: states first"
    );
    assert!(states_at(&cold).is_some());
    let rows = rows_of(&warm);
    assert_eq!(rows[0].total, Some(30), "the cache knows how many");
    let got: usize = rows.iter().map(|r| r.entries.len()).sum();
    assert_eq!(got, 30);
    assert!(rows.iter().all(|r| r.gone.is_empty()), "nothing changed");
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
    memory::open_library(&mut app, &lib, Filter::default(), ScanOptions::default());
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
    memory::open_library(&mut app, &lib, Filter::default(), ScanOptions::default());
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
