//! Link targets written as templates, read (never run) into the target the
//! site would produce: Liquid output (`{{ '/x/' | relative_url }}`,
//! `{{ site.baseurl }}/x`, `{{ site.repository }}`), Liquid's own link tags
//! after them, and Hugo's `ref`/`relref` shortcodes. What only a build of
//! the site could tell is said to be so.

/// What a template target turned out to mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Expanded {
    /// A plain target to resolve as written: a site path, a URL, a
    /// `{% link %}`/`{% post_url %}` tag with what follows it.
    Target(String),
    /// Hugo's `ref`/`relref`: a page path for Hugo's lookup, and the
    /// `#fragment` written inside or after the call.
    Ref {
        path: String,
        fragment: Option<String>,
    },
    /// A target only a build of the site knows; the part that says so.
    Template(String),
}

/// True when `target` holds template syntax this module reads.
pub(super) fn is_template(target: &str) -> bool {
    target.contains("{{")
}

/// Reads `target`. `site` answers a Liquid `site.KEY` (dotted keys as
/// written after `site.`) with the value the site gives it.
pub(super) fn expand(target: &str, site: &dyn Fn(&str) -> Option<String>) -> Expanded {
    let target = target.trim();
    if let Some(rest) = target
        .strip_prefix("{{<")
        .or_else(|| target.strip_prefix("{{%"))
    {
        return match shortcode(rest) {
            // Said as written: `{{% eturl x %}}`.
            Expanded::Template(_) => {
                let end = rest.find("}}").map_or(target.len(), |at| at + 5);
                Expanded::Template(target[..end].to_string())
            }
            found => found,
        };
    }
    let mut out = String::new();
    let mut rest = target;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let Some(close) = after.find("}}") else {
            return Expanded::Template(rest[at..].to_string());
        };
        let inner = after[..close].trim_matches('-').trim();
        match output(inner, site) {
            Some(value) => out.push_str(&value),
            None => return Expanded::Template(format!("{{{{ {inner} }}}}")),
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    let out = out.trim();
    if let Some(at) = out.find("{%") {
        // `{{ site.baseurl }}{% post_url x %}`: the tag names the page.
        return Expanded::Target(out[at..].to_string());
    }
    if out.is_empty() || out.starts_with('#') {
        return Expanded::Target(format!("/{out}"));
    }
    Expanded::Target(out.to_string())
}

/// The value of one Liquid output `expr | filter: arg | ..`, or `None`
/// when it depends on more than the site's config.
fn output(inner: &str, site: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut parts = split_filters(inner).into_iter();
    let mut out = value(parts.next()?.trim(), site)?;
    for filter in parts {
        let (name, arg) = match filter.split_once(':') {
            Some((name, arg)) => (name.trim(), Some(arg.trim())),
            None => (filter.trim(), None),
        };
        let arg = || arg.and_then(|a| value(a, site));
        out = match name {
            // Both give the page's address; inside the site it is its path.
            "relative_url" | "absolute_url" => site_path(&out),
            "prepend" => format!("{}{out}", arg()?),
            "append" => format!("{out}{}", arg()?),
            _ => return None,
        };
    }
    Some(out)
}

/// `'/x/'` as a path inside the site: its own address's prefix dropped
/// (`relative_url` adds the base path the resolver drops again).
fn site_path(value: &str) -> String {
    if value.contains("://") || value.starts_with('/') {
        value.to_string()
    } else {
        format!("/{value}")
    }
}

/// A Liquid value: a quoted string or a `site.` variable.
fn value(word: &str, site: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let quoted = |q: char| word.strip_prefix(q).and_then(|w| w.strip_suffix(q));
    if let Some(text) = quoted('\'').or_else(|| quoted('"')) {
        return Some(text.to_string());
    }
    let key = word.strip_prefix("site.")?;
    match key {
        // The site's own address: what follows it is a path of the site.
        "url" | "baseurl" => Some(String::new()),
        _ => site(key),
    }
}

/// `a | b: 'x|y' | c` split at the `|` outside quotes.
fn split_filters(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote = None;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '|') => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

/// After `{{<` or `{{%`: a `ref`/`relref` call with what follows its
/// closing, or any other shortcode.
fn shortcode(rest: &str) -> Expanded {
    let close = rest.find(">}}").or_else(|| rest.find("%}}"));
    let (inner, after) = match close {
        Some(at) => (&rest[..at], rest[at + 3..].trim()),
        None => (rest, ""),
    };
    let words = shortcode_args(inner);
    let Some((name, args)) = words.split_first() else {
        return Expanded::Template(format!("{{{{<{inner}>}}}}"));
    };
    if *name != "ref" && *name != "relref" {
        return Expanded::Template(format!("{{{{< {} >}}}}", inner.trim()));
    }
    let named = |key: &str| {
        args.iter()
            .find_map(|a| a.strip_prefix(key)?.strip_prefix('='))
            .map(unquote)
    };
    let path = named("path").or_else(|| args.iter().find(|a| !a.contains('=')).map(|a| unquote(a)));
    let Some(path) = path else {
        return Expanded::Template(format!("{{{{< {} >}}}}", inner.trim()));
    };
    let (path, inside) = match path.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(f.to_string())),
        None => (path.to_string(), None),
    };
    let fragment = after
        .strip_prefix('#')
        .map(str::to_string)
        .or(inside)
        .filter(|f| !f.is_empty());
    Expanded::Ref { path, fragment }
}

