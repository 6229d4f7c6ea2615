//! The reader across resizes: the same text stays on the top line, and a
//! taller window past the article's end pulls the view up so the end sits
//! at the bottom instead of blank rows under it.
#![allow(clippy::unwrap_used)]

use crate::common;
use crate::reader::{apply, reader};

use quire::tui::{Action, update};

/// The rows of text under the article's last line.
fn blank_rows_below_the_end(app: &quire::tui::App) -> usize {
    let r = reader(app);
    let shown = r.doc.len().saturating_sub(r.top);
    r.rows().saturating_sub(shown)
}

#[test]
fn a_taller_window_past_the_end_shows_the_end_at_the_bottom() {
    let body = common::long_markdown(6, 3);
    let article = common::plain_article("Short", &body);
    let mut app = common::plain_app(article, 80, 12);
    let len = reader(&app).doc.len();
    assert!(len > 30, "a few screens: {len} lines");
    apply(&mut app, &[Action::Bottom]);
    assert_eq!(blank_rows_below_the_end(&app), 0);
    update(&mut app, Action::Resize(80, 30));
    assert_eq!(
        blank_rows_below_the_end(&app),
        0,
        "top {}",
        reader(&app).top
    );
    assert_eq!(reader(&app).top, reader(&app).max_top());
    // Taller than the whole article: all of it, from its first line.
    update(&mut app, Action::Resize(80, 200));
    assert_eq!(reader(&app).top, 0);
}

#[test]
fn a_taller_window_keeps_the_top_line_while_the_end_is_below() {
    let body = common::long_markdown(6, 3);
    let article = common::plain_article("Short", &body);
    let mut app = common::plain_app(article, 80, 12);
    apply(&mut app, &vec![Action::LineDown; 5]);
    let top = reader(&app).top;
    update(&mut app, Action::Resize(80, 20));
    assert_eq!(reader(&app).top, top);
}
