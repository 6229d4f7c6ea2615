//! Shared helpers for integration tests: sample articles, an app on a
//! `TestBackend`, and a tmux driver for end-to-end runs of the binary.
#![allow(dead_code, clippy::unwrap_used)]

pub mod server;
pub mod tmux;

use std::path::{Path, PathBuf};

use quire::article::{Article, Heading, Meta};
use quire::layout::{Document, DocumentBuilder, LayoutOptions, Role, Style};
use quire::tui::{App, Config};

/// Empty config and state folders for this test process, so that no user's
/// config or store reaches a test (XDG_CONFIG_HOME, XDG_STATE_HOME).
pub fn xdg_home() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
        .path()
}

/// The built quire, run with its own empty config and state folders and none
/// of the colour variables of the terminal the tests run in.
pub fn quire() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("quire").expect("the quire binary");
    with_homes(&mut cmd, xdg_home());
    cmd.env_remove("QUIRE_CONFIG")
        .env_remove("COLORFGBG")
        .env_remove("NO_COLOR");
    cmd
}

/// `quire render` of `page` at `width` columns without colour: its text
/// (the command must succeed).
pub fn rendered(page: &Path, width: u16) -> String {
    let out = quire()
        .args(["render", "--width", &width.to_string(), "--color", "never"])
        .arg(page)
        .output()
        .unwrap();
    assert!(out.status.success(), "render {}: {out:?}", page.display());
    String::from_utf8(out.stdout).unwrap()
}

/// `quire links --json` of `page`, read.
pub fn links_json(page: &Path) -> serde_json::Value {
    let out = quire()
        .args(["links", "--json"])
        .arg(page)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The folder of the reader's test fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader")
}

/// The shared corpus of real posts, when it is present (says so when not):
/// `$QUIRE_CORPUS` when set, else `../shared/corpus/posts` beside the repo.
pub fn corpus() -> Option<PathBuf> {
    let dir = match std::env::var_os("QUIRE_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/posts"),
    };
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} is absent", dir.display());
        None
    }
}

/// The lighthouse sample article.
pub fn sample() -> Article {
    load(&fixtures().join("lighthouse.md"))
}

/// Loads an article for a test.
pub fn load(path: &Path) -> Article {
    Article::load(path).expect("fixture loads")
}

/// The config tests run with: no colour, the real layout, 100 columns.
pub fn config() -> Config {
    Config {
        max_width: 100,
        theme: quire::theme::Theme::MONO,
        outline: quire::config::OutlineSide::Left,
        outline_width: quire::config::DEFAULT_OUTLINE_WIDTH,
        layouter: quire::tui::Layouter::Quire,
        image_rows: 0,
        picture_cell: quire::layout::PICTURE_CELL,
        wrap_code: false,
        hyperlinks: false,
    }
}

/// An app on a `width` x `height` terminal reading `article`.
pub fn app_with(article: Article, width: u16, height: u16) -> App {
    let mut app = App::new(config(), width, height);
    app.open_reader(article);
    app
}

/// An app reading the sample article.
pub fn app(width: u16, height: u16) -> App {
    app_with(sample(), width, height)
}

/// A long generated article: `sections` sections of `paras` paragraphs each,
/// every heading distinct.
pub fn long_markdown(sections: usize, paras: usize) -> String {
    let mut md = String::from("---\ntitle: A Long Article\n---\n\n");
    for s in 0..sections {
        md.push_str(&format!("## Section {s}\n\n"));
        for p in 0..paras {
            md.push_str(&format!(
                "Paragraph {p} of section {s} talks about the tide, the harbour \
                 and the lantern on the rock. It goes on for a while so that it \
                 wraps onto more than one line at most widths.\n\n"
            ));
        }
    }
    md
}

