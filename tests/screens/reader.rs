//! Update tests: sequences of actions on a loaded article and the state they
//! leave (scroll, focus, section, outline, search, effects).
#![allow(clippy::unwrap_used)]

use crate::common;

use quire::tui::reader::Focus;
use quire::tui::{Action, App, Effect, ReaderScreen, update};

pub(super) fn apply(app: &mut App, actions: &[Action]) -> Vec<Option<Effect>> {
    actions.iter().map(|a| update(app, a.clone())).collect()
}

/// Types `query` after `/` and runs it.
pub(super) fn search(app: &mut App, query: &str) {
    let mut actions = vec![Action::SearchStart];
    actions.extend(query.chars().map(Action::SearchInput));
    actions.push(Action::SearchSubmit);
    apply(app, &actions);
}

pub(super) fn reader(app: &App) -> &ReaderScreen {
    app.reader().expect("a reader is open")
}

pub(super) fn help(app: &App) -> quire::tui::app::HelpView {
    app.help.expect("the help is open")
}

pub(super) fn top_text(app: &App) -> String {
    let r = reader(app);
    r.doc
        .line(r.top)
        .map(|l| l.text().to_string())
        .unwrap_or_default()
}

pub(super) fn heading_text(app: &App, i: usize) -> String {
    reader(app).article.outline[i].text().to_string()
}

pub(super) fn sample_app(w: u16, h: u16) -> App {
    common::plain_app(common::plain_sample(), w, h)
}

#[test]
fn lines_scroll_and_stop_at_the_top() {
    let mut app = sample_app(100, 30);
    apply(
        &mut app,
        &[Action::LineDown, Action::LineDown, Action::LineDown],
    );
    assert_eq!(reader(&app).top, 3);
    apply(&mut app, &vec![Action::LineUp; 5]);
    assert_eq!(reader(&app).top, 0);
}

#[test]
fn pages_move_by_the_text_height() {
    let mut app = sample_app(80, 12);
    let rows = reader(&app).rows();
    assert_eq!(rows, 11, "one row is the status line");
    update(&mut app, Action::PageDown);
    assert_eq!(reader(&app).top, rows);
    update(&mut app, Action::HalfPageUp);
    assert_eq!(reader(&app).top, rows - rows / 2);
    update(&mut app, Action::Top);
    assert_eq!(reader(&app).top, 0);
}

#[test]
fn bottom_reaches_the_very_end_past_sixteen_bits_of_lines() {
    let body = common::long_markdown(12_000, 2);
    let article = common::plain_article("Long", &body);
    let mut app = common::plain_app(article, 120, 40);
    let len = reader(&app).doc.len();
    assert!(
        len > usize::from(u16::MAX),
        "{len} lines is not long enough"
    );
    update(&mut app, Action::Bottom);
    let r = reader(&app);
    assert_eq!(r.top + r.rows(), len, "the last line is on the bottom row");
    assert_eq!(r.percent(), 100);
    // Scrolling further does nothing.
    update(&mut app, Action::PageDown);
    assert_eq!(reader(&app).top + reader(&app).rows(), len);
}

#[test]
fn brackets_put_headings_on_the_top_line() {
    let mut app = sample_app(100, 30);
    update(&mut app, Action::NextHeading);
    assert_eq!(top_text(&app), "Why keep a log");
    assert_eq!(reader(&app).current_section(), Some(0));
    apply(&mut app, &[Action::NextHeading, Action::NextHeading]);
    assert_eq!(top_text(&app), "Ships and lights");
    assert_eq!(reader(&app).current_section(), Some(2));
    // `[` from inside a section goes to its start, then to the one before.
    update(&mut app, Action::LineDown);
    update(&mut app, Action::PrevHeading);
    assert_eq!(top_text(&app), "Ships and lights");
    update(&mut app, Action::PrevHeading);
    assert_eq!(top_text(&app), "Weather first");
}

