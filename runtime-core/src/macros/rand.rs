//! A small per-thread pseudo-random generator for `select!`'s start branch.
//!
//! Without `biased;`, `select!` starts polling at a random branch so that a
//! branch that is always ready cannot starve the ones after it. The numbers
//! need to be cheap, not good: xorshift64* (Vigna, "An experimental
//! exploration of Marsaglia's xorshift generators, scrambled", 2016) in a
//! thread-local `Cell`, seeded on first use from std's randomly keyed hasher,
//! mapped to `0..n` with a multiply-shift instead of a division.

use std::cell::Cell;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

std::thread_local! {
    /// The generator's state; zero means "not seeded yet" (xorshift never
    /// reaches zero from a non-zero state).
    static STATE: Cell<u64> = const { Cell::new(0) };
}

/// Returns a pseudo-random number in `0..n`; `n` must not be zero.
///
/// Inlined into every `select!`: the fast path is a thread-local load, three
/// shifts, a multiply and a store; seeding is out of line.
#[inline]
pub(crate) fn thread_rng_n(n: u32) -> u32 {
    debug_assert!(n > 0);
    let word = STATE
        .try_with(|state| {
            let mut x = state.get();
            if x == 0 {
                x = seed();
            }
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            state.set(x);
            x.wrapping_mul(0x2545_f491_4f6c_dd1d)
        })
        // During thread teardown the thread-local is gone: any start is fine.
        .unwrap_or(0);
    // The high half is the best-mixed part of xorshift64*'s output.
    let high = word >> 32;
    ((high * u64::from(n)) >> 32) as u32
}

#[cold]
#[inline(never)]
fn seed() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0x9e37_79b9_7f4a_7c15);
    let seed = hasher.finish();
    if seed == 0 {
        0x9e37_79b9_7f4a_7c15
    } else {
        seed
    }
}

#[cfg(test)]
mod tests {
    use super::thread_rng_n;

    #[test]
    fn stays_in_range_and_reaches_every_value() {
        let mut seen = [0u32; 7];
        for _ in 0..7_000 {
            let n = thread_rng_n(7);
            assert!(n < 7, "{n} out of range");
            seen[n as usize] += 1;
        }
        // Each value is expected 1000 times; 500 is many standard deviations
        // away, so this cannot fail by chance.
        for (value, count) in seen.iter().enumerate() {
            assert!(*count > 500, "value {value} drawn only {count} times");
        }
    }

    #[test]
    fn one_choice_is_always_zero() {
        for _ in 0..100 {
            assert_eq!(thread_rng_n(1), 0);
        }
    }
}
