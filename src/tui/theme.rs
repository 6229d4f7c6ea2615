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
    // Modifiers alone keep roles apart when colour is off (NO_COLOR).
    out = match style.role {
        Role::Heading(_) | Role::TableHeader => out.add_modifier(Modifier::BOLD),
        Role::HeadingMark | Role::Meta | Role::CodeFrame => out.add_modifier(Modifier::DIM),
        Role::Link => out.add_modifier(Modifier::UNDERLINED),
        Role::Image | Role::Footnote => out.add_modifier(Modifier::ITALIC),
        _ => out,
    };
    // Any span with a target (a link inside a heading, say) is underlined.
    if style.link.is_some() {
        out = out.add_modifier(Modifier::UNDERLINED);
    }
    if color {
        out = match style.role {
            Role::Heading(1) => out.fg(Color::LightCyan),
            Role::Heading(2) => out.fg(Color::Cyan),
            Role::Heading(_) => out.fg(Color::LightBlue),
            Role::HeadingMark => out.fg(Color::Cyan),
            Role::Code => out.fg(Color::Yellow),
            Role::CodeBlock => out.fg(Color::Gray),
            Role::Syntax(r, g, b) => out.fg(Color::Rgb(r, g, b)),
            Role::Link | Role::LinkRef | Role::Footnote => out.fg(Color::Blue),
            Role::Image => out.fg(Color::LightMagenta),
            Role::ListMarker => out.fg(Color::LightYellow),
            Role::QuoteBar | Role::Rule | Role::TableBorder | Role::CodeFrame => {
                out.fg(Color::DarkGray)
            }
            Role::Meta => out.fg(Color::Gray),
            Role::Tag => out.fg(Color::Magenta),
            Role::Escaped => out.fg(Color::Red),
            Role::Text | Role::TableHeader => out,
        };
    }
    out
}

// ----- Chrome: the reader's status line, outline and search highlights. -----

/// The status line at the bottom of the reader.
pub fn status_bar(color: bool) -> Style {
    if color {
        Style::default().fg(Color::White).bg(Color::DarkGray)
    } else {
        Style::default().add_modifier(Modifier::REVERSED)
    }
}

/// The highlighted outline entry: the section being read, or the cursor
/// when the outline has the focus.
pub fn outline_selected(focused: bool, color: bool) -> Style {
    match (focused, color) {
        (true, true) => Style::default()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
        (true, false) => Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        (false, true) => Style::default()
            .fg(Color::LightCyan)
            .add_modifier(Modifier::BOLD),
        (false, false) => Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    }
}

/// An outline entry of a given level that is not highlighted.
pub fn outline_entry(level: u8, color: bool) -> Style {
    match (level, color) {
        (1, _) => Style::default().add_modifier(Modifier::BOLD),
        (_, true) => Style::default().fg(Color::Gray),
        _ => Style::default(),
    }
}

/// A search match in the text; the current one stands out more.
pub fn search_match(current: bool, color: bool) -> Style {
    match (current, color) {
        (true, true) => Style::default().fg(Color::Black).bg(Color::LightYellow),
        (false, true) => Style::default().fg(Color::Black).bg(Color::Yellow),
        (true, false) => Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        (false, false) => Style::default().add_modifier(Modifier::REVERSED),
    }
}

/// The border between the outline and the text, brighter when the outline has the focus.
pub fn focus_border(focused: bool, color: bool) -> Style {
    match (focused, color) {
        (true, true) => Style::default().fg(Color::Cyan),
        (true, false) => Style::default().add_modifier(Modifier::BOLD),
        (false, true) => Style::default().fg(Color::DarkGray),
        (false, false) => Style::default(),
    }
}

/// The help overlay's section titles and key names.
pub fn help_key(color: bool) -> Style {
    if color {
        Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::default().add_modifier(Modifier::BOLD)
    }
}

// ----- Library screen chrome. -----

/// The library's name in its header, a preview's title.
pub fn library_title(color: bool) -> Style {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    if color {
        bold.fg(Color::LightCyan)
    } else {
        bold
    }
}

/// The active filters in the header and the picker.
pub fn library_filter(color: bool) -> Style {
    if color {
        Style::default().fg(Color::Yellow)
    } else {
        Style::default().add_modifier(Modifier::ITALIC)
    }
}

/// Column titles and section labels.
pub fn library_columns(color: bool) -> Style {
    let dim = Style::default().add_modifier(Modifier::BOLD);
    if color { dim.fg(Color::Gray) } else { dim }
}

/// The selected row (and the picker's cursor).
pub fn library_selected(color: bool) -> Style {
    if color {
        Style::default().fg(Color::Black).bg(Color::Cyan)
    } else {
        Style::default().add_modifier(Modifier::REVERSED)
    }
}

/// The draft mark.
pub fn library_draft(color: bool) -> Style {
    if color {
        Style::default().fg(Color::LightMagenta)
    } else {
        Style::default()
    }
}

/// Dates and other quiet facts.
pub fn library_date(color: bool) -> Style {
    if color {
        Style::default().fg(Color::DarkGray)
    } else {
        Style::default()
    }
}

/// Tags in rows and the preview.
pub fn library_tags(color: bool) -> Style {
    if color {
        Style::default().fg(Color::Magenta)
    } else {
        Style::default()
    }
}

/// Failed files and warnings.
pub fn library_failed(color: bool) -> Style {
    if color {
        Style::default().fg(Color::Red)
    } else {
        Style::default().add_modifier(Modifier::BOLD)
    }
}

/// The preview panel's and picker's borders.
pub fn library_border(color: bool) -> Style {
    if color {
        Style::default().fg(Color::DarkGray)
    } else {
        Style::default()
    }
}

/// The footer with the keys or the filter being typed.
pub fn library_footer(color: bool) -> Style {
    if color {
        Style::default().fg(Color::White).bg(Color::DarkGray)
    } else {
        Style::default().add_modifier(Modifier::REVERSED)
    }
}
