//! Paragraphs too long to parse: a top-level paragraph of at least
//! [`LONG_PARAGRAPH_BYTES`] is given as its lines of plain text, without
//! inline markup, instead of being parsed. pulldown-cmark builds a node for
//! every piece of inline markup of a paragraph before its first event
//! (about 60 bytes of memory per byte of a paragraph of `*a* ` or `[`), and
//! a paragraph cannot be cut in pieces without changing what its markup
//! means. No real paragraph comes near the size.
//!
//! Only a paragraph whose extent is certain is taken: it starts an
//! unindented line after a blank line (or a heading, or the start) outside
//! any list, table or definition list, with no block marker; every line
//! after the first is one no block could start from; it ends at a blank
//! line (or the end) not followed by a definition (`: `), which would make
//! it a term.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::cuts::{Open, fence_of, html_of};
use super::lines::{atx, delimiter_row, footnote_start, is_blank, list_item, setext_underline};

/// The size from which a paragraph is given as plain text.
pub const LONG_PARAGRAPH_BYTES: usize = 256 * 1024;

/// Finds long paragraphs while the cut scan reads the lines of a body.
#[derive(Debug, Default)]
pub(super) struct LongParagraphs {
    /// The paragraph being read: where it started, and whether it is one
    /// line of nested containers.
    reading: Option<(usize, bool)>,
    /// A long paragraph that ended at a blank line, until the next line
    /// that is not blank shows it is not a term (nor, after a line of
    /// nested containers, more of a list).
    ended: Option<(Range<usize>, bool)>,
}

impl LongParagraphs {
    /// Takes the line at `at` (without its line ending), followed by `next`;
    /// `fresh` says a block may start on it at the top level (after a blank
    /// line, a heading or the start, outside any list, table or definition
    /// list). Returns a long paragraph known to have ended.
    pub(super) fn line(
        &mut self,
        at: usize,
        line: &str,
        next: &str,
        fresh: bool,
    ) -> Option<Range<usize>> {
        let blank = is_blank(line);
        let mut found = None;
        if !blank {
            if let Some((ended, nested)) = self.ended.take() {
                let goes_on_list = nested && (line.starts_with([' ', '\t']) || list_item(line));
                if !line.starts_with(':') && !goes_on_list {
                    found = Some(ended);
                }
            }
        }
        match self.reading {
            Some((start, nested)) if blank => {
                self.reading = None;
                if at - start >= LONG_PARAGRAPH_BYTES {
                    self.ended = Some((start..at, nested));
                }
            }
            Some((_, nested)) if nested || !goes_on(line) => self.reading = None,
            Some(_) => {}
            None if fresh && starts(line, next) => self.reading = Some((at, false)),
            None if fresh && nests(line, next) => self.reading = Some((at, true)),
            None => {}
        }
        found
    }

    /// The long paragraph that runs to the end of a body of `len` bytes, if
    /// any.
    pub(super) fn finish(self, len: usize) -> Option<Range<usize>> {
        match (self.reading, self.ended) {
            (Some((start, _)), _) if len - start >= LONG_PARAGRAPH_BYTES => Some(start..len),
            (_, ended) => ended.map(|(range, _)| range),
        }
    }
}

/// An unindented line that can only start a paragraph (whatever follows).
pub(super) fn paragraph_start(line: &str) -> bool {
    starts(line, "")
}

/// An unindented line that can only start a paragraph, followed by `next`.
fn starts(line: &str, next: &str) -> bool {
    let Some(&first) = line.as_bytes().first() else {
        return false;
    };
    let next = next.trim_end_matches(['\n', '\r']);
    // A letter starts no block but a table's header row.
    if first.is_ascii_alphabetic() {
        return !(line.contains('|') && delimiter_row(next, line.split('|').count()));
    }
    !(first == b' '
        || first == b'\t'
        || b">:".contains(&first)
        || atx(line).is_some()
        || fence_of(line).is_some()
        || html_block(line, true)
        || list_item(line)
        || thematic_break(line)
        || setext_underline(line)
        || (first == b'[' && line.contains("]:"))
        || (line.contains('|') && delimiter_row(next, line.split('|').count())))
}

