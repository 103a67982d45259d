//! A tiny deterministic generator (xorshift64), so the synthetic calendars and the mutation
//! test come out the same on every run. Shared by `tests/common` and `examples/gen_calendar.rs`
//! (which the benchmark includes as well).

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A number below `n` (0 when `n` is 0) as a `usize`: a position in, or a count for, a
    /// buffer of length `n`.
    #[allow(dead_code)]
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n.max(1) as u64) as usize
    }
}
