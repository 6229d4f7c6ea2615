//! Reading by address, the app's half: the first screen of `quire URL` (a
//! placeholder reader that says what is fetched and how far, until the
//! article takes its place), following a link to an address, and where a
//! fetch's progress and results land. The UI thread never waits on the
//! network: `q` quits while a fetch is still running.

use std::path::Path;

use crate::article::Article;
use crate::remote::{Address, Settings};
use crate::sanitize::sanitize_line;
use crate::tui::jobs::JobId;
use crate::tui::reader::ReaderScreen;
use crate::tui::reader::jobs::Job;
use crate::tui::reader::remote::{Check, FetchJob, FetchOutput, address_of, shown};

use super::{App, Screen};

/// Starts reading `address` in the app: a placeholder reader says what is
/// fetched and how far it got, and the article takes its place.
pub fn open_first(app: &mut App, address: Address, settings: Settings, no_state: bool) {
    app.remote.settings = Some(settings);
    app.remote.no_state = no_state;
    let shown = shown(&address);
    let placeholder = Article::from_bytes(Path::new(&shown), b"");
    app.open_reader(placeholder);
    if let Some(r) = app.reader_mut() {
        r.message = Some(format!("fetching {}…", sanitize_line(&shown)));
        // Nothing here to remember a place in.
        r.memory.asked = true;
    }
    let id = request(app, address, None);
    app.remote.first = id;
}

/// Asks for `address` to be fetched and opened as the next reader (a
/// followed link); `None` when the app has no remote settings.
pub fn request(app: &mut App, address: Address, anchor: Option<String>) -> Option<JobId> {
    let settings = app.remote.settings.clone()?;
    let job = FetchJob {
        address,
        settings,
        no_state: app.remote.no_state,
        config: app.config,
        size: app.size,
        anchor,
    };
    let id = app.jobs.push(Job::Fetch(job));
    app.opening = Some(id);
    Some(id)
}

/// Opens `path` (an address) in place of a file: true when it was one.
pub fn request_path(app: &mut App, path: &Path, anchor: Option<String>) -> bool {
    let Some(address) = address_of(path) else {
        return false;
    };
    if app.remote.settings.is_none() {
        app.remote.settings = Some(Settings::from_config(&crate::config::Remote::default()));
    }
    if let Some(r) = app.reader_mut() {
        r.message = Some(format!("fetching {}…", sanitize_line(&shown(&address))));
    }
    request(app, address, anchor).is_some()
}

/// Puts a fetch's progress or result where it was asked for.
pub fn finish(app: &mut App, id: JobId, output: FetchOutput) {
    if app.opening != Some(id) {
        return;
    }
    match output {
        FetchOutput::Progress(read, total) => {
            let Some(r) = app.reader_mut() else { return };
            let what = r
                .message
                .as_deref()
                .and_then(|m| m.split('…').next())
                .unwrap_or("fetching")
                .to_string();
            let amount = match total {
                Some(total) => format!("{} of {}", size(read), size(total)),
                None => size(read),
            };
            r.message = Some(format!("{what}… {amount}"));
        }
        FetchOutput::Early(reader) => {
            // Still asking: `opening` stays for the check's answer.
            let first = app.remote.first.take() == Some(id);
            place(app, reader, first);
        }
        FetchOutput::Done(result) => {
            app.opening = None;
            let first = app.remote.first.take() == Some(id);
            match result {
                Ok(reader) => place(app, reader, first),
                Err(failure) => {
                    let Some(r) = app.reader_mut() else { return };
                    r.message = Some(failure.message);
                    if failure.browser.is_some() {
                        r.links.prompt = failure.browser;
                    }
                }
            }
        }
        FetchOutput::Checked(check) => {
            app.opening = None;
            let Some(r) = app.reader_mut() else { return };
            match check {
                Check::Same(path, line) => {
                    if path == r.article.path {
                        r.message = line;
                    }
                }
                Check::Newer(newer) => {
                    let (article, doc) = *newer;
                    if article.path != r.article.path {
                        return;
                    }
                    r.replace_article(article, Some(doc));
                    r.message = Some("a newer copy came from the server".into());
                }
            }
        }
    }
}

/// Puts a fetched reader on top: in the placeholder's place for the first
/// fetch, else as a followed link's (the reader left is the step back).
fn place(app: &mut App, mut reader: Box<ReaderScreen>, first: bool) {
    let (w, h) = app.size;
    if reader.geometry.area.width != w || reader.geometry.area.height != h {
        reader.resize(w, h);
    }
    match app.screens.last_mut() {
        // The placeholder gives way: it is no step to go back to.
        Some(Screen::Reader(top)) if first => *top = reader,
        Some(Screen::Reader(top)) => {
            // Its "fetching" line is done with; the reader left is found
            // as it was read.
            top.message = None;
            super::follow::arrive(app, reader);
        }
        _ => app.screens.push(Screen::Reader(reader)),
    }
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
