//! The headless commands: `outline`, `list`, `tags`, `links`, `search` (text and
//! `--json`) and `render`, and the one JSON writer they share ([`json`]).

mod ansi;
mod backlinks;
pub mod json;
mod links;
mod list;
mod outline;
pub(crate) mod remote;
mod search;

use std::path::Path;

use crate::Outcome;
use crate::article::{Article, Draft};
use crate::cli::{OutlineArgs, RenderArgs};
use crate::sanitize::sanitize_line;

/// `quire outline FILE`.
pub fn outline(args: &OutlineArgs, user: &crate::config::Config) -> anyhow::Result<Outcome> {
    outline::outline(args, user)
}

pub use backlinks::backlinks;
pub use links::links;
pub use list::{list, tags};
pub use search::search;

/// `quire render FILE`, coloured with the theme `user`'s config names.
pub fn render(args: &RenderArgs, user: &crate::config::Config) -> anyhow::Result<Outcome> {
    ansi::render(args, user)
}

/// `quire ADDRESS` with stdout not a terminal: an article rendered as
/// `quire render` does, a folder listed as `quire list` lists it.
pub fn remote(
    address: &crate::remote::Address,
    args: &RenderArgs,
    list: &crate::cli::ListArgs,
    user: &crate::config::Config,
) -> anyhow::Result<Outcome> {
    match remote::open(address, user, args.no_state) {
        None => Ok(Outcome::Failure),
        Some(crate::remote::Opened::Article(fetched)) => {
            let draft = Draft::from_bytes(Path::new(fetched.url.as_str()), &fetched.bytes);
            for warning in draft.warnings() {
                eprintln!("quire: warning: {warning}");
            }
            ansi::render_draft(args, user, draft)
        }
        Some(crate::remote::Opened::Folder(listing)) => remote::list_folder(listing, list, user),
    }
}

/// Loads the article a headless command works on. Errors and warnings go to
/// stderr, each naming the file; `None` when there is nothing to show.
pub(crate) fn load_article(path: &Path) -> Option<Article> {
    load_draft(path).map(Draft::outlined)
}

/// Reads the article at `path` (`-`: standard input) up to its front
/// matter, its body not parsed yet (for a caller that parses it once for
/// the outline and the layout both); warnings and errors on stderr.
pub(crate) fn load_draft(path: &Path) -> Option<Draft> {
    let loaded = if crate::stdin::is_dash(path) {
        crate::stdin::read().map(|bytes| Draft::from_bytes(Path::new(crate::stdin::NAME), &bytes))
    } else if path.is_dir() {
        let shown = path.display().to_string();
        eprintln!(
            "quire: {}: is a folder, not an article",
            sanitize_line(&shown)
        );
        return None;
    } else {
        Draft::load(path)
    };
    match loaded {
        Ok(draft) => {
            for warning in draft.warnings() {
                eprintln!("quire: warning: {warning}");
            }
            Some(draft)
        }
        Err(err) => {
            eprintln!("quire: {err}");
            None
        }
    }
}
