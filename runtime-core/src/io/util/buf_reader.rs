//! [`BufReader`]: adds an in-memory buffer to a reader.
//!
//! The buffer is `pos..cap` of `buf`: the bytes read from the inner reader
//! but not yet returned. Reads larger than the buffer bypass it when it is
//! empty, so a `BufReader` never costs an extra copy for big reads.
//!
//! Seeking has to account for the buffered bytes: the inner reader is ahead
//! of the logical position by `cap - pos`. A relative seek is therefore
//! turned into one relative to the inner reader's position (in two steps if
//! the combined offset would overflow an `i64`, in which case the buffer
//! is dropped after the first step, since it no longer matches the inner
//! position), and any completed seek drops the buffer. A failed seek keeps
//! the buffer, so reading goes on from the same logical position.
//! `poll_complete` without a seek started finishes whatever operation the
//! inner reader has in flight, and leaves the buffer alone.

use std::fmt;
use std::io::{self, IoSlice, SeekFrom};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use crate::io::{AsyncBufRead, AsyncRead, AsyncSeek, AsyncWrite, ReadBuf};

/// The buffer size of [`BufReader::new`] and [`BufWriter::new`](crate::io::BufWriter::new): 8 KiB.
pub(crate) const DEFAULT_BUF_SIZE: usize = 8 * 1024;

pin_project! {
    /// Adds buffering to a reader.
    ///
    /// Many small reads from a socket or a file each cost a system call; a
    /// `BufReader` reads big chunks and serves small reads from memory. It
    /// also makes any reader an [`AsyncBufRead`], which is what
    /// [`read_line`](crate::io::AsyncBufReadExt::read_line) and
    /// [`lines`](crate::io::AsyncBufReadExt::lines) need.
    ///
    /// Data read into the buffer is lost if the `BufReader` is dropped.
    /// Writes (when the inner value is also a writer) pass through
    /// unbuffered.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::{AsyncBufReadExt, BufReader};
    ///
    /// # futures::executor::block_on(async {
    /// let reader = BufReader::new(&b"alpha\nbeta\n"[..]);
    /// let mut lines = reader.lines();
    /// assert_eq!(lines.next_line().await?.as_deref(), Some("alpha"));
    /// assert_eq!(lines.next_line().await?.as_deref(), Some("beta"));
    /// assert_eq!(lines.next_line().await?, None);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    pub struct BufReader<R> {
        #[pin]
        inner: R,
        buf: Box<[u8]>,
        pos: usize,
        cap: usize,
        seek_state: SeekState,
    }
}

/// Where a seek through a [`BufReader`] stands.
#[derive(Debug, Clone, Copy)]
enum SeekState {
    /// No seek in progress.
    Init,
    /// `start_seek` was called; nothing sent to the inner reader yet.
    Start(SeekFrom),
    /// The first half of a relative seek whose offset overflowed is in
    /// flight; the second half is this offset.
    PendingOverflowed(i64),
    /// The inner reader is seeking.
    Pending,
}

impl<R: AsyncRead> BufReader<R> {
    /// Wraps `inner` with a buffer of 8 KiB.
    pub fn new(inner: R) -> Self {
        Self::with_capacity(DEFAULT_BUF_SIZE, inner)
    }

    /// Wraps `inner` with a buffer of `capacity` bytes.
    ///
    /// # Panics
    ///
    /// Panics if `capacity` is zero: such a reader could never fill its
    /// buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::BufReader;
    ///
    /// let reader = BufReader::with_capacity(16, &b""[..]);
    /// assert!(reader.buffer().is_empty());
    /// ```
    #[track_caller]
    pub fn with_capacity(capacity: usize, inner: R) -> Self {
        assert!(capacity > 0, "capacity must be greater than zero");
        BufReader {
            inner,
            buf: vec![0; capacity].into_boxed_slice(),
            pos: 0,
            cap: 0,
            seek_state: SeekState::Init,
        }
    }
}

impl<R> BufReader<R> {
    /// A shared reference to the inner reader.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// A mutable reference to the inner reader. Reading from it directly
    /// skips the buffered bytes.
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// A pinned mutable reference to the inner reader.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut R> {
        self.project().inner
    }

    /// Gives back the inner reader; the buffered bytes are lost.
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// The bytes read from the inner reader but not yet returned.
    pub fn buffer(&self) -> &[u8] {
        &self.buf[self.pos..self.cap]
    }

    /// Takes the reader apart: inner reader, buffer, `pos`, `cap`. A seek in
    /// progress is forgotten.
    pub(super) fn into_raw_parts(self) -> (R, Box<[u8]>, usize, usize) {
        (self.inner, self.buf, self.pos, self.cap)
    }

    /// The inverse of [`into_raw_parts`](Self::into_raw_parts).
    pub(super) fn from_raw_parts(inner: R, buf: Box<[u8]>, pos: usize, cap: usize) -> Self {
        BufReader {
            inner,
            buf,
            pos,
            cap,
            seek_state: SeekState::Init,
        }
    }

    /// Drops the buffered bytes.
    fn discard_buffer(self: Pin<&mut Self>) {
        let me = self.project();
        *me.pos = 0;
        *me.cap = 0;
    }
}

