//! An article cut into sections for the index: one per heading (and one for
//! the text before the first), each with its breadcrumb, anchor, line and the
//! plain text the outline sees: markup dropped, code kept.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::article::Article;

/// One section of an article: a heading and the text up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's anchor (empty for the text before the first heading).
    pub anchor: String,
    /// The headings from the top down to this one (empty before the first).
    pub breadcrumb: Vec<String>,
    /// The 1-based file line of the heading (of the body's start before the first).
    pub line: usize,
    /// The body text: paragraphs, list items, table cells and code, one per line.
    pub text: String,
    /// The terms of its definition lists (how reference docs list settings),
    /// one per line: ranked like a heading. They are in `text` too.
    pub terms: String,
}

impl Section {
    /// The section's own heading text (empty before the first heading).
    pub fn heading(&self) -> &str {
        self.breadcrumb.last().map_or("", String::as_str)
    }
}

/// The most sections an article is cut into (a file of a million headings
/// is not written to be searched section by section).
pub const MAX_SECTIONS: usize = 10_000;

/// The sections of `article` in order. The first one (the text before any
/// heading) is left out when it is empty.
pub fn sections(article: &Article) -> Vec<Section> {
    let mut out = vec![Section {
        anchor: String::new(),
        breadcrumb: Vec::new(),
        line: article.body_line,
        text: String::new(),
        terms: String::new(),
    }];
    let mut crumbs: Vec<(u8, String)> = Vec::new();
    let mut next = 0usize;
    let mut in_heading = false;
    let mut in_term = false;
    let body = article.body.as_str();
    for (event, range) in crate::article::events::events(body, crate::article::parser_options()) {
        let text = match event {
            // Past the most sections an article is given, a heading's text
            // is more of the last section's.
            Event::Start(Tag::Heading { .. }) if out.len() <= MAX_SECTIONS => {
                let Some(h) = article
                    .outline
                    .get(next)
                    .filter(|h| h.offset() == range.start)
                else {
                    continue;
                };
                next += 1;
                in_heading = true;
                while crumbs.last().is_some_and(|(level, _)| *level >= h.level()) {
                    crumbs.pop();
                }
                crumbs.push((h.level(), h.text().to_string()));
                out.push(Section {
                    anchor: h.anchor().to_string(),
                    breadcrumb: crumbs.iter().map(|(_, t)| t.clone()).collect(),
                    line: h.line(),
                    text: String::new(),
                    terms: String::new(),
                });
                continue;
            }
            Event::End(TagEnd::Heading(_)) if in_heading => {
                in_heading = false;
                continue;
            }
            _ if in_heading => continue,
            Event::Start(Tag::DefinitionListTitle) => {
                in_term = true;
                continue;
            }
            Event::End(TagEnd::DefinitionListTitle) => {
                in_term = false;
                if let Some(section) = out.last_mut() {
                    section.terms.push('\n');
                }
                "\n".into()
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => t,
            Event::SoftBreak | Event::HardBreak => " ".into(),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_),
            ) => "\n".into(),
            _ => continue,
        };
        if let Some(section) = out.last_mut() {
            if in_term {
                section.terms.push_str(&text);
            }
            if text.as_ref() == "\n" && (section.text.is_empty() || section.text.ends_with('\n')) {
                continue;
            }
            section.text.push_str(&text);
        }
    }
    if out
        .first()
        .is_some_and(|s| s.text.trim().is_empty() && out.len() > 1)
    {
        out.remove(0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn article(text: &str) -> Article {
        Article::from_bytes(Path::new("a.md"), text.as_bytes())
    }

    #[test]
    fn an_article_gives_at_most_max_sections() {
        let body: String = (0..MAX_SECTIONS + 5)
            .map(|i| format!("## H{i}\n\nt{i}\n\n"))
            .collect();
        let s = sections(&article(&body));
        assert_eq!(s.len(), MAX_SECTIONS);
        let last = &s[MAX_SECTIONS - 1];
        assert_eq!(last.heading(), format!("H{}", MAX_SECTIONS - 1));
        // The headings past the last section are text of it.
        let tail = format!("H{}", MAX_SECTIONS + 4);
        assert!(
            last.text.contains(&tail) && last.text.contains("t10004"),
            "{}",
            last.text
        );
    }

    #[test]
    fn a_section_per_heading_with_breadcrumbs_and_lines() {
        let a = article(
            "---\ntitle: T\n---\nIntro *text*.\n\n# Models\n\nAbout.\n\n## Text\n\nGPT.\n\n### Image Models\n\nStable `Diffusion`.\n\n## Audio\n\nSound.\n",
        );
        let s = sections(&a);
        let crumbs: Vec<_> = s.iter().map(|s| s.breadcrumb.join(" > ")).collect();
        assert_eq!(
            crumbs,
            vec![
                "",
                "Models",
                "Models > Text",
                "Models > Text > Image Models",
                "Models > Audio"
            ]
        );
        assert_eq!(s[0].text.trim(), "Intro text.");
        assert_eq!(s[3].text.trim(), "Stable Diffusion.");
        assert_eq!(s[3].anchor, "image-models");
        assert_eq!(s[3].line, 14);
        assert_eq!(s[0].line, 4);
    }

    #[test]
    fn code_is_kept_and_markup_dropped() {
        let a = article(
            "# H\n\n```rust\nfn main() {}\n```\n\n<div>html</div>\n\n- [link](http://x) item\n",
        );
        let s = sections(&a);
        assert_eq!(s.len(), 1);
        assert!(s[0].text.contains("fn main() {}"));
        assert!(s[0].text.contains("link item"));
        assert!(!s[0].text.contains("http://x"));
        assert!(!s[0].text.contains("<div>"));
    }

    #[test]
    fn empty_text_before_the_first_heading_is_left_out() {
        let s = sections(&article("# Only\n\nBody.\n"));
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].heading(), "Only");
        let s = sections(&article("Just text.\n"));
        assert_eq!(s.len(), 1);
        assert!(s[0].breadcrumb.is_empty());
    }
}
