//! The site an article belongs to: its generator's config (found by walking
//! up), its own base URL, where its pages live, and an index of its articles
//! by date, slug and permalink for URLs like `/2022/09/14/floss.html`.
//! Read by links, the library and the reader alike; [`template`] turns the
//! site's template syntax into markdown. No terminal types.

pub mod config;
pub mod generated;
pub mod hugo_path;
pub mod obsidian;
mod page_file;
pub mod permalink;
pub mod template;
mod walk;
pub mod zola_path;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::fs;
use std::path::{Path, PathBuf};

pub use config::{Site, SiteConfig, config_in};
pub use walk::WalkRules;

use crate::article::front_matter::Split;
use crate::article::{FrontMatterKind, LineMap, Meta, SiteRules, Value, decode_cow, front_matter};

/// The body of an article as its site shows it: the template pass run with
/// the site the article is in (found once per folder) and its front
/// matter. Borrowed when there is nothing to turn; the map tells where the
/// lines of the result were in the file's body.
pub fn read_body<'b>(path: &Path, meta: &Meta, split: &Split<'b>) -> (Cow<'b, str>, LineMap) {
    // A vault's own marks first, line for line: the map is the template pass's.
    if let Some(marked) = obsidian::marks(path, split.body) {
        let (body, map) = read_text(path, meta, split, &marked);
        return (Cow::Owned(body.into_owned()), map);
    }
    read_text(path, meta, split, split.body)
}

/// [`read_body`]'s template pass over `body` (the split's body, or it
/// with a vault's marks turned).
fn read_text<'t>(
    path: &Path,
    meta: &Meta,
    split: &Split<'_>,
    body: &'t str,
) -> (Cow<'t, str>, LineMap) {
    // `{`, `$` and kramdown's tables are what the pass turns, and Zola's
    // internal links (`](@/x.md)`, shown at their address).
    if memchr::memchr2(b'{', b'$', body.as_bytes()).is_none()
        && !template::kramdown_table::may_hold(body)
        && memchr::memmem::find(body.as_bytes(), b"](@/").is_none()
    {
        return (Cow::Borrowed(body), LineMap::default());
    }
    let site = Site::of(path);
    let math = meta
        .math
        .unwrap_or_else(|| site.as_ref().is_some_and(|s| s.math));
    let front: OnceCell<Value> = OnceCell::new();
    let page = |key: &str| {
        let front = front.get_or_init(|| front_value(split));
        key.split('.')
            .try_fold(front, |v, k| v.get(k))
            .cloned()
            .and_then(Value::scalar)
    };
    let cx = template::Context {
        path,
        site: site.as_deref(),
        page: &page,
        math,
    };
    template::pass(body, &cx)
}

/// The front matter as values (empty when it does not parse or is huge).
fn front_value(split: &Split<'_>) -> Value {
    const MAX_BYTES: usize = 256 * 1024;
    let empty = Value::Map(Vec::new());
    if split.raw.len() > MAX_BYTES {
        return empty;
    }
    match split.kind {
        FrontMatterKind::None => empty,
        FrontMatterKind::Yaml => serde_yaml::from_str::<serde_yaml::Value>(split.raw)
            .map(Value::from_yaml)
            .unwrap_or(empty),
        FrontMatterKind::Toml => toml::from_str::<toml::Table>(split.raw)
            .map(Value::from_toml_table)
            .unwrap_or(empty),
    }
}

pub mod config_files;
mod pages;

/// The static-site generator a config belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    /// `_config.yml` with `url` (and `baseurl`).
    Jekyll,
    /// `hugo.toml` or `config.toml` with `baseURL`; pages under `content/`.
    Hugo,
    /// `config.toml` with `base_url`; pages under `content/`.
    Zola,
}

/// A site's own address: links to it are links into the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// The host, lowercase, with its port when it has one.
    pub host: String,
    /// The path prefix, without a trailing `/` (empty for the root).
    pub path: String,
}

