//! The future of
//! [`AsyncWriteExt::write_all_buf`](crate::io::AsyncWriteExt::write_all_buf):
//! writes a [`Buf`] until it has nothing left, using gathered writes when the
//! sink supports them.
//!
//! Progress is recorded in the `Buf` itself (it is advanced after every
//! write), so a caller that drops the future knows exactly what was written.
//! A write that fails with `Interrupted` is retried.

use std::future::Future;
use std::io;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::Buf;
use pin_project_lite::pin_project;

use super::write_all::write_zero;
use super::write_buf::poll_write_buf;
use crate::io::AsyncWrite;

pin_project! {
    /// Future for the
    /// [`write_all_buf`](crate::io::AsyncWriteExt::write_all_buf) method.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct WriteAllBuf<'a, W, B> {
        writer: &'a mut W,
        buf: &'a mut B,
        #[pin]
        _pin: PhantomPinned,
    }
}

pub(crate) fn write_all_buf<'a, W, B>(writer: &'a mut W, buf: &'a mut B) -> WriteAllBuf<'a, W, B>
where
    W: AsyncWrite + Unpin,
    B: Buf,
{
    WriteAllBuf {
        writer,
        buf,
        _pin: PhantomPinned,
    }
}

impl<W, B> Future for WriteAllBuf<'_, W, B>
where
    W: AsyncWrite + Unpin,
    B: Buf,
{
    type Output = io::Result<()>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let me = self.project();
        while me.buf.has_remaining() {
            let n = match ready!(poll_write_buf(Pin::new(&mut **me.writer), cx, &**me.buf)) {
                Ok(n) => n,
                // An interrupted write took nothing; try again.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Poll::Ready(Err(e)),
            };
            if n == 0 {
                return Poll::Ready(Err(write_zero()));
            }
            me.buf.advance(n.min(me.buf.remaining()));
        }
        Poll::Ready(Ok(()))
    }
}
