//! Matches of a query in a laid-out [`Document`](crate::layout::Document).