impl BaseUrl {
    /// Reads `https://example.org/blog/` (any scheme with `//`); `None` for
    /// anything without a host.
    pub fn parse(url: &str) -> Option<BaseUrl> {
        let (_, rest) = url.trim().split_once("//")?;
        let (host, path) = match rest.find('/') {
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, ""),
        };
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        if host.is_empty() {
            return None;
        }
        Some(BaseUrl {
            host: host.to_ascii_lowercase(),
            path: path.trim_end_matches('/').to_string(),
        })
    }

    /// The site path of `url` when it points into this site (`/` for the root).
    pub fn site_path<'u>(&self, host: &str, path: &'u str) -> Option<&'u str> {
        if !host.eq_ignore_ascii_case(&self.host) {
            return None;
        }
        let rest = path.strip_prefix(self.path.as_str())?;
        if rest.is_empty() {
            return Some("/");
        }
        rest.starts_with('/').then_some(rest)
    }
}

/// One article of a site, as its URLs name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// The file.
    pub path: PathBuf,
    /// The file stem (folder name for `index.md`), as Jekyll's `post_url` names it.
    pub stem: String,
    /// The last URL segment: front matter `slug`, else the stem without its date.
    pub slug: String,
    /// Front matter `permalink` (or Hugo's `url`), slashes trimmed.
    pub permalink: Option<String>,
    /// `[year, month, day]` from the front matter or the file name.
    pub date: Option<[u32; 3]>,
    /// The other addresses it answers at (`redirect_from`, Hugo's
    /// `aliases`), tidied like `permalink`.
    pub redirects: Vec<String>,
    /// The slugs of its taxonomy terms (`Grace Hopper` -> `grace-hopper`),
    /// for the term pages the site makes.
    pub terms: Vec<String>,
}

/// The articles under `root`, read for their URL names (front matter
/// only), and the HTML pages that set an address of their own.
pub fn index(root: &Path) -> Vec<IndexEntry> {
    let rules = Site::of(root).map(|s| s.rules.clone()).unwrap_or_default();
    let mut entries: Vec<IndexEntry> = markdown_files(root)
        .iter()
        .map(|path| entry(path, &rules))
        .collect();
    entries.extend(
        pages::html_pages(root)
            .iter()
            .map(|path| entry(path, &rules))
            .filter(|e| e.permalink.is_some() || !e.redirects.is_empty()),
    );
    entries
}

/// The markdown files under `root`, sorted, dot names skipped.
pub fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    walk(root, &mut files, 0);
    files.sort();
    files
}

/// Markdown files under `dir`, skipping dot names; symlinked folders are not
/// followed, so a loop cannot hold the walk.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, depth: usize) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().as_encoded_bytes().first() == Some(&b'.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() && depth < 32 {
            walk(&path, files, depth + 1);
        } else if is_markdown(&path) && (kind.is_file() || crate::file::is_regular(&path)) {
            // A fifo or a device named `*.md` is never opened: opening a
            // fifo blocks.
            files.push(path);
        }
    }
}

/// True for `.md` and `.markdown` files, in any case.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The front matter keys that name an article's URL.
const URL_KEYS: [&str; 3] = ["slug", "permalink", "url"];

