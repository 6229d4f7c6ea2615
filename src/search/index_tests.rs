//! Tests of the full-text index: ranking, sections, refresh, scripts, hostile queries.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::search::cjk::SPREAD;

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap();
}

fn indexed(files: &[(&str, &str)]) -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    let mut index = Index::open_in_memory().unwrap();
    index.refresh(dir.path(), &mut |_| {}).unwrap();
    (dir, index)
}

fn find(index: &Index, dir: &Path, q: &str) -> Vec<Hit> {
    index.search(dir, &Query::parse(q), 20).unwrap()
}

fn paths(hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| path_string(&h.path)).collect()
}

#[test]
fn bundled_sqlite_has_fts5() {
    let conn = Connection::open_in_memory().unwrap();
    let on: i64 = conn
        .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(on, 1);
}

#[test]
fn a_title_match_outranks_a_body_match() {
    let (dir, index) = indexed(&[
        (
            "body.md",
            "---\ntitle: Notes\n---\nSome words about lighthouses and more words.\n",
        ),
        (
            "title.md",
            "---\ntitle: Lighthouses\n---\nSome words about the sea and more words.\n",
        ),
    ]);
    let hits = find(&index, dir.path(), "lighthouses");
    assert_eq!(paths(&hits), vec!["title.md", "body.md"]);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn a_heading_match_outranks_a_body_match() {
    let (dir, index) = indexed(&[(
        "a.md",
        "# A\n\n## Other\n\nThe keeper climbs.\n\n## Keeper\n\nNothing here.\n",
    )]);
    let hits = find(&index, dir.path(), "keeper");
    assert_eq!(hits[0].anchor, "keeper");
    assert_eq!(hits[1].anchor, "other");
}

#[test]
fn a_match_reports_its_section() {
    let (dir, index) = indexed(&[(
        "models.md",
        "---\ntitle: Models\n---\n# AI\n\nIntro.\n\n## Kinds\n\nMany.\n\n### Image Models\n\nStable Diffusion was open sourced.\n\n## After\n\nDone.\n",
    )]);
    let hits = find(&index, dir.path(), "\"stable diffusion\"");
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit.title, "Models");
    assert_eq!(hit.section, vec!["AI", "Kinds", "Image Models"]);
    assert_eq!(hit.anchor, "image-models");
    assert_eq!(hit.line, 12);
    assert_eq!(hit.snippet.text, "Stable Diffusion was open sourced.");
    let marked: Vec<&str> = hit
        .snippet
        .marks
        .iter()
        .map(|r| &hit.snippet.text[r.clone()])
        .collect();
    assert_eq!(marked, vec!["Stable Diffusion"]);
}

#[test]
fn refresh_reads_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "# A\n\nalpha words\n");
    write(dir.path(), "b.md", "# B\n\nbeta words\n");
    let mut index = Index::open_in_memory().unwrap();
    let first = index.refresh(dir.path(), &mut |_| {}).unwrap();
    assert_eq!(first.added, 2);

    let again = index.refresh(dir.path(), &mut |_| {}).unwrap();
    assert_eq!(
        again,
        Refresh {
            unchanged: 2,
            ..Refresh::default()
        }
    );

    // Edit (a different size, so no clock resolution matters), add, delete.
    write(dir.path(), "a.md", "# A\n\ngamma words, longer now\n");
    write(dir.path(), "sub/c.md", "# C\n\ndelta words\n");
    fs::remove_file(dir.path().join("b.md")).unwrap();
    let mut heard = Vec::new();
    let after = index.refresh(dir.path(), &mut |p| heard.push(p)).unwrap();
    assert_eq!(
        after,
        Refresh {
            added: 1,
            updated: 1,
            removed: 1,
            unchanged: 0
        }
    );
    assert_eq!(heard.last(), Some(&Progress { done: 2, total: 2 }));
    assert!(find(&index, dir.path(), "alpha").is_empty());
    assert_eq!(paths(&find(&index, dir.path(), "gamma")), vec!["a.md"]);
    assert!(find(&index, dir.path(), "beta").is_empty());
    assert_eq!(paths(&find(&index, dir.path(), "delta")), vec!["sub/c.md"]);
    assert_eq!(find(&index, dir.path(), "words").len(), 2);
    assert_eq!(index.article_count(dir.path()).unwrap(), 2);
}

#[test]
fn folders_are_kept_apart() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    write(one.path(), "a.md", "shared word\n");
    write(two.path(), "b.md", "shared word\n");
    let mut index = Index::open_in_memory().unwrap();
    index.refresh(one.path(), &mut |_| {}).unwrap();
    index.refresh(two.path(), &mut |_| {}).unwrap();
    assert_eq!(paths(&find(&index, one.path(), "shared")), vec!["a.md"]);
    assert_eq!(paths(&find(&index, two.path(), "shared")), vec!["b.md"]);
}

