//! A frame's changed cells as the bytes a terminal is sent: the same bytes
//! ratatui's crossterm backend writes for them (a cursor move where a cell
//! does not follow the last, the attributes and colours that changed, the
//! cell's text, everything reset at the end), with the cursor moves and the
//! text written directly instead of through the formatting machinery,
//! which cost more than the rest of a one-line scroll's frame.

use std::io::{self, Write};

use crossterm::queue;
use crossterm::style::{
    Attribute, Color as Term, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// Writes `cells` to `out` as ratatui's crossterm backend draws them.
pub fn write_cells<'a, W: Write>(
    out: &mut W,
    cells: impl Iterator<Item = (u16, u16, &'a Cell)>,
) -> io::Result<()> {
    let (mut fg, mut bg, mut underline) = (Color::Reset, Color::Reset, Color::Reset);
    let mut modifier = Modifier::empty();
    let mut last: Option<(u16, u16)> = None;
    for (x, y, cell) in cells {
        if !matches!(last, Some((lx, ly)) if x == lx.wrapping_add(1) && y == ly) {
            move_to(out, x, y)?;
        }
        last = Some((x, y));
        if cell.modifier != modifier {
            attributes(out, modifier, cell.modifier)?;
            modifier = cell.modifier;
        }
        if cell.fg != fg || cell.bg != bg {
            queue!(
                out,
                SetColors(Colors::new(term_color(cell.fg), term_color(cell.bg)))
            )?;
            (fg, bg) = (cell.fg, cell.bg);
        }
        if cell.underline_color != underline {
            queue!(out, SetUnderlineColor(term_color(cell.underline_color)))?;
            underline = cell.underline_color;
        }
        out.write_all(cell.symbol().as_bytes())?;
    }
    queue!(
        out,
        SetForegroundColor(Term::Reset),
        SetBackgroundColor(Term::Reset),
        SetUnderlineColor(Term::Reset),
        SetAttribute(Attribute::Reset),
    )
}

/// `CSI row ; column H`, 1-based.
fn move_to<W: Write>(out: &mut W, x: u16, y: u16) -> io::Result<()> {
    let mut buf = [0u8; 16];
    let mut at = 0;
    for (i, n) in [u32::from(y) + 1, u32::from(x) + 1].into_iter().enumerate() {
        let sep: &[u8] = if i == 0 { b"\x1b[" } else { b";" };
        buf[at..at + sep.len()].copy_from_slice(sep);
        at += sep.len();
        let digits = n.checked_ilog10().unwrap_or(0) as usize + 1;
        let mut rest = n;
        for d in (0..digits).rev() {
            buf[at + d] = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        at += digits;
    }
    buf[at] = b'H';
    out.write_all(&buf[..=at])
}

/// The attributes that go from `from` to `to`: those removed first (bold
/// and dim share one reset, after which the ones kept come back), then those
/// added.
fn attributes<W: Write>(out: &mut W, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    let added = to - from;
    if removed.contains(Modifier::REVERSED) {
        queue!(out, SetAttribute(Attribute::NoReverse))?;
    }
    let intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if intensity {
        queue!(out, SetAttribute(Attribute::NormalIntensity))?;
        if to.contains(Modifier::DIM) {
            queue!(out, SetAttribute(Attribute::Dim))?;
        }
        if to.contains(Modifier::BOLD) {
            queue!(out, SetAttribute(Attribute::Bold))?;
        }
    }
    let off = [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
        (
            Modifier::SLOW_BLINK | Modifier::RAPID_BLINK,
            Attribute::NoBlink,
        ),
    ];
    for (m, attribute) in off {
        if removed.intersects(m) {
            queue!(out, SetAttribute(attribute))?;
        }
    }
    let on = [
        (Modifier::REVERSED, Attribute::Reverse, false),
        (Modifier::BOLD, Attribute::Bold, true),
        (Modifier::ITALIC, Attribute::Italic, false),
        (Modifier::UNDERLINED, Attribute::Underlined, false),
        (Modifier::DIM, Attribute::Dim, true),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut, false),
        (Modifier::HIDDEN, Attribute::Hidden, false),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink, false),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink, false),
    ];
    for (m, attribute, intensity_kind) in on {
        if added.contains(m) && !(intensity_kind && intensity) {
            queue!(out, SetAttribute(attribute))?;
        }
    }
    Ok(())
}

/// ratatui's colour as crossterm names it (ratatui's plain colours are
/// crossterm's dark ones, its light ones crossterm's plain ones).
fn term_color(color: Color) -> Term {
    match color {
        Color::Reset => Term::Reset,
        Color::Black => Term::Black,
        Color::Red => Term::DarkRed,
        Color::Green => Term::DarkGreen,
        Color::Yellow => Term::DarkYellow,
        Color::Blue => Term::DarkBlue,
        Color::Magenta => Term::DarkMagenta,
        Color::Cyan => Term::DarkCyan,
        Color::Gray => Term::Grey,
        Color::DarkGray => Term::DarkGrey,
        Color::LightRed => Term::Red,
        Color::LightGreen => Term::Green,
        Color::LightBlue => Term::Blue,
        Color::LightYellow => Term::Yellow,
        Color::LightMagenta => Term::Magenta,
        Color::LightCyan => Term::Cyan,
        Color::White => Term::White,
        Color::Indexed(i) => Term::AnsiValue(i),
        Color::Rgb(r, g, b) => Term::Rgb { r, g, b },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::{Backend, CrosstermBackend};

    /// What the backend wrote, kept.
    #[derive(Clone, Default)]
    struct Kept(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Kept {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    use crate::tui::test_rng::Rng;

    fn color(rng: &mut Rng) -> Color {
        const NAMED: [Color; 17] = [
            Color::Reset,
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ];
        match rng.next(4) {
            0 => Color::Indexed(rng.next(256) as u8),
            1 => Color::Rgb(rng.next(256) as u8, rng.next(256) as u8, 7),
            _ => NAMED[rng.next(NAMED.len())],
        }
    }

    #[test]
    fn the_bytes_are_the_crossterm_backends() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..2000 {
            let mut cells = Vec::new();
            let (mut x, mut y) = (0u16, 0u16);
            for _ in 0..rng.next(40) {
                let mut cell =
                    Cell::new(["a", "漢", " ", "\x1b]8;;u\x1b\\b\x1b]8;;\x1b\\"][rng.next(4)]);
                // Styles change now and then, as they do along a row.
                if rng.next(3) == 0 {
                    cell.fg = color(&mut rng);
                    cell.bg = color(&mut rng);
                }
                if rng.next(5) == 0 {
                    cell.underline_color = color(&mut rng);
                }
                if rng.next(3) == 0 {
                    cell.modifier = Modifier::from_bits_truncate(rng.next(512) as u16);
                }
                match rng.next(4) {
                    0 => (x, y) = (rng.next(300) as u16, rng.next(120) as u16),
                    _ => x += 1,
                }
                cells.push((x, y, cell));
            }
            let mut ours = Vec::new();
            write_cells(&mut ours, cells.iter().map(|(x, y, c)| (*x, *y, c)))
                .expect("a Vec takes every byte");
            let theirs = Kept::default();
            let mut backend = CrosstermBackend::new(theirs.clone());
            backend
                .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
                .expect("a Vec takes every byte");
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs.0.borrow()),
                "round {round}"
            );
        }
    }
}
