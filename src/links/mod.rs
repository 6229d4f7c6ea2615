//! Links: an article's links found ([`links`]) and each target resolved
//! ([`Resolver::resolve`]) to a section of this article, another file of the
//! library (and a section of it), an external URL, or a refusal with the
//! reason. No terminal types.
//!
//! A [`Resolver`] is the precomputed site context: it caches each folder's
//! site config, each site's index of articles by date and slug, and each
//! target file's anchors, so checking a whole folder parses every file once
//! and following one link in the reader costs a few `stat`s.

pub mod backlinks;
pub mod embeds;
mod extract;
mod hugo;
pub mod hyperlink;
mod ids;
mod path;
mod resolve;
pub mod settings;
mod template;
mod templated;
pub mod wiki;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use extract::{Link, links};
pub use path::{percent_decode, split_fragment};

use crate::article::Article;
use crate::site::{self, Generator, IndexEntry, SiteConfig};
use settings::Settings;

/// What a link target turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A section (or the top, with no anchor) of the same article.
    Anchor,
    /// A local file, maybe a section of it.
    File,
    /// An external `http(s)://` or `mailto:` address.
    Url,
    /// A local target that does not exist (or names several files).
    Unresolved,
    /// A target quire will not follow (`javascript:`, `data:`, a control character, ..).
    Refused,
    /// A target written as a template that only a build of the site can
    /// tell (`{{% eturl x %}}`, `{{ page.url }}`): listed, never broken.
    Template,
    /// A `[[wikilink]]` or `![[embed]]` to a note (maybe a heading or block
    /// of it) or another file of the vault.
    Wikilink,
    /// A page the site's generator makes with no article behind it (a tag's
    /// page, a feed, the sitemap): listed, never broken.
    Generated,
}

impl Kind {
    /// The name used in `quire links` output.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Anchor => "anchor",
            Kind::File => "file",
            Kind::Url => "url",
            Kind::Unresolved => "unresolved",
            Kind::Refused => "refused",
            Kind::Template => "template",
            Kind::Wikilink => "wikilink",
            Kind::Generated => "generated",
        }
    }

    /// True for a place in a file: a section, a file, a wikilink's note.
    pub fn is_place(self) -> bool {
        matches!(self, Kind::Anchor | Kind::File | Kind::Wikilink)
    }
}

/// Where a link target leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// What it is.
    pub kind: Kind,
    /// The file it leads to (this article's path for an [`Kind::Anchor`]).
    pub path: Option<PathBuf>,
    /// The heading anchor in that file, when the target names one.
    pub anchor: Option<String>,
    /// The address to open, for a [`Kind::Url`].
    pub url: Option<String>,
    /// Why it is unresolved or refused, or why its anchor is broken.
    pub reason: Option<String>,
    /// The outline's anchor of the section `anchor` names, when the site
    /// names it otherwise (a kramdown `{: #id}`, a Hugo id): where to land.
    pub landing: Option<String>,
}

impl Resolution {
    fn place(kind: Kind, path: PathBuf, anchor: Option<String>) -> Resolution {
        Resolution {
            kind,
            path: Some(path),
            anchor,
            url: None,
            reason: None,
            landing: None,
        }
    }

    fn url(url: String) -> Resolution {
        Resolution {
            kind: Kind::Url,
            path: None,
            anchor: None,
            url: Some(url),
            reason: None,
            landing: None,
        }
    }

    fn unresolved(reason: String) -> Resolution {
        Resolution::failed(Kind::Unresolved, reason)
    }

    fn refused(reason: String) -> Resolution {
        Resolution::failed(Kind::Refused, reason)
    }

    fn failed(kind: Kind, reason: String) -> Resolution {
        Resolution {
            kind,
            path: None,
            anchor: None,
            url: None,
            reason: Some(reason),
            landing: None,
        }
    }

    fn generated(what: String) -> Resolution {
        Resolution::failed(Kind::Generated, what)
    }

    fn template(written: String) -> Resolution {
        Resolution::failed(
            Kind::Template,
            format!("known only when the site is built: {written}"),
        )
    }

    /// The anchor to land on in the file it leads to: the outline's own
    /// name of the section when the site names it otherwise.
    pub fn landing_anchor(&self) -> Option<&str> {
        self.landing.as_deref().or(self.anchor.as_deref())
    }

    /// True when a link checker should report it: the target does not
    /// exist, or its `#anchor` names no heading of the file it leads to.
    /// Refused targets are not broken: they are not followed on purpose.
    pub fn is_broken(&self) -> bool {
        match self.kind {
            Kind::Unresolved => true,
            Kind::Anchor | Kind::File | Kind::Wikilink => self.reason.is_some(),
            Kind::Url | Kind::Refused | Kind::Template | Kind::Generated => false,
        }
    }
}

/// The anchors a file can be entered at: its outline's anchors, the ids
/// its HTML declares, and the ids its site's generator gives its sections.
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    names: HashSet<String>,
    /// A site's id of a heading -> the outline's anchor of that heading,
    /// where they differ.
    landing: HashMap<String, String>,
}

