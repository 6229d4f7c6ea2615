//! What a site's generator serves beyond its markdown pages, read from its
//! config: the folders copied to the site's root as they are (Hugo's and
//! Zola's `static/`, a Hugo theme's `static/`), the taxonomy pages
//! (`/tags/`, `/tags/summer/`), the feeds and the files a build writes
//! (`/sitemap.xml`, Hugo's `index.xml` of each list page, Zola's
//! `atom.xml`, jekyll-feed's `feed.xml`). Links to these lead somewhere on
//! the built site though no article is there.

use std::fs;
use std::path::{Path, PathBuf};

use crate::article::Value;

use super::Generator;

/// What a site's build makes besides its pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    /// Folders whose files are served at the site's root as they are.
    pub static_dirs: Vec<PathBuf>,
    /// Taxonomies (plural names) with a list page and a page per term.
    pub taxonomies: Vec<String>,
    /// Files the build writes at the site's root, with what writes them.
    pub files: Vec<(String, &'static str)>,
    /// The generator, as messages name it.
    pub by: &'static str,
    /// The feed names written in each list page's folder (Hugo's
    /// `index.xml` of sections, taxonomies and terms; Zola's feeds of a
    /// taxonomy with `feed = true`).
    pub list_feeds: Vec<String>,
}

/// A site path the build makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Made {
    /// A file served as it is from a static folder.
    File(PathBuf),
    /// A page or feed written by the build, described.
    Page(String),
    /// A term page no page of the site would make: why.
    Missing(String),
}

impl Generated {
    /// Reads what `generator` makes for the site in `dir` with config `value`.
    pub fn read(generator: Generator, dir: &Path, value: &Value) -> Generated {
        match generator {
            Generator::Hugo => hugo(dir, value),
            Generator::Zola => zola(dir, value),
            Generator::Jekyll => jekyll(value),
        }
    }

    /// What the build makes at `path` (a site path without slashes around
    /// it); `is_section` tells a top folder of the content, `carries` whether
    /// any page carries a term (by its slug). `None` when it makes nothing there.
    pub fn lookup(
        &self,
        path: &str,
        is_section: &dyn Fn(&str) -> bool,
        carries: &dyn Fn(&str) -> bool,
    ) -> Option<Made> {
        if path.is_empty() {
            return None;
        }
        for dir in &self.static_dirs {
            let file = dir.join(path);
            if file.is_file() {
                return Some(Made::File(file));
            }
        }
        if let Some((_, by)) = self.files.iter().find(|(name, _)| name == path) {
            return Some(Made::Page(format!(
                "{by} writes it when it builds the site"
            )));
        }
        let by = self.by;
        let (page, feed) = match path.rsplit_once('/') {
            Some((page, last)) if self.list_feeds.iter().any(|f| f == last) => (page, true),
            _ => (path, false),
        };
        let segments: Vec<&str> = page.split('/').collect();
        let taxonomy = self
            .taxonomies
            .iter()
            .find(|t| t.eq_ignore_ascii_case(segments[0]));
        let what = if feed { "the feed of " } else { "" };
        match (taxonomy, segments.as_slice()) {
            (Some(t), [_]) => Some(Made::Page(format!(
                "{by} makes {what}the list of the site's {t} when it builds the site"
            ))),
            (Some(t), [_, term]) if carries(&slug(term)) => Some(Made::Page(format!(
                "{by} makes {what}the page of the {t} term {term} when it builds the site"
            ))),
            (Some(t), [_, term]) => Some(Made::Missing(format!(
                "no page carries the {t} term {term}, so {by} makes no page for it"
            ))),
            (None, [section]) if feed && is_section(section) => Some(Made::Page(format!(
                "{by} makes the feed of the section {section} when it builds the site"
            ))),
            _ => None,
        }
    }
}

