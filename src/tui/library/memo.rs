//! Drawings remembered by what they were drawn from. A panel's: the
//! library's preview wraps its lines (title, facts, summary, outline) to
//! the panel's width, which costs more than the rest of a move's frame; a
//! frame that shows the same lines on the same area copies the cells drawn
//! before instead. The lines themselves are the key, so a remembered
//! drawing can never show what the state no longer holds. A list's rows
//! ([`RowMemo`]): each row's cells kept under a hash of what it shows, so
//! a move draws anew only the rows whose selection changed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};

use crate::theme::Theme;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::text::Line;

/// The last drawings of a panel (the latest last): the lines and area each
/// was drawn from, and the cells it wrote (those not left blank), by
/// position. A few are kept, so that going back to an article seen a few
/// moves ago finds its preview drawn.
#[derive(Debug, Clone, Default)]
pub struct PanelMemo(RefCell<Vec<Drawn>>);

/// How many drawings a panel keeps.
const KEPT: usize = 32;

#[derive(Debug, Clone)]
struct Drawn {
    lines: Vec<Line<'static>>,
    area: Rect,
    cells: Vec<(u16, u16, Cell)>,
}

impl PanelMemo {
    /// Puts `lines` on `area` of `buf` as `draw` renders them: the cells
    /// remembered from the last call when it had the same lines and area,
    /// else `draw`'s, rendered into a blank buffer and remembered. `area`
    /// must be blank in `buf` (as in a frame drawn anew): only the cells
    /// `draw` wrote are copied.
    pub fn draw(
        &self,
        buf: &mut Buffer,
        area: Rect,
        lines: Vec<Line<'static>>,
        draw: impl FnOnce(Vec<Line<'static>>, &mut Buffer),
    ) {
        let area = buf.area.intersection(area);
        let mut memo = self.0.borrow_mut();
        let found = memo
            .iter()
            .rposition(|d| d.area == area && d.lines == lines);
        let at = match found {
            Some(at) => at,
            None => {
                let mut scratch = Buffer::empty(area);
                draw(lines.clone(), &mut scratch);
                let blank = Cell::EMPTY;
                let cells = area
                    .positions()
                    .filter_map(|p| {
                        let cell = scratch.cell(p)?;
                        (*cell != blank).then(|| (p.x, p.y, cell.clone()))
                    })
                    .collect();
                if memo.len() == KEPT {
                    memo.remove(0);
                }
                memo.push(Drawn { lines, area, cells });
                memo.len() - 1
            }
        };
        if let Some(drawn) = memo.get(at) {
            for (x, y, cell) in &drawn.cells {
                if let Some(to) = buf.cell_mut((*x, *y)) {
                    *to = cell.clone();
                }
            }
        }
    }
}

/// The rows of a list as drawn, each kept under a hash of everything it
/// was drawn from (its text, whether it is selected, the column widths),
/// for the theme they were drawn in: a frame copies the cells of a row it
/// has drawn before instead of building, measuring and writing its text
/// again. Two rows of different inputs with the same 64-bit hash would
/// show one's drawing for the other (the painter's row hashes take the
/// same chance).
#[derive(Debug, Clone, Default)]
pub struct RowMemo(RefCell<Rows>);

#[derive(Debug, Clone, Default)]
struct Rows {
    theme: Option<Theme>,
    cells: HashMap<u64, Vec<Cell>>,
}

/// How many drawings a list keeps before it starts over: a few screens
/// of rows each way, selected and not.
const ROWS_KEPT: usize = 512;

/// A hasher for a row's inputs: feed it everything the row shows, then
/// hand [`Hasher::finish`] to [`RowMemo::draw`].
pub fn row_hasher() -> foldhash::quality::FoldHasher<'static> {
    // Fixed: the same inputs make the same key in every frame.
    foldhash::quality::FixedState::with_seed(0x243f_6a88_85a3_08d3).build_hasher()
}

impl RowMemo {
    /// Starts a frame of the list in theme `t`: rows drawn in another are
    /// forgotten. Once a frame, before its rows (the theme is compared
    /// once, not for every row).
    pub fn theme(&self, t: &Theme) {
        let mut rows = self.0.borrow_mut();
        if rows.theme.as_ref() != Some(t) {
            rows.theme = Some(*t);
            rows.cells.clear();
        }
    }

