//! Markdown that is not on disk: an article by its `http(s)://` address, a
//! repository's README, file or folder on a forge ([`address`]). Every
//! fetch is bounded in time, size and redirects ([`http`]), kept in the
//! store's remote cache and revalidated with `ETag` / `Last-Modified`, and
//! read from that cache when the network fails. Relative targets of a
//! remote article resolve against its address ([`links`]). No terminal
//! types.

pub mod address;
pub mod folder;
mod forge;
pub mod http;
pub mod links;

use std::time::Duration;

use url::Url;

pub use address::{Address, Forge, Repo};
pub use folder::{File, Listing};
pub use http::Limits;

use crate::store::{CachedPage, Store};

/// Why an address could not be read. Each message names the address.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// Not an address quire can read.
    #[error("{address}: {why}")]
    Address {
        /// As given.
        address: String,
        /// What is wrong.
        why: String,
    },
    /// A scheme other than http or https.
    #[error("{0}: only http:// and https:// addresses are read")]
    Scheme(String),
    /// A user name or password in the address.
    #[error("the address holds a user name or password; quire never sends credentials")]
    Credentials,
    /// The network failed or took too long.
    #[error("{url}: {why}")]
    Network {
        /// The address.
        url: String,
        /// What happened.
        why: String,
    },
    /// The server answered with an error.
    #[error("{url}: the server answered {status}")]
    Status {
        /// The address.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The body is larger than the cap.
    #[error("{url}: larger than {} (the [remote] max-size); refused", megabytes(*.limit))]
    TooLarge {
        /// The address.
        url: String,
        /// The cap in bytes.
        limit: u64,
    },
    /// More redirects than allowed (a loop, most likely).
    #[error("{url}: more than {limit} redirects; stopped")]
    Redirects {
        /// The address first asked.
        url: String,
        /// The most followed.
        limit: usize,
    },
    /// A redirect from https to http.
    #[error("{from}: refused a redirect from https to http ({to})")]
    Downgrade {
        /// Where it was.
        from: String,
        /// Where it wanted to go.
        to: String,
    },
    /// A web page, not markdown.
    #[error("{url}: an HTML page, not markdown")]
    Html {
        /// The address (to offer to a browser).
        url: String,
    },
    /// A picture, a PDF, an archive or other bytes that are not text.
    #[error("{url}: {what}, not markdown")]
    NotText {
        /// The address.
        url: String,
        /// What it is (`image/png content`, `binary data`).
        what: String,
    },
    /// The forge answered something quire cannot read.
    #[error("{url}: {why}")]
    Forge {
        /// The address asked.
        url: String,
        /// What was wrong.
        why: String,
    },
}

impl RemoteError {
    /// The address to offer to a browser instead, for an HTML page.
    pub fn browser_url(&self) -> Option<&str> {
        match self {
            RemoteError::Html { url } => Some(url),
            _ => None,
        }
    }
}

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb.fract() == 0.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// The settings of remote reading, with the defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The GitHub API's base, without a trailing `/`.
    pub github_api: String,
    /// Where GitHub serves raw files (`None`: a folder's files are read
    /// through the API).
    pub github_raw: Option<String>,
    /// The GitLab API's base, without a trailing `/`.
    pub gitlab_api: String,
    /// The limits of every request.
    pub limits: Limits,
}

/// The GitHub API's base unless `[remote] github-api` says otherwise.
pub const GITHUB_API: &str = "https://api.github.com";
/// Where GitHub serves raw files, with the default API.
pub const GITHUB_RAW: &str = "https://raw.githubusercontent.com";
/// The GitLab API's base unless `[remote] gitlab-api` says otherwise.
pub const GITLAB_API: &str = "https://gitlab.com/api/v4";
/// The largest body read unless `[remote] max-size` says otherwise: 20 MB.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

impl Settings {
    /// The config's `[remote]` over the defaults.
    pub fn from_config(c: &crate::config::Remote) -> Settings {
        let github_api = c.github_api.clone().unwrap_or_else(|| GITHUB_API.into());
        let github_raw = c
            .github_raw
            .clone()
            .or_else(|| (github_api == GITHUB_API).then(|| GITHUB_RAW.into()));
        Settings {
            github_api,
            github_raw,
            gitlab_api: c.gitlab_api.clone().unwrap_or_else(|| GITLAB_API.into()),
            limits: Limits {
                connect: c.connect_timeout.unwrap_or(Duration::from_secs(10)),
                total: c.timeout.unwrap_or(Duration::from_secs(30)),
                max_bytes: c.max_bytes.unwrap_or(MAX_BYTES),
            },
        }
    }
}

/// An article's bytes and where they came from.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The address its relative links resolve against (after redirects;
    /// for a forge's file, its raw address).
    pub url: Url,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Set when the network could not be asked and this is the cached copy:
    /// when it was last checked (seconds since the epoch) and why the
    /// network failed.
    pub offline: Option<(i64, String)>,
}

