//! Hugo (`{{< name args >}}`, `{{% name %}}..{{% /name %}}`) and Zola
//! (`{{ name(args) }}`, `{% name(args) %}..{% end %}`) shortcodes, by name:
//! callouts, pictures, code, folds, diagrams, videos, badges, `ref`,
//! `param` and `include`; any other is its body with a short label.

use super::liquid::template_target;
use super::tag::{Arg, Family, Tag, args, named, positional};
use super::{Pass, include, meaning};
use crate::site::{Generator, hugo_path};

/// Hugo shortcodes that never take a body: no closing tag is looked for.
const NO_BODY: &[&str] = &[
    "ref",
    "relref",
    "param",
    "new-in",
    "deprecated-in",
    "include",
    "figure",
    "img",
    "image",
    "youtube",
    "vimeo",
    "vimeo_simple",
    "gist",
    "tweet",
    "x",
    "twitter_simple",
    "instagram",
    "glossary-term",
    "gl",
    "readfile",
];

/// Shortcodes that only lay their body out (a container, a direction).
const CONTAINERS: &[&str] = &[
    "wide_container",
    "force_text_direction",
    "tabs",
    "tab",
    "columns",
    "column",
    "center",
    "full_width",
    "section",
    "div",
    "span",
    "markdownify",
    "container",
    "block",
    "references",
];

/// Shortcodes that add nothing a reader of the text needs (a table of
/// contents quire has its own of, a like button).
const HIDDEN: &[&str] = &["toc", "iine", "comment", "todo"];

/// Names of admonitions: a callout of their kind.
const CALLOUTS: &[&str] = &[
    "admonition",
    "callout",
    "alert",
    "note",
    "tip",
    "info",
    "warning",
    "caution",
    "important",
    "danger",
    "hint",
    "notice",
    "aside",
];

/// True when `word` names a kind of callout (`warning`, `tip`, `note`, ..).
fn is_kind_word(word: &str) -> bool {
    let word = word.trim();
    word.eq_ignore_ascii_case("note") || meaning::callout_kind(word) != "note"
}

/// Names of pictures.
const PICTURES: &[&str] = &[
    "figure",
    "img",
    "image",
    "dual_theme_image",
    "image_toggler",
    "dimmable_image",
    "full_width_image",
    "invertible_image",
    "remote_image",
    "imgproc",
    "picture",
    "image_hover",
];

/// `{{< name args >}}` or `{{% name args %}}`, with the body up to its
/// closing tag when it has one.
pub(super) fn hugo(p: &mut Pass<'_, '_>, text: &str, at: usize, tag: Tag<'_>) -> usize {
    let after = at + tag.len;
    let name = tag.name();
    let a = args(tag.rest());
    let lower = name.to_ascii_lowercase();
    let body = if tag.self_closing() || NO_BODY.contains(&lower.as_str()) {
        None
    } else {
        let closing = format!("/{name}");
        let hugo = |t: &Tag<'_>| matches!(t.family, Family::HugoAngle | Family::HugoPercent);
        p.body(
            text,
            after,
            (Family::HugoAngle, name),
            &|t| hugo(t) && t.name() == name && !t.self_closing(),
            &|t| hugo(t) && t.name() == closing,
        )
    };
    match body {
        Some((end, close)) => meaning_of(p, text, close, name, &a, Some(&text[after..end])),
        None => meaning_of(p, text, after, name, &a, None),
    }
}

/// Zola's `{{ name(args) }}`.
pub(super) fn zola_inline(p: &mut Pass<'_, '_>, text: &str, at: usize, tag: Tag<'_>) -> usize {
    let a = args(tag.rest());
    meaning_of(p, text, at + tag.len, tag.name(), &a, None)
}

