//! The library search screen driven through `update` with the inline
//! executor: typing queries the index, a newer query replaces an older one
//! (by id), Enter lands the reader on the section with the query loaded,
//! q goes back to the same results, and the library's tag filter applies.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use quire::library::{self, Filter, TagMode};
use quire::search::{Hit, Progress};
use quire::tui::jobs::{Done, Executor, Inline, Job, Output};
use quire::tui::keymap::Mode;
use quire::tui::library::LibraryScreen;
use quire::tui::search::{SearchJob, SearchOutput, SearchScreen, SearchShared};
use quire::tui::{Action, App, Effect, Msg, Screen, update};

fn articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

/// An app on the bundled library with an index in memory and no debounce.
fn app_with(filter: Filter) -> App {
    let mut app = App::new(common::config(), 100, 30);
    app.search = SearchShared::new(None);
    app.search.debounce = Duration::ZERO;
    let lib = library::scan(&articles()).unwrap();
    app.open_library(LibraryScreen::new(lib, filter, 30));
    app
}

pub(crate) fn app() -> App {
    app_with(Filter::default())
}

/// Hands the queued jobs to `inline` and delivers what comes back until
/// nothing is left.
pub(crate) fn pump(app: &mut App, inline: &mut Inline) {
    loop {
        for (id, job) in app.jobs.take() {
            inline.spawn(id, job);
        }
        match inline.try_next() {
            Some(done) => {
                update(app, Msg::Done(Box::new(done)));
            }
            None if app.jobs.queued().is_empty() => return,
            None => {}
        }
    }
}

pub(crate) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::FilterInput(c));
    }
}

pub(crate) fn search(app: &App) -> &SearchScreen {
    match app.screens.last() {
        Some(Screen::Search(s)) => s,
        _ => panic!("the top screen is not the search"),
    }
}

/// `F`, the index built, and `text` typed with every job run.
pub(crate) fn searched(text: &str) -> (App, Inline) {
    let mut app = app();
    let mut inline = Inline::default();
    update(&mut app, Action::SearchLibrary);
    pump(&mut app, &mut inline);
    type_text(&mut app, text);
    pump(&mut app, &mut inline);
    (app, inline)
}

fn crumbs(hit: &Hit) -> String {
    hit.section.join(" > ")
}

#[test]
fn f_opens_the_search_typing_and_builds_the_index() {
    let mut app = app();
    update(&mut app, Action::SearchLibrary);
    assert_eq!(app.mode(), Mode::LibrarySearch);
    let builds = app
        .jobs
        .queued()
        .iter()
        .filter(|(_, job)| matches!(job, Job::Search(SearchJob::Build { .. })))
        .count();
    assert_eq!(builds, 1);
    assert!(app.search.build.is_some());
    let mut inline = Inline::default();
    pump(&mut app, &mut inline);
    assert_eq!(app.search.build, None, "the build finished");
}

#[test]
fn typing_shows_the_ranked_sections_with_marked_snippets() {
    let (app, _) = searched("sunscreen");
    let s = search(&app);
    assert!(s.current());
    assert!(!s.hits.is_empty());
    let hit = &s.hits[0];
    assert!(hit.path.ends_with("2024-06-21-three-days-on-the-ridge.md"));
    let places: Vec<String> = s.hits.iter().map(crumbs).collect();
    assert!(
        places
            .iter()
            .any(|p| p.ends_with("What the sun does at two thousand metres")),
        "{places:?}"
    );
    let marked: Vec<&str> = hit
        .snippet
        .marks
        .iter()
        .map(|m| &hit.snippet.text[m.clone()])
        .collect();
    assert!(
        marked.iter().all(|w| w.eq_ignore_ascii_case("sunscreen")),
        "{marked:?}"
    );
}

#[test]
fn leaving_the_search_stops_its_query() {
    let mut app = app();
    let mut inline = Inline::default();
    update(&mut app, Action::SearchLibrary);
    pump(&mut app, &mut inline);
    type_text(&mut app, "espresso");
    let queued = app.jobs.take();
    assert_eq!(queued.len(), 8, "one query job per key");
    // Esc before the newest query ran: it gives up instead of searching.
    assert_eq!(update(&mut app, Action::Cancel), Some(Effect::Back));
    app.pop_screen();
    let mut held = Inline::holding();
    for (id, job) in queued {
        held.spawn(id, job);
    }
    held.finish_all();
    let done: Vec<Done> = std::iter::from_fn(|| held.try_next()).collect();
    assert_eq!(done.len(), 8);
    assert!(
        done.iter()
            .all(|d| matches!(d.output, Output::Search(SearchOutput::Skipped))),
        "a query ran after the search was left"
    );
}

