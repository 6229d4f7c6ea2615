//! The address Hugo gives the page a `{{< ref >}}` or `{{< relref >}}`
//! names, for a site that leaves addresses to Hugo's defaults: the file
//! looked up beside the page, then from `content/` (`.md` optional, a
//! bundle's `index.md` or a section's `_index.md`), and its address its
//! folders and file name (or front matter `slug`), lowercased, or its
//! front matter `url`. A site with `[permalinks]` or `uglyURLs` gets
//! `None`: only a build can tell. The file's front matter is read,
//! nothing is run.

use std::path::{Component, Path, PathBuf};

use super::Site;
use super::page_file::{self, PageFile};

/// The address of the page `written` (as a `ref` names it, with its
/// `#fragment`) from the page at `from`, under the base URL's path:
/// `/posts/tyres/#pressure`; `None` when the file is not found where
/// Hugo looks first, or the site names its own address patterns.
pub fn ref_url(site: &Site, from: &Path, written: &str) -> Option<String> {
    let custom = site
        .values
        .keys()
        .any(|k| k.starts_with("permalinks.") || k.eq_ignore_ascii_case("uglyurls"));
    if custom {
        return None;
    }
    let (name, fragment) = match written.split_once('#') {
        Some((name, fragment)) => (name.trim(), Some(fragment)),
        None => (written.trim(), None),
    };
    let rel = Path::new(name.trim_start_matches('/'));
    if name.is_empty()
        || rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return None;
    }
    let beside = from.parent().filter(|_| !name.starts_with('/'));
    let file = beside
        .into_iter()
        .chain([site.content.as_path()])
        .find_map(|dir| page_file(&dir.join(rel)))?;
    let mut url = page_url(site, &file)?;
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    Some(url)
}

/// The markdown file `path` names: itself, with `.md`, or a folder's
/// `_index.md` or `index.md`.
fn page_file(path: &Path) -> Option<PathBuf> {
    if path.is_file() {
        return Some(path.to_path_buf());
    }
    let with_md = path.with_extension("md");
    let candidates = [with_md, path.join("_index.md"), path.join("index.md")];
    candidates.into_iter().find(|p| p.is_file())
}

/// The default address of the page in `file`.
fn page_url(site: &Site, file: &Path) -> Option<String> {
    let file = &file.canonicalize().ok()?;
    let content = site.content.canonicalize().ok()?;
    let rel = file.strip_prefix(&content).ok()?;
    let page = PageFile::read(site, file)?;
    let value = |key: &str| page.field(key).map(str::to_string);
    if let Some(own) = value("url") {
        return Some(format!("{}/{}", site.baseurl, own.trim_start_matches('/')));
    }
    let mut parts = page_file::folders(rel);
    let stem = rel.file_stem()?.to_str()?;
    match stem {
        "_index" => {}
        "index" => {
            if let (Some(slug), Some(last)) = (value("slug"), parts.last_mut()) {
                *last = slug;
            }
        }
        _ => parts.push(value("slug").unwrap_or_else(|| stem.to_string())),
    }
    let mut url = site.baseurl.clone();
    url.push('/');
    for part in &parts {
        url.push_str(&part.to_lowercase().replace(' ', "-"));
        url.push('/');
    }
    Some(url)
}
