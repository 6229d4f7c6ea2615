//! A page file of a site read for the address its generator gives it: a
//! path as a tag writes it kept inside its folder, and the page's front
//! matter read once for its text fields and dates (Jekyll's `{% link %}`,
//! Hugo's `ref`, Zola's `@/` links all ask the same of a page).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use super::Site;
use crate::article::{FrontMatterKind, Meta, decode_cow, front_matter};

/// `written` (a path from `root`, as a tag writes it) under `root`; `None`
/// for a path that leaves it.
pub(super) fn inside(root: &Path, written: &str) -> Option<PathBuf> {
    let rel = Path::new(written.trim().trim_start_matches('/'));
    let normal = rel
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    normal.then(|| root.join(rel))
}

/// The folders of `rel` (a page's path), outermost first.
pub(super) fn folders(rel: &Path) -> Vec<String> {
    rel.parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|c| c.as_os_str().to_str())
        .map(str::to_string)
        .collect()
}

/// A page's front matter: its top-level text fields and lists of texts,
/// and what quire reads of it.
pub(super) struct PageFile {
    fields: HashMap<String, String>,
    lists: HashMap<String, Vec<String>>,
    /// The title, date and more, as quire reads them.
    pub meta: Meta,
}

impl PageFile {
    /// Reads the page at `path` of `site`; `None` when it cannot be read.
    pub fn read(site: &Site, path: &Path) -> Option<PageFile> {
        let bytes = crate::article::read_file(path).ok()?;
        let (text, _) = decode_cow(path, &bytes);
        let mut warnings = Vec::new();
        let (split, meta) = front_matter::read_in(path, &text, &mut warnings, &site.rules);
        let mut page = PageFile {
            fields: HashMap::new(),
            lists: HashMap::new(),
            meta,
        };
        match split.kind {
            FrontMatterKind::Toml => {
                for (key, value) in toml::from_str::<toml::Table>(split.raw).unwrap_or_default() {
                    match value {
                        toml::Value::String(s) => {
                            page.fields.insert(key, s);
                        }
                        toml::Value::Array(items) => {
                            let texts = items.iter().filter_map(|v| v.as_str());
                            page.lists.insert(key, texts.map(str::to_string).collect());
                        }
                        _ => {}
                    }
                }
            }
            FrontMatterKind::Yaml => {
                let map =
                    serde_yaml::from_str::<serde_yaml::Mapping>(split.raw).unwrap_or_default();
                for (key, value) in map {
                    let Some(key) = key.as_str().map(str::to_string) else {
                        continue;
                    };
                    match value {
                        serde_yaml::Value::String(s) => {
                            page.fields.insert(key, s);
                        }
                        serde_yaml::Value::Sequence(items) => {
                            let texts = items.iter().filter_map(|v| v.as_str());
                            page.lists.insert(key, texts.map(str::to_string).collect());
                        }
                        _ => {}
                    }
                }
            }
            FrontMatterKind::None => {}
        }
        Some(page)
    }

    /// The text field `key`, trimmed; `None` when missing, empty or not text.
    pub fn field(&self, key: &str) -> Option<&str> {
        self.fields
            .get(key)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    /// The words of field `key`: a text split at spaces, or a list's texts.
    pub fn words(&self, key: &str) -> Vec<String> {
        match (self.fields.get(key), self.lists.get(key)) {
            (Some(text), _) => text.split_whitespace().map(str::to_string).collect(),
            (None, Some(list)) => list.clone(),
            (None, None) => Vec::new(),
        }
    }
}
