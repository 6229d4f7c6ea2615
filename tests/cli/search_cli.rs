//! `quire search` run as a user would: the index built on the first call in a
//! temporary state folder, refreshed on the next, JSON and text output.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::fs;
use std::path::Path;

use serde_json::Value;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap();
}

/// A library of our own and a home for the state, side by side.
fn setup() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let home = tmp.path().join("home");
    write(
        &lib,
        "ai.md",
        "---\ntitle: Models and freedom\ntags: [FLOSS, AI]\n---\n# Models\n\nIntro.\n\n## Kinds\n\n### Image Models\n\nStable Diffusion was open sourced in 2022.\n",
    );
    write(
        &lib,
        "kites.md",
        "---\ntitle: Stable kites\ntags: [Outdoors]\n---\nA kite that flies in any wind.\n",
    );
    (tmp, lib, home)
}

fn json(home: &Path, args: &[&str]) -> Vec<Value> {
    let out = common::quire_in(home).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().unwrap().clone()
}

#[test]
fn json_reports_the_section_of_a_match() {
    let (_tmp, lib, home) = setup();
    let hits = json(
        &home,
        &["search", "diffusion", lib.to_str().unwrap(), "--json"],
    );
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h["path"], "ai.md");
    assert_eq!(h["title"], "Models and freedom");
    assert_eq!(
        h["section"],
        serde_json::json!(["Models", "Kinds", "Image Models"])
    );
    assert_eq!(h["anchor"], "image-models");
    assert_eq!(h["line"], 11);
    assert_eq!(h["snippet"], "Stable Diffusion was open sourced in 2022.");
    assert!(h["score"].as_f64().unwrap() > 0.0);
    // The index was saved in the state folder, nothing in the library.
    assert!(home.join("state/quire/quire.db").is_file());
    let names: Vec<_> = fs::read_dir(&lib)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2);
}

#[test]
fn the_title_match_comes_first_and_tags_restrict() {
    let (_tmp, lib, home) = setup();
    let dir = lib.to_str().unwrap();
    let hits = json(&home, &["search", "stable", dir, "--json"]);
    let paths: Vec<_> = hits.iter().map(|h| h["path"].as_str().unwrap()).collect();
    assert_eq!(paths, vec!["kites.md", "ai.md"]);
    let hits = json(
        &home,
        &["search", "stable", dir, "--tag", "floss", "--json"],
    );
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["path"], "ai.md");
    let hits = json(&home, &["search", "stable", dir, "--limit", "1", "--json"]);
    assert_eq!(hits.len(), 1);
}