#[test]
fn one_folder_alone_ranks_as_it_does_beside_another() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    write(one.path(), "a.md", "# Word\n\nword word here.\n");
    write(
        one.path(),
        "b.md",
        "---\ntitle: Word\n---\nword.\n\n## Else\n\nA word.\n",
    );
    write(
        one.path(),
        "c.md",
        "# Other\n\nNot this one.\n\n## More\n\nword at last.\n",
    );
    write(two.path(), "d.md", "word word word\n");
    let mut index = Index::open_in_memory().unwrap();
    index.refresh(one.path(), &mut |_| {}).unwrap();
    let alone = find(&index, one.path(), "word");
    let limited = index.ranked(one.path(), &Query::parse("word"), 2).unwrap();
    index.refresh(two.path(), &mut |_| {}).unwrap();
    let beside = find(&index, one.path(), "word");
    // Scores move with the other folder's words (bm25 counts the whole
    // index); the sections found and their snippets do not.
    let places = |hits: &[Hit]| -> Vec<(String, String, String)> {
        let mut v: Vec<_> = hits
            .iter()
            .map(|h| {
                (
                    path_string(&h.path),
                    h.anchor.clone(),
                    h.snippet.text.clone(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(alone.len(), 4);
    assert_eq!(places(&alone), places(&beside));
    assert!(alone.windows(2).all(|w| w[0].score >= w[1].score));
    let first_two: Vec<_> = alone[..2].iter().map(|h| (&h.path, &h.anchor)).collect();
    let got: Vec<_> = limited.iter().map(|h| (&h.path, &h.anchor)).collect();
    assert_eq!(got, first_two);
    assert!(limited.iter().all(|h| h.snippet.text.is_empty()));
    assert!(alone.iter().all(|h| !h.snippet.marks.is_empty()));
}

#[test]
fn snippets_are_cut_for_the_hits_given() {
    let (dir, index) = indexed(&[
        ("a.md", "# A\n\nalpha beta.\n"),
        ("b.md", "# B\n\nbeta gamma.\n"),
    ]);
    let q = Query::parse("beta");
    let mut hits = index.ranked(dir.path(), &q, 10).unwrap();
    hits.retain(|h| path_string(&h.path) == "b.md");
    index.snippets(dir.path(), &q, &mut hits).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].snippet.text, "beta gamma.");
    assert_eq!(hits[0].snippet.marks, vec![0..4]);
}

#[test]
fn a_stop_cuts_a_query_short_and_goes_away_after() {
    // Enough sections that ranking them takes many steps of SQLite.
    let many: String = (0..1000).map(|k| format!("# H{k}\n\nbeta.\n\n")).collect();
    let (dir, index) = indexed(&[("a.md", many.as_str())]);
    let q = Query::parse("beta");
    let stopped = index
        .with_stop(|| true, |ix| ix.search(dir.path(), &q, 10))
        .unwrap();
    assert!(stopped.unwrap_err().is_interrupted());
    let kept = index
        .with_stop(|| false, |ix| ix.search(dir.path(), &q, 10))
        .unwrap();
    assert_eq!(kept.unwrap().len(), 10);
    assert_eq!(index.search(dir.path(), &q, 10).unwrap().len(), 10);
}

#[test]
fn diacritics_do_not_matter() {
    let (dir, index) = indexed(&[("cv.md", "My résumé and a naïve café.\n")]);
    assert_eq!(find(&index, dir.path(), "resume").len(), 1);
    assert_eq!(find(&index, dir.path(), "NAIVE cafe").len(), 1);
    assert_eq!(find(&index, dir.path(), "résumé").len(), 1);
}

#[test]
fn chinese_and_japanese_are_found_inside_a_run() {
    let (dir, index) = indexed(&[
        ("zh.md", "# 开源\n\n开源软件是自由的。\n"),
        ("ja.md", "# 日本\n\n東京都に住んでいます。\n"),
    ]);
    assert_eq!(paths(&find(&index, dir.path(), "软件")), vec!["zh.md"]);
    assert_eq!(paths(&find(&index, dir.path(), "東京")), vec!["ja.md"]);
    assert_eq!(paths(&find(&index, dir.path(), "住んで")), vec!["ja.md"]);
    // Characters that are not next to each other are not a match.
    assert!(find(&index, dir.path(), "\"开件\"").is_empty());
    let hit = &find(&index, dir.path(), "软件")[0];
    assert!(!hit.snippet.text.contains(SPREAD));
    assert_eq!(&hit.snippet.text[hit.snippet.marks[0].clone()], "软件");
}

#[test]
fn tags_restrict_and_exclude() {
    let (dir, index) = indexed(&[
        ("a.md", "---\ntags: [FLOSS, Linux]\n---\nkernel news\n"),
        ("b.md", "---\ntags: [Windows]\n---\nkernel news\n"),
    ]);
    assert_eq!(
        paths(&find(&index, dir.path(), "kernel tag:floss")),
        vec!["a.md"]
    );
    assert_eq!(
        paths(&find(&index, dir.path(), "kernel -tag:FLOSS")),
        vec!["b.md"]
    );
    assert_eq!(paths(&find(&index, dir.path(), "windows")), vec!["b.md"]);
}

#[test]
fn title_and_exclusion_and_prefix() {
    let (dir, index) = indexed(&[
        ("a.md", "---\ntitle: Rust notes\n---\nasync code\n"),
        ("b.md", "---\ntitle: Go notes\n---\nrust and async code\n"),
    ]);
    assert_eq!(paths(&find(&index, dir.path(), "title:rust")), vec!["a.md"]);
    assert_eq!(paths(&find(&index, dir.path(), "async -go")), vec!["a.md"]);
    assert_eq!(find(&index, dir.path(), "asy").len(), 2);
    assert!(find(&index, dir.path(), "asy ").is_empty());
}

#[test]
fn snippets_are_safe_for_a_terminal() {
    let (dir, index) = indexed(&[("a.md", "bell \u{7} and escape \u{1b}[31m red\n")]);
    let hits = find(&index, dir.path(), "escape");
    assert_eq!(hits.len(), 1);
    assert!(!hits[0].snippet.text.chars().any(crate::sanitize::is_unsafe));
}

#[test]
fn the_index_lives_in_a_file_and_is_reopened() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "persisted words\n");
    let db = dir.path().join("state/quire.db");
    let mut index = Index::open(&db).unwrap();
    index.refresh(dir.path(), &mut |_| {}).unwrap();
    drop(index);
    let mut index = Index::open(&db).unwrap();
    let r = index.refresh(dir.path(), &mut |_| {}).unwrap();
    assert_eq!(r.unchanged, 1);
    assert_eq!(find(&index, dir.path(), "persisted").len(), 1);
}

