//! A repository's folder as a library, its jobs: fill the rows the
//! listing showed by name (the cache's copies at once, then every file
//! from the network a few at a time, through the cache), and read the
//! selected entry's preview. What the results do is the app's
//! (`tui/app/remote.rs`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::article::Article;
use crate::library::{Entry, Failure, Preview};
use crate::remote::folder::{ReadFrom, entry, read_file, read_files};
use crate::remote::{File, Remote};
use crate::sanitize::sanitize_line;
use crate::store::ReadingState;
use crate::tui::state::StoreHandle;

use super::PreviewState;
use super::scan::ScanRows;
use super::source::RemoteFolder;

/// Rows are held at most this long before they go to the screen.
const HOLD: Duration = Duration::from_millis(250);

/// Work on a repository's folder.
#[derive(Debug, Clone)]
pub enum RemoteJob {
    /// Read every file of the folder into its row, with its reading state
    /// from the store (none: no memory).
    Fill(RemoteFolder, Option<StoreHandle>),
    /// Read one file for the preview panel.
    Preview {
        /// The entry's index in the library.
        entry: usize,
        /// The file.
        file: Box<File>,
        /// Its folder (for the settings).
        folder: RemoteFolder,
    },
}

/// What a job on a repository's folder produced.
#[derive(Debug, Clone)]
pub enum RemoteOutput {
    /// Rows read, and a note for the footer once the fill is done.
    Rows(Box<ScanRows>, Option<String>),
    /// The reading states of the files read so far, by path in the
    /// folder, and the address their keys hang off.
    States {
        /// The folder's address (a file's key is it joined with its path).
        root: PathBuf,
        /// States by path in the folder.
        states: HashMap<PathBuf, ReadingState>,
    },
    /// A preview for the panel.
    Preview {
        /// The entry it is for.
        entry: usize,
        /// The preview, or why it failed.
        state: PreviewState,
    },
}

impl RemoteJob {
    /// Does the work, handing rows to `send` as they come (false from it:
    /// nobody listens any more, stop).
    pub fn run(self, send: &Hand<'_>) -> RemoteOutput {
        match self {
            RemoteJob::Fill(folder, store) => fill(&folder, store.as_ref(), send),
            RemoteJob::Preview {
                entry,
                file,
                folder,
            } => RemoteOutput::Preview {
                entry,
                state: preview(&folder, &file),
            },
        }
    }
}

fn preview(folder: &RemoteFolder, file: &File) -> PreviewState {
    let (mut remote, _) = Remote::new(folder.settings.clone(), folder.no_state);
    let fetched = read_file(&mut remote, file, ReadFrom::Cache)
        .or_else(|| read_file(&mut remote, file, ReadFrom::Network));
    let Some(fetched) = fetched else {
        return PreviewState::Error("not read".into());
    };
    match fetched {
        Ok(f) => {
            let article = Article::from_bytes(std::path::Path::new(f.url.as_str()), &f.bytes);
            PreviewState::Ready(Preview::of(&article))
        }
        Err(e) => PreviewState::Error(sanitize_line(&e.to_string()).into_owned()),
    }
}

/// Rows gathered between two messages.
struct Gathered {
    rows: ScanRows,
    last: Instant,
    offline: usize,
}

/// How a job hands back results before its last.
pub type Hand<'a> = dyn Fn(RemoteOutput) -> bool + Sync + 'a;

