//! What a template tag means, written as the markdown quire already lays
//! out: a callout (`> [!kind] title`), a fold (`<details>`), a picture
//! (`![alt](src)` and its caption), a code or diagram fence, a short dim
//! label (`⟨name args⟩`) and a badge (`New in v0.120.0`).

/// A callout of `kind` (note, tip, warning, ..) with `title` and a body
/// already in markdown; every line starts with `indent`.
pub fn callout(out: &mut String, indent: &str, kind: &str, title: &str, body: &str) {
    let kind = callout_kind(kind);
    let title = one_line(title);
    out.push_str(indent);
    out.push_str("> [!");
    out.push_str(kind);
    out.push(']');
    if !title.is_empty() {
        out.push(' ');
        out.push_str(&title);
    }
    out.push('\n');
    for line in body.trim_matches('\n').lines() {
        out.push_str(indent);
        out.push('>');
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// The callout name quire knows for a generator's admonition type.
pub fn callout_kind(kind: &str) -> &'static str {
    match kind.trim().to_ascii_lowercase().as_str() {
        "tip" | "hint" | "success" | "check" => "tip",
        "important" | "question" | "example" | "quote" => "important",
        "warning" | "warn" | "attention" => "warning",
        "caution" | "danger" | "error" | "bug" | "failure" => "caution",
        "info" => "info",
        _ => "note",
    }
}

/// A fold with `summary`, its body in markdown.
pub fn fold(out: &mut String, indent: &str, summary: &str, body: &str) {
    let summary = one_line(summary);
    let summary = if summary.is_empty() {
        "Details".to_string()
    } else {
        summary
    };
    out.push_str(indent);
    out.push_str("<details><summary>");
    out.push_str(&escape_html(&summary));
    out.push_str("</summary>\n\n");
    indented(out, indent, body.trim_matches('\n'));
    out.push('\n');
    out.push_str(indent);
    out.push_str("</details>\n");
}

/// A picture of `src` with `alt`, then its caption as a line of its own.
pub fn picture(out: &mut String, indent: &str, src: &str, alt: &str, caption: &str) {
    let alt = one_line(alt);
    let caption = one_line(caption);
    out.push_str(indent);
    out.push_str("![");
    let shown = if alt.is_empty() { &caption } else { &alt };
    out.push_str(&escape_brackets(shown));
    out.push_str("](<");
    out.push_str(&src.replace(['<', '>', '\n'], ""));
    out.push_str(">)\n");
    if !caption.is_empty() && caption != *shown {
        out.push('\n');
        out.push_str(indent);
        out.push('*');
        out.push_str(caption.trim_matches('*'));
        out.push_str("*\n");
    }
}

/// A fenced code block of `lang` holding `code` line for line.
pub fn code(out: &mut String, indent: &str, lang: &str, code: &str) {
    let fence = fence_for(code);
    let code = code.strip_prefix('\n').unwrap_or(code);
    let code = code.strip_suffix('\n').unwrap_or(code);
    out.push_str(indent);
    out.push_str(&fence);
    out.push_str(lang.trim());
    out.push('\n');
    indented(out, indent, code);
    out.push_str(indent);
    out.push_str(&fence);
    out.push('\n');
}

/// A fence longer than any run of backticks in `code`.
fn fence_for(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for b in code.bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(3))
}

/// A link line to a video or a page a shortcode embeds.
pub fn link_line(out: &mut String, indent: &str, text: &str, url: &str) {
    out.push_str(indent);
    out.push_str("▶ [");
    out.push_str(&escape_brackets(&one_line(text)));
    out.push_str("](<");
    out.push_str(&url.replace(['<', '>', '\n'], ""));
    out.push_str(">)\n");
}

/// A tag shown once as a short dim label: `⟨name args⟩`, in a span the
/// layout styles with the theme's template-label role (every other reader
/// drops the span's tags and keeps its text).
pub fn label(text: &str) -> String {
    let text = one_line(text);
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!(
        "<quire-label>⟨{}⟩</quire-label>",
        escape_markdown(short.trim())
    )
}

/// A one-line note in the place of something that could not be shown
/// (an include that is missing), as a label, never cut short.
pub fn note(text: &str) -> String {
    format!(
        "<quire-label>⟨{}⟩</quire-label>",
        escape_markdown(&one_line(text))
    )
}

/// A badge such as `New in v0.120.0`, in a span the layout styles with the
/// theme's badge role.
pub fn badge(words: &str, version: &str) -> String {
    let version = one_line(version);
    let version = version.trim();
    let v = if version.starts_with(|c: char| c.is_ascii_digit()) {
        "v"
    } else {
        ""
    };
    format!(
        "<quire-badge>{words} {v}{}</quire-badge>",
        escape_markdown(version)
    )
}

/// `text` with each line after `indent`.
fn indented(out: &mut String, indent: &str, text: &str) {
    for line in text.split('\n') {
        if !line.is_empty() {
            out.push_str(indent);
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// Newlines and runs of spaces as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ASCII punctuation that markdown could read as markup, backslash-escaped.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() && !"\"',.:;/=-()?".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn escape_brackets(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_written_as_markdown() {
        let mut out = String::new();
        callout(&mut out, "", "danger", "Careful", "one\n\ntwo");
        assert_eq!(out, "> [!caution] Careful\n> one\n>\n> two\n");
        let mut out = String::new();
        code(&mut out, "  ", "toml", "\n[a]\n  b = 1\n");
        assert_eq!(out, "  ```toml\n  [a]\n    b = 1\n  ```\n");
        let mut out = String::new();
        picture(&mut out, "", "a.png", "", "A cat");
        assert_eq!(out, "![A cat](<a.png>)\n");
        assert_eq!(
            label("details  summary=\"x\""),
            "<quire-label>⟨details summary=\"x\"⟩</quire-label>"
        );
        assert_eq!(
            badge("New in", "0.120.0"),
            "<quire-badge>New in v0.120.0</quire-badge>"
        );
    }
}
