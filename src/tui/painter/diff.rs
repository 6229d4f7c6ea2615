//! Which cells of the next frame to write over what the terminal shows:
//! ratatui's rules for each cell (a wide character hides the cells under
//! it, a forced width is written whole, the cells after an emoji with a
//! presentation selector and those a wider character left behind are
//! written again; a cluster some terminals draw apart, a flag or a ZWJ
//! family, has the cells under it written again when it goes and those a
//! terminal may have drawn it over written after it), read against the
//! rows the terminal shows after a scroll
//! (no moved copy of them is made), over the parts of rows the painter asks
//! for: those whose hashes say they changed.

use std::ops::Range;

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::style::{Color, Modifier};

use super::Shift;

/// What the terminal shows on a row that scrolled in.
static BLANK: Cell = Cell::EMPTY;

/// Modifiers a terminal shows on a blank cell.
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// The rows the terminal shows: `last`, its rows `shift` moved (rows that
/// came in are blank).
pub struct Shown<'a> {
    pub last: &'a Buffer,
    pub shift: Option<&'a Shift>,
}

impl Shown<'_> {
    /// The cells of row `y` (0-based from the buffer's top), `None` for a
    /// blank row.
    fn row(&self, y: usize) -> Option<&[Cell]> {
        let area = self.last.area;
        let (width, height) = (usize::from(area.width), usize::from(area.height));
        let from = match self.shift {
            Some(shift) => {
                let band = usize::from(shift.rows.start.saturating_sub(area.y))
                    ..usize::from(shift.rows.end.saturating_sub(area.y));
                if band.contains(&y) {
                    let from = y.checked_add_signed(isize::try_from(shift.by).ok()?)?;
                    band.contains(&from).then_some(from)?
                } else {
                    y
                }
            }
            None => y,
        };
        (from < height).then(|| &self.last.content[from * width..(from + 1) * width])
    }
}

/// Pushes to `out` the index in `next.content` of each cell of columns
/// `columns` of row `y` that must be written, in order.
pub fn row_changes(
    shown: &Shown<'_>,
    next: &Buffer,
    y: usize,
    columns: Range<usize>,
    out: &mut Vec<usize>,
) {
    let width = usize::from(next.area.width);
    let Some(row) = next.content.get(y * width..(y + 1) * width) else {
        return;
    };
    let before = shown.row(y);
    let was = |x: usize| before.and_then(|r| r.get(x)).unwrap_or(&BLANK);
    let end = columns.end.min(width);
    let base = y * width;
    // A cell under a cluster the terminal may have drawn apart, when the
    // cluster goes: the terminal may show the cluster's half there.
    // (An empty cell writes nothing: no use.)
    // Looked for once (most rows the terminal shows hold no such cluster):
    // then no cell is asked.
    let clusters = before.is_some_and(|r| {
        r.get(columns.start.saturating_sub(MAX_CELL - 1)..columns.end.min(r.len()))
            .is_some_and(|cells| cells.iter().any(|c| spread(c) > 1))
    });
    let under_gone = |i: usize| {
        clusters
            && !row[i].symbol().is_empty()
            && (i.saturating_sub(MAX_CELL - 1)..i).any(|j| {
                let old = was(j);
                j + usize::from(old.cell_width()) > i && spread(old) > 1 && row[j] != *old
            })
    };
    // Cells after a cluster written now, up to where a terminal that draws
    // it apart may have drawn: written whatever they held.
    let mut beside = 0..0;
    let mut x = columns.start;
    while x < end {
        let i = x;
        x += 1;
        let cell = &row[i];
        let old = was(i);
        // The common case first: a plain cell the terminal shows already,
        // with no cluster about (what the arms below decide for it, without
        // asking a one-byte symbol its width or the cluster rules).
        let same = matches!(cell.diff_option, CellDiffOption::None) && cell == old;
        if same && !clusters && !beside.contains(&i) {
            let symbol = cell.symbol();
            if symbol.len() > 1 {
                x += usize::from(symbol.cell_width()).saturating_sub(1);
            }
            continue;
        }
        if is_skip(cell) {
            continue;
        }
        match cell.diff_option {
            CellDiffOption::Skip => {}
            CellDiffOption::ForcedWidth(w) => {
                x = x.saturating_add(usize::from(w.get()).saturating_sub(1));
                if cell != old || under_gone(i) {
                    out.push(base + i);
                }
            }
            CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                let w = usize::from(cell.cell_width());
                let forced = beside.contains(&i) && !cell.symbol().is_empty() || under_gone(i);
                if same && !forced {
                    x += w.saturating_sub(1);
                    continue;
                }
                out.push(base + i);
                let drawn = spread(cell);
                if drawn > w {
                    beside = i + w..i + drawn;
                }
                let old_w = usize::from(old.cell_width());
                if w > 1 && cell.symbol().contains('\u{FE0F}') {
                    // The emoji's own trailing cells, where their text changed.
                    x = trailing(row, &was, i + 1, (i + w).min(end), end, false, base, out);
                } else if w > 1 {
                    x += w - 1;
                } else if old_w > w
                    && (old.bg != Color::Reset || old.modifier.intersects(VISIBLE_ON_BLANK))
                {
                    // A wider character's style may show on the cells it left.
                    x = trailing(row, &was, i + 1, i + old_w, end, true, base, out);
                }
            }
        }
    }
}

