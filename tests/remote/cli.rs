//! The headless commands on addresses: render, outline and links of a
//! post, the cache, and every limit.

use serde_json::Value;
use tempfile::TempDir;

use super::common::server::{self, Reply};
use super::{HEAP, blog, config, quire, run};

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
fn a_picture_or_binary_data_is_refused_as_not_markdown() {
    let server = server::start(blog);
    let home = TempDir::new().unwrap();
    for (path, what) in [
        ("/red.png", "image/png content"),
        ("/blob.md", "binary data"),
    ] {
        let (out, err, code) = run(quire(home.path()).args(["render", &server.url(path)]));
        assert_eq!(code, 1, "{path}");
        assert!(out.is_empty(), "{path}: {out}");
        assert!(err.contains(&format!("{what}, not markdown")), "{err}");
    }
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
