//! [`InspectWriter`]: an `AsyncWrite` that shows every byte written to a
//! closure.

use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;
use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};

pin_project! {
    /// An [`AsyncWrite`] that calls `f` with each run of bytes the wrapped
    /// writer accepted.
    ///
    /// `f` sees exactly the bytes written (not those offered and refused),
    /// in order, and never an empty slice. For a vectored write it is called
    /// once per slice, or part of a slice, that was written. The wrapper
    /// forwards `AsyncRead` to the writer, if it implements it.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::pin::Pin;
    /// use futures::future::poll_fn;
    /// use runtime_core::io::AsyncWrite;
    /// use runtime_util::io::InspectWriter;
    ///
    /// # futures::executor::block_on(async {
    /// let mut count = 0;
    /// let mut writer = InspectWriter::new(Vec::new(), |bytes: &[u8]| count += bytes.len());
    /// poll_fn(|cx| Pin::new(&mut writer).poll_write(cx, b"hello")).await.unwrap();
    /// assert_eq!(writer.into_inner(), b"hello");
    /// assert_eq!(count, 5);
    /// # });
    /// ```
    #[derive(Debug)]
    pub struct InspectWriter<W, F> {
        #[pin]
        writer: W,
        f: F,
    }
}

impl<W, F> InspectWriter<W, F> {
    /// Writes to `writer`, showing every byte written to `f`.
    pub fn new(writer: W, f: F) -> InspectWriter<W, F>
    where
        W: AsyncWrite,
        F: FnMut(&[u8]),
    {
        InspectWriter { writer, f }
    }

    /// Returns a reference to the writer.
    pub fn get_ref(&self) -> &W {
        &self.writer
    }

    /// Returns a mutable reference to the writer.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    /// Returns a pinned mutable reference to the writer.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut W> {
        self.project().writer
    }

    /// Consumes the wrapper and returns the writer.
    pub fn into_inner(self) -> W {
        self.writer
    }
}

impl<W: AsyncWrite, F: FnMut(&[u8])> AsyncWrite for InspectWriter<W, F> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        let n = ready!(this.writer.poll_write(cx, buf))?;
        if n > 0 {
            (this.f)(&buf[..n]);
        }
        Poll::Ready(Ok(n))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().writer.poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().writer.poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        let mut left = ready!(this.writer.poll_write_vectored(cx, bufs))?;
        let written = left;
        for buf in bufs {
            if left == 0 {
                break;
            }
            let n = left.min(buf.len());
            if n > 0 {
                (this.f)(&buf[..n]);
            }
            left -= n;
        }
        Poll::Ready(Ok(written))
    }

    fn is_write_vectored(&self) -> bool {
        self.writer.is_write_vectored()
    }
}

impl<W: AsyncRead, F> AsyncRead for InspectWriter<W, F> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.project().writer.poll_read(cx, buf)
    }
}
