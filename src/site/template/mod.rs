//! The template pass: a site's template syntax turned into the markdown
//! quire lays out, before pulldown-cmark sees the body. Hugo and Zola
//! shortcodes, Liquid tags and outputs, kramdown attribute lists and
//! extensions are parsed, never executed: a tag's meaning comes from its
//! name and its written arguments only, and an unknown tag is shown as a
//! short label. `$` becomes a literal dollar where math is off.
//!
//! Every consumer reads the same result (reader, `render`, `outline`, the
//! search index, links), since [`crate::article::Draft`] runs it on load.
//! Lines are kept where a tag stands alone on its line, so a heading's
//! line number still names the line in the file.

mod code;
mod include;
pub(super) mod kramdown_table;
mod liquid;
mod meaning;
mod scan;
mod shortcode;
mod tag;

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use kramdown_table::Tables;
use scan::{Fence, closes, closing_run, escaped, is_atx_heading, opens, target_end, target_kind};
use tag::{Family, Tag};

use super::{Generator, Site, zola_path};
use crate::article::LineMap;

/// The deepest shortcodes nest inside one another's bodies before the
/// rest is shown as written.
const MAX_NESTING: usize = 16;

/// The bytes [`Pass::line`] stops at; every other byte is copied as it is.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let special = b"\n\\`${)@";
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// The most tags all searches for closing tags look at in one pass.
const SEARCH_BUDGET: usize = 1 << 20;

/// What the pass knows about the article it rewrites.
pub struct Context<'a> {
    /// The article's file (names the page for `ref` and includes).
    pub path: &'a Path,
    /// The site it belongs to, when it is in one.
    pub site: Option<&'a Site>,
    /// A front matter scalar by key (`page.KEY`, Hugo `param`).
    pub page: &'a dyn Fn(&str) -> Option<String>,
    /// Whether `$..$` is math here; else a `$` is a dollar sign.
    pub math: bool,
}

/// `body` with its template syntax turned into markdown (borrowed when
/// there is nothing to turn), and where its lines were in `body`.
pub fn pass<'b>(body: &'b str, cx: &Context<'_>) -> (Cow<'b, str>, LineMap) {
    // Only `{{`, `{%` and `{:` open a tag: a brace in code costs nothing.
    let bytes = body.as_bytes();
    let tags = memchr::memchr_iter(b'{', bytes)
        .any(|at| matches!(bytes.get(at + 1), Some(b'{' | b'%' | b':')));
    let kramdown = !cx
        .site
        .is_some_and(|s| matches!(s.generator, Generator::Hugo | Generator::Zola));
    let zola_links = cx.site.is_some_and(|s| s.generator == Generator::Zola)
        && memchr::memmem::find(bytes, b"](@/").is_some();
    let wanted = tags
        || zola_links
        || !cx.math && memchr::memchr(b'$', bytes).is_some()
        || kramdown && kramdown_table::may_hold(body);
    if !wanted {
        return (Cow::Borrowed(body), LineMap::default());
    }
    let mut pass = Pass {
        cx,
        out: String::with_capacity(body.len() + body.len() / 16),
        nesting: 0,
        includes: Vec::new(),
        no_close: HashSet::new(),
        budget: SEARCH_BUDGET,
        pending_id: None,
        line_id: None,
        quoting: false,
        points: Vec::new(),
        counted: (0, 0),
        touched: false,
        target_title: None,
        tables: kramdown.then(Tables::default),
    };
    pass.run(body);
    if pass.out == body {
        (Cow::Borrowed(body), LineMap::default())
    } else {
        (Cow::Owned(pass.out), LineMap::new(pass.points))
    }
}