#[test]
fn the_last_heading_goes_on_top_even_near_the_end() {
    let mut app = sample_app(100, 30);
    let n = reader(&app).article.outline.len();
    apply(&mut app, &vec![Action::NextHeading; n]);
    assert_eq!(top_text(&app), "Closing thoughts");
    let effects = apply(&mut app, &[Action::NextHeading]);
    assert_eq!(effects, vec![None]);
    assert_eq!(reader(&app).message.as_deref(), Some("no heading below"));
}

#[test]
fn outline_focus_moves_and_enter_jumps() {
    let mut app = sample_app(100, 30);
    update(&mut app, Action::ToggleFocus);
    assert_eq!(reader(&app).focus, Focus::Outline);
    assert_eq!(app.mode(), quire::tui::keymap::Mode::Outline);
    apply(
        &mut app,
        &[
            Action::OutlineDown,
            Action::OutlineDown,
            Action::OutlineDown,
        ],
    );
    assert_eq!(
        heading_text(&app, reader(&app).outline.selected),
        "The daily routine"
    );
    update(&mut app, Action::OutlineJump);
    assert_eq!(top_text(&app), "The daily routine");
    assert_eq!(reader(&app).current_section(), Some(3));
    update(&mut app, Action::ToggleFocus);
    assert_eq!(reader(&app).focus, Focus::Text);
}

#[test]
fn folding_hides_a_branch_and_unfolding_shows_it() {
    let mut app = sample_app(100, 30);
    let all = reader(&app).outline.visible.len();
    update(&mut app, Action::ToggleFocus);
    // On "Why keep a log", which has two sub-sections.
    update(&mut app, Action::Fold);
    assert_eq!(reader(&app).outline.visible.len(), all - 2);
    update(&mut app, Action::OutlineDown);
    assert_eq!(
        heading_text(&app, reader(&app).outline.selected),
        "The daily routine"
    );
    update(&mut app, Action::OutlineUp);
    update(&mut app, Action::Unfold);
    assert_eq!(reader(&app).outline.visible.len(), all);
    // Left on a leaf goes to its parent.
    apply(&mut app, &[Action::OutlineDown, Action::Fold]);
    assert_eq!(
        heading_text(&app, reader(&app).outline.selected),
        "Why keep a log"
    );
}

#[test]
fn reading_inside_a_folded_branch_highlights_its_visible_parent() {
    let mut app = sample_app(100, 30);
    apply(
        &mut app,
        &[Action::ToggleFocus, Action::Fold, Action::ToggleFocus],
    );
    apply(&mut app, &[Action::NextHeading, Action::NextHeading]);
    let r = reader(&app);
    assert_eq!(r.current_section(), Some(1));
    assert_eq!(r.highlighted(), Some(0), "the folded parent stands in");
}

#[test]
fn o_hides_the_outline_and_the_text_takes_the_width() {
    let mut app = common::plain_app(common::plain_sample(), 90, 30);
    let narrow = reader(&app).doc.width;
    assert!(reader(&app).outline_shown());
    update(&mut app, Action::ToggleOutline);
    assert!(!reader(&app).outline_shown());
    assert!(reader(&app).doc.width > narrow, "re-laid out wider");
    update(&mut app, Action::ToggleOutline);
    assert_eq!(reader(&app).doc.width, narrow);
}

#[test]
fn the_outline_hides_itself_under_sixty_columns() {
    let mut app = sample_app(59, 20);
    assert!(!reader(&app).outline_shown());
    update(&mut app, Action::Resize(60, 20));
    assert!(reader(&app).outline_shown());
}

#[test]
fn the_text_column_is_capped_by_width() {
    let mut config = common::config();
    config.layouter = quire::tui::Layouter::StandIn(common::plain_layout);
    config.max_width = 40;
    let mut app = App::new(config, 200, 30);
    app.open_reader(common::plain_sample());
    let r = reader(&app);
    assert_eq!(r.doc.width, 40);
    assert!(
        r.doc
            .lines(0, r.doc.len())
            .all(|l| l.text().chars().count() <= 40)
    );
}

