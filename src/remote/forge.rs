//! A repository's README or file through a forge's plain HTTP endpoints:
//! GitHub's `readme` and `contents` (one request each, the file in the
//! answer), GitLab's `repository/tree` and `files/…/raw`; a folder is
//! [`super::folder`]'s. Never a clone. The API bases come from `[remote]`.

use base64::Engine;
use serde::Deserialize;
use url::Url;

use super::{Fetched, Forge, Opened, Remote, RemoteError, Repo};

/// GitHub's answer for one file.
#[derive(Debug, Deserialize)]
struct GitHubFile {
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    download_url: Option<String>,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    encoding: Option<String>,
}

/// GitLab's tree entry.
#[derive(Debug, Deserialize)]
pub(super) struct GitLabEntry {
    pub(super) name: String,
    pub(super) path: String,
    #[serde(rename = "type")]
    pub(super) kind: String,
}

pub(super) fn open(
    remote: &mut Remote,
    repo: &Repo,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Opened, RemoteError> {
    match repo.forge {
        Forge::GitHub => github(remote, repo, progress),
        Forge::GitLab => gitlab(remote, repo, progress),
    }
}

/// `base` with `segments` added as path segments (each percent-encoded,
/// a `/` inside one too) and `query`.
pub(super) fn api_url(
    base: &str,
    segments: &[&str],
    query: &[(&str, &str)],
) -> Result<Url, RemoteError> {
    let mut url = super::address::checked_url(base)?;
    let bad = || RemoteError::Address {
        address: base.to_string(),
        why: "cannot be a base".into(),
    };
    url.path_segments_mut()
        .map_err(|()| bad())?
        .pop_if_empty()
        .extend(segments);
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    Ok(url)
}

pub(super) fn json<T: for<'de> Deserialize<'de>>(
    url: &Url,
    bytes: &[u8],
) -> Result<T, RemoteError> {
    serde_json::from_slice(bytes).map_err(|e| RemoteError::Forge {
        url: url.to_string(),
        why: format!("not the answer expected: {e}"),
    })
}

/// How GitHub's API is asked for JSON.
pub(super) const GITHUB_JSON: &str = "application/vnd.github+json";

fn github(
    remote: &mut Remote,
    repo: &Repo,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Opened, RemoteError> {
    if !repo.path.is_empty() && !is_markdown(&repo.path) {
        // A folder or another file: the tree says which, in one request.
        if let Some(listing) = super::folder::github_tree(remote, repo, progress)? {
            return Ok(Opened::Folder(listing));
        }
    }
    let url = github_file_url(&remote.settings.github_api, repo)?;
    let (answer, _) = remote.get(&url, Some(GITHUB_JSON), progress)?;
    github_answer(remote, repo, &url, answer, progress).map(Opened::Article)
}

/// The API address of `repo`'s file (its README at the top).
fn github_file_url(base: &str, repo: &Repo) -> Result<Url, RemoteError> {
    let query: Vec<(&str, &str)> = repo.reference.iter().map(|r| ("ref", r.as_str())).collect();
    let mut segments = vec!["repos", repo.owner.as_str(), repo.name.as_str()];
    if repo.path.is_empty() {
        segments.push("readme");
    } else {
        segments.push("contents");
        segments.extend(repo.path.split('/'));
    }
    api_url(base, &segments, &query)
}

/// The file in GitHub's answer for one file: its content (base64), else
/// its raw address fetched (or, `offline_only`, its cached copy).
fn github_decode(
    url: &Url,
    bytes: &[u8],
    repo: &Repo,
) -> Result<(Option<Vec<u8>>, Option<Url>), RemoteError> {
    let value: serde_json::Value = json(url, bytes)?;
    if value.is_array() {
        return Err(RemoteError::Forge {
            url: url.to_string(),
            why: format!("{} is a folder", repo.label()),
        });
    }
    let file: GitHubFile = json(url, bytes)?;
    if file.kind != "file" {
        return Err(RemoteError::Forge {
            url: url.to_string(),
            why: format!("{} is a {}, not a file or folder", repo.label(), file.kind),
        });
    }
    let raw = file
        .download_url
        .as_deref()
        .and_then(|u| Url::parse(u).ok());
    let content = match (&file.content, file.encoding.as_deref()) {
        (Some(text), Some("base64")) if !text.is_empty() => {
            let packed: String = text.split_whitespace().collect();
            base64::engine::general_purpose::STANDARD
                .decode(packed)
                .ok()
        }
        _ => None,
    };
    Ok((content, raw))
}

fn github_answer(
    remote: &mut Remote,
    repo: &Repo,
    url: &Url,
    answer: Fetched,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Fetched, RemoteError> {
    match github_decode(url, &answer.bytes, repo)? {
        (Some(bytes), raw) => Ok(Fetched {
            url: raw.unwrap_or_else(|| url.clone()),
            bytes,
            offline: answer.offline,
        }),
        // Past 1 MB the API leaves the content out: the raw file has it.
        (None, Some(raw)) => remote.article(&raw, progress),
        (None, None) => Err(RemoteError::Forge {
            url: url.to_string(),
            why: "the answer holds neither the file nor its address".into(),
        }),
    }
}

/// The cached copy of the file `repo` names, without asking the network.
pub(super) fn cached_file(remote: &Remote, repo: &Repo) -> Option<Fetched> {
    match repo.forge {
        Forge::GitHub => {
            let url = github_file_url(&remote.settings.github_api, repo).ok()?;
            let page = remote.cached_page(&url)?;
            let checked = page.offline.clone();
            match github_decode(&url, &page.bytes, repo).ok()? {
                (Some(bytes), raw) => Some(Fetched {
                    url: raw.unwrap_or(url),
                    bytes,
                    offline: checked,
                }),
                (None, Some(raw)) => remote.cached(&raw),
                (None, None) => None,
            }
        }
        Forge::GitLab => {
            let (api, shown) = gitlab_raw(&remote.settings.gitlab_api, repo, &repo.path).ok()?;
            let mut fetched = remote.cached(&api)?;
            fetched.url = shown;
            Some(fetched)
        }
    }
}

fn gitlab(
    remote: &mut Remote,
    repo: &Repo,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Opened, RemoteError> {
    let base = remote.settings.gitlab_api.clone();
    let project = format!("{}/{}", repo.owner, repo.name);
    let reference = repo.reference.clone().unwrap_or_else(|| "HEAD".into());
    if !repo.path.is_empty() && !is_markdown(&repo.path) {
        return super::folder::gitlab_tree(remote, repo, progress).map(Opened::Folder);
    }
    let raw_of = |path: &str| gitlab_raw(&base, repo, path);
    if is_markdown(&repo.path) {
        let (api, shown) = raw_of(&repo.path)?;
        let mut fetched = remote.article(&api, progress)?;
        fetched.url = shown;
        return Ok(Opened::Article(fetched));
    }
    let query = [("ref", reference.as_str()), ("per_page", "100")];
    let url = api_url(&base, &["projects", &project, "repository", "tree"], &query)?;
    let (answer, _) = remote.get(&url, Some("application/json"), progress)?;
    let items: Vec<GitLabEntry> = json(&url, &answer.bytes)?;
    let readme = items
        .iter()
        .filter(|e| e.kind == "blob" && is_markdown(&e.name))
        .find(|e| e.name.to_ascii_lowercase().starts_with("readme."))
        .ok_or_else(|| RemoteError::Forge {
            url: url.to_string(),
            why: format!("{} has no README.md at its top", repo.label()),
        })?;
    let (api, shown) = raw_of(&readme.path)?;
    let mut fetched = remote.article(&api, progress)?;
    fetched.url = shown;
    Ok(Opened::Article(fetched))
}

/// The API address of a GitLab file's raw bytes, and the web address its
/// relative links resolve against.
fn gitlab_raw(base: &str, repo: &Repo, path: &str) -> Result<(Url, Url), RemoteError> {
    let project = format!("{}/{}", repo.owner, repo.name);
    let reference = repo.reference.as_deref().unwrap_or("HEAD");
    let api = api_url(
        base,
        &["projects", &project, "repository", "files", path, "raw"],
        &[("ref", reference)],
    )?;
    let web = base.trim_end_matches("/api/v4");
    let mut segments: Vec<&str> = repo.owner.split('/').collect();
    segments.extend([repo.name.as_str(), "-", "raw", reference]);
    segments.extend(path.split('/'));
    let shown = api_url(web, &segments, &[])?;
    Ok((api, shown))
}

/// True for a `.md` or `.markdown` name.
pub fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_addresses_encode_each_segment() {
        let url = api_url(
            "http://h/api/v4/",
            &["projects", "g/p", "files", "a b#.md"],
            &[("ref", "x y")],
        )
        .expect("url");
        assert_eq!(
            url.as_str(),
            "http://h/api/v4/projects/g%2Fp/files/a%20b%23.md?ref=x+y"
        );
    }
}
