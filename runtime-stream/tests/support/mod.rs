//! Helpers for stepping streams by hand: a waker that counts its wakes, a
//! scripted stream that counts its polls and drops, and `poll_next` /
//! `poll_fut` shorthands.

#![allow(dead_code, unreachable_pub)] // Each test file uses a subset.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use runtime_stream::Stream;

/// A waker that counts how many times it was woken.
#[derive(Debug, Default)]
pub struct WakeCounter {
    wakes: AtomicUsize,
}

impl WakeCounter {
    pub fn new() -> Arc<WakeCounter> {
        Arc::new(WakeCounter::default())
    }

    pub fn wakes(&self) -> usize {
        self.wakes.load(Ordering::SeqCst)
    }
}

impl Wake for WakeCounter {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
    }
}

/// A task for polling by hand: owns a counting waker.
#[derive(Debug)]
pub struct Task {
    counter: Arc<WakeCounter>,
    waker: Waker,
}

impl Task {
    pub fn new() -> Task {
        let counter = WakeCounter::new();
        let waker = Waker::from(counter.clone());
        Task { counter, waker }
    }

    pub fn wakes(&self) -> usize {
        self.counter.wakes()
    }

    pub fn poll_next<S: Stream + Unpin + ?Sized>(&self, stream: &mut S) -> Poll<Option<S::Item>> {
        let mut cx = Context::from_waker(&self.waker);
        Pin::new(stream).poll_next(&mut cx)
    }

    pub fn poll_fut<F: Future + ?Sized>(&self, fut: Pin<&mut F>) -> Poll<F::Output> {
        let mut cx = Context::from_waker(&self.waker);
        fut.poll(&mut cx)
    }
}

/// Shared counters of a [`Scripted`] stream.
#[derive(Debug, Default)]
pub struct Counters {
    polls: AtomicUsize,
    drops: AtomicUsize,
}

impl Counters {
    pub fn polls(&self) -> usize {
        self.polls.load(Ordering::SeqCst)
    }

    pub fn drops(&self) -> usize {
        self.drops.load(Ordering::SeqCst)
    }
}

/// A stream that replays a script of poll results, then returns
/// `Ready(None)` forever. `Pending` steps wake the task straight away (as a
/// resource would once ready) only when built with `waking`.
#[derive(Debug)]
pub struct Scripted<T> {
    script: VecDeque<Poll<Option<T>>>,
    counters: Arc<Counters>,
    wake_on_pending: bool,
    size_hint: (usize, Option<usize>),
}

impl<T> Unpin for Scripted<T> {}

impl<T> Scripted<T> {
    pub fn new(script: impl IntoIterator<Item = Poll<Option<T>>>) -> (Scripted<T>, Arc<Counters>) {
        let counters = Arc::new(Counters::default());
        let stream = Scripted {
            script: script.into_iter().collect(),
            counters: counters.clone(),
            wake_on_pending: false,
            size_hint: (0, None),
        };
        (stream, counters)
    }

    pub fn waking(mut self) -> Self {
        self.wake_on_pending = true;
        self
    }

    pub fn with_size_hint(mut self, lower: usize, upper: Option<usize>) -> Self {
        self.size_hint = (lower, upper);
        self
    }
}

impl<T> Stream for Scripted<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.counters.polls.fetch_add(1, Ordering::SeqCst);
        let step = self.script.pop_front().unwrap_or(Poll::Ready(None));
        if step.is_pending() && self.wake_on_pending {
            cx.waker().wake_by_ref();
        }
        step
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.size_hint
    }
}

impl<T> Drop for Scripted<T> {
    fn drop(&mut self) {
        self.counters.drops.fetch_add(1, Ordering::SeqCst);
    }
}

/// Shorthands for script steps.
pub fn item<T>(value: T) -> Poll<Option<T>> {
    Poll::Ready(Some(value))
}

pub fn pending<T>() -> Poll<Option<T>> {
    Poll::Pending
}

pub fn end<T>() -> Poll<Option<T>> {
    Poll::Ready(None)
}