    /// Puts on `area` of `buf` what `draw` draws there for inputs hashed
    /// `key` (in the theme last given to [`RowMemo::theme`]): the cells
    /// drawn before for the same key and size, else `draw`'s, drawn on a
    /// blank buffer over `area` and kept. `area` must be blank in `buf`
    /// (as in a frame drawn anew).
    pub fn draw(
        &self,
        buf: &mut Buffer,
        area: Rect,
        key: u64,
        draw: impl FnOnce(&mut Buffer, Rect),
    ) {
        let area = buf.area.intersection(area);
        if area.is_empty() {
            return;
        }
        let mut hasher = row_hasher();
        (key, area.width, area.height).hash(&mut hasher);
        let key = hasher.finish();
        let mut rows = self.0.borrow_mut();
        if rows.cells.len() >= ROWS_KEPT {
            rows.cells.clear();
        }
        let cells = rows.cells.entry(key).or_insert_with(|| {
            let mut scratch = Buffer::empty(area);
            draw(&mut scratch, area);
            scratch.content
        });
        let width = usize::from(area.width);
        for (dy, from) in (0..area.height).zip(cells.chunks_exact(width)) {
            let start = buf.index_of(area.x, area.y + dy);
            if let Some(to) = buf.content.get_mut(start..start + width) {
                to.clone_from_slice(from);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};
    use ratatui::widgets::{Paragraph, Widget, Wrap};

    fn paragraph(lines: Vec<Line<'static>>, buf: &mut Buffer) {
        let area = buf.area;
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    fn lines(summary: &str) -> Vec<Line<'static>> {
        vec![
            Line::styled("A title", Style::default().fg(Color::Yellow)),
            Line::raw(summary.to_string()),
        ]
    }

    /// What the paragraph draws in place on a frame of `size`.
    fn in_place(size: Rect, area: Rect, l: Vec<Line<'static>>) -> Buffer {
        let mut buf = Buffer::empty(size);
        Paragraph::new(l)
            .wrap(Wrap { trim: false })
            .render(area, &mut buf);
        buf
    }

    #[test]
    fn a_remembered_drawing_equals_one_drawn_in_place() {
        let size = Rect::new(0, 0, 30, 8);
        let area = Rect::new(10, 1, 12, 6);
        let memo = PanelMemo::default();
        let long = "a summary long enough to wrap over several rows of the panel";
        for text in [long, long, "short", long, "short"] {
            let mut buf = Buffer::empty(size);
            memo.draw(&mut buf, area, lines(text), paragraph);
            assert_eq!(buf, in_place(size, area, lines(text)), "{text}");
        }
    }

    #[test]
    fn other_lines_or_another_area_draw_anew() {
        let size = Rect::new(0, 0, 30, 8);
        let memo = PanelMemo::default();
        let mut calls = 0;
        let mut count = |l: Vec<Line<'static>>, b: &mut Buffer| {
            calls += 1;
            paragraph(l, b);
        };
        let mut buf = Buffer::empty(size);
        memo.draw(&mut buf, Rect::new(2, 0, 10, 4), lines("one"), &mut count);
        memo.draw(&mut buf, Rect::new(2, 0, 10, 4), lines("one"), &mut count);
        memo.draw(&mut buf, Rect::new(2, 0, 10, 4), lines("two"), &mut count);
        memo.draw(&mut buf, Rect::new(3, 0, 10, 4), lines("two"), &mut count);
        // Back to one drawn before: remembered.
        memo.draw(&mut buf, Rect::new(2, 0, 10, 4), lines("one"), &mut count);
        assert_eq!(calls, 3);
        let mut wider = Buffer::empty(size);
        memo.draw(&mut wider, Rect::new(3, 0, 12, 4), lines("two"), paragraph);
        assert_eq!(wider, in_place(size, Rect::new(3, 0, 12, 4), lines("two")));
    }

    /// Draws `text` on a row as a list does: the selection's style, then
    /// the text.
    fn row(text: &str, selected: bool) -> impl FnOnce(&mut Buffer, Rect) + '_ {
        move |buf, area| {
            if selected {
                buf.set_style(area, Style::default().bg(Color::Blue));
            }
            buf.set_stringn(
                area.x,
                area.y,
                text,
                usize::from(area.width),
                Style::default(),
            );
        }
    }

    fn key(text: &str, selected: bool) -> u64 {
        let mut h = row_hasher();
        (text, selected).hash(&mut h);
        h.finish()
    }

    #[test]
    fn a_remembered_row_equals_one_drawn_in_place() {
        let size = Rect::new(0, 0, 12, 4);
        let memo = RowMemo::default();
        let theme = Theme::DARK;
        let texts = [
            "first row",
            "a café 世界",
            "a row longer than the width",
            "",
        ];
        // Each row at each place, selected or not, twice: the second time
        // from the memo.
        for _ in 0..2 {
            for selected in [false, true] {
                for (y, text) in (0u16..).zip(texts) {
                    let area = Rect::new(1, y, 10, 1);
                    let mut ours = Buffer::empty(size);
                    memo.theme(&theme);
                    memo.draw(&mut ours, area, key(text, selected), row(text, selected));
                    let mut theirs = Buffer::empty(size);
                    row(text, selected)(&mut theirs, area);
                    assert_eq!(ours, theirs, "{text:?} at {y}, selected {selected}");
                }
            }
        }
    }

    #[test]
    fn a_row_is_drawn_anew_for_other_inputs_size_or_theme() {
        let size = Rect::new(0, 0, 20, 3);
        let memo = RowMemo::default();
        let mut calls = 0;
        let mut draw = |theme: &Theme, text: &str, area: Rect| {
            let mut buf = Buffer::empty(size);
            memo.theme(theme);
            memo.draw(&mut buf, area, key(text, false), |b, a| {
                calls += 1;
                row(text, false)(b, a);
            });
        };
        let one = Rect::new(0, 0, 10, 1);
        draw(&Theme::DARK, "one", one);
        // The same row elsewhere on screen is copied.
        draw(&Theme::DARK, "one", Rect::new(0, 2, 10, 1));
        draw(&Theme::DARK, "two", one);
        draw(&Theme::DARK, "one", Rect::new(0, 0, 12, 1));
        draw(&Theme::LIGHT, "one", one);
        draw(&Theme::LIGHT, "one", one);
        assert_eq!(calls, 4);
    }
}
