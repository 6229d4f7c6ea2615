//! Library benchmarks: scanning a generated folder of 10,000 articles (about
//! 4 KB each, written once into a temp dir), on one thread and on the default
//! pool, and the per-keystroke work: text filter, tag toggle, picker counts.

use std::fmt::Write as _;
use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use quire::library::{self, Filter, Sort, TagMode};

const ARTICLES: usize = 10_000;
const WORDS: [&str; 16] = [
    "river", "lantern", "garden", "compiler", "market", "window", "harbour", "signal", "orchard",
    "ledger", "meadow", "kernel", "pocket", "thunder", "violet", "quarry",
];
const TAGS: [&str; 12] = [
    "Rust",
    "travel",
    "Cooking",
    "linux",
    "FLOSS",
    "music",
    "History",
    "AI",
    "books",
    "Gardening",
    "photography",
    "Machine Learning",
];

/// A deterministic pseudo-random stream, so every run writes the same folder.
fn next(seed: &mut u64) -> usize {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    (*seed >> 16) as usize
}

fn generate(root: &Path) {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for i in 0..ARTICLES {
        let folder = root.join(format!("year-{}", 2010 + i % 15));
        if i < 15 {
            fs::create_dir_all(&folder).expect("create folder");
        }
        let mut text = String::with_capacity(4200);
        let title: Vec<&str> = (0..4)
            .map(|_| WORDS[next(&mut seed) % WORDS.len()])
            .collect();
        let tags: Vec<&str> = (0..1 + next(&mut seed) % 3)
            .map(|_| TAGS[next(&mut seed) % TAGS.len()])
            .collect();
        let _ = write!(
            text,
            "---\ntitle: \"{} {i}\"\ndate: {}-{:02}-{:02}\ntags: [{}]\ndraft: {}\n---\n\n",
            title.join(" "),
            2010 + i % 15,
            1 + next(&mut seed) % 12,
            1 + next(&mut seed) % 28,
            tags.join(", "),
            i % 50 == 0
        );
        while text.len() < 4000 {
            if next(&mut seed) % 8 == 0 {
                let _ = write!(
                    text,
                    "\n## {} {}\n\n",
                    WORDS[next(&mut seed) % 16],
                    WORDS[next(&mut seed) % 16]
                );
            }
            for _ in 0..40 {
                text.push_str(WORDS[next(&mut seed) % WORDS.len()]);
                text.push(' ');
            }
            text.push_str("\n\n");
        }
        fs::write(folder.join(format!("post-{i:05}.md")), text).expect("write article");
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    generate(dir.path());

    let mut group = c.benchmark_group("scan 10k");
    group.sample_size(10);
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        group.bench_function(format!("{threads} thread(s), scan + first select"), |b| {
            b.iter(|| {
                pool.install(|| {
                    let lib = library::scan(dir.path()).expect("scan");
                    black_box(lib.select(&Filter::default(), Sort::default()).len())
                })
            })
        });
    }
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
