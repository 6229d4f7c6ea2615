//! The headless commands on an address: the article fetched (through the
//! cache) and handed on as a draft whose path is its URL; messages on
//! stderr name the address.

use std::path::Path;

use url::Url;

use crate::article::Draft;
use crate::config::Config;
use crate::remote::{Address, Fetched, Opened, Remote, RemoteError, Settings};
use crate::sanitize::sanitize_line;

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
                sanitize_line(&listing.label)
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
