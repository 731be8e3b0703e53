//! [`copy`] and the [`CopyBuffer`] state machine that `copy` and
//! `copy_bidirectional` share.
//!
//! A `CopyBuffer` alternates between reading into its buffer and writing the
//! buffer out. It reads whenever there is room (so writes get as big as
//! possible), writes whenever it holds data, and never lets a pending read
//! block a write of data it already has. When the reader has nothing and
//! bytes were written since the last flush, it flushes the writer before
//! waiting: otherwise a writer that buffers (a `BufWriter`) could hold the
//! very bytes the other side needs to answer, and both would wait forever.
//!
//! A read or write that fails with `Interrupted` is retried, as std's
//! `io::copy` does; other errors end the copy. Errors of the flushes are
//! returned as they are.
//!
//! Every round of the loop takes a unit of cooperative budget, so copying
//! between two always-ready streams still lets other tasks run.
//!
//! The buffer starts on a cache line ([`AlignedBuf`]): `memcpy`s into and
//! out of it run at full speed when the other side is aligned too (the
//! in-memory pipes are), instead of at whatever speed the heap layout of
//! the day allows.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use super::aligned_buf::AlignedBuf;
use super::buf_reader::DEFAULT_BUF_SIZE;
use super::write_all::write_zero;
use crate::io::{AsyncRead, AsyncWrite, ReadBuf};
use crate::task::coop::poll_proceed;

/// The buffer and progress of one copying direction.
#[derive(Debug)]
pub(super) struct CopyBuffer {
    read_done: bool,
    need_flush: bool,
    pos: usize,
    cap: usize,
    amt: u64,
    buf: AlignedBuf,
}

impl CopyBuffer {
    pub(super) fn new(buf_size: usize) -> Self {
        CopyBuffer {
            read_done: false,
            need_flush: false,
            pos: 0,
            cap: 0,
            amt: 0,
            buf: AlignedBuf::zeroed(buf_size),
        }
    }

    fn poll_fill_buf<R>(
        &mut self,
        cx: &mut Context<'_>,
        reader: Pin<&mut R>,
    ) -> Poll<io::Result<()>>
    where
        R: AsyncRead + ?Sized,
    {
        let mut buf = ReadBuf::new(&mut self.buf);
        buf.set_filled(self.cap);
        let mut reader = reader;
        let res = loop {
            match reader.as_mut().poll_read(cx, &mut buf) {
                // An interrupted read is retried, never reported.
                Poll::Ready(Err(e)) if e.kind() == io::ErrorKind::Interrupted => continue,
                res => break res,
            }
        };
        if let Poll::Ready(Ok(())) = res {
            let filled = buf.filled().len();
            self.read_done = filled == self.cap;
            self.cap = filled;
        }
        res
    }

    fn poll_write_buf<R, W>(
        &mut self,
        cx: &mut Context<'_>,
        mut reader: Pin<&mut R>,
        mut writer: Pin<&mut W>,
    ) -> Poll<io::Result<usize>>
    where
        R: AsyncRead + ?Sized,
        W: AsyncWrite + ?Sized,
    {
        let res = loop {
            match writer
                .as_mut()
                .poll_write(cx, &self.buf[self.pos..self.cap])
            {
                // An interrupted write is retried, never reported.
                Poll::Ready(Err(e)) if e.kind() == io::ErrorKind::Interrupted => continue,
                res => break res,
            }
        };
        match res {
            Poll::Pending => {
                // The writer is full. Top up the buffer meanwhile, so the
                // next write is as large as possible.
                if !self.read_done && self.cap < self.buf.len() {
                    ready!(self.poll_fill_buf(cx, reader.as_mut()))?;
                }
                Poll::Pending
            }
            res => res,
        }
    }

