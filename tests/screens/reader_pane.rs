//! The outline pane fits its headings: its width follows the longest entry up
//! to a third of the screen (and the config's cap), `{`/`}` narrow and widen
//! it, and each entry can show its section's reading time (`i`).
#![allow(clippy::unwrap_used)]

use crate::common;

use quire::tui::{Action, App, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn long_outline() -> quire::article::Article {
    let mut md = String::from("---\ntitle: Fitting\n---\n\n");
    md.push_str("## Why Linux will play a critical role in field of AI\n\n");
    md.push_str(&"word ".repeat(500));
    md.push_str("\n\n### Short\n\nText.\n\n## Second\n\nMore.\n");
    quire::article::Article::from_bytes(std::path::Path::new("fit.md"), md.as_bytes())
}

fn pane_width(app: &App) -> u16 {
    app.reader()
        .unwrap()
        .geometry
        .outline
        .map_or(0, |r| r.width)
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    format!("{:?}", terminal.backend())
}

#[test]
fn a_wide_screen_shows_the_longest_heading_whole_with_its_time() {
    let app = common::app_with(long_outline(), 180, 20);
    let shown = screen(&app, 180, 20);
    assert!(
        shown.contains("Why Linux will play a critical role in field of AI"),
        "{shown}"
    );
    // 500 words and its subsection: 3 minutes, right-aligned in the pane.
    assert!(
        shown.contains("AI  3m│") || shown.contains("AI 3m│"),
        "{shown}"
    );
}

#[test]
fn the_pane_is_at_most_a_third_of_the_screen_and_the_config_cap() {
    let app = common::app_with(long_outline(), 100, 20);
    assert_eq!(pane_width(&app), 33, "a third of 100 columns");
    let config = quire::tui::Config {
        outline_width: 24,
        ..common::config()
    };
    let mut app = App::new(config, 180, 20);
    app.open_reader(long_outline());
    assert_eq!(pane_width(&app), 24, "the config caps it");
    // A short outline takes only what it needs.
    let app = common::app(180, 20);
    assert!(pane_width(&app) < 33, "{}", pane_width(&app));
}

#[test]
fn braces_narrow_and_widen_the_pane_within_its_limits() {
    let mut app = common::app_with(long_outline(), 120, 20);
    let start = pane_width(&app);
    update(&mut app, Action::OutlineNarrower);
    assert_eq!(pane_width(&app), start - 4);
    let text = app.reader().unwrap().geometry.text.width;
    assert_eq!(app.reader().unwrap().doc.width, text, "the text follows");
    update(&mut app, Action::OutlineWider);
    assert_eq!(pane_width(&app), start);
    // 40 columns is a third of 120: no wider.
    assert_eq!(start, 40);
    update(&mut app, Action::OutlineWider);
    assert_eq!(pane_width(&app), 40);
    let note = app.reader().unwrap().message.clone().unwrap();
    assert!(note.contains("as wide as it may be"), "{note}");
    for _ in 0..20 {
        update(&mut app, Action::OutlineNarrower);
    }
    assert_eq!(pane_width(&app), 16, "the narrowest pane");
    // The choice holds across a resize.
    update(&mut app, Action::Resize(130, 20));
    assert_eq!(pane_width(&app), 16);
}

#[test]
fn i_toggles_the_reading_times() {
    let mut app = common::app_with(long_outline(), 180, 20);
    assert!(app.reader().unwrap().times_shown(), "on when there is room");
    update(&mut app, Action::ToggleSectionTimes);
    assert!(!app.reader().unwrap().times_shown());
    assert!(!screen(&app, 180, 20).contains(" 3m│"));
    update(&mut app, Action::ToggleSectionTimes);
    assert!(app.reader().unwrap().times_shown());
    // Where the pane has no room for whole entries and times, they stay off
    // until asked for.
    let app = common::app_with(long_outline(), 90, 20);
    assert!(!app.reader().unwrap().times_shown());
}
