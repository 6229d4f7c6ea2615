//! The walk over pulldown-cmark's events that places every block: the layout
//! state, paragraphs, headings, lists, quotes, rules, and the inline markup
//! (emphasis, links, images, footnote references) inside them.
//!
//! Containers (quotes, list items) are a stack (see `lines`); each line
//! starts with the prefix the stack gives, so a wrapped line keeps its quote
//! bar and lines up under its item's text.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};

use super::html::{InlineHtml, inline_html};
use super::inline::Inline;
use super::lines::{Container, Containers};
use super::refs::LinkFrame;
use super::table::Table;
use super::wrap::wrap_inline;
use super::{Document, DocumentBuilder, LayoutOptions, Role, Style};
use crate::article::Article;
use crate::sanitize::sanitize_line;

#[derive(Debug, Clone, Copy)]
struct ListState {
    next: Option<u64>,
    items: usize,
    depth: usize,
}

type Owned = (Event<'static>, Range<usize>);

/// The state of one layout run.
pub(super) struct Layouter<'a> {
    pub(super) out: DocumentBuilder,
    pub(super) width: usize,
    pub(super) opts: LayoutOptions,
    pub(super) body: &'a str,
    pub(super) containers: Containers,
    /// A blank line is due before the next block.
    pub(super) gap: bool,
    /// Nothing has been placed in the innermost container yet.
    pub(super) fresh: bool,
    pub(super) source: usize,
    pub(super) inline: Inline,
    pub(super) inline_source: Option<usize>,
    pub(super) strong: u32,
    pub(super) emph: u32,
    pub(super) strike: u32,
    pub(super) roles: Vec<Role>,
    pub(super) links: Vec<LinkFrame>,
    lists: Vec<ListState>,
    pub(super) heading: Option<(u8, usize)>,
    /// `(body offset, line)` of each heading laid out.
    pub(super) headings: Vec<(usize, usize)>,
    pub(super) code: Option<(String, String)>,
    pub(super) html: Option<String>,
    pub(super) table: Option<Table>,
    /// Indices in `Document::links` by target.
    pub(super) link_ids: HashMap<String, u32>,
    /// Shown reference numbers by link index, and the links in number order.
    pub(super) ref_numbers: HashMap<u32, usize>,
    pub(super) refs: Vec<u32>,
    pub(super) footnote_numbers: HashMap<String, usize>,
    pub(super) footnotes: Vec<(String, Vec<Owned>)>,
    /// Code lines highlighted so far (highlighting has a budget).
    pub(super) highlighted: usize,
    /// The body offset of a first heading that the header's title shows.
    pub(super) title_heading: Option<usize>,
    /// The state of alerts, math, definition lists and details.
    pub(super) el: super::elements::Elements,
}

impl<'a> Layouter<'a> {
    pub(super) fn new(body: &'a str, width: u16, opts: LayoutOptions) -> Self {
        let width = width.max(1);
        let mut out = DocumentBuilder::new(width);
        out.reserve_for(body.len());
        Layouter {
            out,
            width: usize::from(width),
            opts,
            body,
            containers: Containers::default(),
            gap: false,
            fresh: true,
            source: 0,
            inline: Inline::default(),
            inline_source: None,
            strong: 0,
            emph: 0,
            strike: 0,
            roles: Vec::new(),
            links: Vec::new(),
            lists: Vec::new(),
            heading: None,
            headings: Vec::new(),
            code: None,
            html: None,
            table: None,
            link_ids: HashMap::new(),
            ref_numbers: HashMap::new(),
            refs: Vec::new(),
            footnote_numbers: HashMap::new(),
            footnotes: Vec::new(),
            highlighted: 0,
            title_heading: None,
            el: super::elements::Elements::default(),
        }
    }

