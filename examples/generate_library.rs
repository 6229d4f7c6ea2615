//! Writes a generated library for measuring quire by hand:
//! `cargo run --release --example generate_library -- DIR COUNT [--vault | --search]`
//! (`--vault`: notes linked with `[[wikilinks]]`, in a `.obsidian/` vault;
//! `--search`: the search benchmark's articles, about 7 KB each over a large
//! vocabulary, as `benches/search.rs` indexes them).

use std::path::PathBuf;

#[path = "../benches/common/generate.rs"]
mod generate;

#[path = "../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

/// The size of the search benchmark's articles (`benches/search.rs`).
const SEARCH_BYTES: usize = 7_100;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: generate_library DIR COUNT [--vault | --search]");
        std::process::exit(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("COUNT must be a number");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(1);
    }
    match args.next().as_deref() {
        Some("--vault") => generate::generate_vault(&dir, count),
        Some("--search") => {
            corpus::write_library(&dir, count, SEARCH_BYTES);
        }
        _ => generate::generate(&dir, count),
    }
}
