//! The library screen's state: the scanned folder, the active filter and
//! sort, the rows they leave, the selection and scroll, the text filter being
//! typed, the tag picker and the preview cache. Changing it does no I/O:
//! previews are read by background jobs.

mod geometry;
pub mod jobs;
mod links;
mod memo;
mod picker;
pub mod remote;
pub mod scan;
pub mod source;
mod states;
mod update;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::library::{Filter, Library, Preview, Sort, TagMode};

use super::runtime::{JobId, ScreenId, StopFlag};

pub use geometry::{LibraryGeometry, PREVIEW_MIN_COLUMNS};
pub use links::{LinkCountJob, LinkCounts, LinksIn};
pub use memo::{PanelMemo, RowMemo, row_hasher};
pub use picker::TagPicker;
pub use source::{RemoteFolder, Source};
pub use states::{LibraryStates, mark, thousands};
pub use update::update;

/// One row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// An article: an index into [`Library::entries`].
    Article(usize),
    /// A file that could not be read: an index into [`Library::failures`].
    Failed(usize),
}

/// What the preview panel shows for the selected row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviewState {
    /// Loaded.
    Ready(Preview),
    /// The file could not be read when it was selected.
    Error(String),
}

/// The library screen.
#[derive(Debug, Clone)]
pub struct LibraryScreen {
    /// Names this screen for the jobs it asks for.
    pub id: ScreenId,
    /// The scanned folder.
    pub library: Library,
    /// The applied filter.
    pub filter: Filter,
    /// The applied sort.
    pub sort: Sort,
    /// The rows the filter leaves, in sort order; failed files last.
    pub rows: Vec<Row>,
    /// The selected row (an index into `rows`; 0 when there is none).
    pub selected: usize,
    /// The first row on screen.
    pub scroll: usize,
    /// List rows that fit on screen, set on resize.
    pub list_height: usize,
    /// Rows of the terminal, set on resize.
    pub height: u16,
    /// Columns of the terminal, set on resize (0 until the first).
    pub width: u16,
    /// A note for the footer until the next key (e.g. why a file did not open).
    pub message: Option<String>,
    /// `Some` while a text filter is being typed (the filter follows it live).
    pub typing: Option<String>,
    /// The tag picker, when open.
    pub picker: Option<TagPicker>,
    /// Where each part goes on screen, set on resize.
    pub geometry: LibraryGeometry,
    /// Previews by entry index, loaded on selection.
    previews: HashMap<usize, PreviewState>,
    /// The preview being read in the background (one at a time).
    preview_job: Option<(usize, JobId)>,
    /// The watch on the library's folder, and how to stop it.
    pub watch: Option<(JobId, StopFlag)>,
    /// True until the folder's watch is asked for, once the first rows are
    /// in: a watch's start looks at every file under it, work that would
    /// compete with them.
    pub watch_later: bool,
    /// How the folder is walked, for a rescan (`R`, or a change seen).
    pub scan_options: crate::library::ScanOptions,
    /// Reading states, the unread-only view and the scan streaming in.
    pub states: LibraryStates,
    /// The links into each article, the "links in" sort and the orphans view.
    pub links: LinksIn,
    /// A folder on disk, or a repository's folder read by address.
    pub source: Source,
    /// The preview panel as last drawn, for a frame that shows it again.
    pub preview_drawn: PanelMemo,
    /// The list's rows as last drawn, for frames that show them again.
    pub rows_drawn: RowMemo,
}

impl LibraryScreen {
    /// A screen over `library` with `filter` applied, on a terminal of
    /// `height` rows.
    pub fn new(library: Library, filter: Filter, height: u16) -> LibraryScreen {
        let mut screen = LibraryScreen {
            id: ScreenId::fresh(),
            library,
            filter,
            sort: Sort::default(),
            rows: Vec::new(),
            selected: 0,
            scroll: 0,
            list_height: 1,
            height,
            width: 0,
            message: None,
            typing: None,
            picker: None,
            geometry: LibraryGeometry::default(),
            previews: HashMap::new(),
            watch: None,
            watch_later: false,
            scan_options: crate::library::ScanOptions::default(),
            preview_job: None,
            states: LibraryStates::default(),
            links: LinksIn::default(),
            source: Source::Local,
            preview_drawn: PanelMemo::default(),
            rows_drawn: RowMemo::default(),
        };
        screen.resize(0, height);
        screen.refilter();
        screen
    }

    /// Recomputes the rows after a change of filter or sort, keeping the
    /// selected article selected when it is still listed.
    pub fn refilter(&mut self) {
        let keep = self.rows.get(self.selected).copied();
        let mut articles = self.library.select(&self.filter, self.sort);
        self.apply_states(&mut articles);
        self.apply_links(&mut articles);
        let mut rows: Vec<Row> = articles.into_iter().map(Row::Article).collect();
        rows.extend(
            self.library
                .select_failures(&self.filter)
                .into_iter()
                .map(Row::Failed),
        );
        self.rows = rows;
        self.selected = keep
            .and_then(|row| self.rows.iter().position(|r| *r == row))
            .unwrap_or(0);
        self.follow();
    }

