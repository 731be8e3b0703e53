//! [`Then`]: the stream behind [`StreamExt::then`](crate::StreamExt::then).
//!
//! At most one future runs at a time: the next item is pulled from the
//! inner stream only once the previous item's future has completed, so the
//! output keeps the input's order.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::{FusedStream, Stream};
use pin_project_lite::pin_project;

pin_project! {
    /// Stream for [`StreamExt::then`](crate::StreamExt::then): every item
    /// mapped to a future, whose output is yielded in turn.
    #[must_use = "streams do nothing unless polled"]
    pub struct Then<St, Fut, F> {
        #[pin]
        stream: St,
        #[pin]
        future: Option<Fut>,
        f: F,
    }
}

impl<St, Fut, F> fmt::Debug for Then<St, Fut, F>
where
    St: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Then")
            .field("stream", &self.stream)
            .field("future_in_flight", &self.future.is_some())
            .finish()
    }
}

impl<St, Fut, F> Then<St, Fut, F> {
    pub(super) fn new(stream: St, f: F) -> Self {
        Then {
            stream,
            future: None,
            f,
        }
    }
}

impl<St, F, Fut> Stream for Then<St, Fut, F>
where
    St: Stream,
    Fut: Future,
    F: FnMut(St::Item) -> Fut,
{
    type Item = Fut::Output;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Fut::Output>> {
        let mut me = self.project();
        loop {
            if let Some(future) = me.future.as_mut().as_pin_mut() {
                let output = ready!(future.poll(cx));
                me.future.set(None);
                return Poll::Ready(Some(output));
            }
            match ready!(me.stream.as_mut().poll_next(cx)) {
                Some(item) => me.future.set(Some((me.f)(item))),
                None => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let in_flight = usize::from(self.future.is_some());
        let (lower, upper) = self.stream.size_hint();
        (
            lower.saturating_add(in_flight),
            upper.and_then(|upper| upper.checked_add(in_flight)),
        )
    }
}

/// Ended once no future is in flight and the inner stream has ended.
impl<St, Fut, F> FusedStream for Then<St, Fut, F>
where
    St: FusedStream,
    Fut: Future,
    F: FnMut(St::Item) -> Fut,
{
    fn is_terminated(&self) -> bool {
        self.future.is_none() && self.stream.is_terminated()
    }
}
