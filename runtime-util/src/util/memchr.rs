//! Finding a byte in a slice, eight bytes at a time.
//!
//! `LinesCodec` spends most of its time looking for `\n`. Comparing byte by
//! byte is simple but slow; tokio-util calls the C library's `memchr`, which
//! would add a dependency (and `unsafe`) to a crate that should need only
//! `bytes` and the futures traits. This is the classic word-at-a-time trick
//! in safe Rust instead: XOR a word with the needle repeated in every byte,
//! so matching bytes become zero, then test the word for a zero byte with
//! `(v - 0x01..01) & !v & 0x80..80`, which is non-zero exactly when some
//! byte of `v` is zero, and whose lowest set bit marks the first zero byte
//! (a borrow can only flag bytes above a real zero). Words are read
//! little-endian so "lowest" means "first in the slice" on every platform.
//! Four words (32 bytes) are tested per step, with one branch.

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

/// Reads 8 bytes of `chunk` from `at` as a little-endian word, so that
/// byte `i` of the slice is byte `i` of the word counting from the least
/// significant end, on every platform.
#[inline]
fn word(chunk: &[u8], at: usize) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&chunk[at..at + 8]);
    u64::from_le_bytes(bytes)
}

/// The index of the first zero byte flagged in a non-zero `mask`.
#[inline]
fn first(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// Returns the index of the first `needle` in `haystack`.
pub(crate) fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    let repeated = LO.wrapping_mul(u64::from(needle));
    let mut chunks = haystack.chunks_exact(32);
    let mut offset = 0;
    for chunk in &mut chunks {
        let masks = [
            zero_bytes(word(chunk, 0) ^ repeated),
            zero_bytes(word(chunk, 8) ^ repeated),
            zero_bytes(word(chunk, 16) ^ repeated),
            zero_bytes(word(chunk, 24) ^ repeated),
        ];
        if masks[0] | masks[1] | masks[2] | masks[3] != 0 {
            let (i, mask) = masks
                .iter()
                .enumerate()
                .find(|(_, m)| **m != 0)
                .expect("one mask is non-zero");
            return Some(offset + i * 8 + first(*mask));
        }
        offset += 32;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == needle)
        .map(|i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::memchr;

    use proptest::prelude::*;

    fn naive(needle: u8, haystack: &[u8]) -> Option<usize> {
        haystack.iter().position(|&b| b == needle)
    }

    #[test]
    fn finds_every_position_of_every_length() {
        for len in 0..80 {
            let mut hay = vec![b'x'; len];
            assert_eq!(memchr(b'\n', &hay), None);
            for at in 0..len {
                hay[at] = b'\n';
                assert_eq!(memchr(b'\n', &hay), Some(at), "len={len} at={at}");
                hay[at] = b'x';
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
            for at in 0..40 {
                let mut hay = vec![needle ^ 1; 40];
                hay[at] = needle;
                assert_eq!(memchr(needle, &hay), Some(at), "needle={needle} at={at}");
            }
        }
    }

    proptest! {
        #[test]
        fn agrees_with_a_byte_scan(needle: u8, hay in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(memchr(needle, &hay), naive(needle, &hay));
        }
    }
}
