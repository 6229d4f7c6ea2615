//! What a library row needs from an article, in one cheap pass: front matter,
//! a title, a word count. No full markdown parse.

use std::path::Path;

use super::front_matter::SiteRules;
use super::{Meta, Warning, decode_cow, file_stem, front_matter, outline};

/// What a library row needs, read in one cheap pass (no markdown parse).
#[derive(Debug, Clone)]
pub struct Peek {
    /// The front matter's meta, with the title fallen back as in [`super::Article`].
    pub meta: Meta,
    /// Words in the body, for reading time.
    pub words: usize,
    /// What was wrong but did not stop it.
    pub warnings: Vec<Warning>,
}

/// Reads what a library row needs from an article's bytes.
///
/// The title falls back to the first level-1 heading found by a line scan
/// that skips fenced and indented code (only that heading's lines are parsed,
/// for its plain text), then to the file name.
pub fn peek(path: &Path, bytes: &[u8]) -> Peek {
    peek_in(path, bytes, &SiteRules::default())
}

/// [`peek`] for an article of a site with `rules` (its dates are the
/// site's dates, its taxonomies tags).
pub fn peek_in(path: &Path, bytes: &[u8], rules: &SiteRules) -> Peek {
    let (text, mut warnings) = decode_cow(path, bytes);
    let (split, mut meta) = front_matter::read_in(path, &text, &mut warnings, rules);
    if meta.title.is_empty() {
        meta.title = first_title(split.body).unwrap_or_else(|| file_stem(path));
    }
    Peek {
        meta,
        words: count_words(split.body),
        warnings,
    }
}

/// Whitespace-separated words, counted over bytes (UTF-8 never puts an ASCII
/// whitespace byte inside a character).
pub fn count_words(text: &str) -> usize {
    let mut words = 0usize;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = b.is_ascii_whitespace();
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
    }
    words
}

/// The plain text of the first level-1 heading (ATX `# ` or setext `===`)
/// outside fenced and indented code, found by scanning lines.
pub(super) fn first_title(body: &str) -> Option<String> {
    let mut fence: Option<(u8, usize)> = None;
    let mut previous: Option<&str> = None;
    for line in body.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = &line[indent..];
        if let Some((ch, len)) = fence {
            let run = content.bytes().take_while(|&b| b == ch).count();
            if indent < 4 && run >= len && content[run..].trim().is_empty() {
                fence = None;
            }
            previous = None;
            continue;
        }
        if indent < 4 {
            let opener = content
                .as_bytes()
                .first()
                .copied()
                .filter(|&b| b == b'`' || b == b'~');
            if let Some(ch) = opener {
                let run = content.bytes().take_while(|&b| b == ch).count();
                if run >= 3 && !(ch == b'`' && content[run..].contains('`')) {
                    fence = Some((ch, run));
                    previous = None;
                    continue;
                }
            }
            let candidate = if is_atx_h1(content) {
                Some(line.to_string())
            } else if is_setext_h1(content) {
                previous.map(|p| format!("{p}\n{line}"))
            } else {
                None
            };
            if let Some(text) = candidate.as_deref().and_then(title_of) {
                return Some(text);
            }
        }
        let blank = line.trim().is_empty();
        previous = (!blank && indent < 4).then_some(line);
    }
    None
}

/// `#` followed by a space, a tab or the end of the line.
fn is_atx_h1(content: &str) -> bool {
    content
        .strip_prefix('#')
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// A line of `=` only (trailing spaces allowed).
fn is_setext_h1(content: &str) -> bool {
    let run = content.trim_end();
    !run.is_empty() && run.bytes().all(|b| b == b'=')
}

/// The plain text of a level-1 heading in `snippet`, when it is one.
fn title_of(snippet: &str) -> Option<String> {
    outline::outline(snippet, 1)
        .into_iter()
        .find(|h| h.level() == 1 && !h.text().is_empty())
        .map(|h| h.text().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(bytes: &str) -> String {
        peek(Path::new("dir/fallback.md"), bytes.as_bytes())
            .meta
            .title
    }

    #[test]
    fn front_matter_title_wins() {
        assert_eq!(title("---\ntitle: Meta\n---\n# Heading\n"), "Meta");
    }

    #[test]
    fn title_from_the_first_level_one_heading_outside_code() {
        let body = "```\n# not this\n```\n\n    # nor this\n\n## nor a sub\n\n#no space\n\n# **This** `one`\n";
        assert_eq!(title(body), "This one");
        assert_eq!(
            title("~~~~\n# x\n~~~\n# still code\n~~~~\n\nSetext *title*\n=====\n"),
            "Setext title"
        );
    }

    #[test]
    fn title_falls_back_to_the_file_stem() {
        assert_eq!(title("plain text\n\n## sub\n"), "fallback");
        assert_eq!(title(""), "fallback");
    }

    #[test]
    fn words_are_counted_in_the_body_only() {
        let p = peek(
            Path::new("a.md"),
            b"---\ntitle: Four words here too\n---\none two\tthree\n\nfour, five\xE2\x80\x94six\n",
        );
        assert_eq!(p.words, 5);
        assert_eq!(count_words("  "), 0);
        assert_eq!(count_words("日本語 テキスト"), 2);
    }

    #[test]
    fn peek_carries_warnings() {
        let p = peek(Path::new("a.md"), b"---\ntags: {x: 1}\n---\n\xFF");
        assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
        assert!(p.meta.tags.is_empty());
    }
}
