//! Matches of a query in a laid-out [`Document`](crate::layout::Document).
//!
//! Smart case: a query with no uppercase letter matches any case. Matching
//! runs over the text of each block (its wrapped lines joined by one space,
//! runs of spaces as one, list bullets, quote bars and borders left out), so
//! a phrase broken by wrapping is found at every width; each match is
//! reported as one piece per line it covers, all with the same `hit`.

use crate::layout::{Document, Line, Role};

/// One piece of a match: a document line and a byte range in its text. A
/// match spread over two lines is two pieces with the same `hit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    /// The line index in the document.
    pub line: usize,
    /// Byte offset of the piece in the line's text.
    pub start: usize,
    /// Byte offset just past the piece.
    pub end: usize,
    /// Which match this is a piece of: 0 for the first match in the document.
    pub hit: usize,
}

/// True when `query` should match regardless of case: it has no uppercase letter.
pub fn ignores_case(query: &str) -> bool {
    !query.chars().any(char::is_uppercase)
}

/// Every non-overlapping match of `query` in `doc`, in document order, as
/// pieces (see [`Match`]). Spaces in the query match any run of spaces or a
/// line break inside a block.
pub fn find(doc: &Document, query: &str) -> Vec<Match> {
    let mut out = Vec::new();
    let query = collapse_spaces(query);
    if query.is_empty() {
        return out;
    }
    let matcher = Matcher::new(&query);
    let mut block = Block::default();
    let mut hit = 0usize;
    let mut i = 0usize;
    while let Some(first) = doc.line(i) {
        block.clear();
        let source = first.source();
        let mut next = i;
        while let Some(line) = doc.line(next).filter(|l| l.source() == source) {
            block.push_line(line);
            next += 1;
        }
        let Block { text, segments, .. } = &block;
        matcher.find_in(text, |start, end| {
            if pieces(segments, start, end, hit, &mut out) {
                hit += 1;
            }
        });
        i = next.max(i + 1);
    }
    out
}

/// The number of whole matches among `pieces`.
pub fn count_hits(pieces: &[Match]) -> usize {
    pieces.last().map_or(0, |m| m.hit + 1)
}

/// `query` with each run of spaces made one space.
fn collapse_spaces(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    for c in query.chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

/// A stretch of block text copied unchanged from one line.
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Byte offset in the block text.
    at: usize,
    /// The document line.
    line: usize,
    /// Byte offset in the line's text.
    col: usize,
    /// Length in bytes.
    len: usize,
}

/// The searchable text of one block and where each part of it came from.
#[derive(Debug, Default)]
struct Block {
    text: String,
    segments: Vec<Segment>,
    /// The open segment can grow (the last byte pushed was copied).
    open: bool,
}

impl Block {
    fn clear(&mut self) {
        self.text.clear();
        self.segments.clear();
        self.open = false;
    }

    /// A space that stands for a line break or a left-out mark.
    fn gap(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        self.open = false;
    }

    fn push_line(&mut self, line: Line<'_>) {
        self.gap();
        let mut col = 0usize;
        for (text, style) in line.spans() {
            if is_mark(style.role) {
                self.gap();
            } else {
                self.push_text(line.index(), col, text);
            }
            col += text.len();
        }
    }

    fn push_text(&mut self, line: usize, col: usize, text: &str) {
        for (k, c) in text.char_indices() {
            if c == ' ' && (self.text.is_empty() || self.text.ends_with(' ')) {
                self.open = false;
                continue;
            }
            let at = self.text.len();
            self.text.push(c);
            let len = c.len_utf8();
            match self.segments.last_mut() {
                Some(s) if self.open && s.line == line && s.col + s.len == col + k => s.len += len,
                _ => self.segments.push(Segment {
                    at,
                    line,
                    col: col + k,
                    len,
                }),
            }
            self.open = true;
        }
    }
}

/// Marks that are layout, not text: left out of what a search sees.
fn is_mark(role: Role) -> bool {
    matches!(
        role,
        Role::ListMarker
            | Role::QuoteBar
            | Role::HeadingMark
            | Role::CodeFrame
            | Role::TableBorder
            | Role::Rule
    )
}

