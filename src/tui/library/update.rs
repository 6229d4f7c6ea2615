//! The library screen's part of [`update`](crate::tui::update::update): an
//! action in, state changed, maybe an [`Effect`] out. No I/O.

use super::LibraryScreen;
use crate::tui::action::{Action, Effect};

/// Rows one turn of the mouse wheel moves the selection.
const WHEEL_ROWS: isize = 3;

/// Carries out `action` on the library screen.
pub fn update(s: &mut LibraryScreen, action: Action) -> Option<Effect> {
    s.message = None;
    if s.picker.is_some() {
        return update_picker(s, action);
    }
    match action {
        Action::LineDown => s.move_by(1),
        Action::LineUp => s.move_by(-1),
        Action::PageDown | Action::HalfPageDown => s.page(true),
        Action::PageUp | Action::HalfPageUp => s.page(false),
        Action::Top => s.top(),
        Action::Bottom => s.bottom(),
        Action::OpenSelected => match s.open_path() {
            Some(path) => return Some(Effect::Open(path)),
            None if s.selected_row().is_some() => {
                s.message = Some("this file could not be read".into());
            }
            None => {}
        },
        Action::Edit if s.source.remote().is_some() => {
            s.message = Some("a file read by address cannot be edited here".into());
        }
        Action::Edit => match s.open_path() {
            Some(path) => return Some(Effect::Edit { path, line: 1 }),
            None => s.message = Some("no article to edit here".into()),
        },
        Action::FilterStart => s.filter_start(),
        Action::FilterInput(c) => s.filter_input(c),
        Action::FilterBackspace => s.filter_backspace(),
        Action::FilterClearInput => s.filter_edit(String::clear),
        Action::FilterDeleteWord => s.filter_edit(|t| {
            crate::tui::text::delete_word(t);
        }),
        Action::FilterKeep => s.filter_done(),
        Action::FilterClear => s.filter_clear(),
        Action::TagPicker => s.picker_open(),
        Action::ClearTags => s.clear_tags(),
        Action::SortNext => s.sort_next(),
        Action::SortReverse => s.sort_reverse(),
        Action::ToggleDrafts => s.toggle_drafts(),
        Action::UnreadOnly => s.toggle_unread_only(),
        Action::OrphansOnly => s.toggle_orphans(),
        Action::Cancel if !s.cancel() => return Some(Effect::Back),
        Action::Back => return Some(Effect::Back),
        Action::Wheel { down, .. } => s.move_by(if down { WHEEL_ROWS } else { -WHEEL_ROWS }),
        Action::Click { column, row } => {
            if let Some(offset) = s.geometry.list_row_at(column, row) {
                let at = s.scroll.saturating_add(offset);
                if at < s.rows.len() {
                    s.selected = at;
                }
            }
        }
        _ => {}
    }
    None
}

fn update_picker(s: &mut LibraryScreen, action: Action) -> Option<Effect> {
    let picker = s.picker.as_mut()?;
    if picker.typing {
        match action {
            Action::FilterInput(c) => picker.search_input(c),
            Action::FilterBackspace => picker.search_backspace(),
            Action::FilterKeep => picker.search_keep(),
            Action::FilterClear => picker.search_clear(),
            Action::LineDown => picker.move_by(1),
            Action::LineUp => picker.move_by(-1),
            _ => {}
        }
        return None;
    }
    let page = isize::try_from(picker.height).unwrap_or(isize::MAX);
    match action {
        Action::LineDown => picker.move_by(1),
        Action::LineUp => picker.move_by(-1),
        Action::PageDown | Action::HalfPageDown => picker.move_by(page),
        Action::PageUp | Action::HalfPageUp => picker.move_by(-page),
        Action::Top => picker.move_by(isize::MIN),
        Action::Bottom => picker.move_by(isize::MAX),
        Action::Wheel { down, .. } => picker.move_by(if down { WHEEL_ROWS } else { -WHEEL_ROWS }),
        Action::PickerToggle => s.picker_toggle(),
        Action::FilterStart => picker.search_start(),
        Action::PickerMode => s.picker_toggle_mode(),
        Action::PickerApply => s.picker_apply(),
        Action::PickerCancel | Action::Cancel | Action::Back => s.picker_cancel(),
        _ => {}
    }
    None
}
