//! Store benchmarks: saving a reading position (one transaction), the reading
//! states of a 100,000-article library, and the library cache of 10,000 rows
//! loaded and saved.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use quire::article::peek;
use quire::library::Known;
use quire::store::{Position, Store, Visit};

fn visit(i: u32) -> Visit {
    Visit {
        position: Position {
            anchor: Some("a-section-heading".to_string()),
            fraction: 0.37,
            top_line: i,
            width: 100,
        },
        progress: 0.5,
        reached_end: false,
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("quire/quire.db");
    let mut store = Store::open(&path).expect("open");
    for i in 0..2_000u32 {
        store
            .save_position(&format!("/home/u/blog/posts/post-{i:05}.md"), &visit(i))
            .expect("save");
    }

    let mut group = c.benchmark_group("store");
    let mut i = 0u32;
    group.bench_function("save a position", |b| {
        b.iter(|| {
            i = (i + 1) % 2_000;
            store
                .save_position(&format!("/home/u/blog/posts/post-{i:05}.md"), &visit(i))
                .expect("save")
        })
    });
    group.bench_function("open (migrated, checked)", |b| {
        b.iter(|| black_box(Store::open(&path).expect("open")))
    });
    let paths: Vec<String> = (0..100_000)
        .map(|i| format!("/home/u/blog/posts/post-{i:05}.md"))
        .collect();
    group.bench_function("reading states of 100k paths (2k known)", |b| {
        b.iter(|| {
            black_box(
                store
                    .reading_states(paths.iter().cloned())
                    .expect("states")
                    .len(),
            )
        })
    });

    let text = b"---\ntitle: \"garden river lantern 12\"\ndate: 2015-03-04\ntags: [Rust, AI]\n---\n\nwords words words\n";
    let rows: Vec<(PathBuf, Known)> = (0..10_000)
        .map(|i| {
            let rel = PathBuf::from(format!("year-2015/post-{i:05}.md"));
            let known = Known {
                size: 4000,
                mtime_ns: 1_700_000_000_000_000_000 + i,
                peek: peek(&rel, text),
            };
            (rel, known)
        })
        .collect();
    group.sample_size(10);
    group.bench_function("save 10k cache rows", |b| {
        b.iter(|| {
            store
                .save_library("/home/u/blog", &rows, &[])
                .expect("save")
        })
    });
    group.bench_function("load 10k cache rows", |b| {
        b.iter(|| black_box(store.load_library("/home/u/blog").expect("load").len()))
    });
    group.finish();
}

criterion_group!(store_benches, benches);
criterion_main!(store_benches);
