//! Wrapping styled text at display width: words (and single CJK characters)
//! become textwrap fragments, placed by textwrap's first-fit algorithm.
//!
//! Widths come from unicode-width per grapheme cluster, so an emoji ZWJ
//! sequence or a letter with combining marks is one unit that never splits.

use std::ops::Range;

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::inline::Inline;
use super::{DocumentBuilder, Style};

/// What a wide grapheme that cannot fit a one-column line shows instead.
pub(super) const TOO_WIDE: &str = "…";

/// One unbreakable piece of text and the spaces after it.
#[derive(Debug, Clone, Copy)]
struct Frag {
    start: usize,
    /// End of the visible text (spaces excluded).
    end: usize,
    width: usize,
    ws: usize,
    /// A soft hyphen follows: a line may break here, showing `-`.
    hyphen: bool,
}

/// The soft hyphen: a place a word may break, shown as `-` only there.
pub(super) const SOFT_HYPHEN: char = '\u{ad}';

impl Fragment for Frag {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.ws as f64
    }
    fn penalty_width(&self) -> f64 {
        if self.hyphen { 1.0 } else { 0.0 }
    }
}

/// One wrapped line: a byte range of the inline text and its display width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WrappedLine {
    pub range: Range<usize>,
    pub width: usize,
    /// Holds a grapheme wider than the line, to be shown as [`TOO_WIDE`].
    pub too_wide: bool,
    /// Ends at a soft hyphen: a `-` follows the text (counted in `width`).
    pub hyphen: bool,
}