/// Pushes the pieces of the block-text match `start..end`, one per line;
/// false when it covers no copied text.
fn pieces(
    segments: &[Segment],
    start: usize,
    end: usize,
    hit: usize,
    out: &mut Vec<Match>,
) -> bool {
    let before = out.len();
    let first = segments.partition_point(|s| s.at + s.len <= start);
    for s in &segments[first..] {
        if s.at >= end {
            break;
        }
        let from = s.col + start.max(s.at) - s.at;
        let to = s.col + end.min(s.at + s.len) - s.at;
        let mine = out.len() > before;
        match out.last_mut() {
            Some(m) if mine && m.line == s.line => m.end = to,
            _ => out.push(Match {
                line: s.line,
                start: from,
                end: to,
                hit,
            }),
        }
    }
    out.len() > before
}

/// A compiled query.
enum Matcher {
    /// Exact bytes.
    Exact(Vec<u8>),
    /// An ASCII query matched without case: a byte compare with ASCII
    /// folding, which never matches inside a multi-byte character.
    AsciiFold(Vec<u8>),
    /// Any other case-insensitive query: compared character by character,
    /// each folded to its simple lowercase.
    Fold(Vec<char>),
}

impl Matcher {
    fn new(query: &str) -> Matcher {
        if !ignores_case(query) {
            Matcher::Exact(query.as_bytes().to_vec())
        } else if query.is_ascii() {
            Matcher::AsciiFold(query.to_ascii_lowercase().into_bytes())
        } else {
            Matcher::Fold(query.chars().map(fold).collect())
        }
    }

    fn find_in(&self, text: &str, mut found: impl FnMut(usize, usize)) {
        match self {
            Matcher::Exact(q) => bytes_find(text.as_bytes(), q, |b| b, &mut found),
            Matcher::AsciiFold(q) => {
                bytes_find(text.as_bytes(), q, |b| b.to_ascii_lowercase(), &mut found)
            }
            Matcher::Fold(q) => fold_find(text, q, &mut found),
        }
    }
}

/// Non-overlapping occurrences of `needle` in `hay`, where `fold` maps a
/// byte of `hay` before comparing it with the (already folded) needle.
fn bytes_find(
    hay: &[u8],
    needle: &[u8],
    fold: impl Fn(u8) -> u8,
    found: &mut impl FnMut(usize, usize),
) {
    let n = needle.len();
    let Some(&first) = needle.first() else {
        return;
    };
    let mut i = 0;
    while i + n <= hay.len() {
        // Skip quickly to the next byte that could start a match.
        let Some(skip) = hay[i..=hay.len() - n]
            .iter()
            .position(|&b| fold(b) == first)
        else {
            return;
        };
        i += skip;
        if hay[i + 1..i + n]
            .iter()
            .zip(&needle[1..])
            .all(|(&a, &b)| fold(a) == b)
        {
            found(i, i + n);
            i += n;
        } else {
            i += 1;
        }
    }
}

