//! [`block_on`]: run a future to completion on the current thread.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};

use crate::task::{WakeState, waker};

/// Runs `future` on the current thread until it completes, and returns its
/// output.
///
/// The thread sleeps while the future is pending and is woken by the
/// future's waker, from any thread. This is a minimal executor for tests: it
/// runs no other task, and no I/O or timer driver; a future that needs a
/// runtime's drivers must be run on that runtime instead.
///
/// # Examples
///
/// ```
/// let n = runtime_test::block_on(async { 6 * 7 });
/// assert_eq!(n, 42);
/// ```
pub fn block_on<F: Future>(future: F) -> F::Output {
    let state = WakeState::new();
    let waker = waker(&state);
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        state.park();
    }
}