/// True for characters a line may break before and after with no space:
/// CJK ideographs, kana and fullwidth forms. Hangul is not among them:
/// Korean puts spaces between words and wraps there.
pub(super) fn breaks_anywhere(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Cuts a segment into fragments no wider than `avail` (over-long words are
/// broken between graphemes).
struct Tokenizer {
    avail: usize,
    frags: Vec<Frag>,
    cur: Option<Frag>,
    in_ws: bool,
    /// The open fragment is a CJK character: the next one starts anew.
    sealed: bool,
    too_wide: bool,
}

impl Tokenizer {
    fn close(&mut self) {
        if let Some(f) = self.cur.take() {
            self.frags.push(f);
        }
        self.in_ws = false;
        self.sealed = false;
    }

    /// A soft hyphen: the open word may break here (only when something
    /// fits after the `-`, and only a word, not a space, ends with one).
    fn soft_hyphen(&mut self) {
        if self.in_ws {
            return;
        }
        let avail = self.avail;
        if let Some(f) = self.cur.as_mut().filter(|f| f.width < avail) {
            f.hyphen = true;
            self.close();
        }
    }

    fn space(&mut self, w: usize) {
        if let Some(f) = self.cur.as_mut() {
            f.ws += w;
            self.in_ws = true;
        }
    }

    fn grapheme(&mut self, at: usize, len: usize, w: usize, alone: bool) {
        let w = if w > self.avail {
            self.too_wide = true;
            self.avail
        } else {
            w
        };
        let fits = self
            .cur
            .as_ref()
            .is_some_and(|f| !self.in_ws && !self.sealed && f.width + w <= self.avail);
        if alone || !fits {
            self.close();
        }
        match self.cur.as_mut() {
            Some(f) => {
                f.end = at + len;
                f.width += w;
            }
            None => {
                self.cur = Some(Frag {
                    start: at,
                    end: at + len,
                    width: w,
                    ws: 0,
                    hyphen: false,
                });
            }
        }
        self.sealed = alone;
    }
}

/// Wraps `inline` at `avail` columns (at least 1), honouring its forced breaks.
/// An empty segment between two breaks gives an empty line.
pub(super) fn wrap_inline(inline: &Inline, avail: usize) -> Vec<WrappedLine> {
    let avail = avail.max(1);
    let mut out = Vec::new();
    // Breaks before the first text or after the last add nothing.
    let content_end = inline.text.trim_end().len();
    for seg in inline.segments() {
        if seg.start >= content_end && !(seg.start == 0 && content_end == 0) {
            break;
        }
        let before = out.len();
        wrap_segment(&inline.text, seg.clone(), avail, &mut out);
        // An empty piece between two breaks is an empty line.
        if out.len() == before && before > 0 {
            out.push(WrappedLine {
                range: seg.start..seg.start,
                width: 0,
                too_wide: false,
                hyphen: false,
            });
        }
    }
    out
}

fn wrap_segment(text: &str, seg: Range<usize>, avail: usize, out: &mut Vec<WrappedLine>) {
    let s = &text[seg.clone()];
    let mut tok = Tokenizer {
        avail,
        frags: Vec::with_capacity(s.len() / 5 + 1),
        cur: None,
        in_ws: false,
        sealed: false,
        too_wide: false,
    };
    if s.is_ascii() {
        // Fast path: printable ASCII is one column per byte (text is
        // sanitized), so words are runs between spaces, cut every `avail`.
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b' ' {
                let run = bytes[i..].iter().take_while(|&&b| b == b' ').count();
                tok.space(run);
                i += run;
                continue;
            }
            let word = bytes[i..].iter().take_while(|&&b| b != b' ').count();
            let mut at = i;
            while at < i + word {
                let len = (i + word - at).min(avail);
                tok.close();
                tok.cur = Some(Frag {
                    start: seg.start + at,
                    end: seg.start + at + len,
                    width: len,
                    ws: 0,
                    hyphen: false,
                });
                at += len;
            }
            i += word;
        }
    } else {
        for (i, g) in s.grapheme_indices(true) {
            if g == " " || g == "\u{3000}" {
                tok.space(cell_width(g));
                continue;
            }
            // A spacing mark after a space joins its cluster: the space
            // stays a place to break, the mark a character of its own.
            if let Some(mark) = g.strip_prefix(' ') {
                tok.space(1);
                tok.grapheme(seg.start + i + 1, mark.len(), cell_width(mark), false);
                continue;
            }
            if g.starts_with(SOFT_HYPHEN) {
                tok.soft_hyphen();
                continue;
            }
            let alone = g.chars().next().is_some_and(breaks_anywhere);
            tok.grapheme(seg.start + i, g.len(), cell_width(g), alone);
        }
    }
    tok.close();
    let too_wide = tok.too_wide;
    let frags = tok.frags;
    for line in wrap_first_fit(&frags, &[avail as f64]) {
        let (Some(first), Some(last)) = (line.first(), line.last()) else {
            continue;
        };
        let hyphen = last.hyphen;
        let width =
            line.iter().map(|f| f.width + f.ws).sum::<usize>() - last.ws + usize::from(hyphen);
        out.push(WrappedLine {
            range: first.start..last.end,
            width,
            too_wide,
            hyphen,
        });
    }
}

/// Pushes `inline.text[range]` into `b`, split at style runs. With
/// `too_wide`, graphemes wider than `avail` are shown as [`TOO_WIDE`].
pub(super) fn push_range(
    b: &mut DocumentBuilder,
    inline: &Inline,
    line: &WrappedLine,
    avail: usize,
    map: impl Fn(Style) -> Style,
) {
    let style_at = |at: usize| {
        let run = inline.run_at(at);
        inline.runs.get(run).map_or(Style::default(), |r| r.1)
    };
    if line.too_wide {
        // Grapheme by grapheme over the whole line, not per style run: a
        // cluster may span two runs (`A*ೳ*`: a spacing mark emphasised
        // apart from its letter) and is measured, and replaced, whole.
        let text = &inline.text[line.range.clone()];
        for (i, g) in text.grapheme_indices(true) {
            if g.starts_with(SOFT_HYPHEN) {
                continue;
            }
            let style = map(style_at(line.range.start + i));
            b.push(if cell_width(g) > avail { TOO_WIDE } else { g }, style);
        }
    } else {
        let mut at = line.range.start;
        let mut run = inline.run_at(at);
        while at < line.range.end {
            let Some(&(run_end, style)) = inline.runs.get(run) else {
                break;
            };
            let end = run_end.min(line.range.end);
            let piece = &inline.text[at..end];
            if piece.contains(SOFT_HYPHEN) {
                for part in piece.split(SOFT_HYPHEN) {
                    b.push(part, map(style));
                }
            } else {
                b.push(piece, map(style));
            }
            at = end;
            run += 1;
        }
    }
    if line.hyphen {
        b.push("-", map(style_at(line.range.end.saturating_sub(1))));
    }
}

/// The columns a grapheme cluster is given: its width as one cluster or the
/// sum of its code points' widths, whichever is wider. Terminals disagree on
/// ZWJ sequences (👨‍👩‍👧), flags, keycaps and emoji with skin-tone
/// modifiers: grapheme-aware ones draw one double-width cell, others draw
/// every code point (six columns for the family). Counting the wider measure
/// means a line never overflows on either; on a grapheme-aware terminal such
/// a line merely ends a few columns short.
pub fn cell_width(g: &str) -> usize {
    let cluster = g.width();
    let mut chars = g.chars();
    match (chars.next(), chars.next()) {
        (Some(_), Some(_)) => {
            let each: usize = g
                .chars()
                .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
                .sum();
            cluster.max(each)
        }
        _ => cluster,
    }
}

/// Display width of a string, as the wrapper counts it (per grapheme).
pub(super) fn width_of(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.graphemes(true)
        .filter(|g| !g.starts_with(SOFT_HYPHEN))
        .map(cell_width)
        .sum()
}

/// The longest prefix of `s` no wider than `max` columns, and its width.
pub(super) fn cut(s: &str, max: usize) -> (&str, usize) {
    if s.is_ascii() {
        let n = s.len().min(max);
        return (&s[..n], n);
    }
    let mut width = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = cell_width(g);
        if width + w > max {
            return (&s[..i], width);
        }
        width += w;
    }
    (s, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, avail: usize) -> Vec<String> {
        let mut inline = Inline::default();
        inline.push(text, Style::default());
        wrap_inline(&inline, avail)
            .into_iter()
            .map(|l| inline.text[l.range].to_string())
            .collect()
    }

    #[test]
    fn words_wrap_first_fit() {
        assert_eq!(
            lines("the quick brown fox jumps", 10),
            vec!["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn long_words_are_broken() {
        assert_eq!(
            lines("see https://example.org/a/b", 10),
            vec!["see", "https://ex", "ample.org/", "a/b"]
        );
    }

    #[test]
    fn cjk_breaks_between_characters() {
        let out = lines("日本語の文章です", 6);
        assert_eq!(out, vec!["日本語", "の文章", "です"]);
    }

    #[test]
    fn zwj_emoji_and_combining_marks_stay_whole() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let text = format!("{family}{family}{family}");
        // Counted by the wider measure: six columns, one per code point.
        assert_eq!(width_of(family), 6);
        let out = lines(&text, 12);
        assert_eq!(out, vec![format!("{family}{family}"), family.to_string()]);
        assert_eq!(width_of("🇫🇷"), 2);
        assert_eq!(width_of("👍🏽"), 4);
        assert_eq!(width_of("é"), 1);
        let accented = "e\u{301}e\u{301}e\u{301}";
        assert_eq!(lines(accented, 2), vec!["e\u{301}e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn wide_grapheme_at_width_one_is_flagged() {
        let mut inline = Inline::default();
        inline.push("漢", Style::default());
        let out = wrap_inline(&inline, 1);
        assert_eq!(out.len(), 1);
        assert!(out[0].too_wide);
    }

    #[test]
    fn soft_hyphens_break_words_and_show_only_there() {
        let text = "x\u{ad}x\u{ad}x\u{ad}x\u{ad}x";
        let mut inline = Inline::default();
        inline.push(text, Style::default());
        let wrapped = wrap_inline(&inline, 3);
        assert!(wrapped.iter().all(|l| l.width <= 3), "{wrapped:?}");
        assert_eq!(wrapped.len(), 2, "{wrapped:?}");
        assert!(wrapped[0].hyphen && !wrapped[1].hyphen);
        // Unbroken, a soft hyphen takes no column.
        assert_eq!(width_of(text), 5);
        let one = wrap_inline(&inline, 5);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].width, 5);
    }

    #[test]
    fn cut_respects_graphemes() {
        assert_eq!(cut("ab漢字", 3), ("ab", 2));
        assert_eq!(cut("abc", 5), ("abc", 3));
    }
}
