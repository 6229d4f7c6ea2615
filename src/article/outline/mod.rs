//! The heading outline of a body, exactly as CommonMark defines headings.

use std::ops::Range;

mod anchors;
mod heading;

use compact_str::CompactString;

use anchors::Anchors;
pub use anchors::slugify;
pub use heading::{Heading, crumbs_after_title};

use pulldown_cmark::{Event, Options, Tag, TagEnd};

use super::decode::count_newlines;

/// The headings of `body`; `body_line` is the file line the body starts on.
/// Parses with [`super::parser_options`], as everything else in quire does.
pub fn outline(body: &str, body_line: usize) -> Vec<Heading> {
    outline_with(body, body_line, super::parser_options())
}

/// The headings of `body` parsed with `options` (pure CommonMark is
/// `Options::empty()`); `body_line` is the file line the body starts on.
pub fn outline_with(body: &str, body_line: usize, options: Options) -> Vec<Heading> {
    let mut builder = OutlineBuilder::new(body, body_line);
    for (event, range) in super::events::events(body, options) {
        builder.push(&event, range);
    }
    builder.finish()
}

/// Builds the outline from the events of a parse of the body, so that a
/// walk that parses it for another reason (layout) gets the outline from
/// the same pass. Fed every event in order, footnote definitions included.
#[derive(Debug)]
pub struct OutlineBuilder<'a> {
    body: &'a str,
    body_line: usize,
    headings: Vec<Heading>,
    anchors: Anchors,
    open: Option<OpenHeading>,
    /// Line numbers are counted forward from the previous heading, so a
    /// document is scanned for newlines once, not once per heading.
    counted_to: usize,
    line: usize,
    /// Footnote definitions are shown at the end of an article, so a heading
    /// inside one is not a section of it: it stays out of the outline.
    in_footnote: usize,
    /// The text buffer of the last heading, kept for the next.
    spare: String,
}

impl<'a> OutlineBuilder<'a> {
    /// A builder for `body`, whose first line is file line `body_line`.
    pub fn new(body: &'a str, body_line: usize) -> Self {
        OutlineBuilder {
            body,
            body_line,
            headings: Vec::new(),
            anchors: Anchors::default(),
            open: None,
            counted_to: 0,
            line: body_line,
            in_footnote: 0,
            spare: String::new(),
        }
    }

