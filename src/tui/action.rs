//! The app's vocabulary: every key, mouse event and resize becomes an [`Action`].

/// Something the user asked for. Keys become actions in
/// [`keymap`](super::keymap); [`update`](super::update::update) carries them out.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// A background job finished (not a key: the event loop sends it).
    Done(Box<super::jobs::Done>),
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
}
