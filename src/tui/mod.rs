//! The interactive reader and library; the only code that touches the terminal.

pub mod library;
pub mod theme;
pub mod ui;

use std::path::Path;

use crate::Outcome;
use crate::cli::OpenArgs;

/// Opens the article at `path` in the reader.
pub fn run_reader(path: &Path, args: &OpenArgs) -> anyhow::Result<Outcome> {
    let _ = (path, args);
    todo!("reader")
}

/// Opens the folder at `dir` as a library.
pub fn run_library(dir: &Path, args: &OpenArgs) -> anyhow::Result<Outcome> {
    let _ = (dir, args);
    todo!("library")
}
