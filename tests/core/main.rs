//! The library parts without a terminal or the binary: layout, the library, search, the store, the corpus.
//! One binary of the `core` kind: a new test of this kind is a module here.

#![allow(clippy::unwrap_used)]

mod code_wrap;
#[path = "../common/mod.rs"]
mod common;
mod commonmark_headings;
mod corpus;
mod elements;
mod library;
mod library_walk;
mod pieces;
mod search_reader;
mod shell;
mod store_process;
