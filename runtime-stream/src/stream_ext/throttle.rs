//! [`Throttle`]: the stream behind
//! [`StreamExt::throttle`](crate::StreamExt::throttle).
//!
//! After each item a `Sleep` is reset to `duration` later, and the inner
//! stream is not polled again until it fires. The first item goes through
//! at once. Items are delayed, never dropped.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use futures_core::Stream;
use pin_project_lite::pin_project;
use runtime_time::{Instant, Sleep, sleep_until};

use super::timeout::deadline_after;

pin_project! {
    /// Stream for [`StreamExt::throttle`](crate::StreamExt::throttle): the
    /// inner stream's items, at least `duration` apart.
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct Throttle<T> {
        #[pin]
        delay: Sleep,
        duration: Duration,
        // Whether the wait since the last item is over.
        has_delayed: bool,
        #[pin]
        stream: T,
    }
}

impl<T> Throttle<T> {
    pub(super) fn new(stream: T, duration: Duration) -> Self {
        Throttle {
            delay: sleep_until(Instant::now()),
            duration,
            has_delayed: true,
            stream,
        }
    }

    /// Returns a reference to the inner stream.
    pub fn get_ref(&self) -> &T {
        &self.stream
    }

    /// Returns a mutable reference to the inner stream.
    ///
    /// Taking items from it directly bypasses the throttling.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.stream
    }

    /// Returns a pinned mutable reference to the inner stream.
    ///
    /// Taking items from it directly bypasses the throttling.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut T> {
        self.project().stream
    }

    /// Consumes the adapter and returns the inner stream; a pending delay
    /// is forgotten.
    pub fn into_inner(self) -> T {
        self.stream
    }
}

impl<T: Stream> Stream for Throttle<T> {
    type Item = T::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T::Item>> {
        let mut me = self.project();
        let throttling = !me.duration.is_zero();
        if !*me.has_delayed && throttling {
            ready!(me.delay.as_mut().poll(cx));
            *me.has_delayed = true;
        }
        let item = ready!(me.stream.poll_next(cx));
        if item.is_some() && throttling {
            me.delay.reset(deadline_after(*me.duration));
            *me.has_delayed = false;
        }
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.stream.size_hint()
    }
}
