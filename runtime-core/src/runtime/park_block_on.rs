//! Blocking the thread on a future without driving any runtime: for
//! `Handle::block_on` and the `blocking_*` methods of the sync primitives.

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

struct ThreadUnparker(std::thread::Thread);

impl Wake for ThreadUnparker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `future` on this thread, under a fresh cooperative budget each
/// time, parking the thread between polls.
pub(crate) fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let waker = Waker::from(Arc::new(ThreadUnparker(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        // Each poll gets a cooperative budget, as a task's does: a future
        // looping over always-ready resources still yields now and then.
        // No scheduler runs on this thread meanwhile (this may be a worker
        // inside `block_in_place`): deferred wake-ups (`yield_now`, an empty
        // budget) must wake at once, not wait for that scheduler's park.
        let poll = crate::runtime::context::without_scheduler(|| {
            crate::task::coop::budget(|| future.as_mut().poll(&mut cx))
        });
        if let Poll::Ready(v) = poll {
            return v;
        }
        // A wake-up between the poll and here leaves the thread's token set,
        // so this returns at once.
        std::thread::park();
    }
}
