//! [`iter`]: a stream over the items of an iterator.
//!
//! The iterator is always ready, so a loop draining it would never give
//! the executor back. Each item therefore takes one unit of the task's
//! cooperative budget (`runtime_core::task::coop`): inside a runtime, once
//! the budget is spent the stream wakes its task and returns `Pending`, so
//! other tasks get a turn. Outside a runtime there is no budget and the
//! stream is always ready. This is tokio-stream's behaviour with a runtime.

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use runtime_core::task::coop;

/// A stream over the items of an iterator; see [`iter`].
#[derive(Debug, Clone)]
#[must_use = "streams do nothing unless polled"]
pub struct Iter<I> {
    iter: I,
}

impl<I> Unpin for Iter<I> {}

/// Converts an [`IntoIterator`] into a [`Stream`] that is always ready.
///
/// Each item takes part in cooperative scheduling: inside a runtime, when
/// the task has used up its budget the stream returns `Pending` once
/// (after waking the task), so that draining a long iterator does not
/// starve other tasks.
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
    }
}

impl<I> Stream for Iter<I>
where
    I: Iterator,
{
    type Item = I::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let budget = ready!(coop::poll_proceed(cx));
        let item = self.iter.next();
        budget.made_progress();
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}
