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
fn run_in(home: &TempDir, args: &[&str]) -> (String, String, i32) {
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

fn json_in(home: &TempDir, args: &[&str]) -> Value {
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
