//! Notes vaults as a user runs quire on them: `[[wikilinks]]` and
//! `![[embeds]]` in `quire links`, what links here in `quire backlinks`,
//! over the vault in `tests/fixtures/vault` (every form of link, repeated
//! names in two folders, aliases, block ids, embeds of each kind, an embed
//! cycle and targets that do not exist).

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// stdout, stderr and exit code of `quire ARGS` run in the fixtures folder,
/// its state and config in `home`.
pub(super) fn run_in(home: &TempDir, args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("quire")
        .unwrap()
        .current_dir(fixtures())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

pub(super) fn json_in(home: &TempDir, args: &[&str]) -> Value {
    let (stdout, stderr, _) = run_in(home, args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"))
}

/// Each link of `vault/Home.md` as (target, kind, resolved path, anchor).
fn home_links() -> Vec<(String, String, Option<String>, Option<String>)> {
    let home = TempDir::new().unwrap();
    let value = json_in(&home, &["links", "--json", "vault/Home.md"]);
    value["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let s = |v: &Value| v.as_str().map(str::to_string);
            (
                s(&l["target"]).unwrap(),
                s(&l["kind"]).unwrap(),
                s(&l["resolved"]["path"]),
                s(&l["resolved"]["anchor"]),
            )
        })
        .collect()
}

fn lead(target: &str) -> (String, Option<String>, Option<String>) {
    let links = home_links();
    let (_, kind, path, anchor) = links
        .into_iter()
        .find(|(t, ..)| t == target)
        .unwrap_or_else(|| panic!("no link {target}"));
    (kind, path, anchor)
}

fn place(path: &str, anchor: Option<&str>) -> (String, Option<String>, Option<String>) {
    (
        "wikilink".into(),
        Some(path.into()),
        anchor.map(str::to_string),
    )
}

#[test]
fn wikilinks_resolve_by_name_path_alias_heading_and_block() {
    assert_eq!(lead("[[Garden]]"), place("vault/Garden.md", None));
    assert_eq!(lead("[[Garden.md]]"), place("vault/Garden.md", None));
    assert_eq!(
        lead("[[Garden#Watering]]"),
        place("vault/Garden.md", Some("watering"))
    );
    assert_eq!(
        lead("[[Garden#Seasons#Spring]]"),
        place("vault/Garden.md", Some("spring"))
    );
    assert_eq!(
        lead("[[Garden#^tomato-rows]]"),
        place("vault/Garden.md", Some("^tomato-rows"))
    );
    assert_eq!(lead("[[#Names]]"), place("vault/Home.md", Some("names")));
    // Two notes named Plan: the shorter path, unless a path is given.
    assert_eq!(lead("[[Plan]]"), place("vault/projects/Plan.md", None));
    assert_eq!(
        lead("[[archive/old/Plan]]"),
        place("vault/archive/old/Plan.md", None)
    );
    assert_eq!(lead("[[Ada]]"), place("vault/people/Ada Lovelace.md", None));
    assert_eq!(
        lead("[[photo.png]]"),
        place("vault/attachments/photo.png", None)
    );
    assert_eq!(lead("[[Nowhere]]"), ("unresolved".into(), None, None));
}

#[test]
fn embeds_are_links_to_what_they_show() {
    assert_eq!(
        lead("![[Garden#^tomato-rows]]"),
        place("vault/Garden.md", Some("^tomato-rows"))
    );
    assert_eq!(
        lead("![[photo.png]]"),
        place("vault/attachments/photo.png", None)
    );
    assert_eq!(
        lead("![[talk.mp3]]"),
        place("vault/attachments/talk.mp3", None)
    );
    assert_eq!(lead("![[Cycle A]]"), place("vault/Cycle A.md", None));
    assert_eq!(lead("![[Nowhere else]]"), ("unresolved".into(), None, None));
}

#[test]
fn the_link_checker_reports_wikilinks_to_nothing() {
    let home = TempDir::new().unwrap();
    let (stdout, _, code) = run_in(&home, &["links", "--broken", "vault"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "vault/Home.md:25: unresolved: [Nowhere]([[Nowhere]]): no note or file named Nowhere in vault",
            "vault/Home.md:41: unresolved: [Nowhere else](![[Nowhere else]]): no note or file named Nowhere else in vault",
        ]
    );
}

#[test]
fn render_shows_wikilinks_as_their_names_and_hides_block_ids() {
    let home = TempDir::new().unwrap();
    let (stdout, _, code) = run_in(&home, &["render", "--width", "80", "vault/Home.md"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("• A heading: Garden > Watering\n"),
        "{stdout}"
    );
    assert!(stdout.contains("[audio: talk.mp3]"), "{stdout}");
    assert!(!stdout.contains("[["), "{stdout}");
    let (garden, _, _) = run_in(&home, &["render", "--width", "80", "vault/Garden.md"]);
    assert!(garden.contains("along the fence.\n"), "{garden}");
    assert!(!garden.contains("^tomato-rows"), "{garden}");
}

/// Each link into `target` as (path, line, anchor).
fn backlinks(home: &TempDir, target: &str) -> Vec<(String, u64, Option<String>)> {
    let value = json_in(home, &["backlinks", "--json", target]);
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["path"].as_str().unwrap().to_string(),
                l["line"].as_u64().unwrap(),
                l["anchor"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn from(path: &str, line: u64, anchor: Option<&str>) -> (String, u64, Option<String>) {
    (path.into(), line, anchor.map(str::to_string))
}

#[test]
fn backlinks_list_markdown_links_wikilinks_and_embeds_into_a_note() {
    let home = TempDir::new().unwrap();
    assert_eq!(
        backlinks(&home, "vault/Garden.md"),
        [
            from("vault/Home.md", 8, None),
            from("vault/Home.md", 8, None),
            from("vault/Home.md", 13, Some("watering")),
            from("vault/Home.md", 14, Some("spring")),
            from("vault/Home.md", 15, Some("^tomato-rows")),
            from("vault/Home.md", 21, None),
            from("vault/Home.md", 24, Some("watering")),
            from("vault/Home.md", 29, Some("watering")),
            from("vault/Home.md", 31, Some("^tomato-rows")),
            from("vault/projects/Plan.md", 3, Some("watering")),
        ]
    );
    // The repeated name goes to the shorter path; the other Plan is
    // reached by its path only.
    assert_eq!(
        backlinks(&home, "vault/projects/Plan.md"),
        [
            from("vault/Garden.md", 24, Some("budget")),
            from("vault/Home.md", 20, None),
            from("vault/daily/2026-12-01.md", 3, None),
        ]
    );
    assert_eq!(
        backlinks(&home, "vault/archive/old/Plan.md"),
        [from("vault/Home.md", 20, None)]
    );
    assert_eq!(
        backlinks(&home, "vault/people/Ada Lovelace.md"),
        [
            from("vault/Home.md", 22, None),
            from("vault/Home.md", 22, None)
        ]
    );
    assert_eq!(backlinks(&home, "vault/daily/2026-12-01.md"), []);
    assert_eq!(
        backlinks(&home, "vault/Cycle A.md"),
        [
            from("vault/Cycle B.md", 3, None),
            from("vault/Home.md", 39, None)
        ]
    );
}

#[test]
fn backlinks_of_a_section_take_its_subsections_and_blocks() {
    let home = TempDir::new().unwrap();
    let anchors = |target| -> Vec<Option<String>> {
        backlinks(&home, target)
            .into_iter()
            .map(|(_, _, a)| a)
            .collect()
    };
    let watering = anchors("vault/Garden.md#watering");
    assert_eq!(watering.len(), 6);
    assert!(watering.contains(&Some("^tomato-rows".into())));
    assert_eq!(anchors("vault/Garden.md#seasons"), [Some("spring".into())]);
    assert_eq!(
        anchors("vault/Garden.md#^tomato-rows"),
        [Some("^tomato-rows".into()), Some("^tomato-rows".into())]
    );
    let (stdout, stderr, code) = run_in(&home, &["backlinks", "vault/Garden.md#nowhere"]);
    assert_eq!((stdout.as_str(), code), ("", 1));
    assert!(
        stderr.contains("vault/Garden.md: no heading or block #nowhere"),
        "{stderr}"
    );
}

#[test]
fn the_link_index_follows_the_files_as_they_change() {
    let home = TempDir::new().unwrap();
    let vault = home.path().join("v");
    std::fs::create_dir_all(vault.join(".obsidian")).unwrap();
    std::fs::write(vault.join("a.md"), "# A\n\nSee [[b]] and [[c]].\n").unwrap();
    std::fs::write(vault.join("b.md"), "# B\n").unwrap();
    let target = |name: &str| vault.join(name).to_string_lossy().into_owned();
    let count = |name: &str| {
        json_in(&home, &["backlinks", "--json", &target(name)])
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count("b.md"), 1);
    // A new note is what the unchanged a.md named.
    std::fs::write(vault.join("c.md"), "# C\n").unwrap();
    assert_eq!(count("c.md"), 1);
    std::fs::write(
        vault.join("a.md"),
        "# A\n\nOnly [[c]] now, and [[c|again]].\n",
    )
    .unwrap();
    assert_eq!((count("b.md"), count("c.md")), (0, 2));
    std::fs::remove_file(vault.join("a.md")).unwrap();
    assert_eq!(count("c.md"), 0);
}

#[test]
fn backlinks_of_a_section_follow_its_headings_as_they_change() {
    let home = TempDir::new().unwrap();
    let vault = home.path().join("v");
    std::fs::create_dir_all(vault.join(".obsidian")).unwrap();
    std::fs::write(vault.join("t.md"), "# T\n\n## Old\n\nText.\n").unwrap();
    std::fs::write(
        vault.join("a.md"),
        "# A\n\nTo [[t#Old]], [[t#New]] and [t](t.md#new).\n",
    )
    .unwrap();
    let target = |name: &str| vault.join(name).to_string_lossy().into_owned();
    // The anchors of the links in, sorted (they are all on one line).
    let links = |name: &str| -> Vec<Option<String>> {
        let mut anchors: Vec<Option<String>> =
            json_in(&home, &["backlinks", "--json", &target(name)])
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["anchor"].as_str().map(str::to_string))
                .collect();
        anchors.sort();
        anchors
    };
    assert_eq!(links("t.md#old"), [Some("old".to_string())]);
    // The heading renamed in t.md alone: the unchanged a.md's wikilinks
    // lead where their text leads now.
    std::fs::write(vault.join("t.md"), "# T\n\n## New\n\nText, renamed.\n").unwrap();
    assert_eq!(
        links("t.md#new"),
        [Some("new".to_string()), Some("new".to_string())]
    );
    assert_eq!(
        links("t.md"),
        [None, Some("new".to_string()), Some("new".to_string())]
    );
    let (_, stderr, code) = run_in(&home, &["backlinks", &target("t.md#old")]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn backlinks_text_names_file_and_line() {
    let home = TempDir::new().unwrap();
    let (stdout, _, code) = run_in(&home, &["backlinks", "vault/archive/old/Plan.md"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "vault/Home.md:20: archive/old/Plan\n");
}

#[test]
fn inline_tags_join_the_front_matter_s_and_a_parent_finds_its_children() {
    let home = TempDir::new().unwrap();
    let (stdout, _, code) = run_in(&home, &["tags", "vault"]);
    assert_eq!(code, 0);
    let tags: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_once(' ').map(|(_, t)| t))
        .collect();
    // `#index` is in the front matter and the body: once. Code, colours
    // and numbers are not tags.
    assert_eq!(
        tags,
        [
            "garden/spring",
            "index",
            "person",
            "projects/active",
            "vault"
        ]
    );
    let (listed, _, _) = run_in(&home, &["list", "--tag", "garden", "vault"]);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.contains("Garden.md"), "{listed}");
    let (listed, _, _) = run_in(&home, &["list", "--tag", "projects", "vault"]);
    assert!(listed.contains("Home.md"), "{listed}");
}

#[test]
fn links_in_count_the_same_from_inside_the_vault() {
    // `.` as the folder: every resolved link still counts.
    let home = TempDir::new().unwrap();
    let out = Command::cargo_bin("quire")
        .unwrap()
        .current_dir(fixtures().join("vault"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .args(["list", "--json", "--sort", "links-in", "."])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["path"], "Garden.md");
    assert_eq!(rows[0]["links_in"], 10);
}

#[test]
fn the_list_sorts_by_links_in_and_finds_the_orphans() {
    let home = TempDir::new().unwrap();
    let rows = json_in(&home, &["list", "--json", "--sort", "links-in", "vault"]);
    let rows: Vec<(String, u64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_string(),
                r["links_in"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(rows[0], ("Garden.md".to_string(), 10));
    assert_eq!(rows.last().unwrap().1, 0);
    let orphans = json_in(&home, &["list", "--json", "--orphans", "vault"]);
    let mut orphans: Vec<&str> = orphans
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    orphans.sort_unstable();
    assert_eq!(orphans, ["daily/2026-12-01.md"]);
    let (text, _, _) = run_in(&home, &["list", "--orphans", "vault"]);
    assert!(text.contains("0← 1 December"), "{text}");
}
