//! Front matter values, YAML or TOML alike, and the fields quire reads from
//! them: title, tags, date, author, draft, description.

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
        let tag = tag.trim();
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

/// A date written in any common form, as `YYYY-MM-DD`: ISO dates and
/// datetimes (`2023-11-14`, `2023-11-14T10:00:00Z`, `2023-11-14 10:00:00 +0530`,
/// `2023/11/14`, one-digit months and days), `14 Nov 2023`, `Nov 14, 2023`
/// and RFC 2822's `Tue, 14 Nov 2023 10:00:00 +0000`. The date is the one
/// written, not moved to another time zone. A refused date says why: it is
/// not written in a form quire reads, or it names a day the calendar does not
/// have (`2023-02-31`).
pub fn read_date(text: &str) -> Result<String, DateError> {
    let text = text.trim();
    let (year, month, day) = iso_date(text)
        .or_else(|| worded_date(text))
        .ok_or(DateError::Unreadable)?;
    ymd(year, month, day)
}

/// Why a written date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a form quire reads.
    Unreadable,
    /// Month and day read, but the month has no such day (`2023-02-31`).
    NoSuchDay,
}

/// `YYYY-M-D` (with `-`, `/` or `.`) at the start of `text`, followed by the
/// end, a `T`, a space or a `_`/`-` (as in a Jekyll file name).
fn iso_date(text: &str) -> Option<(u32, u32, u32)> {
    let bytes = text.as_bytes();
    let mut fields = [0u32; 3];
    let mut pos = 0;
    for (i, field) in fields.iter_mut().enumerate() {
        let start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() && pos - start < 4 {
            *field = *field * 10 + u32::from(bytes[pos] - b'0');
            pos += 1;
        }
        let digits = pos - start;
        let ok = if i == 0 {
            digits == 4
        } else {
            (1..=2).contains(&digits)
        };
        if !ok {
            return None;
        }
        if i < 2 {
            if !matches!(bytes.get(pos), Some(b'-' | b'/' | b'.')) {
                return None;
            }
            pos += 1;
        }
    }
    if !matches!(
        bytes.get(pos),
        None | Some(b'T' | b't' | b' ' | b'_' | b'-')
    ) {
        return None;
    }
    Some((fields[0], fields[1], fields[2]))
}

/// `14 Nov 2023`, `Nov 14, 2023`, `November 14 2023`, with an optional
/// leading weekday (`Tue, `) and anything after the year ignored.
fn worded_date(text: &str) -> Option<(u32, u32, u32)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.first() {
        Some(w) if weekday(w) => &words[1..],
        _ => &words[..],
    };
    let [a, b, c, ..] = words else {
        return None;
    };
    let (day, month) = match (a.parse::<u32>(), month(a)) {
        (Ok(day), _) => (day, month(b)?),
        (_, Some(m)) => (
            b.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                .parse()
                .ok()?,
            m,
        ),
        _ => return None,
    };
    let year: u32 = c.parse().ok().filter(|_| c.len() == 4)?;
    Some((year, month, day))
}

/// Formats a day of the (proleptic Gregorian) calendar; month 13 or day 32 is
/// unreadable, February 30 or April 31 a day that does not exist.
fn ymd(year: u32, month: u32, day: u32) -> Result<String, DateError> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(DateError::Unreadable);
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > days {
        return Err(DateError::NoSuchDay);
    }
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

/// The month of an English month name or its three-letter abbreviation.
fn month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == word
                || (word.len() == 3 && m.starts_with(&word))
                || (word == "sept" && *m == "september")
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// True for an English weekday name or abbreviation.
fn weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let word = word.to_ascii_lowercase();
    word.len() >= 3 && DAYS.iter().any(|d| word.starts_with(d))
}

/// The date of a Jekyll post file name, `YYYY-M-D-title.md`.
pub fn file_name_date(stem: &str) -> Option<String> {
    let (year, month, day) = iso_date(stem)?;
    ymd(year, month, day).ok()
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
        read_date(text).ok()
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
    fn dates_in_common_forms() {
        for (given, want) in [
            ("2023-11-14", "2023-11-14"),
            ("2023-11-14 10:00:00 +0530", "2023-11-14"),
            ("2023-11-14T23:59:59Z", "2023-11-14"),
            ("2024-1-9", "2024-01-09"),
            ("2023/11/14", "2023-11-14"),
            ("14 Nov 2023", "2023-11-14"),
            ("November 14, 2023", "2023-11-14"),
            ("Tue, 14 Nov 2023 10:00:00 +0000", "2023-11-14"),
            ("Nov 3rd, 2023", "2023-11-03"),
        ] {
            assert_eq!(normalize_date(given).as_deref(), Some(want), "{given}");
        }
        for bad in [
            "",
            "soon",
            "2023-13-01",
            "2023-11-40",
            "11/14/2023",
            "23-11-14",
        ] {
            assert_eq!(read_date(bad), Err(DateError::Unreadable), "{bad}");
        }
    }

    #[test]
    fn days_the_calendar_lacks_are_refused() {
        for missing in [
            "2023-02-31",
            "2023-02-29",
            "1900-02-29",
            "2023-04-31",
            "31 Jun 2023",
            "Sep 31, 2023",
        ] {
            assert_eq!(read_date(missing), Err(DateError::NoSuchDay), "{missing}");
        }
        for leap in ["2024-02-29", "2000-02-29", "2023-12-31", "2023-01-31"] {
            assert!(read_date(leap).is_ok(), "{leap}");
        }
        assert_eq!(file_name_date("2023-2-30-post"), None);
        assert_eq!(
            file_name_date("2024-2-29-post").as_deref(),
            Some("2024-02-29")
        );
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
    fn jekyll_file_name_dates() {
        assert_eq!(
            file_name_date("2024-1-29-OpenSource").as_deref(),
            Some("2024-01-29")
        );
        assert_eq!(
            file_name_date("2022-10-2-webdev").as_deref(),
            Some("2022-10-02")
        );
        assert_eq!(file_name_date("2023-11-14").as_deref(), Some("2023-11-14"));
        assert_eq!(file_name_date("index"), None);
        assert_eq!(file_name_date("2023-11-14x"), None);
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
