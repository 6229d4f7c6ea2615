//! quire: a terminal reader for markdown articles with front matter.
//!
//! The crate map, with dependencies pointing one way
//! (`tui -> layout -> article`, `tui -> library -> article`, `output -> *`):
//!
//! - [`article`]: one article: bytes to text, front matter to [`article::Meta`],
//!   the heading outline. No terminal types.
//! - [`layout`]: a markdown body and a width to a [`layout::Document`] of styled
//!   lines that speak in roles, not colours. No terminal types.
//! - [`library`]: a folder scanned into entries, a tag index, filters and sorts.
//! - [`search`]: matches of a query in a laid-out document, and the
//!   library's full-text index (SQLite FTS5) with its query language.
//! - [`sanitize`]: makes file text safe to put on a terminal.
//! - [`output`]: the headless commands (`outline`, `list`, `tags`, `render`).
//! - [`tui`]: the interactive reader and library; the only module that touches
//!   the terminal.
//! - [`cli`]: the command-line grammar; [`run`] dispatches it.

pub mod article;
pub mod cli;
pub mod error;
pub mod layout;
pub mod library;
pub mod output;
pub mod sanitize;
pub mod search;
pub mod stdin;
pub mod theme;
pub mod tui;

pub use error::Error;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use cli::{Cli, Command};

/// What a run ended with, mapped to the process exit code by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for was done (exit 0).
    Success,
    /// The user's input could not be used (exit 1); the message is already on stderr.
    Failure,
    /// A signal ended the app after the terminal was restored (exit 128 + n).
    Signal(i32),
}

/// Runs one command line. Errors carry the file and what is wrong with it.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Some(Command::Outline(args)) => output::outline(&args),
        Some(Command::List(args)) => output::list(&args),
        Some(Command::Tags(args)) => output::tags(&args),
        Some(Command::Render(args)) => output::render(&args),
        Some(Command::Search(args)) => output::search(&args),
        None => open(cli.open),
    }
}

/// `quire [PATH]`: a file opens the reader, a folder the library, `-` (or
/// no PATH with something piped in) the article on standard input.
fn open(args: cli::OpenArgs) -> anyhow::Result<Outcome> {
    let path = match &args.path {
        Some(p) => p.clone(),
        None if stdin::is_piped() => PathBuf::from("-"),
        None => default_library(),
    };
    let stdout_is_tty = std::io::stdout().is_terminal();
    if !stdin::is_dash(&path) && path.is_dir() {
        if !stdout_is_tty {
            return output::list(&cli::ListArgs::from_open(&args, path));
        }
        return tui::run_library(&path, &args);
    }
    if !stdout_is_tty {
        return output::render(&cli::RenderArgs::from_open(&args, path));
    }
    tui::run_reader(&path, &args)
}

/// `./articles` when it exists, else the current folder.
pub(crate) fn default_library() -> PathBuf {
    let articles = Path::new("articles");
    if articles.is_dir() {
        articles.to_path_buf()
    } else {
        PathBuf::from(".")
    }
}