/// `secs` since the epoch as `2026-12-07 06:40:00Z`, for messages.
pub fn date(secs: i64) -> String {
    crate::store::rfc3339(secs).replace('T', " ")
}

impl Fetched {
    /// The line that says this is the cached copy, when it is.
    pub fn offline_line(&self) -> Option<String> {
        let (checked, why) = self.offline.as_ref()?;
        Some(format!("the cached copy from {} ({why})", date(*checked)))
    }
}

/// What an address opened to.
#[derive(Debug, Clone)]
pub enum Opened {
    /// One article.
    Article(Fetched),
    /// A folder of a repository.
    Folder(Listing),
}

/// The fetcher: a bounded client and, unless `--no-state`, the cache.
#[derive(Debug)]
pub struct Remote {
    http: http::Http,
    settings: Settings,
    cache: Option<Store>,
}

impl Remote {
    /// A fetcher with `settings`; with `no_state` (or `QUIRE_NO_STATE`) it
    /// neither reads nor writes the cache. `GITHUB_TOKEN`, when set, goes to
    /// the GitHub API's host only. Warnings (a store that cannot be used) are
    /// for stderr.
    pub fn new(settings: Settings, no_state: bool) -> (Remote, Vec<String>) {
        let (cache, warnings) = crate::store::open_state(no_state);
        let token = std::env::var("GITHUB_TOKEN")
            .ok()
            .filter(|t| !t.trim().is_empty())
            .and_then(|t| {
                Url::parse(&settings.github_api)
                    .ok()
                    .map(|u| (u, t.trim().to_string()))
            });
        let remote = Remote {
            http: http::Http::new(settings.limits, token),
            settings,
            cache,
        };
        (remote, warnings)
    }

    /// The settings in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The cached copy of the article at `url`, without asking the network
    /// (`offline` holds when it was last checked); `None` without a cache,
    /// a copy, or when the copy is an HTML page or not text.
    pub fn cached(&self, url: &Url) -> Option<Fetched> {
        let page = self
            .cache
            .as_ref()?
            .remote_get(url.as_str())
            .ok()
            .flatten()?;
        if is_html(page.content_type.as_deref(), &page.body)
            || not_text(page.content_type.as_deref(), &page.body).is_some()
        {
            return None;
        }
        let checked = page.checked;
        Some(from_page(page, Some((checked, String::new()))).0)
    }

    /// The cached copy of `url` whatever it holds, without asking the
    /// network.
    fn cached_page(&self, url: &Url) -> Option<Fetched> {
        let page = self
            .cache
            .as_ref()?
            .remote_get(url.as_str())
            .ok()
            .flatten()?;
        let checked = page.checked;
        Some(from_page(page, Some((checked, String::new()))).0)
    }

    /// The cached copy of a repository's file, without asking the network.
    pub fn cached_file(&self, repo: &Repo) -> Option<Fetched> {
        forge::cached_file(self, repo)
    }

    /// The listing of a repository's folder from the cache, without asking
    /// the network; `None` when it is not cached, or not a folder.
    pub fn cached_folder(&mut self, repo: &Repo) -> Option<Listing> {
        folder::cached_folder(self, repo)
    }

    /// Fetches a repository's file (through the cache); a folder is an error.
    pub fn file(&mut self, repo: &Repo) -> Result<Fetched, RemoteError> {
        match forge::open(self, repo, &mut |_, _| {})? {
            Opened::Article(fetched) => Ok(fetched),
            Opened::Folder(_) => Err(RemoteError::Forge {
                url: repo.label(),
                why: "a folder, not a file".into(),
            }),
        }
    }

