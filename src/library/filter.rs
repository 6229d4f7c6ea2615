//! What the library shows: the filter (words, tags, all or any, drafts) and
//! the sort order.

/// Whether an article needs all the selected tags or any one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum TagMode {
    /// Every selected tag.
    #[default]
    All,
    /// At least one selected tag.
    Any,
}

impl TagMode {
    /// The other mode.
    pub fn toggled(self) -> TagMode {
        match self {
            TagMode::All => TagMode::Any,
            TagMode::Any => TagMode::All,
        }
    }
}

/// Which articles to show.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Words that must all appear in the title, tags or file name
    /// (case-insensitive); empty shows everything.
    pub text: String,
    /// Selected tags, in any case; empty shows everything.
    pub tags: Vec<String>,
    /// All of `tags`, or any of them.
    pub mode: TagMode,
    /// Whether drafts are listed.
    pub drafts: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            text: String::new(),
            tags: Vec::new(),
            mode: TagMode::All,
            drafts: true,
        }
    }
}

impl Filter {
    /// True when nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.tags.is_empty() && self.drafts
    }
}

/// What rows are ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum SortKey {
    /// Newest first; undated articles last.
    #[default]
    Date,
    /// Title A to Z, case-insensitive.
    Title,
    /// File path A to Z.
    Path,
    /// Shortest read first.
    ReadingTime,
    /// Most recently opened first. The library alone does not know when an
    /// article was opened: [`Library::sort_indices`](super::Library::sort_indices)
    /// leaves these rows in path order for the caller that knows (the TUI's
    /// reading states).
    LastOpened,
    /// Most linked to first: the links into each article from the others.
    /// The library alone does not count links either: these rows stay in
    /// path order for the caller that knows (the TUI's link counts, `quire
    /// list --sort links-in`).
    LinksIn,
}

impl SortKey {
    /// The next key in the cycle date, title, path, reading time, last
    /// opened, links in.
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Date => SortKey::Title,
            SortKey::Title => SortKey::Path,
            SortKey::Path => SortKey::ReadingTime,
            SortKey::ReadingTime => SortKey::LastOpened,
            SortKey::LastOpened => SortKey::LinksIn,
            SortKey::LinksIn => SortKey::Date,
        }
    }

    /// A short name for headers.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Title => "title",
            SortKey::Path => "path",
            SortKey::ReadingTime => "reading time",
            SortKey::LastOpened => "last opened",
            SortKey::LinksIn => "links in",
        }
    }
}

/// An order of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Sort {
    /// The key.
    pub key: SortKey,
    /// Reverse the key's natural order (ties stay by path, undated stay last).
    pub reverse: bool,
}