/// A line of [`LONG_PARAGRAPH_BYTES`] or more that opens a quote or a list
/// item (thousands of them nested, as only a hostile file has), followed
/// by a blank line or nothing: shown as written, like a long paragraph.
fn nests(line: &str, next: &str) -> bool {
    line.len() >= LONG_PARAGRAPH_BYTES
        && (line.starts_with('>') || list_item(line))
        && !thematic_break(line)
        && is_blank(next.trim_end_matches(['\n', '\r']))
}

/// A line that, after the first of a paragraph, can only be more of it.
fn goes_on(line: &str) -> bool {
    let trimmed = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - trimmed.len();
    let Some(&first) = trimmed.as_bytes().first() else {
        return false;
    };
    if indent >= 4 || line.starts_with('\t') || first.is_ascii_alphabetic() {
        return true;
    }
    if first == b'<' {
        return !html_block(trimmed, false);
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    !(b">|:".contains(&first)
        || footnote_start(trimmed)
        || atx(trimmed).is_some()
        || fence_of(trimmed).is_some()
        || list_item(trimmed)
        || thematic_break(trimmed)
        || setext_underline(trimmed)
        || (digits > 0 && matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')'))))
}

/// The tag names that start an HTML block of CommonMark's sixth kind.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// Whether `line` may start an HTML block: one of the kinds that end at a
/// marker, a block tag, or (when `alone_counts`: a block of the seventh
/// kind, which cannot interrupt a paragraph) a line holding one tag and
/// nothing after it. Errs towards yes.
fn html_block(line: &str, alone_counts: bool) -> bool {
    match html_of(line) {
        None => return false,
        Some(Open::HtmlToBlank) => {}
        Some(_) => return true,
    }
    let rest = line.trim_start_matches(' ');
    let rest = rest
        .strip_prefix("</")
        .or_else(|| rest.strip_prefix('<'))
        .unwrap_or(rest);
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    let name = rest[..name_len].to_ascii_lowercase();
    let after = rest.as_bytes().get(name_len);
    if BLOCK_TAGS.contains(&name.as_str())
        && matches!(after, None | Some(b' ' | b'\t' | b'>' | b'/'))
    {
        return true;
    }
    alone_counts
        && rest
            .find('>')
            .is_none_or(|end| rest[end + 1..].trim().is_empty())
}

/// `***`, `- - -`, `___`: three or more of one of them, blanks between.
pub(super) fn thematic_break(line: &str) -> bool {
    let mut mark = None;
    let mut count = 0;
    for b in line.bytes() {
        match b {
            b' ' | b'\t' => {}
            b'*' | b'-' | b'_' if mark.is_none_or(|m| m == b) => {
                mark = Some(b);
                count += 1;
            }
            _ => return false,
        }
    }
    count >= 3
}

/// The events of a long paragraph at `base` in the body, whose text is
/// `text`: its lines as text (blanks around them left out), joined by soft
/// breaks, or hard breaks where a line ends in two spaces or a backslash.
pub(super) struct Plain<'a> {
    text: &'a str,
    base: usize,
    /// Every line on its own: lines end in hard breaks (a table's rows).
    rows: bool,
    /// Where the next line starts in `text`; `None` before the start event.
    at: Option<usize>,
    /// A break held until the text before it was given.
    pending: Option<(Event<'a>, Range<usize>)>,
    done: bool,
}

