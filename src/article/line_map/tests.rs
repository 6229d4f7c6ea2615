//! The line map: the site pass's points, embeds' spans, and the two composed.

use proptest::prelude::*;

use super::*;

#[test]
fn lines_added_or_removed_map_to_the_file() {
    // Line 2 became three lines (2..5); lines 8..11 were dropped.
    let map = LineMap::new(vec![(2, 2), (5, 3), (9, 11)]);
    let got: Vec<usize> = (0..12).map(|l| map.source(l)).collect();
    assert_eq!(got, [0, 1, 2, 2, 2, 3, 4, 5, 6, 11, 12, 13]);
    assert_eq!(LineMap::default().source(7), 7);
    // Back: a file line shows first where it is; a dropped one where the
    // text goes on after it.
    let shown: Vec<usize> = (0..13).map(|l| map.shown(l)).collect();
    assert_eq!(shown, [0, 1, 2, 5, 6, 7, 8, 9, 9, 9, 9, 9, 10]);
}

#[test]
fn lines_map_around_inlined_spans_and_back() {
    // File lines 0..6; line 2 became 4 lines (2..=5), line 4 became 2
    // (now 7..=8).
    let mut map = LineMap::default();
    map.push(2, 3);
    map.push(7, 1);
    let sources: Vec<usize> = (0..11).map(|l| map.source(l)).collect();
    assert_eq!(sources, [0, 1, 2, 2, 2, 2, 3, 4, 4, 5, 6]);
    let shown: Vec<usize> = (0..7).map(|l| map.shown(l)).collect();
    assert_eq!(shown, [0, 1, 2, 6, 7, 9, 10]);
    assert_eq!(LineMap::default().source(5), 5);
    assert!(LineMap::default().is_identity());
    let mut none = LineMap::default();
    none.push(3, 0);
    assert!(none.is_identity());
}

#[test]
fn an_embed_after_a_site_rewrite_names_the_file_s_lines() {
    // The site pass made file line 1 three lines (1..=3) and dropped file
    // lines 5..=7; then an embed made line 6 of that body four lines.
    let site = LineMap::new(vec![(1, 1), (4, 2), (5, 8)]);
    let site_lines: Vec<usize> = (0..8).map(|l| site.source(l)).collect();
    assert_eq!(site_lines, [0, 1, 1, 1, 2, 8, 9, 10]);
    let mut embed = LineMap::default();
    embed.push(6, 3);
    let both = site.then(&embed);
    let got: Vec<usize> = (0..12).map(|l| both.source(l)).collect();
    assert_eq!(got, [0, 1, 1, 1, 2, 8, 9, 9, 9, 9, 10, 11]);
    assert_eq!(both.shown(9), 6);
    assert_eq!(both.shown(10), 10);
    assert_eq!(both.shown(2), 4);
}

/// A site pass's points: each in step after the last, some lines added,
/// some dropped.
fn site_points() -> impl Strategy<Value = Vec<(u32, u32)>> {
    prop::collection::vec((0u32..6, 0u32..6), 0..8).prop_map(|gaps| {
        let (mut line, mut source) = (0u32, 0u32);
        let mut points = Vec::new();
        for (i, (a, b)) in gaps.into_iter().enumerate() {
            line += a + 1;
            // Lines are in step up to the first point.
            source = if i == 0 { line } else { source + b + 1 };
            points.push((line, source));
        }
        points
    })
}

/// Embeds' spans: (lines between, extra lines).
fn spans() -> impl Strategy<Value = LineMap> {
    prop::collection::vec((0usize..5, 0usize..6), 0..6).prop_map(|spans| {
        let mut map = LineMap::default();
        let mut at = 0;
        for (gap, extra) in spans {
            at += gap;
            map.push(at, extra);
            at += extra + 1;
        }
        map
    })
}

fn either() -> impl Strategy<Value = LineMap> {
    prop_oneof![site_points().prop_map(LineMap::new), spans()]
}

proptest! {
    #![proptest_config(crate::fixed_seed(256))]
    #[test]
    fn composing_is_applying_one_after_the_other(
        first in either(),
        later in either(),
        third in spans(),
    ) {
        let both = first.then(&later);
        for line in 0..80 {
            prop_assert_eq!(both.source(line), first.source(later.source(line)), "line {}", line);
        }
        let all = both.then(&third);
        for line in 0..80 {
            prop_assert_eq!(all.source(line), both.source(third.source(line)));
        }
        // Back: the first line showing a file line (or what follows it).
        for map in [&first, &later, &both, &all] {
            for line in 0..40 {
                let shown = map.shown(line);
                prop_assert!(map.source(shown) >= line, "{:?} {}", map, line);
                prop_assert!(shown == 0 || map.source(shown - 1) < line, "{:?} {}", map, line);
            }
        }
    }
}
