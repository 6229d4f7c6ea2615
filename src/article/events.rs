//! The events of a body as one pulldown-cmark parse gives them, read in
//! pieces when the body is large, so that the parser's tree (about 60 bytes
//! a node, all built before the first event) never holds more than a piece.
//!
//! A large body is cut only where CommonMark starts afresh at the top
//! level whatever came before: before a level-0 ATX heading (it closes every
//! open block and is never a lazy continuation), after a setext heading of a
//! top-level paragraph, and after a blank line before an unindented line of
//! text or a quote. Never inside a fenced code block or an HTML block, never
//! before a list item (it could continue the list above) or a definition.
//! Link reference definitions and footnotes are global to a document: each
//! piece is parsed with every definition of the body after it (footnotes as
//! stubs), so that a reference resolves as it would in one parse; the
//! events of that tail are left out.

use std::ops::Range;

use pulldown_cmark::{Event, OffsetIter, Options, Parser, TagEnd};

/// Bodies up to this size are parsed whole.
pub const WHOLE_BYTES: usize = 1 << 20;

/// The size a piece of a large body grows to before it is cut.
pub const PIECE_BYTES: usize = 64 * 1024;

/// The most bytes of definitions a piece is parsed with; a body with more
/// is parsed whole.
const MAX_TAIL_BYTES: usize = 64 * 1024;

/// The events of `body` with their byte ranges in it, as
/// `Parser::new_ext(body, options).into_offset_iter()` gives them.
pub fn events(body: &str, options: Options) -> Events<'_> {
    events_in_pieces(body, options, WHOLE_BYTES, PIECE_BYTES)
}

/// [`events`], cutting a body over `whole` bytes into pieces of about
/// `piece` bytes (for tests, which try small sizes).
pub fn events_in_pieces(body: &str, options: Options, whole: usize, piece: usize) -> Events<'_> {
    let (cuts, tail) = if body.len() > whole {
        let scan = scan(body, piece.max(1));
        if scan.tail.len() > MAX_TAIL_BYTES {
            (Vec::new(), String::new())
        } else {
            (scan.cuts, scan.tail)
        }
    } else {
        (Vec::new(), String::new())
    };
    let mut events = Events {
        body,
        options,
        cuts,
        next: 0,
        tail,
        current: Current::Done,
    };
    events.open_next();
    events
}

/// The events of a body, piece by piece.
pub struct Events<'a> {
    body: &'a str,
    options: Options,
    /// Where each piece after the first starts.
    cuts: Vec<Cut>,
    /// The index in `cuts` of the piece after the current one.
    next: usize,
    /// Every definition of the body, parsed after each piece.
    tail: String,
    current: Current<'a>,
}

enum Current<'a> {
    /// A piece parsed as it is read, its ranges `base` bytes into the body.
    Lazy {
        events: Box<OffsetIter<'a>>,
        base: usize,
    },
    /// A piece parsed with a table's header before it or the definitions
    /// after it, as it is read.
    Owned(Box<Owned>),
    Done,
}

type PieceEvents<'t> = OffsetIter<'t>;

self_cell::self_cell!(
    /// A piece's own text (with a table's header or the definitions) and
    /// the parser reading it.
    struct OwnedPiece {
        owner: String,
        #[not_covariant]
        dependent: PieceEvents,
    }
);

