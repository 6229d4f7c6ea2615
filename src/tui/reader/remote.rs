//! Reading by address, the reader's half: the fetch job (progress while the
//! body comes, the cached copy at once, then the article read and laid out
//! on its thread, handed back as data; a folder's listing goes to the
//! library), and how a remote article's pictures are fetched. What the
//! results do to the app (the screen built of them) is `tui/app/remote.rs`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::article::{Article, Draft};
use crate::remote::{Address, Listing, Opened, Remote, RemoteError, Settings};
use crate::sanitize::sanitize_line;
use crate::tui::runtime::{JobId, Reporter};
use crate::tui::settings::Config;

use super::jobs::{Landing, Opened as Laid};

/// How the status line ends while a cached copy is shown and the server is
/// asked for a newer one.
pub const ASKING: &str = "asking for a newer one…";

/// How often a fetch reports its progress.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// What remote reading needs to know in the app: the settings and whether
/// the cache may be used; the placeholder reader waiting for its article.
#[derive(Debug, Clone, Default)]
pub struct RemoteShared {
    /// `[remote]` with its defaults; `None` until the app reads by address.
    pub settings: Option<Settings>,
    /// `--no-state`: no cache.
    pub no_state: bool,
    /// The fetch whose article replaces the placeholder reader on top.
    pub first: Option<JobId>,
    /// The fetch that showed a folder from the cache: its listing, if it
    /// changed, replaces that library.
    pub early_folder: Option<JobId>,
}

/// Fetch an address and lay its article out for a reader.
#[derive(Debug, Clone)]
pub struct FetchJob {
    /// What to fetch.
    pub address: Address,
    /// Limits, API bases.
    pub settings: Settings,
    /// No cache.
    pub no_state: bool,
    /// The reader's settings.
    pub config: Config,
    /// Columns and rows of the terminal.
    pub size: (u16, u16),
    /// The heading to land on.
    pub anchor: Option<String>,
}

/// How the pictures of an article read by address are fetched: the same
/// limits and cache as the article, and at most the size a local picture
/// may have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetching {
    /// Limits, API bases.
    pub settings: Settings,
    /// No cache.
    pub no_state: bool,
}

/// How the pictures of the article at `article` are fetched: `None` for an
/// article on disk (its remote pictures stay text).
pub fn fetching_for(shared: &RemoteShared, article: &Path) -> Option<Fetching> {
    if !matches!(address_of(article), Some(Address::Url(_))) {
        return None;
    }
    Some(Fetching {
        settings: shared
            .settings
            .clone()
            .unwrap_or_else(|| Settings::from_config(&crate::config::Remote::default())),
        no_state: shared.no_state,
    })
}

impl Fetching {
    /// The bytes of picture `target` of the article at address `article`,
    /// at most `max_bytes`; why not, for the picture's line.
    pub fn picture(
        &self,
        article: &Path,
        target: &str,
        max_bytes: u64,
    ) -> Result<Vec<u8>, crate::tui::reader::images::Failure> {
        let failed = |reason: String| crate::tui::reader::images::Failure {
            reason,
            pixels: None,
        };
        let base = article
            .to_str()
            .and_then(|a| url::Url::parse(a).ok())
            .ok_or_else(|| failed("not found".into()))?;
        let url = base
            .join(target.trim())
            .map_err(|_| failed("not an address".into()))?;
        let mut settings = self.settings.clone();
        settings.limits.max_bytes = settings.limits.max_bytes.min(max_bytes);
        let (mut remote, _) = Remote::new(settings, self.no_state);
        match remote.get(&url, Some("image/*"), &mut |_, _| {}) {
            Ok((fetched, _)) => Ok(fetched.bytes),
            Err(RemoteError::TooLarge { limit, .. }) => Err(failed(format!(
                "too large to fetch (over {} MB)",
                limit >> 20
            ))),
            Err(RemoteError::Status { status, .. }) => {
                Err(failed(format!("the server answered {status}")))
            }
            Err(RemoteError::Network { why, .. }) => Err(failed(why)),
            Err(e) => Err(failed(e.to_string())),
        }
    }
}

/// Why a fetch gave no reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchFailure {
    /// For the status line.
    pub message: String,
    /// An HTML page's address, to offer to the browser.
    pub browser: Option<String>,
}

/// What a fetch job reports.
#[derive(Debug, Clone)]
pub enum FetchOutput {
    /// Bytes read so far, and the whole when the server said.
    Progress(u64, Option<u64>),
    /// The cached copy, shown at once while the server is asked for a newer one.
    Early(Box<Fetched>),
    /// The article, or why there is none.
    Done(Result<Box<Fetched>, FetchFailure>),
    /// What the server said after the cached copy was shown.
    Checked(Check),
    /// A repository's folder: it opens as a library.
    Folder(Box<Listing>),
    /// A repository's folder from the cache, shown at once while the forge
    /// is asked; a `Folder` after it is a listing that changed.
    EarlyFolder(Box<Listing>),
}

