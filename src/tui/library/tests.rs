//! The library screen's state under sequences of user moves.

use std::path::PathBuf;

use super::*;
use crate::article::{Meta, Peek};
use crate::library::{Entry, Failure, SortKey};

fn entry(path: &str, date: &str, tags: &[&str]) -> Entry {
    let meta = Meta {
        title: path.trim_end_matches(".md").to_string(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        date: Some(date.to_string()),
        ..Meta::default()
    };
    let peek = Peek {
        meta,
        words: 100,
        warnings: vec![],
    };
    Entry::new(PathBuf::from(path), 600, peek)
}

fn library(n: usize) -> Library {
    let entries = (0..n)
        .map(|i| {
            let tags: &[&str] = if i % 2 == 0 {
                &["even"]
            } else {
                &["odd", "Prime"]
            };
            entry(
                &format!("p{i:02}.md"),
                &format!("2024-01-{:02}", i + 1),
                tags,
            )
        })
        .collect();
    let failures = vec![Failure {
        path: PathBuf::from("zz-broken.md"),
        error: "denied".into(),
    }];
    Library::from_parts(PathBuf::from("root"), entries, failures)
}

fn titles(s: &LibraryScreen) -> Vec<String> {
    s.rows
        .iter()
        .map(|r| match r {
            Row::Article(i) => s.library.entries[*i].meta.title.clone(),
            Row::Failed(i) => s.library.failures[*i].path_string(),
        })
        .collect()
}

#[test]
fn rows_are_newest_first_with_failures_last() {
    let s = LibraryScreen::new(library(3), Filter::default(), 20);
    assert_eq!(titles(&s), ["p02", "p01", "p00", "zz-broken.md"]);
    assert_eq!(s.open_path(), Some(PathBuf::from("root/p02.md")));
}

#[test]
fn selection_scrolls_and_stops_at_the_ends() {
    // 9 rows high: 6 list rows under the header and column titles, over the footer.
    let mut s = LibraryScreen::new(library(20), Filter::default(), 9);
    assert_eq!(s.list_height, 6);
    s.move_by(-3);
    assert_eq!((s.selected, s.scroll), (0, 0));
    s.move_by(7);
    assert_eq!((s.selected, s.scroll), (7, 2));
    s.bottom();
    assert_eq!((s.selected, s.scroll), (20, 15));
    s.page(true);
    assert_eq!(s.selected, 20);
    assert_eq!(s.selected_row(), Some(Row::Failed(0)));
    assert_eq!(s.open_path(), None);
    s.page(false);
    assert_eq!((s.selected, s.scroll), (14, 14));
    s.top();
    assert_eq!((s.selected, s.scroll), (0, 0));
}

#[test]
fn typing_filters_live_and_keeps_the_selection_when_it_can() {
    let mut s = LibraryScreen::new(library(12), Filter::default(), 20);
    s.move_by(1); // p10
    s.filter_start();
    for c in "p1".chars() {
        s.filter_input(c);
    }
    assert_eq!(titles(&s), ["p11", "p10"]);
    assert_eq!(s.selected_row(), Some(Row::Article(10)));
    s.filter_input('1');
    assert_eq!(titles(&s), ["p11"]);
    assert_eq!(s.selected, 0);
    s.filter_backspace();
    assert_eq!(s.rows.len(), 2);
    s.filter_done();
    assert!(s.typing.is_none());
    assert_eq!(s.filter.text, "p1");
    assert!(s.cancel(), "Esc clears an applied text filter first");
    assert_eq!(s.rows.len(), 13);
    assert!(!s.cancel(), "then Esc means leave");
}

#[test]
fn esc_while_typing_clears_the_text() {
    let mut s = LibraryScreen::new(library(4), Filter::default(), 20);
    s.filter_start();
    s.filter_input('z');
    assert_eq!(titles(&s), ["zz-broken.md"]);
    s.filter_clear();
    assert!(s.typing.is_none());
    assert_eq!(s.rows.len(), 5);
}

#[test]
fn picker_toggles_mode_applies_and_cancels() {
    let mut s = LibraryScreen::new(library(6), Filter::default(), 20);
    s.picker_open();
    let p = s.picker.as_ref().expect("open");
    let names: Vec<(&str, usize)> = p.tags.iter().map(|t| (t.name.as_str(), t.count)).collect();
    assert_eq!(names, [("even", 3), ("odd", 3), ("Prime", 3)]);
    // Tick "even" and "odd": all-of leaves nothing, any-of leaves all six.
    assert_eq!(s.picker.as_ref().expect("open").would_show, 6);
    s.picker_toggle();
    s.picker.as_mut().expect("open").move_by(1);
    s.picker_toggle();
    assert_eq!(s.picker.as_ref().expect("open").would_show, 0);
    s.picker_toggle_mode();
    assert_eq!(s.picker.as_ref().expect("open").would_show, 6);
    s.picker_apply();
    assert!(s.picker.is_none());
    assert_eq!(s.filter.tags, ["even", "odd"]);
    assert_eq!(s.filter.mode, TagMode::Any);
    assert_eq!(s.rows.len(), 6, "tag filters hide failed files");
    assert_eq!(s.filter_summary(), "tags: even | odd (any of)");

    // Reopening shows the applied choice; Esc changes nothing.
    s.picker_open();
    let p = s.picker.as_mut().expect("open");
    assert_eq!(p.chosen, [true, true, false]);
    p.toggle();
    s.picker_cancel();
    assert_eq!(s.filter.tags, ["even", "odd"]);

    s.clear_tags();
    assert_eq!(s.rows.len(), 7);
}

#[test]
fn picker_counts_reflect_the_text_filter() {
    let mut s = LibraryScreen::new(library(12), Filter::default(), 20);
    s.filter_start();
    s.filter_input('p');
    s.filter_input('1');
    s.filter_done();
    s.picker_open();
    let p = s.picker.as_ref().expect("open");
    let counts: Vec<(&str, usize)> = p.tags.iter().map(|t| (t.name.as_str(), t.count)).collect();
    // p10 even, p11 odd+Prime.
    assert_eq!(counts, [("even", 1), ("odd", 1), ("Prime", 1)]);
}

#[test]
fn drafts_toggle_in_and_out() {
    let mut lib_entries = vec![
        entry("a.md", "2024-01-01", &[]),
        entry("b.md", "2024-01-02", &[]),
    ];
    lib_entries[1].meta.draft = true;
    let lib = Library::from_parts(PathBuf::new(), lib_entries, vec![]);
    let mut s = LibraryScreen::new(lib, Filter::default(), 20);
    assert_eq!(s.rows.len(), 2);
    s.toggle_drafts();
    assert_eq!(titles(&s), ["a"]);
    assert_eq!(s.filter_summary(), "drafts hidden");
    s.toggle_drafts();
    assert_eq!(s.rows.len(), 2);
}

#[test]
fn sort_cycles_and_reverses() {
    let mut s = LibraryScreen::new(library(3), Filter::default(), 20);
    s.sort_next();
    assert_eq!(s.sort.key, SortKey::Title);
    assert_eq!(titles(&s), ["p00", "p01", "p02", "zz-broken.md"]);
    s.sort_reverse();
    assert_eq!(titles(&s), ["p02", "p01", "p00", "zz-broken.md"]);
}

#[test]
fn a_tiny_terminal_still_shows_a_row() {
    let mut s = LibraryScreen::new(library(3), Filter::default(), 1);
    assert_eq!(s.list_height, 1);
    s.bottom();
    assert_eq!(s.scroll, 3);
    s.resize(80, 0);
    s.move_by(isize::MIN);
    assert_eq!(s.selected, 0);
    s.move_by(isize::MAX);
    assert_eq!(s.selected, 3);
}

#[test]
fn an_empty_library_has_no_selection() {
    let lib = Library::from_parts(PathBuf::new(), vec![], vec![]);
    let mut s = LibraryScreen::new(lib, Filter::default(), 20);
    s.move_by(1);
    s.bottom();
    s.page(true);
    assert_eq!(s.selected_row(), None);
    assert_eq!(s.open_path(), None);
    assert_eq!(s.preview_wanted(), None, "no row, no preview to read");
    assert!(s.preview().is_none());
    s.picker_open();
    s.picker.as_mut().expect("open").toggle();
    s.picker_apply();
    assert!(s.filter.tags.is_empty());
}

#[test]
fn picker_name_search_narrows_ticks_and_keeps_ticks_hidden_by_it() {
    let mut s = LibraryScreen::new(library(6), Filter::default(), 20);
    s.picker_open();
    let p = s.picker.as_mut().expect("open");
    p.toggle(); // "even", before searching
    p.search_start();
    for c in "PR".chars() {
        p.search_input(c);
    }
    let shown: Vec<&str> = p.shown.iter().map(|&i| p.tags[i].name.as_str()).collect();
    assert_eq!(shown, ["Prime"]);
    p.search_keep();
    assert!(!p.typing);
    p.toggle();
    p.search_input('z');
    assert!(p.shown.is_empty());
    p.toggle(); // nothing under the cursor: no change
    p.search_clear();
    assert_eq!(p.shown.len(), 3);
    assert_eq!(p.chosen_names(), ["even", "Prime"]);
    s.picker_apply();
    assert_eq!(s.filter.tags, ["even", "Prime"]);
}

#[test]
fn picker_keys_keep_the_would_show_count_current() {
    use crate::tui::action::Action;
    let mut s = LibraryScreen::new(library(6), Filter::default(), 20);
    update(&mut s, Action::TagPicker);
    let would_show = |s: &LibraryScreen| s.picker.as_ref().expect("open").would_show;
    assert_eq!(would_show(&s), 6);
    // "even" is first: ticking it leaves the three even articles.
    update(&mut s, Action::PickerToggle);
    assert_eq!(would_show(&s), 3);
    update(&mut s, Action::LineDown);
    update(&mut s, Action::PickerToggle);
    assert_eq!(would_show(&s), 0, "all of even and odd");
    update(&mut s, Action::PickerMode);
    assert_eq!(would_show(&s), 6, "any of even and odd");
}

#[test]
fn picker_measures_its_columns_when_made() {
    // Twelve articles tagged "a"; one tagged with a wide, tabbed name.
    let mut entries: Vec<Entry> = (0..12)
        .map(|i| entry(&format!("a{i:02}.md"), "2024-02-01", &["a"]))
        .collect();
    entries.push(entry("w.md", "2024-02-02", &["日本\tx"]));
    let lib = Library::from_parts(PathBuf::from("root"), entries, vec![]);
    let mut s = LibraryScreen::new(lib, Filter::default(), 20);
    s.picker_open();
    let p = s.picker.as_ref().expect("open");
    // Two double-width characters, the tab shown as one space, then "x".
    assert_eq!(p.name_width, 6);
    assert_eq!(p.count_width, 2, "12 takes two digits");

    let empty = Library::from_parts(PathBuf::from("root"), vec![], vec![]);
    let mut s = LibraryScreen::new(empty, Filter::default(), 20);
    s.picker_open();
    let p = s.picker.as_ref().expect("open");
    assert_eq!((p.name_width, p.count_width), (0, 1));
}

#[test]
fn a_click_selects_a_row_only_left_of_the_preview() {
    use crate::tui::action::Action;
    let mut s = LibraryScreen::new(library(6), Filter::default(), 20);
    s.resize(120, 20);
    // 120 columns: a 40-column preview on the right, the list on 0..80.
    assert_eq!(s.geometry.list.width, 80);
    update(&mut s, Action::Click { column: 80, row: 4 });
    assert_eq!(s.selected, 0, "a click in the preview selects nothing");
    update(&mut s, Action::Click { column: 79, row: 4 });
    assert_eq!(s.selected, 2, "row 4 is the third list row");
    // Narrow: no preview, the whole width is the list.
    s.resize(80, 20);
    assert_eq!(s.geometry.list.width, 80);
    update(&mut s, Action::Click { column: 79, row: 3 });
    assert_eq!(s.selected, 1);
}
