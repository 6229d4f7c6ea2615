//! Front matter: split `---` YAML / `+++` TOML off the top of a file, read it into [`Meta`].

use std::path::Path;

use super::Warning;

/// Which kind of front matter a file opened with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FrontMatterKind {
    /// None (or an unclosed fence, which is body text).
    #[default]
    None,
    /// `---` YAML `---` (or `...`).
    Yaml,
    /// `+++` TOML `+++`.
    Toml,
}

/// What an article says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Front matter `title`, else the first level-1 heading, else the file stem.
    pub title: String,
    /// Tags in the author's spelling, in order, without duplicates.
    pub tags: Vec<String>,
    /// `YYYY-MM-DD`: front matter `date`, else a Jekyll file-name prefix.
    pub date: Option<String>,
    /// Front matter `author` (a string, or a map's `name`).
    pub author: Option<String>,
    /// `draft: true` or `published: false`.
    pub draft: bool,
    /// Front matter `description`, else `excerpt`, else `summary`.
    pub description: Option<String>,
    /// Which kind of front matter the file had.
    pub front_matter: FrontMatterKind,
}

/// A file's text cut into front matter and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The kind of front matter found.
    pub kind: FrontMatterKind,
    /// The text between the fences (empty when there is none).
    pub raw: &'a str,
    /// The 1-based file line of the first line of `raw`.
    pub raw_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// The 1-based file line of the first line of `body`.
    pub body_line: usize,
}

/// Cuts `text` (already decoded, `\n` endings) into front matter and body.
pub fn split(text: &str) -> (Split<'_>, Option<String>) {
    let _ = text;
    todo!("article core")
}

/// Reads `split.raw` into a [`Meta`]; `path` gives the fallback date and names
/// the file in warnings. The title is left empty when the front matter has none
/// (the caller falls back to the first heading, then the file stem).
pub fn parse_meta(path: &Path, split: &Split<'_>, warnings: &mut Vec<Warning>) -> Meta {
    let _ = (path, split, warnings);
    todo!("article core")
}
