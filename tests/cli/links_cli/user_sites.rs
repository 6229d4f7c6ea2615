//! `quire links --broken` on small sites written the way their owners
//! write them: files served from `static/`, pages the generator makes
//! (taxonomy pages, feeds, the sitemap), wikilinks in tables and Zola's
//! heading ids. Each site is built in a temporary folder.

use std::fs;
use std::path::Path;

use tempfile::TempDir;

use crate::common;

/// Writes `files` (path, text) under `root`.
fn write(root: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// Each link of `quire links` over `dir` as `kind target`, with the
/// reason of the broken ones (unresolved, or a place whose anchor is not
/// there), in order.
fn links(dir: &Path) -> Vec<String> {
    let out = common::quire()
        .current_dir(dir)
        .args(["links", "--json", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let files: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout}{}", String::from_utf8_lossy(&out.stderr)));
    let mut rows = Vec::new();
    for file in files.as_array().unwrap() {
        for link in file["links"].as_array().unwrap() {
            let mut row = format!(
                "{} {}",
                link["kind"].as_str().unwrap(),
                link["target"].as_str().unwrap()
            );
            let kind = link["kind"].as_str().unwrap();
            let place = ["file", "anchor", "wikilink"].contains(&kind);
            if kind == "unresolved" || (place && !link["reason"].is_null()) {
                row.push_str(&format!(" BROKEN {}", link["reason"].as_str().unwrap()));
            }
            rows.push(row);
        }
    }
    rows
}

#[test]
fn hugo_static_files_taxonomy_pages_and_feeds_are_not_broken() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        &[
            ("hugo.toml", "baseURL = 'https://garden.example/'\n"),
            ("static/guide.pdf", "%PDF\n"),
            ("static/img/tomato.png", "png"),
            ("themes/leaf/static/leaf.css", "css"),
            (
                "content/posts/tomatoes.md",
                "---\ntitle: Tomatoes\ntags: [Summer Crops]\n---\n\
                 [pdf](/guide.pdf) [img](/img/tomato.png) [css](/leaf.css)\n\
                 [tag](/tags/summer-crops/) [tags](/tags/) [cats](/categories/)\n\
                 [feed](/index.xml) [map](/sitemap.xml) [posts](/posts/index.xml)\n\
                 [no tag](/tags/winter/) [nothing](/nothing.pdf)\n",
            ),
        ],
    );
    let rows = links(&dir.path().join("content"));
    assert_eq!(
        rows,
        [
            "file /guide.pdf",
            "file /img/tomato.png",
            "file /leaf.css",
            "generated /tags/summer-crops/",
            "generated /tags/",
            "generated /categories/",
            "generated /index.xml",
            "generated /sitemap.xml",
            "generated /posts/index.xml",
            "unresolved /tags/winter/ BROKEN no page carries the tags term winter, \
             so Hugo makes no page for it",
            "unresolved /nothing.pdf BROKEN no article at /nothing.pdf in the site at ../content",
        ]
    );
    // `staticDir` names the folders served in place of `static/`.
    write(
        dir.path(),
        &[
            (
                "hugo.toml",
                "baseURL = 'https://garden.example/'\nstaticDir = ['files']\n",
            ),
            ("files/seeds.pdf", "%PDF\n"),
            (
                "content/posts/seeds.md",
                "[s](/seeds.pdf) [g](/guide.pdf)\n",
            ),
        ],
    );
    let rows = links(&dir.path().join("content/posts"));
    assert!(rows.contains(&"file /seeds.pdf".to_string()), "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r.starts_with("unresolved /guide.pdf BROKEN")),
        "{rows:?}"
    );
}

#[test]
fn zola_static_files_declared_taxonomies_and_feeds_are_not_broken() {
    let dir = TempDir::new().unwrap();
    let page = "+++\ntitle = \"Lamps\"\n[taxonomies]\ntags = [\"lamps\"]\n+++\n\
                [icon](/favicon.ico) [tag](/tags/lamps/) [feed](/atom.xml) [rss](/rss.xml)\n";
    write(
        dir.path(),
        &[
            (
                "config.toml",
                "base_url = 'https://lamps.example'\ngenerate_feeds = true\n\
                 taxonomies = [{name = \"tags\"}]\n",
            ),
            ("static/favicon.ico", "ico"),
            ("content/blog/lamps.md", page),
        ],
    );
    let rows = links(&dir.path().join("content"));
    assert_eq!(
        rows,
        [
            "file /favicon.ico",
            "generated /tags/lamps/",
            "generated /atom.xml",
            // feed_filenames defaults to atom.xml alone.
            "unresolved /rss.xml BROKEN no article at /rss.xml in the site at ../content",
        ]
    );
    // Without the taxonomy declared and feeds on, Zola makes neither.
    write(
        dir.path(),
        &[("config.toml", "base_url = 'https://lamps.example'\n")],
    );
    let rows = links(&dir.path().join("content"));
    assert!(!rows[1].starts_with("generated"), "{rows:?}");
    assert!(
        rows[2].starts_with("unresolved /atom.xml BROKEN"),
        "{rows:?}"
    );
}

