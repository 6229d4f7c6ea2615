//! The list screens the lists bench times and `examples/frame_cost` counts,
//! made the same way for both: the search screen over 200 results of our
//! own words, the link list of a 5 MB article of our own, and a library of
//! generated articles; 80 x 24, as the latency harness.

use std::path::{Path, PathBuf};

use quire::article::Article;
use quire::library::{self, Filter};
use quire::search::{Hit, Snippet};
use quire::tui::jobs::{Executor, Inline};
use quire::tui::library::LibraryScreen;
use quire::tui::search::SearchScreen;
use quire::tui::{Action, App, Config, Msg, Screen, update};

use super::generate;

pub const WIDTH: u16 = 80;
pub const HEIGHT: u16 = 24;

pub fn config() -> Config {
    Config {
        theme: quire::theme::Theme::DARK,
        ..Config::default()
    }
}

/// Runs the app's queued jobs inline and delivers their results.
pub fn settle(app: &mut App) {
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

/// 200 results for `lantern`, each with its word marked in the snippet.
fn lantern_hits() -> Vec<Hit> {
    (0..200)
        .map(|i| {
            let text = format!(
                "the old lantern by the harbour wall, part {i}, and the \
                 garden behind it where the river bends"
            );
            let at = text.find("lantern").unwrap_or(0);
            Hit {
                path: PathBuf::from(format!("{i}.md")),
                title: format!("A walk along the harbour, day {i}"),
                section: vec!["Evening".into(), format!("The lantern {i}")],
                anchor: format!("the-lantern-{i}"),
                line: 3,
                snippet: Snippet {
                    text,
                    marks: std::iter::once(at..at + "lantern".len()).collect(),
                },
                score: 1.0,
            }
        })
        .collect()
}

/// The search screen over 200 results above a library of 50 generated
/// articles in `dir`: browsing them 20 down, or typing at its prompt.
pub fn search_app(dir: &Path, typing: bool) -> App {
    generate::generate(dir, 50);
    let lib = library::scan(dir).unwrap();
    let mut app = App::new(config(), WIDTH, HEIGHT);
    let screen = LibraryScreen::new(lib, Filter::default(), HEIGHT);
    let mut search = SearchScreen::new(&screen, WIDTH, HEIGHT);
    search.input = "lantern".into();
    search.typing = typing;
    search.show("lantern".into(), lantern_hits());
    app.open_library(screen);
    app.screens.push(Screen::Search(Box::new(search)));
    if !typing {
        for _ in 0..20 {
            update(&mut app, Action::LineDown);
        }
    }
    drop(app.jobs.take());
    app
}

/// A 5 MB article of our own words with five links a paragraph of about
/// 2 KB (the harness's seed post has about as many).
pub fn linked_article() -> Vec<u8> {
    linked_article_of(5 * 1024 * 1024)
}

/// [`linked_article`], about `bytes` long.
pub fn linked_article_of(bytes: usize) -> Vec<u8> {
    let mut out = String::from("---\ntitle: Links all the way down\n---\n\n");
    let mut part = 0;
    while out.len() < bytes {
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

/// The reader over [`linked_article`], its link list open 40 links down.
pub fn link_app() -> App {
    let article = Article::from_bytes(Path::new("links.md"), &linked_article());
    let mut app = App::new(config(), WIDTH, HEIGHT);
    app.open_reader(article);
    settle(&mut app);
    update(&mut app, Action::LinkList);
    settle(&mut app);
    for _ in 0..40 {
        update(&mut app, Action::LinkDown);
    }
    app
}

/// The reader over a [`linked_article_of`] `bytes`, the outline beside
/// the text, 400 lines down (for `examples/frame_cost`; the reader's
/// benches are in benches/frame.rs).
#[allow(dead_code)]
pub fn article_app(bytes: usize) -> App {
    let article = Article::from_bytes(Path::new("article.md"), &linked_article_of(bytes));
    let mut app = App::new(config(), WIDTH, HEIGHT);
    app.open_reader(article);
    settle(&mut app);
    app.reader_mut().unwrap().top = 400;
    update(&mut app, Action::LineDown);
    settle(&mut app);
    app
}

/// The library of `lib`, 40 rows down (so the list scrolls with j and k),
/// the previews of the rows it moved to asked for (their jobs queued).
pub fn library_app(lib: library::Library) -> App {
    library_app_on(lib, WIDTH, HEIGHT)
}

/// A terminal wide enough for the library's preview beside its list.
pub const WIDE: (u16, u16) = (120, 30);

/// [`library_app`] on a `width` x `height` terminal.
pub fn library_app_on(lib: library::Library, width: u16, height: u16) -> App {
    let mut app = App::new(config(), width, height);
    app.open_library(LibraryScreen::new(lib, Filter::default(), height));
    settle(&mut app);
    for _ in 0..40 {
        update(&mut app, Action::LineDown);
    }
    app
}

/// Reads the previews of the library's first `n` rows into its cache, as
/// after a first visit.
pub fn cache_previews(app: &mut App, n: usize) {
    let s = app.library_mut().unwrap();
    for &row in s.rows.clone().iter().take(n) {
        if let quire::tui::library::Row::Article(i) = row {
            let path = s.library.root.join(&s.library.entries[i].path);
            let article = Article::from_bytes(&path, &std::fs::read(&path).unwrap());
            let preview = quire::library::Preview::of(&article);
            s.set_preview(i, quire::tui::library::PreviewState::Ready(preview));
        }
    }
}
