//! The library's memory: each article's reading state (unread, in progress,
//! read), the unread-only view (`U`), the "last opened" sort, `m`, and the
//! rows of a scan arriving while the screen is up. No I/O: the scan and the
//! states come from memory jobs.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::scan::ScanRows;
use crate::library::{Library, SortKey, path_order};
use crate::store::ReadingState;
use crate::tui::runtime::JobId;
use crate::tui::state::MemoryJob;

use super::{LibraryScreen, Row};

/// What the library screen knows of reading.
#[derive(Debug, Clone, Default)]
pub struct LibraryStates {
    /// True when quire remembers (rows show their state).
    pub enabled: bool,
    /// The library's canonical folder, once the scan job has told it.
    pub root: Option<PathBuf>,
    /// States of the articles opened at least once, by relative path.
    pub by_path: HashMap<PathBuf, ReadingState>,
    /// `U`: only unread and in-progress articles.
    pub unread_only: bool,
    /// Articles never started (●), over the whole library.
    pub unread: usize,
    /// Articles started and not finished (a percent), over the whole library.
    pub in_progress: usize,
    /// The scan streaming rows in, while it runs.
    pub scan: Option<JobId>,
    /// Files checked so far and, when the cache tells, how many there are.
    pub progress: Option<(usize, Option<usize>)>,
    /// While a scan streams the cache's rows in: how many articles the
    /// cache knows, so that the header counts the whole library from the
    /// first rows on and the rows after them change nothing on screen.
    pub expected: Option<usize>,
    /// The preview being read was asked for under this entry number, which
    /// new rows have changed to the second (`None`: the article is gone).
    renumbered: Option<(usize, Option<usize>)>,
}

/// A row's mark: ● unread, NN% in progress, ✓ read.
pub fn mark(state: Option<&ReadingState>) -> String {
    match state {
        Some(s) if s.read => "✓".to_string(),
        Some(s) if s.in_progress() => format!("{}%", s.percent()),
        _ => "●".to_string(),
    }
}

impl LibraryScreen {
    /// The reading state of entry `i`, if it was ever opened.
    pub fn state_of(&self, i: usize) -> Option<&ReadingState> {
        let entry = self.library.entries.get(i)?;
        self.states.by_path.get(&entry.path)
    }

    fn is_read(&self, i: usize) -> bool {
        self.state_of(i).is_some_and(|s| s.read)
    }

