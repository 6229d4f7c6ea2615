//! Search benchmarks on a generated library (benches/support/corpus.rs):
//! building the index, refreshing it after one edit or none, and queries on a
//! warm index of 10,000 articles (about 76 MB). The one-off first index of the
//! whole library is timed once and printed with the database's size.

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use quire::search::{Index, Query};

const ARTICLES: usize = 10_000;
const BYTES: usize = 7_100;

fn file_size(path: &Path) -> u64 {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = dir.path().join("lib");
    let text = corpus::write_library(&lib, ARTICLES, BYTES);
    let db = dir.path().join("quire.db");

    let start = Instant::now();
    let mut index = Index::open(&db).expect("open index");
    index.refresh(&lib, &mut |_| {}).expect("first index");
    let took = start.elapsed();
    let size = file_size(&db);
    eprintln!(
        "first index of {ARTICLES} articles ({:.1} MB): {:.2} s, database {:.1} MB ({:.2}x the text)",
        text as f64 / 1e6,
        took.as_secs_f64(),
        size as f64 / 1e6,
        size as f64 / text as f64
    );

    let mut group = c.benchmark_group("search");
    group.sample_size(20);
    for q in [
        "lighthouse",
        "resume",
        "harbour kernel",
        "\"lighthouse compiler\"",
        // Words of two letters being typed: matched among the words' starts.
        "ka",
        "mi",
        "kalo -violet",
        // A whole word in nearly every section: ranking them all.
        "kalo ",
    ] {
        let query = Query::parse(q);
        group.bench_function(format!("query {q}"), |b| {
            b.iter(|| index.search(&lib, black_box(&query), 20).expect("search"))
        });
    }
    group.bench_function("refresh, nothing changed", |b| {
        b.iter(|| index.refresh(&lib, &mut |_| {}).expect("refresh"))
    });
    let edited = lib.join("year-2010/post-00000.md");
    let original = std::fs::read_to_string(&edited).expect("read");
    let mut n = 0usize;
    group.bench_function("refresh, one file changed", |b| {
        b.iter(|| {
            n += 1;
            let extra = "x".repeat(n % 7 + 1);
            std::fs::write(&edited, format!("{original}\nEdited {extra}.\n")).expect("write");
            index.refresh(&lib, &mut |_| {}).expect("refresh")
        })
    });
    group.finish();

    let small = dir.path().join("small");
    corpus::write_library(&small, 1_000, BYTES);
    let mut group = c.benchmark_group("search-build");
    group.sample_size(10);
    group.bench_function("index 1000 articles in memory", |b| {
        b.iter(|| {
            let mut index = Index::open_in_memory().expect("open");
            index.refresh(&small, &mut |_| {}).expect("index")
        })
    });
    // As a first search builds it: into the store's file, in batches of
    // one transaction each.
    let mut round = 0usize;
    group.bench_function("index 1000 articles into a store file", |b| {
        b.iter(|| {
            round += 1;
            let db = dir.path().join(format!("build-{round}.db"));
            let mut index = Index::open(&db).expect("open");
            index.refresh(&small, &mut |_| {}).expect("index")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
