//! Writes the generated library the search benchmarks use into a folder, to
//! time `quire search` from a shell: `cargo run --release --example
//! search_corpus -- DIR [COUNT]` (10,000 articles of about 7.1 KB by default).

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: search_corpus DIR [COUNT]");
        std::process::exit(2);
    };
    let count = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let bytes = corpus::write_library(std::path::Path::new(&dir), count, 7_100);
    println!("{count} articles, {bytes} bytes");
}
