//! Inline markup to styled text: a paragraph's text in one buffer with style
//! runs and forced breaks, and the raw-HTML helpers that keep text, drop tags.

use std::borrow::Cow;
use std::ops::Range;

use super::{Role, Style};
use crate::sanitize::sanitize;

/// A paragraph's (or heading's, or table cell's) text in one buffer, with
/// style runs over it and the places where a line must break.
#[derive(Debug, Default, Clone)]
pub(super) struct Inline {
    /// Safe text: no control characters, no tabs, no newlines.
    pub text: String,
    /// `(end byte, style)`, ascending; run `i` covers `runs[i-1].0..runs[i].0`.
    pub runs: Vec<(usize, Style)>,
    /// Byte offsets in `text` where a line must break (`<br>`, hard breaks).
    pub breaks: Vec<usize>,
    /// Something other than whitespace has been pushed: kept as text comes,
    /// so asking costs nothing however long a blank paragraph grows (a
    /// flood of empty `$$` math asks once per formula).
    shows: bool,
}

impl Inline {
    /// Appends prose from the file in `style`, as [`Inline::push_code`]
    /// does, with runs of spaces collapsed to one, as a browser shows them.
    pub fn push(&mut self, text: &str, style: Style) {
        if text.contains("  ") {
            let mut collapsed = String::with_capacity(text.len());
            let mut space = false;
            for c in text.chars() {
                if c == ' ' && space {
                    continue;
                }
                space = c == ' ';
                collapsed.push(c);
            }
            self.push_code(&collapsed, style);
        } else {
            self.push_code(text, style);
        }
    }

    /// Appends file text in `style`: sanitized, tabs and newlines made spaces
    /// (a tab in prose is only whitespace; code blocks expand theirs).
    pub fn push_code(&mut self, text: &str, style: Style) {
        let safe = sanitize(text);
        if let Cow::Owned(safe) = &safe {
            // Something was made visible: show the stand-ins as escaped.
            self.push_marked(safe, style);
        } else if safe.contains(['\t', '\n']) {
            let flat: String = safe
                .chars()
                .map(|c| if c == '\t' || c == '\n' { ' ' } else { c })
                .collect();
            self.push_safe(&flat, style);
        } else {
            self.push_safe(&safe, style);
        }
    }

    /// Pushes sanitized text, giving stand-ins for control characters
    /// [`Role::Escaped`] and turning tabs and newlines into spaces.
    fn push_marked(&mut self, safe: &str, style: Style) {
        let escaped = Style {
            role: Role::Escaped,
            ..style
        };
        let mut buf = [0u8; 4];
        for c in safe.chars() {
            match c {
                '\t' | '\n' => self.push_safe(" ", style),
                '\u{2400}'..='\u{2421}' | '\u{fffd}' => {
                    self.push_safe(c.encode_utf8(&mut buf), escaped)
                }
                c => self.push_safe(c.encode_utf8(&mut buf), style),
            }
        }
    }

    /// Appends text that is already safe and on one line (markers we write).
    pub fn push_safe(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        if !self.shows && !text.trim().is_empty() {
            self.shows = true;
        }
        self.text.push_str(text);
        let end = self.text.len();
        match self.runs.last_mut() {
            Some(last) if last.1 == style => last.0 = end,
            _ => self.runs.push((end, style)),
        }
    }

    /// Forces a line break at the current end.
    pub fn hard_break(&mut self) {
        self.breaks.push(self.text.len());
    }

    /// True when there is nothing but whitespace to show.
    pub fn is_blank(&self) -> bool {
        !self.shows
    }

    /// Empties the buffer, keeping its allocations.
    pub fn clear(&mut self) {
        self.text.clear();
        self.runs.clear();
        self.breaks.clear();
        self.shows = false;
    }

    /// The pieces between forced breaks, in order.
    pub fn segments(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut start = 0;
        let ends = self
            .breaks
            .iter()
            .copied()
            .chain(std::iter::once(self.text.len()));
        ends.map(move |end| {
            let seg = start..end.max(start);
            start = end.max(start);
            seg
        })
    }

    /// The index of the run that covers byte `at`.
    pub fn run_at(&self, at: usize) -> usize {
        self.runs.partition_point(|r| r.0 <= at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_flattens_tabs_newlines_and_controls() {
        let mut inline = Inline::default();
        inline.push("a\tb\nc\x1b[2J", Style::default());
        assert_eq!(inline.text, "a b c␛[2J");
        assert_eq!(inline.runs.len(), 3);
        assert_eq!(inline.runs[1].1.role, Role::Escaped);
    }

    #[test]
    fn blankness_is_kept_as_text_comes_not_read_from_it() {
        let mut inline = Inline::default();
        assert!(inline.is_blank());
        inline.push(" \t ", Style::default());
        assert!(inline.is_blank());
        // Asking must not read the text: a paragraph of a million empty
        // formulas asks once per formula.
        inline.text.push_str(&" ".repeat(1000));
        inline.text.push('x');
        assert!(inline.is_blank(), "read from the flag, not the text");
        inline.push("y", Style::default());
        assert!(!inline.is_blank());
        inline.clear();
        assert!(inline.is_blank());
    }
}
