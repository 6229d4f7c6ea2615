//! The key table: every binding of every mode, in the order the help lists
//! them, gathered from one file per screen.

mod help;
mod library;
mod links;
mod reader;
mod search;
mod view;

use std::sync::LazyLock;

use super::{Binding, Mode};

pub(super) const READ: &[Mode] = &[Mode::Reader, Mode::Outline];
pub(super) const TEXT: &[Mode] = &[Mode::Reader];
pub(super) const OUTLINE: &[Mode] = &[Mode::Outline];
pub(super) const SEARCH: &[Mode] = &[Mode::Search];
pub(super) const LIBRARY: &[Mode] = &[Mode::Library];
pub(super) const FILTER: &[Mode] = &[Mode::LibraryFilter];
pub(super) const PICKER: &[Mode] = &[Mode::TagPicker];
pub(super) const TAG_SEARCH: &[Mode] = &[Mode::TagSearch];
pub(super) const HELP: &[Mode] = &[Mode::Help];
pub(super) const HINTS: &[Mode] = &[Mode::Hints];
pub(super) const LINK_LIST: &[Mode] = &[Mode::LinkList];
pub(super) const PROMPT: &[Mode] = &[Mode::LinkPrompt];
pub(super) const FULL_SEARCH: &[Mode] = &[Mode::LibrarySearch];
pub(super) const RESULTS: &[Mode] = &[Mode::SearchResults];

/// Every binding, in the order the help overlay lists them. Typed characters
/// in [`Mode::Search`] are handled by [`super::action_for`] itself.
pub static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    [
        library::LIBRARY_1,
        search::SEARCH_1,
        reader::READER_1,
        help::HELP_1,
        reader::READER_2,
        view::VIEW_1,
        links::LINKS_1,
        reader::READER_3,
    ]
    .concat()
});
