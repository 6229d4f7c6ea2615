//! An article cut into sections for the index: one per heading (and one for
//! the text before the first), each with its breadcrumb, anchor, line and the
//! plain text the outline sees: markup dropped, code kept.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use crate::article::wikilink::{block_marker, shown};
use crate::article::{Article, Draft, Heading, OutlineBuilder};

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
    let (mut out, _) = cut(&article.body, article.body_line);
    map_lines(&mut out, article);
    out
}

/// The article a draft becomes and its sections, from one parse of the
/// body (the outline is built from the same events): what indexing a file
/// costs.
pub fn read_sections(draft: Draft) -> (Article, Vec<Section>) {
    let (mut out, outline) = cut(draft.body(), draft.body_line());
    let article = draft.with_outline(outline);
    map_lines(&mut out, &article);
    (article, out)
}

/// Headings' lines are counted in the body the site pass gave; the index
/// keeps file lines.
fn map_lines(sections: &mut [Section], article: &Article) {
    for s in sections.iter_mut().filter(|s| !s.breadcrumb.is_empty()) {
        s.line = article.file_line(s.line);
    }
}

/// Cuts `body` into sections and builds its outline, in one parse; lines
/// are the body's own (see [`map_lines`]).
fn cut(body: &str, body_line: usize) -> (Vec<Section>, Vec<Heading>) {
    let mut out = vec![Section {
        anchor: String::new(),
        breadcrumb: Vec::new(),
        line: body_line,
        text: String::new(),
        terms: String::new(),
    }];
    let mut outline = OutlineBuilder::new(body, body_line);
    let mut crumbs: Vec<(u8, String)> = Vec::new();
    let mut footnotes = 0usize;
    // The outline's length when the open heading started: it grows by one
    // when the heading is one of the outline's.
    let mut in_heading: Option<usize> = None;
    let mut in_term = false;
    // Inside a wikilink or an embed whose words are its target's, as the
    // reader shows them (`Note > Heading`), not the text as written.
    let mut in_wiki = false;
    for (event, range) in crate::article::events::events(body, crate::article::parser_options()) {
        let known = outline.headings().len();
        let line_end = body.as_bytes().get(range.end).is_none_or(|&b| b == b'\n');
        outline.push(&event, range);
        let text = match event {
            Event::Start(Tag::FootnoteDefinition(_)) => {
                footnotes += 1;
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                footnotes = footnotes.saturating_sub(1);
                continue;
            }
            // A heading of the outline (not one in a footnote) opens a
            // section once its text is known, at its end. Past the most
            // sections an article is given, a heading's text is more of
            // the last section's.
            Event::Start(Tag::Heading { .. }) if footnotes == 0 && out.len() <= MAX_SECTIONS => {
                in_heading = Some(known);
                continue;
            }
            Event::End(TagEnd::Heading(_)) if in_heading.is_some() => {
                let before = in_heading.take().unwrap_or(known);
                let Some(h) = outline.headings().get(before) else {
                    continue;
                };
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
            _ if in_heading.is_some() => continue,
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole: false },
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => {
                in_wiki = true;
                shown(&dest_url).into()
            }
            Event::End(TagEnd::Link | TagEnd::Image) if in_wiki => {
                in_wiki = false;
                continue;
            }
            _ if in_wiki => continue,
            // A block id (`^abc`) ending a line is a wikilink's target, not
            // words of the text (the reader hides it too).
            Event::Text(t) if line_end => match block_marker(&t) {
                Some((cut, _)) => t[..cut].to_string().into(),
                None => t,
            },
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
            // A tight item's text has no paragraph around it: a sub-list or
            // the next item starts a line of its own.
            Event::Start(Tag::Item | Tag::List(_)) => "\n".into(),
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
    for section in &mut out {
        if section.text.contains("[!") {
            section.text = without_callout_marks(&section.text);
        }
    }
    (out, outline.finish())
}

/// `text` without the `[!kind]` (and its fold sign `+`/`-`) that opens an
/// Obsidian callout's first line: markup, not words a reader searches for.
fn without_callout_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mark = line.strip_prefix("[!").and_then(|rest| {
            let end = rest.find(']')?;
            let kind = &rest[..end];
            let is_kind = !kind.is_empty()
                && kind.len() <= 32
                && kind
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            is_kind.then(|| rest[end + 1..].trim_start_matches(['+', '-']).trim_start())
        });
        out.push_str(mark.unwrap_or(line));
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
    fn wikilinks_and_block_ids_are_indexed_as_the_reader_shows_them() {
        // The snippet showed `Flour#Rye`, `^rye-note` and `img/loaf.png`
        // where the reader shows `Flour > Rye` and hides the block id.
        let s = sections(&article(
            "Rye ferments fast. ^rye-note\n\nSee [[Flour#Rye]], [[Flour|the flours]] and ![[Flour#Wheat]].\n",
        ));
        let text = &s[0].text;
        assert!(text.contains("Rye ferments fast.\n"), "{text:?}");
        assert!(!text.contains('^'), "{text:?}");
        assert!(
            text.contains("See Flour > Rye, the flours and Flour > Wheat."),
            "{text:?}"
        );
        assert!(!text.contains('#'), "{text:?}");
    }

    #[test]
    fn an_item_and_its_sub_list_are_words_apart() {
        let s = sections(&article(
            "# T\n\n- added weight\n  - the extra day\n- touch?\n- a binary\n",
        ));
        assert_eq!(s[0].text, "added weight\nthe extra day\ntouch?\na binary\n");
    }

    #[test]
    fn callout_marks_are_not_words_of_a_section() {
        let s = sections(&article(
            "# T\n\n> [!warning]- Hot!\n> Keep away.\n\n[!x] y and [!not a kind] z\n",
        ));
        assert_eq!(s[0].text, "Hot! Keep away.\ny and [!not a kind] z\n");
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
    fn one_parse_gives_the_article_and_the_same_sections() {
        let text = "---\ntitle: T\n---\nIntro.\n\n# A\n\nx[^1]\n\n## B {{< new-in 1.2 />}}\n\ny\n\n[^1]: note\n\n    # not\n";
        let path = Path::new("a.md");
        let (article, one_pass) = read_sections(Draft::from_bytes(path, text.as_bytes()));
        let loaded = Article::from_bytes(path, text.as_bytes());
        assert_eq!(article.outline, loaded.outline);
        assert_eq!(article.meta, loaded.meta);
        assert_eq!(one_pass, sections(&loaded));
        assert_eq!(one_pass.len(), 3);
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