#[test]
fn a_later_call_sees_an_edit_an_addition_and_a_deletion() {
    let (_tmp, lib, home) = setup();
    let dir = lib.to_str().unwrap();
    assert_eq!(json(&home, &["search", "kite", dir, "--json"]).len(), 1);
    write(
        &lib,
        "kites.md",
        "---\ntitle: Paper boats\n---\nBoats float on the pond.\n",
    );
    write(
        &lib,
        "new/owls.md",
        "# Owls\n\nOwls fly at night, like a kite.\n",
    );
    fs::remove_file(lib.join("ai.md")).unwrap();
    let hits = json(&home, &["search", "kite", dir, "--json"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["path"], "new/owls.md");
    assert!(json(&home, &["search", "diffusion", dir, "--json"]).is_empty());
    assert_eq!(json(&home, &["search", "pond", dir, "--json"]).len(), 1);
}

#[test]
fn no_state_leaves_nothing_behind() {
    let (_tmp, lib, home) = setup();
    let hits = json(
        &home,
        &[
            "search",
            "kite",
            lib.to_str().unwrap(),
            "--json",
            "--no-state",
        ],
    );
    assert_eq!(hits.len(), 1);
    let out = common::quire_in(&home)
        .env("QUIRE_NO_STATE", "1")
        .args(["search", "kite", lib.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!home.join("state").exists());
}

#[test]
fn text_output_marks_the_matches() {
    let (_tmp, lib, home) = setup();
    let out = common::quire_in(&home)
        .args(["search", "\"open sourced\"", lib.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "ai.md:11  Models and freedom › Models › Kinds › Image Models\n    Stable Diffusion was [open sourced] in 2022.\n"
    );
}

#[test]
fn a_hostile_query_is_read_literally() {
    let (_tmp, lib, home) = setup();
    for q in [
        "\"unbalanced",
        "AND OR NOT",
        "NEAR(",
        "*",
        "col:umn ^x",
        "-",
        "tag:",
        "\"\"",
    ] {
        let out = common::quire_in(&home)
            .args(["search", q, lib.to_str().unwrap(), "--json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{q}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v.is_array());
    }
}

#[test]
fn a_missing_folder_is_the_users_error() {
    let (tmp, _lib, home) = setup();
    common::quire_in(&home)
        .args(["search", "x", tmp.path().join("nope").to_str().unwrap()])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn a_section_of_one_word_repeated_is_searched_with_a_snippet() {
    // 256 KB of one word: the snippet is cut from a bounded piece of it
    // (all 131,072 matches at once took minutes).
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let home = tmp.path().join("home");
    write(&lib, "a.md", &"a ".repeat(128 * 1024));
    let hits = json(&home, &["search", "a", lib.to_str().unwrap(), "--json"]);
    assert_eq!(hits.len(), 1);
    let snippet = hits[0]["snippet"].to_string();
    assert!(snippet.contains('a'), "{snippet}");
}

#[test]
fn a_query_of_repeated_or_countless_terms_is_capped_and_says_so() {
    // `the` x 800 took 7.5 s; 12,000 `tag:` terms failed ("Expression tree
    // is too large").
    let (_tmp, lib, home) = setup();
    let dir = lib.to_str().unwrap();
    let repeated = "stable ".repeat(800);
    assert_eq!(json(&home, &["search", &repeated, dir, "--json"]).len(), 2);
    let tags: String = (0..12_000).map(|i| format!("tag:t{i} ")).collect();
    let out = common::quire_in(&home)
        .args(["search", &format!("stable {tags}"), dir, "--json"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("keeps its first 1024 bytes"), "{stderr}");
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        hits,
        Value::Array(Vec::new()),
        "the tags kept still restrict"
    );
}

#[test]
fn searches_run_at_once_on_one_state_folder_all_answer() {
    // One of two failed with "database is locked", every time.
    let (_tmp, lib, home) = setup();
    for i in 0..300 {
        write(
            &lib,
            &format!("many/p{i}.md"),
            &format!("# Post {i}\n\nA stable kite and more words {i}.\n"),
        );
    }
    let runs: Vec<_> = (0..3)
        .map(|_| {
            let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("quire"));
            cmd.env("XDG_STATE_HOME", home.join("state"))
                .env("XDG_CONFIG_HOME", home.join("config"))
                .args(["search", "kite", lib.to_str().unwrap(), "--json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for run in runs {
        let out = run.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains("locked"), "{stderr}");
        let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(!hits.as_array().unwrap().is_empty());
    }
}

#[test]
fn state_flags_before_the_command_mean_what_they_mean_after_it() {
    // `quire --no-state search` wrote quire.db; `--no-ignore list` still
    // honoured .gitignore.
    let (_tmp, lib, home) = setup();
    let dir = lib.to_str().unwrap();
    for args in [
        ["--no-state", "search", "kite", dir],
        ["--no-state", "list", dir, "--json"],
        ["--no-state", "tags", dir, "--json"],
    ] {
        let out = common::quire_in(&home).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert!(!home.join("state").exists(), "{args:?} wrote the store");
    }
    fs::write(lib.join(".gitignore"), "kites.md\n").unwrap();
    let listed = |args: &[&str]| {
        let out = common::quire_in(&home).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap().contains("kites.md")
    };
    assert!(!listed(&["list", dir]));
    assert!(listed(&["--no-ignore", "list", dir]));
    assert!(listed(&["list", "--no-ignore", dir]));
    let out = common::quire_in(&home)
        .args(["--no-ignore", "outline"])
        .arg(lib.join("ai.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[test]
fn an_edit_that_keeps_size_and_mtime_is_indexed_again() {
    // `cp -p` and `tar x` put back the old modification time.
    let (_tmp, lib, home) = setup();
    let dir = lib.to_str().unwrap();
    assert_eq!(json(&home, &["search", "kite", dir, "--json"]).len(), 1);
    let path = lib.join("kites.md");
    let before = fs::read_to_string(&path).unwrap();
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    let after = before.replace("kite", "boat");
    assert_eq!(after.len(), before.len());
    fs::write(&path, after).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    assert!(json(&home, &["search", "kite", dir, "--json"]).is_empty());
    assert_eq!(json(&home, &["search", "boat", dir, "--json"]).len(), 1);
}

#[test]
fn a_query_of_tags_alone_says_a_word_is_needed() {
    let (_tmp, lib, home) = setup();
    let out = common::quire_in(&home)
        .args(["search", "tag:floss", lib.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v, serde_json::json!([]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no word to look for"), "{stderr}");
    assert!(stderr.contains("quire list --tag"), "{stderr}");
    // With a word, no such warning.
    let out = common::quire_in(&home)
        .args(["search", "tag:floss diffusion", lib.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("no word"));
}
