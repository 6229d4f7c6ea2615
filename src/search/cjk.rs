//! Scripts written without spaces between words (Han, kana, Hangul, Thai):
//! each character is indexed as a word of its own.

/// True for characters of scripts written without spaces between words
/// (Han, kana, Hangul, Thai, ..): each is indexed as a word of its own.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF        // Thai, Lao
        | 0x1100..=0x11FF      // Hangul Jamo
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3100..=0x312F      // Bopomofo
        | 0x3130..=0x318F      // Hangul compatibility Jamo
        | 0x31F0..=0x31FF      // Katakana extensions
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xAC00..=0xD7AF      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFF66..=0xFF9F      // half-width Katakana
        | 0x20000..=0x3134F) // CJK extensions B..G
}

/// The invisible separator put between two unspaced characters; the
/// tokenizer splits on it, and snippets drop it again.
pub const SPREAD: char = '\u{200b}';

/// `text` with [`SPREAD`] between each pair of adjacent unspaced characters,
/// so that unicode61 makes each a token and a run is found as a phrase.
/// Borrowed when there is nothing to spread (most text).
pub fn spread_cjk(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(is_unspaced) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut prev_unspaced = false;
    for c in text.chars() {
        let unspaced = is_unspaced(c);
        if unspaced && prev_unspaced {
            out.push(SPREAD);
        }
        out.push(c);
        prev_unspaced = unspaced;
    }
    std::borrow::Cow::Owned(out)
}
