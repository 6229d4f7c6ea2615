//! The sites a walk passes through: the walk's root follows the rules of
//! the site it is in (or none), and a site found below the root (a folder
//! of several sites) rules its own folder, as it would if it were walked
//! alone: its `exclude:`, Jekyll's underscore folders, only `content/` of a
//! Hugo or Zola site, its time zone, taxonomies and headless pages. The
//! site of each folder is looked up once and kept, and only below a root
//! that is in no site.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::site::{Site, WalkRules};

/// Folders a site builds into or vendors into: never articles.
pub(super) const BUILD_FOLDERS: [&str; 5] = ["_site", "public", "node_modules", "vendor", "target"];

/// One site's part of a walk: its rules, the folder its ignore lines and
/// headless paths are anchored at, and its skip list.
#[derive(Debug)]
pub(super) struct Part {
    pub rules: WalkRules,
    /// Where `skip` and the rules' paths start: the walk's root as given
    /// for the root's own part, a nested site's folder (absolute) for its.
    pub anchor: PathBuf,
    pub skip: Gitignore,
}

impl Part {
    fn new(rules: WalkRules, anchor: PathBuf) -> Part {
        let skip = skip_list(&anchor, &rules);
        Part {
            rules,
            anchor,
            skip,
        }
    }

    /// True when the part's skip list leaves out `path` (as the walk
    /// names it, under `root`).
    pub fn skips(&self, sites: &Sites, path: &Path, is_dir: bool) -> bool {
        self.skip
            .matched(sites.anchored(self, path), is_dir)
            .is_ignore()
    }

    /// True when the part's site makes `path` (as the walk names it)
    /// headless.
    pub fn is_headless(&self, sites: &Sites, path: &Path) -> bool {
        let at = sites.anchored(self, path);
        let rel = at.strip_prefix(&self.anchor).unwrap_or(&at);
        self.rules.is_headless(rel)
    }
}

/// The walk's own skip list: the build folders, and the site's `exclude:`
/// entries (see [`WalkRules`]), anchored at `root`.
pub(super) fn skip_list(root: &Path, site: &WalkRules) -> Gitignore {
    let mut builder = GitignoreBuilder::new(root);
    for folder in BUILD_FOLDERS {
        let _ = builder.add_line(None, &format!("{folder}/"));
    }
    for line in &site.exclude {
        let _ = builder.add_line(None, line);
    }
    builder.build().unwrap_or_else(|_| Gitignore::empty())
}

/// The parts of a walk from one root, found as its folders are reached.
#[derive(Debug)]
pub(super) struct Sites {
    /// The root as the walk names it.
    root: PathBuf,
    /// The root, absolute.
    absolute: PathBuf,
    /// The root's own part.
    top: Arc<Part>,
    /// True when the root is inside a site.
    in_site: bool,
    /// Each folder's part, once looked up.
    folders: Mutex<HashMap<PathBuf, Arc<Part>>>,
    /// Each nested site's part, by its folder.
    nested: Mutex<HashMap<PathBuf, Arc<Part>>>,
}

impl Sites {
    /// The parts of a walk from `root`.
    pub fn new(root: &Path) -> Sites {
        let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        Sites {
            root: root.to_path_buf(),
            absolute,
            top: Arc::new(Part::new(WalkRules::of(root), root.to_path_buf())),
            in_site: Site::of(root).is_some(),
            folders: Mutex::default(),
            nested: Mutex::default(),
        }
    }

    /// The root's own part.
    #[cfg(test)]
    pub fn top(&self) -> &Part {
        &self.top
    }

    /// The part of the files in `folder` (as the walk names it): a nested
    /// site's when the folder or one above it (below the root) holds a
    /// site's config, else the root's. A root inside a site is that site's
    /// throughout (its own rules leave out what it does not build).
    pub fn of_folder(&self, folder: &Path) -> Arc<Part> {
        if self.in_site || folder == self.root || !folder.starts_with(&self.root) {
            return self.top.clone();
        }
        if let Some(known) = lock(&self.folders).get(folder) {
            return known.clone();
        }
        let above = match folder.parent() {
            Some(parent) => self.of_folder(parent),
            None => self.top.clone(),
        };
        let part = if !Arc::ptr_eq(&above, &self.top) {
            above
        } else if holds_config(folder)
            && let Some(site) = Site::of(folder)
            && site.dir != self.absolute
            && site.dir.starts_with(&self.absolute)
        {
            let mut nested = lock(&self.nested);
            nested
                .entry(site.dir.clone())
                .or_insert_with(|| {
                    let rules = WalkRules::from_site(&site, &site.dir);
                    Arc::new(Part::new(rules, site.dir.clone()))
                })
                .clone()
        } else {
            above
        };
        lock(&self.folders).insert(folder.to_path_buf(), part.clone());
        part
    }

    /// The part of the file or folder at `path` (as the walk names it):
    /// that of the folder holding it.
    pub fn of(&self, path: &Path) -> Arc<Part> {
        match path.parent() {
            Some(folder) if path != self.root => self.of_folder(folder),
            _ => self.top.clone(),
        }
    }

    /// `path` as `part`'s skip list and rules name it: as walked for the
    /// root's part, absolute for a nested site's.
    fn anchored<'p>(&self, part: &Part, path: &'p Path) -> Cow<'p, Path> {
        if std::ptr::eq(part, &*self.top) {
            return Cow::Borrowed(path);
        }
        match path.strip_prefix(&self.root) {
            Ok(rel) => Cow::Owned(self.absolute.join(rel)),
            Err(_) => Cow::Borrowed(path),
        }
    }
}

/// True when `folder` holds a name a site's config is read from: one
/// listing of the folder, where asking for each name costs a dozen
/// lookups in every folder of a library that is no site.
fn holds_config(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| crate::site::config::is_config_name(&e.file_name()))
    })
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_below_the_root_rules_its_own_folder() {
        let dir = tempfile::tempdir().expect("a folder");
        let hugo = dir.path().join("docs-site");
        std::fs::create_dir_all(hugo.join("content")).expect("content/");
        std::fs::create_dir_all(hugo.join("themes/x")).expect("themes/");
        std::fs::write(hugo.join("hugo.toml"), "title = \"Docs\"\n").expect("config");
        std::fs::create_dir_all(dir.path().join("notes")).expect("notes/");
        let sites = Sites::new(dir.path());
        let plain = sites.of(&dir.path().join("notes/a.md"));
        assert!(std::ptr::eq(&*plain, sites.top()));
        let part = sites.of(&hugo.join("themes"));
        assert!(part.skips(&sites, &hugo.join("themes"), true));
        assert!(!part.skips(&sites, &hugo.join("content"), true));
        // The site's own folder is the root's: it is walked into.
        assert!(!sites.of(&hugo).skips(&sites, &hugo, true));
    }
}
