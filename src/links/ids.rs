//! The ids a site's generator gives a page's sections where quire's outline
//! may name them otherwise: kramdown's (Jekyll) from a heading's source text
//! or the `{: #id}` line under it; Hugo's, with definition terms in one
//! sequence with headings when the site asks for it, and the headings of
//! files pulled in by `{{% include %}}`; Zola's, by its `slugify.anchors`
//! rule. Each id comes with the line of the heading it names, so that a
//! link to it can land there.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::article::outline::slugify;
use crate::article::parser_options;

/// How a generator names sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rules {
    /// kramdown with GFM input (Jekyll's default): a heading's raw source
    /// text slugged, or its `{: #id}`.
    Kramdown,
    /// Goldmark (Hugo): headings, and definition terms when `terms`.
    Hugo { terms: bool },
    /// Zola: a heading's text by its `slugify.anchors` setting.
    Zola(ZolaAnchors),
}

/// Zola's `slugify.anchors`: how a heading's text becomes its id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ZolaAnchors {
    /// `"on"`, the default: transliterated to ASCII, lowercase, every run
    /// of other characters than letters and digits one `-`, none at the ends.
    #[default]
    On,
    /// `"safe"`: whitespace made `-`, `#%<>[]()`^{|}` taken out.
    Safe,
    /// `"off"`: the text as it is.
    Off,
}

impl ZolaAnchors {
    /// The setting as written in `config.toml`.
    pub fn parse(written: &str) -> ZolaAnchors {
        match written.trim() {
            "safe" => ZolaAnchors::Safe,
            "off" => ZolaAnchors::Off,
            _ => ZolaAnchors::On,
        }
    }

    /// The id Zola gives a heading whose text is `text` (before `-1`, `-2`
    /// make it unique).
    pub fn id(self, text: &str) -> String {
        match self {
            ZolaAnchors::On => crate::site::zola_path::slug_on(text),
            ZolaAnchors::Safe => text
                .trim()
                .chars()
                .filter(|c| !"#%<>[]()`^{|}".contains(*c))
                .map(|c| if c.is_whitespace() { '-' } else { c })
                .collect(),
            ZolaAnchors::Off => text.trim().to_string(),
        }
    }
}

/// One id of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SiteId {
    pub id: String,
    /// The body's byte offset of the heading it names (none for a term or
    /// a heading of an included file).
    pub offset: Option<usize>,
}

/// How deep includes may nest.
const MAX_INCLUDE_DEPTH: usize = 8;

/// Reads the body of an included file by the path written in the call;
/// `None` when it is missing or outside the site.
pub(super) type Include<'a> = dyn FnMut(&str) -> Option<String> + 'a;

/// The ids `rules` give the sections of `body`.
pub(super) fn site_ids(body: &str, rules: Rules, include: &mut Include<'_>) -> Vec<SiteId> {
    let mut scan = Scan {
        rules,
        used: HashSet::new(),
        out: Vec::new(),
    };
    scan.body(body, 0, include);
    scan.out
}

struct Scan {
    rules: Rules,
    used: HashSet<String>,
    out: Vec<SiteId>,
}

/// What is being read between a start tag and its end.
enum Open {
    Heading {
        range: Range<usize>,
        id: Option<String>,
        text: String,
    },
    Term(String),
}

impl Scan {
    fn body(&mut self, body: &str, depth: usize, include: &mut Include<'_>) {
        let mut open: Option<Open> = None;
        for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { id, .. }) => {
                    open = Some(Open::Heading {
                        range,
                        id: id.map(|i| i.to_string()),
                        text: String::new(),
                    });
                }
                Event::Start(Tag::DefinitionListTitle)
                    if matches!(self.rules, Rules::Hugo { terms: true }) =>
                {
                    open = Some(Open::Term(String::new()));
                }
                Event::Text(t) | Event::Code(t) => match &mut open {
                    Some(Open::Heading { text, .. } | Open::Term(text)) => text.push_str(&t),
                    None => {}
                },
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(Open::Heading { text, .. } | Open::Term(text)) = &mut open {
                        text.push(' ');
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(Open::Heading { range, id, text }) = open.take() {
                        let offset = (depth == 0).then_some(range.start);
                        self.heading(body, range, id, &text, offset);
                    }
                }
                Event::End(TagEnd::DefinitionListTitle) => {
                    if let Some(Open::Term(text)) = open.take() {
                        let id = self.unique(slugify(&text).to_string());
                        self.out.push(SiteId { id, offset: None });
                    }
                }
                Event::Start(Tag::Paragraph) if matches!(self.rules, Rules::Hugo { .. }) => {
                    self.includes(&body[range], depth, include);
                }
                _ => {}
            }
        }
    }

    fn heading(
        &mut self,
        body: &str,
        range: Range<usize>,
        id: Option<String>,
        text: &str,
        offset: Option<usize>,
    ) {
        let id = match (self.rules, id) {
            (_, Some(id)) => Some(id),
            (Rules::Kramdown, None) => attribute_id(body, range.end),
            (Rules::Hugo { .. } | Rules::Zola(_), None) => None,
        };
        let id = match id {
            Some(id) => {
                self.used.insert(id.clone());
                id
            }
            None => {
                let id = match self.rules {
                    Rules::Kramdown => slugify(&raw_heading_text(&body[range])).to_string(),
                    Rules::Hugo { .. } => slugify(text).to_string(),
                    Rules::Zola(anchors) => anchors.id(text),
                };
                self.unique(id)
            }
        };
        self.out.push(SiteId { id, offset });
    }

    /// `base`, or `base-1`, `base-2`, .. when it was given out before.
    fn unique(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = 1u32;
        loop {
            let candidate = format!("{base}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n = n.saturating_add(1);
        }
    }

    /// The ids of the files a paragraph's `include` calls pull in, in order.
    fn includes(&mut self, text: &str, depth: usize, include: &mut Include<'_>) {
        if depth >= MAX_INCLUDE_DEPTH || !text.contains("include") {
            return;
        }
        for path in include_paths(text) {
            if let Some(included) = include(path) {
                self.body(&included, depth + 1, include);
            }
        }
    }
}

