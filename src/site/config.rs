//! A site's settings, read once from its generator's config: Jekyll
//! `_config.yml`, Hugo `hugo.toml|yaml|json` / `config.toml|yaml` /
//! `config/_default/`, Zola `config.toml`. Only what quire shows or
//! resolves by is kept: addresses, taxonomies, math, exclude and headless
//! rules, the repository, and the scalar settings `{{ site.KEY }}` names.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::article::{SiteRules, Value, Warning, headless, time_zone};

use super::generated::Generated;
use super::{BaseUrl, Generator};

/// The largest config file read, in bytes: a site's config is small.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// A site: its generator, where it lives, and its settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Which generator.
    pub generator: Generator,
    /// The folder holding the config file: the site's root.
    pub dir: PathBuf,
    /// Where its pages live: `content/` for Hugo and Zola when present, else `dir`.
    pub content: PathBuf,
    /// Its own address, when the config gives one.
    pub base: Option<BaseUrl>,
    /// Jekyll `url` / Hugo `baseURL` / Zola `base_url` as written, without
    /// a trailing `/` and without the path (`https://example.org`).
    pub url: String,
    /// The path the site is served under, without a trailing `/` (`""` or
    /// `/blog`): Jekyll `baseurl`, or the path of Hugo's and Zola's base URL.
    pub baseurl: String,
    /// Jekyll `repository` (`OWNER/REPO`), when set.
    pub repository: Option<String>,
    /// The taxonomies (plural names) whose terms are tags: Hugo's
    /// `[taxonomies]` values (tags and categories when not set), Zola's
    /// `[[taxonomies]]` names, Jekyll's `tags` and `categories`.
    pub taxonomies: Vec<String>,
    /// Math switched on for the whole site (`math`, `mathjax`, `katex` at the
    /// top, under `params` or `extra`, or Hugo's goldmark passthrough).
    pub math: bool,
    /// Hugo `markup.goldmark.extensions.passthrough.enable`.
    pub passthrough: bool,
    /// What is wrong with the config file, when it could not be read as
    /// its format (its values are then left out): named once a process by
    /// [`Site::take_problem`].
    pub problem: Option<Warning>,
    /// Jekyll `exclude:` entries as written.
    pub exclude: Vec<String>,
    /// Jekyll `collections:` names (`recipes` for `_recipes/`).
    pub collections: Vec<String>,
    /// Jekyll `include:` entries as written: names it builds though they
    /// start with `_` or `.`.
    pub include: Vec<String>,
    /// `timezone` (Jekyll, Hugo), when set.
    pub timezone: Option<String>,
    /// Hugo `markup.goldmark.parser.autoDefinitionTermID`: definition terms get ids.
    pub auto_definition_term_id: bool,
    /// Hugo config-level `cascade` targets (`_target.path` globs, as written)
    /// whose pages are headless (`headless: true` or `build.render: never`).
    pub headless_paths: Vec<String>,
    /// Scalar settings by dotted key (`title`, `params.author`,
    /// `extra.katex`), for `{{ site.KEY }}` and Hugo's `param`.
    pub values: HashMap<String, String>,
    /// How its articles' front matter reads (its time zone and taxonomies),
    /// worked out once.
    pub rules: SiteRules,
    /// What its build makes besides its pages: static files, taxonomy
    /// pages, feeds.
    pub generated: Generated,
}

/// The former name of [`Site`], kept for the code that says it.
pub type SiteConfig = Site;

impl Site {
    /// The site `path` (a file or a folder) belongs to, found by walking up
    /// from it and cached for the life of the process: each folder asked
    /// about is looked at once. `None` outside any site, and for a path
    /// that does not exist (a name given to text read from stdin or a test).
    pub fn of(path: &Path) -> Option<Arc<Site>> {
        let meta = fs::metadata(path).ok()?;
        let start = if meta.is_dir() {
            path.to_path_buf()
        } else {
            // A bare file name's folder is the current one.
            path.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf()
        };
        let start = std::path::absolute(&start).ok()?;
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let mut walked = Vec::new();
        let mut found = None;
        let mut dir = Some(start.as_path());
        while let Some(folder) = dir {
            if let Ok(known) = cache.lock()
                && let Some(known) = known.get(folder)
            {
                found = known.clone();
                break;
            }
            walked.push(folder.to_path_buf());
            if let Some(site) = config_in(folder) {
                found = Some(Arc::new(site));
                break;
            }
            dir = folder.parent();
        }
        if let Ok(mut known) = cache.lock() {
            for folder in walked {
                known.insert(folder, found.clone());
            }
        }
        found
    }

