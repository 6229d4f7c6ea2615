//! Pictures as blocks: a paragraph that holds only a local image becomes an
//! [`ImageBlock`], its `[image: alt][n]` placeholder line followed by blank
//! rows reserved for the picture, so that the picture fits when it arrives
//! without laying the article out again. The rows are the ones the picture
//! is drawn in, counted from its size in pixels (read from its header
//! before the layout, see [`crate::article::PictureSizes`]) by
//! [`picture_cells`], which the reader fits the decoded picture with too.
//! Remote images, images inside text and every image when
//! [`LayoutOptions::image_rows`](super::LayoutOptions) is 0 stay the
//! placeholder text alone.

use super::Role;
use super::blocks::LayoutRun;
use super::inline::Inline;
use crate::article::PictureSize;

/// The size of a terminal cell in pixels until the terminal says another:
/// what half blocks count in.
pub const PICTURE_CELL: (u16, u16) = (10, 20);

/// The cells (columns, rows) a picture of `pixels` is drawn in, at most
/// `most`, with cells of `cell` pixels: shrunk to fit keeping its shape,
/// never blown up, rounded up to whole cells. The shrinking rounds as the
/// `image` crate's `thumbnail` does, so that a picture shrunk by it takes
/// these cells exactly.
pub fn picture_cells(pixels: (u32, u32), cell: (u16, u16), most: (u16, u16)) -> (u16, u16) {
    let (w, h) = (pixels.0.max(1), pixels.1.max(1));
    let (cell_w, cell_h) = (u32::from(cell.0.max(1)), u32::from(cell.1.max(1)));
    let (cols, rows) = (most.0.max(1), most.1.max(1));
    let (max_w, max_h) = (u32::from(cols) * cell_w, u32::from(rows) * cell_h);
    let (w, h) = if w > max_w || h > max_h {
        let ratio = f64::min(
            f64::from(max_w) / f64::from(w),
            f64::from(max_h) / f64::from(h),
        );
        let shrink = |side: u32| ((f64::from(side) * ratio).round() as u32).max(1);
        (shrink(w), shrink(h))
    } else {
        (w, h)
    };
    let cells = |px: u32, cell: u32, most: u16| {
        u16::try_from(px.div_ceil(cell))
            .unwrap_or(most)
            .clamp(1, most)
    };
    (cells(w, cell_w, cols), cells(h, cell_h, rows))
}

/// The rows reserved for a picture, and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageBlock {
    /// The block's first line (the placeholder's).
    pub line: usize,
    /// The lines the block takes: the rows the picture is drawn in (see
    /// [`LayoutOptions::image_rows`](super::LayoutOptions)), or the
    /// placeholder's lines when it wraps to more.
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
        let most = self.opts.image_rows;
        if most == 0 {
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
        let cols = u16::try_from(width).unwrap_or(u16::MAX);
        let size = self
            .pictures
            .zip(self.out.link(link))
            .and_then(|(pictures, target)| pictures.size(target));
        // The rows the picture is drawn in; the placeholder's line alone
        // for one that will not be; all of them when its size is unknown.
        let rows = match size {
            Some(PictureSize::Pixels(w, h)) => {
                picture_cells((w, h), self.opts.picture_cell, (cols, most)).1
            }
            Some(PictureSize::Unshown) => 1,
            None => most,
        };
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
            width: cols,
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
    fn picture_cells_shrink_keeping_the_shape_and_never_grow() {
        // 64 x 32 pixels in 10 x 20 pixel cells: 7 columns, 2 rows.
        assert_eq!(picture_cells((64, 32), (10, 20), (80, 16)), (7, 2));
        // Halved to fit 6 rows: 240 x 120 pixels.
        assert_eq!(picture_cells((480, 240), (10, 20), (50, 6)), (24, 6));
        // Too wide: shrunk to 40 columns, 400 x 100 pixels.
        assert_eq!(picture_cells((4000, 1000), (10, 20), (40, 16)), (40, 5));
        // Never less than a cell, never more than the most.
        assert_eq!(picture_cells((1, 1), (10, 20), (40, 16)), (1, 1));
        assert_eq!(picture_cells((0, 0), (0, 0), (0, 0)), (1, 1));
        assert_eq!(picture_cells((20, 60_000), (10, 20), (40, 16)), (1, 16));
    }

    #[test]
    fn a_picture_of_known_size_takes_the_rows_it_is_drawn_in() {
        use crate::article::{PictureSize, PictureSizes};
        let body = "![small](small.png)\n\n![wide](wide.png)\n\n![bad](bad.png)\n\n![gone](gone.png)\n\nEnd.\n";
        let mut article = Article::from_bytes(std::path::Path::new("post.md"), body.as_bytes());
        article.pictures = PictureSizes::new(|target| match target {
            "small.png" => Some(PictureSize::Pixels(64, 32)),
            "wide.png" => Some(PictureSize::Pixels(4000, 1000)),
            "bad.png" => Some(PictureSize::Unshown),
            _ => None,
        });
        let options = LayoutOptions {
            image_rows: 16,
            ..LayoutOptions::PLAIN
        };
        for width in [20u16, 40, 80] {
            let doc = layout(&article, width, options);
            let rows: Vec<u16> = doc.images.iter().map(|b| b.rows).collect();
            let wide = picture_cells((4000, 1000), PICTURE_CELL, (width, 16)).1;
            assert_eq!(rows, [2, wide, 1, 16], "width {width}");
            // Block after block, each followed by its blank line.
            for pair in doc.images.windows(2) {
                assert_eq!(pair[0].lines().end + 1, pair[1].line, "width {width}");
            }
        }
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
