//! Pictures as blocks: a paragraph that holds only a local image becomes an
//! [`ImageBlock`], its `[image: alt][n]` placeholder line followed by blank
//! rows reserved for the picture, so that the picture fits when it arrives
//! without laying the article out again. Remote images, images inside text
//! and every image when [`LayoutOptions::image_rows`](super::LayoutOptions)
//! is 0 stay the placeholder text alone.

use super::Role;
use super::blocks::LayoutRun;
use super::inline::Inline;

/// The rows reserved for a picture, and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageBlock {
    /// The block's first line (the placeholder's).
    pub line: usize,
    /// The lines the block takes: the picture's most rows.
    pub rows: u16,
    /// The column the picture starts at (after quote bars and list indents).
    pub column: u16,
    /// The picture's most columns.
    pub width: u16,
    /// The image's target, as an index in [`Document::links`](super::Document::links).
    pub link: u32,
    /// The alt text, sanitized.
    pub alt: String,
}

impl ImageBlock {
    /// The document lines the block covers.
    pub fn lines(&self) -> std::ops::Range<usize> {
        self.line..self.line.saturating_add(usize::from(self.rows))
    }
}

/// True when `target` names a file to read rather than something to fetch
/// (a scheme such as `https:` or `data:`, or a `//host` address).
pub fn is_local(target: &str) -> bool {
    let target = target.trim();
    if target.is_empty() || target.starts_with("//") || target.starts_with('#') {
        return false;
    }
    match target.split_once(':') {
        // One letter is a Windows drive, not a scheme.
        Some((scheme, _)) => {
            scheme.len() == 1
                || !scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => true,
    }
}

/// The image of a paragraph that holds nothing else: its link and alt text.
fn lone_image(inline: &Inline) -> Option<(u32, String)> {
    // Cheap refusal first: most paragraphs are not pictures.
    if !inline.text.trim_start().starts_with("[image: ") {
        return None;
    }
    let mut link = None;
    let mut image_text = String::new();
    let mut start = 0;
    for &(end, style) in &inline.runs {
        let text = &inline.text[start..end];
        start = end;
        match style.role {
            Role::Image => match (link, style.link) {
                (None, Some(l)) => {
                    link = Some(l);
                    image_text.push_str(text);
                }
                (Some(a), Some(b)) if a == b => image_text.push_str(text),
                _ => return None,
            },
            Role::LinkRef => {}
            _ if text.trim().is_empty() => {}
            _ => return None,
        }
    }
    let alt = image_text
        .trim()
        .strip_prefix("[image: ")?
        .strip_suffix(']')?
        .trim()
        .to_string();
    Some((link?, alt))
}

impl LayoutRun<'_> {
    /// Lays out `inline` as a picture block when it is a lone local image
    /// and pictures are on; false (nothing laid out) otherwise.
    pub(super) fn image_block(&mut self, inline: &Inline) -> bool {
        let rows = self.opts.image_rows;
        if rows == 0 {
            return false;
        }
        let Some((link, alt)) = lone_image(inline) else {
            return false;
        };
        let remote = |t: &str| {
            let t = t.trim_start();
            self.opts.remote_images && (t.starts_with("https://") || t.starts_with("http://"))
        };
        if !self
            .out
            .link(link)
            .is_some_and(|t| is_local(t) || remote(t))
        {
            return false;
        }
        let line = self.out.len();
        let column = self.prefix_width().min(self.width - 1);
        let width = self.avail();
        self.emit_inline(inline);
        let shown = self.out.len() - line;
        for _ in shown..usize::from(rows) {
            self.begin_line();
            self.out.trim_end();
            self.out.end_line();
        }
        let rows = u16::try_from(self.out.len() - line).unwrap_or(u16::MAX);
        self.out.add_image(ImageBlock {
            line,
            rows,
            column: u16::try_from(column).unwrap_or(u16::MAX),
            width: u16::try_from(width).unwrap_or(u16::MAX),
            link,
            alt,
        });
        true
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::layout::{Document, LayoutOptions, layout};

    fn laid(body: &str, width: u16, rows: u16) -> Document {
        let article = Article::from_bytes(std::path::Path::new("post.md"), body.as_bytes());
        let options = LayoutOptions {
            image_rows: rows,
            ..LayoutOptions::PLAIN
        };
        layout(&article, width, options)
    }

    fn texts(doc: &Document) -> Vec<String> {
        (0..doc.len())
            .map(|i| doc.line(i).unwrap().text().to_string())
            .collect()
    }

    #[test]
    fn a_lone_local_image_reserves_its_rows_at_every_width() {
        let body = "---\ntitle: T\n---\nBefore.\n\n![a red square](red.png)\n\nAfter.\n";
        for width in [1u16, 20, 40, 80, 200] {
            let doc = laid(body, width, 5);
            assert_eq!(doc.images.len(), 1, "width {width}");
            let block = &doc.images[0];
            let lines = texts(&doc);
            assert!(block.rows >= 5, "width {width}");
            assert!(
                lines[block.line].starts_with('['),
                "width {width}: {lines:?}"
            );
            assert_eq!(block.alt, "a red square");
            assert_eq!(doc.links[block.link as usize], "red.png");
            assert_eq!((block.column, block.width), (0, width));
            // The blank line between blocks, then the next paragraph.
            let end = block.lines().end;
            assert!(lines[end].is_empty(), "width {width}: {lines:?}");
            assert!(lines[end + 1].starts_with('A'), "width {width}: {lines:?}");
        }
        let doc = laid(body, 80, 5);
        let lines = texts(&doc);
        assert_eq!(lines[doc.images[0].line], "[image: a red square][1]");
        assert_eq!(doc.images[0].rows, 5);
        assert!(
            lines[doc.images[0].line + 1..doc.images[0].lines().end]
                .iter()
                .all(String::is_empty)
        );
    }

    #[test]
    fn images_in_text_remote_images_and_rows_zero_stay_text() {
        let cases = [
            "Look: ![a](a.png) here.\n",
            "![a](https://example.org/a.png)\n",
        ];
        for body in cases {
            let doc = laid(body, 80, 5);
            assert!(doc.images.is_empty(), "{body}");
            assert!(
                texts(&doc).iter().any(|l| l.contains("[image: a]")),
                "{body}"
            );
        }
        let doc = laid("![a](a.png)\n", 80, 0);
        assert!(doc.images.is_empty());
        assert_eq!(texts(&doc).last().unwrap(), "[1] a.png");
    }

    #[test]
    fn an_image_in_a_quote_starts_after_its_bar() {
        let doc = laid("> ![a](a.png)\n", 30, 3);
        let block = &doc.images[0];
        assert_eq!((block.column, block.width, block.rows), (2, 28, 3));
        for line in block.lines() {
            assert!(doc.line(line).unwrap().text().starts_with('│'));
        }
    }

    #[test]
    fn local_and_remote_targets() {
        for local in [
            "a.png",
            "img/a b.png",
            "/assets/x.jpg",
            "../x.gif",
            "C:/x.png",
        ] {
            assert!(is_local(local), "{local}");
        }
        for remote in [
            "https://example.org/a.png",
            "http://x/y.png",
            "//cdn.example.org/a.png",
            "data:image/png;base64,AAAA",
            "",
            "#anchor",
        ] {
            assert!(!is_local(remote), "{remote}");
        }
    }
}
