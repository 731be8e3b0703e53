//! Turning decoded bytes into a `String`, with a fast path for ASCII.
//!
//! `LinesCodec` hands out each line as an owned `String`, so every line is
//! checked for UTF-8 and copied. `str::from_utf8` checks a 100-byte ASCII
//! line in about 140 instructions: it is built for any text and tracks
//! multi-byte sequences. Network text is mostly ASCII, and asking "is any
//! byte `>= 0x80`?" is much cheaper: [`is_ascii`] ORs the bytes together
//! 32 at a time with a fold that the compiler turns into a few vector ORs
//! and one mask test (the same shape as `util::memchr`'s block test), then
//! looks at the top bit of each byte once. `<[u8]>::is_ascii` from std is
//! fast on the first 64-byte blocks but walks the remainder one byte at a
//! time; re-reading the last 32 bytes of the slice instead keeps the tail at
//! one more block.
//!
//! [`to_string`] uses that check and falls back to `str::from_utf8` for any
//! line that holds a byte `>= 0x80`, so non-ASCII text gets exactly std's
//! validation and error.

use std::str::{self, Utf8Error};

/// Bytes tested per step of the main loop.
const BLOCK: usize = 32;

/// `0x80` in every byte.
const HI: u64 = u64::from_ne_bytes([0x80; 8]);

/// The bitwise OR of the bytes of `block`, byte by byte with its
/// accumulator.
#[inline]
fn or_into(acc: &mut [u8; BLOCK], block: &[u8]) {
    for (a, b) in acc.iter_mut().zip(block) {
        *a |= b;
    }
}

/// Whether every byte of `bytes` is below `0x80`.
pub(crate) fn is_ascii(bytes: &[u8]) -> bool {
    let len = bytes.len();
    if len < BLOCK {
        return is_ascii_short(bytes);
    }
    // Every block ORed into one; a byte `>= 0x80` anywhere leaves its top
    // bit in the accumulator. The last block re-reads bytes of the one
    // before it when `len` is not a multiple of `BLOCK`, which is harmless.
    let mut acc = [0u8; BLOCK];
    let blocks = bytes.chunks_exact(BLOCK);
    for block in blocks {
        or_into(&mut acc, block);
    }
    or_into(&mut acc, &bytes[len - BLOCK..]);
    !acc.iter().fold(false, |high, &b| high | (b >= 0x80))
}

/// [`is_ascii`] for fewer than 32 bytes: a word at a time, the last word
/// overlapping the one before it, and bytes for fewer than 8.
fn is_ascii_short(bytes: &[u8]) -> bool {
    let len = bytes.len();
    if len < 8 {
        return bytes.iter().all(|&b| b < 0x80);
    }
    let word = |at: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_ne_bytes(word)
    };
    let any_high = (0..len - 8)
        .step_by(8)
        .chain([len - 8])
        .fold(0, |acc, at| acc | word(at));
    any_high & HI == 0
}

/// Copies `bytes` into a new `String` if they are UTF-8, with the error of
/// `str::from_utf8` otherwise.
pub(crate) fn to_string(bytes: &[u8]) -> Result<String, Utf8Error> {
    if is_ascii(bytes) {
        // SAFETY: every byte is below 0x80, so each is a one-byte UTF-8
        // sequence on its own and the whole slice is valid UTF-8. The bytes
        // checked are the bytes converted: `bytes` is a shared borrow, so
        // nothing can change them in between.
        let text = unsafe { str::from_utf8_unchecked(bytes) };
        Ok(text.to_owned())
    } else {
        str::from_utf8(bytes).map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::{is_ascii, to_string};

    #[cfg(not(miri))]
    use proptest::prelude::*;

    #[test]
    fn one_high_byte_anywhere_at_every_length() {
        // Past three blocks: short slices, whole blocks and the re-read tail.
        // Miri gets the lengths around each boundary only.
        let lengths: Vec<usize> = if cfg!(miri) {
            vec![0, 1, 7, 8, 9, 16, 31, 32, 33, 63, 64, 65, 97]
        } else {
            (0..100).collect()
        };
        for len in lengths {
            let mut bytes = vec![b'a'; len];
            assert!(is_ascii(&bytes), "len={len}");
            for at in 0..len {
                for high in [0x80, 0xC3, 0xFF] {
                    bytes[at] = high;
                    assert!(!is_ascii(&bytes), "len={len} at={at} byte={high:#x}");
                }
                bytes[at] = 0x7F;
                assert!(is_ascii(&bytes), "len={len} at={at}");
                bytes[at] = b'a';
            }
        }
    }

    #[test]
    fn ascii_and_multibyte_and_invalid() {
        assert_eq!(to_string(b"").unwrap(), "");
        assert_eq!(
            to_string(b"plain ascii\t\x00\x7F").unwrap(),
            "plain ascii\t\0\x7F"
        );
        let long = "x".repeat(70) + "h\u{e9}llo \u{1F600}";
        assert_eq!(to_string(long.as_bytes()).unwrap(), long);
        assert_eq!(to_string("\u{e9}".as_bytes()).unwrap(), "\u{e9}");
        // A lone continuation byte, a truncated sequence, an overlong one.
        for bad in [&b"ab\x80cd"[..], &b"\xC3"[..], &b"\xC0\xAF"[..]] {
            let err = to_string(bad).unwrap_err();
            assert_eq!(err, std::str::from_utf8(bad).unwrap_err());
        }
        let mut bad = vec![b'y'; 64];
        bad[63] = 0xFF;
        assert!(to_string(&bad).is_err());
    }

    // proptest persists failures to the file system, which miri isolates;
    // the exhaustive tests above cover the same paths there.
    #[cfg(not(miri))]
    proptest! {
        #[test]
        fn agrees_with_std(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(is_ascii(&bytes), bytes.is_ascii());
            prop_assert_eq!(
                to_string(&bytes).ok(),
                std::str::from_utf8(&bytes).ok().map(str::to_owned)
            );
        }

        #[test]
        fn agrees_with_std_on_mostly_ascii(
            len in 0usize..200,
            high in proptest::collection::vec((0usize..200, 0x80u8..=0xFF), 0..2),
            text in "[ -~\u{e9}\u{1F600}]{0,80}",
        ) {
            let mut bytes = vec![b'q'; len];
            for (at, byte) in high.into_iter().filter(|&(at, _)| at < len) {
                bytes[at] = byte;
            }
            prop_assert_eq!(is_ascii(&bytes), bytes.is_ascii());
            prop_assert_eq!(
                to_string(&bytes).ok(),
                std::str::from_utf8(&bytes).ok().map(str::to_owned)
            );
            prop_assert_eq!(to_string(text.as_bytes()).unwrap(), text);
        }
    }
}
