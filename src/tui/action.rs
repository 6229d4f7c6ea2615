//! The app's vocabulary: every key, mouse event and resize becomes an
//! [`Action`]. A leaf: it names no other module (the clock and finished jobs
//! reach `update` as a [`Msg`](super::message::Msg), not as actions).

use serde::{Deserialize, Serialize};

/// Something the user asked for. Keys become actions in
/// [`keymap`](super::keymap); [`update`](super::update::update) carries them out.
/// The serde names (kebab-case: `next-heading`) are the ones a config binds
/// keys to; they stay stable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Scroll the text one line down.
    LineDown,
    /// Scroll the text one line up.
    LineUp,
    /// Scroll the text one screen down.
    PageDown,
    /// Scroll the text one screen up.
    PageUp,
    /// Scroll the text half a screen down.
    HalfPageDown,
    /// Scroll the text half a screen up.
    HalfPageUp,
    /// Go to the start of the article.
    Top,
    /// Go to the very end of the article.
    Bottom,
    /// Put the next heading on the top line.
    NextHeading,
    /// Put the previous heading (or the start of this section) on the top line.
    PrevHeading,
    /// Move the focus between the outline and the text.
    ToggleFocus,
    /// Hide or show the outline pane.
    ToggleOutline,
    /// Select the next visible outline entry.
    OutlineDown,
    /// Select the previous visible outline entry.
    OutlineUp,
    /// Jump to the selected outline entry: its heading goes on the top line.
    OutlineJump,
    /// Fold the selected entry's branch, or go to its parent when folded.
    Fold,
    /// Unfold the selected entry's branch.
    Unfold,
    /// Start typing a search.
    SearchStart,
    /// Add a character to the search being typed.
    SearchInput(char),
    /// Remove the last character of the search being typed.
    SearchBackspace,
    /// Run the search being typed.
    SearchSubmit,
    /// Stop typing a search without running it.
    SearchAbort,
    /// Go to the next match, wrapping around at the end.
    SearchNext,
    /// Go to the previous match, wrapping around at the start.
    SearchPrev,
    /// Clear the search when there is one, else go back.
    Cancel,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Leave this screen: back to the library, or quit when there is none.
    Back,
    /// Quit at once.
    Quit,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// The mouse wheel turned over a cell (`down` when towards the end).
    Wheel {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
        /// True when scrolling towards the end.
        down: bool,
    },
    /// The left button was pressed on a cell.
    Click {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
    },
    /// Library: open the selected article in the reader.
    OpenSelected,
    /// Library: start typing a text filter.
    FilterStart,
    /// Library: add a character to the text filter (the list follows live).
    FilterInput(char),
    /// Library: remove the last character of the text filter.
    FilterBackspace,
    /// Library and search box: clear the text typed, keep typing (Ctrl-u).
    FilterClearInput,
    /// Library and search box: delete the last word typed (Ctrl-w).
    FilterDeleteWord,
    /// Library: stop typing and keep the text filter.
    FilterKeep,
    /// Library: stop typing and clear the text filter.
    FilterClear,
    /// Library: open the tag picker.
    TagPicker,
    /// Library: remove every tag from the filter.
    ClearTags,
    /// Library: cycle the sort (date, title, path, reading time).
    SortNext,
    /// Library: reverse the sort.
    SortReverse,
    /// Library: list drafts (marked) or hide them.
    ToggleDrafts,
    /// Tag picker: tick or untick the tag under the cursor.
    PickerToggle,
    /// Tag picker: switch between all-of and any-of.
    PickerMode,
    /// Tag picker: apply the ticked tags and close.
    PickerApply,
    /// Tag picker: close without changing the filter.
    PickerCancel,
    /// Mark the article (reader) or the selected one (library) read or unread.
    ToggleRead,
    /// Library: show only unread and in-progress articles, or all.
    UnreadOnly,
    /// Library: show only the articles nothing links to (orphans), or all.
    OrphansOnly,
    /// Library: search the text of every article.
    SearchLibrary,
    /// Library: scan the folder again for new, changed and removed articles.
    Rescan,
    /// Open the article in `$VISUAL`/`$EDITOR` at the line on top of the screen.
    Edit,
    /// Copy the current section as a link (`path#anchor`) to the clipboard.
    CopySectionLink,
    /// Copy the code block nearest the top of the screen to the clipboard.
    CopyCode,
    /// Narrow the outline pane for this session.
    OutlineNarrower,
    /// Widen the outline pane for this session.
    OutlineWider,
    /// Show or hide each section's reading time in the outline.
    ToggleSectionTimes,
    /// Reader: label every link on screen, to follow one by its label.
    LinkHints,
    /// Reader: label every inline `#tag` on screen; the one chosen filters
    /// the library by that tag.
    TagHints,
    /// Reader: open the list of the article's links.
    LinkList,
    /// Reader: open the list of the links into the article ("Linked from").
    Backlinks,
    /// Show or hide the count of links into each section in the outline.
    ToggleSectionLinks,
    /// Links: a character typed (a hint label, or the list's filter).
    LinkInput(char),
    /// Links: remove the last character typed.
    LinkBackspace,
    /// Link list: select the next link.
    LinkDown,
    /// Link list: select the previous link.
    LinkUp,
    /// Link list: follow the selected link.
    LinkFollow,
    /// Close the link hints, the link list or the question about a link.
    LinkCancel,
    /// Open the external link asked about, in the browser.
    OpenUrl,
    /// Copy the external link asked about to the clipboard (OSC 52).
    CopyUrl,
    /// Go back to the place left by the last jump or followed link.
    HistoryBack,
    /// Go forward again to the place gone back from.
    HistoryForward,
    /// Reader: fold or unfold the first `<details>` summary on screen.
    ToggleDetails,
    /// Reader: wrap long code lines (marked `↪`), or cut them again.
    ToggleCodeWrap,
    /// Draw the whole screen again, from scratch.
    Redraw,
    /// Give the terminal back and stop, as Ctrl-z does in a shell; `fg`
    /// takes it again.
    Suspend,
}

impl Action {
    /// The action a name (`next-heading`) reads as, bindable or not (the
    /// keymap says which a key may be bound to).
    pub fn parse_name(name: &str) -> Option<Action> {
        let de = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name);
        Action::deserialize(de).ok()
    }

    /// The action's stable name (`next-heading`).
    pub fn name(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => s,
            // Actions with data are named by their variant.
            Ok(serde_json::Value::Object(map)) => map.keys().next().cloned().unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// What a screen asks of the app beyond its own state: leaving it, or an
/// article opened (which [`update`](super::update::update) turns into a job).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Load the article at this path and push it as a reader screen.
    Open(std::path::PathBuf),
    /// Pop the top screen; quit when it was the last one.
    Back,
    /// Quit the app.
    Quit,
    /// Hand the terminal to the user's editor on `path` at `line`, then
    /// read the article again.
    Edit {
        /// The article's file.
        path: std::path::PathBuf,
        /// The 1-based line to open at.
        line: usize,
    },
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Clear the terminal and draw the whole screen again.
    Redraw,
    /// Give the terminal back, stop until the shell resumes quire, take it
    /// again and draw everything.
    Suspend,
}