    /// Lays out the whole article.
    pub(super) fn run(mut self, article: &Article) -> Document {
        let parser = Parser::new_ext(self.body, crate::article::parser_options());
        let mut events = parser.into_offset_iter().peekable();
        // A body that opens with the title as a level-1 heading would show
        // it twice: the header's title line stands for that heading.
        if let (Some((Event::Start(Tag::Heading { level, .. }), range)), Some(first)) =
            (events.peek(), article.outline.first())
        {
            if *level == pulldown_cmark::HeadingLevel::H1
                && first.offset == range.start
                && first.text.trim() == article.meta.title.trim()
            {
                self.title_heading = Some(range.start);
                self.set_source(range.start);
            }
        }
        self.header(article);
        while let Some((event, range)) = events.next() {
            if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
                let label = label.to_string();
                let mut def = Vec::new();
                for (e, r) in events.by_ref() {
                    if matches!(e, Event::End(TagEnd::FootnoteDefinition)) {
                        break;
                    }
                    def.push((e.into_static(), r));
                }
                self.footnotes.push((label, def));
                continue;
            }
            let next_is_para = matches!(events.peek(), Some((Event::Start(Tag::Paragraph), _)));
            self.event(event, range, next_is_para);
        }
        self.flush_inline();
        self.footnote_section();
        self.link_section();
        self.finish(article)
    }

    pub(super) fn finish(self, article: &Article) -> Document {
        let mut heads = self.headings;
        heads.sort_by_key(|h| h.0);
        let mut out = self.out;
        let last = out.len().saturating_sub(1);
        let lines = article
            .outline
            .iter()
            .map(|h| {
                let i = heads.partition_point(|x| x.0 < h.offset);
                heads.get(i).map_or(last, |x| x.1)
            })
            .collect();
        out.set_headings(lines);
        out.finish()
    }

    /// The size of the body being laid out.
    pub(super) fn body_len(&self) -> usize {
        self.body.len()
    }

    // ---- inline state ----

    pub(super) fn style(&self) -> Style {
        let role = self.roles.last().copied().unwrap_or(Role::Text);
        Style {
            role,
            emphasis: super::Emphasis {
                strong: self.strong > 0,
                emph: self.emph > 0,
                strike: self.strike > 0,
            },
            link: self.links.last().map(|l| l.link),
        }
    }

    pub(super) fn heading_role(&self) -> Option<Role> {
        self.roles
            .last()
            .copied()
            .filter(|r| matches!(r, Role::Heading(_)))
    }

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
            self.emit_inline(&inline);
        }
        self.inline = inline;
        self.inline.clear();
    }

    // ---- events ----

    pub(super) fn event(&mut self, event: Event<'_>, range: Range<usize>, next_is_para: bool) {
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
        if self.skip_callout_marker(&event) {
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range, next_is_para),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                self.inline_mark(range.start);
                let style = self.style();
                self.inline.push(&t, style);
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
            Event::Html(t) | Event::InlineHtml(t) => {
                if inline_html(&t) == InlineHtml::Break {
                    self.inline_mark(range.start);
                    self.inline.hard_break();
                }
            }
            Event::FootnoteReference(label) => {
                self.inline_mark(range.start);
                let n = self.footnote_number(&label);
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
                self.out.push(&"─".repeat(avail), Style::of(Role::Rule));
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

    pub(super) fn start(&mut self, tag: Tag<'_>, range: Range<usize>, next_is_para: bool) {
        match tag {
            Tag::Paragraph => {
                self.flush_inline();
                self.inline_source = Some(range.start);
            }
            Tag::Heading { level, .. } => {
                self.flush_inline();
                let level = level as u8;
                self.heading = Some((level, range.start));
                self.inline_source = Some(range.start);
                self.roles.push(Role::Heading(level));
            }
            Tag::BlockQuote(kind) => {
                if self.start_alert(kind, &range) {
                    return;
                }
                self.flush_inline();
                self.block_start(range.start);
                self.containers.push(Container::Quote);
                self.fresh = true;
            }
            Tag::CodeBlock(kind) => {
                self.flush_inline();
                self.block_start(range.start);
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
                self.set_source(range.start);
                self.html = Some(String::new());
            }
            Tag::List(first) => {
                self.flush_inline();
                self.block_start(range.start);
                let depth = self.lists.len();
                self.lists.push(ListState {
                    next: first,
                    items: 0,
                    depth,
                });
            }
            Tag::Item => {
                self.flush_inline();
                let loose = next_is_para;
                let first = self.lists.last().is_none_or(|list| list.items == 0);
                if loose && !first {
                    self.gap = true;
                    self.fresh = false;
                    self.block_start(range.start);
                }
                let marker = match self.lists.last_mut() {
                    Some(list) => {
                        list.items += 1;
                        match list.next.as_mut() {
                            Some(n) => {
                                let m = format!("{n}. ");
                                *n = n.saturating_add(1);
                                m
                            }
                            None => {
                                let bullet = ["• ", "◦ ", "▪ "][list.depth % 3];
                                bullet.to_string()
                            }
                        }
                    }
                    None => "• ".to_string(),
                };
                self.set_source(range.start);
                self.containers.push_item(marker, Role::ListMarker);
                self.gap = false;
                self.fresh = true;
            }
            Tag::Table(aligns) => {
                self.flush_inline();
                self.block_start(range.start);
                self.table = Some(Table::new(aligns));
            }
            Tag::TableHead => {
                self.roles.push(Role::TableHeader);
                if let Some(t) = self.table.as_mut() {
                    t.start_row();
                }
            }
            Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.start_row();
                }
            }
            Tag::TableCell => {
                self.inline.clear();
            }
            Tag::Emphasis => self.emph += 1,
            Tag::Strong => self.strong += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                self.inline_mark(range.start);
                let target = sanitize_line(&dest_url).into_owned();
                let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                let link = self.link_index(&target);
                self.links.push(LinkFrame {
                    marker: !autolink,
                    link,
                    text_start: self.inline.text.len(),
                    image: false,
                });
                // A link in a heading stays a heading (the theme underlines
                // any span with a link), so its level shows.
                let role = self.heading_role().unwrap_or(Role::Link);
                self.roles.push(role);
            }
            Tag::Image { dest_url, .. } => {
                self.inline_mark(range.start);
                let target = sanitize_line(&dest_url).into_owned();
                let link = self.link_index(&target);
                self.links.push(LinkFrame {
                    marker: true,
                    link,
                    text_start: self.inline.text.len(),
                    image: true,
                });
                let role = self.heading_role().unwrap_or(Role::Image);
                self.roles.push(role);
                let style = self.style();
                self.inline.push_safe("[image: ", style);
            }
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.start_deflist(&tag, &range);
            }
            Tag::FootnoteDefinition(_)
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    pub(super) fn end(&mut self, tag: TagEnd) {
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
                self.fresh = false;
            }
            TagEnd::CodeBlock => self.end_code(),
            TagEnd::HtmlBlock => self.end_html(),
            TagEnd::List(_) => {
                self.flush_inline();
                self.lists.pop();
                self.block_end();
            }
            TagEnd::Item => {
                self.flush_inline();
                if self.containers.item_unshown() {
                    // An empty item still shows its marker.
                    self.block_start(self.source);
                    self.begin_line();
                    self.out.trim_end();
                    self.out.end_line();
                }
                self.containers.pop();
                self.fresh = false;
            }
            TagEnd::Table => self.end_table(),
            TagEnd::TableHead => {
                self.roles.pop();
                self.end_row();
            }
            TagEnd::TableRow => self.end_row(),
            TagEnd::TableCell => {
                let cell = std::mem::take(&mut self.inline);
                if let Some(t) = self.table.as_mut() {
                    t.push_cell(cell);
                }
                self.inline_source = None;
            }
            TagEnd::Emphasis => self.emph = self.emph.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => self.end_link(),
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.end_deflist(tag),
            _ => {}
        }
    }

    pub(super) fn end_heading(&mut self) {
        self.roles.pop();
        let Some((level, offset)) = self.heading.take() else {
            return;
        };
        self.inline_source = None;
        if self.title_heading.take() == Some(offset) {
            self.headings.push((offset, 0));
            self.inline.clear();
            return;
        }
        // A heading always has a blank line before it.
        self.gap = true;
        self.block_start(offset);
        self.headings.push((offset, self.out.len()));
        let inline = std::mem::take(&mut self.inline);
        let widest = if inline.is_blank() {
            self.begin_line();
            self.out.trim_end();
            self.out.end_line();
            0
        } else {
            let strong = |s: Style| Style {
                emphasis: super::Emphasis {
                    strong: true,
                    ..s.emphasis
                },
                ..s
            };
            // The `###` mark says the level without colour (the theme's
            // colours say it otherwise), and wrapped lines indent under the
            // text; below 20 columns it would cost more than it tells.
            let marked = self.opts.heading_marks && level >= 3 && self.avail() >= 20;
            if marked {
                let marker = format!("{} ", "#".repeat(usize::from(level)));
                self.containers.push_item(marker, Role::HeadingMark);
            }
            let avail = self.avail();
            let lines = wrap_inline(&inline, avail);
            let widest = self.emit_wrapped(&inline, &lines, avail, strong);
            if marked {
                self.containers.pop();
            }
            widest
        };
        self.inline = inline;
        self.inline.clear();
        if level <= 2 && widest > 0 {
            let rule = if level == 1 { "═" } else { "─" };
            self.begin_line();
            self.out
                .push(&rule.repeat(widest), Style::of(Role::HeadingMark));
            self.out.end_line();
        }
        self.block_end();
    }

    pub(super) fn end_code(&mut self) {
        let Some((lang, text)) = self.code.take() else {
            return;
        };
        super::code::code_block(self, &lang, &text);
        self.block_end();
    }

    pub(super) fn end_row(&mut self) {
        if let Some(mut table) = self.table.take() {
            table.end_row(self);
            self.table = Some(table);
        }
    }

    pub(super) fn end_table(&mut self) {
        let Some(table) = self.table.take() else {
            return;
        };
        table.layout(self);
        self.block_end();
    }
}
