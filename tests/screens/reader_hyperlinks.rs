//! The reader's links as OSC 8 hyperlinks in the buffer it draws: an
//! external URL as written, a relative link as the `file://` URL of the
//! file beside the article, nothing for a refused scheme, and none at all
//! when `hyperlinks` is off.
#![allow(clippy::unwrap_used)]

use crate::common;

use quire::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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
        all.contains("\x1b]8;;https://example.org/a\x1b\\t\x1b]8;;\x1b\\"),
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
