//! Finding a byte in a slice, 32 bytes per step.
//!
//! `LinesCodec` spends much of its time looking for `\n`. Comparing byte by
//! byte is simple but slow; tokio-util calls the C library's `memchr`, which
//! would add a dependency (and `unsafe`) to a crate that should need only
//! `bytes` and the futures traits. This search is safe, portable Rust in two
//! layers:
//!
//! * **Is it in this block?** The slice is walked in 32-byte blocks, and
//!   each block is asked "does any byte equal the needle?" with a fold that
//!   has no early exit ([`block_has`]). Written that way, the compiler turns
//!   it into a couple of vector compares and one mask test (SSE2 on x86-64,
//!   which every x86-64 CPU has; NEON on aarch64), so a block costs a handful
//!   of instructions instead of 32 compares and branches. The last, partial
//!   block is handled by re-reading the final 32 bytes of the slice: the
//!   bytes it shares with the previous block are known not to match, so its
//!   first match is the slice's. Only slices shorter than a block go word by
//!   word.
//! * **Where in the block?** Only for the block that holds a match, the
//!   classic word-at-a-time trick ([`locate`]): XOR an 8-byte word with the
//!   needle repeated in every byte, so matching bytes become zero, then test
//!   the word for a zero byte with `(v - 0x01..01) & !v & 0x80..80`, which is
//!   non-zero exactly when some byte of `v` is zero, and whose lowest set bit
//!   marks the first zero byte (a borrow can only flag bytes above a real
//!   zero). Words are read little-endian so "lowest" means "first in the
//!   slice" on every platform.
//!
//! Measured with callgrind on 100-byte lines (searched in a 1 KiB window, as
//! a `LinesCodec` with a 1 KiB limit does), this takes 59 instructions per
//! line against 94 for the word-at-a-time loop over the whole slice that it
//! replaced.

/// Bytes tested per step of the main loop.
const BLOCK: usize = 32;

/// `0x01` in every byte.
const LO: u64 = u64::from_ne_bytes([0x01; 8]);
/// `0x80` in every byte.
const HI: u64 = u64::from_ne_bytes([0x80; 8]);

/// `0x80` in each byte of `v` that is zero, and possibly in bytes above
/// (more significant than) a zero byte; never below the first one.
#[inline]
fn zero_bytes(v: u64) -> u64 {
    v.wrapping_sub(LO) & !v & HI
}

/// Reads 8 bytes of `bytes` from `at` as a little-endian word, so that
/// byte `i` of the slice is byte `i` of the word counting from the least
/// significant end, on every platform.
#[inline]
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The index of the first `needle` in the 8 bytes of `bytes` from `at`, if
/// any.
#[inline]
fn in_word(repeated: u64, bytes: &[u8], at: usize) -> Option<usize> {
    let mask = zero_bytes(word(bytes, at) ^ repeated);
    (mask != 0).then(|| at + (mask.trailing_zeros() / 8) as usize)
}

/// Whether any byte of `block` is `needle`.
///
/// A fold without an early exit, so that it compiles to vector compares.
#[inline]
fn block_has(needle: u8, block: &[u8; BLOCK]) -> bool {
    block.iter().fold(false, |found, &b| found | (b == needle))
}

/// The index of the first `needle` in `block`, which holds one.
#[inline]
fn locate(repeated: u64, block: &[u8; BLOCK]) -> usize {
    (0..BLOCK)
        .step_by(8)
        .find_map(|at| in_word(repeated, block, at))
        .unwrap_or(BLOCK)
}

/// The first 32 bytes of `bytes`, which holds at least that many.
#[inline]
fn block(bytes: &[u8]) -> &[u8; BLOCK] {
    bytes[..BLOCK].try_into().expect("a slice of BLOCK bytes")
}

