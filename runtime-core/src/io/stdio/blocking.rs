//! [`Blocking`]: runs a blocking `Read`/`Write` on the blocking pool, one
//! operation at a time, behind the async traits.
//!
//! The adapter is a two-state machine. `Idle` holds the buffer (and the
//! inner value sits in `inner`). An operation moves both into a
//! `spawn_blocking` closure and the state becomes `Busy` with its
//! `JoinHandle`; when the closure returns them, the state goes back to
//! `Idle`. A read that found buffered bytes (left over from a read larger
//! than the caller's buffer) serves them without a trip to the pool.
//!
//! A *mandatory* adapter (stdout and stderr) spawns with
//! `spawn_mandatory_blocking`: a write it accepted still runs when the
//! runtime shuts down meanwhile. Once the runtime is gone nothing can be
//! spawned: the operation fails with the runtime's shutdown error, and the
//! adapter, whose inner value went with the refused closure, stays `Idle`
//! without a buffer and fails every later operation the same way.

use std::future::Future;
use std::io::{self, Read, Write};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use crate::io::{AsyncRead, AsyncWrite, ReadBuf};
use crate::task::{JoinHandle, spawn_blocking};

/// The most bytes moved by one blocking operation.
pub(crate) const MAX_BUF: usize = 2 * 1024 * 1024;

/// What a blocking operation hands back: its result, the buffer and the
/// inner value.
type Outcome<T> = (io::Result<usize>, Buf, T);

#[derive(Debug)]
enum State<T> {
    /// The buffer; `None` once an operation could not be spawned (the
    /// runtime shut down): the inner value is gone too.
    Idle(Option<Buf>),
    Busy(JoinHandle<Outcome<T>>),
}

/// A blocking reader or writer, usable as [`AsyncRead`] / [`AsyncWrite`]
/// from inside a runtime.
#[derive(Debug)]
pub(crate) struct Blocking<T> {
    // `None` while an operation runs on the pool.
    inner: Option<T>,
    state: State<T>,
    // Bytes were written since the last flush.
    need_flush: bool,
    /// Operations are spawned with `spawn_mandatory_blocking`.
    mandatory: bool,
}

/// A byte buffer with a read position.
#[derive(Debug, Default)]
struct Buf {
    buf: Vec<u8>,
    pos: usize,
}

impl Buf {
    fn is_empty(&self) -> bool {
        self.pos == self.buf.len()
    }

    fn clear(&mut self) {
        self.buf.clear();
        self.pos = 0;
    }

    /// Moves as many unread bytes as fit into `dst`.
    fn copy_to(&mut self, dst: &mut ReadBuf<'_>) -> usize {
        let n = (self.buf.len() - self.pos).min(dst.remaining());
        dst.put_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        if self.is_empty() {
            self.clear();
        }
        n
    }

    /// Copies up to `MAX_BUF` bytes of `src` in; returns how many.
    fn copy_from(&mut self, src: &[u8]) -> usize {
        debug_assert!(self.is_empty());
        let n = src.len().min(MAX_BUF);
        self.clear();
        self.buf.extend_from_slice(&src[..n]);
        n
    }

    /// Reads once from `rd`, at most `max` bytes, retrying on `Interrupted`.
    fn read_from<R: Read>(&mut self, rd: &mut R, max: usize) -> io::Result<usize> {
        debug_assert!(self.is_empty());
        self.clear();
        self.buf.resize(max, 0);
        let res = loop {
            match rd.read(&mut self.buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                res => break res,
            }
        };
        let n = *res.as_ref().unwrap_or(&0);
        self.buf.truncate(n);
        res
    }

    /// Writes every byte to `wr`.
    fn write_to<W: Write>(&mut self, wr: &mut W) -> io::Result<()> {
        let res = wr.write_all(&self.buf[self.pos..]);
        self.clear();
        res
    }
}

// The inner value is moved in and out of closures, never pinned.
impl<T> Unpin for Blocking<T> {}

