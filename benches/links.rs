//! Benchmarks of link resolution: every link of the 56 corpus posts
//! resolved with a fresh [`Resolver`] (each target file read once for its
//! anchors), with the posts already loaded and with loading included.
//! Without the shared corpus, the fixtures' small sites stand in. Then
//! what `quire links DIR` does (list, load, resolve) on generated sites of
//! 1,000 pages, a Hugo one and a Jekyll one, with every link form the
//! generators' rules cover (the goal: under 0.5 s). Then what links to a
//! note in a generated vault of 10,000 linked notes, warm (the link index
//! already built), in wall-clock time and in the process's on-CPU time.
//!
//! Times are the benchmark thread's on-CPU time (from
//! `/proc/thread-self/schedstat`), as in `benches/article.rs`, so that a
//! shared busy machine still gives the cost of our code;
//! `QUIRE_BENCH_WALL=1` measures wall-clock time instead.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, criterion_group, criterion_main};
use quire::article::Article;
use quire::library::{self, ScanOptions};
use quire::links::Resolver;
use quire::links::backlinks::LinkIndex;
use quire::site;

#[path = "support/sites.rs"]
mod sites;

#[path = "common/generate.rs"]
mod generate;

/// Notes in the generated vault.
const NOTES: usize = 10_000;

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

fn bench(c: &mut Criterion<ThreadCpuTime>) {
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
    for (name, make) in [
        ("hugo", sites::hugo as fn(&Path, usize)),
        ("jekyll", sites::jekyll),
    ] {
        let scratch = tempfile::tempdir().unwrap();
        make(scratch.path(), 1_000);
        let (pages, links, broken) = links_dir(scratch.path());
        eprintln!("generated {name} site: {pages} pages, {links} links, {broken} broken");
        assert_eq!(broken, 0, "the generated {name} site has broken links");
        c.bench_function(
            &format!("links/quire links DIR, 1,000-page {name} site"),
            |b| b.iter(|| black_box(links_dir(scratch.path()))),
        );
    }
}

/// What `quire links DIR` does: the library's list of the folder's
/// articles, each loaded and every link resolved; (pages, links, broken).
fn links_dir(dir: &Path) -> (usize, usize, usize) {
    let mut files: Vec<PathBuf> = library::markdown_files(dir, &ScanOptions::default())
        .into_iter()
        .map(|(rel, _, _)| dir.join(rel))
        .collect();
    files.sort();
    let mut resolver = Resolver::new(Some(dir));
    let (mut links, mut broken) = (0, 0);
    for file in &files {
        let article = Article::load(file).unwrap();
        let found = resolver.resolve_all(&article);
        links += found.len();
        broken += found.iter().filter(|(_, r)| r.is_broken()).count();
    }
    (files.len(), links, broken)
}

/// On-CPU time of every thread of the process so far.
fn process_cpu() -> Duration {
    use rustix::time::{ClockId, clock_gettime};
    let now = clock_gettime(ClockId::ProcessCPUTime);
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

/// On-CPU time of the current thread, where Linux reports it.
struct ThreadCpuTime;

/// Nanoseconds this thread has run on a CPU, when `/proc` says, unless
/// wall-clock time was asked for.
fn thread_cpu_ns() -> Option<u64> {
    if std::env::var_os("QUIRE_BENCH_WALL").is_some() {
        return None;
    }
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

impl Measurement for ThreadCpuTime {
    type Intermediate = (Option<u64>, Instant);
    type Value = Duration;

    fn start(&self) -> Self::Intermediate {
        (thread_cpu_ns(), Instant::now())
    }
    fn end(&self, (cpu, wall): Self::Intermediate) -> Duration {
        match (cpu, thread_cpu_ns()) {
            (Some(before), Some(after)) => Duration::from_nanos(after.saturating_sub(before)),
            _ => wall.elapsed(),
        }
    }
    fn add(&self, v1: &Duration, v2: &Duration) -> Duration {
        *v1 + *v2
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        static WALL: WallTime = WallTime;
        WALL.formatter()
    }
}

fn backlinks(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    generate::generate_vault(&vault, NOTES);
    let db = dir.path().join("state/quire.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let mut index = LinkIndex::open(&db).unwrap();
    let cold = Instant::now();
    index.refresh(&vault, &ScanOptions::default()).unwrap();
    eprintln!("link index of {NOTES} notes built in {:?}", cold.elapsed());
    let note = std::path::Path::new("year-2010/post-00015.md");
    let found = index.backlinks(&vault, note, None).unwrap().len();
    eprintln!("{found} links into {}", note.display());
    let mut group = c.benchmark_group("backlinks, 10k vault warm");
    group.sample_size(20);
    group.bench_function(
        "open the store, refresh (nothing changed), list the links in",
        |b| {
            b.iter(|| {
                let mut index = LinkIndex::open(&db).unwrap();
                index.refresh(&vault, &ScanOptions::default()).unwrap();
                black_box(index.backlinks(&vault, note, None).unwrap())
            })
        },
    );
    // The same on-CPU, all threads of the process: what the work costs
    // however busy the machine is (wall-clock time waits for a CPU there).
    group.bench_function(
        "open the store, refresh (nothing changed), list: process on-CPU time",
        |b| {
            b.iter_custom(|iters| {
                let before = process_cpu();
                for _ in 0..iters {
                    let mut index = LinkIndex::open(&db).unwrap();
                    index.refresh(&vault, &ScanOptions::default()).unwrap();
                    black_box(index.backlinks(&vault, note, None).unwrap());
                }
                process_cpu().saturating_sub(before)
            })
        },
    );
    group.bench_function("list the links in (index open and fresh)", |b| {
        b.iter(|| black_box(index.backlinks(&vault, note, None).unwrap()))
    });
    group.bench_function("links-in counts of every note", |b| {
        b.iter(|| black_box(index.counts(&vault).unwrap()))
    });
    group.finish();
}

criterion_group!(vault, backlinks);

criterion_group! {
    name = links;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = bench
}
criterion_main!(links, vault);
