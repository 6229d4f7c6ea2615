//! Links in the reader, through `update` and inline jobs: labels and the
//! list follow links, a file opens at its section, history goes back and
//! forward to the exact place, external links wait for a yes.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::{Path, PathBuf};

use quire::library::{self, Filter};
use quire::tui::action::Effect;
use quire::tui::jobs::{Executor, Inline, Job};
use quire::tui::keymap::Mode;
use quire::tui::library::LibraryScreen;
use quire::tui::reader::Focus;
use quire::tui::reader::jobs as reader;
use quire::tui::{Action, App, Msg, update};

fn site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/reader")
}

fn reader_app(file: &str) -> App {
    common::app_with(common::load(&site().join(file)), 100, 20)
}

/// Runs queued jobs inline and delivers their results until none is left;
/// returns every job that was spawned.
fn settle(app: &mut App) -> Vec<Job> {
    let mut inline = Inline::default();
    loop {
        let jobs = app.jobs.take();
        if jobs.is_empty() && !inline.busy() {
            break;
        }
        for (id, job) in jobs {
            inline.spawn(id, job);
        }
        while let Some(done) = inline.try_next() {
            update(app, Msg::Done(Box::new(done)));
        }
    }
    inline.log.into_iter().map(|(_, job)| job).collect()
}

fn press(app: &mut App, actions: &[Action]) -> Option<Effect> {
    let mut last = None;
    for action in actions {
        last = update(app, action.clone());
        settle(app);
    }
    last
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, &[Action::LinkInput(c)]);
    }
}

fn title(app: &App) -> String {
    app.reader().unwrap().article.meta.title.clone()
}

fn top_text(app: &App) -> String {
    let r = app.reader().unwrap();
    r.doc.line(r.top).unwrap().text().trim().to_string()
}

fn message(app: &App) -> String {
    app.reader().unwrap().message.clone().unwrap_or_default()
}

/// Follows the link whose text holds `filter` from the link list.
fn follow_from_list(app: &mut App, filter: &str) {
    press(app, &[Action::LinkList]);
    assert_eq!(app.mode(), Mode::LinkList);
    typed(app, filter);
    press(app, &[Action::LinkFollow]);
}

#[test]
fn the_list_follows_a_link_to_another_articles_section_and_back_returns_exactly() {
    let mut app = reader_app("start.md");
    press(
        &mut app,
        &[Action::LineDown, Action::LineDown, Action::LineDown],
    );
    // Some outline state to come back to: the focus on it, its cursor moved.
    press(
        &mut app,
        &[
            Action::ToggleFocus,
            Action::OutlineDown,
            Action::OutlineDown,
        ],
    );
    let (top, selected) = {
        let r = app.reader().unwrap();
        assert_eq!(r.focus, Focus::Outline);
        (r.top, r.outline.selected)
    };
    assert_eq!(top, 3);

    follow_from_list(&mut app, "pond");
    assert_eq!(title(&app), "Garden Notes");
    assert_eq!(top_text(&app), "The Pond", "the section is on the top line");
    assert_eq!(app.screens.len(), 1, "the new article replaces the reader");
    assert!(app.reader().unwrap().history.can_back());
    assert!(!app.reader().unwrap().history.can_forward());

    press(&mut app, &[Action::HistoryBack]);
    assert_eq!(title(&app), "Start Page");
    let r = app.reader().unwrap();
    assert_eq!(r.top, top, "the same top line");
    assert_eq!(r.outline.selected, selected, "the same outline cursor");
    assert_eq!(r.focus, Focus::Outline, "the same focus");
    assert!(r.history.can_forward() && !r.history.can_back());

    press(&mut app, &[Action::HistoryForward]);
    assert_eq!(title(&app), "Garden Notes");
    assert_eq!(top_text(&app), "The Pond");
    press(&mut app, &[Action::HistoryForward]);
    assert_eq!(message(&app), "nothing to go forward to");
}

