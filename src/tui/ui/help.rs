//! The help overlay, generated from the keymap table so that it lists
//! exactly the keys that work.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::app::App;
use crate::tui::keymap::{BINDINGS, Mode};
use crate::tui::theme;

/// The modes listed, in order.
const SECTIONS: [Mode; 4] = [Mode::Reader, Mode::Outline, Mode::Search, Mode::Help];

/// The overlay's lines: a section per mode, a row per binding.
pub fn lines(color: bool) -> Vec<Line<'static>> {
    let key_style = theme::help_key(color);
    let mut out = Vec::new();
    for mode in SECTIONS {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(mode.title(), key_style));
        for b in BINDINGS.iter().filter(|b| b.modes.first() == Some(&mode)) {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            out.push(Line::from(vec![
                Span::styled(format!("  {:<16}", keys.join(" ")), key_style),
                Span::raw(b.help),
            ]));
        }
        if mode == Mode::Search {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<16}", "any key"), key_style),
                Span::raw("type the query"),
            ]));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Mouse", key_style));
    out.push(Line::from(vec![
        Span::styled(format!("  {:<16}", "wheel"), key_style),
        Span::raw("scroll the pane under the pointer"),
    ]));
    out.push(Line::from(vec![
        Span::styled(format!("  {:<16}", "click"), key_style),
        Span::raw("jump to an outline entry"),
    ]));
    out
}

/// Draws the help overlay centred over the screen.
pub fn draw(buf: &mut Buffer, app: &App) {
    let area = buf.area;
    let lines = lines(app.config.color);
    let width = area.width.saturating_sub(4).min(58);
    let want = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let height = area.height.saturating_sub(2).min(want);
    if width < 4 || height < 3 {
        return;
    }
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let inner_h = usize::from(height - 2);
    let scroll = app.help_scroll.min(lines.len().saturating_sub(inner_h));
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
