//! Heap bounds, alone in this binary with the counting allocator: one peak_of, one measurement at a time.
//! One binary of the `heap` kind: a new test of this kind is a module here.

#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
mod layout_floods;
mod memory_bounds;
mod reader_input;

use std::sync::Mutex;

use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// One measurement at a time: tests run on several threads.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The peak of heap bytes `f` holds beyond what was live before it.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let out = f();
    (out, HEAP.peak_usage().saturating_sub(base))
}
