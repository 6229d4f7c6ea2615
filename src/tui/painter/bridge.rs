//! Short runs of unchanged cells between two changes on a row, written
//! again when that costs fewer bytes than moving the cursor over them: the
//! words of a paragraph drawn on a blank screen are written with their
//! spaces (`In the` rather than `In` CSI 4;31 H `the`), and a line of the
//! outline that changed two letters apart is written through.

use ratatui::buffer::{Buffer, Cell, CellDiffOption};

use crate::tui::cells_out::{Pen, column_after, move_len};

/// `cells` (a frame's changes over `next`, in order) with the unchanged
/// cells of `next` between two changes on one row added wherever writing
/// them is shorter than the cursor move it saves. Only cells that cannot
/// disturb their neighbours are added: one printable ASCII byte each, that
/// the pen of the cells before them draws as they are (their style, or a
/// blank that shows none of it), after a cell one column wide and drawn as
/// itself (after a wide character or a hyperlink's run the terminal's
/// cursor is not where the next column is).
pub fn bridged<'a, I>(next: &'a Buffer, cells: I) -> Bridged<'a, I::IntoIter>
where
    I: IntoIterator<Item = (u16, u16, &'a Cell)>,
{
    Bridged {
        next,
        cells: cells.into_iter(),
        last: None,
        pen: Pen::PLAIN,
        gap: None,
        held: None,
    }
}

/// The iterator [`bridged`] returns.
pub struct Bridged<'a, I> {
    next: &'a Buffer,
    cells: I,
    /// The cell given out last.
    last: Option<(u16, u16, &'a Cell)>,
    /// The pen the cells given out leave (see [`Pen::after`]).
    pen: Pen,
    /// The unchanged cells still to give out: from, to (exclusive), row.
    gap: Option<(u16, u16, u16)>,
    /// The change after the gap.
    held: Option<(u16, u16, &'a Cell)>,
}

impl<'a, I: Iterator<Item = (u16, u16, &'a Cell)>> Iterator for Bridged<'a, I> {
    type Item = (u16, u16, &'a Cell);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some((from, to, y)) = self.gap {
            if let Some(cell) = self.next.cell((from, y)) {
                self.gap = (from + 1 < to).then_some((from + 1, to, y));
                self.last = Some((from, y, cell));
                self.pen = self.pen.after(cell);
                return self.last;
            }
            self.gap = None;
        }
        let change = match self.held.take() {
            Some(change) => change,
            None => {
                let change = self.cells.next()?;
                if let Some(gap) = self.gap_before(change) {
                    self.gap = Some(gap);
                    self.held = Some(change);
                    return self.next();
                }
                change
            }
        };
        self.last = Some(change);
        self.pen = self.pen.after(change.2);
        Some(change)
    }
}

impl<'a, I> Bridged<'a, I> {
    /// The cells between the last cell given out and `change`, when
    /// writing them is shorter than moving the cursor and safe.
    fn gap_before(&self, change: (u16, u16, &Cell)) -> Option<(u16, u16, u16)> {
        let (lx, ly, last) = self.last?;
        let (x, y, _) = change;
        let from = column_after(lx, last)?;
        if y != ly || x <= from {
            return None;
        }
        if usize::from(x - from) >= move_len(Some((from, y)), x, y) {
            return None;
        }
        let plain = (from..x).all(|gx| {
            self.next.cell((gx, y)).is_some_and(|cell| {
                let symbol = cell.symbol().as_bytes();
                symbol.len() == 1
                    && (0x20..0x7f).contains(&symbol[0])
                    && cell.diff_option == CellDiffOption::None
                    && self.pen.takes(cell)
            })
        });
        plain.then_some((from, x, y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::cells_out::write_cells;
    use crate::tui::test_rng::Rng;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};
    use unicode_width::UnicodeWidthStr;

    fn bytes<'a>(cells: impl Iterator<Item = (u16, u16, &'a Cell)>) -> Vec<u8> {
        let mut out = Vec::new();
        write_cells(&mut out, cells).expect("a Vec takes every byte");
        out
    }