    /// What is wrong with the config ([`Site::problem`]), the first time it
    /// is asked for in this process: a command names it once, not once an
    /// article.
    pub fn take_problem(&self) -> Option<Warning> {
        static TOLD: OnceLock<Mutex<std::collections::HashSet<PathBuf>>> = OnceLock::new();
        let problem = self.problem.clone()?;
        let mut told = TOLD.get_or_init(Mutex::default).lock().ok()?;
        told.insert(self.dir.clone()).then_some(problem)
    }

    /// The value of `{{ site.KEY }}` (Jekyll) or a site param (Hugo `params.KEY`,
    /// Zola `extra.KEY`) when it is a scalar.
    pub fn value(&self, key: &str) -> Option<&str> {
        let key = key.trim();
        let key = key.strip_prefix("site.").unwrap_or(key);
        let key = key.strip_prefix("Site.").unwrap_or(key);
        self.values
            .get(key)
            .or_else(|| self.values.get(&format!("params.{key}")))
            .or_else(|| self.values.get(&format!("extra.{key}")))
            .or_else(|| {
                let lower = key.to_ascii_lowercase();
                self.values
                    .iter()
                    .find(|(k, _)| k.to_ascii_lowercase() == lower)
                    .map(|(_, v)| v)
            })
            .map(String::as_str)
    }

    /// The URL of the site's repository on GitHub, when `repository` is set.
    pub fn repository_url(&self) -> Option<String> {
        let repo = self.repository.as_deref()?.trim().trim_matches('/');
        if repo.contains("://") {
            return Some(repo.to_string());
        }
        (!repo.is_empty()).then(|| format!("https://github.com/{repo}"))
    }
}

/// Each folder asked about, with the site it is in.
static CACHE: OnceLock<Mutex<HashMap<PathBuf, Option<Arc<Site>>>>> = OnceLock::new();

/// True for a name [`config_in`] reads a site's config from (a file, or
/// Hugo's `config/` folder): a folder holding none of them is no site's
/// root, known without looking for each.
pub fn is_config_name(name: &std::ffi::OsStr) -> bool {
    [
        "_config.yml",
        "_config.yaml",
        "hugo.toml",
        "hugo.yaml",
        "hugo.yml",
        "hugo.json",
        "config",
        "config.toml",
        "config.yaml",
        "config.yml",
    ]
    .iter()
    .any(|n| name == *n)
}

/// The config in `dir` itself, if it has one: a `_config.yml`, a Hugo
/// `hugo.*` or `config/_default/`, or a `config.toml` naming a base URL.
pub fn config_in(dir: &Path) -> Option<Site> {
    let named = [
        (Generator::Jekyll, "_config.yml"),
        (Generator::Jekyll, "_config.yaml"),
        (Generator::Hugo, "hugo.toml"),
        (Generator::Hugo, "hugo.yaml"),
        (Generator::Hugo, "hugo.yml"),
        (Generator::Hugo, "hugo.json"),
    ];
    for (generator, name) in named {
        let path = dir.join(name);
        if let Some(text) = read(&path) {
            return Some(match parse(&text, Format::of(name)) {
                Ok(value) => build(generator, dir, value),
                Err(why) => {
                    let mut site = build(generator, dir, Value::Map(Vec::new()));
                    site.problem = Some(Warning {
                        path,
                        line: None,
                        message: format!("{why}; the site's values and base URL are left out"),
                    });
                    site
                }
            });
        }
    }
    let default = dir.join("config").join("_default");
    let hugo_default = ["hugo", "config"].iter().any(|stem| {
        ["toml", "yaml", "yml", "json"]
            .iter()
            .any(|ext| default.join(format!("{stem}.{ext}")).is_file())
    });
    if hugo_default {
        return Some(build(Generator::Hugo, dir, config_dir(&default)));
    }
    for name in ["config.toml", "config.yaml", "config.yml"] {
        let Some(text) = read(&dir.join(name)) else {
            continue;
        };
        let Ok(value) = parse(&text, Format::of(name)) else {
            continue;
        };
        if value.get("base_url").is_some() {
            return Some(build(Generator::Zola, dir, value));
        }
        // A YAML config is Hugo's (Zola's is TOML); a TOML one says so
        // by its base URL.
        if value.get("baseURL").is_some()
            || value.get("baseurl").is_some()
            || !name.ends_with(".toml")
        {
            return Some(build(Generator::Hugo, dir, value));
        }
    }
    None
}

