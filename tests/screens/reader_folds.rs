//! The reader's `<details>` folds, wrapped code and redraw on a
//! `TestBackend`: folded by default, `z`/Enter/a click open and close the
//! first summary, a search or a jump into a folded body opens it, the status
//! line counts visible lines, and `w` wraps long code lines under a `↪`.
#![allow(clippy::unwrap_used)]

use crate::common;

use quire::tui::{Action, App, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(width: u16, height: u16) -> App {
    let article = common::load(&common::fixtures().join("folds.md"));
    common::app_with(article, width, height)
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    terminal
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn search(app: &mut App, query: &str) {
    update(app, Action::SearchStart);
    for c in query.chars() {
        update(app, Action::SearchInput(c));
    }
    update(app, Action::SearchSubmit);
}

#[test]
fn details_start_folded_and_z_opens_and_closes_them() {
    let mut app = app(80, 24);
    let t = draw(&app);
    let screen = text(&t);
    assert!(screen.contains("▸ What flour works best?"), "{screen}");
    assert!(!screen.contains("Rye wakes"), "{screen}");
    insta::assert_snapshot!("folded_80x24", t.backend());

    update(&mut app, Action::ToggleDetails);
    let t = draw(&app);
    let screen = text(&t);
    assert!(screen.contains("▾ What flour works best?"), "{screen}");
    assert!(screen.contains("Rye wakes"), "{screen}");
    assert!(screen.contains("▸ How long does it rest?"), "{screen}");
    insta::assert_snapshot!("first_open_80x24", t.backend());

    update(&mut app, Action::ToggleDetails);
    assert!(!text(&draw(&app)).contains("Rye wakes"));
}

#[test]
fn a_click_on_a_summary_toggles_it_and_elsewhere_does_not() {
    let mut app = app(80, 24);
    let screen = text(&draw(&app));
    let row = screen
        .lines()
        .position(|l| l.contains("What flour"))
        .unwrap();
    let row = u16::try_from(row).unwrap();
    let column = app.reader().unwrap().geometry.text.x + 2;
    update(
        &mut app,
        Action::Click {
            column,
            row: row + 2,
        },
    );
    assert!(!text(&draw(&app)).contains("Rye wakes"));
    update(&mut app, Action::Click { column, row });
    assert!(text(&draw(&app)).contains("Rye wakes"));
}

#[test]
fn a_search_match_in_a_folded_body_opens_it() {
    let mut app = app(80, 24);
    search(&mut app, "fridge");
    let t = draw(&app);
    let screen = text(&t);
    assert!(screen.contains("Overnight in the fridge"), "{screen}");
    assert!(screen.contains("▾ How long does it rest?"), "{screen}");
    assert!(screen.contains("▸ What flour works best?"), "{screen}");
    insta::assert_snapshot!("search_opened_fold_80x24", t.backend());
}

#[test]
fn scrolling_and_the_percentage_count_visible_lines_only() {
    let mut app = app(80, 10);
    let total_folded = {
        let r = app.reader().unwrap();
        r.folds.visible_len(r.doc.len())
    };
    let r = app.reader().unwrap();
    assert!(total_folded < r.doc.len());
    update(&mut app, Action::Bottom);
    assert_eq!(app.reader().unwrap().percent(), 100);
    let screen = text(&draw(&app));
    assert!(screen.contains("The end."), "{screen}");
    // Every line shown is a visible one; paging back to the top lands at 0.
    for _ in 0..10 {
        update(&mut app, Action::LineUp);
    }
    update(&mut app, Action::PageUp);
    update(&mut app, Action::PageUp);
    assert_eq!(app.reader().unwrap().top, 0);
    // j never lands inside a folded body.
    for _ in 0..40 {
        update(&mut app, Action::LineDown);
        let r = app.reader().unwrap();
        assert!(!r.folds.is_hidden(r.top), "top {} is hidden", r.top);
    }
}

#[test]
fn folds_stay_as_they_were_across_a_resize() {
    let mut app = app(80, 24);
    update(&mut app, Action::ToggleDetails);
    update(&mut app, Action::Resize(50, 24));
    let screen = text(&draw(&app));
    assert!(screen.contains("Rye wakes"), "{screen}");
    let r = app.reader().unwrap();
    assert!(r.doc.width <= 50);
    assert!(r.folds.is_open(0) && !r.folds.is_open(1));
}

#[test]
fn w_wraps_long_code_lines_and_cuts_them_again() {
    let mut app = app(80, 30);
    let cut = text(&draw(&app));
    assert!(cut.contains('→'), "{cut}");
    update(&mut app, Action::ToggleCodeWrap);
    let t = draw(&app);
    let wrapped = text(&t);
    assert!(wrapped.contains("│ ↪"), "{wrapped}");
    assert!(wrapped.contains("will not fit at all"), "{wrapped}");
    assert!(wrapped.contains("long code lines wrap"), "{wrapped}");
    insta::assert_snapshot!("code_wrapped_80x30", t.backend());
    update(&mut app, Action::ToggleCodeWrap);
    let again = text(&draw(&app));
    assert!(again.contains('→') && !again.contains('↪'), "{again}");
}

#[test]
fn ctrl_l_asks_for_a_redraw_in_every_screen() {
    let mut app = app(80, 24);
    assert_eq!(
        update(&mut app, Action::Redraw),
        Some(quire::tui::Effect::Redraw)
    );
    update(&mut app, Action::ToggleHelp);
    assert_eq!(
        update(&mut app, Action::Redraw),
        Some(quire::tui::Effect::Redraw)
    );
    let key = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('l'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    for mode in quire::tui::keymap::Mode::ALL {
        assert_eq!(
            quire::tui::keymap::action_for(mode, &key),
            Some(Action::Redraw),
            "{mode:?}"
        );
    }
}

#[test]
fn opening_a_summary_on_the_last_row_scrolls_its_body_into_view() {
    // The height at which the first summary sits on the last row of text.
    let height = (6..40)
        .find(|&h| {
            let screen = text(&draw(&app(80, h)));
            let rows: Vec<&str> = screen.lines().collect();
            rows.get(usize::from(h) - 2)
                .is_some_and(|row| row.contains("▸ What flour works best?"))
        })
        .expect("a height with the summary on the last row");
    let mut app = app(80, height);
    let top = app.reader().unwrap().top;
    update(&mut app, Action::ToggleDetails);
    let screen = text(&draw(&app));
    assert!(screen.contains("▾ What flour works best?"), "{screen}");
    assert!(screen.contains("Rye wakes"), "{screen}");
    assert!(app.reader().unwrap().top > top, "scrolled down");
}
