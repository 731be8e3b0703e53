//! [`ByteRing`]: the FIFO byte store behind [`SimplexStream`](super::SimplexStream).
//!
//! A ring over one [`AlignedBuf`] that grows by doubling, never past the
//! limit the pipe gives it, and never shrinks. Bytes go in at the tail and
//! come out at the head; an operation that crosses the end of the storage is
//! two `memcpy`s instead of one.
//!
//! Why not a `VecDeque<u8>`: the storage starts on a cache line, so that the
//! `memcpy`s between it and `copy`'s (also aligned) buffer run at full speed
//! (see `aligned_buf.rs`). And when a read empties the ring, the head goes
//! back to the start of the storage: the next write then lands at the same
//! aligned, contiguous place instead of wherever the last one ended.

use std::fmt;

use super::aligned_buf::AlignedBuf;
use crate::io::ReadBuf;

/// The smallest storage allocated, so that byte-at-a-time writes do not
/// regrow it over and over.
const MIN_CAPACITY: usize = 64;

/// A growable ring buffer of bytes.
///
/// Invariants: `len <= storage.len()`, and `head < storage.len()` whenever
/// the storage is not empty (`head == 0` otherwise, and whenever `len == 0`).
pub(crate) struct ByteRing {
    storage: AlignedBuf,
    head: usize,
    len: usize,
}

impl ByteRing {
    /// An empty ring; allocates nothing until the first [`reserve`](Self::reserve).
    pub(crate) fn new() -> ByteRing {
        ByteRing {
            storage: AlignedBuf::zeroed(0),
            head: 0,
            len: 0,
        }
    }

    /// The number of bytes held.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of bytes the current storage holds without growing.
    #[cfg(test)]
    fn capacity(&self) -> usize {
        self.storage.len()
    }

    /// Makes room for `additional` more bytes. The storage at least
    /// doubles, but does not grow past `limit` unless the bytes themselves
    /// need it.
    pub(crate) fn reserve(&mut self, additional: usize, limit: usize) {
        let cap = self.storage.len();
        let needed = self
            .len
            .checked_add(additional)
            .expect("ring size overflows usize");
        if needed <= cap {
            return;
        }
        let new_cap = cap
            .saturating_mul(2)
            .max(MIN_CAPACITY)
            .min(limit)
            .max(needed);
        let mut storage = AlignedBuf::zeroed(new_cap);
        // Move the bytes to the front of the new storage, oldest first.
        let (first, second) = self.as_slices();
        storage[..first.len()].copy_from_slice(first);
        storage[first.len()..self.len].copy_from_slice(second);
        self.storage = storage;
        self.head = 0;
    }

    /// The bytes held, oldest first, as the part up to the end of the
    /// storage and the part that wrapped around to its start.
    fn as_slices(&self) -> (&[u8], &[u8]) {
        let cap = self.storage.len();
        let first_len = self.len.min(cap - self.head);
        let first = &self.storage[self.head..self.head + first_len];
        let second = &self.storage[..self.len - first_len];
        (first, second)
    }

    /// Appends all of `src`.
    ///
    /// # Panics
    ///
    /// If there is no room for it; [`reserve`](Self::reserve) first.
    pub(crate) fn push(&mut self, src: &[u8]) {
        let cap = self.storage.len();
        assert!(src.len() <= cap - self.len, "ByteRing::push without room");
        if src.is_empty() {
            return;
        }
        // `head + len` may pass the end once; the tail is then at the front.
        let mut tail = self.head + self.len;
        if tail >= cap {
            tail -= cap;
        }
        let first_len = src.len().min(cap - tail);
        let (first, second) = src.split_at(first_len);
        self.storage[tail..tail + first_len].copy_from_slice(first);
        if !second.is_empty() {
            self.storage[..second.len()].copy_from_slice(second);
        }
        self.len += src.len();
    }

    /// Moves as many bytes as fit into `dst`, oldest first, and returns how
    /// many.
    pub(crate) fn pop_into(&mut self, dst: &mut ReadBuf<'_>) -> usize {
        let n = self.len.min(dst.remaining());
        if n == 0 {
            return 0;
        }
        let (first, second) = self.as_slices();
        let first_len = first.len().min(n);
        dst.put_slice(&first[..first_len]);
        if n > first_len {
            dst.put_slice(&second[..n - first_len]);
        }
        self.len -= n;
        if self.len == 0 {
            // Rewind: the next write starts at the aligned front, in one
            // piece.
            self.head = 0;
        } else {
            self.head += n;
            if self.head >= self.storage.len() {
                self.head -= self.storage.len();
            }
        }
        n
    }
}

