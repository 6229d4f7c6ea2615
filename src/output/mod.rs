//! The headless commands: `outline`, `list`, `tags` (text and `--json`) and `render`.

mod ansi;
mod outline;

use crate::Outcome;
use crate::cli::{ListArgs, OutlineArgs, RenderArgs, TagsArgs};

/// `quire outline FILE`.
pub fn outline(args: &OutlineArgs) -> anyhow::Result<Outcome> {
    outline::outline(args)
}

/// `quire list [DIR]`.
pub fn list(args: &ListArgs) -> anyhow::Result<Outcome> {
    let _ = args;
    todo!("list")
}

/// `quire tags [DIR]`.
pub fn tags(args: &TagsArgs) -> anyhow::Result<Outcome> {
    let _ = args;
    todo!("tags")
}

/// `quire render FILE`.
pub fn render(args: &RenderArgs) -> anyhow::Result<Outcome> {
    ansi::render(args)
}
