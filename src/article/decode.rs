//! Bytes to text: lossy UTF-8, no BOM, `\n` line endings, borrowing when it can.

use std::borrow::Cow;
use std::path::Path;

use super::Warning;

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Turns a file's bytes into text with `\n` line endings: a UTF-8 BOM is
/// stripped, bytes that are not text become U+FFFD (with one warning naming
/// the file offset of the first invalid UTF-8), CRLF and lone CR become `\n`.
///
/// What is not text shows as one U+FFFD per run, however long the run: a
/// NUL (CommonMark replaces it, since a NUL ends a link destination in the
/// parser, so `[a](x\0y)` would not be a link at all) and each stretch of
/// invalid UTF-8. One mark a byte made 100 MB of NUL 300 MB of text before
/// the layout doubled it; a run of them says no more than one mark does.
///
/// Borrows `bytes` when nothing has to change, which is the common case.
pub fn decode_cow<'a>(path: &Path, bytes: &'a [u8]) -> (Cow<'a, str>, Vec<Warning>) {
    let (skipped, rest) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(rest) {
        Ok(text) if memchr::memchr(0, text.as_bytes()).is_none() => Cow::Borrowed(text),
        Ok(text) => Cow::Owned(marked(text.as_bytes())),
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
            Cow::Owned(marked(rest))
        }
    };
    (normalize_newlines(text), warnings)
}

/// `bytes` as text, each run of NULs and invalid UTF-8 one U+FFFD. The
/// text is measured first, so that it takes no more room than it needs
/// (a flood of NULs is 3 bytes).
fn marked(bytes: &[u8]) -> String {
    let mut len = 0;
    pieces(bytes, |piece| len += piece.len());
    let mut out = String::with_capacity(len);
    pieces(bytes, |piece| out.push_str(piece));
    out
}

/// Hands `bytes` to `f` as text, piece by piece: the valid text, and one
/// U+FFFD for each run of NULs and invalid UTF-8 (text ends a run).
fn pieces<'a>(bytes: &'a [u8], mut f: impl FnMut(&'a str)) {
    const MARK: &str = "\u{fffd}";
    // True while the text ends with a mark made here: the run goes on.
    let mut in_run = false;
    for chunk in bytes.utf8_chunks() {
        let mut valid = chunk.valid();
        while !valid.is_empty() {
            let at = memchr::memchr(0, valid.as_bytes()).unwrap_or(valid.len());
            if at > 0 {
                f(&valid[..at]);
                in_run = false;
            }
            let nuls = valid.as_bytes()[at..]
                .iter()
                .take_while(|&&b| b == 0)
                .count();
            if nuls > 0 && !in_run {
                f(MARK);
                in_run = true;
            }
            valid = &valid[at + nuls..];
        }
        if !chunk.invalid().is_empty() && !in_run {
            f(MARK);
            in_run = true;
        }
    }
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
    fn a_run_of_nul_or_bad_bytes_is_one_mark() {
        let (text, warnings) = run(&[b'a', 0, 0, 0, b'b', 0, b'\n', 0, 0]);
        assert_eq!(text, "a\u{fffd}b\u{fffd}\n\u{fffd}");
        assert!(warnings.is_empty());
        // NULs and invalid bytes side by side are one run; text ends it.
        let (text, warnings) = run(b"x\0\xFF\xFE\0y\xC3z\xFF");
        assert_eq!(text, "x\u{fffd}y\u{fffd}z\u{fffd}");
        assert_eq!(warnings.len(), 1);
        // A U+FFFD written in the text is text: it is kept, and ends a run.
        let (text, _) = run("\0\u{fffd}\0".as_bytes());
        assert_eq!(text, "\u{fffd}\u{fffd}\u{fffd}");
        let (text, _) = run(&vec![0u8; 1 << 20]);
        assert_eq!(text, "\u{fffd}");
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
