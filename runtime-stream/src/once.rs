//! [`once`]: a stream of exactly one item.
//!
//! Built on [`iter`](crate::iter), so each poll (including those after the
//! end) takes one unit of the task's cooperative budget, as tokio-stream
//! 0.1.19.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::Iter;
use crate::iter::iter;

/// A stream that yields one item and ends; see [`once`].
#[derive(Debug)]
#[must_use = "streams do nothing unless polled"]
pub struct Once<T> {
    iter: Iter<std::option::IntoIter<T>>,
}

impl<T> Unpin for Once<T> {}

/// Creates a stream that yields `value` once, then ends.
///
/// # Examples
///
/// ```
/// use runtime_stream::{self as stream, StreamExt};
///
/// # futures::executor::block_on(async {
/// let mut one = stream::once(1);
///
/// assert_eq!(Some(1), one.next().await);
/// assert_eq!(None, one.next().await);
/// # });
/// ```
pub fn once<T>(value: T) -> Once<T> {
    Once {
        iter: iter(Some(value)),
    }
}

impl<T> Stream for Once<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        Pin::new(&mut self.iter).poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}
