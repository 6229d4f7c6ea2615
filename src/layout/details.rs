//! `<details><summary>..</summary>..</details>`: the summary as a line of
//! its own marked `▾`, the body laid out after it and recorded as a
//! [`Fold`], whose lines a reader may hide (`quire render` shows details
//! unfolded; the reader starts with them folded and draws the mark `▸`).

use std::ops::Range;

use super::blocks::LayoutRun;
use super::html::html_block_text;
use super::inline::Inline;
use super::{DocumentBuilder, Emphasis, Role, Style};

/// The mark before a summary whose body is shown.
pub const UNFOLDED: &str = "▾ ";

/// The mark a reader draws instead of [`UNFOLDED`] while the body is hidden
/// (the same width, so nothing else on the line moves).
pub const FOLDED: &str = "▸ ";

/// One `<details>` block of a [`Document`](super::Document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    /// The summary's first line, the one with the mark.
    pub summary: usize,
    /// The body's lines, after the summary, never empty.
    pub body: Range<usize>,
}

impl DocumentBuilder {
    /// Starts the body of a fold whose summary is line `summary`: the body
    /// is every line from the next one until [`DocumentBuilder::close_fold`].
    pub(super) fn open_fold(&mut self, summary: usize) {
        let start = self.len();
        self.open_folds.push(self.doc.folds.len());
        self.doc.folds.push(Fold {
            summary,
            body: start..start,
        });
    }

    /// Ends the innermost open fold's body here; false when none is open.
    pub(super) fn close_fold(&mut self) -> bool {
        let Some(i) = self.open_folds.pop() else {
            return false;
        };
        let end = self.doc.lines.len();
        if let Some(fold) = self.doc.folds.get_mut(i) {
            fold.body.end = end.max(fold.body.start);
        }
        true
    }
}

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

impl LayoutRun<'_> {
    /// Lays out an HTML block that opens a `<details>` summary or closes an
    /// open `<details>` (returns true): the text around them, each summary
    /// line, and the start and end of each fold. False when the block does
    /// neither, for it to be laid out as plain HTML.
    pub(super) fn details(&mut self, html: &str) -> bool {
        let closes = |l: &Self, s: &str| {
            if l.out.open_folds.is_empty() {
                None
            } else {
                find_ci(s, "</details")
            }
        };
        if find_ci(html, "<summary").is_none() && closes(self, html).is_none() {
            return false;
        }
        let mut rest = html;
        loop {
            let summary = find_ci(rest, "<summary");
            let close = closes(self, rest);
            match (summary, close) {
                (Some(at), close) if close.is_none_or(|c| at < c) => {
                    let Some((before, summary, after)) = split_summary(rest) else {
                        break;
                    };
                    self.html_text(before);
                    self.summary_line(summary);
                    rest = after;
                }
                (_, Some(at)) => {
                    self.html_text(&rest[..at]);
                    self.flush_inline();
                    self.out.close_fold();
                    let after = rest[at..].find('>').map_or(rest.len(), |j| at + j + 1);
                    rest = &rest[after..];
                }
                _ => {
                    self.html_text(rest);
                    break;
                }
            }
        }
        true
    }

    /// Ends every `<details>` left open at the end of the body, so that the
    /// footnotes and the link list are never folded away with it.
    pub(super) fn close_folds(&mut self) {
        while self.out.close_fold() {}
    }

    /// The summary's line, marked [`UNFOLDED`], and the start of its fold.
    fn summary_line(&mut self, summary: &str) {
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
        let first = self.out.len();
        self.containers
            .push_item(UNFOLDED.to_string(), Role::Summary);
        let mut line = Inline::default();
        line.push(label, style);
        self.emit_inline(&line);
        self.containers.pop();
        self.block_end();
        self.out.open_fold(first);
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