/// The config formats a site may be written in.
#[derive(Clone, Copy)]
enum Format {
    Toml,
    Yaml,
    Json,
}

impl Format {
    fn of(name: &str) -> Format {
        if name.ends_with(".toml") {
            Format::Toml
        } else if name.ends_with(".json") {
            Format::Json
        } else {
            Format::Yaml
        }
    }
}

/// A config file's text, when it is a readable file of a sane size.
fn read(path: &Path) -> Option<String> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_CONFIG_BYTES {
        return None;
    }
    fs::read_to_string(path).ok()
}

/// Parses a config; `None` when it is not what its name says.
fn parse(text: &str, format: Format) -> Result<Value, String> {
    let one_line = |e: String| e.split_whitespace().collect::<Vec<_>>().join(" ");
    match format {
        Format::Toml => toml::from_str::<toml::Table>(text)
            .map(Value::from_toml_table)
            .map_err(|e| format!("not valid TOML ({})", one_line(e.message().to_string()))),
        // JSON is YAML, as far as a config's values go.
        Format::Yaml | Format::Json => serde_yaml::from_str::<serde_yaml::Value>(text)
            .map(Value::from_yaml)
            .map_err(|e| format!("not valid YAML ({})", one_line(e.to_string()))),
    }
}

/// Hugo's `config/_default/`: `hugo.*`/`config.*` at the top, and every
/// other file under the key its name gives (`params.toml` -> `params`).
fn config_dir(dir: &Path) -> Value {
    let mut names: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    let mut top: Vec<(String, Value)> = Vec::new();
    for path in names.iter().take(64) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(name) = name else { continue };
        let Some((stem, ext)) = name.rsplit_once('.') else {
            continue;
        };
        if !matches!(ext, "toml" | "yaml" | "yml" | "json") {
            continue;
        }
        let Some(value) = read(path).and_then(|text| parse(&text, Format::of(&name)).ok()) else {
            continue;
        };
        match (stem, value) {
            ("hugo" | "config", Value::Map(entries)) => top.extend(entries),
            (stem, value) => top.push((stem.to_string(), value)),
        }
    }
    Value::Map(top)
}

/// A truthy switch: `true`, `"true"`, or a map with `enable = true`.
fn on(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("true"),
        Some(map @ Value::Map(_)) => on(map.get("enable")),
        _ => false,
    }
}

/// A path of keys into nested maps.
fn at<'v>(value: &'v Value, keys: &[&str]) -> Option<&'v Value> {
    keys.iter().try_fold(value, |v, key| v.get(key))
}

