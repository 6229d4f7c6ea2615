//! Liquid (Jekyll) and kramdown: `{{ expr }}` outputs, `{% tag %}`
//! statements, `{: attrs}` attribute lists and `{::ext}` extensions.
//! Control flow is hidden and its bodies shown as written, once; `raw`,
//! `highlight` and `comment` take their bodies; values come from the site
//! config and the front matter when they are plain scalars.

use super::meaning;
use super::tag::{Family, Tag, args, positional};
use super::{Pass, is_atx_heading};
use crate::site::{Generator, permalink, strip_date};

/// Liquid tags whose only effect is control flow or state: hidden.
const HIDDEN: &[&str] = &[
    "if",
    "elsif",
    "else",
    "endif",
    "unless",
    "endunless",
    "for",
    "endfor",
    "case",
    "when",
    "endcase",
    "assign",
    "capture",
    "endcapture",
    "break",
    "continue",
    "cycle",
    "increment",
    "decrement",
    "tablerow",
    "endtablerow",
    "liquid",
    "endraw",
    "endhighlight",
    "endcomment",
    "echo",
    "seo",
    "feed_meta",
];

/// Hides a line kramdown takes out of the page: an abbreviation's
/// definition (`*[HTML]: Hyper Text Markup Language`), or the opening tag
/// of an HTML block read as markdown; false for any other line, and where
/// the site does not read kramdown.
pub(super) fn kramdown_line(p: &mut Pass<'_, '_>, line: &str) -> bool {
    if p.tables.is_none() {
        return false;
    }
    let hidden = abbreviation(line) || markdown_block_open(line);
    if hidden {
        p.out.push('\n');
    }
    hidden
}

/// A line that is only an HTML block tag asking kramdown to read its
/// content as markdown (`<div markdown="1">`): the tag is dropped so that
/// the lines after it are markdown here too (a CommonMark HTML block would
/// take them as HTML up to the next blank line). Its closing tag alone on
/// a line is an HTML block of nothing.
fn markdown_block_open(line: &str) -> bool {
    let t = line.trim();
    if !t.starts_with('<') || !t.ends_with('>') || t.starts_with("</") || t[1..].contains('<') {
        return false;
    }
    let attrs = t[1..t.len() - 1].to_ascii_lowercase();
    [
        "markdown=\"1\"",
        "markdown='1'",
        "markdown=1",
        "markdown=\"block\"",
        "markdown=\"span\"",
    ]
    .iter()
    .any(|a| attrs.contains(a))
}

/// A kramdown abbreviation's definition line.
fn abbreviation(line: &str) -> bool {
    let t = line.trim_end();
    let indent = t.len() - t.trim_start().len();
    indent < 4
        && t.trim_start()
            .strip_prefix("*[")
            .and_then(|rest| rest.split_once("]:"))
            .is_some_and(|(name, _)| !name.is_empty() && !name.contains(']'))
}

/// Handles a line that is only a kramdown attribute list (`{: #id .note}`):
/// hidden, its id given to the heading it follows (or the next one), its
/// callout class making the paragraph it follows (or the next one) a
/// callout. Returns false for any other line.
pub(super) fn attribute_line(p: &mut Pass<'_, '_>, line: &str) -> bool {
    let trimmed = line.trim();
    if !trimmed.starts_with("{:") || !trimmed.ends_with('}') {
        return false;
    }
    let Some(tag) = Tag::at(trimmed) else {
        return false;
    };
    if tag.len != trimmed.len() {
        return false;
    }
    match tag.family {
        Family::Extension if tag.name().starts_with("options") || tag.inner.ends_with('/') => {
            p.out.push('\n');
            return true;
        }
        Family::Attributes => {}
        _ => return false,
    }
    let inner = tag.inner;
    // An attribute list definition (`{:name: .class}`) or a closing tag.
    let definition = inner
        .split_once(':')
        .is_some_and(|(name, _)| !name.is_empty() && !name.contains([' ', '#', '.', '=']));
    if definition || inner.starts_with('/') {
        p.out.push('\n');
        return true;
    }
    let mut id = None;
    let mut kind = None;
    for word in inner.split_whitespace() {
        for part in split_shorthand(word) {
            if let Some(name) = part.strip_prefix('#') {
                id = Some(name.to_string());
            } else if let Some(class) = part.strip_prefix('.') {
                let found = callout_class(class);
                if found.is_some() && (kind.is_none() || kind == Some("note")) {
                    kind = found;
                }
            }
        }
    }
    let after_block = !(p.out.is_empty() || p.out.ends_with("\n\n"));
    if after_block {
        let heading_end = last_heading_end(&p.out);
        if let (Some(id), Some(end)) = (&id, heading_end) {
            p.out.insert_str(end, &format!(" {{#{id}}}"));
        }
        // A class on a heading styles the heading: no callout.
        if let Some(kind) = kind.filter(|_| heading_end.is_none()) {
            quote_last_paragraph(&mut p.out, kind);
            // The paragraph was written again: count its lines afresh.
            p.counted = (0, 0);
            return true;
        }
        p.out.push('\n');
    } else {
        p.pending_id = id;
        match kind {
            Some(kind) => {
                p.out.push_str("> [!");
                p.out.push_str(kind);
                p.out.push_str("]\n");
                p.quoting = true;
            }
            None => p.out.push('\n'),
        }
    }
    true
}

