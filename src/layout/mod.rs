//! A markdown body and a width to a [`Document`]: styled lines that speak in
//! [`Role`]s, never in terminal colours. Laid out once per width.
//!
//! A document keeps all its text in one buffer and its spans as ranges into it,
//! so a 5 MB article costs little more than its text.

mod alerts;
mod block_state;
mod blocks;
mod builder;
mod code;
mod deflist;
mod details;
mod diagram;
mod elements;
mod headings;
mod html;
mod image;
mod inline;
mod lines;
mod lists;
mod math;
mod refs;
mod sections;
mod styles;
mod table;
mod table_row;
mod wrap;

pub use builder::DocumentBuilder;

#[cfg(test)]
mod tests;

pub use alerts::AlertKind;
pub use code::{
    HIGHLIGHT_MAX_BLOCK_LINES, HIGHLIGHT_MAX_BODY_BYTES, HIGHLIGHT_MAX_DOC_LINES, has_syntax_theme,
};
pub use details::{FOLDED, Fold, UNFOLDED};
pub use image::{ImageBlock, PICTURE_CELL, is_local, picture_cells};
pub use lines::MAX_DEPTH;
pub use table::SAMPLE_ROWS as TABLE_SAMPLE_ROWS;
pub use wrap::cell_width;

use std::borrow::Cow;
use std::ops::Range;

/// What a piece of text is, for the theme to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Role {
    /// Body text.
    #[default]
    Text,
    /// Heading text of a level (1 to 6).
    Heading(u8),
    /// The rule or prefix that marks a heading's level.
    HeadingMark,
    /// Inline code.
    Code,
    /// Code block text with no highlighting.
    CodeBlock,
    /// Highlighted code block text in a syntax colour.
    Syntax(u8, u8, u8),
    /// A code block's frame and language label.
    CodeFrame,
    /// Link text.
    Link,
    /// A link's `[n]` reference marker and the link list at the end.
    LinkRef,
    /// An image's `[image: alt]` text.
    Image,
    /// A list bullet or number, or a task box.
    ListMarker,
    /// A blockquote's bar.
    QuoteBar,
    /// A horizontal rule.
    Rule,
    /// Table borders.
    TableBorder,
    /// A table header cell.
    TableHeader,
    /// A footnote marker or definition label.
    Footnote,
    /// Control characters made visible.
    Escaped,
    /// The article header: author, date.
    Meta,
    /// A tag in the article header.
    Tag,
    /// An alert or callout's bar and label, by kind.
    Alert(AlertKind),
    /// Math, inline or displayed.
    Math,
    /// A definition list's term.
    DefinitionTerm,
    /// The summary line of a `<details>` block.
    Summary,
    /// A site's version badge (Hugo's `new-in`: `New in v0.120.0`).
    Badge,
    /// A site template tag quire shows once as a short label (`⟨name args⟩`).
    TemplateLabel,
    /// Highlighted text: `<mark>`, a vault's `==highlight==`.
    Highlight,
}

/// Emphasis that combines with any role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Emphasis {
    /// `**strong**`.
    pub strong: bool,
    /// `*emphasis*`.
    pub emph: bool,
    /// `~~strikethrough~~`.
    pub strike: bool,
}

/// The look of one span: a role and emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    /// What the text is.
    pub role: Role,
    /// How it is stressed.
    pub emphasis: Emphasis,
    /// For [`Role::Link`] and [`Role::Image`]: the index in [`Document::links`].
    pub link: Option<u32>,
}

