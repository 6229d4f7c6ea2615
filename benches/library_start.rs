//! The library's start with a warm cache, on the same path as the TUI: the
//! app opens the library (a scan job over a store in a temporary folder),
//! the job's first rows come back through `update`, and the first frame is
//! drawn on a `TestBackend`. 10,000 generated articles, cached once; also
//! the time until every cached row is on screen, and the store's first page.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use quire::library::{Filter, ScanOptions, Sort};
use quire::tui::jobs::{Executor, Job, Pool};
use quire::tui::memory::{self, Memory};
use quire::tui::{App, Config, Msg, ui, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/generate.rs"]
mod generate;

const ARTICLES: usize = 10_000;

/// Opens the library the way `quire DIR` does and runs its jobs (not the
/// folder's watch) until `enough` says so; the time until the first frame
/// with rows was drawn, and the app.
fn start(dir: &Path, db: &Path, enough: impl Fn(&App) -> bool) -> (Duration, App) {
    let t0 = Instant::now();
    let mut app = App::new(Config::default(), 120, 40);
    app.memory = Memory::at(db);
    let sort = Sort::default();
    memory::open_library(
        &mut app,
        dir,
        Filter::default(),
        sort,
        ScanOptions::default(),
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut pool = Pool::new(2).unwrap();
    let mut first = None;
    loop {
        for (id, job) in app.jobs.take() {
            if !matches!(
                job,
                Job::Library(quire::tui::library::jobs::Job::WatchFolder { .. })
            ) {
                pool.spawn(id, job);
            }
        }
        match pool.try_next() {
            Some(done) => {
                update(&mut app, Msg::Done(Box::new(done)));
            }
            None => std::thread::sleep(Duration::from_micros(200)),
        }
        let rows = app.library().is_some_and(|l| !l.rows.is_empty());
        if rows && first.is_none() {
            terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
            first = Some(t0.elapsed());
        }
        if first.is_some() && enough(&app) {
            return (first.unwrap_or_default(), app);
        }
    }
}

/// True once the scan is over.
fn scanned(app: &App) -> bool {
    app.library().is_some_and(|l| l.states.scan.is_none())
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    generate::generate(&lib, ARTICLES);
    let db = dir.path().join("state/quire.db");
    // A first start fills the cache.
    let (_, app) = start(&lib, &db, scanned);
    assert_eq!(app.library().unwrap().library.entries.len(), ARTICLES);

    let mut group = c.benchmark_group("library start, 10k warm");
    group.sample_size(10);
    group.bench_function("store open to first frame with rows", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                // The scan runs to its end outside the timing, so that
                // samples do not overlap.
                let (first, app) = start(&lib, &db, scanned);
                total += first;
                black_box(app);
            }
            total
        })
    });
    group.bench_function("store open to every row on screen, scan over", |b| {
        b.iter(|| black_box(start(&lib, &db, scanned).1))
    });
    let root = std::fs::canonicalize(&lib).unwrap();
    let root = root.to_string_lossy();
    group.bench_function(
        "store: open unchecked and read the first page by date",
        |b| {
            b.iter(|| {
                let store = quire::store::Store::open_unchecked(&db).unwrap();
                let mut n = 0;
                store
                    .read_library(&root, Sort::default(), 120, 4096, |files| {
                        n = files.len();
                        false
                    })
                    .unwrap();
                black_box(n)
            })
        },
    );
    group.finish();
}

criterion_group!(library_start, benches);
criterion_main!(library_start);
