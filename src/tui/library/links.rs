//! The library's links in: how many links lead into each article from the
//! others (the store's link index, brought up to date and counted by a job
//! this feature owns), the "links in" sort and the orphans view (`O`: the
//! articles nothing links to). Counted only once one of them is asked for,
//! so a library that never sorts by links pays nothing.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::library::{ScanOptions, SortKey};
use crate::links::backlinks::LinkIndex;
use crate::tui::runtime::JobId;

use super::LibraryScreen;

/// Links into each article by its path relative to the library, or why
/// they could not be counted.
pub type LinkCounts = Result<HashMap<PathBuf, usize>, String>;

/// What the library screen knows of the links between its articles.
#[derive(Debug, Clone, Default)]
pub struct LinksIn {
    /// The links into each article, once counted.
    pub counts: Option<HashMap<PathBuf, usize>>,
    /// The job counting them, while it runs.
    pub job: Option<JobId>,
    /// True when the folder changed since they were counted: counted again
    /// while they are wanted.
    pub stale: bool,
    /// `O`: only the articles nothing links to.
    pub orphans_only: bool,
}

/// Brings the link index of a library's folder up to date and counts the
/// links into each article: a first count reads every article, later ones
/// only the files changed since.
#[derive(Debug, Clone)]
pub struct LinkCountJob {
    /// The library's folder.
    pub root: PathBuf,
    /// The database file of the index (`None`: in memory).
    pub db: Option<PathBuf>,
    /// How the folder is walked (the library's own options).
    pub options: ScanOptions,
}

impl LinkCountJob {
    /// Does the work (on a thread of its own: it may read every article).
    pub fn run(self) -> LinkCounts {
        let mut index = match &self.db {
            Some(db) => LinkIndex::open(db),
            None => LinkIndex::open_in_memory(),
        }
        .map_err(|e| e.to_string())?;
        index
            .refresh(&self.root, &self.options)
            .map_err(|e| e.to_string())?;
        index.counts(&self.root).map_err(|e| e.to_string())
    }
}

impl LibraryScreen {
    /// True when the rows need the link counts: sorted by links in, or
    /// only the orphans shown (in a folder on disk: a repository's folder
    /// read by address has no link index, and stays in path order).
    pub fn links_used(&self) -> bool {
        (self.sort.key == SortKey::LinksIn || self.links.orphans_only)
            && self.source.remote().is_none()
    }

    /// The job to start now for the counts: when they are used, not known
    /// (or stale, once the scan bringing the changes is over) and not
    /// being counted.
    pub fn link_count_wanted(&self, db: Option<PathBuf>) -> Option<LinkCountJob> {
        let stale = self.links.stale && self.states.scan.is_none();
        let known = self.links.counts.is_some() && !stale;
        if !self.links_used() || known || self.links.job.is_some() {
            return None;
        }
        Some(LinkCountJob {
            root: self.library.root.clone(),
            db,
            options: self.scan_options.clone(),
        })
    }

    /// Notes that job `id` counts the links.
    pub fn link_count_requested(&mut self, id: JobId) {
        self.links.job = Some(id);
        self.links.stale = false;
    }

    /// Takes in the counts of job `id`; false when it is not the one
    /// asked for (a result the library moved past). For a library without
    /// the app around it; in the app, the table of jobs in flight drops
    /// what is stale and [`LibraryScreen::finish`] takes the rest.
    pub fn set_link_counts(&mut self, id: JobId, counts: LinkCounts) -> bool {
        if self.links.job != Some(id) {
            return false;
        }
        self.take_link_counts(counts);
        true
    }

    /// Takes in the counts of the job asked for last.
    pub fn take_link_counts(&mut self, counts: LinkCounts) {
        self.links.job = None;
        match counts {
            Ok(counts) => {
                self.links.counts = Some(counts);
                self.refilter();
            }
            Err(why) => {
                self.message = Some(format!("links in: {why}"));
                // Not asked again until the user asks (or the folder changes).
                self.links.counts.get_or_insert_with(HashMap::new);
                self.refilter();
            }
        }
    }

    /// The folder's articles changed: counts known are counted again when
    /// next used, once the scan is over (not once per batch of rows).
    pub(super) fn links_changed(&mut self) {
        if self.links.counts.is_some() {
            self.links.stale = true;
        }
    }

    /// `O`: only the articles nothing links to, or every article.
    pub fn toggle_orphans(&mut self) {
        if self.source.remote().is_some() && !self.links.orphans_only {
            self.message = Some("links are counted in a folder on disk only".into());
            return;
        }
        self.links.orphans_only = !self.links.orphans_only;
        self.refilter();
    }

    /// The links into entry `i`, once counted.
    pub fn links_into(&self, i: usize) -> Option<usize> {
        let counts = self.links.counts.as_ref()?;
        let entry = self.library.entries.get(i)?;
        Some(counts.get(&entry.path).copied().unwrap_or(0))
    }

    /// True while the links are being counted for rows that need them.
    pub fn counting_links(&self) -> bool {
        self.links_used() && self.links.job.is_some()
    }