    /// Takes the next event of the parse and where it is in the body.
    pub fn push(&mut self, event: &Event<'_>, range: Range<usize>) {
        let body = self.body;
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => self.in_footnote += 1,
            Event::End(TagEnd::FootnoteDefinition) => {
                self.in_footnote = self.in_footnote.saturating_sub(1);
            }
            Event::Start(Tag::Heading { level, id, .. }) if self.in_footnote == 0 => {
                let offset = range.start.min(body.len());
                let rest = &body[offset..];
                // Only an ATX heading (its line starts with `#` after up to
                // three spaces) can have a closing sequence.
                let cut = if rest.trim_start_matches(' ').starts_with('#') {
                    let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
                    let first_line = rest[..end].strip_suffix('\r').unwrap_or(&rest[..end]);
                    closing_sequence_start(first_line).map(|at| offset + at)
                } else {
                    None
                };
                self.open = Some(OpenHeading {
                    level: *level as u8,
                    id: id.as_ref().map(|id| id.to_string()),
                    offset,
                    cut,
                    text: std::mem::take(&mut self.spare),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.close(),
            _ => {
                if let Some(heading) = self.open.as_mut() {
                    heading.push_plain(event, range, body);
                }
            }
        }
    }

    /// The headings found so far; the last is the one most recently closed.
    pub fn headings(&self) -> &[Heading] {
        &self.headings
    }

    /// The outline.
    pub fn finish(self) -> Vec<Heading> {
        self.headings
    }

    fn close(&mut self) {
        let Some(heading) = self.open.take() else {
            return;
        };
        let offset = heading.offset;
        let bytes = self.body.as_bytes();
        if offset >= self.counted_to {
            self.line = self
                .line
                .saturating_add(count_newlines(&bytes[self.counted_to..offset]));
        } else {
            self.line = self
                .body_line
                .saturating_add(count_newlines(&bytes[..offset]));
        }
        self.counted_to = offset;
        let trimmed = heading.text.trim_matches(|c: char| c.is_ascii_whitespace());
        let text = if trimmed.contains('\0') {
            CompactString::from(trimmed.replace('\0', "\u{fffd}"))
        } else {
            CompactString::from(trimmed)
        };
        // The buffer serves the next heading: a flood of them costs no
        // allocation each for it.
        let mut spare = heading.text;
        spare.clear();
        self.spare = spare;
        let level = heading.level;
        let line = self.line;
        self.headings.push(match heading.id {
            Some(id) => {
                let id = id.replace('\0', "\u{fffd}");
                self.anchors.explicit(&id);
                Heading::new(level, &text, &id, line, offset)
            }
            None => {
                let number = self.anchors.slug(&text);
                Heading::from_parts(level, text, number, line, offset)
            }
        });
    }
}

/// A heading whose text is being read.
#[derive(Debug)]
struct OpenHeading {
    /// 1 to 6.
    level: u8,
    /// The `{#id}`, when given.
    id: Option<String>,
    /// Where it starts in the body.
    offset: usize,
    /// Where CommonMark's closing `#` sequence (with the spaces or tabs
    /// before it) starts in the body, for an ATX heading that has one.
    cut: Option<usize>,
    /// The plain text so far.
    text: String,
}

impl OpenHeading {
    /// Adds what `event` (found at `range` of `body`) shows as plain text:
    /// text and code as they are (entities already decoded by the parser,
    /// image alt text arrives as text), a line break as one space, raw HTML
    /// tags and footnote references nothing (a `[^note]` marker is not part
    /// of the section's name).
    ///
    /// Text from at or after `cut` is the closing sequence and is left out.
    /// CommonMark lets spaces *or tabs* precede and follow the closing `#`s
    /// (`# foo\t#` is the heading "foo"), while pulldown-cmark recognises
    /// the sequence only after a space and keeps `\t#` as text.
    fn push_plain(&mut self, event: &Event<'_>, range: Range<usize>, body: &str) {
        match event {
            Event::Text(t) => match self.cut {
                Some(cut) if range.end > cut => {
                    if range.start >= cut {
                        return;
                    }
                    // The part past `cut` is literal source (blanks and
                    // `#`s), so it is the same bytes at the end of the text.
                    let tail = body.get(cut..range.end).unwrap_or("");
                    match t.strip_suffix(tail) {
                        Some(kept) => self.text.push_str(kept),
                        None => self.text.push_str(t),
                    }
                }
                _ => self.text.push_str(t),
            },
            Event::Code(t) => self.text.push_str(t),
            // Math keeps its source with its delimiters, as the file has it.
            Event::InlineMath(t) => {
                self.text.push('$');
                self.text.push_str(t);
                self.text.push('$');
            }
            Event::DisplayMath(t) => {
                self.text.push_str("$$");
                self.text.push_str(t);
                self.text.push_str("$$");
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            _ => {}
        }
    }
}

/// Where the closing sequence of an ATX heading starts in its `line`
/// (counting the spaces or tabs before the `#`s), as CommonMark defines it:
/// a run of `#`s preceded by a space or tab (or by nothing but the opening
/// sequence) and followed only by spaces or tabs. `None` for lines that are
/// not ATX headings and for ATX headings without one.
fn closing_sequence_start(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let opening = rest.len() - rest.trim_start_matches('#').len();
    let content = &rest[opening..];
    if !(1..=6).contains(&opening) || !(content.is_empty() || content.starts_with([' ', '\t'])) {
        return None;
    }
    let content = content.trim_end_matches([' ', '\t']);
    let before_run = content.trim_end_matches('#');
    if before_run.len() == content.len() {
        return None;
    }
    if !(before_run.is_empty() || before_run.ends_with([' ', '\t'])) {
        return None;
    }
    let blank_start = before_run.trim_end_matches([' ', '\t']).len();
    Some(indent + opening + blank_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<(u8, String)> {
        outline(body, 1)
            .into_iter()
            .map(|h| (h.level(), h.text().to_string()))
            .collect()
    }

    #[test]
    fn a_heading_keeps_its_text_and_anchor_in_40_bytes() {
        assert!(std::mem::size_of::<Heading>() <= 40);
        for (text, anchor) in [
            ("Setup", "setup"),
            ("Setup", "setup-3"),
            ("Setup", "setup-03"),
            ("Setup", "setup-0"),
            ("Setup", "install"),
            ("Setup", ""),
            ("", ""),
            ("", "-1"),
            ("", "x"),
            (
                "Ünïcode Ελληνικά and a long title past 24 bytes",
                "ünïcode-ελληνικά-and-a-long-title-past-24-bytes-2",
            ),
            ("a\0b", "ab"),
        ] {
            let h = Heading::new(2, text, anchor, 7, 99);
            assert_eq!(h.text(), text.replace('\0', "\u{fffd}"));
            assert_eq!(h.anchor(), anchor);
            assert_eq!((h.level(), h.line(), h.offset()), (2, 7, 99));
        }
    }

    #[test]
    fn explicit_ids_come_back_as_written() {
        let heads = outline("# A {#a-01}\n# A {#A}\n# B {#b}\n# B\n", 1);
        let got: Vec<String> = heads.iter().map(|h| h.anchor().into_string()).collect();
        assert_eq!(got, ["a-01", "A", "b", "b-1"]);
        assert_eq!(heads[0].text(), "A");
    }

    #[test]
    fn headings_inside_footnotes_are_not_sections() {
        let body = "# A\n\nintro[^1]\n\n[^1]: # In a note\n\n## B\n\ntext\n";
        assert_eq!(texts(body), [(1, "A".to_string()), (2, "B".to_string())]);
    }

    fn one(level: u8, text: &str) -> Vec<(u8, String)> {
        vec![(level, text.to_string())]
    }

    #[test]
    fn atx_and_setext_headings() {
        let body = "# One\n\nTwo\n===\n\nThree\n---\n\n###### Six ######\n\n####### seven\n";
        assert_eq!(
            texts(body),
            vec![
                (1, "One".to_string()),
                (1, "Two".to_string()),
                (2, "Three".to_string()),
                (6, "Six".to_string()),
            ]
        );
    }

    #[test]
    fn hashes_in_code_and_html_are_not_headings() {
        let body = "```sh\n# a comment\n```\n\n    # indented\n\n<div>\n# in html\n</div>\n\n~~~\n## tilde\n~~~\n";
        assert!(texts(body).is_empty(), "{:?}", texts(body));
    }

    #[test]
    fn inline_markup_becomes_plain_text() {
        assert_eq!(
            texts("# *Emph* and **strong** `code()`"),
            one(1, "Emph and strong code()")
        );
        assert_eq!(
            texts("## A ![alt text](x.png) image"),
            one(2, "A alt text image")
        );
        assert_eq!(
            texts("## Tom &amp; Jerry &copy; &#35;"),
            one(2, "Tom & Jerry © #")
        );
        assert_eq!(
            texts("## A <b>bold</b> <span class=x>move</span>"),
            one(2, "A bold move")
        );
        assert_eq!(
            texts("## [A link](http://x) ~~gone~~"),
            one(2, "A link gone")
        );
        assert_eq!(texts("Two\\\nlines  \nhere\n==="), one(1, "Two lines here"));
    }

    #[test]
    fn footnote_markers_are_not_part_of_the_text() {
        let body = "## Sources[^1] and notes\n\n[^1]: A footnote.\n";
        assert_eq!(texts(body), one(2, "Sources and notes"));
    }

    #[test]
    fn duplicate_headings_get_numbered_anchors() {
        let anchors: Vec<String> = outline("# Intro\n## Intro\n## Intro\n# Intro-1\n", 1)
            .into_iter()
            .map(|h| h.anchor().into_string())
            .collect();
        assert_eq!(anchors, ["intro", "intro-1", "intro-2", "intro-1-1"]);
    }

    #[test]
    fn explicit_ids_are_kept_and_reserved() {
        let heads = outline(
            "## Comments {#how-comments}\n## How comments\n## How Comments\n",
            1,
        );
        let got: Vec<(String, String)> = heads
            .iter()
            .map(|h| (h.text().to_string(), h.anchor().to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("Comments", "how-comments"),
                ("How comments", "how-comments-1"),
                ("How Comments", "how-comments-2"),
            ]
            .map(|(t, a)| (t.to_string(), a.to_string()))
        );
    }

    #[test]
    fn slugs_drop_punctuation_and_keep_letters() {
        assert_eq!(
            slugify("Why Linux will play a critical role?"),
            "why-linux-will-play-a-critical-role"
        );
        assert_eq!(
            slugify("C++ & Rust: 2024_edition -- now"),
            "c--rust-2024_edition----now"
        );
        assert_eq!(slugify("Ελληνικά Übung 日本語"), "ελληνικά-übung-日本語");
        assert_eq!(slugify("🎉 Party"), "-party");
    }

    #[test]
    fn lines_count_from_the_body_start() {
        let body = "intro\n\n# A\n\ntext\n\nB\n---\n\n> ## Quoted\n";
        let lines: Vec<usize> = outline(body, 5).into_iter().map(|h| h.line()).collect();
        assert_eq!(lines, [7, 11, 14]);
    }

    #[test]
    fn offsets_point_at_the_heading() {
        let body = "para\n\n## Here\n";
        let heads = outline(body, 1);
        assert_eq!(heads[0].offset(), 6);
        assert!(body[heads[0].offset()..].starts_with("## Here"));
    }

    #[test]
    fn empty_body_has_no_headings() {
        assert!(outline("", 1).is_empty());
        assert_eq!(texts("#"), one(1, ""));
    }

    #[test]
    fn closing_sequences_next_to_tabs_are_dropped_as_commonmark_says() {
        // pulldown-cmark 0.13 keeps `\t#` as text in each of these.
        for (markdown, want) in [
            ("# foo\t#\n", "foo"),
            ("# foo\t#\t\n", "foo"),
            ("## foo #\t\n", "foo"),
            ("#\tfoo\t#\t\n", "foo"),
            ("# foo \t#\n", "foo"),
            ("# foo\t##  \n", "foo"),
            ("# #\t\n", ""),
            ("#\t##\n", ""),
            ("# foo \\#\t#\n", "foo #"),
            ("# `#`\t#\n", "#"),
            ("# *x*\t#\n", "x"),
            ("> # foo\t#\n", "foo"),
            ("- ## foo\t##\n", "foo"),
            ("   # foo\t#\n", "foo"),
        ] {
            let heads = outline_with(markdown, 1, Options::empty());
            assert_eq!(heads.len(), 1, "{markdown:?}");
            assert_eq!(heads[0].text(), want, "{markdown:?}");
        }
    }

    #[test]
    fn hashes_that_are_not_a_closing_sequence_stay() {
        for (markdown, want) in [
            ("### foo\t###\tb\n", "foo\t###\tb"),
            ("# foo\t# #\n", "foo\t#"),
            ("# foo#\n", "foo#"),
            ("# foo \\#\n", "foo #"),
            ("# a &#35;\t\n", "a #"),
        ] {
            let heads = outline_with(markdown, 1, Options::empty());
            assert_eq!(heads[0].text(), want, "{markdown:?}");
        }
        // A setext heading's first line is never an ATX line.
        let heads = outline_with("#5\t#\n===\n", 1, Options::empty());
        assert_eq!(heads[0].text(), "#5\t#");
    }

    #[test]
    fn pure_commonmark_keeps_attribute_text() {
        let heads = outline_with("## Comments {#how}\n", 1, Options::empty());
        assert_eq!(heads[0].text(), "Comments {#how}");
        assert_eq!(heads[0].anchor(), "comments-how");
    }
}
