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
//! This is the one place in the io utilities that turns "a reader said it
//! filled these bytes" into `Vec::set_len`, so its checks are strict: the
//! reader must not have swapped the `ReadBuf` for another one.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use crate::io::{AsyncRead, ReadBuf};

/// The least spare capacity offered to the reader on each read.
const MIN_SPARE: usize = 32;

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
}

impl<V: AsMut<Vec<u8>>> VecWithInitialized<V> {
    pub(crate) fn new(mut vec: V) -> Self {
        let start_len = vec.as_mut().len();
        VecWithInitialized {
            vec,
            initialized: 0,
            start_len,
        }
    }

    /// The number of bytes appended since [`new`](Self::new).
    pub(crate) fn appended(&mut self) -> usize {
        self.vec.as_mut().len() - self.start_len
    }

    pub(crate) fn into_inner(self) -> V {
        self.vec
    }

    /// Makes sure there is spare capacity to read into, growing the vector
    /// (amortised doubling) when it is full.
    fn reserve(&mut self) {
        let vec = self.vec.as_mut();
        if vec.capacity() - vec.len() < MIN_SPARE {
            let before = vec.capacity();
            vec.reserve(MIN_SPARE);
            if vec.capacity() != before {
                // A reallocation copies only the `len` initialised bytes.
                self.initialized = 0;
            }
        }
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
            reads: 50,
            chunk: 33,
            byte: 7,
        };
        assert_eq!(read_all(&mut src, &mut vec), 50 * 33);
        assert!(vec.iter().all(|&b| b == 7));
    }

    struct Swapper;

    impl AsyncRead for Swapper {
        fn poll_read(
            self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            let other: &'static mut [u8] = Box::leak(vec![1u8; 64].into_boxed_slice());
            let mut replacement = ReadBuf::new(other);
            replacement.advance(64);
            std::mem::swap(buf, &mut replacement);
            Poll::Ready(Ok(()))
        }
    }

    #[test]
    #[should_panic(expected = "replaced the ReadBuf")]
    fn swapped_read_buf_is_caught() {
        let mut vec = Vec::new();
        read_all(&mut Swapper, &mut vec);
    }
}
