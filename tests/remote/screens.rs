//! The reader of an address through `update`, jobs run by hand and
//! TestBackend: the placeholder with its progress, a remote article's
//! picture fetched and shown, a repository's folder as a library.

use super::common::server;
use super::*;
use quire::remote::{Address, Settings};
use quire::tui::app::remote::open_first;
use quire::tui::jobs::{Done, Executor, Inline, Job, Output};
use quire::tui::library::jobs as library;
use quire::tui::reader::images::{ImageState, Pictures};
use quire::tui::reader::jobs as reader;
use quire::tui::reader::remote::FetchOutput;
use quire::tui::runtime::Reporter;
use quire::tui::{Action, App, Config, Msg, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(rows: u16) -> App {
    let config = Config {
        image_rows: rows,
        outline: quire::config::OutlineSide::Hidden,
        ..common::config()
    };
    let mut app = App::new(config, 60, 12);
    app.pictures = Pictures::halfblocks();
    app
}

fn address(url: &str) -> Address {
    quire::remote::address::parse(url).unwrap().unwrap()
}

fn settings() -> Settings {
    Settings::from_config(&quire::config::Remote::default())
}

fn draw(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(60, 12)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    terminal.backend().to_string()
}

/// Runs every queued job (fetches and remote pictures by hand, the
/// rest inline) until none is left.
fn settle(app: &mut App) {
    let mut inline = Inline::default();
    loop {
        let jobs = app.jobs.take();
        if jobs.is_empty() {
            break;
        }
        for (id, job) in jobs {
            let by_hand = matches!(&job, Job::Reader(reader::Job::Fetch(_)))
                || matches!(&job, Job::Reader(reader::Job::Image(i)) if i.remote.is_some());
            if matches!(&job, Job::Library(library::Job::Remote(_))) {
                // Its rows as they were sent, then its last.
                let (reporter, sent) = Reporter::detached(id);
                let output = quire::tui::runtime::Work::run(job, &reporter);
                for early in sent.outputs() {
                    update(app, Msg::Done(Box::new(Done { id, output: early })));
                }
                update(app, Msg::Done(Box::new(Done { id, output })));
            } else if by_hand {
                let (reporter, _) = Reporter::detached(id);
                let output = quire::tui::runtime::Work::run(job, &reporter);
                update(app, Msg::Done(Box::new(Done { id, output })));
            } else {
                inline.spawn(id, job);
            }
        }
        while let Some(done) = inline.try_next() {
            update(app, Msg::Done(Box::new(done)));
        }
    }
}

#[test]
fn the_placeholder_says_what_is_fetched_and_how_far() {
    let mut app = app(0);
    open_first(
        &mut app,
        address("http://127.0.0.1:9/notes/post.md"),
        settings(),
        true,
    );
    let jobs = app.jobs.take();
    assert!(
        matches!(jobs.as_slice(), [(_, Job::Reader(reader::Job::Fetch(_)))]),
        "{jobs:?}"
    );
    let id = jobs[0].0;
    update(
        &mut app,
        Msg::Done(Box::new(Done {
            id,
            output: Output::Reader(reader::Output::Fetch(FetchOutput::Progress(
                12_345,
                Some(40_000),
            ))),
        })),
    );
    insta::assert_snapshot!("placeholder_with_progress", draw(&mut app));
    // q leaves at once: the fetch is not waited for.
    assert!(matches!(
        update(&mut app, Action::Back),
        Some(quire::tui::Effect::Back)
    ));
}

#[test]
fn an_html_page_asks_to_open_the_browser_and_a_missing_one_says_why() {
    let server = server::start(blog);
    let mut html = app(0);
    let page = server.url("/page.html");
    open_first(&mut html, address(&page), settings(), true);
    settle(&mut html);
    let r = html.reader().unwrap();
    assert_eq!(r.links.prompt.as_deref(), Some(page.as_str()));
    assert!(draw(&mut html).contains("open http://127.0.0.1"));

    let mut gone = app(0);
    open_first(
        &mut gone,
        address(&server.url("/gone.md")),
        settings(),
        true,
    );
    settle(&mut gone);
    let message = gone.reader().unwrap().message.clone().unwrap_or_default();
    assert!(message.ends_with("the server answered 404"), "{message}");
}

fn flag_png() -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_fn(64, 32, |x, _| {
        if x < 32 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    })
    .write_to(&mut bytes, image::ImageFormat::Png)
    .unwrap();
    bytes.into_inner()
}

