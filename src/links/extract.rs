//! Finding an article's links: markdown links (inline, reference, autolinks),
//! Jekyll liquid `{% post_url %}` / `{% link %}` tags, link targets written
//! as templates (`[x]({{ site.baseurl }}/a/)`, `[x]({{< ref "a" >}})`, which
//! CommonMark does not take as links), and the HTML ids (`<a id>`,
//! `<a name>`, `<h2 id>`) that links may point at. Nothing inside code or
//! `{% raw %}` is a link.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::article::wikilink::shown;
use crate::article::{Article, link_target, parser_options};

/// One link of an article, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The 1-based line of the file the link starts on.
    pub line: usize,
    /// The link's plain text (its target when it has none).
    pub text: String,
    /// The target as written (an email autolink gets its `mailto:`).
    pub target: String,
    /// The byte offset of the link in the article's body.
    pub offset: usize,
    /// The target the page shows when a site's template computed it from
    /// the one written (`docs/setup.md#install` for `{{< relref
    /// "docs/setup.md#install" >}}`): what the reader's labels name.
    pub shown: Option<String>,
}

impl Link {
    /// The target as the page shows it: the one a site's template computed
    /// (`/blog/about/` for `{% link about.md %}`), else as written.
    pub fn page_target(&self) -> &str {
        self.shown.as_deref().unwrap_or(&self.target)
    }
}

/// What one parse of a body yields: its links and its HTML ids.
#[derive(Debug, Clone, Default)]
pub(super) struct BodyScan {
    /// The links, in the order they start in the body.
    pub links: Vec<Link>,
    /// `id`/`name` attributes of `<a>` and `id` of `<h1>`..`<h6>` in raw HTML.
    pub html_ids: Vec<String>,
}

/// Every link of `article`, in the order they appear.
pub fn links(article: &Article) -> Vec<Link> {
    let mut links = scan(&article.body, article.body_line).links;
    for link in &mut links {
        link.line = article.file_line(link.line);
    }
    links
}

/// A link being read: its target, where it starts, its text so far.
struct Open {
    target: String,
    offset: usize,
    text: String,
    /// The text quire shows instead of the parser's (a wikilink's
    /// `Note > Heading`).
    own: Option<String>,
    /// The target the page shows, when it is not the one written.
    shown: Option<String>,
}

/// Parses `body` once (with quire's one set of parser options) for its links
/// and HTML ids; `body_line` is the file line the body starts on.
pub(super) fn scan(body: &str, body_line: usize) -> BodyScan {
    let mut out = BodyScan::default();
    let mut open: Vec<Open> = Vec::new();
    // Code spans and blocks, where liquid tags are shown, not used.
    let mut code: Vec<Range<usize>> = Vec::new();
    let mut code_block_start: Option<usize> = None;
    let mut link_ranges: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let mut page_target = None;
                let target = match link_type {
                    LinkType::Email if !dest_url.starts_with("mailto:") => {
                        format!("mailto:{dest_url}")
                    }
                    _ => {
                        let page = link_target(link_type, false, &dest_url);
                        match written_target(&title) {
                            Some(written) => {
                                page_target = Some(page);
                                written
                            }
                            None => page,
                        }
                    }
                };
                let own = matches!(link_type, LinkType::WikiLink { has_pothole: false })
                    .then(|| shown(&dest_url));
                open.push(Open {
                    target,
                    offset: range.start,
                    text: String::new(),
                    own,
                    shown: page_target,
                });
                link_ranges.push(range);
            }
            // An embed (`![[Note]]`, `![[photo.png]]`) is a link to what it
            // shows; a markdown image is not.
            Event::Start(Tag::Image {
                link_type: link_type @ LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => {
                open.push(Open {
                    target: link_target(link_type, true, &dest_url),
                    offset: range.start,
                    text: String::new(),
                    own: Some(shown(&dest_url)),
                    shown: None,
                });
                link_ranges.push(range);
            }
            Event::End(TagEnd::Image)
                if open.last().is_some_and(|o| o.target.starts_with("![[")) =>
            {
                if let Some(link) = open.pop() {
                    out.links.push(finish(link));
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(link) = open.pop() {
                    out.links.push(finish(link));
                }
            }
            Event::Start(Tag::CodeBlock(_)) => code_block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                let start = code_block_start.take().unwrap_or(range.start);
                code.push(start..range.end);
            }
            Event::Code(text) => {
                code.push(range);
                if let Some(link) = open.last_mut() {
                    link.text.push_str(&text);
                }
            }
            Event::Text(text) => {
                if let Some(link) = open.last_mut() {
                    link.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(link) = open.last_mut() {
                    link.text.push(' ');
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => html_ids(&html, &mut out.html_ids),
            _ => {}
        }
    }
    code.extend(super::templated::raw_blocks(body));
    super::templated::liquid_links(body, &code, &link_ranges, &mut out.links);
    out.links.sort_by_key(|l| l.offset);
    number_lines(body, body_line, &mut out.links);
    out
}

/// A link read to its end: its text trimmed, or its target when it has none.
fn finish(link: Open) -> Link {
    let text = link.own.unwrap_or_else(|| link.text.trim().to_string());
    Link {
        line: 0,
        text: if text.is_empty() {
            link.target.clone()
        } else {
            text
        },
        target: link.target,
        offset: link.offset,
        shown: link.shown,
    }
}

/// Gives each link its file line, counting newlines forward once.
fn number_lines(body: &str, body_line: usize, links: &mut [Link]) {
    let bytes = body.as_bytes();
    let mut counted_to = 0usize;
    let mut line = body_line;
    for link in links {
        let to = link.offset.min(bytes.len());
        line += bytes[counted_to..to]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = to;
        link.line = line;
    }
}

/// A link target the site pass computed from template syntax: the whole
/// target as the author wrote it, kept in the link's title as
/// `quire:KIND WRITTEN` (`[a](x "quire:ref {{< ref \"x\" >}}")`), so it
/// is named and resolved as written.
fn written_target(title: &str) -> Option<String> {
    let rest = title.strip_prefix("quire:")?;
    let (_, written) = rest.split_once(' ')?;
    Some(written.to_string())
}

/// Adds the ids an HTML fragment declares: `id`/`name` of `<a>`, `id` of
/// `<h1>`..`<h6>`.
pub(super) fn html_ids(html: &str, ids: &mut Vec<String>) {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end..];
        let name_len = tag
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let name = &tag[..name_len];
        let is_a = name.eq_ignore_ascii_case("a");
        let is_heading = name.len() == 2
            && name.as_bytes()[0].eq_ignore_ascii_case(&b'h')
            && (b'1'..=b'6').contains(&name.as_bytes()[1]);
        if !is_a && !is_heading {
            continue;
        }
        for (key, value) in attributes(&tag[name_len..]) {
            let named =
                key.eq_ignore_ascii_case("id") || (is_a && key.eq_ignore_ascii_case("name"));
            if named && !value.is_empty() {
                ids.push(value.to_string());
            }
        }
    }
}

