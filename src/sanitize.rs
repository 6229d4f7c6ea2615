//! Makes text from a file safe for a terminal: no control sequence survives.
//!
//! Everything that reaches the screen or the ANSI writer from an article (body,
//! code, link targets, front matter values, file names) passes through here.

use std::borrow::Cow;

/// True for characters that a terminal could act on instead of showing:
/// C0 controls but tab and newline, DEL, C1 controls, bidi overrides and
/// isolates (which reorder what follows them on the line), the invisible
/// bidi marks (LRM, RLM, ALM: they reorder neutral characters around them),
/// and the line and paragraph separators (which some terminals break on).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// The visible stand-in for an unsafe character: C0 controls and DEL become
/// their Unicode control pictures (ESC shows as `␛`), the line and paragraph
/// separators a space, the rest `�`.
pub fn stand_in(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{2028}' | '\u{2029}' => ' ',
        _ => '\u{fffd}',
    }
}

/// True when `text` holds an unsafe character, found by looking at bytes:
/// this runs over every byte of every article, and decoding chars costs more.
fn has_unsafe(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' | b'\n' => false,
        0..=0x1f | 0x7f => true,
        // C1 controls are U+0080..=U+009F: 0xC2 0x80..=0x9F.
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        // The Arabic letter mark U+061C: D8 9C.
        0xd8 => bytes.get(i + 1) == Some(&0x9c),
        // LRM and RLM U+200E..=U+200F (E2 80 8E..=8F), the separators and
        // bidi overrides U+2028..=U+202E (E2 80 A8..=AE) and isolates
        // U+2066..=U+2069 (E2 81 A6..=A9).
        0xe2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(0x80), Some(n)) => matches!(n, 0x8e..=0x8f | 0xa8..=0xae),
            (Some(0x81), Some(n)) => (0xa6..=0xa9).contains(n),
            _ => false,
        },
        _ => false,
    })
}

/// Returns `text` with every unsafe character (see [`is_unsafe`]) replaced by
/// its visible stand-in. Tabs and newlines are kept.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { stand_in(c) } else { c })
            .collect(),
    )
}

/// Like [`sanitize`], for text shown on one line (titles, tags, file names):
/// tabs and newlines become spaces too.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text) && !text.contains(['\t', '\n']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' | '\n' => ' ',
                c if is_unsafe(c) => stand_in(c),
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(sanitize("héllo, 世界 👋"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible() {
        let hostile = "a\x1b]52;c;ZXZpbA==\x07b\x1b[2Jc";
        let safe = sanitize(hostile);
        assert!(!safe.chars().any(is_unsafe));
        assert_eq!(safe, "a␛]52;c;ZXZpbA==␇b␛[2Jc");
    }

    #[test]
    fn c1_and_bidi_overrides_are_replaced() {
        let safe = sanitize("x\u{9b}31m\u{202e}evil\u{2066}");
        assert_eq!(safe, "x\u{fffd}31m\u{fffd}evil\u{fffd}");
    }

    #[test]
    fn bidi_marks_and_separators_are_replaced() {
        let safe = sanitize("a\u{200e}b\u{200f}c\u{61c}d\u{2028}e\u{2029}f");
        assert_eq!(safe, "a\u{fffd}b\u{fffd}c\u{fffd}d e f");
        assert_eq!(sanitize_line("t\u{2028}u\u{200f}"), "t u\u{fffd}");
        // The letters around them are kept: Arabic and Hebrew are not marks.
        assert!(matches!(sanitize("سلام שלום"), Cow::Borrowed(_)));
    }

    #[test]
    fn byte_scan_agrees_with_chars() {
        let mut all = String::new();
        for c in ('\u{0}'..='\u{2fff}').chain(['\u{1f600}', '\u{fffd}']) {
            let s = c.to_string();
            assert_eq!(has_unsafe(&s), is_unsafe(c), "{:x}", c as u32);
            all.push(c);
            all.push('a');
        }
        assert!(has_unsafe(&all));
        assert!(!has_unsafe("plain, naïve, 東京 ‘quoted’ — €"));
    }

    #[test]
    fn tab_and_newline_are_kept_except_on_one_line() {
        assert_eq!(sanitize("a\tb\nc"), "a\tb\nc");
        assert_eq!(sanitize_line("a\tb\nc\x1b"), "a b c␛");
    }
}
