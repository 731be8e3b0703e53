//! [`BufWriter`]: adds an in-memory buffer to a writer.
//!
//! Writes are collected in `buf` until it would overflow, then written out
//! in as few inner writes as the writer allows; `written` counts how much of
//! `buf` a partial flush has already sent, so that a flush interrupted by
//! `Pending` resumes where it stopped. Writes at least as large as the
//! buffer go straight to the inner writer (after what is buffered).

use std::fmt;
use std::io::{self, IoSlice, SeekFrom};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use super::buf_reader::DEFAULT_BUF_SIZE;
use crate::io::{AsyncBufRead, AsyncRead, AsyncSeek, AsyncWrite, ReadBuf};

pin_project! {
    /// Adds buffering to a writer.
    ///
    /// Many small writes to a socket each cost a system call; a `BufWriter`
    /// collects them and writes big chunks. Buffered data reaches the inner
    /// writer on [`flush`](crate::io::AsyncWriteExt::flush),
    /// [`shutdown`](crate::io::AsyncWriteExt::shutdown), or when the buffer
    /// is full.
    ///
    /// Dropping a `BufWriter` does **not** write what is buffered: call
    /// `flush` or `shutdown` before dropping it, or the data is lost.
    /// Reads (when the inner value is also a reader) pass through.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::{AsyncWriteExt, BufWriter};
    ///
    /// # futures::executor::block_on(async {
    /// let mut out = BufWriter::new(Vec::new());
    /// for word in ["a", "b", "c"] {
    ///     out.write_all(word.as_bytes()).await?;
    /// }
    /// assert_eq!(out.buffer(), b"abc");
    /// out.shutdown().await?;
    /// assert_eq!(out.into_inner(), b"abc");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    pub struct BufWriter<W> {
        #[pin]
        inner: W,
        buf: Vec<u8>,
        // How many bytes at the front of `buf` were already written.
        written: usize,
        seek_state: SeekState,
    }
}

/// Where a seek through a [`BufWriter`] stands.
#[derive(Debug, Clone, Copy)]
enum SeekState {
    Init,
    Start(SeekFrom),
    Pending,
}

impl<W: AsyncWrite> BufWriter<W> {
    /// Wraps `inner` with a buffer of 8 KiB.
    pub fn new(inner: W) -> Self {
        Self::with_capacity(DEFAULT_BUF_SIZE, inner)
    }

    /// Wraps `inner` with a buffer of `cap` bytes.
    pub fn with_capacity(cap: usize, inner: W) -> Self {
        BufWriter {
            inner,
            buf: Vec::with_capacity(cap),
            written: 0,
            seek_state: SeekState::Init,
        }
    }

    /// Writes out the buffered bytes (without flushing the inner writer).
    fn flush_buf(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let mut me = self.project();
        let len = me.buf.len();
        let mut ret = Ok(());
        while *me.written < len {
            match ready!(me.inner.as_mut().poll_write(cx, &me.buf[*me.written..])) {
                Ok(0) => {
                    ret = Err(io::Error::new(
                        io::ErrorKind::WriteZero,
                        "failed to write the buffered data",
                    ));
                    break;
                }
                Ok(n) => *me.written += n.min(len - *me.written),
                // As std's `BufWriter`: an interrupted write is retried,
                // not reported.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    ret = Err(e);
                    break;
                }
            }
        }
        if *me.written > 0 {
            me.buf.drain(..*me.written);
        }
        *me.written = 0;
        Poll::Ready(ret)
    }
}

impl<W> BufWriter<W> {
    /// A shared reference to the inner writer.
    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    /// A mutable reference to the inner writer. Writing to it directly
    /// jumps ahead of the buffered bytes.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    /// A pinned mutable reference to the inner writer.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut W> {
        self.project().inner
    }

    /// Gives back the inner writer. Buffered bytes that were not flushed are
    /// lost.
    pub fn into_inner(self) -> W {
        self.inner
    }

    /// Takes the writer apart: inner writer, buffer, `written`. A seek in
    /// progress is forgotten.
    pub(super) fn into_raw_parts(self) -> (W, Vec<u8>, usize) {
        (self.inner, self.buf, self.written)
    }

    /// The inverse of [`into_raw_parts`](Self::into_raw_parts).
    pub(super) fn from_raw_parts(inner: W, buf: Vec<u8>, written: usize) -> Self {
        BufWriter {
            inner,
            buf,
            written,
            seek_state: SeekState::Init,
        }
    }

    /// The bytes buffered and not yet written.
    pub fn buffer(&self) -> &[u8] {
        &self.buf
    }
}

