//! [`Followup`]: what a feature asks of the app after taking a job's
//! result, as plain data. A feature's `finish` (the reader's, the
//! library's) changes its own screen and returns these; the app carries
//! them out the same way for every feature (`update::carry_out`), so that
//! no feature reaches the app or another screen. Names nothing of the TUI
//! but [`Action`].

use super::action::Action;

/// One thing the app does for a screen that took a job's result. `J` is
/// the feature's job, `S` its slot (where a result lands in the screen).
#[derive(Debug, Clone)]
pub enum Followup<J, S> {
    /// Ask for job `J` for this screen's slot `S` (a file changed: read it
    /// again); a newer request for a slot makes the older one's result stale.
    Ask(S, J),
    /// Carry out these actions now (kept while the whole article loaded),
    /// when this screen is on top; else they are dropped.
    Replay(Vec<Action>),
    /// A note for the status line or footer of the screen on top.
    Message(String),
    /// Scan the library again (its folder changed).
    Rescan,
}
