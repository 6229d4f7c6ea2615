//! Hostile shapes at sizes that run quickly (about 256 KB each): deep
//! nesting of every container, very wide tables, many table rows, heading
//! floods, empty display math, rules at an absurd width, deeply nested
//! front matter, a search matching one word everywhere; around the
//! articles: junk configs, queries of countless terms, a fifo in a site, a
//! NUL flood. Each was once
//! quadratic or memory-hungry; a regression
//! shows here as a number.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use quire::article::Article;
use quire::article::outline::outline;
use quire::layout::{LayoutOptions, layout};
use quire::search::{Index, Query};

const SIZE: usize = 256 * 1024;

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1))
}

fn wide_table(cols: usize, bytes: usize) -> String {
    let row = |cell: &str| format!("|{}|\n", vec![cell; cols].join("|"));
    let mut body = row("h") + &row("-");
    let body_row = row("c");
    while body.len() < bytes {
        body.push_str(&body_row);
    }
    body
}

fn shapes() -> Vec<(&'static str, String)> {
    vec![
        ("nested quotes and items", repeat_to("> - ", SIZE)),
        (
            "nested, broken by paragraphs",
            repeat_to(&("> - ".repeat(6000) + "x\n\n"), SIZE),
        ),
        ("3000-column table", wide_table(3000, SIZE)),
        (
            "table rows",
            String::from("|a|\n|-|\n") + &repeat_to("|x|\n", SIZE),
        ),
        ("atx heading flood", repeat_to("# h\n", SIZE)),
        ("setext heading flood", repeat_to("h\n=\n", SIZE)),
        ("empty heading flood", repeat_to("#\n", SIZE)),
        ("soft hyphens", repeat_to("x\u{ad}", SIZE)),
        ("nested quotes", repeat_to(">", SIZE)),
        ("nested quotes with tabs", repeat_to(">\t", SIZE)),
        ("quotes of numbered items", repeat_to("> 1. ", SIZE)),
        ("items of quotes", repeat_to("- > ", SIZE)),
        ("numbered items of quotes", repeat_to("1. > ", SIZE)),
        ("empty display math", repeat_to("$$\n", SIZE)),
        ("empty display math, spaced", repeat_to("$$ ", SIZE)),
        ("rules", repeat_to("***\n", SIZE)),
        (
            "table of 43,690 columns",
            wide_table(SIZE / 6, SIZE * 5 / 6),
        ),
        (
            "table header of 65,536 columns",
            repeat_to("|a", SIZE / 2) + "|\n" + &repeat_to("|-", SIZE / 2) + "|\n",
        ),
        (
            "emoji sequences",
            repeat_to("👨\u{200d}👩\u{200d}👧 🇫🇷 1\u{fe0f}\u{20e3} 👍🏽 ", SIZE),
        ),
    ]
}

fn bench_pathological(c: &mut Criterion) {
    let mut g = c.benchmark_group("pathological");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for (name, body) in shapes() {
        let article = Article::from_bytes(Path::new("hostile.md"), body.as_bytes());
        g.bench_function(format!("layout {name}"), |b| {
            b.iter(|| layout(black_box(&article), 80, LayoutOptions::default()))
        });
    }
    for (name, body) in shapes().into_iter().filter(|(n, _)| n.contains("heading")) {
        g.bench_function(format!("outline {name}"), |b| {
            b.iter(|| outline(black_box(&body), 1))
        });
    }
    let rules = Article::from_bytes(
        Path::new("rules.md"),
        repeat_to("***\n\n", 10 * 1024).as_bytes(),
    );
    g.bench_function("layout 10 KB of rules at width 65535", |b| {
        b.iter(|| layout(black_box(&rules), 65535, LayoutOptions::default()))
    });
    let flood = Article::from_bytes(Path::new("rules.md"), repeat_to("***\n", SIZE).as_bytes());
    g.bench_function("layout 256 KB of rules at width 1000", |b| {
        b.iter(|| layout(black_box(&flood), 1000, LayoutOptions::default()))
    });
    for (name, open) in [("[", "["), ("{a:", "{a: ")] {
        let text = format!("---\na: {}\n---\n# Body\n", repeat_to(open, 200 * 1024));
        g.bench_function(format!("front matter nested {name} 200 KB"), |b| {
            b.iter(|| Article::from_bytes(Path::new("deep.md"), black_box(text.as_bytes())))
        });
    }
    bench_one_word_search(&mut g);
    bench_hostile_surroundings(&mut g);
    // Over the size from which a body is read in pieces.
    let big = 2 * 1024 * 1024;
    for (name, body) in [
        ("one line of emphasis", repeat_to("*a* ", big)),
        ("a tight list", repeat_to("- item\n", big)),
        (
            "lists of alternating markers",
            repeat_to("- a\n1. b\n* c\n", big),
        ),
        ("footnote definitions", repeat_to("[^n]: a note\n", big)),
        (
            "a row of pipes",
            String::from("|a|\n|-|\n") + &repeat_to("|", big),
        ),
    ] {
        g.bench_function(format!("outline of 2 MB: {name}"), |b| {
            b.iter(|| outline(black_box(&body), 1))
        });
    }
    g.finish();
}

