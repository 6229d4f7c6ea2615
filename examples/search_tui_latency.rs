//! Measures the library search screen by hand: keystroke-to-results time on
//! a warm index, and how long the UI thread spends on a key (update and a
//! frame) while the first index builds. Drives the app's own update, the
//! worker pool and a TestBackend; run in release:
//! `cargo run --release --example search_tui_latency -- DIR [STATE_DIR]`
//! (DIR from `cargo run --release --example search_corpus -- DIR`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use quire::library::{self, Filter};
use quire::tui::jobs::{Executor, Pool};
use quire::tui::library::LibraryScreen;
use quire::tui::search::SearchShared;
use quire::tui::{Action, App, Config, Screen, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: DIR [STATE_DIR]"))?,
    );
    let state = args.next().map_or_else(std::env::temp_dir, PathBuf::from);
    let db = state.join("quire-latency.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let lib = library::scan(&dir)?;
    println!("{} articles", lib.len());
    let mut pool = Pool::new(2)?;
    let mut term = Terminal::new(TestBackend::new(120, 40))?;

    // The first index, typing meanwhile.
    let mut app = new_app(&lib, &db);
    let started = Instant::now();
    update(&mut app, Action::SearchLibrary);
    let mut key_times = Vec::new();
    let mut frame_times = Vec::new();
    let mut first_results: Option<Duration> = None;
    let word = "lighthouse";
    let mut typed = 0;
    while app.search.build.is_some() {
        pump(&mut app, &mut pool, &mut term, &mut frame_times);
        if typed < word.len() && started.elapsed() > Duration::from_millis(500 * (typed as u64 + 1))
        {
            let c = word.as_bytes()[typed] as char;
            let t = Instant::now();
            update(&mut app, Action::FilterInput(c));
            key_times.push(t.elapsed());
            typed += 1;
        }
        if first_results.is_none() && results(&app) > 0 {
            first_results = Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let build = started.elapsed();
    println!("first index: {build:.2?}");
    println!(
        "while it built: a key took at most {:.2?} on the UI thread (update), a frame at most {:.2?} ({} frames)",
        key_times.iter().max().copied().unwrap_or_default(),
        frame_times.iter().max().copied().unwrap_or_default(),
        frame_times.len()
    );
    if let Some(t) = first_results {
        println!("first results shown {t:.2?} after F, before the index was complete");
    }

    // A warm index: a new app over the same database.
    let mut app = new_app(&lib, &db);
    let t = Instant::now();
    update(&mut app, Action::SearchLibrary);
    while app.search.build.is_some() {
        pump(&mut app, &mut pool, &mut term, &mut frame_times);
        std::thread::sleep(Duration::from_millis(1));
    }
    println!("warm refresh on F: {:.2?}", t.elapsed());
    for query in [
        "lighthouse",
        "kernel compiler",
        "\"violet harbour\"",
        "resume",
        "qui",
    ] {
        while !input(&app).is_empty() {
            update(&mut app, Action::FilterBackspace);
        }
        pump(&mut app, &mut pool, &mut term, &mut frame_times);
        let mut last_key = Instant::now();
        for c in query.chars() {
            last_key = Instant::now();
            update(&mut app, Action::FilterInput(c));
            // A fast typist: 60 ms between keys.
            std::thread::sleep(Duration::from_millis(60));
            pump(&mut app, &mut pool, &mut term, &mut frame_times);
        }
        while !answered(&app) {
            pump(&mut app, &mut pool, &mut term, &mut frame_times);
            std::thread::sleep(Duration::from_millis(1));
        }
        let total = last_key.elapsed();
        println!(
            "{:>20}: results {total:.2?} after the last key ({} sections; debounce {:?})",
            input(&app),
            results(&app),
            app.search.debounce
        );
    }
    Ok(())
}

fn new_app(lib: &library::Library, db: &std::path::Path) -> App {
    let mut app = App::new(Config::default(), 120, 40);
    app.search = SearchShared::new(Some(db.to_path_buf()));
    app.open_library(LibraryScreen::new(lib.clone(), Filter::default(), 40));
    app
}

/// Tells the app its deadline came (a query typed is due once typing has
/// paused), starts queued jobs, delivers finished ones and draws a frame
/// after each: what the event loop does.
fn pump(
    app: &mut App,
    pool: &mut Pool,
    term: &mut Terminal<TestBackend>,
    frames: &mut Vec<Duration>,
) {
    let now = Instant::now();
    if app.deadline().is_some_and(|at| at <= now) {
        update(app, quire::tui::Msg::Deadline(now));
    }
    for (id, job) in app.jobs.take() {
        pool.spawn(id, job);
    }
    while let Some(done) = pool.try_next() {
        update(app, quire::tui::Msg::Done(Box::new(done)));
        let t = Instant::now();
        let _ = term.draw(|f| quire::tui::ui::draw(f, app));
        frames.push(t.elapsed());
        for (id, job) in app.jobs.take() {
            pool.spawn(id, job);
        }
    }
}

fn results(app: &App) -> usize {
    match app.screens.last() {
        Some(Screen::Search(s)) => s.hits.len(),
        _ => 0,
    }
}

fn input(app: &App) -> String {
    match app.screens.last() {
        Some(Screen::Search(s)) => s.input.clone(),
        _ => String::new(),
    }
}

fn answered(app: &App) -> bool {
    matches!(app.screens.last(), Some(Screen::Search(s)) if s.current())
}
