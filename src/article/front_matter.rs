//! Front matter: split `---` YAML / `+++` TOML off the top of a file, read it into [`Meta`].

use std::path::Path;

use super::Warning;
use super::decode::count_newlines;
use super::fields::{self, DateError, Tags, Value};
use super::yaml::{self, YamlError};

/// The most front matter quire reads, in bytes; larger front matter is
/// ignored with a warning (the body is still read).
pub const MAX_FRONT_MATTER_BYTES: usize = 256 * 1024;

/// Which kind of front matter a file opened with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FrontMatterKind {
    /// None (or an unclosed fence, which is body text).
    #[default]
    None,
    /// `---` YAML `---` (or `...`).
    Yaml,
    /// `+++` TOML `+++`.
    Toml,
}

/// What an article says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Front matter `title`, else the first level-1 heading, else the file stem.
    pub title: String,
    /// Tags in the author's spelling, in order, without duplicates.
    pub tags: Vec<String>,
    /// `YYYY-MM-DD`: front matter `date`, else a Jekyll file-name prefix.
    pub date: Option<String>,
    /// Front matter `author` (a string, or a map's `name`).
    pub author: Option<String>,
    /// `draft: true` or `published: false`.
    pub draft: bool,
    /// Front matter `description`, else `excerpt`, else `summary`.
    pub description: Option<String>,
    /// Which kind of front matter the file had.
    pub front_matter: FrontMatterKind,
    /// Math switched on (or off) by `math`, `mathjax` or `katex`; `None`
    /// leaves it to the site.
    pub math: Option<bool>,
    /// A Hugo page that is never rendered (`headless`, `build.render:
    /// never`): not listed in a library.
    pub headless: bool,
    /// A Hugo section whose `cascade` makes every page under it headless.
    pub cascade_headless: bool,
}

/// What the site an article belongs to changes in how its front matter
/// reads: the time zone its dates are shown in (Jekyll's `timezone:`) and
/// the taxonomies, beyond tags and categories, whose terms are tags (a Hugo
/// site config's `[taxonomies]`, Zola's `[[taxonomies]]`). The default is
/// an article outside any site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteRules {
    /// The site's time zone, when it names one quire knows.
    pub zone: Option<jiff::tz::TimeZone>,
    /// Front matter keys (plural taxonomy names) whose values join the tags.
    pub taxonomies: Vec<String>,
    /// A Jekyll site's folder: what its `_drafts` and `_posts` folders say
    /// of a file (see [`super::jekyll`]).
    pub jekyll: Option<std::path::PathBuf>,
}

/// A file's text cut into front matter and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The kind of front matter found.
    pub kind: FrontMatterKind,
    /// The text between the fences (empty when there is none).
    pub raw: &'a str,
    /// The 1-based file line of the first line of `raw`.
    pub raw_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// The 1-based file line of the first line of `body`.
    pub body_line: usize,
}

/// Cuts `text` (already decoded, `\n` endings) into front matter and body.
///
/// Front matter is recognised only at the very start: a first line `---`
/// closed by a line `---` or `...` (YAML), or `+++` closed by `+++` (TOML);
/// trailing spaces on fence lines are allowed and the closing fence may end
/// the file without a newline. A fence that is never closed is not front
/// matter: the whole text is body, and the second value says why.
pub fn split(text: &str) -> (Split<'_>, Option<String>) {
    let whole = Split {
        kind: FrontMatterKind::None,
        raw: "",
        raw_line: 1,
        body: text,
        body_line: 1,
    };
    let (first, mut pos) = line_at(text, 0);
    let (kind, closers): (_, &[&str]) = match first.trim_end_matches([' ', '\t']) {
        "---" => (FrontMatterKind::Yaml, &["---", "..."]),
        "+++" => (FrontMatterKind::Toml, &["+++"]),
        _ => return (whole, None),
    };
    let raw_start = pos;
    let mut line = 2;
    while pos < text.len() {
        let (content, next) = line_at(text, pos);
        if closers.contains(&content.trim_end_matches([' ', '\t'])) {
            return (
                Split {
                    kind,
                    raw: &text[raw_start..pos],
                    raw_line: 2,
                    body: &text[next..],
                    body_line: line + 1,
                },
                None,
            );
        }
        pos = next;
        line += 1;
    }
    let fence = first.trim_end_matches([' ', '\t']);
    let message = format!("front matter opened with `{fence}` is never closed; reading it as text");
    (whole, Some(message))
}