impl Style {
    /// A plain style of `role`.
    pub const fn of(role: Role) -> Style {
        Style {
            role,
            emphasis: Emphasis {
                strong: false,
                emph: false,
                strike: false,
            },
            link: None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct SpanSlot {
    end: u32,
    style: Style,
}

#[derive(Debug, Clone, Copy)]
struct LineSlot {
    /// Index of the line's first span in `spans`.
    first_span: u32,
    /// Byte offset in the body of the block this line belongs to.
    source: u32,
}

/// An article laid out at one width.
#[derive(Debug, Clone, Default)]
pub struct Document {
    text: String,
    spans: Vec<SpanSlot>,
    lines: Vec<LineSlot>,
    /// For each heading of the article's outline, in order, its line index.
    pub headings: Vec<usize>,
    /// Link and image targets, referenced by [`Style::link`] and `[n]` markers.
    pub links: Vec<String>,
    /// The width this was laid out at; no line is wider.
    pub width: u16,
    /// The picture blocks, in line order (none unless
    /// [`LayoutOptions::image_rows`] is set).
    pub images: Vec<ImageBlock>,
    /// The `<details>` blocks, in the order their summaries come: the
    /// lines a reader may fold away. Their order is the same at every width.
    pub folds: Vec<Fold>,
    /// True when long code lines were wrapped (see [`LayoutOptions::wrap_code`]).
    pub wrap_code: bool,
    /// The spans that stand for [`FILL`] repeated: `(span index, count)`,
    /// ascending. Such a span keeps one `─` in `text`; a rule is as wide as
    /// the page, so keeping it whole would make a flood of rules cost
    /// thousands of bytes a line.
    fills: Vec<(u32, u16)>,
}

/// The character a fill span repeats.
const FILL: &str = "─";

/// [`FILL`] repeated [`MAX_WIDTH`] times: fill spans are slices of it.
const FILLS: &str = {
    const BYTES: [u8; FILL.len() * MAX_WIDTH as usize] = {
        let unit = FILL.as_bytes();
        let mut out = [0u8; FILL.len() * MAX_WIDTH as usize];
        let mut i = 0;
        while i < out.len() {
            out[i] = unit[i % unit.len()];
            i += 1;
        }
        out
    };
    match std::str::from_utf8(&BYTES) {
        Ok(s) => s,
        Err(_) => panic!("FILL repeated is UTF-8"),
    }
};

/// One laid-out line, borrowed from a [`Document`].
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    doc: &'a Document,
    index: usize,
}

impl Document {
    /// How many lines there are.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when there are no lines.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Line `index`, if there is one.
    pub fn line(&self, index: usize) -> Option<Line<'_>> {
        (index < self.lines.len()).then_some(Line { doc: self, index })
    }

    /// The lines from `start`, at most `count` of them.
    pub fn lines(&self, start: usize, count: usize) -> impl Iterator<Item = Line<'_>> {
        let end = start.saturating_add(count).min(self.lines.len());
        (start.min(end)..end).map(move |index| Line { doc: self, index })
    }

    /// The first line laid out from the block at body offset `source` or later:
    /// where a reader anchored on that block lands after a re-layout.
    pub fn line_of_source(&self, source: usize) -> usize {
        let source = u32::try_from(source).unwrap_or(u32::MAX);
        let i = self.lines.partition_point(|l| l.source < source);
        i.min(self.lines.len().saturating_sub(1))
    }

    fn span_range(&self, index: usize) -> Range<usize> {
        let first = self.lines[index].first_span as usize;
        let end = self
            .lines
            .get(index + 1)
            .map_or(self.spans.len(), |l| l.first_span as usize);
        first..end
    }

    fn span_start(&self, span: usize) -> usize {
        if span == 0 {
            0
        } else {
            self.spans[span - 1].end as usize
        }
    }

    /// The text span `span` shows: its bytes in `text`, or for a fill span
    /// a slice of [`FILLS`].
    fn span_text(&self, span: usize) -> &str {
        let stored = &self.text[self.span_start(span)..self.spans[span].end as usize];
        if stored != FILL {
            return stored;
        }
        let span = u32::try_from(span).unwrap_or(u32::MAX);
        match self.fills.binary_search_by_key(&span, |f| f.0) {
            Ok(i) => {
                let count = usize::from(self.fills[i].1).min(FILLS.len() / FILL.len());
                &FILLS[..count * FILL.len()]
            }
            Err(_) => stored,
        }
    }

    /// True when a fill span is among `spans`.
    fn has_fill(&self, spans: &Range<usize>) -> bool {
        let first = u32::try_from(spans.start).unwrap_or(u32::MAX);
        let i = self.fills.partition_point(|f| f.0 < first);
        self.fills
            .get(i)
            .is_some_and(|f| (f.0 as usize) < spans.end)
    }
}

impl<'a> Line<'a> {
    /// The line's index in its document.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Byte offset in the body of the block this line was laid out from.
    pub fn source(&self) -> usize {
        self.doc.lines[self.index].source as usize
    }

    /// The styled pieces of the line, left to right.
    pub fn spans(&self) -> impl Iterator<Item = (&'a str, Style)> + 'a {
        let doc = self.doc;
        doc.span_range(self.index)
            .map(move |s| (doc.span_text(s), doc.spans[s].style))
    }

    /// The line's text without styles: borrowed, unless the line holds a
    /// rule, whose text is made only when asked for.
    pub fn text(&self) -> Cow<'a, str> {
        let range = self.doc.span_range(self.index);
        if range.is_empty() {
            return Cow::Borrowed("");
        }
        if self.doc.has_fill(&range) {
            return Cow::Owned(self.spans().map(|(text, _)| text).collect());
        }
        let start = self.doc.span_start(range.start);
        let end = self.doc.spans[range.end - 1].end as usize;
        Cow::Borrowed(&self.doc.text[start..end])
    }
}

