//! The private `block_on` behind `blocking_send`, `blocking_recv`,
//! `blocking_lock` and friends: polls a future on the current thread,
//! parking the thread between polls with a waker that unparks it.
//!
//! Blocking a runtime worker would stall every task on it (and deadlock a
//! current-thread runtime), so [`block_on`] panics when called from inside a
//! runtime, naming the async method to use instead.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Wake, Waker};

use crate::loom::sync::{Condvar, Mutex};

/// Parks the blocked thread until woken. A waker must be built from a
/// `std::sync::Arc`, hence the std `Arc` around it.
struct ThreadWaker {
    /// Whether a wake-up arrived since the last park.
    notified: Mutex<bool>,
    cond: Condvar,
}

impl ThreadWaker {
    fn park(&self) {
        let mut notified = self.notified.lock();
        while !*notified {
            notified = self.cond.wait(notified);
        }
        *notified = false;
    }
}

impl Wake for ThreadWaker {
    fn wake(self: std::sync::Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        *self.notified.lock() = true;
        self.cond.notify_one();
    }
}

/// Panics if the calling thread is inside a runtime: blocking there would
/// stall the runtime. `method` names the async method to use instead.
#[track_caller]
pub(crate) fn assert_not_in_runtime(method: &str) {
    if in_runtime() {
        panic!(
            "Cannot block the current thread from within a runtime. This happens because a \
             function attempted to block the current thread while the thread is being used to \
             drive asynchronous tasks; use `{method}` (the async method) instead."
        );
    }
}

/// Whether the current thread is driving a runtime (inside `block_on` or on
/// a worker). A thread that merely holds a handle (a `spawn_blocking`
/// thread, or after `Runtime::enter`) may block.
fn in_runtime() -> bool {
    crate::runtime::context::is_driving_runtime()
}

/// Runs `future` to completion on the current thread.
///
/// # Panics
///
/// Panics if called from inside a runtime (see [`assert_not_in_runtime`]).
#[track_caller]
pub(crate) fn block_on<F: Future>(method: &str, future: F) -> F::Output {
    assert_not_in_runtime(method);
    let parker = std::sync::Arc::new(ThreadWaker {
        notified: Mutex::new(false),
        cond: Condvar::new(),
    });
    let waker = Waker::from(parker.clone());
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        parker.park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_future_returns() {
        assert_eq!(block_on("x", async { 7 }), 7);
    }

    #[test]
    fn woken_from_another_thread() {
        let (tx, rx) = futures::channel::oneshot::channel::<u32>();
        let th = std::thread::spawn(move || tx.send(3).unwrap());
        assert_eq!(block_on("x", rx), Ok(3));
        th.join().unwrap();
    }
}
