//! Waiting for a child's exit without blocking a runtime thread.
//!
//! A [`Waiter`] only learns *that* the child has exited; the status is
//! always collected by `std::process::Child::try_wait` (a `waitpid` with
//! `WNOHANG`), which also caches it. Two ways to learn it:
//!
//! * **pidfd** (Linux 5.3+): `pidfd_open(pid)` gives a descriptor that
//!   becomes readable once the child has exited. It is registered with the
//!   I/O driver like a socket, so a waiting task costs no thread. Readiness
//!   can be stale (we clear it only after `try_wait` said "still running"),
//!   hence the loop: `try_wait`, else wait for readiness, clear, repeat.
//! * **thread** (no pidfd, or the pidfd's runtime has shut down): the first
//!   poll starts a small detached thread that blocks in
//!   `waitid(P_PID, pid, WEXITED | WNOWAIT)`, which returns at exit but does
//!   *not* reap, so the pid cannot be recycled under us, then sends on a
//!   oneshot channel. A detached thread rather than the blocking pool: a
//!   child may outlive the runtime, and the pool's shutdown waits for its
//!   tasks. Before it sends, the thread reaps the orphan list, so an orphan
//!   whose thread was waiting is not left a zombie.
//!
//! tokio waits with `SIGCHLD` where it has no pidfd; we have no signal
//! driver, and a thread per waited child is simpler than sharing a process
//! wide signal handler with other libraries. Only old kernels pay for it.

use std::future::Future;
use std::io;
use std::os::fd::OwnedFd;
use std::pin::Pin;
use std::process::{Child as StdChild, ExitStatus};
use std::task::{Context, Poll};

use runtime_core::io::Interest;
use runtime_core::sync::oneshot;
use runtime_net::AsyncFd;

use crate::{orphan, sys};

/// How a child's exit is awaited. Invariant: the pid it watches belongs to
/// the `StdChild` passed to every [`poll_exit`](Waiter::poll_exit) call,
/// and that child is not reaped by anyone else.
pub(crate) enum Waiter {
    /// The child's pidfd, registered for readability.
    Pidfd(AsyncFd<OwnedFd>),
    /// The thread fallback: `None` until the first poll starts the thread.
    Thread(Option<oneshot::Receiver<()>>),
}

impl Waiter {
    /// A waiter for the child `pid`: its pidfd when the kernel has them,
    /// the thread fallback otherwise.
    ///
    /// # Errors
    ///
    /// When the pidfd cannot be registered with the I/O driver.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub(crate) fn new(pid: u32) -> io::Result<Waiter> {
        match sys::pidfd_open(pid) {
            Some(fd) => Ok(Waiter::Pidfd(AsyncFd::with_interest(
                fd,
                Interest::READABLE,
            )?)),
            None => {
                if runtime_core::runtime::Handle::try_current().is_err() {
                    panic!("{}", crate::NO_RUNTIME_MSG);
                }
                Ok(Waiter::Thread(None))
            }
        }
    }

    /// Polls for the exit of `child`, reaping it when it has exited.
    pub(crate) fn poll_exit(
        &mut self,
        child: &mut StdChild,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<ExitStatus>> {
        loop {
            if let Some(status) = child.try_wait()? {
                return Poll::Ready(Ok(status));
            }
            match self {
                Waiter::Pidfd(fd) => {
                    let shut_down = match fd.poll_read_ready(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(Ok(mut guard)) => {
                            // Readable means exited; if `try_wait` still says
                            // running, the readiness is stale.
                            if let Some(status) = child.try_wait()? {
                                return Poll::Ready(Ok(status));
                            }
                            guard.clear_ready();
                            false
                        }
                        Poll::Ready(Err(err))
                            if runtime_core::runtime::is_rt_shutdown_err(&err) =>
                        {
                            true
                        }
                        Poll::Ready(Err(err)) => return Poll::Ready(Err(err)),
                    };
                    if shut_down {
                        // The runtime that owns the registration is gone
                        // (the child outlived it): wait with a thread.
                        *self = Waiter::Thread(None);
                    }
                }
                Waiter::Thread(slot) => {
                    let rx = match slot {
                        Some(rx) => rx,
                        None => slot.insert(start_thread(child.id())?),
                    };
                    match Pin::new(rx).poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        // The thread is done: the child has exited (the loop's
                        // `try_wait` reaps it), or `waitid` failed, which
                        // `try_wait` reports too. Should neither hold, a new
                        // thread is started.
                        Poll::Ready(_) => *slot = None,
                    }
                }
            }
        }
    }
}

/// Starts the thread that waits for `pid` to exit without reaping it.
fn start_thread(pid: u32) -> io::Result<oneshot::Receiver<()>> {
    let (tx, rx) = oneshot::channel();
    std::thread::Builder::new()
        .name("runtime-process-wait".into())
        .spawn(move || {
            // An error (ECHILD: reaped elsewhere) also ends the wait; the
            // owner's `try_wait` then reports it.
            let _ = sys::wait_exit_without_reaping(pid);
            orphan::reap_orphans();
            let _ = tx.send(());
        })?;
    Ok(rx)
}

#[cfg(test)]
thread_local! {
    static FORCE_THREAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether children spawned on this thread must use the thread waiter
/// (unit tests of the fallback, on kernels that have pidfds).
pub(crate) fn force_thread_waiter() -> bool {
    #[cfg(test)]
    return FORCE_THREAD.with(|force| force.get());
    #[cfg(not(test))]
    false
}

/// Makes children spawned on this thread use the thread waiter.
#[cfg(test)]
pub(crate) fn set_force_thread_waiter(force: bool) {
    FORCE_THREAD.with(|cell| cell.set(force));
}