/// Options that change how a body is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// The syntect theme code blocks are highlighted with (one of syntect's
    /// defaults, named by the colour theme); `None` lays
    /// code out plain. syntect is slow next to layout (about 50 µs a line),
    /// so to keep layout quick on big articles: a body over
    /// [`HIGHLIGHT_MAX_BODY_BYTES`] is not highlighted, a block of more than
    /// [`HIGHLIGHT_MAX_BLOCK_LINES`] lines is shown plain, and so is every
    /// block once a document has highlighted [`HIGHLIGHT_MAX_DOC_LINES`]
    /// lines. Unknown languages and unknown syntect themes are plain.
    pub syntax: Option<&'static str>,
    /// Level 3 to 6 headings start with their `###` mark: for when there is
    /// no colour to tell the levels apart (the colour theme decides).
    pub heading_marks: bool,
    /// The most rows a paragraph that is only a local image takes, for the
    /// reader to draw the picture in (see [`ImageBlock`]): as many as the
    /// picture is drawn in when the article's [`PictureSizes`] know its
    /// size, one when they know it will not be drawn, else this many. 0
    /// leaves every image its `[image: alt]` text alone, as `quire render`
    /// does.
    ///
    /// [`PictureSizes`]: crate::article::PictureSizes
    pub image_rows: u16,
    /// The size of a terminal cell in pixels (width, height), which a
    /// picture's size in cells is counted in.
    pub picture_cell: (u16, u16),
    /// Code lines too long for the width go on over more lines, each
    /// continuation marked `↪`, instead of being cut with a `→`.
    pub wrap_code: bool,
    /// A lone `http(s)://` image gets picture rows too: for an article read
    /// by address, whose pictures are fetched anyway.
    pub remote_images: bool,
}

impl LayoutOptions {
    /// Code laid out plain.
    /// Code laid out plain, headings marked: for output without colour.
    pub const PLAIN: LayoutOptions = LayoutOptions {
        syntax: None,
        heading_marks: true,
        image_rows: 0,
        picture_cell: PICTURE_CELL,
        wrap_code: false,
        remote_images: false,
    };
}

impl Default for LayoutOptions {
    /// As the default (dark) theme lays out: code highlighted with syntect's
    /// `base16-ocean.dark`, headings in colour (the theme's
    /// `layout_options` says so for each theme; the layout names none).
    fn default() -> Self {
        LayoutOptions {
            syntax: Some("base16-ocean.dark"),
            heading_marks: false,
            ..LayoutOptions::PLAIN
        }
    }
}

/// The widest a document is laid out: wider asks are laid out at this width,
/// so that an absurd `--width` cannot make every rule and table border
/// thousands of columns long.
pub const MAX_WIDTH: u16 = 1000;

/// Lays out `article`'s body at `width` columns (0 counts as 1, more than
/// [`MAX_WIDTH`] counts as [`MAX_WIDTH`]): a header
/// (title; author, date and tags; a blank line), then every block, then the
/// footnotes and the numbered link list. `doc.headings[i]` is the line of
/// `article.outline[i]`. No line is wider than `width`.
pub fn layout(article: &crate::article::Article, width: u16, options: LayoutOptions) -> Document {
    let width = width.min(MAX_WIDTH);
    let layouter = blocks::LayoutRun::new(&article.body, article.body_line, width, options)
        .knowing(&article.outline)
        .sizing(&article.pictures);
    let mut doc = layouter.run(&article.meta, &article.meta.title).0;
    doc.wrap_code = options.wrap_code;
    doc
}

/// Reads `draft`'s outline and lays it out at `width` (as [`layout`] does)
/// from one parse of the body. When the front matter gives no title, the
/// header's is read from the body's first block; in the rare body whose
/// first level-1 heading comes later, the body is laid out a second time
/// with the title the outline gives.
pub fn open(
    draft: crate::article::Draft,
    width: u16,
    options: LayoutOptions,
) -> (crate::article::Article, Document) {
    let width = width.min(MAX_WIDTH);
    let title = draft.expected_title();
    let layouter = blocks::LayoutRun::new(draft.body(), draft.body_line(), width, options)
        .sizing(draft.pictures());
    let (mut doc, outline) = layouter.run(draft.meta(), &title);
    doc.wrap_code = options.wrap_code;
    let article = draft.with_outline(outline.unwrap_or_default());
    if article.meta.title == title {
        (article, doc)
    } else {
        let doc = layout(&article, width, options);
        (article, doc)
    }
}