#[test]
fn a_new_step_after_going_back_drops_the_forward_steps() {
    let mut app = reader_app("start.md");
    press(&mut app, &[Action::Bottom]);
    let bottom = app.reader().unwrap().top;
    assert!(bottom > 0);
    press(&mut app, &[Action::HistoryBack]);
    assert_eq!(app.reader().unwrap().top, 0, "G recorded the start");
    assert!(app.reader().unwrap().history.can_forward());

    // A new jump: the outline's second entry.
    press(
        &mut app,
        &[
            Action::ToggleFocus,
            Action::OutlineDown,
            Action::OutlineJump,
        ],
    );
    assert_eq!(top_text(&app), "Middle");
    let r = app.reader().unwrap();
    assert!(!r.history.can_forward(), "the way forward is gone");
    press(&mut app, &[Action::HistoryBack]);
    assert_eq!(app.reader().unwrap().top, 0);
    press(&mut app, &[Action::HistoryBack]);
    assert_eq!(message(&app), "nothing to go back to");
}

#[test]
fn a_label_follows_an_anchor_of_the_same_article_and_a_search_jump_is_recorded() {
    let mut app = reader_app("start.md");
    press(&mut app, &[Action::LinkHints]);
    assert_eq!(app.mode(), Mode::Hints);
    let labels: Vec<String> = {
        let hints = app.reader().unwrap().links.hints.as_ref().unwrap();
        hints.hints.iter().map(|h| h.label.clone()).collect()
    };
    assert_eq!(labels, ["a", "s", "d", "f"]);
    typed(&mut app, "s");
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(top_text(&app), "The End");
    press(&mut app, &[Action::HistoryBack]);
    assert_eq!(app.reader().unwrap().top, 0);

    // A search jump records where it left.
    press(&mut app, &[Action::SearchStart]);
    for c in "evening".chars() {
        press(&mut app, &[Action::SearchInput(c)]);
    }
    press(&mut app, &[Action::SearchSubmit]);
    assert!(app.reader().unwrap().top > 0);
    press(&mut app, &[Action::HistoryBack]);
    assert_eq!(app.reader().unwrap().top, 0);
}

#[test]
fn a_wrong_label_or_escape_cancels_and_an_unresolved_link_moves_nothing() {
    let mut app = reader_app("start.md");
    press(&mut app, &[Action::LinkHints, Action::LinkCancel]);
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, &[Action::LinkHints]);
    typed(&mut app, "z");
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(message(&app), "no link labelled z");

    press(&mut app, &[Action::LineDown]);
    press(&mut app, &[Action::LinkHints]);
    typed(&mut app, "f");
    let r = app.reader().unwrap();
    assert_eq!(r.top, 1, "nothing moved");
    assert!(!r.history.can_back());
    assert!(message(&app).contains("lost.md"), "{}", message(&app));
}

