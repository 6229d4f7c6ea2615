//! A fake GitHub (API and raw files on two servers) and a fake GitLab
//! behind the configurable API bases.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use base64::Engine;
use serde_json::Value;
use tempfile::TempDir;

use super::common::server::{self, Reply, Request, Server};
use super::{config, quire, run};

const README: &str = "# Widget\n\nSee [the guide](docs/guide.md) and ![logo](img/logo.png).\n";
const GUIDE: &str = "# The guide\n\n## Install\n\nBack to the [README](../README.md).\n";
pub const FAQ: &str = "---\ntitle: Questions asked\ndate: 2024-05-01\ntags: [help]\n---\n\n\
# Questions asked\n\nWhy a widget? Because.\n";
pub const REFERENCE: &str = "---\ntitle: The reference\ndate: 2025-01-02\ntags: [api, help]\n---\n\n\
# The reference\n\n## Calls\n\nSee [the guide](../guide.md).\n";

/// A fake GitHub: the API on one server, raw files on another.
pub fn forge() -> (Server, Server) {
    forge_until(Arc::new(AtomicBool::new(false)))
}

/// [`forge`], both servers closing every connection once `down` is set.
pub fn forge_until(down: Arc<AtomicBool>) -> (Server, Server) {
    forge_then(down, || Reply::Close)
}

/// [`forge`], both servers answering `then()` once `down` is set.
pub fn forge_then(down: Arc<AtomicBool>, then: fn() -> Reply) -> (Server, Server) {
    let raw_down = Arc::clone(&down);
    let raw = server::start(move |r: &Request| match r.path.as_str() {
        _ if raw_down.load(Ordering::SeqCst) => then(),
        "/o/widget/main/docs/guide.md" | "/o/widget/HEAD/docs/guide.md" => Reply::markdown(GUIDE),
        "/o/widget/main/docs/faq.md" | "/o/widget/HEAD/docs/faq.md" => Reply::markdown(FAQ),
        "/o/widget/main/docs/api/reference.md" | "/o/widget/HEAD/docs/api/reference.md" => {
            Reply::markdown(REFERENCE)
        }
        _ => Reply::Status(404),
    });
    let raw_base = raw.url("");
    let api = server::start(move |r: &Request| {
        if down.load(Ordering::SeqCst) {
            return then();
        }
        let file = |path: &str, content: Option<&str>| {
            let encoded = content.map_or(String::new(), |c| {
                base64::engine::general_purpose::STANDARD.encode(c)
            });
            serde_json::json!({
                "type": "file", "path": path, "name": path.rsplit('/').next(),
                "download_url": format!("{raw_base}/o/widget/main/{path}"),
                "content": encoded, "encoding": "base64"
            })
        };
        let body = match r.path.split('?').next().unwrap_or_default() {
            "/api/repos/o/widget/readme" => file("README.md", Some(README)),
            // Past 1 MB GitHub leaves the content out; the raw file has it.
            "/api/repos/o/widget/contents/docs/guide.md" => file("docs/guide.md", None),
            "/api/repos/o/widget/contents/docs/faq.md" => file("docs/faq.md", Some(FAQ)),
            "/api/repos/o/widget/contents/docs/api/reference.md" => {
                file("docs/api/reference.md", Some(REFERENCE))
            }
            // Every path of the repository, in one answer.
            "/api/repos/o/widget/git/trees/HEAD" | "/api/repos/o/widget/git/trees/main" => {
                let item = |path: &str, kind: &str| serde_json::json!({"path": path, "type": kind});
                serde_json::json!({"sha": "abc", "truncated": false, "tree": [
                    item("README.md", "blob"),
                    item("docs", "tree"),
                    item("docs/api", "tree"),
                    item("docs/api/reference.md", "blob"),
                    item("docs/faq.md", "blob"),
                    item("docs/guide.md", "blob"),
                    item("docs/logo.png", "blob"),
                    item("src/main.rs", "blob"),
                ]})
            }
            "/api/repos/o/widget/contents/docs" => serde_json::json!([
                file("docs/guide.md", None),
                {"type": "dir", "path": "docs/api", "name": "api"},
                {"type": "file", "path": "docs/logo.png", "name": "logo.png"},
                file("docs/faq.md", None),
            ]),
            _ => return Reply::Status(404),
        };
        Reply::Page {
            content_type: "application/json",
            body: body.to_string().into_bytes(),
            etag: None,
        }
    });
    (api, raw)
}

