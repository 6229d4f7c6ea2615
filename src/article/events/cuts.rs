//! Where a large body may be cut into pieces: a scan of its lines that
//! keeps track of what CommonMark leaves open (fences, HTML blocks, a
//! paragraph, a table, a definition list), and the body's definitions.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use super::lists::Lists;
use super::long::{LONG_PARAGRAPH_BYTES, LongParagraphs, paragraph_start};

/// Where a piece starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cut {
    pub(super) at: usize,
    /// For a piece that goes on with a table: the table's header and
    /// delimiter rows, parsed before the piece and left out of its events.
    pub(super) table_head: Option<Range<usize>>,
    /// The piece is a long paragraph, given as plain text (see [`super::long`]).
    pub(super) plain: bool,
    /// Given as plain text, each line on its own (a table too long to parse).
    pub(super) rows: bool,
    /// The piece goes on with the top-level list of the piece before (see
    /// [`super::lists`]).
    pub(super) list_goes_on: bool,
}

/// Where a body may be cut, and its definitions.
pub(super) struct Scan {
    pub(super) cuts: Vec<Cut>,
    pub(super) tail: String,
    /// The labels of the body's footnotes, by [`label_key`]: a piece is
    /// parsed with a stub of each one it refers to.
    pub(super) footnotes: HashSet<u64>,
}

/// What the lines read so far leave open, as far as cutting cares.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Open {
    /// Nothing: the next unindented line starts at the top level.
    Clean,
    /// A paragraph that started at the top level.
    Paragraph,
    /// Something else (a quote, a list, a table, indented code..).
    Other,
    /// A fenced code block opened by `len` of `fence`.
    Fence { fence: u8, len: usize },
    /// An HTML block that ends at a line holding `end`.
    Html { end: &'static str },
    /// An HTML block that ends at a blank line.
    HtmlToBlank,
    /// A top-level table whose header and delimiter rows are at `head`.
    Table { head: (usize, usize) },
}

pub(super) fn scan(body: &str, piece: usize) -> Scan {
    let mut cuts = Vec::new();
    let mut tail = String::new();
    let mut open = Open::Clean;
    let mut after_blank = true;
    // Whether the last line that was not blank belonged to a list (its
    // item's line or an indented line after one).
    let mut in_list = false;
    let mut last_cut = 0usize;
    let mut at = 0usize;
    let mut lines = Lines(body).peekable();
    // The header row of a table just begun, until its delimiter row passes.
    let mut header: Option<usize> = None;
    // A definition list may be open (they go on past blank lines and
    // unindented paragraphs): only a heading cuts it.
    let mut definitions = false;
    let mut long = LongParagraphs::default();
    // The marker of the top-level list the last unindented line was an
    // item of (`-`, `*`, `+`, or `.` or `)` after a number).
    let mut list_marker: Option<u8> = None;
    let mut lists = Lists::default();
    // The labels of the definitions in the tail.
    let mut defined = HashSet::new();
    let mut footnotes = HashSet::new();
    // A table that began at the top level: where, and whether a line of it
    // is too long to parse.
    let mut long_table: Option<(usize, bool)> = None;
    while let Some(raw) = lines.next() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let next = lines.peek().copied().unwrap_or("");
        let fresh = open == Open::Clean && !in_list && !definitions && header.is_none();
        let top = matches!(open, Open::Clean | Open::Paragraph | Open::Other)
            && !definitions
            && header.is_none();
        for place in lists.line(at, line, top, after_blank, last_cut, piece) {
            cuts.push(Cut {
                at: place,
                table_head: None,
                plain: false,
                rows: false,
                list_goes_on: true,
            });
            last_cut = place;
        }
        if let Some(paragraph) = long.line(at, line, next, fresh) {
            cut_out(&mut cuts, paragraph.clone(), false);
            last_cut = paragraph.end;
        }
        if let Some((start, long)) = &mut long_table {
            if header.is_some() || (matches!(open, Open::Table { .. }) && table_row(line)) {
                *long |= line.len() >= LONG_PARAGRAPH_BYTES;
            } else {
                if *long && is_blank(line) {
                    cut_out(&mut cuts, *start..at, true);
                    last_cut = at;
                }
                long_table = None;
            }
        }
        let grown = at - last_cut;
        if grown >= piece {
            let cut = match open {
                Open::Table { head } if table_row(line) => Some(Cut {
                    at,
                    table_head: Some(head.0..head.1),
                    plain: false,
                    rows: false,
                    list_goes_on: false,
                }),
                _ if header.is_none()
                    && (!definitions || atx(line) == Some(0))
                    && cut_before(open, after_blank, in_list, line, next) =>
                {
                    Some(Cut {
                        at,
                        table_head: None,
                        plain: false,
                        rows: false,
                        list_goes_on: false,
                    })
                }
                Open::Clean | Open::Paragraph | Open::Other
                    if header.is_none()
                        && !definitions
                        && starts_another_list(list_marker, after_blank, line) =>
                {
                    Some(Cut {
                        at,
                        table_head: None,
                        plain: false,
                        rows: false,
                        list_goes_on: false,
                    })
                }
                _ => None,
            };
            if let Some(cut) = cut {
                cuts.push(cut);
                last_cut = at;
            }
        }
        if line.trim_start_matches(' ').starts_with(':') {
            definitions = true;
        } else if atx(line) == Some(0) {
            definitions = false;
        }
        // A definition cannot interrupt a paragraph.
        if matches!(open, Open::Clean | Open::Other) {
            definition(line, &mut tail, &mut defined, &mut footnotes);
        }
        after_blank = is_blank(line) && !matches!(open, Open::Fence { .. } | Open::Html { .. });
        if !is_blank(line) {
            in_list = list_item(line) || (in_list && line.starts_with([' ', '\t']));
            if !line.starts_with([' ', '\t']) {
                list_marker = item_marker(line).map(|(marker, _)| marker);
            }
        }
        open = match header.take() {
            // The delimiter row after a header row at the top level.
            Some(start) => Open::Table {
                head: (start, at + raw.len()),
            },
            None => {
                let was = open;
                let open = step(open, line);
                if was == Open::Clean
                    && table_row(line)
                    && delimiter_row(next.trim_end_matches(['\n', '\r']), cells(line))
                {
                    header = Some(at);
                    if fresh {
                        long_table = Some((at, line.len() >= LONG_PARAGRAPH_BYTES));
                    }
                }
                open
            }
        };
        at += raw.len();
    }
    for place in lists.finish() {
        cuts.push(Cut {
            at: place,
            table_head: None,
            plain: false,
            rows: false,
            list_goes_on: true,
        });
    }
    if let Some(paragraph) = long.finish(body.len()) {
        cut_out(&mut cuts, paragraph, false);
    }
    if let Some((start, true)) = long_table {
        cut_out(&mut cuts, start..body.len(), true);
    }
    Scan {
        cuts,
        tail,
        footnotes,
    }
}