/// `#id.class.other` -> `#id`, `.class`, `.other`.
fn split_shorthand(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, c) in word.char_indices().skip(1) {
        if c == '.' || c == '#' {
            parts.push(&word[start..at]);
            start = at;
        }
    }
    parts.push(&word[start..]);
    parts
}

/// The callout a kramdown class names (TeXt's and the Jekyll docs' own).
fn callout_class(class: &str) -> Option<&'static str> {
    Some(match class.to_ascii_lowercase().as_str() {
        "note" => "note",
        "info" => "info",
        "tip" | "success" | "hint" => "tip",
        "warning" => "warning",
        "important" => "important",
        "caution" | "error" | "danger" => "caution",
        _ => return None,
    })
}

/// Where the text of the heading on the last written line ends (an ATX
/// heading, or a setext one with its underline), if it is one.
fn last_heading_end(out: &str) -> Option<usize> {
    let body = out.strip_suffix('\n')?;
    let start = body.rfind('\n').map_or(0, |at| at + 1);
    let last = &body[start..];
    let underline = {
        let t = last.trim();
        !t.is_empty() && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
    };
    let (line_start, line_end) = if is_atx_heading(last) {
        (start, body.len())
    } else if underline && start > 0 {
        let before = &body[..start - 1];
        (before.rfind('\n').map_or(0, |at| at + 1), start - 1)
    } else {
        return None;
    };
    (!out[line_start..line_end].trim().is_empty()).then_some(line_end)
}

