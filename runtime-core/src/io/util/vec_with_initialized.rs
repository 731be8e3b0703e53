//! Reading into the spare capacity of a `Vec<u8>` without zeroing it first.
//!
//! `read_to_end` and `read_to_string` hand the reader a [`ReadBuf`] over the
//! vector's *uninitialised* spare capacity, so the common case (a reader that
//! copies bytes in with `put_slice`) never pays for zeroing memory it is about
//! to overwrite. A reader that asks for an initialised buffer
//! (`initialize_unfilled`) zeroes what it needs once; [`VecWithInitialized`]
//! remembers how much of the spare capacity is already initialised so that
//! the next read does not zero it again. The count is dropped whenever the
//! vector reallocates, since a reallocation copies only `len` bytes.
//!
//! How the vector grows follows tokio's `read_to_end` so that capacities
//! come out the same: before a read, room for at least [`PROBE_SIZE`] bytes
//! is reserved (amortised growth), except while the vector still has the
//! capacity it came with (and that is at least `PROBE_SIZE`) but less than
//! `PROBE_SIZE` of it is spare. Then the read goes to a small stack buffer
//! first, and the vector grows only if the bytes do not fit: a vector sized
//! for the data is not reallocated just to learn that the source has ended.
//!
//! This is the one place in the io utilities that turns "a reader said it
//! filled these bytes" into `Vec::set_len`, so its checks are strict: the
//! reader must not have swapped the `ReadBuf` for another one.

use std::io;
use std::mem::MaybeUninit;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use crate::io::{AsyncRead, ReadBuf};

/// The room reserved before each read, and the size of the probe read made
/// into a stack buffer when a vector of the caller's capacity is nearly full.
const PROBE_SIZE: usize = 32;

/// A `Vec<u8>` being appended to by reads, plus the number of bytes of its
/// spare capacity known to be initialised.
///
/// Invariant: `vec[len..len + initialized]` (in the spare capacity) is
/// initialised memory, and `len + initialized <= capacity`.
#[derive(Debug)]
pub(crate) struct VecWithInitialized<V> {
    vec: V,
    initialized: usize,
    start_len: usize,
    // The capacity the vector came with: it is never grown before a probe
    // read has shown that more data is coming.
    start_capacity: usize,
}

impl<V: AsMut<Vec<u8>>> VecWithInitialized<V> {
    pub(crate) fn new(mut vec: V) -> Self {
        // The spare capacity of a fresh vector is unknown memory.
        let start_len = vec.as_mut().len();
        let start_capacity = vec.as_mut().capacity();
        VecWithInitialized {
            vec,
            initialized: 0,
            start_len,
            start_capacity,
        }
    }

    /// Makes room for at least [`PROBE_SIZE`] more bytes.
    fn reserve(&mut self) {
        let vec = self.vec.as_mut();
        if vec.capacity() - vec.len() < PROBE_SIZE {
            vec.reserve(PROBE_SIZE);
            // The spare capacity is now fresh memory: a reallocation copies
            // only the `len` initialised bytes.
            self.initialized = 0;
        }
    }

    /// The number of bytes appended since [`new`](Self::new).
    pub(crate) fn appended(&mut self) -> usize {
        self.vec.as_mut().len() - self.start_len
    }

    pub(crate) fn into_inner(self) -> V {
        self.vec
    }

