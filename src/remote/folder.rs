//! A repository's folder as a library: its markdown files, every level
//! down, from the forge's tree listing (GitHub's `git/trees` in one
//! request; GitLab's `repository/tree` a page of 100 at a time), at most
//! [`MAX_FILES`] of them; then each file read through the cache, a few at
//! a time, into the row a library shows.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::Deserialize;

use super::forge::{GITHUB_JSON, GitLabEntry, api_url, is_markdown, json};
use super::{Fetched, Forge, Remote, RemoteError, Repo, Settings};
use url::Url;

/// The most files of a folder listed and read.
pub const MAX_FILES: usize = 500;

/// How many files are fetched at once.
pub const THREADS: usize = 4;

/// Failures of the network after which a folder's other files are read
/// from the cache alone.
pub const OFFLINE_AFTER: usize = 3;

/// A folder of a repository: its markdown files, every level down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The folder.
    pub folder: Repo,
    /// Its markdown files in path order, at most [`MAX_FILES`].
    pub files: Vec<File>,
    /// Markdown files past [`MAX_FILES`], not listed.
    pub left_out: usize,
    /// True when the forge cut its listing short (a very large repository).
    pub truncated: bool,
}

/// One markdown file of a [`Listing`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Where it is inside the folder, with `/`.
    pub path: String,
    /// The file itself (open it with [`Remote::open`]).
    pub address: Repo,
    /// Its raw address, where the forge serves files outside its API's
    /// rate limit (`[remote] github-raw`); `None`: read through the API.
    pub raw: Option<Url>,
}

impl File {
    /// What opens it: its raw address, else its repository address.
    pub fn target(&self) -> String {
        match &self.raw {
            Some(url) => url.to_string(),
            None => self.address.label(),
        }
    }
}

impl Listing {
    /// The folder as `gh:owner/name/path@ref`.
    pub fn label(&self) -> String {
        self.folder.label()
    }

