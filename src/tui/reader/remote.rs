//! Reading by address in the reader: the fetch job (progress while the
//! body comes, then a reader laid out on the worker), what its results do,
//! and the first screen of `quire URL`, a placeholder reader that says what
//! is being fetched until the article takes its place. The UI thread never
//! waits on the network: `q` quits while a fetch is still running.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::article::{Article, Draft};
use crate::remote::{Address, Fetched, Listing, Opened, Remote, RemoteError, Settings};
use crate::sanitize::sanitize_line;
use crate::tui::app::{App, Config, Screen};
use crate::tui::jobs::{Job, JobId, Output, Reporter};

use super::ReaderScreen;

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
    Early(Box<ReaderScreen>),
    /// The reader, or why there is none.
    Done(Result<Box<ReaderScreen>, FetchFailure>),
    /// What the server said after the cached copy was shown.
    Checked(Check),
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
    pub fn run(self, reporter: &Reporter) -> FetchOutput {
        let (mut remote, _) = Remote::new(self.settings.clone(), self.no_state);
        let cached = match &self.address {
            Address::Url(url) => remote.cached(url),
            Address::Repo(_) => None,
        };
        if let Some(copy) = &cached {
            let mut reader = self.reader_of(copy);
            let checked = copy.offline.as_ref().map_or(0, |(at, _)| *at);
            reader.message = Some(format!(
                "the cached copy from {}; asking for a newer one…",
                crate::remote::date(checked)
            ));
            reporter.send(Output::Fetch(FetchOutput::Early(reader)));
        }
        let mut last = Instant::now();
        let mut progress = |read: u64, total: Option<u64>| {
            if last.elapsed() >= PROGRESS_EVERY {
                last = Instant::now();
                reporter.send(Output::Fetch(FetchOutput::Progress(read, total)));
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
                    let reader = self.reader_of(&f);
                    let article = Arc::try_unwrap(reader.article).unwrap_or_else(|a| (*a).clone());
                    Check::Newer(Box::new((article, reader.doc)))
                }
                Ok(Opened::Folder(_)) => Check::Same(path, None),
                Err(e) => Check::Same(path, Some(failure(&e).message)),
            });
        }
        let (w, h) = self.size;
        let reader = match opened {
            Ok(Opened::Article(fetched)) => {
                let mut reader = self.reader_of(&fetched);
                reader.message = fetched.offline_line();
                reader
            }
            Ok(Opened::Folder(listing)) => {
                let article = listing_article(&listing);
                let mut reader = Box::new(ReaderScreen::new(article, self.config, w, h));
                self.land(&mut reader);
                reader
            }
            Err(e) => return FetchOutput::Done(Err(failure(&e))),
        };
        FetchOutput::Done(Ok(reader))
    }

    /// A reader of `fetched`, at the anchor asked for.
    fn reader_of(&self, fetched: &Fetched) -> Box<ReaderScreen> {
        let (w, h) = self.size;
        let draft = Draft::from_bytes(Path::new(fetched.url.as_str()), &fetched.bytes);
        let mut reader = Box::new(ReaderScreen::from_draft(draft, self.config, w, h));
        self.land(&mut reader);
        reader
    }

    fn land(&self, reader: &mut ReaderScreen) {
        if let Some(anchor) = &self.anchor {
            if !reader.land_on(anchor) {
                let anchor = sanitize_line(anchor).into_owned();
                reader.message = Some(format!("no section #{anchor} here"));
            }
        }
    }
}

fn failure(e: &RemoteError) -> FetchFailure {
    FetchFailure {
        message: sanitize_line(&e.to_string()).into_owned(),
        browser: e.browser_url().map(str::to_string),
    }
}

/// A folder of a repository as an article: a list of links to its
/// markdown files and folders, each opened by address when followed.
pub fn listing_article(listing: &Listing) -> Article {
    let mut text = format!("# {}\n\n", listing.label);
    if listing.entries.is_empty() {
        text.push_str("No markdown file or folder here.\n");
    }
    for entry in &listing.entries {
        let slash = if entry.folder { "/" } else { "" };
        text.push_str(&format!(
            "- [{}{slash}](<{}>)\n",
            entry.name.replace(['[', ']'], ""),
            entry.address.label()
        ));
    }
    Article::from_bytes(Path::new(&listing.label), text.as_bytes())
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

fn shown(address: &Address) -> String {
    match address {
        Address::Url(url) => url.to_string(),
        Address::Repo(repo) => repo.label(),
    }
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
