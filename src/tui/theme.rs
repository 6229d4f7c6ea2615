//! Roles to ratatui styles: the one place colours are chosen.

use ratatui::style::{Color, Modifier, Style};

use crate::layout::{self, Role};

/// The ratatui style of a laid-out span. With `color` off (NO_COLOR), only
/// modifiers are used, so every role stays distinguishable without colour.
pub fn span_style(style: layout::Style, color: bool) -> Style {
    let mut out = Style::default();
    let e = style.emphasis;
    if e.strong {
        out = out.add_modifier(Modifier::BOLD);
    }
    if e.emph {
        out = out.add_modifier(Modifier::ITALIC);
    }
    if e.strike {
        out = out.add_modifier(Modifier::CROSSED_OUT);
    }
    match style.role {
        Role::Heading(_) => out = out.add_modifier(Modifier::BOLD),
        Role::Link => out = out.add_modifier(Modifier::UNDERLINED),
        _ => {}
    }
    if color {
        out = match style.role {
            Role::Heading(1) => out.fg(Color::LightCyan),
            Role::Heading(_) => out.fg(Color::Cyan),
            Role::Code => out.fg(Color::Yellow),
            Role::Syntax(r, g, b) => out.fg(Color::Rgb(r, g, b)),
            Role::Link | Role::LinkRef => out.fg(Color::Blue),
            Role::QuoteBar | Role::Rule | Role::TableBorder | Role::CodeFrame => {
                out.fg(Color::DarkGray)
            }
            Role::Tag => out.fg(Color::Magenta),
            Role::Escaped => out.fg(Color::Red),
            _ => out,
        };
    }
    out
}
