//! The library screen: a header with counts and active filters, one row per
//! article (date, title, tags, links in when they are used, reading time),
//! a preview panel of the selected
//! article, a footer with keys or the text filter being typed, and the tag
//! picker over them when open. Read-only.

use std::hash::{Hash, Hasher};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::library::{Entry, SortKey};
use crate::sanitize::sanitize_line;
use crate::theme::Theme;
use crate::tui::keymap::Hints;
use crate::tui::library::{LibraryScreen, Row, row_hasher};
use crate::tui::theme;

use super::kept_rows::{Part, RowKeys, key_of};
use super::library_rows::{row_key, row_line};
use super::rows::put_line;
use super::{clip, truncate};

pub use crate::tui::library::PREVIEW_MIN_COLUMNS;

/// Columns before the date: the selection arrow and the draft/failed mark.
pub(super) const MARKS: usize = 4;
pub(super) const DATE: usize = 10;
/// "999 min"
pub(super) const TIME: usize = 7;
pub(super) const GAP: usize = 2;
/// The reading state ("●", "37%", "✓") when quire remembers.
const STATE: usize = 5;
/// "Links↓", and counts like "12←", when sorted by links in or orphans.
pub(super) const LINKS: usize = 6;

/// Columns before the date on this screen.
pub(super) fn marks(s: &LibraryScreen) -> usize {
    MARKS + if s.states.enabled { STATE } else { 0 }
}

/// Draws the library screen on the whole buffer.
pub fn draw(buf: &mut Buffer, s: &LibraryScreen, t: &Theme, hints: &Hints) {
    draw_keeping(buf, s, t, hints, &mut RowKeys::default());
}

/// Draws the library screen on the whole buffer, each row named in `rows`
/// by what it shows, the list's part and the preview's apart: a move
/// draws the two list rows whose selection changed and the preview, and
/// keeps the others.
pub fn draw_keeping(
    buf: &mut Buffer,
    s: &LibraryScreen,
    t: &Theme,
    hints: &Hints,
    rows: &mut RowKeys,
) {
    let area = buf.area;
    if area.is_empty() {
        return;
    }
    let p = &s.geometry;
    s.rows_drawn.theme(t);
    draw_header(buf, p.header, s, t, rows);
    let widths = Widths::new(usize::from(p.list.width), s);
    draw_columns(buf, clip(buf, p.columns), &widths, s, t, rows);
    draw_list(buf, clip(buf, p.list), &widths, s, t, rows);
    if let Some(panel) = p.preview {
        super::library_preview::draw_preview(buf, clip(buf, panel), s, t, rows);
    }
    draw_footer(buf, clip(buf, p.footer), s, t, hints, rows);
    if let Some(picker) = &s.picker {
        super::picker::draw(buf, area, picker, t, hints);
    }
}

/// The column where the library's rows split: the preview's left edge
/// (the whole width without a preview).
pub fn split(buf: &Buffer, s: &LibraryScreen) -> u16 {
    match s.geometry.preview.map(|p| clip(buf, p)) {
        Some(p) if !p.is_empty() => p.x - buf.area.x,
        _ => buf.area.width,
    }
}

fn draw_header(buf: &mut Buffer, area: Rect, s: &LibraryScreen, t: &Theme, rows: &mut RowKeys) {
    if area.is_empty() {
        return;
    }
    // Keyed by what the header says, not by its text: a frame builds the
    // text only when one of these changed.
    let mut key = row_hasher();
    (s.library.root.as_os_str(), s.counts(), &s.filter, s.sort).hash(&mut key);
    if !s.filter.tags.is_empty() {
        // The tags are named as the library spells them.
        s.filter_summary().hash(&mut key);
    }
    let st = &s.states;
    (
        st.enabled,
        st.unread,
        st.in_progress,
        st.unread_only,
        st.progress,
    )
        .hash(&mut key);
    (s.links.orphans_only, s.counting_links()).hash(&mut key);
    let key = key.finish();
    if rows.row(buf, area.y, key_of(("header", key))) {
        return;
    }
    put_keyed(buf, area, s, key, None, || header_line(s, t));
}

