//! [`Skip`]: the stream behind [`StreamExt::skip`](crate::StreamExt::skip).

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::{FusedStream, Stream};
use pin_project_lite::pin_project;

pin_project! {
    /// Stream for [`StreamExt::skip`](crate::StreamExt::skip): the inner
    /// stream without its first `n` items.
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct Skip<St> {
        #[pin]
        stream: St,
        remaining: usize,
    }
}

impl<St> Skip<St> {
    pub(super) fn new(stream: St, remaining: usize) -> Self {
        Skip { stream, remaining }
    }
}

impl<St> Stream for Skip<St>
where
    St: Stream,
{
    type Item = St::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<St::Item>> {
        let mut me = self.project();
        loop {
            let item = ready!(me.stream.as_mut().poll_next(cx));
            if *me.remaining == 0 || item.is_none() {
                return Poll::Ready(item);
            }
            *me.remaining -= 1;
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (lower, upper) = self.stream.size_hint();
        (
            lower.saturating_sub(self.remaining),
            upper.map(|upper| upper.saturating_sub(self.remaining)),
        )
    }
}

/// Ended when the inner stream has.
impl<St> FusedStream for Skip<St>
where
    St: FusedStream,
{
    fn is_terminated(&self) -> bool {
        self.stream.is_terminated()
    }
}
