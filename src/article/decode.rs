//! Bytes to text: lossy UTF-8, no BOM, `\n` line endings, borrowing when it can.

use std::borrow::Cow;
use std::path::Path;

use super::Warning;

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Turns a file's bytes into text with `\n` line endings: a UTF-8 BOM is
/// stripped, invalid UTF-8 is replaced by U+FFFD (with one warning naming the
/// file offset of the first bad byte), CRLF and lone CR become `\n`.
///
/// Borrows `bytes` when nothing has to change, which is the common case.
pub fn decode_cow<'a>(path: &Path, bytes: &'a [u8]) -> (Cow<'a, str>, Vec<Warning>) {
    let (skipped, rest) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(rest) {
        Ok(text) => Cow::Borrowed(text),
        Err(err) => {
            let bad = err.valid_up_to();
            let line = count_newlines(&rest[..bad]).saturating_add(1);
            warnings.push(Warning {
                path: path.to_path_buf(),
                line: Some(line),
                message: format!(
                    "invalid UTF-8 at byte {}; bad bytes are shown as \u{fffd}",
                    bad.saturating_add(skipped)
                ),
            });
            Cow::Owned(String::from_utf8_lossy(rest).into_owned())
        }
    };
    (replace_nul(normalize_newlines(text)), warnings)
}

/// NUL to U+FFFD, as CommonMark asks: a NUL ends a link destination in the
/// parser, so `[a](x\0y)` would not be a link at all. Borrows when there is
/// no NUL.
fn replace_nul(text: Cow<'_, str>) -> Cow<'_, str> {
    if memchr::memchr(0, text.as_bytes()).is_none() {
        return text;
    }
    Cow::Owned(text.replace('\0', "\u{fffd}"))
}

/// Counts `\n` bytes. Counting in blocks of 255 into a `u8` lets the
/// compiler vectorise the inner loop (the outline counts lines of 5 MB
/// bodies with this).
pub(crate) fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            usize::from(
                block
                    .iter()
                    .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n'))),
            )
        })
        .sum()
}

/// CRLF and lone CR to `\n`; borrows when there is no CR at all.
fn normalize_newlines(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.as_bytes().contains(&b'\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        out.push('\n');
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8]) -> (String, Vec<Warning>) {
        let (text, warnings) = decode_cow(Path::new("a.md"), bytes);
        (text.into_owned(), warnings)
    }

    #[test]
    fn clean_text_is_borrowed() {
        let (text, warnings) = decode_cow(Path::new("a.md"), b"# Hi\n\nthere\n");
        assert!(matches!(text, Cow::Borrowed("# Hi\n\nthere\n")));
        assert!(warnings.is_empty());
    }

    #[test]
    fn bom_is_stripped() {
        let (text, warnings) = run(b"\xEF\xBB\xBF# Title\n");
        assert_eq!(text, "# Title\n");
        assert!(warnings.is_empty());
    }

    #[test]
    fn nul_becomes_the_replacement_character() {
        let (text, _) = run(b"[a](x\0y.md)\0");
        assert_eq!(text, "[a](x\u{fffd}y.md)\u{fffd}");
    }

    #[test]
    fn crlf_and_lone_cr_become_newlines() {
        let (text, _) = run(b"a\r\nb\rc\r\n\r\nd\r");
        assert_eq!(text, "a\nb\nc\n\nd\n");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning_at_the_file_offset() {
        let (text, warnings) = run(b"\xEF\xBB\xBFok\nbad \xFF here\xC3");
        assert_eq!(text, "ok\nbad \u{fffd} here\u{fffd}");
        assert_eq!(warnings.len(), 1);
        let warning = &warnings[0];
        assert_eq!(warning.line, Some(2));
        // 3 BOM bytes + "ok\nbad " (7 bytes): the bad byte is at offset 10.
        assert!(warning.message.contains("byte 10"), "{}", warning.message);
        assert_eq!(warning.path, Path::new("a.md"));
    }

    #[test]
    fn newlines_are_counted_across_blocks() {
        let text = "a\n".repeat(1000);
        assert_eq!(count_newlines(text.as_bytes()), 1000);
        assert_eq!(count_newlines(&[b'\n'; 255]), 255);
        assert_eq!(count_newlines(b""), 0);
    }

    #[test]
    fn empty_input_is_empty_text() {
        let (text, warnings) = run(b"");
        assert_eq!(text, "");
        assert!(warnings.is_empty());
    }
}