/// Makes the last written paragraph (or quote) a callout of `kind`: its
/// lines quoted under a `> [!kind]` line, which takes the place of the
/// attribute line so that the lines after keep their numbers.
fn quote_last_paragraph(out: &mut String, kind: &str) {
    let start = out
        .trim_end_matches('\n')
        .rfind("\n\n")
        .map_or(0, |at| at + 2);
    let paragraph = out[start..].to_string();
    out.truncate(start);
    out.push_str("> [!");
    out.push_str(kind);
    out.push_str("]\n");
    let quoted = paragraph.trim_start().starts_with('>');
    for line in paragraph.lines() {
        if !quoted {
            out.push_str("> ");
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// `{{ expr }}`: a site or page value, a `relative_url`/`absolute_url`
/// path, else (in a link target) a target marked as a template, else a label.
pub(super) fn output(p: &mut Pass<'_, '_>, at: usize, tag: Tag<'_>) -> usize {
    let after = at + tag.len;
    let expr = tag.inner;
    let mut parts = expr.split('|');
    let base = parts.next().unwrap_or("").trim();
    let filters: Vec<&str> = parts
        .map(|f| f.split(':').next().unwrap_or("").trim())
        .collect();
    let in_target = p.in_target();
    let site = p.cx.site;
    let quoted = base.len() >= 2
        && ((base.starts_with('\'') && base.ends_with('\''))
            || (base.starts_with('"') && base.ends_with('"')));
    let value: Option<String> = if quoted {
        Some(base[1..base.len() - 1].to_string())
    } else {
        match base {
            "site.baseurl" => Some(site.map(|s| s.baseurl.clone()).unwrap_or_default()),
            "site.url" => Some(site.map(|s| s.url.clone()).unwrap_or_default()),
            "site.github.repository_url" => site.and_then(|s| s.repository_url()),
            "site.repository" if in_target => site.and_then(|s| s.repository_url()),
            b if b.starts_with("site.") => site.and_then(|s| s.value(b)).map(str::to_string),
            b if b.starts_with("page.") => (p.cx.page)(&b[5..]),
            _ => None,
        }
    };
    let baseurl = site.map_or("", |s| s.baseurl.as_str());
    let url = site.map_or("", |s| s.url.as_str());
    let value = value.map(|mut v| {
        for filter in &filters {
            match *filter {
                "relative_url" if !v.contains("://") => v = join(baseurl, &v),
                "absolute_url" if !v.contains("://") => v = format!("{url}{}", join(baseurl, &v)),
                _ => {}
            }
        }
        v
    });
    match value {
        Some(v) if in_target => p.out.push_str(v.trim()),
        Some(v) => p
            .out
            .push_str(&v.split_whitespace().collect::<Vec<_>>().join(" ")),
        None if in_target => template_target(p, base),
        None => p.out.push_str(&meaning::label(expr)),
    }
    after
}

/// `base` + `path` as Jekyll's `relative_url` joins them.
fn join(base: &str, path: &str) -> String {
    let path = path.trim();
    let base = base.trim_end_matches('/');
    if path.starts_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}

/// A link target that only running the site could tell: written as
/// `template:NAME` (the link's title keeps the target as written,
/// `"quire:template {{% eturl x %}}"`).
pub(super) fn template_target(p: &mut Pass<'_, '_>, name: &str) {
    let name: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .take(40)
        .collect();
    p.out.push_str("template:");
    p.out.push_str(if name.is_empty() { "tag" } else { &name });
}

/// ` "title"` with quotes escaped and lines joined.
pub(super) fn title(p: &mut Pass<'_, '_>, text: &str) {
    let one = text.split_whitespace().collect::<Vec<_>>().join(" ");
    p.out.push_str(" \"");
    p.out
        .push_str(&one.replace('\\', "\\\\").replace('"', "\\\""));
    p.out.push('"');
}

/// `{% tag %}`.
pub(super) fn statement(p: &mut Pass<'_, '_>, text: &str, at: usize, tag: Tag<'_>) -> usize {
    let after = at + tag.len;
    let name = tag.name();
    let end_name = format!("end{name}");
    let closes = |t: &Tag<'_>| t.family == Family::Statement && t.name() == end_name;
    let opens = |t: &Tag<'_>| t.family == Family::Statement && t.name() == name;
    match name {
        "raw" => match p.body(text, after, (Family::Statement, name), &|_| false, &closes) {
            Some((end, close)) => {
                push_raw(&mut p.out, &text[after..end]);
                close
            }
            None => after,
        },
        "highlight" => match p.body(text, after, (Family::Statement, name), &opens, &closes) {
            Some((end, close)) => {
                let a = args(tag.rest());
                let lang = positional(&a, 0).unwrap_or("");
                let indent = p.open_block();
                meaning::code(&mut p.out, &indent, lang, &text[after..end]);
                Pass::close_block(text, close)
            }
            None => after,
        },
        "comment" => p
            .body(text, after, (Family::Statement, name), &opens, &closes)
            .map_or(after, |(_, close)| close),
        "link" => {
            let written = tag.rest().trim();
            // The address Jekyll gives the file, when the site is known.
            let jekyll = p.cx.site.filter(|s| s.generator == Generator::Jekyll);
            match jekyll.and_then(|site| permalink::jekyll_url(site, written)) {
                Some(url) => p.out.push_str(&url),
                None => {
                    p.out.push('/');
                    p.out.push_str(written.trim_start_matches('/'));
                }
            }
            after
        }
        "post_url" => {
            let name = tag.rest().trim();
            // The address Jekyll gives the post, when the site and the
            // post's file are found.
            let jekyll = p.cx.site.filter(|s| s.generator == Generator::Jekyll);
            if let Some(url) = jekyll.and_then(|site| permalink::post_url(site, name)) {
                p.out.push_str(&url);
                return after;
            }
            let stem = name.rsplit('/').next().unwrap_or(name);
            let slug = strip_date(stem);
            let date = stem[..stem.len() - slug.len()].trim_end_matches('-');
            p.out.push('/');
            for part in date.split('-').filter(|s| !s.is_empty()) {
                p.out.push_str(part);
                p.out.push('/');
            }
            p.out.push_str(slug);
            after
        }
        _ if HIDDEN.contains(&name) => after,
        _ if p.in_target() => {
            template_target(p, name);
            after
        }
        "include" | "include_relative" | "include_cached" | "render" => {
            let a = args(tag.rest());
            let file = positional(&a, 0).unwrap_or("");
            p.out.push_str(&meaning::label(&format!("{name} {file}")));
            after
        }
        _ => {
            p.out.push_str(&meaning::label(tag.inner));
            after
        }
    }
}

/// `{::comment}..{:/comment}` hidden with its body; other extensions'
/// markers (`{::nomarkdown}`, `{::options /}`) hidden, their bodies kept.
pub(super) fn extension(p: &mut Pass<'_, '_>, text: &str, at: usize, tag: Tag<'_>) -> usize {
    let after = at + tag.len;
    if tag.name() == "comment" && !tag.inner.ends_with('/') {
        let closes = |t: &Tag<'_>| t.family == Family::Attributes && t.inner.starts_with('/');
        return p
            .body(
                text,
                after,
                (Family::Extension, "comment"),
                &|_| false,
                &closes,
            )
            .map_or(after, |(_, close)| close);
    }
    after
}

/// The text of a `{% raw %}` block, shown as written: outside code, a tag's
/// opening brace is escaped (`\{{`, `\{%`), which markdown shows as `{` and
/// no later reader (the link finder) takes for a tag.
fn push_raw(out: &mut String, raw: &str) {
    let mut fence: Option<&str> = None;
    for line in raw.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            _ => {}
        }
        let code = fence.is_some()
            || marker.is_some()
            || line.starts_with("    ")
            || line.starts_with('\t');
        if code || !line.contains('{') {
            out.push_str(line);
            continue;
        }
        // Backtick code spans are shown as written.
        for (i, piece) in line.split('`').enumerate() {
            if i > 0 {
                out.push('`');
            }
            if i % 2 == 1 {
                out.push_str(piece);
                continue;
            }
            let mut rest = piece;
            while let Some(at) = rest.find('{') {
                out.push_str(&rest[..at]);
                if matches!(rest.as_bytes().get(at + 1), Some(b'{' | b'%')) {
                    out.push('\\');
                }
                out.push('{');
                rest = &rest[at + 1..];
            }
            out.push_str(rest);
        }
    }
}
