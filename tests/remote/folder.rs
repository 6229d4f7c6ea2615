//! A repository's folder as a library, headless: `quire list gh:…/docs`
//! lists every markdown file under it from one tree listing, each read
//! through the cache (so a second listing works offline), its paths the
//! files' addresses; and a remote article's place is remembered by its URL.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;
use tempfile::TempDir;

use super::common::server::Server;
use super::forge::forge_until;
use super::{config, quire, run};

/// The fake forge's API, and its raw files where a folder's files are read.
fn github(home: &TempDir, api: &Server, raw: &Server) {
    config(
        home.path(),
        &format!(
            "[remote]\ngithub-api = \"{}\"\ngithub-raw = \"{}\"\n",
            api.url("/api"),
            raw.url("")
        ),
    );
}

#[test]
fn list_reads_a_repository_folder_every_level_down_and_offline_from_the_cache() {
    let down = Arc::new(AtomicBool::new(false));
    let (api, raw) = forge_until(Arc::clone(&down));
    let home = TempDir::new().unwrap();
    github(&home, &api, &raw);
    let (out, err, code) = run(quire(home.path()).args([
        "list",
        "https://github.com/o/widget/tree/main/docs",
        "--json",
    ]));
    assert_eq!(code, 0, "{err}");
    let rows: Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    let paths: Vec<&str> = rows.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            raw.url("/o/widget/main/docs/api/reference.md"),
            raw.url("/o/widget/main/docs/faq.md"),
            raw.url("/o/widget/main/docs/guide.md"),
        ]
    );
    assert_eq!(rows[0]["title"], "The reference");
    assert_eq!(rows[0]["date"], "2025-01-02");
    assert_eq!(rows[0]["tags"], serde_json::json!(["api", "help"]));
    assert_eq!(rows[1]["title"], "Questions asked");
    assert_eq!(rows[2]["title"], "The guide");
    // One listing from the API for the folder, each file from the raw
    // host (outside the API's rate limit), once.
    assert_eq!(api.hits("/api/repos/o/widget/git/trees/main").len(), 1);
    assert_eq!(raw.hits("/o/widget/main/docs/faq.md").len(), 1);
    assert_eq!(
        api.hits("/api/repos/o/widget/contents/docs/faq.md").len(),
        0
    );
    assert_eq!(api.hits("/api/repos/o/widget/contents/docs").len(), 0);

    // A tag filter works as on a folder on disk.
    let (out, _, code) =
        run(quire(home.path()).args(["list", "gh:o/widget/docs@main", "--tag", "api"]));
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("The reference"), "{out}");

    // Offline: the same rows from the cache, each saying so.
    down.store(true, Ordering::SeqCst);
    let (again, err, code) =
        run(quire(home.path()).args(["list", "gh:o/widget/docs@main", "--json"]));
    assert_eq!(code, 0, "{err}");
    let again: Value = serde_json::from_str(&again).unwrap();
    assert_eq!(again.as_array().unwrap(), rows);
    assert!(err.contains("the cached copy from 20"), "{err}");
    // Without the cache, nothing.
    let (_, err, code) =
        run(quire(home.path()).args(["list", "gh:o/widget/docs@main", "--no-state"]));
    assert_eq!(code, 1);
    assert!(err.contains("/api/repos/o/widget/git/trees/main"), "{err}");
}

#[test]
fn list_of_a_page_or_a_file_says_it_is_no_folder() {
    let (api, raw) = forge_until(Arc::new(AtomicBool::new(false)));
    let home = TempDir::new().unwrap();
    github(&home, &api, &raw);
    let (out, err, code) = run(quire(home.path()).args(["list", "gh:o/widget/docs/faq.md"]));
    assert_eq!((out.as_str(), code), ("", 1));
    assert!(err.contains("a file, not a folder"), "{err}");
    let (_, err, code) = run(quire(home.path()).args(["list", "http://127.0.0.1:9/post.md"]));
    assert_eq!(code, 1);
    assert!(err.contains("a page, not a folder"), "{err}");
    let (_, err, code) = run(quire(home.path()).args(["list", "gh:o/widget/nothing"]));
    assert_eq!(code, 1);
    assert!(err.contains("no file or folder"), "{err}");
}