    #[test]
    fn words_on_a_blank_row_are_written_with_their_spaces() {
        let area = Rect::new(0, 0, 40, 2);
        let last = Buffer::empty(area);
        let mut next = Buffer::empty(area);
        next.set_string(3, 1, "In the  world", Style::default());
        let plain = bytes(last.diff_iter(&next));
        let written = bytes(bridged(&next, last.diff_iter(&next)));
        let text = String::from_utf8_lossy(&written);
        assert!(text.contains("In the  world"), "{text:?}");
        assert_eq!(text.matches('H').count(), 1, "one cursor move: {text:?}");
        assert!(written.len() < plain.len());
    }

    #[test]
    fn a_long_gap_a_wide_character_or_a_style_change_is_moved_over_not_written() {
        let area = Rect::new(0, 0, 60, 1);
        let mut last = Buffer::empty(area);
        let mut next = Buffer::empty(area);
        next.set_string(0, 0, "a", Style::default());
        next.set_string(20, 0, "b", Style::default());
        next.set_string(22, 0, "漢", Style::default());
        next.set_string(25, 0, "c", Style::default());
        next.set_string(29, 0, "d", Style::default().fg(Color::Red));
        next.set_string(32, 0, "e", Style::default());
        // Two blanks on blue, shown already.
        for buf in [&mut last, &mut next] {
            buf.set_string(33, 0, "  ", Style::default().bg(Color::Blue));
        }
        next.set_string(35, 0, "f", Style::default());
        let cells: Vec<_> = bridged(&next, last.diff_iter(&next))
            .map(|(x, _, _)| x)
            .collect();
        // 19 blanks cost more than a move; one blank before 漢 does not; the
        // column after 漢 is not where the cursor is; three blanks after `c`
        // cost less than a move, and so do the two after the red `d` (a
        // blank shows no foreground); the blanks on blue after `e` need a
        // change of colours.
        assert_eq!(cells, [0, 20, 21, 22, 25, 26, 27, 28, 29, 30, 31, 32, 35]);
    }

    fn random_cell(rng: &mut Rng) -> Cell {
        let mut cell = Cell::new(["a", "b", " ", " ", "漢", "é"][rng.next(6)]);
        if rng.next(4) == 0 {
            cell.fg = [Color::Red, Color::Blue][rng.next(2)];
        }
        if rng.next(6) == 0 {
            cell.modifier = Modifier::BOLD;
        }
        if rng.next(12) == 0 {
            cell.diff_option = CellDiffOption::Skip;
        }
        if cell.fg == Color::Blue && cell.symbol() == " " {
            // A blank on a background of its own.
            cell.bg = Color::Blue;
        }
        cell
    }

    #[test]
    fn bridged_cells_are_what_the_terminal_shows_and_never_cost_bytes() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let area = Rect::new(0, 0, 30, 4);
        for round in 0..3000 {
            let mut last = Buffer::empty(area);
            let mut next = Buffer::empty(area);
            for i in 0..last.content.len() {
                last.content[i] = random_cell(&mut rng);
                next.content[i] = if rng.next(3) == 0 {
                    random_cell(&mut rng)
                } else {
                    last.content[i].clone()
                };
            }
            let plain: Vec<_> = last.diff_iter(&next).collect();
            let ours: Vec<_> = bridged(&next, plain.iter().copied()).collect();
            assert!(
                bytes(ours.iter().copied()).len() <= bytes(plain.iter().copied()).len(),
                "round {round}"
            );
            let mut before: Option<&Cell> = None;
            let mut changes = plain.iter().peekable();
            for &(x, y, cell) in &ours {
                if changes
                    .peek()
                    .is_some_and(|&&(cx, cy, _)| (cx, cy) == (x, y))
                {
                    changes.next();
                } else {
                    // An added cell: the terminal shows it already, and it
                    // cannot touch a neighbour.
                    assert_eq!(&last[(x, y)], cell, "round {round} at {x},{y}");
                    assert_eq!(cell.symbol().len(), 1, "round {round}");
                    assert_eq!(before.map(|c| c.symbol().width()), Some(1));
                }
                before = Some(cell);
            }
            assert!(changes.next().is_none(), "every change kept, round {round}");
        }
    }
}