proptest! {
    #![proptest_config(crate::fixed_seed(300))]
    #[test]
    fn no_query_is_an_sql_error(q in "[ -~éü東京\"*:^()-]{0,40}") {
        let (dir, index) = indexed(&[("a.md", "# H\n\nsome text here\n")]);
        let hits = index.search(dir.path(), &Query::parse(&q), 10);
        prop_assert!(hits.is_ok(), "{:?} -> {:?}", q, hits.err());
    }

    #[test]
    fn no_operator_mix_is_an_sql_error(
        words in proptest::collection::vec(
            prop_oneof![
                Just("AND"), Just("OR"), Just("NOT"), Just("NEAR("), Just("NEAR"), Just("*"),
                Just("^"), Just(":"), Just("\""), Just("-"), Just("("), Just(")"), Just("tag:"),
                Just("title:"), Just("body:"), Just("{title}"), Just("+"), Just("text"), Just("''"),
            ],
            0..8,
        ),
        glue in proptest::collection::vec(prop_oneof![Just(""), Just(" ")], 8),
    ) {
        let mut q = String::new();
        for (k, w) in words.iter().enumerate() {
            q.push_str(w);
            q.push_str(glue[k]);
        }
        let (dir, index) = indexed(&[("a.md", "# H\n\nsome text here\n")]);
        let hits = index.search(dir.path(), &Query::parse(&q), 10);
        prop_assert!(hits.is_ok(), "{:?} -> {:?}", q, hits.err());
    }
}

/// An article whose title holds "snacks" and whose sections do not.
fn ridge() -> String {
    let mut text = String::from("---\ntitle: A trip with too many snacks\n---\n");
    for day in ["One", "Two", "Three", "Four"] {
        text.push_str(&format!("\n## Day {day}\n\nWalking all day.\n"));
    }
    text
}

#[test]
fn a_title_only_match_is_one_hit_at_the_top_of_the_article() {
    let (dir, index) = indexed(&[("ridge.md", &ridge())]);
    let hits = find(&index, dir.path(), "snacks");
    assert_eq!(hits.len(), 1, "{hits:?}");
    let hit = &hits[0];
    assert_eq!(hit.anchor, "day-one");
    assert_eq!(hit.section, vec!["Day One"]);
    assert_eq!(hit.line, 5);
    let marked: Vec<&str> = hit
        .snippet
        .marks
        .iter()
        .map(|m| &hit.snippet.text[m.clone()])
        .collect();
    assert_eq!(hit.snippet.text, "A trip with too many snacks");
    assert_eq!(marked, vec!["snacks"]);
}

