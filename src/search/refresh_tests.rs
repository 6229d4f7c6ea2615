//! Tests of building the index: a first index of many files, written in
//! parsed chunks and big transactions, is the index grown a few files at a time.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

use super::*;
use crate::search::{Hit, Query};

const WORDS: [&str; 12] = [
    "harbour", "lanterns", "compiler", "orchards", "kernel", "violet", "quarry", "résumé",
    "signal", "ledger", "meadow", "東京",
];

/// Article `i`: a title, tags, headings and text from [`WORDS`], different for each.
fn article(i: usize) -> String {
    let w = |k: usize| WORDS[(i * 7 + k * 5 + i / 3) % WORDS.len()];
    format!(
        "---\ntitle: \"{} {} {i}\"\ntags: [{}, t{}]\n---\nIntro {} {}.\n\n## {} notes\n\n{} {} {} and {}.\n\n### {}\n\nTerm {}\n: {} of {}\n",
        w(0),
        w(1),
        w(2),
        i % 5,
        w(3),
        w(4),
        w(5),
        w(6),
        w(7),
        w(8),
        w(9),
        w(10),
        w(11),
        w(1),
        w(3)
    )
}

fn write_articles(dir: &Path, range: std::ops::Range<usize>) {
    for i in range {
        let sub = dir.join(format!("d{}", i % 4));
        fs::create_dir_all(&sub).unwrap();
        fs::write(sub.join(format!("a{i:04}.md")), article(i)).unwrap();
    }
}

/// A hit as a comparable row: score, path, anchor.
type Row = (String, String, String);

/// Every hit of `q` (no cut among equal scores) as comparable rows, in a
/// fixed order for equal scores.
fn rows(index: &Index, dir: &Path, q: &str) -> Vec<Row> {
    let hits: Vec<Hit> = index.ranked(dir, &Query::parse(q), 100_000).unwrap();
    let mut rows: Vec<_> = hits
        .iter()
        .map(|h| {
            (
                format!("{:.9}", h.score),
                path_string(&h.path),
                h.anchor.clone(),
            )
        })
        .collect();
    rows.sort();
    rows
}

