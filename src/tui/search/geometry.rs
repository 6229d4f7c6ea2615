//! Where the search screen's parts go: the prompt on the first row, the
//! status on the second, the results from the third (two rows each), the
//! footer on the last. Drawing, scrolling and clicks all read it here.

use ratatui::layout::Rect;

/// Rows a result takes: its place, then its snippet.
pub const ROWS_PER_HIT: usize = 2;

/// The row the results start on.
const LIST_TOP: u16 = 2;

/// Rows that are not results: the prompt, the status line and the footer.
const CHROME_ROWS: u16 = 3;

/// The search screen's parts on one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchGeometry {
    /// The query being typed.
    pub prompt: Rect,
    /// What the results answer, or the index's progress.
    pub status: Rect,
    /// The results.
    pub list: Rect,
    /// The keys' hints, when the screen has room for them.
    pub footer: Option<Rect>,
}

impl SearchGeometry {
    /// The parts on `area`.
    pub fn of(area: Rect) -> SearchGeometry {
        SearchGeometry {
            prompt: row(area, 0),
            status: row(area, 1),
            list: Rect::new(
                area.x,
                area.y.saturating_add(LIST_TOP),
                area.width,
                area.height.saturating_sub(CHROME_ROWS),
            ),
            footer: (area.height >= CHROME_ROWS).then(|| row(area, area.height - 1)),
        }
    }
}

/// Results that fit at once on a screen `height` rows tall (at least one).
pub fn visible_hits(height: u16) -> usize {
    (usize::from(height.saturating_sub(CHROME_ROWS)) / ROWS_PER_HIT).max(1)
}

/// The result, counted from the first on screen, that screen row `row`
/// belongs to; `None` above the results.
pub fn hit_on_row(row: u16) -> Option<usize> {
    row.checked_sub(LIST_TOP)
        .map(|r| usize::from(r) / ROWS_PER_HIT)
}

/// Row `y` of `area`, or nothing when `area` is not that tall.
fn row(area: Rect, y: u16) -> Rect {
    if y >= area.height {
        return Rect::new(area.x, area.y, area.width, 0);
    }
    Rect::new(area.x, area.y + y, area.width, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_start_on_the_third_row_two_rows_each() {
        let g = SearchGeometry::of(Rect::new(0, 0, 40, 10));
        assert_eq!((g.prompt.y, g.status.y, g.list.y), (0, 1, 2));
        assert_eq!(g.list.height, 7);
        assert_eq!(g.footer.map(|f| f.y), Some(9));
        assert_eq!(visible_hits(10), 3);
        assert_eq!(visible_hits(2), 1);
        assert_eq!(hit_on_row(1), None);
        assert_eq!(
            (hit_on_row(2), hit_on_row(3), hit_on_row(4)),
            (Some(0), Some(0), Some(1))
        );
        assert_eq!(SearchGeometry::of(Rect::new(0, 0, 40, 2)).footer, None);
    }
}
