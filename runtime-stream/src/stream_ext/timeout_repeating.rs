//! [`TimeoutRepeating`]: the stream behind
//! [`StreamExt::timeout_repeating`](crate::StreamExt::timeout_repeating).
//!
//! Unlike [`Timeout`](super::Timeout), the deadline here is an `Interval`:
//! while the inner stream stays silent, every tick yields another
//! `Err(Elapsed)`, and each item resets the interval.

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use pin_project_lite::pin_project;
use runtime_time::Interval;

use super::{Elapsed, Fuse};

pin_project! {
    /// Stream for
    /// [`StreamExt::timeout_repeating`](crate::StreamExt::timeout_repeating):
    /// items as `Ok`, and an `Err(Elapsed)` at every tick of the interval
    /// during which the inner stream produced nothing.
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct TimeoutRepeating<S> {
        #[pin]
        stream: Fuse<S>,
        interval: Interval,
    }
}

impl<S: Stream> TimeoutRepeating<S> {
    pub(super) fn new(stream: S, interval: Interval) -> Self {
        TimeoutRepeating {
            stream: Fuse::new(stream),
            interval,
        }
    }
}

impl<S: Stream> Stream for TimeoutRepeating<S> {
    type Item = Result<S::Item, Elapsed>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let me = self.project();
        if let Poll::Ready(item) = me.stream.poll_next(cx) {
            if item.is_some() {
                me.interval.reset();
            }
            return Poll::Ready(item.map(Ok));
        }
        ready!(me.interval.poll_tick(cx));
        Poll::Ready(Some(Err(Elapsed::new())))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // Any number of errors may come between items.
        (self.stream.size_hint().0, None)
    }
}
