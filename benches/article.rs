//! Benchmarks of the article core: the outline of a 5 MB article, loading
//! (decode, front matter split, meta) and peeking at library rows.
//!
//! Times are the benchmark thread's on-CPU time (from
//! `/proc/thread-self/schedstat`), not wall-clock time, so that a machine
//! shared with other busy processes still gives the cost of our code.
//! `QUIRE_BENCH_WALL=1` measures wall-clock time instead. That clock moves
//! by scheduler ticks, so each measured routine runs for milliseconds.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, criterion_group, criterion_main};
use quire::article::{Article, decode_cow, front_matter, outline::outline, peek};

/// One section of a generated article (our own text), with the inline
/// markup, lists, code and quotes real posts have. `{n}` makes each
/// heading distinct.
const SECTION: &str = "## Section {n}: keeping *notes* that last

A notebook is only useful when you can find things in it again. This
section talks about **indexes**, `grep`, and the habit of writing the
date at the top of every page, so that a search a year later lands
on the right day.

1. **Write it down:** even a line is better than nothing.
   - one idea per line
   - link related ideas with [a short reference](https://example.org/{n})
2. **Read it back:** once a week, skim what you wrote.

> A quote to break the rhythm of the page, long enough to wrap across
> two lines on a narrow terminal.

### Details of part {n}

```sh
# not a heading: a comment in a code block
grep -rn \"idea\" notes/ | sort | head -n 20
```

| Column | Meaning |
| --- | --- |
| date | when |
| text | what |

";

/// A generated article of at least `bytes` bytes, front matter first.
fn generated_article(bytes: usize) -> String {
    let mut text = String::from(
        "---\ntitle: A very long article\ntags: [notes, writing, tools]\ndate: 2024-05-06\nauthor: {name: Someone}\n---\n\n# A very long article\n\n",
    );
    let mut n = 0usize;
    while text.len() < bytes {
        n += 1;
        text.push_str(&SECTION.replace("{n}", &n.to_string()));
    }
    text
}

/// Decode, split and read the meta of `bytes`, as a load does before the
/// outline.
fn decode_split_meta(path: &Path, bytes: &[u8]) -> usize {
    let (text, mut warnings) = decode_cow(path, bytes);
    let (split, _) = front_matter::split(&text);
    let meta = front_matter::parse_meta(path, &split, &mut warnings);
    meta.tags.len() + split.body.len()
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

fn benches(c: &mut Criterion<ThreadCpuTime>) {
    let big = generated_article(5 * 1024 * 1024);
    let body_start = big.find("\n# ").unwrap_or(0);
    let body = &big[body_start..];
    c.bench_function("outline of a 5 MB article", |b| {
        b.iter(|| outline(black_box(body), 7).len())
    });

    let path = PathBuf::from("2024-05-06-long.md");
    let big_bytes = big.as_bytes();
    c.bench_function("decode+split+meta of a 5 MB article", |b| {
        b.iter(|| decode_split_meta(&path, black_box(big_bytes)))
    });
    c.bench_function("Article::from_bytes of a 5 MB article", |b| {
        b.iter(|| {
            Article::from_bytes(&path, black_box(big_bytes))
                .outline
                .len()
        })
    });

    let small = generated_article(4 * 1024);
    let small = small.get(..4096).unwrap_or(&small);
    let small_bytes = small.as_bytes();
    // A 4 KB article takes microseconds, less than the scheduler tick that
    // on-CPU time moves by, so these run a thousand to a measurement.
    let thousand = |f: &dyn Fn() -> usize| (0..1000).map(|_| f()).sum::<usize>();
    c.bench_function("decode+split+meta of 1,000 4 KB articles", |b| {
        b.iter(|| thousand(&|| decode_split_meta(&path, black_box(small_bytes))))
    });
    c.bench_function("peek of 1,000 4 KB articles", |b| {
        b.iter(|| thousand(&|| peek(&path, black_box(small_bytes)).words))
    });
    let untitled = small.replacen("title: A very long article\n", "", 1);
    c.bench_function("peek of 1,000 4 KB articles, title from a heading", |b| {
        b.iter(|| thousand(&|| peek(&path, black_box(untitled.as_bytes())).meta.title.len()))
    });

    // 10,000 files of 4 KB on disk, read and peeked one after another, as a
    // library scan on one core would.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files: Vec<PathBuf> = (0..10_000)
        .map(|i| {
            let file = dir.path().join(format!("2024-01-01-post-{i}.md"));
            std::fs::write(&file, small_bytes).expect("write a generated article");
            file
        })
        .collect();
    let mut group = c.benchmark_group("library rows");
    group.sample_size(10);
    group.bench_function("read+peek 10,000 files of 4 KB", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|file| peek(file, &std::fs::read(file).expect("read")).words)
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group! {
    name = article;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = benches
}
criterion_main!(article);
