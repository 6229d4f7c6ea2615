//! [`Msg`]: everything that reaches [`update`](super::update::update): the
//! user's verbs ([`Action`], from keys, the mouse and the terminal), the
//! loop's clock, and the results of background jobs.

use std::time::Instant;

use super::action::Action;
use super::jobs::Done;

/// One message for [`update`](super::update::update).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// Something the user did: a key bound to a verb, the mouse, a resize.
    Action(Action),
    /// The loop's clock, a few times a second: saves a reader's changed
    /// place now and then.
    Tick(Instant),
    /// A time the app asked to be woken at ([`App::deadline`](super::App::deadline))
    /// has come: it is now this.
    Deadline(Instant),
    /// The terminal's answer to the background question (`None`: none came).
    Background(Option<crate::theme::Background>),
    /// A background job finished (or reported a result before its last).
    Done(Box<Done>),
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}
