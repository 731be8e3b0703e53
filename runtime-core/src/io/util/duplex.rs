//! [`DuplexStream`]: two [`SimplexStream`]s crossed, as a pair of
//! in-memory sockets.
//!
//! Each end holds both pipes behind locks shared with the other end: it
//! writes into one and reads from the other. Dropping an end closes both of
//! its pipes, so the peer reads end of file (after the buffered bytes) and
//! its writes fail with `BrokenPipe`, like a closed socket.
//!
//! The peer's waker is woken after the lock is released: a peer on another
//! thread that wakes up at once then finds the pipe free. Likewise a waker
//! of ours that a new one replaces is dropped after the lock is released:
//! dropping it may drop the other end, which takes the lock.

use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll};

use super::simplex::{AfterUnlock, SimplexStream, wake, with_coop};
use crate::io::{AsyncRead, AsyncWrite, ReadBuf};
use crate::loom::sync::{Arc, Mutex};

/// One end of an in-memory, bidirectional byte stream; see [`duplex`].
///
/// Useful in tests as a stand-in for a socket, and to connect two tasks
/// that speak a protocol over `AsyncRead`/`AsyncWrite`.
#[derive(Debug)]
pub struct DuplexStream {
    read: Arc<Mutex<SimplexStream>>,
    write: Arc<Mutex<SimplexStream>>,
}

/// Creates a connected pair of in-memory streams: bytes written to one are
/// read from the other.
///
/// Each direction buffers at most `max_buf_size` bytes; a write waits
/// (`Pending`) while its direction is full, which gives back-pressure. A
/// `shutdown` on one end makes the other end read end of file; dropping an
/// end also makes the other end's writes fail with `BrokenPipe`.
///
/// # Examples
///
/// ```
/// use runtime_core::io::{self, AsyncReadExt, AsyncWriteExt};
///
/// # futures::executor::block_on(async {
/// let (mut client, mut server) = io::duplex(64);
/// client.write_all(b"ping").await?;
/// let mut buf = [0u8; 4];
/// server.read_exact(&mut buf).await?;
/// assert_eq!(&buf, b"ping");
///
/// drop(client);
/// assert_eq!(server.read(&mut buf).await?, 0); // end of file
/// let err = server.write_all(b"pong").await.unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
///
/// # Panics
///
/// Panics if `max_buf_size` is 0: such a stream could never carry a byte.
#[track_caller]
pub fn duplex(max_buf_size: usize) -> (DuplexStream, DuplexStream) {
    let one = Arc::new(Mutex::new(SimplexStream::new_unsplit(max_buf_size)));
    let two = Arc::new(Mutex::new(SimplexStream::new_unsplit(max_buf_size)));
    (
        DuplexStream {
            read: one.clone(),
            write: two.clone(),
        },
        DuplexStream {
            read: two,
            write: one,
        },
    )
}

impl AsyncRead for DuplexStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let mut after = AfterUnlock::default();
        let ret = with_coop(cx, |cx| {
            self.read.lock().poll_read_internal(cx, buf, &mut after)
        });
        after.run();
        ret
    }
}

impl AsyncWrite for DuplexStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let mut after = AfterUnlock::default();
        let ret = with_coop(cx, |cx| {
            self.write.lock().poll_write_internal(cx, buf, &mut after)
        });
        after.run();
        ret
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let mut after = AfterUnlock::default();
        let ret = with_coop(cx, |cx| {
            self.write
                .lock()
                .poll_write_vectored_internal(cx, bufs, &mut after)
        });
        after.run();
        ret
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let reader = self.write.lock().close_write();
        wake(reader);
        Poll::Ready(Ok(()))
    }
}

