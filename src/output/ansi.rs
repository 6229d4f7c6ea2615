//! `quire render`: a laid-out article written as plain or ANSI-styled text,
//! with OSC 8 hyperlinks when coloured.

use std::io::{self, BufWriter, IsTerminal, Write};

use ratatui::style::{Color, Modifier};

use crate::Outcome;
use crate::cli::{ColorArg, RenderArgs};
use crate::layout::{self, Document, LayoutOptions};
use crate::tui::theme::span_style;

/// The width used when stdout is not a terminal and none is given.
pub const DEFAULT_WIDTH: u16 = 80;

/// Prints `args.file` laid out for a terminal.
pub fn render(args: &RenderArgs) -> anyhow::Result<Outcome> {
    let Some(article) = super::load_article(&args.file) else {
        return Ok(Outcome::Failure);
    };
    let stdout = io::stdout();
    let tty = stdout.is_terminal();
    let width = args.width.unwrap_or_else(|| {
        if tty {
            crossterm::terminal::size()
                .ok()
                .map(|(w, _)| w)
                .filter(|&w| w > 0)
                .unwrap_or(DEFAULT_WIDTH)
        } else {
            DEFAULT_WIDTH
        }
    });
    if width > layout::MAX_WIDTH {
        eprintln!(
            "quire: warning: --width {width} is more than {} columns; using {}",
            layout::MAX_WIDTH,
            layout::MAX_WIDTH
        );
    }
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let doc = layout::layout(&article, width, LayoutOptions { highlight: color });
    let mut out = BufWriter::new(stdout.lock());
    write_document(&mut out, &doc, color)?;
    out.flush()?;
    Ok(Outcome::Success)
}

/// Writes every line of `doc`; with `color`, styles as SGR sequences and links
/// as OSC 8 hyperlinks. The text itself is already free of control characters.
pub fn write_document(out: &mut impl Write, doc: &Document, color: bool) -> io::Result<()> {
    let mut sgr = String::new();
    for line in doc.lines(0, doc.len()) {
        for (text, style) in line.spans() {
            if !color {
                out.write_all(text.as_bytes())?;
                continue;
            }
            let link = style
                .link
                .and_then(|i| doc.links.get(i as usize))
                .map(|url| osc8_url(url));
            if let Some(url) = &link {
                write!(out, "\x1b]8;;{url}\x1b\\")?;
            }
            sgr.clear();
            sgr_of(span_style(style, true), &mut sgr);
            if sgr.is_empty() {
                out.write_all(text.as_bytes())?;
            } else {
                write!(out, "\x1b[{sgr}m{text}\x1b[0m")?;
            }
            if link.is_some() {
                out.write_all(b"\x1b]8;;\x1b\\")?;
            }
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A URL fit for an OSC 8 sequence: every byte outside printable ASCII
/// (controls, spaces, non-ASCII) percent-encoded, so nothing can end or
/// extend the sequence.
fn osc8_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if (0x21..0x7f).contains(&b) && b != b'\\' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The SGR parameters (without `ESC [` and `m`) of a ratatui style.
fn sgr_of(style: ratatui::style::Style, out: &mut String) {
    let mut push = |code: &str| {
        if !out.is_empty() {
            out.push(';');
        }
        out.push_str(code);
    };
    let m = style.add_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(flag) {
            push(code);
        }
    }
    if let Some(fg) = style.fg {
        if let Some(code) = color_code(fg, false) {
            push(&code);
        }
    }
    if let Some(bg) = style.bg {
        if let Some(code) = color_code(bg, true) {
            push(&code);
        }
    }
}

fn color_code(color: Color, background: bool) -> Option<String> {
    let base = if background { 40 } else { 30 };
    let named = |n: u8, bright: bool| {
        let code = u16::from(n) + if bright { base + 60 } else { base };
        Some(code.to_string())
    };
    match color {
        Color::Reset => None,
        Color::Black => named(0, false),
        Color::Red => named(1, false),
        Color::Green => named(2, false),
        Color::Yellow => named(3, false),
        Color::Blue => named(4, false),
        Color::Magenta => named(5, false),
        Color::Cyan => named(6, false),
        Color::Gray => named(7, false),
        Color::DarkGray => named(0, true),
        Color::LightRed => named(1, true),
        Color::LightGreen => named(2, true),
        Color::LightYellow => named(3, true),
        Color::LightBlue => named(4, true),
        Color::LightMagenta => named(5, true),
        Color::LightCyan => named(6, true),
        Color::White => named(7, true),
        Color::Rgb(r, g, b) => Some(format!("{};2;{r};{g};{b}", base + 8)),
        Color::Indexed(i) => Some(format!("{};5;{i}", base + 8)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc8_urls_cannot_escape() {
        assert_eq!(
            osc8_url("http://e\x1b\\x y/é"),
            "http://e%1B%5Cx%20y/%C3%A9"
        );
    }

    #[test]
    fn sgr_codes() {
        let mut s = String::new();
        sgr_of(
            ratatui::style::Style::default()
                .fg(Color::Rgb(1, 2, 3))
                .add_modifier(Modifier::BOLD),
            &mut s,
        );
        assert_eq!(s, "1;38;2;1;2;3");
    }
}
