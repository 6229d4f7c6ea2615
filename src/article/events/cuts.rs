//! Where a large body may be cut into pieces: a scan of its lines that
//! keeps track of what CommonMark leaves open (fences, HTML blocks, a
//! paragraph, a table, a definition list), and the body's definitions.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use super::lines::{
    Lines, atx, cells, continues_paragraph, delimiter_row, footnote_start, indent_of, is_blank,
    item_marker, list_item, plain_start, setext_underline, table_row,
};
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

/// The key a label is known by (a 64-bit hash: a flood of labels keeps
/// eight bytes each).
pub fn label_key(label: &str) -> u64 {
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

#[cfg(test)]
#[path = "cuts_tests.rs"]
mod tests;
