//! quire's memory seen from the command line: reading states in `quire list`,
//! `--unread`, `--no-state`, the library cache following edits, and nothing
//! ever written inside the library folder.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use quire::store::{Position, Store, Visit};
use serde_json::Value;

use crate::common;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A library and a home of its own for each test.
struct Setup {
    lib: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let lib = tempfile::tempdir().unwrap();
        for (rel, title, date) in [
            ("a.md", "Alpha", "2024-03-01"),
            ("b.md", "Beta", "2024-02-01"),
            ("sub/c.md", "Gamma", "2024-01-01"),
        ] {
            write(
                lib.path(),
                rel,
                &format!("---\ntitle: {title}\ndate: {date}\n---\nWords here.\n"),
            );
        }
        Setup {
            lib,
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.home.path().join("state/quire/quire.db")
    }

    fn key(&self, rel: &str) -> String {
        fs::canonicalize(self.lib.path())
            .unwrap()
            .join(rel)
            .to_string_lossy()
            .into_owned()
    }

    fn store(&self) -> Store {
        Store::open(&self.db()).unwrap()
    }

    fn quire(&self) -> Command {
        let mut cmd = Command::cargo_bin("quire").unwrap();
        common::with_homes(&mut cmd, self.home.path());
        cmd
    }

    fn run(&self, args: &[&str]) -> (String, String) {
        let out = self
            .quire()
            .args(args)
            .arg(self.lib.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn json(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        let (out, _) = self.run(&all);
        serde_json::from_str::<Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }
}

fn visit(progress: f64, end: bool) -> Visit {
    Visit {
        position: Position {
            anchor: None,
            fraction: 0.0,
            top_line: 3,
            width: 80,
        },
        progress,
        reached_end: end,
    }
}

fn row<'a>(rows: &'a [Value], path: &str) -> &'a Value {
    rows.iter().find(|r| r["path"] == path).unwrap()
}

#[test]
fn list_json_carries_progress_read_and_last_opened() {
    let s = Setup::new();
    let rows = s.json(&[]);
    assert_eq!(rows.len(), 3);
    for r in &rows {
        assert_eq!(r["progress"], 0);
        assert_eq!(r["read"], false);
        assert_eq!(r["last_opened"], Value::Null);
    }
    let mut store = s.store();
    store
        .save_position(&s.key("a.md"), &visit(0.42, false))
        .unwrap();
    store
        .save_position(&s.key("sub/c.md"), &visit(1.0, true))
        .unwrap();
    drop(store);
    let rows = s.json(&[]);
    let a = row(&rows, "a.md");
    assert_eq!(a["progress"], 42);
    assert_eq!(a["read"], false);
    let opened = a["last_opened"].as_str().unwrap();
    assert!(opened.ends_with('Z') && opened.len() == 20, "{opened}");
    let c = row(&rows, "sub/c.md");
    assert_eq!(c["progress"], 100);
    assert_eq!(c["read"], true);
    assert_eq!(row(&rows, "b.md")["read"], false);
}

#[test]
fn unread_lists_unread_and_in_progress_only_and_text_shows_marks() {
    let s = Setup::new();
    s.run(&["list"]);
    let mut store = s.store();
    store
        .save_position(&s.key("a.md"), &visit(0.3, false))
        .unwrap();
    store.mark_read(&s.key("b.md"), true).unwrap();
    drop(store);
    let paths: Vec<String> = s
        .json(&["--unread"])
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["a.md", "sub/c.md"]);
    let (text, _) = s.run(&["list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("30%  a.md"), "{text}");
    assert!(lines[1].starts_with("✓    b.md"), "{text}");
    assert!(lines[2].starts_with("●    sub/c.md"), "{text}");
    // Marked unread by hand: back to ● and listed by --unread again.
    s.store().mark_read(&s.key("b.md"), false).unwrap();
    assert_eq!(s.json(&["--unread"]).len(), 3);
}

#[test]
fn no_state_reads_and_writes_nothing() {
    let s = Setup::new();
    let (text, _) = s.run(&["list", "--no-state"]);
    assert!(!s.db().exists(), "no store made");
    assert!(text.starts_with("a.md "), "no marks without memory: {text}");
    let out = s
        .quire()
        .env("QUIRE_NO_STATE", "1")
        .args(["list", "--json"])
        .arg(s.lib.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!s.db().exists(), "QUIRE_NO_STATE=1 makes no store");
    // With a store holding a read mark, --no-state does not read it.
    s.run(&["list"]);
    s.store().mark_read(&s.key("a.md"), true).unwrap();
    let rows = s.json(&["--no-state"]);
    assert_eq!(row(&rows, "a.md")["read"], false);
}

#[test]
fn the_cache_follows_edits_additions_and_deletions() {
    let s = Setup::new();
    assert_eq!(s.json(&[]).len(), 3);
    let root = fs::canonicalize(s.lib.path()).unwrap();
    let cached = s.store().load_library(&root.to_string_lossy()).unwrap();
    assert_eq!(cached.len(), 3, "a first list fills the cache");
    // Edit: a longer file, so even a coarse mtime sees the change.
    write(
        s.lib.path(),
        "a.md",
        "---\ntitle: Alpha, revised at length\ndate: 2024-03-01\n---\nMore words.\n",
    );
    write(s.lib.path(), "new.md", "---\ntitle: Newcomer\n---\n");
    fs::remove_file(s.lib.path().join("sub/c.md")).unwrap();
    let rows = s.json(&[]);
    let mut titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    titles.sort();
    assert_eq!(titles, ["Alpha, revised at length", "Beta", "Newcomer"]);
    let cached = s.store().load_library(&root.to_string_lossy()).unwrap();
    assert_eq!(cached.len(), 3);
    assert!(!cached.contains_key(Path::new("sub/c.md")));
    assert_eq!(
        cached[Path::new("a.md")].peek.meta.title,
        "Alpha, revised at length"
    );
}

#[test]
fn a_warm_list_repeats_the_warnings_of_cached_files() {
    let s = Setup::new();
    write(s.lib.path(), "bad.md", "---\ntags: {x: 1}\n---\nBody.\n");
    let (_, first) = s.run(&["list"]);
    let (_, second) = s.run(&["list"]);
    assert!(first.contains("bad.md"), "{first}");
    assert_eq!(first, second);
}

#[test]
fn a_corrupt_store_is_moved_aside_with_one_warning() {
    let s = Setup::new();
    fs::create_dir_all(s.db().parent().unwrap()).unwrap();
    fs::write(s.db(), vec![b'x'; 4096]).unwrap();
    let (out, err) = s.run(&["list"]);
    assert_eq!(out.lines().count(), 3);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("corrupt-"), "{err}");
    assert!(s.store().load_library("x").is_ok());
}

#[test]
fn quire_writes_nothing_inside_the_library_folder() {
    let s = Setup::new();
    let before = listing(s.lib.path());
    s.run(&["list"]);
    s.run(&["list", "--unread"]);
    s.run(&["tags"]);
    assert_eq!(listing(s.lib.path()), before);
    assert!(s.db().is_file(), "the store lives in XDG_STATE_HOME");
}

/// Every path under `root`, hidden ones included, with its size.
fn listing(root: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for item in fs::read_dir(&dir).unwrap() {
            let item = item.unwrap();
            let meta = item.metadata().unwrap();
            if meta.is_dir() {
                stack.push(item.path());
            }
            out.push((item.path(), meta.len()));
        }
    }
    out.sort();
    out
}
