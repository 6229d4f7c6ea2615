//! `quire links` on the generator fixture sites (`tests/fixtures/generators`):
//! every link form of Jekyll, Hugo and Zola with its kind and where it
//! leads; `--broken` lists exactly the links broken on purpose, and a copy
//! with them fixed passes.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

fn generators() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/generators")
}

/// stdout and exit code of `quire links ARGS` run in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> (String, i32) {
    let home = TempDir::new().unwrap();
    let out = Command::cargo_bin("quire")
        .unwrap()
        .current_dir(dir)
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .arg("links")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "stderr: {stderr}");
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// Each link of a site as `file:line kind place`, the place being
/// `path#anchor` for a place in a file and `-` for anything else.
fn table(site: &str) -> Vec<String> {
    let (stdout, code) = run_in(&generators(), &["--json", site]);
    assert_eq!(code, 0, "{stdout}");
    let files: Value = serde_json::from_str(&stdout).unwrap();
    let mut rows = Vec::new();
    for file in files.as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        let short = path.strip_prefix(&format!("{site}/")).unwrap_or(path);
        for link in file["links"].as_array().unwrap() {
            let place = match &link["resolved"] {
                Value::Null => "-".to_string(),
                resolved => {
                    let to = resolved["path"].as_str().unwrap();
                    let to = to.strip_prefix(&format!("{site}/")).unwrap_or(to);
                    match resolved["anchor"].as_str() {
                        Some(anchor) => format!("{to}#{anchor}"),
                        None => to.to_string(),
                    }
                }
            };
            rows.push(format!(
                "{short}:{} {} {place}",
                link["line"],
                link["kind"].as_str().unwrap()
            ));
        }
    }
    rows
}

#[test]
fn jekyll_links_written_with_liquid_permalinks_and_redirects() {
    let other = "docs/installation/other-linux.md";
    let config = "docs/configuration.md";
    let ubuntu = "docs/installation/ubuntu.md";
    let want = [
        "_posts/2024-03-01-release.md:7 file docs/installation/ubuntu.md#steps".to_string(),
        format!("{config}:20 file {other}#distros"),
        // Against the page's pretty permalink, as a browser reads it.
        format!("{other}:6 file {ubuntu}"),
        format!("{other}:6 file {ubuntu}#steps"),
        // relative_url to a page that is not markdown.
        format!("{other}:9 file index.html"),
        // kramdown's slug of the raw heading text, and of a trailing {block}.
        format!("{other}:9 file {config}#front-matter-amp-liquid"),
        format!("{other}:10 file {config}#using-block"),
        // A `{: #id}` line under a heading.
        format!("{other}:11 file {config}#options-id"),
        format!("{other}:12 file {config}"),
        format!("{other}:12 file contact.html"),
        format!("{other}:14 url -"),
        format!("{other}:14 url -"),
        // redirect_from.
        format!("{other}:15 file {ubuntu}"),
        // post_url spread over two lines.
        format!("{other}:17 file _posts/2024-03-01-release.md#whats-new"),
        format!("{other}:18 template -"),
        format!("{other}:33 unresolved -"),
        format!("{other}:34 file {config}#nothing-here"),
        format!("{other}:34 unresolved -"),
        format!("{ubuntu}:10 file {other}#distros"),
    ];
    // drafts/ is excluded by _config.yml; code and {% raw %} hold no links.
    assert_eq!(table("jekyll"), want);
}

#[test]
fn hugo_refs_bundles_root_fallback_and_own_address() {
    let guide = "content/docs/guide/index.md";
    let usage = "content/docs/usage.md";
    let want = [
        format!("content/_index.md:5 file {guide}"),
        format!("{guide}:7 file content/docs/install.md"),
        // Definition terms take ids in one sequence with headings.
        format!("{guide}:7 file {usage}#options-1"),
        format!("{guide}:8 file {usage}#options"),
        format!("{guide}:8 file {usage}#output-format"),
        // A heading of an included file counts for the page.
        format!("{guide}:9 file {usage}#supported-platforms"),
        format!("{guide}:9 file content/docs/_index.md"),
        format!("{guide}:10 anchor {guide}#getting-started"),
        format!("{guide}:12 file content/docs/install.md#requirements"),
        format!("{guide}:13 file content/docs/install.md#requirements"),
        format!("{guide}:14 template -"),
        format!("{guide}:20 unresolved -"),
        format!("{guide}:21 file content/docs/install.md#uninstall"),
    ];
    assert_eq!(table("hugo"), want);
}

