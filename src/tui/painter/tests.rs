//! The painter's choice of a scroll and its moves of rows, tested alone.

use super::*;

/// A `width` x `rows.len()` buffer whose rows read `rows`.
fn screen(width: u16, rows: &[&str]) -> Buffer {
    let lines: Vec<String> = rows
        .iter()
        .map(|r| format!("{r:<w$}", w = usize::from(width)))
        .collect();
    Buffer::with_lines(lines)
}

fn shift_between(last: &Buffer, next: &Buffer, area: Rect) -> Option<Shift> {
    best_shift(
        &row_hashes(last, area, None, |_| (None, None)),
        &row_hashes(next, area, None, |_| (None, None)),
        area,
        last.area.width,
    )
}

#[test]
fn a_text_moved_up_a_line_is_a_scroll_of_one() {
    let last = screen(6, &["aaaaaa", "bbbbbb", "cccccc", "dddddd", "status"]);
    let next = screen(6, &["bbbbbb", "cccccc", "dddddd", "eeeeee", "status"]);
    let text = Rect::new(0, 0, 6, 4);
    let shift = shift_between(&last, &next, text);
    assert_eq!(shift, Some(Shift { rows: 0..4, by: 1 }));
    // Moved the terminal's way, only the new row differs.
    let mut moved = last.clone();
    move_rows(&mut moved, &Shift { rows: 0..4, by: 1 });
    let written: Vec<u16> = moved.diff(&next).iter().map(|(_, y, _)| *y).collect();
    assert!(written.iter().all(|&y| y == 3), "{written:?}");
    // And back down.
    let back = shift_between(&next, &last, text);
    assert_eq!(back, Some(Shift { rows: 0..4, by: -1 }));
}

#[test]
fn nothing_moves_when_nothing_scrolled_or_everything_changed() {
    let last = screen(4, &["aaaa", "bbbb", "cccc", "dddd"]);
    let area = Rect::new(0, 0, 4, 4);
    assert_eq!(shift_between(&last, &last, area), None);
    let other = screen(4, &["wwww", "xxxx", "yyyy", "zzzz"]);
    assert_eq!(shift_between(&last, &other, area), None);
}

#[test]
fn a_pane_beside_the_text_counts_against_a_scroll() {
    // Two columns of pane that stay, six of text that scroll by one:
    // moving the rows rewrites the pane, still less than the text.
    let last = screen(8, &["p1aaaaaa", "p2bbbbbb", "p3cccccc", "p4dddddd"]);
    let next = screen(8, &["p1bbbbbb", "p2cccccc", "p3dddddd", "p4eeeeee"]);
    let text = Rect::new(2, 0, 6, 4);
    assert_eq!(
        shift_between(&last, &next, text),
        Some(Shift { rows: 0..4, by: 1 })
    );
    // A text column as narrow as the pane: writing in place is cheaper.
    let last = screen(4, &["p1aa", "p2bb", "p3cc", "p4dd"]);
    let next = screen(4, &["p1bb", "p2cc", "p3dd", "p4ee"]);
    assert_eq!(shift_between(&last, &next, Rect::new(2, 0, 2, 4)), None);
}

#[test]
fn the_move_chosen_is_the_cheapest_of_all_tried_whole() {
    // Every move costed to the end, the cheapest then the shortest
    // (the first on a tie), kept when it beats writing in place.
    fn slow(was: &[RowHash], now: &[RowHash], area: Rect, width: u16) -> Option<Shift> {
        let h = now.len();
        let blank = blank_hashes(area.width, width - area.width);
        let (inside, outside) = (usize::from(area.width), usize::from(width - area.width));
        let cost = |d: isize| -> usize {
            (0..h)
                .map(|y| {
                    let from = y.checked_add_signed(d).filter(|&f| f < h);
                    let old = from.map_or(blank, |f| was[f]);
                    usize::from(old.0 != now[y].0) * inside
                        + usize::from(old.1 != now[y].1) * outside
                })
                .sum()
        };
        let span = h as isize;
        let (by, moved) = (1 - span..span)
            .filter(|&d| d != 0)
            .map(|d| (d, cost(d)))
            .min_by_key(|&(d, c)| (c, d.unsigned_abs()))?;
        (moved + inside.max(8) < cost(0)).then(|| Shift {
            rows: area.top()..area.bottom(),
            by: by as i32,
        })
    }
    let mut rng = crate::tui::test_rng::Rng(0x3c6e_f372_fe94_f82b);
    let mut moves = 0;
    for _ in 0..3000 {
        let h = 2 + rng.next(12);
        let area = Rect::new(rng.next(3) as u16, 0, 1 + rng.next(12) as u16, h as u16);
        let width = area.right() + rng.next(5) as u16;
        let blank = blank_hashes(area.width, width - area.width);
        let mut pick = || match rng.next(4) {
            0 => blank,
            n => (n as u64, rng.next(3) as u64),
        };
        let was: Vec<RowHash> = (0..h).map(|_| pick()).collect();
        let mut now: Vec<RowHash> = (0..h).map(|_| pick()).collect();
        if rng.next(2) == 0 {
            // Scrolled, with a few rows changed.
            let by = rng.next(h);
            now = was.iter().cycle().skip(by).take(h).copied().collect();
            now[rng.next(h)] = (9, 9);
        }
        let chosen = best_shift(&was, &now, area, width);
        assert_eq!(
            chosen,
            slow(&was, &now, area, width),
            "{was:?} {now:?} {area:?} {width}"
        );
        moves += usize::from(chosen.is_some());
    }
    assert!(moves > 100, "{moves} moves");
}