/// Pushes the cells from `from` to `until` (pushed further by a wide cell,
/// never past `end`) that must be written again: all of them (`force`) or
/// those whose text changed; returns the column after them.
#[allow(clippy::too_many_arguments)]
fn trailing<'a>(
    row: &[Cell],
    was: &impl Fn(usize) -> &'a Cell,
    from: usize,
    until: usize,
    end: usize,
    force: bool,
    base: usize,
    out: &mut Vec<usize>,
) -> usize {
    let mut j = from;
    let mut until = until;
    while j < until && j < end {
        let cell = &row[j];
        let k = j;
        j += usize::from(cell.cell_width()).max(1);
        until = until.max(j).min(end);
        if !is_skip(cell) && (force || was(k).symbol() != cell.symbol()) {
            out.push(base + k);
        }
    }
    until.min(end)
}

/// The most columns a cell of ratatui's takes (a wide character).
const MAX_CELL: usize = 2;

/// The columns a terminal may give `cell`'s text when it draws the
/// characters of a cluster apart (a flag's two halves in two cells, a ZWJ
/// family as its members side by side, a hand and its skin tone): the sum
/// of its characters' widths when two or more of them take room, else 0
/// (a cell ratatui writes by its width alone).
/// Where ratatui counts one wide cell, what such a terminal shows under
/// and after it is not what the frame holds there.
#[inline]
fn spread(cell: &Cell) -> usize {
    let symbol = cell.symbol();
    // Two characters that take room are at least two bytes each; a cell of
    // forced width (a link's run) is written whole.
    if symbol.len() < 4 || !matches!(cell.diff_option, CellDiffOption::None) {
        return 0;
    }
    let (mut wide, mut sum) = (0, 0);
    for c in symbol.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        wide += usize::from(w > 0);
        sum += w;
    }
    if wide > 1 { sum } else { 0 }
}

