//! Tests of the reader's links: the list's scroll around its selection, and the labels of follow-by-label.
use super::*;

fn list_of(n: usize, selected: usize, first: usize) -> LinkList {
    LinkList {
        shown: (0..n).collect(),
        selected,
        first,
        ..LinkList::default()
    }
}

#[test]
fn the_list_scrolls_only_when_the_selection_leaves_it() {
    // Ten links, four rows: down to the fifth scrolls by one.
    let mut list = list_of(10, 0, 0);
    for _ in 0..4 {
        list.selected += 1;
        list.follow(4);
    }
    assert_eq!((list.selected, list.first), (4, 1));
    // Up inside the rows: no scroll; past the top: one row.
    for (selected, first) in [(3, 1), (2, 1), (1, 1), (0, 0)] {
        list.selected -= 1;
        list.follow(4);
        assert_eq!((list.selected, list.first), (selected, first));
    }
}

#[test]
fn the_first_row_shown_always_shows_the_selection() {
    // A stale first row (after a filter or a resize) moves to it.
    assert_eq!(list_of(10, 9, 0).first_shown(4), 6);
    assert_eq!(list_of(10, 2, 8).first_shown(4), 2);
    // Fewer links than rows: from the top.
    assert_eq!(list_of(3, 2, 5).first_shown(4), 0);
    assert_eq!(list_of(0, 0, 3).first_shown(4), 0);
}

#[test]
fn few_links_get_single_home_row_letters() {
    assert_eq!(labels(3), ["a", "s", "d"]);
    assert_eq!(labels(9).last().map(String::as_str), Some("l"));
    assert!(labels(0).is_empty());
}

#[test]
fn more_links_get_prefix_free_labels_shortest_first() {
    for count in [10, 17, 40, 81, 82, 300] {
        let labels = labels(count);
        assert_eq!(labels.len(), count, "{count}");
        for (i, a) in labels.iter().enumerate() {
            for (j, b) in labels.iter().enumerate() {
                assert!(
                    i == j || !b.starts_with(a.as_str()),
                    "{a} is a prefix of {b}"
                );
            }
        }
        assert!(labels.windows(2).all(|w| w[0].len() <= w[1].len()));
    }
    let ten = labels(10);
    assert_eq!(ten[0], "a");
    assert_eq!(ten.iter().filter(|l| l.len() == 1).count(), 8);
    assert!(
        labels(81)
            .iter()
            .all(|l| l.chars().all(|c| HOME_ROW.contains(c)))
    );
}
