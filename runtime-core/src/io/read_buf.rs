//! [`ReadBuf`]: a byte buffer that tracks how much of it is filled and how
//! much is initialised.
//!
//! The buffer is split into three regions, always in this order:
//!
//! ```text
//! [ filled | initialised but unfilled | uninitialised ]
//! 0     filled                    initialized      capacity
//! ```
//!
//! Invariant (kept by every method): `filled <= initialized <= capacity`,
//! and the first `initialized` bytes of `buf` really are initialised. Safe
//! methods never expose the uninitialised tail as `&mut [u8]`; only the
//! `unsafe` accessors do, and their contracts say what the caller owes.

use std::fmt;
use std::mem::MaybeUninit;

/// A wrapper around a byte buffer that is incrementally filled and
/// initialised, passed to [`AsyncRead::poll_read`](crate::io::AsyncRead::poll_read).
///
/// # Examples
///
/// ```
/// use runtime_core::io::ReadBuf;
///
/// let mut storage = [0u8; 8];
/// let mut buf = ReadBuf::new(&mut storage);
/// buf.put_slice(b"abc");
/// assert_eq!(buf.filled(), b"abc");
/// assert_eq!(buf.remaining(), 5);
/// ```
pub struct ReadBuf<'a> {
    buf: &'a mut [MaybeUninit<u8>],
    filled: usize,
    initialized: usize,
}

impl<'a> ReadBuf<'a> {
    /// Creates a `ReadBuf` over a fully initialised buffer.
    #[inline]
    pub fn new(buf: &'a mut [u8]) -> ReadBuf<'a> {
        let initialized = buf.len();
        // SAFETY: `[u8]` and `[MaybeUninit<u8>]` have the same layout, and the
        // bytes are initialised; `initialized = len` records that, so no safe
        // method will ever write uninitialised bytes into this buffer.
        let buf = unsafe { &mut *(buf as *mut [u8] as *mut [MaybeUninit<u8>]) };
        ReadBuf {
            buf,
            filled: 0,
            initialized,
        }
    }

    /// Creates a `ReadBuf` over a buffer that may be uninitialised.
    #[inline]
    pub fn uninit(buf: &'a mut [MaybeUninit<u8>]) -> ReadBuf<'a> {
        ReadBuf {
            buf,
            filled: 0,
            initialized: 0,
        }
    }

    /// The total size of the buffer.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.buf.len()
    }

    /// The filled part of the buffer.
    #[inline]
    pub fn filled(&self) -> &[u8] {
        let slice = &self.buf[..self.filled];
        // SAFETY: `filled <= initialized`, so these bytes are initialised.
        unsafe { slice_assume_init(slice) }
    }

    /// The filled part of the buffer, mutably.
    #[inline]
    pub fn filled_mut(&mut self) -> &mut [u8] {
        let slice = &mut self.buf[..self.filled];
        // SAFETY: `filled <= initialized`, so these bytes are initialised.
        unsafe { slice_assume_init_mut(slice) }
    }

    /// A new `ReadBuf` over the first `n` bytes of the unfilled region.
    ///
    /// The new buffer starts empty; what is written into it is not counted as
    /// filled here (callers use [`advance`](Self::advance) afterwards).
    #[inline]
    pub fn take(&mut self, n: usize) -> ReadBuf<'_> {
        let max = std::cmp::min(self.remaining(), n);
        let initialized = self.initialized - self.filled;
        let mut sub = ReadBuf::uninit(&mut self.buf[self.filled..self.filled + max]);
        // SAFETY: the bytes of the sub-slice up to our initialised mark are
        // initialised.
        unsafe { sub.assume_init(std::cmp::min(initialized, max)) };
        sub
    }

    /// The initialised part of the buffer (filled or not).
    #[inline]
    pub fn initialized(&self) -> &[u8] {
        let slice = &self.buf[..self.initialized];
        // SAFETY: the first `initialized` bytes are initialised (invariant).
        unsafe { slice_assume_init(slice) }
    }

    /// The initialised part of the buffer, mutably.
    #[inline]
    pub fn initialized_mut(&mut self) -> &mut [u8] {
        let slice = &mut self.buf[..self.initialized];
        // SAFETY: the first `initialized` bytes are initialised (invariant).
        unsafe { slice_assume_init_mut(slice) }
    }

    /// The whole buffer, possibly uninitialised.
    ///
    /// # Safety
    ///
    /// The caller must not de-initialise any byte that was initialised (for
    /// example by writing `MaybeUninit::uninit()` into it).
    #[inline]
    pub unsafe fn inner_mut(&mut self) -> &mut [MaybeUninit<u8>] {
        self.buf
    }

