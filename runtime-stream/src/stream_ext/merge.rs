//! [`Merge`]: the stream behind [`StreamExt::merge`](crate::StreamExt::merge).
//!
//! Fairness: the side polled first alternates on every poll, so a side
//! that is always ready cannot starve the other. Each side is fused, and
//! the merged stream ends once both sides have ended.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::{FusedStream, Stream};
use pin_project_lite::pin_project;

use super::Fuse;

pin_project! {
    /// Stream for [`StreamExt::merge`](crate::StreamExt::merge): the items
    /// of two streams, interleaved as they become ready.
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct Merge<T, U> {
        #[pin]
        a: Fuse<T>,
        #[pin]
        b: Fuse<U>,
        // Which side goes first on the next poll.
        a_first: bool,
    }
}

impl<T, U> Merge<T, U> {
    pub(super) fn new(a: T, b: U) -> Self
    where
        T: Stream,
        U: Stream,
    {
        Merge {
            a: Fuse::new(a),
            b: Fuse::new(b),
            a_first: true,
        }
    }
}

impl<T, U> Stream for Merge<T, U>
where
    T: Stream,
    U: Stream<Item = T::Item>,
{
    type Item = T::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T::Item>> {
        let me = self.project();
        let a_first = *me.a_first;
        *me.a_first = !a_first;
        if a_first {
            poll_both(me.a, me.b, cx)
        } else {
            poll_both(me.b, me.a, cx)
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        super::sum_size_hints(self.a.size_hint(), self.b.size_hint())
    }
}

/// Polls `first`, then `second` if `first` had nothing. Ends only when both
/// have ended.
fn poll_both<T, A, B>(
    first: Pin<&mut A>,
    second: Pin<&mut B>,
    cx: &mut Context<'_>,
) -> Poll<Option<T>>
where
    A: Stream<Item = T>,
    B: Stream<Item = T>,
{
    let first_done = match first.poll_next(cx) {
        Poll::Ready(Some(item)) => return Poll::Ready(Some(item)),
        Poll::Ready(None) => true,
        Poll::Pending => false,
    };
    match second.poll_next(cx) {
        Poll::Ready(Some(item)) => Poll::Ready(Some(item)),
        Poll::Ready(None) if first_done => Poll::Ready(None),
        Poll::Ready(None) | Poll::Pending => Poll::Pending,
    }
}

/// Ended once both sides have returned `None`; as both are fused, this
/// needs nothing of the streams themselves.
impl<T, U> FusedStream for Merge<T, U>
where
    T: Stream,
    U: Stream<Item = T::Item>,
{
    fn is_terminated(&self) -> bool {
        self.a.is_terminated() && self.b.is_terminated()
    }
}
