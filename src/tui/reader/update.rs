//! The reader screen's part of [`update`](crate::tui::update::update): an
//! action in, state changed, maybe an [`Effect`] out. No I/O.

use super::{Focus, ReaderScreen, WHEEL_LINES};
use crate::tui::action::{Action, Effect};

/// Carries out `action` on the reader screen.
pub fn update(r: &mut ReaderScreen, action: Action) -> Option<Effect> {
    r.message = None;
    if r.partial && needs_the_whole(&action) {
        // Acting on the start would mislead (G would stop at its end): the
        // action waits for the whole, and the screen stays live meanwhile.
        r.deferred.push(action);
        r.message = Some("loading the rest of the article…".into());
        return None;
    }
    let page = r.rows().max(1);
    let half = (page / 2).max(1);
    match action {
        Action::LineDown => r.scroll_down(1),
        Action::LineUp => r.scroll_up(1),
        Action::PageDown => r.scroll_down(page),
        Action::PageUp => r.scroll_up(page),
        Action::HalfPageDown => r.scroll_down(half),
        Action::HalfPageUp => r.scroll_up(half),
        Action::Top => recorded(r, |r| r.top = 0),
        Action::Bottom => recorded(r, ReaderScreen::bottom),
        Action::NextHeading => {
            let moved = r.next_heading();
            r.message = (!moved).then(|| "no heading below".into());
        }
        Action::PrevHeading => {
            let moved = r.prev_heading();
            r.message = (!moved).then(|| "no heading above".into());
        }
        Action::ToggleFocus => {
            r.toggle_focus();
            if r.focus == Focus::Text && !r.outline_shown() {
                r.message = Some("the outline is hidden: o shows it".into());
            }
        }
        Action::ToggleOutline => {
            r.toggle_outline();
            if r.article.outline.is_empty() {
                r.message = Some("this article has no headings".into());
            } else if r.outline_wanted && !r.outline_shown() {
                r.message = Some("the outline needs 60 columns".into());
            }
        }
        Action::OutlineDown => r.move_selection(true),
        Action::OutlineUp => r.move_selection(false),
        Action::OutlineJump => {
            let i = r.outline.selected;
            recorded(r, |r| r.jump_to_heading(i));
        }
        Action::Fold => r.fold(),
        Action::Unfold => r.unfold(),
        Action::SearchStart => r.search.typing = Some(String::new()),
        Action::SearchInput(c) => {
            if let Some(q) = &mut r.search.typing {
                q.push(c);
            }
        }
        Action::SearchBackspace => {
            if let Some(q) = &mut r.search.typing {
                q.pop();
            }
        }
        Action::SearchSubmit => {
            let query = r.search.typing.take().unwrap_or_default();
            if query.is_empty() {
                r.clear_search();
            } else {
                recorded(r, |r| r.run_search(query));
            }
        }
        Action::SearchAbort => r.search.typing = None,
        Action::SearchNext => r.step_match(true),
        Action::SearchPrev => r.step_match(false),
        Action::Cancel => {
            if r.search.query.is_empty() {
                return Some(Effect::Back);
            }
            r.clear_search();
        }
        Action::Back => return Some(Effect::Back),
        Action::Wheel { column, row, down } => wheel(r, column, row, down),
        Action::Click { column, row } => click(r, column, row),
        Action::Edit => return r.edit(),
        Action::OutlineNarrower | Action::OutlineWider => {
            let wider = action == Action::OutlineWider;
            if !r.outline_shown() {
                r.message = Some("the outline is hidden: o shows it".into());
            } else if !r.adjust_pane(wider) {
                r.message = Some(if wider {
                    "the outline is as wide as it may be (a third of the screen, outline-width)"
                        .into()
                } else {
                    "the outline is as narrow as it goes".into()
                });
            }
        }
        Action::ToggleSectionTimes => {
            if r.outline_shown() {
                r.toggle_times();
            } else {
                r.message = Some("the outline is hidden: o shows it".into());
            }
        }
        Action::CopySectionLink => return Some(r.copy_section_link()),
        Action::CopyCode => return r.copy_code(),
        Action::ToggleDetails => r.toggle_first_fold(),
        Action::ToggleCodeWrap => r.toggle_code_wrap(),
        // The app's own actions, and the library's, mean nothing here.
        _ => {}
    }
    r.follow();
    None
}

fn contains(rect: ratatui::layout::Rect, column: u16, row: u16) -> bool {
    rect.contains(ratatui::layout::Position::new(column, row))
}

fn wheel(r: &mut ReaderScreen, column: u16, row: u16, down: bool) {
    if r.geometry.outline.is_some_and(|o| contains(o, column, row)) {
        r.scroll_outline(down, WHEEL_LINES);
    } else if contains(r.geometry.pane, column, row) {
        if down {
            r.scroll_down(WHEEL_LINES);
        } else {
            r.scroll_up(WHEEL_LINES);
        }
    }
}

fn click(r: &mut ReaderScreen, column: u16, row: u16) {
    let text = r.geometry.text;
    if contains(text, column, row) {
        // A click on a `<details>` summary folds or unfolds it.
        if let Some(line) = r.line_on_row(usize::from(row - text.y)) {
            r.toggle_fold_at(line);
        }
        return;
    }
    let Some(pane) = r.geometry.outline else {
        return;
    };
    // The last column is the pane's border.
    if !contains(pane, column, row) || column.saturating_add(1) >= pane.right() {
        return;
    }
    if let Some(i) = r.outline_entry_at(usize::from(row - pane.y)) {
        r.outline.selected = i;
        recorded(r, |r| r.jump_to_heading(i));
    }
}

/// Does a jump, recording the place left in the history when it moved.
fn recorded(r: &mut ReaderScreen, jump: impl FnOnce(&mut ReaderScreen)) {
    let before = r.spot();
    jump(r);
    if r.top != before.top {
        r.history
            .record(super::history::Step::Spot(Box::new(before)));
    }
}

/// True for actions that would mislead on the start of an article whose
/// whole is still loading.
fn needs_the_whole(action: &Action) -> bool {
    matches!(action, Action::Bottom)
}