    /// The unfilled part of the buffer, possibly uninitialised.
    ///
    /// # Safety
    ///
    /// The caller must not de-initialise any byte that was initialised.
    #[inline]
    pub unsafe fn unfilled_mut(&mut self) -> &mut [MaybeUninit<u8>] {
        &mut self.buf[self.filled..]
    }

    /// Initialises the unfilled region (with zeroes, where needed) and returns
    /// it.
    #[inline]
    #[track_caller]
    pub fn initialize_unfilled(&mut self) -> &mut [u8] {
        self.initialize_unfilled_to(self.remaining())
    }

    /// Initialises the first `n` bytes of the unfilled region and returns
    /// them.
    ///
    /// # Panics
    ///
    /// Panics if `n` is larger than [`remaining`](Self::remaining).
    #[inline]
    #[track_caller]
    pub fn initialize_unfilled_to(&mut self, n: usize) -> &mut [u8] {
        assert!(self.remaining() >= n, "n overflows remaining");
        let end = self.filled + n;
        if self.initialized < end {
            for byte in &mut self.buf[self.initialized..end] {
                byte.write(0);
            }
            self.initialized = end;
        }
        let slice = &mut self.buf[self.filled..end];
        // SAFETY: bytes up to `end <= initialized` were just initialised.
        unsafe { slice_assume_init_mut(slice) }
    }

    /// The number of bytes that can still be filled.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.capacity() - self.filled
    }

    /// Empties the buffer; the initialised mark is kept.
    #[inline]
    pub fn clear(&mut self) {
        self.filled = 0;
    }

    /// Marks `n` more bytes as filled.
    ///
    /// # Panics
    ///
    /// Panics if the filled region would go past the initialised one.
    #[inline]
    #[track_caller]
    pub fn advance(&mut self, n: usize) {
        let new = self.filled.checked_add(n).expect("filled overflow");
        self.set_filled(new);
    }

    /// Sets the filled length, which may shrink it.
    ///
    /// # Panics
    ///
    /// Panics if `n` is past the initialised region.
    #[inline]
    #[track_caller]
    pub fn set_filled(&mut self, n: usize) {
        assert!(
            n <= self.initialized,
            "filled must not become larger than initialized"
        );
        self.filled = n;
    }

    /// Asserts that the first `n` unfilled bytes are initialised.
    ///
    /// Marks never move backwards: if more is already known initialised,
    /// nothing changes.
    ///
    /// # Safety
    ///
    /// The caller must have initialised `buf[filled..filled + n]`.
    #[inline]
    pub unsafe fn assume_init(&mut self, n: usize) {
        let new = self.filled + n;
        if new > self.initialized {
            self.initialized = new;
        }
    }

    /// Appends `data` to the filled region, initialising as it goes.
    ///
    /// # Panics
    ///
    /// Panics if `data` is longer than [`remaining`](Self::remaining).
    #[inline]
    #[track_caller]
    pub fn put_slice(&mut self, data: &[u8]) {
        assert!(
            self.remaining() >= data.len(),
            "buf.len() must fit in remaining(); buf.len() = {}, remaining() = {}",
            data.len(),
            self.remaining()
        );
        let amt = data.len();
        let end = self.filled + amt;
        // SAFETY: `MaybeUninit<u8>` and `u8` share a layout, and writing
        // initialised bytes into `MaybeUninit` storage is always allowed.
        unsafe {
            self.buf[self.filled..end]
                .as_mut_ptr()
                .cast::<u8>()
                .copy_from_nonoverlapping(data.as_ptr(), amt);
        }
        if self.initialized < end {
            self.initialized = end;
        }
        self.filled = end;
    }
}

// SAFETY: `remaining_mut` is the length of `chunk_mut` (the unfilled
// region), and `advance_mut` only moves the filled mark over bytes its caller
// promises are initialised (`assume_init` then `advance`, which re-checks
// `filled <= initialized`). `chunk_mut` hands out the unfilled region as an
// `UninitSlice`, whose API never writes uninitialised bytes.
unsafe impl bytes::BufMut for ReadBuf<'_> {
    fn remaining_mut(&self) -> usize {
        self.remaining()
    }

    /// # Safety
    ///
    /// The caller must have initialised the first `cnt` bytes of
    /// `chunk_mut()`.
    unsafe fn advance_mut(&mut self, cnt: usize) {
        // SAFETY: the caller initialised `cnt` bytes from the filled mark.
        unsafe { self.assume_init(cnt) };
        self.advance(cnt);
    }

    fn chunk_mut(&mut self) -> &mut bytes::buf::UninitSlice {
        // SAFETY: the slice is only exposed as an `UninitSlice`, which lets
        // callers write bytes but never de-initialise them.
        let unfilled = unsafe { self.unfilled_mut() };
        bytes::buf::UninitSlice::uninit(unfilled)
    }
}

