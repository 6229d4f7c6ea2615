//! Where each part of the reader goes on a terminal of a given size: one
//! placement, computed on resize, used by drawing and by mouse hits.

use ratatui::layout::Rect;

use super::OUTLINE_MIN_COLUMNS;
use super::pane::MIN_PANE;
use crate::config::OutlineSide;
use crate::tui::settings::Config;

/// Where each part of the reader goes on screen, computed on resize.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    /// The whole terminal.
    pub area: Rect,
    /// The outline pane with its border next to the text, when shown.
    pub outline: Option<Rect>,
    /// The text pane (the column and its margins): the mouse wheel scrolls it.
    pub pane: Rect,
    /// The text column itself; the document is laid out at its width.
    pub text: Rect,
    /// The status line, when there is room for one.
    pub status: Option<Rect>,
}

impl Geometry {
    /// The parts for a reader of `article` on a `width` x `height`
    /// terminal, and what its outline pane needs: an article without
    /// headings gives the outline's room to the text.
    pub fn for_article(
        article: &crate::article::Article,
        config: &Config,
        width: u16,
        height: u16,
    ) -> (Geometry, super::PaneSize) {
        let has_outline = !article.outline.is_empty();
        let pane = super::PaneSize::of(article);
        let geometry = Geometry::new(
            width,
            height,
            has_outline && config.outline != OutlineSide::Hidden,
            pane.wanted(true),
            config,
        );
        (geometry, pane)
    }

    /// The parts of a `width` x `height` terminal, the outline on the side
    /// `config` says (when `outline_wanted`), `pane` columns wide when that
    /// fits: at most a third of the screen and the config's outline width.
    pub fn new(
        width: u16,
        height: u16,
        outline_wanted: bool,
        pane: u16,
        config: &Config,
    ) -> Geometry {
        let area = Rect::new(0, 0, width, height);
        let (main_h, status) = if height >= 2 {
            (height - 1, Some(Rect::new(0, height - 1, width, 1)))
        } else {
            (height, None)
        };
        let outline_w = if outline_wanted && width >= OUTLINE_MIN_COLUMNS {
            pane.clamp(MIN_PANE, Geometry::widest_pane(width, config))
        } else {
            0
        };
        let right = config.outline == OutlineSide::Right;
        let (outline_x, pane_x) = if right {
            (width.saturating_sub(outline_w), 0)
        } else {
            (0, outline_w)
        };
        let outline = (outline_w > 0).then(|| Rect::new(outline_x, 0, outline_w, main_h));
        let pane = Rect::new(pane_x, 0, width.saturating_sub(outline_w), main_h);
        // One column of margin on each side when there is room; the column is
        // centred in what is left.
        let margin = if pane.width >= 3 { 1 } else { 0 };
        let room = pane.width.saturating_sub(2 * margin);
        let col_w = room.min(config.max_width.max(1));
        let x = pane.x + margin + (room - col_w) / 2;
        let text = Rect::new(x, 0, col_w, main_h);
        Geometry {
            area,
            outline,
            pane,
            text,
            status,
        }
    }

    /// The widest the outline pane may be on a terminal `width` columns wide.
    pub fn widest_pane(width: u16, config: &Config) -> u16 {
        (width / 3).min(config.outline_width).max(MIN_PANE)
    }
}
