//! Where the reader's jobs' results land. [`ReaderScreen::finish`] takes a
//! result that the app's table of jobs in flight found this reader waiting
//! for (in a [`Slot`]: the table has dropped what is stale) and returns
//! what the app must do next, as data ([`Followup`]): ask for another job,
//! carry out the actions kept for the whole article, show a note. The jobs
//! a reader wants on its own (a layout at a new width) come out of
//! [`ReaderScreen::take_asks`]. Results that need the whole app (an
//! article opened, a fetch, links followed once resolved) land in
//! `tui/app`.

use std::sync::Arc;

use crate::tui::runtime::JobId;
use crate::tui::settings::Config;

use super::ReaderScreen;
use super::backlinks::{BacklinkTable, section_counts};
use super::images::{ImageOutput, ImageState, Outcome};
use super::jobs::{Job, Output, Slot};
use super::links::LinkList;

/// What the app does for a reader after it took a result.
pub type Followup = crate::tui::followup::Followup<Job, Slot>;

impl ReaderScreen {
    /// Takes `output`, the result of a job this reader asked for; `config`
    /// is the app's settings now (a reload reads with them).
    pub fn finish(&mut self, output: Output, config: &Config) -> Vec<Followup> {
        match output {
            Output::Whole(whole) => {
                let (article, doc) = *whole;
                self.replace_article(article, Some(doc));
                return vec![Followup::Replay(std::mem::take(&mut self.deferred))];
            }
            Output::Laid(doc) => self.install_layout(*doc),
            Output::Changed(_) if !self.partial => {
                return vec![Followup::Ask(Slot::Reload, self.reload_job(config))];
            }
            Output::Changed(_) => {}
            Output::Reloaded(result) => {
                self.jobs.reload = None;
                match result {
                    Ok(reloaded) => {
                        let (article, doc) = *reloaded;
                        self.reload(article, doc);
                        self.message = Some("reloaded".into());
                    }
                    Err(reason) => {
                        self.message = Some(format!("{reason}: still showing what was read"));
                    }
                }
            }
            Output::Unwatched(reason) => {
                if !reason.is_empty() {
                    self.message = Some(reason);
                }
            }
            Output::Backlinks(result) => self.take_backlinks(result),
            Output::Image(output) => self.take_picture(*output),
            Output::Stdin(output) => {
                if self.take_stdin(output) {
                    return vec![Followup::Replay(std::mem::take(&mut self.deferred))];
                }
            }
            // Taken by the app (`tui/app`): an article opened or fetched
            // for the top of the stack, the links (following one may open
            // another article), a browser's outcome (nobody's in particular).
            Output::Opened(_) | Output::Fetch(_) | Output::Links(_) | Output::Browsed(_) => {}
        }
        Vec::new()
    }

    /// The job asked for in `slot` ended without a result.
    pub fn failed(&mut self, slot: Slot) {
        match slot {
            Slot::Whole => {
                self.jobs.whole = None;
                self.partial = false;
                self.deferred.clear();
                self.message = Some("only the start of this article could be loaded".into());
            }
            Slot::Layout => self.jobs.layout = None,
            _ => {}
        }
    }

    /// Notes that job `id` was asked for in `slot`: the reader shows that
    /// it is on its way (the watch and pictures note theirs where they are
    /// asked for, beside their stop flag and picture).
    pub fn asked(&mut self, slot: Slot, id: JobId) {
        match slot {
            Slot::Whole => self.jobs.whole = Some(id),
            Slot::Layout => self.jobs.layout = Some(id),
            Slot::Reload => self.jobs.reload = Some(id),
            Slot::Links => self.links.asked = Some(id),
            Slot::Backlinks => self.links.backlinks_asked = Some(id),
            Slot::Memory => self.memory.loading = Some(id),
            Slot::Watch | Slot::Picture => {}
        }
    }

    /// The jobs this reader wants now, each for its slot: the layout at
    /// the text column's new width after a resize.
    pub fn take_asks(&mut self) -> Vec<(Slot, Job)> {
        let mut asks = Vec::new();
        if let Some(width) = self.jobs.wanted.take() {
            let job = Job::Layout {
                article: Arc::clone(&self.article),
                config: *self.config(),
                width,
            };
            asks.push((Slot::Layout, job));
        }
        asks
    }

    /// The job that reads this reader's article again with `config`, laid
    /// out at its text column's width.
    pub fn reload_job(&self, config: &Config) -> Job {
        Job::Reload {
            path: self.article.path.clone(),
            config: *config,
            width: self.geometry.text.width.max(1),
        }
    }

    /// Takes the links into the article, opening their list when it was
    /// asked for meanwhile.
    fn take_backlinks(&mut self, result: Result<Arc<BacklinkTable>, String>) {
        self.links.backlinks_asked = None;
        match result {
            Ok(table) => {
                self.links.section_counts = Some(section_counts(&self.article, &table));
                self.links.backlinks = Some(table);
                self.message = None;
                if std::mem::take(&mut self.links.backlinks_wanted) {
                    self.open_backlinks();
                }
            }
            Err(why) => self.message = Some(format!("what links here: {why}")),
        }
    }

    /// Opens the "linked from" list; false when the links in are still to
    /// be asked for (the list opens when they come).
    pub fn open_backlinks(&mut self) -> bool {
        match &self.links.backlinks {
            Some(table) if table.rows.is_empty() => {
                self.message = Some("nothing links here".into());
            }
            Some(_) => {
                self.links.list = Some(LinkList {
                    backlinks: true,
                    ..LinkList::default()
                });
                self.refilter_links();
            }
            None => {
                self.message = Some("finding what links here…".into());
                return false;
            }
        }
        true
    }

    /// Lists again the links that match the link list's filter.
    pub fn refilter_links(&mut self) {
        let Some(mut list) = self.links.list.take() else {
            return;
        };
        if let Some(table) = self.links.list_table_for(&list) {
            list.refilter(table);
        }
        self.links.list = Some(list);
    }

    /// Puts a decoded picture (or its size, first) where it was asked for.
    fn take_picture(&mut self, output: ImageOutput) {
        if self.article.path != output.article {
            return;
        }
        let Some(ImageState::Pending { pixels, .. }) = self.images.get_mut(&output.key) else {
            return;
        };
        let state = match output.outcome {
            Outcome::Size(w, h) => {
                *pixels = Some((w, h));
                return;
            }
            Outcome::Ready(picture) => ImageState::Ready(picture),
            Outcome::Failed(failure) => ImageState::Failed(failure),
        };
        self.images.insert(output.key, state);
    }
}

impl Output {
    /// What the app does with a result nobody in particular waits for
    /// (a browser's outcome, shown however late).
    pub fn unclaimed(self) -> Vec<Followup> {
        match self {
            Output::Browsed(message) if !message.is_empty() => vec![Followup::Message(message)],
            _ => Vec::new(),
        }
    }
}