#[test]
fn each_key_asks_again_and_the_older_queries_give_up_by_number() {
    let mut app = app();
    let mut inline = Inline::default();
    update(&mut app, Action::SearchLibrary);
    pump(&mut app, &mut inline);
    let mut held = Inline::holding();
    type_text(&mut app, "espr");
    let ids: Vec<u64> = app.jobs.queued().iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), 4, "one query job per key");
    assert_eq!(search(&app).waiting, ids.last().copied());
    for (id, job) in app.jobs.take() {
        held.spawn(id, job);
    }
    held.finish_all();
    let done: Vec<Done> = std::iter::from_fn(|| held.try_next()).collect();
    let skipped = done
        .iter()
        .filter(|d| matches!(d.output, Output::Search(SearchOutput::Skipped)))
        .count();
    assert_eq!(skipped, 3, "only the newest query ran");
    for d in done {
        update(&mut app, Msg::Done(Box::new(d)));
    }
    let s = search(&app);
    assert!(s.current());
    assert_eq!(s.answered, "espr");
    assert!(
        s.hits[0]
            .path
            .ends_with("2024-11-03-dialing-in-espresso-at-home.md")
    );
}

#[test]
fn enter_lands_on_the_section_with_the_query_and_q_comes_back() {
    let (mut app, mut inline) = searched("sunscreen");
    update(&mut app, Action::LineDown);
    let chosen = search(&app).selected_hit().unwrap().clone();
    update(&mut app, Action::OpenSelected);
    pump(&mut app, &mut inline);
    let r = app.reader().expect("a reader on top");
    assert!(r.article.path.ends_with(&chosen.path));
    let heading = r
        .article
        .outline
        .iter()
        .position(|h| h.anchor() == chosen.anchor)
        .unwrap();
    assert_eq!(
        r.top, r.doc.headings[heading],
        "the section's heading on top"
    );
    assert_eq!(r.search.query, "sunscreen");
    let current = r.search.matches[r.search.current.unwrap()];
    assert!(current.line >= r.top && current.line < r.top + r.rows());
    let first_hit = current.hit;
    // n goes on through the article's matches.
    let total = quire::search::count_hits(&r.search.matches);
    update(&mut app, Action::SearchNext);
    let r = app.reader().unwrap();
    let next = r.search.matches[r.search.current.unwrap()].hit;
    assert_eq!(next, (first_hit + 1) % total);
    // q: back to the same results, browsing; q again: the library.
    assert_eq!(update(&mut app, Action::Back), Some(Effect::Back));
    app.pop_screen();
    let s = search(&app);
    assert_eq!(s.input, "sunscreen");
    assert_eq!(s.selected, 1);
    assert_eq!(s.selected_hit(), Some(&chosen));
    assert_eq!(app.mode(), Mode::SearchResults);
    assert_eq!(update(&mut app, Action::Back), Some(Effect::Back));
    app.pop_screen();
    assert!(app.library().is_some());
}

#[test]
fn enter_before_the_results_opens_the_first_when_they_come() {
    let mut app = app();
    let mut inline = Inline::default();
    update(&mut app, Action::SearchLibrary);
    pump(&mut app, &mut inline);
    type_text(&mut app, "ownership");
    update(&mut app, Action::OpenSelected);
    assert!(app.reader().is_none());
    assert!(search(&app).open_when_ready);
    pump(&mut app, &mut inline);
    let r = app.reader().expect("the first result opened");
    assert!(
        r.article
            .path
            .ends_with("2025-01-12-learning-rust-ownership.md")
    );
    assert_eq!(r.search.query, "ownership");
}

#[test]
fn the_library_tag_filter_applies() {
    let (app, _) = searched("terminal");
    let all: Vec<PathBuf> = search(&app).hits.iter().map(|h| h.path.clone()).collect();
    assert!(all.iter().any(|p| !p.starts_with("typography")), "{all:?}");
    for mode in [TagMode::All, TagMode::Any] {
        let filter = Filter {
            tags: vec!["Typography".into()],
            mode,
            ..Filter::default()
        };
        let mut app = app_with(filter);
        let mut inline = Inline::default();
        update(&mut app, Action::SearchLibrary);
        pump(&mut app, &mut inline);
        type_text(&mut app, "terminal");
        pump(&mut app, &mut inline);
        let s = search(&app);
        assert!(!s.hits.is_empty());
        assert!(
            s.hits
                .iter()
                .all(|h| h.path == Path::new("typography-for-the-terminal.md")),
            "{mode:?}: {:?}",
            s.hits
        );
        assert_eq!(s.scope_label, "tags: Typography");
    }
}

#[test]
fn progress_of_the_first_index_asks_again_for_results_so_far() {
    let mut app = app();
    update(&mut app, Action::SearchLibrary);
    let build = app.search.build.unwrap();
    let _ = app.jobs.take();
    type_text(&mut app, "rust");
    let asked = search(&app).waiting.unwrap();
    // Results for the typed query arrive; then a batch is indexed.
    let hits = Output::Search(SearchOutput::Hits {
        text: "rust".into(),
        hits: Ok(Vec::new()),
    });
    update(
        &mut app,
        Msg::Done(Box::new(Done {
            id: asked,
            output: hits,
        })),
    );
    let _ = app.jobs.take();
    let progress = Progress { done: 3, total: 7 };
    let done = Done {
        id: build,
        output: Output::Search(SearchOutput::Progress(progress)),
    };
    update(&mut app, Msg::Done(Box::new(done)));
    assert_eq!(app.search.progress, Some(progress));
    let again = app.jobs.queued();
    assert!(
        matches!(again, [(_, Job::Search(SearchJob::Query { text, .. }))] if text == "rust"),
        "{again:?}"
    );
}

