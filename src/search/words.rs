//! The words the index holds, made on the parsing threads: text cut into
//! words the way FTS5's `unicode61 remove_diacritics 2` tokenizer cuts it
//! (letters and digits; ASCII lowercase; Latin letters without their
//! accents), each run of unspaced script cut into characters, and each word
//! stemmed as FTS5's `porter` does ([`super::porter`]). The index's table
//! is given these words with spaces between and only splits them again, so
//! the one writer does not stem 10 million words; queries are made of words
//! the same way ([`as_indexed`]).
//!
//! Letters and digits are told by Rust's `char::is_alphanumeric`, which
//! counts some marks of Indic and Thai scripts as letters where FTS5 cuts:
//! those marks are left in, and the table's tokenizer cuts there as before.
//! A symbol past U+FFFF (emoji) is a word of its own here, which the
//! table's tokenizer keeps or drops; FTS5 made some of them part of a word
//! they touch.

use super::cjk::is_unspaced;
use super::porter::{stem, stem_tail};
use super::query::{Query, Term};

/// `text`'s words, stemmed, with a space between each two.
pub fn index_words(text: &str) -> String {
    let mut words = Words {
        out: Vec::with_capacity(text.len()),
        word: None,
    };
    words.push_text(text);
    words.end();
    // Only whole characters and ASCII are written: the bytes are UTF-8.
    String::from_utf8(words.out).unwrap_or_default()
}

/// Words written one after the other, each straight into `out` and
/// stemmed there.
struct Words {
    out: Vec<u8>,
    /// Where the word being written starts in `out`.
    word: Option<usize>,
}

impl Words {
    fn push_text(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut last_unspaced = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                i += 1;
                if b.is_ascii_alphanumeric() {
                    self.begin();
                    self.out.push(b.to_ascii_lowercase());
                    last_unspaced = false;
                } else {
                    self.end();
                }
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            if is_unspaced(c) {
                // Unspaced script: a word per character next to another one.
                if last_unspaced {
                    self.end();
                }
                self.push_char(c);
                last_unspaced = true;
            } else if c.is_alphanumeric() || is_private_use(c) {
                match latin_base(c) {
                    Some(base) => {
                        self.begin();
                        self.out.push(base);
                    }
                    // The table's tokenizer folds its case (stemming only
                    // looks at ASCII letters: it stems the same either way).
                    None => self.push_char(c),
                }
                last_unspaced = false;
            } else if u32::from(c) > 0xFFFF {
                // Symbols past U+FFFF (emoji): FTS5 takes some as words and
                // not others; a word of their own, which the table's
                // tokenizer keeps or drops as it would have.
                self.end();
                self.push_char(c);
                self.end();
                last_unspaced = false;
            } else if is_accent(c) && self.word.is_some() {
                // An accent inside a word is dropped, as the tokenizer drops it.
            } else {
                self.end();
            }
        }
    }

    /// Starts a word unless one is being written.
    fn begin(&mut self) {
        if self.word.is_none() {
            if !self.out.is_empty() {
                self.out.push(b' ');
            }
            self.word = Some(self.out.len());
        }
    }

    fn push_char(&mut self, c: char) {
        self.begin();
        let mut buf = [0u8; 4];
        self.out
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }

    /// Ends the word being written, if any, stemming it.
    fn end(&mut self) {
        if let Some(start) = self.word.take() {
            stem_tail(&mut self.out, start);
        }
    }
}

/// Private use characters: FTS5 counts them as letters.
fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// Combining accents (U+0300..U+036F): part of the word they follow.
fn is_accent(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The base letters of Latin-1 and Latin Extended-A and B (from U+00C0),
/// a dot where a letter has none: what FTS5's `remove_diacritics 2` makes
/// of each (read from it; it keeps a few letters of two accents).
const LATIN: &str = concat!(
    "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.y",
    "aaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll.",
    "...nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzzs",
    "................................oo.............uu...............",
    ".............aaiioouuuuuuuuuu.aa......ggkkoooo..j...gg..nnaa....",
    "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............",
    "................",
);
/// The same for Latin Extended Additional (from U+1E00: Vietnamese, ..).
const LATIN_ADDITIONAL: &str = concat!(
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm",
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv",
    "wwwwwwwwwwxxxxyyzzzzzzhtwy.s....aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee",
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......",
);

/// The base letter of a Latin letter with accents, lowercase.
fn latin_base(c: char) -> Option<u8> {
    let c = c as usize;
    let base = match c {
        0xC0..0x250 => LATIN.as_bytes().get(c - 0xC0),
        0x1E00..0x1F00 => LATIN_ADDITIONAL.as_bytes().get(c - 0x1E00),
        _ => None,
    };
    base.copied().filter(|&b| b != b'.')
}

/// `query` with its words as the index holds them: each word and phrase
/// cut, folded and stemmed like the indexed text (a phrase's words in
/// order), and the word being typed given the start that stemming leaves
/// alone when stemming would change it ([`with_unstemmed`]).
pub fn as_indexed(query: &Query) -> Query {
    let mut query = with_unstemmed(query);
    for term in query.terms.iter_mut().chain(query.excluded.iter_mut()) {
        term.text = index_words(&term.text);
    }
    query
}

/// `query` with its word being typed (a prefix) given, when stemming would
/// change it as if it were whole ("asy" -> "asi", no start of "async"),
/// its longest start that stemming leaves alone, also matched as a prefix
/// (see [`Term::unstemmed`]). Words stay as typed.
pub fn with_unstemmed(query: &Query) -> Query {
    let mut query = query.clone();
    if let Some(term) = query.terms.iter_mut().find(|t| t.prefix) {
        term.unstemmed = unstemmed(term);
    }
    query
}

fn unstemmed(term: &Term) -> Option<String> {
    let word = term.text.to_lowercase();
    if !word.bytes().all(|b| b.is_ascii_alphabetic()) || stem(&word) == word {
        return None;
    }
    // Words of fewer than 3 letters are never stemmed.
    let mut start = &word[..word.len() - 1];
    while start.len() > 2 && stem(start) != start {
        start = &start[..start.len() - 1];
    }
    Some(start.to_string())
}

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;