/// A string setting.
fn string(value: &Value, keys: &[&str]) -> Option<String> {
    at(value, keys)
        .cloned()
        .and_then(Value::scalar)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The keys that switch math on, at the top, under `params` or `extra`.
const MATH_KEYS: [&str; 3] = ["math", "mathjax", "katex"];

fn build(generator: Generator, dir: &Path, value: Value) -> Site {
    let content_dir = dir.join("content");
    let content = if generator != Generator::Jekyll && content_dir.is_dir() {
        content_dir
    } else {
        dir.to_path_buf()
    };
    let written_url = match generator {
        Generator::Jekyll => string(&value, &["url"]),
        Generator::Hugo => string(&value, &["baseURL"]).or_else(|| string(&value, &["baseurl"])),
        Generator::Zola => string(&value, &["base_url"]),
    }
    .unwrap_or_default();
    let (url, mut baseurl) = split_url(&written_url);
    if generator == Generator::Jekyll {
        baseurl = string(&value, &["baseurl"])
            .map(|b| format!("/{}", b.trim_matches('/')))
            .filter(|b| b != "/")
            .unwrap_or_default();
    }
    let base = BaseUrl::parse(&format!("{url}{baseurl}"));
    let passthrough = on(at(
        &value,
        &["markup", "goldmark", "extensions", "passthrough"],
    ));
    let math = passthrough
        || MATH_KEYS.iter().any(|key| {
            on(value.get(key))
                || on(at(&value, &["params", key]))
                || on(at(&value, &["extra", key]))
        });
    let strings = |key: &str| -> Vec<String> {
        match value.get(key) {
            Some(Value::List(items)) => items.iter().filter_map(|v| v.clone().scalar()).collect(),
            _ => Vec::new(),
        }
    };
    let exclude = strings("exclude");
    let include = strings("include");
    let collections = match value.get("collections") {
        Some(Value::Map(entries)) => entries.iter().map(|(k, _)| k.clone()).collect(),
        Some(Value::List(items)) => items.iter().filter_map(|v| v.clone().scalar()).collect(),
        _ => Vec::new(),
    };
    let mut values = HashMap::new();
    flatten(&value, "", 0, &mut values);
    let timezone = string(&value, &["timezone"]);
    let taxonomies = taxonomies(generator, &value);
    let rules = SiteRules {
        zone: timezone.as_deref().and_then(time_zone),
        taxonomies: taxonomies.clone(),
        jekyll: (generator == Generator::Jekyll)
            .then(|| std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf())),
    };
    let generated = Generated::read(generator, dir, &value);
    Site {
        generator,
        dir: dir.to_path_buf(),
        content,
        base,
        url,
        baseurl,
        repository: string(&value, &["repository"]),
        taxonomies,
        math,
        passthrough,
        problem: None,
        exclude,
        collections,
        include,
        timezone,
        auto_definition_term_id: on(at(
            &value,
            &["markup", "goldmark", "parser", "autoDefinitionTermID"],
        )),
        headless_paths: headless_paths(&value),
        values,
        rules,
        generated,
    }
}

/// `https://example.org/blog/` -> (`https://example.org`, `/blog`).
fn split_url(url: &str) -> (String, String) {
    let url = url.trim().trim_end_matches('/');
    let Some((scheme, rest)) = url.split_once("//") else {
        return (String::new(), String::new());
    };
    match rest.find('/') {
        Some(at) => (format!("{scheme}//{}", &rest[..at]), rest[at..].to_string()),
        None => (url.to_string(), String::new()),
    }
}

/// The taxonomies whose terms quire reads as tags.
fn taxonomies(generator: Generator, value: &Value) -> Vec<String> {
    let mut names: Vec<String> = match (generator, value.get("taxonomies")) {
        (Generator::Hugo, Some(Value::Map(entries))) => entries
            .iter()
            .filter_map(|(_, v)| v.clone().scalar())
            .collect(),
        (Generator::Zola, Some(Value::List(items))) => items
            .iter()
            .filter_map(|item| item.get("name").cloned().and_then(Value::scalar))
            .collect(),
        _ => vec!["tags".to_string(), "categories".to_string()],
    };
    names.retain(|n| !n.trim().is_empty());
    names
}

/// The `_target.path` of each config-level cascade that makes pages headless.
fn headless_paths(value: &Value) -> Vec<String> {
    let cascades: Vec<&Value> = match value.get("cascade") {
        Some(Value::List(items)) => items.iter().collect(),
        Some(map @ Value::Map(_)) => vec![map],
        _ => Vec::new(),
    };
    cascades
        .into_iter()
        .filter(|c| headless(c))
        .filter_map(|c| string(c, &["_target", "path"]).or_else(|| string(c, &["target", "path"])))
        .collect()
}

/// Scalars under dotted keys, three levels deep at most.
fn flatten(value: &Value, prefix: &str, depth: usize, out: &mut HashMap<String, String>) {
    let Value::Map(entries) = value else {
        return;
    };
    for (key, v) in entries {
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match v {
            Value::Map(_) if depth < 3 => flatten(v, &name, depth + 1, out),
            other => {
                if let Some(s) = other.clone().scalar() {
                    out.insert(name, s);
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
