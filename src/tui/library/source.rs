//! Where a library's articles come from: a folder on disk (walked, cached
//! and watched) or a repository's folder read by address (listed by its
//! forge, each file fetched through the remote cache). The screen's rows,
//! filters and keys are the same for both; what differs is how an entry
//! is opened and previewed and how the rows are read again.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::remote::{File, Listing, Repo, Settings};

/// A library's source.
#[derive(Debug, Clone, Default)]
pub enum Source {
    /// A folder on disk: the library's root.
    #[default]
    Local,
    /// A repository's folder.
    Remote(RemoteFolder),
}

/// A repository's folder read by address, and how to fetch its files.
#[derive(Debug, Clone)]
pub struct RemoteFolder {
    /// The forge's listing: its files, what it left out.
    pub listing: Arc<Listing>,
    /// Limits, API bases.
    pub settings: Settings,
    /// `--no-state`: no cache.
    pub no_state: bool,
}

impl RemoteFolder {
    /// The file at `rel` inside the folder.
    pub fn file(&self, rel: &Path) -> File {
        let rel = crate::library::path_string(rel);
        if let Some(file) = self.listing.files.iter().find(|f| f.path == rel) {
            return file.clone();
        }
        let folder = &self.listing.folder;
        let path = if folder.path.is_empty() {
            rel.clone()
        } else {
            format!("{}/{rel}", folder.path)
        };
        File {
            path: rel,
            address: Repo {
                path,
                ..folder.clone()
            },
            raw: None,
        }
    }
}

impl Source {
    /// The repository's folder, when the library is one.
    pub fn remote(&self) -> Option<&RemoteFolder> {
        match self {
            Source::Remote(folder) => Some(folder),
            Source::Local => None,
        }
    }

    /// What opens the entry at `rel`: a file under `root`, or a
    /// repository's file by its raw address (or `gh:owner/name/path@ref`).
    pub fn open_path(&self, root: &Path, rel: &Path) -> PathBuf {
        match self {
            Source::Local => root.join(rel),
            Source::Remote(folder) => PathBuf::from(folder.file(rel).target()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::Forge;

    #[test]
    fn a_remote_entry_opens_by_its_raw_address_else_its_forge_address() {
        let folder = Repo {
            forge: Forge::GitHub,
            owner: "o".into(),
            name: "r".into(),
            path: "docs".into(),
            reference: Some("v1".into()),
        };
        let source = Source::Remote(RemoteFolder {
            listing: Arc::new(Listing {
                files: vec![File {
                    path: "guide.md".into(),
                    address: Repo {
                        path: "docs/guide.md".into(),
                        ..folder.clone()
                    },
                    raw: url::Url::parse("https://raw.example/o/r/v1/docs/guide.md").ok(),
                }],
                folder,
                left_out: 0,
                truncated: false,
            }),
            settings: Settings::from_config(&crate::config::Remote::default()),
            no_state: true,
        });
        assert_eq!(
            source.open_path(Path::new("gh:o/r/docs@v1"), Path::new("api/x.md")),
            PathBuf::from("gh:o/r/docs/api/x.md@v1")
        );
        // A file the listing has a raw address for opens there (its cached
        // copy is the one the library read).
        assert_eq!(
            source.open_path(Path::new("gh:o/r/docs@v1"), Path::new("guide.md")),
            PathBuf::from("https://raw.example/o/r/v1/docs/guide.md")
        );
        assert_eq!(
            Source::Local.open_path(Path::new("notes"), Path::new("a.md")),
            PathBuf::from("notes/a.md")
        );
    }
}
