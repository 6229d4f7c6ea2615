//! The headless commands: `outline`, `list`, `tags` (text and `--json`) and `render`.

mod ansi;
mod list;
mod outline;

use crate::Outcome;
use crate::cli::{OutlineArgs, RenderArgs};

/// `quire outline FILE`.
pub fn outline(args: &OutlineArgs) -> anyhow::Result<Outcome> {
    outline::outline(args)
}

pub use list::{list, tags};

/// `quire render FILE`.
pub fn render(args: &RenderArgs) -> anyhow::Result<Outcome> {
    ansi::render(args)
}