/// The line starting at `start` (without its `\n`) and where the next one starts.
fn line_at(text: &str, start: usize) -> (&str, usize) {
    let rest = &text[start..];
    match rest.find('\n') {
        Some(end) => (&rest[..end], start + end + 1),
        None => (rest, text.len()),
    }
}

/// Reads `split.raw` into a [`Meta`]; `path` gives the fallback date and names
/// the file in warnings. The title is left empty when the front matter has none
/// (the caller falls back to the first heading, then the file stem).
pub fn parse_meta(path: &Path, split: &Split<'_>, warnings: &mut Vec<Warning>) -> Meta {
    parse_meta_in(path, split, warnings, &SiteRules::default())
}

/// [`parse_meta`] for an article of a site with `rules`: a date written with
/// an offset is the site's date of that moment, and the site's taxonomies
/// are tags.
pub fn parse_meta_in(
    path: &Path,
    split: &Split<'_>,
    warnings: &mut Vec<Warning>,
    rules: &SiteRules,
) -> Meta {
    let mut warn = |line: Option<usize>, message: String| {
        warnings.push(Warning {
            path: path.to_path_buf(),
            line,
            message,
        });
    };
    let front = match split.kind {
        FrontMatterKind::None => Value::Map(Vec::new()),
        FrontMatterKind::Yaml | FrontMatterKind::Toml
            if split.raw.len() > MAX_FRONT_MATTER_BYTES =>
        {
            warn(
                Some(split.raw_line),
                format!(
                    "front matter is {} KB, more than the {} KB quire reads; ignored",
                    split.raw.len().div_ceil(1024),
                    MAX_FRONT_MATTER_BYTES / 1024
                ),
            );
            Value::Map(Vec::new())
        }
        FrontMatterKind::Yaml => match parse_yaml(split) {
            Ok(front) => front,
            Err((line, message)) => {
                warn(line, message);
                Value::Map(Vec::new())
            }
        },
        FrontMatterKind::Toml => match toml::from_str::<toml::Table>(split.raw) {
            Ok(table) => Value::from_toml_table(table),
            Err(err) => {
                let line = err.span().map(|span| {
                    split.raw_line
                        + count_newlines(&split.raw.as_bytes()[..span.start.min(split.raw.len())])
                });
                warn(
                    line,
                    format!("malformed TOML front matter: {}", err.message()),
                );
                Value::Map(Vec::new())
            }
        },
    };
    let tags = match fields::tags(&front) {
        Tags::Absent => Vec::new(),
        Tags::Found(tags) => tags,
        Tags::Unusable { key, found } => {
            let short = key.rsplit('.').next().unwrap_or(key);
            warn(
                key_line(split, short),
                format!("`{key}` holds {found}, not a list or a string of tags; no tags read"),
            );
            Vec::new()
        }
    };
    let mut tags = tags;
    for category in fields::categories(&front, &rules.taxonomies) {
        if !tags.contains(&category) {
            tags.push(category);
        }
    }
    let written_date = front.get("date").cloned().and_then(Value::scalar);
    let date = match written_date {
        Some(written) => match fields::read_date_in(&written, rules.zone.as_ref()) {
            Ok(date) => Some(date),
            Err(problem) => {
                let why = match problem {
                    DateError::Unreadable => "is not a date quire can read",
                    DateError::NoSuchDay => "is a day the calendar does not have",
                    DateError::NoSuchTime => "has a time of day the clock does not have",
                };
                warn(
                    key_line(split, "date"),
                    format!("`date` {written:?} {why}; using the file name's date, if any"),
                );
                None
            }
        },
        None => None,
    };
    let date = date.or_else(|| {
        path.file_stem()
            .and_then(|stem| fields::file_name_date(&stem.to_string_lossy()))
    });
    Meta {
        title: fields::text(front.get("title")).unwrap_or_default(),
        tags,
        date,
        author: fields::author(&front),
        draft: fields::draft(&front),
        description: fields::description(&front),
        front_matter: split.kind,
        math: fields::math(&front),
        headless: fields::headless(&front),
        cascade_headless: fields::cascade_headless(&front),
    }
}