    /// Reads once from `reader` into the spare capacity and extends the
    /// vector by what was read. Returns the number of bytes read; `0` means
    /// end of file.
    ///
    /// # Panics
    ///
    /// Panics if the reader replaced the `ReadBuf` it was given by another
    /// one, which would make the filled count meaningless.
    pub(crate) fn poll_read_once<R>(
        &mut self,
        reader: Pin<&mut R>,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<usize>>
    where
        R: AsyncRead + ?Sized,
    {
        let vec = self.vec.as_mut();
        let spare = vec.capacity() - vec.len();
        if spare < PROBE_SIZE
            && vec.capacity() == self.start_capacity
            && self.start_capacity >= PROBE_SIZE
        {
            // Nearly full at the caller's capacity: read into a small stack
            // buffer first, so that a vector sized for the data never grows
            // just to learn that the source is at its end.
            let mut probe = [MaybeUninit::<u8>::uninit(); PROBE_SIZE];
            let probe_ptr = probe.as_ptr().cast::<u8>();
            let mut buf = ReadBuf::uninit(&mut probe);
            ready!(reader.poll_read(cx, &mut buf))?;
            assert_eq!(
                buf.filled().as_ptr(),
                probe_ptr,
                "AsyncRead::poll_read replaced the ReadBuf it was given"
            );
            let filled = buf.filled();
            let n = filled.len();
            if n > spare {
                self.reserve();
            }
            // `n <= PROBE_SIZE` and the room is there: this does not
            // reallocate.
            self.vec.as_mut().extend_from_slice(filled);
            // The bytes just appended covered the first `n` bytes of the
            // initialised spare room, if there was any.
            self.initialized = self.initialized.saturating_sub(n);
            return Poll::Ready(Ok(n));
        }
        self.reserve();
        let vec = self.vec.as_mut();
        let len = vec.len();
        let spare = vec.spare_capacity_mut();
        let spare_ptr = spare.as_ptr();
        let mut buf = ReadBuf::uninit(spare);
        // SAFETY: by the type's invariant, the first `initialized` bytes of
        // the spare capacity are initialised, and `filled` is 0.
        unsafe { buf.assume_init(self.initialized) };

        ready!(reader.poll_read(cx, &mut buf))?;

        assert_eq!(
            buf.filled().as_ptr(),
            spare_ptr.cast::<u8>(),
            "AsyncRead::poll_read replaced the ReadBuf it was given"
        );
        let n = buf.filled().len();
        let initialized = buf.initialized().len();
        // SAFETY: `buf` still views the spare capacity (checked above), and a
        // ReadBuf's first `filled` bytes are initialised (its invariant), so
        // `vec[len..len + n]` is initialised and within capacity.
        unsafe { vec.set_len(len + n) };
        // A ReadBuf keeps `filled <= initialized`.
        self.initialized = initialized - n;
        Poll::Ready(Ok(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Waker;

    /// A reader that asks for an initialised buffer and writes `chunk` bytes
    /// of `byte` per read, `reads` times.
    struct Zeroing {
        reads: usize,
        chunk: usize,
        byte: u8,
    }

    impl AsyncRead for Zeroing {
        fn poll_read(
            mut self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            if self.reads == 0 {
                return Poll::Ready(Ok(()));
            }
            self.reads -= 1;
            let n = self.chunk.min(buf.remaining());
            let dst = buf.initialize_unfilled_to(n);
            dst.fill(self.byte);
            buf.advance(n);
            Poll::Ready(Ok(()))
        }
    }

    fn read_all(reader: &mut (impl AsyncRead + Unpin), vec: &mut Vec<u8>) -> usize {
        let mut cx = Context::from_waker(Waker::noop());
        let mut v = VecWithInitialized::new(vec);
        loop {
            match v.poll_read_once(Pin::new(&mut *reader), &mut cx) {
                Poll::Ready(Ok(0)) => return v.appended(),
                Poll::Ready(Ok(_)) => {}
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    #[test]
    fn appends_after_existing_bytes() {
        let mut vec = b"head:".to_vec();
        let mut src: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz0123456789";
        assert_eq!(read_all(&mut src, &mut vec), 46);
        assert_eq!(
            &vec[..],
            &b"head:0123456789abcdefghijklmnopqrstuvwxyz0123456789"[..]
        );
    }

    #[test]
    fn remembers_initialised_spare_across_reads() {
        let mut vec = Vec::with_capacity(100);
        let mut src = Zeroing {
            reads: 10,
            chunk: 7,
            byte: 0xAB,
        };
        assert_eq!(read_all(&mut src, &mut vec), 70);
        assert_eq!(vec, vec![0xAB; 70]);
    }

    #[test]
    fn survives_reallocation() {
        let mut vec = Vec::new();
        let mut src = Zeroing {
            // Chunks below PROBE_SIZE always fit, so every read is whole.
            reads: 100,
            chunk: 20,
            byte: 7,
        };
        assert_eq!(read_all(&mut src, &mut vec), 100 * 20);
        assert!(vec.iter().all(|&b| b == 7));
    }

    #[test]
    fn probes_when_nearly_full_then_grows() {
        // Capacity 40: reads into the spare room until less than 32 bytes of
        // it are left, then 32-byte probes on the stack until one does not
        // fit (at 40 bytes) and the vector grows; then spare-room reads again.
        let mut vec = Vec::with_capacity(40);
        let mut src = Zeroing {
            reads: 30,
            chunk: 5,
            byte: 3,
        };
        assert_eq!(read_all(&mut src, &mut vec), 150);
        assert_eq!(vec, vec![3; 150]);
        assert!(vec.capacity() >= 150);
    }

    #[test]
    fn starts_with_room_for_a_probe_when_capacity_is_small() {
        let mut vec = Vec::with_capacity(4);
        let mut src: &[u8] = b"";
        assert_eq!(read_all(&mut src, &mut vec), 0);
        assert!(vec.capacity() >= PROBE_SIZE);
    }

    /// A reader that swaps the `ReadBuf` it is given for one over `other`.
    struct Swapper {
        other: *mut [u8],
    }

    impl AsyncRead for Swapper {
        fn poll_read(
            self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            let ptr = self.other;
            // SAFETY: `other` points to a live boxed slice that the test owns
            // and frees only after this call, and nothing else accesses it.
            let other = unsafe { &mut *ptr };
            let mut replacement = ReadBuf::new(other);
            replacement.advance(replacement.capacity());
            std::mem::swap(buf, &mut replacement);
            Poll::Ready(Ok(()))
        }
    }

    #[test]
    fn swapped_read_buf_is_caught() {
        // Capacity 0 takes the probe path, 16 the spare-capacity path.
        for cap in [0, 16] {
            swapped_read_buf_is_caught_with(cap);
        }
    }

    fn swapped_read_buf_is_caught_with(cap: usize) {
        let other = Box::into_raw(vec![1u8; 64].into_boxed_slice());
        let result = std::panic::catch_unwind(move || {
            let mut vec = Vec::with_capacity(cap);
            read_all(&mut Swapper { other }, &mut vec);
        });
        // SAFETY: `other` came from `Box::into_raw` above and the reader that
        // used it is gone.
        drop(unsafe { Box::from_raw(other) });
        let err = result.expect_err("the swap must be detected");
        let msg = err
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or_default();
        assert!(msg.contains("replaced the ReadBuf"), "{msg}");
    }
}
