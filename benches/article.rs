//! Benchmarks (filled in with their module).
fn main() {}