impl Drop for DuplexStream {
    fn drop(&mut self) {
        // Like a closed socket: the peer reads end of file, and its writes
        // into our read pipe fail.
        let reader = self.write.lock().close_write();
        let writer = self.read.lock().close_read();
        wake(reader);
        wake(writer);
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_duplex {
    use super::*;
    use crate::io::{AsyncReadExt, AsyncWriteExt};

    /// A writer on one thread and a reader on another, through a pipe of
    /// 2 bytes: every byte arrives, in order, whatever the interleaving, and
    /// the reader sees end of file after the writer's drop.
    #[test]
    fn loom_duplex_back_pressure_and_close() {
        loom::model(|| {
            let (mut a, mut b) = duplex(2);
            let writer = loom::thread::spawn(move || {
                loom::future::block_on(async {
                    a.write_all(b"abc").await.unwrap();
                });
                drop(a);
            });
            let got = loom::future::block_on(async {
                let mut got = Vec::new();
                b.read_to_end(&mut got).await.unwrap();
                got
            });
            writer.join().unwrap();
            assert_eq!(got, b"abc");
        });
    }

    /// Both ends talk at once through 1-byte pipes, each on its own thread:
    /// the wakes handed out after unlocking are never lost, in either
    /// direction.
    #[test]
    fn loom_duplex_ping_pong() {
        loom::model(|| {
            let (mut a, mut b) = duplex(1);
            let peer = loom::thread::spawn(move || {
                loom::future::block_on(async {
                    let mut buf = [0u8; 2];
                    b.read_exact(&mut buf).await.unwrap();
                    b.write_all(&buf).await.unwrap();
                });
            });
            let echoed = loom::future::block_on(async {
                a.write_all(b"hi").await.unwrap();
                let mut buf = [0u8; 2];
                a.read_exact(&mut buf).await.unwrap();
                buf
            });
            peer.join().unwrap();
            assert_eq!(&echoed, b"hi");
        });
    }

    /// A writer waiting for room on a full pipe while the reading end is
    /// dropped on another thread: it is woken and sees `BrokenPipe`.
    #[test]
    fn loom_duplex_drop_wakes_blocked_writer() {
        loom::model(|| {
            let (mut a, b) = duplex(1);
            let dropper = loom::thread::spawn(move || drop(b));
            let res = loom::future::block_on(async { a.write_all(b"xy").await });
            dropper.join().unwrap();
            assert_eq!(res.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        });
    }

    /// A reader waiting on an empty pipe while the writer shuts down on
    /// another thread: it is woken and sees the byte, then end of file.
    #[test]
    fn loom_duplex_shutdown_wakes_blocked_reader() {
        loom::model(|| {
            let (mut a, mut b) = duplex(4);
            let writer = loom::thread::spawn(move || {
                loom::future::block_on(async {
                    a.write_all(b"z").await.unwrap();
                    a.shutdown().await.unwrap();
                });
                // Keep `a` alive: end of file must come from the shutdown.
                a
            });
            let got = loom::future::block_on(async {
                let mut got = Vec::new();
                b.read_to_end(&mut got).await.unwrap();
                got
            });
            drop(writer.join().unwrap());
            assert_eq!(got, b"z");
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::coop;
    use std::sync::Arc as StdArc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::{Wake, Waker};

    /// A waker that, when woken, checks that the pipe it watches is not
    /// locked, and counts the wakes that found it free.
    struct LockProbe {
        pipe: Arc<Mutex<SimplexStream>>,
        free: AtomicUsize,
    }

    impl Wake for LockProbe {
        fn wake(self: StdArc<Self>) {
            if self.pipe.try_lock().is_some() {
                self.free.fetch_add(1, Ordering::SeqCst);
            }
        }
    }

    /// Every path that wakes the peer (write, read, shutdown, drop) does it
    /// after releasing the pipe's lock.
    #[test]
    fn peer_is_woken_after_unlocking() {
        fn probe(pipe: &Arc<Mutex<SimplexStream>>) -> (StdArc<LockProbe>, Waker) {
            let probe = StdArc::new(LockProbe {
                pipe: pipe.clone(),
                free: AtomicUsize::new(0),
            });
            (probe.clone(), Waker::from(probe))
        }
        let (mut a, mut b) = duplex(1);
        let mut storage = [0u8; 1];

        // Write wakes a waiting reader.
        let (reader, waker) = probe(&b.read);
        let mut cx = Context::from_waker(&waker);
        let mut buf = ReadBuf::new(&mut storage);
        assert!(Pin::new(&mut b).poll_read(&mut cx, &mut buf).is_pending());
        let mut cx = Context::from_waker(Waker::noop());
        assert!(Pin::new(&mut a).poll_write(&mut cx, b"x").is_ready());
        assert_eq!(reader.free.load(Ordering::SeqCst), 1);

        // Read wakes a writer waiting for room.
        let (writer, waker) = probe(&a.write);
        let mut cx = Context::from_waker(&waker);
        assert!(Pin::new(&mut a).poll_write(&mut cx, b"y").is_pending());
        let mut cx = Context::from_waker(Waker::noop());
        assert!(Pin::new(&mut b).poll_read(&mut cx, &mut buf).is_ready());
        assert_eq!(writer.free.load(Ordering::SeqCst), 1);

        // Shutdown wakes a waiting reader.
        let (reader, waker) = probe(&b.read);
        let mut cx = Context::from_waker(&waker);
        let mut buf = ReadBuf::new(&mut storage);
        assert!(Pin::new(&mut b).poll_read(&mut cx, &mut buf).is_pending());
        let mut cx = Context::from_waker(Waker::noop());
        assert!(Pin::new(&mut a).poll_shutdown(&mut cx).is_ready());
        assert_eq!(reader.free.load(Ordering::SeqCst), 1);

        // Drop wakes a writer waiting for room (and the reader, if any).
        let (writer, waker) = probe(&b.write);
        let mut cx = Context::from_waker(&waker);
        assert!(Pin::new(&mut b).poll_write(&mut cx, b"1").is_ready());
        assert!(Pin::new(&mut b).poll_write(&mut cx, b"2").is_pending());
        drop(a);
        assert_eq!(writer.free.load(Ordering::SeqCst), 1);
    }

    /// Each completed read or write takes one unit of budget; a pending one
    /// gives it back.
    #[test]
    fn operations_consume_budget() {
        let mut cx = Context::from_waker(Waker::noop());
        let (mut a, mut b) = duplex(1 << 20);
        coop::budget(|| {
            let mut done = 0;
            loop {
                match Pin::new(&mut a).poll_write(&mut cx, b"x") {
                    Poll::Ready(Ok(1)) => done += 1,
                    Poll::Pending => break,
                    other => panic!("{other:?}"),
                }
            }
            assert_eq!(done, usize::from(coop::BUDGET));
        });
        coop::budget(|| {
            let mut storage = [0u8; 1];
            // Reading an empty pipe in the other direction is pending and
            // does not spend budget.
            for _ in 0..1000 {
                let mut buf = ReadBuf::new(&mut storage);
                assert!(Pin::new(&mut a).poll_read(&mut cx, &mut buf).is_pending());
            }
            let mut buf = ReadBuf::new(&mut storage);
            assert!(matches!(
                Pin::new(&mut b).poll_read(&mut cx, &mut buf),
                Poll::Ready(Ok(()))
            ));
            assert_eq!(buf.filled(), b"x");
        });
    }
}
