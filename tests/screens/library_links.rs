//! The library's links in: the "links in" sort with its column, the
//! orphans view (`O`), both for a vault and for a Jekyll site, counted by
//! the library's own job; and `#` in the reader, which labels the tags on
//! screen and shows the library filtered by the one picked.

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::library::{self, Filter, SortKey};
use quire::tui::jobs::{Inline, Job};
use quire::tui::library::{LibraryScreen, Row};
use quire::tui::{App, Events, Input, Screen, run_app};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common;

/// Keys played in order; then the input closes.
struct Script(VecDeque<Event>);

impl Events for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Input> {
        Ok(self.0.pop_front().map_or(Input::Closed, Input::Event))
    }
}

fn keys(keys: &str) -> Script {
    Script(
        keys.chars()
            .map(|c| {
                let code = match c {
                    '\n' => KeyCode::Enter,
                    '\u{1b}' => KeyCode::Esc,
                    c => KeyCode::Char(c),
                };
                Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
            })
            .collect(),
    )
}

/// Relative, as a user would type it, so the header does not depend on
/// where the crate lives.
fn vault() -> PathBuf {
    PathBuf::from("tests/fixtures/vault")
}

fn library_app(dir: &Path, width: u16, height: u16) -> App {
    let mut app = App::new(common::config(), width, height);
    let lib = library::scan(dir).unwrap();
    app.open_library(LibraryScreen::new(lib, Filter::default(), height));
    app
}

fn run(app: &mut App, width: u16, height: u16, script: &str) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    run_app(
        &mut terminal,
        app,
        &mut keys(script),
        &mut Inline::default(),
    )
    .unwrap();
    terminal
}

fn library(app: &App) -> &LibraryScreen {
    app.screens
        .iter()
        .rev()
        .find_map(|s| match s {
            Screen::Library(s) => Some(&**s),
            _ => None,
        })
        .expect("a library screen")
}

fn listed(s: &LibraryScreen) -> Vec<String> {
    s.rows
        .iter()
        .filter_map(|r| match r {
            Row::Article(i) => Some(s.library.entries[*i].path_string()),
            Row::Failed(_) => None,
        })
        .collect()
}

/// `s` five times: date, title, path, reading time, last opened, links in.
const TO_LINKS_IN: &str = "sssss";

