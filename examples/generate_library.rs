//! Writes a generated library for measuring quire by hand:
//! `cargo run --release --example generate_library -- DIR COUNT [--vault]`
//! (`--vault`: notes linked with `[[wikilinks]]`, in a `.obsidian/` vault).

use std::path::PathBuf;

#[path = "../benches/common/generate.rs"]
mod generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: generate_library DIR COUNT");
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
    if args.next().as_deref() == Some("--vault") {
        generate::generate_vault(&dir, count);
    } else {
        generate::generate(&dir, count);
    }
}
