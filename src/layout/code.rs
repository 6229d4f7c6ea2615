//! Code blocks: framed, labelled with their language, highlighted with
//! syntect when asked. A line too long is cut with a `→`, or, when the
//! options ask, goes on over more lines that start with a `↪`.

use std::borrow::Cow;
use std::sync::OnceLock;

use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Theme, ThemeSet};
use syntect::parsing::SyntaxSet;

use super::blocks::LayoutRun;
use super::wrap::{cut, width_of};
use super::{Emphasis, Role, Style};
use crate::sanitize::{sanitize, sanitize_line};

/// A code block longer than this many lines is shown plain.
pub const HIGHLIGHT_MAX_BLOCK_LINES: usize = 500;
/// Once a document has highlighted this many code lines, the rest is plain.
/// syntect costs about 50 µs a line here, so this bounds it near 100 ms.
pub const HIGHLIGHT_MAX_DOC_LINES: usize = 2_000;
/// A body larger than this is not highlighted at all: its layout has to be
/// quick on every resize, and its plain layout already takes most of that.
pub const HIGHLIGHT_MAX_BODY_BYTES: usize = 512 * 1024;

/// The marker at the end of a cut code line.
const CUT: &str = "→";

/// The marker at the start of a wrapped code line's continuation.
pub const WRAPPED: &str = "↪";

struct Highlighter {
    syntaxes: SyntaxSet,
    themes: ThemeSet,
}

/// syntect's default syntaxes and themes, loaded once, on first use.
fn highlighter() -> &'static Highlighter {
    static CELL: OnceLock<Highlighter> = OnceLock::new();
    CELL.get_or_init(|| Highlighter {
        syntaxes: SyntaxSet::load_defaults_newlines(),
        themes: ThemeSet::load_defaults(),
    })
}

/// True when syntect has a theme called `name` (a colour theme names one).
pub fn has_syntax_theme(name: &str) -> bool {
    syntect_theme(name).is_some()
}

/// The syntect theme called `name`, if syntect has it.
fn syntect_theme(name: &str) -> Option<&'static Theme> {
    highlighter().themes.themes.get(name)
}

/// Expands tabs to the next multiple of 4 columns.
fn expand_tabs(line: &str) -> String {
    if !line.contains('\t') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = 4 - col % 4;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(c);
            col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
    }
    out
}

/// One code line, ready to show: tabs expanded, controls made visible, no
/// trailing spaces. Borrowed when there is nothing to change, as for most
/// lines: a block can hold millions.
fn clean(line: &str) -> Cow<'_, str> {
    if !line.contains('\t') {
        if let Cow::Borrowed(safe) = sanitize(line) {
            return Cow::Borrowed(safe.trim_end());
        }
    }
    let expanded = expand_tabs(line);
    let mut safe = sanitize(&expanded).into_owned();
    let trimmed = safe.trim_end().len();
    safe.truncate(trimmed);
    Cow::Owned(safe)
}

/// Lays out one code block at the layouter's current position.
pub(super) fn code_block(l: &mut LayoutRun<'_>, lang: &str, text: &str) {
    let lang = sanitize_line(lang);
    let body = text.strip_suffix('\n').unwrap_or(text);
    let lines: Vec<Cow<'_, str>> = body.split('\n').map(clean).collect();
    let avail = l.avail();
    let framed = avail >= 6;
    let content = if framed { avail - 2 } else { avail };
    let frame = Style::of(Role::CodeFrame);

    let mut spans = highlight(l, &lang, &lines);
    if framed {
        let widest = lines.iter().map(|s| width_of(s)).max().unwrap_or(0);
        let label = match super::diagram::label(&lang) {
            Some(diagram) => format!(" {diagram} "),
            None if lang.is_empty() => String::new(),
            None => format!(" {lang} "),
        };
        let label_w = width_of(&label);
        let inner = (widest + 1).max(label_w + 1).min(avail - 1);
        l.begin_line();
        l.out.push("╭─", frame);
        let (label, lw) = cut(&label, inner.saturating_sub(1));
        l.out.push(label, frame);
        l.out.push(&"─".repeat(inner.saturating_sub(1 + lw)), frame);
        l.out.trim_end();
        l.out.end_line();
    }
    for (i, line) in lines.iter().enumerate() {
        l.begin_line();
        if framed {
            l.out.push(if line.is_empty() { "│" } else { "│ " }, frame);
        }
        let pieces: Vec<(&str, Style)> = match spans.as_mut() {
            Some(all) => std::mem::take(&mut all[i]),
            None => vec![(line.as_ref(), Style::of(Role::CodeBlock))],
        };
        // Wrapping needs room for the mark and a double-width character.
        if l.opts.wrap_code && content >= 3 {
            push_wrapped(l, &pieces, content, framed);
        } else {
            push_cut(l, &pieces, content);
        }
        l.out.end_line();
    }
    if framed {
        let widest = lines.iter().map(|s| width_of(s)).max().unwrap_or(0);
        let inner = (widest + 1).min(avail - 1);
        l.begin_line();
        l.out.push("╰", frame);
        l.out.push(&"─".repeat(inner), frame);
        l.out.end_line();
    }
}