/// Reads one file's URL names.
fn entry(path: &Path, rules: &SiteRules) -> IndexEntry {
    let bytes = crate::article::read_file(path).unwrap_or_default();
    let (text, _) = decode_cow(path, &bytes);
    let mut warnings = Vec::new();
    let (split, meta) = front_matter::read_in(path, &text, &mut warnings, rules);
    // The front matter is parsed once for the three keys read from it.
    let fields: Vec<Option<String>> = match split.kind {
        FrontMatterKind::None => Vec::new(),
        FrontMatterKind::Yaml => {
            let value: serde_yaml::Value = serde_yaml::from_str(split.raw).unwrap_or_default();
            URL_KEYS
                .iter()
                .map(|k| value.get(k)?.as_str().map(str::to_string))
                .collect()
        }
        FrontMatterKind::Toml => {
            let table: toml::Table = toml::from_str(split.raw).unwrap_or_default();
            URL_KEYS
                .iter()
                .map(|k| table.get(*k)?.as_str().map(str::to_string))
                .collect()
        }
    };
    let field = |key: &str| -> Option<String> {
        let at = URL_KEYS.iter().position(|k| *k == key)?;
        fields.get(at).cloned().flatten()
    };
    let stem = crate::article::file_stem(path);
    let slug = field("slug")
        .map(|s| s.trim_matches('/').to_string())
        .unwrap_or_else(|| strip_date(&stem).to_string());
    let permalink = field("permalink")
        .or_else(|| field("url"))
        .map(|p| tidy_site_path(&p).to_string());
    IndexEntry {
        path: path.to_path_buf(),
        stem,
        slug,
        permalink,
        date: meta.date.as_deref().and_then(parse_date),
        redirects: pages::redirects(split.kind, split.raw),
        terms: meta.tags.iter().map(|t| generated::slug(t)).collect(),
    }
}

/// `2022-09-14-floss` -> `floss`; names without a date prefix stay.
pub fn strip_date(stem: &str) -> &str {
    let mut parts = stem.splitn(4, '-');
    let (Some(y), Some(m), Some(d), Some(rest)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return stem;
    };
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if y.len() == 4 && digits(y, 4) && digits(m, 2) && digits(d, 2) && !rest.is_empty() {
        rest
    } else {
        stem
    }
}

/// `YYYY-MM-DD` to numbers.
fn parse_date(date: &str) -> Option<[u32; 3]> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    Some([parts.next()??, parts.next()??, parts.next()??])
}

/// A site path without the slashes around it, a `.html` ending or a last
/// `index.html`: `/2022/09/14/floss.html` -> `2022/09/14/floss`.
pub fn tidy_site_path(path: &str) -> &str {
    let path = path.trim_matches('/');
    let path = path
        .strip_suffix("index.html")
        .or_else(|| path.strip_suffix(".html"))
        .unwrap_or(path);
    path.trim_matches('/')
}

