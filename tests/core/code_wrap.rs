//! `quire render --wrap-code`: long code lines go on under a `↪` instead of
//! being cut with a `→`, snapshotted at 1, 20, 40, 80 and 200 columns;
//! without the flag they are cut as before.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::PathBuf;

use unicode_width::UnicodeWidthStr;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/longcode.md")
}

fn render(width: u16, wrap: bool) -> String {
    let mut cmd = common::quire();
    cmd.args(["render", "--width", &width.to_string(), "--color", "never"]);
    if wrap {
        cmd.arg("--wrap-code");
    }
    let out = cmd.arg(fixture()).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The code between the frames, continuations joined back on.
fn code_of(text: &str) -> String {
    text.lines()
        .filter_map(|l| l.strip_prefix('│'))
        .map(|l| {
            let l = l.strip_prefix(' ').unwrap_or(l);
            l.strip_prefix('↪').unwrap_or(l)
        })
        .collect()
}

#[test]
fn wrapped_code_at_every_width() {
    for width in [1u16, 20, 40, 80, 200] {
        let text = render(width, true);
        for line in text.lines() {
            assert!(line.width() <= usize::from(width), "{line:?}");
            assert!(!line.ends_with(' '), "{line:?}");
        }
        if (20..200).contains(&width) {
            assert!(text.contains("↪"), "{text}");
            assert!(!text.contains('→'), "{text}");
        }
        if width >= 20 {
            let code = code_of(&text);
            assert!(code.contains("\"medlar\": 7"), "lost at {width}:\n{text}");
            assert!(
                code.contains("of a narrow terminal\""),
                "lost at {width}:\n{text}"
            );
        }
        insta::assert_snapshot!(format!("wrapped_{width}"), text);
    }
}

#[test]
fn code_is_cut_without_the_flag() {
    let text = render(40, false);
    assert!(text.contains('→'), "{text}");
    assert!(!text.contains('↪'), "{text}");
    assert!(!text.contains("medlar"), "{text}");
}
