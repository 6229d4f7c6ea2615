//! One article: bytes to text, front matter to [`Meta`], body to an outline.
//!
//! Loading never fails on content: bad bytes, broken front matter and odd
//! headings become [`Warning`]s, and whatever can be shown is kept.

pub mod code_blocks;
mod dates;
mod decode;
pub mod events;
mod fields;
pub mod front_matter;
mod jekyll;
mod line_map;
mod nesting;
pub mod outline;
mod peek;
mod pictures;
pub mod tags;
pub mod wikilink;
mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

pub use dates::{read_date, read_date_in, time_zone};
pub use decode::decode_cow;
pub use fields::{Value, headless};
pub use front_matter::{FrontMatterKind, Meta, SiteRules};
pub use line_map::LineMap;
pub use outline::Heading;
pub use outline::OutlineBuilder;
pub use peek::{Peek, count_words, peek, peek_in};
pub use pictures::{PictureSize, PictureSizes};
pub use wikilink::link_target;

use crate::Error;
use crate::sanitize::sanitize_line;

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

/// Shown as `path:line: message`, made safe for a terminal: a file name or a
/// message quoting the file cannot carry a control sequence.
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string();
        let path = sanitize_line(&path);
        let message = sanitize_line(&self.message);
        match self.line {
            Some(line) => write!(f, "{path}:{line}: {message}"),
            None => write!(f, "{path}: {message}"),
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
    /// Where the lines of `body` were in the file, when the site pass
    /// rewrote it or a note's embeds were inlined (see [`Article::file_line`]).
    pub line_map: LineMap,
    /// What was wrong but did not stop it.
    pub warnings: Vec<Warning>,
    /// The sizes of its pictures, for the layout to keep the rows each is
    /// drawn in (none known unless the reader gave a way to read them).
    pub pictures: PictureSizes,
}

/// The one set of pulldown-cmark options quire parses bodies with: tables,
/// footnotes, strikethrough, task lists, `{#id}` heading attributes, GitHub
/// alerts (`> [!NOTE]`), `$..$` math, definition lists and `[[wikilinks]]`
/// (with `![[embeds]]`, see [`wikilink`]).
/// Metadata blocks stay off: front matter is split off by [`front_matter`].
pub fn parser_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_WIKILINKS
}

/// The most bytes quire reads from one file unless `QUIRE_MAX_BYTES` says
/// otherwise: 256 MB.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The cap on one file's size: `QUIRE_MAX_BYTES` (a number of bytes, with an
/// optional `K`, `M` or `G` suffix) when set and readable, else [`MAX_FILE_BYTES`].
pub fn max_file_bytes() -> u64 {
    std::env::var("QUIRE_MAX_BYTES")
        .ok()
        .and_then(|v| parse_size(&v))
        .unwrap_or(MAX_FILE_BYTES)
}

/// `123`, `64K`, `256M`, `1G` (any case) as bytes.
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().last()? {
        (at, c) if c.is_ascii_alphabetic() => (&text[..at], c.to_ascii_uppercase()),
        _ => (text, 'B'),
    };
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => return None,
    };
    digits.trim().parse::<u64>().ok()?.checked_mul(1 << shift)
}

/// What tells one version of a file from another without reading it: its
/// size, modification time and inode (a rename over it changes the inode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl FileStamp {
    /// The stamp of a file whose metadata is `meta`.
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode: meta.ino(),
        }
    }

    /// The stamp of the file at `path` now; `None` when it is gone.
    pub fn of_path(path: &Path) -> Option<FileStamp> {
        std::fs::metadata(path).ok().map(|m| FileStamp::of(&m))
    }
}

/// Reads the file at `path`, refusing anything but a regular file (a device
/// like `/dev/zero` never ends, a fifo blocks) and any file over
/// [`max_file_bytes`]. The type is checked before the file is opened, since
/// opening a fifo already blocks.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    read_file_stamped(path).map(|(bytes, _)| bytes)
}

