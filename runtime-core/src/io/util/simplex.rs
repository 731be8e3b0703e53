//! [`SimplexStream`]: a one-way, in-memory byte pipe with a capacity.
//!
//! The pipe is a [`ByteRing`] that grows up to `max_buf_size`. A writer
//! finding it full parks its waker and returns `Pending` (back-pressure); a
//! reader finding it empty does the same. Each side wakes the other when it
//! makes room or data. Closing (by the writer's `shutdown`, or either end
//! being dropped in a duplex) is one flag: the reader then drains what is
//! left and sees end of file, and the writer gets `BrokenPipe`.
//!
//! The `*_internal` operations do not wake anyone themselves: they hand the
//! waker to wake back to the caller ([`AfterUnlock`]), which wakes it after
//! releasing its lock (the [`DuplexStream`](super::DuplexStream) mutex), so
//! the woken task, maybe running on another thread, does not find the lock
//! still held. A waker of the caller's that a new one replaces goes the same
//! way, to be dropped after the lock: its drop may close the pipe's other
//! end.
//!
//! Reads and writes take a unit of cooperative budget, so a task pumping a
//! pipe in a loop still yields to others.

use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{self, Context, Poll, Waker, ready};

use super::byte_ring::ByteRing;
use crate::io::{AsyncRead, AsyncWrite, ReadBuf, ReadHalf, WriteHalf, split};
use crate::task::coop::poll_proceed;

/// A unidirectional in-memory pipe: bytes written to it are read from it.
///
/// Created whole by [`SimplexStream::new_unsplit`], or as a reading and a
/// writing half by [`simplex`]. Writes wait (`Pending`) while the pipe holds
/// `max_buf_size` bytes; reads wait while it is empty. After
/// [`shutdown`](crate::io::AsyncWriteExt::shutdown), reads return the rest
/// and then end of file, and writes fail with `BrokenPipe`.
///
/// # Examples
///
/// ```
/// use runtime_core::io::{AsyncReadExt, AsyncWriteExt, SimplexStream};
///
/// # futures::executor::block_on(async {
/// let mut pipe = SimplexStream::new_unsplit(16);
/// pipe.write_all(b"loop").await?;
/// let mut buf = [0u8; 4];
/// pipe.read_exact(&mut buf).await?;
/// assert_eq!(&buf, b"loop");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
#[derive(Debug)]
pub struct SimplexStream {
    buffer: ByteRing,
    is_closed: bool,
    max_buf_size: usize,
    read_waker: Option<Waker>,
    write_waker: Option<Waker>,
}

/// Creates a unidirectional in-memory pipe holding at most `max_buf_size`
/// bytes, as a reading half and a writing half.
///
/// Dropping the writing half does *not* close the pipe (the halves share
/// one [`SimplexStream`]); shut it down to signal end of file.
///
/// # Examples
///
/// ```
/// use runtime_core::io::{self, AsyncReadExt, AsyncWriteExt};
///
/// # futures::executor::block_on(async {
/// let (mut rx, mut tx) = io::simplex(64);
/// tx.write_all(b"one way").await?;
/// tx.shutdown().await?;
/// let mut got = String::new();
/// rx.read_to_string(&mut got).await?;
/// assert_eq!(got, "one way");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
///
/// # Panics
///
/// Panics if `max_buf_size` is 0: such a pipe could never carry a byte.
#[track_caller]
pub fn simplex(max_buf_size: usize) -> (ReadHalf<SimplexStream>, WriteHalf<SimplexStream>) {
    split(SimplexStream::new_unsplit(max_buf_size))
}

impl SimplexStream {
    /// Creates a pipe holding at most `max_buf_size` bytes, as one value
    /// that is both the reading and the writing end.
    ///
    /// # Panics
    ///
    /// Panics if `max_buf_size` is 0: such a pipe could never carry a byte.
    #[track_caller]
    pub fn new_unsplit(max_buf_size: usize) -> SimplexStream {
        assert!(max_buf_size > 0, "`max_buf_size` must be greater than 0");
        SimplexStream {
            buffer: ByteRing::new(),
            is_closed: false,
            max_buf_size,
            read_waker: None,
            write_waker: None,
        }
    }

    /// Closes the writing end: the reader sees end of file after the
    /// buffered bytes. Returns the reader's waker, to wake.
    #[must_use = "the returned waker must be woken"]
    pub(crate) fn close_write(&mut self) -> Option<Waker> {
        self.is_closed = true;
        self.read_waker.take()
    }

    /// Closes the reading end: writes fail with `BrokenPipe` from now on.
    /// Returns the writer's waker, to wake.
    #[must_use = "the returned waker must be woken"]
    pub(crate) fn close_read(&mut self) -> Option<Waker> {
        self.is_closed = true;
        self.write_waker.take()
    }

