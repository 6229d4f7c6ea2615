//! Pictures in the reader, through `update`, inline jobs and TestBackend:
//! half blocks in colour where a picture block is, only its visible rows
//! when it is scrolled half off, the placeholder with the reason for a file
//! that cannot be shown, nothing decoded when pictures are off.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::Path;

use quire::tui::jobs::{Done, Executor, Inline, Job, Output};
use quire::tui::reader::images::{ImageOutput, ImageState, Outcome, Pictures};
use quire::tui::reader::jobs as reader;
use quire::tui::{Action, App, Config, Msg, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

const BODY: &str = "---\ntitle: Pictures\n---\nA line before the picture.\n\n\
![a red and blue flag](flag.png)\n\nA line after the picture.\n\n\
![a broken one](broken.png)\n\n![far away](https://example.org/far.png)\n\nThe end.\n";

/// Our own picture: red on the left half, blue on the right, a white disc
/// in the middle (its edge shows as half blocks in a snapshot).
fn flag(path: &Path, w: u32, h: u32) {
    let (cx, cy, r) = (i64::from(w / 2), i64::from(h / 2), i64::from(h / 3));
    image::RgbImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (i64::from(x) - cx, i64::from(y) - cy);
        if dx * dx + dy * dy < r * r {
            image::Rgb([255, 255, 255])
        } else if x < w / 2 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    })
    .save(path)
    .unwrap();
}

/// A folder with the article, a good picture and a truncated one.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("post.md"), BODY).unwrap();
    flag(&dir.path().join("flag.png"), 480, 240);
    let good = std::fs::read(dir.path().join("flag.png")).unwrap();
    std::fs::write(dir.path().join("broken.png"), &good[..good.len() / 2]).unwrap();
    dir
}

fn settle(app: &mut App) -> Vec<Job> {
    let mut inline = Inline::default();
    loop {
        let jobs = app.jobs.take();
        if jobs.is_empty() && !inline.busy() {
            break;
        }
        for (id, job) in jobs {
            inline.spawn(id, job);
        }
        while let Some(done) = inline.try_next() {
            update(app, Msg::Done(Box::new(done)));
        }
    }
    inline.log.into_iter().map(|(_, job)| job).collect()
}

/// A reader of the folder's article with pictures of `rows` rows in half blocks.
fn reader(dir: &Path, rows: u16, pictures: Pictures) -> App {
    let config = Config {
        image_rows: rows,
        outline: quire::config::OutlineSide::Hidden,
        ..common::config()
    };
    let mut app = App::new(config, 50, 16);
    app.pictures = pictures;
    app.open_reader(common::load(&dir.join("post.md")));
    update(&mut app, Action::Resize(50, 16));
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(50, 16)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    terminal
}

/// Rows of the buffer with a cell in a 24-bit colour (the theme is mono:
/// only a picture has such colours).
fn coloured_rows(buf: &Buffer) -> Vec<u16> {
    let rgb = |c: Color| matches!(c, Color::Rgb(..));
    (0..buf.area.height)
        .filter(|&y| (0..buf.area.width).any(|x| rgb(buf[(x, y)].fg) || rgb(buf[(x, y)].bg)))
        .collect()
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol())
        .collect::<String>()
}

