//! Screen snapshots of the reader on a `TestBackend`, driven through the real
//! event loop: plain reading, outline focus, a search, the help overlay.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::tui::{App, Events, Input, run_app};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Keys typed one after the other, then the input closes.
struct Script(VecDeque<Event>);

impl Script {
    fn keys(keys: &str) -> Script {
        Script(
            keys.chars()
                .map(|c| {
                    let code = match c {
                        '\t' => KeyCode::Tab,
                        '\n' => KeyCode::Enter,
                        '\u{1b}' => KeyCode::Esc,
                        c => KeyCode::Char(c),
                    };
                    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
                })
                .collect(),
        )
    }
}

impl Events for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Input> {
        Ok(self.0.pop_front().map_or(Input::Closed, Input::Event))
    }
}

fn screen(mut app: App, width: u16, height: u16, keys: &str) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    run_app(
        &mut terminal,
        &mut app,
        &mut Script::keys(keys),
        &mut quire::tui::Inline::default(),
    )
    .unwrap();
    terminal
}

fn sample(width: u16, height: u16) -> App {
    common::app(width, height)
}

#[test]
fn reading_100x30() {
    let t = screen(sample(100, 30), 100, 30, "]]");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn reading_50x20() {
    let t = screen(sample(50, 20), 50, 20, "]]");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn outline_focus_100x30() {
    let t = screen(sample(100, 30), 100, 30, "\tjjjh");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn outline_focus_50x20() {
    // Under 60 columns the outline hides itself: Tab says so.
    let t = screen(sample(50, 20), 50, 20, "\t");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn search_active_100x30() {
    let t = screen(sample(100, 30), 100, 30, "]]]/lantern\nn");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn search_active_50x20() {
    let t = screen(sample(50, 20), 50, 20, "/lantern\n");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn search_typing_50x20() {
    let t = screen(sample(50, 20), 50, 20, "/the sea");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_open_100x30() {
    let t = screen(sample(100, 30), 100, 30, "?");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_open_50x20() {
    let t = screen(sample(50, 20), 50, 20, "?");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn tiny_screens_draw_without_panic() {
    for (w, h) in [(1, 1), (10, 5), (2, 2), (59, 3), (60, 2)] {
        let t = screen(sample(w, h), w, h, "]G/a\nn?\t");
        assert_eq!(t.backend().buffer().area.width, w);
    }
}

#[test]
fn a_search_match_is_styled_on_screen() {
    use ratatui::style::Modifier;
    let t = screen(sample(100, 30), 100, 30, "/lantern\n");
    let buf = t.backend().buffer();
    // Find "lantern" on screen and check its first cell is reversed (no colour).
    let mut found = false;
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(col) = row.find("lantern") {
            let x = row[..col].chars().count() as u16;
            assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
            found = true;
            break;
        }
    }
    assert!(found, "lantern is on screen");
}

#[test]
fn one_huge_block_still_gets_a_quick_start_cut_at_a_line_end() {
    let mut table = String::from("# Rows\n\n| n | text |\n|---|---|\n");
    for i in 0..40_000 {
        table.push_str(&format!("| {i} | a row of the one big table |\n"));
    }
    let prefix = quire::tui::quick_start_prefix(table.as_bytes());
    assert!(prefix.len() < table.len() / 4, "the start is a small part");
    assert!(prefix.ends_with(b"|\n"), "cut after a whole row");
}

#[test]
fn a_file_of_one_huge_line_gets_a_quick_start_too() {
    let words = "word ".repeat(100_000);
    let prefix = quire::tui::quick_start_prefix(words.as_bytes());
    assert!(prefix.len() < words.len() / 4, "the start is a small part");
    assert!(prefix.ends_with(b" "), "cut after a space");
    // No space at all: cut at a character boundary, never inside one.
    let wide = "界".repeat(150_000);
    let prefix = quire::tui::quick_start_prefix(wide.as_bytes());
    assert!(prefix.len() < wide.len() / 4);
    assert!(
        std::str::from_utf8(prefix).is_ok(),
        "a whole number of characters"
    );
    // A small file is never cut.
    let small = "x".repeat(1000);
    assert_eq!(quire::tui::quick_start_prefix(small.as_bytes()).len(), 1000);
}

#[test]
fn a_large_article_shows_its_start_then_the_whole_keeping_the_place() {
    use quire::article::Article;
    use quire::tui::Inline;
    use quire::tui::jobs::Job;
    use quire::tui::reader::jobs as reader;
    use std::path::Path;

    let md = common::long_markdown(3000, 2);
    assert!(md.len() > quire::tui::QUICK_START_BYTES);
    let prefix = quire::tui::quick_start_prefix(md.as_bytes());
    assert!(prefix.len() < md.len() / 4, "the start is a small part");
    let start = Article::from_bytes(Path::new("long.md"), prefix);
    let mut app = App::new(common::config(), 100, 30);
    app.open_partial_reader(start, std::sync::Arc::new(md.clone().into_bytes()));
    assert!(app.reader().unwrap().partial);
    assert!(
        matches!(
            app.jobs.queued(),
            [(_, Job::Reader(reader::Job::LoadWhole { .. }))]
        ),
        "the whole is asked of a background job"
    );
    let start_headings = app.reader().unwrap().article.outline.len();
    // Scroll within the start and press G while the whole is still loading:
    // the screen answers, and G waits for the whole.
    let mut jobs = Inline::holding();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    run_app(
        &mut terminal,
        &mut app,
        &mut Script::keys(&"j".repeat(40)),
        &mut jobs,
    )
    .unwrap();
    let r = app.reader().unwrap();
    assert!(r.partial);
    assert_eq!(r.top, 40, "scrolling works on the start");
    run_app(&mut terminal, &mut app, &mut Script::keys("G"), &mut jobs).unwrap();
    assert_eq!(app.reader().unwrap().top, 40, "G waits for the whole");
    assert_eq!(app.reader().unwrap().deferred.len(), 1);
    // The whole arrives: same place, then the deferred G reaches the real end.
    jobs.finish_all();
    let mut script = Script::keys("");
    run_app(&mut terminal, &mut app, &mut script, &mut jobs).unwrap();
    let r = app.reader().unwrap();
    assert!(!r.partial);
    assert!(r.article.outline.len() > start_headings);
    assert_eq!(r.article.outline.len(), 3000);
    assert_eq!(
        r.top + r.rows(),
        r.doc.len(),
        "the deferred G went to the end"
    );
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_whole_article_arrives_at_the_same_place() {
    use quire::article::Article;
    use quire::tui::Inline;
    use std::path::Path;

    let md = common::long_markdown(3000, 2);
    let prefix = quire::tui::quick_start_prefix(md.as_bytes());
    let start = Article::from_bytes(Path::new("long.md"), prefix);
    let mut app = App::new(common::config(), 100, 30);
    app.open_partial_reader(start, std::sync::Arc::new(md.into_bytes()));
    let mut jobs = Inline::holding();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    run_app(
        &mut terminal,
        &mut app,
        &mut Script::keys(&"j".repeat(40)),
        &mut jobs,
    )
    .unwrap();
    let top_source = {
        let r = app.reader().unwrap();
        r.doc.line(r.top).unwrap().source()
    };
    jobs.finish_all();
    run_app(&mut terminal, &mut app, &mut Script::keys(""), &mut jobs).unwrap();
    let r = app.reader().unwrap();
    assert!(!r.partial);
    assert_eq!(
        r.doc.line(r.top).unwrap().source(),
        top_source,
        "same place"
    );
}

#[test]
fn quit_acts_at_once_while_the_whole_article_is_loading() {
    use quire::article::Article;
    use quire::tui::Inline;
    use std::path::Path;

    let md = common::long_markdown(3000, 2);
    let prefix = quire::tui::quick_start_prefix(md.as_bytes());
    let start = Article::from_bytes(Path::new("long.md"), prefix);
    let mut app = App::new(common::config(), 100, 30);
    app.open_partial_reader(start, std::sync::Arc::new(md.into_bytes()));
    // The job never finishes; q and Ctrl-c must not wait for it.
    let mut jobs = Inline::holding();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut script = Script::keys("jjqjj");
    run_app(&mut terminal, &mut app, &mut script, &mut jobs).unwrap();
    assert_eq!(
        script.0.len(),
        2,
        "the loop ended on q, before the last keys"
    );
    assert!(app.reader().unwrap().partial, "still loading when it quit");
    let mut script = Script(
        [
            Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)),
        ]
        .into_iter()
        .collect(),
    );
    run_app(&mut terminal, &mut app, &mut script, &mut jobs).unwrap();
    assert_eq!(script.0.len(), 1, "Ctrl-c ended the loop at once");
}

#[test]
fn the_status_line_cuts_a_long_breadcrumb_to_fit() {
    let Some(dir) = common::corpus() else {
        return;
    };
    let article = common::load(&dir.join("het-joshi-blog/2023-11-14-AI_and_FOSS.md"));
    let why = article
        .outline
        .iter()
        .position(|h| h.text().starts_with("Why Linux will play"))
        .unwrap();
    for width in [70u16, 100, 160] {
        let app = common::app_with(article.clone(), width, 24);
        let keys = "]".repeat(why + 1);
        let t = screen(app, width, 24, &keys);
        let buf = t.backend().buffer();
        let status: String = (0..width).map(|x| buf[(x, 23)].symbol()).collect();
        assert!(status.contains("FOSS: The Backbon"), "{status}");
        assert!(status.contains(" › Why Linux will pl"), "{status}");
        assert!(status.trim_end().ends_with('%'), "{status}");
        if width < 100 {
            assert!(status.contains('…'), "cut at {width}: {status}");
        }
    }
}

static LAYOUTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn counting_layout(
    article: &quire::article::Article,
    width: u16,
    options: quire::layout::LayoutOptions,
) -> quire::layout::Document {
    LAYOUTS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    common::plain_layout(article, width, options)
}

#[test]
fn a_burst_of_resizes_lays_out_once() {
    use std::sync::atomic::Ordering;
    let config = quire::tui::Config {
        layouter: quire::tui::Layouter::StandIn(counting_layout),
        ..common::config()
    };
    let mut app = App::new(config, 100, 30);
    app.open_reader(common::plain_sample());
    LAYOUTS.store(0, Ordering::SeqCst);
    let mut script = Script::keys("j");
    for (w, h) in [(90, 30), (80, 30), (70, 25), (64, 20)] {
        script.0.push_front(Event::Resize(w, h));
    }
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    run_app(
        &mut terminal,
        &mut app,
        &mut script,
        &mut quire::tui::Inline::default(),
    )
    .unwrap();
    assert_eq!(
        LAYOUTS.load(Ordering::SeqCst),
        1,
        "only the last size is laid out"
    );
    let r = app.reader().unwrap();
    // The last resize in the script is the first pushed: 90x30.
    assert_eq!(r.geometry.area.width, 90);
    assert_eq!(r.top, 1, "the key after the burst still counts");
}

#[test]
fn hostile_titles_and_headings_reach_the_screen_harmless() {
    use quire::article::Article;
    let md = "---\ntitle: \"Evil \\e[2J title\"\n---\n\n## Clip \x1b]52;c;ZXZpbA==\x07 board\n\nText \x1b[31m red.\n";
    let article = Article::from_bytes(std::path::Path::new("evil.md"), md.as_bytes());
    let app = common::app_with(article, 100, 20);
    let t = screen(app, 100, 20, "]");
    let buf = t.backend().buffer();
    let all: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(!all.contains('\x1b') && !all.contains('\x07'), "{all}");
    assert!(
        all.contains("Clip ␛]52"),
        "the outline and text show the escape"
    );
    let status: String = (0..100).map(|x| buf[(x, 19)].symbol()).collect();
    assert!(status.contains("Evil ␛[2J title"), "{status}");
}

/// A note of the vault fixture in the reader, its embeds inlined as the
/// reader's load does.
fn vault_note(name: &str, width: u16, height: u16) -> App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/vault")
        .join(name);
    let draft = quire::article::Draft::load(&path).expect("fixture loads");
    let article = quire::links::embeds::inline(draft).outlined();
    common::app_with(article, width, height)
}

#[test]
fn vault_wikilinks_and_embeds_80x48() {
    // Wikilinks read `Note > Heading`; embeds of sound and PDFs are
    // labelled links; a picture embed is a picture's line.
    let t = screen(vault_note("Home.md", 80, 48), 80, 48, "");
    insta::assert_snapshot!(t.backend());
    // Note embeds show their text in place, quoted under their title; the
    // cycle and the missing note are one line each.
    let t = screen(vault_note("Home.md", 80, 48), 80, 48, "G");
    insta::assert_snapshot!("vault_note_embeds_80x48", t.backend());
}

#[test]
fn vault_block_ids_hidden_and_linked_from_80x24() {
    // The `^tomato-rows` marker is not shown; B lists what links here.
    let t = screen(vault_note("Garden.md", 80, 24), 80, 24, "");
    insta::assert_snapshot!("vault_garden_80x24", t.backend());
    let t = screen(vault_note("Garden.md", 80, 24), 80, 24, "B");
    insta::assert_snapshot!("vault_linked_from_80x24", t.backend());
    // I: the outline counts the links into each section.
    let t = screen(vault_note("Garden.md", 80, 24), 80, 24, "I");
    insta::assert_snapshot!("vault_outline_links_in_80x24", t.backend());
}
