//! Search: matches of a query inside one laid-out document (the reader's `/`),
//! and a full-text index of a whole library (SQLite FTS5, one row per section).
//!
//! No terminal types here: results are owned data a background job can send.

mod cjk;
mod document;
pub mod index;
mod porter;
pub mod query;
mod refresh;
pub mod sections;
mod snippet;
mod starts;
mod words;

pub use document::{Match, count_hits, find, ignores_case};
pub use index::{Hit, Index, Progress, Refresh, Snippet};
pub use query::Query;
