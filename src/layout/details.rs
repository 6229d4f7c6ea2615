//! `<details><summary>..</summary>..</details>`: the summary as a line of
//! its own marked `▾`, the body shown after it (`quire render` and the
//! reader show details unfolded).

use super::blocks::Layouter;
use super::html::html_block_text;
use super::inline::Inline;
use super::{Emphasis, Role, Style};

/// The mark before a summary whose body is shown.
pub const UNFOLDED: &str = "▾ ";

/// Byte offset of `needle` in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// An HTML block with a `<summary>`: the HTML before it, the summary's
/// inner HTML, and the HTML after it.
fn split_summary(html: &str) -> Option<(&str, &str, &str)> {
    let open = find_ci(html, "<summary")?;
    let inner = open + html[open..].find('>')? + 1;
    let (text_end, after) = match find_ci(&html[inner..], "</summary") {
        Some(i) => {
            let close = inner + i;
            let after = html[close..]
                .find('>')
                .map_or(html.len(), |j| close + j + 1);
            (close, after)
        }
        None => (html.len(), html.len()),
    };
    Some((&html[..open], &html[inner..text_end], &html[after..]))
}

impl Layouter<'_> {
    /// Lays out an HTML block holding a `<summary>` (returns true): the text
    /// before it, the summary line, the text after it. False when there is
    /// no summary.
    pub(super) fn details(&mut self, html: &str) -> bool {
        let Some((before, summary, after)) = split_summary(html) else {
            return false;
        };
        self.html_text(before);
        let text = html_block_text(summary).join(" ");
        let label = if text.is_empty() {
            "Details"
        } else {
            text.as_str()
        };
        self.flush_inline();
        self.block_start(self.blocks.source);
        let style = Style {
            emphasis: Emphasis {
                strong: true,
                ..Emphasis::default()
            },
            ..Style::of(Role::Summary)
        };
        self.containers
            .push_item(UNFOLDED.to_string(), Role::Summary);
        let mut line = Inline::default();
        line.push(label, style);
        self.emit_inline(&line);
        self.containers.pop();
        self.block_end();
        self.html_text(after);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::split_summary;

    #[test]
    fn summary_is_found_in_any_case() {
        assert_eq!(
            split_summary("<details>\n<SUMMARY class=x>Open <b>me</b></Summary>\nrest"),
            Some(("<details>\n", "Open <b>me</b>", "\nrest"))
        );
        assert_eq!(
            split_summary("<summary>unclosed"),
            Some(("", "unclosed", ""))
        );
        assert_eq!(split_summary("<div>no summary</div>"), None);
    }
}