    /// Applies the unread-only view and the "last opened" sort to the
    /// filtered article indices, and recounts the unread.
    pub(super) fn apply_states(&mut self, rows: &mut Vec<usize>) {
        if !self.states.enabled || self.states.by_path.is_empty() {
            return;
        }
        if self.states.unread_only {
            rows.retain(|&i| !self.is_read(i));
        }
        if self.sort.key == SortKey::LastOpened {
            let opened = |i: usize| self.state_of(i).and_then(|s| s.last_opened);
            // Never opened last either way; ties keep the path order.
            rows.sort_by(|&a, &b| match (opened(a), opened(b)) {
                (Some(x), Some(y)) if self.sort.reverse => x.cmp(&y),
                (Some(x), Some(y)) => y.cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
        }
    }

    /// Counts the articles not read yet: when states or rows change, not
    /// on every keystroke of a filter.
    fn recount(&mut self) {
        let mut unread = 0;
        let mut started = 0;
        for i in 0..self.library.entries.len() {
            match self.state_of(i) {
                Some(s) if s.read => {}
                Some(s) if s.in_progress() => started += 1,
                _ => unread += 1,
            }
        }
        // The articles still to come are counted by their states, known
        // for the whole library: unread but those read or started.
        let coming = self.coming();
        if coming > 0 {
            let (mut read, mut going) = (0, 0);
            for (path, s) in &self.states.by_path {
                if self.entry_of(path).is_some() {
                    continue;
                }
                if s.read {
                    read += 1;
                } else if s.in_progress() {
                    going += 1;
                }
            }
            unread += coming.saturating_sub(read + going);
            started += going;
        }
        self.states.unread = unread;
        self.states.in_progress = started;
    }

    /// Articles the cache knows that are not in yet.
    fn coming(&self) -> usize {
        self.states
            .expected
            .map_or(0, |n| n.saturating_sub(self.library.len()))
    }

    /// The header's counts: the rows listed and the articles, each with
    /// the articles still to come from the cache ([`LibraryStates::expected`]),
    /// which count as listed when nothing is filtered out.
    pub fn counts(&self) -> (usize, usize) {
        let coming = self.coming();
        let everything =
            self.filter.is_empty() && !self.states.unread_only && !self.links.orphans_only;
        let listed = self.rows.len() + if everything { coming } else { 0 };
        (listed, self.library.len() + coming)
    }

    /// `U`: shows only unread and in-progress articles, or everything.
    pub fn toggle_unread_only(&mut self) {
        if !self.states.enabled {
            self.message = Some("quire runs without memory (--no-state)".into());
            return;
        }
        self.states.unread_only = !self.states.unread_only;
        self.refilter();
    }

    /// Takes in states from the store (merged over what is known).
    pub fn set_states(&mut self, root: PathBuf, states: HashMap<PathBuf, ReadingState>) {
        self.states.root = Some(root);
        self.states.by_path.extend(states);
        self.recount();
        self.refilter();
    }

    /// A reader of the article at `path` (as opened: the library's folder
    /// joined with the entry's path) was left with `state`.
    pub fn learn_state(&mut self, path: &Path, state: ReadingState) {
        // A repository's file is read at an address under the states' root.
        let rel = path.strip_prefix(&self.library.root).ok().or_else(|| {
            let root = self.states.root.as_ref()?;
            path.strip_prefix(root).ok()
        });
        let Some(rel) = rel else {
            return;
        };
        self.states.by_path.insert(rel.to_path_buf(), state);
        self.recount();
        self.refilter();
    }

    /// `m`: the selected article becomes unread when read, else read.
    pub fn toggle_read(&mut self) -> Option<MemoryJob> {
        let Some(Row::Article(i)) = self.selected_row() else {
            return None;
        };
        let Some(root) = &self.states.root else {
            self.message = Some("the reading states are still loading".into());
            return None;
        };
        let rel = self.library.entries[i].path.clone();
        let key = root.join(&rel).to_string_lossy().into_owned();
        let state = self.states.by_path.entry(rel).or_default();
        let read = !state.read;
        state.read = read;
        if !read {
            state.progress = 0.0;
        }
        self.message = Some(if read { "marked read" } else { "marked unread" }.into());
        self.recount();
        self.refilter();
        Some(MemoryJob::MarkRead { key, read })
    }

    /// Takes in rows of the scan: the screen shows them at once, keeping the
    /// selected article and its place on screen (the top row stays the top
    /// until the selection is moved), and the filters as they are.
    pub fn add_rows(&mut self, rows: ScanRows) {
        self.states.progress = if rows.done || rows.quiet {
            None
        } else {
            Some((rows.seen, rows.total))
        };
        let expected = if rows.done { None } else { rows.known };
        let recount = expected != self.states.expected;
        self.states.expected = expected;
        if rows.done {
            self.states.scan = None;
        }
        if !self.merge(vec![rows]) && recount {
            self.recount();
        }
        self.renew_picker();
    }

    /// An open tag picker over the library as it is now: the same ticks,
    /// mode and name filter, the cursor on the same tag.
    fn renew_picker(&mut self) {
        let Some(old) = self.picker.take() else {
            return;
        };
        let filter = crate::library::Filter {
            tags: old.chosen_names(),
            mode: old.mode,
            ..self.filter.clone()
        };
        let mut picker = super::TagPicker::new(&self.library, &filter, self.height);
        if !old.query.is_empty() {
            picker.search_start();
            for c in old.query.chars() {
                picker.search_input(c);
            }
            if !old.typing {
                picker.search_keep();
            }
        }
        let under = old.current().map(|i| old.tags[i].name.clone());
        if let Some(at) = under.and_then(|name| {
            picker
                .shown
                .iter()
                .position(|&i| picker.tags[i].name == name)
        }) {
            picker.move_by(isize::try_from(at).unwrap_or(0));
        }
        self.picker = Some(picker);
        self.picker_recount();
    }

    /// Takes in the rows of `batches`; false when they held none.
    fn merge(&mut self, batches: Vec<ScanRows>) -> bool {
        if batches
            .iter()
            .all(|b| b.entries.is_empty() && b.failures.is_empty() && b.gone.is_empty())
        {
            return false;
        }
        let selected = self.selected_path();
        let offset = self.selected.saturating_sub(self.scroll);
        let moved = self.selected > 0;
        let root = self.library.root.clone();
        let mut entries = std::mem::take(&mut self.library.entries);
        let mut failures = std::mem::take(&mut self.library.failures);
        // By path, while the entry numbers are still the ones they were asked under.
        let previews = self.previews_by_path(&entries);
        let reading = self
            .preview_job
            .and_then(|(e, id)| entries.get(e).map(|x| (e, id, x.path.clone())));
        // Files gone, and files that failed this time: few, so hashed. A
        // row read again replaces its old row when the rows are merged.
        let gone: HashSet<&Path> = batches
            .iter()
            .flat_map(|b| b.gone.iter().chain(b.failures.iter().map(|f| &f.path)))
            .map(PathBuf::as_path)
            .collect();
        if !gone.is_empty() {
            entries.retain(|e| !gone.contains(e.path.as_path()));
            failures.retain(|f| !gone.contains(f.path.as_path()));
        }
        if !failures.is_empty() {
            // A file that failed before and reads now.
            let read: HashSet<&Path> = batches
                .iter()
                .flat_map(|b| b.entries.iter().map(|e| e.path.as_path()))
                .collect();
            failures.retain(|f| !read.contains(f.path.as_path()));
        }
        drop(gone);
        for b in batches {
            let mut new = b.entries;
            // Sorted runs: the library's sort merges them with the rows shown.
            new.sort_by(|x, y| path_order(&x.path, &y.path));
            entries.extend(new);
            failures.extend(b.failures);
        }
        self.library = Library::from_rows(root, entries, failures);
        self.restore_previews(previews);
        if let Some((e, id, path)) = reading {
            let now = self.entry_of(&path);
            let asked = self.states.renumbered.map_or(e, |(first, _)| first);
            self.states.renumbered = Some((asked, now));
            self.preview_job = now.map(|n| (n, id));
        }
        self.rows.clear();
        self.recount();
        self.links_changed();
        self.refilter();
        if moved {
            if let Some(at) = selected.and_then(|p| self.row_of(&p)) {
                self.selected = at;
                self.scroll = at.saturating_sub(offset);
            }
        } else {
            self.selected = 0;
            self.scroll = 0;
        }
        self.follow();
        true
    }

    /// The number of the entry at `path`: a binary search, the entries
    /// being in path order.
    fn entry_of(&self, path: &Path) -> Option<usize> {
        self.library
            .entries
            .binary_search_by(|e| path_order(&e.path, path))
            .ok()
    }

    /// The entry a finished preview is for now that rows have moved:
    /// `None` drops it (its article is gone).
    pub(super) fn renumber_preview(&mut self, entry: usize) -> Option<usize> {
        match self.states.renumbered {
            Some((asked, now)) if asked == entry => {
                self.states.renumbered = None;
                now
            }
            _ => Some(entry),
        }
    }

    /// The path of the selected row (an article's or a failed file's).
    fn selected_path(&self) -> Option<PathBuf> {
        match self.selected_row()? {
            Row::Article(i) => Some(self.library.entries[i].path.clone()),
            Row::Failed(i) => Some(self.library.failures[i].path.clone()),
        }
    }

    fn row_of(&self, path: &Path) -> Option<usize> {
        let row = match self.entry_of(path) {
            Some(i) => Row::Article(i),
            None => Row::Failed(
                self.library
                    .failures
                    .iter()
                    .position(|f| path_order(&f.path, path).is_eq())?,
            ),
        };
        self.rows.iter().position(|&r| r == row)
    }

    /// The cached previews by path, before the entries are renumbered.
    fn previews_by_path(
        &mut self,
        entries: &[crate::library::Entry],
    ) -> Vec<(PathBuf, super::PreviewState)> {
        std::mem::take(&mut self.previews)
            .into_iter()
            .filter_map(|(i, p)| entries.get(i).map(|e| (e.path.clone(), p)))
            .collect()
    }

    fn restore_previews(&mut self, previews: Vec<(PathBuf, super::PreviewState)>) {
        let moved: Vec<(usize, super::PreviewState)> = previews
            .into_iter()
            .filter_map(|(p, state)| self.entry_of(&p).map(|i| (i, state)))
            .collect();
        self.previews.extend(moved);
    }

    /// The header's words for the scan and the unread count, e.g.
    /// `· 12 unread · 3 in progress · scanning 12,400 / 100,000`.
    pub fn memory_summary(&self) -> String {
        let mut parts = Vec::new();
        if self.states.enabled {
            parts.push(format!("{} unread", thousands(self.states.unread)));
            if self.states.in_progress > 0 {
                parts.push(format!(
                    "{} in progress",
                    thousands(self.states.in_progress)
                ));
            }
        }
        if self.states.unread_only {
            parts.push("unread only".to_string());
        }
        if let Some((seen, total)) = self.states.progress {
            parts.push(match total {
                Some(t) => format!("scanning {} / {}", thousands(seen), thousands(t)),
                None => format!("scanning {}", thousands(seen)),
            });
        }
        parts.join(" · ")
    }
}

/// `12400` as `12,400`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
