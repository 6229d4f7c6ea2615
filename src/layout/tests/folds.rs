//! Layout tests for `<details>` folds (the body's line ranges) and for
//! wrapping long code lines under a `↪`, at widths 1, 20, 40, 80 and 200.

use super::*;

fn wrapped(body: &str, width: u16) -> Document {
    let opts = LayoutOptions {
        wrap_code: true,
        ..LayoutOptions::PLAIN
    };
    layout(&article(body), width, opts)
}

#[test]
fn a_callout_folded_by_its_mark_is_a_fold_under_its_label() {
    // `> [!warning]- Title`: Obsidian shows the title and hides the body
    // until it is opened; the reader showed the body. `+` and no mark
    // stay open, a quote inside the body ends inside the fold.
    let body = "Before.\n\n> [!warning]- Mind the oven\n> Hidden body.\n> > Inner quote.\n\n> [!tip]+ Open one\n> Shown.\n\nAfter.\n";
    for w in WIDTHS {
        let doc = plain(body, w);
        check(&doc, w);
        assert_eq!(doc.folds.len(), 1, "at {w}");
    }
    let doc = plain(body, 40);
    let lines = texts(&doc);
    let fold = &doc.folds[0];
    assert!(
        lines[fold.summary].contains("▾ ⚠ Mind the oven"),
        "{lines:?}"
    );
    let inside = lines[fold.body.clone()].join(" ");
    assert!(
        inside.contains("Hidden body.") && inside.contains("Inner quote."),
        "{lines:?}"
    );
    assert!(
        !inside.contains("Open one") && !inside.contains("Shown."),
        "{lines:?}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("Open one") && l.contains('▾')),
        "{lines:?}"
    );
}

#[test]
fn a_details_body_is_a_fold_after_its_summary() {
    let body = "Before.\n\n<details>\n<summary>How long does it rest?</summary>\n\nOvernight in the fridge.\n\nThen an hour on the bench.\n\n</details>\n\nAfter.\n";
    for w in WIDTHS {
        let doc = plain(body, w);
        check(&doc, w);
        assert_eq!(doc.folds.len(), 1, "at {w}");
        let fold = &doc.folds[0];
        let lines = texts(&doc);
        assert!(lines[fold.summary].contains('▾') || w < 3, "{lines:?}");
        let inside = lines[fold.body.clone()].join(" ");
        let outside: Vec<&String> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !fold.body.contains(i))
            .map(|(_, l)| l)
            .collect();
        if w >= 40 {
            assert!(
                inside.contains("Overnight") && inside.contains("bench"),
                "{inside}"
            );
            assert!(outside.iter().any(|l| l.contains("After.")));
            assert!(outside.iter().any(|l| l.contains("rest?")));
            assert!(!outside.iter().any(|l| l.contains("Overnight")));
        }
    }
    let doc = plain(body, 40);
    assert_eq!(
        texts(&doc),
        [
            "Before.",
            "",
            "▾ How long does it rest?",
            "",
            "Overnight in the fridge.",
            "",
            "Then an hour on the bench.",
            "",
            "After."
        ]
    );
    assert_eq!(doc.folds[0].summary, 2);
    assert_eq!(doc.folds[0].body, 3..7);
}

#[test]
fn nested_and_one_block_details_fold_too() {
    let body = "<details><summary>Outer</summary>\n\nOne.\n\n<details><summary>Inner</summary>Two.</details>\n\nThree.\n\n</details>\n";
    let doc = plain(body, 40);
    let lines = texts(&doc);
    assert_eq!(doc.folds.len(), 2, "{lines:?}");
    let (outer, inner) = (&doc.folds[0], &doc.folds[1]);
    assert!(outer.body.start <= inner.summary && inner.body.end <= outer.body.end);
    assert!(lines[inner.body.clone()].join(" ").contains("Two."));
    assert!(lines[outer.body.clone()].join(" ").contains("Three."));
    // A details left open runs to the end of the body; one with no body
    // is no fold.
    let open = plain(
        "<details>\n<summary>Left open</summary>\n\nStill [here](https://e.org).\n",
        40,
    );
    assert_eq!(open.folds.len(), 1);
    let lines = texts(&open);
    let body = &lines[open.folds[0].body.clone()];
    assert!(body.iter().any(|l| l.contains("Still here")), "{lines:?}");
    // The link list stays out of the fold.
    assert!(!body.iter().any(|l| l.contains("e.org")), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("[1] https://e.org")),
        "{lines:?}"
    );
    let empty = plain("<details><summary>Nothing</summary></details>\n", 40);
    assert!(empty.folds.is_empty());
}

#[test]
fn long_code_lines_wrap_under_a_mark_and_lose_nothing() {
    let line = "let jars = [\"apricot\", \"fig\", \"plum\", \"quince\", \"cherry\", \"pear\", \"medlar\"]; // 漢字 and more";
    let body = format!("```rust\n{line}\nshort();\n```\n");
    for w in WIDTHS {
        let doc = wrapped(&body, w);
        check(&doc, w);
        assert!(doc.wrap_code);
        let lines = texts(&doc);
        if w >= 20 {
            // The text between the frames, the marks taken out, is the code.
            let code: String = lines
                .iter()
                .filter(|l| l.starts_with('│'))
                .map(|l| {
                    let t = l.trim_start_matches('│').trim_start_matches(' ');
                    t.strip_prefix('↪').unwrap_or(t).to_string()
                })
                .collect();
            assert_eq!(code, format!("{line}short();"), "at {w}");
            assert!(!lines.iter().any(|l| l.ends_with('→')), "{lines:?}");
        }
        if (20..100).contains(&w) {
            assert!(lines.iter().any(|l| l.starts_with("│ ↪")), "{lines:?}");
        }
        if w == 200 {
            assert!(!lines.iter().any(|l| l.contains('↪')), "{lines:?}");
        }
        // Cut, not wrapped, without the option.
        let cut = texts(&plain(&body, w));
        assert!(!cut.iter().any(|l| l.contains('↪')));
    }
}

#[test]
fn a_cluster_wider_than_the_code_column_is_cut_not_looped_over() {
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
    let body = format!("```\n{family}{family} x\n```\n");
    for w in [1, 3, 5, 6, 7, 8, 9, 20] {
        check(&wrapped(&body, w), w);
    }
}
