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
    // The targets of the `<a>` tags open (`None` for one without `href`).
    let mut links: Vec<Option<String>> = Vec::new();
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
                // A link open across lines is closed on each.
                let open = links.iter().rev().find_map(Option::as_ref);
                if let Some(href) = open {
                    line.push_str(&format!("](<{href}>)"));
                }
                flush_line(&mut line, &mut lines);
                if open.is_some() {
                    line.push('[');
                }
            }
            if let Some(markdown) = as_markdown(tag, &name, &mut links) {
                line.push_str(&markdown);
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

/// The markdown an HTML tag stands for in a block's text: `<img>` a
/// picture `![alt](src)`, `<a href>` .. `</a>` a link; `None` for the rest.
/// A target that markdown cannot hold between `<` and `>` is dropped.
fn as_markdown(tag: &str, name: &str, links: &mut Vec<Option<String>>) -> Option<String> {
    let usable = |v: String| (!v.is_empty() && !v.contains(['<', '>', '\n'])).then_some(v);
    match name {
        "img" if !tag.starts_with("</") => {
            let src = attribute(tag, "src").and_then(usable)?;
            let alt = attribute(tag, "alt").unwrap_or_default();
            let alt: String = alt
                .chars()
                .filter(|c| !matches!(c, '[' | ']' | '\\'))
                .collect();
            Some(format!("![{alt}](<{src}>)"))
        }
        "a" if tag.starts_with("</") => {
            let href = links.pop()??;
            Some(format!("](<{href}>)"))
        }
        "a" => {
            let href = attribute(tag, "href").and_then(usable);
            let open = href.is_some().then(|| "[".to_string());
            links.push(href);
            open
        }
        _ => None,
    }
}

/// The value of the attribute `name` in an opening tag (quoted with `"` or
/// `'`, or bare), entities left as written.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut rest = inner.split_once(char::is_whitespace)?.1;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return None;
        }
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = &rest[..key_end];
        rest = rest[key_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, left) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = left;
            value
        } else {
            ""
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(value.trim().to_string());
        }
    }
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

    #[test]
    fn pictures_and_links_in_html_blocks_are_markdown_ones() {
        let lines = html_block_text(
            "<figure><img src=\"red.png\" alt='Red [square]'><figcaption>A <a href=\"https://x.org/a b\">red</a> one</figcaption></figure>",
        );
        assert_eq!(
            lines,
            [
                "![Red square](<red.png>)",
                "A [red](<https://x.org/a b>) one"
            ]
        );
        // No src or href: nothing to show or follow, the text stays.
        assert_eq!(
            html_block_text("<p><img alt=x><a name=top>here</a></p>"),
            ["here"]
        );
        // A link across a line break is a link on each line.
        assert_eq!(
            html_block_text("<a href=u>one<br>two</a>"),
            ["[one](<u>)", "[two](<u>)"]
        );
        assert_eq!(
            attribute("<img width=3 src = \"a.png\" >", "src").as_deref(),
            Some("a.png")
        );
        assert_eq!(
            attribute("<img hidden src=b.png>", "src").as_deref(),
            Some("b.png")
        );
    }
}
