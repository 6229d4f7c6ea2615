//! `quire render`: a laid-out article written as plain or ANSI-styled text,
//! with OSC 8 hyperlinks when coloured.

use std::io::{self, BufWriter, IsTerminal, Write};

use crate::Outcome;
use crate::article::Article;
use crate::cli::{ColorArg, RenderArgs};
use crate::config::Config;
use crate::layout::{self, Document, LayoutOptions};
use crate::links::Resolver;
use crate::links::hyperlink::{link_target, osc8_url, resolved_target};
use crate::theme::{Color, Style, Theme};

/// The width used when stdout is not a terminal and none is given.
pub const DEFAULT_WIDTH: u16 = 80;

/// Prints `args.file` laid out for a terminal.
pub fn render(args: &RenderArgs, user: &Config) -> anyhow::Result<Outcome> {
    let draft = match super::remote::draft(&args.file, user, args.no_state) {
        Some(remote) => remote.map(|(draft, _)| draft),
        None => super::load_draft(&args.file),
    };
    let Some(draft) = draft else {
        return Ok(Outcome::Failure);
    };
    render_draft(args, user, draft)
}

/// Prints `draft` laid out as `args` asks (its file is not read again).
pub fn render_draft(
    args: &RenderArgs,
    user: &Config,
    draft: crate::article::Draft,
) -> anyhow::Result<Outcome> {
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
        ColorArg::Auto => tty && !crate::theme::no_color(),
    };
    // Colour is already decided: `auto` picks by the background only, and
    // asks the terminal only when the output goes to it.
    let theme = color.then(|| {
        user.theme_for(false, || {
            if tty {
                crate::theme::ask_terminal()
            } else {
                None
            }
        })
    });
    let options = LayoutOptions {
        wrap_code: args.wrap_code,
        ..crate::theme::Theme::layout_options_for(theme.as_ref())
    };
    let draft = crate::links::embeds::inline(draft);
    let (article, doc) = layout::open(draft, width, options);
    let mut out = BufWriter::new(stdout.lock());
    write_document(&mut out, &doc, theme.as_ref(), Some(&article))?;
    out.flush()?;
    Ok(Outcome::Success)
}

/// Writes every line of `doc`; with a `theme`, styles as SGR sequences and
/// links as OSC 8 hyperlinks to where they lead (see [`link_urls`];
/// `article` is the article laid out, for links relative to it). The text
/// itself is already free of control characters.
pub fn write_document(
    out: &mut impl Write,
    doc: &Document,
    theme: Option<&Theme>,
    article: Option<&Article>,
) -> io::Result<()> {
    let urls = match theme {
        Some(_) => link_urls(doc, article),
        None => Vec::new(),
    };
    let mut sgr = String::new();
    for line in doc.lines(0, doc.len()) {
        for (text, style) in line.spans() {
            let Some(theme) = theme else {
                out.write_all(text.as_bytes())?;
                continue;
            };
            let link = style
                .link
                .and_then(|i| urls.get(i as usize))
                .and_then(Option::as_deref)
                .map(osc8_url);
            if let Some(url) = &link {
                write!(out, "\x1b]8;;{url}\x1b\\")?;
            }
            sgr.clear();
            sgr_of(theme.span(style), &mut sgr);
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

/// The URL each of `doc`'s links opens from a terminal: where the
/// resolver says it leads (a site's `ref`, a wikilink, `/path` from the
/// site's root, as the reader follows them), an address as written; `None`
/// for what leads nowhere or must not be opened (see
/// [`link_target`]). Links of an article read by address are addresses.
fn link_urls(doc: &Document, article: Option<&Article>) -> Vec<Option<String>> {
    let Some(article) = article else {
        return doc.links.iter().map(|url| link_target(url, None)).collect();
    };
    let remote = article
        .path
        .to_str()
        .is_some_and(|p| p.starts_with("http://") || p.starts_with("https://"));
    if remote {
        return doc
            .links
            .iter()
            .map(|url| link_target(url, Some(&article.path)))
            .collect();
    }
    let mut resolver = Resolver::new(None);
    doc.links
        .iter()
        .map(|url| {
            // A scheme or an e-mail as `link_target` allows; anything local
            // as resolved, else the file beside the article.
            let scheme = url
                .find([':', '/', '?', '#'])
                .is_some_and(|at| url[at..].starts_with(':'));
            if scheme || url.starts_with("//") || url.contains('@') && !url.contains('/') {
                return link_target(url, Some(&article.path));
            }
            // A wikilink names a note, never a file beside the article.
            let wiki = url.starts_with("[[") || url.starts_with("![[");
            resolved_target(&resolver.resolve(article, url))
                .or_else(|| (!wiki).then(|| link_target(url, Some(&article.path)))?)
        })
        .collect()
}

/// The SGR parameters (without `ESC [` and `m`) of a theme style.
fn sgr_of(style: Style, out: &mut String) {
    let mut push = |code: &str| {
        if !out.is_empty() {
            out.push(';');
        }
        out.push_str(code);
    };
    for (on, code) in [
        (style.bold, "1"),
        (style.dim, "2"),
        (style.italic, "3"),
        (style.underline, "4"),
        (style.reverse, "7"),
        (style.strike, "9"),
    ] {
        if on {
            push(code);
        }
    }
    if let Some(fg) = style.fg {
        push(&color_code(fg, false));
    }
    if let Some(bg) = style.bg {
        push(&color_code(bg, true));
    }
}

fn color_code(color: Color, background: bool) -> String {
    let base: u16 = if background { 40 } else { 30 };
    match color {
        Color::Named(n) => {
            let i = u16::from(n.index());
            if i < 8 {
                (base + i).to_string()
            } else {
                (base + 60 + i - 8).to_string()
            }
        }
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sgr_codes() {
        let mut s = String::new();
        sgr_of(Style::PLAIN.fg(Color::Rgb(1, 2, 3)).bold(), &mut s);
        assert_eq!(s, "1;38;2;1;2;3");
        s.clear();
        let named = Color::Named(crate::theme::Named::LightCyan);
        sgr_of(Style::PLAIN.fg(named).bg(Color::Indexed(7)).dim(), &mut s);
        assert_eq!(s, "2;96;48;5;7");
    }
}
