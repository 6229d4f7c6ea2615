//! The reader across resizes: the same text stays on the top line, a
//! taller window past the article's end pulls the view up so the end sits
//! at the bottom instead of blank rows under it, and no size (down to one
//! cell) panics.
#![allow(clippy::unwrap_used)]

use crate::common;
use crate::reader::{apply, reader, sample_app, top_text};

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

#[test]
fn resizing_keeps_the_same_text_on_top() {
    let body = common::long_markdown(30, 3);
    let article = common::plain_article("Long", &body);
    let mut app = common::plain_app(article, 120, 40);
    apply(&mut app, &vec![Action::LineDown; 137]);
    let before = reader(&app);
    let source = before.doc.line(before.top).unwrap().source();
    let words: Vec<String> = top_text(&app).split(' ').map(String::from).collect();
    for (w, h) in [(60, 20), (45, 30), (200, 50), (120, 40)] {
        update(&mut app, Action::Resize(w, h));
        let r = reader(&app);
        let line = r.doc.line(r.top).unwrap();
        assert_eq!(line.source(), source, "same block on top at {w}x{h}");
    }
    // Back at the first size, the very same line is on top.
    assert_eq!(top_text(&app).split(' ').collect::<Vec<_>>(), words);
}

#[test]
fn tiny_terminals_never_panic() {
    let all = [
        Action::LineDown,
        Action::PageDown,
        Action::Bottom,
        Action::NextHeading,
        Action::PrevHeading,
        Action::ToggleFocus,
        Action::OutlineDown,
        Action::Fold,
        Action::Unfold,
        Action::OutlineJump,
        Action::ToggleOutline,
        Action::SearchStart,
        Action::SearchInput('a'),
        Action::SearchSubmit,
        Action::SearchNext,
        Action::SearchPrev,
        Action::Wheel {
            column: 0,
            row: 0,
            down: true,
        },
        Action::Click { column: 0, row: 0 },
        Action::ToggleHelp,
        Action::ToggleHelp,
        Action::Top,
    ];
    for (w, h) in [(1, 1), (10, 5), (0, 0), (2, 1), (1, 3), (59, 2), (60, 2)] {
        let mut app = sample_app(w, h);
        apply(&mut app, &all);
        apply(
            &mut app,
            &[Action::Resize(3, 1), Action::Bottom, Action::Resize(1, 1)],
        );
    }
}

#[test]
fn a_real_layout_keeps_the_top_text_across_resizes() {
    // Far enough from the end that no size shows past it (where the view
    // is pulled up to show the end at the bottom).
    let mut app = common::app(120, 40);
    apply(&mut app, &vec![Action::NextHeading; 4]);
    apply(&mut app, &vec![Action::LineDown; 3]);
    let source = {
        let r = reader(&app);
        r.doc.line(r.top).unwrap().source()
    };
    for (w, h) in [(60, 20), (100, 30), (45, 12), (120, 40)] {
        update(&mut app, Action::Resize(w, h));
        let r = reader(&app);
        assert_eq!(r.doc.line(r.top).unwrap().source(), source, "{w}x{h}");
    }
}
