//! Tests of what a reader gets first: a long article does not flood the
//! results, plural and singular meet, a definition term ranks like a
//! heading. On a small library of our own made to show each.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::fs;

use super::*;

/// A library with one long release post that mentions lanterns in every
/// section, the page about lantern options, a settings reference with a
/// definition list, and filler posts that mention its terms in passing.
fn library() -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let mut release = String::from("---\ntitle: Release 4.0\n---\nWhat changed.\n\n");
    for k in 0..8 {
        write!(
            release,
            "## Lantern change {k}\n\nThe lantern code now builds lantern files {k} times \
             faster; lantern maps and lantern caches follow.\n\n"
        )
        .unwrap();
    }
    let options = "---\ntitle: Lantern Options\n---\nHow the site styles its pages: set the \
                   options under a key of its own in the settings file.\n\n## Where\n\n\
                   The file at the top of the site.\n";
    let mut settings = String::from(
        "---\ntitle: Reference\n---\n## Settings\n\nEvery setting of the site file, \
         with what it does.\n\n",
    );
    for k in 0..40 {
        write!(
            settings,
            "setting{k}\n: What setting {k} changes, and its default.\n\n"
        )
        .unwrap();
    }
    settings.push_str("baseURL\n: The address the site is served from.\n\n");
    for k in 40..60 {
        write!(
            settings,
            "setting{k}\n: What setting {k} changes, and its default.\n\n"
        )
        .unwrap();
    }
    let shortcodes = "---\ntitle: Embedding\n---\n## Named values\n\nEach shortcode parameter \
                      has a name and a value.\n";
    let mut files = vec![
        ("release.md".to_string(), release),
        ("options.md".to_string(), options.to_string()),
        ("reference.md".to_string(), settings),
        ("shortcodes.md".to_string(), shortcodes.to_string()),
    ];
    for k in 0..30 {
        files.push((
            format!("post{k}.md"),
            format!(
                "---\ntitle: Post {k}\n---\nA short note. The baseURL came up once; \
                 so did the baseURL of a mirror, and a lantern.\n"
            ),
        ));
    }
    for (name, text) in &files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let mut index = Index::open_in_memory().unwrap();
    index.refresh(dir.path(), &mut |_| {}).unwrap();
    (dir, index)
}

fn top(index: &Index, dir: &std::path::Path, q: &str, n: usize) -> Vec<String> {
    index
        .search(dir, &Query::parse(q), n)
        .unwrap()
        .iter()
        .map(|h| path_string(&h.path))
        .collect()
}

#[test]
fn a_long_article_does_not_flood_the_first_results() {
    let (dir, index) = library();
    let hits = top(&index, dir.path(), "lantern ", 5);
    assert_eq!(hits.len(), 5);
    let release = hits.iter().filter(|p| *p == "release.md").count();
    assert!(release <= 2, "{hits:?}");
    // The page whose title is the query is in the first three.
    assert!(hits[..3].contains(&"options.md".to_string()), "{hits:?}");
    // Further down, the long article's other sections are all there.
    let all = top(&index, dir.path(), "lantern ", 50);
    assert_eq!(all.iter().filter(|p| *p == "release.md").count(), 8);
}

#[test]
fn one_article_alone_fills_the_results() {
    let (dir, index) = library();
    // Only the release post says "caches": nothing else can take its places.
    let hits = top(&index, dir.path(), "caches ", 5);
    assert_eq!(hits, vec!["release.md"; 5]);
}

#[test]
fn plural_and_singular_meet() {
    let (dir, index) = library();
    for q in [
        "shortcodes parameters",
        "shortcode parameter ",
        "Shortcodes Parameters ",
    ] {
        assert_eq!(top(&index, dir.path(), q, 5), vec!["shortcodes.md"], "{q}");
    }
    // Stemming meets other suffixes too: "styling" and "styles".
    assert_eq!(
        top(&index, dir.path(), "styling ", 5),
        vec!["options.md"],
        "styling"
    );
}

#[test]
fn a_definition_term_ranks_its_section_first() {
    let (dir, index) = library();
    let hits = index
        .search(dir.path(), &Query::parse("baseURL "), 5)
        .unwrap();
    assert_eq!(path_string(&hits[0].path), "reference.md", "{hits:?}");
    assert_eq!(hits[0].section, vec!["Settings".to_string()]);
}

#[test]
fn cjk_text_is_still_found_inside_a_run() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.md"),
        "---\ntitle: 日本語\n---\n東京都の図書館で本を読んだ。\n",
    )
    .unwrap();
    let mut index = Index::open_in_memory().unwrap();
    index.refresh(dir.path(), &mut |_| {}).unwrap();
    assert_eq!(top(&index, dir.path(), "図書館", 5), vec!["a.md"]);
    assert!(top(&index, dir.path(), "図館", 5).is_empty());
}
