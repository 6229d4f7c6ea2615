//! Template tags found in text: where one starts and ends, which family it
//! is (Hugo `{{< >}}`/`{{% %}}`, Liquid or Zola `{{ }}`/`{% %}`, kramdown
//! `{: }`/`{:: }`), its name and its arguments. Nothing is evaluated.

/// The longest tag read, in bytes: a longer one is left as text.
const MAX_TAG_BYTES: usize = 16 * 1024;

/// The delimiters a tag was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Hugo `{{< name >}}`.
    HugoAngle,
    /// Hugo `{{% name %}}`.
    HugoPercent,
    /// Liquid output `{{ expr }}`, or a Zola inline shortcode `{{ name(..) }}`.
    Output,
    /// Liquid tag `{% name %}`, or a Zola body shortcode `{% name(..) %}`.
    Statement,
    /// kramdown `{: attrs}` (inline attribute list).
    Attributes,
    /// kramdown `{::name}` extension.
    Extension,
}

/// One tag as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag<'t> {
    /// Its delimiters.
    pub family: Family,
    /// What is between them, whitespace-control dashes and spaces trimmed.
    pub inner: &'t str,
    /// The byte after its closing delimiter, from where it started.
    pub len: usize,
}

impl<'t> Tag<'t> {
    /// The tag starting at the start of `text` (which begins with `{`), if any.
    pub fn at(text: &'t str) -> Option<Tag<'t>> {
        let b = text.as_bytes();
        let (family, open, close): (Family, usize, &str) = match (b.get(1), b.get(2)) {
            (Some(b'{'), Some(b'<')) => (Family::HugoAngle, 3, ">}}"),
            (Some(b'{'), Some(b'%')) => (Family::HugoPercent, 3, "%}}"),
            (Some(b'{'), _) => (Family::Output, 2, "}}"),
            (Some(b'%'), _) => (Family::Statement, 2, "%}"),
            (Some(b':'), Some(b':')) => (Family::Extension, 3, "}"),
            (Some(b':'), _) => (Family::Attributes, 2, "}"),
            _ => return None,
        };
        let window = &text[..floor(text, MAX_TAG_BYTES)];
        let end = find_close(&window[open..], close)? + open;
        let inner = &text[open..end];
        if matches!(family, Family::Attributes) && !looks_like_attributes(inner) {
            return None;
        }
        if matches!(family, Family::Attributes | Family::Extension) && inner.contains('\n') {
            return None;
        }
        let inner = inner.trim_matches(|c: char| c.is_whitespace() || c == '-');
        Some(Tag {
            family,
            inner,
            len: end + close.len(),
        })
    }

    /// The first word of the tag: a shortcode's or a Liquid tag's name
    /// (`/name` for a Hugo closing tag, `name` for a Zola `name(..)` call).
    pub fn name(&self) -> &'t str {
        let inner = self.inner.trim_start();
        let end = inner
            .find(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '|')
            .unwrap_or(inner.len());
        &inner[..end]
    }

    /// The text after the name (a Zola call's parentheses removed).
    pub fn rest(&self) -> &'t str {
        let inner = self.inner.trim_start();
        let after = &inner[self.name().len()..];
        let after = after.trim();
        match after.strip_prefix('(') {
            Some(args) => args.strip_suffix(')').unwrap_or(args),
            None => after.strip_suffix("/").unwrap_or(after).trim_end(),
        }
    }

    /// True for a Zola call `name(..)`.
    pub fn is_call(&self) -> bool {
        let name = self.name();
        !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && self.inner.trim_start()[name.len()..]
                .trim_start()
                .starts_with('(')
    }

    /// True for Hugo's self-closing `{{< name />}}`.
    pub fn self_closing(&self) -> bool {
        self.inner.ends_with('/')
    }
}

/// The largest char boundary at or below `at`.
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where `close` first stands outside a quoted string in `text`; a quote
/// left open is read as a plain character.
fn find_close(text: &str, close: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut quote: Option<(u8, usize)> = None;
    let mut i = 0;
    while i < b.len() {
        match quote {
            Some((q, _)) if b[i] == q => quote = None,
            Some(_) if b[i] == b'\\' => i += 1,
            Some(_) => {}
            None if b[i] == b'"' || b[i] == b'`' => quote = Some((b[i], i)),
            None if b[i..].starts_with(close.as_bytes()) => return Some(i),
            None => {}
        }
        i += 1;
    }
    // An unbalanced quote: the first close after it, quotes ignored.
    quote.and_then(|(_, from)| text[from..].find(close).map(|at| from + at))
}

/// kramdown attribute lists hold `#id`, `.class`, `key="v"` and refs.
fn looks_like_attributes(inner: &str) -> bool {
    !inner.trim().is_empty()
        && inner
            .chars()
            .all(|c| c.is_alphanumeric() || " \t#.=\"'-_:/;,!?".contains(c) || !c.is_ascii())
}

