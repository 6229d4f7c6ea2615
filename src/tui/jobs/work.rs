//! What each kind of job does: the only code here that reads files or lays
//! out on behalf of the UI.

use crate::article::{Article, Draft};
use crate::library::Preview;

use super::super::library::PreviewState;
use super::super::reader::{ReaderScreen, lay_out, open_at};
use super::super::search::{SearchJob, land};
use super::{Job, Output, Reporter};
use crate::tui::runtime::Work;

impl Work for Job {
    type Output = Output;

    /// Does the work and returns its last result; a job that has results
    /// before its last hands them to `reporter`. Runs on a worker thread (or
    /// inline in tests).
    fn run(self, reporter: &Reporter) -> Output {
        match self {
            Job::Open {
                path,
                config,
                size,
                anchor,
            } => Output::Opened(
                Draft::load(&path)
                    .map(|draft| {
                        let mut reader = ReaderScreen::from_draft(draft, config, size.0, size.1);
                        if let Some(anchor) = anchor {
                            if !reader.land_on(&anchor) {
                                let anchor = crate::sanitize::sanitize_line(&anchor).into_owned();
                                reader.message = Some(format!("no section #{anchor} here"));
                            }
                        }
                        Box::new(reader)
                    })
                    .map_err(|e| e.to_string()),
            ),
            Job::Links { article, resolver } => Output::Links(std::sync::Arc::new(
                super::links::resolve_all(&article, &resolver),
            )),
            Job::Backlinks { path, root, db } => {
                Output::Backlinks(super::links::backlinks(&path, &root, db.as_deref()))
            }
            Job::Browse { command } => super::links::browse(&command, reporter),
            Job::LoadWhole {
                path,
                bytes,
                config,
                width,
            } => {
                let draft = Draft::from_bytes(&path, &bytes);
                Output::Whole(Box::new(open_at(&config, draft, width)))
            }
            Job::Layout {
                article,
                config,
                width,
            } => Output::Laid(Box::new(lay_out(&config, &article, width))),
            Job::Reload {
                path,
                config,
                width,
            } => Output::Reloaded(
                Draft::load(&path)
                    .map(|draft| Box::new(open_at(&config, draft, width)))
                    .map_err(|e| e.to_string()),
            ),
            Job::Watch { path, stop, since } => {
                super::watch::watch_file(&path, since, &stop, reporter)
            }
            Job::WatchFolder { dir, stop } => super::watch::watch_folder(&dir, &stop, reporter),
            Job::Memory { job, store } => Output::Memory(job.run(store.as_ref(), reporter)),
            Job::LinkCounts(job) => Output::LinkCounts(job.run()),
            Job::Preview { entry, path } => {
                let state = match Article::load(&path) {
                    Ok(article) => PreviewState::Ready(Preview::of(&article)),
                    Err(e) => PreviewState::Error(e.to_string()),
                };
                Output::Preview { entry, state }
            }
            Job::Search(SearchJob::Land {
                path,
                config,
                size,
                anchor,
                text,
            }) => Output::Opened(
                Article::load(&path)
                    .map(|article| {
                        let mut reader = ReaderScreen::new(article, *config, size.0, size.1);
                        land(&mut reader, &anchor, &text);
                        Box::new(reader)
                    })
                    .map_err(|e| e.to_string()),
            ),
            Job::Search(job) => Output::Search(job.run(reporter)),
            Job::Image(job) => Output::Image(Box::new(job.run(reporter))),
            Job::Fetch(job) => Output::Fetch(job.run(reporter)),
        }
    }

    /// True for a job that may run until the app ends (a watcher, a
    /// stream): it gets a thread of its own instead of a worker.
    fn long_running(&self) -> bool {
        match self {
            // A fetch waits on the network: it holds no worker meanwhile.
            Job::Watch { .. } | Job::WatchFolder { .. } | Job::Browse { .. } | Job::Fetch(_) => {
                true
            }
            Job::Memory { job, .. } => job.long_running(),
            Job::Open { .. }
            | Job::LoadWhole { .. }
            | Job::Layout { .. }
            | Job::Reload { .. }
            | Job::Preview { .. }
            | Job::Links { .. }
            | Job::Backlinks { .. }
            | Job::LinkCounts(_)
            | Job::Search(_) => false,
            // A picture of an article read by address waits on the network.
            Job::Image(job) => job.remote.is_some(),
        }
    }

    fn failed(reason: String) -> Output {
        Output::Failed(reason)
    }
}
