//! One heading of an article, kept small: an article can hold millions.

use compact_str::CompactString;

use super::anchors;
use super::slugify;

/// One heading of an article.
///
/// Kept in 40 bytes, as an article can hold millions of them: the text
/// inline when short (up to 24 bytes), the anchor as a number to add to the
/// text's slug, line and offset as `u32` (quire reads no file of 4 GB).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The text; when the author gave an `{#id}` that is not the text's
    /// slug, a NUL (which no heading text holds) and that id follow it.
    label: CompactString,
    /// The anchor is the text's slug when 0, and `slug-number` otherwise.
    number: u32,
    line: u32,
    offset: u32,
    /// The level, with [`HAS_ID`] set when an id follows the text.
    level: u8,
}

/// The bit of a heading's `level` that says an id follows its text.
const HAS_ID: u8 = 0x80;

impl Heading {
    /// A heading of `level` (1 to 6) whose plain text is `text` and whose
    /// anchor is `anchor`, at file line `line` and body byte `offset`.
    pub fn new(level: u8, text: &str, anchor: &str, line: usize, offset: usize) -> Heading {
        let level = level & !HAS_ID;
        let text = if text.contains('\0') {
            CompactString::from(text.replace('\0', "\u{fffd}"))
        } else {
            CompactString::from(text)
        };
        let slug = slugify(&text);
        let number = match anchor.strip_prefix(slug.as_str()) {
            Some("") => Some(0),
            Some(rest) => rest.strip_prefix('-').and_then(anchors::canonical_number),
            None => None,
        };
        match number {
            Some(number) => Heading::from_parts(level, text, number, line, offset),
            None => Heading::with_id(level, text, anchor, line, offset),
        }
    }

    pub(super) fn from_parts(
        level: u8,
        label: CompactString,
        number: u32,
        line: usize,
        offset: usize,
    ) -> Heading {
        Heading {
            label,
            number,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            offset: u32::try_from(offset).unwrap_or(u32::MAX),
            level,
        }
    }

    pub(super) fn with_id(
        level: u8,
        mut text: CompactString,
        id: &str,
        line: usize,
        offset: usize,
    ) -> Heading {
        text.push('\0');
        text.push_str(id);
        Heading::from_parts(level | HAS_ID, text, 0, line, offset)
    }

    /// The text and the id after it, when there is one.
    fn text_and_id(&self) -> Option<(&str, &str)> {
        if self.level & HAS_ID == 0 {
            return None;
        }
        self.label.split_once('\0')
    }

    /// 1 to 6.
    pub fn level(&self) -> u8 {
        self.level & !HAS_ID
    }

    /// The rendered plain text: emphasis dropped, code kept, image alt text
    /// kept, entities decoded, line breaks as one space.
    pub fn text(&self) -> &str {
        match self.text_and_id() {
            Some((text, _)) => text,
            None => &self.label,
        }
    }

    /// A unique GitHub-style slug (`-1`, `-2` for repeats), or the `{#id}`.
    pub fn anchor(&self) -> CompactString {
        if let Some((_, id)) = self.text_and_id() {
            return CompactString::from(id);
        }
        let slug = slugify(&self.label);
        match self.number {
            0 => slug,
            n => anchors::numbered(&slug, n),
        }
    }

    /// The heading with its file line set to `line`.
    pub fn with_line(mut self, line: usize) -> Heading {
        self.line = u32::try_from(line).unwrap_or(u32::MAX);
        self
    }

    /// The 1-based line in the file.
    pub fn line(&self) -> usize {
        self.line as usize
    }

    /// The byte offset of the heading in the body.
    pub fn offset(&self) -> usize {
        self.offset as usize
    }
}

/// The headings of a breadcrumb after the title it starts with: the first
/// is left out when it only says the title again (a post whose `# Heading`
/// repeats its `title:`), so that a place reads `Title › Section`, not
/// `Title › Title › Section`.
pub fn crumbs_after_title<'a, S: AsRef<str> + 'a>(
    title: &str,
    headings: &'a [S],
) -> impl Iterator<Item = &'a str> + 'a {
    let repeats = headings
        .first()
        .is_some_and(|first| same_words(first.as_ref(), title));
    headings
        .iter()
        .skip(usize::from(repeats))
        .map(AsRef::as_ref)
}

/// True when `a` and `b` are the same words, whatever their case and spaces.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    !a.trim().is_empty() && words(a) == words(b)
}

#[cfg(test)]
mod tests {
    use super::crumbs_after_title;

    #[test]
    fn a_first_heading_that_says_the_title_again_is_left_out() {
        let crumbs = |title: &str, headings: &[&str]| -> Vec<String> {
            crumbs_after_title(title, headings)
                .map(String::from)
                .collect()
        };
        assert_eq!(
            crumbs("Compost basics", &["Compost  Basics", "Turning"]),
            ["Turning"]
        );
        assert_eq!(
            crumbs("Compost", &["Compost basics", "Turning"]),
            ["Compost basics", "Turning"]
        );
        // Only the first: a section named like the title further in stays.
        assert_eq!(crumbs("Notes", &["Intro", "Notes"]), ["Intro", "Notes"]);
        assert_eq!(crumbs("", &["", "A"]), ["", "A"]);
        assert!(crumbs("T", &[]).is_empty());
    }
}
