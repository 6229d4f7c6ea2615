//! What a command-line argument names when it is not a file: an
//! `http(s)://` address, or a repository on a forge (`gh:OWNER/REPO[/PATH][@REF]`,
//! `gl:…`, `github.com/…`, `https://gitlab.com/…/-/tree/REF/PATH`).

use url::Url;

use super::RemoteError;

/// A forge quire knows the plain HTTP endpoints of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forge {
    /// GitHub (or GitHub Enterprise through `[remote] github-api`).
    GitHub,
    /// GitLab (or a self-hosted one through `[remote] gitlab-api`).
    GitLab,
}

/// A repository, maybe a path inside it and a branch, tag or commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    /// Which forge.
    pub forge: Forge,
    /// The owner (a GitLab group path may hold slashes).
    pub owner: String,
    /// The repository's name.
    pub name: String,
    /// A file or folder inside it, without leading or trailing `/`; empty for the top.
    pub path: String,
    /// The branch, tag or commit; `None` for the default branch.
    pub reference: Option<String>,
}

impl Repo {
    /// How it is written back: `gh:owner/name/path@ref`.
    pub fn label(&self) -> String {
        let prefix = match self.forge {
            Forge::GitHub => "gh",
            Forge::GitLab => "gl",
        };
        let mut label = format!("{prefix}:{}/{}", self.owner, self.name);
        if !self.path.is_empty() {
            label.push('/');
            label.push_str(&self.path);
        }
        if let Some(r) = &self.reference {
            label.push('@');
            label.push_str(r);
        }
        label
    }
}

/// What an argument names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// A page by its address.
    Url(Url),
    /// A repository's README, file or folder.
    Repo(Repo),
}

/// Reads `arg` as a remote address: `None` when it is not one (a local
/// path), an error when it looks like one but cannot be read (another
/// scheme, credentials in it, a repository without a name).
pub fn parse(arg: &str) -> Option<Result<Address, RemoteError>> {
    let arg = arg.trim();
    if let Some(rest) = arg.strip_prefix("gh:") {
        return Some(short(Forge::GitHub, rest, arg));
    }
    if let Some(rest) = arg.strip_prefix("gl:") {
        return Some(short(Forge::GitLab, rest, arg));
    }
    for (host, forge) in [
        ("github.com/", Forge::GitHub),
        ("gitlab.com/", Forge::GitLab),
    ] {
        if let Some(rest) = arg
            .strip_prefix(host)
            .or_else(|| arg.strip_prefix(&format!("www.{host}")))
        {
            return Some(web(forge, rest, arg));
        }
    }
    let scheme_end = arg.find("://")?;
    let scheme = &arg[..scheme_end];
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return None;
    }
    Some(url(arg))
}

/// An `http(s)://` address checked for what quire refuses; a forge's web
/// page of a repository becomes that repository.
fn url(arg: &str) -> Result<Address, RemoteError> {
    let parsed = checked_url(arg)?;
    let host = parsed.host_str().unwrap_or_default().to_ascii_lowercase();
    let forge = match host.trim_start_matches("www.") {
        "github.com" => Some(Forge::GitHub),
        "gitlab.com" => Some(Forge::GitLab),
        _ => None,
    };
    if let Some(forge) = forge {
        let rest = parsed.path().trim_start_matches('/');
        if rest.split('/').filter(|s| !s.is_empty()).count() >= 2 {
            return web(forge, rest, arg);
        }
    }
    Ok(Address::Url(parsed))
}

/// Parses `text` as an address quire may fetch: `http` or `https`, a host,
/// no user name or password.
pub fn checked_url(text: &str) -> Result<Url, RemoteError> {
    let parsed = Url::parse(text).map_err(|e| RemoteError::Address {
        address: text.to_string(),
        why: e.to_string(),
    })?;
    check(&parsed)?;
    Ok(parsed)
}

/// Refuses what quire never fetches: a scheme other than `http`/`https`,
/// an address without a host, credentials in the address.
pub fn check(url: &Url) -> Result<(), RemoteError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(RemoteError::Scheme(url.scheme().to_string()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(RemoteError::Address {
            address: url.to_string(),
            why: "no host".into(),
        });
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(RemoteError::Credentials);
    }
    Ok(())
}

/// `OWNER/REPO[/PATH][@REF]` after `gh:` or `gl:`.
fn short(forge: Forge, rest: &str, arg: &str) -> Result<Address, RemoteError> {
    let (rest, reference) = match rest.rsplit_once('@') {
        Some((rest, r)) if !r.contains('/') => {
            (rest, Some(r.to_string()).filter(|r| !r.is_empty()))
        }
        _ => (rest, None),
    };
    let parts: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if parts.len() < 2 {
        return repo(forge, &parts, "", None, arg);
    }
    repo(forge, &parts[..2], &parts[2..].join("/"), reference, arg)
}

