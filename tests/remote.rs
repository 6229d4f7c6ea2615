//! Remote reading against servers the tests start on 127.0.0.1: a post with
//! relative links, a fake forge, the cache (304, offline), and the limits
//! (timeout, size cap, redirects, HTML). Memory is counted in-process by a
//! global allocator that keeps the peak.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use base64::Engine;
use common::server::{self, Reply, Request, Server};
use peak_alloc::PeakAlloc;
use serde_json::Value;
use tempfile::TempDir;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

const POST: &str = "---\ntitle: A post far away\n---\n\n# A post far away\n\n\
Read [the next one](next.md#second) or [the index](../index.md), see [below](#the-end).\n\n\
![a lighthouse](pics/light.png)\n\n## The end\n\nAn [outside link](https://example.org/).\n";

const NEXT: &str =
    "# The next post\n\n## First\n\nText.\n\n## Second\n\nBack to [the post](post.md).\n";

fn blog(request: &Request) -> Reply {
    match request.path.as_str() {
        "/blog/post.md" => Reply::Page {
            content_type: "text/markdown",
            body: POST.as_bytes().to_vec(),
            etag: Some("\"post-v1\""),
        },
        "/blog/next.md" => Reply::markdown(NEXT),
        "/page.html" => Reply::Page {
            content_type: "text/html; charset=utf-8",
            body: b"<!doctype html><html><body>hi</body></html>".to_vec(),
            etag: None,
        },
        "/loop/a" => Reply::Redirect("/loop/b".into()),
        "/loop/b" => Reply::Redirect("/loop/a".into()),
        "/moved.md" => Reply::Redirect("/blog/post.md".into()),
        "/huge.md" => Reply::Endless { bytes: 100 << 20 },
        "/huge-announced.md" => Reply::Announced { bytes: 100 << 20 },
        "/silent.md" => Reply::Silent,
        _ => Reply::Status(404),
    }
}

/// quire with its state and config in `home`, no proxy, no token.
fn quire(home: &Path) -> assert_cmd::Command {
    let mut cmd = common::quire_in(home);
    for var in [
        "GITHUB_TOKEN",
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd.env_remove("QUIRE_CONFIG").env_remove("NO_COLOR");
    cmd
}

/// Writes `text` as the config in `home`.
fn config(home: &Path, text: &str) {
    let dir = home.join("config/quire");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), text).unwrap();
}

