//! A panel's drawing remembered with the lines it was drawn from: the
//! library's preview wraps its lines (title, facts, summary, outline) to
//! the panel's width, which costs more than the rest of a move's frame; a
//! frame that shows the same lines on the same area copies the cells drawn
//! before instead. The lines themselves are the key, so a remembered
//! drawing can never show what the state no longer holds.

use std::cell::RefCell;

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
}
