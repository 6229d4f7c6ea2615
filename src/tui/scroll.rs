//! Moving rows instead of writing them again: a backend between ratatui and
//! the terminal that keeps what the screen shows, and when the next frame is
//! the screen moved up or down by a few rows (a line or half a page of
//! text) has the terminal scroll those rows (a scroll region, `CSI S`/`T`)
//! and then writes only what still differs. A line down costs about one
//! line of text, as it does in `less`, instead of most of the screen.
//!
//! Nothing is scrolled when a cell holds an escape sequence other than a
//! hyperlink (a picture in a graphics protocol), since the terminal may not
//! move it with the text.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};

use super::host::Host;

/// The fewest rows a scroll must keep for it to be worth it.
const MIN_KEPT: usize = 3;

/// A backend that scrolls rows the next frame only moved (see the module).
#[derive(Debug)]
pub struct ScrollingBackend<B> {
    inner: B,
    /// What the terminal shows, as far as this backend wrote it.
    shown: Buffer,
}

impl<B: Backend + Write> ScrollingBackend<B> {
    /// Wraps `inner`, whose screen is taken to be blank.
    pub fn new(inner: B) -> ScrollingBackend<B> {
        let size = inner.size().unwrap_or_default();
        ScrollingBackend {
            inner,
            shown: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
        }
    }

    /// The backend written through.
    pub fn inner_mut(&mut self) -> &mut B {
        &mut self.inner
    }

    /// Forgets what the screen shows: it is blank now.
    fn blank(&mut self) {
        let size = self.inner.size().unwrap_or_default();
        self.shown = Buffer::empty(Rect::new(0, 0, size.width, size.height));
    }
}

/// A vertical move of rows `top..bottom`: by `n` rows, up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    /// The first row of the region.
    pub top: u16,
    /// The row after the region.
    pub bottom: u16,
    /// How many rows the region moves.
    pub n: u16,
    /// Up (the text moved up: a line down).
    pub up: bool,
}

/// The move of rows that turns most of `shown` into `next`, when one keeps
/// more rows than leaving the screen as it is would (compared on the
/// columns that change, which must be half the screen at least); `None`
/// otherwise.
pub fn find_shift(shown: &Buffer, next: &Buffer) -> Option<Shift> {
    if shown.area != next.area || shown.area.height < 2 {
        return None;
    }
    let width = usize::from(next.area.width);
    let height = usize::from(next.area.height);
    // Rows are compared on the columns where the frames differ: a pane
    // beside the text that stays as it is (the outline) is written again
    // after the scroll, which pays while it is the narrower part.
    let mut band: Option<(usize, usize)> = None;
    for (i, (a, b)) in shown.content.iter().zip(&next.content).enumerate() {
        if a != b {
            let x = i % width;
            band = Some(band.map_or((x, x + 1), |(l, r)| (l.min(x), r.max(x + 1))));
        }
    }
    let (left, right) = band?;
    if 2 * (right - left) < width {
        return None;
    }
    let same = |a: usize, b: usize| {
        next.content[a * width + left..a * width + right]
            == shown.content[b * width + left..b * width + right]
    };
    let unmoved = (0..height).filter(|&r| same(r, r)).count();
    let mut best: Option<(usize, Shift)> = None;
    for n in 1..=height / 2 {
        for up in [true, false] {
            // Rows r of the next frame that are rows r + n (up) or r - n
            // (down) of the screen: the longest run of them.
            let mut run = 0usize;
            for r in 0..height - n {
                let kept = if up { same(r, r + n) } else { same(r + n, r) };
                run = if kept { run + 1 } else { 0 };
                let better = best.as_ref().is_none_or(|(kept, _)| run > *kept);
                if run >= MIN_KEPT && run > unmoved && better {
                    let top = r + 1 - run;
                    let shift = Shift {
                        top: u16::try_from(top).ok()?,
                        bottom: u16::try_from(r + 1 + n).ok()?,
                        n: u16::try_from(n).ok()?,
                        up,
                    };
                    best = Some((run, shift));
                }
            }
        }
    }
    best.map(|(_, shift)| shift)
}

/// `buf` with the rows of `shift` moved as the terminal moves them: the
/// rows scrolled in are blank.
pub fn apply(buf: &mut Buffer, shift: Shift) {
    let width = usize::from(buf.area.width);
    let (top, bottom, n) = (
        usize::from(shift.top),
        usize::from(shift.bottom),
        usize::from(shift.n),
    );
    let region = &mut buf.content[top * width..bottom * width];
    if shift.up {
        region.rotate_left(n * width);
        let len = region.len();
        region[len - n * width..].fill(Cell::EMPTY);
    } else {
        region.rotate_right(n * width);
        region[..n * width].fill(Cell::EMPTY);
    }
}

/// True when a cell holds an escape sequence that is not a hyperlink: a
/// picture the terminal draws, which scrolling could leave behind.
fn holds_graphics(cell: &Cell) -> bool {
    let s = cell.symbol();
    s.starts_with('\x1b') && !s.starts_with("\x1b]8;")
}

