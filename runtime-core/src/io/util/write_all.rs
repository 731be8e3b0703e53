//! The future of [`AsyncWriteExt::write_all`](crate::io::AsyncWriteExt::write_all):
//! `poll_write` until the whole slice is taken, retrying writes that fail
//! with `Interrupted`.
//!
//! The unwritten rest of the slice lives in the future; dropping it part-way
//! leaves an unknown prefix written (not cancellation safe).

use std::future::Future;
use std::io;
use std::marker::PhantomPinned;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use crate::io::AsyncWrite;

pin_project! {
    /// Future for the [`write_all`](crate::io::AsyncWriteExt::write_all)
    /// method.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct WriteAll<'a, W: ?Sized> {
        writer: &'a mut W,
        buf: &'a [u8],
        #[pin]
        _pin: PhantomPinned,
    }
}

pub(crate) fn write_all<'a, W>(writer: &'a mut W, buf: &'a [u8]) -> WriteAll<'a, W>
where
    W: AsyncWrite + Unpin + ?Sized,
{
    WriteAll {
        writer,
        buf,
        _pin: PhantomPinned,
    }
}

/// The error of a sink that accepted zero bytes of a non-empty write.
pub(crate) fn write_zero() -> io::Error {
    io::Error::new(io::ErrorKind::WriteZero, "failed to write whole buffer")
}

impl<W> Future for WriteAll<'_, W>
where
    W: AsyncWrite + Unpin + ?Sized,
{
    type Output = io::Result<()>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let me = self.project();
        while !me.buf.is_empty() {
            let n = match ready!(Pin::new(&mut **me.writer).poll_write(cx, me.buf)) {
                Ok(n) => n,
                // An interrupted write took nothing; try again.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Poll::Ready(Err(e)),
            };
            if n == 0 {
                return Poll::Ready(Err(write_zero()));
            }
            // A sink claiming more than it was given is a bug in the sink;
            // clamp rather than index past the end.
            let n = n.min(me.buf.len());
            let (_, rest) = mem::take(&mut *me.buf).split_at(n);
            *me.buf = rest;
        }
        Poll::Ready(Ok(()))
    }
}