#[test]
fn q_goes_back_and_ctrl_c_quits() {
    let mut app = sample_app(100, 30);
    assert_eq!(update(&mut app, Action::Back), Some(Effect::Back));
    assert_eq!(update(&mut app, Action::Quit), Some(Effect::Quit));
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = sample_app(100, 30);
    update(&mut app, Action::ToggleHelp);
    assert!(app.help.is_some());
    assert_eq!(app.mode(), quire::tui::keymap::Mode::Help);
    update(&mut app, Action::LineDown);
    assert_eq!(help(&app).scroll, 1);
    assert_eq!(reader(&app).top, 0, "keys go to the help, not the text");
    update(&mut app, Action::Cancel);
    assert!(app.help.is_none());
}

#[test]
fn help_scroll_stops_at_its_end_so_up_answers_at_once() {
    let mut app = sample_app(100, 20);
    update(&mut app, Action::ToggleHelp);
    let max = help(&app).max_scroll();
    assert!(max > 0, "the help must overflow 20 rows for this test");
    assert_eq!(
        help(&app).rows,
        16,
        "20 rows less the margin and the border"
    );
    apply(&mut app, &vec![Action::LineDown; max + 10]);
    assert_eq!(help(&app).scroll, max);
    update(&mut app, Action::LineUp);
    assert_eq!(help(&app).scroll, max - 1, "one k moves after overshooting");
    update(&mut app, Action::Bottom);
    assert_eq!(help(&app).scroll, max);
    update(&mut app, Action::Top);
    assert_eq!(help(&app).scroll, 0);
}

#[test]
fn help_pages_move_a_page_and_a_resize_reclamps() {
    let mut app = sample_app(100, 20);
    update(&mut app, Action::ToggleHelp);
    let page = help(&app).rows;
    update(&mut app, Action::PageDown);
    assert_eq!(help(&app).scroll, page.min(help(&app).max_scroll()));
    update(&mut app, Action::PageUp);
    assert_eq!(help(&app).scroll, 0);
    update(&mut app, Action::Bottom);
    // A taller terminal shows more help, so the end comes sooner.
    update(&mut app, Action::Resize(100, 40));
    assert_eq!(help(&app).scroll, help(&app).max_scroll());
    update(&mut app, Action::Resize(100, 200));
    assert_eq!(help(&app).scroll, 0, "all of the help fits");
}

#[test]
fn help_page_keys_are_bound() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use quire::tui::keymap::{Mode, action_for};
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    assert_eq!(
        action_for(Mode::Help, &key(KeyCode::PageDown)),
        Some(Action::PageDown)
    );
    assert_eq!(
        action_for(Mode::Help, &key(KeyCode::PageUp)),
        Some(Action::PageUp)
    );
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let body = common::long_markdown(80, 1);
    let mut app = common::plain_app(common::plain_article("Long", &body), 100, 20);
    let outline = reader(&app).geometry.outline.unwrap();
    let pane = reader(&app).geometry.pane;
    update(
        &mut app,
        Action::Wheel {
            column: pane.x + 5,
            row: 3,
            down: true,
        },
    );
    assert_eq!(reader(&app).top, 3);
    assert_eq!(reader(&app).outline.scroll, 0);
    update(
        &mut app,
        Action::Wheel {
            column: outline.x + 2,
            row: 3,
            down: true,
        },
    );
    assert_eq!(reader(&app).top, 3, "the text stays");
    assert_eq!(reader(&app).outline.scroll, 3);
}

#[test]
fn a_click_on_an_outline_entry_jumps_there() {
    let mut app = sample_app(100, 30);
    let outline = reader(&app).geometry.outline.unwrap();
    update(
        &mut app,
        Action::Click {
            column: outline.x + 3,
            row: 6,
        },
    );
    let r = reader(&app);
    assert_eq!(r.current_section(), Some(6));
    assert_eq!(top_text(&app), heading_text(&app, 6));
}

