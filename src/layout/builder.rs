//! Building a [`Document`] line by line: spans, fills, folds, pictures and
//! the heading lines.

use super::*;

/// Builds a [`Document`] line by line. Text pushed here must already be safe
/// (see [`crate::sanitize`]) and fit the width.
#[derive(Debug, Default)]
pub struct DocumentBuilder {
    pub(super) doc: Document,
    pub(super) line_open: bool,
    pub(super) source: u32,
    /// The folds whose body is still being laid out, innermost last.
    pub(super) open_folds: Vec<usize>,
}

impl DocumentBuilder {
    /// An empty document of `width`.
    pub fn new(width: u16) -> Self {
        DocumentBuilder {
            doc: Document {
                width,
                ..Document::default()
            },
            line_open: false,
            source: 0,
            open_folds: Vec::new(),
        }
    }

    /// Reserves room for laying out a body of `bytes` bytes, so that a big
    /// document is not copied as it grows.
    pub fn reserve_for(&mut self, bytes: usize) {
        self.doc.text.reserve(bytes.saturating_add(bytes / 4));
        self.doc.spans.reserve(bytes / 24);
        self.doc.lines.reserve(bytes / 48);
    }

    /// Sets the body offset of the block the next lines come from.
    pub fn set_source(&mut self, source: usize) {
        self.source = u32::try_from(source).unwrap_or(u32::MAX);
    }

    /// Appends `text` in `style` to the current line.
    pub fn push(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        self.open_line();
        // Merge with the previous span of the same style on this line.
        let line_first = self.doc.lines.last().map_or(0, |l| l.first_span as usize);
        self.doc.text.push_str(text);
        let end = u32::try_from(self.doc.text.len()).unwrap_or(u32::MAX);
        let has_span_on_line = self.doc.spans.len() > line_first;
        let last_is_fill = self
            .doc
            .fills
            .last()
            .is_some_and(|f| f.0 as usize + 1 == self.doc.spans.len());
        match self.doc.spans.last_mut() {
            Some(last) if has_span_on_line && !last_is_fill && last.style == style => {
                last.end = end;
            }
            _ => self.doc.spans.push(SpanSlot { end, style }),
        }
    }

    /// Appends `─` repeated `count` times in `style` to the current line,
    /// as a span of its own that keeps one `─` however long it shows (at
    /// most [`MAX_WIDTH`]).
    pub fn push_fill(&mut self, count: usize, style: Style) {
        if count == 0 {
            return;
        }
        if count == 1 {
            self.push(FILL, style);
            return;
        }
        self.open_line();
        self.doc.text.push_str(FILL);
        let end = u32::try_from(self.doc.text.len()).unwrap_or(u32::MAX);
        let span = u32::try_from(self.doc.spans.len()).unwrap_or(u32::MAX);
        self.doc.spans.push(SpanSlot { end, style });
        let count = u16::try_from(count.min(usize::from(MAX_WIDTH))).unwrap_or(MAX_WIDTH);
        self.doc.fills.push((span, count));
    }

    /// Ends the current line (an empty one when nothing was pushed).
    pub fn end_line(&mut self) {
        self.open_line();
        self.line_open = false;
    }

    /// Marks the current line (or the next one, when none is open) as the
    /// line of the next outline heading.
    pub fn mark_heading(&mut self) {
        let line = if self.line_open {
            self.doc.lines.len().saturating_sub(1)
        } else {
            self.doc.lines.len()
        };
        self.doc.headings.push(line);
    }

    /// Adds a link target, returning its index.
    pub fn add_link(&mut self, target: String) -> u32 {
        self.doc.links.push(target);
        u32::try_from(self.doc.links.len() - 1).unwrap_or(u32::MAX)
    }

    /// Lines so far (an open line counts).
    pub fn len(&self) -> usize {
        self.doc.lines.len()
    }

    /// True when no line has been started.
    pub fn is_empty(&self) -> bool {
        self.doc.lines.is_empty()
    }

    /// Removes trailing spaces from the open line.
    pub fn trim_end(&mut self) {
        if !self.line_open {
            return;
        }
        let line_first = self.doc.lines.last().map_or(0, |l| l.first_span as usize);
        while self.doc.spans.len() > line_first {
            let start = if self.doc.spans.len() >= 2 {
                self.doc.spans[self.doc.spans.len() - 2].end as usize
            } else {
                0
            };
            let keep = start + self.doc.text[start..].trim_end_matches(' ').len();
            self.doc.text.truncate(keep);
            if keep > start {
                if let Some(last) = self.doc.spans.last_mut() {
                    last.end = u32::try_from(keep).unwrap_or(u32::MAX);
                }
                break;
            }
            self.doc.spans.pop();
        }
    }

    /// The target of link `index`.
    pub fn link(&self, index: u32) -> Option<&str> {
        self.doc.links.get(index as usize).map(String::as_str)
    }

    /// Records a picture block laid out at its lines.
    pub fn add_image(&mut self, block: ImageBlock) {
        self.doc.images.push(block);
    }

    /// Sets the line of each outline heading, replacing any marked so far.
    pub fn set_headings(&mut self, lines: Vec<usize>) {
        self.doc.headings = lines;
    }

    /// The finished document: a fold still open ends with it, and a fold
    /// with no body is no fold.
    pub fn finish(mut self) -> Document {
        while self.close_fold() {}
        self.doc.folds.retain(|f| !f.body.is_empty());
        self.doc
    }

    fn open_line(&mut self) {
        if !self.line_open {
            self.doc.lines.push(LineSlot {
                first_span: u32::try_from(self.doc.spans.len()).unwrap_or(u32::MAX),
                source: self.source,
            });
            self.line_open = true;
        }
    }
}
