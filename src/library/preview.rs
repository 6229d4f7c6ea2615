//! What the library's side panel shows of one article: its description (or
//! first paragraph) and its headings. Built from a fully parsed article, so
//! only on selection, never during the scan.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::article::{self, Article};

/// The longest summary kept, in characters: the panel shows a few lines.
pub const SUMMARY_CHARS: usize = 600;

/// A short view of an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// The front matter description, else the body's first paragraph, as
    /// plain text on one line (cut at [`SUMMARY_CHARS`] with `…`).
    pub summary: String,
    /// The outline: (level, plain text).
    pub headings: Vec<(u8, String)>,
}

impl Preview {
    /// The preview of a loaded article.
    pub fn of(article: &Article) -> Preview {
        let summary = match article.meta.description.as_deref().map(str::trim) {
            Some(d) if !d.is_empty() => one_line(d),
            _ => first_paragraph(&article.body),
        };
        Preview {
            summary: cut(summary),
            headings: article
                .outline
                .iter()
                .map(|h| (h.level(), h.text().to_string()))
                .collect(),
        }
    }
}

/// Whitespace runs (newlines included) become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cut(text: String) -> String {
    match text.char_indices().nth(SUMMARY_CHARS) {
        Some((end, _)) => format!("{}…", text[..end].trim_end()),
        None => text,
    }
}

/// The plain text of the first paragraph of `body` that has any text: markup
/// dropped, code spans kept, links as their text.
pub fn first_paragraph(body: &str) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    // Inside a wikilink without its own text: its name is written once.
    let mut named = false;
    for event in Parser::new_ext(body, article::parser_options()) {
        match event {
            // A link or an embed (`![[..]]`) alike.
            Event::Start(
                Tag::Link {
                    link_type: LinkType::WikiLink { has_pothole: false },
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type: LinkType::WikiLink { has_pothole: false },
                    dest_url,
                    ..
                },
            ) if depth > 0 => {
                text.push_str(&article::wikilink::shown(&dest_url));
                named = true;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => named = false,
            Event::Text(_) | Event::Code(_) if named => {}
            Event::Start(Tag::Paragraph) => depth += 1,
            Event::End(TagEnd::Paragraph) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && !text.trim().is_empty() {
                    break;
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) if depth > 0 => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak if depth > 0 => text.push(' '),
            _ => {}
        }
        // A long first paragraph need not be read to its end.
        if text.len() > SUMMARY_CHARS * 4 {
            break;
        }
    }
    one_line(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wikilink_reads_as_the_reader_shows_it() {
        let body = "See [[Garden Plan#Watering#Summer]] and [[Shed|the shed]].\n";
        assert_eq!(
            first_paragraph(body),
            "See Garden Plan > Watering > Summer and the shed."
        );
        // An embed reads the same way.
        let body = "Turn it weekly. ![[Watering#Summer]]\n";
        assert_eq!(first_paragraph(body), "Turn it weekly. Watering > Summer");
    }

    #[test]
    fn first_paragraph_skips_headings_and_drops_markup() {
        let body =
            "# Title\n\n> quoted\n\nThe *first* real `para`\nwith [a link](http://x).\n\nSecond.\n";
        // The quote's paragraph comes first in the document: it counts.
        assert_eq!(first_paragraph(body), "quoted");
        let body = "# Title\n\nThe *first* real `para`\nwith [a link](http://x).\n\nSecond.\n";
        assert_eq!(first_paragraph(body), "The first real para with a link.");
    }

    #[test]
    fn an_empty_body_has_no_summary() {
        assert_eq!(first_paragraph(""), "");
        assert_eq!(first_paragraph("# Only a heading\n"), "");
    }

    #[test]
    fn long_summaries_are_cut() {
        let long = "word ".repeat(400);
        let s = cut(one_line(&long));
        assert!(s.ends_with('…'));
        assert!(s.chars().count() <= SUMMARY_CHARS + 1);
    }
}
