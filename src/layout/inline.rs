//! Inline markup to styled text: a paragraph's text in one buffer with style
//! runs and forced breaks, and the raw-HTML helpers that keep text, drop tags.

use std::borrow::Cow;
use std::ops::Range;

use super::{Role, Style};
use crate::sanitize::sanitize;

/// A paragraph's (or heading's, or table cell's) text in one buffer, with
/// style runs over it and the places where a line must break.
#[derive(Debug, Default, Clone)]
pub(super) struct Inline {
    /// Safe text: no control characters, no tabs, no newlines.
    pub text: String,
    /// `(end byte, style)`, ascending; run `i` covers `runs[i-1].0..runs[i].0`.
    pub runs: Vec<(usize, Style)>,
    /// Byte offsets in `text` where a line must break (`<br>`, hard breaks).
    pub breaks: Vec<usize>,
}

impl Inline {
    /// Appends prose from the file in `style`, as [`Inline::push_code`]
    /// does, with runs of spaces collapsed to one, as a browser shows them.
    pub fn push(&mut self, text: &str, style: Style) {
        if text.contains("  ") {
            let mut collapsed = String::with_capacity(text.len());
            let mut space = false;
            for c in text.chars() {
                if c == ' ' && space {
                    continue;
                }
                space = c == ' ';
                collapsed.push(c);
            }
            self.push_code(&collapsed, style);
        } else {
            self.push_code(text, style);
        }
    }

    /// Appends file text in `style`: sanitized, tabs and newlines made spaces
    /// (a tab in prose is only whitespace; code blocks expand theirs).
    pub fn push_code(&mut self, text: &str, style: Style) {
        let safe = sanitize(text);
        if let Cow::Owned(safe) = &safe {
            // Something was made visible: show the stand-ins as escaped.
            self.push_marked(safe, style);
        } else if safe.contains(['\t', '\n']) {
            let flat: String = safe
                .chars()
                .map(|c| if c == '\t' || c == '\n' { ' ' } else { c })
                .collect();
            self.push_safe(&flat, style);
        } else {
            self.push_safe(&safe, style);
        }
    }

    /// Pushes sanitized text, giving stand-ins for control characters
    /// [`Role::Escaped`] and turning tabs and newlines into spaces.
    fn push_marked(&mut self, safe: &str, style: Style) {
        let escaped = Style {
            role: Role::Escaped,
            ..style
        };
        let mut buf = [0u8; 4];
        for c in safe.chars() {
            match c {
                '\t' | '\n' => self.push_safe(" ", style),
                '\u{2400}'..='\u{2421}' | '\u{fffd}' => {
                    self.push_safe(c.encode_utf8(&mut buf), escaped)
                }
                c => self.push_safe(c.encode_utf8(&mut buf), style),
            }
        }
    }

    /// Appends text that is already safe and on one line (markers we write).
    pub fn push_safe(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        self.text.push_str(text);
        let end = self.text.len();
        match self.runs.last_mut() {
            Some(last) if last.1 == style => last.0 = end,
            _ => self.runs.push((end, style)),
        }
    }

    /// Forces a line break at the current end.
    pub fn hard_break(&mut self) {
        self.breaks.push(self.text.len());
    }

    /// True when there is nothing but whitespace to show.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Empties the buffer, keeping its allocations.
    pub fn clear(&mut self) {
        self.text.clear();
        self.runs.clear();
        self.breaks.clear();
    }

    /// The pieces between forced breaks, in order.
    pub fn segments(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut start = 0;
        let ends = self
            .breaks
            .iter()
            .copied()
            .chain(std::iter::once(self.text.len()));
        ends.map(move |end| {
            let seg = start..end.max(start);
            start = end.max(start);
            seg
        })
    }

    /// The index of the run that covers byte `at`.
    pub fn run_at(&self, at: usize) -> usize {
        self.runs.partition_point(|r| r.0 <= at)
    }
}

/// What a piece of inline raw HTML does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum InlineHtml {
    /// `<br>`, `<br/>`, `<br />`: a line break.
    Break,
    /// Any other tag or a comment: dropped, its text (separate events) kept.
    Drop,
}

/// Classifies an inline HTML event.
pub(super) fn inline_html(html: &str) -> InlineHtml {
    if is_br(html.trim()) {
        InlineHtml::Break
    } else {
        InlineHtml::Drop
    }
}

fn is_br(tag: &str) -> bool {
    let Some(inner) = tag.strip_prefix('<').and_then(|t| t.strip_suffix('>')) else {
        return false;
    };
    let inner = inner.trim_end_matches('/').trim();
    inner.eq_ignore_ascii_case("br")
}

/// The text of an HTML block: tags dropped, comments and `<script>`/`<style>`
/// content hidden, `<br>` and block tags as line breaks. Returns one string
/// per line of text, whitespace collapsed; entities are left for the markdown
/// pass that reads these lines.
pub(super) fn html_block_text(html: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut rest = html;
    let mut hidden_until: Option<&'static str> = None;
    while !rest.is_empty() {
        if let Some(end) = hidden_until {
            match find_ci(rest, end) {
                Some(i) => {
                    rest = &rest[i + end.len()..];
                    hidden_until = None;
                }
                None => break,
            }
            continue;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(i) => rest = &after[i + 3..],
                None => break,
            }
            continue;
        }
        if rest.starts_with('<') {
            let close = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..close];
            let name = tag_name(tag);
            if is_br(tag) || is_block_tag(&name) {
                flush_line(&mut line, &mut lines);
            }
            if !tag.starts_with("</") && (name == "script" || name == "style") {
                hidden_until = Some(if name == "script" {
                    "</script>"
                } else {
                    "</style>"
                });
            }
            rest = &rest[close..];
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..next];
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                line.push(' ');
            }
            line.push_str(part);
        }
        rest = &rest[next..];
    }
    flush_line(&mut line, &mut lines);
    lines
}

fn flush_line(line: &mut String, lines: &mut Vec<String>) {
    let collapsed: Vec<&str> = line.split_whitespace().collect();
    if !collapsed.is_empty() {
        lines.push(collapsed.join(" "));
    }
    line.clear();
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let hay_b = hay.as_bytes();
    let n = needle.as_bytes();
    (0..hay_b.len().saturating_sub(n.len()).saturating_add(1))
        .find(|&i| hay_b.len() >= i + n.len() && hay_b[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "details"
            | "summary"
            | "dt"
            | "dd"
            | "hr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn br_variants_break_and_other_tags_drop() {
        assert_eq!(inline_html("<br>"), InlineHtml::Break);
        assert_eq!(inline_html("<BR/>"), InlineHtml::Break);
        assert_eq!(inline_html("<br />"), InlineHtml::Break);
        assert_eq!(inline_html("<span class=x>"), InlineHtml::Drop);
        assert_eq!(inline_html("<!-- note -->"), InlineHtml::Drop);
    }

    #[test]
    fn html_block_keeps_text_hides_comments_and_scripts() {
        let lines = html_block_text(
            "<div align=\"center\">\n  <b>Bold</b> &amp; plain<br>next\n<!-- secret\nstill secret -->\n<script>alert(1)</script>shown</div>",
        );
        assert_eq!(lines, vec!["Bold &amp; plain", "next shown"]);
    }

    #[test]
    fn push_flattens_tabs_newlines_and_controls() {
        let mut inline = Inline::default();
        inline.push("a\tb\nc\x1b[2J", Style::default());
        assert_eq!(inline.text, "a b c␛[2J");
        assert_eq!(inline.runs.len(), 3);
        assert_eq!(inline.runs[1].1.role, Role::Escaped);
    }
}
