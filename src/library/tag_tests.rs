//! The library's tag index: spellings grouped by case and counted once an
//! article, ordered, and counted under the other filters.

use super::tests::{entry, paths, sample, tags};
use super::*;

#[test]
fn tag_index_groups_case_counts_and_orders() {
    let lib = sample();
    let index: Vec<(&str, usize)> = lib
        .tags()
        .iter()
        .map(|t| (t.name.as_str(), t.count))
        .collect();
    // "Rust" is spelled so three times, "rust" once; life 2; the rest 1 by name.
    assert_eq!(
        index,
        [
            ("Rust", 4),
            ("life", 2),
            ("async", 1),
            ("FLOSS", 1),
            ("memory", 1)
        ]
    );
}

#[test]
fn tag_index_prefers_first_spelling_on_a_tie() {
    let lib = Library::from_parts(
        PathBuf::new(),
        vec![
            entry("a.md", "a", None, &["Go"], 1),
            entry("b.md", "b", None, &["go"], 1),
        ],
        vec![],
    );
    assert_eq!(lib.tags()[0].name, "Go");
    assert_eq!(lib.tags()[0].count, 2);
}

#[test]
fn a_tag_repeated_in_other_case_on_one_article_counts_once() {
    let lib = Library::from_parts(
        PathBuf::new(),
        vec![entry("a.md", "a", None, &["Go", "GO"], 1)],
        vec![],
    );
    assert_eq!(lib.tags().len(), 1);
    assert_eq!(lib.tags()[0].count, 1);
}

#[test]
fn tag_counts_follow_the_other_filters_not_the_tags() {
    let lib = sample();
    let filter = Filter {
        text: "rust".to_string(),
        tags: tags(&["memory"]),
        drafts: false,
        ..Filter::default()
    };
    let counts: Vec<(String, usize)> = lib
        .tag_counts(&filter)
        .into_iter()
        .map(|t| (t.name, t.count))
        .collect();
    // Text "rust" keeps ownership, async, floss (wip is a hidden draft); the
    // memory tag itself does not narrow the counts.
    assert_eq!(
        counts,
        [
            ("Rust".to_string(), 3),
            ("async".to_string(), 1),
            ("FLOSS".to_string(), 1),
            ("memory".to_string(), 1),
            ("life".to_string(), 0),
        ]
    );
}

#[test]
fn tags_with_spaces_and_unicode() {
    let lib = Library::from_parts(
        PathBuf::new(),
        vec![
            entry("a.md", "Crème", None, &["machine learning", "Ünicode"], 1),
            entry("b.md", "Straße", None, &["ÜNICODE", "日本語"], 1),
            entry("c.md", "plain", None, &["learning"], 1),
        ],
        vec![],
    );
    let sort = Sort {
        key: SortKey::Path,
        reverse: false,
    };
    let only = |t: &[&str]| {
        let f = Filter {
            tags: tags(t),
            ..Filter::default()
        };
        paths(&lib, &lib.select(&f, sort))
    };
    assert_eq!(only(&["Machine Learning"]), ["a.md"]);
    assert_eq!(only(&["ünicode"]), ["a.md", "b.md"]);
    assert_eq!(only(&["日本語"]), ["b.md"]);
    let text = Filter {
        text: "crème".into(),
        ..Filter::default()
    };
    assert_eq!(paths(&lib, &lib.select(&text, sort)), ["a.md"]);
    let text = Filter {
        text: "日本".into(),
        ..Filter::default()
    };
    assert_eq!(paths(&lib, &lib.select(&text, sort)), ["b.md"]);
}
