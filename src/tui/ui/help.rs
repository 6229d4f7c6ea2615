//! The help overlay, generated from the keymap table so that it lists
//! exactly the keys that work.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::theme::Theme;
use crate::tui::app::{App, HelpView};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme;

/// The modes listed over the reader, in order.
const SECTIONS: [Mode; 4] = [Mode::Reader, Mode::Outline, Mode::Search, Mode::Help];

/// The modes listed over the library, in order.
const LIBRARY_SECTIONS: [Mode; 7] = [
    Mode::Library,
    Mode::LibraryFilter,
    Mode::TagPicker,
    Mode::TagSearch,
    Mode::LibrarySearch,
    Mode::SearchResults,
    Mode::Help,
];

/// Width of the key column, with its indent.
const KEY_COLUMN: usize = 18;

/// The overlay's lines at `width` columns: a section per mode, a row per
/// binding, descriptions wrapped under themselves when they do not fit.
pub fn lines(t: &Theme, keys: &Keymap, width: usize) -> Vec<Line<'static>> {
    sections(
        &SECTIONS,
        &[
            ("wheel", "scroll the pane under the pointer"),
            ("click", "jump to an outline entry"),
            ("click", "open/close a ▸ summary"),
        ],
        t,
        keys,
        width,
    )
}

/// The overlay's lines over the library, at `width` columns.
pub fn library_lines(t: &Theme, keys: &Keymap, width: usize) -> Vec<Line<'static>> {
    sections(
        &LIBRARY_SECTIONS,
        &[("wheel", "move the selection"), ("click", "select a row")],
        t,
        keys,
        width,
    )
}

fn sections(
    modes: &[Mode],
    mouse: &[(&str, &str)],
    t: &Theme,
    keymap: &Keymap,
    width: usize,
) -> Vec<Line<'static>> {
    let key_style = theme::style(t.help_key);
    let text_width = width.saturating_sub(KEY_COLUMN).max(8);
    let row = |out: &mut Vec<Line<'static>>, keys: String, help: &str| {
        for (i, part) in textwrap::wrap(help, text_width).into_iter().enumerate() {
            let key = if i == 0 { keys.as_str() } else { "" };
            out.push(Line::from(vec![
                Span::styled(format!("  {key:<w$}", w = KEY_COLUMN - 2), key_style),
                Span::raw(part.into_owned()),
            ]));
        }
    };
    let mut out = Vec::new();
    for &mode in modes {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(mode.title(), key_style));
        for b in keymap
            .entries()
            .iter()
            .filter(|b| b.modes.first() == Some(&mode))
        {
            if b.keys.is_empty() {
                continue;
            }
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            row(&mut out, keys.join(" "), b.help);
        }
        if matches!(mode, Mode::Search | Mode::LibraryFilter | Mode::TagSearch) {
            row(&mut out, "any key".into(), "type the query");
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Mouse", key_style));
    for (key, what) in mouse {
        row(&mut out, (*key).into(), what);
    }
    out
}

/// The overlay's size on an `area`-sized screen: its outer width, and the
/// columns inside its border.
fn widths(area: Rect) -> (u16, usize) {
    let width = area.width.saturating_sub(4).min(58);
    (width, usize::from(width.saturating_sub(2)))
}

/// Rows inside the overlay's border for `total` lines on a screen
/// `area_height` rows tall.
fn inner_rows(area_height: u16, total: usize) -> usize {
    let want = total.saturating_add(2);
    usize::from(area_height.saturating_sub(2))
        .min(want)
        .saturating_sub(2)
}

/// The help's line count and the rows that show at once on a `width` x
/// `height` terminal, over the library or over the reader: what scrolling
/// the help needs, measured on open and on resize rather than per frame.
pub fn measure(width: u16, height: u16, library: bool, t: &Theme, keys: &Keymap) -> (usize, usize) {
    let (_, inner) = widths(Rect::new(0, 0, width, height));
    let total = if library {
        library_lines(t, keys, inner).len()
    } else {
        lines(t, keys, inner).len()
    };
    (total, inner_rows(height, total))
}

/// Draws the help overlay centred over the screen.
pub fn draw(buf: &mut Buffer, app: &App, view: &HelpView) {
    let area = buf.area;
    let (width, inner) = widths(area);
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