#[test]
fn a_vault_sorted_by_links_in_shows_the_count_column_100x16() {
    let mut app = library_app(&vault(), 100, 16);
    let t = run(&mut app, 100, 16, &format!("{TO_LINKS_IN}g"));
    let s = library(&app);
    assert_eq!(s.sort.key, SortKey::LinksIn);
    let rows = listed(s);
    assert_eq!(rows.first().map(String::as_str), Some("Garden.md"));
    assert_eq!(rows.last().map(String::as_str), Some("daily/2026-12-01.md"));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn reversed_the_fewest_linked_come_first() {
    let mut app = library_app(&vault(), 100, 16);
    run(&mut app, 100, 16, &format!("{TO_LINKS_IN}S"));
    let rows = listed(library(&app));
    assert_eq!(
        rows.first().map(String::as_str),
        Some("daily/2026-12-01.md")
    );
    assert_eq!(rows.last().map(String::as_str), Some("Garden.md"));
}

#[test]
fn o_lists_the_notes_nothing_links_to_100x16() {
    let mut app = library_app(&vault(), 100, 16);
    let t = run(&mut app, 100, 16, "O");
    assert_eq!(listed(library(&app)), ["daily/2026-12-01.md"]);
    insta::assert_snapshot!(t.backend());
    // Again: every note.
    run(&mut app, 100, 16, "O");
    assert_eq!(listed(library(&app)).len(), 8);
}

#[test]
fn the_count_is_asked_once_and_not_before_it_is_needed() {
    let mut app = library_app(&vault(), 100, 16);
    let counts = |app: &App| {
        app.jobs
            .queued()
            .iter()
            .filter(|(_, job)| {
                matches!(
                    job,
                    Job::Library(quire::tui::library::jobs::Job::LinkCounts(_))
                )
            })
            .count()
    };
    quire::tui::update(&mut app, quire::tui::Action::SortNext);
    assert_eq!(counts(&app), 0, "date to title needs no links");
    quire::tui::update(&mut app, quire::tui::Action::OrphansOnly);
    assert_eq!(counts(&app), 1);
    // Still counting: nothing is known to be an orphan yet.
    let s = library(&app);
    assert!(s.counting_links());
    assert!(s.rows.is_empty());
    quire::tui::update(&mut app, quire::tui::Action::OrphansOnly);
    quire::tui::update(&mut app, quire::tui::Action::OrphansOnly);
    assert_eq!(counts(&app), 1, "asked once while it runs");
}

#[test]
fn a_jekyll_site_counts_markdown_links_in() {
    let dir = Path::new("tests/fixtures/sites/jekyll");
    let mut app = library_app(dir, 100, 16);
    run(&mut app, 100, 16, TO_LINKS_IN);
    let s = library(&app);
    let count = |path: &str| {
        let i = s
            .library
            .entries
            .iter()
            .position(|e| e.path_string() == path)
            .unwrap();
        s.links_into(i)
    };
    assert_eq!(count("_posts/2022-09-14-floss.md"), Some(5));
    assert_eq!(count("about.md"), Some(2));
    assert_eq!(count("_posts/2022-10-02-webdev.md"), Some(0));
    run(&mut app, 100, 16, "O");
    assert_eq!(listed(library(&app)), ["_posts/2022-10-02-webdev.md"]);
}

#[test]
fn hash_labels_the_tags_and_the_library_comes_back_filtered_100x16() {
    let mut app = library_app(&vault(), 100, 16);
    // Open Garden (the first by title after Cycle A, Cycle B), then `#`.
    run(&mut app, 100, 16, "s/garden\n\n");
    assert!(app.reader().is_some(), "the garden note is open");
    let t = run(&mut app, 100, 16, "G#");
    insta::assert_snapshot!("tag_labels_100x16", t.backend());
    let hints = app.reader().unwrap().links.hints.clone().unwrap();
    let spring = hints
        .hints
        .iter()
        .find(|h| h.target == quire::tui::reader::links::HintTarget::Tag("garden/spring".into()))
        .expect("the inline tag is labelled");
    let t = run(&mut app, 100, 16, &spring.label);
    assert!(app.reader().is_none(), "back in the library");
    let s = library(&app);
    assert_eq!(s.filter.tags, ["garden/spring"]);
    assert_eq!(listed(s), ["Garden.md"]);
    insta::assert_snapshot!("tag_filtered_library_100x16", t.backend());
}

#[test]
fn a_parent_tag_keeps_the_notes_of_its_children() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("beds.md"),
        "# Beds\n\nRaised beds need less digging. #garden/beds\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("soil.md"),
        "# Soil\n\nCompost feeds it. #garden\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bread.md"),
        "# Bread\n\nFlour, water, salt. #kitchen\n",
    )
    .unwrap();
    let mut app = library_app(dir.path(), 100, 16);
    // Title order: Beds, Bread, Soil; open Soil and pick its one tag.
    run(&mut app, 100, 16, "sG\n#a");
    let s = library(&app);
    assert_eq!(s.filter.tags, ["garden"]);
    assert_eq!(listed(s), ["beds.md", "soil.md"]);
}

#[test]
fn a_reader_with_no_library_opens_its_folder_filtered_by_the_tag() {
    let path = vault().join("Garden.md");
    let mut app = App::new(common::config(), 100, 16);
    app.open_reader(common::load(&path));
    quire::tui::update(&mut app, quire::tui::Action::Bottom);
    quire::tui::update(&mut app, quire::tui::Action::TagHints);
    quire::tui::update(&mut app, quire::tui::Action::LinkInput('a'));
    assert!(matches!(app.screens.first(), Some(Screen::Reader(_))));
    let s = app.library().expect("a library over the reader");
    assert_eq!(s.filter.tags, ["garden/spring"]);
    assert!(s.library.root.ends_with("tests/fixtures/vault"));
}

#[test]
fn a_click_on_a_tag_shows_the_library_filtered_by_it() {
    let mut app = library_app(&vault(), 100, 16);
    run(&mut app, 100, 16, "s/garden\n\nG");
    let r = app.reader().expect("the garden note is open");
    let hint = r.make_tag_hints().hints.pop().expect("a tag on screen");
    let row = u16::try_from(r.row_of_line(hint.line).unwrap()).unwrap();
    let (column, row) = (r.geometry.text.x + hint.column + 2, r.geometry.text.y + row);
    // Beside the tag, on its line: nothing happens.
    quire::tui::update(
        &mut app,
        quire::tui::Action::Click {
            column: column.saturating_sub(4),
            row,
        },
    );
    assert!(app.reader().is_some());
    quire::tui::update(&mut app, quire::tui::Action::Click { column, row });
    let s = app.library().expect("back in the library");
    assert_eq!(s.filter.tags, ["garden/spring"]);
}