    /// Stores `waker` in `slot`; a different waker it replaces goes to
    /// `after`, to be dropped once the lock is released.
    fn register(slot: &mut Option<Waker>, waker: &Waker, after: &mut AfterUnlock) {
        match slot {
            Some(old) if old.will_wake(waker) => {}
            _ => after.stale = slot.replace(waker.clone()),
        }
    }

    /// Reads into `buf`. When bytes were taken, the writer's waker (if one
    /// waits for room) is put in `after`.
    pub(crate) fn poll_read_internal(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
        after: &mut AfterUnlock,
    ) -> Poll<io::Result<()>> {
        if buf.remaining() == 0 {
            // Nothing is asked for: done at once, whether or not data or
            // end of file is there, and without touching either waker.
            return Poll::Ready(Ok(()));
        }
        if !self.buffer.is_empty() {
            self.buffer.pop_into(buf);
            after.wake = self.write_waker.take();
            Poll::Ready(Ok(()))
        } else if self.is_closed {
            Poll::Ready(Ok(()))
        } else {
            Self::register(&mut self.read_waker, cx.waker(), after);
            Poll::Pending
        }
    }

    /// Writes as much of `buf` as there is room for. On success the
    /// reader's waker (if one waits for data) is put in `after`.
    pub(crate) fn poll_write_internal(
        &mut self,
        cx: &mut Context<'_>,
        buf: &[u8],
        after: &mut AfterUnlock,
    ) -> Poll<io::Result<usize>> {
        self.poll_write_vectored_internal(cx, &[IoSlice::new(buf)], after)
    }

    /// Writes as much of `bufs`, in order, as there is room for. On success
    /// the reader's waker (if one waits for data) is put in `after`.
    pub(crate) fn poll_write_vectored_internal(
        &mut self,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
        after: &mut AfterUnlock,
    ) -> Poll<io::Result<usize>> {
        if self.is_closed {
            return Poll::Ready(Err(io::ErrorKind::BrokenPipe.into()));
        }
        if bufs.iter().all(|buf| buf.is_empty()) {
            // Nothing to write: done at once, even when the pipe is full,
            // and without waking the reader.
            return Poll::Ready(Ok(0));
        }
        let avail = self.max_buf_size - self.buffer.len();
        if avail == 0 {
            Self::register(&mut self.write_waker, cx.waker(), after);
            return Poll::Pending;
        }
        let total = bufs
            .iter()
            .fold(0usize, |n, buf| n.saturating_add(buf.len()))
            .min(avail);
        self.buffer.reserve(total, self.max_buf_size);
        let mut left = total;
        for buf in bufs {
            if left == 0 {
                break;
            }
            let n = buf.len().min(left);
            self.buffer.push(&buf[..n]);
            left -= n;
        }
        after.wake = self.read_waker.take();
        Poll::Ready(Ok(total))
    }
}

/// What a pipe operation leaves to do once the lock it ran under is
/// released: wake the peer, and drop a waker of the caller's that a new one
/// replaced. Neither may happen under the lock: waking may run the peer on
/// another thread straight into it, and dropping a waker runs arbitrary
/// code, which may drop the other end of this very pipe (and take the lock).
#[derive(Default)]
pub(crate) struct AfterUnlock {
    wake: Option<Waker>,
    stale: Option<Waker>,
}

impl AfterUnlock {
    /// Wakes the peer and drops the stale waker. Call it after releasing
    /// the lock.
    pub(crate) fn run(self) {
        drop(self.stale);
        wake(self.wake);
    }
}

/// Wakes the waker an operation handed back, if any. Call it after
/// releasing the lock the operation ran under.
pub(crate) fn wake(waker: Option<Waker>) {
    if let Some(waker) = waker {
        waker.wake();
    }
}

/// Runs a pipe operation under the cooperative budget: the unit is kept only
/// if the operation completed.
pub(crate) fn with_coop<T>(
    cx: &mut Context<'_>,
    op: impl FnOnce(&mut Context<'_>) -> Poll<T>,
) -> Poll<T> {
    let coop = ready!(poll_proceed(cx));
    let ret = op(cx);
    if ret.is_ready() {
        coop.made_progress();
    }
    ret
}

impl AsyncRead for SimplexStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut task::Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let me = self.get_mut();
        let mut after = AfterUnlock::default();
        let ret = with_coop(cx, |cx| me.poll_read_internal(cx, buf, &mut after));
        after.run();
        ret
    }
}

impl AsyncWrite for SimplexStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut task::Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let me = self.get_mut();
        let mut after = AfterUnlock::default();
        let ret = with_coop(cx, |cx| me.poll_write_internal(cx, buf, &mut after));
        after.run();
        ret
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut task::Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let me = self.get_mut();
        let mut after = AfterUnlock::default();
        let ret = with_coop(cx, |cx| {
            me.poll_write_vectored_internal(cx, bufs, &mut after)
        });
        after.run();
        ret
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut task::Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut task::Context<'_>) -> Poll<io::Result<()>> {
        wake(self.get_mut().close_write());
        Poll::Ready(Ok(()))
    }
}
