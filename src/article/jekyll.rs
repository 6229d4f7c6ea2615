//! What a Jekyll site's folders say about a file: a file under `_drafts`
//! is a draft, and a post (under `_posts` or `_drafts`) without a title is
//! titled by its slug, as Jekyll titles it.

use std::path::{Component, Path};

use super::Meta;

/// Marks `meta` by where `path` lies in the Jekyll site at `site_dir`.
pub(super) fn apply(path: &Path, site_dir: &Path, meta: &mut Meta) {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let within = absolute.strip_prefix(site_dir).unwrap_or(&absolute);
    let parent = within.parent().unwrap_or(Path::new(""));
    let mut folders = parent.components().filter_map(|c| match c {
        Component::Normal(name) => name.to_str(),
        _ => None,
    });
    if folders.any(|name| name == "_drafts") {
        meta.draft = true;
    }
}
