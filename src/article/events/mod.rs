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
//! piece is parsed with every link definition of the body after it, and a
//! stub of each footnote it refers to, so that a reference resolves as it
//! would in one parse; the events of that tail are left out.

use std::collections::HashSet;
use std::ops::Range;

mod cuts;
mod lines;
mod lists;
mod long;

pub use cuts::label_key;
pub use long::LONG_PARAGRAPH_BYTES;

use pulldown_cmark::{Event, OffsetIter, Options, Parser, Tag, TagEnd};

use cuts::{Cut, scan};

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
    let (cuts, tail, footnotes) = if body.len() > whole {
        let scan = scan(body, piece.max(1));
        if scan.tail.len() > MAX_TAIL_BYTES {
            (Vec::new(), String::new(), HashSet::new())
        } else {
            (scan.cuts, scan.tail, scan.footnotes)
        }
    } else {
        (Vec::new(), String::new(), HashSet::new())
    };
    let mut events = Events {
        body,
        options,
        cuts,
        next: 0,
        tail,
        footnotes,
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
    /// Every link definition of the body, parsed after each piece.
    tail: String,
    /// The labels of the body's footnotes (see [`cuts::label_key`]).
    footnotes: HashSet<u64>,
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
    /// A long paragraph, given as plain text.
    Plain(long::Plain<'a>),
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
    /// The top-level list open at the end goes on in the next piece: its
    /// closing event is left out.
    list_goes_on: bool,
    /// The piece goes on with a list of the piece before: its opening
    /// event is left out.
    list_continues: bool,
    /// A table's or list's closing event, held until it is known not to be
    /// the last.
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
            if self.list_continues && matches!(event, Event::Start(Tag::List(_))) {
                self.list_continues = false;
                continue;
            }
            let closes_table = matches!(event, Event::End(TagEnd::Table));
            let closes_list = matches!(event, Event::End(TagEnd::List(_)));
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
            if (self.table_goes_on && closes_table) || (self.list_goes_on && closes_list) {
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
        let (start, head, plain, rows) =
            match self.next.checked_sub(1).and_then(|i| self.cuts.get(i)) {
                Some(cut) => (cut.at, cut.table_head.clone(), cut.plain, cut.rows),
                None => (0, None, false, false),
            };
        let following = self.cuts.get(self.next);
        let end = following.map_or(self.body.len(), |cut| cut.at);
        let table_goes_on = following.is_some_and(|cut| cut.table_head.is_some());
        let list_goes_on = following.is_some_and(|cut| cut.list_goes_on);
        let list_continues = self
            .next
            .checked_sub(1)
            .and_then(|i| self.cuts.get(i))
            .is_some_and(|cut| cut.list_goes_on);
        self.next += 1;
        let piece = &self.body[start..end];
        if plain {
            self.current = Current::Plain(long::Plain::new(piece, start, rows));
            return;
        }
        let stubs = cuts::footnote_stubs(piece, &self.footnotes);
        if self.tail.is_empty()
            && stubs.is_empty()
            && head.is_none()
            && !table_goes_on
            && !list_goes_on
            && !list_continues
        {
            self.current = Current::Lazy {
                events: Box::new(Parser::new_ext(piece, self.options).into_offset_iter()),
                base: start,
            };
            return;
        }
        let head_text = head.clone().map_or("", |range| &self.body[range]);
        let head_len = head_text.len();
        let text = format!("{head_text}{piece}{}{stubs}", self.tail);
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
            list_goes_on,
            list_continues,
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
                Current::Plain(plain) => plain.next(),
                Current::Done => return None,
            };
            match item {
                Some(item) => return Some(item),
                None => self.open_next(),
            }
        }
    }
}