    /// Opens `address`: a page, or a repository's README, file or folder.
    pub fn open(
        &mut self,
        address: &Address,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<Opened, RemoteError> {
        match address {
            Address::Url(url) => self.article(url, progress).map(Opened::Article),
            Address::Repo(repo) => forge::open(self, repo, progress),
        }
    }

    /// Fetches the markdown article at `url` (through the cache); an HTML
    /// page is an error that offers the browser.
    pub fn article(
        &mut self,
        url: &Url,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<Fetched, RemoteError> {
        let (fetched, content_type) = self.get(url, None, progress)?;
        if is_html(content_type.as_deref(), &fetched.bytes) {
            return Err(RemoteError::Html {
                url: fetched.url.to_string(),
            });
        }
        if let Some(what) = not_text(content_type.as_deref(), &fetched.bytes) {
            return Err(RemoteError::NotText {
                url: fetched.url.to_string(),
                what,
            });
        }
        Ok(fetched)
    }

    /// Fetches `url` through the cache: a cached copy is revalidated (a
    /// 304 keeps it), and used as it is when the network fails. Gives the
    /// bytes and the content type.
    pub fn get(
        &mut self,
        url: &Url,
        accept: Option<&str>,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<(Fetched, Option<String>), RemoteError> {
        let key = url.as_str();
        let cached = self
            .cache
            .as_ref()
            .and_then(|store| store.remote_get(key).ok().flatten());
        let ask = http::Ask {
            accept,
            etag: cached.as_ref().and_then(|c| c.etag.as_deref()),
            last_modified: cached.as_ref().and_then(|c| c.last_modified.as_deref()),
        };
        let now = crate::store::now();
        match self.http.get(url, &ask, progress) {
            Ok(reply) if reply.status == 304 => {
                let Some(page) = cached else {
                    return Err(RemoteError::Status {
                        url: url.to_string(),
                        status: 304,
                    });
                };
                if let Some(store) = &self.cache {
                    let _ = store.remote_checked(key, now);
                }
                Ok(from_page(page, None))
            }
            Ok(reply) => {
                let page = CachedPage {
                    url: key.to_string(),
                    final_url: reply.url.to_string(),
                    etag: reply.etag,
                    last_modified: reply.last_modified,
                    content_type: reply.content_type,
                    checked: now,
                    body: reply.body,
                };
                if let Some(store) = &self.cache {
                    let _ = store.remote_put(&page);
                }
                Ok(from_page(page, None))
            }
            Err(e @ RemoteError::Network { .. }) => match cached {
                Some(page) => {
                    let why = match &e {
                        RemoteError::Network { why, .. } => why.clone(),
                        _ => e.to_string(),
                    };
                    let checked = page.checked;
                    Ok(from_page(page, Some((checked, why))))
                }
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }
}

fn from_page(page: CachedPage, offline: Option<(i64, String)>) -> (Fetched, Option<String>) {
    let url = Url::parse(&page.final_url)
        .or_else(|_| Url::parse(&page.url))
        .unwrap_or_else(|_| Url::parse("http://invalid/").expect("a valid constant"));
    (
        Fetched {
            url,
            bytes: page.body,
            offline,
        },
        page.content_type,
    )
}

/// The key of an article read by address in the reading-state store: its
/// URL (an article on disk is keyed by its canonical path).
pub fn url_key(path: &std::path::Path) -> Option<String> {
    let text = path.to_str()?;
    (text.starts_with("http://") || text.starts_with("https://")).then(|| text.to_string())
}

/// True for an HTML page: said by its content type, or starting like one.
pub fn is_html(content_type: Option<&str>, bytes: &[u8]) -> bool {
    if matches!(content_type, Some("text/html" | "application/xhtml+xml")) {
        return true;
    }
    let start = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(start);
    let text = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    text.starts_with("<!doctype html") || text.starts_with("<html")
}

/// What the body is when it is not text: said by a content type that is
/// never text (pictures, sound, video, fonts, PDF, archives), or by a NUL
/// byte in its start (a server may call any file `application/octet-stream`,
/// markdown too).
pub fn not_text(content_type: Option<&str>, bytes: &[u8]) -> Option<String> {
    const NEVER_TEXT: [&str; 4] = ["image/", "audio/", "video/", "font/"];
    const BINARY: [&str; 5] = [
        "application/pdf",
        "application/zip",
        "application/gzip",
        "application/x-tar",
        "application/wasm",
    ];
    if let Some(kind) = content_type {
        // An SVG picture is XML text, but not an article either.
        if NEVER_TEXT.iter().any(|p| kind.starts_with(p)) || BINARY.contains(&kind) {
            return Some(format!("{} content", crate::sanitize::sanitize_line(kind)));
        }
    }
    let start = &bytes[..bytes.len().min(8192)];
    memchr::memchr(0, start).map(|_| "binary data".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_and_binary_data_are_not_text() {
        assert_eq!(
            not_text(Some("image/png"), b"\x89PNG").as_deref(),
            Some("image/png content")
        );
        assert!(not_text(Some("application/pdf"), b"%PDF-1.7").is_some());
        assert_eq!(
            not_text(Some("application/octet-stream"), b"PK\x03\x04\0\0").as_deref(),
            Some("binary data")
        );
        // Markdown served as octet-stream, or with no type, is text.
        assert_eq!(
            not_text(Some("application/octet-stream"), b"# Title\n"),
            None
        );
        assert_eq!(not_text(None, b"# Title\n"), None);
        assert_eq!(not_text(Some("text/markdown"), "# Café".as_bytes()), None);
    }

    #[test]
    fn html_is_told_by_its_type_or_its_start() {
        assert!(is_html(Some("text/html"), b"# not really"));
        assert!(is_html(None, b"\n  <!DOCTYPE html><html>"));
        assert!(is_html(Some("text/plain"), b"<html><body>"));
        assert!(!is_html(
            Some("text/markdown"),
            b"# Title\n\n<div>html inside</div>"
        ));
    }

    #[test]
    fn the_cap_is_said_in_megabytes() {
        let e = RemoteError::TooLarge {
            url: "http://h/a.md".into(),
            limit: MAX_BYTES,
        };
        assert_eq!(
            e.to_string(),
            "http://h/a.md: larger than 20 MB (the [remote] max-size); refused"
        );
    }
}