impl<T> Blocking<T> {
    pub(crate) fn new(inner: T) -> Blocking<T> {
        Blocking {
            inner: Some(inner),
            state: State::Idle(Some(Buf::default())),
            need_flush: false,
            mandatory: false,
        }
    }

    /// Like `new`, but an accepted operation runs even if the runtime
    /// starts shutting down (stdout and stderr: an acknowledged write is
    /// not silently dropped).
    pub(crate) fn new_mandatory(inner: T) -> Blocking<T> {
        Blocking {
            mandatory: true,
            ..Blocking::new(inner)
        }
    }

    /// Runs `op` on the blocking pool and goes `Busy`; if the runtime has
    /// shut down (mandatory adapters only) goes `Idle` for good and fails.
    fn spawn(&mut self, op: impl FnOnce() -> Outcome<T> + Send + 'static) -> io::Result<()>
    where
        T: Send + 'static,
    {
        let handle = if self.mandatory {
            crate::task::spawn_mandatory_blocking(op)
        } else {
            Some(spawn_blocking(op))
        };
        match handle {
            Some(handle) => {
                self.state = State::Busy(handle);
                Ok(())
            }
            None => {
                self.state = State::Idle(None);
                Err(crate::runtime::shutdown_error())
            }
        }
    }

    /// Waits for the operation in flight, puts the buffer and the inner
    /// value back, and returns the operation's result.
    fn poll_busy(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let State::Busy(handle) = &mut self.state else {
            return Poll::Ready(Ok(0));
        };
        let (res, buf, inner) = ready!(Pin::new(handle).poll(cx))?;
        self.state = State::Idle(Some(buf));
        self.inner = Some(inner);
        Poll::Ready(res)
    }

    /// The buffer and the inner value, for an operation to take; the
    /// shutdown error if an earlier one could not be spawned.
    fn take_idle(&mut self) -> io::Result<(Buf, T)> {
        let State::Idle(buf) = &mut self.state else {
            unreachable!("take_idle called while busy");
        };
        let Some(buf) = buf.take() else {
            return Err(crate::runtime::shutdown_error());
        };
        let inner = self
            .inner
            .take()
            .expect("the idle state holds the inner value");
        Ok((buf, inner))
    }
}

impl<T: Read + Send + 'static> AsyncRead for Blocking<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        dst: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        loop {
            match &mut self.state {
                State::Idle(Some(buf)) if !buf.is_empty() => {
                    buf.copy_to(dst);
                    return Poll::Ready(Ok(()));
                }
                State::Idle(_) => {
                    if dst.remaining() == 0 {
                        return Poll::Ready(Ok(()));
                    }
                    let max = dst.remaining().min(MAX_BUF);
                    let (mut buf, mut inner) = self.take_idle()?;
                    self.spawn(move || {
                        let res = buf.read_from(&mut inner, max);
                        (res, buf, inner)
                    })?;
                }
                State::Busy(_) => {
                    let res = ready!(self.poll_busy(cx));
                    let State::Idle(Some(buf)) = &mut self.state else {
                        unreachable!("poll_busy returns to idle");
                    };
                    return Poll::Ready(match res {
                        Ok(_) => {
                            buf.copy_to(dst);
                            Ok(())
                        }
                        Err(e) => {
                            buf.clear();
                            Err(e)
                        }
                    });
                }
            }
        }
    }
}

