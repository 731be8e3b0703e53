//! [`Mock`]: an `AsyncRead + AsyncWrite` that plays a script.
//!
//! The script is a queue of [`Action`]s. Steps that are fully consumed (a
//! `Read` or `Write` with no bytes left, an error already returned, a pause
//! that is over) are popped lazily by [`Inner::front`], which also starts a
//! pause's clock the first time it is seen.
//!
//! Reads take bytes only from the front step. Writes are matched against the
//! first `Write` steps, skipping over `Read` steps before them, up to the
//! next pause or write error: a protocol may legitimately write before it
//! reads what the peer already sent. A read that finds a `Write` in front
//! parks its waker until a write consumes it; a write that finds only reads
//! ahead of the next `Write` (or write error) parks its waker until a read
//! consumes them.

use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};
use runtime_core::loom::sync::Arc;

use super::handle::Shared;
use super::{Action, take_error};
use crate::pause::Pause;

/// A mock I/O object that plays a script written with
/// [`Builder`](super::Builder).
///
/// See the [module documentation](super) for what it checks.
///
/// # Panics
///
/// Panics when the code under test writes bytes the script does not expect,
/// and when dropped with scripted bytes not yet read or written (unless the
/// thread is already panicking).
#[derive(Debug)]
pub struct Mock {
    inner: Inner,
}

#[derive(Debug)]
struct Inner {
    actions: VecDeque<Action>,
    /// The pause at the front of the script, once it has started.
    waiting: Option<Pause>,
    /// A read parked behind a `Write` step.
    read_wait: Option<Waker>,
    /// A write parked behind `Read` steps.
    write_wait: Option<Waker>,
    handle: Option<Arc<Shared>>,
    name: String,
}

/// What the front of the script says about the next read or write.
enum Front {
    /// The script is done (for now).
    Empty,
    /// A pause is in progress.
    Waiting,
    /// Some other step.
    Step,
}

impl Mock {
    pub(crate) fn new(
        actions: VecDeque<Action>,
        name: String,
        handle: Option<Arc<Shared>>,
    ) -> Mock {
        Mock {
            inner: Inner {
                actions,
                waiting: None,
                read_wait: None,
                write_wait: None,
                handle,
                name,
            },
        }
    }
}

impl Inner {
    /// Pops finished steps and returns what is now in front; a pause in
    /// front starts, and `Waiting` means the task is woken when it ends.
    fn front(&mut self, cx: &mut Context<'_>) -> Front {
        loop {
            let done = match self.actions.front() {
                None => return Front::Empty,
                Some(Action::Read(data) | Action::Write(data)) => data.is_empty(),
                Some(Action::ReadError(err) | Action::WriteError(err)) => err.is_none(),
                Some(Action::Wait(duration)) => {
                    let pause = self.waiting.get_or_insert_with(|| Pause::new(*duration));
                    if pause.poll(cx).is_ready() {
                        self.waiting = None;
                        true
                    } else {
                        false
                    }
                }
            };
            if !done {
                return match self.actions.front() {
                    Some(Action::Wait(_)) => Front::Waiting,
                    _ => Front::Step,
                };
            }
            self.actions.pop_front();
        }
    }

    /// Moves the steps queued through the handle so far into the script.
    fn pull_queued(&mut self) {
        if let Some(handle) = &self.handle {
            self.actions.extend(handle.drain());
        }
    }

