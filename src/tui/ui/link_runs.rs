//! Hyperlinks joined into runs on a finished frame: each run of one-column
//! cells with the same link and style becomes one cell that opens the link
//! once, holds the run's text and closes it, its width forced to the run's.
//! A screen of links costs about its text, and a run is written whole or
//! not at all.

use ratatui::buffer::{Buffer, Cell, CellDiffOption};

use super::cells::{CLOSE, OPEN, ST};

/// A one-column link cell's URL and text, as [`super::cells`] wrote it.
fn link_cell(cell: &Cell) -> Option<(&str, &str)> {
    if cell.diff_option != CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN) {
        return None;
    }
    let inner = cell.symbol().strip_prefix(OPEN)?.strip_suffix(CLOSE)?;
    let (url, text) = inner.split_once(ST)?;
    Some((url, text))
}

/// Joins each run of one-column link cells of a row with the same URL and
/// style into its first cell (one open, the text, one close), the others
/// left empty under it. Run on the finished frame, so that nothing drawn
/// over a link later is hidden under a joined run. Only the columns
/// `drawn` gives for a row (by its index from the top) are looked at, and
/// a run never goes past them: a frame's kept rows and parts of rows are
/// joined already.
pub fn join_links<I>(buf: &mut Buffer, drawn: impl Fn(usize) -> I)
where
    I: Iterator<Item = std::ops::Range<usize>>,
{
    let area = buf.area;
    let width = usize::from(area.width);
    if width == 0 {
        return;
    }
    let mut text = String::new();
    for (r, row) in buf.content.chunks_exact_mut(width).enumerate() {
        for columns in drawn(r) {
            let Some(cells) = row.get_mut(columns) else {
                continue;
            };
            join_row(cells, &mut text);
        }
    }
}

/// Joins the runs of link cells of `row` (`text`: room for a run's text).
fn join_row(row: &mut [Cell], text: &mut String) {
    let width = row.len();
    // Most rows hold no link: one look at each cell's diff option.
    if !row.iter().any(|c| link_cell(c).is_some()) {
        return;
    }
    let mut x = 0;
    while x < width {
        let start = x;
        x += 1;
        let (url, style) = match link_cell(&row[start]) {
            Some((url, t)) => {
                text.clear();
                text.push_str(t);
                (url.to_string(), row[start].style())
            }
            None => continue,
        };
        while x < width {
            let cell = &row[x];
            match link_cell(cell) {
                Some((u, t)) if u == url && cell.style() == style => text.push_str(t),
                _ => break,
            }
            x += 1;
        }
        let Some(run) = u16::try_from(x - start)
            .ok()
            .and_then(std::num::NonZeroU16::new)
            .filter(|w| w.get() > 1)
        else {
            continue;
        };
        let cell = &mut row[start];
        cell.set_symbol(&format!("{OPEN}{url}{ST}{text}{CLOSE}"));
        cell.set_diff_option(CellDiffOption::ForcedWidth(run));
        for under in &mut row[start + 1..x] {
            under.reset();
            // Never equal to text that comes here next: it is written.
            under.set_symbol("");
        }
    }
}
