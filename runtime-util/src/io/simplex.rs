//! A one-way, in-memory byte channel: a [`Sender`] that implements
//! [`AsyncWrite`] and a [`Receiver`] that implements [`AsyncRead`].
//!
//! [`new`] creates the pair with a buffer of a fixed capacity. Writes copy
//! into the buffer and wait (return `Pending`) only while it is full; reads
//! take what is buffered and wait only while it is empty.
//!
//! The channel closes when the sender shuts down or either half is dropped.
//! After that, writes and flushes fail with
//! [`BrokenPipe`](io::ErrorKind::BrokenPipe); the receiver still reads what
//! was buffered, then sees end of file.
//!
//! # Examples
//!
//! ```
//! use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
//! use runtime_util::io::simplex;
//!
//! # runtime_test::block_on(async {
//! let (mut tx, mut rx) = simplex::new(16);
//! tx.write_all(b"hello").await.unwrap();
//! tx.shutdown().await.unwrap();
//!
//! let mut out = Vec::new();
//! rx.read_to_end(&mut out).await.unwrap();
//! assert_eq!(out, b"hello");
//! # });
//! ```
//!
//! The state both halves share sits behind one mutex; a half that has to
//! wait leaves its waker there, and the other half takes it out and wakes
//! it (after unlocking) when it adds bytes, frees room, or closes.

use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll, Waker, ready};

use bytes::{Buf, BytesMut};
use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};
use runtime_core::loom::sync::{Arc, Mutex};
use runtime_core::task::coop::poll_proceed;

/// What the two halves share.
#[derive(Debug)]
struct Shared {
    /// Bytes written and not yet read; never longer than `capacity`.
    buf: BytesMut,
    capacity: usize,
    /// Set by the sender's shutdown or by dropping either half.
    closed: bool,
    /// The receiver, waiting for bytes or for the close.
    reader: Option<Waker>,
    /// The sender, waiting for room or for the close.
    writer: Option<Waker>,
}

/// Stores `waker` in `slot` unless the one there already wakes the same
/// task; returns the waker it replaces, to be dropped after unlocking.
fn register(slot: &mut Option<Waker>, waker: &Waker) -> Option<Waker> {
    match slot {
        Some(old) if old.will_wake(waker) => None,
        _ => slot.replace(waker.clone()),
    }
}

/// Marks the channel closed and wakes whichever half waits.
fn close(shared: &Mutex<Shared>) {
    let (reader, writer) = {
        let mut shared = shared.lock();
        shared.closed = true;
        (shared.reader.take(), shared.writer.take())
    };
    reader.into_iter().chain(writer).for_each(Waker::wake);
}

fn broken_pipe() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "simplex channel closed")
}

/// Creates a channel that buffers up to `capacity` bytes, and returns its
/// two halves.
///
/// # Panics
///
/// Panics if `capacity` is 0.
pub fn new(capacity: usize) -> (Sender, Receiver) {
    assert!(capacity > 0, "simplex capacity must be greater than zero");
    let shared = Arc::new(Mutex::new(Shared {
        buf: BytesMut::with_capacity(capacity),
        capacity,
        closed: false,
        reader: None,
        writer: None,
    }));
    (
        Sender {
            shared: shared.clone(),
        },
        Receiver { shared },
    )
}

/// The writing half of a [`simplex`](self) channel.
///
/// # Cancel safety
///
/// Cancel safe: a write that returns `Pending` has sent nothing.
///
/// # Shutdown
///
/// [`poll_shutdown`](AsyncWrite::poll_shutdown) closes the channel: later
/// writes and flushes fail with [`BrokenPipe`](io::ErrorKind::BrokenPipe),
/// and the receiver reads end of file once the buffer is drained. Dropping
/// the sender does the same.
#[derive(Debug)]
pub struct Sender {
    shared: Arc<Mutex<Shared>>,
}

/// The reading half of a [`simplex`](self) channel.
///
/// # Cancel safety
///
/// Cancel safe: a read that returns `Pending` has taken nothing.
///
/// Dropping the receiver closes the channel: the sender's writes fail with
/// [`BrokenPipe`](io::ErrorKind::BrokenPipe) from then on.
#[derive(Debug)]
pub struct Receiver {
    shared: Arc<Mutex<Shared>>,
}

impl Sender {
    /// Copies as much of `bufs` as fits into the buffer, or waits for room.
    fn write(&self, cx: &mut Context<'_>, bufs: &[IoSlice<'_>]) -> Poll<io::Result<usize>> {
        // Each write that copies bytes spends a unit of the task's budget,
        // so a tight write loop still lets other tasks run.
        let coop = ready!(poll_proceed(cx));
        let mut shared = self.shared.lock();
        if shared.closed {
            return Poll::Ready(Err(broken_pipe()));
        }
        if bufs.iter().all(|b| b.is_empty()) {
            return Poll::Ready(Ok(0));
        }
        let room = shared.capacity - shared.buf.len();
        if room == 0 {
            let old = register(&mut shared.writer, cx.waker());
            drop(shared);
            drop(old);
            return Poll::Pending;
        }
        let mut written = 0;
        for buf in bufs {
            let n = buf.len().min(room - written);
            shared.buf.extend_from_slice(&buf[..n]);
            written += n;
            if written == room {
                break;
            }
        }
        let reader = shared.reader.take();
        drop(shared);
        coop.made_progress();
        if let Some(reader) = reader {
            reader.wake();
        }
        Poll::Ready(Ok(written))
    }
}

