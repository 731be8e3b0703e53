//! [`iter`]: a stream over the items of an iterator.
//!
//! The iterator is always ready, so a loop draining it would never give
//! the executor back. After every 32 items the stream therefore returns
//! `Pending` once, waking itself first, so that other tasks get a turn (the
//! same cadence as tokio-stream's).

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

/// How many items [`Iter`] yields in a row before it yields to the executor.
const YIELD_EVERY: u32 = 32;

/// A stream over the items of an iterator; see [`iter`].
#[derive(Debug, Clone)]
#[must_use = "streams do nothing unless polled"]
pub struct Iter<I> {
    iter: I,
    yielded: u32,
}

impl<I> Unpin for Iter<I> {}

/// Converts an [`IntoIterator`] into a [`Stream`] that is always ready.
///
/// Every 32 items the stream returns `Pending` once (after waking its
/// task), so that draining a long iterator does not starve other tasks.
///
/// # Examples
///
/// ```
/// use runtime_stream::{self as stream, StreamExt};
///
/// # futures::executor::block_on(async {
/// let mut stream = stream::iter(vec![17, 19]);
///
/// assert_eq!(stream.next().await, Some(17));
/// assert_eq!(stream.next().await, Some(19));
/// assert_eq!(stream.next().await, None);
/// # });
/// ```
pub fn iter<I>(i: I) -> Iter<I::IntoIter>
where
    I: IntoIterator,
{
    Iter {
        iter: i.into_iter(),
        yielded: 0,
    }
}

impl<I> Stream for Iter<I>
where
    I: Iterator,
{
    type Item = I::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        if self.yielded >= YIELD_EVERY {
            self.yielded = 0;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.yielded += 1;
        Poll::Ready(self.iter.next())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}
