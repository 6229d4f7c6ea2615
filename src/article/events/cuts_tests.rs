//! Tests of where a large body is cut.
use super::*;
use pulldown_cmark::{Options, Parser};

use super::super::events;

fn cut_at(body: &str, piece: usize) -> Vec<usize> {
    scan(body, piece).cuts.into_iter().map(|c| c.at).collect()
}

#[test]
fn lines_are_those_of_split_inclusive() {
    for text in ["", "\n", "a", "a\n", "a\nb", "\n\nä\r\n日本\n\n", "x\n\ny"] {
        let got: Vec<&str> = Lines(text).collect();
        let want: Vec<&str> = text.split_inclusive('\n').collect();
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn floods_of_headings_and_tables_are_cut() {
    assert_eq!(cut_at(&"# h\n".repeat(10), 8), vec![8, 16, 24, 32]);
    assert_eq!(cut_at(&"h\n=\n".repeat(10), 8), vec![8, 16, 24, 32]);
    assert!(cut_at(&"> - x\n\n".repeat(10), 10).len() >= 3);
    let table = format!("| a |\n|---|\n{}", "| x |\n".repeat(20));
    let cuts = scan(&table, 30).cuts;
    assert!(cuts.len() >= 2);
    assert!(cuts.iter().all(|c| c.table_head == Some(0..12)));
}

#[test]
fn no_cut_inside_fences_html_or_definitions_and_lists_cut_between_items() {
    let fence = format!("```\n{}```\n", "# no\n\n".repeat(20));
    assert!(cut_at(&fence, 4).iter().all(|&at| at >= fence.len() - 4));
    let html = format!("<!--\n{}-->\n", "# no\n\nx\n".repeat(20));
    assert!(cut_at(&html, 4).is_empty());
    let list = "- a\n\n- b\n\n".repeat(20);
    let cuts = scan(&list, 4).cuts;
    assert!(!cuts.is_empty() && cuts.iter().all(|c| c.list_goes_on));
    assert!(cuts.iter().all(|c| list[c.at..].starts_with("- ")));
    let deflist = "T\n: d\n\nplain\n\n".repeat(20);
    assert!(cut_at(&deflist, 4).is_empty());
}

#[test]
fn definitions_go_to_the_tail() {
    let body = "[a]: /x \"t\"\n\ntext [^1]\n\n[^1]: note\n";
    let found = scan(body, 1);
    let tail = found.tail;
    assert!(tail.contains("[a]: /x \"t\""), "{tail}");
    assert!(!tail.contains("note") && !tail.contains("[^1]"), "{tail}");
    assert!(found.footnotes.contains(&label_key("1")));
    let stubs = footnote_stubs("text [^1] and [^1], [^2] [^ x]", &found.footnotes);
    assert_eq!(stubs, "\n\n[^1]: .");
    let notes = scan("[^Note]: x\n", 1).footnotes;
    assert_eq!(footnote_stubs("a [^nOTE] b", &notes), "\n\n[^nOTE]: .");
    let again = "[^1]: one\n\n[^1]: two\n\n[a]: /x\n\n[a]: /y\n";
    let tail = scan(again, 1).tail;
    assert!(tail.contains("[a]: /x") && !tail.contains("/y"), "{tail}");
}

#[test]
fn a_small_body_is_one_piece() {
    let body = "# a\n".repeat(100);
    let got: Vec<_> = events(&body, Options::empty()).collect();
    let whole: Vec<_> = Parser::new_ext(&body, Options::empty())
        .into_offset_iter()
        .collect();
    assert_eq!(got, whole);
}