#[test]
fn zola_at_paths_addresses_and_files() {
    let notes = "content/blog/notes.md";
    let trail = "content/blog/trail/index.md";
    let want = [
        "content/_index.md:5 file content/blog/_index.md".to_string(),
        format!("{notes}:8 file {trail}#gear"),
        format!("{notes}:8 file {trail}#night"),
        format!("{notes}:9 file {trail}#gear"),
        format!("{notes}:9 file {trail}"),
        format!("{notes}:10 file {trail}#gear"),
        format!("{notes}:10 anchor {notes}#plans"),
        format!("{notes}:10 file content/_index.md"),
        format!("{notes}:12 unresolved -"),
        format!("{notes}:12 file {trail}#river"),
    ];
    assert_eq!(table("zola"), want);
}

/// `(file, broken text, fixed text)`: the links each site breaks on purpose.
const BROKEN: [(&str, &str, &str); 7] = [
    (
        "jekyll/docs/installation/other-linux.md",
        "'/docs/gone/'",
        "'/docs/configuration/'",
    ),
    (
        "jekyll/docs/installation/other-linux.md",
        "#nothing-here",
        "#options-id",
    ),
    (
        "jekyll/docs/installation/other-linux.md",
        "(../fedora/)",
        "(../ubuntu/)",
    ),
    (
        "hugo/content/docs/guide/index.md",
        "\"/docs/nowhere\"",
        "\"/docs/install\"",
    ),
    (
        "hugo/content/docs/guide/index.md",
        "install#uninstall",
        "install#requirements",
    ),
    (
        "zola/content/blog/notes.md",
        "@/blog/lost.md",
        "@/blog/notes.md",
    ),
    ("zola/content/blog/notes.md", "#river", "#night"),
];

#[test]
fn broken_prints_exactly_the_links_broken_on_purpose_and_a_fixed_copy_passes() {
    let mut printed = Vec::new();
    for site in ["jekyll", "hugo", "zola"] {
        let (stdout, code) = run_in(&generators(), &["--broken", site]);
        assert_eq!(code, 1, "{site}: {stdout}");
        printed.extend(stdout.lines().map(str::to_string));
    }
    let heads: Vec<String> = printed
        .iter()
        .map(|l| l.splitn(3, ": ").take(2).collect::<Vec<_>>().join(": "))
        .collect();
    assert_eq!(
        heads,
        [
            "jekyll/docs/installation/other-linux.md:33: unresolved",
            "jekyll/docs/installation/other-linux.md:34: file",
            "jekyll/docs/installation/other-linux.md:34: unresolved",
            "hugo/content/docs/guide/index.md:20: unresolved",
            "hugo/content/docs/guide/index.md:21: file",
            "zola/content/blog/notes.md:12: unresolved",
            "zola/content/blog/notes.md:12: file",
        ],
        "{printed:#?}"
    );
    for (line, (_, broken, _)) in printed.iter().zip(BROKEN) {
        assert!(line.contains(broken), "{line} should name {broken}");
    }

    let copy = TempDir::new().unwrap();
    copy_dir(&generators(), copy.path());
    for (file, broken, fixed) in BROKEN {
        let path = copy.path().join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(broken), "{file} holds {broken}");
        fs::write(&path, text.replacen(broken, fixed, 1)).unwrap();
    }
    for site in ["jekyll", "hugo", "zola"] {
        let (stdout, code) = run_in(copy.path(), &["--broken", site]);
        assert_eq!((code, stdout.as_str()), (0, ""), "{site}");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}