#[test]
fn tab_browses_the_results_and_slash_types_again() {
    let (mut app, _) = searched("rust");
    update(&mut app, Action::FilterKeep);
    assert_eq!(app.mode(), Mode::SearchResults);
    update(&mut app, Action::LineDown);
    assert_eq!(search(&app).selected, 1);
    update(&mut app, Action::FilterStart);
    assert_eq!(app.mode(), Mode::LibrarySearch);
    assert_eq!(update(&mut app, Action::Back), Some(Effect::Back));
}

// ---- screens: TestBackend + insta ----

fn screen(
    app: &mut App,
    width: u16,
    height: u16,
) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    update(app, Action::Resize(width, height));
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    terminal
}

#[test]
fn screen_results_while_typing() {
    let (mut app, _) = searched("sunscreen");
    let terminal = screen(&mut app, 100, 12);
    insta::assert_snapshot!(terminal.backend());
    // The matched word of the second snippet is drawn in the search-match
    // style (mono: reversed), the words around it are not.
    let buf = terminal.backend().buffer();
    let row: String = (0..100).map(|x| buf[(x, 5)].symbol()).collect();
    let at = u16::try_from(row.find("sunscreen").unwrap()).unwrap();
    let reversed = |x: u16| {
        buf[(x, 5)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    };
    assert!((at..at + 9).all(reversed), "{row}");
    assert!(!reversed(at - 2) && !reversed(at + 10));
}

#[test]
fn screen_browsing_narrow_keeps_the_section_heading() {
    let (mut app, _) = searched("terminal");
    update(&mut app, Action::FilterKeep);
    update(&mut app, Action::LineDown);
    insta::assert_snapshot!(screen(&mut app, 60, 14).backend());
}

#[test]
fn screen_first_index_in_progress() {
    let mut app = app();
    update(&mut app, Action::SearchLibrary);
    let build = app.search.build.unwrap();
    let _ = app.jobs.take();
    let done = Done {
        id: build,
        output: Output::Search(SearchOutput::Progress(Progress { done: 3, total: 7 })),
    };
    update(&mut app, Msg::Done(Box::new(done)));
    type_text(&mut app, "rust");
    insta::assert_snapshot!(screen(&mut app, 80, 6).backend());
}

#[test]
fn screen_nothing_found() {
    let (mut app, _) = searched("zzyzx");
    insta::assert_snapshot!(screen(&mut app, 60, 8).backend());
}

/// What the app's keymap does with Ctrl-`c` in its current mode.
fn ctrl(app: &App, c: char) -> Action {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    app.keymap.action_for(app.mode(), &event).unwrap()
}

#[test]
fn ctrl_u_clears_the_query_and_ctrl_w_deletes_its_last_word() {
    let (mut app, mut inline) = searched("\"reading the licence\" ridge");
    let action = ctrl(&app, 'w');
    update(&mut app, action);
    assert_eq!(search(&app).input, "\"reading the licence\" ");
    let action = ctrl(&app, 'u');
    update(&mut app, action);
    assert_eq!(search(&app).input, "");
    assert_eq!(app.mode(), Mode::LibrarySearch, "still typing");
    type_text(&mut app, "sunscreen");
    pump(&mut app, &mut inline);
    let s = search(&app);
    assert_eq!(s.input, "sunscreen");
    assert!(s.current() && !s.hits.is_empty());
}

#[test]
fn the_library_filter_takes_ctrl_u_and_ctrl_w_too() {
    let mut app = app();
    update(&mut app, Action::FilterStart);
    type_text(&mut app, "three days");
    let action = ctrl(&app, 'w');
    update(&mut app, action);
    let Some(Screen::Library(lib)) = app.screens.last() else {
        panic!("the top screen is not the library");
    };
    assert_eq!(lib.filter.text, "three ");
    let action = ctrl(&app, 'u');
    update(&mut app, action);
    let Some(Screen::Library(lib)) = app.screens.last() else {
        panic!("the top screen is not the library");
    };
    assert_eq!(lib.filter.text, "");
    assert_eq!(app.mode(), Mode::LibraryFilter, "still typing");
}

#[test]
fn a_query_of_tags_alone_asks_for_a_word() {
    let screen = |text: &str| {
        let (app, _) = searched(text);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
        terminal.draw(|f| quire::tui::ui::draw(f, &app)).unwrap();
        format!("{:?}", terminal.backend())
    };
    assert!(screen("tag:walking").contains("add a word"));
    assert!(!screen("tag:walking ridge").contains("add a word"));
    assert!(!screen("zzzqqq").contains("add a word"));
}
