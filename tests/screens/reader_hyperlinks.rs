//! The reader's links as OSC 8 hyperlinks in the buffer it draws: an
//! external URL as written, a relative link as the `file://` URL of the
//! file beside the article, nothing for a refused scheme, and none at all
//! when `hyperlinks` is off; each run of a link's cells on a line opened
//! and closed once in what reaches the terminal.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use quire::tui::App;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

fn symbols(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    buf.content().iter().map(|c| c.symbol()).collect()
}

fn app(hyperlinks: bool) -> App {
    let body = "Go to [the site](https://example.org/a) or [my notes](notes.md#jars), \
                never [this](javascript:alert(1)) or [that](https://e.org/\x1b]0;x).\n";
    let article = common::plain_article("Links", body);
    let mut app = common::app_with(article, 100, 10);
    app.config.hyperlinks = hyperlinks;
    app.screens.clear();
    app.open_reader(common::plain_article("Links", body));
    app
}

#[test]
fn links_are_hyperlinks_with_safe_urls() {
    let all = symbols(&app(true));
    assert!(
        all.contains("\x1b]8;;https://example.org/a\x1b\\the site\x1b]8;;\x1b\\"),
        "{all:?}"
    );
    let file = all.find("\x1b]8;;file://").expect("a file:// hyperlink");
    assert!(
        all[file..].starts_with("\x1b]8;;file:///"),
        "an absolute path"
    );
    assert!(
        all[file..]
            .split("\x1b\\")
            .next()
            .unwrap()
            .ends_with("notes.md#jars")
    );
    assert!(!all.contains("]8;;javascript"), "{all:?}");
    // Every hyperlink's URL is free of control characters.
    for part in all.split("\x1b]8;;").skip(1) {
        let url = part.split("\x1b\\").next().unwrap();
        assert!(!url.chars().any(char::is_control), "{url:?}");
    }
}

#[test]
fn hyperlinks_off_draws_plain_text() {
    let all = symbols(&app(false));
    assert!(!all.contains('\x1b'), "{all:?}");
    assert!(all.contains("the site"));
}

/// What a terminal would be sent, kept.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes quire writes to draw `app`'s screen, and the lines of text the
/// screen shows.
fn written(app: &App) -> (String, Vec<String>) {
    let (w, h) = app.size;
    let out = Shared::default();
    let backend = CrosstermBackend::new(out.clone());
    let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    let bytes = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    let mut screen = Terminal::new(TestBackend::new(w, h)).unwrap();
    screen.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    let rows = screen
        .backend()
        .buffer()
        .content()
        .chunks(usize::from(w))
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect();
    (bytes, rows)
}

#[test]
fn a_link_is_opened_and_closed_once_per_line_it_spans() {
    // A link text of 40 characters, which wraps over two lines at 30 columns.
    let text = "a forty character link text for the test";
    assert_eq!(text.len(), 40);
    let body = format!("See [{text}](https://example.org/forty) now.\n");
    for (width, lines) in [(30u16, 2usize), (100, 1)] {
        let mut app = common::app_with(common::plain_article("Links", &body), width, 12);
        app.config.hyperlinks = true;
        app.screens.clear();
        app.open_reader(common::plain_article("Links", &body));
        let (bytes, rows) = written(&app);
        let opens = bytes
            .matches("\x1b]8;;https://example.org/forty\x1b\\")
            .count();
        let closes = bytes.matches("\x1b]8;;\x1b\\").count();
        assert_eq!(opens, closes, "width {width}: {bytes:?}");
        // Between an open and its close: the link's words as the screen
        // shows them, one piece per line (the list of references under the
        // text shows the URL as a link too).
        let shown: Vec<&str> = bytes
            .split("\x1b]8;;https://example.org/forty\x1b\\")
            .skip(1)
            .map(|part| part.split("\x1b]8;;\x1b\\").next().unwrap())
            .filter(|piece| !"https://example.org/forty".contains(piece))
            .collect();
        assert_eq!(shown.len(), lines, "width {width}: {bytes:?}");
        assert_eq!(
            shown
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            text
        );
        for piece in shown {
            assert!(
                rows.iter().any(|r| r.contains(piece)),
                "{piece:?} in {rows:?}"
            );
        }
    }
}

#[test]
fn a_screen_of_links_costs_about_its_text() {
    let links: String = (0..60)
        .map(|k| format!("[link number {k}](https://example.org/{k}) "))
        .collect();
    let body = format!("{links}\n");
    let mut app = common::app_with(common::plain_article("Links", &body), 80, 24);
    app.config.hyperlinks = true;
    app.screens.clear();
    app.open_reader(common::plain_article("Links", &body));
    let (bytes, _) = written(&app);
    let text: usize = (0..60).map(|k| format!("link number {k} ").len()).sum();
    let urls: usize = (0..60)
        .map(|k| format!("https://example.org/{k}").len())
        .sum();
    // Each link once (its text, one open with the URL, one close), twice
    // for a link that wraps, and the cursor moves and colours of a frame.
    assert!(
        bytes.len() < 3 * (text + urls + 60 * 12),
        "{} bytes for {text} of text",
        bytes.len()
    );
}
