//! Front matter built to blow up: a wide YAML alias bomb and flow
//! collections nested past the bound are a warning naming the file, and the
//! body is still read, one article or a library of them.
#![allow(clippy::unwrap_used)]

use std::fs;

use super::bad_input::run_ok;

/// The wide, shallow YAML alias bomb: `width` aliases of `width` aliases of
/// `width` scalars, 2.4 KB for 300.
fn alias_bomb(width: usize) -> String {
    let row = |item: &str| vec![item; width].join(",");
    format!(
        "---\ntitle: Bomb\na: &a [{}]\nb: &b [{}]\nc: [{}]\n---\n# Body\n\ntext\n",
        row("x"),
        row("*a"),
        row("*b")
    )
}

#[test]
fn an_alias_bomb_is_a_warning_and_the_body_is_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bomb.md");
    fs::write(&file, alias_bomb(1000)).unwrap();
    let (stdout, stderr) = run_ok(&["outline".as_ref(), "--json".as_ref(), file.as_os_str()]);
    assert!(stderr.contains("bomb.md:4:"), "{stderr}");
    assert!(stderr.contains("aliases"), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        value["title"], "Body",
        "the title falls back to the heading"
    );
    assert_eq!(value["headings"].as_array().unwrap().len(), 1);
}

#[test]
fn a_library_of_alias_bombs_lists_every_one() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..8 {
        fs::write(dir.path().join(format!("bomb{i}.md")), alias_bomb(300)).unwrap();
    }
    let (stdout, stderr) = run_ok(&["list".as_ref(), "--json".as_ref(), dir.path().as_os_str()]);
    let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 8);
    assert_eq!(stderr.matches("aliases").count(), 8, "{stderr}");
}

/// Front matter nesting flow collections `depth` deep with `open` (`[`, or
/// `{a: `), never closed, under the front matter size cap.
fn deep_flow(open: &str, depth: usize) -> String {
    format!(
        "---\ntitle: Deep\n\na: {}\n---\n# Body\n\ntext\n",
        open.repeat(depth)
    )
}

#[test]
fn deeply_nested_front_matter_is_a_warning_and_the_body_is_still_read() {
    let dir = tempfile::tempdir().unwrap();
    // 80 KB of `[` and 240 KB of `{a: `: serde_yaml's scanner is quadratic in them.
    for (name, open, depth) in [("square.md", "[", 80_000), ("curly.md", "{a: ", 60_000)] {
        let file = dir.path().join(name);
        let text = deep_flow(open, depth);
        assert!(text.len() < 256 * 1024);
        fs::write(&file, text).unwrap();
        let (stdout, stderr) = run_ok(&["outline".as_ref(), "--json".as_ref(), file.as_os_str()]);
        assert!(stderr.contains(&format!("{name}:4:")), "{stderr}");
        assert!(stderr.contains("deeper than 100 levels"), "{stderr}");
        assert!(!stderr.contains("recursion limit"), "{stderr}");
        let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(value["title"], "Body", "the front matter is ignored");
        assert_eq!(value["headings"].as_array().unwrap().len(), 1);
    }
    // The library lists them too, each with its warning.
    let (stdout, stderr) = run_ok(&["list".as_ref(), "--json".as_ref(), dir.path().as_os_str()]);
    let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(stderr.matches("deeper than").count(), 2, "{stderr}");
}