/// The simple lowercase of `c` (itself when lowercasing would give several characters).
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Non-overlapping case-folded occurrences of `needle` in `text`.
fn fold_find(text: &str, needle: &[char], found: &mut impl FnMut(usize, usize)) {
    let Some(&first) = needle.first() else {
        return;
    };
    // ASCII folds to ASCII: a needle with other characters cannot match an
    // ASCII line, which most lines are.
    if text.is_ascii() && !needle.iter().all(char::is_ascii) {
        return;
    }
    let mut rest = text.char_indices();
    while let Some((start, c)) = rest.next() {
        if fold(c) != first {
            continue;
        }
        let mut probe = rest.clone();
        let mut end = start + c.len_utf8();
        let mut ok = true;
        for &want in &needle[1..] {
            match probe.next() {
                Some((at, got)) if fold(got) == want => end = at + got.len_utf8(),
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            found(start, end);
            rest = probe;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{DocumentBuilder, Role, Style};

    /// One block per line.
    fn doc(lines: &[&str]) -> Document {
        let mut b = DocumentBuilder::new(80);
        for (k, l) in lines.iter().enumerate() {
            b.set_source(k * 100);
            b.push(l, Style::of(Role::Text));
            b.end_line();
        }
        b.finish()
    }

    /// One block of wrapped lines, each piece `(text, role)`.
    fn block(lines: &[&[(&str, Role)]]) -> Document {
        let mut b = DocumentBuilder::new(80);
        for pieces in lines {
            for (text, role) in *pieces {
                b.push(text, Style::of(*role));
            }
            b.end_line();
        }
        b.finish()
    }

    fn pieces(d: &Document, q: &str) -> Vec<(usize, usize, usize, usize)> {
        find(d, q)
            .into_iter()
            .map(|m| (m.hit, m.line, m.start, m.end))
            .collect()
    }

    #[test]
    fn a_phrase_wrapped_over_two_lines_is_one_match_in_two_pieces() {
        let d = block(&[
            &[("We like Open Source", Role::Text)],
            &[("Software a lot.", Role::Text)],
        ]);
        assert_eq!(
            pieces(&d, "open source software"),
            vec![(0, 0, 8, 19), (0, 1, 0, 8)]
        );
        assert_eq!(count_hits(&find(&d, "open source software")), 1);
    }

    #[test]
    fn indents_and_marks_of_a_wrapped_item_are_skipped() {
        let d = block(&[
            &[("• ", Role::ListMarker), ("free as in", Role::Text)],
            &[("  ", Role::Text), ("freedom", Role::Text)],
        ]);
        assert_eq!(pieces(&d, "in freedom"), vec![(0, 0, 12, 14), (0, 1, 2, 9)]);
        let q = block(&[
            &[("│ ", Role::QuoteBar), ("quoted", Role::Text)],
            &[("│ ", Role::QuoteBar), ("words", Role::Text)],
        ]);
        assert_eq!(
            pieces(&q, "quoted words"),
            vec![(0, 0, 4, 10), (0, 1, 4, 9)]
        );
    }

    #[test]
    fn separate_blocks_do_not_join() {
        let d = doc(&["the end", "of it"]);
        assert!(find(&d, "end of").is_empty());
    }

    #[test]
    fn runs_of_spaces_match_one_space() {
        let d = doc(&["a  wide   gap"]);
        assert_eq!(pieces(&d, "wide gap"), vec![(0, 0, 3, 13)]);
        assert_eq!(pieces(&d, "wide  gap"), vec![(0, 0, 3, 13)]);
    }

    #[test]
    fn hits_count_whole_matches() {
        let d = doc(&["x x", "x"]);
        assert_eq!(
            pieces(&d, "x"),
            vec![(0, 0, 0, 1), (1, 0, 2, 3), (2, 1, 0, 1)]
        );
    }

    fn found(d: &Document, q: &str) -> Vec<(usize, usize, usize)> {
        find(d, q)
            .into_iter()
            .map(|m| (m.line, m.start, m.end))
            .collect()
    }

    #[test]
    fn lowercase_query_ignores_case() {
        let d = doc(&["Linux and linux", "LINUX"]);
        assert_eq!(found(&d, "linux"), vec![(0, 0, 5), (0, 10, 15), (1, 0, 5)]);
    }

    #[test]
    fn uppercase_in_query_means_exact_case() {
        let d = doc(&["Linux and linux", "LINUX"]);
        assert_eq!(found(&d, "Linux"), vec![(0, 0, 5)]);
    }

    #[test]
    fn matches_do_not_overlap() {
        let d = doc(&["aaaa"]);
        assert_eq!(found(&d, "aa"), vec![(0, 0, 2), (0, 2, 4)]);
    }

    #[test]
    fn non_ascii_query_folds_and_keeps_byte_ranges() {
        let d = doc(&["Über die Brücke, über alles"]);
        let m = found(&d, "über");
        assert_eq!(m.len(), 2);
        let text = "Über die Brücke, über alles";
        assert_eq!(&text[m[0].1..m[0].2], "Über");
        assert_eq!(&text[m[1].1..m[1].2], "über");
    }

    #[test]
    fn ascii_query_never_splits_a_character() {
        let d = doc(&["éa ä a"]);
        for m in find(&d, "a") {
            let text = "éa ä a";
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        assert_eq!(find(&d, "a").len(), 2);
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(find(&doc(&["abc"]), "").is_empty());
    }
}
