//! What a line of markdown can be, read from the line alone: blank, an ATX
//! heading, a setext underline, a list item and its marker, a table row,
//! the start of a footnote's definition, plain text; and the lines of a text.

use super::cuts::{fence_of, html_of};

/// The lines of a text with their line endings, found with `memchr` (a
/// heading flood is millions of one-byte lines).
pub(super) struct Lines<'a>(pub(super) &'a str);

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.0.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', self.0.as_bytes()).map_or(self.0.len(), |at| at + 1);
        // Just after a `\n`, or the end: a character boundary.
        let (line, rest) = self.0.split_at(end);
        self.0 = rest;
        Some(line)
    }
}

/// A row that goes on with a table: not blank, no other block starting.
pub(super) fn table_row(line: &str) -> bool {
    !is_blank(line)
        && line.contains('|')
        && atx(line).is_none()
        && fence_of(line).is_none()
        && html_of(line).is_none()
        && !line.starts_with(['>', ' ', '\t'])
}

/// The cells of a table row: `|`s not escaped, less a leading and a trailing one.
pub(super) fn cells(line: &str) -> usize {
    let row = line.trim_matches([' ', '\t']);
    let bytes = row.as_bytes();
    let mut pipes = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            pipes += 1;
        }
    }
    let leading = usize::from(row.starts_with('|'));
    let trailing = usize::from(row.len() > 1 && row.ends_with('|') && !row.ends_with("\\|"));
    (pipes + 1).saturating_sub(leading + trailing)
}

/// A delimiter row of `columns` cells (`| :-- | --: |`).
pub(super) fn delimiter_row(line: &str, columns: usize) -> bool {
    let row = line.trim_matches([' ', '\t']);
    if row.is_empty() || !row.contains('-') {
        return false;
    }
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    let parts: Vec<&str> = row.split('|').collect();
    parts.len() == columns
        && parts.iter().all(|cell| {
            let cell = cell.trim_matches([' ', '\t']);
            let cell = cell.strip_prefix(':').unwrap_or(cell);
            let cell = cell.strip_suffix(':').unwrap_or(cell);
            !cell.is_empty() && cell.bytes().all(|b| b == b'-')
        })
}

/// An unindented `[^label]:` that starts a footnote's definition.
pub(super) fn footnote_start(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("[^") else {
        return false;
    };
    let Some(close) = rest.find("]:") else {
        return false;
    };
    close > 0 && !rest[..close].contains(['[', ']', ' ', '\t'])
}

pub(super) fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ' || b == b'\t')
}

/// The count of leading spaces (a tab counts 4) and the rest.
pub(super) fn indent_of(line: &str) -> (usize, &str) {
    let mut width = 0;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b' ' => width += 1,
            b'\t' => width += 4,
            _ => return (width, &line[i..]),
        }
    }
    (width, "")
}

/// The indent of an ATX heading line.
pub(super) fn atx(line: &str) -> Option<usize> {
    let (indent, rest) = indent_of(line);
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    let after = rest.as_bytes().get(hashes);
    (indent <= 3 && (1..=6).contains(&hashes) && matches!(after, None | Some(b' ' | b'\t')))
        .then_some(indent)
}

/// `===` or `---` (up to 3 spaces before, blanks after).
pub(super) fn setext_underline(line: &str) -> bool {
    let (indent, rest) = indent_of(line);
    let rest = rest.trim_end_matches([' ', '\t']);
    indent <= 3
        && !rest.is_empty()
        && (rest.bytes().all(|b| b == b'=') || rest.bytes().all(|b| b == b'-'))
}

/// An unindented line that starts a paragraph of plain text: a letter, a
/// digit that is not a list number, or another character that starts no block.
pub(super) fn plain_start(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        return !matches!(line.as_bytes().get(digits), Some(b'.' | b')'));
    }
    first.is_alphabetic() || (!first.is_ascii() && !first.is_whitespace()) || "(\"'".contains(first)
}

/// A line that starts with a list marker (`-`, `*`, `+`, or up to nine
/// digits and `.` or `)`), followed by a blank or nothing.
pub(super) fn list_item(line: &str) -> bool {
    let bytes = line.as_bytes();
    let marker = match bytes.first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(b) if b.is_ascii_digit() => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return false;
            }
            digits + 1
        }
        _ => return false,
    };
    matches!(bytes.get(marker), None | Some(b' ' | b'\t'))
}

/// An item's marker (`-`, `*`, `+`, or the `.` or `)` after a number) and
/// whether the item may interrupt a paragraph (it has text, and a number
/// item starts at 1), for a line that starts a list item.
pub(super) fn item_marker(line: &str) -> Option<(u8, bool)> {
    if !list_item(line) {
        return None;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = line.as_bytes().get(digits).copied()?;
    let has_text = !is_blank(&line[digits + 1..]);
    let starts_at_one = digits == 0 || line[..digits].trim_start_matches('0') == "1";
    Some((marker, has_text && starts_at_one))
}

/// A line that, inside a paragraph, is more of it (lazy text with some
/// indent and no block marker).
pub(super) fn continues_paragraph(line: &str) -> bool {
    let (indent, rest) = indent_of(line);
    indent > 0 && plain_start(rest)
}