/// A piece read from a text of its own: the events of the header before it
/// and of the definitions after it are left out, and ranges are mapped back
/// into the body.
struct Owned {
    piece: OwnedPiece,
    /// Where the piece starts in the body.
    start: usize,
    /// Where the header it was parsed with is in the body.
    head: Option<Range<usize>>,
    head_len: usize,
    /// Where the piece ends in its text (the definitions follow).
    piece_end: usize,
    /// The table open at the end goes on in the next piece: its closing
    /// event is left out.
    table_goes_on: bool,
    /// A table's closing event, held until it is known not to be the last.
    held: Option<(Event<'static>, Range<usize>)>,
    /// The event read after a held one that turned out not to be the last.
    queued: Option<(Event<'static>, Range<usize>)>,
}

impl Owned {
    fn next(&mut self) -> Option<(Event<'static>, Range<usize>)> {
        if let Some(queued) = self.queued.take() {
            return Some(queued);
        }
        loop {
            let read = self.piece.with_dependent_mut(|_, events| {
                events
                    .next()
                    .map(|(event, range)| (event.into_static(), range))
            });
            let Some((event, range)) = read else {
                // A held closing event was the piece's last: the table goes on.
                self.held = None;
                return None;
            };
            if range.start >= self.piece_end {
                // The definitions: nothing of theirs is shown.
                self.held = None;
                continue;
            }
            let closes_table = matches!(event, Event::End(TagEnd::Table));
            if range.start < self.head_len && !closes_table {
                continue;
            }
            // The closing event of a table that began in an earlier piece
            // spans it from where it began.
            let from = match &self.head {
                Some(head) if range.start < self.head_len => head.start,
                _ => range.start - self.head_len + self.start,
            };
            let to = range.end.min(self.piece_end).saturating_sub(self.head_len) + self.start;
            let item = (event, from..to.max(from));
            if self.table_goes_on && closes_table {
                if let Some(earlier) = self.held.replace(item) {
                    return Some(earlier);
                }
                continue;
            }
            if let Some(held) = self.held.take() {
                self.queued = Some(item);
                return Some(held);
            }
            return Some(item);
        }
    }
}

impl<'a> Events<'a> {
    /// Starts the next piece, or ends.
    fn open_next(&mut self) {
        if self.next > self.cuts.len() {
            self.current = Current::Done;
            return;
        }
        let (start, head) = match self.next.checked_sub(1).and_then(|i| self.cuts.get(i)) {
            Some(cut) => (cut.at, cut.table_head.clone()),
            None => (0, None),
        };
        let following = self.cuts.get(self.next);
        let end = following.map_or(self.body.len(), |cut| cut.at);
        let table_goes_on = following.is_some_and(|cut| cut.table_head.is_some());
        self.next += 1;
        let piece = &self.body[start..end];
        if self.tail.is_empty() && head.is_none() && !table_goes_on {
            self.current = Current::Lazy {
                events: Box::new(Parser::new_ext(piece, self.options).into_offset_iter()),
                base: start,
            };
            return;
        }
        let head_text = head.clone().map_or("", |range| &self.body[range]);
        let head_len = head_text.len();
        let text = format!("{head_text}{piece}{}", self.tail);
        let options = self.options;
        self.current = Current::Owned(Box::new(Owned {
            piece: OwnedPiece::new(text, |text| {
                Parser::new_ext(text, options).into_offset_iter()
            }),
            start,
            head,
            head_len,
            piece_end: head_len + piece.len(),
            table_goes_on,
            held: None,
            queued: None,
        }));
    }
}

impl<'a> Iterator for Events<'a> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let item = match &mut self.current {
                Current::Lazy { events, base } => {
                    let base = *base;
                    events
                        .next()
                        .map(|(event, range)| (event, (range.start + base)..(range.end + base)))
                }
                Current::Owned(owned) => owned.next(),
                Current::Done => return None,
            };
            match item {
                Some(item) => return Some(item),
                None => self.open_next(),
            }
        }
    }
}

/// Where a piece starts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cut {
    at: usize,
    /// For a piece that goes on with a table: the table's header and
    /// delimiter rows, parsed before the piece and left out of its events.
    table_head: Option<Range<usize>>,
}

/// Where a body may be cut, and its definitions.
struct Scan {
    cuts: Vec<Cut>,
    tail: String,
}

/// What the lines read so far leave open, as far as cutting cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
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

