//! [`Chain`]: the stream behind [`StreamExt::chain`](crate::StreamExt::chain).

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::{FusedStream, Stream};
use pin_project_lite::pin_project;

use super::Fuse;

pin_project! {
    /// Stream for [`StreamExt::chain`](crate::StreamExt::chain): every item
    /// of the first stream, then every item of the second. The first stream
    /// is fused, so it is not polled again once it has ended.
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct Chain<T, U> {
        #[pin]
        a: Fuse<T>,
        #[pin]
        b: U,
    }
}

impl<T, U> Chain<T, U> {
    pub(super) fn new(a: T, b: U) -> Self
    where
        T: Stream,
        U: Stream,
    {
        Chain { a: Fuse::new(a), b }
    }
}

impl<T, U> Stream for Chain<T, U>
where
    T: Stream,
    U: Stream<Item = T::Item>,
{
    type Item = T::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T::Item>> {
        let me = self.project();
        if !me.a.is_terminated() {
            if let Some(item) = ready!(me.a.poll_next(cx)) {
                return Poll::Ready(Some(item));
            }
        }
        me.b.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        super::sum_size_hints(self.a.size_hint(), self.b.size_hint())
    }
}

/// Ended once both streams have ended (the first one is fused already).
impl<T, U> FusedStream for Chain<T, U>
where
    T: Stream,
    U: FusedStream<Item = T::Item>,
{
    fn is_terminated(&self) -> bool {
        self.a.is_terminated() && self.b.is_terminated()
    }
}