impl fmt::Debug for ByteRing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteRing")
            .field("len", &self.len)
            .field("capacity", &self.storage.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    fn pop(ring: &mut ByteRing, max: usize) -> Vec<u8> {
        let mut storage = vec![0u8; max];
        let mut buf = ReadBuf::new(&mut storage);
        let n = ring.pop_into(&mut buf);
        assert_eq!(buf.filled().len(), n);
        buf.filled().to_vec()
    }

    fn push(ring: &mut ByteRing, bytes: &[u8], limit: usize) {
        ring.reserve(bytes.len(), limit);
        ring.push(bytes);
    }

    #[test]
    fn new_ring_is_empty_and_unallocated() {
        let mut ring = ByteRing::new();
        assert!(ring.is_empty());
        assert_eq!(ring.capacity(), 0);
        assert_eq!(pop(&mut ring, 8), b"");
        ring.push(b"");
        assert_eq!(ring.capacity(), 0);
    }

    #[test]
    fn growth_doubles_within_the_limit() {
        let mut ring = ByteRing::new();
        push(&mut ring, b"x", 1000);
        assert_eq!(ring.capacity(), MIN_CAPACITY);
        push(&mut ring, &[1; 64], 1000);
        assert_eq!(ring.capacity(), 128);
        push(&mut ring, &[2; 500], 1000);
        assert_eq!(ring.capacity(), 565);
        push(&mut ring, &[3; 435], 1000);
        // Doubling would pass the limit: stop at it.
        assert_eq!(ring.capacity(), 1000);
        assert_eq!(ring.len(), 1000);
        // A limit below what the bytes need does not lose bytes.
        let mut small = ByteRing::new();
        push(&mut small, &[4; 10], 3);
        assert_eq!(small.capacity(), 10);
    }

    #[test]
    fn wraps_around_and_keeps_order() {
        let mut ring = ByteRing::new();
        push(&mut ring, &[0; 64], 64);
        assert_eq!(pop(&mut ring, 40), vec![0; 40]);
        // Head at 40: this write is 24 bytes at the end and 16 at the front.
        let data: Vec<u8> = (0..40).collect();
        push(&mut ring, &data, 64);
        assert_eq!(ring.capacity(), 64);
        assert_eq!(pop(&mut ring, 24), vec![0; 24]);
        // The read crossing the end comes out in one piece.
        assert_eq!(pop(&mut ring, 100), data);
        assert!(ring.is_empty());
    }

    #[test]
    fn growth_while_wrapped_keeps_order() {
        let mut ring = ByteRing::new();
        push(&mut ring, &[9; 64], 1 << 20);
        assert_eq!(pop(&mut ring, 50), vec![9; 50]);
        push(&mut ring, &[8; 30], 1 << 20); // at the front: the bytes now wrap
        push(&mut ring, &[7; 100], 1 << 20); // grows
        assert_eq!(ring.capacity(), 144);
        let mut expect = vec![9; 14];
        expect.extend([8; 30]);
        expect.extend([7; 100]);
        assert_eq!(pop(&mut ring, 1000), expect);
    }

    #[test]
    fn emptying_rewinds_to_the_aligned_front() {
        let mut ring = ByteRing::new();
        push(&mut ring, &[1; 10], 1 << 20);
        assert_eq!(pop(&mut ring, 10), vec![1; 10]);
        assert_eq!(ring.head, 0);
        push(&mut ring, &[2; 64], 1 << 20);
        // Fits in one piece at the front: no growth, no wrap.
        assert_eq!(ring.capacity(), 64);
        assert_eq!(ring.as_slices().1, b"");
    }

    #[test]
    fn pop_into_a_full_read_buf_takes_nothing() {
        let mut ring = ByteRing::new();
        push(&mut ring, b"abc", 16);
        let mut buf = ReadBuf::new(&mut []);
        assert_eq!(ring.pop_into(&mut buf), 0);
        assert_eq!(ring.len(), 3);
    }

    #[test]
    #[should_panic = "without room"]
    fn push_without_room_panics() {
        let mut ring = ByteRing::new();
        push(&mut ring, &[0; 64], 64);
        ring.push(b"x");
    }

    /// Random pushes and pops against a `VecDeque` model.
    #[test]
    fn matches_a_vecdeque() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |bound: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % bound as u64) as usize
        };
        let limit = 300;
        let mut ring = ByteRing::new();
        let mut model = VecDeque::new();
        let mut counter = 0u8;
        let rounds = if cfg!(miri) { 200 } else { 20_000 };
        for _ in 0..rounds {
            if next(2) == 0 {
                let n = next(100).min(limit - model.len());
                let bytes: Vec<u8> = (0..n)
                    .map(|_| {
                        counter = counter.wrapping_add(1);
                        counter
                    })
                    .collect();
                push(&mut ring, &bytes, limit);
                model.extend(&bytes);
            } else {
                let max = next(120);
                let got = pop(&mut ring, max);
                assert_eq!(got.len(), max.min(model.len()));
                let want: Vec<u8> = model.drain(..got.len()).collect();
                assert_eq!(got, want);
            }
            assert_eq!(ring.len(), model.len());
            assert!(ring.capacity() <= limit);
        }
    }
}
