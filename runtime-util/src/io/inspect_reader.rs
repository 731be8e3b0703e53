//! [`InspectReader`]: an `AsyncRead` that shows every byte read to a
//! closure.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;
use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};

pin_project! {
    /// An [`AsyncRead`] that calls `f` with each run of bytes read from the
    /// wrapped reader, before handing them on.
    ///
    /// `f` sees every byte exactly once, in order, and never an empty slice;
    /// it is a good place for a checksum, a byte counter or a trace. The
    /// wrapper forwards `AsyncWrite` to the reader, if it implements it.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::pin::Pin;
    /// use futures::future::poll_fn;
    /// use runtime_core::io::{AsyncRead, ReadBuf};
    /// use runtime_util::io::InspectReader;
    ///
    /// # futures::executor::block_on(async {
    /// let mut seen = Vec::new();
    /// let mut reader = InspectReader::new(&b"hello"[..], |bytes: &[u8]| seen.extend_from_slice(bytes));
    /// let mut out = [0u8; 3];
    /// let mut buf = ReadBuf::new(&mut out);
    /// poll_fn(|cx| Pin::new(&mut reader).poll_read(cx, &mut buf)).await.unwrap();
    /// assert_eq!(buf.filled(), b"hel");
    /// drop(reader);
    /// assert_eq!(seen, b"hel");
    /// # });
    /// ```
    #[derive(Debug)]
    pub struct InspectReader<R, F> {
        #[pin]
        reader: R,
        f: F,
    }
}

impl<R, F> InspectReader<R, F> {
    /// Reads from `reader`, showing every byte read to `f`.
    pub fn new(reader: R, f: F) -> InspectReader<R, F>
    where
        R: AsyncRead,
        F: FnMut(&[u8]),
    {
        InspectReader { reader, f }
    }

    /// Returns a reference to the reader.
    pub fn get_ref(&self) -> &R {
        &self.reader
    }

    /// Returns a mutable reference to the reader.
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.reader
    }

    /// Returns a pinned mutable reference to the reader.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut R> {
        self.project().reader
    }

    /// Consumes the wrapper and returns the reader.
    pub fn into_inner(self) -> R {
        self.reader
    }
}

impl<R: AsyncRead, F: FnMut(&[u8])> AsyncRead for InspectReader<R, F> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.project();
        let before = buf.filled().len();
        ready!(this.reader.poll_read(cx, buf))?;
        let new = &buf.filled()[before..];
        if !new.is_empty() {
            (this.f)(new);
        }
        Poll::Ready(Ok(()))
    }
}

impl<R: AsyncWrite, F> AsyncWrite for InspectReader<R, F> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.project().reader.poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().reader.poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().reader.poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.project().reader.poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.reader.is_write_vectored()
    }
}
