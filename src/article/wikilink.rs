//! Wikilinks as written: `[[Note#Heading|shown]]` and `![[embeds]]` read
//! into their parts, and the one spelling of their targets every later
//! step shares. No disk: finding the note is the resolver's work.

use pulldown_cmark::LinkType;

/// The target quire keeps for a link or image as the parser gives it: a
/// wikilink keeps its brackets (`[[Note#Heading]]`, `![[photo.png]]` for an
/// embed), so that every later step (the layout's link list, the resolver,
/// `quire links`, the link index) knows it names a note by name, not a path.
/// In a table a wikilink's `|` is written `\|` (`[[Garden Plan\|GP]]`):
/// the backslash before it is no part of the note's name.
pub fn link_target(link_type: LinkType, image: bool, dest: &str) -> String {
    let dest = match link_type {
        LinkType::WikiLink { has_pothole: true } => dest.strip_suffix('\\').unwrap_or(dest),
        _ => dest,
    };
    match link_type {
        LinkType::WikiLink { .. } if image => format!("![[{dest}]]"),
        LinkType::WikiLink { .. } => format!("[[{dest}]]"),
        _ => dest.to_string(),
    }
}

/// How a wikilink without its own text reads: `Note > Heading`, the
/// heading alone for one in the same note, a picture's file name without
/// its size hint.
pub fn shown(dest: &str) -> String {
    let dest = dest.split_once('|').map_or(dest, |(t, _)| t).trim();
    let dest = dest.strip_prefix('#').unwrap_or(dest);
    dest.split('#')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" > ")
}

/// A wikilink target read into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikiTarget<'a> {
    /// True for an embed (`![[..]]`).
    pub embed: bool,
    /// The note or file named, as written (empty for `[[#Heading]]`).
    pub name: &'a str,
    /// The headings named after `#`, outermost first.
    pub headings: Vec<&'a str>,
    /// The block id named by `#^id`.
    pub block: Option<&'a str>,
}

impl<'a> WikiTarget<'a> {
    /// Reads a target kept by [`link_target`]; `None` when it is not a
    /// wikilink's.
    pub fn parse(target: &'a str) -> Option<WikiTarget<'a>> {
        let (embed, rest) = match target.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, target),
        };
        let inner = rest.strip_prefix("[[")?.strip_suffix("]]")?;
        // A display text is the parser's; a `|` left here is a size hint.
        let inner = inner.split_once('|').map_or(inner, |(t, _)| t);
        let inner = inner.strip_suffix('\\').unwrap_or(inner);
        let mut parts = inner.split('#');
        let name = parts.next().unwrap_or("").trim();
        let mut headings = Vec::new();
        let mut block = None;
        for part in parts {
            let part = part.trim();
            if let Some(id) = part.strip_prefix('^') {
                block = Some(id.trim());
            } else if !part.is_empty() {
                headings.push(part);
            }
        }
        Some(WikiTarget {
            embed,
            name,
            headings,
            block,
        })
    }

    /// What an embed of this target shows.
    pub fn embed_kind(&self) -> EmbedKind {
        embed_kind(self.name)
    }
}

/// What `![[name]]` shows, by the name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedKind {
    /// A note's text (no extension, `.md`, `.markdown`).
    Note,
    /// A picture, drawn like `![](photo.png)`.
    Picture,
    /// Sound, video or a PDF: a labelled link.
    Media(&'static str),
    /// Another file: a link.
    Other,
}

/// What an embed of the file `name` shows.
pub fn embed_kind(name: &str) -> EmbedKind {
    let file = name.rsplit('/').next().unwrap_or(name);
    let Some((_, ext)) = file.rsplit_once('.') else {
        return EmbedKind::Note;
    };
    match ext.to_ascii_lowercase().as_str() {
        "md" | "markdown" => EmbedKind::Note,
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "bmp" | "svg" | "avif" => EmbedKind::Picture,
        "mp3" | "wav" | "m4a" | "ogg" | "flac" | "3gp" => EmbedKind::Media("audio"),
        "mp4" | "webm" | "ogv" | "mov" | "mkv" => EmbedKind::Media("video"),
        "pdf" => EmbedKind::Media("PDF"),
        // A dot inside a note's name (`v1.2 notes`) is not an extension.
        _ if ext.len() > 5 || ext.contains(' ') => EmbedKind::Note,
        _ => EmbedKind::Other,
    }
}

/// A size hint of a picture embed (`|100` or `|100x145`), which the
/// parser gives as the image's text.
pub fn is_size_hint(text: &str) -> bool {
    let mut parts = text.split('x');
    let digits =
        |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    let first = parts.next();
    digits(first) && parts.next().is_none_or(|h| digits(Some(h))) && parts.next().is_none()
}

/// The id of a block id marker ending `line` (`text ^abc-1`), with the
/// byte where the marker's space starts.
pub fn block_marker(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_end();
    let caret = trimmed.rfind('^')?;
    let id = &trimmed[caret + 1..];
    let valid = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let before = &trimmed[..caret];
    if !valid || !(before.is_empty() || before.ends_with([' ', '\t'])) {
        return None;
    }
    Some((before.trim_end().len(), id))
}

/// Every block id of `body` (`^id` ending a paragraph's or list item's
/// line) with the byte offset of its line, outside fenced code.
pub fn block_ids(body: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            _ => {}
        }
        if fence.is_some() || marker.is_some() || trimmed.starts_with('#') {
            continue;
        }
        if let Some((_, id)) = block_marker(line) {
            out.push((id, at));
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_form_reads_into_its_parts() {
        let t = WikiTarget::parse("[[Note#Heading#Sub]]").unwrap();
        assert_eq!(
            (t.name, t.headings, t.block, t.embed),
            ("Note", vec!["Heading", "Sub"], None, false)
        );
        let t = WikiTarget::parse("[[#Heading]]").unwrap();
        assert_eq!((t.name, t.headings), ("", vec!["Heading"]));
        let t = WikiTarget::parse("![[Note#^abc123]]").unwrap();
        assert_eq!((t.name, t.block, t.embed), ("Note", Some("abc123"), true));
        let t = WikiTarget::parse("[[folder/Note.md]]").unwrap();
        assert_eq!(t.name, "folder/Note.md");
        assert_eq!(WikiTarget::parse("notes/x.md"), None);
        assert_eq!(WikiTarget::parse("[[x]"), None);
    }

    #[test]
    fn embeds_are_told_apart_by_extension() {
        assert_eq!(embed_kind("Note"), EmbedKind::Note);
        assert_eq!(embed_kind("v1.2 notes"), EmbedKind::Note);
        assert_eq!(embed_kind("a/photo.PNG"), EmbedKind::Picture);
        assert_eq!(embed_kind("talk.mp3"), EmbedKind::Media("audio"));
        assert_eq!(embed_kind("paper.pdf"), EmbedKind::Media("PDF"));
        assert_eq!(embed_kind("data.csv"), EmbedKind::Other);
    }

    #[test]
    fn block_ids_end_a_line_outside_code() {
        let body = "Para one ^abc-1\n\n```\nx ^not\n```\n- item ^li\nnot^glued\n";
        let ids: Vec<&str> = block_ids(body).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["abc-1", "li"]);
        assert_eq!(block_marker("text ^id  "), Some((4, "id")));
        assert_eq!(block_marker("x ^a_b"), None);
    }

    #[test]
    fn size_hints_are_numbers() {
        assert!(is_size_hint("100"));
        assert!(is_size_hint("100x145"));
        assert!(!is_size_hint("a photo"));
        assert!(!is_size_hint("100x"));
        assert!(!is_size_hint(""));
    }
}
