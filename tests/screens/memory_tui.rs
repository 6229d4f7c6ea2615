//! The reader's memory: a saved place comes back across widths and after an
//! edit above it, the read/unread rules, `m`, and the whole round through
//! the store's jobs (opened, saved on leaving, on a tick, at exit) with the
//! Inline executor and a store in a temporary folder.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use quire::article::Article;
use quire::store::{ReadingState, Store};
use quire::tui::jobs::{Executor, Inline, Job};
use quire::tui::memory::{self, Memory, MemoryJob};
use quire::tui::{Action, App, Msg, ReaderScreen, Screen, update};

fn article(md: &str) -> Article {
    Article::from_bytes(Path::new("long.md"), md.as_bytes())
}

fn reader(md: &str, width: u16, height: u16) -> ReaderScreen {
    ReaderScreen::new(article(md), common::config(), width, height)
}

fn state_with(r: &mut ReaderScreen) -> ReadingState {
    let (_, visit) = {
        r.memory.key = Some("k".into());
        r.take_visit(Instant::now()).unwrap()
    };
    ReadingState {
        position: Some(visit.position),
        progress: visit.progress,
        read: visit.reached_end,
        last_opened: Some(1),
    }
}

fn anchor(r: &ReaderScreen) -> Option<String> {
    r.place().anchor
}

#[test]
fn the_same_width_comes_back_to_the_exact_top_line() {
    let md = common::long_markdown(8, 6);
    let mut first = reader(&md, 90, 30);
    first.jump_to_heading(4);
    first.scroll_down(7);
    let top = first.top;
    let state = state_with(&mut first);

    let mut again = reader(&md, 90, 30);
    again.remember("k".into(), state);
    assert_eq!(again.top, top);
    let note = again.message.clone().unwrap();
    assert!(note.starts_with("back at: Section 4"), "{note}");
    assert!(note.ends_with("g goes to the top"), "{note}");
}

#[test]
fn a_new_width_keeps_the_section_and_the_fraction_into_it() {
    let md = common::long_markdown(8, 6);
    let mut wide = reader(&md, 110, 30);
    wide.jump_to_heading(5);
    wide.scroll_down(10);
    let fraction = wide.place().fraction;
    let state = state_with(&mut wide);

    let mut narrow = reader(&md, 50, 30);
    narrow.remember("k".into(), state);
    assert_eq!(anchor(&narrow).as_deref(), Some("section-5"));
    let now = narrow.place().fraction;
    // One narrow line is a smaller step than one wide line.
    assert!((now - fraction).abs() < 0.05, "{now} vs {fraction}");
    assert!(narrow.top > wide.top, "narrower text has more lines above");
}

#[test]
fn an_edit_above_the_place_does_not_move_it() {
    let md = common::long_markdown(8, 6);
    let mut before = reader(&md, 80, 30);
    before.jump_to_heading(6);
    before.scroll_down(5);
    let lines_in = before.place().lines_in;
    let state = state_with(&mut before);

    // Two paragraphs more in section 1, well above the place.
    let edited = md.replacen(
        "## Section 2\n",
        "A new paragraph that was written later.\n\nAnd another one, longer, that wraps \
         over more than one line at this width for sure.\n\n## Section 2\n",
        1,
    );
    let mut after = reader(&edited, 80, 30);
    after.remember("k".into(), state);
    assert!(after.top > before.top, "the lines above grew");
    assert_eq!(anchor(&after).as_deref(), Some("section-6"));
    assert_eq!(after.place().lines_in, lines_in);
}

#[test]
fn a_gone_section_falls_back_to_the_top_line() {
    let md = common::long_markdown(8, 6);
    let mut before = reader(&md, 80, 30);
    before.jump_to_heading(3);
    before.scroll_down(2);
    let top = before.top;
    let state = state_with(&mut before);
    let renamed = md.replace("## Section 3\n", "## Renamed\n");
    let mut after = reader(&renamed, 80, 30);
    after.remember("k".into(), state);
    assert_eq!(after.top, top);
}

