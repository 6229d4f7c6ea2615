//! The links of an article read by address, each resolved against that
//! address: a section of it, another markdown file at an address (kind
//! `file`, its path the URL, not checked: that would cost a fetch), or an
//! external address for the browser (a relative picture or PDF too).

use std::collections::HashSet;
use std::path::PathBuf;

use url::Url;

use super::forge::is_markdown;
use crate::article::Article;
use crate::links::{Kind, Link, Resolution, percent_decode, split_fragment};

/// Every link of `article`, read from `base`, with where it leads.
pub fn resolve_all(article: &Article, base: &Url) -> Vec<(Link, Resolution)> {
    let anchors: HashSet<String> = article
        .outline
        .iter()
        .map(|h| h.anchor().to_string())
        .collect();
    crate::links::links(article)
        .into_iter()
        .map(|link| {
            let found = resolve(article, base, &anchors, &link.target);
            (link, found)
        })
        .collect()
}

fn resolution(kind: Kind) -> Resolution {
    Resolution {
        kind,
        path: None,
        anchor: None,
        url: None,
        reason: None,
        landing: None,
    }
}

fn failed(kind: Kind, reason: impl Into<String>) -> Resolution {
    Resolution {
        reason: Some(reason.into()),
        ..resolution(kind)
    }
}

/// Says what `target`, a link in `article` read from `base`, leads to.
pub fn resolve(
    article: &Article,
    base: &Url,
    anchors: &HashSet<String>,
    target: &str,
) -> Resolution {
    let target = target.trim();
    if target.chars().any(char::is_control) {
        return failed(Kind::Refused, "the target holds a control character");
    }
    if target.is_empty() {
        return failed(Kind::Unresolved, "the target is empty");
    }
    if let Some(scheme) = scheme(target) {
        return match scheme.as_str() {
            "http" | "https" | "mailto" => Resolution {
                url: Some(target.to_string()),
                ..resolution(Kind::Url)
            },
            // A repository's file or folder (a folder's listing links to them).
            "gh" | "gl" if matches!(super::address::parse(target), Some(Ok(_))) => Resolution {
                path: Some(PathBuf::from(target)),
                ..resolution(Kind::File)
            },
            other => failed(Kind::Refused, format!("{other}: links are not followed")),
        };
    }
    let (path, fragment) = split_fragment(target);
    if path.is_empty() {
        return own_anchor(article, anchors, fragment.as_deref().unwrap_or(""));
    }
    let Ok(mut joined) = base.join(target) else {
        return failed(Kind::Unresolved, "not an address relative to the article's");
    };
    joined.set_fragment(None);
    let mut here = base.clone();
    here.set_fragment(None);
    if joined == here {
        return own_anchor(article, anchors, fragment.as_deref().unwrap_or(""));
    }
    if is_markdown(joined.path()) {
        return Resolution {
            path: Some(PathBuf::from(joined.as_str())),
            anchor: fragment
                .map(|f| percent_decode(&f))
                .filter(|f| !f.is_empty()),
            ..resolution(Kind::File)
        };
    }
    if let Some(f) = &fragment {
        joined.set_fragment(Some(f));
    }
    Resolution {
        url: Some(joined.to_string()),
        ..resolution(Kind::Url)
    }
}

fn own_anchor(article: &Article, anchors: &HashSet<String>, fragment: &str) -> Resolution {
    let anchor = percent_decode(fragment);
    let mut found = Resolution {
        path: Some(article.path.clone()),
        ..resolution(Kind::Anchor)
    };
    if anchor.is_empty() {
        return found;
    }
    if !anchors.contains(&anchor) {
        found.reason = Some(format!("no heading #{anchor} in this article"));
    }
    found.anchor = Some(anchor);
    found
}

/// The lowercase scheme of an absolute target (`https:`), if it has one.
fn scheme(target: &str) -> Option<String> {
    let end = target.find(':')?;
    let name = &target[..end];
    let first = name.chars().next()?;
    let ok = first.is_ascii_alphabetic()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    ok.then(|| name.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn article() -> Article {
        let text = "# Top\n\n## Part two\n\n[a](other.md#intro) [b](../up/x.md) [c](#part-two) \
                    [d](#nope) [e](pic.png) [f](https://x.org/) [g](javascript:alert(1)) \
                    [h](post.md#top) [i](/root.markdown)\n";
        Article::from_bytes(Path::new("http://h/blog/post.md"), text.as_bytes())
    }

    #[test]
    fn relative_targets_resolve_against_the_address() {
        let a = article();
        let base = Url::parse("http://h/blog/post.md").expect("url");
        let found = resolve_all(&a, &base);
        type Row<'a> = (&'a str, Option<String>, Option<String>, Option<String>);
        let got: Vec<Row<'_>> = found
            .iter()
            .map(|(_, r)| {
                (
                    r.kind.name(),
                    r.path.as_ref().map(|p| p.display().to_string()),
                    r.anchor.clone(),
                    r.url.clone(),
                )
            })
            .collect();
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            got,
            [
                ("file", s("http://h/blog/other.md"), s("intro"), None),
                ("file", s("http://h/up/x.md"), None, None),
                ("anchor", s("http://h/blog/post.md"), s("part-two"), None),
                ("anchor", s("http://h/blog/post.md"), s("nope"), None),
                ("url", None, None, s("http://h/blog/pic.png")),
                ("url", None, None, s("https://x.org/")),
                ("refused", None, None, None),
                ("anchor", s("http://h/blog/post.md"), s("top"), None),
                ("file", s("http://h/root.markdown"), None, None),
            ]
        );
        assert!(found[3].1.is_broken());
        assert!(!found[2].1.is_broken());
    }
}
