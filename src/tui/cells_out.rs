//! A frame's changed cells as the bytes a terminal is sent, as few as show
//! the same screen: a cursor move only where a cell does not follow the
//! last (the shorter of a move forward on the row and an absolute one),
//! the attributes and colours that changed in one SGR sequence (the
//! shorter of changing them and starting from a reset), nothing for a
//! blank cell whose look the pen already gives (a space shows no
//! foreground, no bold), a run of blank cells erased (ECH) when that is
//! shorter than writing it, and one reset at the end when the pen is not
//! plain. A frame starts with the pen plain and leaves it so.

use std::io::{self, Write};

use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Modifiers a terminal shows on a blank cell.
pub const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// The attributes and colours the terminal writes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Default for Pen {
    fn default() -> Self {
        Self::PLAIN
    }
}

impl Pen {
    /// No attribute, the terminal's own colours.
    pub const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    #[inline]
    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }

    /// True when `cell` written with this pen shows as it should: the pen
    /// is the cell's style, or the cell is a space on the pen's background
    /// and neither shows anything else on a blank.
    #[inline]
    pub fn takes(&self, cell: &Cell) -> bool {
        let same = cell.fg == self.fg
            && cell.bg == self.bg
            && cell.underline_color == self.underline
            && cell.modifier == self.modifier;
        same || (is_space(cell)
            && cell.bg == self.bg
            && !cell.modifier.intersects(VISIBLE_ON_BLANK)
            && !self.modifier.intersects(VISIBLE_ON_BLANK))
    }

    /// The pen after writing `cell`.
    #[inline]
    pub fn after(self, cell: &Cell) -> Pen {
        if self.takes(cell) {
            self
        } else {
            Pen::of(cell)
        }
    }
}

/// A plain space (one column, drawn as itself).
#[inline]
fn is_space(cell: &Cell) -> bool {
    cell.symbol() == " " && cell.diff_option == CellDiffOption::None
}

/// A space that an erase (ECH) leaves as it is: no background colour and
/// nothing shown on a blank.
#[inline]
fn is_erasable(cell: &Cell) -> bool {
    is_space(cell) && cell.bg == Color::Reset && !cell.modifier.intersects(VISIBLE_ON_BLANK)
}

/// The column after `cell` written at `x`, when the terminal is sure to
/// put the cursor there (one column, drawn as itself).
#[inline]
pub fn column_after(x: u16, cell: &Cell) -> Option<u16> {
    let symbol = cell.symbol();
    let one = match symbol.as_bytes() {
        [b] => (0x20..0x7f).contains(b),
        _ => symbol.width() == 1,
    };
    (one && cell.diff_option == CellDiffOption::None).then(|| x.saturating_add(1))
}

/// The digits of `n`.
fn digits(n: u32) -> usize {
    n.checked_ilog10().unwrap_or(0) as usize + 1
}

/// The length of the shortest move from `from` (where the cursor is, when
/// known) to `(x, y)`; 0 when it is there.
pub fn move_len(from: Option<(u16, u16)>, x: u16, y: u16) -> usize {
    let absolute = 4 + digits(u32::from(y) + 1) + digits(u32::from(x) + 1);
    match from {
        Some((cx, cy)) if cy == y && cx == x => 0,
        Some((cx, cy)) if cy == y => absolute.min(relative_len(u32::from(cx.abs_diff(x)))),
        Some((_, cy)) if cy.checked_add(1) == Some(y) => absolute.min(next_row_len(x)),
        _ => absolute,
    }
}

/// `CR LF` and a move forward to column `x` of the next row.
fn next_row_len(x: u16) -> usize {
    2 + if x == 0 {
        0
    } else {
        relative_len(u32::from(x))
    }
}

/// `CSI n C` (or `D`, or `X`): the parameter left out when it is 1.
fn relative_len(n: u32) -> usize {
    if n == 1 { 3 } else { 3 + digits(n) }
}