#[test]
fn a_remote_article_s_pictures_relative_and_absolute_are_fetched_and_shown() {
    let png = flag_png();
    let other_png = png.clone();
    let elsewhere = server::start(move |r: &Request| match r.path.as_str() {
        "/flag.png" => Reply::Page {
            content_type: "image/png",
            body: other_png.clone(),
            etag: None,
        },
        _ => Reply::Status(404),
    });
    let far = elsewhere.url("/flag.png");
    let server = server::start(move |r: &Request| match r.path.as_str() {
        "/blog/post.md" => Reply::markdown(&format!(
            "# Flags\n\n![red and blue](img/flag.png)\n\nAfter.\n\n![far](<{far}>)\n"
        )),
        "/blog/img/flag.png" => Reply::Page {
            content_type: "image/png",
            body: png.clone(),
            etag: None,
        },
        _ => Reply::Status(404),
    });
    let mut app = app(4);
    open_first(
        &mut app,
        address(&server.url("/blog/post.md")),
        settings(),
        true,
    );
    settle(&mut app);
    update(&mut app, Action::Resize(60, 12));
    settle(&mut app);
    let r = app.reader().unwrap();
    assert_eq!(r.article.path, Path::new(&server.url("/blog/post.md")));
    assert_eq!(r.doc.images.len(), 2);
    for block in &r.doc.images {
        let key = quire::tui::reader::images::key_of(&r.doc, block);
        assert!(
            matches!(r.images.get(&key), Some(ImageState::Ready(_))),
            "{}: {:?}",
            key.target,
            r.images.get(&key)
        );
    }
    assert_eq!(server.hits("/blog/img/flag.png").len(), 1);
    assert_eq!(elsewhere.hits("/flag.png").len(), 1);
    let screen = draw(&mut app);
    assert!(screen.contains('▀') || screen.contains('▄'), "{screen}");
}

fn draw_at(app: &mut App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn a_repository_folder_opens_as_a_library_named_at_once_then_filled() {
    let (api, raw) = super::forge::forge();
    let mut app = App::new(common::config(), 90, 14);
    // Files through the API (no raw host): Enter opens `gh:…` addresses.
    let settings = Settings {
        github_api: api.url("/api"),
        github_raw: None,
        ..settings()
    };
    open_first(&mut app, address("gh:o/widget/docs"), settings, true);
    // The fetch alone: one listing, the files by name.
    let jobs = app.jobs.take();
    let [(id, job)] = <[_; 1]>::try_from(jobs).unwrap();
    let (reporter, _) = Reporter::detached(id);
    let output = quire::tui::runtime::Work::run(job, &reporter);
    update(&mut app, Msg::Done(Box::new(Done { id, output })));
    assert_eq!(api.hits("/api/repos/o/widget/git/trees/HEAD").len(), 1);
    assert_eq!(api.hits("/api/repos/o/widget/contents/docs").len(), 0);
    let lib = app.library().expect("a library on top");
    assert_eq!(app.screens.len(), 1, "the placeholder gave way");
    let names: Vec<String> = lib
        .library
        .entries
        .iter()
        .map(|e| e.path_string())
        .collect();
    assert_eq!(names, ["api/reference.md", "faq.md", "guide.md"]);
    insta::assert_snapshot!("remote_library_by_name", draw_at(&mut app, 90, 14));

    // The fill reads every file (and the preview its selected one).
    settle(&mut app);
    let lib = app.library().unwrap();
    let mut titles: Vec<&str> = lib
        .library
        .entries
        .iter()
        .map(|e| e.meta.title.as_str())
        .collect();
    titles.sort_unstable();
    assert_eq!(titles, ["Questions asked", "The guide", "The reference"]);
    assert_eq!(lib.states.scan, None, "the fill is done");
    insta::assert_snapshot!("remote_library_filled", draw_at(&mut app, 90, 14));

    // Enter opens the selected file by address; back returns to the list.
    update(&mut app, Action::OpenSelected);
    settle(&mut app);
    let r = app.reader().expect("a reader on top");
    assert_eq!(r.article.meta.title, "The reference");
    assert_eq!(
        r.article.path,
        Path::new(&raw.url("/o/widget/main/docs/api/reference.md"))
    );
    assert!(matches!(
        update(&mut app, Action::Back),
        Some(quire::tui::Effect::Back)
    ));
    app.pop_screen();
    assert!(app.library().is_some());

    // `e` says why not, instead of opening an editor on an address.
    update(&mut app, Action::Edit);
    let message = app.library().unwrap().message.clone().unwrap_or_default();
    assert!(message.contains("cannot be edited"), "{message}");
}

#[test]
fn a_repository_folder_s_rows_show_what_was_read_by_each_file_s_url() {
    let (api, _raw) = super::forge::forge();
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("quire.db");
    // Files through the API (no raw host): Enter opens `gh:…` addresses.
    let settings = Settings {
        github_api: api.url("/api"),
        github_raw: None,
        ..settings()
    };
    let open = |settings: Settings| {
        let mut app = App::new(common::config(), 90, 14);
        app.memory = quire::tui::state::Memory::at(&db);
        open_first(&mut app, address("gh:o/widget/docs"), settings, true);
        settle(&mut app);
        app
    };
    let mut app = open(settings.clone());
    let reference = |app: &App| {
        let lib = app.library().unwrap();
        let i = lib
            .library
            .entries
            .iter()
            .position(|e| e.path_string() == "api/reference.md")
            .unwrap();
        lib.state_of(i).cloned()
    };
    assert_eq!(reference(&app), None, "never opened");
    // Read to the end, then back to the list: the row knows at once.
    update(&mut app, Action::OpenSelected);
    settle(&mut app);
    assert_eq!(app.reader().unwrap().article.meta.title, "The reference");
    update(&mut app, Action::Bottom);
    settle(&mut app);
    app.pop_screen();
    settle(&mut app);
    assert!(reference(&app).is_some_and(|s| s.read));
    // Opened again, the folder's rows read their states from the store.
    let app = open(settings);
    assert!(reference(&app).is_some_and(|s| s.read));
    assert!(draw_at(&mut { app }, 90, 14).contains('✓'));
}
