//! `quire links PATH [--broken] [--json]` as a user runs it: stdout, exit
//! codes, the JSON shape, over the small sites in `tests/fixtures/sites`.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

fn sites() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites")
}

/// quire run from the sites folder, its state and config in a temporary folder.
fn quire(home: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("quire").unwrap();
    cmd.current_dir(sites())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd
}

/// stdout, stderr and the exit code of `quire links ARGS`.
fn run(args: &[&str]) -> (String, String, i32) {
    let home = TempDir::new().unwrap();
    let out = quire(&home).arg("links").args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn json(args: &[&str]) -> (Value, i32) {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let (stdout, stderr, code) = run(&all);
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"));
    (value, code)
}

#[test]
fn a_file_lists_every_link_with_line_kind_and_place() {
    let (stdout, stderr, code) = run(&["readme/README.md"]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 15, "{stdout}");
    assert_eq!(
        lines[0],
        "readme/README.md:5: file: [the install steps](docs/setup.md#install) -> readme/docs/setup.md#install"
    );
    assert!(lines.contains(
        &"readme/README.md:8: anchor: [a section here](#usage) -> readme/README.md#usage"
    ));
    assert!(lines.contains(
        &"readme/README.md:15: refused: [data](data:text/html,hi): data: links are not followed"
    ));
}

#[test]
fn broken_lists_only_broken_links_and_exits_one() {
    let (stdout, _, code) = run(&["--broken", "readme/README.md"]);
    assert_eq!(code, 1);
    let kinds: Vec<&str> = stdout
        .lines()
        .map(|l| l.split(": ").nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        kinds,
        ["unresolved", "file", "anchor", "unresolved", "unresolved"],
        "{stdout}"
    );
    assert!(stdout.contains("no heading #uninstall in readme/docs/setup.md"));
}

#[test]
fn broken_exits_zero_when_every_link_leads_somewhere() {
    let (stdout, stderr, code) = run(&["--broken", "jekyll/about.md"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let (stdout, _, code) = run(&["--broken", "zola/content/blog/first-post/index.md"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    let (value, code) = json(&["--broken", "jekyll/about.md"]);
    assert_eq!(code, 0);
    assert_eq!(
        value,
        serde_json::json!({"path": "jekyll/about.md", "links": []})
    );
    // Without --broken, broken links are listed but do not fail the run.
    let (_, _, code) = run(&["readme/README.md"]);
    assert_eq!(code, 0);
}

#[test]
fn json_for_a_file_is_one_object_in_the_documented_shape() {
    let (value, code) = json(&["zola/content/blog/second-post/index.md"]);
    assert_eq!(code, 0);
    assert_eq!(value["path"], "zola/content/blog/second-post/index.md");
    let links = value["links"].as_array().unwrap();
    assert_eq!(links.len(), 10);
    let first = &links[0];
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["kind", "line", "reason", "resolved", "target", "text"]
    );
    assert_eq!(first["line"], 6);
    assert_eq!(first["text"], "the settings");
    assert_eq!(first["target"], "@/blog/first-post/index.md#settings");
    assert_eq!(first["kind"], "file");
    assert_eq!(
        first["resolved"],
        serde_json::json!({"path": "zola/content/blog/first-post/index.md", "anchor": "settings"})
    );
    assert_eq!(first["reason"], Value::Null);
    let missing = links
        .iter()
        .find(|l| l["target"] == "@/blog/missing/index.md")
        .unwrap();
    assert_eq!(missing["kind"], "unresolved");
    assert_eq!(missing["resolved"], Value::Null);
    assert_eq!(
        missing["reason"],
        "no file blog/missing/index.md in the site's content folder"
    );
}

#[test]
fn json_for_a_folder_is_an_array_and_broken_keeps_only_files_with_broken_links() {
    let (value, code) = json(&["jekyll"]);
    assert_eq!(code, 0);
    let paths: Vec<&str> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "jekyll/_posts/2022-09-14-floss.md",
            "jekyll/_posts/2022-10-02-webdev.md",
            "jekyll/about.md"
        ]
    );
    let (value, code) = json(&["--broken", "jekyll"]);
    assert_eq!(code, 1);
    let files = value.as_array().unwrap();
    assert_eq!(files.len(), 1);
    let targets: Vec<&str> = files[0]["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["target"].as_str().unwrap())
        .collect();
    assert_eq!(
        targets,
        [
            "{% post_url 2020-01-01-gone %}",
            "/2021/01/01/floss.html",
            "{% post_url 2022-09-14-floss %}#five-freedoms"
        ]
    );
}

#[test]
fn the_jekyll_post_resolves_liquid_permalinks_and_its_own_address() {
    let (value, _) = json(&["jekyll/_posts/2022-10-02-webdev.md"]);
    let floss = "jekyll/_posts/2022-09-14-floss.md";
    let resolved: Vec<(String, Value)> = value["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["target"].as_str().unwrap().to_string(),
                l["resolved"].clone(),
            )
        })
        .collect();
    let place = |target: &str| {
        resolved
            .iter()
            .find(|(t, _)| t == target)
            .map(|(_, r)| r.clone())
            .unwrap()
    };
    assert_eq!(place("{% post_url 2022-09-14-floss %}")["path"], floss);
    assert_eq!(place("/2022/09/14/floss.html")["path"], floss);
    let own = place("https://jekyll.example.org/2022/09/14/floss.html#four-freedoms");
    assert_eq!(
        own,
        serde_json::json!({"path": floss, "anchor": "four-freedoms"})
    );
    assert_eq!(place("/about/#contact")["path"], "jekyll/about.md");
    assert_eq!(place("https://other.example.com/x"), Value::Null);
}

#[test]
fn control_characters_never_reach_the_terminal_or_break_the_json() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("evil.md");
    std::fs::write(&file, "[bad \u{1b}7red](x\u{9b}y.md)\n").unwrap();
    let file = file.to_str().unwrap();
    let (stdout, _, _) = run(&[file]);
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{9b}'),
        "{stdout:?}"
    );
    let (stdout, _, _) = run(&["--json", file]);
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{9b}'),
        "{stdout:?}"
    );
    let value: Value = serde_json::from_str(&stdout).unwrap();
    // Decoded, it holds the stand-in text output shows, not a live ESC.
    assert_eq!(value["links"][0]["text"], "bad \u{241b}7red");
    assert_eq!(value["links"][0]["kind"], "refused");
}

