//! Text as the screens handle it, with no terminal types: editing a line
//! being typed (the library's filter, the search box: the shell's Ctrl-w)
//! and cutting text to a width with an ellipsis. A leaf.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// `text` cut to at most `width` columns, ending in `…` when it was cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    let mut used = 0usize;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            // Room for the ellipsis: drop characters until it fits.
            let mut out: String = text[..i].to_string();
            while unicode_width::UnicodeWidthStr::width(out.as_str()) + 1 > width {
                if out.pop().is_none() {
                    break;
                }
            }
            if width > 0 {
                out.push('…');
            }
            return Cow::Owned(out);
        }
        used += w;
    }
    Cow::Borrowed(text)
}

/// Deletes the last word of `text` and the spaces after it, as Ctrl-w in a
/// shell; returns true when something was deleted.
pub fn delete_word(text: &mut String) -> bool {
    let before = text.len();
    let kept = text
        .trim_end()
        .trim_end_matches(|c: char| !c.is_whitespace())
        .len();
    text.truncate(kept);
    text.len() != before
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_keeps_short_text_and_cuts_long_text() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a longer text", 6), "a lon…");
        assert_eq!(truncate("世界世界", 5), "世界…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn ctrl_w_deletes_the_last_word_and_its_trailing_spaces() {
        let mut t = String::from("reading the licence  ");
        assert!(delete_word(&mut t));
        assert_eq!(t, "reading the ");
        assert!(delete_word(&mut t));
        assert_eq!(t, "reading ");
        assert!(delete_word(&mut t));
        assert_eq!(t, "");
        assert!(!delete_word(&mut t));
        let mut quoted = String::from("\"écrire à\"");
        delete_word(&mut quoted);
        assert_eq!(quoted, "\"écrire ");
    }
}