fn fill(folder: &RemoteFolder, store: Option<&StoreHandle>, send: &Hand<'_>) -> RemoteOutput {
    let listing = &folder.listing;
    let files = &listing.files;
    let total = Some(files.len());
    // What the cache holds first, in one message: a second open shows
    // every title at once, and offline too.
    let cached = Mutex::new(vec![false; files.len()]);
    // Each file's address, once read: its reading state's key.
    let urls: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());
    let note_url = |i: usize, url: &url::Url| {
        if let Ok(mut urls) = urls.lock() {
            urls.push((PathBuf::from(&listing.files[i].path), url.to_string()));
        }
    };
    let from_cache = Mutex::new(Vec::new());
    read_files(
        &folder.settings,
        folder.no_state,
        files,
        ReadFrom::Cache,
        &|i, result| {
            if let (Ok(fetched), Ok(mut rows)) = (result, from_cache.lock()) {
                note_url(i, &fetched.url);
                rows.push(entry(&listing.files[i], Some(&fetched)));
                if let Ok(mut c) = cached.lock() {
                    c[i] = true;
                }
            }
            true
        },
    );
    let entries: Vec<Entry> = from_cache.into_inner().unwrap_or_default();
    if !entries.is_empty() {
        let rows = ScanRows {
            entries,
            total,
            ..ScanRows::default()
        };
        if !send(RemoteOutput::Rows(Box::new(rows), None)) {
            return RemoteOutput::Rows(Box::default(), None);
        }
    }
    if let Some(states) = states_of(store, &urls) {
        send(states);
    }
    let cached = cached.into_inner().unwrap_or_default();
    let gathered = Mutex::new(Gathered {
        rows: ScanRows {
            total,
            ..ScanRows::default()
        },
        last: Instant::now(),
        offline: 0,
    });
    read_files(
        &folder.settings,
        folder.no_state,
        files,
        ReadFrom::Network,
        &|i, result| {
            let Ok(mut g) = gathered.lock() else {
                return false;
            };
            let file = &listing.files[i];
            g.rows.seen += 1;
            match result {
                Ok(fetched) => {
                    if fetched.offline.is_some() {
                        g.offline += 1;
                    }
                    note_url(i, &fetched.url);
                    g.rows.entries.push(entry(file, Some(&fetched)));
                }
                // A copy on screen stays; a file never read says why.
                Err(_) if cached.get(i).copied().unwrap_or(false) => {}
                Err(e) => g.rows.failures.push(Failure {
                    path: PathBuf::from(&file.path),
                    error: sanitize_line(&e.to_string()).into_owned(),
                }),
            }
            if g.last.elapsed() < HOLD {
                return true;
            }
            g.last = Instant::now();
            let rows = ScanRows {
                seen: g.rows.seen,
                total,
                ..std::mem::take(&mut g.rows)
            };
            g.rows.seen = rows.seen;
            send(RemoteOutput::Rows(Box::new(rows), None))
        },
    );
    if let Some(states) = states_of(store, &urls) {
        send(states);
    }
    let g = gathered.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut notes = Vec::new();
    if g.offline > 0 {
        notes.push(format!(
            "offline: {} of {} files from the cached copy",
            g.offline,
            files.len()
        ));
    }
    if let Some(note) = listing.note() {
        notes.push(note);
    }
    let rows = ScanRows {
        done: true,
        seen: files.len(),
        total,
        ..g.rows
    };
    RemoteOutput::Rows(
        Box::new(rows),
        (!notes.is_empty()).then(|| notes.join("; ")),
    )
}

/// The reading states of the files whose addresses are known (an article
/// read by address is keyed by its URL), and the address their keys hang
/// off; `None` without a store, or before any file was read.
fn states_of(
    store: Option<&StoreHandle>,
    urls: &Mutex<Vec<(PathBuf, String)>>,
) -> Option<RemoteOutput> {
    let store = store?;
    let urls = urls.lock().ok()?;
    let root = urls.iter().find_map(|(rel, url)| {
        let rel = crate::library::path_string(rel);
        url.strip_suffix(&rel)?.strip_suffix('/').map(PathBuf::from)
    })?;
    let states = urls
        .iter()
        .filter_map(|(rel, url)| {
            let state = store.read_unchecked(|s| s.reading_state(url))?;
            let known = state.read || state.progress > 0.0 || state.last_opened.is_some();
            known.then(|| (rel.clone(), state))
        })
        .collect();
    Some(RemoteOutput::States { root, states })
}
