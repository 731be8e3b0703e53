//! [`Compat`]: adapts between runtime's I/O traits
//! (`runtime_core::io::{AsyncRead, AsyncWrite, AsyncBufRead, AsyncSeek}`)
//! and the `futures-io` traits of the same names.
//!
//! One wrapper type serves both directions: it implements each runtime
//! trait when the inner type has the `futures-io` one, and the other way
//! round. The extension traits only pick a readable name for wrapping
//! ([`compat`](FuturesAsyncReadCompatExt::compat) for readers,
//! [`compat_write`](FuturesAsyncWriteCompatExt::compat_write) for writers).
//!
//! The two families differ in three places:
//!
//! * reading: runtime's `poll_read` fills a [`ReadBuf`] that may be
//!   uninitialised, `futures-io`'s a plain `&mut [u8]`. Going to
//!   `futures-io`, the unfilled part is zero-initialised first (once per
//!   buffer: `ReadBuf` remembers what is initialised);
//! * closing: runtime's `poll_shutdown` is `futures-io`'s `poll_close`;
//! * seeking: runtime splits a seek into `start_seek` + `poll_complete`,
//!   `futures-io` has one `poll_seek(pos)`. The wrapper remembers the
//!   position between the two halves (runtime side) or whether the seek it
//!   started is still in flight (`futures-io` side), so a `Pending` seek is
//!   not started twice.

use std::io::{self, IoSlice, SeekFrom};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;
use runtime_core::io::ReadBuf;

pin_project! {
    /// A compatibility layer between runtime's I/O traits and `futures-io`'s.
    ///
    /// Made by the extension traits of this module
    /// ([`TokioAsyncReadCompatExt::compat`] and friends); see the
    /// [module docs](self) for what is translated.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::io::{AsyncReadExt, Cursor};
    /// use runtime_util::compat::{FuturesAsyncReadCompatExt, TokioAsyncReadCompatExt};
    ///
    /// # futures::executor::block_on(async {
    /// // A futures-io reader, seen as a runtime reader and back again.
    /// let reader = Cursor::new(b"hello".to_vec()).compat().compat();
    /// let mut out = String::new();
    /// let mut reader = reader;
    /// reader.read_to_string(&mut out).await.unwrap();
    /// assert_eq!(out, "hello");
    /// # });
    /// ```
    #[derive(Debug)]
    pub struct Compat<T> {
        #[pin]
        inner: T,
        // The seek started but not yet completed.
        seek_pos: Option<SeekFrom>,
    }
}

impl<T> Compat<T> {
    fn new(inner: T) -> Self {
        Compat {
            inner,
            seek_pos: None,
        }
    }

    /// Returns a shared reference to the wrapped object.
    pub fn get_ref(&self) -> &T {
        &self.inner
    }

    /// Returns a mutable reference to the wrapped object.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner
    }

    /// Returns the wrapped object.
    pub fn into_inner(self) -> T {
        self.inner
    }
}

/// Wraps a `futures-io` reader so it implements runtime's `AsyncRead`.
pub trait FuturesAsyncReadCompatExt: futures_io::AsyncRead {
    /// Wraps `self` in a [`Compat`] that implements
    /// `runtime_core::io::AsyncRead`.
    fn compat(self) -> Compat<Self>
    where
        Self: Sized,
    {
        Compat::new(self)
    }
}

impl<T: futures_io::AsyncRead> FuturesAsyncReadCompatExt for T {}

/// Wraps a `futures-io` writer so it implements runtime's `AsyncWrite`.
pub trait FuturesAsyncWriteCompatExt: futures_io::AsyncWrite {
    /// Wraps `self` in a [`Compat`] that implements
    /// `runtime_core::io::AsyncWrite`.
    fn compat_write(self) -> Compat<Self>
    where
        Self: Sized,
    {
        Compat::new(self)
    }
}

impl<T: futures_io::AsyncWrite> FuturesAsyncWriteCompatExt for T {}

/// Wraps a runtime reader so it implements `futures-io`'s `AsyncRead`.
pub trait TokioAsyncReadCompatExt: runtime_core::io::AsyncRead {
    /// Wraps `self` in a [`Compat`] that implements
    /// `futures_io::AsyncRead`.
    fn compat(self) -> Compat<Self>
    where
        Self: Sized,
    {
        Compat::new(self)
    }
}

impl<T: runtime_core::io::AsyncRead> TokioAsyncReadCompatExt for T {}

/// Wraps a runtime writer so it implements `futures-io`'s `AsyncWrite`.
pub trait TokioAsyncWriteCompatExt: runtime_core::io::AsyncWrite {
    /// Wraps `self` in a [`Compat`] that implements
    /// `futures_io::AsyncWrite`.
    fn compat_write(self) -> Compat<Self>
    where
        Self: Sized,
    {
        Compat::new(self)
    }
}

