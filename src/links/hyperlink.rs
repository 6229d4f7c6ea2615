//! Which links a terminal may open as an OSC 8 hyperlink, and the URL it is
//! given: `http`, `https` and `mailto` as written, a local target as the
//! `file://` URL of the file it resolves to, never a bare relative path.
//! No terminal types; the writers (`quire render`, the reader) add the
//! escape sequence around the text.

use std::path::Path;

use super::{Kind, Resolution};

/// The longest URL given to a terminal: longer ones print as plain text
/// (terminals cap them near this, and a huge one costs every frame).
pub const MAX_URL_BYTES: usize = 2048;

/// The URL a link may open from a terminal: `http`, `https` and `mailto` as
/// written (an e-mail autolink gets `mailto:`), and a relative link as the
/// `file://` URL of the file next to the article. Every other scheme
/// (`javascript:`, `vscode:`, a `file:` the article wrote itself) gets no
/// hyperlink: its text prints plain.
pub fn link_target(url: &str, article: Option<&Path>) -> Option<String> {
    let url = url.trim();
    let end = url.find([':', '/', '?', '#']);
    if let Some(at) = end.filter(|&at| url[at..].starts_with(':')) {
        let scheme = url[..at].to_ascii_lowercase();
        return matches!(scheme.as_str(), "http" | "https" | "mailto").then(|| url.to_string());
    }
    if url.contains('@') && !url.contains('/') {
        return Some(format!("mailto:{url}"));
    }
    if url.starts_with("//") {
        return None;
    }
    // An article read by address: its relative links are addresses too.
    let article = article?;
    if let Some(base) = article
        .to_str()
        .filter(|a| a.starts_with("http://") || a.starts_with("https://"))
        .and_then(|a| url::Url::parse(a).ok())
    {
        let joined = base.join(url).ok()?;
        return matches!(joined.scheme(), "http" | "https").then(|| joined.to_string());
    }
    let article = std::path::absolute(article).ok()?;
    let (path, fragment) = match url.find('#') {
        Some(at) => url.split_at(at),
        None => (url, ""),
    };
    let path = path.split('?').next().unwrap_or_default();
    let file = if path.is_empty() {
        article
    } else {
        article.parent()?.join(path)
    };
    Some(format!("file://{}{fragment}", file.display()))
}

/// The URL of a link the links module resolved: the address of an external
/// link, the `file://` URL of the file (and section) a local one leads to;
/// `None` for a refused or unresolved target.
pub fn resolved_target(resolution: &Resolution) -> Option<String> {
    match resolution.kind {
        Kind::Url => link_target(resolution.url.as_deref()?, None),
        Kind::Anchor | Kind::File | Kind::Wikilink => {
            let file = std::path::absolute(resolution.path.as_deref()?).ok()?;
            let fragment = resolution
                .anchor
                .as_deref()
                .map_or(String::new(), |a| format!("#{a}"));
            Some(format!("file://{}{fragment}", file.display()))
        }
        Kind::Unresolved | Kind::Refused | Kind::Template | Kind::Generated => None,
    }
}

/// A URL fit for an OSC 8 sequence: every byte outside printable ASCII
/// (controls, ESC, spaces, non-ASCII) and the backslash percent-encoded, so
/// nothing can end or extend the sequence.
pub fn osc8_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if (0x21..0x7f).contains(&b) && b != b'\\' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn osc8_urls_cannot_escape() {
        assert_eq!(
            osc8_url("http://e\x1b\\x y/é\x07"),
            "http://e%1B%5Cx%20y/%C3%A9%07"
        );
    }

    #[test]
    fn only_web_mail_and_our_own_file_links_are_hyperlinks() {
        let article = Some(Path::new("/posts/a.md"));
        for (url, want) in [
            ("https://e.org/x", Some("https://e.org/x")),
            ("HTTP://e.org", Some("HTTP://e.org")),
            ("mailto:a@b.org", Some("mailto:a@b.org")),
            ("a@b.org", Some("mailto:a@b.org")),
            ("other.md#part", Some("file:///posts/other.md#part")),
            ("#part", Some("file:///posts/a.md#part")),
            ("javascript:alert(1)", None),
            (" JavaScript:alert(1)", None),
            ("vscode://file/etc/passwd", None),
            ("file:///etc/passwd", None),
            ("data:text/html,x", None),
            ("//evil.org/x", None),
        ] {
            assert_eq!(link_target(url, article).as_deref(), want, "{url}");
        }
        assert_eq!(link_target("other.md", None), None);
    }

    #[test]
    fn resolved_local_links_become_file_urls() {
        let file = Resolution {
            kind: Kind::File,
            path: Some(PathBuf::from("/site/posts/other.md")),
            anchor: Some("part".into()),
            url: None,
            reason: None,
            landing: None,
        };
        assert_eq!(
            resolved_target(&file).as_deref(),
            Some("file:///site/posts/other.md#part")
        );
        let refused = Resolution {
            kind: Kind::Refused,
            ..file.clone()
        };
        assert_eq!(resolved_target(&refused), None);
        let url = Resolution {
            kind: Kind::Url,
            path: None,
            anchor: None,
            url: Some("https://e.org".into()),
            reason: None,
            landing: None,
        };
        assert_eq!(resolved_target(&url).as_deref(), Some("https://e.org"));
    }
}