/// [`read_file`], with the stamp of the file as it was opened: a change
/// while it is read gives the file another stamp.
pub fn read_file_stamped(path: &Path) -> Result<(Vec<u8>, FileStamp), Error> {
    let (bytes, meta) = crate::file::read_regular(path, max_file_bytes())?;
    Ok((bytes, FileStamp::of(&meta)))
}

/// Like [`read_file_stamped`], but of a file over `start` bytes only the
/// first `start` are read; the flag says whether the bytes are the whole.
pub fn read_file_start(path: &Path, start: u64) -> Result<(Vec<u8>, FileStamp, bool), Error> {
    let (bytes, meta, whole) = crate::file::read_regular_start(path, max_file_bytes(), start)?;
    Ok((bytes, FileStamp::of(&meta), whole))
}

impl Article {
    /// The file line of `line`, a line counted from `body_line` through the
    /// body as rewritten by the site pass and the inlined embeds.
    pub fn file_line(&self, line: usize) -> usize {
        match line.checked_sub(self.body_line) {
            Some(index) if !self.line_map.is_identity() => {
                self.body_line + self.line_map.source(index)
            }
            _ => line,
        }
    }

    /// The line counted from `body_line` through the body as shown that
    /// first shows the file line `line` (the way back of [`Article::file_line`]).
    pub fn shown_line(&self, line: usize) -> usize {
        match line.checked_sub(self.body_line) {
            Some(index) if !self.line_map.is_identity() => {
                self.body_line + self.line_map.shown(index)
            }
            _ => line,
        }
    }

    /// Reads and parses the file at `path` (see [`read_file`] for what is refused).
    pub fn load(path: &Path) -> Result<Article, Error> {
        let bytes = read_file(path)?;
        Ok(Article::from_bytes(path, &bytes))
    }

    /// Parses an article from its bytes; `path` names it in warnings and gives
    /// the fallback title and date.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Article {
        Draft::from_bytes(path, bytes).outlined()
    }
}

/// An article read and split from its front matter, its body not parsed
/// yet: the outline (and the title, when the front matter has none) come
/// from the one parse of the body, by [`Draft::outlined`] when only the
/// outline is wanted or by [`crate::layout::open`] when it is laid out too.
#[derive(Debug, Clone)]
pub struct Draft {
    article: Article,
    /// The version of the file read, when it was read from a file.
    stamp: Option<FileStamp>,
}

impl Draft {
    /// Reads the file at `path` (see [`read_file`] for what is refused).
    pub fn load(path: &Path) -> Result<Draft, Error> {
        let (bytes, stamp) = read_file_stamped(path)?;
        Ok(Draft::from_bytes(path, &bytes).with_stamp(Some(stamp)))
    }

    /// The draft, saying it was read from the version `stamp` of its file.
    pub fn with_stamp(mut self, stamp: Option<FileStamp>) -> Draft {
        self.stamp = stamp;
        self
    }

    /// The draft, its pictures' sizes read through `pictures`.
    pub fn with_pictures(mut self, pictures: PictureSizes) -> Draft {
        self.article.pictures = pictures;
        self
    }

    /// How its pictures' sizes are read.
    pub fn pictures(&self) -> &PictureSizes {
        &self.article.pictures
    }

    /// The version of the file it was read from, when known.
    pub fn stamp(&self) -> Option<FileStamp> {
        self.stamp
    }

