//! A reader's links: where each of the article's links leads (resolved on a
//! background job), the labels of the links on screen (`f`), the question
//! before an external link, and landing on an anchor; the filtered list of
//! all links (`F`) is [`super::link_list`]'s. State only; following is in
//! [`super::follow`].

use crate::article::wikilink::block_ids;
use std::sync::Arc;

use unicode_width::UnicodeWidthStr;

use crate::layout::{Role, Style};
use crate::links::{Link, Resolution};

use super::ReaderScreen;
pub use super::link_list::{LinkList, kind_name, list_box, list_rows};

/// A link resolver shared by the jobs of one reading session; only jobs lock it.
pub type SharedResolver = Arc<std::sync::Mutex<crate::links::Resolver>>;
use crate::tui::keymap::Mode;
use crate::tui::runtime::JobId;

/// Label letters, home row first.
pub const HOME_ROW: &str = "asdfghjkl";

/// The rest of the alphabet, for screens with more links than the home
/// row's two-letter labels can name.
const MORE_LETTERS: &str = "qwertyuiopzxcvbnm";

/// Everything a reader knows about its links.
#[derive(Debug, Clone, Default)]
pub struct LinkState {
    /// Every link of the article and where it leads, once resolved.
    pub table: Option<Arc<Vec<(Link, Resolution)>>>,
    /// The job resolving the table, while it runs.
    pub asked: Option<JobId>,
    /// A target followed before the table was ready: followed when it is.
    pub pending: Option<String>,
    /// The resolver of this reading session (shared with the next article).
    pub resolver: Option<SharedResolver>,
    /// The labels on screen, while `f` waits for one.
    pub hints: Option<Hints>,
    /// The link list, while open.
    pub list: Option<LinkList>,
    /// True when `F` was pressed before the table was ready: it opens then.
    pub list_wanted: bool,
    /// The external URL asked about on the status line.
    pub prompt: Option<String>,
    /// The links into the article, once asked of the link index (`B`).
    pub backlinks: Option<super::backlinks::SharedTable>,
    /// The job asking for them, while it runs.
    pub backlinks_asked: Option<JobId>,
    /// True when `B` asked: the list opens when they come.
    pub backlinks_wanted: bool,
    /// The links into each heading's own section, once known.
    pub section_counts: Option<Vec<usize>>,
    /// True when the outline shows [`LinkState::section_counts`].
    pub counts_shown: bool,
    /// The link list's rows as last drawn, for frames that show them again.
    pub rows_drawn: crate::tui::library::RowMemo,
}

impl LinkState {
    /// The typing mode the links put the reader in, if any.
    pub fn mode(&self) -> Option<Mode> {
        if self.prompt.is_some() {
            Some(Mode::LinkPrompt)
        } else if self.list.is_some() {
            Some(Mode::LinkList)
        } else if self.hints.is_some() {
            Some(Mode::Hints)
        } else {
            None
        }
    }

    /// The table the open list shows: the article's links, or the links
    /// into it.
    pub fn list_table(&self) -> Option<&[(Link, Resolution)]> {
        self.list_table_for(self.list.as_ref()?)
    }

    /// The table `list` shows.
    pub fn list_table_for(&self, list: &LinkList) -> Option<&[(Link, Resolution)]> {
        if list.backlinks {
            self.backlinks.as_ref().map(|t| t.rows.as_slice())
        } else {
            self.table.as_ref().map(|t| t.as_slice())
        }
    }

    /// Where `target` (as the layout holds it) leads, when the table knows.
    /// An email autolink is listed with its `mailto:`; a target a site's
    /// template computed is listed as written, with the one shown beside.
    pub fn lookup(&self, target: &str) -> Option<&Resolution> {
        let table = self.table.as_ref()?;
        let find = |t: &str| table.iter().find(|(link, _)| link.target == t);
        find(target)
            .or_else(|| find(&format!("mailto:{target}")))
            .or_else(|| {
                table
                    .iter()
                    .find(|(link, _)| link.shown.as_deref() == Some(target))
            })
            .map(|(_, r)| r)
    }
}

/// What a label on screen leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HintTarget {
    /// A link: its index in the document's links.
    Link(u32),
    /// An inline `#tag` (`f` labels links, `#` labels tags): its name,
    /// without the `#`.
    Tag(String),
}

/// One labelled link (or tag) on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The letters that follow it.
    pub label: String,
    /// Its document line.
    pub line: usize,
    /// The column its text starts at, in the text column.
    pub column: u16,
    /// What it leads to.
    pub target: HintTarget,
}

