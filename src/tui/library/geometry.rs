//! Where each part of the library screen goes on a terminal of a given size:
//! one placement, computed on resize, used by drawing and by mouse hits.

use ratatui::layout::Rect;

/// The preview panel shows only on terminals at least this wide.
pub const PREVIEW_MIN_COLUMNS: u16 = 90;

/// The parts of the library screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LibraryGeometry {
    /// The header: folder, counts, filters, sort.
    pub header: Rect,
    /// The column titles over the list.
    pub columns: Rect,
    /// The rows of articles.
    pub list: Rect,
    /// The preview panel beside the list, when there is room.
    pub preview: Option<Rect>,
    /// The footer: keys, a message, or the filter being typed.
    pub footer: Rect,
}

impl LibraryGeometry {
    /// The parts of a `width` x `height` terminal.
    pub fn new(width: u16, height: u16) -> LibraryGeometry {
        let h = height;
        let row = |y: u16, height: u16| Rect::new(0, y, width, height);
        let header = row(0, h.min(1));
        let footer = if h >= 2 {
            row(h - 1, 1)
        } else {
            Rect::default()
        };
        let body = if h >= 3 {
            row(1, h - 2)
        } else {
            Rect::default()
        };
        let panel = preview_columns(width, height);
        let (left, preview) = if panel > 0 && !body.is_empty() {
            let left = Rect {
                width: width - panel,
                ..body
            };
            let right = Rect {
                x: body.x + left.width,
                width: panel,
                ..body
            };
            (left, Some(right))
        } else {
            (body, None)
        };
        let columns = Rect {
            height: left.height.min(1),
            ..left
        };
        let list = Rect {
            y: left.y.saturating_add(1),
            height: left.height.saturating_sub(1),
            ..left
        };
        LibraryGeometry {
            header,
            columns,
            list,
            preview,
            footer,
        }
    }

    /// The list row under a screen cell, counted from the first row shown.
    pub fn list_row_at(&self, column: u16, row: u16) -> Option<usize> {
        self.list
            .contains(ratatui::layout::Position::new(column, row))
            .then(|| usize::from(row - self.list.y))
    }
}

/// Columns of the preview panel on a `width` x `height` terminal, 0 when it
/// does not show.
fn preview_columns(width: u16, height: u16) -> u16 {
    // The panel sits beside the list, so it needs a body row between the
    // header and the footer.
    if width >= PREVIEW_MIN_COLUMNS && height >= 3 {
        (width / 3).clamp(30, 56)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_sits_under_the_titles_and_left_of_the_panel() {
        let g = LibraryGeometry::new(120, 30);
        assert_eq!(g.header, Rect::new(0, 0, 120, 1));
        assert_eq!(g.footer, Rect::new(0, 29, 120, 1));
        let panel = g.preview.expect("room for the panel");
        assert_eq!(panel.x, g.list.right());
        assert_eq!(g.columns.y + 1, g.list.y);
        assert_eq!(g.list.height, 27);
        assert_eq!(g.list_row_at(3, g.list.y + 2), Some(2));
        assert_eq!(
            g.list_row_at(panel.x, g.list.y),
            None,
            "the panel is not a row"
        );
        assert_eq!(g.list_row_at(3, 0), None, "the header is not a row");
    }

    #[test]
    fn narrow_and_tiny_terminals_drop_the_panel_then_the_body() {
        assert!(LibraryGeometry::new(80, 30).preview.is_none());
        let g = LibraryGeometry::new(100, 2);
        assert!(g.list.is_empty() && g.preview.is_none());
        let g = LibraryGeometry::new(0, 0);
        assert!(g.list.is_empty() && g.header.is_empty());
    }
}
