//! The future of [`AsyncReadExt::read_exact`](crate::io::AsyncReadExt::read_exact):
//! reads until the slice is full, or fails with `UnexpectedEof`. A read that
//! fails with `Interrupted` is retried.
//!
//! The bytes read so far live in the caller's slice, and the count of them in
//! the future: dropping the future loses the count, which is why the method
//! is not cancellation safe.

use std::future::Future;
use std::io;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use crate::io::{AsyncRead, ReadBuf};

pin_project! {
    /// Future for the [`read_exact`](crate::io::AsyncReadExt::read_exact)
    /// method.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct ReadExact<'a, R: ?Sized> {
        reader: &'a mut R,
        buf: ReadBuf<'a>,
        #[pin]
        _pin: PhantomPinned,
    }
}

pub(crate) fn read_exact<'a, R>(reader: &'a mut R, buf: &'a mut [u8]) -> ReadExact<'a, R>
where
    R: AsyncRead + Unpin + ?Sized,
{
    ReadExact {
        reader,
        buf: ReadBuf::new(buf),
        _pin: PhantomPinned,
    }
}

pub(super) fn eof() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "early eof")
}

impl<R> Future for ReadExact<'_, R>
where
    R: AsyncRead + Unpin + ?Sized,
{
    type Output = io::Result<usize>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let me = self.project();
        loop {
            let rem = me.buf.remaining();
            if rem == 0 {
                return Poll::Ready(Ok(me.buf.capacity()));
            }
            match ready!(Pin::new(&mut **me.reader).poll_read(cx, me.buf)) {
                Ok(()) => {}
                // An interrupted read did nothing; try again.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Poll::Ready(Err(e)),
            }
            if me.buf.remaining() == rem {
                return Poll::Ready(Err(eof()));
            }
        }
    }
}