#[test]
fn a_missing_path_is_a_failure_naming_it() {
    let (stdout, stderr, code) = run(&["no/such.md"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(stderr.contains("no/such.md"), "{stderr}");
}

/// The tabi posts of the shared corpus, when present (says so when not).
fn tabi() -> Option<PathBuf> {
    let dir = std::env::var_os("QUIRE_CORPUS")
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/posts"),
            std::path::PathBuf::from,
        )
        .join("tabi");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} is absent", dir.display());
        None
    }
}

#[test]
fn every_zola_at_link_of_the_tabi_posts_resolves_when_its_file_is_there() {
    let Some(dir) = tabi() else {
        return;
    };
    let (value, _) = json(&[dir.to_str().unwrap()]);
    let links: Vec<&Value> = value
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["links"].as_array().unwrap())
        .filter(|l| l["target"].as_str().unwrap().starts_with("@/"))
        .collect();
    assert_eq!(links.len(), 29);
    let mut unresolved: Vec<&str> = Vec::new();
    for link in &links {
        if link["kind"] == "file" {
            let path = link["resolved"]["path"].as_str().unwrap();
            assert!(Path::new(path).is_file(), "{link}");
            assert_eq!(link["reason"], Value::Null, "{link}");
        } else {
            unresolved.push(link["target"].as_str().unwrap());
        }
    }
    // Section pages and a project page that the corpus did not copy.
    unresolved.sort_unstable();
    assert_eq!(
        unresolved,
        [
            "@/_index.md",
            "@/blog/_index.md",
            "@/projects/_index.md",
            "@/projects/tabi/index.md"
        ]
    );
}

#[test]
fn broken_over_the_tabi_posts_names_only_the_really_broken_links() {
    let Some(dir) = tabi() else {
        return;
    };
    let (value, code) = json(&["--broken", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let mut broken: Vec<String> = value
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            let path = f["path"].as_str().unwrap().to_string();
            let name = path.rsplit('/').nth(1).unwrap_or("").to_string();
            f["links"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |l| format!("{name}:{} {}", l["line"], l["target"].as_str().unwrap()))
        })
        .collect();
    broken.sort_unstable();
    assert_eq!(
        broken,
        [
            "javascript:32 @/projects/_index.md",
            "mastering-tabi-settings:296 /tags",
            "mastering-tabi-settings:310 /tags",
            "mastering-tabi-settings:402 @/projects/tabi/index.md",
            "mastering-tabi-settings:520 about/",
            "mastering-tabi-settings:99 /",
            "mastering-tabi-settings:995 @/_index.md",
            "mastering-tabi-settings:995 @/blog/_index.md",
            "series:242 /series/learn-rust",
            "series:260 /series/learn-rust/setup",
            "series:264 /series/learn-rust/patterns",
        ]
    );
}

#[test]
fn a_post_checked_from_its_own_folder_still_finds_its_site() {
    let home = TempDir::new().unwrap();
    let out = quire(&home)
        .current_dir(sites().join("zola/content/blog/second-post"))
        .args(["links", "--json", "index.md"])
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        value["links"][0]["resolved"],
        serde_json::json!({"path": "../../../content/blog/first-post/index.md", "anchor": "settings"})
    );
    let own = value["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["target"] == "https://zola.example.org/blog/first-post/#settings")
        .unwrap();
    assert_eq!(own["kind"], "file");
}

mod generators;
mod user_sites;

#[test]
fn a_fifo_named_md_in_the_site_is_never_opened_and_links_to_odd_files_say_so() {
    // The site scan opened the fifo and blocked for ever.
    let home = TempDir::new().unwrap();
    let site = home.path().join("f1");
    std::fs::create_dir_all(&site).unwrap();
    let mkfifo = std::process::Command::new("mkfifo")
        .arg(site.join("fifo.md"))
        .status()
        .unwrap();
    assert!(mkfifo.success());
    std::os::unix::fs::symlink("/dev/zero", site.join("zero.md")).unwrap();
    std::fs::write(
        site.join("one.md"),
        "# T\n\n[t](/posts/slug/)\n\n[f](fifo.md)\n\n[z](zero.md)\n\n[n](a\0b.md)\n",
    )
    .unwrap();
    let out = quire(&home)
        .current_dir(&site)
        .args(["links", "one.md"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "one.md:3: unresolved: [t](/posts/slug/): no article at /posts/slug/ in the site at .",
            "one.md:5: unresolved: [f](fifo.md): fifo.md is not a regular file",
            "one.md:7: unresolved: [z](zero.md): zero.md is not a regular file",
            "one.md:9: unresolved: [n](a\u{fffd}b.md): no such file: a\u{fffd}b.md",
        ]
    );
}
