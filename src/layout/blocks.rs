//! The walk over pulldown-cmark's events: the layout state, the dispatch of
//! each tag family to its own method (lists in `lists`, headings in
//! `headings`, tables in `table`, inline tags in `styles`), paragraphs,
//! quotes, code and HTML blocks, rules and inline text.
//!
//! Containers (quotes, list items) are a stack (see `lines`); each line
//! starts with the prefix the stack gives, so a wrapped line keeps its quote
//! bar and lines up under its item's text.

use crate::article::wikilink::block_marker;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::block_state::BlockState;
use super::html::{InlineHtml, inline_html};
use super::inline::Inline;
use super::lines::{Container, Containers};
use super::refs::References;
use super::styles::StyleStack;
use super::table::Table;
use super::{Document, DocumentBuilder, LayoutOptions, Role, Style};
use crate::article::{Heading, Meta, OutlineBuilder};

/// Where a layout's outline comes from.
pub(super) enum Outline<'a> {
    /// Read from the walk's own events (an article being opened).
    Reading(Box<OutlineBuilder<'a>>),
    /// The article's, read before (a layout at another width).
    Known(&'a [Heading]),
}

impl Outline<'_> {
    fn push(&mut self, event: &Event<'_>, range: &Range<usize>) {
        if let Outline::Reading(builder) = self {
            builder.push(event, range.clone());
        }
    }

    /// The heading that starts at body offset `offset`, once its end was read.
    pub(super) fn heading_at(&self, offset: usize) -> Option<&Heading> {
        match self {
            Outline::Reading(builder) => builder.headings().last().filter(|h| h.offset() == offset),
            Outline::Known(known) => known
                .binary_search_by_key(&offset, |h| h.offset())
                .ok()
                .map(|i| &known[i]),
        }
    }
}

/// The state of one layout run (one body at one width).
pub(super) struct LayoutRun<'a> {
    pub(super) out: DocumentBuilder,
    pub(super) width: usize,
    pub(super) opts: LayoutOptions,
    pub(super) body: &'a str,
    pub(super) containers: Containers,
    pub(super) blocks: BlockState,
    /// The text of the paragraph (or heading, or cell) being read.
    pub(super) inline: Inline,
    /// The body offset of that text, once some has come.
    pub(super) inline_source: Option<usize>,
    pub(super) styles: StyleStack,
    pub(super) references: References,
    /// The language and text of the code block being read.
    pub(super) code: Option<(String, String)>,
    /// The HTML block being read.
    pub(super) html: Option<String>,
    pub(super) table: Option<Table>,
    /// Code lines highlighted so far (highlighting has a budget).
    pub(super) highlighted: usize,
    /// The state of alerts, math, definition lists and details.
    pub(super) el: super::elements::Elements,
    /// The outline: read along the walk, or known already.
    pub(super) outline: Outline<'a>,
    /// The title the header shows, trimmed.
    pub(super) title: String,
    /// The sizes of the article's pictures, when they can be read.
    pub(super) pictures: Option<&'a crate::article::PictureSizes>,
}

impl<'a> LayoutRun<'a> {
    /// A layout of `body` (whose first line is file line `body_line`) at
    /// `width` columns.
    pub(super) fn new(body: &'a str, body_line: usize, width: u16, opts: LayoutOptions) -> Self {
        let width = width.max(1);
        let mut out = DocumentBuilder::new(width);
        out.reserve_for(body.len());
        LayoutRun {
            out,
            width: usize::from(width),
            opts,
            body,
            containers: Containers::default(),
            blocks: BlockState::new(),
            inline: Inline::default(),
            inline_source: None,
            styles: StyleStack::default(),
            references: References::default(),
            code: None,
            html: None,
            table: None,
            highlighted: 0,
            el: super::elements::Elements::default(),
            outline: Outline::Reading(Box::new(OutlineBuilder::new(body, body_line))),
            title: String::new(),
            pictures: None,
        }
    }

    /// Lays out with `outline`, the article's already, instead of reading it.
    pub(super) fn knowing(mut self, outline: &'a [Heading]) -> Self {
        self.outline = Outline::Known(outline);
        self
    }

    /// Lays out with the pictures' sizes from `pictures`: each picture
    /// takes the rows it is drawn in.
    pub(super) fn sizing(mut self, pictures: &'a crate::article::PictureSizes) -> Self {
        self.pictures = Some(pictures);
        self
    }

