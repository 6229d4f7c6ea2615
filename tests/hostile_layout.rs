//! Layout of hostile shapes stays bounded: deep nesting, huge tables,
//! heading floods, absurd widths, soft hyphens and emoji sequences. Each
//! input is generated here at a size that runs quickly; the assertions are
//! on what comes out (width kept, lines produced), never on time.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use quire::article::Article;
use quire::layout::{Document, LayoutOptions, layout};
use unicode_width::UnicodeWidthStr;

fn article(body: &str) -> Article {
    Article::from_bytes(Path::new("hostile.md"), body.as_bytes())
}

fn texts(doc: &Document) -> Vec<String> {
    doc.lines(0, doc.len())
        .map(|l| l.text().to_string())
        .collect()
}

fn assert_width(doc: &Document, width: usize) {
    for line in doc.lines(0, doc.len()) {
        assert!(
            line.text().width() <= width,
            "line {} is {} wide: {:?}",
            line.index(),
            line.text().width(),
            line.text()
        );
    }
}

#[test]
fn deep_nesting_is_drawn_flat_past_the_depth_cap() {
    // 25,000 quote-and-item pairs on one line: once quadratic.
    let body = "> - ".repeat(25_000);
    let doc = layout(&article(&body), 80, LayoutOptions::default());
    assert_width(&doc, 80);
    // A line or so per level up to the cap, none per level past it.
    assert!(doc.len() < 200, "{} lines", doc.len());
}

#[test]
fn shallow_nesting_is_drawn_in_full() {
    let body = format!("{}text\n", "> - ".repeat(10));
    let doc = layout(&article(&body), 80, LayoutOptions::default());
    let lines = texts(&doc);
    let line = lines.iter().find(|l| l.contains("text")).unwrap();
    assert_eq!(line.matches('│').count(), 10, "{line}");
    assert!(!line.contains('…'));
}

#[test]
fn text_deep_inside_flat_containers_still_shows() {
    let body = format!("{}deep words here\n", "> - ".repeat(500));
    let doc = layout(&article(&body), 200, LayoutOptions::default());
    assert_width(&doc, 200);
    let lines = texts(&doc);
    let line = lines
        .iter()
        .find(|l| l.contains("deep words here"))
        .unwrap();
    assert!(
        line.contains("… deep words here"),
        "the flat part is marked: {line}"
    );
}