/// Zola's `{% name(args) %}..{% end %}`.
pub(super) fn zola_body(p: &mut Pass<'_, '_>, text: &str, at: usize, tag: Tag<'_>) -> usize {
    let after = at + tag.len;
    let a = args(tag.rest());
    let statement = |t: &Tag<'_>| t.family == Family::Statement;
    let body = p.body(
        text,
        after,
        (Family::Statement, "end"),
        &|t| statement(t) && t.is_call(),
        &|t| statement(t) && t.name() == "end",
    );
    match body {
        Some((end, close)) => meaning_of(p, text, close, tag.name(), &a, Some(&text[after..end])),
        None => meaning_of(p, text, after, tag.name(), &a, None),
    }
}

/// Writes what the shortcode `name` means; `next` is where the text goes
/// on after it (and its body). Returns where the text goes on.
fn meaning_of(
    p: &mut Pass<'_, '_>,
    text: &str,
    next: usize,
    name: &str,
    a: &[Arg],
    body: Option<&str>,
) -> usize {
    let lower = name.to_ascii_lowercase().replace('-', "_");
    let first = positional(a, 0);
    if p.in_target() && !matches!(lower.as_str(), "ref" | "relref" | "param") {
        template_target(p, name);
        return next;
    }
    match lower.as_str() {
        "ref" | "relref" => {
            let target = named(a, &["path"]).or(first).unwrap_or("").trim();
            // The page's address when Hugo's defaults give it (in a link,
            // the target as written stays in the link's title).
            let hugo = p.cx.site.filter(|s| s.generator == Generator::Hugo);
            let address = hugo.and_then(|site| hugo_path::ref_url(site, p.cx.path, target));
            // Outside a link Hugo writes the address as text.
            match address {
                Some(url) => p.out.push_str(&url),
                None if p.in_target() => p.out.push_str(&target.replace(' ', "%20")),
                None => p.out.push_str(target),
            }
            next
        }
        "param" | "params" => {
            let key = named(a, &["name", "key"]).or(first).unwrap_or("");
            // The page's own (its front matter's top, or its `params:` as
            // Hugo 0.123 reads them), then the site's.
            let value = (p.cx.page)(key)
                .or_else(|| (p.cx.page)(&format!("params.{key}")))
                .or_else(|| {
                    p.cx.site
                        .and_then(|s| s.value(&format!("params.{key}")))
                        .map(str::to_string)
                });
            match value {
                Some(v) => p
                    .out
                    .push_str(&v.split_whitespace().collect::<Vec<_>>().join(" ")),
                None => p.out.push_str(&meaning::label(&format!("param {key}"))),
            }
            next
        }
        "new_in" => {
            p.out
                .push_str(&meaning::badge("New in", first.unwrap_or("")));
            next
        }
        "deprecated_in" => {
            p.out
                .push_str(&meaning::badge("Deprecated in", first.unwrap_or("")));
            next
        }
        "glossary_term" | "gl" => {
            let term = first.unwrap_or("").replace(['*', '_'], "");
            p.out.push_str(&format!("*{term}*"));
            next
        }
        n if HIDDEN.contains(&n) => Pass::close_block(text, next),
        "multilingual_quote" | "quote" => {
            let quote = named(a, &["translated", "text", "quote"])
                .or(body)
                .or(first)
                .unwrap_or("")
                .to_string();
            let original = named(a, &["original"]).unwrap_or("").to_string();
            let author = named(a, &["author", "cite"]).unwrap_or("").to_string();
            let mut inner = quote;
            if !original.is_empty() {
                inner = format!("{inner}\n\n*{original}*");
            }
            if !author.is_empty() {
                inner = format!("{inner}\n\n— {author}");
            }
            let inner = p.sub(&inner);
            block(p, text, next, |p, indent| {
                for line in inner.trim_matches('\n').split('\n') {
                    p.out.push_str(indent);
                    p.out.push('>');
                    if !line.is_empty() {
                        p.out.push(' ');
                        p.out.push_str(line);
                    }
                    p.out.push('\n');
                }
            })
        }
        "include" | "readfile" => {
            let file = named(a, &["file", "path"]).or(first).unwrap_or("");
            let included = include::include(p, file);
            block(p, text, next, |p, indent| {
                for line in included.trim_matches('\n').split('\n') {
                    if !line.is_empty() {
                        p.out.push_str(indent);
                    }
                    p.out.push_str(line);
                    p.out.push('\n');
                }
            })
        }
        "highlight" => {
            let lang = first.unwrap_or("").to_string();
            let code = body.unwrap_or("").to_string();
            // `hl_inline=true` among the options: code inside the sentence.
            let options = named(a, &["options"]).or(positional(a, 1)).unwrap_or("");
            if options
                .split([',', ' '])
                .any(|o| o.trim().eq_ignore_ascii_case("hl_inline=true"))
            {
                p.push_code_span(code.trim());
                return next;
            }
            block(p, text, next, |p, indent| {
                meaning::code(&mut p.out, indent, &lang, &code)
            })
        }
        "code_toggle" | "code" | "codeblock" | "code_block" => {
            let lang = named(a, &["lang", "language", "config"])
                .or(first.filter(|f| !f.contains(['/', '.'])))
                .unwrap_or(if lower == "code_toggle" { "toml" } else { "" })
                .to_string();
            let code = body.or(named(a, &["code"])).unwrap_or("").to_string();
            block(p, text, next, |p, indent| {
                meaning::code(&mut p.out, indent, &lang, &code)
            })
        }
        "mermaid" | "diagram" => {
            let code = body.or(named(a, &["code"])).unwrap_or("").to_string();
            block(p, text, next, |p, indent| {
                meaning::code(&mut p.out, indent, "mermaid", &code)
            })
        }
        "details" | "expand" | "collapse" | "spoiler" | "accordion" => {
            let default = if lower == "spoiler" {
                "Spoiler"
            } else {
                "Details"
            };
            let summary = named(a, &["summary", "title", "header"])
                .or(if body.is_some() { first } else { None })
                .unwrap_or(default)
                .to_string();
            let inner = body
                .or(named(a, &["text", "content"]))
                .or(first)
                .unwrap_or("");
            let inner = p.sub(&dedent(inner));
            block(p, text, next, |p, indent| {
                meaning::fold(&mut p.out, indent, &summary, &inner)
            })
        }
        "youtube" | "vimeo" | "vimeo_simple" | "gist" | "tweet" | "x" | "twitter"
        | "twitter_simple" | "instagram" => {
            let Some((label, url)) = video(&lower, a) else {
                // Nothing to link to: the shortcode's name, as an unknown one.
                p.out.push_str(&meaning::label(&lower));
                return next;
            };
            block(p, text, next, |p, indent| {
                meaning::link_line(&mut p.out, indent, &label, &url)
            })
        }
        n if PICTURES.contains(&n) => {
            let src = named(
                a,
                &["src", "light_src", "default_src", "path", "url", "file"],
            )
            .or(first)
            .unwrap_or("");
            let src = include::image_source(p, src);
            let alt = named(a, &["alt", "default_alt", "light_alt"])
                .unwrap_or("")
                .to_string();
            let caption = named(a, &["caption", "title"])
                .map(str::to_string)
                .or_else(|| body.map(|b| b.trim().to_string()))
                .unwrap_or_default();
            block(p, text, next, |p, indent| {
                meaning::picture(&mut p.out, indent, &src, &alt, &caption)
            })
        }
        n if CALLOUTS.contains(&n) => {
            // `{{< notice warning >}}`, `{{< hint info >}}`, `{{< admonition
            // tip "Title" >}}`: around a body, a first word that names a
            // kind is the kind, and the word after it the title.
            let positional_kind = first
                .filter(|w| body.is_some() && is_kind_word(w))
                .filter(|_| named(a, &["type", "kind", "class"]).is_none());
            let kind = named(a, &["type", "kind", "class"])
                .or(positional_kind)
                .unwrap_or(
                    if matches!(n, "admonition" | "callout" | "alert" | "aside" | "notice") {
                        "note"
                    } else {
                        n
                    },
                )
                .to_string();
            let title = named(a, &["title", "header"])
                .or_else(|| positional_kind.and(positional(a, 1)))
                .unwrap_or("")
                .to_string();
            let inner = body
                .or(named(a, &["text", "content", "body"]))
                .or(first)
                .unwrap_or("");
            let inner = p.sub(&dedent(inner));
            block(p, text, next, |p, indent| {
                meaning::callout(&mut p.out, indent, &kind, &title, &inner)
            })
        }
        n if CONTAINERS.contains(&n) => {
            // The body in place, line for line: the tags' lines stay blank.
            if let Some(inner) = body {
                let inner = p.sub(&dedent(inner));
                p.out.push_str(&inner);
            }
            next
        }
        _ => {
            let written = format!("{name} {}", shown_args(a));
            p.out.push_str(&meaning::label(&written));
            match body {
                Some(inner) => {
                    let inner = p.sub(&dedent(inner));
                    p.out.push(' ');
                    contents(p, text, next, &inner)
                }
                None => next,
            }
        }
    }
}

