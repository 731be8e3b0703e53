//! Reading into a [`BufMut`] and writing from a [`Buf`] through the
//! `AsyncRead`/`AsyncWrite` traits.
//!
//! The codecs keep their bytes in a `BytesMut`; these two helpers are the only
//! place where that buffer meets the I/O traits. Reading hands the buffer's
//! spare capacity to the reader as a [`ReadBuf`] over possibly uninitialised
//! memory, so a large read buffer is never zeroed byte by byte; writing uses a
//! vectored write when the writer supports it and the buffer is made of
//! several chunks.

use std::io::{self, IoSlice};
use std::mem::MaybeUninit;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::{Buf, BufMut};
use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};

/// The most slices a single vectored write gathers from a [`Buf`].
const MAX_VECTORED_SLICES: usize = 64;

/// Reads once from `io` into the spare capacity of `buf`, advancing it by the
/// number of bytes read.
///
/// Returns `Ok(0)` when `buf` has no spare capacity or the reader is at end
/// of stream. The reader sees only the spare capacity, never the bytes
/// already in `buf`.
pub(crate) fn poll_read_buf<T, B>(
    io: Pin<&mut T>,
    cx: &mut Context<'_>,
    buf: &mut B,
) -> Poll<io::Result<usize>>
where
    T: AsyncRead + ?Sized,
    B: BufMut + ?Sized,
{
    if !buf.has_remaining_mut() {
        return Poll::Ready(Ok(0));
    }

    let n = {
        let dst = buf.chunk_mut();
        // SAFETY: `UninitSlice` is a transparent view of `[MaybeUninit<u8>]`
        // over the buffer's spare capacity; viewing it as such is what
        // `as_uninit_slice_mut` does. We only hand it to a `ReadBuf`, which
        // never de-initialises bytes and tracks how many it filled, so no
        // uninitialised byte is ever read.
        let dst: &mut [MaybeUninit<u8>] = unsafe { dst.as_uninit_slice_mut() };
        let mut read_buf = ReadBuf::uninit(dst);
        let start = read_buf.filled().as_ptr();
        ready!(io.poll_read(cx, &mut read_buf))?;
        // A reader must not swap the buffer under us: the filled region has
        // to be the one we handed out.
        assert_eq!(
            start,
            read_buf.filled().as_ptr(),
            "AsyncRead::poll_read replaced the ReadBuf's memory"
        );
        read_buf.filled().len()
    };

    // SAFETY: `ReadBuf` guarantees its first `filled().len()` bytes have been
    // initialised, and those are the first `n` bytes of `chunk_mut()`.
    unsafe { buf.advance_mut(n) };
    Poll::Ready(Ok(n))
}

/// Writes once from `buf` to `io`, advancing `buf` past the bytes written.
///
/// Uses a vectored write when the writer says it is efficient at them.
/// Returns `Ok(0)` when `buf` is empty.
pub(crate) fn poll_write_buf<T, B>(
    io: Pin<&mut T>,
    cx: &mut Context<'_>,
    buf: &mut B,
) -> Poll<io::Result<usize>>
where
    T: AsyncWrite + ?Sized,
    B: Buf + ?Sized,
{
    if !buf.has_remaining() {
        return Poll::Ready(Ok(0));
    }

    let n = if io.is_write_vectored() {
        let mut slices = [IoSlice::new(&[]); MAX_VECTORED_SLICES];
        let count = buf.chunks_vectored(&mut slices);
        ready!(io.poll_write_vectored(cx, &slices[..count]))?
    } else {
        ready!(io.poll_write(cx, buf.chunk()))?
    };

    buf.advance(n);
    Poll::Ready(Ok(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    use bytes::{Bytes, BytesMut};
    use futures::task::noop_waker_ref;

    #[test]
    fn read_fills_spare_capacity_only() {
        let mut buf = BytesMut::with_capacity(8);
        buf.extend_from_slice(b"ab");
        let mut src: &[u8] = b"cdefghijkl";
        let mut cx = Context::from_waker(noop_waker_ref());
        let n = match poll_read_buf(Pin::new(&mut src), &mut cx, &mut buf) {
            Poll::Ready(Ok(n)) => n,
            other => panic!("unexpected {other:?}"),
        };
        assert!(n >= 1);
        assert_eq!(&buf[..], &b"abcdefghijkl"[..2 + n]);
        assert_eq!(src.len(), 10 - n);
    }

    #[test]
    fn read_at_eof_returns_zero() {
        let mut buf = BytesMut::with_capacity(4);
        let mut src: &[u8] = b"";
        let mut cx = Context::from_waker(noop_waker_ref());
        assert!(matches!(
            poll_read_buf(Pin::new(&mut src), &mut cx, &mut buf),
            Poll::Ready(Ok(0))
        ));
        assert!(buf.is_empty());
    }

    #[test]
    fn write_advances_past_written_bytes() {
        let mut out = Vec::new();
        let mut buf = Bytes::from_static(b"hello").chain(Bytes::from_static(b" world"));
        let mut cx = Context::from_waker(noop_waker_ref());
        while buf.has_remaining() {
            match poll_write_buf(Pin::new(&mut out), &mut cx, &mut buf) {
                Poll::Ready(Ok(n)) => assert!(n > 0),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(out, b"hello world");
        assert!(matches!(
            poll_write_buf(Pin::new(&mut out), &mut cx, &mut buf),
            Poll::Ready(Ok(0))
        ));
    }
}