fn scan(body: &str, piece: usize) -> Scan {
    let mut cuts = Vec::new();
    let mut tail = String::new();
    let mut open = Open::Clean;
    let mut after_blank = true;
    let mut last_cut = 0usize;
    let mut at = 0usize;
    let mut lines = body.split_inclusive('\n').peekable();
    // The header row of a table just begun, until its delimiter row passes.
    let mut header: Option<usize> = None;
    // A definition list may be open (they go on past blank lines and
    // unindented paragraphs): only a heading cuts it.
    let mut definitions = false;
    while let Some(raw) = lines.next() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let next = lines.peek().copied().unwrap_or("");
        let grown = at - last_cut;
        if grown >= piece {
            let cut = match open {
                Open::Table { head } if table_row(line) => Some(Cut {
                    at,
                    table_head: Some(head.0..head.1),
                }),
                _ if header.is_none()
                    && (!definitions || atx(line) == Some(0))
                    && cut_before(open, after_blank, line, next) =>
                {
                    Some(Cut {
                        at,
                        table_head: None,
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
            definition(line, &mut tail);
        }
        after_blank = is_blank(line) && !matches!(open, Open::Fence { .. } | Open::Html { .. });
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
                }
                open
            }
        };
        at += raw.len();
    }
    Scan { cuts, tail }
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
fn delimiter_row(line: &str, columns: usize) -> bool {
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
fn cut_before(open: Open, after_blank: bool, line: &str, next: &str) -> bool {
    match open {
        Open::Clean | Open::Paragraph | Open::Other if atx(line) == Some(0) => true,
        Open::Clean if after_blank => {
            (plain_start(line) || line.starts_with('>')) && !next.starts_with(':')
        }
        // After a setext heading (a top-level paragraph just closed).
        Open::Clean => plain_start(line) && !next.starts_with(':'),
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
                Open::Clean if plain_start(line) => Open::Paragraph,
                _ => Open::Other,
            }
        }
    }
}

/// Records a link reference definition (the whole line) or a footnote
/// definition (a stub with its label) that `line` starts.
fn definition(line: &str, tail: &mut String) {
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
    tail.push_str("\n\n");
    if label.starts_with('^') {
        tail.push('[');
        tail.push_str(label);
        tail.push_str("]: .");
    } else {
        tail.push_str(rest);
    }
}

fn is_blank(line: &str) -> bool {
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
fn atx(line: &str) -> Option<usize> {
    let (indent, rest) = indent_of(line);
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    let after = rest.as_bytes().get(hashes);
    (indent <= 3 && (1..=6).contains(&hashes) && matches!(after, None | Some(b' ' | b'\t')))
        .then_some(indent)
}

/// A fence opener's state.
fn fence_of(line: &str) -> Option<Open> {
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
fn html_of(line: &str) -> Option<Open> {
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
fn setext_underline(line: &str) -> bool {
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

/// A line that, inside a paragraph, is more of it (lazy text with some
/// indent and no block marker).
fn continues_paragraph(line: &str) -> bool {
    let (indent, rest) = indent_of(line);
    indent > 0 && plain_start(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut_at(body: &str, piece: usize) -> Vec<usize> {
        scan(body, piece).cuts.into_iter().map(|c| c.at).collect()
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
    fn no_cut_inside_fences_html_lists_or_definitions() {
        let fence = format!("```\n{}```\n", "# no\n\n".repeat(20));
        assert!(cut_at(&fence, 4).iter().all(|&at| at >= fence.len() - 4));
        let html = format!("<!--\n{}-->\n", "# no\n\nx\n".repeat(20));
        assert!(cut_at(&html, 4).is_empty());
        let list = "- a\n\n- b\n\n".repeat(20);
        assert!(cut_at(&list, 4).is_empty());
        let deflist = "T\n: d\n\nplain\n\n".repeat(20);
        assert!(cut_at(&deflist, 4).is_empty());
    }

    #[test]
    fn definitions_go_to_the_tail() {
        let body = "[a]: /x \"t\"\n\ntext [^1]\n\n[^1]: note\n";
        let tail = scan(body, 1).tail;
        assert!(tail.contains("[a]: /x \"t\""), "{tail}");
        assert!(tail.contains("[^1]: ."), "{tail}");
        assert!(!tail.contains("note"), "{tail}");
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
