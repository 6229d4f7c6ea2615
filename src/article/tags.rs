//! Inline `#tags` in a body: `#tag` and nested `#parent/child` after a
//! space or at a line's start, outside code and not a heading's `#`; a
//! number (`#123`) or a colour (`#ff0000`) is not a tag.

use std::ops::Range;

/// The byte ranges (the `#` included) of the tags in `text`, a run of
/// text outside code.
pub fn tag_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find('#') {
        let start = at + found;
        at = start + 1;
        let after_space = start == 0 || bytes[start - 1].is_ascii_whitespace();
        if !after_space {
            continue;
        }
        let name_len: usize = text[start + 1..]
            .chars()
            .take_while(|&c| is_tag_char(c))
            .map(char::len_utf8)
            .sum();
        let name = text[start + 1..start + 1 + name_len].trim_end_matches('/');
        if is_tag_name(name) {
            out.push(start..start + 1 + name.len());
            at = start + 1 + name_len;
        }
    }
    out
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '/')
}

/// A tag's name: not a number, not a colour, not starting with `/`.
fn is_tag_name(name: &str) -> bool {
    if name.is_empty() || name.starts_with('/') || name.contains("//") {
        return false;
    }
    if name.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let colour = matches!(name.len(), 3 | 4 | 6 | 8) && name.bytes().all(|b| b.is_ascii_hexdigit());
    !colour
}

/// The inline tags of `body`, in order, without duplicates (any case):
/// found in its text outside fenced and indented code, code spans and
/// headings' `#` marks, and HTML comments.
pub fn inline_tags(body: &str) -> Vec<String> {
    if !body.contains('#') {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut comment = false;
    for line in body.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some((mark, len)) = fence_of(trimmed) {
            match fence {
                None if indent < 4 => fence = Some((mark, len)),
                Some((m, l))
                    if m == mark && len >= l && trimmed.trim_end().bytes().all(|b| b == m) =>
                {
                    fence = None
                }
                _ => {}
            }
            continue;
        }
        if fence.is_some() || indent >= 4 || !line.contains('#') && !comment {
            continue;
        }
        let mut text = line;
        if comment {
            match text.find("-->") {
                Some(end) => {
                    text = &text[end + 3..];
                    comment = false;
                }
                None => continue,
            }
        }
        if let Some(start) = text.find("<!--") {
            comment = !text[start..].contains("-->");
            text = &text[..start];
        }
        // A heading's marks are not tags (its text may hold some).
        let text = strip_heading_marks(text);
        for piece in outside_code_spans(text) {
            for span in tag_spans(piece) {
                let tag = &piece[span.start + 1..span.end];
                if !out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                    out.push(tag.to_string());
                }
            }
        }
    }
    out
}

/// The fence a line opens or closes: its mark and length.
fn fence_of(trimmed: &str) -> Option<(u8, usize)> {
    let mark = *trimmed.as_bytes().first()?;
    if mark != b'`' && mark != b'~' {
        return None;
    }
    let len = trimmed.bytes().take_while(|&b| b == mark).count();
    (len >= 3).then_some((mark, len))
}

fn strip_heading_marks(text: &str) -> &str {
    let trimmed = text.trim_start();
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes)
        && trimmed[hashes..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
    {
        &trimmed[hashes..]
    } else {
        text
    }
}

/// The parts of a line outside backtick code spans.
fn outside_code_spans(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        out.push(&rest[..open]);
        let ticks = rest[open..].bytes().take_while(|&b| b == b'`').count();
        let after = &rest[open + ticks..];
        let closing = "`".repeat(ticks);
        match after.find(&closing) {
            Some(close) => rest = &after[close + ticks..],
            None => return out,
        }
    }
    out.push(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_words_after_a_hash_outside_code() {
        let body = "# Heading #intro\n\nText #one and #two/three, not#glued.\n\
                    `#code` and #ff0000 and #123 and #fade but #2024-notes.\n\
                    ```\n#fenced\n```\n    #indented\n<!-- #hidden -->\n#One again";
        assert_eq!(
            inline_tags(body),
            ["intro", "one", "two/three", "2024-notes"]
        );
    }

    #[test]
    fn spans_cover_the_hash_and_the_name() {
        assert_eq!(tag_spans("a #b/c/ d"), vec![Range { start: 2, end: 6 }]);
        assert_eq!(tag_spans("#x"), vec![Range { start: 0, end: 2 }]);
        assert!(tag_spans("see #/x and ##").is_empty());
    }
}