impl<'a> Plain<'a> {
    pub(super) fn new(text: &'a str, base: usize, rows: bool) -> Plain<'a> {
        Plain {
            text,
            base,
            rows,
            at: None,
            pending: None,
            done: false,
        }
    }

    fn span(&self, range: Range<usize>) -> Range<usize> {
        (range.start + self.base)..(range.end + self.base)
    }
}

impl<'a> Iterator for Plain<'a> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if let Some(pending) = self.pending.take() {
            return Some(pending);
        }
        let end = self.text.trim_end().len();
        let Some(at) = self.at else {
            self.at = Some(0);
            return Some((Event::Start(Tag::Paragraph), self.span(0..self.text.len())));
        };
        if at >= end {
            self.done = true;
            return Some((Event::End(TagEnd::Paragraph), self.span(0..self.text.len())));
        }
        let line_end = memchr::memchr(b'\n', &self.text.as_bytes()[at..]).map_or(end, |n| at + n);
        let line_end = line_end.min(end);
        let raw = &self.text[at..line_end];
        let lead = raw.len() - raw.trim_start_matches([' ', '\t']).len();
        let kept = raw.trim_end_matches([' ', '\t']);
        let marked = raw.len() - kept.len() >= 2 || kept.ends_with('\\');
        let hard = line_end < end && (self.rows || marked);
        let kept = if line_end < end && !self.rows && marked && kept.ends_with('\\') {
            &kept[..kept.len() - 1]
        } else {
            kept
        };
        let start = at + lead;
        let stop = at + kept.len().max(lead);
        self.at = Some(line_end + 1);
        if line_end < end {
            let brk = if hard {
                Event::HardBreak
            } else {
                Event::SoftBreak
            };
            self.pending = Some((brk, self.span(stop..line_end + 1)));
        }
        let text = &self.text[start..stop];
        if text.is_empty() {
            return self.next();
        }
        Some((Event::Text(CowStr::Borrowed(text)), self.span(start..stop)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<(Event<'_>, Range<usize>)> {
        Plain::new(text, 10, false).collect()
    }

    #[test]
    fn lines_become_text_and_breaks() {
        let got = plain("*a* b\n  c  \nd\\\ne \n");
        assert_eq!(
            got,
            vec![
                (Event::Start(Tag::Paragraph), 10..28),
                (Event::Text("*a* b".into()), 10..15),
                (Event::SoftBreak, 15..16),
                (Event::Text("c".into()), 18..19),
                (Event::HardBreak, 19..22),
                (Event::Text("d".into()), 22..23),
                (Event::HardBreak, 23..25),
                (Event::Text("e".into()), 25..26),
                (Event::End(TagEnd::Paragraph), 10..28),
            ]
        );
    }

    #[test]
    fn only_certain_paragraphs_are_taken() {
        assert!(starts("*a* *b*", ""));
        assert!(starts("[a](b) [c](d)", ""));
        assert!(starts("`x` y", ""));
        assert!(starts("<b>a</b><b>b</b>", "") && starts("<span>x", ""));
        for line in [
            "<div>",
            "<div class=x>a",
            "</p>",
            "<b>",
            "<a href=\"x\">",
            "<!-- c",
            "<pre>",
        ] {
            assert!(!starts(line, ""), "{line:?}");
        }
        assert!(goes_on("<b>x</b>") && goes_on("<b>"));
        assert!(goes_on("`x` y") && goes_on("*a* b") && goes_on("-x") && goes_on("#x"));
        assert!(!goes_on("[^x]: a footnote") && goes_on("[^x] a reference"));
        assert!(!goes_on("<div>") && !goes_on("<script>"));
        for line in [
            "- a", "* a", "1. a", "> a", "# a", "```", "<div>", "***", "[a]: /b", ": d", " a",
        ] {
            assert!(!starts(line, ""), "{line:?}");
        }
        assert!(!starts("a | b", "--|--"));
        for (line, is) in [
            ("***", true),
            ("- - -", true),
            ("_ _\t_", true),
            ("**", false),
            ("*-*", false),
            ("*** a", false),
            ("", false),
        ] {
            assert_eq!(thematic_break(line), is, "{line:?}");
        }
        assert!(goes_on("more text") && goes_on("    - indented"));
        for line in [
            "- a", "1) a", "===", "---", "> q", "# h", "| t", ": d", "<ul>", "```", "~~~ x",
            "* * *", "+",
        ] {
            assert!(!goes_on(line), "{line:?}");
        }
    }

    #[test]
    fn a_paragraph_is_long_from_its_size_and_ends_where_it_is_certain() {
        let line = "w ".repeat(1000);
        let mut long = LongParagraphs::default();
        let mut at = 0;
        let mut found = Vec::new();
        let lines = LONG_PARAGRAPH_BYTES / (line.len() + 1) + 1;
        for i in 0..lines {
            found.extend(long.line(at, &line, &line, i == 0));
            at += line.len() + 1;
        }
        found.extend(long.line(at, "", "next", false));
        let end = at;
        at += 1;
        found.extend(long.line(at, "next", "", true));
        assert_eq!(found, vec![0..end]);
        // A term of a definition list is not taken.
        let mut long = LongParagraphs::default();
        let mut at = 0;
        for i in 0..lines {
            assert!(long.line(at, &line, &line, i == 0).is_none());
            at += line.len() + 1;
        }
        assert!(long.line(at, "", ": d", false).is_none());
        assert!(long.line(at + 1, ": d", "", false).is_none());
        assert_eq!(long.finish(at + 4), None);
    }
}
