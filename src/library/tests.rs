//! Filter and sort over hand-built entries (no files involved; the tag index: `tag_tests`).

use super::*;

pub(super) fn entry(
    path: &str,
    title: &str,
    date: Option<&str>,
    tags: &[&str],
    words: usize,
) -> Entry {
    let meta = Meta {
        title: title.to_string(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        date: date.map(str::to_string),
        ..Meta::default()
    };
    Entry::new(
        PathBuf::from(path),
        words as u64 * 6,
        Peek {
            meta,
            words,
            warnings: Vec::new(),
        },
    )
}

pub(super) fn draft(mut e: Entry) -> Entry {
    e.meta.draft = true;
    e
}

pub(super) fn sample() -> Library {
    Library::from_parts(
        PathBuf::from("articles"),
        vec![
            entry(
                "rust/ownership.md",
                "Ownership in Rust",
                Some("2024-03-01"),
                &["Rust", "memory"],
                900,
            ),
            entry(
                "rust/async.md",
                "Async without tears",
                Some("2025-01-10"),
                &["rust", "async"],
                2400,
            ),
            entry("garden.md", "Notes from the garden", None, &["life"], 120),
            entry(
                "floss.md",
                "Why free software",
                Some("2023-06-30"),
                &["FLOSS", "Rust"],
                460,
            ),
            draft(entry(
                "wip.md",
                "Half an idea",
                Some("2025-02-02"),
                &["life", "Rust"],
                50,
            )),
        ],
        vec![],
    )
}

pub(super) fn paths(lib: &Library, rows: &[usize]) -> Vec<String> {
    rows.iter().map(|&i| lib.entries[i].path_string()).collect()
}

pub(super) fn tags(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn reading_time_rounds_up_and_is_at_least_one_minute() {
    assert_eq!(reading_minutes(0), 1);
    assert_eq!(reading_minutes(1), 1);
    assert_eq!(reading_minutes(230), 1);
    assert_eq!(reading_minutes(231), 2);
    assert_eq!(reading_minutes(2400), 11);
}

#[test]
fn date_sort_is_newest_first_with_undated_last() {
    let lib = sample();
    let rows = lib.select(&Filter::default(), Sort::default());
    assert_eq!(
        paths(&lib, &rows),
        [
            "wip.md",
            "rust/async.md",
            "rust/ownership.md",
            "floss.md",
            "garden.md"
        ]
    );
}

#[test]
fn reversed_date_sort_keeps_undated_last() {
    let lib = sample();
    let sort = Sort {
        key: SortKey::Date,
        reverse: true,
    };
    let rows = lib.select(&Filter::default(), sort);
    assert_eq!(
        paths(&lib, &rows),
        [
            "floss.md",
            "rust/ownership.md",
            "rust/async.md",
            "wip.md",
            "garden.md"
        ]
    );
}

#[test]
fn title_sort_ignores_case_and_ties_go_by_path() {
    let lib = Library::from_parts(
        PathBuf::new(),
        vec![
            entry("b.md", "same", None, &[], 1),
            entry("a.md", "Same", None, &[], 1),
            entry("c.md", "apple", None, &[], 1),
            entry("d.md", "Banana", None, &[], 1),
        ],
        vec![],
    );
    let rows = lib.select(
        &Filter::default(),
        Sort {
            key: SortKey::Title,
            reverse: false,
        },
    );
    assert_eq!(paths(&lib, &rows), ["c.md", "d.md", "a.md", "b.md"]);
}

#[test]
fn path_and_reading_time_sorts() {
    let lib = sample();
    let rows = lib.select(
        &Filter::default(),
        Sort {
            key: SortKey::Path,
            reverse: false,
        },
    );
    assert_eq!(
        paths(&lib, &rows),
        [
            "floss.md",
            "garden.md",
            "rust/async.md",
            "rust/ownership.md",
            "wip.md"
        ]
    );
    let rows = lib.select(
        &Filter::default(),
        Sort {
            key: SortKey::ReadingTime,
            reverse: true,
        },
    );
    assert_eq!(
        paths(&lib, &rows),
        [
            "rust/async.md",
            "rust/ownership.md",
            "floss.md",
            "garden.md",
            "wip.md"
        ]
    );
}

#[test]
fn sort_key_cycles_through_all_six() {
    let mut key = SortKey::Date;
    let mut seen = vec![key];
    for _ in 0..5 {
        key = key.next();
        seen.push(key);
    }
    assert_eq!(
        seen,
        [
            SortKey::Date,
            SortKey::Title,
            SortKey::Path,
            SortKey::ReadingTime,
            SortKey::LastOpened,
            SortKey::LinksIn
        ]
    );
    assert_eq!(key.next(), SortKey::Date);
}

#[test]
fn tags_match_case_insensitively_all_of() {
    let lib = sample();
    let filter = Filter {
        tags: tags(&["RUST", "Memory"]),
        ..Filter::default()
    };
    let rows = lib.select(
        &filter,
        Sort {
            key: SortKey::Path,
            reverse: false,
        },
    );
    assert_eq!(paths(&lib, &rows), ["rust/ownership.md"]);
}

#[test]
fn tags_any_of() {
    let lib = sample();
    let filter = Filter {
        tags: tags(&["floss", "LIFE"]),
        mode: TagMode::Any,
        ..Filter::default()
    };
    let rows = lib.select(
        &filter,
        Sort {
            key: SortKey::Path,
            reverse: false,
        },
    );
    assert_eq!(paths(&lib, &rows), ["floss.md", "garden.md", "wip.md"]);
}

#[test]
fn unknown_tag_empties_all_of_but_not_any_of() {
    let lib = sample();
    let all = Filter {
        tags: tags(&["rust", "nope"]),
        ..Filter::default()
    };
    assert!(lib.select(&all, Sort::default()).is_empty());
    let any = Filter {
        mode: TagMode::Any,
        ..all
    };
    assert_eq!(lib.select(&any, Sort::default()).len(), 4);
}

#[test]
fn text_filter_needs_every_word_in_title_tags_or_path() {
    let lib = sample();
    let by = |text: &str| {
        let f = Filter {
            text: text.to_string(),
            ..Filter::default()
        };
        paths(
            &lib,
            &lib.select(
                &f,
                Sort {
                    key: SortKey::Path,
                    reverse: false,
                },
            ),
        )
    };
    assert_eq!(by("OWNER"), ["rust/ownership.md"]);
    // "async" is a tag and a word of the path; "tears" is in the title.
    assert_eq!(by("tears async"), ["rust/async.md"]);
    // The folder name counts as file name text.
    assert_eq!(by("rust/"), ["rust/async.md", "rust/ownership.md"]);
    assert_eq!(by("garden floss"), Vec::<String>::new());
    assert_eq!(by("   ").len(), 5);
}

#[test]
fn drafts_are_listed_unless_hidden() {
    let lib = sample();
    let shown = lib.select(&Filter::default(), Sort::default());
    assert!(paths(&lib, &shown).contains(&"wip.md".to_string()));
    let hidden = Filter {
        drafts: false,
        ..Filter::default()
    };
    let rows = lib.select(&hidden, Sort::default());
    assert_eq!(rows.len(), 4);
    assert!(!paths(&lib, &rows).contains(&"wip.md".to_string()));
}

#[test]
fn empty_library_selects_nothing() {
    let lib = Library::from_parts(PathBuf::new(), vec![], vec![]);
    assert!(lib.is_empty());
    assert!(lib.select(&Filter::default(), Sort::default()).is_empty());
    assert!(lib.tags().is_empty());
    assert!(lib.tag_counts(&Filter::default()).is_empty());
}

#[test]
fn failures_hide_under_tag_filters_and_match_text_by_path() {
    let lib = Library::from_parts(
        PathBuf::new(),
        vec![],
        vec![
            Failure {
                path: PathBuf::from("b/broken.md"),
                error: "denied".into(),
            },
            Failure {
                path: PathBuf::from("a.md"),
                error: "denied".into(),
            },
        ],
    );
    assert_eq!(lib.len(), 2);
    assert_eq!(lib.failures[0].path_string(), "a.md");
    assert_eq!(lib.select_failures(&Filter::default()), [0, 1]);
    let text = Filter {
        text: "BROKEN".into(),
        ..Filter::default()
    };
    assert_eq!(lib.select_failures(&text), [1]);
    let tagged = Filter {
        tags: tags(&["x"]),
        ..Filter::default()
    };
    assert!(lib.select_failures(&tagged).is_empty());
}

#[test]
fn from_rows_keeps_the_last_row_of_a_path_in_path_order() {
    let rows = vec![
        entry("b.md", "B old", None, &[], 10),
        entry("a/z.md", "AZ", None, &[], 10),
        entry("a-b.md", "AB", None, &[], 10),
        entry("b.md", "B new", None, &[], 10),
    ];
    let lib = Library::from_rows(PathBuf::from("x"), rows, vec![]);
    let got: Vec<(String, String)> = lib
        .entries
        .iter()
        .map(|e| (e.path_string(), e.meta.title.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("a/z.md".to_string(), "AZ".to_string()),
            ("a-b.md".to_string(), "AB".to_string()),
            ("b.md".to_string(), "B new".to_string()),
        ]
    );
}

#[test]
fn a_path_is_shown_with_one_slash_between_parts() {
    for (path, shown) in [
        ("/tmp/vault/Home.md", "/tmp/vault/Home.md"),
        ("./Home.md", "./Home.md"),
        ("notes/a b/c.md", "notes/a b/c.md"),
        ("/", "/"),
        ("a.md", "a.md"),
    ] {
        assert_eq!(path_string(std::path::Path::new(path)), shown);
    }
}

#[test]
fn tags_width_is_the_width_of_the_tags_as_a_row_shows_them() {
    use unicode_width::UnicodeWidthStr;
    let cases: [&[&str]; 5] = [
        &[],
        &["rust"],
        &["rust", "Machine Learning"],
        &["日本語", "café"],
        &["bell\u{7}", "esc\u{1b}[31m"],
    ];
    for tags in cases {
        let e = entry("a.md", "A", None, tags, 10);
        let shown = crate::sanitize::sanitize_line(&tags.join(", ")).width();
        assert_eq!(e.tags_width(), shown, "{tags:?}");
    }
}

#[test]
fn look_changes_with_the_title_the_date_or_the_tags() {
    let base = entry("a.md", "A title", Some("2024-01-02"), &["x"], 10).look();
    assert_eq!(
        entry("b.md", "A title", Some("2024-01-02"), &["x"], 99).look(),
        base
    );
    for other in [
        entry("a.md", "Another", Some("2024-01-02"), &["x"], 10),
        entry("a.md", "A title", Some("2024-01-03"), &["x"], 10),
        entry("a.md", "A title", None, &["x"], 10),
        entry("a.md", "A title", Some("2024-01-02"), &["x", "y"], 10),
    ] {
        assert_ne!(other.look(), base, "{:?}", other.meta);
    }
}
