//! Matches of a query in a laid-out [`Document`](crate::layout::Document).
//!
//! Smart case: a query with no uppercase letter matches any case. Matching is
//! per line (a phrase broken across two wrapped lines is not found), and
//! allocates nothing per line, so a 5 MB document is searched in one pass.

use crate::layout::Document;

/// One match: a document line and a byte range in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    /// The line index in the document.
    pub line: usize,
    /// Byte offset of the match in the line's text.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
}

/// True when `query` should match regardless of case: it has no uppercase letter.
pub fn ignores_case(query: &str) -> bool {
    !query.chars().any(char::is_uppercase)
}

/// Every non-overlapping match of `query` in `doc`, in document order.
pub fn find(doc: &Document, query: &str) -> Vec<Match> {
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    let matcher = Matcher::new(query);
    for line in doc.lines(0, doc.len()) {
        matcher.find_in(line.text(), |start, end| {
            out.push(Match {
                line: line.index(),
                start,
                end,
            });
        });
    }
    out
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

    fn doc(lines: &[&str]) -> Document {
        let mut b = DocumentBuilder::new(80);
        for l in lines {
            b.push(l, Style::of(Role::Text));
            b.end_line();
        }
        b.finish()
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