    /// Waits for a step from the handle, if there is one: `Ready(true)` when
    /// a step was added, `Ready(false)` when none will ever come.
    fn poll_more(&mut self, cx: &mut Context<'_>) -> Poll<bool> {
        match &self.handle {
            None => Poll::Ready(false),
            Some(handle) => match handle.poll_action(cx) {
                Poll::Ready(Some(action)) => {
                    self.actions.push_back(action);
                    Poll::Ready(true)
                }
                Poll::Ready(None) => Poll::Ready(false),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn pmsg(&self) -> String {
        if self.name.is_empty() {
            String::new()
        } else {
            format!(" (mock {:?})", self.name)
        }
    }

    fn wake_writer(&mut self) {
        if let Some(waker) = self.write_wait.take() {
            waker.wake();
        }
    }

    fn wake_reader(&mut self) {
        if let Some(waker) = self.read_wait.take() {
            waker.wake();
        }
    }

    /// Matches `src` against the scripted writes; returns how many bytes
    /// matched (0 when no `Write` step is reachable).
    fn write(&mut self, mut src: &[u8]) -> usize {
        let mut written = 0;
        let pmsg = self.pmsg();
        for action in self.actions.iter_mut() {
            match action {
                Action::Write(expect) => {
                    let n = src.len().min(expect.len());
                    if src[..n] != expect[..n] {
                        panic!(
                            "unexpected write{}: expected {:?}, got {:?}",
                            pmsg,
                            Bytes(expect),
                            Bytes(src),
                        );
                    }
                    expect.drain(..n);
                    src = &src[n..];
                    written += n;
                    if src.is_empty() {
                        break;
                    }
                }
                Action::Wait(_) | Action::WriteError(_) => break,
                Action::Read(_) | Action::ReadError(_) => {}
            }
        }
        written
    }

    /// Whether the script still expects a write or holds a write error,
    /// behind the steps in front: a write that does not match yet waits for
    /// them rather than failing.
    fn has_write_ahead(&self) -> bool {
        self.actions.iter().any(|a| match a {
            Action::Write(data) => !data.is_empty(),
            Action::WriteError(err) => err.is_some(),
            _ => false,
        })
    }
}

/// Debug-formats bytes as an escaped byte string.
struct Bytes<'a>(&'a [u8]);

impl fmt::Debug for Bytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

impl AsyncRead for Mock {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let inner = &mut self.get_mut().inner;
        inner.pull_queued();
        loop {
            match inner.front(cx) {
                Front::Empty => {
                    match inner.poll_more(cx) {
                        Poll::Ready(true) => continue,
                        // End of the script: end of file.
                        Poll::Ready(false) => return Poll::Ready(Ok(())),
                        Poll::Pending => return Poll::Pending,
                    }
                }
                // The pause wakes the task when it is over.
                Front::Waiting => return Poll::Pending,
                Front::Step => {}
            }

            match inner.actions.front_mut() {
                Some(Action::Read(data)) => {
                    let n = data.len().min(buf.remaining());
                    buf.put_slice(&data[..n]);
                    data.drain(..n);
                    inner.wake_writer();
                    return Poll::Ready(Ok(()));
                }
                Some(Action::ReadError(err)) => {
                    let err = err.take().map(take_error);
                    inner.wake_writer();
                    return Poll::Ready(Err(err.unwrap_or_else(|| io::ErrorKind::Other.into())));
                }
                _ => {
                    // A write (or write error) comes first: wait for it.
                    inner.read_wait = Some(cx.waker().clone());
                    return Poll::Pending;
                }
            }
        }
    }
}

impl AsyncWrite for Mock {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let inner = &mut self.get_mut().inner;
        if buf.is_empty() {
            return Poll::Ready(Ok(0));
        }
        inner.pull_queued();
        loop {
            match inner.front(cx) {
                Front::Empty => match inner.poll_more(cx) {
                    Poll::Ready(true) => continue,
                    Poll::Ready(false) => {
                        panic!("unexpected write{}: the script is done", inner.pmsg())
                    }
                    Poll::Pending => return Poll::Pending,
                },
                Front::Waiting => return Poll::Pending,
                Front::Step => {}
            }

            if let Some(Action::WriteError(err)) = inner.actions.front_mut() {
                let err = err.take().map(take_error);
                inner.wake_reader();
                return Poll::Ready(Err(err.unwrap_or_else(|| io::ErrorKind::Other.into())));
            }

            let n = inner.write(buf);
            if n > 0 {
                inner.wake_reader();
                return Poll::Ready(Ok(n));
            }

            // No `Write` step before the next pause or write error: either
            // reads (or a pause) must happen first, or the write is not in
            // the script (yet).
            if inner.has_write_ahead() {
                inner.write_wait = Some(cx.waker().clone());
                return Poll::Pending;
            }
            match inner.poll_more(cx) {
                Poll::Ready(true) => continue,
                Poll::Pending => {
                    inner.write_wait = Some(cx.waker().clone());
                    return Poll::Pending;
                }
                Poll::Ready(false) => panic!(
                    "unexpected write{}: {:?}; the script expects no more writes",
                    inner.pmsg(),
                    Bytes(buf)
                ),
            }
        }
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        // A second panic while unwinding would abort and hide the first.
        if std::thread::panicking() {
            return;
        }
        self.inner.pull_queued();
        for action in &self.inner.actions {
            match action {
                Action::Read(data) if !data.is_empty() => {
                    panic!("There is still data left to read.{}", self.inner.pmsg())
                }
                Action::Write(data) if !data.is_empty() => {
                    panic!("There is still data left to write.{}", self.inner.pmsg())
                }
                _ => {}
            }
        }
    }
}
