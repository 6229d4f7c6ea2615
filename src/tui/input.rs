//! Editing a line being typed (the library's filter, the search box): the
//! shell's Ctrl-w.

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