/// A simple layout: a title line, then headings and word-wrapped paragraphs.
/// Used where a test needs a layout it can predict line by line.
pub fn plain_layout(article: &Article, width: u16, _options: LayoutOptions) -> Document {
    let width = usize::from(width.max(1));
    let mut b = DocumentBuilder::new(width as u16);
    b.set_source(0);
    push_wrapped(
        &mut b,
        &article.meta.title,
        width,
        Style::of(Role::Heading(1)),
    );
    b.end_line();
    let mut offset = 0;
    for block in article.body.split("\n\n") {
        let start = offset + (block.len() - block.trim_start().len());
        offset += block.len() + 2;
        let trimmed = block.trim();
        if trimmed.is_empty() {
            continue;
        }
        b.set_source(start);
        if let Some(text) = trimmed.strip_prefix('#') {
            let level = 1 + text.chars().take_while(|&c| c == '#').count();
            let text = text.trim_start_matches('#').trim();
            b.mark_heading();
            push_wrapped(&mut b, text, width, Style::of(Role::Heading(level as u8)));
        } else {
            let text = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
            push_wrapped(&mut b, &text, width, Style::of(Role::Text));
        }
        b.end_line();
    }
    b.finish()
}

fn push_wrapped(b: &mut DocumentBuilder, text: &str, width: usize, style: Style) {
    let mut used = 0;
    for word in text.split(' ') {
        let w = word.chars().count();
        if used > 0 && used + 1 + w > width {
            b.end_line();
            used = 0;
        }
        if used > 0 {
            b.push(" ", style);
            used += 1;
        }
        let mut rest = word;
        while rest.chars().count() > width - used {
            let cut: usize = rest.chars().take(width - used).map(char::len_utf8).sum();
            if cut == 0 {
                b.end_line();
                used = 0;
                continue;
            }
            b.push(&rest[..cut], style);
            b.end_line();
            used = 0;
            rest = &rest[cut..];
        }
        b.push(rest, style);
        used += rest.chars().count();
    }
    b.end_line();
}

/// An article made directly from markdown with `#` headings, without the
/// article core: for tests of the reader's own logic.
pub fn plain_article(title: &str, body: &str) -> Article {
    let mut outline = Vec::new();
    let mut offset = 0;
    for block in body.split("\n\n") {
        let start = offset + (block.len() - block.trim_start().len());
        offset += block.len() + 2;
        let trimmed = block.trim();
        if let Some(text) = trimmed.strip_prefix('#') {
            let level = 1 + text.chars().take_while(|&c| c == '#').count();
            let text = text.trim_start_matches('#').trim().to_string();
            let anchor = text.to_lowercase().replace(' ', "-");
            outline.push(Heading::new(level as u8, &text, &anchor, 1, start));
        }
    }
    Article {
        path: PathBuf::from("plain.md"),
        meta: Meta {
            title: title.to_string(),
            ..Meta::default()
        },
        body: body.to_string(),
        body_line: 1,
        outline,
        line_map: Default::default(),
        warnings: Vec::new(),
        pictures: Default::default(),
    }
}

/// The body of the lighthouse sample, without its front matter.
pub fn sample_body() -> String {
    let text = std::fs::read_to_string(fixtures().join("lighthouse.md")).expect("fixture");
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("closing fence");
    rest[end + 5..].to_string()
}

/// The lighthouse sample built without the article core.
pub fn plain_sample() -> Article {
    plain_article("Keeping a Lighthouse Logbook", &sample_body())
}

/// An app reading `article` with [`plain_layout`].
pub fn plain_app(article: Article, width: u16, height: u16) -> App {
    let config = Config {
        layouter: quire::tui::Layouter::StandIn(plain_layout),
        ..config()
    };
    let mut app = App::new(config, width, height);
    app.open_reader(article);
    app
}

/// Points a command's `XDG_STATE_HOME` and `XDG_CONFIG_HOME` at `home`.
pub fn with_homes(cmd: &mut assert_cmd::Command, home: &Path) {
    cmd.env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("QUIRE_NO_STATE");
}

/// The built `quire` with its state and config folders inside `home` (a
/// temporary folder), so a run never touches the user's files.
pub fn quire_in(home: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("quire").expect("the quire binary");
    with_homes(&mut cmd, home);
    cmd
}