/// A term as its page's URL names it: lowercase, every run of other
/// characters than letters and digits one `-`, none at the ends.
pub fn slug(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    for c in term.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn hugo(dir: &Path, value: &Value) -> Generated {
    let disabled: Vec<String> = list(value.get("disableKinds"))
        .iter()
        .map(|k| k.to_ascii_lowercase())
        .collect();
    let off = |kind: &str| disabled.iter().any(|d| d == kind);
    // `staticDir` (one folder or a list) in place of `static/`.
    let mut static_dirs: Vec<PathBuf> = list(value.get("staticDir"))
        .iter()
        .map(|d| dir.join(d.trim_matches('/')))
        .collect();
    if static_dirs.is_empty() {
        static_dirs.push(dir.join("static"));
    }
    if let Ok(themes) = fs::read_dir(dir.join("themes")) {
        let mut found: Vec<PathBuf> = themes
            .flatten()
            .map(|e| e.path().join("static"))
            .filter(|p| p.is_dir())
            .collect();
        found.sort();
        static_dirs.extend(found);
    }
    let taxonomies = if off("taxonomy") && off("term") {
        Vec::new()
    } else {
        match value.get("taxonomies") {
            Some(Value::Map(entries)) => entries
                .iter()
                .filter_map(|(_, v)| v.clone().scalar())
                .collect(),
            _ => vec!["tags".to_string(), "categories".to_string()],
        }
    };
    let mut files = Vec::new();
    let mut list_feeds = Vec::new();
    if !off("rss") {
        files.push(("index.xml".to_string(), "Hugo"));
        list_feeds.push("index.xml".to_string());
    }
    if !off("sitemap") {
        files.push(("sitemap.xml".to_string(), "Hugo"));
    }
    if !off("404") {
        files.push(("404.html".to_string(), "Hugo"));
    }
    if matches!(value.get("enableRobotsTXT"), Some(Value::Bool(true))) {
        files.push(("robots.txt".to_string(), "Hugo"));
    }
    Generated {
        static_dirs,
        taxonomies,
        files,
        by: "Hugo",
        list_feeds,
    }
}

fn zola(dir: &Path, value: &Value) -> Generated {
    let on = |key: &str| matches!(value.get(key), Some(Value::Bool(true)));
    let feeds: Vec<String> = if on("generate_feeds") || on("generate_feed") {
        let mut names = list(value.get("feed_filenames"));
        names.extend(value.get("feed_filename").cloned().and_then(Value::scalar));
        if names.is_empty() {
            names.push("atom.xml".to_string());
        }
        names
    } else {
        Vec::new()
    };
    let declared: Vec<&Value> = match value.get("taxonomies") {
        Some(Value::List(items)) => items.iter().collect(),
        _ => Vec::new(),
    };
    let taxonomies = declared
        .iter()
        .filter_map(|t| t.get("name").cloned().and_then(Value::scalar))
        .collect();
    let taxonomy_feeds = declared
        .iter()
        .any(|t| matches!(t.get("feed"), Some(Value::Bool(true))));
    let mut files: Vec<(String, &'static str)> =
        feeds.iter().map(|name| (name.clone(), "Zola")).collect();
    for name in ["sitemap.xml", "robots.txt", "404.html"] {
        files.push((name.to_string(), "Zola"));
    }
    Generated {
        static_dirs: vec![dir.join("static")],
        taxonomies,
        files,
        by: "Zola",
        list_feeds: if taxonomy_feeds { feeds } else { Vec::new() },
    }
}

fn jekyll(value: &Value) -> Generated {
    let mut plugins = list(value.get("plugins"));
    plugins.extend(list(value.get("gems")));
    let has = |name: &str| plugins.iter().any(|p| p.trim() == name);
    let mut files = Vec::new();
    if has("jekyll-feed") {
        let path = value
            .get("feed")
            .and_then(|f| f.get("path"))
            .cloned()
            .and_then(Value::scalar)
            .unwrap_or_else(|| "feed.xml".to_string());
        files.push((path.trim_matches('/').to_string(), "jekyll-feed"));
    }
    if has("jekyll-sitemap") {
        files.push(("sitemap.xml".to_string(), "jekyll-sitemap"));
        files.push(("robots.txt".to_string(), "jekyll-sitemap"));
    }
    Generated {
        files,
        by: "Jekyll",
        ..Generated::default()
    }
}

/// The scalars of a list setting (a lone scalar is a list of one).
fn list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::List(items)) => items.iter().filter_map(|v| v.clone().scalar()).collect(),
        Some(other) => other.clone().scalar().into_iter().collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(text: &str) -> Value {
        Value::from_toml_table(toml::from_str(text).expect("toml"))
    }

    #[test]
    fn slugs_of_terms() {
        assert_eq!(slug("Grace Hopper"), "grace-hopper");
        assert_eq!(slug("summer"), "summer");
        assert_eq!(slug("C++ & Rust!"), "c-rust");
    }

    #[test]
    fn hugo_makes_taxonomy_pages_feeds_and_a_sitemap() {
        let made = Generated::read(Generator::Hugo, Path::new("/none"), &toml(""));
        let section = |s: &str| s == "posts";
        let carries = |t: &str| t == "summer";
        let find = |p: &str| made.lookup(p, &section, &carries);
        for path in [
            "tags",
            "tags/summer",
            "categories",
            "index.xml",
            "sitemap.xml",
            "posts/index.xml",
            "tags/summer/index.xml",
        ] {
            assert!(matches!(find(path), Some(Made::Page(_))), "{path}");
        }
        assert!(matches!(find("tags/winter"), Some(Made::Missing(_))));
        assert_eq!(find("notes/index.xml"), None);
        assert_eq!(find("robots.txt"), None);
        assert_eq!(find("authors/x"), None);
        let off = Generated::read(
            Generator::Hugo,
            Path::new("/none"),
            &toml("disableKinds = ['rss', 'taxonomy', 'term']\n"),
        );
        assert_eq!(off.lookup("index.xml", &section, &carries), None);
        assert_eq!(off.lookup("tags/summer", &section, &carries), None);
    }

    #[test]
    fn zola_makes_declared_taxonomies_and_feeds_when_on() {
        let bare = Generated::read(Generator::Zola, Path::new("/none"), &toml(""));
        let yes = |_: &str| true;
        assert_eq!(bare.lookup("tags/lamps", &yes, &yes), None);
        assert_eq!(bare.lookup("atom.xml", &yes, &yes), None);
        let made = Generated::read(
            Generator::Zola,
            Path::new("/none"),
            &toml(
                "generate_feeds = true\nfeed_filenames = ['rss.xml']\ntaxonomies = [{name = 'tags'}]\n",
            ),
        );
        assert!(matches!(
            made.lookup("tags/lamps", &yes, &yes),
            Some(Made::Page(_))
        ));
        assert!(matches!(
            made.lookup("rss.xml", &yes, &yes),
            Some(Made::Page(_))
        ));
        assert_eq!(made.lookup("atom.xml", &yes, &yes), None);
    }

    #[test]
    fn jekyll_plugins_write_their_files() {
        let value = Value::from_yaml(
            serde_yaml::from_str("plugins: [jekyll-feed, jekyll-sitemap]\n").expect("yaml"),
        );
        let made = Generated::read(Generator::Jekyll, Path::new("/none"), &value);
        let yes = |_: &str| true;
        assert!(matches!(
            made.lookup("feed.xml", &yes, &yes),
            Some(Made::Page(_))
        ));
        assert!(matches!(
            made.lookup("sitemap.xml", &yes, &yes),
            Some(Made::Page(_))
        ));
        assert_eq!(made.lookup("tags/x", &yes, &yes), None);
    }
}
