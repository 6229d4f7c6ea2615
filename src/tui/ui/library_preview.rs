//! The library's preview panel: the selected article's title, facts, tags
//! and warnings, then its summary and outline once read (or why it could not
//! be), wrapped once per set of lines, and drawn only when its lines
//! changed since the last frame. Read-only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::sanitize::sanitize_line;
use crate::theme::Theme;
use crate::tui::library::{LibraryScreen, PreviewState, Row};
use crate::tui::theme;

use super::kept_rows::{Part, RowKeys, key_of};
use super::library::tags_text;
use super::truncate;

/// Draws the preview on `area`, the right part of its rows in `rows`:
/// kept when the last frame showed the same lines there.
pub(super) fn draw_preview(
    buf: &mut Buffer,
    area: Rect,
    s: &LibraryScreen,
    t: &Theme,
    rows: &mut RowKeys,
) {
    if area.width < 3 || area.is_empty() {
        return;
    }
    // Inside the border on the left and a column of margin.
    let inner = Rect {
        x: area.x + 2,
        width: area.width - 2,
        ..area
    };
    let lines = preview_lines(s, t, inner);
    let key = key_of((&lines, area));
    let mut kept = true;
    for y in area.top()..area.bottom() {
        kept &= rows.part(buf, y, Part::Right, key_of((key, y - area.y)));
    }
    if kept {
        return;
    }
    // The border, as a block's left border draws it (a block sets the
    // style of every cell of its area as well: a cost, and nothing to see).
    let border = theme::style(t.library_border);
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((area.x, y)) {
            cell.set_symbol(ratatui::symbols::line::VERTICAL)
                .set_style(border);
        }
    }
    // Wrapping is the dear part of a move's frame: the panel's cells are
    // drawn again only when its lines or place change.
    s.preview_drawn.draw(buf, inner, lines, |lines, buf| {
        let area = buf.area;
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    });
}

/// The preview's lines for the selected row, on `inner` (the panel inside
/// its border and margin).
fn preview_lines(s: &LibraryScreen, t: &Theme, inner: Rect) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    match s.selected_row() {
        None => {}
        Some(Row::Failed(i)) => {
            let f = &s.library.failures[i];
            lines.push(Line::styled(
                sanitize_line(&f.path_string()).into_owned(),
                theme::style(t.library_title),
            ));
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Could not be read:",
                theme::style(t.library_failed),
            ));
            lines.push(Line::raw(sanitize_line(&f.error).into_owned()));
        }
        Some(Row::Article(i)) => {
            let e = &s.library.entries[i];
            lines.push(Line::styled(
                sanitize_line(&e.meta.title).into_owned(),
                theme::style(t.library_title),
            ));
            let mut facts = Vec::new();
            if let Some(d) = &e.meta.date {
                facts.push(sanitize_line(d).into_owned());
            }
            if let Some(a) = &e.meta.author {
                facts.push(sanitize_line(a).into_owned());
            }
            facts.push(format!("{} words, {} min", e.words, e.reading_minutes));
            if let Some(n) = s.links_into(i) {
                facts.push(match n {
                    1 => "1 link in".to_string(),
                    n => format!("{n} links in"),
                });
            }
            if e.meta.draft {
                facts.push("draft".to_string());
            }
            lines.push(Line::styled(
                facts.join(" · "),
                theme::style(t.library_date),
            ));
            if !e.meta.tags.is_empty() {
                lines.push(Line::styled(tags_text(e), theme::style(t.library_tags)));
            }
            for warning in &e.warnings {
                lines.push(Line::styled(
                    format!("⚠ {}", sanitize_line(&warning.message)),
                    theme::style(t.library_failed),
                ));
            }
            lines.push(Line::raw(""));
            match s.preview() {
                Some(PreviewState::Ready(p)) => {
                    if !p.summary.is_empty() {
                        lines.push(Line::raw(sanitize_line(&p.summary).into_owned()));
                        lines.push(Line::raw(""));
                    }
                    if !p.headings.is_empty() {
                        lines.push(Line::styled("Outline", theme::style(t.library_columns)));
                        let width = usize::from(inner.width);
                        for (level, text) in &p.headings {
                            let indent = "  ".repeat(usize::from(level.saturating_sub(1)).min(5));
                            let text = format!("{indent}{}", sanitize_line(text));
                            lines.push(Line::raw(truncate(&text, width).into_owned()));
                        }
                    }
                }
                Some(PreviewState::Error(err)) => {
                    lines.push(Line::styled(
                        "Could not be read:",
                        theme::style(t.library_failed),
                    ));
                    lines.push(Line::raw(sanitize_line(err).into_owned()));
                }
                None => {}
            }
        }
    }
    lines
}