    /// The terminal now has `width` columns and `height` rows.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.geometry = LibraryGeometry::new(width, height);
        self.list_height = usize::from(self.geometry.list.height.max(1));
        if let Some(picker) = &mut self.picker {
            picker.resize(height);
        }
        self.follow();
    }

    /// Scrolls so the selection is on screen.
    fn follow(&mut self) {
        let max_scroll = self.rows.len().saturating_sub(self.list_height);
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll.saturating_add(self.list_height) {
            self.scroll = self
                .selected
                .saturating_add(1)
                .saturating_sub(self.list_height);
        }
        self.scroll = self.scroll.min(max_scroll);
    }

    /// The selected row, if any row is listed.
    pub fn selected_row(&self) -> Option<Row> {
        self.rows.get(self.selected).copied()
    }

    /// Moves the selection down (positive) or up (negative), stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.follow();
    }

    /// Moves by one screen of rows.
    pub fn page(&mut self, down: bool) {
        let n = isize::try_from(self.list_height).unwrap_or(isize::MAX);
        self.move_by(if down { n } else { -n });
    }

    /// Selects the first row.
    pub fn top(&mut self) {
        self.selected = 0;
        self.follow();
    }

    /// Selects the last row.
    pub fn bottom(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
        self.follow();
    }

    /// The file to open for the selected row: an article's full path (or,
    /// in a repository's folder, its address).
    pub fn open_path(&self) -> Option<PathBuf> {
        match self.selected_row()? {
            Row::Article(i) => Some(
                self.source
                    .open_path(&self.library.root, &self.library.entries[i].path),
            ),
            Row::Failed(_) => None,
        }
    }

    /// Sorts by `key` (the config's first order).
    pub fn set_sort_key(&mut self, key: crate::library::SortKey) {
        if self.sort.key != key {
            self.sort.key = key;
            self.refilter();
        }
    }

    /// Cycles the sort key (date, title, path, reading time, last opened,
    /// links in).
    pub fn sort_next(&mut self) {
        self.sort.key = self.sort.key.next();
        self.refilter();
    }

    /// Reverses the sort.
    pub fn sort_reverse(&mut self) {
        self.sort.reverse = !self.sort.reverse;
        self.refilter();
    }

    /// Lists drafts or hides them.
    pub fn toggle_drafts(&mut self) {
        self.filter.drafts = !self.filter.drafts;
        self.refilter();
    }

    /// Starts typing a text filter, from the one applied.
    pub fn filter_start(&mut self) {
        self.typing = Some(self.filter.text.clone());
    }

    /// Adds a typed character; the rows follow at once.
    pub fn filter_input(&mut self, c: char) {
        if let Some(text) = &mut self.typing {
            text.push(c);
            self.filter.text = text.clone();
            self.refilter();
        }
    }

    /// Removes the last typed character.
    pub fn filter_backspace(&mut self) {
        if let Some(text) = &mut self.typing {
            text.pop();
            self.filter.text = text.clone();
            self.refilter();
        }
    }

    /// Changes the text being typed with `edit` (Ctrl-u, Ctrl-w).
    pub fn filter_edit(&mut self, edit: impl FnOnce(&mut String)) {
        if let Some(text) = &mut self.typing {
            edit(text);
            if *text != self.filter.text {
                self.filter.text = text.clone();
                self.refilter();
            }
        }
    }

    /// Stops typing and keeps the filter.
    pub fn filter_done(&mut self) {
        self.typing = None;
    }

    /// Stops typing and clears the text filter.
    pub fn filter_clear(&mut self) {
        self.typing = None;
        if !self.filter.text.is_empty() {
            self.filter.text.clear();
            self.refilter();
        }
    }

    /// Clears the text filter when one is applied; returns false when there
    /// was none (Esc then means leave).
    pub fn cancel(&mut self) -> bool {
        if self.filter.text.is_empty() {
            return false;
        }
        self.filter_clear();
        true
    }

    /// Removes every tag from the filter.
    pub fn clear_tags(&mut self) {
        if !self.filter.tags.is_empty() {
            self.filter.tags.clear();
            self.refilter();
        }
    }

    /// Shows only the articles tagged `tag` (or a tag under it), from the
    /// top: a tag followed from the reader. The text filter goes (it would
    /// hide some of them); drafts, unread and orphans stay as they were.
    pub fn filter_by_tag(&mut self, tag: &str) {
        self.picker = None;
        self.typing = None;
        self.filter.text.clear();
        self.filter.tags = vec![tag.to_string()];
        self.filter.mode = TagMode::All;
        self.refilter();
        self.top();
        self.message = Some(format!(
            "only #{} and the tags under it · T clears the tag filter",
            crate::sanitize::sanitize_line(tag)
        ));
    }

    /// Opens the tag picker on the applied tags, with counts over the other
    /// filters.
    pub fn picker_open(&mut self) {
        self.picker = Some(TagPicker::new(&self.library, &self.filter, self.height));
        self.picker_recount();
    }

    /// Ticks or unticks the picker's tag under the cursor.
    pub fn picker_toggle(&mut self) {
        if let Some(picker) = &mut self.picker {
            picker.toggle();
            self.picker_recount();
        }
    }

    /// Switches the picker between all-of and any-of.
    pub fn picker_toggle_mode(&mut self) {
        if let Some(picker) = &mut self.picker {
            picker.toggle_mode();
            self.picker_recount();
        }
    }

    /// Counts the articles the picker's choice would leave, for its title:
    /// once per change of choice, not once per frame.
    fn picker_recount(&mut self) {
        let Some(picker) = &self.picker else {
            return;
        };
        let filter = Filter {
            tags: picker.chosen_names(),
            mode: picker.mode,
            ..self.filter.clone()
        };
        let n = self.library.select(&filter, self.sort).len();
        if let Some(picker) = &mut self.picker {
            picker.would_show = n;
        }
    }

    /// Closes the picker, applying its choice.
    pub fn picker_apply(&mut self) {
        if let Some(picker) = self.picker.take() {
            self.filter.tags = picker.chosen_names();
            self.filter.mode = picker.mode;
            self.refilter();
        }
    }

    /// Closes the picker without changing the filter.
    pub fn picker_cancel(&mut self) {
        self.picker = None;
    }

    /// The preview of the selected row, when loaded.
    pub fn preview(&self) -> Option<&PreviewState> {
        match self.selected_row()? {
            Row::Article(i) => self.previews.get(&i),
            Row::Failed(_) => None,
        }
    }

    /// The entry and file whose preview should be read now, when the
    /// panel shows and no preview is being read: the selected article's when it is not cached,
    /// else (in a folder on disk) the next row's, then the previous row's,
    /// so that a move by one row finds its preview ready and draws once.
    pub fn preview_wanted(&self) -> Option<(usize, PathBuf)> {
        // Too narrow for the panel: nothing to read (until a resize).
        let hidden = self.width > 0 && self.geometry.preview.is_none();
        if self.preview_job.is_some() || hidden {
            return None;
        }
        let uncached = |row: Option<&Row>| match row {
            Some(&Row::Article(i)) if !self.previews.contains_key(&i) => Some(i),
            _ => None,
        };
        let i = match self.selected_row()? {
            Row::Article(i) if !self.previews.contains_key(&i) => i,
            Row::Article(_) | Row::Failed(_) if self.source.remote().is_none() => {
                let ahead = self.rows.get(self.selected + 1);
                let behind = self.selected.checked_sub(1).and_then(|r| self.rows.get(r));
                uncached(ahead).or_else(|| uncached(behind))?
            }
            _ => return None,
        };
        let path = self
            .source
            .open_path(&self.library.root, &self.library.entries[i].path);
        Some((i, path))
    }

    /// Notes that the preview of `entry` is being read by job `id`.
    pub fn preview_requested(&mut self, entry: usize, id: JobId) {
        self.preview_job = Some((entry, id));
    }

    /// Puts a preview in the cache (a job's result, or for screens drawn
    /// without files).
    pub fn set_preview(&mut self, entry: usize, state: PreviewState) {
        let Some(entry) = self.renumber_preview(entry) else {
            return;
        };
        if self.preview_job.is_some_and(|(e, _)| e == entry) {
            self.preview_job = None;
        }
        self.previews.insert(entry, state);
    }

    /// The header's words for the active filters, e.g.
    /// `tags: AI + FLOSS (all) · "rust" · drafts hidden`.
    pub fn filter_summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.filter.tags.is_empty() {
            let join = match self.filter.mode {
                TagMode::All => " + ",
                TagMode::Any => " | ",
            };
            let mode = match self.filter.mode {
                TagMode::All => "all of",
                TagMode::Any => "any of",
            };
            // The library's spelling, not what was typed after --tag.
            let names: Vec<&str> = self
                .filter
                .tags
                .iter()
                .map(|t| match self.library.tag_id(t) {
                    Some(id) => self.library.tags()[id].name.as_str(),
                    None => t.as_str(),
                })
                .collect();
            parts.push(format!("tags: {} ({mode})", names.join(join)));
        }
        if !self.filter.text.trim().is_empty() {
            parts.push(format!("text: \"{}\"", self.filter.text.trim()));
        }
        if !self.filter.drafts {
            parts.push("drafts hidden".to_string());
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests;
