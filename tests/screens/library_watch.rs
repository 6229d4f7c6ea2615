//! The library folder's watch: asked for once the first rows are in, and
//! handed out after the frame that shows them.
#![allow(clippy::unwrap_used)]

use crate::common;

use quire::library::{Filter, ScanOptions, Sort};
use quire::tui::jobs::{Done, Job, Output};
use quire::tui::memory::{self, Memory, MemoryOutput};
use quire::tui::{App, Msg, update};

use super::memory_scan::{run_on_pool, scan_job};

#[test]
fn the_folders_watch_starts_once_the_first_rows_are_in() {
    // A watch's start looks at every file under the folder: it waits for
    // the library's first rows, which have the machine to themselves.
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("one.md"), common::long_markdown(3, 3)).unwrap();
    let is_watch = |job: &Job| {
        matches!(
            job,
            Job::Library(quire::tui::library::jobs::Job::WatchFolder { .. })
        )
    };
    let mut app = App::new(common::config(), 100, 20);
    app.memory = Memory::at(&dir.path().join("state/quire.db"));
    memory::open_library(
        &mut app,
        &lib,
        Filter::default(),
        Sort::default(),
        ScanOptions::default(),
    );
    let asked = app.jobs.take();
    assert!(
        !asked.iter().any(|(_, j)| is_watch(j)),
        "no watch before the rows"
    );
    assert!(app.library().unwrap().watch.is_none());
    let scan = app.library().unwrap().states.scan.unwrap();
    let mut watches = 0;
    for output in run_on_pool(scan_job(&lib, &app.memory)) {
        let rows = matches!(&output, Output::Memory(MemoryOutput::Rows(_)));
        update(&mut app, Msg::Done(Box::new(Done { id: scan, output })));
        assert!(!app.jobs.take().iter().any(|(_, j)| is_watch(j)));
        // Handed out after the frame that shows the rows.
        watches += app
            .jobs
            .take_after_frame()
            .iter()
            .filter(|(_, j)| is_watch(j))
            .count();
        if rows {
            assert_eq!(watches, 1, "the watch starts with the first rows");
        }
    }
    assert_eq!(watches, 1, "one watch");
    assert!(app.library().unwrap().watch.is_some());
}