impl<B: Backend + Write> Backend for ScrollingBackend<B>
where
    B::Error: From<io::Error>,
{
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        if cells
            .iter()
            .any(|&(x, y, _)| !self.shown.area.contains(Position { x, y }))
        {
            // The screen is not the size this backend thought: no guesses.
            self.blank();
            for (x, y, cell) in &cells {
                if let Some(c) = self.shown.cell_mut((*x, *y)) {
                    *c = cell.clone();
                }
            }
            return self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)));
        }
        let mut next = self.shown.clone();
        for (x, y, cell) in cells {
            next[(x, y)] = cell;
        }
        if !next.content.iter().any(holds_graphics)
            && !self.shown.content.iter().any(holds_graphics)
            && let Some(shift) = find_shift(&self.shown, &next)
        {
            let (code, n) = if shift.up {
                ('S', shift.n)
            } else {
                ('T', shift.n)
            };
            write!(
                self.inner,
                "\x1b[0m\x1b[{};{}r\x1b[{n}{code}\x1b[r",
                shift.top + 1,
                shift.bottom
            )?;
            apply(&mut self.shown, shift);
        }
        let updates = self.shown.diff(&next);
        self.inner.draw(updates.into_iter())?;
        self.shown = next;
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.blank();
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()?;
        self.blank();
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)?;
        // Which cells went blank depends on the cursor: take none as known.
        self.blank();
        Ok(())
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        Backend::flush(&mut self.inner)
    }
}

impl<B: Host> Host for ScrollingBackend<B> {
    fn copy(&mut self, text: &str) -> io::Result<()> {
        self.inner.copy(text)
    }

    fn run_in_terminal(
        &mut self,
        command: &mut std::process::Command,
    ) -> io::Result<std::process::ExitStatus> {
        self.inner.run_in_terminal(command)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn screen(rows: &[&str]) -> Buffer {
        Buffer::with_lines(rows.iter().copied())
    }

    #[test]
    fn a_line_down_is_a_scroll_up_of_the_rows_that_moved() {
        let shown = screen(&[
            "title", "aaaaaa", "bbbbbb", "cccccc", "dddddd", "eeeeee", "status",
        ]);
        let next = screen(&[
            "title", "bbbbbb", "cccccc", "dddddd", "eeeeee", "ffffff", "status",
        ]);
        let shift = find_shift(&shown, &next).unwrap();
        assert_eq!(
            shift,
            Shift {
                top: 1,
                bottom: 6,
                n: 1,
                up: true
            }
        );
        let mut moved = shown.clone();
        apply(&mut moved, shift);
        // What is left to write: the new last row of the region.
        let diff: Vec<(u16, u16)> = moved.diff(&next).iter().map(|(x, y, _)| (*x, *y)).collect();
        assert!(diff.iter().all(|&(_, y)| y == 5), "{diff:?}");
    }

    #[test]
    fn a_line_up_is_a_scroll_down() {
        let shown = screen(&[
            "title", "bbbbbb", "cccccc", "dddddd", "eeeeee", "ffffff", "status",
        ]);
        let next = screen(&[
            "title", "aaaaaa", "bbbbbb", "cccccc", "dddddd", "eeeeee", "status",
        ]);
        let shift = find_shift(&shown, &next).unwrap();
        assert!(!shift.up && shift.n == 1 && shift.top == 1 && shift.bottom == 6);
        let mut moved = shown.clone();
        apply(&mut moved, shift);
        assert!(moved.diff(&next).iter().all(|(_, y, _)| *y == 1));
    }

    #[test]
    fn a_pane_that_stays_beside_the_text_does_not_stop_the_scroll() {
        let shown = screen(&["|title", "|a1111", "|b2222", "|c3333", "|d4444", "|status"]);
        let next = screen(&["|title", "|b2222", "|c3333", "|d4444", "|e5555", "|status"]);
        let shift = find_shift(&shown, &next).unwrap();
        assert_eq!(
            (shift.top, shift.bottom, shift.n, shift.up),
            (1, 5, 1, true)
        );
        // The pane is written again where the scroll moved it: still right.
        let mut moved = shown.clone();
        apply(&mut moved, shift);
        let mut fixed = moved.clone();
        for (x, y, c) in moved.diff(&next) {
            fixed[(x, y)] = c.clone();
        }
        assert_eq!(fixed, next);
    }

    #[test]
    fn a_screen_that_did_not_move_is_not_scrolled() {
        let shown = screen(&["a", "b", "c", "d", "e"]);
        assert_eq!(find_shift(&shown, &shown), None);
        let other = screen(&["v", "w", "x", "y", "z"]);
        assert_eq!(find_shift(&shown, &other), None);
        // Two rows moved, three stayed: writing two rows is cheaper.
        let next = screen(&["a", "b", "c", "e", "q"]);
        assert_eq!(find_shift(&shown, &next), None);
    }
}