/// True for a cell the diff never writes.
#[allow(deprecated)]
fn is_skip(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::ui::cells::put_line;
    use ratatui::layout::Rect;
    use ratatui::style::Style;
    use ratatui::text::Span;

    use crate::tui::test_rng::Rng;

    const PIECES: [&str; 9] = [
        "ab",
        " ",
        "漢",
        "❤\u{fe0f}",
        "e\u{301}",
        "xyz ",
        "🇵🇱",
        "q",
        "  ",
    ];

    /// A `width` x `height` buffer of pieces of text in a few styles, some of
    /// them links (cells of forced width).
    fn random_buffer(rng: &mut Rng, width: u16, height: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        for y in 0..height {
            let mut text = String::new();
            for _ in 0..rng.next(12) {
                text.push_str(PIECES[rng.next(PIECES.len())]);
            }
            let style = match rng.next(4) {
                0 => Style::default(),
                1 => Style::default().bg(Color::Blue),
                2 => Style::default().add_modifier(Modifier::REVERSED),
                _ => Style::default().fg(Color::Red),
            };
            let links = if rng.next(3) == 0 && !text.is_empty() {
                vec![(0..text.len().min(4), "https://e.org/".to_string())]
            } else {
                Vec::new()
            };
            let x = u16::try_from(rng.next(4)).unwrap_or(0);
            put_line(
                &mut buf,
                x,
                y,
                width - x,
                &[Span::styled(text.as_str(), style)],
                &links,
                crate::layout::cell_width,
            );
        }
        crate::tui::ui::link_runs::join_links(&mut buf, |_| std::iter::once(0..usize::from(width)));
        buf
    }

    /// The columns of row 0 written over `last` to show `next`.
    fn written(last: &str, next: &str) -> Vec<usize> {
        let area = Rect::new(0, 0, 12, 1);
        let (mut a, mut b) = (Buffer::empty(area), Buffer::empty(area));
        a.set_string(0, 0, last, Style::default());
        b.set_string(0, 0, next, Style::default());
        let shown = Shown {
            last: &a,
            shift: None,
        };
        let mut out = Vec::new();
        row_changes(&shown, &b, 0, 0..12, &mut out);
        out
    }

    #[test]
    fn the_cell_under_a_flag_that_goes_is_written_again() {
        // A terminal that shows the flag's halves in two cells keeps the
        // second where the frame holds a blank, unless it is written.
        assert_eq!(written("a🇵🇹 b", "a   b"), [1, 2]);
        assert_eq!(written("a漢 b", "a   b"), [1]);
        // Over the flag's first cell a wide character: the half after it.
        assert_eq!(written("a🇵🇹 b", "漢  b"), [0, 2]);
        assert_eq!(written("a🇵🇹 b", "a🇵🇹 b"), Vec::<usize>::new());
    }

    #[test]
    fn the_cells_a_family_may_cover_are_written_after_it() {
        // Drawn as its three members, the family takes six columns.
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(written("  xyzw", &format!("{family}xyzw")), [0, 2, 3, 4, 5]);
        assert_eq!(written("ab", "漢"), [0]);
    }

    #[test]
    fn the_cells_written_are_ratatuis_diff_of_the_moved_rows() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let (width, height) = (12u16, 6u16);
        for round in 0..3000 {
            let last = random_buffer(&mut rng, width, height);
            let mut next = if rng.next(3) == 0 {
                last.clone()
            } else {
                random_buffer(&mut rng, width, height)
            };
            if rng.next(4) == 0 {
                // A row moved as a scroll would show it.
                let (a, b) = (rng.next(6), rng.next(6));
                let w = usize::from(width);
                let row: Vec<Cell> = last.content[a * w..(a + 1) * w].to_vec();
                next.content[b * w..(b + 1) * w].clone_from_slice(&row);
            }
            let shift = match rng.next(3) {
                0 => None,
                _ => {
                    let start = u16::try_from(rng.next(3)).unwrap_or(0);
                    let by = i32::try_from(rng.next(5)).unwrap_or(0) - 2;
                    Some(Shift {
                        rows: start..height,
                        by,
                    })
                }
            };
            let mut moved = last.clone();
            if let Some(shift) = &shift {
                super::super::move_rows(&mut moved, shift);
            }
            let expected: Vec<(u16, u16, Cell)> = moved
                .diff_iter(&next)
                .map(|(x, y, c)| (x, y, c.clone()))
                .collect();
            let shown = Shown {
                last: &last,
                shift: shift.as_ref(),
            };
            let mut got = Vec::new();
            for y in 0..usize::from(height) {
                row_changes(&shown, &next, y, 0..usize::from(width), &mut got);
            }
            let got: Vec<(u16, u16, Cell)> = got
                .iter()
                .map(|&i| {
                    let w = usize::from(width);
                    ((i % w) as u16, (i / w) as u16, next.content[i].clone())
                })
                .collect();
            assert_eq!(got, expected, "round {round}, shift {shift:?}");
        }
    }
}