/// The entries a tidied site path names: a `permalink` equal to it, else the
/// articles whose slug is its last segment and whose date agrees with the
/// date segments (`YYYY/MM/DD`) it carries. Several left means ambiguous.
pub fn lookup<'i>(index: &'i [IndexEntry], site_path: &str) -> Vec<&'i IndexEntry> {
    let by_permalink: Vec<&IndexEntry> = index
        .iter()
        .filter(|e| e.permalink.as_deref() == Some(site_path))
        .collect();
    if !by_permalink.is_empty() {
        return by_permalink;
    }
    let redirected: Vec<&IndexEntry> = index
        .iter()
        .filter(|e| e.redirects.iter().any(|r| r == site_path))
        .collect();
    if !redirected.is_empty() {
        return redirected;
    }
    let segments: Vec<&str> = site_path.split('/').filter(|s| !s.is_empty()).collect();
    let Some((last, before)) = segments.split_last() else {
        return Vec::new();
    };
    let date: Vec<u32> = before
        .iter()
        .map_while(|s| s.parse::<u32>().ok())
        .take(3)
        .collect();
    let mut found: Vec<&IndexEntry> = index
        .iter()
        .filter(|e| e.slug.eq_ignore_ascii_case(last))
        .filter(|e| match e.date {
            Some(d) => d.iter().zip(&date).all(|(a, b)| a == b),
            None => date.is_empty(),
        })
        .collect();
    if found.len() > 1 {
        // `/posts/slug/`: prefer the one whose folders name the sections.
        let sections: Vec<&str> = before.iter().skip(date.len()).copied().collect();
        let in_sections: Vec<&IndexEntry> = found
            .iter()
            .copied()
            .filter(|e| {
                let path = e.path.to_string_lossy();
                sections.iter().all(|s| path.contains(&format!("/{s}/")))
            })
            .collect();
        if !in_sections.is_empty() {
            found = in_sections;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_parse_and_match_their_own_paths() {
        let base = BaseUrl::parse("https://Example.org/blog/").expect("base");
        assert_eq!(base.host, "example.org");
        assert_eq!(base.path, "/blog");
        assert_eq!(base.site_path("example.org", "/blog/a/"), Some("/a/"));
        assert_eq!(base.site_path("example.org", "/blog"), Some("/"));
        assert_eq!(base.site_path("example.org", "/blogs/a"), None);
        assert_eq!(base.site_path("other.org", "/blog/a"), None);
        assert_eq!(BaseUrl::parse("/relative"), None);
    }

    #[test]
    fn hugo_configs_in_yaml_and_in_config_default() {
        let dir = tempfile::tempdir().expect("temp");
        let yaml = dir.path().join("yaml");
        let split = dir.path().join("split");
        fs::create_dir_all(yaml.join("content")).expect("mkdir");
        fs::create_dir_all(split.join("config/_default")).expect("mkdir");
        fs::write(yaml.join("hugo.yaml"), "baseURL: https://y.example/docs/\n").expect("write");
        fs::write(
            split.join("config/_default/hugo.toml"),
            "baseURL = 'https://s.example/'\n",
        )
        .expect("write");
        let found = config_in(&yaml).expect("a hugo.yaml site");
        assert_eq!(found.generator, Generator::Hugo);
        assert_eq!(found.content, yaml.join("content"));
        assert_eq!(found.base, BaseUrl::parse("https://y.example/docs/"));
        let found = config_in(&split).expect("a config/_default site");
        assert_eq!(found.base, BaseUrl::parse("https://s.example/"));
        assert_eq!(config_in(dir.path()), None);
    }

    #[test]
    fn dates_come_off_jekyll_stems() {
        assert_eq!(strip_date("2022-09-14-floss"), "floss");
        assert_eq!(strip_date("2022-10-2-webdev"), "webdev");
        assert_eq!(strip_date("my-long-post-name"), "my-long-post-name");
        assert_eq!(strip_date("2022-09-14"), "2022-09-14");
    }

    #[test]
    fn site_paths_lose_slashes_and_html() {
        assert_eq!(tidy_site_path("/2022/09/14/floss.html"), "2022/09/14/floss");
        assert_eq!(tidy_site_path("/posts/slug/"), "posts/slug");
        assert_eq!(tidy_site_path("/about/index.html"), "about");
        assert_eq!(tidy_site_path("/"), "");
    }

    fn entry(path: &str, slug: &str, date: Option<[u32; 3]>) -> IndexEntry {
        IndexEntry {
            path: PathBuf::from(path),
            stem: slug.to_string(),
            slug: slug.to_string(),
            permalink: None,
            date,
            redirects: Vec::new(),
            terms: Vec::new(),
        }
    }

    #[test]
    fn lookup_uses_dates_and_sections_to_choose() {
        let index = vec![
            entry("s/_posts/2022-09-14-floss.md", "floss", Some([2022, 9, 14])),
            entry("s/_posts/2023-01-02-floss.md", "floss", Some([2023, 1, 2])),
            entry("s/content/posts/intro.md", "intro", None),
            entry("s/content/notes/intro.md", "intro", None),
        ];
        let paths = |p: &str| -> Vec<String> {
            lookup(&index, p)
                .iter()
                .map(|e| e.path.display().to_string())
                .collect()
        };
        assert_eq!(paths("2022/09/14/floss"), ["s/_posts/2022-09-14-floss.md"]);
        assert_eq!(paths("2023/floss"), ["s/_posts/2023-01-02-floss.md"]);
        assert_eq!(paths("floss").len(), 2);
        assert_eq!(paths("posts/intro"), ["s/content/posts/intro.md"]);
        assert!(paths("2021/01/01/floss").is_empty());
    }
}