#[test]
fn a_section_matched_in_its_own_text_is_listed_beside_the_top() {
    let text = ridge().replace(
        "## Day Three\n\nWalking",
        "## Day Three\n\nSnacks ran out, walking",
    );
    let (dir, index) = indexed(&[("ridge.md", &text)]);
    let mut anchors: Vec<String> = find(&index, dir.path(), "snacks")
        .into_iter()
        .map(|h| h.anchor)
        .collect();
    anchors.sort();
    assert_eq!(anchors, vec!["day-one", "day-three"]);
    // A word in the title and another in every section: every section.
    assert_eq!(find(&index, dir.path(), "snacks walking").len(), 4);
    assert_eq!(find(&index, dir.path(), "snacks ran").len(), 1);
    assert_eq!(
        find(&index, dir.path(), "snacks ran")[0].anchor,
        "day-three"
    );
}

#[test]
fn title_only_hits_collapsed_leave_room_for_other_articles() {
    let (dir, index) = indexed(&[
        ("ridge.md", &ridge()),
        ("a.md", "---\ntitle: Food\n---\nWe ate snacks.\n"),
        ("b.md", "---\ntitle: More food\n---\nSnacks again.\n"),
    ]);
    let hits = index
        .ranked(dir.path(), &Query::parse("snacks"), 3)
        .unwrap();
    let mut found = paths(&hits);
    found.sort();
    assert_eq!(found, vec!["a.md", "b.md", "ridge.md"]);
    assert_eq!(paths(&hits)[0], "ridge.md", "the title still weighs most");
}

#[test]
fn sections_whose_heads_hold_the_query_come_before_every_text_match() {
    let dir = tempfile::tempdir().unwrap();
    for k in 0..60 {
        write(
            dir.path(),
            &format!("h{k:02}.md"),
            &format!("## Beacon {k}\n\nA lamp on the hill.\n"),
        );
    }
    write(dir.path(), "text.md", &"The beacon is lit. ".repeat(40));
    let mut index = Index::open_in_memory().unwrap();
    index.refresh(dir.path(), &mut |_| {}).unwrap();
    let query = Query::parse("beacon ");
    // More heading matches than are ranked: the text match is not among them.
    let hits = index.ranked(dir.path(), &query, 20).unwrap();
    assert_eq!(hits.len(), 20);
    assert!(
        hits.iter().all(|h| h.anchor.starts_with("beacon-")),
        "{hits:?}"
    );
    // Asked for all, it comes after every heading match.
    let all = index.ranked(dir.path(), &query, 100).unwrap();
    assert_eq!(all.len(), 61);
    assert_eq!(path_string(&all[60].path), "text.md");
}

/// The longest text the snippet table was given for the last snippets cut.
fn longest_snippet_column(index: &Index) -> usize {
    index
        .conn
        .query_row(
            "SELECT max(max(length(title), length(heading), length(body), length(tags)))
             FROM temp.search_snip",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| usize::try_from(n).unwrap())
        .unwrap()
}

#[test]
fn a_section_full_of_matches_gives_its_snippet_a_bounded_piece() {
    // FTS5 scores each match of a snippet's text against every other one:
    // 60,000 matches in one section must not all reach it.
    let words = "a ".repeat(60_000);
    let (dir, index) = indexed(&[(
        "many.md",
        &format!(
            "---\ntitle: {}\n---\n# {words}\n\n{words}\n",
            "a ".repeat(2000)
        ),
    )]);
    let hits = find(&index, dir.path(), "a");
    assert_eq!(hits.len(), 1);
    assert!(!hits[0].snippet.marks.is_empty());
    assert!(longest_snippet_column(&index) <= 1024);
}

#[test]
fn a_snippet_of_a_long_section_shows_where_its_words_are() {
    let filler = "filler words here ".repeat(500);
    let text = format!("# Long\n\n{filler}kestrel\n\n{filler}falcon {filler}\n");
    let (dir, index) = indexed(&[("birds.md", &text)]);
    // A word far past the start: its piece is the one shown.
    let hit = &find(&index, dir.path(), "falcon")[0];
    let marked: Vec<&str> = hit
        .snippet
        .marks
        .iter()
        .map(|m| &hit.snippet.text[m.clone()])
        .collect();
    assert_eq!(marked, vec!["falcon"], "{:?}", hit.snippet);
    // Two words kilobytes apart: a snippet still, around the first.
    let hit = &find(&index, dir.path(), "falcon kestrel")[0];
    assert!(hit.snippet.text.contains("kestrel"), "{:?}", hit.snippet);
    assert!(!hit.snippet.marks.is_empty());
    assert!(longest_snippet_column(&index) <= 1024);
}