impl Anchors {
    /// True when `anchor` names a place in the file.
    pub fn contains(&self, anchor: &str) -> bool {
        self.names.contains(anchor)
    }

    /// The outline's anchor of the heading a site's id names.
    pub fn landing(&self, anchor: &str) -> Option<&str> {
        self.landing.get(anchor).map(String::as_str)
    }

    /// How many names it holds.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Resolves link targets, caching what it learns from the disk: site
/// configs by folder, site indexes by root, anchors by file. Make one per
/// library (or per article opened alone) and reuse it across calls.
#[derive(Debug, Default)]
pub struct Resolver {
    /// The library folder the articles belong to, when there is one.
    library: Option<PathBuf>,
    /// The site config found above each folder asked about.
    configs: HashMap<PathBuf, Option<Arc<SiteConfig>>>,
    /// What links read of each site's config, by the config's folder.
    settings: HashMap<PathBuf, Arc<Settings>>,
    /// Each site root's articles, by URL names; built on first need.
    indexes: HashMap<PathBuf, Arc<Vec<IndexEntry>>>,
    /// Each file's anchors; `None` when it could not be read.
    anchors: HashMap<PathBuf, Option<Arc<Anchors>>>,
    /// The pages of the indexed sites that set their own URL, by file.
    page_urls: HashMap<PathBuf, String>,
    /// Each site root's pages by lowercase path, for Hugo's lookups.
    lowercase: HashMap<PathBuf, Arc<hugo::Lowercase>>,
    /// The bodies of files pulled in by Hugo's `include`, by the folder
    /// asked from and the path written.
    included: HashMap<(PathBuf, String), Option<Arc<str>>>,
    /// The vaults and notes wikilinks were resolved in.
    wiki: wiki::WikiCache,
}

impl Resolver {
    /// A resolver for the articles of `library` (a folder), or for articles
    /// opened on their own with `None`.
    pub fn new(library: Option<&Path>) -> Resolver {
        Resolver {
            library: library.map(Path::to_path_buf),
            ..Resolver::default()
        }
    }

    /// Says what `target`, a link in `article`, leads to.
    pub fn resolve(&mut self, article: &Article, target: &str) -> Resolution {
        resolve::resolve(self, article, target)
    }

    /// Every link of `article` with where it leads, parsing the body once.
    pub fn resolve_all(&mut self, article: &Article) -> Vec<(Link, Resolution)> {
        let scan = extract::scan(&article.body, article.body_line);
        self.remember_anchors(article, &scan.html_ids);
        scan.links
            .into_iter()
            .map(|mut link| {
                link.line = article.file_line(link.line);
                let resolution = self.resolve(article, &link.target);
                (link, resolution)
            })
            .collect()
    }

    /// Drops what is cached about `path` (after it changed on disk).
    pub fn forget(&mut self, path: &Path) {
        self.anchors.remove(path);
        self.indexes.clear();
        self.lowercase.clear();
        self.included.clear();
        self.wiki.forget(path);
    }

    /// The anchors of `article`: its outline's, its HTML ids, its site's ids.
    fn remember_anchors(&mut self, article: &Article, html_ids: &[String]) -> Arc<Anchors> {
        let mut anchors = Anchors::default();
        anchors.names.extend(html_ids.iter().cloned());
        if !self.add_site_ids(article, &mut anchors) {
            anchors
                .names
                .extend(article.outline.iter().map(|h| h.anchor().to_string()));
        }
        let anchors = Arc::new(anchors);
        self.anchors
            .insert(article.path.clone(), Some(Arc::clone(&anchors)));
        anchors
    }

    /// Adds the ids the generator of the site `article` is in gives its
    /// sections (none outside a site). True when they are the only names
    /// of its headings: Zola's rule is the whole truth of a Zola page, so
    /// the outline's own (GitHub's) ids are not also taken.
    fn add_site_ids(&mut self, article: &Article, anchors: &mut Anchors) -> bool {
        let dir = article.path.parent().unwrap_or(Path::new(""));
        let Some(config) = self.config(dir) else {
            return false;
        };
        let rules = match config.generator {
            Generator::Jekyll => ids::Rules::Kramdown,
            Generator::Hugo => ids::Rules::Hugo {
                terms: self.settings(&config).term_ids,
            },
            Generator::Zola => ids::Rules::Zola(self.settings(&config).zola_anchors),
        };
        let only = config.generator == Generator::Zola;
        let cache = &mut self.included;
        let mut include = |written: &str| {
            let from = if written.starts_with('/') {
                config.dir.clone()
            } else {
                dir.to_path_buf()
            };
            cache
                .entry((from, written.to_string()))
                .or_insert_with(|| resolve::included(&config, dir, written).map(Arc::from))
                .as_deref()
                .map(str::to_string)
        };
        for site_id in ids::site_ids(&article.body, rules, &mut include) {
            let heading = site_id
                .offset
                .and_then(|at| article.outline.iter().find(|h| h.offset() == at));
            if let Some(heading) = heading {
                let outline = heading.anchor();
                if outline != site_id.id.as_str() {
                    anchors.landing.insert(site_id.id.clone(), outline.into());
                }
            }
            anchors.names.insert(site_id.id);
        }
        only
    }