fn fts_option(index: &Index, name: &str) -> Option<i64> {
    index
        .conn
        .query_row(
            "SELECT v FROM search_fts_config WHERE k = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()
        .unwrap()
}

#[test]
fn a_big_first_index_finds_and_ranks_as_one_grown_a_few_files_at_a_time() {
    let n = BATCH + 150;
    let state = tempfile::tempdir().unwrap();
    let whole = tempfile::tempdir().unwrap();
    write_articles(whole.path(), 0..n);
    let mut big = Index::open(&state.path().join("quire.db")).unwrap();
    let mut seen = Vec::new();
    let r = big
        .refresh(whole.path(), &mut |p| seen.push((p.done, p.total)))
        .unwrap();
    assert_eq!(r.added, n);
    // The first batch is committed alone, so a search meanwhile finds it.
    assert_eq!(seen, vec![(BATCH, n), (n, n)]);

    let grown_dir = tempfile::tempdir().unwrap();
    let mut grown = Index::open_in_memory().unwrap();
    for start in (0..n).step_by(100) {
        write_articles(grown_dir.path(), start..(start + 100).min(n));
        grown.refresh(grown_dir.path(), &mut |_| {}).unwrap();
    }
    for q in [
        "harbour",
        "lanterns",
        "lantern",
        "kernel violet",
        "\"harbour notes\"",
        "resume",
        "東京",
        "comp",
        "title:signal",
        "ledger tag:t3",
        "meadow -orchard",
        "notes",
    ] {
        let want = rows(&grown, grown_dir.path(), q);
        assert!(!want.is_empty(), "{q} finds something");
        assert_eq!(rows(&big, whole.path(), q), want, "{q}");
    }

    // The merge settings of the build are undone; the buffer stays big.
    assert_eq!(fts_option(&big, "automerge"), Some(4));
    assert_eq!(fts_option(&big, "crisismerge"), Some(16));
    assert_eq!(fts_option(&big, "hashsize"), Some(FTS_BUFFER_BYTES));
    // The log was copied into the database once, at the end (the file holds
    // every page), and the store's usual copies come back.
    let db = state.path().join("quire.db");
    let pragma = |name: &str| -> i64 {
        big.conn
            .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(
        fs::metadata(&db).unwrap().len(),
        u64::try_from(pragma("page_count") * pragma("page_size")).unwrap()
    );
    assert_eq!(pragma("wal_autocheckpoint"), USUAL_AUTOCHECKPOINT);
    // The page cache is the connection's own again (SQLite's default).
    assert_eq!(pragma("cache_size"), -2000);
    // A few files later are written as usual and found.
    fs::write(whole.path().join("new.md"), "# Fresh\n\nzeppelin words\n").unwrap();
    let r = big.refresh(whole.path(), &mut |_| {}).unwrap();
    assert_eq!((r.added, r.unchanged), (1, n));
    assert_eq!(rows(&big, whole.path(), "zeppelin").len(), 1);
}

/// The rows of `q` as the table of starts ranks them, and as the table of
/// whole words does (the starts marked incomplete for the while).
fn rows_both(index: &Index, dir: &Path, q: &str) -> (Vec<Row>, Vec<Row>) {
    let query = crate::search::words::as_indexed(&Query::parse(q));
    assert_eq!(
        starts::table_for(&index.conn, &query).unwrap(),
        starts::TABLE,
        "{q} is answered by the starts"
    );
    let from_starts = rows(index, dir, q);
    index
        .conn
        .execute(
            "UPDATE search_file SET started = 0 WHERE id = (SELECT min(id) FROM search_file)",
            [],
        )
        .unwrap();
    assert_eq!(
        starts::table_for(&index.conn, &query).unwrap(),
        starts::MAIN
    );
    let from_words = rows(index, dir, q);
    index
        .conn
        .execute("UPDATE search_file SET started = 1", [])
        .unwrap();
    (from_starts, from_words)
}

const SHORT: [&str; 9] = [
    "ha",
    "l",
    "co",
    "re",
    "k",
    "title:si",
    "tag:t3 me",
    "V",
    "or",
];

#[test]
fn words_of_one_or_two_letters_rank_from_the_starts_as_from_the_words() {
    let n = BATCH + 40;
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 0..n);
    fs::write(dir.path().join("mixed.md"), "# Kaжan\n\nhaжlo kа ha1 h\n").unwrap();
    let db = state.path().join("quire.db");
    let mut index = Index::open(&db).unwrap();
    // A first index of more than a batch writes the starts after the
    // words: until then, another reader is answered from the words.
    let reader = rusqlite::Connection::open(&db).unwrap();
    let mut seen = Vec::new();
    index
        .refresh(dir.path(), &mut |p| {
            seen.push((p.done, starts::complete(&reader).unwrap()));
        })
        .unwrap();
    assert_eq!(seen, vec![(BATCH, false), (n + 1, false)]);
    assert!(starts::complete(&reader).unwrap());
    for q in SHORT.iter().chain(&["ka", "h"]) {
        let (from_starts, from_words) = rows_both(&index, dir.path(), q);
        assert!(!from_words.is_empty(), "{q} finds something");
        assert_eq!(from_starts, from_words, "{q}");
    }
}

#[test]
fn the_starts_follow_files_changed_and_removed_and_are_written_again_when_missing() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 0..30);
    let mut index = Index::open_in_memory().unwrap();
    index.refresh(dir.path(), &mut |_| {}).unwrap();
    // Changed: its old words gone from both tables, its new ones found.
    fs::write(dir.path().join("d0/a0000.md"), "# Zebu\n\nzyx zephyr\n").unwrap();
    fs::remove_file(dir.path().join("d1/a0001.md")).unwrap();
    let r = index.refresh(dir.path(), &mut |_| {}).unwrap();
    assert_eq!((r.updated, r.removed), (1, 1));
    for q in SHORT.iter().chain(&["ze", "z"]) {
        let (from_starts, from_words) = rows_both(&index, dir.path(), q);
        assert!(!from_words.is_empty(), "{q} finds something");
        assert_eq!(from_starts, from_words, "{q}");
    }
    let zs = rows(&index, dir.path(), "z");
    assert_eq!(zs.len(), 1, "only the changed file has z words: {zs:?}");
    assert!(zs[0].1.ends_with("a0000.md"));
    // A file whose starts were never written (an index stopped before) is
    // indexed again by the next refresh.
    index
        .conn
        .execute_batch(
            "DELETE FROM search_start WHERE rowid IN (SELECT s.id FROM search_section s
                 JOIN search_file f ON f.id = s.file WHERE f.path LIKE '%a0002.md');
             UPDATE search_file SET started = 0 WHERE path LIKE '%a0002.md';",
        )
        .unwrap();
    assert!(!starts::complete(&index.conn).unwrap());
    let r = index.refresh(dir.path(), &mut |_| {}).unwrap();
    assert_eq!((r.updated, r.unchanged), (1, 28));
    assert!(starts::complete(&index.conn).unwrap());
    let (from_starts, from_words) = rows_both(&index, dir.path(), "ha");
    assert_eq!(from_starts, from_words);
}
