//! The library search screen: the query on top, a status line (how many
//! results, or the first index's progress bar), two rows per result (the
//! article's title › section breadcrumb, then a snippet with the matched
//! words highlighted), and a footer with keys or a message. Read-only.

use std::hash::{Hash, Hasher};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::sanitize::sanitize_line;
use crate::search::{Hit, Progress};
use crate::theme::Theme;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::library::row_hasher;
use crate::tui::search::{ROWS_PER_HIT, SearchGeometry, SearchScreen};
use crate::tui::theme;

use super::kept_rows::{RowKeys, key_of};
use super::rows::put_line;
use super::truncate;

/// Columns of the progress bar.
const BAR: usize = 24;

/// Draws the search screen on the whole buffer. Each row is named in
/// `rows` by what it shows: a row the last frame shows there is kept (a
/// letter typed draws the prompt and the status line, a move the two
/// results it leaves and reaches).
pub fn draw(buf: &mut Buffer, s: &SearchScreen, app: &App, rows: &mut RowKeys) {
    let area = buf.area;
    if area.is_empty() {
        return;
    }
    let t = &app.config.theme;
    let g = SearchGeometry::of(area);
    draw_prompt(buf, g.prompt, s, t, rows);
    let building = app.search.build.is_some();
    draw_status(buf, g.status, s, building, app.search.progress, t, rows);
    draw_hits(buf, g.list, s, t, rows);
    if let Some(footer) = g.footer {
        draw_footer(buf, footer, s, t, &app.keymap, rows);
    }
}

fn draw_prompt(buf: &mut Buffer, area: Rect, s: &SearchScreen, t: &Theme, rows: &mut RowKeys) {
    if area.is_empty() || rows.row(buf, area.y, key_of(("prompt", &s.input, s.typing))) {
        return;
    }
    let mut spans = vec![
        Span::styled(" Search ", theme::style(t.library_title)),
        Span::raw(" "),
        Span::styled(
            sanitize_line(&s.input).into_owned(),
            theme::style(t.library_filter),
        ),
    ];
    if s.typing {
        spans.push(Span::raw("▏"));
    }
    put_line(buf, area.x, area.y, &Line::from(spans), area.width);
}

fn draw_status(
    buf: &mut Buffer,
    area: Rect,
    s: &SearchScreen,
    building: bool,
    progress: Option<Progress>,
    t: &Theme,
    rows: &mut RowKeys,
) {
    if area.is_empty() {
        return;
    }
    let quiet = theme::style(t.library_date);
    let mut spans = Vec::new();
    if let Some(p) = progress.filter(|p| building && p.total > 0) {
        let filled = p.done.saturating_mul(BAR) / p.total;
        spans.push(Span::raw(" indexing "));
        spans.push(Span::styled(
            "█".repeat(filled.min(BAR)),
            theme::style(t.library_filter),
        ));
        spans.push(Span::styled("░".repeat(BAR - filled.min(BAR)), quiet));
        spans.push(Span::raw(format!(
            " {}/{} articles · results so far",
            p.done, p.total
        )));
    } else if s.input.trim().is_empty() {
        spans.push(Span::styled(
            " words · \"a phrase\" · -word · tag:name · title:word",
            quiet,
        ));
    } else if s.current() {
        let n = s.hits.len();
        spans.push(Span::raw(format!(
            " {n} {}",
            if n == 1 { "section" } else { "sections" }
        )));
    } else {
        spans.push(Span::styled(" searching…", quiet));
    }
    if !s.scope_label.is_empty() {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            sanitize_line(&s.scope_label).into_owned(),
            theme::style(t.library_filter),
        ));
    }
    let line = Line::from(spans);
    if rows.row(buf, area.y, key_of(("status", &line))) {
        return;
    }
    put_line(buf, area.x, area.y, &line, area.width);
}

fn draw_hits(buf: &mut Buffer, area: Rect, s: &SearchScreen, t: &Theme, rows: &mut RowKeys) {
    let area = super::clip(buf, area);
    if area.is_empty() {
        return;
    }
    if s.hits.is_empty() {
        let shown = s.current() && !s.input.trim().is_empty();
        let at = area.y + area.height / 3;
        for y in area.top()..area.bottom() {
            let kept = rows.row(buf, y, key_of(("no hits", shown && y == at)));
            if shown && y == at && !kept {
                let line = Line::raw("No section matches.");
                put_line(buf, area.x + 2, y, &line, area.width.saturating_sub(2));
            }
        }
        return;
    }
    s.rows_drawn.theme(t);
    let width = usize::from(area.width);
    let shown = s
        .hits
        .iter()
        .enumerate()
        .skip(s.scroll)
        .take(usize::from(area.height) / ROWS_PER_HIT);
    let mut below = area.y;
    for (k, (i, hit)) in shown.enumerate() {
        let Ok(y) = u16::try_from(k * ROWS_PER_HIT) else {
            break;
        };
        let y = area.y + y;
        let selected = i == s.selected;
        let rect = Rect::new(area.x, y, area.width, 2.min(area.bottom() - y));
        below = rect.bottom();
        // A result is drawn once per look: a move copies the others from
        // the memo, and keeps those the last frame shows there.
        let mut key = row_hasher();
        let snippet = &hit.snippet;
        (selected, &hit.title, &hit.path, &hit.section).hash(&mut key);
        (&snippet.text, &snippet.marks).hash(&mut key);
        let key = key.finish();
        let mut kept = true;
        for dy in 0..rect.height {
            kept &= rows.row(buf, y + dy, key_of((key, dy)));
        }
        if kept {
            continue;
        }
        for dy in 0..rect.height {
            // Half of a result changed: both drawn again.
            rows.redraw(buf, y + dy);
        }
        s.rows_drawn.draw(buf, rect, key, |buf, rect| {
            if selected {
                buf.set_style(rect, theme::style(t.library_selected));
            }
            let place = place_line(hit, selected, width, t);
            put_line(buf, rect.x, rect.y, &place, rect.width);
            if rect.height > 1 {
                put_line(buf, rect.x, rect.y + 1, &snippet_line(hit, t), rect.width);
            }
        });
    }
    for y in below..area.bottom() {
        rows.row(buf, y, key_of("no result"));
    }
}

