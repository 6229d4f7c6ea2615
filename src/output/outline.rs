//! `quire outline FILE [--json]`: an article's title and heading tree.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};

use serde::Serialize;

use crate::Outcome;
use crate::article::Article;
use crate::cli::OutlineArgs;
use crate::sanitize::{is_unsafe, sanitize_line};

/// The JSON shape: `{"path","title","headings":[{"level","text","anchor","line"}]}`.
#[derive(Debug, Serialize)]
struct OutlineJson<'a> {
    path: String,
    title: &'a str,
    headings: Vec<HeadingJson<'a>>,
}

/// One heading in the JSON output.
#[derive(Debug, Serialize)]
struct HeadingJson<'a> {
    level: u8,
    text: &'a str,
    anchor: &'a str,
    line: usize,
}

/// Prints the outline of `args.file`: warnings on stderr, the outline on
/// stdout. A file that cannot be read is a message on stderr and a failure.
pub fn outline(args: &OutlineArgs) -> anyhow::Result<Outcome> {
    let Some(article) = super::load_article(&args.file) else {
        return Ok(Outcome::Failure);
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        write_json(&mut out, &article)?;
    } else {
        write_text(&mut out, &article)?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// The title, then one line per heading, indented two spaces per level below
/// the highest level present.
pub fn write_text(out: &mut impl Write, article: &Article) -> io::Result<()> {
    writeln!(out, "{}", sanitize_line(&article.meta.title))?;
    let top = article.outline.iter().map(|h| h.level).min().unwrap_or(1);
    for heading in &article.outline {
        let depth = usize::from(heading.level.saturating_sub(top));
        writeln!(
            out,
            "{:indent$}{}",
            "",
            sanitize_line(&heading.text),
            indent = depth * 2
        )?;
    }
    Ok(())
}

/// The outline as one JSON object and a newline. The values are the text as
/// the file has it; characters a terminal could act on are written as
/// `\uXXXX` escapes (serde_json escapes C0 controls but writes DEL, C1
/// controls and bidi overrides raw), so the bytes are safe on a terminal and
/// the JSON decodes to the same strings.
pub fn write_json(out: &mut impl Write, article: &Article) -> io::Result<()> {
    let json = OutlineJson {
        path: article.path.to_string_lossy().into_owned(),
        title: &article.meta.title,
        headings: article
            .outline
            .iter()
            .map(|h| HeadingJson {
                level: h.level,
                text: &h.text,
                anchor: &h.anchor,
                line: h.line,
            })
            .collect(),
    };
    let text = serde_json::to_string(&json).map_err(io::Error::from)?;
    writeln!(out, "{}", escape_unsafe(&text))
}

/// Writes every character [`is_unsafe`] flags as a JSON `\uXXXX` escape.
/// Outside strings JSON is ASCII, so only string contents change.
fn escape_unsafe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_become_json_escapes() {
        let raw = "{\"t\":\"a\u{9b}b\u{202e}c\u{7f}\"}";
        let safe = escape_unsafe(raw);
        assert_eq!(safe, "{\"t\":\"a\\u009bb\\u202ec\\u007f\"}");
        let back: serde_json::Value = serde_json::from_str(&safe).expect("valid JSON");
        assert_eq!(back["t"], "a\u{9b}b\u{202e}c\u{7f}");
        assert!(matches!(escape_unsafe("{\"t\":\"é\"}"), Cow::Borrowed(_)));
    }
}