/// The header's text: the folder, the counts, the filters, the order and
/// what quire remembers or is doing.
fn header_line(s: &LibraryScreen, t: &Theme) -> Line<'static> {
    let root = sanitize_line(&s.library.root.display().to_string()).into_owned();
    let (listed, articles) = s.counts();
    let mut spans = vec![
        Span::styled(format!(" {root} "), theme::style(t.library_title)),
        Span::raw(format!(" {listed} of {articles} articles")),
    ];
    let filters = s.filter_summary();
    if !filters.is_empty() {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            sanitize_line(&filters).into_owned(),
            theme::style(t.library_filter),
        ));
    }
    let arrow = if s.sort.reverse { "↑" } else { "↓" };
    spans.push(Span::raw(format!(" · by {} {arrow}", s.sort.key.name())));
    let memory = s.memory_summary();
    if !memory.is_empty() {
        spans.push(Span::raw(format!(" · {memory}")));
    }
    let links = s.links_summary();
    if !links.is_empty() {
        spans.push(Span::raw(format!(" · {links}")));
    }
    Line::from(spans)
}

/// Puts the line `line` builds on the first row of `area` (over `fill`
/// across the row), remembered under `key`, a hash of everything the line
/// is built from: `line` runs only when the row was not drawn before.
fn put_keyed(
    buf: &mut Buffer,
    area: Rect,
    s: &LibraryScreen,
    key: u64,
    fill: Option<Style>,
    line: impl FnOnce() -> Line<'static>,
) {
    let row = Rect { height: 1, ..area };
    s.rows_drawn.draw(buf, row, key, |buf, row| {
        if let Some(style) = fill {
            buf.set_style(row, style);
        }
        put_line(buf, row.x, row.y, &line(), row.width);
    });
}

/// Puts `line` on the first row of `area` (over `fill` across the row),
/// remembered by its text and styles: the header's, the columns' and the
/// footer's few non-ASCII characters (· ↓ ▏) would otherwise send a whole
/// line through the grapheme walk every frame.
fn put_remembered(
    buf: &mut Buffer,
    area: Rect,
    s: &LibraryScreen,
    line: &Line<'_>,
    fill: Option<Style>,
    rows: &mut RowKeys,
) {
    let mut key = row_hasher();
    (line, fill).hash(&mut key);
    if rows.row(buf, area.y, key_of(("remembered", key.finish()))) {
        return;
    }
    let row = Rect { height: 1, ..area };
    s.rows_drawn.draw(buf, row, key.finish(), |buf, row| {
        if let Some(style) = fill {
            buf.set_style(row, style);
        }
        put_line(buf, row.x, row.y, line, row.width);
    });
}

/// Column widths for a list `width` columns wide.
pub(super) struct Widths {
    pub(super) title: usize,
    pub(super) tags: usize,
    /// The links-in column (0: not shown).
    pub(super) links: usize,
}

impl Widths {
    fn new(width: usize, s: &LibraryScreen) -> Widths {
        let links = if s.links_used() { LINKS } else { 0 };
        let rest =
            width.saturating_sub(marks(s) + DATE + GAP + GAP + TIME + links + links.min(GAP));
        // Tags get up to a third of what is left, and only as much as the
        // widest tags on screen need; narrow terminals drop them.
        let widest = s
            .rows
            .iter()
            .skip(s.scroll)
            .take(s.list_height)
            .filter_map(|r| match r {
                Row::Article(i) => Some(s.library.entries[*i].tags_width()),
                Row::Failed(_) => None,
            })
            .max()
            .unwrap_or(0);
        let tags = if rest >= 36 { widest.min(rest / 3) } else { 0 };
        let title = rest.saturating_sub(if tags > 0 { tags + GAP } else { 0 });
        Widths { title, tags, links }
    }
}

/// The tags as the list and the preview show them.
pub(super) fn tags_text(e: &Entry) -> String {
    sanitize_line(&e.meta.tags.join(", ")).into_owned()
}

/// `text` cut to `width` columns, then padded to `width + gap`: a cell that
/// never runs into the next column.
pub(super) fn cell(text: &str, width: usize, gap: usize) -> String {
    let cut = truncate(text, width);
    let fill = (width + gap).saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(fill))
}

fn draw_columns(
    buf: &mut Buffer,
    area: Rect,
    w: &Widths,
    s: &LibraryScreen,
    t: &Theme,
    rows: &mut RowKeys,
) {
    if area.is_empty() {
        return;
    }
    let mut key = row_hasher();
    // Apart from the header's keys: 1 for the columns.
    (1u8, marks(s), w.title, w.tags, w.links, s.sort).hash(&mut key);
    let key = key.finish();
    if rows.part(buf, area.y, Part::Left, key) {
        return;
    }
    put_keyed(buf, area, s, key, None, || columns_line(w, s, t));
}

