//! Hugo's page lookup, as its `ref`/`relref` and `GetPage` do it: beside
//! the page, then from the content root; `.md` optional; a folder is its
//! `_index.md` or `index.md` bundle; names compared without case; last, a
//! page named so once anywhere in the site.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::path::{is_markdown, join_tidy};
use crate::site::IndexEntry;

/// A site's markdown pages by their path in lowercase, for lookups
/// without case.
pub(super) type Lowercase = HashMap<String, PathBuf>;

/// The [`Lowercase`] map of a site's index.
pub(super) fn lowercase(pages: &[IndexEntry]) -> Lowercase {
    pages
        .iter()
        .map(|e| (e.path.to_string_lossy().to_lowercase(), e.path.clone()))
        .collect()
}

/// The page `path` names, asked from the page in `page_dir` of the site
/// whose content root is `content`; `pages` are the site's pages (`lower`
/// the same by lowercase path) for the lookups without case and by name.
pub(super) fn lookup(
    content: &Path,
    page_dir: &Path,
    path: &str,
    pages: &[IndexEntry],
    lower: &Lowercase,
) -> Result<PathBuf, String> {
    let path = path.trim();
    let rel = path.trim_start_matches('/');
    let bases: Vec<&Path> = if path.starts_with('/') {
        vec![content]
    } else {
        vec![page_dir, content]
    };
    for base in bases {
        if let Some(found) = page(base, rel, lower) {
            return Ok(found);
        }
    }
    if path.starts_with('/') {
        return Err(format!("no page {path} in {}", content.display()));
    }
    by_name(rel, pages)
}

/// The page `rel` names under `base`: the file, `rel.md`, or the bundle;
/// names as written first, then without case.
pub(super) fn page(base: &Path, rel: &str, lower: &Lowercase) -> Option<PathBuf> {
    let rel = rel.trim_end_matches('/');
    let joined = join_tidy(base, Path::new(rel));
    let mut names: Vec<PathBuf> = Vec::with_capacity(4);
    if !rel.is_empty() {
        names.push(joined.clone());
        if !is_markdown(&joined) {
            names.push(joined.with_extension("md"));
        }
    }
    names.push(joined.join("_index.md"));
    names.push(joined.join("index.md"));
    if let Some(exact) = names.iter().find(|name| name.is_file()) {
        return Some(exact.clone());
    }
    names
        .iter()
        .find_map(|name| lower.get(&name.to_string_lossy().to_lowercase()).cloned())
}

/// The one page of the site whose name (file stem, or folder for a
/// bundle) is `rel`'s last name.
fn by_name(rel: &str, pages: &[IndexEntry]) -> Result<PathBuf, String> {
    let wanted = Path::new(rel.trim_end_matches('/'));
    let wanted_name = wanted
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let single = wanted.components().count() == 1;
    if !single {
        return Err(format!(
            "no page {rel} (looked beside the page and from content/)"
        ));
    }
    let found: Vec<&PathBuf> = pages
        .iter()
        .map(|e| &e.path)
        .filter(|p| is_named(p, &wanted_name))
        .collect();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(format!(
            "no page {rel} (looked beside the page and from content/)"
        )),
        many => {
            let names: Vec<String> = many.iter().map(|p| p.display().to_string()).collect();
            Err(format!("{rel} could be any of {}", names.join(", ")))
        }
    }
}

/// True when the page at `path` is named `wanted` (lowercase): its file
/// stem, or its folder's name for `index.md` and `_index.md`.
fn is_named(path: &Path, wanted: &str) -> bool {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    let name = if stem == "index" || stem == "_index" {
        path.parent()
            .and_then(Path::file_name)
            .and_then(|s| s.to_str())
            .unwrap_or(stem)
    } else {
        stem
    };
    name.eq_ignore_ascii_case(wanted) || (!name.is_ascii() && name.to_lowercase() == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn pages_bundles_case_and_names() {
        let dir = tempfile::tempdir().expect("temp");
        let content = dir.path().join("content");
        let write = |rel: &str| {
            let p = content.join(rel);
            fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            fs::write(&p, "# x\n").expect("write");
            p
        };
        let install = write("docs/Install.md");
        let bundle = write("docs/guide/index.md");
        let section = write("docs/_index.md");
        let other = write("blog/post.md");
        let pages = crate::site::index(&content);
        let lower = lowercase(&pages);
        let docs = content.join("docs");
        let find = |from: &Path, p: &str| lookup(&content, from, p, &pages, &lower);
        assert_eq!(find(&docs, "install"), Ok(install.clone()));
        assert_eq!(find(&docs, "install.md"), Ok(install.clone()));
        assert_eq!(find(&docs, "guide"), Ok(bundle.clone()));
        assert_eq!(find(&docs, "/docs/"), Ok(section));
        assert_eq!(find(&docs, "blog/post"), Ok(other.clone()));
        assert_eq!(find(&docs, "../blog/post.md"), Ok(other.clone()));
        assert_eq!(find(&content.join("blog"), "post"), Ok(other));
        assert_eq!(find(&content.join("blog"), "guide"), Ok(bundle));
        assert!(find(&docs, "/guide").is_err());
        assert!(find(&docs, "nowhere").is_err());
    }
}