impl<T: Write + Send + 'static> AsyncWrite for Blocking<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        src: &[u8],
    ) -> Poll<io::Result<usize>> {
        // The previous write must finish first; its error is ours.
        ready!(self.poll_busy(cx))?;
        if src.is_empty() {
            return Poll::Ready(Ok(0));
        }
        let (mut buf, mut inner) = self.take_idle()?;
        let n = buf.copy_from(src);
        self.spawn(move || {
            let res = buf.write_to(&mut inner).map(|()| n);
            (res, buf, inner)
        })?;
        self.need_flush = true;
        Poll::Ready(Ok(n))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        loop {
            ready!(self.poll_busy(cx))?;
            if !self.need_flush {
                return Poll::Ready(Ok(()));
            }
            self.need_flush = false;
            let (buf, mut inner) = self.take_idle()?;
            self.spawn(move || {
                let res = inner.flush().map(|()| 0);
                (res, buf, inner)
            })?;
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.poll_flush(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{AsyncReadExt, AsyncWriteExt};
    use crate::runtime::Builder;
    use std::sync::{Arc, Mutex};

    /// A std writer recording writes and flushes, shared with the test.
    #[derive(Clone, Default)]
    struct Recorder(Arc<Mutex<(Vec<u8>, usize)>>);

    impl Write for Recorder {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            // Take at most 3 bytes at a time: `write_all` must loop.
            let n = buf.len().min(3);
            self.0.lock().unwrap().0.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            self.0.lock().unwrap().1 += 1;
            Ok(())
        }
    }

    struct Failing;

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn rt() -> crate::runtime::Runtime {
        Builder::new_current_thread().build().unwrap()
    }

    #[test]
    fn a_mandatory_writer_fails_with_the_shutdown_error_once_the_runtime_is_gone() {
        let rt = rt();
        let handle = rt.handle().clone();
        let rec = Recorder::default();
        let seen = rec.0.clone();
        let mut w = Blocking::new_mandatory(rec);
        // Accepted before the shutdown: it lands.
        handle.block_on(async { w.write_all(b"before").await.unwrap() });
        rt.shutdown_timeout(std::time::Duration::from_secs(10));
        let err = handle
            .block_on(async { w.write_all(b"after").await })
            .unwrap_err();
        assert!(crate::runtime::is_rt_shutdown_err(&err), "{err}");
        // Every later operation fails the same way (the writer went with the
        // refused closure), without panicking.
        let err = handle.block_on(async { w.flush().await }).unwrap_err();
        assert!(crate::runtime::is_rt_shutdown_err(&err), "{err}");
        assert_eq!(seen.lock().unwrap().0, b"before");
    }

    #[test]
    fn writes_reach_the_inner_writer_in_order() {
        let rec = Recorder::default();
        let seen = rec.0.clone();
        rt().block_on(async move {
            let mut w = Blocking::new(rec);
            w.write_all(b"hello ").await.unwrap();
            w.write_all(b"world").await.unwrap();
            w.flush().await.unwrap();
        });
        let (data, flushes) = &*seen.lock().unwrap();
        assert_eq!(data, b"hello world");
        assert_eq!(*flushes, 1);
    }

    #[test]
    fn flush_without_writes_does_nothing() {
        let rec = Recorder::default();
        let seen = rec.0.clone();
        rt().block_on(async move {
            let mut w = Blocking::new(rec);
            w.flush().await.unwrap();
            w.shutdown().await.unwrap();
        });
        assert_eq!(seen.lock().unwrap().1, 0);
    }

    #[test]
    fn write_error_is_reported_by_the_next_operation() {
        rt().block_on(async {
            let mut w = Blocking::new(Failing);
            // The first write is handed off and reported done.
            assert_eq!(w.write(b"x").await.unwrap(), 1);
            let err = w.flush().await.unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
            // The adapter is usable again afterwards.
            assert_eq!(w.write(b"y").await.unwrap(), 1);
            assert_eq!(
                w.write(b"z").await.unwrap_err().kind(),
                io::ErrorKind::BrokenPipe
            );
        });
    }

    #[test]
    fn reads_serve_leftovers_without_the_pool() {
        rt().block_on(async {
            let mut r = Blocking::new(io::Cursor::new(b"abcdefgh".to_vec()));
            let mut small = [0u8; 3];
            r.read_exact(&mut small).await.unwrap();
            assert_eq!(&small, b"abc");
            let mut rest = Vec::new();
            r.read_to_end(&mut rest).await.unwrap();
            assert_eq!(rest, b"defgh");
        });
    }

    #[test]
    fn read_error_propagates() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::ErrorKind::PermissionDenied.into())
            }
        }
        rt().block_on(async {
            let mut r = Blocking::new(Broken);
            let err = r.read(&mut [0u8; 4]).await.unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        });
    }
}