    /// Decodes `bytes` and reads the front matter; `path` names the file in
    /// warnings and gives the fallback title and date.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Draft {
        let (text, warnings) = decode_cow(path, bytes);
        let mut warnings = warnings;
        // Read as the library reads it: in the site's time zone, with its taxonomies.
        let site = crate::site::Site::of(path);
        warnings.extend(site.as_ref().and_then(|s| s.take_problem()));
        let rules = site.as_ref().map(|s| &s.rules);
        let default = SiteRules::default();
        let (split, meta) =
            front_matter::read_in(path, &text, &mut warnings, rules.unwrap_or(&default));
        // The site pass: template syntax to markdown, before any parse.
        let (body, line_map) = crate::site::read_body(path, &meta, &split);
        let body = body.into_owned();
        Draft {
            article: Article {
                path: path.to_path_buf(),
                meta,
                body,
                body_line: split.body_line,
                outline: Vec::new(),
                line_map,
                warnings,
                pictures: PictureSizes::default(),
            },
            stamp: None,
        }
    }

    /// Puts `body` in place of the markdown body (a pre-pass that inlines
    /// what the body names, like a note's embeds), `map` saying where its
    /// lines were in the body it replaces: composed after the map of the
    /// passes before it, lines still name the file's.
    pub fn set_body(&mut self, body: String, map: LineMap) {
        self.article.body = body;
        self.article.line_map = self.article.line_map.then(&map);
    }

    /// What the front matter says; the title is empty when it gives none.
    pub fn meta(&self) -> &Meta {
        &self.article.meta
    }

    /// The markdown body.
    pub fn body(&self) -> &str {
        &self.article.body
    }

    /// The 1-based file line on which the body starts.
    pub fn body_line(&self) -> usize {
        self.article.body_line
    }

    /// What was wrong in the bytes or the front matter.
    pub fn warnings(&self) -> &[Warning] {
        &self.article.warnings
    }

    /// The file it was read from.
    pub fn path(&self) -> &Path {
        &self.article.path
    }

    /// The article with its outline, parsing the body for nothing else.
    pub fn outlined(self) -> Article {
        let outline = outline::outline(&self.article.body, self.article.body_line);
        self.with_outline(outline)
    }

    /// The article with `outline`, built from a parse of this body; the
    /// title, when the front matter has none, is its first level-1 heading,
    /// else the file name.
    pub fn with_outline(self, outline: Vec<Heading>) -> Article {
        let mut article = self.article;
        let outline = if article.line_map.is_identity() {
            outline
        } else {
            outline
                .into_iter()
                .map(|h| {
                    let line = article.file_line(h.line());
                    h.with_line(line)
                })
                .collect()
        };
        if article.meta.title.is_empty() {
            article.meta.title = title_of(&outline).unwrap_or_else(|| file_stem(&article.path));
        }
        article.outline = outline;
        article
    }

    /// The title [`Draft::with_outline`] will give, as far as it can be told
    /// without parsing the whole body: the front matter's, else the first
    /// heading when the body opens with a level-1 one (read from the first
    /// block alone), else the file name. The whole parse can still find a
    /// different first level-1 heading; [`crate::layout::open`] checks.
    pub fn expected_title(&self) -> String {
        if !self.article.meta.title.is_empty() {
            return self.article.meta.title.clone();
        }
        let body = &self.article.body;
        let start = body.len() - body.trim_start_matches(['\n', ' ', '\t']).len();
        // The first block ends at the first blank line (a setext heading's
        // underline belongs to it); a long one is cut at 4 KB.
        let rest = &body[start..];
        let mut end = rest.find("\n\n").map_or(rest.len(), |at| at + 1);
        end = end.min(4096);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        title_of(&outline::outline(&rest[..end], 1))
            .unwrap_or_else(|| file_stem(&self.article.path))
    }
}

/// The text of the first non-empty level-1 heading of `outline`.
fn title_of(outline: &[Heading]) -> Option<String> {
    outline
        .iter()
        .find(|h| h.level() == 1 && !h.text().is_empty())
        .map(|h| h.text().to_string())
}

/// The last-resort title: the file name without its extension (for
/// `index.md` in a folder of its own, as Zola and Hugo keep posts, the folder's name).
pub(crate) fn file_stem(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    match stem.as_deref() {
        Some("index" | "_index") => path
            .parent()
            .and_then(Path::file_name)
            .map(|s| s.to_string_lossy().into_owned())
            .or(stem)
            .unwrap_or_default(),
        _ => stem.unwrap_or_default(),
    }
}

#[cfg(test)]
#[path = "mod_tests.rs"]
mod tests;