/// Cuts out `paragraph`, a long one (or a long table, as `rows`), as a
/// piece of its own; cuts made inside it are taken back.
fn cut_out(cuts: &mut Vec<Cut>, paragraph: Range<usize>, rows: bool) {
    while cuts.last().is_some_and(|cut| cut.at > paragraph.start) {
        cuts.pop();
    }
    match cuts.last_mut() {
        Some(last) if last.at == paragraph.start => {
            last.plain = true;
            last.rows = rows;
        }
        _ => cuts.push(Cut {
            at: paragraph.start,
            table_head: None,
            plain: true,
            rows,
            list_goes_on: false,
        }),
    }
    cuts.push(Cut {
        at: paragraph.end,
        table_head: None,
        plain: false,
        rows: false,
        list_goes_on: false,
    });
}

/// The lines of a text with their line endings, found with `memchr` (a
/// heading flood is millions of one-byte lines).
struct Lines<'a>(&'a str);

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
fn table_row(line: &str) -> bool {
    !is_blank(line)
        && line.contains('|')
        && atx(line).is_none()
        && fence_of(line).is_none()
        && html_of(line).is_none()
        && !line.starts_with(['>', ' ', '\t'])
}

/// The cells of a table row: `|`s not escaped, less a leading and a trailing one.
fn cells(line: &str) -> usize {
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

/// True when a piece may start at `line` (followed by `next`) after what
/// is `open`.
fn cut_before(open: Open, after_blank: bool, in_list: bool, line: &str, next: &str) -> bool {
    match open {
        Open::Clean | Open::Paragraph | Open::Other if atx(line) == Some(0) => true,
        // A footnote's definition starts afresh, even right after text,
        // outside a list.
        Open::Clean | Open::Paragraph | Open::Other if !in_list && footnote_start(line) => {
            !next.starts_with(':')
        }
        // After a blank line after a list, text or a quote (the list's end
        // can take the blank line in or not).
        Open::Clean if after_blank && in_list => {
            (plain_start(line) || line.starts_with('>')) && !next.starts_with(':')
        }
        // After a blank line, an unindented line starts a block afresh
        // unless it is a list item (which could go on with a list above), a
        // definition list's term or definition, or a link definition (kept whole with
        // what comes before: only its first line is known to the tail).
        Open::Clean if after_blank => {
            !line.starts_with([' ', '\t', '[', ':'])
                && !is_blank(line)
                && !list_item(line)
                && !next.starts_with(':')
        }
        // Right after a heading (a setext one closes a top-level
        // paragraph): nothing is open, any block starts afresh.
        Open::Clean => {
            !line.starts_with([' ', '\t', '[', ':']) && !is_blank(line) && !next.starts_with(':')
        }
        _ => false,
    }
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

/// What is open after `line`.
fn step(open: Open, line: &str) -> Open {
    match open {
        Open::Fence { fence, len } => {
            let (indent, rest) = indent_of(line);
            let run = rest.bytes().take_while(|&b| b == fence).count();
            if indent <= 3 && run >= len && rest[run..].trim().is_empty() {
                Open::Other
            } else {
                open
            }
        }
        Open::Html { end } => {
            if line.to_ascii_lowercase().contains(end) {
                Open::Other
            } else {
                open
            }
        }
        Open::HtmlToBlank => {
            if is_blank(line) {
                Open::Clean
            } else {
                open
            }
        }
        _ if is_blank(line) => Open::Clean,
        Open::Table { .. } if table_row(line) => open,
        _ => {
            if let Some(fenced) = fence_of(line) {
                return fenced;
            }
            if let Some(html) = html_of(line) {
                return html;
            }
            if let Some(indent) = atx(line) {
                return if indent == 0 {
                    Open::Clean
                } else {
                    Open::Other
                };
            }
            match open {
                Open::Paragraph if setext_underline(line) => Open::Clean,
                Open::Paragraph if plain_start(line) || continues_paragraph(line) => {
                    Open::Paragraph
                }
                Open::Clean if plain_start(line) || paragraph_start(line) => Open::Paragraph,
                _ => Open::Other,
            }
        }
    }
}

/// Records a link reference definition (the whole line, in `tail`) or a
/// footnote's label (in `footnotes`) that `line` starts; a link label
/// defined before (by its key, in `seen`) is left out: the first counts.
fn definition(
    line: &str,
    tail: &mut String,
    seen: &mut HashSet<u64>,
    footnotes: &mut HashSet<u64>,
) {
    let (indent, rest) = indent_of(line);
    if indent > 3 || !rest.starts_with('[') {
        return;
    }
    let Some(close) = rest.find("]:") else {
        return;
    };
    let label = &rest[1..close];
    if label.is_empty() || label.contains('[') {
        return;
    }
    if let Some(note) = label.strip_prefix('^') {
        footnotes.insert(label_key(&note.to_lowercase()));
        return;
    }
    if !seen.insert(label_key(label)) {
        return;
    }
    tail.push_str("\n\n");
    tail.push_str(rest);
}

/// The key a label is known by.
pub(super) fn label_key(label: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    label.hash(&mut hasher);
    hasher.finish()
}

/// Stubs (`[^label]: .`) of the footnotes among `footnotes` that `piece`
/// refers to, each once, to parse the piece with.
pub(super) fn footnote_stubs(piece: &str, footnotes: &HashSet<u64>) -> String {
    let mut stubs = String::new();
    if footnotes.is_empty() {
        return stubs;
    }
    let mut given = HashSet::new();
    let bytes = piece.as_bytes();
    for at in memchr::memmem::find_iter(bytes, b"[^") {
        let rest = &piece[at + 2..];
        let Some(close) = rest.find(|c: char| c == ']' || c == '[' || c.is_whitespace()) else {
            continue;
        };
        let label = &rest[..close];
        if close == 0 || !rest[close..].starts_with(']') {
            continue;
        }
        // Footnote labels match whatever their case.
        let key = label_key(&label.to_lowercase());
        if footnotes.contains(&key) && given.insert(key) {
            stubs.push_str("\n\n[^");
            stubs.push_str(label);
            stubs.push_str("]: .");
        }
    }
    stubs
}

pub(super) fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ' || b == b'\t')
}

/// The count of leading spaces (a tab counts 4) and the rest.
fn indent_of(line: &str) -> (usize, &str) {
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

/// A fence opener's state.
pub(super) fn fence_of(line: &str) -> Option<Open> {
    let (indent, rest) = indent_of(line);
    let fence = *rest.as_bytes().first()?;
    if indent > 3 || !(fence == b'`' || fence == b'~') {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == fence).count();
    if len < 3 || (fence == b'`' && rest[len..].contains('`')) {
        return None;
    }
    Some(Open::Fence { fence, len })
}

/// An HTML block opener's state (any `<` followed by a letter, `/`, `!` or
/// `?` counts: it only stops cuts).
pub(super) fn html_of(line: &str) -> Option<Open> {
    let (indent, rest) = indent_of(line);
    if indent > 3 || !rest.starts_with('<') {
        return None;
    }
    let lower = rest.to_ascii_lowercase();
    let ends = [
        ("<script", "</script>"),
        ("<pre", "</pre>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
        ("<!--", "-->"),
        ("<?", "?>"),
        ("<![cdata[", "]]>"),
        ("<!", ">"),
    ];
    for (start, end) in ends {
        if let Some(after) = lower.strip_prefix(start) {
            return Some(if after.contains(end) {
                Open::Other
            } else {
                Open::Html { end }
            });
        }
    }
    let second = rest.as_bytes().get(1).copied().unwrap_or(b' ');
    (second.is_ascii_alphabetic() || second == b'/').then_some(Open::HtmlToBlank)
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
fn plain_start(line: &str) -> bool {
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

/// Whether `line` starts a new top-level list right after a line of a list
/// with another marker: nothing of the list above goes on past it, so a
/// piece may start there. It must be an item that may interrupt a
/// paragraph (else it is more of the item's text). After a blank line no
/// piece starts here: the item above would end in another place.
fn starts_another_list(above: Option<u8>, after_blank: bool, line: &str) -> bool {
    match (above, item_marker(line)) {
        (Some(above), Some((marker, interrupts))) => marker != above && interrupts && !after_blank,
        _ => false,
    }
}

/// A line that, inside a paragraph, is more of it (lazy text with some
/// indent and no block marker).
fn continues_paragraph(line: &str) -> bool {
    let (indent, rest) = indent_of(line);
    indent > 0 && plain_start(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    use super::super::events;

    fn cut_at(body: &str, piece: usize) -> Vec<usize> {
        scan(body, piece).cuts.into_iter().map(|c| c.at).collect()
    }

    #[test]
    fn lines_are_those_of_split_inclusive() {
        for text in ["", "\n", "a", "a\n", "a\nb", "\n\nä\r\n日本\n\n", "x\n\ny"] {
            let got: Vec<&str> = Lines(text).collect();
            let want: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn floods_of_headings_and_tables_are_cut() {
        assert_eq!(cut_at(&"# h\n".repeat(10), 8), vec![8, 16, 24, 32]);
        assert_eq!(cut_at(&"h\n=\n".repeat(10), 8), vec![8, 16, 24, 32]);
        assert!(cut_at(&"> - x\n\n".repeat(10), 10).len() >= 3);
        let table = format!("| a |\n|---|\n{}", "| x |\n".repeat(20));
        let cuts = scan(&table, 30).cuts;
        assert!(cuts.len() >= 2);
        assert!(cuts.iter().all(|c| c.table_head == Some(0..12)));
    }

    #[test]
    fn no_cut_inside_fences_html_or_definitions_and_lists_cut_between_items() {
        let fence = format!("```\n{}```\n", "# no\n\n".repeat(20));
        assert!(cut_at(&fence, 4).iter().all(|&at| at >= fence.len() - 4));
        let html = format!("<!--\n{}-->\n", "# no\n\nx\n".repeat(20));
        assert!(cut_at(&html, 4).is_empty());
        let list = "- a\n\n- b\n\n".repeat(20);
        let cuts = scan(&list, 4).cuts;
        assert!(!cuts.is_empty() && cuts.iter().all(|c| c.list_goes_on));
        assert!(cuts.iter().all(|c| list[c.at..].starts_with("- ")));
        let deflist = "T\n: d\n\nplain\n\n".repeat(20);
        assert!(cut_at(&deflist, 4).is_empty());
    }

    #[test]
    fn definitions_go_to_the_tail() {
        let body = "[a]: /x \"t\"\n\ntext [^1]\n\n[^1]: note\n";
        let found = scan(body, 1);
        let tail = found.tail;
        assert!(tail.contains("[a]: /x \"t\""), "{tail}");
        assert!(!tail.contains("note") && !tail.contains("[^1]"), "{tail}");
        assert!(found.footnotes.contains(&label_key("1")));
        let stubs = footnote_stubs("text [^1] and [^1], [^2] [^ x]", &found.footnotes);
        assert_eq!(stubs, "\n\n[^1]: .");
        let notes = scan("[^Note]: x\n", 1).footnotes;
        assert_eq!(footnote_stubs("a [^nOTE] b", &notes), "\n\n[^nOTE]: .");
        let again = "[^1]: one\n\n[^1]: two\n\n[a]: /x\n\n[a]: /y\n";
        let tail = scan(again, 1).tail;
        assert!(tail.contains("[a]: /x") && !tail.contains("/y"), "{tail}");
    }

    #[test]
    fn a_small_body_is_one_piece() {
        let body = "# a\n".repeat(100);
        let got: Vec<_> = events(&body, Options::empty()).collect();
        let whole: Vec<_> = Parser::new_ext(&body, Options::empty())
            .into_offset_iter()
            .collect();
        assert_eq!(got, whole);
    }
}