#[test]
fn moved_rows_come_in_blank_and_rows_outside_stay() {
    let mut buf = screen(3, &["top", "aaa", "bbb", "ccc", "end"]);
    move_rows(&mut buf, &Shift { rows: 1..4, by: -2 });
    assert_eq!(buf, screen(3, &["top", "", "", "aaa", "end"]));
    let mut buf = screen(3, &["aaa", "bbb", "ccc"]);
    move_rows(&mut buf, &Shift { rows: 0..3, by: 5 });
    assert_eq!(buf, screen(3, &["", "", ""]));
}

#[test]
fn every_move_of_every_band_is_the_terminals() {
    // The rows as a terminal moves them, row by row.
    fn moved(rows: &[&str], band: Range<usize>, by: isize) -> Vec<String> {
        (0..rows.len())
            .map(|y| {
                if !band.contains(&y) {
                    return rows[y].to_string();
                }
                y.checked_add_signed(by)
                    .filter(|f| band.contains(f))
                    .map_or(String::new(), |f| rows[f].to_string())
            })
            .collect()
    }
    let rows = ["r0", "r1", "r2", "r3", "r4", "r5"];
    for top in 0..rows.len() {
        for bottom in top + 1..=rows.len() {
            for by in -7..=7isize {
                let mut buf = screen(2, &rows);
                let shift = Shift {
                    rows: top as u16..bottom as u16,
                    by: by as i32,
                };
                move_rows(&mut buf, &shift);
                let want = moved(&rows, top..bottom, by);
                let want: Vec<&str> = want.iter().map(String::as_str).collect();
                assert_eq!(buf, screen(2, &want), "{shift:?}");
                assert_eq!(buf.content.len(), 12);
            }
        }
    }
}

#[test]
fn a_style_or_a_link_is_part_of_what_a_row_shows() {
    use ratatui::style::{Color, Style};
    let plain = screen(4, &["abcd"]);
    let mut red = plain.clone();
    red.set_style(Rect::new(1, 0, 1, 1), Style::default().fg(Color::Red));
    let area = Rect::new(0, 0, 4, 1);
    let hashes = |buf: &Buffer| row_hashes(buf, area, None, |_| (None, None));
    assert_ne!(hashes(&plain), hashes(&red));
    let mut link = plain.clone();
    link[(0, 0)].set_symbol("\x1b]8;;https://e.org/\x1b\\a\x1b]8;;\x1b\\");
    assert_ne!(hashes(&plain), hashes(&link));
}

/// The cells `changes` writes from `last` to `next` with `area`
/// scrolling, as (column, row) pairs.
fn written(last: &Buffer, next: &Buffer, area: Rect) -> Vec<(u16, u16)> {
    let hashes = |buf: &Buffer| row_hashes(buf, area, None, |_| (None, None));
    let (was, now) = (hashes(last), hashes(next));
    let shift = best_shift(&was, &now, area, last.area.width);
    let shown = diff::Shown {
        last,
        shift: shift.as_ref(),
    };
    let mut out = Vec::new();
    let blank = blank_hashes(area.width, last.area.width - area.width);
    let all = |_| std::iter::once(0..usize::from(last.area.width));
    changes(&shown, next, area, (&was, &now, blank), all, &mut out);
    let w = usize::from(last.area.width);
    out.iter()
        .map(|&i| ((i % w) as u16, (i / w) as u16))
        .collect()
}

#[test]
fn a_scroll_beside_a_pane_writes_the_new_line_and_the_pane_rows_only() {
    // A pane of two columns that stays, six of text that scroll by one,
    // a status row under both.
    let last = screen(
        8,
        &["p1aaaaaa", "p2bbbbbb", "p3cccccc", "p4dddddd", "status 1"],
    );
    let next = screen(
        8,
        &["p1bbbbbb", "p2cccccc", "p3dddddd", "p4eeeeee", "status 2"],
    );
    let text = Rect::new(2, 0, 6, 4);
    let cells = written(&last, &next, text);
    // The text rows that only moved are not written again: only the new
    // bottom line of text, the pane's digits (the rows moved under
    // them; the bottom row came in blank) and the status line's changed
    // cell.
    let text_cells: Vec<(u16, u16)> = cells
        .iter()
        .copied()
        .filter(|&(x, y)| x >= 2 && y < 4)
        .collect();
    assert_eq!(text_cells, (2..8).map(|x| (x, 3)).collect::<Vec<_>>());
    let pane: Vec<(u16, u16)> = cells.iter().copied().filter(|&(x, _)| x < 2).collect();
    assert_eq!(pane, [(1, 0), (1, 1), (1, 2), (0, 3), (1, 3)]);
    assert!(cells.contains(&(7, 4)), "{cells:?}");
    assert_eq!(cells.len(), 6 + 5 + 1, "{cells:?}");
}

#[test]
fn a_pane_that_changed_without_a_scroll_is_written_alone() {
    // The pane's highlight moved; the text is the same.
    let last = screen(6, &["*1aaaa", " 2bbbb", " 3cccc"]);
    let next = screen(6, &[" 1aaaa", "*2bbbb", " 3cccc"]);
    let cells = written(&last, &next, Rect::new(2, 0, 4, 3));
    assert_eq!(cells, [(0, 0), (0, 1)]);
}
