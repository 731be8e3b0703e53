//! Blocking the thread on a future without driving any runtime: for
//! `Handle::block_on` and the `blocking_*` methods of the sync primitives.
//!
//! The thread sleeps on its own [`ParkThread`], not on std's per-thread park
//! token: the future being polled may use `std::thread::park`/`unpark`
//! itself, and would otherwise consume the wake-up meant for this loop (and
//! hang it). The parker and its waker are cached per thread, so that a
//! `blocking_recv` in a loop does not allocate each time; a nested call
//! (from inside the polled future) makes its own.

use std::cell::Cell;
use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use crate::runtime::driver::{Driver, ParkThread, Unpark};

/// The waker of a parker: unparks it.
struct UnparkWaker(Arc<dyn Unpark>);

impl Wake for UnparkWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

thread_local! {
    /// This thread's parker and its waker, between calls. `None` while a
    /// call uses them (or before the first).
    static CACHED: Cell<Option<(ParkThread, Waker)>> = const { Cell::new(None) };
}

/// Holds the parker for one call and hands it back to the cache when the
/// call ends, even by a panic.
struct Borrowed(Option<(ParkThread, Waker)>);

impl Drop for Borrowed {
    fn drop(&mut self) {
        if let Some(parker) = self.0.take() {
            if cfg!(runtime_loom) {
                return;
            }
            // The thread may be exiting (its locals gone): then the parker
            // is simply dropped.
            let _ = CACHED.try_with(|cached| cached.set(Some(parker)));
        }
    }
}

fn new_parker() -> (ParkThread, Waker) {
    let parker = ParkThread::new();
    let waker = Waker::from(Arc::new(UnparkWaker(parker.unparker())));
    (parker, waker)
}

/// Polls `future` on this thread, under a fresh cooperative budget each
/// time, parking the thread between polls.
pub(crate) fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    // Under loom the parker holds loom objects, which must not outlive the
    // model that made them: no cache.
    let cached = if cfg!(runtime_loom) {
        None
    } else {
        CACHED.try_with(Cell::take).ok().flatten()
    };
    let mut borrowed = Borrowed(Some(cached.unwrap_or_else(new_parker)));
    let (parker, waker) = borrowed.0.as_mut().expect("set just above");
    let mut cx = Context::from_waker(waker);
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
        // A wake-up between the poll and here is stored in the parker, so
        // this returns at once.
        parker.park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_future_that_consumes_the_std_park_token_does_not_hang() {
        let mut exit = false;
        block_on(std::future::poll_fn(move |cx| {
            if exit {
                return Poll::Ready(());
            }
            cx.waker().wake_by_ref();
            // Takes std's token, which an unparker based on it would have
            // used for the wake-up above.
            std::thread::current().unpark();
            std::thread::park();
            exit = true;
            Poll::Pending
        }));
    }

    #[test]
    fn wakes_from_another_thread_and_nested_calls() {
        let (tx, rx) = std::sync::mpsc::channel::<Waker>();
        let t = std::thread::spawn(move || rx.recv().unwrap().wake());
        let mut sent = Some(tx);
        let got = block_on(std::future::poll_fn(move |cx| match sent.take() {
            Some(tx) => {
                tx.send(cx.waker().clone()).unwrap();
                Poll::Pending
            }
            // A nested call inside the outer one has its own parker.
            None => Poll::Ready(block_on(async { 7 })),
        }));
        assert_eq!(got, 7);
        t.join().unwrap();
        // The cached parker is reused by the next call.
        assert_eq!(block_on(async { 8 }), 8);
    }
}