/// One run of the pass over a body (and the bodies and files it pulls in).
struct Pass<'c, 'a> {
    cx: &'c Context<'a>,
    out: String,
    /// How deep in shortcode bodies the text being read is.
    nesting: usize,
    /// The files being included, outermost first (canonical paths).
    includes: Vec<PathBuf>,
    /// Tags (text searched, family, name) known to have no closing tag
    /// further on in that text.
    no_close: HashSet<(usize, usize, Family, String)>,
    /// How many more tags the search for closing tags may look at: a page
    /// of thousands of shortcodes closed only at its end stays linear.
    budget: usize,
    /// A kramdown `{: #id}` waiting for the heading after it.
    pending_id: Option<String>,
    /// The id the heading being written gets at its line's end.
    line_id: Option<String>,
    /// A kramdown callout class waiting: the lines until a blank one are quoted.
    quoting: bool,
    /// Where the body's lines and the written ones step together again:
    /// (written line, body line), for the [`LineMap`].
    points: Vec<(u32, u32)>,
    /// Lines counted in `out` so far: (bytes counted, newlines in them).
    counted: (usize, usize),
    /// Whether the line just written was rewritten (lines may have moved).
    touched: bool,
    /// A link target being rewritten from template syntax: the address of
    /// its closing `)` in the text, and the title that keeps it as written.
    target_title: Option<(usize, String)>,
    /// kramdown's tables being read (`None` where the site's markdown is
    /// GFM: Hugo's and Zola's).
    tables: Option<Tables>,
}

impl Pass<'_, '_> {
    /// Rewrites `text` into `self.out`, line by line.
    fn run(&mut self, text: &str) {
        let mut fence: Option<Fence> = None;
        let mut at = 0;
        // Only the body itself is mapped: a shortcode's body or an included
        // file is one place of the file.
        let top = self.nesting == 0;
        let (mut src_at, mut src_line) = (0, 0);
        let mut delta = 0i64;
        while at < text.len() {
            // Lines are counted only after a line that a rewrite touched:
            // a copied line keeps the two in step.
            if top && std::mem::take(&mut self.touched) {
                src_line += memchr::memchr_iter(b'\n', &text.as_bytes()[src_at..at]).count();
                src_at = at;
                let out_line = self.out_lines();
                let now = out_line as i64 - src_line as i64;
                if now != delta {
                    delta = now;
                    let point = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                    self.points.push((point(out_line), point(src_line)));
                }
            }
            let end = text[at..].find('\n').map_or(text.len(), |e| at + e + 1);
            let line = &text[at..end];
            if let Some(open) = fence {
                if closes(line, open) {
                    fence = None;
                }
                self.code_line(line);
                at = end;
                continue;
            }
            if let Some(open) = opens(line) {
                fence = Some(open);
                self.quoting = false;
                if let Some(tables) = &mut self.tables {
                    tables.end();
                }
                self.code_line(line);
                at = end;
                continue;
            }
            if line.trim().is_empty() {
                self.quoting = false;
                if let Some(tables) = &mut self.tables {
                    tables.end();
                }
            } else if self.table_line(line)
                || liquid::attribute_line(self, line)
                || liquid::kramdown_line(self, line)
            {
                self.touched = true;
                at = end;
                continue;
            } else {
                self.before_line(line);
            }
            at = self.line(text, at);
        }
    }

    /// The lines written so far (newlines in `out`), counted once each.
    fn out_lines(&mut self) -> usize {
        let (bytes, lines) = self.counted;
        let (from, lines) = if bytes <= self.out.len() && self.out.is_char_boundary(bytes) {
            (bytes, lines)
        } else {
            (0, 0)
        };
        let more = memchr::memchr_iter(b'\n', &self.out.as_bytes()[from..]).count();
        self.counted = (self.out.len(), lines + more);
        lines + more
    }

    /// What a waiting kramdown attribute does to the line about to be written.
    fn before_line(&mut self, line: &str) {
        if self.quoting {
            self.out.push_str("> ");
        }
        // The id waits for the next block: a heading takes it (written at
        // the line's end by `line`), any other block drops it.
        if let Some(id) = self.pending_id.take()
            && is_atx_heading(line)
        {
            self.line_id = Some(id);
        }
    }