    /// Lays out the whole article under a header of `meta` titled `title`,
    /// and reads its outline from the same walk.
    pub(super) fn run(mut self, meta: &Meta, title: &str) -> (Document, Option<Vec<Heading>>) {
        self.title = title.trim().to_string();
        let mut events =
            crate::article::events::events(self.body, crate::article::parser_options()).peekable();
        // A body that opens with the title as a level-1 heading would show
        // it twice: the header's title line stands for that heading (once
        // its text is read, `end_heading` checks that it is the title).
        if let Some((Event::Start(Tag::Heading { level, .. }), range)) = events.peek() {
            if *level == pulldown_cmark::HeadingLevel::H1 && !self.title.is_empty() {
                self.blocks.title_heading = Some(range.start);
                self.set_source(range.start);
            }
        }
        self.header(meta, title);
        while let Some((event, range)) = events.next() {
            self.outline.push(&event, &range);
            if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
                let label = label.to_string();
                let first = self
                    .references
                    .defined
                    .insert(crate::article::events::label_key(&label));
                let mut def = Vec::new();
                for (e, r) in events.by_ref() {
                    self.outline.push(&e, &r);
                    if matches!(e, Event::End(TagEnd::FootnoteDefinition)) {
                        break;
                    }
                    if first {
                        def.push((e.into_static(), r));
                    }
                }
                if first {
                    self.references.footnotes.push((label, def));
                }
                continue;
            }
            let next_is_para = matches!(events.peek(), Some((Event::Start(Tag::Paragraph), _)));
            self.event(event, range, next_is_para);
        }
        self.flush_inline();
        self.close_folds();
        self.footnote_section();
        self.link_section();
        self.finish()
    }

    /// The document, its outline headings mapped to their lines, and the
    /// outline when it was read along the walk.
    pub(super) fn finish(self) -> (Document, Option<Vec<Heading>>) {
        let mut heads = self.blocks.heading_lines;
        heads.sort_by_key(|h| h.0);
        let mut out = self.out;
        let last = out.len().saturating_sub(1);
        let (read, known) = match self.outline {
            Outline::Reading(builder) => (Some(builder.finish()), None),
            Outline::Known(known) => (None, Some(known)),
        };
        let outline: &[Heading] = read.as_deref().or(known).unwrap_or(&[]);
        let lines = outline
            .iter()
            .map(|h| {
                let i = heads.partition_point(|x| x.0 < h.offset());
                heads.get(i).map_or(last, |x| x.1)
            })
            .collect();
        out.set_headings(lines);
        (out.finish(), read)
    }

    /// The size of the body being laid out.
    pub(super) fn body_len(&self) -> usize {
        self.body.len()
    }

    // ---- inline state ----

    pub(super) fn inline_mark(&mut self, source: usize) {
        if self.inline_source.is_none() {
            self.inline_source = Some(source);
        }
    }

    /// Lays out the pending paragraph (or tight list item) text.
    pub(super) fn flush_inline(&mut self) {
        let Some(source) = self.inline_source.take() else {
            return;
        };
        let inline = std::mem::take(&mut self.inline);
        if !inline.is_blank() {
            self.block_start(source);
            if !self.image_block(&inline) {
                self.emit_inline(&inline);
            }
        }
        self.inline = inline;
        self.inline.clear();
    }

    // ---- events ----

    pub(super) fn event(&mut self, event: Event<'_>, range: Range<usize>, next_is_para: bool) {
        if self.skip_callout_marker(&event) {
            return;
        }
        if let Some((_, text)) = self.code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.end_code(),
                _ => {}
            }
            return;
        }
        if let Some(html) = self.html.as_mut() {
            match event {
                Event::Html(t) | Event::Text(t) => html.push_str(&t),
                Event::End(TagEnd::HtmlBlock) => self.end_html(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range, next_is_para),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                self.inline_mark(range.start);
                if self.styles.links.last().is_some_and(|l| l.replaced) {
                    return;
                }
                let style = self.style();
                // A block id (`^abc`) ending a line is a wikilink's target,
                // not text to read.
                let line_end = self
                    .body
                    .as_bytes()
                    .get(range.end)
                    .is_none_or(|&b| b == b'\n');
                let shown = match block_marker(&t) {
                    Some((cut, _)) if line_end => &t[..cut],
                    _ => &t[..],
                };
                self.push_tagged(shown, style);
            }
            Event::InlineMath(t) => self.math(&t, false, range.start),
            Event::DisplayMath(t) => self.math(&t, true, range.start),
            Event::Code(t) => {
                self.inline_mark(range.start);
                let style = Style {
                    role: Role::Code,
                    ..self.style()
                };
                self.inline.push_code(&t, style);
            }
            Event::Html(t) | Event::InlineHtml(t) => match inline_html(&t) {
                InlineHtml::Break => {
                    self.inline_mark(range.start);
                    self.inline.hard_break();
                }
                InlineHtml::Open(role) => self.styles.roles.push(role),
                InlineHtml::Close => {
                    if matches!(
                        self.styles.roles.last(),
                        Some(Role::Badge | Role::TemplateLabel | Role::Highlight)
                    ) {
                        self.styles.roles.pop();
                    }
                }
                InlineHtml::Drop => {}
            },
            Event::FootnoteReference(label) => {
                self.inline_mark(range.start);
                let n = self.references.footnote_number(&label);
                self.inline
                    .push_safe(&format!("[^{n}]"), Style::of(Role::Footnote));
            }
            Event::SoftBreak => {
                let style = self.style();
                self.inline.push_safe(" ", style);
            }
            Event::HardBreak => self.inline.hard_break(),
            Event::Rule => {
                self.flush_inline();
                self.block_start(range.start);
                let avail = self.avail();
                self.begin_line();
                self.out.push_fill(avail, Style::of(Role::Rule));
                self.out.end_line();
                self.block_end();
            }
            Event::TaskListMarker(done) => {
                let mark = if done { "[x] " } else { "[ ] " };
                if !(self.inline.is_blank() && self.containers.extend_marker(mark)) {
                    self.inline_mark(range.start);
                    self.inline.push_safe(mark, Style::of(Role::ListMarker));
                }
            }
        }
    }

    /// Opens a tag: each family of tags has its own method.
    pub(super) fn start(&mut self, tag: Tag<'_>, range: Range<usize>, next_is_para: bool) {
        let source = range.start;
        match tag {
            Tag::BlockQuote(kind) if self.start_alert(kind, &range) => {}
            Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock => self.start_block(tag, source),
            Tag::List(_) | Tag::Item => self.start_list(tag, source, next_is_para),
            Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => {
                self.start_table(tag, source);
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. } => self.start_inline(tag, source),
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.start_deflist(&tag, &range);
            }
            Tag::FootnoteDefinition(_)
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    /// Closes a tag: each family of tags has its own method.
    pub(super) fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock => self.end_block(tag),
            TagEnd::List(_) | TagEnd::Item => self.end_list(tag),
            TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell => {
                self.end_table_part(tag);
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image => self.end_inline(tag),
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.end_deflist(tag),
            TagEnd::FootnoteDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    /// Opens a paragraph, heading, quote, code block or HTML block.
    fn start_block(&mut self, tag: Tag<'_>, source: usize) {
        match tag {
            Tag::Paragraph => {
                self.flush_inline();
                self.inline_source = Some(source);
            }
            Tag::Heading { level, .. } => self.start_heading(level as u8, source),
            Tag::BlockQuote(_) => {
                self.flush_inline();
                self.block_start(source);
                self.el.quotes.push(false);
                self.containers.push(Container::Quote);
                self.blocks.container_empty = true;
            }
            Tag::CodeBlock(kind) => {
                self.flush_inline();
                self.block_start(source);
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .unwrap_or("")
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::HtmlBlock => {
                self.flush_inline();
                self.set_source(source);
                self.html = Some(String::new());
            }
            _ => {}
        }
    }

    /// Closes a paragraph, heading, quote, code block or HTML block.
    fn end_block(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.flush_inline();
                self.block_end();
            }
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::BlockQuote(_) => {
                self.flush_inline();
                self.containers.pop();
                self.block_end();
                self.blocks.container_empty = false;
                if self.el.quotes.pop() == Some(true) {
                    self.out.close_fold();
                }
            }
            TagEnd::CodeBlock => self.end_code(),
            TagEnd::HtmlBlock => self.end_html(),
            _ => {}
        }
    }

    pub(super) fn end_code(&mut self) {
        let Some((lang, text)) = self.code.take() else {
            return;
        };
        super::code::code_block(self, &lang, &text);
        self.block_end();
    }
}