/// The paths of Hugo `{{% include "x" %}}` / `{{< include "x" >}}` calls
/// (not the `{{%/* */%}}` escapes).
pub(super) fn include_paths(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("{{") {
        rest = &rest[at + 2..];
        let Some(after) = rest.strip_prefix('%').or_else(|| rest.strip_prefix('<')) else {
            continue;
        };
        let after = after.trim_start();
        let Some(args) = after.strip_prefix("include") else {
            continue;
        };
        let args = args.trim_start();
        let Some(quote) = args
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        else {
            continue;
        };
        let inner = &args[1..];
        if let Some(end) = inner.find(quote) {
            found.push(&inner[..end]);
        }
    }
    found
}

/// kramdown's `{: #id}` on the line right after a heading that ends at `end`.
fn attribute_id(body: &str, end: usize) -> Option<String> {
    let rest = body.get(end..)?;
    let rest = if body[..end].ends_with('\n') {
        rest
    } else {
        rest.split_once('\n')?.1
    };
    let line = rest.lines().next()?.trim();
    let inner = line.strip_prefix("{:")?.strip_suffix('}')?;
    inner
        .split_whitespace()
        .find_map(|w| w.strip_prefix('#'))
        .filter(|id| !id.is_empty())
        .map(str::to_string)
}

/// A heading's text as written: `## Text ##` or the lines above a setext
/// underline, markup and entities kept (kramdown slugs the raw text, so
/// `&amp;` gives `amp` and `{block}` gives `block`).
fn raw_heading_text(source: &str) -> String {
    let source = source.trim_end();
    let first = source.trim_start();
    if first.starts_with('#') {
        let line = first.lines().next().unwrap_or("");
        let text = line.trim_start_matches('#').trim();
        let without_closing = text.trim_end_matches('#');
        let text = if without_closing.ends_with(' ') || without_closing.is_empty() {
            without_closing.trim_end()
        } else {
            text
        };
        return text.to_string();
    }
    let mut lines: Vec<&str> = source.lines().collect();
    lines.pop();
    lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(body: &str, rules: Rules) -> Vec<String> {
        site_ids(body, rules, &mut |_| None)
            .into_iter()
            .map(|s| s.id)
            .collect()
    }

    #[test]
    fn kramdown_slugs_raw_text_and_reads_attribute_lines() {
        let body = "## Front matter &amp; Liquid\n\n## The {block} tag\n\n## Install\n{: #setup .x}\n\nText\n===\n\n## Text\n";
        assert_eq!(
            ids(body, Rules::Kramdown),
            [
                "front-matter-amp-liquid",
                "the-block-tag",
                "setup",
                "text",
                "text-1"
            ]
        );
    }

    #[test]
    fn zola_slugs_transliterate_and_join_runs_with_one_dash() {
        let body =
            "## What's new?\n\n## Café crème\n\n## C++ & Rust\n\n## Café crème\n\n## Mine {#own}\n";
        assert_eq!(
            ids(body, Rules::Zola(ZolaAnchors::On)),
            ["what-s-new", "cafe-creme", "c-rust", "cafe-creme-1", "own"]
        );
        assert_eq!(
            ids("## What's new (v2)?\n", Rules::Zola(ZolaAnchors::Safe)),
            ["What's-new-v2?"]
        );
        assert_eq!(
            ids("## Café crème\n", Rules::Zola(ZolaAnchors::Off)),
            ["Café crème"]
        );
    }

    #[test]
    fn hugo_terms_share_the_sequence_with_headings() {
        let body = "options\n: what to pass\n\n## Options\n\n## Done {#end}\n";
        assert_eq!(
            ids(body, Rules::Hugo { terms: true }),
            ["options", "options-1", "end"]
        );
        assert_eq!(ids(body, Rules::Hugo { terms: false }), ["options", "end"]);
    }

    #[test]
    fn hugo_includes_add_their_headings_in_place_bounded_in_depth() {
        let body = "## Before\n\n{{% include \"/_common/part.md\" %}}\n\n## Part\n";
        let mut asked = Vec::new();
        let found = site_ids(body, Rules::Hugo { terms: false }, &mut |p: &str| {
            asked.push(p.to_string());
            Some("## Part\n\n{{< include \"/_common/part.md\" >}}\n".into())
        });
        let names: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(names[..3], ["before", "part", "part-1"]);
        assert_eq!(asked.len(), MAX_INCLUDE_DEPTH);
        assert_eq!(found[1].offset, None);
        assert_eq!(found.last().map(|s| s.id.as_str()), Some("part-8"));
        assert_eq!(
            include_paths("{{%/* include \"x\" */%}} {{< include 'y' >}}"),
            ["y"]
        );
    }
}
