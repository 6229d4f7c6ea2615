//! The pages of a site that are not markdown (an `index.html` with
//! `permalink: /`), and the other addresses a page answers at
//! (jekyll-redirect-from's `redirect_from`, Hugo's `aliases`).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::article::FrontMatterKind;

/// Folders a generator builds into or keeps its machinery in: their HTML
/// files are output or layouts, not pages.
const NOT_PAGES: [&str; 5] = ["public", "node_modules", "vendor", "target", "resources"];

/// The HTML files under `root` that open with front matter (the pages a
/// generator renders), sorted; `_` and dot folders skipped.
pub fn html_pages(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    walk(root, &mut files, 0);
    files.sort();
    files
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, depth: usize) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let bytes = name.as_encoded_bytes();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            let skipped = matches!(bytes.first(), Some(b'.' | b'_'))
                || NOT_PAGES.iter().any(|n| n.as_bytes() == bytes);
            if !skipped && depth < 32 {
                walk(&path, files, depth + 1);
            }
        } else if kind.is_file() && is_html(&path) && opens_with_front_matter(&path) {
            files.push(path);
        }
    }
}

fn is_html(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

fn opens_with_front_matter(path: &Path) -> bool {
    let mut head = [0u8; 3];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && (&head == b"---" || &head == b"+++")
}

/// The front matter keys that list a page's other addresses.
const REDIRECT_KEYS: [&str; 2] = ["redirect_from", "aliases"];

/// The other addresses `raw` front matter gives its page, as site paths
/// tidied like permalinks.
pub(super) fn redirects(kind: FrontMatterKind, raw: &str) -> Vec<String> {
    if !REDIRECT_KEYS.iter().any(|k| raw.contains(k)) {
        return Vec::new();
    }
    let value: serde_json::Value = match kind {
        FrontMatterKind::None => return Vec::new(),
        FrontMatterKind::Yaml => serde_yaml::from_str(raw).unwrap_or_default(),
        FrontMatterKind::Toml => toml::from_str::<toml::Table>(raw)
            .ok()
            .and_then(|t| serde_json::to_value(t).ok())
            .unwrap_or_default(),
    };
    let mut found = Vec::new();
    for key in REDIRECT_KEYS {
        match value.get(key) {
            Some(serde_json::Value::String(one)) => found.push(one.clone()),
            Some(serde_json::Value::Array(many)) => {
                found.extend(many.iter().filter_map(|v| v.as_str().map(str::to_string)));
            }
            _ => {}
        }
    }
    found
        .iter()
        .map(|p| super::tidy_site_path(p).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_from_yaml_lists_strings_and_toml_aliases() {
        let yaml = "title: x\nredirect_from:\n  - /old/\n  - /older.html\n";
        assert_eq!(redirects(FrontMatterKind::Yaml, yaml), ["old", "older"]);
        assert_eq!(
            redirects(FrontMatterKind::Yaml, "redirect_from: /one/\n"),
            ["one"]
        );
        assert_eq!(
            redirects(FrontMatterKind::Toml, "aliases = [\"/a/b/\"]\n"),
            ["a/b"]
        );
        assert!(redirects(FrontMatterKind::Yaml, "title: x\n").is_empty());
    }

    #[test]
    fn html_pages_have_front_matter_and_live_outside_machinery() {
        let dir = tempfile::tempdir().expect("temp");
        let d = dir.path();
        for folder in ["_layouts", "docs", "public"] {
            fs::create_dir_all(d.join(folder)).expect("mkdir");
        }
        for (rel, text) in [
            ("index.html", "---\npermalink: /\n---\n<h1>Home</h1>\n"),
            ("docs/plain.html", "<p>no front matter</p>\n"),
            ("docs/page.html", "---\ntitle: P\n---\n"),
            ("_layouts/default.html", "---\n---\n{{ content }}\n"),
            ("public/index.html", "---\n---\n"),
        ] {
            fs::write(d.join(rel), text).expect("write");
        }
        let found: Vec<PathBuf> = html_pages(d)
            .iter()
            .map(|p| p.strip_prefix(d).unwrap_or(p).to_path_buf())
            .collect();
        assert_eq!(
            found,
            [PathBuf::from("docs/page.html"), PathBuf::from("index.html")]
        );
    }
}