/// The labels on screen and the letters typed so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// Each link (or tag) on screen, top to bottom, left to right.
    pub hints: Vec<Hint>,
    /// Letters typed so far.
    pub typed: String,
}

impl Hints {
    /// True when the labels are over tags (`#`), not links.
    pub fn tags(&self) -> bool {
        self.hints
            .first()
            .is_some_and(|h| matches!(h.target, HintTarget::Tag(_)))
    }
}

/// `found` labelled, in order.
fn labelled(found: Vec<(usize, u16, HintTarget)>) -> Hints {
    let labels = labels(found.len());
    Hints {
        hints: found
            .into_iter()
            .zip(labels)
            .map(|((line, column, target), label)| Hint {
                label,
                line,
                column,
                target,
            })
            .collect(),
        typed: String::new(),
    }
}

/// `count` labels, prefix-free, shortest first: as many single home-row
/// letters as leave enough two-letter labels for the rest; past 81 links,
/// the whole alphabet.
pub fn labels(count: usize) -> Vec<String> {
    let home: Vec<char> = HOME_ROW.chars().collect();
    let all: Vec<char> = HOME_ROW.chars().chain(MORE_LETTERS.chars()).collect();
    let letters = if count <= home.len() * home.len() {
        home
    } else {
        all
    };
    let m = letters.len();
    if count <= m {
        return letters.iter().take(count).map(|c| c.to_string()).collect();
    }
    // k single letters and (m - k) prefixes of m letters each.
    let singles = (m * m).saturating_sub(count) / (m - 1);
    let singles = singles.min(m);
    let mut out: Vec<String> = letters[..singles].iter().map(|c| c.to_string()).collect();
    'outer: for &first in &letters[singles..] {
        for &second in &letters {
            if out.len() >= count {
                break 'outer;
            }
            out.push(format!("{first}{second}"));
        }
    }
    out
}

impl ReaderScreen {
    /// The links on screen, labelled.
    pub fn make_hints(&self) -> Hints {
        let mut found: Vec<(usize, u16, HintTarget)> = Vec::new();
        // A link wrapped onto the next line keeps its one label.
        let mut open: Option<u32> = None;
        for line in self
            .screen_lines()
            .into_iter()
            .filter_map(|i| self.doc.line(i))
        {
            let mut column = 0usize;
            let mut last: Option<u32> = None;
            for (i, (text, style)) in line.spans().enumerate() {
                let link = followable(style);
                if let Some(link) = link {
                    let continued = (i == 0 && open == Some(link)) || last == Some(link);
                    if !continued {
                        let col = u16::try_from(column).unwrap_or(u16::MAX);
                        found.push((line.index(), col, HintTarget::Link(link)));
                    }
                }
                last = link;
                column += text.width();
            }
            open = last;
        }
        labelled(found)
    }

    /// The `#tags` on screen (inline ones and the header's), labelled.
    pub fn make_tag_hints(&self) -> Hints {
        let mut found: Vec<(usize, u16, HintTarget)> = Vec::new();
        // A tag wrapped onto the next line keeps its one label.
        let mut open = false;
        for line in self
            .screen_lines()
            .into_iter()
            .filter_map(|i| self.doc.line(i))
        {
            let mut column = 0usize;
            let mut run: Option<(u16, String)> = None;
            let mut continued = open;
            for (text, style) in line.spans() {
                if style.role == Role::Tag && style.link.is_none() {
                    match &mut run {
                        Some((_, name)) => name.push_str(text),
                        None if continued => {}
                        None => {
                            run = Some((u16::try_from(column).unwrap_or(u16::MAX), text.into()))
                        }
                    }
                } else {
                    continued = false;
                    if let Some((col, name)) = run.take() {
                        found.push((line.index(), col, HintTarget::Tag(self.tag_named(&name))));
                    }
                }
                column += text.width();
            }
            open = continued || run.is_some();
            if let Some((col, name)) = run {
                found.push((line.index(), col, HintTarget::Tag(self.tag_named(&name))));
            }
        }
        labelled(found)
    }

