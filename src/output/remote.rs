//! The headless commands on an address: the article fetched (through the
//! cache) and handed on as a draft whose path is its URL, a repository's
//! folder listed as `quire list` lists a folder (its paths the files' URLs);
//! messages on stderr name the address.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use url::Url;

use super::list::{Shown, print};
use crate::Outcome;
use crate::article::Draft;
use crate::cli::{ListArgs, SortArg};
use crate::config::Config;
use crate::library::{Library, Sort};
use crate::remote::folder::{ReadFrom, read_files};
use crate::remote::{Address, Fetched, Listing, Opened, Remote, RemoteError, Settings};
use crate::sanitize::sanitize_line;
use crate::store::ReadingState;

/// What `arg` names when it is an address and not a file or folder on disk.
pub(crate) fn address_of(arg: &Path) -> Option<Result<Address, RemoteError>> {
    if arg.exists() {
        return None;
    }
    crate::remote::address::parse(arg.to_str()?)
}

/// A fetcher with the user's `[remote]` settings; warnings on stderr.
pub(crate) fn remote_for(user: &Config, no_state: bool) -> Remote {
    let (remote, warnings) = Remote::new(Settings::from_config(&user.remote), no_state);
    for w in &warnings {
        eprintln!("quire: warning: {}", sanitize_line(w));
    }
    remote
}

/// Says an error of remote reading on stderr (an HTML page with the way to
/// open it in a browser).
pub(crate) fn report(err: &RemoteError) {
    eprintln!("quire: {}", sanitize_line(&err.to_string()));
    if let Some(url) = err.browser_url() {
        eprintln!(
            "quire: open it in a browser: $BROWSER {}",
            sanitize_line(url)
        );
    }
}

/// Opens `address`, with the line that says a copy is the cached one on
/// stderr; `None` after saying why it could not.
pub(crate) fn open(address: &Address, user: &Config, no_state: bool) -> Option<Opened> {
    let mut remote = remote_for(user, no_state);
    match remote.open(address, &mut |_, _| {}) {
        Ok(opened) => {
            if let Opened::Article(fetched) = &opened {
                if let Some(line) = fetched.offline_line() {
                    eprintln!(
                        "quire: {}: {}",
                        sanitize_line(fetched.url.as_str()),
                        sanitize_line(&line)
                    );
                }
            }
            Some(opened)
        }
        Err(e) => {
            report(&e);
            None
        }
    }
}

/// The article at `arg` when it is an address: `None` when it is not one,
/// `Some(None)` when it could not be read (already said on stderr).
pub(crate) fn draft(arg: &Path, user: &Config, no_state: bool) -> Option<Option<(Draft, Url)>> {
    let address = match address_of(arg)? {
        Ok(a) => a,
        Err(e) => {
            report(&e);
            return Some(None);
        }
    };
    let fetched = match open(&address, user, no_state) {
        None => return Some(None),
        Some(Opened::Article(f)) => f,
        Some(Opened::Folder(listing)) => {
            eprintln!(
                "quire: {}: is a folder, not an article",
                sanitize_line(&listing.label())
            );
            return Some(None);
        }
    };
    let Fetched { url, bytes, .. } = fetched;
    let draft = Draft::from_bytes(Path::new(url.as_str()), &bytes);
    for warning in draft.warnings() {
        eprintln!("quire: warning: {warning}");
    }
    Some(Some((draft, url)))
}

/// `quire list ADDRESS`: the folder of a repository, as `quire list` lists
/// a folder on disk.
pub(crate) fn list(
    address: Result<Address, RemoteError>,
    args: &ListArgs,
    user: &Config,
) -> anyhow::Result<Outcome> {
    let address = match address {
        Ok(Address::Repo(repo)) => Address::Repo(repo),
        Ok(Address::Url(url)) => {
            eprintln!(
                "quire: {}: a page, not a folder: `quire list` lists a repository's folder (gh:OWNER/REPO/PATH)",
                sanitize_line(url.as_str())
            );
            return Ok(Outcome::Failure);
        }
        Err(e) => {
            report(&e);
            return Ok(Outcome::Failure);
        }
    };
    match open(&address, user, args.state.no_state) {
        None => Ok(Outcome::Failure),
        Some(Opened::Article(fetched)) => {
            eprintln!(
                "quire: {}: a file, not a folder",
                sanitize_line(fetched.url.as_str())
            );
            Ok(Outcome::Failure)
        }
        Some(Opened::Folder(listing)) => list_folder(listing, args, user),
    }
}

/// Lists the files of `listing`, each fetched through the cache, a few at
/// a time; a file that cannot be read is named on stderr.
pub(crate) fn list_folder(
    listing: Listing,
    args: &ListArgs,
    user: &Config,
) -> anyhow::Result<Outcome> {
    if args.orphans || args.sort == SortArg::LinksIn {
        eprintln!("quire: --orphans and --sort links-in count links in a folder on disk");
        return Ok(Outcome::Failure);
    }
    if let Some(note) = listing.note() {
        eprintln!(
            "quire: warning: {}: {}",
            sanitize_line(&listing.label()),
            sanitize_line(&note)
        );
    }
    let no_state = args.state.no_state;
    let settings = Settings::from_config(&user.remote);
    let results = Mutex::new(Vec::with_capacity(listing.files.len()));
    read_files(
        &settings,
        no_state,
        &listing.files,
        ReadFrom::Network,
        &|i, r| {
            if let Ok(mut results) = results.lock() {
                results.push((i, r));
            }
            true
        },
    );
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, _)| *i);
    let mut entries = Vec::new();
    let mut failures = Vec::new();
    let mut urls: HashMap<PathBuf, String> = HashMap::new();
    for (i, result) in results {
        let file = &listing.files[i];
        match result {
            Ok(fetched) => {
                if let Some(line) = fetched.offline_line() {
                    eprintln!(
                        "quire: {}: {}",
                        sanitize_line(fetched.url.as_str()),
                        sanitize_line(&line)
                    );
                }
                let entry = crate::remote::folder::entry(file, Some(&fetched));
                for warning in &entry.warnings {
                    eprintln!("quire: warning: {}", sanitize_line(&warning.to_string()));
                }
                urls.insert(entry.path.clone(), fetched.url.to_string());
                entries.push(entry);
            }
            Err(e) => {
                report(&e);
                failures.push(crate::library::Failure {
                    path: PathBuf::from(&file.path),
                    error: e.to_string(),
                });
            }
        }
    }
    let lib = Library::from_parts(PathBuf::from(listing.label()), entries, failures);
    let (store, notes) = crate::store::open_state(no_state);
    for note in &notes {
        eprintln!("quire: warning: {}", sanitize_line(note));
    }
    let url_of = |e: &crate::library::Entry| {
        urls.get(&e.path)
            .cloned()
            .unwrap_or_else(|| e.path_string())
    };
    let states: HashMap<usize, ReadingState> = match &store {
        Some(store) => lib
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, store.reading_state(&url_of(e)).ok()?)))
            .collect(),
        None => HashMap::new(),
    };
    let filter = args.tags.filter(!args.no_drafts);
    let sort = Sort {
        key: args.sort.into(),
        reverse: args.reverse,
    };
    let mut rows = lib.select(&filter, sort);
    if args.unread {
        rows.retain(|i| !states.get(i).is_some_and(|s| s.read));
    }
    let shown = Shown {
        lib: &lib,
        states: &states,
        with_marks: store.is_some(),
        path: &url_of,
        links_in: &|_| None,
    };
    print(args, &shown, &rows)?;
    Ok(if lib.failures.is_empty() {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}
