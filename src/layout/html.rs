//! Raw HTML: `<br>` breaks a line, other tags are dropped and their text
//! kept, comments and `<script>`/`<style>` hidden; an HTML block's text is
//! then read as inline markdown.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::Role;
use super::blocks::LayoutRun;

/// What a piece of inline raw HTML does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum InlineHtml {
    /// `<br>`, `<br/>`, `<br />`: a line break.
    Break,
    /// Any other tag or a comment: dropped, its text (separate events) kept.
    Drop,
    /// The site pass's own span opening (`<quire-badge>`): its text takes the role.
    Open(Role),
    /// The site pass's own span closing.
    Close,
}

/// The spans the site pass marks its badges and labels with, by role:
/// dropped like any tag by every other reader of the text; and HTML's own
/// `<mark>` (which a vault's `==highlight==` becomes).
const OWN_SPANS: [(&str, Role); 3] = [
    ("quire-badge", Role::Badge),
    ("quire-label", Role::TemplateLabel),
    ("mark", Role::Highlight),
];

/// Classifies an inline HTML event.
pub(super) fn inline_html(html: &str) -> InlineHtml {
    let tag = html.trim();
    if is_br(tag) {
        return InlineHtml::Break;
    }
    let name = tag.strip_prefix('<').and_then(|t| t.strip_suffix('>'));
    for (own, role) in OWN_SPANS {
        match name {
            Some(n) if n == own => return InlineHtml::Open(role),
            Some(n) if n.strip_prefix('/') == Some(own) => return InlineHtml::Close,
            _ => {}
        }
    }
    InlineHtml::Drop
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

impl LayoutRun<'_> {
    /// An HTML block: its tags dropped, and its text read as inline markdown,
    /// since authors put `**bold**` between tags and expect it to work.
    pub(super) fn end_html(&mut self) {
        let Some(html) = self.html.take() else {
            return;
        };
        if !self.details(&html) {
            self.html_text(&html);
        }
    }

    /// Lays out the text of raw HTML as inline markdown, as one block.
    pub(super) fn html_text(&mut self, html: &str) {
        let lines = html_block_text(html);
        if lines.is_empty() {
            return;
        }
        let source = self.blocks.source;
        self.inline_source = Some(source);
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.inline.hard_break();
            }
            let parser = Parser::new_ext(line, crate::article::parser_options());
            for event in parser {
                let inline = match &event {
                    Event::Start(tag) => matches!(
                        tag,
                        Tag::Emphasis
                            | Tag::Strong
                            | Tag::Strikethrough
                            | Tag::Link { .. }
                            | Tag::Image { .. }
                    ),
                    Event::End(tag) => matches!(
                        tag,
                        TagEnd::Emphasis
                            | TagEnd::Strong
                            | TagEnd::Strikethrough
                            | TagEnd::Link
                            | TagEnd::Image
                    ),
                    Event::Text(_)
                    | Event::Code(_)
                    | Event::SoftBreak
                    | Event::HardBreak
                    | Event::FootnoteReference(_) => true,
                    _ => false,
                };
                if inline {
                    self.event(event, source..source, false);
                }
            }
        }
        self.flush_inline();
        self.block_end();
    }
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
        assert_eq!(inline_html("<quire-badge>"), InlineHtml::Open(Role::Badge));
        assert_eq!(inline_html("</quire-label>"), InlineHtml::Close);
        assert_eq!(inline_html("<!-- note -->"), InlineHtml::Drop);
    }

    #[test]
    fn html_block_keeps_text_hides_comments_and_scripts() {
        let lines = html_block_text(
            "<div align=\"center\">\n  <b>Bold</b> &amp; plain<br>next\n<!-- secret\nstill secret -->\n<script>alert(1)</script>shown</div>",
        );
        assert_eq!(lines, vec!["Bold &amp; plain", "next shown"]);
    }
}
