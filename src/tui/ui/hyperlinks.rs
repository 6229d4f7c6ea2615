//! The reader's links as OSC 8 hyperlinks: which bytes of a line are a
//! link, and the URL the terminal is given for it (see
//! [`crate::links::hyperlink`]): the resolved file of a local link once the
//! links are resolved, else the file next to the article.

use std::borrow::Cow;
use std::path::Path;

use crate::layout::{self, Role};
use crate::links::hyperlink::{MAX_URL_BYTES, link_target, osc8_url, resolved_target};
use crate::tui::reader::ReaderScreen;

use super::cells::LinkSpan;

/// The article's file as an absolute path, for links relative to it
/// (`None` for standard input): worked out once a frame, borrowed as it is
/// when it is already absolute and normal (nothing for
/// [`std::path::absolute`] to change), as a file opened by its full path is.
pub fn article_path(r: &ReaderScreen) -> Option<Cow<'_, Path>> {
    let path = r.article.path.as_path();
    if path == Path::new(crate::stdin::NAME) {
        return None;
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    let normal = path.is_absolute()
        && memchr::memmem::find(bytes, b"//").is_none()
        && memchr::memmem::find(bytes, b"/./").is_none()
        && !bytes.ends_with(b"/.");
    if normal {
        return Some(Cow::Borrowed(path));
    }
    std::path::absolute(path).ok().map(Cow::Owned)
}

/// The links on `line`, as byte ranges of its text and the URL each opens
/// (`article`: the article's absolute path, see [`article_path`]).
pub fn on_line(r: &ReaderScreen, line: layout::Line<'_>, article: Option<&Path>) -> Vec<LinkSpan> {
    let mut out: Vec<LinkSpan> = Vec::new();
    let mut pos = 0usize;
    for (text, style) in line.spans() {
        let end = pos + text.len();
        let link = style.link.filter(|_| style.role != Role::Image);
        if let Some(url) = link.and_then(|i| target(r, i, article)) {
            match out.last_mut() {
                Some((range, last)) if range.end == pos && *last == url => range.end = end,
                _ => out.push((pos..end, url)),
            }
        }
        pos = end;
    }
    out
}

/// The URL for link `index` of the reader's document, made safe for an
/// OSC 8 sequence; `None` for a link a terminal should not open.
fn target(r: &ReaderScreen, index: u32, article: Option<&Path>) -> Option<String> {
    let written = r.doc.links.get(index as usize)?;
    let url = match r.links.lookup(written) {
        Some(resolution) => resolved_target(resolution)?,
        // A site-root path needs the site found first: no link until then.
        None if written.starts_with('/') => return None,
        None => link_target(written, article)?,
    };
    let url = osc8_url(&url);
    (url.len() <= MAX_URL_BYTES).then_some(url)
}
