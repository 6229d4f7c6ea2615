//! Library benchmarks: scanning a generated folder of 10,000 articles (about
//! 4 KB each, written once into a temp dir) on one and two walker threads,
//! cold and with a warm cache, the time to the first streamed batch, and the
//! per-keystroke work: text filter, tag toggle, picker counts.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use quire::library::{self, Filter, LibraryCache, ScanOptions, Sort, TagMode};

#[path = "common/generate.rs"]
mod generate;

const ARTICLES: usize = 10_000;
fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    generate::generate(dir.path(), ARTICLES);

    let mut group = c.benchmark_group("scan 10k");
    group.sample_size(10);
    for threads in [1, 2] {
        let options = ScanOptions {
            threads,
            ..ScanOptions::default()
        };
        group.bench_function(
            format!("{threads} thread(s), cold scan + first select"),
            |b| {
                b.iter(|| {
                    let (lib, _) =
                        library::scan_with(dir.path(), options.clone(), LibraryCache::new())
                            .expect("scan");
                    black_box(lib.select(&Filter::default(), Sort::default()).len())
                })
            },
        );
    }
    let (_, report) =
        library::scan_with(dir.path(), ScanOptions::default(), LibraryCache::new()).expect("scan");
    let cache: LibraryCache = report.changed.into_iter().collect();
    group.bench_function("warm cache: stat all, read none, + first select", |b| {
        b.iter(|| {
            let (lib, report) =
                library::scan_with(dir.path(), ScanOptions::default(), cache.clone())
                    .expect("scan");
            assert!(report.changed.is_empty());
            black_box(lib.select(&Filter::default(), Sort::default()).len())
        })
    });
    group.bench_function("cold: first streamed batch", |b| {
        b.iter(|| {
            let rx = library::scan_stream(dir.path(), ScanOptions::default(), LibraryCache::new())
                .expect("scan");
            let first = rx.recv().expect("a batch");
            black_box(first);
            // Let the walk finish before the next sample.
            for _ in rx {}
        })
    });
    group.bench_function("warm: first cached batch", |b| {
        b.iter(|| {
            let rx = library::scan_stream(dir.path(), ScanOptions::default(), cache.clone())
                .expect("scan");
            let first = rx.recv().expect("a batch");
            black_box(first);
            for _ in rx {}
        })
    });
    group.finish();

    let lib = library::scan(dir.path()).expect("scan");
    assert_eq!(lib.entries.len(), ARTICLES);
    let mut group = c.benchmark_group("keystroke 10k");
    // Each prefix of a query, as typed one key at a time.
    group.bench_function("text filter, 'garden riv' typed (10 selects)", |b| {
        let query = "garden riv";
        b.iter(|| {
            for end in 1..=query.len() {
                let f = Filter {
                    text: query[..end].to_string(),
                    ..Filter::default()
                };
                black_box(lib.select(&f, Sort::default()).len());
            }
        })
    });
    group.bench_function("text filter, one keystroke", |b| {
        let f = Filter {
            text: "garden ri".to_string(),
            ..Filter::default()
        };
        b.iter(|| black_box(lib.select(&f, Sort::default()).len()))
    });
    group.bench_function("tag toggle: select + picker counts", |b| {
        let f = Filter {
            tags: vec!["rust".into(), "ai".into()],
            mode: TagMode::Any,
            ..Filter::default()
        };
        b.iter(|| {
            black_box(lib.select(&f, Sort::default()).len());
            black_box(lib.tag_counts(&f).len())
        })
    });
    group.finish();
}

criterion_group!(library_benches, benches);
criterion_main!(library_benches);
