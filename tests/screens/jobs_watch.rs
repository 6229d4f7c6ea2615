//! An open article's file watched: a change reloads it on the same heading
//! and offset, leaving the reader stops the watch, a change made before the
//! watch began is reported, and reading the file is no change.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::time::{Duration, Instant};

use quire::article::Article;
use quire::tui::jobs::{Done, Executor, Job, Output, Pool};
use quire::tui::reader::jobs as reader;
use quire::tui::{Action, App, update};

use super::jobs::{deliver, library_app, run_queued};

#[test]
fn a_changed_file_reloads_on_the_same_heading_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    let mut md = String::from("# Post\n\n");
    for s in 0..6 {
        md.push_str(&format!("## Part {s}\n\n"));
        for p in 0..8 {
            md.push_str(&format!("Paragraph {p} of part {s}, long enough to wrap once or twice at a narrow width like this one.\n\n"));
        }
    }
    std::fs::write(&path, &md).unwrap();
    let mut app = App::new(common::config(), 80, 20);
    app.open_reader(Article::load(&path).unwrap());
    app.watch_top_reader();
    let watch = run_queued(&mut app);
    assert!(
        watch.is_empty(),
        "a watcher runs until stopped: tests feed its news"
    );
    let watch_id = app.reader().unwrap().jobs.watch.as_ref().unwrap().0;
    // Go into part 3 a few lines.
    for _ in 0..4 {
        update(&mut app, Action::NextHeading);
    }
    update(&mut app, Action::LineDown);
    update(&mut app, Action::LineDown);
    let before = app.reader().unwrap().place();
    assert_eq!(before.anchor.as_deref(), Some("part-3"));
    assert_eq!(before.lines_in, 2);
    // A new section above and a new one at the end.
    let edited = md.replacen("## Part 0", "## Intro\n\nA new opening.\n\n## Part 0", 1)
        + "## New section\n\nThe end.\n";
    std::fs::write(&path, edited).unwrap();
    deliver(
        &mut app,
        Done {
            id: watch_id,
            output: Output::Reader(reader::Output::Changed(path.clone())),
        },
    );
    let reload = run_queued(&mut app);
    assert!(matches!(
        reload[..],
        [Done {
            output: Output::Reader(reader::Output::Reloaded(Ok(_))),
            ..
        }]
    ));
    for done in reload {
        deliver(&mut app, done);
    }
    let r = app.reader().unwrap();
    assert_eq!(r.message.as_deref(), Some("reloaded"));
    assert_eq!(r.article.outline.last().unwrap().text(), "New section");
    let after = r.place();
    assert_eq!(
        (after.anchor, after.lines_in),
        (before.anchor, before.lines_in),
        "same heading, same lines into it"
    );

    // Deleted: what was shown stays, with a note.
    std::fs::remove_file(&path).unwrap();
    deliver(
        &mut app,
        Done {
            id: watch_id,
            output: Output::Reader(reader::Output::Changed(path.clone())),
        },
    );
    for done in run_queued(&mut app) {
        deliver(&mut app, done);
    }
    let r = app.reader().unwrap();
    assert_eq!(r.article.outline.last().unwrap().text(), "New section");
    let note = r.message.clone().unwrap();
    assert!(note.contains("still showing what was read"), "{note}");
}

#[test]
fn leaving_a_reader_stops_its_watch() {
    let mut app = library_app(100, 24);
    let _ = run_queued(&mut app);
    update(&mut app, Action::OpenSelected);
    for done in run_queued(&mut app) {
        deliver(&mut app, done);
    }
    let (_, stop) = app
        .reader()
        .unwrap()
        .jobs
        .watch
        .clone()
        .expect("an opened article is watched");
    assert!(!stop.stopped());
    app.pop_screen();
    assert!(stop.stopped());
}

#[test]
fn the_watcher_reports_a_change_to_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watched.md");
    std::fs::write(&path, "# One\n").unwrap();
    let mut pool = Pool::new(1).unwrap();
    let stop = quire::tui::jobs::StopFlag::default();
    pool.spawn(
        7,
        Job::Reader(reader::Job::Watch {
            path: path.clone(),
            stop: stop.clone(),
            since: None,
        }),
    );
    // Give the watch a moment to start, then write, as an editor would,
    // through a new file renamed over the old one.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = false;
    let mut writes = 0;
    while !seen && Instant::now() < deadline {
        if writes < 40 {
            let tmp = dir.path().join(".watched.md.tmp");
            std::fs::write(&tmp, format!("# One\n\n## Two {writes}\n")).unwrap();
            std::fs::rename(&tmp, &path).unwrap();
            writes += 1;
        }
        std::thread::sleep(Duration::from_millis(100));
        while let Some(done) = pool.try_next() {
            if done.id == 7
                && matches!(&done.output, Output::Reader(reader::Output::Changed(p)) if p == &path)
            {
                seen = true;
            }
        }
    }
    stop.stop();
    assert!(seen, "a change to the file was reported");
}

#[test]
fn a_change_made_before_the_watch_began_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("changed-early.md");
    std::fs::write(&path, "# One\n").unwrap();
    let (_, read) = quire::article::read_file_stamped(&path).unwrap();
    // Written between the read and the watch: one write, never again.
    std::fs::write(&path, "# One\n\n## Two\n").unwrap();
    let mut pool = Pool::new(1).unwrap();
    let stop = quire::tui::jobs::StopFlag::default();
    pool.spawn(
        5,
        Job::Reader(reader::Job::Watch {
            path: path.clone(),
            stop: stop.clone(),
            since: Some(read),
        }),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = false;
    while !seen && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        while let Some(done) = pool.try_next() {
            if done.id == 5
                && matches!(&done.output, Output::Reader(reader::Output::Changed(p)) if p == &path)
            {
                seen = true;
            }
        }
    }
    stop.stop();
    assert!(seen, "the change made before the watch was reported");
}

#[test]
fn reading_a_watched_file_is_not_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("read-only-here.md");
    std::fs::write(&path, "# One\n").unwrap();
    let mut pool = Pool::new(1).unwrap();
    let stop = quire::tui::jobs::StopFlag::default();
    pool.spawn(
        3,
        Job::Reader(reader::Job::Watch {
            path: path.clone(),
            stop: stop.clone(),
            since: quire::article::FileStamp::of_path(&path),
        }),
    );
    // Reads only, for a while: nothing to report.
    for _ in 0..10 {
        let _ = std::fs::read(&path).unwrap();
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(400));
    let mut reported = Vec::new();
    while let Some(done) = pool.try_next() {
        reported.push(done);
    }
    stop.stop();
    assert!(
        reported
            .iter()
            .all(|d| !matches!(d.output, Output::Reader(reader::Output::Changed(_)))),
        "{reported:?}"
    );
}
