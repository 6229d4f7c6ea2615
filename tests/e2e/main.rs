//! The built binary driven in tmux, end to end (skipped, saying so, when tmux is missing; required with CI=true).
//! One binary of the `e2e` kind: a new test of this kind is a module here.

#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
mod e2e_emoji;
mod e2e_everyday;
mod e2e_input;
mod e2e_links;
mod e2e_memory;
mod e2e_pictures;
mod e2e_search;
mod e2e_signals;
mod e2e_stdin;
mod e2e_theme;
mod e2e_tmux;
mod e2e_vault_library;