#[test]
fn jekyll_plugin_feeds_and_sitemaps_are_not_broken() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        &[
            (
                "_config.yml",
                "url: https://j.example\nplugins:\n  - jekyll-feed\n  - jekyll-sitemap\n",
            ),
            ("assets/site.css", "css"),
            (
                "about.md",
                "---\ntitle: About\n---\n[feed](/feed.xml) [map](/sitemap.xml) [css](/assets/site.css) [atom](/atom.xml)\n",
            ),
        ],
    );
    assert_eq!(
        links(dir.path()),
        [
            "generated /feed.xml",
            "generated /sitemap.xml",
            "file /assets/site.css",
            "unresolved /atom.xml BROKEN no article at /atom.xml in the site at .",
        ]
    );
}

#[test]
fn wikilinks_in_a_table_lose_the_backslash_that_escapes_their_pipe() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        &[
            (".obsidian/app.json", "{}"),
            ("Garden Plan.md", "# Garden Plan\n"),
            ("Shed.md", "# Shed\n\n## Materials\n\nWood.\n"),
            (
                "Index.md",
                "| what | note |\n|---|---|\n| plan | [[Garden Plan\\|GP]] |\n\
                 | wood | [[Shed#Materials\\|mats]] |\n| gone | [[Nowhere\\|n]] |\n",
            ),
        ],
    );
    let rows = links(dir.path());
    assert_eq!(
        rows,
        [
            "wikilink [[Garden Plan]]",
            "wikilink [[Shed#Materials]]",
            "unresolved [[Nowhere]] BROKEN no note or file named Nowhere in .",
        ]
    );
    // The text shown stays the text after the pipe.
    let out = common::quire()
        .current_dir(dir.path())
        .args(["links", "Index.md"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("[GP]([[Garden Plan]]) -> ./Garden Plan.md"),
        "{text}"
    );
}

#[test]
fn zola_heading_ids_follow_its_slugify_rule() {
    let dir = TempDir::new().unwrap();
    let page = "+++\ntitle = \"Anchors\"\n+++\n## What's new?\n\n## Café crème\n\n## C++ & Rust\n\n\
                [a](#what-s-new) [b](#cafe-creme) [c](@/blog/anchors.md#c-rust) [d](#whats-new)\n";
    write(
        dir.path(),
        &[
            ("config.toml", "base_url = 'https://z.example'\n"),
            ("content/blog/anchors.md", page),
        ],
    );
    let rows = links(&dir.path().join("content"));
    assert_eq!(
        rows,
        [
            "anchor #what-s-new",
            "anchor #cafe-creme",
            "file @/blog/anchors.md#c-rust",
            // GitHub's id is not Zola's: the built page has no such id.
            "anchor #whats-new BROKEN no heading #whats-new in this article",
        ]
    );
    // The outline names the sections as the built page does.
    let out = common::quire()
        .current_dir(dir.path())
        .args(["outline", "--json", "content/blog/anchors.md"])
        .output()
        .unwrap();
    let outline: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let anchors: Vec<&str> = outline["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["anchor"].as_str().unwrap())
        .collect();
    assert_eq!(anchors, ["what-s-new", "cafe-creme", "c-rust"]);
    // `slugify.anchors = "safe"` keeps the text, spaces made dashes.
    write(
        dir.path(),
        &[
            (
                "config.toml",
                "base_url = 'https://z.example'\n[slugify]\nanchors = \"safe\"\n",
            ),
            (
                "content/blog/anchors.md",
                "+++\ntitle = \"A\"\n+++\n## Café crème\n\n[a](#Café-crème) [b](#cafe-creme)\n",
            ),
        ],
    );
    let rows = links(&dir.path().join("content"));
    assert_eq!(rows[0], "anchor #Café-crème");
    assert!(rows[1].starts_with("anchor #cafe-creme BROKEN"), "{rows:?}");
}
