//! Drawing the help overlay: the rows [`crate::tui::help`] lists, styled
//! by the theme, in a scrolling box centred over the screen.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::theme::Theme;
use crate::tui::app::App;
use crate::tui::help::{HelpRow, HelpView, KEY_COLUMN, inner_rows, rows, widths};
use crate::tui::keymap::Keymap;
use crate::tui::theme;

/// The overlay's lines at `width` columns over the reader.
pub fn lines(t: &Theme, keys: &Keymap, width: usize) -> Vec<Line<'static>> {
    styled(rows(false, keys, width), t)
}

/// The overlay's lines over the library, at `width` columns.
pub fn library_lines(t: &Theme, keys: &Keymap, width: usize) -> Vec<Line<'static>> {
    styled(rows(true, keys, width), t)
}

fn styled(rows: Vec<HelpRow>, t: &Theme) -> Vec<Line<'static>> {
    let key_style = theme::style(t.help_key);
    rows.into_iter()
        .map(|row| match row {
            HelpRow::Title(title) => Line::styled(title, key_style),
            HelpRow::Blank => Line::raw(""),
            HelpRow::Keys { keys, text } => Line::from(vec![
                Span::styled(format!("  {keys:<w$}", w = KEY_COLUMN - 2), key_style),
                Span::raw(text),
            ]),
        })
        .collect()
}

/// Draws the help overlay centred over the screen.
pub fn draw(buf: &mut Buffer, app: &App, view: &HelpView) {
    let area = buf.area;
    let (width, inner) = widths(area.width);
    let over_library = app.library().is_some()
        || matches!(app.screens.last(), Some(crate::tui::app::Screen::Search(_)));
    let lines = if over_library {
        library_lines(&app.config.theme, &app.keymap, inner)
    } else {
        lines(&app.config.theme, &app.keymap, inner)
    };
    let inner_h = inner_rows(area.height, lines.len());
    let height = u16::try_from(inner_h.saturating_add(2)).unwrap_or(u16::MAX);
    if width < 4 || height < 3 {
        return;
    }
    let popup = super::centered(area, width, height);
    // `update` keeps the scroll in range; this only guards a frame drawn
    // before a resize reached it.
    let scroll = view.scroll.min(lines.len().saturating_sub(inner_h));
    let title = if lines.len() > inner_h {
        " Keys: j/k scroll, ? closes "
    } else {
        " Keys: ? closes "
    };
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(Block::bordered().title(title))
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(popup, buf);
}