#[test]
fn the_outline_follows_the_section_being_read() {
    let body = common::long_markdown(100, 1);
    let mut app = common::plain_app(common::plain_article("Long", &body), 100, 20);
    let rows = reader(&app).outline_rows();
    apply(&mut app, &vec![Action::NextHeading; 60]);
    let r = reader(&app);
    let hl = r.highlighted().unwrap();
    assert_eq!(hl, 59);
    let pos = r.outline.visible.binary_search(&hl).unwrap();
    assert!(
        pos >= r.outline.scroll && pos < r.outline.scroll + rows,
        "in view"
    );
}

#[test]
fn the_breadcrumb_names_the_sections_around_the_top_line() {
    let mut app = sample_app(100, 30);
    apply(&mut app, &vec![Action::NextHeading; 9]);
    let r = reader(&app);
    let crumbs: Vec<&str> = r
        .breadcrumb()
        .into_iter()
        .map(|i| r.article.outline[i].text())
        .collect();
    assert_eq!(crumbs, ["Storms", "During the storm"]);
}

#[test]
fn every_heading_of_a_real_post_comes_to_the_top_in_turn() {
    let Some(dir) = common::corpus() else {
        return;
    };
    let article = common::load(&dir.join("het-joshi-blog/2023-11-14-AI_and_FOSS.md"));
    let n = article.outline.len();
    assert_eq!(n, 11);
    let mut app = common::app_with(article, 120, 40);
    for i in 0..n {
        update(&mut app, Action::NextHeading);
        assert_eq!(reader(&app).current_section(), Some(i));
        let heading = heading_text(&app, i);
        let start: String = heading.chars().take(12).collect();
        assert!(
            top_text(&app).contains(&start),
            "heading {i} {heading:?} is on the top line, not {:?}",
            top_text(&app)
        );
    }
    // Back to "Why Linux will play ..." and read the breadcrumb.
    let why = (0..n)
        .find(|&i| heading_text(&app, i).starts_with("Why Linux will play"))
        .expect("the heading is in the outline");
    update(&mut app, Action::Top);
    apply(&mut app, &vec![Action::NextHeading; why + 1]);
    let r = reader(&app);
    let crumbs: Vec<&str> = r
        .breadcrumb()
        .into_iter()
        .map(|i| r.article.outline[i].text())
        .collect();
    assert_eq!(crumbs.len(), 2);
    assert!(crumbs[0].starts_with("FOSS: The Backbone"));
    assert!(crumbs[1].starts_with("Why Linux will play"));
}

#[test]
fn an_article_without_headings_gets_the_whole_width() {
    let article = common::plain_article("Flat", "Just one paragraph.\n\nAnd another.");
    let mut app = common::plain_app(article, 100, 20);
    assert!(!reader(&app).outline_shown());
    update(&mut app, Action::ToggleOutline);
    assert!(!reader(&app).outline_shown());
    assert_eq!(
        reader(&app).message.as_deref(),
        Some("this article has no headings")
    );
    update(&mut app, Action::ToggleFocus);
    assert_eq!(reader(&app).focus, Focus::Text);
}

#[test]
fn an_article_read_with_warnings_says_so_on_the_status_line() {
    let article = quire::article::Article::from_bytes(
        std::path::Path::new("broken.md"),
        b"---\ntitle: [unclosed\n---\n# H\n\nText.\n",
    );
    assert!(!article.warnings.is_empty());
    let app = common::app_with(article, 80, 20);
    let note = app.reader().unwrap().message.clone().unwrap();
    assert!(note.starts_with("⚠ line "), "{note}");
    assert!(note.contains("front matter"), "{note}");
    // A clean article opens without a note.
    let app = common::app_with(common::sample(), 80, 20);
    assert_eq!(app.reader().unwrap().message, None);
}
