//! `quire outline FILE [--json]` as a user runs it: stdout, stderr, exit code.

#![allow(clippy::unwrap_used)]

use crate::common;

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
    common::quire()
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
    let prefix = format!("quire: warning: {}:", file.display());
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
    // JSON carries the same stand-ins: `jq -r` prints no live escape.
    let json = json_of(&file);
    assert_eq!(json["headings"][1]["text"], "Clear \u{241b}[2J screen");
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

/// The shared fixtures of bad input (tests/fixtures/bad, described in its
/// README), read the way the README says they must be.
mod bad_fixtures {
    use super::*;
    use quire::article::Article;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/bad")
            .join(name)
    }

    fn load(name: &str) -> Article {
        Article::load(&fixture(name)).unwrap()
    }

    fn outline_of(article: &Article) -> Vec<(u8, &str)> {
        article
            .outline
            .iter()
            .map(|h| (h.level(), h.text()))
            .collect()
    }

    #[test]
    fn bom_crlf_and_invalid_bytes() {
        let bom = load("bom.md");
        assert_eq!(bom.meta.title, "A file that starts with a byte order mark");
        assert!(bom.warnings.is_empty());

        let crlf = load("crlf.md");
        let levels: Vec<u8> = crlf.outline.iter().map(|h| h.level()).collect();
        assert_eq!(levels, [1, 2, 3, 2, 2]);
        assert!(!crlf.body.contains('\r'));

        let bad = load("invalid-utf8.md");
        assert_eq!(bad.warnings.len(), 1, "{:?}", bad.warnings);
        assert!(
            bad.warnings[0].message.contains("byte 148"),
            "{}",
            bad.warnings[0]
        );
        assert_eq!(bad.outline.len(), 2);
        assert!(bad.body.contains('\u{fffd}'));
        assert!(bad.body.contains("café"));
    }

    #[test]
    fn broken_and_unclosed_front_matter_still_read_the_body() {
        let yaml = load("broken-yaml.md");
        assert_eq!(yaml.warnings.len(), 1);
        assert_eq!(yaml.warnings[0].line, Some(4));
        assert_eq!(yaml.outline.len(), 2);

        let toml = load("broken-toml.md");
        assert_eq!(toml.warnings.len(), 1);
        assert!(toml.warnings[0].message.contains("TOML"));
        assert_eq!(toml.outline.len(), 2);

        let unclosed = load("unclosed.md");
        assert_eq!(unclosed.warnings.len(), 1);
        assert_eq!(
            unclosed.meta.front_matter,
            quire::article::FrontMatterKind::None
        );
        assert_eq!(unclosed.meta.title, "A heading after an unclosed fence");
    }

    #[test]
    fn empty_and_front_matter_only() {
        let empty = load("empty.md");
        assert_eq!(empty.meta.title, "empty");
        assert!(empty.outline.is_empty() && empty.warnings.is_empty());

        let only = load("only-front-matter.md");
        assert_eq!(only.meta.title, "Nothing but front matter");
        assert!(only.outline.is_empty() && only.warnings.is_empty());
        assert!(only.body.trim().is_empty());
    }

    #[test]
    fn tag_forms() {
        let weird = load("tags-weird.md");
        assert_eq!(
            weird.meta.tags,
            ["2024", "rust", "3.5", "true", "machine learning"]
        );
        for name in ["tags-map.md", "tags-number.md"] {
            let article = load(name);
            assert!(article.meta.tags.is_empty(), "{name}");
            assert_eq!(article.warnings.len(), 1, "{name}");
        }
        assert_eq!(load("tag-singular.md").meta.tags, ["Notes"]);
    }

    #[test]
    fn titles_and_headings() {
        assert_eq!(
            load("no-front-matter.md").meta.title,
            "The title comes from this heading"
        );
        let setext = load("setext.md");
        assert_eq!(
            outline_of(&setext),
            [
                (1, "A level-one setext heading"),
                (2, "A level-two setext heading"),
                (1, "A setext heading whose text spans two lines"),
                (1, "Short"),
            ]
        );
        let deep = load("deep.md");
        assert_eq!(deep.outline.len(), 11, "{:?}", outline_of(&deep));
        let texts: Vec<&str> = deep.outline.iter().map(|h| h.text()).collect();
        assert!(texts.contains(&"code and emphasis and an image & entities"));
        assert!(texts.contains(&"Closing hashes are dropped"));
        let anchors: Vec<String> = load("dupes.md")
            .outline
            .into_iter()
            .map(|h| h.anchor().into_string())
            .collect();
        assert_eq!(
            anchors,
            [
                "notes",
                "notes-1",
                "notes-2",
                "notes-1-1",
                "hello-world-again"
            ]
        );
    }

    #[test]
    fn hostile_text_never_reaches_stdout_raw() {
        for name in ["hostile.md", "hostile-title.md"] {
            for json in [false, true] {
                let mut cmd = quire();
                cmd.arg("outline");
                if json {
                    cmd.arg("--json");
                }
                let out = cmd.arg(fixture(name)).output().unwrap();
                assert!(out.status.success(), "{name}");
                let stdout = String::from_utf8(out.stdout).unwrap();
                let raw: Vec<char> = stdout
                    .chars()
                    .filter(|&c| c != '\n' && quire::sanitize::is_unsafe(c))
                    .collect();
                assert!(raw.is_empty(), "{name} json={json}: {raw:?}");
                if json {
                    let value: Value = serde_json::from_str(&stdout).unwrap();
                    // Decoded, the JSON holds text output's stand-ins.
                    let title = value["title"].as_str().unwrap();
                    assert!(!title.chars().any(quire::sanitize::is_unsafe), "{title:?}");
                    assert!(title.contains('\u{241b}'), "{title:?}");
                }
            }
        }
    }
}