/// A search for a word that is every word of a 256 KB section.
fn bench_one_word_search(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    if std::fs::write(dir.path().join("a.md"), repeat_to("a ", SIZE)).is_err() {
        return;
    }
    let Ok(mut index) = Index::open_in_memory() else {
        return;
    };
    if index.refresh(dir.path(), &mut |_| {}).is_err() {
        return;
    }
    let query = Query::parse("a ");
    g.bench_function("search one word in 256 KB of it", |b| {
        b.iter(|| index.search(dir.path(), black_box(&query), 10))
    });
}

/// What surrounds the articles: a config of 40,000 unknown keys and one of
/// nested tables (warnings were quadratic, 4.9 s), queries of repeated and
/// countless terms (`the` x 800 took 7.5 s), the site scan of a folder
/// holding a fifo named `*.md` (it hung), a NUL flood laid out.
fn bench_hostile_surroundings(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
) {
    let unknown: String = (0..40_000).map(|i| format!("k{i} = 1\n")).collect();
    g.bench_function("config of 40,000 unknown keys", |b| {
        b.iter(|| quire::config::parse(black_box(&unknown), Path::new("c.toml")))
    });
    let nested: String = (1..1000)
        .map(|i| format!("[{}]\n", vec!["a"; i].join(".")))
        .scan(0, |bytes, line| {
            *bytes += line.len();
            (*bytes < 1024 * 1024).then_some(line)
        })
        .collect();
    g.bench_function("config of 1 MB of nested tables", |b| {
        b.iter(|| quire::config::parse(black_box(&nested), Path::new("c.toml")))
    });
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    for i in 0..50 {
        let text = format!("# Post {i}\n\nthe rust of a b and more words {i}\n");
        if std::fs::write(dir.path().join(format!("p{i}.md")), text).is_err() {
            return;
        }
    }
    let fifo = std::process::Command::new("mkfifo")
        .arg(dir.path().join("fifo.md"))
        .status();
    if !fifo.is_ok_and(|s| s.success()) {
        return;
    }
    g.bench_function("site scan of 50 files and a fifo", |b| {
        b.iter(|| quire::site::index(black_box(dir.path())))
    });
    let Ok(mut index) = Index::open_in_memory() else {
        return;
    };
    if index.refresh(dir.path(), &mut |_| {}).is_err() {
        return;
    }
    let tags: String = (0..12_000).map(|i| format!("tag:t{i} ")).collect();
    for (name, query) in [
        ("'the' x 800", "the ".repeat(800)),
        ("'rust' x 26,000", "rust ".repeat(26_000)),
        ("'\"a b\"' x 20,000", "\"a b\" ".repeat(20_000)),
        ("12,000 tag: terms", tags),
    ] {
        g.bench_function(format!("search of {name}"), |b| {
            b.iter(|| index.search(dir.path(), &Query::parse(black_box(&query)), 10))
        });
    }
    let nul = Article::from_bytes(Path::new("nul.md"), &vec![0u8; 1024 * 1024]);
    g.bench_function("layout 1 MB of NUL", |b| {
        b.iter(|| layout(black_box(&nul), 80, LayoutOptions::default()))
    });
    // What the reader does with it: decode, parse and lay out.
    let nul = vec![0u8; 1024 * 1024];
    g.bench_function("read and lay out 1 MB of NUL", |b| {
        b.iter(|| {
            let draft = quire::article::Draft::from_bytes(Path::new("nul.md"), black_box(&nul));
            quire::layout::open(draft, 80, LayoutOptions::default())
        })
    });
}

criterion_group!(benches, bench_pathological);
criterion_main!(benches);
