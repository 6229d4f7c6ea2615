//! `quire render` of the elements beyond CommonMark: alerts and callouts,
//! math, definition lists, diagram fences, `<details>` and heading marks,
//! each from a fixture of its own, snapshotted at 80, 40 and 20 columns.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/render")
        .join(name)
}

fn render(file: &Path, width: u16, color: &str) -> String {
    let out = common::quire()
        .args(["render", "--width", &width.to_string(), "--color", color])
        .arg(file)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(out.status.success(), "render {} failed", file.display());
    String::from_utf8(out.stdout).unwrap()
}

/// Renders `name` plain at each width, checks the width, and snapshots it.
fn snapshots(name: &str) -> Vec<String> {
    let stem = name.trim_end_matches(".md");
    [80, 40, 20]
        .into_iter()
        .map(|width| {
            let text = render(&fixture(name), width, "never");
            for line in text.lines() {
                assert!(line.width() <= usize::from(width), "{line:?}");
                assert!(!line.ends_with(' '), "{line:?}");
            }
            insta::assert_snapshot!(format!("{stem}_{width}"), text);
            text
        })
        .collect()
}

#[test]
fn alerts_render_labelled() {
    for text in snapshots("alerts.md") {
        assert!(!text.contains("[!"), "{text}");
        assert!(text.contains("ℹ Note"));
        assert!(text.contains("⚠ Warning"));
    }
}

#[test]
fn math_renders_as_unicode_and_prices_stay() {
    for text in snapshots("math.md") {
        assert!(text.contains("π"), "{text}");
        assert!(text.contains("$5"), "{text}");
        assert!(text.contains("\\overbrace{abc}"), "{text}");
    }
}

#[test]
fn definition_lists_render_indented() {
    for text in snapshots("deflist.md") {
        assert!(text.contains("\nBloom\n"), "{text}");
        assert!(!text.contains("\n: "), "{text}");
    }
}

#[test]
fn diagram_fences_render_their_source_in_a_frame() {
    for text in snapshots("diagrams.md") {
        assert!(text.contains("Browser"), "{text}");
    }
    let wide = render(&fixture("diagrams.md"), 80, "never");
    assert!(wide.contains("diagram (mermaid)"));
    assert!(wide.contains("diagram (dot)"));
    assert!(wide.contains("diagram (plantuml)"));
}

#[test]
fn details_render_unfolded_under_their_summary() {
    for text in snapshots("details.md") {
        assert!(text.contains("▾ "), "{text}");
        assert!(text.contains("Overnight"), "{text}");
        assert!(!text.contains("<summary>"), "{text}");
    }
}

#[test]
fn heading_marks_stay_without_colour_and_go_with_it() {
    for text in snapshots("headings.md") {
        assert!(text.contains("### Third level"), "{text}");
    }
    let coloured = render(&fixture("headings.md"), 80, "always");
    assert!(!coloured.contains("###"), "{coloured}");
    assert!(coloured.contains("Third level"));
}
