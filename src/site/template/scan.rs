//! The small scans the template pass reads text with: code fences and
//! spans, ATX headings, escaped shortcodes, and where a link target that
//! holds a tag ends.

use super::tag::{Family, Tag};

/// An open code fence: its character and length.
pub(super) type Fence = (u8, usize);

/// Where the link target holding the tag at `at` ends (its `)`), tags
/// stepped over whole; `None` when a space or a line end comes first.
pub(super) fn target_end(text: &str, mut at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        match bytes[at] {
            b')' => return Some(at),
            b' ' | b'\t' | b'\n' | b'(' => return None,
            b'{' => at += Tag::at(&text[at..]).map_or(1, |tag| tag.len),
            _ => at += 1,
        }
    }
    None
}

/// The kind a link target written with `tag` is: `ref`, `relref`, `link`,
/// `post_url`, `url` (a Liquid value such as `relative_url`), else
/// `template` (only running the site could tell).
pub(super) fn target_kind(tag: &Tag<'_>) -> &'static str {
    match (tag.family, tag.name()) {
        (Family::HugoAngle | Family::HugoPercent, "ref") => "ref",
        (Family::HugoAngle | Family::HugoPercent, "relref") => "relref",
        (Family::Statement, "link") => "link",
        (Family::Statement, "post_url") => "post_url",
        (Family::Output, _) if !tag.is_call() => {
            let base = tag.inner.split('|').next().unwrap_or("").trim();
            let known = base.starts_with("site.")
                || base.starts_with("page.")
                || base.starts_with('\'')
                || base.starts_with('"');
            if known { "url" } else { "template" }
        }
        _ => "template",
    }
}

/// A fence opening on `line`: three or more backticks or tildes.
pub(super) fn opens(line: &str) -> Option<Fence> {
    let trimmed = line.trim_start_matches([' ', '\t']);
    let trimmed = trimmed.trim_start_matches(['>', ' ']);
    let ch = *trimmed.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let run = trimmed.bytes().take_while(|&b| b == ch).count();
    if run < 3 || (ch == b'`' && trimmed[run..].contains('`')) {
        return None;
    }
    Some((ch, run))
}

/// Whether `line` closes a fence opened as `open`.
pub(super) fn closes(line: &str, (ch, len): Fence) -> bool {
    let trimmed = line.trim().trim_start_matches(['>', ' ']);
    let run = trimmed.bytes().take_while(|&b| b == ch).count();
    run >= len && trimmed[run..].trim().is_empty()
}

/// Where a run of exactly `run` backticks starts in `text`.
pub(super) fn closing_run(text: &str, run: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let n = b[i..].iter().take_while(|&&c| c == b'`').count();
            if n == run {
                return Some(i);
            }
            i += n;
        } else {
            i += 1;
        }
    }
    None
}

/// An ATX heading line (`# ..` after up to three spaces).
pub(super) fn is_atx_heading(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    line.len() - trimmed.len() < 4 && {
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        let rest = &trimmed[hashes..];
        (1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with([' ', '\t', '\n']))
    }
}

/// Hugo's escape `{{</* name */>}}` (and Zola's `{{/* name() */}}`,
/// `{%/* name() */%}`): the shortcode it shows, as written.
pub(super) fn escaped(tag: &Tag<'_>) -> Option<String> {
    let inner = tag.inner.strip_prefix("/*")?.strip_suffix("*/")?.trim();
    Some(match tag.family {
        Family::HugoPercent => format!("{{{{% {inner} %}}}}"),
        Family::HugoAngle => format!("{{{{< {inner} >}}}}"),
        Family::Output => format!("{{{{ {inner} }}}}"),
        Family::Statement => format!("{{% {inner} %}}"),
        Family::Attributes | Family::Extension => return None,
    })
}

/// Code text with Liquid's `raw` markers dropped and Hugo's and Zola's
/// escapes undone.
pub(super) fn unescape_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        out.push_str(&text[at..start]);
        match Tag::at(&text[start..]) {
            Some(tag) if escaped(&tag).is_some() => {
                if let Some(shown) = escaped(&tag) {
                    out.push_str(&shown);
                }
                at = start + tag.len;
            }
            Some(tag)
                if tag.family == Family::Statement && matches!(tag.name(), "raw" | "endraw") =>
            {
                at = start + tag.len;
            }
            _ => {
                out.push('{');
                at = start + 1;
            }
        }
    }
    out.push_str(&text[at..]);
    out
}