    /// Copies until the reader's end of file, then flushes the writer.
    /// Returns the number of bytes copied.
    pub(super) fn poll_copy<R, W>(
        &mut self,
        cx: &mut Context<'_>,
        mut reader: Pin<&mut R>,
        mut writer: Pin<&mut W>,
    ) -> Poll<io::Result<u64>>
    where
        R: AsyncRead + ?Sized,
        W: AsyncWrite + ?Sized,
    {
        loop {
            let coop = ready!(poll_proceed(cx));

            // Room in the buffer: read, so that the write can be larger.
            if self.cap < self.buf.len() && !self.read_done {
                match self.poll_fill_buf(cx, reader.as_mut()) {
                    Poll::Ready(Ok(())) => coop.made_progress(),
                    Poll::Ready(Err(e)) => {
                        coop.made_progress();
                        return Poll::Ready(Err(e));
                    }
                    Poll::Pending => {
                        // Nothing to write either: flush what was written,
                        // in case the reader waits on it, then wait.
                        if self.pos == self.cap {
                            if self.need_flush {
                                ready!(writer.as_mut().poll_flush(cx))?;
                                self.need_flush = false;
                            }
                            return Poll::Pending;
                        }
                    }
                }
            }

            while self.pos < self.cap {
                let n = ready!(self.poll_write_buf(cx, reader.as_mut(), writer.as_mut()))?;
                if n == 0 {
                    return Poll::Ready(Err(write_zero()));
                }
                coop.made_progress();
                self.pos += n.min(self.cap - self.pos);
                self.amt += n as u64;
                self.need_flush = true;
            }

            // All written: start filling the buffer from the front again.
            if self.pos == self.cap {
                self.pos = 0;
                self.cap = 0;
            }

            if self.read_done {
                ready!(writer.as_mut().poll_flush(cx))?;
                self.need_flush = false;
                return Poll::Ready(Ok(self.amt));
            }
        }
    }
}

/// The future of [`copy`].
struct Copy<'a, R: ?Sized, W: ?Sized> {
    reader: &'a mut R,
    writer: &'a mut W,
    buf: CopyBuffer,
}

impl<R, W> Future for Copy<'_, R, W>
where
    R: AsyncRead + Unpin + ?Sized,
    W: AsyncWrite + Unpin + ?Sized,
{
    type Output = io::Result<u64>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        let me = &mut *self;
        me.buf
            .poll_copy(cx, Pin::new(&mut *me.reader), Pin::new(&mut *me.writer))
    }
}

/// Copies everything from `reader` to `writer`, returning the number of
/// bytes copied.
///
/// The asynchronous twin of [`std::io::copy`]: reads until end of file
/// through an 8 KiB buffer, writes each chunk out, and flushes `writer` at
/// the end. It does not shut `writer` down. Long copies yield to the
/// scheduler now and then (cooperative budget).
///
/// Use [`copy_buf`](crate::io::copy_buf) when the reader already has a
/// buffer ([`AsyncBufRead`](crate::io::AsyncBufRead)).
///
/// # Errors
///
/// Any error of `reader` or `writer` other than `Interrupted` (which is
/// retried), and `WriteZero` if `writer` accepts zero bytes.
///
/// # Cancel safety
///
/// Not cancellation safe: if the future is dropped, bytes read but not yet
/// written are lost.
///
/// # Examples
///
/// ```
/// use runtime_core::io;
///
/// # futures::executor::block_on(async {
/// let mut reader: &[u8] = b"hello";
/// let mut writer: Vec<u8> = Vec::new();
/// assert_eq!(io::copy(&mut reader, &mut writer).await?, 5);
/// assert_eq!(writer, b"hello");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub async fn copy<'a, R, W>(reader: &'a mut R, writer: &'a mut W) -> io::Result<u64>
where
    R: AsyncRead + Unpin + ?Sized,
    W: AsyncWrite + Unpin + ?Sized,
{
    Copy {
        reader,
        writer,
        buf: CopyBuffer::new(DEFAULT_BUF_SIZE),
    }
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::coop;
    use std::pin::pin;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::{Wake, Waker};

    struct CountWake(AtomicUsize);

    impl Wake for CountWake {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// Copying between two always-ready values inside a task poll yields
    /// once the budget is spent, waking the task so it is polled again.
    #[test]
    fn copy_yields_when_budget_is_spent() {
        let wakes = Arc::new(CountWake(AtomicUsize::new(0)));
        let waker = Waker::from(wakes.clone());
        let mut cx = Context::from_waker(&waker);

        let mut src = crate::io::repeat(1);
        let mut dst = crate::io::sink();
        let mut fut = pin!(copy(&mut src, &mut dst));
        let first = coop::budget(|| fut.as_mut().poll(&mut cx));
        assert!(first.is_pending());
        assert_eq!(wakes.0.load(Ordering::SeqCst), 1);
    }

    /// Outside a runtime (no budget), a finite copy runs to the end in one
    /// poll.
    #[test]
    fn copy_unconstrained_finishes_in_one_poll() {
        let mut cx = Context::from_waker(Waker::noop());
        let data = vec![3u8; 1 << 20];
        let mut src = &data[..];
        let mut dst = Vec::new();
        let mut fut = pin!(copy(&mut src, &mut dst));
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(Ok(n)) => assert_eq!(n, 1 << 20),
            other => panic!("{other:?}"),
        }
    }
}
