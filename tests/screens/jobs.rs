//! Background jobs: the worker pool hands results back by id, `update` puts
//! each where it was asked for, and a result the user moved past is dropped.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::Path;
use std::time::{Duration, Instant};

use quire::article::Article;
use quire::library::{self, Filter};
use quire::tui::jobs::{Done, Executor, Inline, Job, Output, Pool};
use quire::tui::library::LibraryScreen;
use quire::tui::library::jobs as library_jobs;
use quire::tui::reader::jobs as reader;
use quire::tui::{Action, App, Msg, Screen, update};

fn fixture_library() -> &'static Path {
    Path::new("tests/fixtures/library")
}

pub(super) fn library_app(width: u16, height: u16) -> App {
    let mut app = App::new(common::config(), width, height);
    let lib = library::scan(fixture_library()).unwrap();
    app.open_library(LibraryScreen::new(lib, Filter::default(), height));
    app
}

/// Runs every queued job of `app` on this thread and returns the results
/// without delivering them.
pub(super) fn run_queued(app: &mut App) -> Vec<Done> {
    let mut inline = Inline::default();
    for (id, job) in app.jobs.take() {
        inline.spawn(id, job);
    }
    std::iter::from_fn(|| inline.try_next()).collect()
}

pub(super) fn deliver(app: &mut App, done: Done) {
    update(app, Msg::Done(Box::new(done)));
}

