//! A repository's README, file or folder through a forge's plain HTTP
//! endpoints: GitHub's `readme` and `contents` (one request each, the file
//! in the answer), GitLab's `repository/tree` and `files/…/raw`. Never a
//! clone. The API bases come from `[remote]`.

use base64::Engine;
use serde::Deserialize;
use url::Url;

use super::{Fetched, Forge, Opened, Remote, RemoteError, Repo};

/// A folder of a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The folder, as `gh:owner/name/path@ref`.
    pub label: String,
    /// Its markdown files and folders, folders first, each by name.
    pub entries: Vec<Entry>,
}

/// One file or folder of a [`Listing`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its name.
    pub name: String,
    /// True for a folder.
    pub folder: bool,
    /// Where it is: a folder as a repository address, a file the same
    /// (open it with [`Remote::open`]).
    pub address: Repo,
}

/// GitHub's answer for one file.
#[derive(Debug, Deserialize)]
struct GitHubFile {
    #[serde(default)]
    path: String,
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
struct GitLabEntry {
    name: String,
    path: String,
    #[serde(rename = "type")]
    kind: String,
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
fn api_url(base: &str, segments: &[&str], query: &[(&str, &str)]) -> Result<Url, RemoteError> {
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

fn json<T: for<'de> Deserialize<'de>>(url: &Url, bytes: &[u8]) -> Result<T, RemoteError> {
    serde_json::from_slice(bytes).map_err(|e| RemoteError::Forge {
        url: url.to_string(),
        why: format!("not the answer expected: {e}"),
    })
}

fn github(
    remote: &mut Remote,
    repo: &Repo,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Opened, RemoteError> {
    let base = remote.settings.github_api.clone();
    let query: Vec<(&str, &str)> = repo.reference.iter().map(|r| ("ref", r.as_str())).collect();
    let mut segments = vec!["repos", repo.owner.as_str(), repo.name.as_str()];
    if repo.path.is_empty() {
        segments.push("readme");
    } else {
        segments.push("contents");
        segments.extend(repo.path.split('/'));
    }
    let url = api_url(&base, &segments, &query)?;
    let (answer, _) = remote.get(&url, Some("application/vnd.github+json"), progress)?;
    let value: serde_json::Value = json(&url, &answer.bytes)?;
    if let serde_json::Value::Array(items) = value {
        let mut entries = Vec::new();
        for item in items {
            let Ok(file) = serde_json::from_value::<GitHubFile>(item) else {
                continue;
            };
            let folder = file.kind == "dir";
            let markdown = file.kind == "file" && is_markdown(&file.path);
            if !(folder || markdown) {
                continue;
            }
            let name = file.path.rsplit('/').next().unwrap_or_default().to_string();
            entries.push(Entry {
                name,
                folder,
                address: Repo {
                    path: file.path,
                    ..repo.clone()
                },
            });
        }
        return Ok(Opened::Folder(listing(repo, entries)));
    }
    let file: GitHubFile = json(&url, &answer.bytes)?;
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
    match (content, raw) {
        (Some(bytes), raw) => Ok(Opened::Article(Fetched {
            url: raw.unwrap_or(url),
            bytes,
            offline: answer.offline,
        })),
        // Past 1 MB the API leaves the content out: the raw file has it.
        (None, Some(raw)) => remote.article(&raw, progress).map(Opened::Article),
        (None, None) => Err(RemoteError::Forge {
            url: url.to_string(),
            why: "the answer holds neither the file nor its address".into(),
        }),
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
    let raw_of = |path: &str| -> Result<(Url, Url), RemoteError> {
        let api = api_url(
            &base,
            &["projects", &project, "repository", "files", path, "raw"],
            &[("ref", reference.as_str())],
        )?;
        // Relative links resolve against the file's web address.
        let web = base.trim_end_matches("/api/v4");
        let mut segments: Vec<&str> = repo.owner.split('/').collect();
        segments.extend([repo.name.as_str(), "-", "raw", reference.as_str()]);
        segments.extend(path.split('/'));
        let shown = api_url(web, &segments, &[])?;
        Ok((api, shown))
    };
    if is_markdown(&repo.path) {
        let (api, shown) = raw_of(&repo.path)?;
        let mut fetched = remote.article(&api, progress)?;
        fetched.url = shown;
        return Ok(Opened::Article(fetched));
    }
    let mut query = vec![("ref", reference.as_str()), ("per_page", "100")];
    if !repo.path.is_empty() {
        query.push(("path", repo.path.as_str()));
    }
    let url = api_url(&base, &["projects", &project, "repository", "tree"], &query)?;
    let (answer, _) = remote.get(&url, Some("application/json"), progress)?;
    let items: Vec<GitLabEntry> = json(&url, &answer.bytes)?;
    if repo.path.is_empty() {
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
        return Ok(Opened::Article(fetched));
    }
    let entries = items
        .into_iter()
        .filter(|e| e.kind == "tree" || (e.kind == "blob" && is_markdown(&e.name)))
        .map(|e| Entry {
            name: e.name,
            folder: e.kind == "tree",
            address: Repo {
                path: e.path,
                ..repo.clone()
            },
        })
        .collect();
    Ok(Opened::Folder(listing(repo, entries)))
}

fn listing(repo: &Repo, mut entries: Vec<Entry>) -> Listing {
    entries.sort_by(|a, b| b.folder.cmp(&a.folder).then_with(|| a.name.cmp(&b.name)));
    Listing {
        label: repo.label(),
        entries,
    }
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
