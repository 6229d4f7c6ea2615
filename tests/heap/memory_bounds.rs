//! Memory on pathological inputs, counted by a global allocator that keeps
//! the peak of live heap bytes: the outline of any input takes at most 30
//! times its size (150 MB for 5 MB) and its layout at most 60 times (300 MB
//! for 5 MB). The inputs are 1.5 MB, over the size from which a body is
//! parsed in pieces, so that a debug build runs them quickly.

#![allow(clippy::unwrap_used)]

use crate::{ONE_AT_A_TIME, peak_of};
use std::path::Path;

use quire::article::Article;
use quire::layout::{LayoutOptions, layout};

fn fill(size: usize, head: &str, unit: &str) -> String {
    let mut text = String::from(head);
    while text.len() + unit.len() <= size {
        text.push_str(unit);
    }
    text
}

fn shapes(size: usize) -> Vec<(&'static str, String)> {
    let columns = 3000;
    let header = format!(
        "|{}|\n|{}|\n",
        (0..columns)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join("|"),
        vec!["-"; columns].join("|")
    );
    let row = format!("|{}|\n", vec!["x"; columns].join("|"));
    vec![
        ("heading flood", fill(size, "", "# h\n")),
        ("setext flood", fill(size, "", "h\n=\n")),
        ("wide table", fill(size, &header, &row)),
        ("long table", fill(size, "|h|\n|-|\n", "|a|\n")),
        (
            "deep nesting",
            fill(size, "", &format!("{}x\n\n", "> - ".repeat(3000))),
        ),
    ]
}

#[test]
fn reading_in_pieces_holds_a_fraction_of_the_whole_tree() {
    let _one = ONE_AT_A_TIME.lock().unwrap();
    let options = quire::article::parser_options();
    for (name, body) in shapes(400_000) {
        let (whole_events, whole) = peak_of(|| {
            pulldown_cmark::Parser::new_ext(&body, options)
                .into_offset_iter()
                .count()
        });
        let (piece_events, pieces) = peak_of(|| {
            quire::article::events::events_in_pieces(&body, options, 0, 64 * 1024).count()
        });
        assert_eq!(piece_events, whole_events, "{name}");
        eprintln!("{name}: {pieces} bytes in pieces, {whole} whole");
        assert!(
            pieces * 2 <= whole,
            "{name}: {pieces} bytes in pieces, {whole} whole"
        );
    }
}

#[test]
fn a_large_heading_flood_is_outlined_and_laid_out_in_bounded_memory() {
    let _one = ONE_AT_A_TIME.lock().unwrap();
    // Over the size from which a body is read in pieces; `#` alone is the
    // shortest heading there is.
    for unit in ["# h\n", "#\n"] {
        let bytes = fill(1_100_000, "", unit).into_bytes();
        let (article, outline) = peak_of(|| Article::from_bytes(Path::new("x.md"), &bytes));
        assert_eq!(article.outline.len(), bytes.len() / unit.len());
        let (doc, laid_out) = peak_of(|| layout(&article, 80, LayoutOptions::PLAIN));
        assert!(doc.len() > article.outline.len());
        eprintln!("{unit:?}: outline {outline} bytes, layout {laid_out} bytes");
        // Heap bytes, counting the spare capacity of growing vectors that a
        // process's resident memory does not (the outline's vector of 40-byte
        // headings is up to twice what it holds): 5 MB of `#` lines takes
        // 118 MB resident to outline and 216 MB to render.
        assert!(
            outline <= 64 * bytes.len(),
            "{unit:?} outline: {outline} bytes"
        );
        assert!(
            laid_out <= 100 * bytes.len(),
            "{unit:?} layout: {laid_out} bytes"
        );
    }
}

#[test]
fn one_long_paragraph_of_markup_is_outlined_and_laid_out_in_bounded_memory() {
    let _one = ONE_AT_A_TIME.lock().unwrap();
    let size = 1_100_000;
    for (name, body) in [
        ("emphasis on one line", fill(size, "", "*a* ")),
        ("brackets on one line", fill(size, "", "[")),
        ("code spans, one paragraph", fill(size, "", "`x` y\n")),
        ("inline tags on one line", fill(size, "", "<b>")),
    ] {
        let bytes = body.into_bytes();
        let (article, outline) = peak_of(|| Article::from_bytes(Path::new("x.md"), &bytes));
        let (doc, laid_out) = peak_of(|| layout(&article, 80, LayoutOptions::PLAIN));
        eprintln!("{name}: outline {outline} bytes, layout {laid_out} bytes");
        // Parsed whole, each took about 60 times its size to outline.
        assert!(
            outline <= 4 * bytes.len(),
            "{name}: outline {outline} bytes"
        );
        assert!(
            laid_out <= 60 * bytes.len(),
            "{name}: layout {laid_out} bytes"
        );
        // Shown as it is written: the markup stays in the text.
        let head = String::from_utf8_lossy(&bytes[..12]).into_owned();
        let head = head.lines().next().unwrap_or("");
        assert!(
            doc.lines(0, 10).any(|l| l.text().starts_with(head)),
            "{name}: no line starts with {head:?}"
        );
    }
}
