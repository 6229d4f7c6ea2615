//! Links CommonMark does not read as links, found in an article's source:
//! Jekyll's `{% post_url %}` / `{% link %}` tags, bare or as a target, and
//! targets written as templates (`[x]({{ site.baseurl }}/a/)`,
//! `[x]({{< ref "a" >}})`), outside code and `{% raw %}`.

use std::ops::Range;

use super::extract::Link;

/// The liquid tags that name another page (`{% post_url NAME %}`, `{% link
/// path %}`, bare or as a link's target) and the link targets written as
/// templates (`[text]({{ .. }}/rest)`, `[text]({{< ref "x" >}})`).
/// CommonMark does not take these as links (a destination has no spaces),
/// so they are found in the source: outside code and `{% raw %}`, and not
/// inside a link pulldown-cmark already read.
pub(super) fn liquid_links(
    body: &str,
    code: &[Range<usize>],
    links: &[Range<usize>],
    out: &mut Vec<Link>,
) {
    let mut from = 0;
    while let Some(found) = body[from..].find('{') {
        let start = from + found;
        from = start + 1;
        let rest = &body[start..];
        let inside = |ranges: &[Range<usize>]| ranges.iter().any(|r| r.contains(&start));
        // `\{` is a brace written as text (the site pass writes `{% raw %}`
        // content so), never a tag.
        if body[..start].ends_with('\\') {
            continue;
        }
        if rest.starts_with("{{") && body[..start].ends_with("](") {
            if inside(code) || inside(links) {
                continue;
            }
            if let Some((link, end)) = template_link(body, start) {
                out.push(link);
                from = end;
            }
            continue;
        }
        if !rest.starts_with("{%") {
            continue;
        }
        let Some(len) = rest.find("%}") else {
            break;
        };
        let end = start + len + 2;
        from = end;
        let inner = body[start + 2..end - 2].trim_matches('-').trim();
        let mut words = inner.split_whitespace();
        let (Some("post_url" | "link"), Some(_)) = (words.next(), words.next()) else {
            continue;
        };
        if inside(code) || inside(links) {
            continue;
        }
        out.push(liquid_link(body, start, end));
    }
}

/// The link `[text](TARGET)` whose target starts with a template at
/// `start` (just after `](`), and where it ends: the target runs over
/// whole `{{ .. }}`/`{% .. %}` calls to the first space or `)` outside
/// them.
fn template_link(body: &str, start: usize) -> Option<(Link, usize)> {
    let mut at = start;
    let bytes = body.as_bytes();
    while at < bytes.len() {
        let rest = &body[at..];
        if rest.starts_with("{{") || rest.starts_with("{%") {
            let close = if rest.starts_with("{{") { "}}" } else { "%}" };
            let len = rest.find(close)?;
            if rest[..len].contains("\n\n") {
                return None;
            }
            at += len + 2;
            continue;
        }
        match bytes[at] {
            b')' | b' ' | b'\n' | b'\t' => break,
            _ => at += 1,
        }
    }
    // A call spread over lines is one target.
    let target = one_line(&body[start..at]);
    let close = at + body[at..].find(')')?;
    if body[at..close].contains("\n\n") {
        return None;
    }
    let before = &body[..start - 2];
    let open = before.rfind('[')?;
    let text = &before[open + 1..];
    if text.contains("\n\n") {
        return None;
    }
    let link = Link {
        line: 0,
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        target,
        offset: open,
        shown: None,
    };
    Some((link, close + 1))
}

/// `text` with each run of white space (line ends too) as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The spans of `{% raw %}` .. `{% endraw %}` (to the end when unclosed).
pub(super) fn raw_blocks(body: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = body[from..].find("{%") {
        let start = from + at;
        let Some(len) = body[start..].find("%}") else {
            break;
        };
        from = start + len + 2;
        if body[start + 2..start + len].trim_matches('-').trim() != "raw" {
            continue;
        }
        let mut end = body.len();
        let mut scan = from;
        while let Some(at) = body[scan..].find("{%") {
            let tag = scan + at;
            let Some(len) = body[tag..].find("%}") else {
                break;
            };
            scan = tag + len + 2;
            if body[tag + 2..tag + len].trim_matches('-').trim() == "endraw" {
                end = scan;
                break;
            }
        }
        found.push(start..end);
        from = end;
    }
    found
}

/// The link around a liquid tag at `start..end`: `[text]({% .. %}#frag)`
/// gives the text and the fragment; a bare tag is its own text.
fn liquid_link(body: &str, start: usize, end: usize) -> Link {
    let tag = &one_line(&body[start..end]);
    let bare = Link {
        line: 0,
        text: tag.to_string(),
        target: tag.to_string(),
        offset: start,
        shown: None,
    };
    let Some(before) = body[..start].strip_suffix("](") else {
        return bare;
    };
    let Some(close) = body[end..].find(')') else {
        return bare;
    };
    let fragment = &body[end..end + close];
    if fragment.contains(char::is_whitespace) || fragment.contains('\n') {
        return bare;
    }
    let Some(open) = before.rfind('[') else {
        return bare;
    };
    let text = &before[open + 1..];
    if text.contains("\n\n") {
        return bare;
    }
    Link {
        line: 0,
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        target: format!("{tag}{fragment}"),
        offset: open,
        shown: None,
    }
}