    /// Applies the orphans view and the "links in" sort to the filtered
    /// article indices (in the library's order, path order for this key).
    pub(super) fn apply_links(&self, rows: &mut Vec<usize>) {
        if !self.links_used() {
            return;
        }
        if self.links.orphans_only {
            // Not counted yet: nothing is known to be an orphan.
            rows.retain(|&i| self.links_into(i) == Some(0));
        }
        if self.sort.key == SortKey::LinksIn && self.links.counts.is_some() {
            let n = |i: usize| self.links_into(i).unwrap_or(0);
            // Most linked first (fewest reversed); ties keep the path order.
            if self.sort.reverse {
                rows.sort_by_key(|&i| n(i));
            } else {
                rows.sort_by_key(|&i| std::cmp::Reverse(n(i)));
            }
        }
    }

    /// The header's words for the links, e.g. `orphans · counting links…`.
    pub fn links_summary(&self) -> String {
        let mut parts = Vec::new();
        if self.links.orphans_only {
            parts.push("orphans");
        }
        if self.counting_links() {
            parts.push("counting links…");
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Meta, Peek};
    use crate::library::{Entry, Filter, Library};
    use crate::tui::library::scan::ScanRows;

    fn entry(path: &str) -> Entry {
        let meta = Meta {
            title: path.to_string(),
            ..Meta::default()
        };
        let peek = Peek {
            meta,
            words: 10,
            warnings: vec![],
        };
        Entry::new(PathBuf::from(path), 60, peek)
    }

    fn screen() -> LibraryScreen {
        let entries = ["a.md", "b.md", "c.md", "d.md"].map(entry).to_vec();
        let lib = Library::from_parts(PathBuf::from("root"), entries, vec![]);
        LibraryScreen::new(lib, Filter::default(), 20)
    }

    fn paths(s: &LibraryScreen) -> Vec<String> {
        s.rows
            .iter()
            .filter_map(|r| match r {
                super::super::Row::Article(i) => Some(s.library.entries[*i].path_string()),
                super::super::Row::Failed(_) => None,
            })
            .collect()
    }

    fn counts() -> LinkCounts {
        Ok(HashMap::from([
            (PathBuf::from("c.md"), 3),
            (PathBuf::from("a.md"), 1),
            (PathBuf::from("d.md"), 1),
        ]))
    }

    #[test]
    fn most_linked_first_ties_by_path_and_reversed_fewest_first() {
        let mut s = screen();
        s.set_sort_key(SortKey::LinksIn);
        let job = s.link_count_wanted(None).expect("asked once sorted by it");
        assert_eq!(job.root, PathBuf::from("root"));
        s.link_count_requested(7);
        assert!(s.link_count_wanted(None).is_none(), "not twice");
        assert!(s.counting_links());
        // A result not asked for is dropped.
        assert!(!s.set_link_counts(6, counts()));
        assert!(s.set_link_counts(7, counts()));
        assert_eq!(paths(&s), ["c.md", "a.md", "d.md", "b.md"]);
        s.sort_reverse();
        assert_eq!(paths(&s), ["b.md", "a.md", "d.md", "c.md"]);
    }

    #[test]
    fn orphans_are_the_articles_with_no_link_in() {
        let mut s = screen();
        s.toggle_orphans();
        assert!(paths(&s).is_empty(), "none known before the count");
        s.link_count_requested(1);
        s.set_link_counts(1, counts());
        assert_eq!(paths(&s), ["b.md"]);
        assert_eq!(s.links_summary(), "orphans");
        s.toggle_orphans();
        assert_eq!(paths(&s).len(), 4);
        assert!(s.link_count_wanted(None).is_none(), "not used any more");
    }

    #[test]
    fn a_change_in_the_folder_counts_again_while_they_are_used() {
        let mut s = screen();
        s.toggle_orphans();
        s.link_count_requested(1);
        s.set_link_counts(1, counts());
        assert!(s.link_count_wanted(None).is_none());
        s.states.scan = Some(3);
        let rows = |done| ScanRows {
            entries: vec![entry("e.md")],
            failures: vec![],
            gone: vec![],
            seen: 5,
            total: None,
            done,
            ..ScanRows::default()
        };
        s.add_rows(rows(false));
        assert!(s.link_count_wanted(None).is_none(), "not while it scans");
        s.add_rows(rows(true));
        assert!(s.link_count_wanted(None).is_some(), "counted again");
        // Meanwhile the old counts stand (the new e.md has none yet).
        assert_eq!(paths(&s), ["b.md", "e.md"]);
    }

    #[test]
    fn a_failed_count_says_why_and_is_not_asked_again_at_once() {
        let mut s = screen();
        s.set_sort_key(SortKey::LinksIn);
        s.link_count_requested(2);
        s.set_link_counts(2, Err("the store is locked".into()));
        assert_eq!(s.message.as_deref(), Some("links in: the store is locked"));
        assert!(s.link_count_wanted(None).is_none());
    }
}
