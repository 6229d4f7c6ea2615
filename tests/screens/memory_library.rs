//! The library's memory: rows with their states (snapshots), `U`, the
//! "last opened" sort, `m`, the header's unread count and scan progress,
//! rows streaming in without moving the selection or the filters (the scan
//! job itself: `memory_scan`).
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::PathBuf;

use quire::article::{Meta, Peek};
use quire::library::{Entry, Filter, Library, SortKey};
use quire::store::ReadingState;
use quire::tui::library::LibraryScreen;
use quire::tui::memory::{MemoryJob, ScanRows};
use quire::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub(super) fn entry(path: &str, title: &str, date: &str) -> Entry {
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

pub(super) fn entries() -> Vec<Entry> {
    vec![
        entry("a.md", "Alpha: the first one", "2024-01-01"),
        entry("b.md", "Bravo, read to the end", "2024-02-01"),
        entry("c.md", "Charlie, halfway through", "2024-03-01"),
        entry("d.md", "Delta, opened long ago", "2024-04-01"),
        entry("e.md", "Echo, never opened", "2024-05-01"),
    ]
}

pub(super) fn state(progress: f64, read: bool, opened: Option<i64>) -> ReadingState {
    ReadingState {
        position: None,
        progress,
        read,
        last_opened: opened,
    }
}

pub(super) fn states() -> HashMap<PathBuf, ReadingState> {
    HashMap::from([
        (PathBuf::from("b.md"), state(1.0, true, Some(300))),
        (PathBuf::from("c.md"), state(0.42, false, Some(500))),
        (PathBuf::from("d.md"), state(0.0, false, Some(100))),
    ])
}

pub(super) fn screen() -> LibraryScreen {
    let lib = Library::from_parts(PathBuf::from("articles"), entries(), vec![]);
    let mut s = LibraryScreen::new(lib, Filter::default(), 14);
    s.states.enabled = true;
    s.set_states(PathBuf::from("/home/someone/articles"), states());
    s
}

pub(super) fn titles(s: &LibraryScreen) -> Vec<String> {
    s.rows
        .iter()
        .map(|r| match r {
            quire::tui::library::Row::Article(i) => s.library.entries[*i].meta.title.clone(),
            quire::tui::library::Row::Failed(i) => s.library.failures[*i].path_string(),
        })
        .collect()
}

pub(super) fn draw(s: &LibraryScreen, width: u16, height: u16) -> Terminal<TestBackend> {
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

pub(super) fn rows(entries: Vec<Entry>, seen: usize, done: bool) -> ScanRows {
    ScanRows {
        entries,
        seen,
        total: Some(7),
        done,
        ..ScanRows::default()
    }
}

pub(super) fn empty_screen() -> LibraryScreen {
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