/// A note's front matter `aliases:` (or `alias:`), a list or one string:
/// other names a wikilink may give it. Empty when there are none or the
/// front matter cannot be read (its warnings come with the article).
pub fn aliases(text: &str) -> Vec<String> {
    let (split, _) = split(text);
    if !split.raw.contains("alias") || split.raw.len() > MAX_FRONT_MATTER_BYTES {
        return Vec::new();
    }
    let front = match split.kind {
        FrontMatterKind::None => None,
        FrontMatterKind::Yaml => parse_yaml(&split).ok(),
        FrontMatterKind::Toml => toml::from_str::<toml::Table>(split.raw)
            .ok()
            .map(Value::from_toml_table),
    };
    let Some(front) = front else {
        return Vec::new();
    };
    let names = match front.get("aliases").or_else(|| front.get("alias")) {
        Some(Value::List(items)) => items.iter().filter_map(|v| v.clone().scalar()).collect(),
        Some(other) => other.clone().scalar().into_iter().collect(),
        None => Vec::new(),
    };
    names
        .into_iter()
        .map(|n: String| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Parses YAML front matter into a mapping; an error carries its file line.
fn parse_yaml(split: &Split<'_>) -> Result<Value, (Option<usize>, String)> {
    yaml::parse(split.raw).map_err(|err| match err {
        YamlError::TooManyNodes => (
            Some(alias_line(split)),
            format!(
                "YAML front matter expands to more than {} values through its aliases; ignored",
                yaml::NODE_BUDGET
            ),
        ),
        YamlError::TooDeep(line) => (
            Some(split.raw_line + line.saturating_sub(1)),
            format!(
                "YAML front matter nests lists or mappings deeper than {} levels; ignored",
                yaml::MAX_FLOW_DEPTH
            ),
        ),
        YamlError::Malformed(message, line) => (
            line.map(|at| split.raw_line + at.saturating_sub(1)),
            format!("malformed YAML front matter: {message}"),
        ),
        YamlError::NotAMapping(found) => (
            Some(split.raw_line),
            format!("YAML front matter is {found}, not a mapping of keys; ignored"),
        ),
    })
}

/// The file line of the first YAML alias (`*name` after a space, `[`, `,`,
/// `{` or `-`), else the first front matter line.
fn alias_line(split: &Split<'_>) -> usize {
    split
        .raw
        .lines()
        .position(|line| {
            line.match_indices('*').any(|(at, _)| {
                at == 0
                    || matches!(
                        line.as_bytes()[at - 1],
                        b' ' | b'\t' | b'[' | b',' | b'{' | b'-'
                    )
            })
        })
        .map_or(split.raw_line, |i| split.raw_line + i)
}

/// The file line of the first front matter line that sets `key` (`key:` or
/// `key =`), for pointing a warning at it.
fn key_line(split: &Split<'_>, key: &str) -> Option<usize> {
    split.raw.lines().enumerate().find_map(|(i, line)| {
        let rest = line.trim_start().strip_prefix(key)?.trim_start();
        (rest.starts_with(':') || rest.starts_with('=')).then_some(split.raw_line + i)
    })
}

/// Splits `text` and reads its front matter: the split and the meta, with an
/// unclosed fence and bad YAML or TOML added to `warnings`.
pub fn read<'t>(path: &Path, text: &'t str, warnings: &mut Vec<Warning>) -> (Split<'t>, Meta) {
    read_in(path, text, warnings, &SiteRules::default())
}

/// [`read`] for an article of a site with `rules`.
pub fn read_in<'t>(
    path: &Path,
    text: &'t str,
    warnings: &mut Vec<Warning>,
    rules: &SiteRules,
) -> (Split<'t>, Meta) {
    let (split, unclosed) = split(text);
    if let Some(message) = unclosed {
        warnings.push(Warning {
            path: path.to_path_buf(),
            line: Some(1),
            message,
        });
    }
    let mut meta = parse_meta_in(path, &split, warnings, rules);
    if let Some(site) = &rules.jekyll {
        super::jekyll::apply(path, site, split.body, &mut meta);
    }
    // Inline `#tags` join the front matter's.
    for tag in super::tags::inline_tags(split.body) {
        if !meta.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            meta.tags.push(tag);
        }
    }
    (split, meta)
}

#[cfg(test)]
#[path = "front_matter_tests.rs"]
mod tests;