#[test]
fn an_external_link_waits_for_yes_and_c_copies_it() {
    let url = "https://example.org/page?x=1";
    let mut app = reader_app("start.md");
    press(&mut app, &[Action::LinkHints]);
    typed(&mut app, "d");
    assert_eq!(app.mode(), Mode::LinkPrompt);
    assert_eq!(app.reader().unwrap().links.prompt.as_deref(), Some(url));
    assert!(app.jobs.queued().is_empty(), "nothing starts before y");
    press(&mut app, &[Action::LinkCancel]);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(app.jobs.queued().is_empty());

    press(&mut app, &[Action::LinkHints]);
    typed(&mut app, "d");
    update(&mut app, Action::OpenUrl);
    let browse: Vec<Vec<String>> = settle(&mut app)
        .into_iter()
        .filter_map(|job| match job {
            Job::Reader(reader::Job::Browse { command }) => Some(command),
            _ => None,
        })
        .collect();
    assert_eq!(browse.len(), 1);
    assert_eq!(browse[0].last().map(String::as_str), Some(url));
    assert!(message(&app).starts_with("starting "), "{}", message(&app));

    press(&mut app, &[Action::LinkHints]);
    typed(&mut app, "d");
    let effect = update(&mut app, Action::CopyUrl);
    assert_eq!(effect, Some(Effect::Copy(url.to_string())));
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn a_click_on_a_link_follows_it() {
    let mut app = reader_app("start.md");
    press(&mut app, &[Action::LinkHints]);
    let (column, row) = {
        let r = app.reader().unwrap();
        let hint = r.links.hints.as_ref().unwrap().hints[1].clone();
        let text = r.geometry.text;
        (
            text.x + hint.column + 1,
            text.y + u16::try_from(hint.line - r.top).unwrap(),
        )
    };
    press(&mut app, &[Action::LinkCancel]);
    press(&mut app, &[Action::Click { column, row }]);
    assert_eq!(top_text(&app), "The End");
}

#[test]
fn the_list_filters_as_you_type_and_shows_each_kind() {
    let mut app = reader_app("start.md");
    press(&mut app, &[Action::LinkList]);
    let r = app.reader().unwrap();
    let list = r.links.list.as_ref().unwrap();
    assert_eq!(list.shown.len(), 5);
    typed(&mut app, "SOIL");
    let list = app.reader().unwrap().links.list.clone().unwrap();
    assert_eq!(list.shown.len(), 1);
    for _ in 0..4 {
        press(&mut app, &[Action::LinkBackspace]);
    }
    typed(&mut app, "unresolved");
    assert_eq!(
        app.reader()
            .unwrap()
            .links
            .list
            .as_ref()
            .unwrap()
            .shown
            .len(),
        1
    );
    press(&mut app, &[Action::LinkCancel]);
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn from_the_library_following_keeps_one_reader_and_q_returns_to_the_list() {
    let lib = library::scan(&site()).unwrap();
    let mut app = App::new(common::config(), 100, 20);
    app.open_library(LibraryScreen::new(lib, Filter::default(), 20));
    settle(&mut app);
    // Select the start page and open it.
    let start = {
        let s = app.library().unwrap();
        (0..s.rows.len())
            .find(|&i| {
                let mut s = s.clone();
                s.selected = i;
                s.open_path()
                    .is_some_and(|p| p.file_name() == Some(Path::new("start.md").as_os_str()))
            })
            .unwrap()
    };
    app.library_mut().unwrap().selected = start;
    press(&mut app, &[Action::OpenSelected]);
    assert_eq!(title(&app), "Start Page");
    follow_from_list(&mut app, "pond");
    assert_eq!(title(&app), "Garden Notes");
    assert_eq!(app.screens.len(), 2, "one reader over the library");
    follow_from_list(&mut app, "start");
    assert_eq!(title(&app), "Start Page");
    assert_eq!(app.screens.len(), 2);
    press(&mut app, &[Action::HistoryBack, Action::HistoryBack]);
    assert_eq!(title(&app), "Start Page");
    assert_eq!(app.reader().unwrap().top, 0);
    assert_eq!(update(&mut app, Action::Back), Some(Effect::Back));
    app.pop_screen();
    assert_eq!(app.library().unwrap().selected, start);
}

#[test]
fn a_browser_outcome_shows_however_late_even_after_another_article_opened() {
    let mut app = reader_app("start.md");
    press(&mut app, &[Action::LinkHints]);
    typed(&mut app, "d");
    update(&mut app, Action::OpenUrl);
    let queued = app.jobs.take();
    let Some(&(id, _)) = queued
        .iter()
        .find(|(_, job)| matches!(job, Job::Reader(reader::Job::Browse { .. })))
    else {
        panic!("no browser asked for: {queued:?}");
    };
    // Another article takes the reader's place before the browser answers.
    app.request_open(site().join("garden.md"));
    settle(&mut app);
    assert!(app.reader().unwrap().article.path.ends_with("garden.md"));
    let output = quire::tui::jobs::Output::Reader(reader::Output::Browsed("no browser".into()));
    let done = quire::tui::jobs::Done { id, output };
    update(&mut app, Msg::Done(Box::new(done)));
    assert_eq!(message(&app), "no browser");
}

#[test]
fn a_label_follows_a_link_a_sites_template_computed() {
    // `[install]({{< relref "docs/setup.md#install" >}})`: the page shows
    // `docs/setup.md#install`, the link table lists the target as written.
    let page = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/site-reading/hugo/content/docs/shortcodes.md");
    for (label, lands) in [("a", "Setup"), ("s", "Install")] {
        let mut app = common::app_with(common::load(&page), 100, 30);
        press(&mut app, &[Action::LinkHints]);
        assert_eq!(app.mode(), Mode::Hints);
        typed(&mut app, label);
        assert_eq!(message(&app), "", "label {label}");
        assert_eq!(title(&app), "Setup", "label {label}");
        assert_eq!(top_text(&app), lands, "label {label}");
    }
}