    /// The ids a Zola site gives `article`'s headings, by each heading's
    /// body offset: the names `quire outline` gives them there (empty
    /// outside a Zola site, where the outline's own ids hold).
    pub fn zola_heading_ids(&mut self, article: &Article) -> HashMap<usize, String> {
        let dir = article.path.parent().unwrap_or(Path::new(""));
        let Some(config) = self.config(dir) else {
            return HashMap::new();
        };
        if config.generator != Generator::Zola {
            return HashMap::new();
        }
        let rules = ids::Rules::Zola(self.settings(&config).zola_anchors);
        ids::site_ids(&article.body, rules, &mut |_| None)
            .into_iter()
            .filter_map(|s| Some((s.offset?, s.id)))
            .collect()
    }

    /// The anchors of `article` itself, cached.
    fn own_anchors(&mut self, article: &Article) -> Arc<Anchors> {
        if let Some(Some(anchors)) = self.anchors.get(&article.path) {
            return Arc::clone(anchors);
        }
        let ids = extract::scan(&article.body, article.body_line).html_ids;
        self.remember_anchors(article, &ids)
    }

    /// The anchors of the markdown file at `path`, read once.
    fn file_anchors(&mut self, path: &Path) -> Option<Arc<Anchors>> {
        if let Some(known) = self.anchors.get(path) {
            return known.clone();
        }
        match Article::load(path) {
            Ok(article) => {
                let ids = extract::scan(&article.body, article.body_line).html_ids;
                Some(self.remember_anchors(&article, &ids))
            }
            Err(_) => {
                self.anchors.insert(path.to_path_buf(), None);
                None
            }
        }
    }

    /// What links read of the config of `config`'s site, read once.
    fn settings(&mut self, config: &SiteConfig) -> Arc<Settings> {
        let settings = self
            .settings
            .entry(config.dir.clone())
            .or_insert_with(|| Arc::new(Settings::read(config.generator, &config.dir)));
        Arc::clone(settings)
    }

    /// The site config of the site `dir` is in, cached per folder (and for
    /// each folder above it, so sibling folders share the walk).
    fn config(&mut self, dir: &Path) -> Option<Arc<SiteConfig>> {
        if let Some(known) = self.configs.get(dir) {
            return known.clone();
        }
        let up = path::upward(dir);
        let mut found = None;
        let mut walked = 0;
        for folder in &up {
            if let Some(known) = self.configs.get(folder) {
                found = known.clone();
                break;
            }
            walked += 1;
            if let Some(config) = site::config_in(folder) {
                found = Some(Arc::new(config));
                break;
            }
        }
        for folder in &up[..walked] {
            self.configs.insert(folder.clone(), found.clone());
        }
        found
    }

    /// The folder pictures of an article in `dir` are read from, and never
    /// from outside it: the site's folder (the one holding its config),
    /// else the vault's (holding `.obsidian/`, ..), else the library, else the nearest folder above holding `.git`, else
    /// `dir` itself.
    pub fn picture_root(&mut self, dir: &Path) -> PathBuf {
        if let Some(config) = self.config(dir) {
            return config.dir.clone();
        }
        if let Some(vault) = wiki::marked_root(dir) {
            return vault;
        }
        if let Some(library) = &self.library {
            return library.clone();
        }
        path::upward(dir)
            .into_iter()
            .find(|folder| folder.join(".git").exists())
            .unwrap_or_else(|| dir.to_path_buf())
    }

    /// The index of the articles under `root`, built once.
    fn index(&mut self, root: &Path) -> Arc<Vec<IndexEntry>> {
        if let Some(index) = self.indexes.get(root) {
            return Arc::clone(index);
        }
        let index = Arc::new(site::index(root));
        for entry in index.iter() {
            if let Some(url) = &entry.permalink {
                self.page_urls.insert(entry.path.clone(), url.clone());
            }
        }
        self.indexes.insert(root.to_path_buf(), Arc::clone(&index));
        index
    }

    /// The pages under `root` by lowercase path, built once.
    fn lowercase(&mut self, root: &Path) -> Arc<hugo::Lowercase> {
        if let Some(map) = self.lowercase.get(root) {
            return Arc::clone(map);
        }
        let map = Arc::new(hugo::lowercase(&self.index(root)));
        self.lowercase.insert(root.to_path_buf(), Arc::clone(&map));
        map
    }

    /// The URL the page at `path` of the site at `root` sets itself, slashes
    /// trimmed (`docs/installation/other-linux`).
    fn page_url(&mut self, root: &Path, path: &Path) -> Option<String> {
        self.index(root);
        self.page_urls.get(path).cloned()
    }
}

#[cfg(test)]
mod tests;