    /// Rewrites from `at` to the end of its line (further when a tag or a
    /// shortcode's body runs on); returns where it stopped.
    fn line(&mut self, text: &str, mut at: usize) -> usize {
        let bytes = text.as_bytes();
        let mut copied = at;
        while at < bytes.len() {
            if !SPECIAL[usize::from(bytes[at])] {
                at += 1;
                continue;
            }
            match bytes[at] {
                b')' if self.target_title.is_some() => {
                    let here = text.as_ptr() as usize + at;
                    if let Some((_, title)) = self.target_title.take_if(|(end, _)| *end == here) {
                        self.out.push_str(&text[copied..at]);
                        liquid::title(self, &title);
                        copied = at;
                    }
                    at += 1;
                }
                b'\n' => {
                    self.target_title = None;
                    self.out.push_str(&text[copied..at]);
                    if let Some(id) = self.line_id.take() {
                        self.out.push_str(" {#");
                        self.out.push_str(&id);
                        self.out.push('}');
                    }
                    self.out.push('\n');
                    return at + 1;
                }
                b'\\' => at = (at + 2).min(bytes.len()),
                b'@' => match self.zola_link(text, at) {
                    Some((end, url)) => {
                        self.out.push_str(&text[copied..at]);
                        self.out.push_str(&url);
                        liquid::title(self, &format!("quire:zola {}", &text[at..end]));
                        at = end;
                        copied = at;
                    }
                    None => at += 1,
                },
                b'`' => {
                    let run = bytes[at..].iter().take_while(|&&b| b == b'`').count();
                    let line_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
                    match closing_run(&text[at + run..line_end], run) {
                        Some(close) => {
                            self.out.push_str(&text[copied..at]);
                            let span_end = at + run + close + run;
                            self.code_span(&text[at..span_end]);
                            at = span_end;
                            copied = at;
                        }
                        None => at += run,
                    }
                }
                b'$' if !self.cx.math => {
                    if bytes.get(at + 1) == Some(&b'$') {
                        at += 2;
                    } else {
                        self.out.push_str(&text[copied..at]);
                        self.out.push_str("\\$");
                        at += 1;
                        copied = at;
                    }
                }
                b'{' => match Tag::at(&text[at..]) {
                    Some(tag) => {
                        self.out.push_str(&text[copied..at]);
                        at = self.tag(text, at, tag);
                        copied = at;
                    }
                    None => at += 1,
                },
                _ => at += 1,
            }
        }
        self.out.push_str(&text[copied..]);
        text.len()
    }

    /// Writes the meaning of `tag`, found at `at` in `text`; returns where
    /// the text goes on (after the tag, or after the body it closes).
    fn tag(&mut self, text: &str, at: usize, tag: Tag<'_>) -> usize {
        self.touched = true;
        let after = at + tag.len;
        if self.target_title.is_none()
            && escaped(&tag).is_none()
            && self.in_target()
            && let Some(close) = target_end(text, at)
        {
            let line_start = self.out.rfind('\n').map_or(0, |at| at + 1);
            let line = &self.out[line_start..];
            let prefix = line.rfind("](").map_or("", |open| &line[open + 2..]);
            let written = format!("{prefix}{}", &text[at..close]);
            let title = format!("quire:{} {written}", target_kind(&tag));
            self.target_title = Some((text.as_ptr() as usize + close, title));
        }
        match tag.family {
            _ if escaped(&tag).is_some() => {
                if let Some(shown) = escaped(&tag) {
                    self.push_code_span(&shown);
                }
                after
            }
            Family::HugoAngle | Family::HugoPercent => {
                if tag.name().starts_with('/') {
                    return after;
                }
                shortcode::hugo(self, text, at, tag)
            }
            Family::Output if tag.is_call() => shortcode::zola_inline(self, text, at, tag),
            // Hugo and Zola template only their shortcodes in content: any
            // other `{{ }}` or `{% %}` is text, as their pages show it.
            Family::Output | Family::Statement if self.tables.is_none() && !tag.is_call() => {
                self.out.push_str(&text[at..after]);
                after
            }
            Family::Output => liquid::output(self, at, tag),
            Family::Statement if tag.is_call() => shortcode::zola_body(self, text, at, tag),
            Family::Statement => liquid::statement(self, text, at, tag),
            Family::Attributes => after,
            Family::Extension => liquid::extension(self, text, at, tag),
        }
    }