/// Writes `cells` to `out`: see the module's doc.
pub fn write_cells<'a, W: Write>(
    out: &mut W,
    cells: impl Iterator<Item = (u16, u16, &'a Cell)>,
) -> io::Result<()> {
    let mut pen = Pen::PLAIN;
    // Where the cursor is: known, or after the cell written last (worked
    // out only when the next cell is not the next column).
    let mut cursor: Option<(u16, u16)> = None;
    let mut written: Option<(u16, u16, &Cell)> = None;
    let mut cells = cells.peekable();
    let mut sgr = Vec::with_capacity(32);
    while let Some((x, y, cell)) = cells.next() {
        match written.take() {
            // The next column: the diff gives it only after a cell one
            // column wide.
            Some((lx, ly, _)) if ly == y && lx.checked_add(1) == Some(x) => {}
            Some((lx, ly, last)) => {
                let from = column_after(lx, last).map(|c| (c, ly));
                move_to(out, from, x, y)?;
            }
            None => move_to(out, cursor, x, y)?,
        }
        if !pen.takes(cell) {
            let next = Pen::of(cell);
            sgr.clear();
            style_change(&mut sgr, pen, next);
            out.write_all(&sgr)?;
            pen = next;
        }
        if is_erasable(cell) {
            // A run of blanks: erased when that and the move past it are
            // shorter than the spaces.
            let mut n: u16 = 1;
            while let Some(&(nx, ny, next)) = cells.peek() {
                if ny != y || nx != x.saturating_add(n) || !is_erasable(next) {
                    break;
                }
                n += 1;
                cells.next();
            }
            let end = x.saturating_add(n);
            let after = cells.peek().map(|&(nx, ny, _)| (nx, ny));
            let onward =
                |from: (u16, u16)| after.map_or(0, |(nx, ny)| move_len(Some(from), nx, ny));
            let erase = relative_len(u32::from(n)) + onward((x, y));
            let spaces = usize::from(n) + onward((end, y));
            if erase < spaces {
                write_csi(out, u32::from(n), b'X')?;
                cursor = Some((x, y));
            } else {
                for _ in 0..n {
                    out.write_all(b" ")?;
                }
                cursor = Some((end, y));
            }
            continue;
        }
        out.write_all(cell.symbol().as_bytes())?;
        written = Some((x, y, cell));
    }
    if pen != Pen::PLAIN {
        out.write_all(b"\x1b[m")?;
    }
    Ok(())
}

/// Moves the cursor from `from` (when known) to `(x, y)` the shortest way.
fn move_to<W: Write>(out: &mut W, from: Option<(u16, u16)>, x: u16, y: u16) -> io::Result<()> {
    let absolute = 4 + digits(u32::from(y) + 1) + digits(u32::from(x) + 1);
    match from {
        Some((cx, cy)) if cy == y && cx == x => Ok(()),
        Some((cx, cy)) if cy == y && relative_len(u32::from(cx.abs_diff(x))) < absolute => {
            let verb = if x > cx { b'C' } else { b'D' };
            write_csi(out, u32::from(cx.abs_diff(x)), verb)
        }
        // Down a row (never past the screen's last: the cell is on it).
        Some((_, cy)) if cy.checked_add(1) == Some(y) && next_row_len(x) < absolute => {
            out.write_all(b"\r\n")?;
            if x > 0 {
                write_csi(out, u32::from(x), b'C')?;
            }
            Ok(())
        }
        _ => {
            let mut buf = [0u8; 16];
            let mut at = 2;
            buf[..2].copy_from_slice(b"\x1b[");
            at += put_number(&mut buf[at..], u32::from(y) + 1);
            buf[at] = b';';
            at += 1;
            at += put_number(&mut buf[at..], u32::from(x) + 1);
            buf[at] = b'H';
            out.write_all(&buf[..=at])
        }
    }
}

/// `CSI n verb`, the parameter left out when it is 1.
fn write_csi<W: Write>(out: &mut W, n: u32, verb: u8) -> io::Result<()> {
    let mut buf = [0u8; 16];
    buf[..2].copy_from_slice(b"\x1b[");
    let mut at = 2;
    if n != 1 {
        at += put_number(&mut buf[at..], n);
    }
    buf[at] = verb;
    out.write_all(&buf[..=at])
}