/// A body put back in place: inline when it is one line, else as blocks.
fn contents(p: &mut Pass<'_, '_>, text: &str, next: usize, inner: &str) -> usize {
    let inner = inner.trim_matches('\n');
    if !inner.contains('\n') {
        p.out.push_str(inner.trim());
        return next;
    }
    block(p, text, next, |p, indent| {
        p.out.push('\n');
        for line in inner.split('\n') {
            if !line.is_empty() {
                p.out.push_str(indent);
            }
            p.out.push_str(line);
            p.out.push('\n');
        }
        p.out.push('\n');
    })
}

/// Writes a block on lines of its own with `write`, and goes on after it.
fn block(
    p: &mut Pass<'_, '_>,
    text: &str,
    next: usize,
    write: impl FnOnce(&mut Pass<'_, '_>, &str),
) -> usize {
    let indent = p.open_block();
    write(p, &indent);
    Pass::close_block(text, next)
}

/// The arguments as a label shows them.
fn shown_args(a: &[Arg]) -> String {
    a.iter()
        .take(3)
        .map(|arg| match &arg.key {
            Some(k) => format!("{k}={}", arg.value),
            None => arg.value.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The link a video or post embed stands for; `None` without the id (or,
/// for a post, the user) it needs.
fn video(name: &str, a: &[Arg]) -> Option<(String, String)> {
    let id = named(a, &["id"]).or(positional(a, 0)).unwrap_or("").trim();
    let second = positional(a, 1).unwrap_or("").trim();
    if id.is_empty() {
        return None;
    }
    Some(match name {
        "youtube" => (
            "YouTube video".into(),
            format!("https://www.youtube.com/watch?v={id}"),
        ),
        "vimeo" | "vimeo_simple" => ("Vimeo video".into(), format!("https://vimeo.com/{id}")),
        "gist" => (
            "Gist".into(),
            format!("https://gist.github.com/{id}/{second}"),
        ),
        "instagram" => (
            "Instagram post".into(),
            format!("https://www.instagram.com/p/{id}"),
        ),
        _ => {
            let user = named(a, &["user"]).unwrap_or(id);
            let status = named(a, &["id"]).unwrap_or(second);
            if user.is_empty() || status.is_empty() {
                return None;
            }
            (
                "Post".into(),
                format!("https://x.com/{user}/status/{status}"),
            )
        }
    })
}

/// `text` without the indent all its lines share.
pub(super) fn dedent(text: &str) -> String {
    let common = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    if common == 0 {
        return text.to_string();
    }
    text.split('\n')
        .map(|l| l.get(common..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}
