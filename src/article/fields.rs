//! Front matter values, YAML or TOML alike, and the fields quire reads from
//! them: title, tags, author, draft, description (dates are in `dates`).

pub use super::dates::{DateError, file_name_date, read_date_in};

/// A front matter value with YAML and TOML told apart no more than quire needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// YAML `~` / `null` / an empty value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    String(String),
    /// A TOML date or datetime, as written.
    Date(String),
    /// A list.
    List(Vec<Value>),
    /// A mapping with string keys, in order.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// Converts a YAML value; non-scalar mapping keys are skipped and tags
    /// (`!foo`) are looked through.
    pub fn from_yaml(value: serde_yaml::Value) -> Value {
        use serde_yaml::Value as Y;
        match value {
            Y::Null => Value::Null,
            Y::Bool(b) => Value::Bool(b),
            Y::Number(n) => Value::Number(n.to_string()),
            Y::String(s) => Value::String(s),
            Y::Sequence(items) => Value::List(items.into_iter().map(Value::from_yaml).collect()),
            Y::Mapping(map) => Value::Map(
                map.into_iter()
                    .filter_map(|(k, v)| Some((Value::from_yaml(k).scalar()?, Value::from_yaml(v))))
                    .collect(),
            ),
            Y::Tagged(tagged) => Value::from_yaml(tagged.value),
        }
    }

    /// Converts a TOML value.
    pub fn from_toml(value: toml::Value) -> Value {
        use toml::Value as T;
        match value {
            T::String(s) => Value::String(s),
            T::Integer(i) => Value::Number(i.to_string()),
            T::Float(f) => Value::Number(f.to_string()),
            T::Boolean(b) => Value::Bool(b),
            T::Datetime(d) => Value::Date(d.to_string()),
            T::Array(items) => Value::List(items.into_iter().map(Value::from_toml).collect()),
            T::Table(table) => Value::from_toml_table(table),
        }
    }

    /// Converts a TOML table.
    pub fn from_toml_table(table: toml::Table) -> Value {
        Value::Map(
            table
                .into_iter()
                .map(|(k, v)| (k, Value::from_toml(v)))
                .collect(),
        )
    }

    /// A scalar as a string (numbers and booleans as written); `None` for
    /// null, lists and maps.
    pub fn scalar(self) -> Option<String> {
        match self {
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(s) | Value::String(s) | Value::Date(s) => Some(s),
            Value::Null | Value::List(_) | Value::Map(_) => None,
        }
    }

    /// The value under `key` in a map (exact spelling first, then ignoring
    /// ASCII case); `None` for other values.
    pub fn get(&self, key: &str) -> Option<&Value> {
        let Value::Map(entries) = self else {
            return None;
        };
        entries
            .iter()
            .find(|(k, _)| k == key)
            .or_else(|| entries.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)))
            .map(|(_, v)| v)
    }

    /// A short name of the value's type, for warnings.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Date(_) => "a date",
            Value::List(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A string-like field (title, description): strings trimmed, numbers and
/// booleans as written; empty is `None`.
pub fn text(value: Option<&Value>) -> Option<String> {
    let text = value?.clone().scalar()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Where the tags were found and what they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tags {
    /// No tag key at all (or a null one).
    Absent,
    /// The tags, in order, without duplicates.
    Found(Vec<String>),
    /// The key held something that is not tags; the string names its type.
    Unusable {
        /// The key, as `tags`, `tag` or `taxonomies.tags`.
        key: &'static str,
        /// What it held.
        found: &'static str,
    },
}

/// Reads tags the way Jekyll and Zola do: `tags`, else `tag`, else Zola's
/// `taxonomies.tags`. A list gives its items as strings (nulls dropped,
/// numbers and booleans as written); a string is split on whitespace.
/// `categories` are not tags.
pub fn tags(front: &Value) -> Tags {
    let found = [("tags", front.get("tags")), ("tag", front.get("tag"))]
        .into_iter()
        .chain(std::iter::once((
            "taxonomies.tags",
            front.get("taxonomies").and_then(|t| t.get("tags")),
        )))
        .find_map(|(key, value)| value.map(|v| (key, v)));
    let Some((key, value)) = found else {
        return Tags::Absent;
    };
    let mut out: Vec<String> = Vec::new();
    let mut push = |tag: &str| {
        // Obsidian writes `#tag` in front matter too; a `#` before anything
        // a tag cannot start with (`#$%^`) is part of the tag as written.
        let tag = tag.trim();
        let tag = match tag.strip_prefix('#') {
            Some(rest) if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') => rest,
            _ => tag,
        };
        if !tag.is_empty() && !out.iter().any(|t| t == tag) {
            out.push(tag.to_string());
        }
    };
    match value {
        Value::Null => return Tags::Absent,
        Value::String(s) => s.split_whitespace().for_each(&mut push),
        Value::List(items) => {
            for item in items {
                match item {
                    Value::Null => {}
                    Value::List(_) | Value::Map(_) => {
                        return Tags::Unusable {
                            key,
                            found: "a list holding lists or mappings",
                        };
                    }
                    other => {
                        if let Some(s) = other.clone().scalar() {
                            push(&s);
                        }
                    }
                }
            }
        }
        other => {
            return Tags::Unusable {
                key,
                found: other.type_name(),
            };
        }
    }
    Tags::Found(out)
}

/// The author: a string, a mapping's `name`, or a list of either joined by ", ".
pub fn author(front: &Value) -> Option<String> {
    let value = front.get("author").or_else(|| front.get("authors"))?;
    let one = |v: &Value| match v {
        Value::Map(_) => text(v.get("name")),
        other => text(Some(other)),
    };
    match value {
        Value::List(items) => {
            let names: Vec<String> = items.iter().filter_map(one).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        other => one(other),
    }
}

/// `draft: true` or `published: false` (booleans, or the strings "true"/"false").
pub fn draft(front: &Value) -> bool {
    let truth = |v: Option<&Value>| match v {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("true") => Some(true),
        Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    };
    truth(front.get("draft")) == Some(true) || truth(front.get("published")) == Some(false)
}

/// `description`, else `excerpt`, else `summary`.
pub fn description(front: &Value) -> Option<String> {
    ["description", "excerpt", "summary"]
        .into_iter()
        .find_map(|key| text(front.get(key)))
}

/// A switch: `true`/`false`, the strings "true"/"false", or a map's `enable`.
pub fn switch(value: Option<&Value>) -> Option<bool> {
    match value? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
        map @ Value::Map(_) => switch(map.get("enable")),
        _ => None,
    }
}

/// Math switched on or off by the front matter: `math`, `mathjax` or
/// `katex`, at the top or under `extra` (Zola) or `params` (Hugo).
pub fn math(front: &Value) -> Option<bool> {
    let mut found = None;
    for key in ["math", "mathjax", "katex"] {
        for value in [
            front.get(key),
            front.get("extra").and_then(|e| e.get(key)),
            front.get("params").and_then(|e| e.get(key)),
        ] {
            match switch(value) {
                Some(true) => return Some(true),
                Some(false) => found = Some(false),
                None => {}
            }
        }
    }
    found
}

/// A Hugo page (or a cascade) that is not rendered: `headless: true`, or
/// `build`/`_build` with `render: never` (or `false`).
pub fn headless(front: &Value) -> bool {
    if switch(front.get("headless")) == Some(true) {
        return true;
    }
    ["build", "_build"]
        .iter()
        .any(|key| match front.get(key).and_then(|b| b.get("render")) {
            Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("never"),
            Some(Value::Bool(b)) => !b,
            _ => false,
        })
}

/// A section's `cascade` that makes the pages under it headless (a map, or
/// a list of maps without a `_target`).
pub fn cascade_headless(front: &Value) -> bool {
    match front.get("cascade") {
        Some(map @ Value::Map(_)) => headless(map),
        Some(Value::List(items)) => items
            .iter()
            .any(|c| headless(c) && c.get("_target").is_none()),
        _ => false,
    }
}

/// Categories and other taxonomies read as tags: Jekyll's `category` and
/// `categories` (a list or space-separated words), Hugo's `categories` and
/// `series`, the taxonomies a site's config names (`site_taxonomies`, plural
/// names as front matter keys), and every Zola `[taxonomies]` list other
/// than `tags`.
pub fn categories(front: &Value, site_taxonomies: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |value: &Value| match value {
        Value::String(s) => out.extend(s.split_whitespace().map(str::to_string)),
        Value::List(items) => out.extend(
            items
                .iter()
                .filter_map(|v| v.clone().scalar())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        ),
        Value::Number(_) | Value::Bool(_) | Value::Date(_) => out.extend(value.clone().scalar()),
        Value::Null | Value::Map(_) => {}
    };
    const ALWAYS: [&str; 3] = ["category", "categories", "series"];
    let named = site_taxonomies
        .iter()
        .map(String::as_str)
        .filter(|k| *k != "tags" && !ALWAYS.contains(k));
    for key in ALWAYS.into_iter().chain(named) {
        if let Some(value) = front.get(key) {
            add(value);
        }
    }
    if let Some(Value::Map(taxonomies)) = front.get("taxonomies") {
        for (key, value) in taxonomies {
            if key != "tags" {
                add(value);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(src: &str) -> Value {
        Value::from_yaml(serde_yaml::from_str(src).expect("test YAML parses"))
    }

    fn toml_value(src: &str) -> Value {
        Value::from_toml_table(toml::from_str(src).expect("test TOML parses"))
    }

    fn normalize_date(text: &str) -> Option<String> {
        crate::article::read_date(text).ok()
    }

    fn found(tags: &[&str]) -> Tags {
        Tags::Found(tags.iter().map(|t| t.to_string()).collect())
    }

    #[test]
    fn tags_as_a_yaml_list() {
        let front = yaml("tags: [Rust, 2024, true, ~, ' spaced out ', Rust]");
        assert_eq!(tags(&front), found(&["Rust", "2024", "true", "spaced out"]));
    }

    #[test]
    fn a_leading_hash_is_dropped_only_before_a_tag() {
        let front = yaml("tags: ['#garden', '#parent/child', '#$%^', '#']");
        assert_eq!(
            tags(&front),
            found(&["garden", "parent/child", "#$%^", "#"])
        );
    }

    #[test]
    fn tags_as_a_whitespace_separated_string() {
        let front = yaml("tags: rust  terminals\tmarkdown");
        assert_eq!(tags(&front), found(&["rust", "terminals", "markdown"]));
    }

    #[test]
    fn singular_tag_and_zola_taxonomies() {
        assert_eq!(tags(&yaml("tag: notes")), found(&["notes"]));
        let front = toml_value("[taxonomies]\ntags = [\"web app\", \"CLI\"]\ncategories = [\"x\"]");
        assert_eq!(tags(&front), found(&["web app", "CLI"]));
    }

    #[test]
    fn categories_are_not_tags() {
        assert_eq!(tags(&yaml("categories: [a, b]")), Tags::Absent);
        assert_eq!(tags(&yaml("tags: ~")), Tags::Absent);
    }

    #[test]
    fn other_tag_types_are_unusable() {
        assert_eq!(
            tags(&yaml("tags: {a: 1}")),
            Tags::Unusable {
                key: "tags",
                found: "a mapping"
            }
        );
        assert!(matches!(tags(&yaml("tags: 7")), Tags::Unusable { .. }));
        assert!(matches!(tags(&yaml("tags: [[a]]")), Tags::Unusable { .. }));
    }

    #[test]
    fn toml_datetimes_are_dates() {
        let front = toml_value("date = 2023-07-14\nupdated = 2023-07-14T10:00:00+02:00");
        let date = front.get("date").cloned().and_then(Value::scalar);
        assert_eq!(
            date.as_deref().and_then(normalize_date).as_deref(),
            Some("2023-07-14")
        );
        let updated = front.get("updated").cloned().and_then(Value::scalar);
        assert_eq!(
            updated.as_deref().and_then(normalize_date).as_deref(),
            Some("2023-07-14")
        );
    }

    #[test]
    fn author_draft_and_description() {
        let front =
            yaml("author: {name: Ada, url: x}\npublished: false\nexcerpt: Short.\nsummary: Long.");
        assert_eq!(author(&front).as_deref(), Some("Ada"));
        assert!(draft(&front));
        assert_eq!(description(&front).as_deref(), Some("Short."));
        let front = yaml("author: Grace\ndraft: false\nauthors: [x]");
        assert_eq!(author(&front).as_deref(), Some("Grace"));
        assert!(!draft(&front));
        assert_eq!(
            author(&yaml("authors: [A, {name: B}]")).as_deref(),
            Some("A, B")
        );
        assert!(draft(&yaml("draft: true")));
    }

    #[test]
    fn keys_fall_back_to_any_ascii_case() {
        let front = yaml("Title: Big\ntitle: small");
        assert_eq!(text(front.get("title")).as_deref(), Some("small"));
        assert_eq!(text(front.get("TITLE")).as_deref(), Some("Big"));
    }
}
