//! The TUI on a TestBackend: screens (insta snapshots), keys, jobs run inline or on the pool.
//! One binary of the `screens` kind: a new test of this kind is a module here.

#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
mod config;
mod first_rows;
mod jobs;
mod jobs_watch;
mod library_flow;
mod library_links;
mod library_screens;
mod library_watch;
mod links_screens;
mod memory_library;
mod memory_scan;
mod memory_tui;
mod painter;
mod painter_clusters;
mod painter_library;
mod painter_rows;
mod parse_once;
mod pictures;
mod reader;
mod reader_folds;
mod reader_hyperlinks;
mod reader_in_search;
mod reader_links;
mod reader_pane;
mod reader_resize;
mod reader_screens;
mod render;
mod search_debounce;
mod search_screen;
