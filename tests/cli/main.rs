//! The built binary run as a command: output, exit codes, messages on bad input.
//! One binary of the `cli` kind: a new test of this kind is a module here.

#![allow(clippy::unwrap_used)]

mod adversarial;
mod adversarial_surroundings;
mod bad_front_matter;
mod bad_input;
#[path = "../common/mod.rs"]
mod common;
mod hostile_layout;
mod jekyll_link;
mod links_cli;
mod list_cli;
mod list_corpus;
mod memory_cli;
mod outline_cli;
mod search_cli;
mod site_walk;
mod sites;
mod sites_user;
mod stdin;
mod vault;
mod vault_embeds;