/// Pushes styled pieces of one line, cut to `max` columns with a marker.
fn push_cut(l: &mut LayoutRun<'_>, pieces: &[(&str, Style)], max: usize) {
    let total: usize = pieces.iter().map(|(s, _)| width_of(s)).sum();
    if total <= max {
        for (s, style) in pieces {
            l.out.push(s, *style);
        }
        return;
    }
    let mut budget = max.saturating_sub(1);
    for (s, style) in pieces {
        let (part, w) = cut(s, budget);
        l.out.push(part, *style);
        budget -= w;
        if part.len() < s.len() {
            break;
        }
    }
    if max >= 1 {
        l.out.push(CUT, Style::of(Role::CodeFrame));
    }
}

/// Pushes styled pieces of one line, `max` columns a line: the rest goes
/// on under the frame after a [`WRAPPED`] mark. `max` is at least 3, so
/// that every continuation takes at least one character.
fn push_wrapped(l: &mut LayoutRun<'_>, pieces: &[(&str, Style)], max: usize, framed: bool) {
    let mut budget = max;
    let mut fresh = true;
    for (text, style) in pieces {
        let mut rest = *text;
        while !rest.is_empty() {
            let (mut part, mut w) = cut(rest, budget);
            if part.is_empty() && fresh {
                // A cluster wider than a whole line (a ZWJ sequence on a
                // narrow screen): cut there, as without wrapping.
                l.out.push(CUT, Style::of(Role::CodeFrame));
                return;
            }
            fresh = false;
            if part.len() < rest.len() {
                // Spaces at a break go on to the continuation, so that no
                // line ends in spaces and none are lost.
                let kept = part.trim_end_matches(' ');
                if !kept.is_empty() {
                    w -= part.len() - kept.len();
                    part = kept;
                }
            }
            l.out.push(part, *style);
            budget -= w;
            rest = &rest[part.len()..];
            if !rest.is_empty() {
                l.out.trim_end();
                l.out.end_line();
                l.begin_line();
                if framed {
                    l.out.push("│ ", Style::of(Role::CodeFrame));
                }
                l.out.push(WRAPPED, Style::of(Role::CodeFrame));
                budget = max - 1;
                fresh = true;
            }
        }
    }
}

/// The highlighted pieces of each line, or `None` to show the block plain:
/// when highlighting is off, the language unknown, or over budget.
fn highlight<'t>(
    l: &mut LayoutRun<'_>,
    lang: &str,
    lines: &'t [Cow<'_, str>],
) -> Option<Vec<Vec<(&'t str, Style)>>> {
    let theme_name = l.opts.syntax?;
    if lang.is_empty()
        || l.body_len() > HIGHLIGHT_MAX_BODY_BYTES
        || lines.len() > HIGHLIGHT_MAX_BLOCK_LINES
        || l.highlighted.saturating_add(lines.len()) > HIGHLIGHT_MAX_DOC_LINES
    {
        return None;
    }
    let hl = highlighter();
    let theme = syntect_theme(theme_name)?;
    let syntax = hl.syntaxes.find_syntax_by_token(lang)?;
    l.highlighted += lines.len();
    let mut h = HighlightLines::new(syntax, theme);
    let mut out = Vec::with_capacity(lines.len());
    let mut buf = String::new();
    for line in lines {
        buf.clear();
        buf.push_str(line);
        buf.push('\n');
        let ranges = h.highlight_line(&buf, &hl.syntaxes).ok()?;
        // Map the pieces of `buf` back onto `line` (same bytes, minus '\n').
        let mut at = 0;
        let mut pieces = Vec::with_capacity(ranges.len());
        for (style, piece) in ranges {
            let end = (at + piece.len()).min(line.len());
            if end > at {
                let fg = style.foreground;
                pieces.push((
                    &line[at..end],
                    Style {
                        role: Role::Syntax(fg.r, fg.g, fg.b),
                        emphasis: Emphasis {
                            strong: style.font_style.contains(FontStyle::BOLD),
                            emph: style.font_style.contains(FontStyle::ITALIC),
                            strike: false,
                        },
                        link: None,
                    },
                ));
            }
            at += piece.len();
        }
        out.push(pieces);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_expand_to_four_columns() {
        assert_eq!(expand_tabs("\tx"), "    x");
        assert_eq!(expand_tabs("ab\tc"), "ab  c");
        assert_eq!(clean("a\t\x1b[2J  "), "a   ␛[2J");
    }

    #[test]
    fn default_theme_and_syntaxes_load() {
        let hl = highlighter();
        assert!(hl.syntaxes.find_syntax_by_token("rust").is_some());
        assert!(hl.syntaxes.find_syntax_by_token("py").is_some());
    }
}