fn unquote(word: &str) -> &str {
    let word = word.trim();
    for q in ['"', '\'', '`'] {
        if let Some(inner) = word.strip_prefix(q).and_then(|w| w.strip_suffix(q)) {
            return inner;
        }
    }
    word
}

/// A shortcode's words: its name, then arguments split at spaces outside
/// quotes (`path="a b"` stays one).
fn shortcode_args(inner: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut quote = None;
    let mut start = None;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (None, c) if c.is_whitespace() => {
                if let Some(s) = start.take() {
                    words.push(&inner[s..i]);
                }
                continue;
            }
            (None, '"' | '\'' | '`') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        start.get_or_insert(i);
    }
    if let Some(s) = start {
        words.push(&inner[s..]);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(key: &str) -> Option<String> {
        match key {
            "repository" => Some("https://github.com/owner/repo".into()),
            "docs" => Some("/guide".into()),
            _ => None,
        }
    }

    fn target(t: &str) -> Expanded {
        Expanded::Target(t.into())
    }

    #[test]
    fn liquid_outputs_become_site_paths_and_urls() {
        let cases = [
            ("{{ '/docs/x/' | relative_url }}", target("/docs/x/")),
            ("{{ \"/docs/x/\" | absolute_url }}#s", target("/docs/x/#s")),
            ("{{'docs/x/'|relative_url}}", target("/docs/x/")),
            ("{{ site.baseurl }}/docs/x/", target("/docs/x/")),
            ("{{ site.url }}{{ site.baseurl }}/a", target("/a")),
            ("{{- site.url -}}", target("/")),
            (
                "{{ site.repository }}/issues",
                target("https://github.com/owner/repo/issues"),
            ),
            ("{{ site.docs }}/b", target("/guide/b")),
            ("{{ '/x' | prepend: site.docs }}", target("/guide/x")),
            (
                "{{ site.baseurl }}{% post_url 2022-01-01-a %}#b",
                target("{% post_url 2022-01-01-a %}#b"),
            ),
        ];
        for (written, want) in cases {
            assert_eq!(expand(written, &site), want, "{written}");
        }
    }

    #[test]
    fn what_needs_a_build_is_a_template() {
        for written in [
            "{{ page.url }}",
            "{{ site.unknown }}/x",
            "{{ '/x' | slugify }}",
            "{{% eturl hugo %}}",
            "{{< param docs >}}",
            "{{ '/x' ",
        ] {
            assert!(
                matches!(expand(written, &site), Expanded::Template(_)),
                "{written}"
            );
        }
    }

    #[test]
    fn hugo_refs_in_every_form() {
        let r = |path: &str, fragment: Option<&str>| Expanded::Ref {
            path: path.into(),
            fragment: fragment.map(str::to_string),
        };
        let cases = [
            ("{{< ref \"install\" >}}", r("install", None)),
            (
                "{{< relref \"/docs/a.md#opts\" >}}",
                r("/docs/a.md", Some("opts")),
            ),
            (
                "{{% ref \"a\" %}}#later",
                r("a", None).with_fragment("later"),
            ),
            ("{{< ref path=\"b/c\" lang=\"en\" >}}", r("b/c", None)),
            ("{{<ref 'x'>}}", r("x", None)),
        ];
        for (written, want) in cases {
            assert_eq!(expand(written, &site), want, "{written}");
        }
    }

    impl Expanded {
        fn with_fragment(self, f: &str) -> Expanded {
            match self {
                Expanded::Ref { path, .. } => Expanded::Ref {
                    path,
                    fragment: Some(f.into()),
                },
                other => other,
            }
        }
    }
}
