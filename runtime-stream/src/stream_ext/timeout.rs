//! [`Timeout`]: the stream behind
//! [`StreamExt::timeout`](crate::StreamExt::timeout), and its [`Elapsed`]
//! error.
//!
//! One `Sleep` is armed for `duration` after the previous item (or after
//! the adapter was created). When it fires before the next item, the
//! stream yields one `Err(Elapsed)` and disarms it; the next item re-arms
//! it. So between two items there is at most one error, and the stream
//! keeps going after an error.

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use futures_core::Stream;
use pin_project_lite::pin_project;
use runtime_time::{Instant, Sleep, sleep_until};

use super::Fuse;

pin_project! {
    /// Stream for [`StreamExt::timeout`](crate::StreamExt::timeout): items
    /// as `Ok`, with an `Err(Elapsed)` whenever the inner stream takes
    /// longer than the duration to produce one.
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct Timeout<S> {
        #[pin]
        stream: Fuse<S>,
        #[pin]
        deadline: Sleep,
        duration: Duration,
        // Whether the deadline is armed (no error since the last item).
        poll_deadline: bool,
    }
}

/// The error yielded by [`Timeout`] and
/// [`TimeoutRepeating`](crate::adapters::TimeoutRepeating) when the inner
/// stream took too long to produce an item.
///
/// It converts into an [`io::Error`] of kind
/// [`TimedOut`](io::ErrorKind::TimedOut).
#[derive(Debug, PartialEq, Eq)]
pub struct Elapsed(());

impl Elapsed {
    pub(crate) fn new() -> Self {
        Elapsed(())
    }
}

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("deadline has elapsed")
    }
}

impl Error for Elapsed {}

impl From<Elapsed> for io::Error {
    fn from(elapsed: Elapsed) -> io::Error {
        io::Error::new(io::ErrorKind::TimedOut, elapsed)
    }
}

impl<S: Stream> Timeout<S> {
    pub(super) fn new(stream: S, duration: Duration) -> Self {
        let deadline = deadline_after(duration);
        Timeout {
            stream: Fuse::new(stream),
            deadline: sleep_until(deadline),
            duration,
            poll_deadline: true,
        }
    }
}

/// `duration` from now, saturating far in the future instead of
/// overflowing.
pub(super) fn deadline_after(duration: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(duration)
        .unwrap_or_else(|| far_future(now))
}

/// About 30 years from `now`: "never" for a timer.
fn far_future(now: Instant) -> Instant {
    now + Duration::from_secs(86_400 * 365 * 30)
}

impl<S: Stream> Stream for Timeout<S> {
    type Item = Result<S::Item, Elapsed>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let me = self.project();
        if let Poll::Ready(item) = me.stream.poll_next(cx) {
            if item.is_some() {
                me.deadline.reset(deadline_after(*me.duration));
                *me.poll_deadline = true;
            }
            return Poll::Ready(item.map(Ok));
        }
        if *me.poll_deadline {
            ready!(me.deadline.poll(cx));
            *me.poll_deadline = false;
            return Poll::Ready(Some(Err(Elapsed::new())));
        }
        Poll::Pending
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // At most one error before each item and one after the last.
        let (lower, upper) = self.stream.size_hint();
        let upper = upper.and_then(|upper| upper.checked_mul(2)?.checked_add(1));
        (lower, upper)
    }
}
