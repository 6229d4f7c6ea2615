//! Makes text from a file safe for a terminal: no control sequence survives.
//!
//! Everything that reaches the screen or the ANSI writer from an article (body,
//! code, link targets, front matter values, file names) passes through here.

use std::borrow::Cow;

/// True for characters that a terminal could act on instead of showing:
/// C0 controls but tab and newline, DEL, C1 controls, and bidi overrides and
/// isolates (which reorder what follows them on the line).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The visible stand-in for an unsafe character: C0 controls and DEL become
/// their Unicode control pictures (ESC shows as `␛`), the rest `�`.
pub fn stand_in(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// Returns `text` with every unsafe character (see [`is_unsafe`]) replaced by
/// its visible stand-in. Tabs and newlines are kept.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
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
    if !text.chars().any(|c| is_unsafe(c) || c == '\t' || c == '\n') {
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
    fn tab_and_newline_are_kept_except_on_one_line() {
        assert_eq!(sanitize("a\tb\nc"), "a\tb\nc");
        assert_eq!(sanitize_line("a\tb\nc\x1b"), "a b c␛");
    }
}