/// An article read by address and laid out for a reader, landing on the
/// anchor asked for: what a fetch hands back for the app to show.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The article, laid out for the terminal the fetch was asked on.
    pub opened: Laid,
    /// What the status line says once it is shown (the cached copy's date,
    /// the server's silence), in place of any other note.
    pub message: Option<String>,
}

/// The answer to a cached copy's check.
#[derive(Debug, Clone)]
pub enum Check {
    /// The copy of the article at `path` stands; the line to show
    /// (offline, an error), if any.
    Same(PathBuf, Option<String>),
    /// A newer article at `path`, laid out.
    Newer(Box<(Article, crate::layout::Document)>),
}

impl FetchJob {
    /// Fetches (through the cache) and lays out; progress goes to `reporter`.
    /// An article with a cached copy is shown from it at once and checked
    /// afterwards.
    pub fn run(self, reporter: &Reporter<FetchOutput>) -> FetchOutput {
        let (mut remote, _) = Remote::new(self.settings.clone(), self.no_state);
        let cached = match &self.address {
            Address::Url(url) => remote.cached(url),
            Address::Repo(_) => None,
        };
        // A folder read before shows from the cache at once; the forge is
        // asked afterwards, and a listing that changed takes its place.
        let early_folder = match &self.address {
            Address::Repo(repo) => remote.cached_folder(repo),
            Address::Url(_) => None,
        };
        if let Some(listing) = &early_folder {
            reporter.send(FetchOutput::EarlyFolder(Box::new(listing.clone())));
        }
        if let Some(copy) = &cached {
            let checked = copy.offline.as_ref().map_or(0, |(at, _)| *at);
            let message = Some(format!(
                "the cached copy from {}; {ASKING}",
                crate::remote::date(checked)
            ));
            let opened = self.opened(copy);
            reporter.send(FetchOutput::Early(Box::new(Fetched { opened, message })));
        }
        let mut last = Instant::now();
        let mut progress = |read: u64, total: Option<u64>| {
            if last.elapsed() >= PROGRESS_EVERY {
                last = Instant::now();
                reporter.send(FetchOutput::Progress(read, total));
            }
        };
        let opened = remote.open(&self.address, &mut progress);
        if let Some(copy) = cached {
            let path = PathBuf::from(copy.url.as_str());
            return FetchOutput::Checked(match opened {
                Ok(Opened::Article(f)) if f.offline.is_some() => {
                    Check::Same(path, f.offline_line())
                }
                Ok(Opened::Article(f)) if f.bytes == copy.bytes && f.url == copy.url => {
                    Check::Same(path, None)
                }
                Ok(Opened::Article(f)) => {
                    let opened = self.opened(&f);
                    Check::Newer(Box::new((opened.article, opened.doc)))
                }
                Ok(Opened::Folder(_)) => Check::Same(path, None),
                Err(e) => Check::Same(path, Some(failure(&e).message)),
            });
        }
        if let Some(early) = early_folder {
            return match opened {
                Ok(Opened::Folder(listing)) if listing == early => {
                    FetchOutput::Checked(Check::Same(PathBuf::from(early.label()), None))
                }
                Ok(Opened::Folder(listing)) => FetchOutput::Folder(Box::new(listing)),
                Ok(Opened::Article(_)) | Err(_) => {
                    FetchOutput::Checked(Check::Same(PathBuf::from(early.label()), None))
                }
            };
        }
        match opened {
            Ok(Opened::Article(fetched)) => {
                let opened = self.opened(&fetched);
                let message = fetched.offline_line();
                FetchOutput::Done(Ok(Box::new(Fetched { opened, message })))
            }
            Ok(Opened::Folder(listing)) => FetchOutput::Folder(Box::new(listing)),
            Err(e) => FetchOutput::Done(Err(failure(&e))),
        }
    }

    /// `fetched` read and laid out for a reader, landing on the anchor asked for.
    fn opened(&self, fetched: &crate::remote::Fetched) -> Laid {
        let draft = Draft::from_bytes(Path::new(fetched.url.as_str()), &fetched.bytes);
        let mut opened = Laid::from_draft(draft, &self.config, self.size);
        opened.landing = self.anchor.clone().map_or(Landing::Top, Landing::Anchor);
        opened
    }
}

fn failure(e: &RemoteError) -> FetchFailure {
    FetchFailure {
        message: sanitize_line(&e.to_string()).into_owned(),
        browser: e.browser_url().map(str::to_string),
    }
}

/// The address an article path or link target names, when it is one
/// (`http(s)://…`, `gh:…`, `gl:…`).
pub fn address_of(path: &Path) -> Option<Address> {
    let text = path.to_str()?;
    if !(text.starts_with("http://")
        || text.starts_with("https://")
        || text.starts_with("gh:")
        || text.starts_with("gl:"))
    {
        return None;
    }
    crate::remote::address::parse(text)?.ok()
}

/// True when the reader's article was read by address.
pub fn is_remote(path: &Path) -> bool {
    address_of(path).is_some()
}

/// How an address is shown: its URL, or `gh:owner/name/path@ref`.
pub fn shown(address: &Address) -> String {
    match address {
        Address::Url(url) => url.to_string(),
        Address::Repo(repo) => repo.label(),
    }
}