/// One argument: named (`key="v"`, `key=v`) or positional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// The name, for a named argument.
    pub key: Option<String>,
    /// The value, quotes removed.
    pub value: String,
}

/// The arguments of `text`: Hugo's `"pos" key="v"`, Zola's `key="v",
/// key=true`, Liquid's `file.html key=v`.
pub fn args(text: &str) -> Vec<Arg> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && out.len() < 64 {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b',') {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let (first, next) = value(text, i);
        let mut j = next;
        while j < b.len() && b[j] == b' ' {
            j += 1;
        }
        let quoted = matches!(b[i], b'"' | b'\'' | b'`');
        if !quoted && j < b.len() && (b[j] == b'=' || b[j] == b':') {
            let mut k = j + 1;
            while k < b.len() && b[k] == b' ' {
                k += 1;
            }
            let (v, after) = value(text, k);
            out.push(Arg {
                key: Some(first),
                value: v,
            });
            i = after;
        } else {
            out.push(Arg {
                key: None,
                value: first,
            });
            i = next.max(i + 1);
        }
    }
    out
}

/// A value at `i`: a quoted string (its quotes removed, `\"` read as `"`)
/// or a bare word up to a space, `,`, `=` or `:`.
fn value(text: &str, i: usize) -> (String, usize) {
    let b = text.as_bytes();
    match b.get(i) {
        Some(&q @ (b'"' | b'\'' | b'`')) => {
            let mut s = String::new();
            let mut j = i + 1;
            let mut from = j;
            while j < b.len() && b[j] != q {
                if b[j] == b'\\' && q != b'`' && j + 1 < b.len() {
                    s.push_str(&text[from..j]);
                    let escaped = b[j + 1];
                    match escaped {
                        b'n' => s.push('\n'),
                        _ => from = j + 1,
                    }
                    if escaped == b'n' {
                        from = j + 2;
                    }
                    j += 2;
                    continue;
                }
                j += 1;
            }
            s.push_str(&text[from..j.min(b.len())]);
            (s, (j + 1).min(b.len()))
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b' ' | b'\t' | b'\n' | b',' | b'=' | b':') {
                j += 1;
            }
            if j == i {
                j = i + 1;
                while j < b.len() && !text.is_char_boundary(j) {
                    j += 1;
                }
            }
            (text[i..j].to_string(), j)
        }
    }
}

/// The value of the named argument `key`, else `None`.
pub fn named<'a>(args: &'a [Arg], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|key| {
        args.iter()
            .find(|a| a.key.as_deref() == Some(key))
            .map(|a| a.value.as_str())
    })
}

/// The `n`th positional argument.
pub fn positional(args: &[Arg], n: usize) -> Option<&str> {
    args.iter()
        .filter(|a| a.key.is_none())
        .nth(n)
        .map(|a| a.value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_of_each_family_are_found_with_their_names() {
        let t = Tag::at("{{< figure src=\"a.png\" >}} after").expect("hugo");
        assert_eq!(
            (t.family, t.name(), t.len),
            (Family::HugoAngle, "figure", 26)
        );
        let t = Tag::at("{{% include \"_common/x.md\" %}}").expect("percent");
        assert_eq!((t.family, t.name()), (Family::HugoPercent, "include"));
        let t = Tag::at("{{ admonition(type=\"tip\", text=\"a }} b\") }}").expect("zola");
        assert!(t.is_call());
        assert_eq!(t.rest(), "type=\"tip\", text=\"a }} b\"");
        let t = Tag::at("{%- include x.html -%}").expect("liquid");
        assert_eq!(
            (t.family, t.name(), t.rest()),
            (Family::Statement, "include", "x.html")
        );
        let t = Tag::at("{: #v4-4-1}").expect("ial");
        assert_eq!((t.family, t.inner), (Family::Attributes, "#v4-4-1"));
        assert!(Tag::at("{ not a tag }").is_none());
        assert!(Tag::at("{{ never closed").is_none());
        assert!(Tag::at("{{< new-in 0.1 />}}").expect("self").self_closing());
    }

    #[test]
    fn arguments_named_positional_and_quoted() {
        let a = args("\"x/y\" lang=\"en\" `raw \"q\"` n=3");
        assert_eq!(positional(&a, 0), Some("x/y"));
        assert_eq!(positional(&a, 1), Some("raw \"q\""));
        assert_eq!(named(&a, &["lang"]), Some("en"));
        assert_eq!(named(&a, &["n"]), Some("3"));
        let a = args("type=\"tip\", title=\"Say \\\"hi\\\"\", text=\"a, b\"");
        assert_eq!(named(&a, &["title"]), Some("Say \"hi\""));
        assert_eq!(named(&a, &["text"]), Some("a, b"));
    }
}