    /// The article's tag that `shown` (a tag as drawn, `#` and all) is: the
    /// same name in any case, or the one it starts when the rest was
    /// wrapped onto the next line.
    fn tag_named(&self, shown: &str) -> String {
        let name = shown.trim().trim_start_matches('#');
        let tags = &self.article.meta.tags;
        tags.iter()
            .find(|t| t.eq_ignore_ascii_case(name))
            .or_else(|| {
                let lower = name.to_lowercase();
                tags.iter().find(|t| t.to_lowercase().starts_with(&lower))
            })
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    /// The tag drawn at `column`, `row` of the terminal, if any.
    pub fn tag_at(&self, column: u16, row: u16) -> Option<String> {
        let text = self.geometry.text;
        if column < text.x || row < text.y || column >= text.right() || row >= text.bottom() {
            return None;
        }
        let line = self.line_on_row(usize::from(row - text.y))?;
        let x = usize::from(column - text.x);
        let mut at = 0usize;
        let on_tag = self.doc.line(line)?.spans().any(|(t, style)| {
            let w = t.width();
            let hit = x >= at && x < at + w;
            at += w;
            hit && style.role == Role::Tag && style.link.is_none()
        });
        if !on_tag {
            return None;
        }
        // The tag starting nearest before the click on its line.
        let hint = self
            .make_tag_hints()
            .hints
            .into_iter()
            .rev()
            .find(|h| h.line == line && usize::from(h.column) <= x)?;
        match hint.target {
            HintTarget::Tag(name) => Some(name),
            HintTarget::Link(_) => None,
        }
    }

    /// The target of the link drawn at `column`, `row` of the terminal.
    pub fn link_at(&self, column: u16, row: u16) -> Option<String> {
        let text = self.geometry.text;
        if column < text.x || row < text.y || column >= text.right() || row >= text.bottom() {
            return None;
        }
        let line = self
            .doc
            .line(self.line_on_row(usize::from(row - text.y))?)?;
        let x = usize::from(column - text.x);
        let mut at = 0usize;
        for (text, style) in line.spans() {
            let w = text.width();
            if x >= at && x < at + w {
                let link = followable(style)?;
                return self.doc.links.get(link as usize).cloned();
            }
            at += w;
        }
        None
    }

    /// Puts the heading (or HTML id) `anchor` on the top line; false when
    /// the article has no such place.
    pub fn land_on(&mut self, anchor: &str) -> bool {
        if let Some(i) = self
            .article
            .outline
            .iter()
            .position(|h| h.anchor() == anchor)
        {
            self.jump_to_heading(i);
            self.follow();
            return true;
        }
        if let Some(line) = super::backlinks::anchor_line(anchor) {
            let body = &self.article.body;
            let shown = self.article.shown_line(line);
            let offset = super::backlinks::line_offset(body, self.article.body_line, shown);
            self.top = line_of_offset(&self.doc, &self.article.body, offset);
            self.follow();
            return true;
        }
        let block = anchor.strip_prefix('^').and_then(|id| {
            block_ids(&self.article.body)
                .into_iter()
                .find(|(found, _)| found.eq_ignore_ascii_case(id))
                .map(|(_, offset)| offset)
        });
        match block.or_else(|| html_id_offset(&self.article.body, anchor)) {
            Some(offset) => {
                self.top = line_of_offset(&self.doc, &self.article.body, offset);
                self.follow();
                true
            }
            None => false,
        }
    }
}

/// The link a span follows: any span inside a link (plain, emphasised, in
/// a heading), not an image's source.
fn followable(style: Style) -> Option<u32> {
    style.link.filter(|_| style.role != Role::Image)
}

/// The body offset of an HTML `id="anchor"` or `name="anchor"`.
fn html_id_offset(body: &str, anchor: &str) -> Option<usize> {
    ["id", "name"].iter().find_map(|attr| {
        [format!("{attr}=\"{anchor}\""), format!("{attr}='{anchor}'")]
            .iter()
            .find_map(|needle| body.find(needle.as_str()))
    })
}

/// The first line of the block holding body offset `offset` of `body`: the
/// block it is in, or the one that starts later on its line (a quote's text
/// starts after its `>`).
fn line_of_offset(doc: &crate::layout::Document, body: &str, offset: usize) -> usize {
    let i = doc.line_of_source(offset);
    let on_its_line = |source: usize| {
        body.get(offset..source)
            .is_some_and(|between| !between.contains('\n'))
    };
    match doc.line(i) {
        Some(line) if line.source() > offset && i > 0 && !on_its_line(line.source()) => {
            let prev = doc.line(i - 1).map_or(0, |l| l.source());
            doc.line_of_source(prev)
        }
        _ => i,
    }
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