    /// `text` rewritten on its own (a shortcode's body, an included file),
    /// the waiting attributes of the outer text kept for after it.
    fn sub(&mut self, text: &str) -> String {
        if self.nesting >= MAX_NESTING {
            return text.to_string();
        }
        let outer = std::mem::take(&mut self.out);
        let id = self.pending_id.take();
        let line_id = self.line_id.take();
        let quoting = std::mem::replace(&mut self.quoting, false);
        self.nesting += 1;
        self.run(text);
        self.nesting -= 1;
        self.pending_id = id;
        self.line_id = line_id;
        self.quoting = quoting;
        std::mem::replace(&mut self.out, outer)
    }

    /// Starts a block at a line of its own: ends the line written so far
    /// when it holds text, and returns the indent of that line (its spaces,
    /// list indents and quote marks), which the block's lines repeat.
    fn open_block(&mut self) -> String {
        let line_start = self.out.rfind('\n').map_or(0, |at| at + 1);
        let line = &self.out[line_start..];
        let indent_len = line.len() - line.trim_start_matches([' ', '\t', '>']).len();
        let indent = line[..indent_len].to_string();
        if indent_len == line.len() {
            self.out.truncate(line_start);
        } else {
            self.out.push('\n');
        }
        indent
    }

    /// After a block: the rest of the tag's line is skipped when it is blank.
    fn close_block(text: &str, after: usize) -> usize {
        let rest = &text[after..];
        let line_end = rest.find('\n').map_or(rest.len(), |e| e + 1);
        if rest[..line_end].trim().is_empty() {
            after + line_end
        } else {
            after
        }
    }

    /// A Zola internal link at `at` in a Zola site (see
    /// [`zola_path::internal_link`]), outside a target being rewritten.
    fn zola_link(&self, text: &str, at: usize) -> Option<(usize, String)> {
        let site = self.cx.site.filter(|s| s.generator == Generator::Zola)?;
        if self.target_title.is_some() {
            return None;
        }
        zola_path::internal_link(site, text, at)
    }

    /// Whether the text being written is a link's target (`[a](` so far).
    fn in_target(&self) -> bool {
        let line_start = self.out.rfind('\n').map_or(0, |at| at + 1);
        let line = &self.out[line_start..];
        line.rfind("](")
            .is_some_and(|at| !line[at + 2..].contains([' ', ')']))
    }

    /// Finds the body of the tag named `name` opened just before `from`:
    /// the body's end and where the text goes on after its closing tag.
    /// `closes` tells a closing tag, `opens` another opening of the same
    /// shortcode (for nesting).
    fn body(
        &mut self,
        text: &str,
        from: usize,
        key: (Family, &str),
        opens: &dyn Fn(&Tag<'_>) -> bool,
        closes: &dyn Fn(&Tag<'_>) -> bool,
    ) -> Option<(usize, usize)> {
        // Keyed by the text searched too: a body's text is not its page's.
        let memo = (text.as_ptr() as usize, text.len(), key.0, key.1.to_string());
        if self.no_close.contains(&memo) {
            return None;
        }
        let mut depth = 0usize;
        let mut closes_seen = false;
        let mut at = from;
        while let Some(found) = memchr::memchr(b'{', &text.as_bytes()[at..]) {
            if self.budget == 0 {
                return None;
            }
            self.budget -= 1;
            let start = at + found;
            match Tag::at(&text[start..]) {
                Some(tag) if closes(&tag) => {
                    if depth == 0 {
                        return Some((start, start + tag.len));
                    }
                    closes_seen = true;
                    depth -= 1;
                    at = start + tag.len;
                }
                Some(tag) => {
                    if opens(&tag) {
                        depth += 1;
                    }
                    at = start + tag.len;
                }
                None => at = start + 1,
            }
        }
        // With no closing tag at all further on, no later opening has one.
        if !closes_seen {
            self.no_close.insert(memo);
        }
        None
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
