//! [`AlignedBuf`]: a zeroed, fixed-size heap byte buffer whose first byte
//! sits on a cache-line boundary.
//!
//! # Why
//!
//! The in-memory pipes and `copy` move every byte with `memcpy` between two
//! buffers of their own (`copy`'s buffer and the pipe's ring). glibc copies
//! blocks of a few KiB with `rep movsb`, whose speed depends on where the
//! destination sits relative to the source: on the AMD EPYC (Zen) cores of
//! the project's machine, an 8 KiB copy whose destination is 16 bytes past
//! the source modulo 4 KiB takes 340 ns instead of 93 ns, and one at an odd
//! multiple of 16 bytes 125 ns; any multiple of 64 bytes runs at full speed.
//! With plain `Vec<u8>`s the distance is whatever `malloc` hands out. In the
//! `copy_duplex` bench it was exactly 16 bytes (for tokio's `BytesMut` as
//! well as for our old `VecDeque`): 64 MiB through `duplex(64 KiB)` took
//! 25 ms, and 3.5 ms once both buffers start on a 64-byte line, which makes
//! every distance between them a multiple of 64.
//!
//! The alignment is done in safe code: the storage is over-allocated by
//! `ALIGN - 1` bytes and the view starts at the first aligned address inside
//! it. A boxed slice never moves its heap block, so the view stays aligned
//! when the `AlignedBuf` itself is moved.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// The alignment of the first byte: one cache line on current x86-64 and
/// aarch64 cores.
pub(crate) const ALIGN: usize = 64;

/// A zeroed byte buffer of fixed length starting on an [`ALIGN`] boundary.
///
/// Dereferences to `[u8]` of exactly the requested length. An empty buffer
/// does not allocate.
pub(crate) struct AlignedBuf {
    /// `len + ALIGN - 1` zeroed bytes (or none when `len == 0`).
    storage: Box<[u8]>,
    /// Offset of the first aligned byte in `storage`.
    start: usize,
    /// The length of the view.
    len: usize,
}

impl AlignedBuf {
    /// A buffer of `len` zero bytes.
    ///
    /// # Panics
    ///
    /// If `len + ALIGN - 1` overflows `usize` (the allocation would fail
    /// anyway).
    pub(crate) fn zeroed(len: usize) -> AlignedBuf {
        if len == 0 {
            return AlignedBuf {
                storage: Box::default(),
                start: 0,
                len: 0,
            };
        }
        let size = len
            .checked_add(ALIGN - 1)
            .expect("buffer size overflows usize");
        let storage = vec![0u8; size].into_boxed_slice();
        // Distance from the block's start to the next multiple of ALIGN
        // (`addr` only reads the address, it exposes no provenance).
        let addr = storage.as_ptr().addr();
        let start = addr.next_multiple_of(ALIGN) - addr;
        AlignedBuf {
            storage,
            start,
            len,
        }
    }
}

impl Deref for AlignedBuf {
    type Target = [u8];

    #[inline]
    fn deref(&self) -> &[u8] {
        &self.storage[self.start..self.start + self.len]
    }
}

impl DerefMut for AlignedBuf {
    #[inline]
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.storage[self.start..self.start + self.len]
    }
}

impl fmt::Debug for AlignedBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The contents can be megabytes; the length is what matters.
        f.debug_struct("AlignedBuf")
            .field("len", &self.len)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_does_not_allocate() {
        let buf = AlignedBuf::zeroed(0);
        assert!(buf.is_empty());
        assert!(buf.storage.is_empty());
    }

    #[test]
    fn views_are_aligned_zeroed_and_exact() {
        for len in [1, 7, 63, 64, 65, 1000, 8192] {
            // Several at once, so that they land at different heap offsets.
            let mut bufs: Vec<AlignedBuf> = (0..8).map(|_| AlignedBuf::zeroed(len)).collect();
            for buf in &mut bufs {
                assert_eq!(buf.len(), len);
                assert_eq!(buf.as_ptr().addr() % ALIGN, 0);
                assert!(buf.iter().all(|&b| b == 0));
                buf.fill(0xa5);
                buf[len - 1] = 1;
            }
            for buf in &bufs {
                assert!(buf[..len - 1].iter().all(|&b| b == 0xa5));
                assert_eq!(buf[len - 1], 1);
            }
        }
    }

    #[test]
    fn moving_keeps_the_alignment() {
        let buf = AlignedBuf::zeroed(100);
        let before = buf.as_ptr();
        let moved = Box::new(buf);
        assert_eq!(moved.as_ptr(), before);
        assert_eq!(moved.as_ptr().addr() % ALIGN, 0);
    }
}
