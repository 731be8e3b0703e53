//! [`SyncIoBridge`]: blocking `std::io` traits over asynchronous I/O.
//!
//! Each call of a `Read`, `Write`, `BufRead` or `Seek` method runs the
//! matching `poll_*` operation to completion with [`Handle::block_on`], so
//! the calling thread blocks until the asynchronous object is ready. That is
//! only sound on a thread that is allowed to block: one started by
//! `spawn_blocking`, or a plain thread with a handle to a runtime. Calling it
//! from inside an asynchronous task panics (as `Handle::block_on` does)
//! rather than deadlocking.
//!
//! `BufRead::fill_buf` first waits with `block_on` until the reader has
//! bytes (or is at end of file), then takes the buffered bytes with one more
//! poll: an `AsyncBufRead` that just reported data returns the same data
//! without I/O, so no lifetime-extending `unsafe` is needed.

use std::future::poll_fn;
use std::io::{self, BufRead, IoSlice, Read, Seek, SeekFrom, Write};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use runtime_core::io::{AsyncBufRead, AsyncRead, AsyncSeek, AsyncWrite, ReadBuf};
use runtime_core::runtime::Handle;

/// Blocking [`Read`], [`Write`], [`BufRead`] and [`Seek`] over an
/// asynchronous I/O object, for synchronous code (a parser, a compressor, a
/// hasher) that must consume or produce the bytes of an async stream.
///
/// Every call blocks the thread until the operation completes, through
/// [`Handle::block_on`]. Use it from a blocking context:
/// `spawn_blocking`, or a thread of your own.
///
/// # Panics
///
/// Its methods panic when called from within an asynchronous task (inside
/// `block_on` or a spawned task), where blocking would stall the runtime.
///
/// # Examples
///
/// ```
/// use std::io::{Read, Write};
/// use runtime_core::runtime::Builder;
/// use runtime_util::io::SyncIoBridge;
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// let handle = rt.handle().clone();
/// let text = rt.block_on(async move {
///     runtime_core::task::spawn_blocking(move || {
///         let mut reader = SyncIoBridge::new_with_handle(&b"from async"[..], handle);
///         let mut text = String::new();
///         reader.read_to_string(&mut text).unwrap();
///         text
///     })
///     .await
///     .unwrap()
/// });
/// assert_eq!(text, "from async");
/// ```
#[derive(Debug)]
pub struct SyncIoBridge<T> {
    src: T,
    rt: Handle,
}

impl<T: Unpin> SyncIoBridge<T> {
    /// Wraps `src`, blocking on the current runtime.
    ///
    /// # Panics
    ///
    /// Panics when called outside a runtime context (use
    /// [`new_with_handle`](SyncIoBridge::new_with_handle) there).
    #[track_caller]
    pub fn new(src: T) -> Self {
        Self::new_with_handle(src, Handle::current())
    }

    /// Wraps `src`, blocking on the runtime of `rt`.
    pub fn new_with_handle(src: T, rt: Handle) -> Self {
        SyncIoBridge { src, rt }
    }

    /// Consumes the bridge and returns the asynchronous object.
    pub fn into_inner(self) -> T {
        self.src
    }

    /// Returns whether the writer is efficient at vectored writes.
    pub fn is_write_vectored(&self) -> bool
    where
        T: AsyncWrite,
    {
        self.src.is_write_vectored()
    }

    /// Shuts the writer down, blocking until it is done.
    ///
    /// # Errors
    ///
    /// Returns the writer's error.
    pub fn shutdown(&mut self) -> io::Result<()>
    where
        T: AsyncWrite,
    {
        let src = &mut self.src;
        self.rt
            .block_on(poll_fn(|cx| Pin::new(&mut *src).poll_shutdown(cx)))
    }
}

impl<T: AsyncRead + Unpin> Read for SyncIoBridge<T> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let src = &mut self.src;
        self.rt.block_on(poll_fn(|cx| {
            let mut read_buf = ReadBuf::new(buf);
            match Pin::new(&mut *src).poll_read(cx, &mut read_buf) {
                Poll::Ready(Ok(())) => Poll::Ready(Ok(read_buf.filled().len())),
                Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
                Poll::Pending => Poll::Pending,
            }
        }))
    }
}

impl<T: AsyncBufRead + Unpin> BufRead for SyncIoBridge<T> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let src = &mut self.src;
        let available = self.rt.block_on(poll_fn(|cx| {
            Pin::new(&mut *src)
                .poll_fill_buf(cx)
                .map_ok(|buf| buf.len())
        }))?;
        if available == 0 {
            return Ok(&[]);
        }
        // The reader has just reported buffered bytes: asking again returns
        // them without I/O.
        let mut cx = Context::from_waker(Waker::noop());
        match Pin::new(&mut self.src).poll_fill_buf(&mut cx) {
            Poll::Ready(result) => result,
            Poll::Pending => Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                "AsyncBufRead::poll_fill_buf lost its buffered bytes",
            )),
        }
    }

    fn consume(&mut self, amt: usize) {
        Pin::new(&mut self.src).consume(amt);
    }
}

impl<T: AsyncWrite + Unpin> Write for SyncIoBridge<T> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let src = &mut self.src;
        self.rt
            .block_on(poll_fn(|cx| Pin::new(&mut *src).poll_write(cx, buf)))
    }

    fn flush(&mut self) -> io::Result<()> {
        let src = &mut self.src;
        self.rt
            .block_on(poll_fn(|cx| Pin::new(&mut *src).poll_flush(cx)))
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        let src = &mut self.src;
        self.rt.block_on(poll_fn(|cx| {
            Pin::new(&mut *src).poll_write_vectored(cx, bufs)
        }))
    }
}

impl<T: AsyncSeek + Unpin> Seek for SyncIoBridge<T> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let src = &mut self.src;
        self.rt.block_on(async {
            // Finish any seek in progress before starting ours.
            poll_fn(|cx| Pin::new(&mut *src).poll_complete(cx)).await?;
            Pin::new(&mut *src).start_seek(pos)?;
            poll_fn(|cx| Pin::new(&mut *src).poll_complete(cx)).await
        })
    }
}
