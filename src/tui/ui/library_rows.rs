//! One row of the library's list: what it shows (arrow, marks, reading
//! state, date, title, tags, links in, reading time, or an unreadable
//! file's path) and the hash that names it for the rows kept between frames.

use std::hash::{Hash, Hasher};

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::sanitize::sanitize_line;
use crate::theme::Theme;
use crate::tui::library::{LibraryScreen, Row, row_hasher};
use crate::tui::theme;

use super::library::{DATE, GAP, MARKS, TIME, Widths, cell, marks, tags_text};

/// A hash of everything [`row_line`] draws a row from.
pub(super) fn row_key(s: &LibraryScreen, row: Row, selected: bool, w: &Widths) -> u64 {
    let mut h = row_hasher();
    (selected, w.title, w.tags, w.links, marks(s)).hash(&mut h);
    match row {
        Row::Article(i) => {
            let e = &s.library.entries[i];
            (0u8, e.look(), e.meta.draft, e.reading_minutes).hash(&mut h);
            if s.states.enabled {
                s.state_of(i)
                    .map(|st| (st.read, st.in_progress(), st.percent()))
                    .hash(&mut h);
            }
            if w.links > 0 {
                s.links_into(i).hash(&mut h);
            }
        }
        Row::Failed(i) => (1u8, s.library.failures[i].path_string()).hash(&mut h),
    }
    h.finish()
}

pub(super) fn row_line(
    s: &LibraryScreen,
    row: Row,
    selected: bool,
    w: &Widths,
    t: &Theme,
) -> Line<'static> {
    let arrow = if selected { "▸ " } else { "  " };
    let base = if selected {
        theme::style(t.library_selected)
    } else {
        Style::default()
    };
    match row {
        Row::Article(i) => {
            let e = &s.library.entries[i];
            let mark = if e.meta.draft { "✎ " } else { "  " };
            let date = e
                .meta
                .date
                .as_deref()
                .map_or(String::new(), |d| sanitize_line(d).into_owned());
            let mut spans = vec![
                Span::styled(arrow, base),
                Span::styled(mark, base.patch(theme::style(t.library_draft))),
                Span::styled(
                    if s.states.enabled {
                        format!("{:>4} ", crate::tui::library::mark(s.state_of(i)))
                    } else {
                        String::new()
                    },
                    base,
                ),
                Span::styled(
                    cell(&date, DATE, GAP),
                    base.patch(theme::style(t.library_date)),
                ),
                Span::styled(cell(&sanitize_line(&e.meta.title), w.title, GAP), base),
            ];
            if w.tags > 0 {
                spans.push(Span::styled(
                    cell(&tags_text(e), w.tags, GAP),
                    base.patch(theme::style(t.library_tags)),
                ));
            }
            if w.links > 0 {
                let n = s.links_into(i).map_or("…".to_string(), |n| format!("{n}←"));
                spans.push(Span::styled(
                    format!("{n:>width$}{}", " ".repeat(GAP), width = w.links),
                    base,
                ));
            }
            spans.push(Span::styled(
                format!(
                    "{:>width$}",
                    format!("{} min", e.reading_minutes),
                    width = TIME
                ),
                base,
            ));
            Line::from(spans)
        }
        Row::Failed(i) => {
            let f = &s.library.failures[i];
            let path = sanitize_line(&f.path_string()).into_owned();
            Line::from(vec![
                Span::styled(arrow, base),
                Span::styled("✗ ", base.patch(theme::style(t.library_failed))),
                Span::styled(" ".repeat(marks(s) - MARKS), base),
                Span::styled(
                    cell("unreadable", DATE, GAP),
                    base.patch(theme::style(t.library_failed)),
                ),
                Span::styled(path, base),
            ])
        }
    }
}
