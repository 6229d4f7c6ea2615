//! Tests of writing lines into cells: graphemes, wide and combining
//! characters, flags and families, links joined into runs, and the ASCII
//! fast path checked against the grapheme walk.
use super::*;
use ratatui::layout::Rect;

fn width(g: &str) -> usize {
    crate::layout::cell_width(g)
}

/// Writes `spans` grapheme by grapheme, as `put_line` did for every
/// span before it wrote ASCII a byte a column.
fn put_line_by_graphemes(buf: &mut Buffer, max: u16, spans: &[Span<'_>], links: &[LinkSpan]) {
    let right = usize::from(max.min(buf.area.right()));
    let (mut col, mut pos) = (0, 0);
    for span in spans {
        if !put_graphemes(buf, &mut col, 0, right, span, pos, links, &width) {
            return;
        }
        pos += span.content.len();
    }
}

#[test]
fn ascii_is_written_as_its_graphemes_would_be_beside_links_and_wide_text() {
    use crate::tui::test_rng::Rng;
    use ratatui::style::Color;
    const PIECES: [&str; 12] = [
        "ab",
        " ",
        "漢",
        "❤\u{fe0f}",
        "e\u{301}",
        "xyz ",
        "🇵🇱",
        "q",
        "\r\n",
        "\t",
        "x\u{600}1",
        "\u{1F468}\u{200D}\u{1F469}",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..3000 {
        let texts: Vec<String> = (0..1 + rng.next(4))
            .map(|_| {
                (0..rng.next(6))
                    .map(|_| PIECES[rng.next(PIECES.len())])
                    .collect()
            })
            .collect();
        let spans: Vec<Span<'_>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Span::styled(t.as_str(), Style::default().fg(Color::Indexed(i as u8))))
            .collect();
        let len: usize = texts.iter().map(String::len).sum();
        let mut links = Vec::new();
        if len > 0 && rng.next(2) == 0 {
            let a = rng.next(len);
            let b = (a + 1 + rng.next(len - a)).min(len);
            links.push((a..b, "https://e.org/".to_string()));
        }
        let max = 1 + rng.next(16) as u16;
        let area = Rect::new(0, 0, 14, 1);
        let mut expected = Buffer::empty(area);
        let mut got = Buffer::empty(area);
        put_line_by_graphemes(&mut expected, max, &spans, &links);
        put_line(&mut got, 0, 0, max, &spans, &links, width);
        assert_eq!(got, expected, "round {round}: {texts:?} {links:?} in {max}");
    }
}

#[test]
fn zwj_sequences_and_skin_tones_come_apart() {
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    let parts_of = |g: &str| parts(g).into_iter().map(|p| p.1).collect::<Vec<_>>();
    assert_eq!(parts_of(family), [2, 2, 2]);
    assert_eq!(parts_of("\u{1F44D}\u{1F3FD}"), [2, 2]);
    assert_eq!(parts(family)[1].0, "\u{1F469}");
    // A flag and a keycap stay one cluster.
    assert_eq!(parts("🇵🇱"), [("🇵🇱".to_string(), 2)]);
    assert_eq!(parts("1\u{FE0F}\u{20E3}").len(), 1);
}

#[test]
fn a_flag_leaves_its_second_cell_empty_so_it_is_always_rewritten() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
    put_line(&mut buf, 0, 0, 6, &[Span::raw("a🇵🇱b")], &[], width);
    assert_eq!(buf[(1, 0)].symbol(), "🇵🇱");
    assert_eq!(buf[(2, 0)].symbol(), "");
    assert_eq!(buf[(3, 0)].symbol(), "b");
    // Scrolled to blank: the diff writes both of the flag's cells.
    let blank = Buffer::empty(Rect::new(0, 0, 6, 1));
    let written: Vec<u16> = buf.diff(&blank).iter().map(|(x, _, _)| *x).collect();
    assert!(written.contains(&1) && written.contains(&2), "{written:?}");
}

#[test]
fn a_family_takes_the_columns_the_layout_counted() {
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
    let text = format!("{family}x");
    put_line(&mut buf, 0, 0, 10, &[Span::raw(text.as_str())], &[], width);
    assert_eq!(width(family), 6);
    assert_eq!(buf[(0, 0)].symbol(), "\u{1F468}");
    assert_eq!(buf[(2, 0)].symbol(), "\u{1F469}");
    assert_eq!(buf[(4, 0)].symbol(), "\u{1F467}");
    assert_eq!(buf[(6, 0)].symbol(), "x");
}

#[test]
fn link_cells_carry_the_hyperlink_and_keep_their_width() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
    let links = vec![(1..3, "https://e.org/".to_string())];
    put_line(&mut buf, 0, 0, 8, &[Span::raw("a漢b")], &links, width);
    assert_eq!(buf[(0, 0)].symbol(), "a");
    assert_eq!(
        buf[(1, 0)].symbol(),
        "\x1b]8;;https://e.org/\x1b\\漢\x1b]8;;\x1b\\"
    );
    assert_eq!(
        buf[(1, 0)].diff_option,
        CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN.saturating_add(1))
    );
    assert_eq!(buf[(3, 0)].symbol(), "b");
    // The diff still sees the line as four columns.
    let blank = Buffer::empty(Rect::new(0, 0, 8, 1));
    let written: Vec<u16> = blank.diff(&buf).iter().map(|(x, _, _)| *x).collect();
    assert_eq!(written, [0, 1, 3]);
}

#[test]
fn nothing_is_written_past_the_width() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
    put_line(&mut buf, 0, 0, 3, &[Span::raw("ab漢")], &[], width);
    assert_eq!(buf[(2, 0)].symbol(), " ");
}

#[test]
fn put_str_writes_what_set_stringn_writes() {
    use ratatui::style::{Color, Modifier};
    let texts = [
        "plain ascii heading",
        "tab\there and a\u{7f}del",
        "  ▾ Folded section",
        "cafe\u{301} with a mark after ascii",
        "漢字 wide then ascii",
        "ascii then 漢字",
        "e\u{301}",
        "",
        "x",
        "Title › Section › Sub…",
        "  ▾ Heading with … and ascii after",
        "x\u{600}1 prepend then ascii",
        "1\u{fe0f}\u{20e3} keycap",
        "🇵🇱🇵🇱x flags",
        "a\r\nb crlf",
        "漢x漢y",
    ];
    let style = Style::default()
        .fg(Color::Red)
        .bg(Color::Rgb(1, 2, 3))
        .add_modifier(Modifier::BOLD);
    for text in texts {
        for (x, max) in [(0, 40), (2, 5), (3, 1), (1, 0), (9, 40), (12, 40)] {
            let mut expected = Buffer::with_lines(["0123456789ab"; 2]);
            expected.set_style(Rect::new(0, 1, 6, 1), Style::default().fg(Color::Blue));
            let mut got = expected.clone();
            expected.set_stringn(x, 1, text, max, style);
            put_str(&mut got, x, 1, text, max, style);
            assert_eq!(got, expected, "{text:?} at {x}, {max} columns");
        }
    }
}
