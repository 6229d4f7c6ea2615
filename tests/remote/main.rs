//! Remote reading against servers the tests start on 127.0.0.1: the
//! headless commands on a post with relative links, a fake forge, the cache
//! (304, offline) and the limits (timeout, size cap, redirects, HTML)
//! ([`cli`], [`forge`]); the reader through `update` ([`screens`]) and the
//! built binary in tmux ([`e2e`]). Memory is counted in-process by a global
//! allocator that keeps the peak.

#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod e2e;
mod folder;
mod forge;
mod screens;

use std::path::Path;

use common::server::{Reply, Request};
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

pub const POST: &str = "---\ntitle: A post far away\n---\n\n# A post far away\n\n\
Read [the next one](next.md#second) or [the index](../index.md), see [below](#the-end).\n\n\
![a lighthouse](pics/light.png)\n\n## The end\n\nAn [outside link](https://example.org/).\n";

pub const NEXT: &str =
    "# The next post\n\n## First\n\nText.\n\n## Second\n\nBack to [the post](post.md).\n";

pub fn blog(request: &Request) -> Reply {
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
        "/red.png" => Reply::Page {
            content_type: "image/png",
            body: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            etag: None,
        },
        "/blob.md" => Reply::Page {
            content_type: "application/octet-stream",
            body: b"PK\x03\x04\x14\0\0\0\x08\0".to_vec(),
            etag: None,
        },
        "/loop/a" => Reply::Redirect("/loop/b".into()),
        "/loop/b" => Reply::Redirect("/loop/a".into()),
        "/moved.md" => Reply::Redirect("/blog/post.md".into()),
        "/huge.md" => Reply::Endless { bytes: 100 << 20 },
        "/huge-announced.md" => Reply::Announced { bytes: 100 << 20 },
        "/silent.md" => Reply::Silent,
        "/slow.md" => Reply::Slow,
        _ => Reply::Status(404),
    }
}

/// quire with its state and config in `home`, no proxy, no token.
pub fn quire(home: &Path) -> assert_cmd::Command {
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
pub fn config(home: &Path, text: &str) {
    let dir = home.join("config/quire");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), text).unwrap();
}

pub fn run(cmd: &mut assert_cmd::Command) -> (String, String, i32) {
    let out = cmd.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}
