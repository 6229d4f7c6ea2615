//! Layout speed: a 10 KB and a 5 MB generated article at 80 columns, the
//! re-layout a resize asks for, the cost of syntax highlighting, and
//! opening (outline and layout from one parse, against two), and what
//! reserving rows for pictures costs.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use quire::article::{Article, Draft};
use quire::layout::{LayoutOptions, layout, open};

/// One section of our own text with every kind of block, numbered so that
/// headings stay distinct.
fn section(n: usize) -> String {
    format!(
        "## Section {n}: notes on *keeping* things small\n\n\
Plain paragraphs carry most of an article, so most of the time goes here: \
words of ordinary length, a [link to somewhere](https://example.org/{n}) and \
some `inline code`, then **strong words** and a footnote-free sentence that \
runs on long enough to wrap two or three times at eighty columns.\n\n\
1. **First point:** a numbered item that also wraps once it gets long enough\n\
   - a nested bullet\n   - another one\n\
2. Second point, short.\n\n\
> A quoted remark that takes a line or two, with a bar on every line of it\n\
> once it wraps at the narrower widths.\n\n\
```rust\nfn section_{n}(x: u32) -> u32 {{\n    // a comment\n    x.wrapping_mul(31).rotate_left(5)\n}}\n```\n\n\
| Column | Value | Note |\n|:-------|------:|------|\n| alpha | {n} | short |\n| beta | 2 | a longer note in a cell |\n\n\
東京の朝は静かで、駅のホームには人がまばらに立っていた。👨‍👩‍👧 e\u{301}te\u{301}\n\n"
    )
}

fn article_of(bytes: usize) -> Article {
    Article::from_bytes(Path::new("generated.md"), markdown_of(bytes).as_bytes())
}

fn markdown_of(bytes: usize) -> String {
    let mut body = String::from("---\ntitle: Generated\ntags: [bench]\n---\n\n");
    let mut n = 0;
    while body.len() < bytes {
        body.push_str(&section(n));
        n += 1;
    }
    body
}

fn bench_layout(c: &mut Criterion) {
    let small = article_of(10 * 1024);
    let big = article_of(5 * 1024 * 1024);
    let plain = LayoutOptions::PLAIN;
    let highlighted = LayoutOptions::default();
    // Load syntect's defaults before timing anything.
    black_box(layout(&small, 80, highlighted));

    let mut g = c.benchmark_group("layout");
    g.bench_function("10KB at 80", |b| {
        b.iter(|| layout(black_box(&small), 80, highlighted))
    });
    g.bench_function("10KB at 80, plain", |b| {
        b.iter(|| layout(black_box(&small), 80, plain))
    });
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("5MB at 80", |b| {
        b.iter(|| layout(black_box(&big), 80, highlighted))
    });
    g.bench_function("5MB at 80, plain", |b| {
        b.iter(|| layout(black_box(&big), 80, plain))
    });
    // A resize: the document at 80 is thrown away for one at 120.
    g.bench_function("5MB resize 80 to 120", |b| {
        b.iter_batched(
            || layout(&big, 80, highlighted),
            |old| {
                drop(old);
                layout(black_box(&big), 120, highlighted)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();

    // Opening: the file's bytes to an outline and a layout at 80.
    let bytes = markdown_of(5 * 1024 * 1024).into_bytes();
    let path = Path::new("generated.md");
    let mut g = c.benchmark_group("open");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("5MB, outline then layout (two parses)", |b| {
        b.iter(|| {
            let article = Article::from_bytes(path, black_box(&bytes));
            let doc = layout(&article, 80, highlighted);
            (article, doc)
        })
    });
    g.bench_function("5MB, one parse", |b| {
        b.iter(|| open(Draft::from_bytes(path, black_box(&bytes)), 80, highlighted))
    });
    g.finish();
}

/// Layout with picture rows reserved (as the reader does) against without,
/// on the 5 MB article and on one with a picture in every section.
fn bench_pictures(c: &mut Criterion) {
    let big = article_of(5 * 1024 * 1024);
    let mut body = String::from("---\ntitle: Pictures\n---\n\n");
    let mut n = 0;
    while body.len() < 5 * 1024 * 1024 {
        body.push_str(&section(n));
        body.push_str(&format!("![figure {n}](figures/figure-{n}.png)\n\n"));
        n += 1;
    }
    let pictured = Article::from_bytes(Path::new("pictures.md"), body.as_bytes());
    let off = LayoutOptions::PLAIN;
    let on = LayoutOptions {
        image_rows: 16,
        ..off
    };
    let mut g = c.benchmark_group("pictures");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("5MB at 80, rows off", |b| {
        b.iter(|| layout(black_box(&big), 80, off))
    });
    g.bench_function("5MB at 80, rows on", |b| {
        b.iter(|| layout(black_box(&big), 80, on))
    });
    g.bench_function("5MB with pictures at 80, rows off", |b| {
        b.iter(|| layout(black_box(&pictured), 80, off))
    });
    g.bench_function("5MB with pictures at 80, rows on", |b| {
        b.iter(|| layout(black_box(&pictured), 80, on))
    });
    g.finish();
}

criterion_group!(benches, bench_layout, bench_pictures);
criterion_main!(benches);
