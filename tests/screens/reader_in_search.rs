//! The reader's in-article search as a sequence of actions: smart case and
//! counts, `n` wrapping with a message, starting after the top line, Esc,
//! editing and abandoning what is typed.
#![allow(clippy::unwrap_used)]

use quire::tui::{Action, Effect, update};

use super::reader::{apply, reader, sample_app, search};

#[test]
fn search_is_smart_case_and_counts_matches() {
    let mut app = sample_app(100, 30);
    search(&mut app, "lantern");
    let r = reader(&app);
    let total = r.search.matches.len();
    assert!(total >= 5, "found {total}");
    assert_eq!(r.search.current, Some(0));
    assert!(r.search.typing.is_none());

    search(&mut app, "Lantern");
    assert_eq!(
        reader(&app).search.matches.len(),
        0,
        "no capitalised lantern"
    );
    assert!(
        reader(&app)
            .message
            .as_deref()
            .unwrap_or("")
            .contains("no match")
    );
}

#[test]
fn search_next_wraps_with_a_message_and_shows_the_match() {
    let mut app = sample_app(100, 12);
    search(&mut app, "lantern");
    let total = reader(&app).search.matches.len();
    for i in 1..total {
        update(&mut app, Action::SearchNext);
        let r = reader(&app);
        assert_eq!(r.search.current, Some(i));
        let line = r.search.matches[i].line;
        assert!(
            line >= r.top && line < r.top + r.rows(),
            "match {i} on screen"
        );
        assert!(r.message.is_none());
    }
    update(&mut app, Action::SearchNext);
    assert_eq!(reader(&app).search.current, Some(0));
    assert!(
        reader(&app)
            .message
            .as_deref()
            .unwrap_or("")
            .contains("continued from the top")
    );
    update(&mut app, Action::SearchPrev);
    assert_eq!(reader(&app).search.current, Some(total - 1));
    assert!(
        reader(&app)
            .message
            .as_deref()
            .unwrap_or("")
            .contains("from the end")
    );
}

#[test]
fn search_starts_after_the_top_line() {
    let mut app = sample_app(100, 12);
    // Go to "Storms": the first lantern after it is in "During the storm".
    let storms = reader(&app)
        .article
        .outline
        .iter()
        .position(|h| h.text() == "Storms")
        .unwrap();
    let line = reader(&app).doc.headings[storms];
    update(&mut app, Action::ToggleFocus);
    for _ in 0..storms {
        update(&mut app, Action::OutlineDown);
    }
    apply(&mut app, &[Action::OutlineJump, Action::ToggleFocus]);
    search(&mut app, "lantern");
    let r = reader(&app);
    let current = r.search.matches[r.search.current.unwrap()];
    assert!(
        current.line >= line,
        "the first match at or after the top line"
    );
    assert!(r.search.current.unwrap() > 0);
}

#[test]
fn esc_clears_the_search_then_goes_back() {
    let mut app = sample_app(100, 30);
    apply(
        &mut app,
        &[
            Action::SearchStart,
            Action::SearchInput('l'),
            Action::SearchSubmit,
        ],
    );
    assert!(!reader(&app).search.matches.is_empty());
    assert_eq!(update(&mut app, Action::Cancel), None);
    assert!(reader(&app).search.matches.is_empty());
    assert!(reader(&app).search.query.is_empty());
    assert_eq!(update(&mut app, Action::Cancel), Some(Effect::Back));
}

#[test]
fn typing_a_search_can_be_edited_and_abandoned() {
    let mut app = sample_app(100, 30);
    apply(
        &mut app,
        &[
            Action::SearchStart,
            Action::SearchInput('x'),
            Action::SearchInput('y'),
            Action::SearchBackspace,
        ],
    );
    assert_eq!(reader(&app).search.typing.as_deref(), Some("x"));
    assert_eq!(app.mode(), quire::tui::keymap::Mode::Search);
    update(&mut app, Action::SearchAbort);
    assert!(reader(&app).search.typing.is_none());
    assert!(reader(&app).search.query.is_empty());
}
