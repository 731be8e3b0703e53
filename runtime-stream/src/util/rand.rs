//! A small, fast, per-thread pseudo-random number generator, used to pick
//! the stream that [`StreamMap`](crate::StreamMap) polls first.
//!
//! Fairness only needs the starting index to be unpredictable enough that
//! no stream is systematically favoured; it needs no cryptographic
//! quality. Each thread runs its own xorshift generator (Marsaglia's
//! xorshift64*), seeded once from the standard library's randomly keyed
//! hasher.

use std::cell::Cell;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

thread_local! {
    static STATE: Cell<u64> = Cell::new(seed());
}

/// A non-zero seed from the process's random hasher keys and the thread.
fn seed() -> u64 {
    let hash = RandomState::new().hash_one(std::thread::current().id());
    hash | 1
}

/// Returns a pseudo-random number in `0..n`. `n` must not be zero.
pub(crate) fn thread_rng_n(n: u32) -> u32 {
    debug_assert!(n > 0, "thread_rng_n(0)");
    STATE.with(|state| {
        let mut x = state.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        state.set(x);
        let random = (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32) as u32;
        // Lemire's multiply-shift maps a 32-bit value onto `0..n` without
        // a division.
        ((u64::from(random) * u64::from(n)) >> 32) as u32
    })
}

#[cfg(test)]
mod tests {
    use super::thread_rng_n;

    #[test]
    fn stays_in_range_and_covers_it() {
        let mut seen = [0u32; 7];
        for _ in 0..7_000 {
            let n = thread_rng_n(7);
            assert!(n < 7, "{n} out of range");
            seen[n as usize] += 1;
        }
        // Every value turns up; with 7,000 draws each is expected ~1,000
        // times, so 500 is a very loose bound.
        for (value, count) in seen.iter().enumerate() {
            assert!(*count > 500, "{value} drawn only {count} times");
        }
        assert_eq!(thread_rng_n(1), 0);
    }
}
