//! One article: bytes to text, front matter to [`Meta`], body to an outline.
//!
//! Loading never fails on content: bad bytes, broken front matter and odd
//! headings become [`Warning`]s, and whatever can be shown is kept.

pub mod front_matter;
pub mod outline;

use std::fmt;
use std::path::{Path, PathBuf};

pub use front_matter::{FrontMatterKind, Meta};
pub use outline::Heading;

use crate::Error;

/// A problem in one file that did not stop it from being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file.
    pub path: PathBuf,
    /// The 1-based line in the file, when known.
    pub line: Option<usize>,
    /// What is wrong, in a reader's words.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// A loaded article.
#[derive(Debug, Clone)]
pub struct Article {
    /// Where it was read from.
    pub path: PathBuf,
    /// What the front matter (or the file name) says about it.
    pub meta: Meta,
    /// The markdown after the front matter, BOM stripped, `\n` line endings.
    pub body: String,
    /// The 1-based file line on which `body` starts (after the front matter).
    pub body_line: usize,
    /// The headings of the body, in order.
    pub outline: Vec<Heading>,
    /// What was wrong but did not stop it.
    pub warnings: Vec<Warning>,
}

/// The one set of pulldown-cmark options quire parses bodies with: tables,
/// footnotes, strikethrough, task lists and `{#id}` heading attributes.
/// Metadata blocks stay off: front matter is split off by [`front_matter`].
pub fn parser_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

impl Article {
    /// Reads and parses the file at `path`.
    pub fn load(path: &Path) -> Result<Article, Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Article::from_bytes(path, &bytes))
    }

    /// Parses an article from its bytes; `path` names it in warnings and gives
    /// the fallback title and date.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Article {
        let _ = (path, bytes);
        todo!("article core")
    }
}

/// Bytes to text: invalid UTF-8 replaced (with a warning naming the byte
/// offset of the first bad byte), a UTF-8 BOM stripped, CRLF and lone CR made `\n`.
pub fn decode(path: &Path, bytes: &[u8]) -> (String, Vec<Warning>) {
    let _ = (path, bytes);
    todo!("article core")
}

/// What a library row needs, read in one cheap pass (no markdown parse).
#[derive(Debug, Clone)]
pub struct Peek {
    /// The front matter's meta, with the title fallen back as in [`Article`].
    pub meta: Meta,
    /// Words in the body, for reading time.
    pub words: usize,
    /// What was wrong but did not stop it.
    pub warnings: Vec<Warning>,
}

/// Reads what a library row needs from an article's bytes.
pub fn peek(path: &Path, bytes: &[u8]) -> Peek {
    let _ = (path, bytes);
    todo!("article core")
}
