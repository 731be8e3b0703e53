//! Helpers shared by the macro tests: futures that count their polls and
//! drops, and a hand-driven poll loop.

#![allow(dead_code, unreachable_pub)]

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Counters shared between a test and its [`Tracked`] futures.
#[derive(Debug, Default)]
pub struct Counters {
    pub polls: Cell<u32>,
    pub drops: Cell<u32>,
}

impl Counters {
    pub fn new() -> Rc<Self> {
        Rc::new(Self::default())
    }
}

/// A future that is `Pending` for its first `pending` polls (waking itself
/// each time), then `Ready(value)`; counts polls and drops.
#[derive(Debug)]
pub struct Tracked<T> {
    value: Option<T>,
    pending: u32,
    counters: Rc<Counters>,
}

impl<T> Tracked<T> {
    pub fn new(value: T, pending: u32, counters: &Rc<Counters>) -> Self {
        Self {
            value: Some(value),
            pending,
            counters: counters.clone(),
        }
    }
}

impl<T> Unpin for Tracked<T> {}

impl<T> Future for Tracked<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        self.counters.polls.set(self.counters.polls.get() + 1);
        if self.pending > 0 {
            self.pending -= 1;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(self.value.take().expect("Tracked polled after completion"))
    }
}

impl<T> Drop for Tracked<T> {
    fn drop(&mut self) {
        self.counters.drops.set(self.counters.drops.get() + 1);
    }
}

/// A future that never completes; counts polls and drops.
pub fn never(counters: &Rc<Counters>) -> Tracked<()> {
    Tracked::new((), u32::MAX, counters)
}

/// Polls `fut` once with a no-op waker.
pub fn poll_once<F: Future + ?Sized>(fut: Pin<&mut F>) -> Poll<F::Output> {
    let mut cx = Context::from_waker(Waker::noop());
    fut.poll(&mut cx)
}
