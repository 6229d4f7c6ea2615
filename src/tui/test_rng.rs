//! A deterministic stream of numbers for the drawing code's random tests
//! (xorshift): the same seed, the same frames, in every run.

/// Xorshift over a 64-bit state; the seed must not be zero.
pub struct Rng(pub u64);

impl Rng {
    /// The next number below `n` (`n` > 0).
    pub fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize % n
    }
}