impl<R: AsyncRead> AsyncRead for BufReader<R> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        // An empty buffer and a big read: skip the copy.
        if self.pos == self.cap && buf.remaining() >= self.buf.len() {
            let res = ready!(self.as_mut().get_pin_mut().poll_read(cx, buf));
            self.discard_buffer();
            return Poll::Ready(res);
        }
        let rem = ready!(self.as_mut().poll_fill_buf(cx))?;
        let amt = rem.len().min(buf.remaining());
        buf.put_slice(&rem[..amt]);
        self.consume(amt);
        Poll::Ready(Ok(()))
    }
}

impl<R: AsyncRead> AsyncBufRead for BufReader<R> {
    fn poll_fill_buf(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<&[u8]>> {
        let me = self.project();
        if *me.pos >= *me.cap {
            let mut rb = ReadBuf::new(me.buf);
            ready!(me.inner.poll_read(cx, &mut rb))?;
            *me.cap = rb.filled().len();
            *me.pos = 0;
        }
        Poll::Ready(Ok(&me.buf[*me.pos..*me.cap]))
    }

    fn consume(self: Pin<&mut Self>, amt: usize) {
        let me = self.project();
        *me.pos = (*me.pos + amt).min(*me.cap);
    }
}

impl<R: AsyncRead + AsyncSeek> AsyncSeek for BufReader<R> {
    /// Starts a seek. `SeekFrom::Current` is relative to the logical
    /// position (what this `BufReader` has returned), not to the inner
    /// reader's.
    fn start_seek(self: Pin<&mut Self>, pos: SeekFrom) -> io::Result<()> {
        *self.project().seek_state = SeekState::Start(pos);
        Ok(())
    }

    fn poll_complete(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        match std::mem::replace(self.as_mut().project().seek_state, SeekState::Init) {
            // No seek was started. Callers poll this before `start_seek` to
            // finish an operation still in flight on the inner reader: let
            // it finish, and keep the buffer (nothing moved). The position
            // reported is the inner reader's, as tokio's.
            SeekState::Init => return self.get_pin_mut().poll_complete(cx),
            SeekState::Start(SeekFrom::Current(n)) => {
                let remainder = (self.cap - self.pos) as i64;
                match n.checked_sub(remainder) {
                    Some(offset) => self
                        .as_mut()
                        .get_pin_mut()
                        .start_seek(SeekFrom::Current(offset))?,
                    None => {
                        // `n - remainder` overflows: seek back over the
                        // buffered bytes first, then by `n`.
                        self.as_mut()
                            .get_pin_mut()
                            .start_seek(SeekFrom::Current(-remainder))?;
                        return self.poll_overflowed_seek(cx, n);
                    }
                }
            }
            SeekState::PendingOverflowed(n) => return self.poll_overflowed_seek(cx, n),
            SeekState::Start(pos) => self.as_mut().get_pin_mut().start_seek(pos)?,
            SeekState::Pending => {}
        }
        self.poll_inner_seek(cx)
    }
}

impl<R: AsyncRead + AsyncSeek> BufReader<R> {
    /// The second half of an overflowing relative seek: once the inner
    /// reader is back at the logical position, the buffer no longer lies
    /// ahead of it and goes; then the seek by `n` itself.
    fn poll_overflowed_seek(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        n: i64,
    ) -> Poll<io::Result<u64>> {
        if self.as_mut().get_pin_mut().poll_complete(cx)?.is_pending() {
            *self.as_mut().project().seek_state = SeekState::PendingOverflowed(n);
            return Poll::Pending;
        }
        self.as_mut().discard_buffer();
        self.as_mut()
            .get_pin_mut()
            .start_seek(SeekFrom::Current(n))?;
        self.poll_inner_seek(cx)
    }

    /// Waits for the inner reader's seek; its end drops the buffer.
    fn poll_inner_seek(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        match self.as_mut().get_pin_mut().poll_complete(cx) {
            Poll::Ready(res) => {
                self.discard_buffer();
                Poll::Ready(res)
            }
            Poll::Pending => {
                *self.as_mut().project().seek_state = SeekState::Pending;
                Poll::Pending
            }
        }
    }
}

impl<R: AsyncRead + AsyncWrite> AsyncWrite for BufReader<R> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.get_pin_mut().poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.get_pin_mut().poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.get_ref().is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_pin_mut().poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_pin_mut().poll_shutdown(cx)
    }
}

impl<R: fmt::Debug> fmt::Debug for BufReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BufReader")
            .field("reader", &self.inner)
            .field(
                "buffer",
                &format_args!("{}/{}", self.cap - self.pos, self.buf.len()),
            )
            .finish()
    }
}
