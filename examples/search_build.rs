//! Times the first search index of a generated library and warm queries on
//! it, and writes every query's hits to a file so that two builds' results
//! can be compared: `cargo run --release --example search_build -- DIR
//! [--runs N] [--dump FILE] [--db FILE]` (DIR is written with the search benchmark's
//! 10,000 articles first when it does not exist).

#[path = "../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use quire::search::{Index, Query};

/// The queries timed warm and dumped: prefixes while typing, whole words,
/// a phrase, an exclusion, a tag.
const QUERIES: [&str; 12] = [
    "ka",
    "kalo -violet",
    "kalo ",
    "lighthouse",
    "resume",
    "harbour kernel",
    "\"lighthouse compiler\"",
    "orch",
    "violet tag:rust",
    "title:quarry",
    "mi",
    "kernels ",
];

/// This process's CPU time so far (user and system, from /proc; zero
/// where there is none): on a shared machine it varies less than wall time.
fn cpu() -> Duration {
    cpu_of("/proc/self/stat")
}

/// The CPU time of the calling thread so far (the index's one writer when
/// called from the thread that refreshes).
fn thread_cpu() -> Duration {
    cpu_of("/proc/thread-self/stat")
}

/// User and system time of the process or thread whose stat file is `path`.
fn cpu_of(path: &str) -> Duration {
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the line, the 12th and 13th after the name (100 ticks a second).
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

/// Runs of each query timed.
const RUNS: usize = 15;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: search_build DIR [--runs N] [--dump FILE] [--db FILE]");
        std::process::exit(2);
    };
    let (mut runs, mut dump, mut keep) = (3usize, None::<PathBuf>, None::<PathBuf>);
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next()) {
            ("--runs", Some(n)) => runs = n.parse().unwrap_or(3),
            ("--dump", Some(f)) => dump = Some(PathBuf::from(f)),
            ("--db", Some(f)) => keep = Some(PathBuf::from(f)),
            _ => {
                eprintln!("usage: search_build DIR [--runs N] [--dump FILE] [--db FILE]");
                std::process::exit(2);
            }
        }
    }
    if !dir.exists() {
        corpus::write_library(&dir, 10_000, 7_100);
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut index = keep
        .as_deref()
        .filter(|db| db.exists())
        .map(|db| Index::open(db).expect("open index"));
    for run in 0..runs {
        let db = match &keep {
            Some(db) if run + 1 == runs => {
                for end in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{end}", db.display()));
                }
                db.clone()
            }
            _ => tmp.path().join(format!("run-{run}.db")),
        };
        let (start, cpu_start, writer_start) = (Instant::now(), cpu(), thread_cpu());
        let mut built = Index::open(&db).expect("open index");
        // Every file's words are committed (searchable) at the last
        // progress; the words' starts are written after.
        let mut searchable = None;
        built
            .refresh(&dir, &mut |p| {
                if p.done == p.total {
                    searchable = Some((start.elapsed(), cpu() - cpu_start));
                }
            })
            .expect("first index");
        let (words, words_cpu) = searchable.unwrap_or_default();
        eprintln!(
            "first index: searchable {:.2} s, CPU {:.2} s; done {:.2} s, CPU {:.2} s (writer {:.2} s)",
            words.as_secs_f64(),
            words_cpu.as_secs_f64(),
            start.elapsed().as_secs_f64(),
            (cpu() - cpu_start).as_secs_f64(),
            (thread_cpu() - writer_start).as_secs_f64()
        );
        index = Some(built);
    }
    let Some(index) = index else { return };
    if std::env::var_os("QS_NOQ").is_some() {
        return;
    }
    let mut out = String::new();
    for q in QUERIES {
        let query = Query::parse(q);
        // Wall time's median and the CPU time a search takes on average:
        // on a shared machine the second varies less.
        let time = |f: &dyn Fn()| {
            let cpu_start = cpu();
            let times: Vec<Duration> = (0..RUNS)
                .map(|_| {
                    let start = Instant::now();
                    f();
                    start.elapsed()
                })
                .collect();
            let cpu_each = (cpu() - cpu_start) / RUNS as u32;
            (median(times), cpu_each)
        };
        let (whole, whole_cpu) = time(&|| {
            std::hint::black_box(index.search(&dir, &query, 20).expect("search"));
        });
        let (ranked, ranked_cpu) = time(&|| {
            std::hint::black_box(index.ranked(&dir, &query, 20).expect("search"));
        });
        eprintln!(
            "query {q:<24} {:>6.1} ms, CPU {:>6.1} ms (ranked alone {:>6.1} ms, CPU {:>6.1} ms)",
            whole.as_secs_f64() * 1e3,
            whole_cpu.as_secs_f64() * 1e3,
            ranked.as_secs_f64() * 1e3,
            ranked_cpu.as_secs_f64() * 1e3,
        );
        writeln!(out, "## {q}").ok();
        for hit in index.search(&dir, &query, 20).expect("search") {
            writeln!(
                out,
                "{} #{} :{} {:.6} | {}",
                hit.path.display(),
                hit.anchor,
                hit.line,
                hit.score,
                hit.snippet.text
            )
            .ok();
        }
    }
    if let Some(file) = dump {
        std::fs::write(&file, out).unwrap_or_else(|e| eprintln!("{}: {e}", file.display()));
    }
}