/// The path of a forge's web page: `OWNER/REPO`, then GitHub's
/// `/tree/REF/PATH` or `/blob/REF/PATH`, GitLab's `/-/tree/REF/PATH` (a
/// GitLab project may sit in nested groups).
fn web(forge: Forge, rest: &str, arg: &str) -> Result<Address, RemoteError> {
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let parts: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let (project, tail) = match forge {
        Forge::GitHub if parts.len() > 2 => parts.split_at(2),
        Forge::GitHub => (parts.as_slice(), &[][..]),
        Forge::GitLab => match parts.iter().position(|p| *p == "-") {
            Some(at) => (&parts[..at], &parts[at + 1..]),
            None => (parts.as_slice(), &[][..]),
        },
    };
    if tail.is_empty() {
        return repo(forge, project, "", None, arg);
    }
    match tail {
        [kind, reference, path @ ..] if matches!(*kind, "tree" | "blob" | "raw") => repo(
            forge,
            project,
            &path.join("/"),
            Some((*reference).to_string()),
            arg,
        ),
        _ => Err(RemoteError::Address {
            address: arg.to_string(),
            why: "not a repository's page (OWNER/REPO, /tree/REF/PATH or /blob/REF/PATH)".into(),
        }),
    }
}

/// The repository `project` names (its last part is the name, the rest
/// the owner).
fn repo(
    forge: Forge,
    project: &[&str],
    path: &str,
    reference: Option<String>,
    arg: &str,
) -> Result<Address, RemoteError> {
    let bad = |p: &str| p == ".." || p == ".";
    if project.len() < 2 || project.iter().any(|p| bad(p)) || path.split('/').any(bad) {
        return Err(RemoteError::Address {
            address: arg.to_string(),
            why: "expected OWNER/REPO[/PATH][@REF]".into(),
        });
    }
    let (name, owner) = project.split_last().unwrap_or((&"", &[]));
    Ok(Address::Repo(Repo {
        forge,
        owner: owner.join("/"),
        name: name.trim_end_matches(".git").to_string(),
        path: path.to_string(),
        reference,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_of(arg: &str) -> Repo {
        match parse(arg) {
            Some(Ok(Address::Repo(r))) => r,
            other => panic!("{arg}: {other:?}"),
        }
    }

    #[test]
    fn short_forms_name_owner_repo_path_and_ref() {
        let r = repo_of("gh:rust-lang/book");
        assert_eq!(
            (r.forge, r.owner.as_str(), r.name.as_str()),
            (Forge::GitHub, "rust-lang", "book")
        );
        assert_eq!((r.path.as_str(), r.reference), ("", None));
        let r = repo_of("gh:o/r/docs/guide@v1.2");
        assert_eq!(
            (r.path.as_str(), r.reference.as_deref()),
            ("docs/guide", Some("v1.2"))
        );
        let r = repo_of("gl:group/project@main");
        assert_eq!(
            (r.forge, r.reference.as_deref()),
            (Forge::GitLab, Some("main"))
        );
        assert_eq!(repo_of("gh:o/r/docs@v1").label(), "gh:o/r/docs@v1");
    }

    #[test]
    fn web_forms_of_the_forges_are_repositories() {
        let r = repo_of("github.com/o/r");
        assert_eq!(
            (r.owner.as_str(), r.name.as_str(), r.path.as_str()),
            ("o", "r", "")
        );
        let r = repo_of("https://github.com/o/r/tree/dev/docs/api");
        assert_eq!(
            (r.path.as_str(), r.reference.as_deref()),
            ("docs/api", Some("dev"))
        );
        let r = repo_of("https://github.com/o/r/blob/main/README.md");
        assert_eq!(
            (r.path.as_str(), r.reference.as_deref()),
            ("README.md", Some("main"))
        );
        let r = repo_of("https://gitlab.com/o/r/-/tree/main/docs");
        assert_eq!(
            (r.forge, r.path.as_str(), r.reference.as_deref()),
            (Forge::GitLab, "docs", Some("main"))
        );
        let r = repo_of("gitlab.com/o/r.git");
        assert_eq!(r.name, "r");
    }

    #[test]
    fn other_addresses_stay_urls_and_paths_stay_paths() {
        assert!(matches!(
            parse("http://127.0.0.1:8080/post.md"),
            Some(Ok(Address::Url(_)))
        ));
        assert!(parse("notes/post.md").is_none());
        assert!(parse("./gh-pages/x.md").is_none());
        assert!(parse("C:post.md").is_none());
    }

    #[test]
    fn refused_schemes_credentials_and_half_repositories_say_why() {
        assert!(
            matches!(parse("ftp://example.org/a.md"), Some(Err(RemoteError::Scheme(s))) if s == "ftp")
        );
        assert!(matches!(
            parse("file:///etc/passwd"),
            Some(Err(RemoteError::Scheme(_)))
        ));
        assert!(matches!(
            parse("https://me:secret@example.org/a.md"),
            Some(Err(RemoteError::Credentials))
        ));
        assert!(matches!(
            parse("gh:onlyowner"),
            Some(Err(RemoteError::Address { .. }))
        ));
        assert!(matches!(
            parse("gh:o/../x"),
            Some(Err(RemoteError::Address { .. }))
        ));
    }
}