#[test]
fn the_pool_runs_jobs_on_workers_and_hands_each_result_back_with_its_id() {
    let mut pool = Pool::new(2).unwrap();
    let paths: Vec<_> = std::fs::read_dir(fixture_library())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    for (i, path) in paths.iter().enumerate() {
        pool.spawn(
            i as u64 + 1,
            Job::Library(library_jobs::Job::Preview {
                entry: i,
                path: path.clone(),
            }),
        );
    }
    assert!(pool.busy());
    let mut ids = Vec::new();
    // Bounded wait for the workers; no timing is asserted.
    let deadline = Instant::now() + Duration::from_secs(30);
    while ids.len() < paths.len() && Instant::now() < deadline {
        match pool.try_next() {
            Some(done) => {
                let Output::Library(library_jobs::Output::Preview { entry, .. }) = done.output
                else {
                    panic!("a preview job gives a preview");
                };
                assert_eq!(done.id, entry as u64 + 1, "the id travels with its result");
                ids.push(done.id);
            }
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    ids.sort_unstable();
    let expected: Vec<u64> = (1..=paths.len() as u64).collect();
    assert_eq!(ids, expected);
    assert!(!pool.busy());
}

#[test]
fn a_panicking_job_is_reported_and_the_worker_lives_on() {
    // A layouter that panics stands for a bug in a job.
    fn broken(_: &Article, _: u16, _: quire::layout::LayoutOptions) -> quire::layout::Document {
        panic!("a layout bug")
    }
    let mut pool = Pool::new(1).unwrap();
    let config = quire::tui::Config {
        layouter: quire::tui::Layouter::StandIn(broken),
        ..common::config()
    };
    let article = std::sync::Arc::new(common::sample());
    pool.spawn(
        1,
        Job::Reader(reader::Job::Layout {
            article,
            config,
            width: 40,
        }),
    );
    let preview = Job::Library(library_jobs::Job::Preview {
        entry: 0,
        path: common::fixtures().join("lighthouse.md"),
    });
    pool.spawn(2, preview);
    let mut got = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while got.len() < 2 && Instant::now() < deadline {
        match pool.try_next() {
            Some(done) => got.push(done),
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    assert!(matches!(got[0].output, Output::Failed(_)), "{:?}", got[0]);
    assert!(matches!(
        got[1].output,
        Output::Library(library_jobs::Output::Preview { .. })
    ));
}

#[test]
fn opening_from_the_library_is_a_job_and_an_older_open_is_dropped() {
    let mut app = library_app(100, 24);
    // The first preview is asked for when the library opens.
    assert!(matches!(
        app.jobs.queued(),
        [(_, Job::Library(library_jobs::Job::Preview { .. }))]
    ));
    // Then the next row's, read ahead.
    while !app.jobs.queued().is_empty() {
        for done in run_queued(&mut app) {
            deliver(&mut app, done);
        }
    }
    assert!(app.library().unwrap().preview().is_some());

    update(&mut app, Action::OpenSelected);
    let first = run_queued(&mut app);
    assert!(matches!(
        first[..],
        [Done {
            output: Output::Reader(reader::Output::Opened(Ok(_))),
            ..
        }]
    ));
    // Before the first article arrives, the user opens the next one.
    update(&mut app, Action::LineDown);
    update(&mut app, Action::OpenSelected);
    let queued = run_queued(&mut app);
    let second = queued
        .into_iter()
        .filter(|d| matches!(d.output, Output::Reader(reader::Output::Opened(_))))
        .collect::<Vec<_>>();
    assert_eq!(second.len(), 1);
    let second_title = match &second[0].output {
        Output::Reader(reader::Output::Opened(Ok(r))) => r.article.meta.title.clone(),
        other => panic!("{other:?}"),
    };
    // The first result comes late: dropped. The second opens.
    for done in first {
        deliver(&mut app, done);
    }
    assert_eq!(
        app.screens.len(),
        1,
        "a result the user moved past is dropped"
    );
    for done in second {
        deliver(&mut app, done);
    }
    assert_eq!(app.screens.len(), 2);
    assert_eq!(app.reader().unwrap().article.meta.title, second_title);
}

#[test]
fn a_move_by_one_row_finds_its_preview_read_ahead() {
    let mut app = library_app(100, 24);
    // The selected row's preview, then the next row's, one at a time.
    let mut read = 0;
    while !app.jobs.queued().is_empty() {
        assert_eq!(app.jobs.queued().len(), 1, "one preview at a time");
        for done in run_queued(&mut app) {
            deliver(&mut app, done);
            read += 1;
        }
    }
    assert_eq!(read, 2, "the first row has no row before it");
    update(&mut app, Action::LineDown);
    assert!(
        app.library().unwrap().preview().is_some(),
        "shown in the move's own frame"
    );
    // Now the row after it; the one before is cached already.
    assert!(matches!(
        app.jobs.queued(),
        [(_, Job::Library(library_jobs::Job::Preview { entry: 2, .. }))]
    ));
}

#[test]
fn no_preview_is_read_while_the_terminal_is_too_narrow_for_its_panel() {
    let is_preview = |job: &Job| matches!(job, Job::Library(library_jobs::Job::Preview { .. }));
    let mut app = library_app(80, 24);
    assert!(!app.jobs.queued().iter().any(|(_, job)| is_preview(job)));
    update(&mut app, Action::LineDown);
    assert!(!app.jobs.queued().iter().any(|(_, job)| is_preview(job)));
    update(&mut app, Action::Resize(120, 24));
    assert!(app.jobs.queued().iter().any(|(_, job)| is_preview(job)));
}

#[test]
fn a_file_that_cannot_be_opened_says_why_in_the_footer() {
    let mut app = library_app(100, 24);
    let _ = run_queued(&mut app);
    app.request_open(fixture_library().join("no-such-file.md"));
    for done in run_queued(&mut app) {
        deliver(&mut app, done);
    }
    assert_eq!(app.screens.len(), 1);
    let message = app.library().unwrap().message.clone().unwrap();
    assert!(message.contains("no-such-file.md"), "{message}");
}

#[test]
fn a_large_article_is_laid_out_again_in_the_background_after_a_resize() {
    let md = common::long_markdown(1500, 2);
    assert!(md.len() > quire::tui::reader::BACKGROUND_LAYOUT_BYTES);
    let article = Article::from_bytes(Path::new("long.md"), md.as_bytes());
    let mut app = App::new(common::config(), 100, 30);
    app.open_reader(article);
    // Read into the middle, then resize twice: the old layout stays on
    // screen until the new one arrives, and the first layout asked for is
    // dropped because the second size replaced it.
    for _ in 0..500 {
        update(&mut app, Action::LineDown);
    }
    let source = {
        let r = app.reader().unwrap();
        r.doc.line(r.top).unwrap().source()
    };
    let old_width = app.reader().unwrap().doc.width;
    update(&mut app, Action::Resize(80, 30));
    let stale = run_queued(&mut app);
    update(&mut app, Action::Resize(70, 30));
    let fresh = run_queued(&mut app);
    assert_eq!((stale.len(), fresh.len()), (1, 1));
    let r = app.reader().unwrap();
    assert_eq!(r.doc.width, old_width, "the old layout shows meanwhile");
    // Keys still work on what is shown.
    update(&mut app, Action::LineDown);
    for done in stale {
        deliver(&mut app, done);
    }
    assert_eq!(app.reader().unwrap().doc.width, old_width, "stale: dropped");
    for done in fresh {
        deliver(&mut app, done);
    }
    let r = app.reader().unwrap();
    assert_eq!(r.doc.width, r.geometry.text.width);
    assert_ne!(r.doc.width, old_width);
    let now = r.doc.line(r.top).unwrap().source();
    assert_eq!(now, source, "the same block is on the top line");
}

#[test]
fn a_small_article_is_laid_out_at_once_on_resize() {
    let mut app = common::app(100, 30);
    update(&mut app, Action::Resize(70, 30));
    assert!(app.jobs.queued().is_empty());
    let r = app.reader().unwrap();
    assert_eq!(r.doc.width, r.geometry.text.width);
}

#[test]
fn the_preview_follows_the_selection_one_job_at_a_time() {
    let mut app = library_app(120, 24);
    let first = run_queued(&mut app);
    assert_eq!(first.len(), 1);
    // Moving while a preview is being read asks for nothing more yet.
    update(&mut app, Action::LineDown);
    update(&mut app, Action::LineDown);
    assert!(app.jobs.queued().is_empty(), "one preview at a time");
    for done in first {
        deliver(&mut app, done);
    }
    // Its result frees the way for the selected row's preview.
    let next = run_queued(&mut app);
    assert_eq!(next.len(), 1);
    let Screen::Library(s) = &app.screens[0] else {
        panic!("library")
    };
    let selected = match s.selected_row() {
        Some(quire::tui::library::Row::Article(i)) => i,
        other => panic!("{other:?}"),
    };
    assert!(
        matches!(&next[0].output, Output::Library(library_jobs::Output::Preview { entry, .. }) if *entry == selected),
        "the preview asked for is the selected row's"
    );
}

#[test]
fn a_preview_that_comes_after_the_selection_moved_is_kept_for_its_entry() {
    let mut app = library_app(120, 24);
    let first = run_queued(&mut app);
    update(&mut app, Action::LineDown);
    for done in first {
        deliver(&mut app, done);
    }
    assert_eq!(run_queued(&mut app).len(), 1, "the selected row's, next");
    update(&mut app, Action::LineUp);
    let Screen::Library(s) = &app.screens[0] else {
        panic!("library")
    };
    let shown = matches!(
        s.preview(),
        Some(quire::tui::library::PreviewState::Ready(_))
    );
    assert!(shown, "late, but right for its entry: {:?}", s.preview());
    assert!(app.jobs.queued().is_empty(), "not read again");
}

/// Events that wait for the loop as the terminal's do, on a doorbell its
/// executor rings: no input ever comes, only the rings are recorded.
struct Waiting {
    bell: quire::tui::doorbell::Doorbell,
    rings: Vec<quire::tui::doorbell::Rung>,
}

impl quire::tui::Events for Waiting {
    fn next(&mut self, _timeout: Duration) -> std::io::Result<quire::tui::Input> {
        if !self.rings.is_empty() {
            return Ok(quire::tui::Input::Closed);
        }
        // Bounded only against a hang: nothing here is timed.
        self.rings.push(self.bell.wait(Duration::from_secs(60))?);
        Ok(quire::tui::Input::Idle)
    }

    fn waker(&self) -> Option<quire::tui::runtime::Waker> {
        Some(self.bell.job_waker())
    }
}

#[test]
fn a_job_s_result_wakes_the_loop_s_wait_with_no_input() {
    let mut app = library_app(120, 24);
    assert_eq!(app.jobs.queued().len(), 1, "the selected article's preview");
    let mut events = Waiting {
        bell: quire::tui::doorbell::Doorbell::new().unwrap(),
        rings: Vec::new(),
    };
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 24)).unwrap();
    quire::tui::run_app(
        &mut terminal,
        &mut app,
        &mut events,
        &mut Pool::new(1).unwrap(),
    )
    .unwrap();
    assert_eq!(
        events.rings,
        [quire::tui::doorbell::Rung {
            input: false,
            bell: true,
            hung_up: false,
            signalled: false,
        }],
        "the wait ended on the preview's result"
    );
    let Screen::Library(s) = &app.screens[0] else {
        panic!("library")
    };
    assert!(s.preview().is_some(), "the result was taken");
}
