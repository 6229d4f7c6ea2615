//! The layout state of the elements beyond CommonMark's blocks: alerts and
//! callouts, definition lists and `<details>`, kept apart from the core
//! layout state.

/// What the element layouts remember between events.
#[derive(Debug, Default)]
pub(super) struct Elements {
    /// A callout's `[!type] Title` line is being dropped.
    pub skip_marker_line: bool,
}
