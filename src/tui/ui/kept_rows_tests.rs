//! Tests of the kept rows: which rows a frame may take from the last one.
use super::*;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// A context of screen `screen` whose rows are named whole.
fn ctx(screen: u64, theme: Theme) -> Option<Keeping> {
    Some(Keeping {
        screen,
        theme,
        split: u16::MAX,
    })
}

fn buffer() -> Buffer {
    Buffer::with_lines(["old a", "old b", "old c"])
}

#[test]
fn a_row_with_the_last_frames_key_is_kept_the_others_reset() {
    let mut keys = RowKeys::default();
    let context = ctx(1, Theme::DARK);
    let mut buf = buffer();
    keys.begin(&mut buf, context);
    assert!(!keys.row(&mut buf, 0, 10));
    assert!(!keys.row(&mut buf, 1, 11));
    buf.set_string(0, 0, "new a", Style::default());
    keys.finish(&mut buf);
    // Unnamed and the row not kept: reset.
    assert_eq!(buf, Buffer::with_lines(["new a", "", ""]));
    keys.done();
    let mut buf = buffer();
    keys.begin(&mut buf, context);
    assert!(keys.row(&mut buf, 0, 10), "same key, same row");
    assert!(!keys.row(&mut buf, 1, 12), "another key");
    keys.fresh(&mut buf, 2);
    keys.finish(&mut buf);
    assert!(keys.kept(0) && !keys.kept(1) && !keys.kept(2));
    assert_eq!(keys.source(0), Some(0));
    assert_eq!(buf, Buffer::with_lines(["old a", "", ""]));
    keys.done();
    // A fresh row is known by no key.
    let mut buf = buffer();
    keys.begin(&mut buf, context);
    assert!(!keys.row(&mut buf, 2, 0));
}

#[test]
fn a_row_drawn_after_all_keeps_its_key() {
    let mut keys = RowKeys::default();
    let context = ctx(1, Theme::DARK);
    let mut buf = buffer();
    for redraw in [true, false] {
        keys.begin(&mut buf, context);
        keys.row(&mut buf, 0, 4);
        if redraw {
            keys.redraw(&mut buf, 0);
            assert!(!keys.kept(0));
        }
        keys.finish(&mut buf);
        keys.done();
    }
    assert!(keys.was[0] == Some(4));
}

#[test]
fn nothing_is_kept_in_another_context_after_a_forget_or_with_none() {
    let mut keys = RowKeys::default();
    let mut buf = buffer();
    let run = |keys: &mut RowKeys, buf: &mut Buffer, context| {
        keys.begin(buf, context);
        let kept = keys.row(buf, 0, 7);
        keys.finish(buf);
        keys.done();
        kept
    };
    assert!(!run(&mut keys, &mut buf, ctx(1, Theme::DARK)));
    assert!(run(&mut keys, &mut buf, ctx(1, Theme::DARK)));
    assert!(!run(&mut keys, &mut buf, ctx(1, Theme::LIGHT)));
    assert!(!run(&mut keys, &mut buf, ctx(2, Theme::LIGHT)));
    assert!(run(&mut keys, &mut buf, ctx(2, Theme::LIGHT)));
    keys.forget();
    assert!(!run(&mut keys, &mut buf, ctx(2, Theme::LIGHT)));
    // Off: the whole buffer reset, and no key remembered.
    let mut old = buffer();
    assert!(!run(&mut keys, &mut old, None));
    assert_eq!(old, Buffer::empty(Rect::new(0, 0, 5, 3)));
    assert!(!run(&mut keys, &mut buf, ctx(2, Theme::LIGHT)));
}

#[test]
fn a_row_the_last_frame_showed_elsewhere_is_kept_from_there() {
    let mut keys = RowKeys::default();
    let context = ctx(1, Theme::DARK);
    let mut buf = Buffer::empty(Rect::new(0, 0, 4, 5));
    keys.begin(&mut buf, context);
    for (y, key) in (0..5).zip([1, 2, 3, 2, 5]) {
        keys.row(&mut buf, y, key);
    }
    keys.finish(&mut buf);
    keys.done();
    // Moved up a row: 2 is found where the first row found moved from.
    keys.begin(&mut buf, context);
    for (y, key) in (0..5).zip([2, 3, 2, 5, 6]) {
        keys.row(&mut buf, y, key);
    }
    let sources: Vec<_> = (0..5).map(|r| keys.source(r)).collect();
    assert_eq!(sources, [Some(1), Some(2), Some(3), Some(4), None]);
}

#[test]
fn a_row_named_twice_is_drawn_and_not_kept() {
    let mut keys = RowKeys::default();
    let context = ctx(1, Theme::DARK);
    let mut buf = buffer();
    keys.begin(&mut buf, context);
    keys.row(&mut buf, 0, 5);
    keys.finish(&mut buf);
    keys.done();
    keys.begin(&mut buf, context);
    assert!(keys.row(&mut buf, 0, 5));
    assert!(!keys.row(&mut buf, 0, 5));
    assert!(!keys.kept(0));
}

#[test]
fn the_parts_of_a_split_row_are_kept_apart() {
    let mut keys = RowKeys::default();
    let context = Some(Keeping {
        screen: 1,
        theme: Theme::DARK,
        split: 2,
    });
    let mut buf = buffer();
    keys.begin(&mut buf, context);
    for y in 0..3 {
        keys.part(&mut buf, y, Part::Left, u64::from(y));
        keys.part(&mut buf, y, Part::Right, 10 + u64::from(y));
    }
    keys.finish(&mut buf);
    keys.done();
    let mut buf = buffer();
    keys.begin(&mut buf, context);
    // The left parts as they were, the right ones moved up a row.
    for y in 0..3 {
        assert!(keys.part(&mut buf, y, Part::Left, u64::from(y)));
    }
    assert!(keys.part(&mut buf, 0, Part::Right, 11));
    assert!(!keys.part(&mut buf, 1, Part::Right, 99));
    keys.finish(&mut buf);
    // Only the right part not kept is reset, and row 2's, unnamed.
    assert_eq!(buf, Buffer::with_lines(["old a", "ol", "ol"]));
    assert_eq!(keys.source(0), None, "kept from two rows");
    assert_eq!(keys.part_source(0, Part::Right), Some(1));
    assert!(keys.kept(0) && !keys.kept(1));
    let drawn: Vec<Vec<(usize, usize)>> = (0..3)
        .map(|r| keys.drawn(r).map(|c| (c.start, c.end)).collect())
        .collect();
    assert_eq!(drawn, [vec![], vec![(2, 5)], vec![(2, 5)]]);
    keys.done();
    // A row named whole keeps both parts only from one row.
    let mut buf = buffer();
    keys.begin(&mut buf, context);
    assert!(!keys.row(&mut buf, 0, 0));
    assert_eq!(buf, Buffer::with_lines(["", "old b", "old c"]));
}
