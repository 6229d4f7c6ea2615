//! What a site tells a walk over its folder: the paths its config leaves
//! out (Jekyll `exclude:`), the pages its config makes headless (a Hugo
//! config-level `cascade` with `_target.path`), and how its front matter
//! reads ([`SiteRules`]: time zone, taxonomies). One value, read from the
//! one [`Site`], for every walker: the library screen, `list`, `tags`,
//! `links` and `search`.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::{Generator, Site};
use crate::article::SiteRules;

/// A site's rules for a walk from one folder (the walk's root).
#[derive(Debug, Clone, Default)]
pub struct WalkRules {
    /// How the site's front matter reads.
    pub reading: SiteRules,
    /// The site's `exclude:` entries as ignore lines anchored at the walk's
    /// root (`/notes-private/`; entries outside the root are left out), for
    /// Jekyll the underscore folders it builds nothing from, and at a Hugo
    /// or Zola site's root all but `content/`.
    pub exclude: Vec<String>,
    /// The config's headless targets, and where they are matched from.
    headless: Option<Headless>,
}

/// Headless targets: globs over Hugo page paths (`/docs/snippets/**`).
#[derive(Debug, Clone)]
struct Headless {
    globs: GlobSet,
    /// The walk's root, absolute.
    root: PathBuf,
    /// The site's `content/`, absolute.
    content: PathBuf,
}

impl WalkRules {
    /// The rules of the site `root` is in (walking up from it), or none
    /// outside a site.
    pub fn of(root: &Path) -> WalkRules {
        match Site::of(root) {
            Some(site) => WalkRules::from_site(&site, root),
            None => WalkRules::default(),
        }
    }

    /// `site`'s rules for a walk from `root`, a folder inside it.
    pub fn from_site(site: &Arc<Site>, root: &Path) -> WalkRules {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let mut exclude = match root.strip_prefix(&site.dir) {
            Ok(below) => anchored(&site.exclude, below),
            Err(_) => Vec::new(),
        };
        if site.generator == Generator::Jekyll {
            exclude.extend(underscore_folders(&site.collections, &site.include));
        }
        if root == site.dir
            && let Ok(content) = site.content.strip_prefix(&site.dir)
            && !content.as_os_str().is_empty()
        {
            // At a Hugo or Zola site's root only `content/` is built:
            // archetypes, themes and their example sites are not articles.
            exclude.push("/*".to_string());
            exclude.push(format!("!/{}/", slashed(content)));
        }
        WalkRules {
            reading: site.rules.clone(),
            exclude,
            headless: headless(&site.headless_paths).map(|globs| Headless {
                globs,
                root,
                content: site.content.clone(),
            }),
        }
    }

    /// True when the config makes the page at `rel` (relative to the
    /// walk's root) headless: not listed, still read by path.
    pub fn is_headless(&self, rel: &Path) -> bool {
        let Some(h) = &self.headless else {
            return false;
        };
        let full = h.root.join(rel);
        let Ok(page) = full.strip_prefix(&h.content) else {
            return false;
        };
        page_paths(page).iter().any(|p| h.globs.is_match(p))
    }
}

/// Jekyll `exclude:` entries (relative to the site's folder) as ignore
/// lines anchored at a walk root `below` the site's folder.
fn anchored(entries: &[String], below: &Path) -> Vec<String> {
    let prefix = slashed(below);
    entries
        .iter()
        .filter_map(|item| {
            let item = item.trim();
            if item.is_empty() || item.starts_with('#') || item.starts_with('!') {
                return None;
            }
            let item = item.trim_start_matches("./").trim_start_matches('/');
            if prefix.is_empty() {
                return Some(format!("/{item}"));
            }
            let rest = item.strip_prefix(prefix.as_str())?.strip_prefix('/')?;
            (!rest.is_empty()).then(|| format!("/{rest}"))
        })
        .collect()
}

/// Jekyll builds no page from a file or folder whose name starts with `_`
/// (`_includes`, `_layouts`, `_data`, `_sass`) but `_posts`, `_drafts`,
/// the collections the config declares and what its `include:` names: as
/// ignore lines, at any depth.
fn underscore_folders(collections: &[String], include: &[String]) -> Vec<String> {
    let mut lines = vec!["_*".to_string(), "!_posts/".into(), "!_drafts/".into()];
    let plain = |name: &&str| !name.is_empty() && !name.contains(['*', '?', '[', '\\', '!']);
    lines.extend(
        collections
            .iter()
            .map(|c| c.trim().trim_matches('/'))
            .filter(plain)
            .map(|c| format!("!_{c}/")),
    );
    lines.extend(
        include
            .iter()
            .map(|i| i.trim().trim_start_matches("./").trim_matches('/'))
            .filter(|i| i.starts_with('_'))
            .filter(plain)
            .map(|i| format!("!{i}")),
    );
    lines
}