#[test]
fn a_gitlab_folder_is_listed_a_page_of_its_tree_at_a_time() {
    use super::common::server::{self, Reply, Request};
    let server = server::start(|r: &Request| {
        let (path, query) = r.path.split_once('?').unwrap_or((r.path.as_str(), ""));
        match path {
            "/api/v4/projects/g%2Fwidget/repository/tree" => {
                assert!(query.contains("recursive=true"), "{query}");
                assert!(query.contains("path=docs"), "{query}");
                // A full first page (pictures mostly), then a short one.
                let items: Vec<serde_json::Value> = if query.split('&').any(|p| p == "page=1") {
                    let mut items: Vec<_> = (0..99)
                        .map(|i| serde_json::json!({"name": format!("p{i}.png"), "path": format!("docs/img/p{i}.png"), "type": "blob"}))
                        .collect();
                    items.push(serde_json::json!({"name": "faq.md", "path": "docs/faq.md", "type": "blob"}));
                    items
                } else {
                    vec![
                        serde_json::json!({"name": "api", "path": "docs/api", "type": "tree"}),
                        serde_json::json!({"name": "reference.md", "path": "docs/api/reference.md", "type": "blob"}),
                    ]
                };
                Reply::Page {
                    content_type: "application/json",
                    body: serde_json::to_vec(&items).unwrap(),
                    etag: None,
                }
            }
            "/api/v4/projects/g%2Fwidget/repository/files/docs%2Ffaq.md/raw" => {
                Reply::markdown(super::forge::FAQ)
            }
            "/api/v4/projects/g%2Fwidget/repository/files/docs%2Fapi%2Freference.md/raw" => {
                Reply::markdown(super::forge::REFERENCE)
            }
            _ => Reply::Status(404),
        }
    });
    let home = TempDir::new().unwrap();
    config(
        home.path(),
        &format!("[remote]\ngitlab-api = \"{}\"\n", server.url("/api/v4")),
    );
    let (out, err, code) = run(quire(home.path()).args(["list", "gl:g/widget/docs", "--json"]));
    assert_eq!(code, 0, "{err}");
    let rows: Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    let got: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["path"].as_str().unwrap(), r["title"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            (
                server
                    .url("/g/widget/-/raw/HEAD/docs/api/reference.md")
                    .as_str(),
                "The reference"
            ),
            (
                server.url("/g/widget/-/raw/HEAD/docs/faq.md").as_str(),
                "Questions asked"
            ),
        ]
    );
    assert_eq!(
        server
            .hits("/api/v4/projects/g%2Fwidget/repository/tree")
            .len(),
        2
    );
}

#[test]
fn a_folder_whose_files_fail_to_come_stops_asking_after_a_few() {
    use super::common::server::{self, Reply, Request};
    let api = server::start(|r: &Request| match r.path.split('?').next() {
        Some("/api/repos/o/big/git/trees/HEAD") => {
            let mut tree: Vec<Value> = (0..20)
                .map(|i| serde_json::json!({"path": format!("docs/n{i:02}.md"), "type": "blob"}))
                .collect();
            tree.push(serde_json::json!({"path": "docs", "type": "tree"}));
            Reply::Page {
                content_type: "application/json",
                body: serde_json::to_vec(&serde_json::json!({"tree": tree, "truncated": false}))
                    .unwrap(),
                etag: None,
            }
        }
        _ => Reply::Status(404),
    });
    // The raw host drops every connection: the network failing.
    let raw = server::start(|_: &Request| Reply::Close);
    let home = TempDir::new().unwrap();
    github(&home, &api, &raw);
    let (out, err, code) = run(quire(home.path()).args(["list", "gh:o/big/docs"]));
    assert_eq!((out.as_str(), code), ("", 1), "{err}");
    // Three failures, and at most the three other requests under way then.
    let asked = (0..20)
        .map(|i| raw.hits(&format!("/o/big/HEAD/docs/n{i:02}.md")).len())
        .sum::<usize>();
    assert!((3..=6).contains(&asked), "{asked} files asked: {err}");
    assert!(
        err.contains("not asked: the network failed for the files before it"),
        "{err}"
    );
}