#[test]
fn a_reader_that_moved_before_its_place_arrived_stays_where_it_is() {
    let md = common::long_markdown(8, 6);
    let mut first = reader(&md, 80, 30);
    first.jump_to_heading(5);
    let state = state_with(&mut first);
    let mut again = reader(&md, 80, 30);
    again.scroll_down(3);
    again.remember("k".into(), state);
    assert_eq!(again.top, 3);
    assert_eq!(again.message, None);
}

#[test]
fn an_article_is_read_once_its_last_line_was_on_screen() {
    let md = common::long_markdown(6, 5);
    let mut r = reader(&md, 80, 20);
    r.observe();
    assert!(!r.memory.read);
    let start = r.memory.furthest;
    assert!(start > 0.0 && start < 0.5, "{start}");
    r.scroll_down(r.max_top() / 2);
    r.observe();
    let half = r.memory.furthest;
    assert!(half > start && half < 1.0);
    // Going back up never lowers the furthest point.
    r.top = 0;
    r.observe();
    assert_eq!(r.memory.furthest, half);
    assert!(!r.memory.reached_end);
    r.bottom();
    r.observe();
    assert!(r.memory.read && r.memory.reached_end);
    assert_eq!(r.memory.furthest, 1.0);
}

#[test]
fn a_short_article_is_read_as_soon_as_it_shows() {
    let mut r = reader("# Short\n\nOne paragraph only.\n", 80, 30);
    r.observe();
    assert!(r.memory.read);
}

#[test]
fn m_marks_unread_and_the_end_must_leave_the_screen_to_count_again() {
    let md = common::long_markdown(6, 5);
    let mut r = reader(&md, 80, 20);
    r.memory.key = Some("k".into());
    r.bottom();
    r.observe();
    assert!(r.memory.read);
    let job = r.toggle_read().unwrap();
    assert!(matches!(job, MemoryJob::MarkRead { read: false, .. }));
    assert_eq!(r.message.as_deref(), Some("marked unread"));
    r.observe();
    assert!(!r.memory.read, "still at the end: not read again by itself");
    assert_eq!(r.memory.furthest, 0.0);
    r.scroll_up(5);
    r.observe();
    r.bottom();
    r.observe();
    assert!(r.memory.read, "the end came back on screen");
    let job = r.toggle_read();
    assert!(matches!(job, Some(MemoryJob::MarkRead { read: false, .. })));
    r.memory.read = false;
    assert!(matches!(
        r.toggle_read(),
        Some(MemoryJob::MarkRead { read: true, .. })
    ));
}

#[test]
fn m_without_a_key_says_so_and_asks_for_nothing() {
    let mut r = reader(&common::long_markdown(2, 2), 80, 20);
    assert!(r.toggle_read().is_none());
    assert!(r.message.is_some());
}

// ----- Through the jobs, with a store in a temporary folder -----

/// Runs queued jobs on this thread and delivers their results until none
/// are left.
fn settle(app: &mut App) -> Vec<Job> {
    let mut ran = Vec::new();
    loop {
        let jobs = app.jobs.take();
        if jobs.is_empty() {
            return ran;
        }
        let mut inline = Inline::default();
        for (id, job) in jobs {
            ran.push(job.clone());
            inline.spawn(id, job);
        }
        while let Some(done) = inline.try_next() {
            update(app, Msg::Done(Box::new(done)));
        }
    }
}

struct Setup {
    _dir: tempfile::TempDir,
    db: PathBuf,
    file: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.md");
    std::fs::write(&file, common::long_markdown(8, 6)).unwrap();
    Setup {
        db: dir.path().join("state/quire.db"),
        file,
        _dir: dir,
    }
}

fn open(s: &Setup) -> App {
    let mut app = App::new(common::config(), 100, 30);
    app.memory = Memory::at(&s.db);
    app.open_reader(Article::load(&s.file).unwrap());
    memory::after_update(&mut app);
    settle(&mut app);
    app
}

fn top(app: &App) -> usize {
    app.reader().unwrap().top
}

fn stored(s: &Setup) -> ReadingState {
    let key = std::fs::canonicalize(&s.file).unwrap();
    Store::open(&s.db)
        .unwrap()
        .reading_state(&key.to_string_lossy())
        .unwrap()
}

