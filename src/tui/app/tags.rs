//! From a tag in the reader to the library filtered by it: `#` labels the
//! `#tags` on screen, and the one picked (by its label, or a click) shows
//! the library under the reader filtered by that tag (a nested
//! `parent/child` counts for `parent`). A reader opened on a file, with no
//! library under it, opens the library of its vault, site or folder.

use crate::library::{Filter, ScanOptions};
use crate::tui::app::{App, Screen};

/// `#`: labels the tags on screen, or says there are none.
pub fn label_tags(app: &mut App) {
    let Some(r) = app.reader_mut() else { return };
    r.message = None;
    let hints = r.make_tag_hints();
    if hints.hints.is_empty() {
        r.message = Some("no #tag on screen".into());
    } else {
        r.links.hints = Some(hints);
    }
}

/// Shows the library filtered by `tag`: the one under the reader (the
/// screens above it are left, as `q` leaves them), else a new one of the
/// article's vault, site or folder over the reader.
pub fn filter_library(app: &mut App, tag: &str) {
    let under = app
        .screens
        .iter()
        .rposition(|s| matches!(s, Screen::Library(_)));
    match under {
        Some(at) => {
            while app.screens.len() > at + 1 {
                app.pop_screen();
            }
            app.jobs.forget(super::inflight::Waiter::Opening);
            if let Some(s) = app.library_mut() {
                s.filter_by_tag(tag);
            }
        }
        None => open_filtered(app, tag),
    }
}

/// Opens the library of the reader's vault, site or folder filtered by
/// `tag`, over the reader (`q` comes back to it).
fn open_filtered(app: &mut App, tag: &str) {
    let Some(r) = app.reader_mut() else { return };
    let path = &r.article.path;
    if crate::stdin::is_dash(path)
        || path == std::path::Path::new(crate::stdin::NAME)
        || crate::tui::reader::remote::is_remote(path)
    {
        r.message = Some("this article is in no folder to list".into());
        return;
    }
    let path = std::path::absolute(path).unwrap_or_else(|_| path.clone());
    let root = crate::tui::reader::backlinks::root_for(&path, None);
    let filter = Filter {
        tags: vec![tag.to_string()],
        ..Filter::default()
    };
    let sort = crate::library::Sort::default();
    super::memory::open_library(app, &root, filter, sort, ScanOptions::default());
    if let Some(s) = app.library_mut() {
        s.filter_by_tag(tag);
    }
}
