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

#[test]
fn layout_width_is_capped() {
    let body = "***\n\n".repeat(2_000);
    let doc = layout(&article(&body), 65_535, LayoutOptions::default());
    assert_eq!(doc.width, quire::layout::MAX_WIDTH);
    assert_width(&doc, usize::from(quire::layout::MAX_WIDTH));
    assert!(texts(&doc).iter().filter(|l| l.contains('─')).count() >= 2_000);
}

#[test]
fn render_caps_an_absurd_width_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rules.md");
    std::fs::write(&file, "***\n\n".repeat(200)).unwrap();
    let out = assert_cmd::Command::cargo_bin("quire")
        .unwrap()
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .args(["render", "--color", "never", "--width", "65535"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--width 65535"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().count() >= 200);
    assert!(stdout.lines().all(|l| l.width() <= 1000));
}

#[test]
fn a_heading_flood_keeps_unique_anchors() {
    let body = "# h\n".repeat(20_000) + "# h-3\n";
    let outline = quire::article::outline::outline(&body, 1);
    assert_eq!(outline.len(), 20_001);
    assert_eq!(outline[0].anchor(), "h");
    assert_eq!(outline[3].anchor(), "h-3");
    // The author's own "h-3" comes after "h-3" was given out: it is numbered.
    assert_eq!(outline[20_000].anchor(), "h-3-1");
    let mut anchors: Vec<String> = outline.iter().map(|h| h.anchor().into_string()).collect();
    anchors.sort_unstable();
    anchors.dedup();
    assert_eq!(anchors.len(), 20_001, "anchors are unique");
    let doc = layout(&article(&body), 80, LayoutOptions::default());
    assert_eq!(doc.headings.len(), 20_001);
    assert_width(&doc, 80);
}

#[test]
fn long_tables_are_laid_out_past_the_sample() {
    let rows = quire::layout::TABLE_SAMPLE_ROWS * 3;
    let mut body = String::from("| a | b |\n|---|--:|\n");
    for i in 0..rows {
        body.push_str(&format!("| x{i} | {i} |\n"));
    }
    // A row past the sample wider than its columns wraps inside them.
    body.push_str(&format!("| {} | 1 |\n", "long ".repeat(30)));
    let doc = layout(&article(&body), 40, LayoutOptions::default());
    assert_width(&doc, 40);
    let lines = texts(&doc);
    let row_lines = lines.iter().filter(|l| l.starts_with("│ x")).count();
    assert_eq!(row_lines, rows);
    assert_eq!(lines.iter().filter(|l| l.starts_with('┌')).count(), 1);
    assert_eq!(lines.iter().filter(|l| l.starts_with('├')).count(), 1);
    assert_eq!(lines.iter().filter(|l| l.starts_with('└')).count(), 1);
    assert!(lines.iter().filter(|l| l.contains("long")).count() > 1);
}

#[test]
fn a_table_of_thousands_of_columns_becomes_lines() {
    let cols = 3_000;
    let row = |cell: &str| format!("|{}|\n", vec![cell; cols].join("|"));
    let body = row("h") + &row("-") + &row("c").repeat(20);
    let doc = layout(&article(&body), 80, LayoutOptions::default());
    assert_width(&doc, 80);
    let lines = texts(&doc);
    assert_eq!(
        lines.iter().filter(|l| l.as_str() == "h: c").count(),
        20 * cols
    );
}

#[test]
fn soft_hyphens_show_only_where_a_line_breaks() {
    let body = "x\u{ad}x\u{ad}x\u{ad}x\u{ad}x\n";
    for width in 2..=9u16 {
        let doc = layout(&article(body), width, LayoutOptions::default());
        assert_width(&doc, usize::from(width));
        let lines = texts(&doc);
        assert!(lines.iter().all(|l| !l.contains('\u{ad}')), "{lines:?}");
        let joined: String = lines.concat();
        assert_eq!(joined.replace('-', "").matches('x').count(), 5, "{lines:?}");
        if width >= 5 {
            assert!(lines.iter().any(|l| l == "xxxxx"), "{lines:?}");
        } else {
            assert!(lines.iter().any(|l| l.ends_with("x-")), "{lines:?}");
        }
    }
}

#[test]
fn emoji_sequences_fit_by_either_measure() {
    // What a terminal that draws every code point would take.
    let per_code_point = |s: &str| -> usize {
        s.chars()
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum()
    };
    let body = "👨\u{200d}👩\u{200d}👧 🇫🇷 1\u{fe0f}\u{20e3} 👍🏽 word ".repeat(200);
    for width in [8u16, 13, 40, 80] {
        let doc = layout(&article(&body), width, LayoutOptions::default());
        assert_width(&doc, usize::from(width));
        for line in texts(&doc) {
            assert!(per_code_point(&line) <= usize::from(width), "{line:?}");
        }
    }
}
