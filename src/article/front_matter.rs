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
    let written_date = front.get("date").cloned().and_then(Value::scalar);
    let date = match written_date {
        Some(written) => match fields::read_date(&written) {
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
    }
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
    let (split, unclosed) = split(text);
    if let Some(message) = unclosed {
        warnings.push(Warning {
            path: path.to_path_buf(),
            line: Some(1),
            message,
        });
    }
    let meta = parse_meta(path, &split, warnings);
    (split, meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(text: &str) -> (Meta, Vec<Warning>) {
        let (split, unclosed) = split(text);
        assert!(unclosed.is_none(), "{unclosed:?}");
        let mut warnings = Vec::new();
        let meta = parse_meta(Path::new("posts/2021-3-4-x.md"), &split, &mut warnings);
        (meta, warnings)
    }

    #[test]
    fn yaml_front_matter_is_split_off() {
        let (s, warning) = split("---\ntitle: A\n---\n# Body\n");
        assert_eq!(warning, None);
        assert_eq!(s.kind, FrontMatterKind::Yaml);
        assert_eq!(s.raw, "title: A\n");
        assert_eq!(s.raw_line, 2);
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn yaml_may_close_with_dots_and_toml_with_pluses() {
        let (s, _) = split("---\na: 1\n...\nbody");
        assert_eq!(
            (s.kind, s.raw, s.body),
            (FrontMatterKind::Yaml, "a: 1\n", "body")
        );
        let (s, _) = split("+++\na = 1\n---\n+++\nbody");
        assert_eq!(
            (s.kind, s.raw, s.body),
            (FrontMatterKind::Toml, "a = 1\n---\n", "body")
        );
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn closing_fence_may_end_the_file_without_newline() {
        let (s, warning) = split("---\ntitle: Only\n---");
        assert_eq!(warning, None);
        assert_eq!((s.raw, s.body, s.body_line), ("title: Only\n", "", 4));
        let (s, _) = split("+++ \ntitle = 'x'\n+++  ");
        assert_eq!((s.kind, s.body), (FrontMatterKind::Toml, ""));
    }

    #[test]
    fn unclosed_fence_is_body_text_with_a_warning() {
        let text = "---\ntitle: never closed\n\n# Heading\n";
        let (s, warning) = split(text);
        assert_eq!(s.kind, FrontMatterKind::None);
        assert_eq!((s.body, s.body_line), (text, 1));
        assert!(warning.is_some_and(|w| w.contains("never closed")));
    }

    #[test]
    fn a_rule_in_the_middle_of_the_body_is_not_front_matter() {
        let text = "# Title\n\n---\nkey: value\n---\n\nmore\n";
        let (s, warning) = split(text);
        assert_eq!(
            (s.kind, s.body, warning),
            (FrontMatterKind::None, text, None)
        );
        let (s, _) = split("\n---\na: 1\n---\n");
        assert_eq!(s.kind, FrontMatterKind::None);
    }

    #[test]
    fn front_matter_only_and_empty_front_matter() {
        let (meta, warnings) = meta_of("---\ntitle: Just meta\ntags: a b\n---\n");
        assert_eq!(meta.title, "Just meta");
        assert_eq!(meta.tags, ["a", "b"]);
        assert!(warnings.is_empty());
        let (meta, warnings) = meta_of("---\n---\nbody");
        assert_eq!(meta.front_matter, FrontMatterKind::Yaml);
        assert_eq!(meta.title, "");
        assert!(warnings.is_empty());
    }

    #[test]
    fn malformed_yaml_warns_at_the_file_line() {
        let (meta, warnings) =
            meta_of("---\ntitle: ok\ntags: [a, b\ndate: 2020-01-01\n---\nbody\n");
        assert_eq!(meta.title, "");
        assert_eq!(warnings.len(), 1);
        let warning = &warnings[0];
        assert!(
            warning.message.starts_with("malformed YAML"),
            "{}",
            warning.message
        );
        assert!(
            !warning.message.contains(" at line "),
            "{}",
            warning.message
        );
        let line = warning.line.expect("a line");
        assert!((3..=5).contains(&line), "line {line}");
        // The date falls back to the file name when the front matter is unreadable.
        assert_eq!(meta.date.as_deref(), Some("2021-03-04"));
    }

    #[test]
    fn malformed_toml_warns_at_the_file_line() {
        let (_, warnings) = meta_of("+++\ntitle = \"x\"\n\ntags = [oops]\n+++\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(4));
        assert!(warnings[0].message.starts_with("malformed TOML"));
    }

    #[test]
    fn unusable_tags_warn_at_their_key() {
        let (meta, warnings) = meta_of("---\ntitle: T\ntags:\n  one: 1\n---\n");
        assert!(meta.tags.is_empty());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(3));
        assert!(warnings[0].message.contains("a mapping"));
    }

    #[test]
    fn a_yaml_scalar_is_not_a_mapping() {
        let (_, warnings) = meta_of("---\njust a sentence\n---\n");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("not a mapping"));
    }

    #[test]
    fn nested_and_unknown_keys_never_fail() {
        let text = "---\ntitle: Deep\narticle_header:\n  type: overlay\n  image: {src: x.png}\nlist: [{a: [1, {b: 2}]}]\n? [complex, key]\n: value\ndate: 2023-11-14 10:00:00 +0530\n---\n";
        let (meta, warnings) = meta_of(text);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(meta.title, "Deep");
        assert_eq!(meta.date.as_deref(), Some("2023-11-14"));
    }

    #[test]
    fn unreadable_date_warns_and_falls_back_to_the_file_name() {
        let (meta, warnings) = meta_of("---\ndate: someday\n---\n");
        assert_eq!(meta.date.as_deref(), Some("2021-03-04"));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(2));
    }

    #[test]
    fn a_day_that_does_not_exist_warns_and_falls_back_to_the_file_name() {
        let (meta, warnings) = meta_of("---\ntitle: T\ndate: 2023-02-31\n---\n");
        assert_eq!(meta.date.as_deref(), Some("2021-03-04"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, Some(3));
        assert!(
            warnings[0].message.contains("calendar"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn toml_meta_with_zola_taxonomies() {
        let text = "+++\ntitle = \"Zola\"\ndate = 2023-07-14\ndraft = true\n[taxonomies]\ntags = [\"x\", \"y\"]\n[extra]\nauthor = \"no\"\n+++\n";
        let (meta, warnings) = meta_of(text);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(meta.front_matter, FrontMatterKind::Toml);
        assert_eq!(meta.title, "Zola");
        assert_eq!(meta.tags, ["x", "y"]);
        assert_eq!(meta.date.as_deref(), Some("2023-07-14"));
        assert!(meta.draft);
        assert_eq!(meta.author, None);
    }

    #[test]
    fn an_alias_bomb_is_ignored_with_a_warning_at_its_first_alias() {
        let row = |item: &str| vec![item; 300].join(",");
        let text = format!(
            "---\ntitle: Bomb\na: &a [{}]\nb: &b [{}]\nc: [{}]\n---\n# Body\n",
            row("x"),
            row("*a"),
            row("*b")
        );
        let (meta, warnings) = meta_of(&text);
        assert_eq!(meta.title, "");
        assert_eq!(meta.date.as_deref(), Some("2021-03-04"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, Some(4));
        assert!(
            warnings[0].message.contains("aliases"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn a_time_that_does_not_exist_warns_and_falls_back() {
        let (meta, warnings) = meta_of("---\ntitle: T\ndate: 2023-02-28T25:00:00\n---\n");
        assert_eq!(meta.date.as_deref(), Some("2021-03-04"), "the file name's");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, Some(3));
        assert!(
            warnings[0].message.contains("time of day"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn deep_flow_nesting_is_ignored_with_a_warning_at_its_line() {
        let text = format!(
            "---\ntitle: Deep\nok: [1, {{a: b}}]\nx: {}\n---\n# Body\n",
            "[{a: ".repeat(200)
        );
        let (meta, warnings) = meta_of(&text);
        assert_eq!(meta.title, "");
        assert_eq!(meta.date.as_deref(), Some("2021-03-04"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, Some(4));
        assert!(
            warnings[0].message.contains("deeper than 100 levels"),
            "{}",
            warnings[0].message
        );
        // Nesting up to the bound is read.
        let text = format!(
            "---\ntitle: Fine\nx: {}1{}\n---\n",
            "[".repeat(100),
            "]".repeat(100)
        );
        let (meta, _) = meta_of(&text);
        assert_eq!(meta.title, "Fine");
    }

    #[test]
    fn front_matter_over_the_size_cap_is_ignored() {
        let text = format!(
            "---\ntitle: Big\nnote: {}\n---\nbody\n",
            "x".repeat(MAX_FRONT_MATTER_BYTES)
        );
        let (meta, warnings) = meta_of(&text);
        assert_eq!(meta.title, "");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(2));
        assert!(
            warnings[0].message.contains("256 KB"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn yaml_dates_datetimes_and_numbers_as_titles() {
        let (meta, _) = meta_of("---\ntitle: 1984\ndate: 2019-3-8T12:00:00Z\n---\n");
        assert_eq!(meta.title, "1984");
        assert_eq!(meta.date.as_deref(), Some("2019-03-08"));
    }
}