impl<T: runtime_core::io::AsyncWrite> TokioAsyncWriteCompatExt for T {}

// ---- futures-io inside, runtime outside ----

impl<T: futures_io::AsyncRead> runtime_core::io::AsyncRead for Compat<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let slice = buf.initialize_unfilled();
        let n = ready!(futures_io::AsyncRead::poll_read(
            self.project().inner,
            cx,
            slice
        ))?;
        buf.advance(n);
        Poll::Ready(Ok(()))
    }
}

impl<T: futures_io::AsyncBufRead> runtime_core::io::AsyncBufRead for Compat<T> {
    fn poll_fill_buf(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<&[u8]>> {
        futures_io::AsyncBufRead::poll_fill_buf(self.project().inner, cx)
    }

    fn consume(self: Pin<&mut Self>, amt: usize) {
        futures_io::AsyncBufRead::consume(self.project().inner, amt);
    }
}

impl<T: futures_io::AsyncWrite> runtime_core::io::AsyncWrite for Compat<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        futures_io::AsyncWrite::poll_write(self.project().inner, cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        futures_io::AsyncWrite::poll_write_vectored(self.project().inner, cx, bufs)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        futures_io::AsyncWrite::poll_flush(self.project().inner, cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        futures_io::AsyncWrite::poll_close(self.project().inner, cx)
    }
}

impl<T: futures_io::AsyncSeek> runtime_core::io::AsyncSeek for Compat<T> {
    fn start_seek(self: Pin<&mut Self>, position: SeekFrom) -> io::Result<()> {
        *self.project().seek_pos = Some(position);
        Ok(())
    }

    fn poll_complete(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        let this = self.project();
        // Without a started seek, report the current position.
        let pos = this.seek_pos.unwrap_or(SeekFrom::Current(0));
        let result = ready!(futures_io::AsyncSeek::poll_seek(this.inner, cx, pos));
        *this.seek_pos = None;
        Poll::Ready(result)
    }
}

// ---- runtime inside, futures-io outside ----

impl<T: runtime_core::io::AsyncRead> futures_io::AsyncRead for Compat<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        slice: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        let mut buf = ReadBuf::new(slice);
        ready!(runtime_core::io::AsyncRead::poll_read(
            self.project().inner,
            cx,
            &mut buf
        ))?;
        Poll::Ready(Ok(buf.filled().len()))
    }
}

impl<T: runtime_core::io::AsyncBufRead> futures_io::AsyncBufRead for Compat<T> {
    fn poll_fill_buf(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<&[u8]>> {
        runtime_core::io::AsyncBufRead::poll_fill_buf(self.project().inner, cx)
    }

    fn consume(self: Pin<&mut Self>, amt: usize) {
        runtime_core::io::AsyncBufRead::consume(self.project().inner, amt);
    }
}

impl<T: runtime_core::io::AsyncWrite> futures_io::AsyncWrite for Compat<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        runtime_core::io::AsyncWrite::poll_write(self.project().inner, cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        runtime_core::io::AsyncWrite::poll_write_vectored(self.project().inner, cx, bufs)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        runtime_core::io::AsyncWrite::poll_flush(self.project().inner, cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        runtime_core::io::AsyncWrite::poll_shutdown(self.project().inner, cx)
    }
}

impl<T: runtime_core::io::AsyncSeek> futures_io::AsyncSeek for Compat<T> {
    fn poll_seek(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        pos: SeekFrom,
    ) -> Poll<io::Result<u64>> {
        let mut this = self.project();
        // Start the seek unless this very seek is already in flight (the
        // previous call returned `Pending`). Whatever the inner object still
        // has in flight (an earlier seek, or a file's buffered write) is
        // completed first: `start_seek` may refuse to start while it runs.
        if *this.seek_pos != Some(pos) {
            ready!(runtime_core::io::AsyncSeek::poll_complete(
                this.inner.as_mut(),
                cx
            ))?;
            runtime_core::io::AsyncSeek::start_seek(this.inner.as_mut(), pos)?;
            *this.seek_pos = Some(pos);
        }
        let result = ready!(runtime_core::io::AsyncSeek::poll_complete(this.inner, cx));
        *this.seek_pos = None;
        Poll::Ready(result)
    }
}

#[cfg(unix)]
impl<T: std::os::unix::io::AsRawFd> std::os::unix::io::AsRawFd for Compat<T> {
    fn as_raw_fd(&self) -> std::os::unix::io::RawFd {
        self.inner.as_raw_fd()
    }
}
