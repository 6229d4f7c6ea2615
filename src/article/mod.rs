//! One article: bytes to text, front matter to [`Meta`], body to an outline.
//!
//! Loading never fails on content: bad bytes, broken front matter and odd
//! headings become [`Warning`]s, and whatever can be shown is kept.

mod decode;
mod fields;
pub mod front_matter;
pub mod outline;
mod peek;

use std::fmt;
use std::path::{Path, PathBuf};

pub use decode::decode_cow;
pub use front_matter::{FrontMatterKind, Meta};
pub use outline::Heading;
pub use peek::{Peek, peek};

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
        let (text, mut warnings) = decode_cow(path, bytes);
        let (split, mut meta) = front_matter::read(path, &text, &mut warnings);
        let outline = outline::outline(split.body, split.body_line);
        if meta.title.is_empty() {
            meta.title = outline
                .iter()
                .find(|h| h.level == 1 && !h.text.is_empty())
                .map(|h| h.text.to_string())
                .unwrap_or_else(|| file_stem(path));
        }
        Article {
            path: path.to_path_buf(),
            meta,
            body: split.body.to_string(),
            body_line: split.body_line,
            outline,
            warnings,
        }
    }
}

/// Bytes to text: invalid UTF-8 replaced (with a warning naming the byte
/// offset of the first bad byte), a UTF-8 BOM stripped, CRLF and lone CR made `\n`.
pub fn decode(path: &Path, bytes: &[u8]) -> (String, Vec<Warning>) {
    let (text, warnings) = decode_cow(path, bytes);
    (text.into_owned(), warnings)
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
mod tests {
    use super::*;

    fn load(name: &str, bytes: &[u8]) -> Article {
        Article::from_bytes(Path::new(name), bytes)
    }

    #[test]
    fn bom_and_crlf_front_matter_and_lines() {
        let article = load(
            "a.md",
            b"\xEF\xBB\xBF---\r\ntitle: Windows\r\ntags: [a]\r\n---\r\n\r\n## One\r\n\r\n## Two\r\n",
        );
        assert_eq!(article.meta.title, "Windows");
        assert_eq!(article.meta.tags, ["a"]);
        assert_eq!(article.body, "\n## One\n\n## Two\n");
        assert_eq!(article.body_line, 5);
        let lines: Vec<usize> = article.outline.iter().map(|h| h.line).collect();
        assert_eq!(lines, [6, 8]);
        assert!(article.warnings.is_empty());
    }

    #[test]
    fn title_falls_back_to_the_first_level_one_heading_then_the_file_stem() {
        let article = load(
            "x/2020-01-02-post.md",
            b"## Sub\n\n# *Main* title\n\n# Later\n",
        );
        assert_eq!(article.meta.title, "Main title");
        assert_eq!(article.meta.date.as_deref(), Some("2020-01-02"));
        let article = load("x/notes.md", b"## Only a sub\n");
        assert_eq!(article.meta.title, "notes");
        let article = load("blog/my-post/index.md", b"text\n");
        assert_eq!(article.meta.title, "my-post");
    }

    #[test]
    fn empty_file_is_an_empty_article() {
        let article = load("empty.md", b"");
        assert_eq!(article.meta.title, "empty");
        assert!(article.outline.is_empty());
        assert!(article.body.is_empty());
        assert!(article.warnings.is_empty());
    }

    #[test]
    fn front_matter_only_has_an_empty_body() {
        let article = load("fm.md", b"---\ntitle: Meta only\n---");
        assert_eq!(article.meta.title, "Meta only");
        assert_eq!(article.body, "");
        assert!(article.outline.is_empty());
    }

    #[test]
    fn invalid_utf8_and_unclosed_front_matter_are_warnings_not_failures() {
        let article = load("bad.md", b"---\ntitle: x\n\n# Caf\xE9\n");
        assert_eq!(article.warnings.len(), 2, "{:?}", article.warnings);
        assert!(
            article
                .warnings
                .iter()
                .any(|w| w.message.contains("byte 19"))
        );
        assert!(article.warnings.iter().any(|w| w.line == Some(1)));
        assert_eq!(article.meta.title, "Caf\u{fffd}");
        assert_eq!(article.meta.front_matter, FrontMatterKind::None);
        assert_eq!(article.outline[0].line, 4);
    }

    #[test]
    fn a_middle_rule_pair_keeps_every_section() {
        let body = b"---\ntitle: T\n---\n# A\n\n---\n\n## B\n\ntext\n\n---\n\n## C\n";
        let article = load("rules.md", body);
        let texts: Vec<&str> = article.outline.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["A", "B", "C"]);
    }

    #[test]
    fn warnings_name_file_and_line() {
        let warning = Warning {
            path: PathBuf::from("p/a.md"),
            line: Some(3),
            message: "odd".to_string(),
        };
        assert_eq!(warning.to_string(), "p/a.md:3: odd");
    }

    #[test]
    fn load_reports_a_missing_file() {
        let err = Article::load(Path::new("/nonexistent/quire/x.md")).err();
        assert!(matches!(err, Some(Error::Read { .. })));
    }

    mod never_panics {
        use super::*;
        use proptest::prelude::*;

        /// Bytes that look like articles: fences, headings, CRs, BOMs,
        /// tabs, code fences and invalid UTF-8, in any order.
        fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
            let pieces = prop::sample::select(vec![
                "---\n",
                "+++\n",
                "...\n",
                "# ",
                "## x ##\t#",
                "\r\n",
                "\r",
                "\n",
                "```\n",
                "~~~",
                "    ",
                "\t",
                "title: ",
                "tags: [a, ~, 1]\n",
                "=====\n",
                "> ",
                "- ",
                "{#id}",
                "&amp;",
                "*e*",
                "`c`",
                "[l](u)",
                "<b>",
                "\u{feff}",
                "\u{1b}[2J",
                "é",
                "日本",
            ]);
            prop::collection::vec(
                prop_oneof![
                    pieces.prop_map(|p| p.as_bytes().to_vec()),
                    prop::collection::vec(any::<u8>(), 0..4),
                ],
                0..40,
            )
            .prop_map(|chunks| chunks.concat())
        }

        proptest! {
            #[test]
            fn load_and_peek_accept_anything(bytes in article_bytes()) {
                let path = Path::new("2020-1-2-any.md");
                let article = Article::from_bytes(path, &bytes);
                prop_assert!(!article.meta.title.is_empty());
                for heading in &article.outline {
                    prop_assert!((1..=6).contains(&heading.level));
                    prop_assert!(heading.offset <= article.body.len());
                    prop_assert!(heading.line >= article.body_line);
                    prop_assert!(!heading.text.contains('\n'));
                }
                prop_assert!(!article.body.contains('\r'));
                let peeked = peek(path, &bytes);
                prop_assert_eq!(&peeked.meta.tags, &article.meta.tags);
                prop_assert_eq!(&peeked.meta.date, &article.meta.date);
            }
        }
    }
}