impl<W: AsyncWrite> AsyncWrite for BufWriter<W> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.buf.len() + buf.len() > self.buf.capacity() {
            ready!(self.as_mut().flush_buf(cx))?;
        }
        let me = self.project();
        if buf.len() >= me.buf.capacity() {
            me.inner.poll_write(cx, buf)
        } else {
            me.buf.extend_from_slice(buf);
            Poll::Ready(Ok(buf.len()))
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.inner.is_write_vectored() {
            let total = bufs
                .iter()
                .fold(0usize, |acc, b| acc.saturating_add(b.len()));
            if total > self.buf.capacity() - self.buf.len() {
                ready!(self.as_mut().flush_buf(cx))?;
            }
            let me = self.project();
            if total >= me.buf.capacity() {
                // Too big to buffer: hand it on in one gathered write.
                return me.inner.poll_write_vectored(cx, bufs);
            }
            for b in bufs {
                me.buf.extend_from_slice(b);
            }
            return Poll::Ready(Ok(total));
        }

        // The inner writer takes one slice at a time: buffer whole slices
        // while they fit, so that the buffer still gathers small writes.
        let mut bufs = bufs.iter().skip_while(|b| b.is_empty());
        let Some(first) = bufs.next() else {
            return Poll::Ready(Ok(0));
        };
        if first.len() > self.buf.capacity() - self.buf.len() {
            ready!(self.as_mut().flush_buf(cx))?;
        }
        let me = self.project();
        if first.len() >= me.buf.capacity() {
            return me.inner.poll_write(cx, first);
        }
        me.buf.extend_from_slice(first);
        let mut total = first.len();
        for b in bufs {
            if b.len() > me.buf.capacity() - me.buf.len() {
                break;
            }
            me.buf.extend_from_slice(b);
            total += b.len();
        }
        Poll::Ready(Ok(total))
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.as_mut().flush_buf(cx))?;
        self.get_pin_mut().poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.as_mut().flush_buf(cx))?;
        self.get_pin_mut().poll_shutdown(cx)
    }
}

impl<W: AsyncWrite + AsyncSeek> AsyncSeek for BufWriter<W> {
    /// Starts a seek. The buffered bytes are written out before the inner
    /// writer seeks, when the seek is polled.
    fn start_seek(self: Pin<&mut Self>, position: SeekFrom) -> io::Result<()> {
        *self.project().seek_state = SeekState::Start(position);
        Ok(())
    }

    fn poll_complete(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        let pos = match self.seek_state {
            SeekState::Init => return self.project().inner.poll_complete(cx),
            SeekState::Start(pos) => Some(pos),
            SeekState::Pending => None,
        };
        ready!(self.as_mut().flush_buf(cx))?;
        let mut me = self.project();
        if let Some(pos) = pos {
            // Let an earlier seek finish before starting this one.
            ready!(me.inner.as_mut().poll_complete(cx))?;
            if let Err(e) = me.inner.as_mut().start_seek(pos) {
                *me.seek_state = SeekState::Init;
                return Poll::Ready(Err(e));
            }
        }
        match me.inner.poll_complete(cx) {
            Poll::Ready(res) => {
                *me.seek_state = SeekState::Init;
                Poll::Ready(res)
            }
            Poll::Pending => {
                *me.seek_state = SeekState::Pending;
                Poll::Pending
            }
        }
    }
}

impl<W: AsyncWrite + AsyncRead> AsyncRead for BufWriter<W> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.get_pin_mut().poll_read(cx, buf)
    }
}

impl<W: AsyncWrite + AsyncBufRead> AsyncBufRead for BufWriter<W> {
    fn poll_fill_buf(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<&[u8]>> {
        self.get_pin_mut().poll_fill_buf(cx)
    }

    fn consume(self: Pin<&mut Self>, amt: usize) {
        self.get_pin_mut().consume(amt)
    }
}

impl<W: fmt::Debug> fmt::Debug for BufWriter<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BufWriter")
            .field("writer", &self.inner)
            .field(
                "buffer",
                &format_args!("{}/{}", self.buf.len(), self.buf.capacity()),
            )
            .field("written", &self.written)
            .finish()
    }
}
