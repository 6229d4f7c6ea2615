//! One parse for the outline and the layout: `layout::open` gives the same
//! article and the same screen lines as reading the outline and laying out
//! separately, on our own articles, our fixtures, the shared corpus of real
//! posts and the bodies whose title the first block does not tell.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use quire::article::{Article, Draft};
use quire::layout::{self, Document, LayoutOptions};

/// Everything in the document: text, spans with their styles, lines with
/// their sources, heading lines, link targets and width.
fn shown(doc: &Document) -> String {
    format!("{doc:?}")
}

/// `open` against `from_bytes` + `layout` for `bytes` at `width`.
fn same(name: &str, bytes: &[u8], width: u16) {
    let path = Path::new(name);
    let options = LayoutOptions::default();
    let two = Article::from_bytes(path, bytes);
    let two_doc = layout::layout(&two, width, options);
    let (one, one_doc) = layout::open(Draft::from_bytes(path, bytes), width, options);
    assert_eq!(one.meta, two.meta, "{name} at {width}: meta");
    assert_eq!(one.outline, two.outline, "{name} at {width}: outline");
    assert_eq!(one.body, two.body, "{name}: body");
    assert_eq!(one.warnings, two.warnings, "{name}: warnings");
    assert_eq!(
        shown(&one_doc),
        shown(&two_doc),
        "{name} at {width}: layout"
    );
}

fn markdown_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_under(&path, found);
        } else if path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown")
        {
            found.push(path);
        }
    }
}

fn check_folder(dir: &Path) -> usize {
    let mut files = Vec::new();
    markdown_under(dir, &mut files);
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for width in [1, 40, 80, 200] {
            same(&file.display().to_string(), &bytes, width);
        }
    }
    files.len()
}

#[test]
fn our_articles_and_fixtures_lay_out_the_same_from_one_parse() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(check_folder(&root.join("articles")) >= 3);
    assert!(check_folder(&root.join("tests/fixtures")) >= 10);
}

#[test]
fn the_shared_corpus_lays_out_the_same_from_one_parse() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/posts");
    if !dir.is_dir() {
        eprintln!("skipping: {} is absent", dir.display());
        return;
    }
    assert!(check_folder(&dir) >= 50);
}

#[test]
fn titles_from_the_body_come_out_the_same() {
    let cases: &[&str] = &[
        // No front matter: the body opens with its title.
        "# The title\n\nText.\n\n## A part\n",
        "\n\n  # Indented title\nText right after.\n",
        "Setext title\n============\n\nText.\n",
        // The first heading is not level 1, or is empty: a later one is the title.
        "## Part\n\nText.\n\n# Later title\n",
        "#\n\n# Real title\n",
        "Intro paragraph.\n\n# Title after it\n",
        // A link whose definition comes later changes the heading's text.
        "# [Linked][r] title\n\n[r]: https://example.org\n",
        // No level-1 heading at all: the file name.
        "Just text.\n\n### Deep\n",
        "",
        // A front-matter title that the first heading repeats, and one it does not.
        "---\ntitle: Same\n---\n# Same\n\nText.\n",
        "---\ntitle: Other\n---\n# Same\n\nText.\n",
        // A heading inside a footnote is not the title.
        "Text[^1].\n\n[^1]: # Not a title\n\n# Title\n",
        // The first block is a code fence that a cut would leave open.
        "```\n# not a heading\n\nstill code\n```\n\n# Title\n",
    ];
    for (i, body) in cases.iter().enumerate() {
        for width in [1, 20, 80] {
            same(&format!("case-{i}.md"), body.as_bytes(), width);
        }
    }
}

#[test]
fn the_header_shows_the_first_level_one_heading_once() {
    let (article, doc) = layout::open(
        Draft::from_bytes(Path::new("x.md"), b"# The title\n\nText.\n"),
        40,
        LayoutOptions::PLAIN,
    );
    assert_eq!(article.meta.title, "The title");
    let text: String = (0..doc.len())
        .map(|i| doc.line(i).unwrap().text().to_string() + "\n")
        .collect();
    assert_eq!(text.matches("The title").count(), 1, "{text}");
    assert_eq!(doc.headings, vec![0]);
}

/// The reader's first screen of `bytes` on a `width` x `height` terminal,
/// opened from a draft (one parse) or from an article (outline first).
fn first_screen(bytes: &[u8], width: u16, height: u16, draft: bool) -> (String, u16) {
    use quire::tui::App;
    use ratatui::{Terminal, backend::TestBackend};
    let mut app = App::new(quire::tui::Config::default(), width, height);
    let path = Path::new("a.md");
    if draft {
        app.open_draft(Draft::from_bytes(path, bytes));
    } else {
        app.open_reader(Article::from_bytes(path, bytes));
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, &app)).unwrap();
    let doc_width = app.reader().unwrap().doc.width;
    (format!("{:?}", terminal.backend()), doc_width)
}

#[test]
fn the_reader_opens_a_draft_as_it_opens_an_article() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    markdown_under(&root.join("articles"), &mut files);
    let mut bodies: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    // Short headings leave the pane narrower than its widest, no headings
    // give the text the whole screen: the first guess of the column is
    // wrong for both, and the reader lays out again at the right width.
    bodies.push(b"# T\n\n## a\n\nText under a.\n\n## b\n\nMore.\n".to_vec());
    bodies.push(b"Only a paragraph, no heading at all, long enough to wrap.\n".to_vec());
    for bytes in &bodies {
        for (w, h) in [(50, 12), (80, 24), (120, 30), (220, 40)] {
            let (from_draft, draft_width) = first_screen(bytes, w, h, true);
            let (from_article, article_width) = first_screen(bytes, w, h, false);
            assert_eq!(draft_width, article_width, "at {w}x{h}");
            assert_eq!(from_draft, from_article, "at {w}x{h}");
        }
    }
}