#[test]
fn leaving_the_reader_saves_its_place_and_opening_again_goes_back_there() {
    let s = setup();
    let mut app = open(&s);
    assert!(app.reader().unwrap().memory.key.is_some());
    for _ in 0..4 {
        update(&mut app, Action::NextHeading);
    }
    update(&mut app, Action::LineDown);
    let place = top(&app);
    app.pop_screen();
    let jobs = settle(&mut app);
    assert!(
        jobs.iter().any(|j| matches!(
            j,
            Job::Memory {
                job: MemoryJob::Save { .. },
                ..
            }
        )),
        "leaving saves: {jobs:?}"
    );
    let state = stored(&s);
    assert!(state.last_opened.is_some());
    assert!(state.progress > 0.0 && !state.read);

    let app = open(&s);
    assert_eq!(top(&app), place);
    let note = app.reader().unwrap().message.clone().unwrap();
    assert!(note.starts_with("back at: Section 3"), "{note}");
}

#[test]
fn the_note_goes_with_the_next_key() {
    let s = setup();
    let mut app = open(&s);
    update(&mut app, Action::NextHeading);
    update(&mut app, Action::NextHeading);
    memory::save_at_exit(&mut app);
    let mut app = open(&s);
    assert!(app.reader().unwrap().message.is_some());
    update(&mut app, Action::Top);
    assert_eq!(app.reader().unwrap().message, None);
    assert_eq!(top(&app), 0);
}

#[test]
fn a_tick_saves_a_changed_place_only_every_few_seconds() {
    let s = setup();
    let mut app = open(&s);
    let saves = |jobs: &[Job]| {
        jobs.iter()
            .filter(|j| {
                matches!(
                    j,
                    Job::Memory {
                        job: MemoryJob::Save { .. },
                        ..
                    }
                )
            })
            .count()
    };
    let start = Instant::now();
    update(&mut app, Msg::Tick(start + Duration::from_secs(10)));
    assert_eq!(saves(&settle(&mut app)), 0, "nothing changed");
    update(&mut app, Action::PageDown);
    update(&mut app, Msg::Tick(start + Duration::from_secs(11)));
    assert_eq!(saves(&settle(&mut app)), 1);
    update(&mut app, Action::PageDown);
    update(&mut app, Msg::Tick(start + Duration::from_secs(12)));
    assert_eq!(saves(&settle(&mut app)), 0, "the last save is too recent");
    update(&mut app, Msg::Tick(start + Duration::from_secs(15)));
    assert_eq!(saves(&settle(&mut app)), 1);
    // Keys alone never save.
    for _ in 0..20 {
        update(&mut app, Action::LineDown);
    }
    assert_eq!(saves(&settle(&mut app)), 0);
}

#[test]
fn quitting_saves_at_exit_even_a_write_that_never_ran() {
    let s = setup();
    let mut app = open(&s);
    update(&mut app, Action::Bottom);
    // Marked unread, and the job never ran: the exit does it.
    update(&mut app, Action::ToggleRead);
    assert_eq!(app.jobs.queued().len(), 1);
    update(&mut app, Action::PageUp);
    memory::save_at_exit(&mut app);
    let state = stored(&s);
    assert!(!state.read);
    assert!(state.position.is_some());
    assert!(state.position.unwrap().top_line > 0);
}

#[test]
fn reading_to_the_end_marks_it_read_in_the_store() {
    let s = setup();
    let mut app = open(&s);
    update(&mut app, Action::Bottom);
    app.pop_screen();
    settle(&mut app);
    let state = stored(&s);
    assert!(state.read);
    assert_eq!(state.percent(), 100);
}

#[test]
fn without_a_store_nothing_is_asked_and_m_says_why() {
    let s = setup();
    let mut app = App::new(common::config(), 100, 30);
    app.open_reader(Article::load(&s.file).unwrap());
    memory::after_update(&mut app);
    assert!(app.jobs.queued().is_empty());
    update(&mut app, Action::ToggleRead);
    assert!(app.jobs.queued().is_empty());
    let Some(Screen::Reader(r)) = app.screens.last() else {
        panic!("a reader")
    };
    assert!(r.message.as_deref().unwrap().contains("without memory"));
    assert!(!s.db.exists(), "no store was made");
}
