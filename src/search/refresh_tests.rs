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

/// Every hit of `q` (no cut among equal scores) as comparable rows, in a
/// fixed order for equal scores.
fn rows(index: &Index, dir: &Path, q: &str) -> Vec<(String, String, String)> {
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
    // A few files later are written as usual and found.
    fs::write(whole.path().join("new.md"), "# Fresh\n\nzeppelin words\n").unwrap();
    let r = big.refresh(whole.path(), &mut |_| {}).unwrap();
    assert_eq!((r.added, r.unchanged), (1, n));
    assert_eq!(rows(&big, whole.path(), "zeppelin").len(), 1);
}
