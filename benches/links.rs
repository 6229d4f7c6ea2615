//! Benchmarks of link resolution: every link of the 56 corpus posts
//! resolved with a fresh [`Resolver`] (each target file read once for its
//! anchors), with the posts already loaded and with loading included.
//! Without the shared corpus, the fixtures' small sites stand in.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use quire::article::Article;
use quire::links::{Resolver, site};

/// The corpus of real posts, else our fixtures.
fn folder() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus/posts");
    if corpus.is_dir() {
        corpus
    } else {
        eprintln!("corpus absent: benchmarking tests/fixtures/sites instead");
        root.join("tests/fixtures/sites")
    }
}

fn resolve_all(dir: &Path, articles: &[Article]) -> usize {
    let mut resolver = Resolver::new(Some(dir));
    articles.iter().map(|a| resolver.resolve_all(a).len()).sum()
}

fn bench(c: &mut Criterion) {
    let dir = folder();
    let files = site::markdown_files(&dir);
    let articles: Vec<Article> = files.iter().map(|f| Article::load(f).unwrap()).collect();
    let count = resolve_all(&dir, &articles);
    eprintln!("{} articles, {count} links", articles.len());
    c.bench_function("links/resolve every link of the posts", |b| {
        b.iter(|| black_box(resolve_all(&dir, &articles)))
    });
    c.bench_function("links/load the posts and resolve every link", |b| {
        b.iter(|| {
            let files = site::markdown_files(&dir);
            let articles: Vec<Article> = files.iter().map(|f| Article::load(f).unwrap()).collect();
            black_box(resolve_all(&dir, &articles))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