/// The column heads, the sort's arrow on its column.
fn columns_line(w: &Widths, s: &LibraryScreen, t: &Theme) -> Line<'static> {
    let mark = |key: SortKey| {
        if s.sort.key == key {
            if s.sort.reverse { "↑" } else { "↓" }
        } else {
            ""
        }
    };
    let mut text = format!(
        "{}{}{}{}",
        " ".repeat(marks(s)),
        cell(&format!("Date{}", mark(SortKey::Date)), DATE, GAP),
        cell(&format!("Title{}", mark(SortKey::Title)), w.title, GAP),
        if w.tags > 0 {
            cell("Tags", w.tags, GAP)
        } else {
            String::new()
        },
    );
    if w.links > 0 {
        let head = format!("Links{}", mark(SortKey::LinksIn));
        text.push_str(&format!(
            "{head:>width$}{}",
            " ".repeat(GAP),
            width = w.links
        ));
    }
    text.push_str(&format!(
        "{:>TIME$}",
        format!("Read{}", mark(SortKey::ReadingTime))
    ));
    Line::styled(text, theme::style(t.library_columns))
}

fn draw_list(
    buf: &mut Buffer,
    area: Rect,
    w: &Widths,
    s: &LibraryScreen,
    t: &Theme,
    rows: &mut RowKeys,
) {
    if area.is_empty() {
        return;
    }
    if s.rows.is_empty() {
        for y in area.top()..area.bottom() {
            rows.fresh_part(buf, y, Part::Left);
        }
        let message = if s.library.is_empty() && s.states.scan.is_some() {
            vec![Line::raw("Reading the folder…")]
        } else if s.links.orphans_only && s.counting_links() {
            vec![Line::raw("Counting the links between the articles…")]
        } else if s.links.orphans_only && !s.library.is_empty() {
            vec![
                Line::raw("No orphans: every article left has a link into it."),
                Line::raw("O shows every article again"),
            ]
        } else if s.library.is_empty() {
            vec![
                Line::raw("No articles in this folder."),
                Line::raw("quire lists .md and .markdown files."),
            ]
        } else {
            vec![
                Line::raw("No article matches these filters."),
                Line::raw("T clears the tags · Esc clears the text · / edits it"),
            ]
        };
        let y = area.y + area.height / 3;
        for (i, line) in message.iter().enumerate() {
            let Ok(dy) = u16::try_from(i) else { break };
            if y + dy >= area.bottom() {
                break;
            }
            let line_w = u16::try_from(line.width()).unwrap_or(u16::MAX);
            let x = area.x + area.width.saturating_sub(line_w) / 2;
            put_line(buf, x, y + dy, line, area.width.saturating_sub(x - area.x));
        }
        return;
    }
    let visible = s
        .rows
        .iter()
        .enumerate()
        .skip(s.scroll)
        .take(usize::from(area.height));
    let mut below = area.y;
    for (dy, (i, row)) in visible.enumerate() {
        let Ok(dy) = u16::try_from(dy) else { break };
        let selected = i == s.selected;
        let rect = Rect::new(area.x, area.y + dy, area.width, 1);
        below = rect.bottom();
        // A row is drawn once per look: a move keeps the rows the
        // terminal shows, and copies from the memo those it drew before.
        let key = row_key(s, *row, selected, w);
        if rows.part(buf, rect.y, Part::Left, key) {
            continue;
        }
        s.rows_drawn.draw(buf, rect, key, |buf, rect| {
            let line = row_line(s, *row, selected, w, t);
            if selected {
                buf.set_style(rect, theme::style(t.library_selected));
            }
            put_line(buf, rect.x, rect.y, &line, rect.width);
        });
    }
    for y in below..area.bottom() {
        rows.part(buf, y, Part::Left, key_of("no row"));
    }
}

fn draw_footer(
    buf: &mut Buffer,
    area: Rect,
    s: &LibraryScreen,
    t: &Theme,
    hints: &Hints,
    rows: &mut RowKeys,
) {
    if area.is_empty() {
        return;
    }

    let line = match &s.typing {
        None if s.message.is_some() => Line::raw(format!(
            " {}",
            sanitize_line(s.message.as_deref().unwrap_or_default())
        )),
        Some(text) => Line::from(vec![
            Span::raw(" / "),
            Span::raw(sanitize_line(text).into_owned()),
            Span::raw("▏"),
            Span::raw(format!("   {}", hints.filter)),
        ]),
        None => Line::raw(hints.library.as_str()),
    };
    let fill = theme::style(t.library_footer);
    put_remembered(buf, area, s, &line, Some(fill), rows);
    if area.height > 1 {
        for y in area.y + 1..area.bottom() {
            rows.fresh(buf, y);
        }
        buf.set_style(
            Rect {
                y: area.y + 1,
                height: area.height - 1,
                ..area
            },
            fill,
        );
    }
}
