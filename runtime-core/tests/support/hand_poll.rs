//! Hand-polling helpers for the `sync_*` tests (included with
//! `#[path = "support/hand_poll.rs"] mod support;`): a future wrapped with a
//! waker that counts its wake-ups.

#![allow(dead_code, unreachable_pub)]

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

struct CountWake(AtomicUsize);

impl Wake for CountWake {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A future under test, polled by hand.
pub struct Task<F> {
    future: Pin<Box<F>>,
    wakes: Arc<CountWake>,
    waker: Waker,
}

/// Wraps `future` for hand polling.
pub fn task<F: Future>(future: F) -> Task<F> {
    let wakes = Arc::new(CountWake(AtomicUsize::new(0)));
    let waker = Waker::from(wakes.clone());
    Task {
        future: Box::pin(future),
        wakes,
        waker,
    }
}

impl<F: Future> Task<F> {
    /// Polls once with the counting waker.
    pub fn poll(&mut self) -> Poll<F::Output> {
        let mut cx = Context::from_waker(&self.waker);
        self.future.as_mut().poll(&mut cx)
    }

    /// How many times the future's waker was woken so far.
    pub fn wakes(&self) -> usize {
        self.wakes.0.load(Ordering::SeqCst)
    }

    /// Whether the waker was woken at least once.
    pub fn is_woken(&self) -> bool {
        self.wakes() > 0
    }

    /// The pinned future, for methods such as `Notified::enable`.
    pub fn as_pin(&mut self) -> Pin<&mut F> {
        self.future.as_mut()
    }
}

/// Asserts that the task is pending.
#[macro_export]
macro_rules! assert_pending {
    ($task:expr) => {
        match $task.poll() {
            std::task::Poll::Pending => {}
            std::task::Poll::Ready(_) => panic!("expected Pending, got Ready"),
        }
    };
}

/// Asserts that the task is ready and returns its output.
#[macro_export]
macro_rules! assert_ready {
    ($task:expr) => {
        match $task.poll() {
            std::task::Poll::Ready(v) => v,
            std::task::Poll::Pending => panic!("expected Ready, got Pending"),
        }
    };
}

/// Runs a future to completion on the current thread.
pub fn block_on<F: Future>(f: F) -> F::Output {
    futures::executor::block_on(f)
}
