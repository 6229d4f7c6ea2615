//! Rows by hash: a row's cells inside the scrolling area and beside it,
//! each as one 64-bit hash of what a terminal shows of them (symbol,
//! colours, attributes), so two frames' rows compare without their cells.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

/// A row's hashes: its cells inside the scrolling area, and outside it.
pub type RowHash = (u64, u64);

/// The hashes of the rows of `area` in `buf`: inside `area`, and the rest
/// of each row. Rows and columns of `area` outside `buf` are left out. A
/// row's part inside or outside `area` that `same` says (by the row's
/// index in `area`) shows what that part of a row of `was` shows (its
/// index there) is not hashed again.
pub fn row_hashes(
    buf: &Buffer,
    area: Rect,
    was: Option<&[RowHash]>,
    same: impl Fn(usize) -> (Option<usize>, Option<usize>),
) -> Vec<RowHash> {
    let area = buf.area.intersection(area);
    let width = usize::from(buf.area.width);
    let left = usize::from(area.left() - buf.area.left());
    let right = left + usize::from(area.width);
    (area.top()..area.bottom())
        .enumerate()
        .map(|(r, y)| {
            let (same_in, same_out) = same(r);
            let known = |f: Option<usize>| was.zip(f).and_then(|(w, f)| w.get(f));
            let (known_in, known_out) = (known(same_in), known(same_out));
            let start = usize::from(y - buf.area.top()) * width;
            let row = buf.content.get(start..start + width).unwrap_or(&[]);
            let inside = match known_in {
                Some(hash) => hash.0,
                None => segment_hash(row.get(left..right).unwrap_or(&[]).iter()),
            };
            let outside = match known_out {
                Some(hash) => hash.1,
                None => {
                    let before = row.get(..left).unwrap_or(&[]);
                    let after = row.get(right..).unwrap_or(&[]);
                    segment_hash(before.iter().chain(after))
                }
            };
            (inside, outside)
        })
        .collect()
}

/// The hashes of a blank row: `inside` columns in the scrolling part,
/// `outside` beside it.
pub fn blank_hashes(inside: u16, outside: u16) -> RowHash {
    let blank_cells = |n: u16| segment_hash(std::iter::repeat_n(&Cell::EMPTY, usize::from(n)));
    (blank_cells(inside), blank_cells(outside))
}

/// The hash of a run of cells, by what a terminal shows of them: a mix of
/// two words a cell (its symbol's bytes, its colours and attributes).
fn segment_hash<'a>(cells: impl Iterator<Item = &'a Cell>) -> u64 {
    let mut h = 0u64;
    for cell in cells {
        h = mix(h, symbol_word(cell.symbol()));
        let look = (u64::from(color_code(cell.fg)) << 32)
            ^ u64::from(color_code(cell.bg))
            ^ (u64::from(cell.modifier.bits()) << 26)
            ^ (diff_code(cell.diff_option) << 58);
        h = mix(h, look);
    }
    h
}

/// A symbol as one word: up to seven bytes and the length, else a hash of
/// the bytes (a link cell's escape sequence, a long cluster).
#[inline(always)]
fn symbol_word(symbol: &str) -> u64 {
    let bytes = symbol.as_bytes();
    if bytes.len() < 8 {
        // Byte by byte: a call to copy a few bytes cost more than the rest
        // of a cell's hash (most symbols are one byte).
        let mut word = (bytes.len() as u64) << 56;
        for (i, &b) in bytes.iter().enumerate() {
            word |= u64::from(b) << (8 * i);
        }
        return word;
    }
    let mut h = bytes.len() as u64 | (1 << 63);
    for chunk in bytes.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = mix(h, u64::from_le_bytes(word));
    }
    h
}

/// A colour as a number no other colour has.
#[inline(always)]
fn color_code(color: ratatui::style::Color) -> u32 {
    use ratatui::style::Color;
    match color {
        Color::Reset => 1 << 25,
        Color::Indexed(i) => (2 << 24) | u32::from(i),
        Color::Rgb(r, g, b) => (u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b),
        named => (3 << 24) | u32::from(crate::tui::cells_out::palette_index(named)),
    }
}

#[inline(always)]
fn diff_code(option: ratatui::buffer::CellDiffOption) -> u64 {
    use ratatui::buffer::CellDiffOption;
    match option {
        CellDiffOption::None => 0,
        CellDiffOption::Skip => 1,
        CellDiffOption::AlwaysUpdate => 2,
        CellDiffOption::ForcedWidth(n) => 3 + u64::from(n.get()),
    }
}

/// One step of a multiply-rotate mix: collisions only cost a scroll that
/// writes more than it might have.
#[inline(always)]
fn mix(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_symbol_is_its_bytes_and_its_length() {
        for symbol in ["", " ", "a", "│", "▾", "e\u{301}", "❤\u{fe0f}", "abcdefg"] {
            let mut word = [0u8; 8];
            word[..symbol.len()].copy_from_slice(symbol.as_bytes());
            word[7] = symbol.len() as u8;
            assert_eq!(symbol_word(symbol), u64::from_le_bytes(word), "{symbol:?}");
        }
        // Longer ones are hashed: they differ from any short one's word.
        assert_ne!(symbol_word("abcdefgh"), symbol_word("abcdefg"));
    }
}