/// The `key=value` attributes of a tag's inside, values unquoted.
fn attributes(mut rest: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return found;
        }
        let key_len = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        rest = rest[key_len..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            if key_len == 0 {
                // A stray character: step over it.
                rest = rest.get(1..).unwrap_or("");
            }
            continue;
        };
        let after = after.trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &after[1..];
                let close = inner.find(q).unwrap_or(inner.len());
                (&inner[..close], inner.get(close + 1..).unwrap_or(""))
            }
            _ => {
                let len = after
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(after.len());
                (&after[..len], &after[len..])
            }
        };
        found.push((key, value));
        rest = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(body: &str) -> Vec<(usize, String, String)> {
        scan(body, 1)
            .links
            .into_iter()
            .map(|l| (l.line, l.text, l.target))
            .collect()
    }

    fn one(line: usize, text: &str, target: &str) -> (usize, String, String) {
        (line, text.to_string(), target.to_string())
    }

    #[test]
    fn inline_reference_and_autolinks_with_lines() {
        let body = "Intro [one](a.md#x) and\n[*two* `t`][r].\n\n<https://e.org>\n\n[r]: b.md\n";
        assert_eq!(
            targets(body),
            [
                one(1, "one", "a.md#x"),
                one(2, "two t", "b.md"),
                one(4, "https://e.org", "https://e.org"),
            ]
        );
    }

    #[test]
    fn email_autolinks_get_mailto_and_lines_count_from_body_line() {
        let links = scan("x\n\n<me@example.org>\n", 10).links;
        assert_eq!(links[0].target, "mailto:me@example.org");
        assert_eq!(links[0].line, 12);
    }

    #[test]
    fn liquid_tags_in_brackets_bare_and_in_code() {
        let body = "See [the post]({% post_url 2022-09-14-floss %}#why).\n\n\
                    Bare {% link about.md %} here.\n\n`{% post_url nope %}`\n\n\
                    ```\n{% link nope.md %}\n```\n\n{% include x.html %}\n";
        assert_eq!(
            targets(body),
            [
                one(1, "the post", "{% post_url 2022-09-14-floss %}#why"),
                one(3, "{% link about.md %}", "{% link about.md %}"),
            ]
        );
    }

    #[test]
    fn template_targets_over_lines_but_not_in_code_or_raw() {
        let body = "A [page]({{ '/docs/a/' | relative_url }}#s) and [b]({{ site.baseurl }}/b/).\n\n\
                    [ref]({{< ref \"install\" >}}) and [two\nlines]({% link\n  about.md %}).\n\n\
                    {% raw %}\n[no]({{< ref \"x\" >}}) {% post_url y %}\n{% endraw %}\n\n\
                    `[no]({{< ref \"x\" >}})` [glued]({{'/c/'|relative_url}})\n";
        assert_eq!(
            targets(body),
            [
                one(1, "page", "{{ '/docs/a/' | relative_url }}#s"),
                one(1, "b", "{{ site.baseurl }}/b/"),
                one(3, "ref", "{{< ref \"install\" >}}"),
                one(3, "two lines", "{% link about.md %}"),
                one(11, "glued", "{{'/c/'|relative_url}}"),
            ]
        );
    }

    #[test]
    fn images_are_not_links_and_empty_text_shows_the_target() {
        assert_eq!(
            targets("![alt](x.png) [](y.md) [![i](z.png)](w.md)"),
            [one(1, "y.md", "y.md"), one(1, "i", "w.md")]
        );
    }

    #[test]
    fn html_ids_of_anchors_and_headings() {
        let scan = scan(
            "<a id=\"top\"></a>\n\n<h2 id='sec' class=x>S</h2>\n\ntext <a name=old>x</a> <span id=\"no\">\n\n`<a id=\"code\">`\n",
            1,
        );
        assert_eq!(scan.html_ids, ["top", "sec", "old"]);
    }
}
