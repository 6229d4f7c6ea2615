//! `quire render`: a laid-out article written as plain or ANSI-styled text.

use crate::Outcome;
use crate::cli::RenderArgs;

/// Prints `args.file` laid out for a terminal.
pub fn render(args: &RenderArgs) -> anyhow::Result<Outcome> {
    let _ = args;
    todo!("render")
}
