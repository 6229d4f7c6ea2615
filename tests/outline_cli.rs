//! `quire outline FILE [--json]` as a user runs it: stdout, stderr, exit code.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// A sample article of our own, with front matter, nested sections, a
/// duplicate heading, inline markup and a `#` line inside code.
const GARDEN: &str = "---
title: Keeping a Small Garden
tags: [gardening, notes]
date: 2024-04-02
---

Intro paragraph.

## Soil *first*

Dig a little.

### Compost & mulch

```sh
# not a heading
```

## Watering

### Mornings

## Watering
";

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn quire() -> Command {
    Command::cargo_bin("quire").unwrap()
}

fn json_of(path: &Path) -> Value {
    let out = quire()
        .args(["outline", "--json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn text_is_the_title_and_an_indented_tree() {
    let dir = TempDir::new().unwrap();
    let file = write(&dir, "garden.md", GARDEN.as_bytes());
    quire()
        .arg("outline")
        .arg(&file)
        .assert()
        .success()
        .stderr("")
        .stdout(
            "Keeping a Small Garden\n\
             Soil first\n\
             \x20 Compost & mulch\n\
             Watering\n\
             \x20 Mornings\n\
             Watering\n",
        );
}

#[test]
fn json_has_exactly_the_agreed_shape() {
    let dir = TempDir::new().unwrap();
    let file = write(&dir, "garden.md", GARDEN.as_bytes());
    let json = json_of(&file);
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["headings", "path", "title"]);
    assert_eq!(json["path"], file.to_string_lossy().as_ref());
    assert_eq!(json["title"], "Keeping a Small Garden");
    let headings = json["headings"].as_array().unwrap();
    let got: Vec<(u64, &str, &str, u64)> = headings
        .iter()
        .map(|h| {
            assert_eq!(h.as_object().unwrap().len(), 4);
            (
                h["level"].as_u64().unwrap(),
                h["text"].as_str().unwrap(),
                h["anchor"].as_str().unwrap(),
                h["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (2, "Soil first", "soil-first", 9),
            (3, "Compost & mulch", "compost--mulch", 13),
            (2, "Watering", "watering", 19),
            (3, "Mornings", "mornings", 21),
            (2, "Watering", "watering-1", 23),
        ]
    );
}

#[test]
fn warnings_go_to_stderr_and_json_stays_valid() {
    let dir = TempDir::new().unwrap();
    let file = write(
        &dir,
        "broken.md",
        b"---\ntitle: [unclosed\n---\n# Still \xFFread\n",
    );
    let out = quire()
        .args(["outline", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["headings"][0]["text"], "Still \u{fffd}read");
    assert_eq!(json["headings"][0]["line"], 4);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    let prefix = format!("quire: {}:", file.display());
    assert!(lines.iter().all(|l| l.starts_with(&prefix)), "{stderr}");
    assert!(stderr.contains(":3: malformed YAML"), "{stderr}");
    assert!(stderr.contains(":4: invalid UTF-8 at byte 33"), "{stderr}");
}

#[test]
fn control_characters_never_reach_the_text_output() {
    let dir = TempDir::new().unwrap();
    let file = write(
        &dir,
        "evil.md",
        b"# Title \x1b]52;c;aGk=\x07\n\n## Clear \x1b[2J screen\n",
    );
    let out = quire().arg("outline").arg(&file).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("Clear \u{241b}[2J screen"), "{text:?}");
    // JSON escapes them instead, keeping the text as the file has it.
    let json = json_of(&file);
    assert_eq!(json["headings"][1]["text"], "Clear \x1b[2J screen");
}

#[test]
fn crlf_bom_and_toml_front_matter() {
    let dir = TempDir::new().unwrap();
    let file = write(
        &dir,
        "toml.md",
        b"\xEF\xBB\xBF+++\r\ntitle = \"Plus\"\r\n[taxonomies]\r\ntags = [\"a\"]\r\n+++\r\n# First\r\n\r\nSecond\r\n------\r\n",
    );
    let json = json_of(&file);
    assert_eq!(json["title"], "Plus");
    assert_eq!(json["headings"][0]["line"], 6);
    assert_eq!(json["headings"][1]["text"], "Second");
    assert_eq!(json["headings"][1]["line"], 8);
}

#[test]
fn no_headings_prints_just_the_title() {
    let dir = TempDir::new().unwrap();
    let file = write(&dir, "2023-5-6-plain.md", b"Just a paragraph.\n");
    quire()
        .arg("outline")
        .arg(&file)
        .assert()
        .success()
        .stdout("2023-5-6-plain\n");
    let json = json_of(&file);
    assert_eq!(json["headings"], Value::Array(Vec::new()));
}

#[test]
fn an_unreadable_file_fails_with_a_message() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("missing.md");
    quire()
        .arg("outline")
        .arg(&missing)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("quire: ").and(predicate::str::contains("missing.md")));
    quire()
        .args(["outline", "--json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("folder"));
}