/// Writes `n` in decimal at the start of `buf`; returns its length.
fn put_number(buf: &mut [u8], n: u32) -> usize {
    let len = digits(n);
    let mut rest = n;
    for d in (0..len).rev() {
        buf[d] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    len
}

/// Appends the SGR sequence that takes the pen `from` to `to`: the
/// shorter of the changes alone and a reset followed by all of `to`.
fn style_change(out: &mut Vec<u8>, from: Pen, to: Pen) {
    let bold = to.modifier.contains(Modifier::BOLD);
    let mut changes = Vec::with_capacity(24);
    attribute_changes(&mut changes, from.modifier, to.modifier);
    // A dark foreground written short is brightened by some terminals
    // under bold: written again when bold comes.
    let rewrite = bold && !from.modifier.contains(Modifier::BOLD) && is_dark(to.fg);
    if from.fg != to.fg || rewrite {
        color(&mut changes, to.fg, Layer::Fore, bold);
    }
    if from.bg != to.bg {
        color(&mut changes, to.bg, Layer::Back, bold);
    }
    if from.underline != to.underline {
        color(&mut changes, to.underline, Layer::Under, bold);
    }
    let mut whole = Vec::with_capacity(24);
    whole.push(b'0');
    attribute_changes(&mut whole, Modifier::empty(), to.modifier);
    for (c, layer) in [
        (to.fg, Layer::Fore),
        (to.bg, Layer::Back),
        (to.underline, Layer::Under),
    ] {
        if c != Color::Reset {
            color(&mut whole, c, layer, bold);
        }
    }
    let changes = changes.strip_prefix(b";").unwrap_or(&changes);
    let params = if whole.len() < changes.len() {
        // A lone reset needs no parameter.
        if whole == b"0" { &[][..] } else { &whole[..] }
    } else {
        changes
    };
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(params);
    out.push(b'm');
}

/// True for a colour of the palette's dark half (0-7).
fn is_dark(c: Color) -> bool {
    match c {
        Color::Indexed(i) => i < 8,
        Color::Reset | Color::Rgb(..) => false,
        named => palette_index(named) < 8,
    }
}

/// Appends `;n`.
fn param(out: &mut Vec<u8>, n: u32) {
    out.push(b';');
    let mut buf = [0u8; 10];
    let len = put_number(&mut buf, n);
    out.extend_from_slice(&buf[..len]);
}

/// The attributes that go from `from` to `to`: those removed first (bold
/// and dim share one reset, after which the ones kept come back; so do the
/// two blinks), then those added.
fn attribute_changes(out: &mut Vec<u8>, from: Modifier, to: Modifier) {
    let removed = from - to;
    let mut added = to - from;
    if removed.contains(Modifier::REVERSED) {
        param(out, 27);
    }
    if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        param(out, 22);
        added |= to & (Modifier::BOLD | Modifier::DIM);
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        param(out, 25);
        added |= to & (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK);
    }
    let off = [
        (Modifier::ITALIC, 23),
        (Modifier::UNDERLINED, 24),
        (Modifier::CROSSED_OUT, 29),
        (Modifier::HIDDEN, 28),
    ];
    for (m, code) in off {
        if removed.intersects(m) {
            param(out, code);
        }
    }
    let on = [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ];
    for (m, code) in on {
        if added.contains(m) {
            param(out, code);
        }
    }
}

/// Which colour an SGR parameter sets.
#[derive(Clone, Copy)]
enum Layer {
    Fore,
    Back,
    Under,
}

/// Appends the parameters that set `layer` to `c`: the sixteen colours
/// by their own short codes (30-37, 90-97, 40-47, 100-107), which name the
/// same palette entries as `38;5;n`, but for a dark foreground under bold
/// (`bold`), which some terminals brighten when written short.
fn color(out: &mut Vec<u8>, c: Color, layer: Layer, bold: bool) {
    let base = match layer {
        Layer::Fore => 30,
        Layer::Back => 40,
        Layer::Under => 50,
    };
    let index = match c {
        Color::Reset => return param(out, base + 9),
        Color::Rgb(r, g, b) => {
            param(out, base + 8);
            param(out, 2);
            for v in [r, g, b] {
                param(out, u32::from(v));
            }
            return;
        }
        Color::Indexed(i) => i,
        named => palette_index(named),
    };
    match layer {
        Layer::Fore | Layer::Back if (8..16).contains(&index) => {
            param(out, base + 60 + u32::from(index) - 8)
        }
        Layer::Fore if index < 8 && !bold => param(out, base + u32::from(index)),
        Layer::Back if index < 8 => param(out, base + u32::from(index)),
        _ => {
            param(out, base + 8);
            param(out, 5);
            param(out, u32::from(index));
        }
    }
}

/// The palette entry of ratatui's named colour (its plain colours are the
/// dark half, its light ones the bright half).
pub fn palette_index(color: Color) -> u8 {
    match color {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        _ => 15,
    }
}

#[cfg(test)]
#[path = "cells_out_tests.rs"]
mod tests;
