//! Reading by address, the app's half: the first screen of `quire URL` (a
//! placeholder reader that says what is fetched and how far, until the
//! article or a repository's folder, as a library, takes its place),
//! following a link to an address, and where a fetch's progress and
//! results land: the fetch hands back the article as data ([`Fetched`]),
//! the reader is built of it here. The table of jobs in flight has dropped
//! a fetch that something opened after made stale. The UI thread never
//! waits on the network: `q` quits while a fetch is still running.

use std::path::Path;
use std::sync::Arc;

use crate::article::Article;
use crate::library::{Filter, Library};
use crate::remote::{Address, Listing, Settings};
use crate::sanitize::sanitize_line;
use crate::tui::app::inflight::Waiter;
use crate::tui::jobs::JobId;
use crate::tui::library::jobs::{Job as LibraryJob, Slot as LibrarySlot};
use crate::tui::library::remote::RemoteJob;
use crate::tui::library::{LibraryScreen, RemoteFolder, Source};
use crate::tui::reader::jobs::Job;
use crate::tui::reader::remote::{
    ASKING, Check, FetchJob, FetchOutput, Fetched, address_of, shown,
};

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
    Some(app.jobs.ask(Waiter::Opening, Job::Fetch(job)))
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

/// Puts a fetch's progress or result where it was asked for (the table of
/// jobs in flight has dropped a fetch something else opened after).
pub fn finish(app: &mut App, id: JobId, output: FetchOutput) {
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
            // Still asking: the fetch is still waited for, for the check's answer.
            let first = app.remote.first.take() == Some(id);
            place(app, reader, first);
        }
        FetchOutput::Done(result) => {
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
        FetchOutput::EarlyFolder(listing) => {
            // Still asking: the fetch is still waited for, for the forge's answer.
            let first = app.remote.first.take() == Some(id);
            app.remote.early_folder = Some(id);
            open_folder(app, *listing, first);
        }
        FetchOutput::Folder(listing) => {
            if app.remote.early_folder.take() == Some(id) {
                replace_folder(app, *listing);
                return;
            }
            let first = app.remote.first.take() == Some(id);
            open_folder(app, *listing, first);
        }
        FetchOutput::Checked(check) => {
            let Some(r) = app.reader_mut() else { return };
            match check {
                Check::Same(path, line) => {
                    // The answer replaces the note that it was asked for,
                    // not one that came meanwhile (the place read up to).
                    let asking = r.message.as_deref().is_some_and(|m| m.ends_with(ASKING));
                    if path == r.article.path && (asking || line.is_some()) {
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
fn place(app: &mut App, fetched: Box<Fetched>, first: bool) {
    let Fetched { opened, message } = *fetched;
    let mut reader = super::landed(opened);
    reader.message = message;
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

/// Shows a repository's folder as a library: its files at once by name,
/// their titles, dates and tags as the fill job reads them. In the
/// placeholder's place for the first fetch, else on top.
fn open_folder(app: &mut App, listing: Listing, first: bool) {
    let label = listing.label();
    if first && matches!(app.screens.last(), Some(Screen::Reader(_))) {
        app.pop_screen();
    }
    let entries = listing
        .files
        .iter()
        .map(|f| crate::remote::folder::entry(f, None))
        .collect();
    let root = std::path::PathBuf::from(label);
    let library = Library::from_parts(root, entries, Vec::new());
    let mut screen = LibraryScreen::new(library, Filter::default(), app.size.1);
    screen.states.enabled = app.memory.enabled();
    screen.message = if listing.files.is_empty() {
        Some("no markdown file in this folder".into())
    } else {
        listing.note()
    };
    let folder = RemoteFolder {
        listing: Arc::new(listing),
        settings: app
            .remote
            .settings
            .clone()
            .unwrap_or_else(|| Settings::from_config(&crate::config::Remote::default())),
        no_state: app.remote.no_state,
    };
    screen.source = Source::Remote(folder.clone());
    screen.states.progress = Some((0, Some(folder.listing.files.len())));
    let job = RemoteJob::Fill(folder, app.memory.store.clone());
    let waiter = super::memory::library_waiter(&screen, LibrarySlot::Scan);
    screen.states.scan = Some(app.jobs.ask(waiter, LibraryJob::Remote(Box::new(job))));
    app.open_library(screen);
}

/// The forge's listing of a folder shown from the cache changed: it takes
/// the cached one's place while that library is on top (once a reader is
/// opened from it, the next open has it).
fn replace_folder(app: &mut App, listing: Listing) {
    let label = listing.label();
    let on_top = matches!(app.screens.last(), Some(Screen::Library(l))
        if l.source.remote().is_some_and(|f| f.listing.label() == label));
    if on_top {
        app.pop_screen();
        open_folder(app, listing, false);
    }
}

/// Reads a repository's folder again (`R`); false when the library is a
/// folder on disk.
pub fn refill(app: &mut App) -> bool {
    let Some((waiter, folder)) = app.screens.iter().find_map(|s| match s {
        Screen::Library(l) => l.source.remote().cloned().map(|folder| {
            let waiter = super::memory::library_waiter(l, LibrarySlot::Scan);
            (waiter, folder)
        }),
        _ => None,
    }) else {
        return false;
    };
    let job = RemoteJob::Fill(folder.clone(), app.memory.store.clone());
    let id = app.jobs.ask(waiter, LibraryJob::Remote(Box::new(job)));
    for screen in &mut app.screens {
        if let Screen::Library(s) = screen {
            s.states.scan = Some(id);
            s.states.progress = Some((0, Some(folder.listing.files.len())));
            break;
        }
    }
    true
}
