//! The future of [`AsyncReadExt::read_buf`](crate::io::AsyncReadExt::read_buf):
//! one `poll_read` into the spare room of a [`BufMut`].

use std::future::Future;
use std::io;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::BufMut;
use pin_project_lite::pin_project;

use crate::io::AsyncRead;

pin_project! {
    /// Future for the [`read_buf`](crate::io::AsyncReadExt::read_buf) method.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct ReadBuf<'a, R: ?Sized, B: ?Sized> {
        reader: &'a mut R,
        buf: &'a mut B,
        #[pin]
        _pin: PhantomPinned,
    }
}

pub(crate) fn read_buf<'a, R, B>(reader: &'a mut R, buf: &'a mut B) -> ReadBuf<'a, R, B>
where
    R: AsyncRead + Unpin + ?Sized,
    B: BufMut + ?Sized,
{
    ReadBuf {
        reader,
        buf,
        _pin: PhantomPinned,
    }
}

/// Reads once from `reader` into `buf`'s next chunk and advances `buf` by the
/// number of bytes read, which is returned.
pub(crate) fn poll_read_buf<R, B>(
    reader: Pin<&mut R>,
    cx: &mut Context<'_>,
    buf: &mut B,
) -> Poll<io::Result<usize>>
where
    R: AsyncRead + ?Sized,
    B: BufMut + ?Sized,
{
    if !buf.has_remaining_mut() {
        return Poll::Ready(Ok(0));
    }
    let n = {
        let dst = buf.chunk_mut();
        // SAFETY: the slice is only handed to a `ReadBuf`, whose safe API
        // never writes uninitialised bytes into it.
        let dst = unsafe { dst.as_uninit_slice_mut() };
        let mut rb = crate::io::ReadBuf::uninit(dst);
        let ptr = rb.filled().as_ptr();
        ready!(reader.poll_read(cx, &mut rb))?;
        assert_eq!(
            ptr,
            rb.filled().as_ptr(),
            "AsyncRead::poll_read replaced the ReadBuf it was given"
        );
        rb.filled().len()
    };
    // SAFETY: the `ReadBuf` viewed `buf.chunk_mut()` (pointer checked above)
    // and its first `n` bytes are initialised (ReadBuf's invariant).
    unsafe { buf.advance_mut(n) };
    Poll::Ready(Ok(n))
}

impl<R, B> Future for ReadBuf<'_, R, B>
where
    R: AsyncRead + Unpin + ?Sized,
    B: BufMut + ?Sized,
{
    type Output = io::Result<usize>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let me = self.project();
        poll_read_buf(Pin::new(&mut **me.reader), cx, &mut **me.buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Waker;

    #[test]
    fn reads_into_spare_capacity() {
        let mut cx = Context::from_waker(Waker::noop());
        let mut src: &[u8] = b"hello world";
        let mut dst = Vec::with_capacity(4);
        dst.extend_from_slice(b">");
        let n = match poll_read_buf(Pin::new(&mut src), &mut cx, &mut dst) {
            Poll::Ready(Ok(n)) => n,
            other => panic!("{other:?}"),
        };
        assert!(n > 0);
        assert_eq!(&dst[1..], &b"hello world"[..n]);
        assert_eq!(dst[0], b'>');
    }

    #[test]
    fn full_buf_reads_nothing() {
        let mut cx = Context::from_waker(Waker::noop());
        let mut src: &[u8] = b"abc";
        let mut storage = [0u8; 0];
        let mut dst = &mut storage[..];
        match poll_read_buf(Pin::new(&mut src), &mut cx, &mut dst) {
            Poll::Ready(Ok(0)) => {}
            other => panic!("{other:?}"),
        }
        assert_eq!(src, b"abc");
    }
}
