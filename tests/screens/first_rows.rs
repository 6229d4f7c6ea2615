//! A library's first rows: the cache's first page is the top of the
//! screen's order with the whole cache counted, so the rows after it change
//! no cell on screen; the scan's progress shows only once it lasts.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use quire::library::{Entry, Filter, Library, Sort};
use quire::tui::jobs::Output;
use quire::tui::library::LibraryScreen;
use quire::tui::memory::{Memory, MemoryOutput, ScanRows};

use super::memory_library::{draw, empty_screen, entry, state};
use super::memory_scan::{run_on_pool, scan_job};

/// `n` articles whose dates run in no order of their paths.
fn articles(n: usize) -> Vec<Entry> {
    (0..n)
        .map(|i| {
            let k = (i * 7) % n;
            entry(
                &format!("p{i:02}.md"),
                &format!("Article {k:02}"),
                &format!("2024-{:02}-{:02}", 1 + k / 28, 1 + k % 28),
            )
        })
        .collect()
}

/// The screen's text, one line a row.
fn cells(s: &LibraryScreen) -> Vec<String> {
    let t = draw(s, 100, 14);
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

fn page(entries: Vec<Entry>, known: Option<usize>, done: bool) -> ScanRows {
    ScanRows {
        entries,
        known,
        quiet: true,
        done,
        ..ScanRows::default()
    }
}

#[test]
fn a_first_page_counted_with_the_cache_leaves_every_cell_as_the_rest_arrives() {
    let all = articles(40);
    // The first rows by date, as the cache reads them.
    let library = Library::from_parts(PathBuf::from("x"), all.clone(), vec![]);
    let order = library.select(&Filter::default(), Sort::default());
    let first: Vec<Entry> = order[..12]
        .iter()
        .map(|&i| library.entries[i].clone())
        .collect();
    let firsts: Vec<&Path> = first.iter().map(|e| e.path.as_path()).collect();
    let rest: Vec<Entry> = all
        .iter()
        .filter(|e| !firsts.contains(&e.path.as_path()))
        .cloned()
        .collect();
    // One read and one started among the rows still to come, one read
    // among the first.
    let late = rest[0].path.clone();
    let later = rest[1].path.clone();
    let mut s = empty_screen();
    s.set_states(
        PathBuf::from("/lib"),
        HashMap::from([
            (late, state(1.0, true, Some(1))),
            (later, state(0.5, false, Some(2))),
            (first[3].path.clone(), state(1.0, true, Some(3))),
        ]),
    );
    s.add_rows(page(first, Some(40), false));
    let shown = cells(&s);
    assert!(shown[0].contains("40 of 40 articles"), "{}", shown[0]);
    assert!(
        shown[0].contains("37 unread · 1 in progress"),
        "{}",
        shown[0]
    );
    assert!(!shown[0].contains("scanning"), "{}", shown[0]);
    s.add_rows(page(rest, None, false));
    assert_eq!(s.library.len(), 40);
    assert_eq!(cells(&s), shown, "the rest changes nothing on screen");
    s.add_rows(page(vec![], None, true));
    assert_eq!(cells(&s), shown, "nor does the scan's end");
}

#[test]
fn rows_filtered_out_are_not_counted_before_they_come() {
    let all = articles(10);
    let mut s = empty_screen();
    s.filter.drafts = false;
    s.add_rows(page(all[..4].to_vec(), Some(10), false));
    // Drafts hidden: which of the rest are drafts is not known yet.
    assert_eq!(s.counts(), (4, 10));
    s.filter.drafts = true;
    s.refilter();
    assert_eq!(s.counts(), (10, 10));
    s.add_rows(page(all[4..].to_vec(), None, true));
    assert_eq!(s.counts(), (10, 10));
    assert_eq!(s.states.expected, None);
}

#[test]
fn a_young_scan_shows_no_progress_and_one_that_lasts_does() {
    let mut s = empty_screen();
    s.states.progress = None;
    s.add_rows(ScanRows {
        entries: articles(3),
        seen: 3,
        total: Some(9),
        quiet: true,
        ..ScanRows::default()
    });
    assert_eq!(s.states.progress, None);
    assert!(!s.memory_summary().contains("scanning"));
    s.add_rows(ScanRows {
        seen: 6,
        total: Some(9),
        ..ScanRows::default()
    });
    assert_eq!(s.states.progress, Some((6, Some(9))));
    assert!(s.memory_summary().contains("scanning 6 / 9"));
}

#[test]
fn a_cached_start_by_the_real_scan_draws_its_first_rows_once() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    for i in 0..150 {
        let k = (i * 37) % 150;
        std::fs::write(
            lib.join(format!("post-{i:03}.md")),
            format!(
                "---\ntitle: Post {k:03}\ndate: 2024-{:02}-{:02}\n---\n\nBody.\n",
                1 + k / 28,
                1 + k % 28
            ),
        )
        .unwrap();
    }
    let memory = Memory::at(&dir.path().join("state/quire.db"));
    run_on_pool(scan_job(&lib, &memory));
    let warm = run_on_pool(scan_job(&lib, &memory));
    let mut s = empty_screen();
    let mut first: Option<Vec<String>> = None;
    let mut pages = 0;
    for out in warm {
        match out {
            Output::Memory(MemoryOutput::States { root, states }) => s.set_states(root, states),
            Output::Memory(MemoryOutput::Rows(rows)) => {
                let cached = rows.known.is_some();
                s.add_rows(*rows);
                // The progress may show on a slow machine: the rows and
                // counts are what must not move.
                s.states.progress = None;
                match &first {
                    Some(shown) => assert_eq!(&cells(&s), shown),
                    // The cache's first page (the walk's rows may come
                    // before it; they are the cache's rows too).
                    None if cached => first = Some(cells(&s)),
                    None => {}
                }
                pages += 1;
            }
            _ => {}
        }
    }
    let shown = first.expect("the cache's first page came");
    assert!(pages >= 2, "the first page, then the rest");
    assert!(shown[0].contains("150 of 150 articles"), "{}", shown[0]);
    assert!(
        shown[2].contains("Post 149"),
        "the newest on top: {}",
        shown[2]
    );
    assert_eq!(s.library.len(), 150);
}
