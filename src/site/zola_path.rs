//! The address Zola gives a file of its `content/` folder, as an internal
//! link `@/blog/post.md` writes it: the front matter's `path`, else the
//! folders and the page's `slug` (its file name without a date prefix, or
//! its folder's for an `index.md`), slugified as `slugify.paths` says;
//! a section's `_index.md` is its folder. The file's front matter is read,
//! nothing is run.

use super::Site;
use super::page_file::{self, PageFile};

/// The address of `written` (a path from `content/`, as after `@/`) in
/// the Zola `site`, under its base URL's path: `/blog/post/`; `None` for a
/// file that is not there or a path that leaves `content/`.
pub fn zola_url(site: &Site, written: &str) -> Option<String> {
    let path = page_file::inside(&site.content, written)?;
    let rel = path.strip_prefix(&site.content).ok()?;
    let page = PageFile::read(site, &path)?;
    let field = |key: &str| page.field(key);
    let mode = site
        .values
        .get("slugify.paths")
        .map_or("on", String::as_str);
    let slug = |s: &str| slugify(s, mode);
    if let Some(own) = field("path") {
        let own = own.trim_matches('/');
        let tail = if own.is_empty() || own.ends_with(".html") || own.ends_with(".xml") {
            ""
        } else {
            "/"
        };
        return Some(format!("{}/{own}{tail}", site.baseurl).replace("//", "/"));
    }
    let mut parts = page_file::folders(rel);
    let stem = rel.file_stem()?.to_str()?;
    match stem {
        "_index" => {}
        "index" => {
            // A page with its assets beside it: its folder is its name.
            let folder = parts.pop()?;
            parts.push(field("slug").map_or_else(|| page_slug(&folder), str::to_string));
        }
        _ => parts.push(field("slug").map_or_else(|| page_slug(stem), str::to_string)),
    }
    let mut url = site.baseurl.clone();
    url.push('/');
    for part in &parts {
        url.push_str(&slug(part));
        url.push('/');
    }
    Some(url)
}

/// A Zola internal link's target (`@/blog/a.md#part`) starting at `at`
/// in `text`, right after a link's `](` and right before its `)`, whose
/// file `content/` holds: where it ends and the address it shows
/// (`/blog/a/#part`); `None` for anything else (a title after it, a
/// missing file).
pub fn internal_link(site: &Site, text: &str, at: usize) -> Option<(usize, String)> {
    let rest = text.get(at..)?.strip_prefix("@/")?;
    if !text[..at].ends_with("](") {
        return None;
    }
    let len = rest.find([')', ' ', '\t', '\n', '"', '\\'])?;
    if !rest[len..].starts_with(')') {
        return None;
    }
    let (file, fragment) = match rest[..len].split_once('#') {
        Some((file, fragment)) => (file, Some(fragment)),
        None => (&rest[..len], None),
    };
    let mut url = zola_url(site, file)?;
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    Some((at + 2 + len, url))
}

/// A page's name from its file or folder name: without a date prefix
/// (`2024-05-01-name` or `2024-05-01_name`), as Zola takes it.
fn page_slug(name: &str) -> String {
    let bytes = name.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
        && matches!(bytes[10], b'-' | b'_');
    if dated {
        name[11..].to_string()
    } else {
        name.to_string()
    }
}

/// A part of a path as `slugify.paths` makes it: `on` transliterates to
/// lowercase ASCII with runs of other characters one `-`; `safe` and
/// `off` keep it (but for the characters `safe` drops).
fn slugify(part: &str, mode: &str) -> String {
    match mode {
        "off" => part.to_string(),
        "safe" => part
            .chars()
            .filter(|c| !"<>:/|?*#\\\"".contains(*c))
            .map(|c| if c.is_whitespace() { '-' } else { c })
            .collect(),
        _ => slug_on(part),
    }
}

/// `text` as Zola's default slug strategy (`on`, for paths and anchors
/// alike) makes it: transliterated to lowercase ASCII, every run of other
/// characters one `-`, none at the ends.
pub fn slug_on(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dated_name_loses_its_date_and_parts_are_slugified() {
        assert_eq!(page_slug("2024-05-01-first-light"), "first-light");
        assert_eq!(page_slug("2024-05-01_first"), "first");
        assert_eq!(page_slug("2024-notes"), "2024-notes");
        assert_eq!(slugify("Café Crème", "on"), "cafe-creme");
        assert_eq!(slugify("Café Crème", "off"), "Café Crème");
    }
}