#[test]
fn a_repository_opens_its_readme_files_and_folders_through_the_api_base() {
    let (api, raw) = forge();
    let home = TempDir::new().unwrap();
    config(
        home.path(),
        &format!("[remote]\ngithub-api = \"{}\"\n", api.url("/api")),
    );

    let (out, err, code) = run(quire(home.path()).args(["outline", "gh:o/widget", "--json"]));
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["title"], "Widget");
    // The README's links resolve against its raw address.
    let (out, _, code) = run(quire(home.path()).args(["links", "github.com/o/widget", "--json"]));
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["path"], raw.url("/o/widget/main/README.md").as_str());
    assert_eq!(
        json["links"][0]["resolved"]["path"],
        raw.url("/o/widget/main/docs/guide.md").as_str()
    );

    // A file whose content the API left out comes from its raw address.
    let (out, err, code) = run(quire(home.path()).args([
        "render",
        "https://github.com/o/widget/blob/main/docs/guide.md",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("The guide"), "{out}");
    let asked = api.hits("/api/repos/o/widget/contents/docs/guide.md");
    assert_eq!(asked.len(), 1);
    assert!(
        asked[0].0.path.ends_with("?ref=main"),
        "{}",
        asked[0].0.path
    );
    assert_eq!(raw.hits("/o/widget/main/docs/guide.md").len(), 1);

    // A folder is listed as `quire list` lists one (piped), its paths the
    // files' addresses.
    let (out, err, code) = run(quire(home.path()).arg("gh:o/widget/docs"));
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].contains("/o/widget/main/docs/api/reference.md"),
        "{out}"
    );
    assert!(lines[0].contains("The reference"), "{out}");
    let (_, err, code) = run(quire(home.path()).args(["render", "gh:o/widget/docs"]));
    assert_eq!(code, 1);
    assert!(err.contains("gh:o/widget/docs: is a folder"), "{err}");
}

#[test]
fn the_token_goes_to_the_api_host_only() {
    let (api, raw) = forge();
    let home = TempDir::new().unwrap();
    config(
        home.path(),
        &format!("[remote]\ngithub-api = \"{}\"\n", api.url("/api")),
    );
    let (_, err, code) = run(quire(home.path())
        .env("GITHUB_TOKEN", "t0ken")
        .args(["render", "gh:o/widget/docs/guide.md"]));
    assert_eq!(code, 0, "{err}");
    let asked = api.hits("/api/repos/o/widget/contents/docs/guide.md");
    assert_eq!(asked[0].0.header("authorization"), Some("Bearer t0ken"));
    let fetched = raw.hits("/o/widget/main/docs/guide.md");
    assert_eq!(fetched.len(), 1);
    assert_eq!(fetched[0].0.header("authorization"), None);
}

#[test]
fn a_gitlab_project_opens_its_readme_through_the_tree_and_raw_files() {
    let server = server::start(|r: &Request| {
        let path = r.path.split('?').next().unwrap_or_default();
        match path {
            "/api/v4/projects/g%2Fwidget/repository/tree" => Reply::Page {
                content_type: "application/json",
                body: br#"[{"name":"docs","path":"docs","type":"tree"},{"name":"README.md","path":"README.md","type":"blob"}]"#.to_vec(),
                etag: None,
            },
            "/api/v4/projects/g%2Fwidget/repository/files/README.md/raw" => Reply::markdown(README),
            _ => Reply::Status(404),
        }
    });
    let home = TempDir::new().unwrap();
    config(
        home.path(),
        &format!("[remote]\ngitlab-api = \"{}\"\n", server.url("/api/v4")),
    );
    let (out, err, code) = run(quire(home.path()).args(["links", "gl:g/widget", "--json"]));
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["path"],
        server.url("/g/widget/-/raw/HEAD/README.md").as_str()
    );
    assert_eq!(
        json["links"][0]["resolved"]["path"],
        server.url("/g/widget/-/raw/HEAD/docs/guide.md").as_str()
    );
}
