//! Children dropped before they were reaped.
//!
//! An exited child stays a zombie until its parent reaps it, and zombies
//! count against the process limit. A `Child` dropped while its process
//! still runs (or before anyone collected its status) becomes an orphan:
//!
//! * inside a runtime, a small task takes it over and awaits its exit with
//!   the same [`Waiter`] the `Child` had, then reaps it;
//! * otherwise, or when that task is dropped first (the runtime shuts
//!   down), the child goes to a process-wide list, [`ORPHANS`], which is
//!   reaped (`try_wait` on each) on every spawn, every `Child` drop and every
//!   wait, and by every exiting fallback waiter thread.
//!
//! Reaping is best effort, as in tokio: an orphan in the list whose process
//! exits after the last of those events stays a zombie until the next one
//! (or until our own process exits).

use std::future;
use std::process::Child as StdChild;
use std::sync::{Mutex, PoisonError};
use std::task::Poll;

use crate::waiter::Waiter;

/// The orphans no task is waiting for. A std `Mutex` (not the loom shim): it
/// is a `static`, and it guards a plain list with no ordering protocol. Its
/// critical sections are `try_wait` calls (`waitpid(WNOHANG)`), which never
/// block.
static ORPHANS: Mutex<Vec<StdChild>> = Mutex::new(Vec::new());

/// Takes over `child`, a process not reaped yet, whose handle was dropped.
pub(crate) fn adopt(mut child: StdChild, waiter: Waiter) {
    if let Ok(Some(_)) | Err(_) = child.try_wait() {
        // Reaped now, or not ours to reap any more.
        return;
    }
    match runtime_core::runtime::Handle::try_current() {
        Ok(handle) => {
            let mut orphan = Orphan {
                child: Some(child),
                waiter,
            };
            drop(handle.spawn(async move {
                future::poll_fn(|cx| orphan.poll_reap(cx)).await;
            }));
        }
        Err(_) => push(child),
    }
}

/// Reaps every listed orphan that has exited.
pub(crate) fn reap_orphans() {
    let mut orphans = ORPHANS.lock().unwrap_or_else(PoisonError::into_inner);
    // Keep the ones still running; an error means the pid is no child of
    // ours any more (someone reaped it with `waitpid(-1)`): forget it.
    orphans.retain_mut(|child| matches!(child.try_wait(), Ok(None)));
}

/// Adds `child` to the list, to be reaped by a later spawn, wait or drop.
pub(crate) fn push(child: StdChild) {
    ORPHANS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(child);
}

/// An orphan being awaited by a task. Invariant: `child` is `Some` until it
/// has been reaped (or found no longer ours).
struct Orphan {
    child: Option<StdChild>,
    waiter: Waiter,
}

impl Orphan {
    fn poll_reap(&mut self, cx: &mut std::task::Context<'_>) -> Poll<()> {
        let Some(child) = self.child.as_mut() else {
            return Poll::Ready(());
        };
        match self.waiter.poll_exit(child, cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Ok(_)) => {
                self.child = None;
                Poll::Ready(())
            }
            // Could not wait (no thread for the fallback): `drop` hands the
            // child to the list.
            Poll::Ready(Err(_)) => Poll::Ready(()),
        }
    }
}

impl Drop for Orphan {
    fn drop(&mut self) {
        // The task was dropped before the child exited (runtime shutdown):
        // hand the child to the list.
        if let Some(child) = self.child.take() {
            push(child);
        }
    }
}
