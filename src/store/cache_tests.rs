//! The library cache's first page: the first rows in the screen's order,
//! then every other row once.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::path::PathBuf;

use crate::article::peek;
use crate::library::{Entry, Filter, Known, Library, Sort, SortKey};
use crate::store::Store;

/// A store holding `n` articles under `/lib` whose dates and titles run
/// in no order of their paths, a few undated.
fn store(n: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("quire.db")).unwrap();
    let rows: Vec<(PathBuf, Known)> = (0..n)
        .map(|i| {
            // Folders that sort around their siblings' names (`a/` and `a-b`).
            let rel = PathBuf::from(match i % 3 {
                0 => format!("a/p{i:03}.md"),
                1 => format!("a-b/p{i:03}.md"),
                _ => format!("p{i:03}.md"),
            });
            let k = (i * 37) % n;
            let date = if i % 7 == 3 {
                String::new()
            } else {
                format!(
                    "date: 20{:02}-{:02}-{:02}\n",
                    10 + k / 12,
                    1 + k % 12,
                    1 + i % 28
                )
            };
            let text = format!("---\ntitle: T{k:03}\n{date}---\n{}\n", "word ".repeat(i));
            let known = Known {
                size: text.len() as u64,
                mtime_ns: 1,
                peek: peek(&rel, text.as_bytes()),
            };
            (rel, known)
        })
        .collect();
    store.save_library("/lib", &rows, &[]).unwrap();
    (dir, store)
}

/// The pages of the cache read in `sort`'s order, by path.
fn pages(store: &Store, sort: Sort, first: usize) -> Vec<Vec<PathBuf>> {
    let mut out = Vec::new();
    store
        .read_library("/lib", sort, first, 16, |files| {
            out.push(files.into_iter().map(|f| f.rel).collect());
            true
        })
        .unwrap();
    out
}

/// The first `n` rows of the whole library in `sort`'s order, as the
/// screen lists them.
fn screen_first(store: &Store, sort: Sort, n: usize) -> Vec<PathBuf> {
    let mut entries = Vec::new();
    store
        .read_library("/lib", sort, usize::MAX, usize::MAX, |files| {
            entries.extend(files.into_iter().map(|f| Entry::new(f.rel, 1, f.peek)));
            true
        })
        .unwrap();
    let library = Library::from_rows(PathBuf::from("/lib"), entries, Vec::new());
    let rows = library.select(&Filter::default(), sort);
    rows.iter()
        .take(n)
        .map(|&i| library.entries[i].path.clone())
        .collect()
}

fn sorts() -> Vec<Sort> {
    let keys = [
        SortKey::Date,
        SortKey::Title,
        SortKey::Path,
        SortKey::ReadingTime,
        SortKey::LastOpened,
        SortKey::LinksIn,
    ];
    keys.iter()
        .flat_map(|&key| [false, true].map(|reverse| Sort { key, reverse }))
        .collect()
}

#[test]
fn every_row_comes_once_whatever_the_order_of_the_first_page() {
    let (_dir, store) = store(90);
    for sort in sorts() {
        for first in [1, 10, 89, 90, 200] {
            let got: Vec<PathBuf> = pages(&store, sort, first).concat();
            let once: HashSet<&PathBuf> = got.iter().collect();
            assert_eq!(got.len(), 90, "{sort:?}, first page of {first}");
            assert_eq!(
                once.len(),
                90,
                "{sort:?}, first page of {first}: no row twice"
            );
        }
    }
}

#[test]
fn the_first_page_holds_the_first_rows_of_a_date_or_path_order() {
    let (_dir, store) = store(90);
    let served = [
        Sort::default(),
        Sort {
            key: SortKey::Date,
            reverse: true,
        },
        Sort {
            key: SortKey::Path,
            reverse: false,
        },
        Sort {
            key: SortKey::Path,
            reverse: true,
        },
    ];
    for sort in served {
        let first = &pages(&store, sort, 20)[0];
        assert_eq!(first.len(), 20, "{sort:?}");
        let mut on_screen: Vec<PathBuf> = first.clone();
        let shown = screen_first(&store, sort, 20);
        // The page's rows are the screen's first twenty, in any order.
        on_screen.sort();
        let mut want = shown.clone();
        want.sort();
        assert_eq!(on_screen, want, "{sort:?}");
    }
}

#[test]
fn the_date_and_path_orders_read_their_index_not_every_row() {
    let (_dir, store) = store(10);
    let plan = |sort: Sort| -> Vec<String> {
        let query = format!("EXPLAIN QUERY PLAN {}", super::first_page_query(sort).0);
        let mut stmt = store.conn.prepare(&query).unwrap();
        stmt.query_map(rusqlite::params!["/lib", 5], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    for (key, index) in [
        (SortKey::Date, "library_files_date"),
        (SortKey::Path, "library_files_path"),
    ] {
        for reverse in [false, true] {
            let plan = plan(Sort { key, reverse });
            assert!(
                plan.iter().any(|p| p.contains(index)),
                "{key:?} {reverse}: {plan:?}"
            );
            // Ties by path may be put in order; the rows never are all sorted.
            assert!(
                !plan
                    .iter()
                    .any(|p| p.contains("USE TEMP B-TREE FOR ORDER BY")),
                "{plan:?}"
            );
        }
    }
}

#[test]
fn the_count_follows_the_rows_written_and_removed_under_each_root() {
    let (_dir, mut store) = store(25);
    assert_eq!(store.library_count("/lib").unwrap(), 25);
    assert_eq!(store.library_count("/other").unwrap(), 0);
    let gone = [PathBuf::from("a/p000.md"), PathBuf::from("p002.md")];
    store.save_library("/lib", &[], &gone).unwrap();
    assert_eq!(store.library_count("/lib").unwrap(), 23);
    let text = b"---\ntitle: Elsewhere\n---\n";
    let other = PathBuf::from("x.md");
    let known = Known {
        size: 3,
        mtime_ns: 1,
        peek: peek(&other, text),
    };
    store
        .save_library("/other", &[(other, known)], &[])
        .unwrap();
    assert_eq!(store.library_count("/other").unwrap(), 1);
    assert_eq!(store.library_count("/lib").unwrap(), 23);
}

#[test]
fn a_store_cached_before_the_count_was_kept_counts_its_rows_once_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quire.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        crate::store::schema::migrate_to(&mut conn, 10).unwrap();
        for i in 0..4 {
            conn.execute(
                "INSERT INTO library_files (root, rel, size, mtime_ns, row) \
                 VALUES ('/lib', ?1, 1, 1, '{\"title\":\"T\",\"words\":1}')",
                [format!("p{i}.md")],
            )
            .unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.library_count("/lib").unwrap(), 4);
    assert_eq!(pages(&store, Sort::default(), 2).concat().len(), 4);
}
