//! The library search's pause in typing: a query is asked for on the
//! event loop's deadline after the last key (no job waits it out), Enter
//! during the pause asks at once, and a key typed while a query runs drops
//! its result, as does a result for an older query.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use quire::tui::jobs::{Done, Executor, Inline, Job, Output};
use quire::tui::search::{DEBOUNCE, SearchJob, SearchOutput};
use quire::tui::{Action, Msg, Screen, update};

use quire::search::{Hit, Snippet};

use crate::search_screen::{app, pump, search, searched, type_text};

/// The queries asked for so far.
fn queries(app: &quire::tui::App) -> Vec<String> {
    app.jobs
        .queued()
        .iter()
        .filter_map(|(_, job)| match job {
            Job::Search(SearchJob::Query { text, .. }) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_default_debounce_is_the_loop_s_deadline_and_no_job_waits_it_out() {
    let mut app = app();
    app.search.debounce = DEBOUNCE;
    update(&mut app, Action::SearchLibrary);
    let _ = app.jobs.take();
    assert_eq!(app.deadline(), None, "nothing typed, nothing to wake for");
    let before = Instant::now();
    type_text(&mut app, "x");
    let after = Instant::now();
    assert!(queries(&app).is_empty(), "nothing asked while typing");
    let at = app.deadline().expect("a deadline");
    assert!(
        before + DEBOUNCE <= at && at <= after + DEBOUNCE,
        "150 ms after the key"
    );
    // Before the deadline nothing is asked for.
    update(&mut app, Msg::Deadline(at - Duration::from_millis(1)));
    assert!(queries(&app).is_empty());
    // Another key moves the deadline on.
    type_text(&mut app, "y");
    let later = app.deadline().expect("a deadline");
    assert!(later >= at);
    update(&mut app, Msg::Deadline(at));
    assert!(
        queries(&app).is_empty(),
        "the first deadline passed for nothing"
    );
    update(&mut app, Msg::Deadline(later));
    assert_eq!(queries(&app), ["xy"], "asked once, for the whole query");
    assert_eq!(app.deadline(), None);
}

#[test]
fn enter_during_the_pause_asks_at_once_and_opens_the_first_result() {
    let mut app = app();
    let mut inline = Inline::default();
    app.search.debounce = DEBOUNCE;
    update(&mut app, Action::SearchLibrary);
    pump(&mut app, &mut inline);
    type_text(&mut app, "sunscreen");
    assert!(app.deadline().is_some());
    update(&mut app, Action::OpenSelected);
    assert_eq!(app.deadline(), None, "Enter ended the pause");
    assert_eq!(queries(&app).len(), 1);
    pump(&mut app, &mut inline);
    assert!(
        matches!(app.screens.last(), Some(Screen::Reader(_))),
        "the first result opened"
    );
}

#[test]
fn a_key_typed_while_a_query_runs_drops_its_result_and_clearing_asks_at_once() {
    let (mut app, mut inline) = searched("sunscreen");
    let before = search(&app).hits.clone();
    type_text(&mut app, "s");
    assert!(search(&app).waiting.is_some(), "no debounce: asked at once");
    app.search.debounce = DEBOUNCE;
    type_text(&mut app, "x");
    assert_eq!(search(&app).waiting, None, "the pause waits for no job");
    for (id, job) in app.jobs.take() {
        inline.spawn(id, job);
    }
    while let Some(done) = inline.try_next() {
        update(&mut app, Msg::Done(Box::new(done)));
    }
    let s = search(&app);
    assert_eq!(s.hits, before, "the stopped query's result changed nothing");
    assert_eq!(s.answered, "sunscreen");
    assert!(!s.current(), "the results do not answer what is typed");
    update(&mut app, Action::FilterClearInput);
    assert_eq!(app.deadline(), None, "an empty query needs no pause");
    assert!(search(&app).hits.is_empty());
}

#[test]
fn a_result_for_an_older_query_is_dropped() {
    let (mut app, mut inline) = searched("sunscreen");
    let before = search(&app).hits.clone();
    type_text(&mut app, "s");
    let newest = search(&app).waiting.unwrap();
    let stale = Done {
        id: newest - 1,
        output: Output::Search(SearchOutput::Hits {
            text: "stale".into(),
            hits: Ok(vec![Hit {
                path: "elsewhere.md".into(),
                title: "Stale".into(),
                section: Vec::new(),
                anchor: String::new(),
                line: 1,
                snippet: Snippet::default(),
                score: 1.0,
            }]),
        }),
    };
    update(&mut app, Msg::Done(Box::new(stale)));
    let s = search(&app);
    assert_eq!(s.hits, before, "the stale result changed nothing");
    assert_eq!(s.waiting, Some(newest));
    pump(&mut app, &mut inline);
    assert_eq!(search(&app).answered, "sunscreens");
}