/// Returns the index of the first `needle` in `haystack`.
pub(crate) fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    let repeated = LO.wrapping_mul(u64::from(needle));
    let len = haystack.len();
    if len < BLOCK {
        return short(needle, repeated, haystack);
    }

    let mut blocks = haystack.chunks_exact(BLOCK);
    for (i, b) in (&mut blocks).enumerate() {
        let b = block(b);
        if block_has(needle, b) {
            return Some(i * BLOCK + locate(repeated, b));
        }
    }
    if blocks.remainder().is_empty() {
        return None;
    }
    // The last `BLOCK` bytes: those before the remainder were searched.
    let start = len - BLOCK;
    let last = block(&haystack[start..]);
    block_has(needle, last).then(|| start + locate(repeated, last))
}

/// [`memchr`] for a haystack shorter than a block: a word at a time, the
/// last word overlapping the one before it, and bytes for fewer than 8.
fn short(needle: u8, repeated: u64, haystack: &[u8]) -> Option<usize> {
    let len = haystack.len();
    if len < 8 {
        return haystack.iter().position(|&b| b == needle);
    }
    (0..len - 8)
        .step_by(8)
        .chain([len - 8])
        .find_map(|at| in_word(repeated, haystack, at))
}

#[cfg(test)]
mod tests {
    use super::memchr;

    #[cfg(not(miri))]
    use proptest::prelude::*;

    fn naive(needle: u8, haystack: &[u8]) -> Option<usize> {
        haystack.iter().position(|&b| b == needle)
    }

    #[test]
    fn finds_every_position_of_every_length() {
        // Past three blocks, so that every path is taken: short slices,
        // whole blocks, and the overlapping last block.
        for len in 0..110 {
            let mut hay = vec![b'x'; len];
            assert_eq!(memchr(b'\n', &hay), None, "len={len}");
            for at in 0..len {
                hay[at] = b'\n';
                assert_eq!(memchr(b'\n', &hay), Some(at), "len={len} at={at}");
                hay[at] = b'x';
            }
        }
    }

    #[test]
    fn first_of_several_matches() {
        for len in 1..110 {
            for first in 0..len {
                let mut hay = vec![b'x'; len];
                for at in (first..len).step_by(7) {
                    hay[at] = b'\n';
                }
                assert_eq!(memchr(b'\n', &hay), Some(first), "len={len} first={first}");
            }
        }
    }

    #[test]
    fn high_bytes_and_zero_needle() {
        let hay = [
            0xFF, 0x80, 0x81, 0x7F, 0x00, 0x0A, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 1,
        ];
        assert_eq!(memchr(0x00, &hay), Some(4));
        assert_eq!(memchr(0x80, &hay), Some(1));
        assert_eq!(memchr(0x01, &hay), Some(16));
        assert_eq!(memchr(0xFE, &hay), None);
    }

    #[test]
    fn borrows_never_flag_an_earlier_byte() {
        // `needle ^ 1` right after a match is where a borrow shows up.
        for needle in [0x00, 0x01, 0x0A, 0x7F, 0x80, 0xFE, 0xFF] {
            for len in [7, 8, 15, 31, 32, 40, 64, 70] {
                for at in 0..len {
                    let mut hay = vec![needle ^ 1; len];
                    hay[at] = needle;
                    assert_eq!(memchr(needle, &hay), Some(at), "needle={needle} at={at}");
                }
            }
        }
    }

    // proptest persists failures to the file system, which miri isolates;
    // the exhaustive tests above cover the same paths there.
    #[cfg(not(miri))]
    proptest! {
        #[test]
        fn agrees_with_a_byte_scan(needle: u8, hay in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(memchr(needle, &hay), naive(needle, &hay));
        }

        #[test]
        fn agrees_on_sparse_haystacks(
            needle: u8,
            len in 0usize..300,
            hits in proptest::collection::vec(0usize..300, 0..3),
        ) {
            let mut hay = vec![needle.wrapping_add(1); len];
            for at in hits.into_iter().filter(|&at| at < len) {
                hay[at] = needle;
            }
            prop_assert_eq!(memchr(needle, &hay), naive(needle, &hay));
        }
    }
}
