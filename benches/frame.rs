//! Reader benchmarks: one frame drawn on a `TestBackend` for a 10 KB and a
//! 5 MB article (a frame draws only the visible rows, so both should cost
//! the same), a search over the whole 5 MB document, and the work before
//! the first screen of a 5 MB article (its start parsed and laid out).
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use quire::article::Article;
use quire::tui::{Action, App, Config, update};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// The sample article repeated until it is `bytes` long, every heading made
/// distinct by a part number.
fn article_of(bytes: usize) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader/lighthouse.md");
    let text = std::fs::read_to_string(path).unwrap();
    let body_at = text[4..].find("\n---\n").unwrap() + 4 + 5;
    let (front, body) = text.split_at(body_at);
    let mut out = String::from(front);
    let mut part = 0;
    while out.len() < bytes {
        part += 1;
        for line in body.lines() {
            out.push_str(line);
            if line.starts_with('#') {
                out.push_str(&format!(" (part {part})"));
            }
            out.push('\n');
        }
    }
    out.into_bytes()
}

fn app_for(bytes: &[u8], width: u16, height: u16) -> App {
    let article = Article::from_bytes(Path::new("bench.md"), bytes);
    let config = Config {
        theme: quire::theme::Theme::DARK,
        outline: quire::config::OutlineSide::Left,
        outline_width: quire::config::DEFAULT_OUTLINE_WIDTH,
        ..Config::default()
    };
    let mut app = App::new(config, width, height);
    app.open_reader(article);
    app
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for (name, size) in [("10KB", 10 * 1024), ("5MB", 5 * 1024 * 1024)] {
        let bytes = article_of(size);
        let mut app = app_for(&bytes, 120, 40);
        // Somewhere in the middle, with a search active, as a reader would be.
        update(&mut app, Action::SearchStart);
        for c in "lantern".chars() {
            update(&mut app, Action::SearchInput(c));
        }
        update(&mut app, Action::SearchSubmit);
        let len = app.reader().unwrap().doc.len();
        app.reader_mut().unwrap().top = len / 2;
        update(&mut app, Action::LineDown);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        group.bench_function(format!("draw_{name}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| quire::tui::ui::draw(f, black_box(&app)))
                    .unwrap();
            })
        });
    }
    group.finish();
}

/// What a key costs from its action to the frame it draws, for the keys
/// the latency harness (examples/key_latency/) times in a terminal: a
/// line and a page down and back, and the next heading. The article is the
/// 5 MB one at 80 x 24 with the outline beside it; each iteration presses
/// the key and its opposite, so the place stays put. `5MB_j_k_as_bytes`
/// draws through the crossterm backend into a sink (the bytes a terminal
/// is sent, made and dropped), the others on a `TestBackend`.
fn per_key(c: &mut Criterion) {
    let mut group = c.benchmark_group("key");
    let bytes = article_of(5 * 1024 * 1024);
    let mut app = app_for(&bytes, 80, 24);
    let len = app.reader().unwrap().doc.len();
    app.reader_mut().unwrap().top = len / 2;
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    // The painter the event loop draws with: a line's scroll moves the
    // terminal's rows and writes the new line.
    let mut painter = quire::tui::painter::Painter::default();
    painter.draw(&mut terminal, &app).unwrap();
    // The same frames written as bytes for a terminal (the crossterm
    // backend into a sink): what a key costs before the terminal reads it.
    let mut bytes_terminal = Terminal::with_options(
        CrosstermBackend::new(std::io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        },
    )
    .unwrap();
    let mut bytes_painter = quire::tui::painter::Painter::default();
    bytes_painter.draw(&mut bytes_terminal, &app).unwrap();
    group.bench_function("5MB_j_k_as_bytes", |b| {
        b.iter(|| {
            for action in [Action::LineDown, Action::LineUp] {
                update(&mut app, action);
                bytes_painter
                    .draw(&mut bytes_terminal, black_box(&app))
                    .unwrap();
            }
        })
    });
    for (name, there, back) in [
        ("j_k", Action::LineDown, Action::LineUp),
        ("space_b", Action::PageDown, Action::PageUp),
        (
            "next_heading_and_back",
            Action::NextHeading,
            Action::PrevHeading,
        ),
    ] {
        group.bench_function(format!("5MB_{name}"), |b| {
            b.iter_custom(|iters| {
                // The test backend keeps each row a scroll pushes off the
                // top, and past 65,535 of them moves them all for each new
                // one: every batch starts on a fresh one, untimed.
                *terminal.backend_mut() = TestBackend::new(80, 24);
                painter.clear(&mut terminal).unwrap();
                painter.draw(&mut terminal, &app).unwrap();
                let start = std::time::Instant::now();
                for _ in 0..iters {
                    for action in [there.clone(), back.clone()] {
                        update(&mut app, action);
                        painter.draw(&mut terminal, black_box(&app)).unwrap();
                    }
                }
                start.elapsed()
            })
        });
    }
    group.finish();
}

fn search(c: &mut Criterion) {
    let bytes = article_of(5 * 1024 * 1024);
    let app = app_for(&bytes, 120, 40);
    let doc = &app.reader().unwrap().doc;
    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.bench_function("5MB_any_case", |b| {
        b.iter(|| quire::search::find(doc, black_box("lantern")))
    });
    group.bench_function("5MB_exact_case", |b| {
        b.iter(|| quire::search::find(doc, black_box("Lantern")))
    });
    group.bench_function("5MB_folded_unicode", |b| {
        b.iter(|| quire::search::find(doc, black_box("über")))
    });
    group.finish();
}

fn first_screen(c: &mut Criterion) {
    let bytes = article_of(5 * 1024 * 1024);
    let mut group = c.benchmark_group("first_screen");
    let shared = std::sync::Arc::new(bytes.clone());
    group.sample_size(10);
    group.bench_function("5MB_quick_start", |b| {
        b.iter(|| {
            let prefix = quire::tui::quick_start_prefix(&bytes);
            let start = Article::from_bytes(Path::new("bench.md"), prefix);
            let mut app = App::new(Config::default(), 120, 40);
            app.open_partial_reader(start, std::sync::Arc::clone(&shared));
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            terminal.draw(|f| quire::tui::ui::draw(f, &app)).unwrap();
        })
    });
    group.bench_function("5MB_parse_only", |b| {
        b.iter(|| Article::from_bytes(Path::new("bench.md"), black_box(&bytes)))
    });
    let article = Article::from_bytes(Path::new("bench.md"), &bytes);
    group.bench_function("5MB_layout_only", |b| {
        b.iter(|| {
            quire::layout::layout(black_box(&article), 88, quire::layout::LayoutOptions::PLAIN)
        })
    });
    group.bench_function("5MB_whole_article_load_and_layout", |b| {
        b.iter(|| app_for(black_box(&bytes), 120, 40))
    });
    group.finish();
}

criterion_group!(benches, frame, per_key, search, first_screen);
criterion_main!(benches);