#[test]
fn a_picture_shows_in_half_blocks_in_its_rows() {
    let dir = folder();
    let mut app = reader(dir.path(), 6, Pictures::halfblocks());
    let jobs = settle(&mut app);
    // The two local pictures near the screen were decoded; the remote one never.
    assert_eq!(jobs.len(), 2, "{jobs:?}");
    let r = app.reader().unwrap();
    let block = r.doc.images[0].clone();
    let key = quire::tui::reader::images::key_of(&r.doc, &block);
    assert!(matches!(r.images.get(&key), Some(ImageState::Ready(_))));
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let rows = coloured_rows(buf);
    let first = u16::try_from(block.line).unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|&y| y >= first && y < first + block.rows),
        "colour outside the block's rows {first}..+{}: {rows:?}",
        block.rows
    );
    // Red on the left of the picture, blue on its right.
    let y = rows[0];
    let coloured: Vec<u16> = (0..buf.area.width)
        .filter(|&x| matches!(buf[(x, y)].bg, Color::Rgb(..)))
        .collect();
    let (left, right) = (coloured[0], *coloured.last().unwrap());
    assert_eq!(left, 1, "the picture starts at the text column");
    assert_eq!(buf[(left, y)].bg, Color::Rgb(220, 20, 20));
    assert_eq!(buf[(right, y)].bg, Color::Rgb(20, 20, 220));
    // Nothing of the placeholder's style (underline, italics) shows through.
    assert!(buf[(left, y)].modifier.is_empty(), "{:?}", buf[(left, y)]);
    // 480 x 240 pixels in 10 x 20 pixel cells is 48 x 12 cells, halved to fit 6 rows.
    assert_eq!((right - left + 1, rows.len()), (24, 6));
    assert!(
        !row_text(buf, first).contains("[image"),
        "the picture covers its placeholder"
    );
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn a_picture_scrolled_half_off_shows_its_lower_rows() {
    let dir = folder();
    let mut app = reader(dir.path(), 6, Pictures::halfblocks());
    settle(&mut app);
    let whole = coloured_rows(draw(&app).backend().buffer()).len();
    let line = app.reader().unwrap().doc.images[0].line;
    // Scroll the picture's first two rows off the top.
    for _ in 0..line + 2 {
        update(&mut app, Action::LineDown);
    }
    settle(&mut app);
    assert_eq!(app.reader().unwrap().top, line + 2);
    let terminal = draw(&app);
    let rows = coloured_rows(terminal.backend().buffer());
    assert_eq!(
        rows.first(),
        Some(&0),
        "the picture's visible part starts on the top row"
    );
    assert_eq!(
        rows.len(),
        whole - 2,
        "two rows of the picture are off screen"
    );
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn a_broken_file_shows_its_placeholder_with_the_reason() {
    let dir = folder();
    let mut app = reader(dir.path(), 3, Pictures::halfblocks());
    settle(&mut app);
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let r = app.reader().unwrap();
    let broken = u16::try_from(r.doc.images[1].line).unwrap();
    let text = row_text(buf, broken).trim().to_string();
    assert!(
        text.starts_with("[image: a broken one · 480×240 · damaged"),
        "{text}"
    );
    // The remote picture is not a block: its text and [n] stay.
    let all: String = (0..buf.area.height)
        .map(|y| row_text(buf, y) + "\n")
        .collect();
    assert!(all.contains("[image: far away][3]"), "{all}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn a_missing_file_says_so() {
    let dir = folder();
    std::fs::remove_file(dir.path().join("flag.png")).unwrap();
    let mut app = reader(dir.path(), 3, Pictures::halfblocks());
    settle(&mut app);
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let line = u16::try_from(app.reader().unwrap().doc.images[0].line).unwrap();
    assert_eq!(
        row_text(buf, line).trim(),
        "[image: a red and blue flag · not found]"
    );
}

#[test]
fn pictures_off_decode_nothing_and_keep_the_text() {
    let dir = folder();
    let mut app = reader(dir.path(), 0, Pictures::default());
    let jobs = settle(&mut app);
    assert!(jobs.is_empty(), "{jobs:?}");
    assert!(app.reader().unwrap().doc.images.is_empty());
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    assert!(coloured_rows(buf).is_empty());
    let all: String = (0..buf.area.height)
        .map(|y| row_text(buf, y) + "\n")
        .collect();
    assert!(all.contains("[image: a red and blue flag][1]"), "{all}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn a_picture_is_decoded_once_per_width() {
    let dir = folder();
    let mut app = reader(dir.path(), 6, Pictures::halfblocks());
    assert_eq!(settle(&mut app).len(), 2);
    update(&mut app, Action::LineDown);
    assert!(
        settle(&mut app).is_empty(),
        "scrolling decodes nothing again"
    );
    update(&mut app, Action::Resize(40, 16));
    assert_eq!(settle(&mut app).len(), 2, "a new width decodes again");
    update(&mut app, Action::Resize(50, 16));
    assert!(settle(&mut app).is_empty(), "back at a width seen: cached");
}

#[test]
fn keys_go_on_while_pictures_decode() {
    let dir = folder();
    let mut app = reader(dir.path(), 6, Pictures::halfblocks());
    let mut held = Inline::holding();
    for (id, job) in app.jobs.take() {
        held.spawn(id, job);
    }
    // The pictures are still decoding: the placeholders show and keys work.
    let r = app.reader().unwrap();
    let key = quire::tui::reader::images::key_of(&r.doc, &r.doc.images[0]);
    assert!(matches!(
        r.images.get(&key),
        Some(ImageState::Pending { pixels: None, .. })
    ));
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    assert!(coloured_rows(buf).is_empty());
    let line = u16::try_from(r.doc.images[0].line).unwrap();
    assert_eq!(
        row_text(buf, line).trim(),
        "[image: a red and blue flag][1]"
    );
    update(&mut app, Action::LineDown);
    assert_eq!(app.reader().unwrap().top, 1);
    // The size comes first, from the header, and shows in the placeholder.
    let Some(ImageState::Pending { job, .. }) = app.reader().unwrap().images.get(&key) else {
        panic!("not pending");
    };
    let early = ImageOutput {
        key: key.clone(),
        article: dir.path().join("post.md"),
        outcome: Outcome::Size(640, 480),
    };
    let done = Done {
        id: *job,
        output: Output::Reader(reader::Output::Image(Box::new(early))),
    };
    update(&mut app, Msg::Done(Box::new(done)));
    let terminal = draw(&app);
    assert_eq!(
        row_text(terminal.backend().buffer(), line - 1).trim(),
        "[image: a red and blue flag · 640×480]"
    );
    // Their results arrive later and show without another key.
    held.finish_all();
    while let Some(done) = held.try_next() {
        update(&mut app, Msg::Done(Box::new(done)));
    }
    let r = app.reader().unwrap();
    assert!(matches!(r.images.get(&key), Some(ImageState::Ready(_))));
    assert!(!coloured_rows(draw(&app).backend().buffer()).is_empty());
}

#[test]
fn a_picture_under_a_folded_details_moves_up_with_the_text() {
    let dir = folder();
    std::fs::write(
        dir.path().join("post.md"),
        "---\ntitle: Folds\n---\n<details>\n<summary>More</summary>\n\nHidden one.\n\n\
         Hidden two.\n\nHidden three.\n\n</details>\n\n![a red and blue flag](flag.png)\n",
    )
    .unwrap();
    let mut app = reader(dir.path(), 6, Pictures::halfblocks());
    settle(&mut app);
    let r = app.reader().unwrap();
    let line = r.doc.images[0].line;
    let row = r.row_of_line(line).unwrap();
    assert!(row < line, "the fold hides lines above the picture");
    let terminal = draw(&app);
    let rows = coloured_rows(terminal.backend().buffer());
    assert_eq!(rows.first(), Some(&u16::try_from(row).unwrap()), "{rows:?}");
    assert_eq!(rows.len(), 6);
}

/// A reader of `body` in `dir`, `width` x 40, pictures of at most 16 rows.
fn tall_reader(dir: &Path, body: &str, width: u16) -> App {
    std::fs::write(dir.join("post.md"), body).unwrap();
    let config = Config {
        image_rows: 16,
        outline: quire::config::OutlineSide::Hidden,
        ..common::config()
    };
    let mut app = App::new(config, width, 40);
    app.pictures = Pictures::halfblocks();
    app.open_reader(common::load(&dir.join("post.md")));
    update(&mut app, Action::Resize(width, 40));
    settle(&mut app);
    app
}

#[test]
fn a_picture_keeps_the_rows_it_is_drawn_in_at_every_size() {
    let dir = tempfile::tempdir().unwrap();
    // Wide and short, small, square, tall and narrow: each fits its own way.
    for (w, h) in [
        (64, 32),
        (480, 240),
        (300, 300),
        (120, 900),
        (2000, 100),
        (8, 8),
    ] {
        flag(&dir.path().join("p.png"), w, h);
        let body = "---\ntitle: Sizes\n---\n![p](p.png)\n\nAfter.\n";
        for width in [30u16, 50, 90] {
            let app = tall_reader(dir.path(), body, width);
            let r = app.reader().unwrap();
            let block = r.doc.images[0].clone();
            let key = quire::tui::reader::images::key_of(&r.doc, &block);
            assert!(
                matches!(r.images.get(&key), Some(ImageState::Ready(_))),
                "{w}x{h} at {width}"
            );
            let terminal = draw_at(&app, width);
            let buf = terminal.backend().buffer();
            let rows = coloured_rows(buf);
            let first = u16::try_from(block.line).unwrap();
            let drawn: Vec<u16> = (first..first + block.rows).collect();
            assert_eq!(rows, drawn, "{w}x{h} at {width}: rows kept {}", block.rows);
            // The text goes on after the blank line under the picture.
            let after = first + block.rows + 1;
            assert_eq!(row_text(buf, after).trim(), "After.", "{w}x{h} at {width}");
        }
    }
}

#[test]
fn a_picture_that_cannot_be_drawn_keeps_its_note_alone() {
    let dir = folder();
    std::fs::write(dir.path().join("text.png"), "not a picture\n").unwrap();
    let body = "---\ntitle: Broken\n---\n![cut short](broken.png)\n\n![only text](text.png)\n\n\
                ![gone](nothere.png)\n\nAfter.\n";
    let app = tall_reader(dir.path(), body, 50);
    let r = app.reader().unwrap();
    let rows: Vec<u16> = r.doc.images.iter().map(|b| b.rows).collect();
    assert_eq!(rows, [1, 1, 1]);
    let terminal = draw_at(&app, 50);
    let buf = terminal.backend().buffer();
    let first = u16::try_from(r.doc.images[0].line).unwrap();
    assert!(
        row_text(buf, first).contains("damaged"),
        "{}",
        row_text(buf, first)
    );
    assert!(
        row_text(buf, first + 2).contains("not a PNG"),
        "{}",
        row_text(buf, first + 2)
    );
    assert!(
        row_text(buf, first + 4).contains("not found"),
        "{}",
        row_text(buf, first + 4)
    );
    assert_eq!(row_text(buf, first + 6).trim(), "After.");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn a_small_picture_takes_its_own_rows_not_the_most() {
    let dir = tempfile::tempdir().unwrap();
    flag(&dir.path().join("p.png"), 64, 32);
    let body = "---\ntitle: Small\n---\nBefore.\n\n![small](p.png)\n\nAfter.\n";
    let app = tall_reader(dir.path(), body, 50);
    // 64 x 32 pixels in 10 x 20 pixel cells: 7 columns, 2 rows.
    assert_eq!(app.reader().unwrap().doc.images[0].rows, 2);
    insta::assert_snapshot!(draw_at(&app, 50).backend());
}

fn draw_at(app: &App, width: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, 40)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    terminal
}

/// A long article with the folder's pictures among its sections, the
/// outline beside it, on 80 x 24.
fn pictured_reader(dir: &Path) -> App {
    let mut md = common::long_markdown(8, 3);
    md = md.replacen(
        "## Section 2\n",
        "## Section 2\n\n![a red and blue flag](flag.png)\n\n![a broken one](broken.png)\n",
        1,
    );
    md = md.replacen("## Section 5\n", "## Section 5\n\n![again](flag.png)\n", 1);
    std::fs::write(dir.join("post.md"), md).unwrap();
    let config = Config {
        image_rows: 5,
        outline: quire::config::OutlineSide::Left,
        ..common::config()
    };
    let mut app = App::new(config, 80, 24);
    app.pictures = Pictures::halfblocks();
    app.open_reader(common::load(&dir.join("post.md")));
    update(&mut app, Action::Resize(80, 24));
    settle(&mut app);
    app
}

#[test]
fn the_screen_after_scrolls_over_pictures_is_the_frame() {
    // The rows a picture is drawn on are drawn every frame; the others are
    // kept or moved by the terminal: what it shows is the frame.
    use crate::painter::{Rng, frame, visible};
    let dir = folder();
    let mut app = pictured_reader(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut painter = quire::tui::painter::Painter::default();
    painter.draw(&mut terminal, &app).unwrap();
    let keys = [
        Action::LineDown,
        Action::LineDown,
        Action::LineUp,
        Action::PageDown,
        Action::PageUp,
        Action::NextHeading,
        Action::PrevHeading,
        Action::HalfPageDown,
    ];
    let mut rng = Rng(0x1405_7b7e_f767_814f);
    let mut done = Vec::new();
    let mut pictured = 0;
    for _ in 0..200 {
        let action = keys[rng.next(keys.len())].clone();
        done.push(action.clone());
        update(&mut app, action);
        // Pictures near the screen are decoded before the frame, or after
        // it, in a frame of their own.
        if rng.next(2) == 0 {
            painter.draw(&mut terminal, &app).unwrap();
        }
        settle(&mut app);
        painter.draw(&mut terminal, &app).unwrap();
        let shown = terminal.backend().buffer();
        pictured += usize::from(!coloured_rows(shown).is_empty());
        assert_eq!(visible(shown), frame(&app), "after {done:?}");
    }
    assert!(pictured > 10, "a picture on screen in {pictured} frames");
}