/// Hugo's headless targets as one glob set (`*` stops at `/`, `**` does
/// not, `{a,b}` alternates); `None` when there are none that parse.
fn headless(paths: &[String]) -> Option<GlobSet> {
    let mut set = GlobSetBuilder::new();
    let mut any = false;
    for path in paths {
        let glob = GlobBuilder::new(path.trim())
            .literal_separator(true)
            .case_insensitive(true)
            .build();
        if let Ok(glob) = glob {
            set.add(glob);
            any = true;
        }
    }
    any.then(|| set.build().ok()).flatten()
}

/// The Hugo paths of the page at `page` (relative to `content/`): the file
/// without its extension (`/docs/setup`), and for a bundle's `index.md` or
/// a section's `_index.md` the folder (`/docs`).
fn page_paths(page: &Path) -> Vec<String> {
    let mut parts: Vec<String> = page
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let Some(last) = parts.pop() else {
        return Vec::new();
    };
    let stem = Path::new(&last)
        .file_stem()
        .map_or(last.clone(), |s| s.to_string_lossy().into_owned());
    let folder = format!("/{}", parts.join("/"));
    let folder = if parts.is_empty() {
        "/".to_string()
    } else {
        folder
    };
    let file = format!("{}/{stem}", folder.trim_end_matches('/'));
    if stem == "index" || stem == "_index" {
        vec![folder, file]
    } else {
        vec![file]
    }
}

/// A relative path with `/` between its parts.
fn slashed(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excludes_are_anchored_at_the_walk_root() {
        let entries = vec![
            "notes/".to_string(),
            "/Gemfile".to_string(),
            "content/drafts".to_string(),
            "!keep".to_string(),
            String::new(),
        ];
        assert_eq!(
            anchored(&entries, Path::new("")),
            ["/notes/", "/Gemfile", "/content/drafts"]
        );
        assert_eq!(anchored(&entries, Path::new("content")), ["/drafts"]);
    }

    #[test]
    fn jekyll_keeps_posts_drafts_collections_and_includes_of_its_underscores() {
        let lines = underscore_folders(&["recipes".into()], &["_pages".into(), "about.md".into()]);
        let mut builder = ignore::gitignore::GitignoreBuilder::new("/site");
        for line in &lines {
            builder.add_line(None, line).expect("a line");
        }
        let set = builder.build().expect("the set");
        let skipped = |path: &str, dir: bool| set.matched(Path::new(path), dir).is_ignore();
        assert!(skipped("/site/_includes", true));
        assert!(skipped("/site/_notes.md", false));
        assert!(skipped("/site/blog/_layouts", true));
        assert!(!skipped("/site/_posts", true));
        assert!(!skipped("/site/blog/_posts", true));
        assert!(!skipped("/site/_drafts", true));
        assert!(!skipped("/site/_recipes", true));
        assert!(!skipped("/site/_pages", true));
        assert!(!skipped("/site/about.md", false));
    }

    #[test]
    fn page_paths_name_bundles_by_their_folder() {
        assert_eq!(page_paths(Path::new("docs/setup.md")), ["/docs/setup"]);
        assert_eq!(
            page_paths(Path::new("docs/snippets/_index.md")),
            ["/docs/snippets", "/docs/snippets/_index"]
        );
        assert_eq!(page_paths(Path::new("about.md")), ["/about"]);
    }

    #[test]
    fn headless_globs_match_hugo_paths() {
        let set = headless(&["/docs/snippets/**".to_string(), "{/a,/b/*}".to_string()])
            .expect("globs parse");
        assert!(set.is_match("/docs/snippets/x"));
        assert!(set.is_match("/docs/snippets/deep/y"));
        assert!(!set.is_match("/docs/setup"));
        assert!(set.is_match("/a"));
        assert!(set.is_match("/b/c"));
        assert!(!set.is_match("/b/c/d"));
    }
}
