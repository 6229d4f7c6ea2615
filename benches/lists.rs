//! What a key costs in the lists, from its action to the frame the painter
//! writes, for the keys the latency harness (examples/key_latency/) times:
//! j and k in a library of 2,000 generated articles (the previews on
//! screen cached, as after the first visit, and not yet read, as a j to a
//! new article draws first), j and k over 200 search results, a letter
//! typed and taken back over them, and Ctrl-n and Ctrl-p in the link list
//! of a 5 MB article with about 2,500 links.
//! 80 x 24, as the harness; each iteration presses a key and its opposite,
//! so the screen stays put. Also the library's frame drawn again with no
//! key at all: what every key's frame costs before its own change.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use quire::article::Article;
use quire::library::{self, Filter, Preview};
use quire::search::{Hit, Snippet};
use quire::tui::jobs::{Executor, Inline};
use quire::tui::library::{LibraryScreen, PreviewState};
use quire::tui::painter::Painter;
use quire::tui::search::SearchScreen;
use quire::tui::{Action, App, Config, Msg, Screen, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/generate.rs"]
mod generate;

const WIDTH: u16 = 80;
const HEIGHT: u16 = 24;

fn config() -> Config {
    Config {
        theme: quire::theme::Theme::DARK,
        ..Config::default()
    }
}

/// Runs the app's queued jobs inline and delivers their results.
fn settle(app: &mut App) {
    let mut inline = Inline::default();
    loop {
        let jobs = app.jobs.take();
        if jobs.is_empty() && !inline.busy() {
            return;
        }
        for (id, job) in jobs {
            inline.spawn(id, job);
        }
        while let Some(done) = inline.try_next() {
            update(app, Msg::Done(Box::new(done)));
        }
    }
}

/// Presses `there` then `back`, each drawn by `painter`, `b.iter` times.
fn keys(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    app: &mut App,
    (there, back): (Action, Action),
) {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let mut painter = Painter::default();
    painter.draw(&mut terminal, app).unwrap();
    group.bench_function(name, |b| {
        b.iter(|| {
            for action in [there.clone(), back.clone()] {
                update(app, action);
                // A preview not cached is asked for: the job is dropped
                // here, as the frame is drawn before it comes back.
                drop(app.jobs.take());
                painter.draw(&mut terminal, black_box(app)).unwrap();
            }
        })
    });
}

fn library_keys(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    generate::generate(dir.path(), 2000);
    let lib = library::scan(dir.path()).unwrap();
    let mut group = c.benchmark_group("lists");
    for cached in [true, false] {
        let mut app = App::new(config(), WIDTH, HEIGHT);
        let screen = LibraryScreen::new(lib.clone(), Filter::default(), HEIGHT);
        app.open_library(screen);
        settle(&mut app);
        // Somewhere down the list, so the list scrolls with j and k.
        for _ in 0..40 {
            update(&mut app, Action::LineDown);
        }
        drop(app.jobs.take());
        let s = app.library_mut().unwrap();
        for &row in &s.rows.clone() {
            if let (true, quire::tui::library::Row::Article(i)) = (cached, row) {
                let path = s.library.root.join(&s.library.entries[i].path);
                let article = Article::from_bytes(&path, &std::fs::read(&path).unwrap());
                s.set_preview(i, PreviewState::Ready(Preview::of(&article)));
            }
        }
        if cached {
            // A frame that shows what the last one showed: the floor under
            // every key's frame (the rows, header and preview remembered).
            let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
            let mut painter = Painter::default();
            group.bench_function("library_frame_unchanged", |b| {
                b.iter(|| painter.draw(&mut terminal, black_box(&app)).unwrap())
            });
        }
        let name = if cached {
            "library_j_k_previews_cached"
        } else {
            "library_j_k_previews_to_come"
        };
        keys(
            &mut group,
            name,
            &mut app,
            (Action::LineDown, Action::LineUp),
        );
    }
    group.finish();
}

fn search_keys(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    generate::generate(dir.path(), 50);
    let lib = library::scan(dir.path()).unwrap();
    let mut app = App::new(config(), WIDTH, HEIGHT);
    let screen = LibraryScreen::new(lib, Filter::default(), HEIGHT);
    let mut search = SearchScreen::new(&screen, WIDTH, HEIGHT);
    let hits = (0..200)
        .map(|i| {
            let text = format!(
                "the old lantern by the harbour wall, part {i}, and the \
                 garden behind it where the river bends"
            );
            let at = text.find("lantern").unwrap();
            let mut marks = Vec::new();
            marks.push(at..at + "lantern".len());
            Hit {
                path: PathBuf::from(format!("{i}.md")),
                title: format!("A walk along the harbour, day {i}"),
                section: vec!["Evening".into(), format!("The lantern {i}")],
                anchor: format!("the-lantern-{i}"),
                line: 3,
                snippet: Snippet { text, marks },
                score: 1.0,
            }
        })
        .collect();
    search.input = "lantern".into();
    search.typing = false;
    search.show("lantern".into(), hits);
    app.open_library(screen);
    app.screens.push(Screen::Search(Box::new(search)));
    for _ in 0..20 {
        update(&mut app, Action::LineDown);
    }
    drop(app.jobs.take());
    let mut group = c.benchmark_group("lists");
    keys(
        &mut group,
        "search_results_j_k",
        &mut app,
        (Action::LineDown, Action::LineUp),
    );
    // A letter typed and taken back over the same results (the query it
    // asks for is dropped: its results come in a frame of their own).
    update(&mut app, Action::FilterStart);
    keys(
        &mut group,
        "search_typing_letter_backspace",
        &mut app,
        (Action::FilterInput('s'), Action::FilterBackspace),
    );
    group.finish();
}

/// A 5 MB article of our own words with five links a paragraph of about
/// 2 KB (the harness's seed post has about as many).
fn linked_article() -> Vec<u8> {
    let mut out = String::from("---\ntitle: Links all the way down\n---\n\n");
    let mut part = 0;
    while out.len() < 5 * 1024 * 1024 {
        part += 1;
        out.push_str(&format!("## Part {part}\n\n"));
        for k in 0..5 {
            out.push_str(&format!(
                "The ferry left at dawn and the harbour was still dark; we \
                 read [the timetable {part}.{k}](https://example.org/ferries/{part}/{k}) \
                 by a lantern and walked on along the quay past the market \
                 stalls, the fishing boats and the old customs house, whose \
                 clock had stopped years ago at a quarter past four. "
            ));
        }
        out.push_str("\n\n");
        for _ in 0..3 {
            out.push_str(
                "Nobody minded the clock. The town kept its own time: the \
                 bakery opened when the first boats came in, the school bell \
                 rang when the baker's van had gone by, and the evening \
                 started when the lighthouse keeper lit the lamp.\n\n",
            );
        }
    }
    out.into_bytes()
}

fn link_list_keys(c: &mut Criterion) {
    let bytes = linked_article();
    let article = Article::from_bytes(Path::new("links.md"), &bytes);
    let mut app = App::new(config(), WIDTH, HEIGHT);
    app.open_reader(article);
    settle(&mut app);
    update(&mut app, Action::LinkList);
    settle(&mut app);
    for _ in 0..40 {
        update(&mut app, Action::LinkDown);
    }
    let list = app.reader().unwrap().links.list.as_ref().unwrap();
    assert!(list.shown.len() > 1000, "{} links", list.shown.len());
    assert_eq!(list.selected, 40);
    let mut group = c.benchmark_group("lists");
    keys(
        &mut group,
        "link_list_ctrl_n_ctrl_p",
        &mut app,
        (Action::LinkDown, Action::LinkUp),
    );
    group.finish();
}

criterion_group!(benches, library_keys, search_keys, link_list_keys);
criterion_main!(benches);
