//! Floods of one small block that once cost the layout far more than their
//! text: rules at the widest width (kept whole, a 4-byte `***` became a
//! 3,000-byte line), tables hundreds of thousands of columns wide (a buffer
//! per cell), empty display math (a blank check that read the whole
//! paragraph at every formula). Memory is counted by a global allocator
//! that keeps the peak of live heap bytes; nothing here is timed.

#![allow(clippy::unwrap_used)]

use crate::{ONE_AT_A_TIME, peak_of};
use std::path::Path;

use quire::article::Article;
use quire::layout::{Document, LayoutOptions, MAX_WIDTH, Role, layout};

fn article(body: &str) -> Article {
    Article::from_bytes(Path::new("flood.md"), body.as_bytes())
}

fn texts(doc: &Document) -> Vec<String> {
    doc.lines(0, doc.len())
        .map(|l| l.text().to_string())
        .collect()
}

#[test]
fn rules_at_the_widest_width_cost_no_more_than_their_text() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let body = "***\n".repeat(50_000);
    let article = article(&body);
    let (doc, heap) = peak_of(|| layout(&article, MAX_WIDTH, LayoutOptions::PLAIN));
    let full = "─".repeat(usize::from(MAX_WIDTH));
    let lines = texts(&doc);
    assert_eq!(lines.iter().filter(|l| **l == full).count(), 50_000);
    eprintln!("{heap} bytes for {} bytes of rules", body.len());
    // Kept whole, each rule was 3,000 bytes of text: 750 times its source.
    assert!(heap <= 60 * body.len(), "{heap} bytes");
}

#[test]
fn a_rule_shows_the_same_through_every_way_a_line_is_read() {
    let body = "a\n\n***\n\n> ***\n>\n> - ***\n";
    let doc = layout(&article(body), 30, LayoutOptions::PLAIN);
    let lines = texts(&doc);
    assert!(lines.contains(&"─".repeat(30)), "{lines:#?}");
    assert!(
        lines.contains(&format!("│ {}", "─".repeat(28))),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&format!("│ • {}", "─".repeat(26))),
        "{lines:#?}"
    );
    for line in doc.lines(0, doc.len()) {
        let spans: String = line.spans().map(|(text, _)| text).collect();
        assert_eq!(spans, line.text());
        if line.text().contains('─') {
            let (rule, style) = line.spans().last().unwrap();
            assert_eq!(style.role, Role::Rule);
            assert!(rule.chars().all(|c| c == '─'), "{rule:?}");
        }
    }
}

/// A table `cols` columns wide: a header, its separator and one row.
fn wide_table(cols: usize) -> String {
    let row = |cell: &dyn Fn(usize) -> String| {
        let cells: Vec<String> = (0..cols).map(cell).collect();
        format!("|{}|\n", cells.join("|"))
    };
    row(&|i| format!("h{i}")) + &row(&|_| "-".to_string()) + &row(&|i| format!("v{i}"))
}

#[test]
fn a_table_too_wide_for_columns_keeps_every_cell_in_bounded_memory() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let cols = 60_000;
    let body = wide_table(cols);
    let article = article(&body);
    let (doc, heap) = peak_of(|| layout(&article, 80, LayoutOptions::PLAIN));
    let lines = texts(&doc);
    for i in 0..cols {
        assert_eq!(lines[lines.len() - cols + i], format!("h{i}: v{i}"));
    }
    eprintln!("{heap} bytes for a table of {} bytes", body.len());
    // A buffer of its own for each cell cost 62 times the table.
    assert!(heap <= 50 * body.len(), "{heap} bytes");
}

#[test]
fn a_header_alone_too_wide_for_columns_is_a_line_per_cell() {
    let cols = 20_000;
    let head: Vec<String> = (0..cols).map(|i| format!("h{i}")).collect();
    let body = format!("|{}|\n|{}|\n", head.join("|"), vec!["-"; cols].join("|"));
    let doc = layout(&article(&body), 80, LayoutOptions::PLAIN);
    let lines = texts(&doc);
    assert_eq!(lines[lines.len() - cols..], head[..]);
}

#[test]
fn blank_and_empty_cells_are_laid_out_as_before() {
    // Cells laid out one at a time read as the paragraph of cells did: an
    // empty line for an empty cell between others, nothing for the blank
    // ones at the end, the header's label only where it has text.
    let cols = 30;
    let mut head = vec!["h"; cols];
    head[1] = " ";
    let mut row = vec![" "; cols];
    row[0] = "a";
    row[3] = "b";
    let body = format!(
        "|{}|\n|{}|\n|{}|\n|{}|\n",
        head.join("|"),
        vec!["-"; cols].join("|"),
        row.join("|"),
        vec![" "; cols].join("|"),
    );
    let doc = layout(&article(&body), 20, LayoutOptions::PLAIN);
    let lines = texts(&doc);
    let at = lines.iter().position(|l| l == "h: a").unwrap();
    assert_eq!(lines[at..at + 5], ["h: a", "", "h:", "h: b", "h:"]);
}

#[test]
fn a_flood_of_empty_display_math_lays_out_nothing_for_each() {
    for unit in ["$$\n", "$$ ", "$$\t"] {
        let body = unit.repeat(30_000);
        let doc = layout(&article(&body), 80, LayoutOptions::PLAIN);
        assert!(doc.len() < 10, "{unit:?}: {} lines", doc.len());
    }
}

#[test]
fn long_headers_are_whole_once_and_cut_in_every_later_row() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let columns = 20;
    let header: Vec<String> = (0..columns)
        .map(|i| format!("h{i}{}", "x".repeat(2000)))
        .collect();
    let body = format!(
        "|{}|\n|{}|\n{}",
        header.join("|"),
        vec!["-"; columns].join("|"),
        format!("|{}|\n", vec!["a"; columns].join("|")).repeat(200)
    );
    let doc = layout(&article(&body), 80, LayoutOptions::PLAIN);
    let lines = texts(&doc);
    let shown: usize = lines.iter().map(String::len).sum();
    // Each header in full with the first row only: before, every cell of
    // every row repeated its 2,000-column header (about 40 times the body).
    assert!(
        shown < 3 * body.len(),
        "{shown} bytes shown for {}",
        body.len()
    );
    let cut = lines
        .iter()
        .filter(|l| l.starts_with("h0xx") && l.ends_with("...: a"))
        .count();
    assert_eq!(cut, 199, "every row after the first cuts its headers");
    let whole = lines
        .iter()
        .filter(|l| l.contains("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"))
        .count();
    assert!(whole >= columns, "the first row shows each header whole");
}
