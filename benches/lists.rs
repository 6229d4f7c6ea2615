//! What a key costs in the lists, from its action to the frame the painter
//! writes, for the keys the latency harness (examples/key_latency/) times:
//! j and k in a library of 2,000 generated articles (the previews on
//! screen cached, as after the first visit, and not yet read, as a j to a
//! new article draws first), j and k over 200 search results, a letter
//! typed and taken back over them, and Ctrl-n and Ctrl-p in the link list
//! of a 5 MB article with about 2,500 links.
//! 80 x 24, as the harness (and the library's j and k on 120 x 30 too,
//! its preview beside the list); each iteration presses a key and its
//! opposite, so the screen stays put. Also the library's frame drawn again
//! with no key at all: what every key's frame costs before its own change.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use quire::library;
use quire::tui::painter::Painter;
use quire::tui::{Action, App, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/generate.rs"]
mod generate;
#[path = "common/list_screens.rs"]
mod list_screens;

use list_screens::{
    HEIGHT, WIDE, WIDTH, cache_previews, library_app, library_app_on, link_app, search_app,
};

/// Presses `there` then `back`, each drawn by `painter`, `b.iter` times.
fn keys(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    app: &mut App,
    (there, back): (Action, Action),
) {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
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
        let mut app = library_app(lib.clone());
        drop(app.jobs.take());
        if cached {
            cache_previews(&mut app, usize::MAX);
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
    // Beside the preview: the list's two rows and the preview are drawn.
    let mut app = library_app_on(lib, WIDE.0, WIDE.1);
    drop(app.jobs.take());
    cache_previews(&mut app, 80);
    keys(
        &mut group,
        "library_j_k_beside_the_preview",
        &mut app,
        (Action::LineDown, Action::LineUp),
    );
    group.finish();
}

fn search_keys(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = search_app(dir.path(), false);
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

fn link_list_keys(c: &mut Criterion) {
    let mut app = link_app();
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
