//! Jekyll's `{% link path %}` and `{% post_url name %}` show the address
//! Jekyll gives the file (its `permalink:`, a post's by the permalink
//! style, a page's own path) under the site's `baseurl`, and still follow
//! to the file.
use crate::common;

use std::path::{Path, PathBuf};

fn site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/jekyll-links")
}

#[test]
fn a_link_tag_shows_the_address_jekyll_gives_the_file() {
    let text = common::rendered(&site().join("index.md"), 80);
    for url in [
        "[1] /walks/about/\n",
        "[2] /walks/notes/reading.html\n",
        "[3] /walks/hills/2023/04/02/spring-walk.html#up\n",
        "[4] /walks/recipes/flask-tea.html\n",
        // A file that is not there keeps the path as written.
        "[5] /gone.md\n",
    ] {
        assert!(text.contains(url), "{url:?} in:\n{text}");
    }
    assert!(!text.contains("about.md"), "{text}");
    // The post by its name: the same address, one entry.
    assert_eq!(text.matches("spring-walk.html").count(), 2, "{text}");
}

#[test]
fn a_link_tag_still_follows_to_the_file() {
    let json = common::links_json(&site().join("index.md"));
    let resolved: Vec<String> = json["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["resolved"]["path"].as_str().unwrap_or("").to_string())
        .collect();
    let walk = "2023-04-02-spring-walk.md";
    let ends = [
        "about.md",
        "notes/reading.md",
        walk,
        "flask-tea.md",
        "",
        walk,
    ];
    assert_eq!(resolved.len(), ends.len(), "{resolved:?}");
    for (got, end) in resolved.iter().zip(ends) {
        assert!(got.ends_with(end), "{got} should end with {end}");
    }
}