impl AsyncWrite for Sender {
    /// Copies as much of `buf` as the channel has room for.
    ///
    /// # Errors
    ///
    /// [`BrokenPipe`](io::ErrorKind::BrokenPipe) once the channel is closed.
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.write(cx, &[IoSlice::new(buf)])
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.write(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    /// Nothing to flush: written bytes are readable at once.
    ///
    /// # Errors
    ///
    /// [`BrokenPipe`](io::ErrorKind::BrokenPipe) once the channel is closed.
    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.shared.lock().closed {
            Poll::Ready(Err(broken_pipe()))
        } else {
            Poll::Ready(Ok(()))
        }
    }

    /// Closes the channel; calling it again is harmless.
    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        close(&self.shared);
        Poll::Ready(Ok(()))
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        close(&self.shared);
    }
}

impl AsyncRead for Receiver {
    /// Takes as many buffered bytes as fit in `buf`; once the channel is
    /// closed and drained, returns with nothing read (end of file).
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let coop = ready!(poll_proceed(cx));
        let mut shared = self.shared.lock();
        let n = buf.remaining().min(shared.buf.len());
        if n == 0 {
            if shared.closed || buf.remaining() == 0 {
                return Poll::Ready(Ok(()));
            }
            let old = register(&mut shared.reader, cx.waker());
            drop(shared);
            drop(old);
            return Poll::Pending;
        }
        buf.put_slice(&shared.buf[..n]);
        shared.buf.advance(n);
        let writer = shared.writer.take();
        drop(shared);
        coop.made_progress();
        if let Some(writer) = writer {
            writer.wake();
        }
        Poll::Ready(Ok(()))
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        close(&self.shared);
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_simplex {
    use super::*;
    use runtime_core::loom::sync::atomic::{AtomicUsize, Ordering};
    use runtime_core::loom::{model, thread};
    use std::task::Wake;

    /// Counts wakes, so a model can tell whether a waiting half was woken.
    struct CountingWaker(AtomicUsize);

    impl Wake for CountingWaker {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn counting() -> (std::sync::Arc<CountingWaker>, Waker) {
        let counter = std::sync::Arc::new(CountingWaker(AtomicUsize::new(0)));
        (counter.clone(), Waker::from(counter))
    }

    /// A read that finds the buffer empty and a write on another thread:
    /// either the read sees the byte, or the reader is woken.
    #[test]
    fn loom_write_races_pending_read() {
        model(|| {
            let (tx, mut rx) = new(1);
            let th = thread::spawn(move || {
                let mut tx = tx;
                let (_c, waker) = counting();
                let mut cx = Context::from_waker(&waker);
                let r = Pin::new(&mut tx).poll_write(&mut cx, b"x");
                assert!(matches!(r, Poll::Ready(Ok(1))));
                tx
            });
            let (counter, waker) = counting();
            let mut cx = Context::from_waker(&waker);
            let mut byte = [0u8; 1];
            let mut buf = ReadBuf::new(&mut byte);
            let first = Pin::new(&mut rx).poll_read(&mut cx, &mut buf);
            let tx = th.join().unwrap();
            match first {
                Poll::Ready(Ok(())) => assert_eq!(buf.filled(), b"x"),
                Poll::Ready(Err(e)) => panic!("{e}"),
                Poll::Pending => {
                    assert_eq!(counter.0.load(Ordering::SeqCst), 1);
                    let r = Pin::new(&mut rx).poll_read(&mut cx, &mut buf);
                    assert!(matches!(r, Poll::Ready(Ok(()))));
                    assert_eq!(buf.filled(), b"x");
                }
            }
            drop(tx);
        });
    }

    /// A write that finds the buffer full and a read (then a drop of the
    /// receiver) on another thread: the writer is woken, and its retry
    /// either writes or sees the channel closed.
    #[test]
    fn loom_read_and_close_race_pending_write() {
        model(|| {
            let (mut tx, rx) = new(1);
            let (_c, noop) = counting();
            let mut cx = Context::from_waker(&noop);
            assert!(matches!(
                Pin::new(&mut tx).poll_write(&mut cx, b"a"),
                Poll::Ready(Ok(1))
            ));
            let th = thread::spawn(move || {
                let mut rx = rx;
                let (_c, waker) = counting();
                let mut cx = Context::from_waker(&waker);
                let mut byte = [0u8; 1];
                let mut buf = ReadBuf::new(&mut byte);
                let r = Pin::new(&mut rx).poll_read(&mut cx, &mut buf);
                assert!(matches!(r, Poll::Ready(Ok(()))));
                assert_eq!(buf.filled(), b"a");
                drop(rx);
            });
            let (counter, waker) = counting();
            let mut cx = Context::from_waker(&waker);
            let first = Pin::new(&mut tx).poll_write(&mut cx, b"b");
            th.join().unwrap();
            match first {
                // Room was made before the write, or the receiver was
                // already gone.
                Poll::Ready(Ok(1)) | Poll::Ready(Err(_)) => {}
                Poll::Pending => {
                    assert!(counter.0.load(Ordering::SeqCst) >= 1);
                    let r = Pin::new(&mut tx).poll_write(&mut cx, b"b");
                    assert!(matches!(r, Poll::Ready(Err(_))));
                }
                other => panic!("{other:?}"),
            }
            // The receiver is gone in every interleaving by now.
            let r = Pin::new(&mut tx).poll_write(&mut cx, b"c");
            assert!(matches!(r, Poll::Ready(Err(_))));
        });
    }
}
