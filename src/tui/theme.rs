//! Theme styles to ratatui styles. Every colour is chosen by
//! [`crate::theme::Theme`]; this only translates.

use ratatui::style::{Color, Modifier, Style};

use crate::layout;
use crate::theme::{self, Named, Theme};

/// The ratatui style of a theme style.
pub fn style(s: theme::Style) -> Style {
    let mut out = Style::default();
    if let Some(fg) = s.fg {
        out = out.fg(color(fg));
    }
    if let Some(bg) = s.bg {
        out = out.bg(color(bg));
    }
    for (on, m) in [
        (s.bold, Modifier::BOLD),
        (s.dim, Modifier::DIM),
        (s.italic, Modifier::ITALIC),
        (s.underline, Modifier::UNDERLINED),
        (s.reverse, Modifier::REVERSED),
        (s.strike, Modifier::CROSSED_OUT),
    ] {
        if on {
            out = out.add_modifier(m);
        }
    }
    out
}

/// The ratatui colour of a theme colour.
pub fn color(c: theme::Color) -> Color {
    match c {
        theme::Color::Named(n) => match n {
            Named::Black => Color::Black,
            Named::Red => Color::Red,
            Named::Green => Color::Green,
            Named::Yellow => Color::Yellow,
            Named::Blue => Color::Blue,
            Named::Magenta => Color::Magenta,
            Named::Cyan => Color::Cyan,
            Named::Gray => Color::Gray,
            Named::DarkGray => Color::DarkGray,
            Named::LightRed => Color::LightRed,
            Named::LightGreen => Color::LightGreen,
            Named::LightYellow => Color::LightYellow,
            Named::LightBlue => Color::LightBlue,
            Named::LightMagenta => Color::LightMagenta,
            Named::LightCyan => Color::LightCyan,
            Named::White => Color::White,
        },
        theme::Color::Indexed(i) => Color::Indexed(i),
        theme::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// The ratatui style of a laid-out span in the dark theme, or in mono when
/// `color` is off.
pub fn span_style(span: layout::Style, color: bool) -> Style {
    let theme = if color { Theme::DARK } else { Theme::MONO };
    style(theme.span(span))
}