impl fmt::Debug for ReadBuf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReadBuf")
            .field("filled", &self.filled)
            .field("initialized", &self.initialized)
            .field("capacity", &self.capacity())
            .finish()
    }
}

/// # Safety
///
/// Every byte of `slice` must be initialised.
#[inline]
unsafe fn slice_assume_init(slice: &[MaybeUninit<u8>]) -> &[u8] {
    // SAFETY: same layout; initialisation is the caller's promise.
    unsafe { &*(slice as *const [MaybeUninit<u8>] as *const [u8]) }
}

/// # Safety
///
/// Every byte of `slice` must be initialised.
#[inline]
unsafe fn slice_assume_init_mut(slice: &mut [MaybeUninit<u8>]) -> &mut [u8] {
    // SAFETY: same layout; initialisation is the caller's promise.
    unsafe { &mut *(slice as *mut [MaybeUninit<u8>] as *mut [u8]) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_track_fill_and_init() {
        let mut storage = [MaybeUninit::<u8>::uninit(); 16];
        let mut buf = ReadBuf::uninit(&mut storage);
        assert_eq!(buf.initialized().len(), 0);
        buf.put_slice(b"hello");
        assert_eq!(buf.filled(), b"hello");
        assert_eq!(buf.initialized().len(), 5);
        let unfilled = buf.initialize_unfilled_to(3);
        assert_eq!(unfilled, &[0, 0, 0]);
        assert_eq!(buf.initialized().len(), 8);
        buf.advance(3);
        assert_eq!(buf.filled(), b"hello\0\0\0");
        buf.clear();
        assert_eq!(buf.filled().len(), 0);
        assert_eq!(buf.initialized().len(), 8);
    }

    #[test]
    fn take_shares_initialised_mark() {
        let mut storage = [1u8; 10];
        let mut buf = ReadBuf::new(&mut storage);
        buf.put_slice(b"ab");
        let mut sub = buf.take(4);
        assert_eq!(sub.capacity(), 4);
        assert_eq!(sub.initialized().len(), 4);
        sub.put_slice(b"cd");
        assert_eq!(sub.filled(), b"cd");
        buf.advance(2);
        assert_eq!(buf.filled(), b"abcd");
    }

    #[test]
    #[should_panic(expected = "filled must not become larger than initialized")]
    fn advance_past_initialised_panics() {
        let mut storage = [MaybeUninit::<u8>::uninit(); 4];
        let mut buf = ReadBuf::uninit(&mut storage);
        buf.advance(1);
    }

    #[test]
    fn buf_mut_writes_and_advances() {
        use bytes::BufMut;

        let mut storage = [MaybeUninit::<u8>::uninit(); 8];
        let mut buf = ReadBuf::uninit(&mut storage);
        assert_eq!(buf.remaining_mut(), 8);
        assert_eq!(buf.chunk_mut().len(), 8);
        buf.put_u8(1);
        buf.put_u16(0x0203);
        buf.put_slice(b"xy");
        assert_eq!(buf.filled(), &[1, 2, 3, b'x', b'y']);
        assert_eq!(buf.initialized().len(), 5);
        assert_eq!(buf.remaining_mut(), 3);
        assert_eq!(buf.chunk_mut().len(), 3);

        let mut storage = [0u8; 4];
        let mut init = ReadBuf::new(&mut storage);
        // SAFETY: `ReadBuf::new` buffers are fully initialised.
        unsafe { init.advance_mut(3) };
        assert_eq!(init.filled(), &[0, 0, 0]);
        assert_eq!(init.remaining_mut(), 1);
        // SAFETY: as above.
        unsafe { init.advance_mut(1) };
        assert_eq!(init.remaining_mut(), 0);
        assert_eq!(init.chunk_mut().len(), 0);
    }

    #[test]
    #[should_panic(expected = "must fit in remaining")]
    fn put_slice_overflow_panics() {
        let mut storage = [0u8; 2];
        let mut buf = ReadBuf::new(&mut storage);
        buf.put_slice(b"abc");
    }
}
