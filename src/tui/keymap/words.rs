//! What each action does, in words: one exhaustive match over
//! [`Action`] that feeds the help overlay (per mode: `j` is "one line down"
//! in the reader, "next result" in the search), the footers' key hints
//! ("filter", "tags") and `quire config --actions`. A new action does not
//! compile until it is described here (or said to take no key).

use super::Mode;
use crate::tui::action::Action;

/// Where the words go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Say {
    /// `quire config --actions` and a key a config binds anew: what the
    /// action does wherever it is bound.
    Actions,
    /// The help overlay's line for a binding listed under this mode.
    Help(Mode),
    /// A footer's word after the key, in this mode.
    Hint(Mode),
}

/// What `action` does, as `say` words it; `None` for an action no key can
/// be bound to (typed characters, the mouse, the terminal's size), and for
/// a hint an action's footers do not name.
pub fn describe(action: &Action, say: Say) -> Option<&'static str> {
    Some(match action {
        Action::LineDown => match say {
            Say::Actions => "scroll one line down (library: next row)",
            Say::Help(Mode::Help) => "scroll the help down",
            Say::Help(Mode::Library | Mode::LibraryFilter) => "next row",
            Say::Help(Mode::TagSearch) => "next tag",
            Say::Help(Mode::Reader) => "one line down",
            Say::Help(_) => "next result",
            Say::Hint(_) => "move",
        },
        Action::LineUp => match say {
            Say::Actions => "scroll one line up (library: previous row)",
            Say::Help(Mode::Help) => "scroll the help up",
            Say::Help(Mode::Library | Mode::LibraryFilter) => "previous row",
            Say::Help(Mode::TagSearch) => "previous tag",
            Say::Help(Mode::Reader) => "one line up",
            Say::Help(_) => "previous result",
            Say::Hint(_) => "move",
        },
        Action::PageDown => match say {
            Say::Actions => "one screen down",
            Say::Help(Mode::Help) => "a page of help down",
            Say::Help(Mode::LibrarySearch) => "one screen of results down",
            Say::Help(_) => "one screen down",
            Say::Hint(_) => return None,
        },
        Action::PageUp => match say {
            Say::Actions => "one screen up",
            Say::Help(Mode::Help) => "a page of help up",
            Say::Help(Mode::LibrarySearch) => "one screen of results up",
            Say::Help(_) => "one screen up",
            Say::Hint(_) => return None,
        },
        Action::HalfPageDown => match say {
            Say::Actions | Say::Help(_) => "half a screen down",
            Say::Hint(_) => return None,
        },
        Action::HalfPageUp => match say {
            Say::Actions | Say::Help(_) => "half a screen up",
            Say::Hint(_) => return None,
        },
        Action::Top => match say {
            Say::Actions => "go to the start (library: first row)",
            Say::Help(Mode::Help) => "the help's start",
            Say::Help(Mode::Library) => "first row",
            Say::Help(Mode::SearchResults) => "first result",
            Say::Help(_) => "start of the article",
            Say::Hint(_) => return None,
        },
        Action::Bottom => match say {
            Say::Actions => "go to the end (library: last row)",
            Say::Help(Mode::Help) => "the help's end",
            Say::Help(Mode::Library) => "last row",
            Say::Help(Mode::SearchResults) => "last result",
            Say::Help(_) => "end of the article",
            Say::Hint(_) => return None,
        },
        Action::NextHeading => match say {
            Say::Actions => "put the next heading on the top line",
            Say::Help(_) => "next heading to the top",
            Say::Hint(_) => return None,
        },
        Action::PrevHeading => match say {
            Say::Actions => "put the previous heading on the top line",
            Say::Help(_) => "previous heading to the top",
            Say::Hint(_) => return None,
        },
        Action::ToggleFocus => match say {
            Say::Actions => "move the focus between the outline and the text",
            Say::Help(_) => "focus outline / text",
            Say::Hint(_) => return None,
        },
        Action::ToggleOutline => match say {
            Say::Actions => "hide or show the outline",
            Say::Help(_) => "show / hide the outline",
            Say::Hint(_) => return None,
        },
        Action::OutlineDown => match say {
            Say::Actions => "outline: next entry",
            Say::Help(_) => "next entry",
            Say::Hint(_) => return None,
        },
        Action::OutlineUp => match say {
            Say::Actions => "outline: previous entry",
            Say::Help(_) => "previous entry",
            Say::Hint(_) => return None,
        },
        Action::OutlineJump => match say {
            Say::Actions => "outline: jump to the entry",
            Say::Help(_) => "jump to the entry",
            Say::Hint(_) => return None,
        },
        Action::Fold => match say {
            Say::Actions => "outline: fold the branch, or go to its parent",
            Say::Help(_) => "fold the branch / go to parent",
            Say::Hint(_) => return None,
        },
        Action::Unfold => match say {
            Say::Actions => "outline: unfold the branch",
            Say::Help(_) => "unfold the branch",
            Say::Hint(_) => return None,
        },
        Action::SearchStart => match say {
            Say::Actions => "start typing a search",
            Say::Help(_) => "search (lowercase: any case)",
            Say::Hint(_) => return None,
        },
        Action::SearchBackspace => match say {
            Say::Actions => return None,
            Say::Help(_) => "delete a character",
            Say::Hint(_) => return None,
        },
        Action::SearchSubmit => match say {
            Say::Actions => return None,
            Say::Help(_) => "run the search",
            Say::Hint(_) => return None,
        },
        Action::SearchAbort => match say {
            Say::Actions => return None,
            Say::Help(_) => "stop typing",
            Say::Hint(_) => return None,
        },
        Action::SearchNext => match say {
            Say::Actions | Say::Help(_) => "next match",
            Say::Hint(_) => return None,
        },
        Action::SearchPrev => match say {
            Say::Actions | Say::Help(_) => "previous match",
            Say::Hint(_) => return None,
        },
        Action::Cancel => match say {
            Say::Actions => "clear the search or filter, else back",
            Say::Help(Mode::Reader) => "clear the search, else back",
            Say::Help(_) => "clear the text filter, else quit",
            Say::Hint(_) => return None,
        },
        Action::ToggleHelp => match say {
            Say::Actions => "open or close the help",
            Say::Help(Mode::Help) => "close the help",
            Say::Help(_) => "this help",
            Say::Hint(_) => "help",
        },
        Action::Back => match say {
            Say::Actions => "leave this screen; quit from the last one",
            Say::Help(Mode::Library) => "quit",
            Say::Help(Mode::Reader) => "back to the library, else quit",
            Say::Help(_) => "back to the library",
            Say::Hint(_) => "quit",
        },
        Action::Quit => match say {
            Say::Actions => "quit at once",
            Say::Help(_) => "quit",
            Say::Hint(_) => return None,
        },
        Action::OpenSelected => match say {
            Say::Actions => "library: open the selected article",
            Say::Help(Mode::LibrarySearch) => "open the selected result at its section",
            Say::Help(Mode::SearchResults) => {
                "open the article at the section, the query loaded (n/N)"
            }
            Say::Help(_) => "open the article",
            Say::Hint(_) => "open",
        },
        Action::FilterStart => match say {
            Say::Actions => "library: start typing a filter",
            Say::Help(Mode::TagPicker) => "find tags by name",
            Say::Help(Mode::SearchResults) => "edit the query",
            Say::Help(_) => "filter by title, tags, file name",
            Say::Hint(Mode::TagPicker) => "find",
            Say::Hint(_) => "filter",
        },
        Action::FilterBackspace => match say {
            Say::Actions => return None,
            Say::Help(Mode::LibrarySearch) => "delete the last character",
            Say::Help(_) => "delete a character",
            Say::Hint(_) => return None,
        },
        Action::FilterClearInput => match say {
            Say::Actions => return None,
            Say::Help(_) => "clear the text typed",
            Say::Hint(_) => return None,
        },
        Action::FilterDeleteWord => match say {
            Say::Actions => return None,
            Say::Help(_) => "delete the last word",
            Say::Hint(_) => return None,
        },
        Action::FilterKeep => match say {
            Say::Actions => return None,
            Say::Help(Mode::TagSearch) => "keep the found tags",
            Say::Help(Mode::LibrarySearch) => "browse the results with j/k",
            Say::Help(_) => "keep the filter",
            Say::Hint(_) => "keep",
        },
        Action::FilterClear => match say {
            Say::Actions => return None,
            Say::Help(Mode::TagSearch) => "show every tag again",
            Say::Help(_) => "clear the filter",
            Say::Hint(Mode::TagSearch) => "all tags",
            Say::Hint(_) => "clear",
        },
        Action::TagPicker => match say {
            Say::Actions => "library: pick tags",
            Say::Help(_) => "pick tags",
            Say::Hint(_) => "tags",
        },
        Action::ClearTags => match say {
            Say::Actions => "library: clear the tag filter",
            Say::Help(_) => "clear the tag filter",
            Say::Hint(_) => "clear tags",
        },
        Action::SortNext => match say {
            Say::Actions => {
                "library: next sort (date, title, path, reading time, last opened, links in)"
            }
            Say::Help(_) => "sort: date, title, path, time, opened, links in",
            Say::Hint(_) => "sort",
        },
        Action::SortReverse => match say {
            Say::Actions => "library: reverse the sort",
            Say::Help(_) => "reverse the sort",
            Say::Hint(_) => "reverse",
        },
        Action::ToggleDrafts => match say {
            Say::Actions => "library: show or hide drafts",
            Say::Help(_) => "show / hide drafts",
            Say::Hint(_) => "drafts",
        },
        Action::PickerToggle => match say {
            Say::Actions => "tag picker: tick or untick the tag",
            Say::Help(_) => "tick / untick the tag",
            Say::Hint(_) => "tick",
        },
        Action::PickerMode => match say {
            Say::Actions => "tag picker: all of / any of",
            Say::Help(_) => "all of / any of the ticked tags",
            Say::Hint(_) => "all/any",
        },
        Action::PickerApply => match say {
            Say::Actions => "tag picker: apply",
            Say::Help(_) => "apply",
            Say::Hint(_) => "apply",
        },
        Action::PickerCancel => match say {
            Say::Actions => "tag picker: cancel",
            Say::Help(_) => "cancel",
            Say::Hint(_) => "cancel",
        },
        Action::ToggleRead => match say {
            Say::Actions => "mark the article read or unread",
            Say::Help(_) => "mark read / unread",
            Say::Hint(_) => return None,
        },
        Action::UnreadOnly => match say {
            Say::Actions => "library: only unread and in-progress articles",
            Say::Help(_) => "only unread and in progress / all",
            Say::Hint(_) => return None,
        },
        Action::OrphansOnly => match say {
            Say::Actions => "library: only the articles nothing links to (orphans)",
            Say::Help(_) => "only orphans (nothing links in) / all",
            Say::Hint(_) => "orphans",
        },
        Action::SearchLibrary => match say {
            Say::Actions => "library: search the text of every article",
            Say::Help(_) => "search the text of every article",
            Say::Hint(_) => return None,
        },
        Action::Rescan => match say {
            Say::Actions => "library: scan the folder again",
            Say::Help(_) => "scan the folder again",
            Say::Hint(_) => return None,
        },
        Action::Edit => match say {
            Say::Actions => "open the article in $VISUAL / $EDITOR",
            Say::Help(Mode::Reader) => "edit at this line in $VISUAL / $EDITOR",
            Say::Help(_) => "edit the article in $VISUAL / $EDITOR",
            Say::Hint(_) => return None,
        },
        Action::CopySectionLink => match say {
            Say::Actions | Say::Help(_) => "copy the section as a link (path#anchor)",
            Say::Hint(_) => return None,
        },
        Action::CopyCode => match say {
            Say::Actions | Say::Help(_) => "copy the code block nearest the top",
            Say::Hint(_) => return None,
        },
        Action::OutlineNarrower => match say {
            Say::Actions => "narrow the outline pane",
            Say::Help(_) => "narrow the outline",
            Say::Hint(_) => return None,
        },
        Action::OutlineWider => match say {
            Say::Actions => "widen the outline pane",
            Say::Help(_) => "widen the outline",
            Say::Hint(_) => return None,
        },
        Action::ToggleSectionTimes => match say {
            Say::Actions => "show / hide section reading times in the outline",
            Say::Help(_) => "section reading times in the outline",
            Say::Hint(_) => return None,
        },
        Action::LinkHints => match say {
            Say::Actions => "label the links on screen to follow one",
            Say::Help(_) => "label the links on screen",
            Say::Hint(_) => return None,
        },
        Action::TagHints => match say {
            Say::Actions => "label the #tags on screen; the one picked filters the library",
            Say::Help(_) => "filter the library by a #tag on screen",
            Say::Hint(_) => return None,
        },
        Action::LinkList => match say {
            Say::Actions => "list the article's links",
            Say::Help(_) => "list the links",
            Say::Hint(_) => return None,
        },
        Action::Backlinks => match say {
            Say::Actions => "list the links into the article (linked from)",
            Say::Help(_) => "what links here",
            Say::Hint(_) => return None,
        },
        Action::ToggleSectionLinks => match say {
            Say::Actions => "show / hide the links into each section in the outline",
            Say::Help(_) => "links into each section in the outline",
            Say::Hint(_) => return None,
        },
        Action::LinkBackspace => match say {
            Say::Actions => return None,
            Say::Help(Mode::LinkList) => "erase the last letter of the filter",
            Say::Help(_) => "erase the last letter",
            Say::Hint(_) => return None,
        },
        Action::LinkDown => match say {
            Say::Actions => "link list: next link",
            Say::Help(_) => "next link",
            Say::Hint(_) => return None,
        },
        Action::LinkUp => match say {
            Say::Actions => "link list: previous link",
            Say::Help(_) => "previous link",
            Say::Hint(_) => return None,
        },
        Action::LinkFollow => match say {
            Say::Actions => "link list: follow the link",
            Say::Help(_) => "follow the link",
            Say::Hint(_) => return None,
        },
        Action::LinkCancel => match say {
            Say::Actions => "close the link hints, the link list or the question",
            Say::Help(Mode::LinkList) => "close (type to filter)",
            Say::Help(Mode::LinkPrompt) => "do not open it",
            Say::Help(_) => "cancel (type a label to follow its link)",
            Say::Hint(_) => return None,
        },
        Action::OpenUrl => match say {
            Say::Actions => "open the external link in the browser",
            Say::Help(_) => "open it in the browser",
            Say::Hint(_) => return None,
        },
        Action::CopyUrl => match say {
            Say::Actions => "copy the external link (OSC 52)",
            Say::Help(_) => "copy it (OSC 52)",
            Say::Hint(_) => return None,
        },
        Action::HistoryBack => match say {
            Say::Actions => "go back to the place left",
            Say::Help(_) => "back to the place left",
            Say::Hint(_) => return None,
        },
        Action::HistoryForward => match say {
            Say::Actions => "go forward again",
            Say::Help(_) => "forward again",
            Say::Hint(_) => return None,
        },
        Action::ToggleDetails => match say {
            Say::Actions => "fold / unfold the first ▸/▾ details summary on screen",
            Say::Help(_) => "open/close the first ▸/▾ on screen",
            Say::Hint(_) => return None,
        },
        Action::ToggleCodeWrap => match say {
            Say::Actions => "wrap long code lines (↪) or cut them (→)",
            Say::Help(_) => "wrap/cut long code lines (↪ / →)",
            Say::Hint(_) => return None,
        },
        Action::Redraw => match say {
            Say::Actions | Say::Help(_) => "draw the whole screen again",
            Say::Hint(_) => return None,
        },
        Action::Suspend => match say {
            Say::Actions => "stop quire and go back to the shell (fg resumes)",
            Say::Help(_) => "suspend to the shell (fg resumes)",
            Say::Hint(_) => return None,
        },
        // Typed characters, the mouse and the terminal: no key is bound to them.
        Action::SearchInput(..)
        | Action::Resize(..)
        | Action::Wheel { .. }
        | Action::Click { .. }
        | Action::FilterInput(..)
        | Action::LinkInput(..) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_is_described_and_every_described_one_is_bindable() {
        for action in super::super::BINDABLE {
            assert!(describe(action, Say::Actions).is_some(), "{action:?}");
        }
        for b in super::super::BINDINGS.iter() {
            let listed = super::super::BINDABLE.contains(&b.action);
            assert_eq!(
                describe(&b.action, Say::Actions).is_some(),
                listed,
                "{:?}",
                b.action
            );
        }
    }
}