/// `▸ Title › Section › Sub`, cut to `width`: the section's own heading is
/// kept, the headings above it give way to `…` first, then the title.
fn place_line(hit: &Hit, selected: bool, width: usize, t: &Theme) -> Line<'static> {
    let arrow = if selected { "▸ " } else { "  " };
    let title = sanitize_line(&hit.title).into_owned();
    let title = if title.trim().is_empty() {
        sanitize_line(&hit.path.display().to_string()).into_owned()
    } else {
        title
    };
    let room = width.saturating_sub(2);
    let headings: Vec<String> =
        crate::article::outline::crumbs_after_title(&hit.title, &hit.section)
            .map(|h| sanitize_line(h).into_owned())
            .collect();
    // The title keeps at least a third of the row when there are headings.
    let title_min = if headings.is_empty() { room } else { room / 3 };
    let title_w = UnicodeWidthStr::width(title.as_str()).min(title_min.max(1));
    let mut crumbs = String::new();
    for (k, h) in headings.iter().enumerate().rev() {
        let piece = format!(" › {h}{crumbs}");
        let elided = k > 0;
        let need = UnicodeWidthStr::width(piece.as_str()) + if elided { 4 } else { 0 };
        if k + 1 < headings.len() && title_w + need > room {
            crumbs = format!(" › …{crumbs}");
            break;
        }
        crumbs = piece;
    }
    let crumbs = truncate(&crumbs, room.saturating_sub(title_w.min(room))).into_owned();
    let title_room = room.saturating_sub(UnicodeWidthStr::width(crumbs.as_str()));
    let title = truncate(&title, title_room).into_owned();
    let mut title_style = theme::style(t.library_title);
    let mut crumb_style = theme::style(t.library_tags);
    if selected {
        let sel = theme::style(t.library_selected);
        title_style = sel.add_modifier(Modifier::BOLD);
        crumb_style = sel;
    }
    Line::from(vec![
        Span::raw(arrow),
        Span::styled(title, title_style),
        Span::styled(crumbs, crumb_style),
    ])
}

/// The snippet, indented, with its marked words in the search-match style.
fn snippet_line(hit: &Hit, t: &Theme) -> Line<'static> {
    let text = &hit.snippet.text;
    let mark = theme::style(t.search_match);
    let mut spans = vec![Span::raw("    ")];
    let mut at = 0;
    for m in &hit.snippet.marks {
        let (Some(before), Some(word)) = (text.get(at..m.start), text.get(m.clone())) else {
            continue;
        };
        spans.push(Span::raw(before.to_string()));
        spans.push(Span::styled(word.to_string(), mark));
        at = m.end;
    }
    spans.push(Span::raw(text.get(at..).unwrap_or("").to_string()));
    Line::from(spans)
}

fn draw_footer(
    buf: &mut Buffer,
    area: Rect,
    s: &SearchScreen,
    t: &Theme,
    keys: &Keymap,
    rows: &mut RowKeys,
) {
    // The hints are the keymap's, which an app keeps as it started.
    let key = key_of(("footer", &s.message, s.typing));
    if area.is_empty() || rows.row(buf, area.y, key) {
        return;
    }
    let style = theme::style(t.library_footer);
    buf.set_style(area, style);
    let text = match &s.message {
        Some(m) => format!(" {}", sanitize_line(m)),
        None => hints(s, keys),
    };
    put_line(buf, area.x, area.y, &Line::styled(text, style), area.width);
}

/// The keys of the mode the screen is in, from the keymap.
fn hints(s: &SearchScreen, keys: &Keymap) -> String {
    let (mode, items): (Mode, &[(Action, &str)]) = if s.typing {
        (
            Mode::LibrarySearch,
            &[
                (Action::OpenSelected, "open"),
                (Action::LineDown, "next"),
                (Action::FilterKeep, "browse"),
                (Action::Back, "library"),
            ],
        )
    } else {
        (
            Mode::SearchResults,
            &[
                (Action::LineDown, "next"),
                (Action::LineUp, "previous"),
                (Action::OpenSelected, "open"),
                (Action::FilterStart, "edit"),
                (Action::ToggleHelp, "help"),
                (Action::Back, "library"),
            ],
        )
    };
    let parts: Vec<String> = items
        .iter()
        .filter_map(|(action, word)| {
            let key = keys.keys_for(mode, action).first()?;
            Some(format!("{} {word}", key.label()))
        })
        .collect();
    format!(" {}", parts.join(" · "))
}
