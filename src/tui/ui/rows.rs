//! Writing the lists' rows (the library, the search results, their
//! headers and footers): a line of spans put on the buffer as
//! [`Buffer::set_line`] puts it, with ASCII spans written a byte a column
//! instead of through a grapheme walk, which was most of a list's frame.

use ratatui::buffer::Buffer;
use ratatui::text::Line;

/// Writes `line` at `x`, `y` in at most `max` columns, cell for cell as
/// [`Buffer::set_line`] does; returns the column after the last one written.
pub fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max: u16) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() || x < area.left() {
        return buf.set_line(x, y, line, max).0;
    }
    let row = usize::from(y - area.top()) * usize::from(area.width);
    let left = area.left();
    let mut x = x;
    let mut remaining = max;
    for span in line {
        if remaining == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let text: &str = &span.content;
        if !text.is_ascii() {
            let end = buf.set_stringn(x, y, text, usize::from(remaining), style).0;
            remaining = remaining.saturating_sub(end.saturating_sub(x));
            x = end;
            continue;
        }
        // A printable ASCII byte is a grapheme one column wide; control
        // bytes are left out, as set_stringn leaves them.
        let room = area.right().saturating_sub(x).min(remaining);
        let mut used = 0;
        for (i, b) in text.bytes().enumerate() {
            if b.is_ascii_control() {
                continue;
            }
            if used == room {
                break;
            }
            let Some(cell) = buf.content.get_mut(row + usize::from(x + used - left)) else {
                break;
            };
            cell.set_symbol(&text[i..=i]).set_style(style);
            used += 1;
        }
        x += used;
        remaining = remaining.saturating_sub(used);
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::Span;

    /// Lines of every kind a list writes: plain, styled, wide and combining
    /// characters, control bytes, empty spans, a style of the line's own.
    fn lines() -> Vec<Line<'static>> {
        let red = Style::default().fg(Color::Red);
        let bold = Style::default().add_modifier(Modifier::BOLD);
        vec![
            Line::raw("plain text that runs past the edge of a narrow buffer"),
            Line::from(vec![
                Span::styled("▸ ", red),
                Span::raw("2024-01-02  "),
                Span::styled("A café, 世界 and e\u{301}", bold),
                Span::raw("  12 min"),
            ]),
            Line::from(vec![
                Span::raw("tab\there\u{1b}[31m"),
                Span::raw(""),
                Span::styled("x", red),
            ]),
            Line::styled("the line's own style", bold)
                .patch_style(Style::default().bg(Color::Blue)),
            Line::from(vec![Span::raw("世界世界世界世界世界"), Span::raw("after")]),
        ]
    }

    #[test]
    fn writes_as_set_line_does() {
        for width in [1u16, 7, 12, 30, 80] {
            for (x, max) in [(0u16, u16::MAX), (3, 10), (5, 0), (2, 4)] {
                let area = Rect::new(0, 0, width, 1);
                for line in lines() {
                    let mut theirs = Buffer::empty(area);
                    theirs.set_style(area, Style::default().bg(Color::Green));
                    let mut ours = theirs.clone();
                    if x >= width {
                        continue;
                    }
                    let want = theirs.set_line(x, 0, &line, max).0;
                    let got = put_line(&mut ours, x, 0, &line, max);
                    assert_eq!(ours, theirs, "{line:?} at {x} in {width}, max {max}");
                    assert_eq!(got, want, "{line:?} at {x} in {width}, max {max}");
                }
            }
        }
    }

    #[test]
    fn writes_on_a_buffer_that_does_not_start_at_the_origin() {
        let area = Rect::new(4, 2, 20, 3);
        for line in lines() {
            let mut theirs = Buffer::empty(area);
            let mut ours = Buffer::empty(area);
            theirs.set_line(6, 3, &line, 15);
            put_line(&mut ours, 6, 3, &line, 15);
            assert_eq!(ours, theirs, "{line:?}");
        }
    }
}
