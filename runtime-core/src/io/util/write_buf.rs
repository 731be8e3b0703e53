//! The future of [`AsyncWriteExt::write_buf`](crate::io::AsyncWriteExt::write_buf):
//! one write of a [`Buf`]'s data, and the write step that
//! [`write_all_buf`](super::write_all_buf) repeats.
//!
//! A sink that reports [`is_write_vectored`](AsyncWrite::is_write_vectored)
//! is offered the `Buf`'s chunks in one gathered write (a chained or
//! segmented `Buf` then goes out in one call); any other sink gets the
//! current chunk through `poll_write`, and never a `poll_write_vectored` call.

use std::future::Future;
use std::io::{self, IoSlice};
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::Buf;
use pin_project_lite::pin_project;

use crate::io::AsyncWrite;

/// How many slices a gathered write offers at most.
const MAX_VECTOR_ELEMENTS: usize = 64;

pin_project! {
    /// Future for the [`write_buf`](crate::io::AsyncWriteExt::write_buf)
    /// method.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct WriteBuf<'a, W, B> {
        writer: &'a mut W,
        buf: &'a mut B,
        #[pin]
        _pin: PhantomPinned,
    }
}

pub(crate) fn write_buf<'a, W, B>(writer: &'a mut W, buf: &'a mut B) -> WriteBuf<'a, W, B>
where
    W: AsyncWrite + Unpin,
    B: Buf,
{
    WriteBuf {
        writer,
        buf,
        _pin: PhantomPinned,
    }
}

/// Writes once from `buf` (without advancing it): gathered when the writer
/// prefers it, otherwise the current chunk. Returns what the writer returned.
pub(super) fn poll_write_buf<W, B>(
    writer: Pin<&mut W>,
    cx: &mut Context<'_>,
    buf: &B,
) -> Poll<io::Result<usize>>
where
    W: AsyncWrite + ?Sized,
    B: Buf + ?Sized,
{
    if writer.is_write_vectored() {
        let mut slices = [IoSlice::new(&[]); MAX_VECTOR_ELEMENTS];
        let count = buf.chunks_vectored(&mut slices);
        writer.poll_write_vectored(cx, &slices[..count])
    } else {
        writer.poll_write(cx, buf.chunk())
    }
}

impl<W, B> Future for WriteBuf<'_, W, B>
where
    W: AsyncWrite + Unpin,
    B: Buf,
{
    type Output = io::Result<usize>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let me = self.project();
        if !me.buf.has_remaining() {
            return Poll::Ready(Ok(0));
        }
        let n = ready!(poll_write_buf(Pin::new(&mut **me.writer), cx, &**me.buf))?;
        me.buf.advance(n);
        Poll::Ready(Ok(n))
    }
}