fn run(cmd: &mut assert_cmd::Command) -> (String, String, i32) {
    let out = cmd.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_post_by_address_renders_outlines_and_resolves_its_links_against_the_address() {
    let server = server::start(blog);
    let home = TempDir::new().unwrap();
    let url = server.url("/blog/post.md");

    let (out, err, code) = run(quire(home.path()).args(["outline", &url, "--json"]));
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["path"], url.as_str());
    assert_eq!(json["title"], "A post far away");
    assert_eq!(json["headings"][1]["anchor"], "the-end");

    let (out, err, code) = run(quire(home.path()).args(["links", &url, "--json"]));
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["path"], url.as_str());
    let links = json["links"].as_array().unwrap();
    let kinds: Vec<(&str, &str, Value)> = links
        .iter()
        .map(|l| {
            (
                l["target"].as_str().unwrap(),
                l["kind"].as_str().unwrap(),
                l["resolved"].clone(),
            )
        })
        .collect();
    assert_eq!(kinds[0].1, "file");
    assert_eq!(kinds[0].2["path"], server.url("/blog/next.md").as_str());
    assert_eq!(kinds[0].2["anchor"], "second");
    assert_eq!(kinds[1].2["path"], server.url("/index.md").as_str());
    assert_eq!(
        (kinds[2].1, kinds[2].2["anchor"].as_str()),
        ("anchor", Some("the-end"))
    );
    assert!(
        kinds
            .iter()
            .any(|k| k.0 == "https://example.org/" && k.1 == "url")
    );

    let (out, err, code) =
        run(quire(home.path()).args(["render", &url, "--width", "60", "--color", "always"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("A post far away"), "{out}");
    // A relative link is a hyperlink to its address.
    let next = server.url("/blog/next.md#second");
    assert!(out.contains(&format!("\x1b]8;;{next}\x1b\\")), "{out:?}");
    // Piped, `quire URL` renders as `quire render URL` does.
    let (out, _, code) = run(quire(home.path()).arg(&url));
    assert_eq!(code, 0);
    assert!(out.contains("The end"), "{out}");
}

#[test]
fn a_second_read_revalidates_and_a_304_keeps_the_cached_copy() {
    let server = server::start(blog);
    let home = TempDir::new().unwrap();
    let url = server.url("/blog/post.md");
    let (first, _, _) = run(quire(home.path()).args(["render", &url, "--width", "60"]));
    let (second, err, code) = run(quire(home.path()).args(["render", &url, "--width", "60"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(first, second);
    let hits = server.hits("/blog/post.md");
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].0.header("if-none-match"), None);
    assert_eq!(hits[1].0.header("if-none-match"), Some("\"post-v1\""));
    assert_eq!((hits[0].1, hits[1].1), (200, 304));
    // --no-state: no cache read, none written.
    let (third, _, _) =
        run(quire(home.path()).args(["render", &url, "--width", "60", "--no-state"]));
    assert_eq!(third, first);
    let hits = server.hits("/blog/post.md");
    assert_eq!(hits[2].0.header("if-none-match"), None);
}

#[test]
fn offline_the_cached_copy_is_shown_with_its_date() {
    let down = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = std::sync::Arc::clone(&down);
    let server = server::start(move |r| {
        if flag.load(std::sync::atomic::Ordering::SeqCst) {
            Reply::Close
        } else {
            blog(r)
        }
    });
    let home = TempDir::new().unwrap();
    let url = server.url("/blog/post.md");
    let (first, _, code) = run(quire(home.path()).args(["render", &url, "--width", "60"]));
    assert_eq!(code, 0);
    down.store(true, std::sync::atomic::Ordering::SeqCst);
    let (again, err, code) = run(quire(home.path()).args(["render", &url, "--width", "60"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(again, first);
    assert!(err.contains("the cached copy from 20"), "{err}");
    // Without the cache there is nothing to show.
    let (_, err, code) = run(quire(home.path()).args(["render", &url, "--no-state"]));
    assert_eq!(code, 1);
    assert!(err.contains(&url), "{err}");
}

#[test]
fn a_server_that_never_answers_fails_within_the_configured_timeout() {
    let server = server::start(blog);
    let home = TempDir::new().unwrap();
    config(
        home.path(),
        "[remote]\ntimeout = 0.5\nconnect-timeout = 0.5\n",
    );
    let url = server.url("/silent.md");
    let (_, err, code) = run(quire(home.path()).args(["render", &url]));
    assert_eq!(code, 1);
    assert!(err.contains("no answer in time"), "{err}");
    assert!(err.contains("0.5 s"), "{err}");
}

#[test]
fn a_hundred_megabytes_are_refused_at_the_cap() {
    let server = server::start(blog);
    let home = TempDir::new().unwrap();
    for path in ["/huge.md", "/huge-announced.md"] {
        let (out, err, code) = run(quire(home.path()).args(["outline", &server.url(path)]));
        assert_eq!(code, 1, "{path}");
        assert!(out.is_empty());
        assert!(err.contains("larger than 20 MB"), "{err}");
    }
}

#[test]
fn the_cap_bounds_memory_while_a_hundred_megabytes_come() {
    let server = server::start(blog);
    let mut settings = quire::remote::Settings::from_config(&quire::config::Remote::default());
    settings.limits.max_bytes = 4 << 20;
    let (mut remote, _) = quire::remote::Remote::new(settings, true);
    let url = url::Url::parse(&server.url("/huge.md")).unwrap();
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let err = remote.article(&url, &mut |_, _| {}).unwrap_err();
    let peak = HEAP.peak_usage().saturating_sub(before);
    assert!(
        matches!(err, quire::remote::RemoteError::TooLarge { .. }),
        "{err}"
    );
    // The body held at most the cap and its growth, far from 100 MB.
    assert!(peak < 16 << 20, "peak {peak} bytes");
}

#[test]
fn redirects_are_followed_at_most_five_times() {
    let server = server::start(blog);
    let home = TempDir::new().unwrap();
    let (_, err, code) = run(quire(home.path()).args(["render", &server.url("/loop/a")]));
    assert_eq!(code, 1);
    assert!(err.contains("more than 5 redirects"), "{err}");
    assert_eq!(
        server.hits("/loop/a").len() + server.hits("/loop/b").len(),
        6
    );
    // One redirect is followed, and links resolve against where it led.
    let (out, err, code) =
        run(quire(home.path()).args(["links", &server.url("/moved.md"), "--json"]));
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["path"], server.url("/blog/post.md").as_str());
}

#[test]
fn an_html_page_says_so_and_offers_the_browser() {
    let server = server::start(blog);
    let home = TempDir::new().unwrap();
    let url = server.url("/page.html");
    let (out, err, code) = run(quire(home.path()).args(["render", &url]));
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("an HTML page, not markdown"), "{err}");
    assert!(err.contains(&format!("$BROWSER {url}")), "{err}");
    // A missing page is the server's answer, never a local file's.
    let (_, err, code) = run(quire(home.path()).args(["render", &server.url("/gone.md")]));
    assert_eq!(code, 1);
    assert!(err.contains("the server answered 404"), "{err}");
    assert!(!err.contains("No such file"), "{err}");
}

#[test]
fn other_schemes_and_credentials_are_refused_before_any_request() {
    let home = TempDir::new().unwrap();
    let (_, err, code) = run(quire(home.path()).args(["render", "ftp://127.0.0.1/x.md"]));
    assert_eq!(code, 1);
    assert!(err.contains("only http:// and https://"), "{err}");
    let (_, err, code) = run(quire(home.path()).args(["render", "http://me:pw@127.0.0.1:9/x.md"]));
    assert_eq!(code, 1);
    assert!(err.contains("never sends credentials"), "{err}");
}

const README: &str = "# Widget\n\nSee [the guide](docs/guide.md) and ![logo](img/logo.png).\n";
const GUIDE: &str = "# The guide\n\n## Install\n\nBack to the [README](../README.md).\n";

/// A fake GitHub: the API on one server, raw files on another.
fn forge() -> (Server, Server) {
    let raw = server::start(|r: &Request| match r.path.as_str() {
        "/o/widget/main/docs/guide.md" => Reply::markdown(GUIDE),
        _ => Reply::Status(404),
    });
    let raw_base = raw.url("");
    let api = server::start(move |r: &Request| {
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

    // A folder lists its markdown files and folders (piped: one a line).
    let (out, err, code) = run(quire(home.path()).arg("gh:o/widget/docs"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "gh:o/widget/docs/api/\ngh:o/widget/docs/faq.md\ngh:o/widget/docs/guide.md\n"
    );
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
