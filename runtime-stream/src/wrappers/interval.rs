//! [`IntervalStream`]: an `Interval` as a stream of tick instants.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::{FusedStream, Stream};
use runtime_time::{Instant, Interval};

/// A [`Stream`] that yields the [`Instant`] of each tick of an
/// [`Interval`]. It never ends.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
///
/// use runtime_stream::StreamExt;
/// use runtime_stream::wrappers::IntervalStream;
/// use runtime_time::{Instant, interval};
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .start_paused(true)
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let start = Instant::now();
/// let mut ticks = IntervalStream::new(interval(Duration::from_millis(10))).take(3);
///
/// // The first tick is immediate, then one every 10ms.
/// assert_eq!(ticks.next().await, Some(start));
/// assert_eq!(ticks.next().await, Some(start + Duration::from_millis(10)));
/// assert_eq!(ticks.next().await, Some(start + Duration::from_millis(20)));
/// assert_eq!(ticks.next().await, None);
/// # });
/// ```
#[derive(Debug)]
pub struct IntervalStream {
    inner: Interval,
}

impl IntervalStream {
    /// Wraps an interval.
    pub fn new(interval: Interval) -> Self {
        IntervalStream { inner: interval }
    }

    /// Returns the interval.
    pub fn into_inner(self) -> Interval {
        self.inner
    }
}

impl Stream for IntervalStream {
    type Item = Instant;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Instant>> {
        self.inner.poll_tick(cx).map(Some)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (usize::MAX, None)
    }
}

impl AsRef<Interval> for IntervalStream {
    fn as_ref(&self) -> &Interval {
        &self.inner
    }
}

impl AsMut<Interval> for IntervalStream {
    fn as_mut(&mut self) -> &mut Interval {
        &mut self.inner
    }
}

/// An interval ticks forever, so the stream never ends.
impl FusedStream for IntervalStream {
    fn is_terminated(&self) -> bool {
        false
    }
}
