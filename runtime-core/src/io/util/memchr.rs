//! [`memchr`]: finds a byte in a slice, a word at a time.
//!
//! `read_until`, `read_line` and `lines` spend most of their time looking
//! for the delimiter. A plain `iter().position()` loop is not vectorised
//! (it exits early), so this checks eight bytes per step with the classic
//! "does this word contain a zero byte" trick on `word ^ (needle * 0x01..01)`,
//! then finds the exact byte within the word that has a match.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The index of the first `needle` in `haystack`.
#[inline]
pub(crate) fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    let pattern = LO * u64::from(needle);
    let mut chunks = haystack.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_ne_bytes(word) ^ pattern;
        // Non-zero exactly when some byte of `x` is zero.
        if x.wrapping_sub(LO) & !x & HI != 0 {
            return chunk.iter().position(|&b| b == needle).map(|i| offset + i);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == needle)
        .map(|i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_position_everywhere() {
        for len in 0..40 {
            for at in 0..=len {
                let mut hay = vec![b'a'; len];
                if at < len {
                    hay[at] = b'\n';
                }
                let want = hay.iter().position(|&b| b == b'\n');
                assert_eq!(memchr(b'\n', &hay), want, "len {len} at {at}");
            }
        }
    }

    #[test]
    fn finds_first_of_several_and_high_bytes() {
        assert_eq!(
            memchr(0xFF, &[1, 2, 0xFE, 0xFF, 0xFF, 9, 9, 9, 9, 0xFF]),
            Some(3)
        );
        assert_eq!(memchr(0, &[1; 17]), None);
        assert_eq!(memchr(0, &[1, 1, 1, 1, 1, 1, 1, 1, 0x80, 0]), Some(9));
        assert_eq!(memchr(0x80, &[0, 0, 0, 0, 0, 0, 0, 0, 0x80]), Some(8));
    }
}
