//! The heading outline of a body, exactly as CommonMark defines headings.

/// One heading of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The rendered plain text: emphasis dropped, code kept, image alt text
    /// kept, entities decoded, line breaks as one space.
    pub text: String,
    /// A unique GitHub-style slug (`-1`, `-2` for repeats), or the `{#id}`.
    pub anchor: String,
    /// The 1-based line in the file.
    pub line: usize,
    /// The byte offset of the heading in the body.
    pub offset: usize,
}

/// The headings of `body`; `body_line` is the file line the body starts on.
pub fn outline(body: &str, body_line: usize) -> Vec<Heading> {
    let _ = (body, body_line);
    todo!("article core")
}