    /// What the listing leaves out, when it does: the files past the cap,
    /// a listing the forge cut short.
    pub fn note(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.left_out > 0 {
            parts.push(format!(
                "only the first {MAX_FILES} of {} markdown files are read",
                MAX_FILES + self.left_out
            ));
        }
        if self.truncated {
            parts.push("the forge cut its listing short".to_string());
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// A listing of `folder` from every path of the repository (`/`
    /// separated, `blob` for files): the markdown files under the folder,
    /// none in a hidden folder, in path order, capped.
    fn of(
        folder: &Repo,
        paths: impl IntoIterator<Item = String>,
        truncated: bool,
        raw: Option<&str>,
    ) -> Listing {
        let reference = folder.reference.as_deref().unwrap_or("HEAD");
        let raw_of = |path: &str| -> Option<Url> {
            let mut segments = vec![folder.owner.as_str(), folder.name.as_str(), reference];
            segments.extend(path.split('/'));
            api_url(raw?, &segments, &[]).ok()
        };
        let prefix = if folder.path.is_empty() {
            String::new()
        } else {
            format!("{}/", folder.path)
        };
        let mut files: Vec<File> = paths
            .into_iter()
            .filter(|p| is_markdown(p))
            .filter_map(|p| {
                let rel = p.strip_prefix(&prefix)?.to_string();
                if rel.split('/').any(|part| part.starts_with('.')) {
                    return None;
                }
                Some(File {
                    path: rel,
                    raw: raw_of(&p),
                    address: Repo {
                        path: p,
                        ..folder.clone()
                    },
                })
            })
            .collect();
        files.sort_by(|a, b| crate::library::path_order(Path::new(&a.path), Path::new(&b.path)));
        files.dedup_by(|a, b| a.path == b.path);
        let left_out = files.len().saturating_sub(MAX_FILES);
        files.truncate(MAX_FILES);
        Listing {
            folder: folder.clone(),
            files,
            left_out,
            truncated,
        }
    }
}

/// GitHub's tree of a commit.
#[derive(Debug, Deserialize)]
struct GitHubTree {
    #[serde(default)]
    tree: Vec<GitHubTreeItem>,
    #[serde(default)]
    truncated: bool,
}

#[derive(Debug, Deserialize)]
struct GitHubTreeItem {
    path: String,
    #[serde(rename = "type")]
    kind: String,
}

/// The folder `repo` names, from the repository's whole tree (one
/// request); `None` when its path is a file.
pub(super) fn github_tree(
    remote: &mut Remote,
    repo: &Repo,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Option<Listing>, RemoteError> {
    let url = github_tree_url(remote, repo)?;
    let (answer, _) = remote.get(&url, Some(GITHUB_JSON), progress)?;
    github_listing(
        &url,
        &answer.bytes,
        repo,
        remote.settings.github_raw.as_deref(),
    )
}

fn github_tree_url(remote: &Remote, repo: &Repo) -> Result<Url, RemoteError> {
    let reference = repo.reference.as_deref().unwrap_or("HEAD");
    api_url(
        &remote.settings.github_api,
        &["repos", &repo.owner, &repo.name, "git", "trees", reference],
        &[("recursive", "1")],
    )
}

/// The listing of `repo`'s folder in GitHub's tree `bytes` (asked at `url`);
/// `None` when its path is a file.
fn github_listing(
    url: &Url,
    bytes: &[u8],
    repo: &Repo,
    raw: Option<&str>,
) -> Result<Option<Listing>, RemoteError> {
    let tree: GitHubTree = json(url, bytes)?;
    let mut found = false;
    for item in &tree.tree {
        if item.path == repo.path {
            if item.kind == "blob" {
                return Ok(None);
            }
            found = true;
        }
    }
    if !found && !tree.truncated {
        return Err(RemoteError::Forge {
            url: url.to_string(),
            why: format!("{} is no file or folder of the repository", repo.label()),
        });
    }
    let paths = tree
        .tree
        .into_iter()
        .filter(|i| i.kind == "blob")
        .map(|i| i.path);
    Ok(Some(Listing::of(repo, paths, tree.truncated, raw)))
}

/// Pages of GitLab's tree asked at most: beyond, the cap is reached.
const GITLAB_PAGES: usize = 10;

/// The folder `repo` names, from GitLab's recursive tree, 100 entries a
/// page until a short page.
pub(super) fn gitlab_tree(
    remote: &mut Remote,
    repo: &Repo,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Listing, RemoteError> {
    gitlab_pages(remote, repo, &mut |remote, url| {
        let (answer, _) = remote.get(url, Some("application/json"), progress)?;
        Ok(Some(answer.bytes))
    })?
    .ok_or_else(|| RemoteError::Forge {
        url: repo.label(),
        why: "no listing".into(),
    })
}

/// A page of GitLab's tree: its bytes, `None` when there are none.
type PageOf<'a> = dyn FnMut(&mut Remote, &Url) -> Result<Option<Vec<u8>>, RemoteError> + 'a;

fn gitlab_pages(
    remote: &mut Remote,
    repo: &Repo,
    page_of: &mut PageOf<'_>,
) -> Result<Option<Listing>, RemoteError> {
    let project = format!("{}/{}", repo.owner, repo.name);
    let reference = repo.reference.as_deref().unwrap_or("HEAD");
    let mut paths = Vec::new();
    let mut truncated = true;
    for page in 1..=GITLAB_PAGES {
        let page = page.to_string();
        let query = [
            ("ref", reference),
            ("path", repo.path.as_str()),
            ("recursive", "true"),
            ("per_page", "100"),
            ("page", page.as_str()),
        ];
        let url = api_url(
            &remote.settings.gitlab_api,
            &["projects", &project, "repository", "tree"],
            &query,
        )?;
        let Some(bytes) = page_of(remote, &url)? else {
            return Ok(None);
        };
        let items: Vec<GitLabEntry> = json(&url, &bytes)?;
        let short = items.len() < 100;
        paths.extend(
            items
                .into_iter()
                .filter(|e| e.kind == "blob" && is_markdown(&e.name))
                .map(|e| e.path),
        );
        if short {
            truncated = false;
            break;
        }
    }
    Ok(Some(Listing::of(repo, paths, truncated, None)))
}

/// The listing of the folder `repo` names from the cache alone, without
/// asking the network; `None` when it is not cached (or not a folder).
pub(super) fn cached_folder(remote: &mut Remote, repo: &Repo) -> Option<Listing> {
    if repo.path.is_empty() || is_markdown(&repo.path) {
        return None;
    }
    match repo.forge {
        Forge::GitHub => {
            let url = github_tree_url(remote, repo).ok()?;
            let page = remote.cached_page(&url)?;
            let raw = remote.settings.github_raw.clone();
            github_listing(&url, &page.bytes, repo, raw.as_deref()).ok()?
        }
        Forge::GitLab => gitlab_pages(remote, repo, &mut |remote, url| {
            Ok(remote.cached_page(url).map(|p| p.bytes))
        })
        .ok()?,
    }
}

/// Where [`read_files`] reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadFrom {
    /// The cache only: instant, and nothing for a file never fetched.
    Cache,
    /// The network through the cache (a copy revalidated, or used when the
    /// network fails).
    Network,
}

/// Reads `files` from `from`, [`THREADS`] at a time (the cache on one),
/// handing each result to `each` with the file's index; stops early once
/// `each` says false. A file the cache does not hold is skipped. After
/// [`OFFLINE_AFTER`] failures of the network the rest are read from the
/// cache (a file it does not hold fails, saying why).
pub fn read_files(
    settings: &Settings,
    no_state: bool,
    files: &[File],
    from: ReadFrom,
    each: &(dyn Fn(usize, Result<Fetched, RemoteError>) -> bool + Sync),
) {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let failed = AtomicUsize::new(0);
    let threads = match from {
        ReadFrom::Cache => 1,
        ReadFrom::Network => THREADS.min(files.len()).max(1),
    };
    let work = || {
        let (mut remote, _) = Remote::new(settings.clone(), no_state);
        while !stop.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(file) = files.get(i) else { break };
            // Past a few failures of the network, the rest come from the
            // cache: offline, 500 files do not each wait for a timeout.
            let offline =
                from == ReadFrom::Network && failed.load(Ordering::Relaxed) >= OFFLINE_AFTER;
            let result = if offline {
                read_file(&mut remote, file, ReadFrom::Cache).unwrap_or_else(|| {
                    Err(RemoteError::Network {
                        url: file.target(),
                        why: "not asked: the network failed for the files before it".into(),
                    })
                })
            } else {
                match read_file(&mut remote, file, from) {
                    Some(result) => result,
                    None => continue,
                }
            };
            let network_failed = match &result {
                Err(RemoteError::Network { .. }) => true,
                Ok(f) => f.offline.as_ref().is_some_and(|(_, why)| !why.is_empty()),
                Err(_) => false,
            };
            if !offline && network_failed {
                failed.fetch_add(1, Ordering::Relaxed);
            }
            if !each(i, result) {
                stop.store(true, Ordering::Relaxed);
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
}

/// Reads `file` from `from` with `remote`; `None` when it is to be read
/// from the cache and the cache does not hold it.
pub fn read_file(
    remote: &mut Remote,
    file: &File,
    from: ReadFrom,
) -> Option<Result<Fetched, RemoteError>> {
    match (&file.raw, from) {
        (Some(raw), ReadFrom::Cache) => remote.cached(raw).map(Ok),
        (None, ReadFrom::Cache) => remote.cached_file(&file.address).map(Ok),
        (Some(raw), ReadFrom::Network) => Some(remote.article(raw, &mut |_, _| {})),
        (None, ReadFrom::Network) => Some(remote.file(&file.address)),
    }
}

/// The library row of `file`: from its bytes once fetched, else from its
/// name alone (the title its file name, no words yet).
pub fn entry(file: &File, fetched: Option<&Fetched>) -> crate::library::Entry {
    let path = PathBuf::from(&file.path);
    match fetched {
        Some(f) => {
            let peek = crate::article::peek(Path::new(f.url.as_str()), &f.bytes);
            crate::library::Entry::new(path, f.bytes.len() as u64, peek)
        }
        None => {
            let peek = crate::article::peek(&path, b"");
            crate::library::Entry::new(path, 0, peek)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::Forge;

    fn folder(path: &str) -> Repo {
        Repo {
            forge: Forge::GitHub,
            owner: "o".into(),
            name: "r".into(),
            path: path.into(),
            reference: None,
        }
    }

    #[test]
    fn a_listing_holds_the_markdown_under_the_folder_in_path_order() {
        let paths = [
            "README.md",
            "docs/b.md",
            "docs/a.md",
            // A forge that repeats a path lists it once.
            "docs/a.md",
            "docs/api/x.markdown",
            "docs/logo.png",
            "docs/.hidden/y.md",
            "docsy/z.md",
        ]
        .map(String::from);
        let listing = Listing::of(&folder("docs"), paths, false, Some("https://raw.example"));
        let rel: Vec<&str> = listing.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(rel, ["a.md", "api/x.markdown", "b.md"]);
        assert_eq!(listing.files[1].address.path, "docs/api/x.markdown");
        assert_eq!(
            listing.files[1].target(),
            "https://raw.example/o/r/HEAD/docs/api/x.markdown"
        );
        assert_eq!(listing.note(), None);
    }

    #[test]
    fn a_listing_past_the_cap_says_how_many_are_left_out() {
        let paths = (0..MAX_FILES + 3).map(|i| format!("n/{i:04}.md"));
        let listing = Listing::of(&folder("n"), paths, true, None);
        assert_eq!((listing.files.len(), listing.left_out), (MAX_FILES, 3));
        assert_eq!(
            listing.note().as_deref(),
            Some(
                "only the first 500 of 503 markdown files are read; the forge cut its listing short"
            )
        );
    }
}
