//! Scripted readers and writers for the io tests, and a counting waker.

#![allow(dead_code, unreachable_pub)]

use std::collections::VecDeque;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};

/// One step of a [`Script`] reader.
#[derive(Debug)]
pub enum Step {
    /// Return these bytes (at most what fits; the rest stays for the next
    /// read).
    Data(Vec<u8>),
    /// Return `Pending` once (waking the task right away).
    Pending,
    /// Fail with this kind once.
    Fail(io::ErrorKind),
}

pub fn data(bytes: &[u8]) -> Step {
    Step::Data(bytes.to_vec())
}

/// A reader that plays its steps in order, then reports end of file.
#[derive(Debug, Default)]
pub struct Script {
    steps: VecDeque<Step>,
    pub reads: usize,
}

impl Script {
    pub fn new(steps: impl IntoIterator<Item = Step>) -> Self {
        Script {
            steps: steps.into_iter().collect(),
            reads: 0,
        }
    }
}

impl AsyncRead for Script {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.reads += 1;
        match self.steps.pop_front() {
            None => Poll::Ready(Ok(())),
            Some(Step::Pending) => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            Some(Step::Fail(kind)) => Poll::Ready(Err(kind.into())),
            Some(Step::Data(mut bytes)) => {
                let n = bytes.len().min(buf.remaining());
                buf.put_slice(&bytes[..n]);
                if n < bytes.len() {
                    bytes.drain(..n);
                    self.steps.push_front(Step::Data(bytes));
                }
                Poll::Ready(Ok(()))
            }
        }
    }
}

/// A writer that takes at most `chunk` bytes per write, optionally returns
/// `Pending` every other call or fails every other write with `Interrupted`
/// (starting with the first), and may fail or accept zero after `limit`
/// bytes.
#[derive(Debug, Default)]
pub struct Trickle {
    pub data: Vec<u8>,
    pub chunk: usize,
    pub pending_every_other: bool,
    pub limit: Option<usize>,
    pub fail_at_limit: Option<io::ErrorKind>,
    pub writes: usize,
    pub vectored: bool,
    pub flushes: usize,
    pub shutdowns: usize,
    pub interrupt_every_other: bool,
    /// How many writes failed with `Interrupted`.
    pub interrupted: usize,
    flip: bool,
    interrupt_flip: bool,
}

impl Trickle {
    pub fn new(chunk: usize) -> Self {
        Trickle {
            chunk,
            ..Trickle::default()
        }
    }

    /// Whether this write is one to fail with `Interrupted`.
    fn interrupt(&mut self) -> bool {
        if !self.interrupt_every_other {
            return false;
        }
        self.interrupt_flip = !self.interrupt_flip;
        if self.interrupt_flip {
            self.interrupted += 1;
        }
        self.interrupt_flip
    }
}

impl AsyncWrite for Trickle {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.writes += 1;
        if self.pending_every_other {
            self.flip = !self.flip;
            if self.flip {
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
        }
        if self.interrupt() {
            return Poll::Ready(Err(io::ErrorKind::Interrupted.into()));
        }
        let mut n = buf.len().min(self.chunk);
        if let Some(limit) = self.limit {
            let room = limit.saturating_sub(self.data.len());
            if room == 0 {
                if let Some(kind) = self.fail_at_limit {
                    return Poll::Ready(Err(kind.into()));
                }
                return Poll::Ready(Ok(0));
            }
            n = n.min(room);
        }
        self.data.extend_from_slice(&buf[..n]);
        Poll::Ready(Ok(n))
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if !self.vectored {
            let first = bufs
                .iter()
                .find(|b| !b.is_empty())
                .map_or(&[][..], |b| &**b);
            return self.poll_write(cx, first);
        }
        self.writes += 1;
        if self.interrupt() {
            return Poll::Ready(Err(io::ErrorKind::Interrupted.into()));
        }
        let mut left = self.chunk;
        let mut total = 0;
        for b in bufs {
            let n = b.len().min(left);
            self.data.extend_from_slice(&b[..n]);
            total += n;
            left -= n;
            if left == 0 {
                break;
            }
        }
        Poll::Ready(Ok(total))
    }

    fn is_write_vectored(&self) -> bool {
        self.vectored
    }

    fn poll_flush(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.flushes += 1;
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.shutdowns += 1;
        Poll::Ready(Ok(()))
    }
}

/// A waker that counts its wakes.
#[derive(Debug, Default)]
pub struct CountWaker(AtomicUsize);

impl Wake for CountWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

impl CountWaker {
    pub fn new() -> (Arc<CountWaker>, Waker) {
        let count = Arc::new(CountWaker::default());
        let waker = Waker::from(count.clone());
        (count, waker)
    }

    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// Polls `fut` once with `waker`.
pub fn poll_once<F: std::future::Future + ?Sized>(
    fut: Pin<&mut F>,
    waker: &Waker,
) -> Poll<F::Output> {
    let mut cx = Context::from_waker(waker);
    fut.poll(&mut cx)
}

/// Runs a future to completion on the current thread.
pub fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    futures::executor::block_on(fut)
}
