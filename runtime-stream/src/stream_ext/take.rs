//! [`Take`]: the stream behind [`StreamExt::take`](crate::StreamExt::take).

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::{FusedStream, Stream};
use pin_project_lite::pin_project;

pin_project! {
    /// Stream for [`StreamExt::take`](crate::StreamExt::take): at most the
    /// first `n` items. Once they are yielded, the inner stream is not
    /// polled again.
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct Take<St> {
        #[pin]
        stream: St,
        remaining: usize,
    }
}

impl<St> Take<St> {
    pub(super) fn new(stream: St, remaining: usize) -> Self {
        Take { stream, remaining }
    }
}

impl<St> Stream for Take<St>
where
    St: Stream,
{
    type Item = St::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<St::Item>> {
        let me = self.project();
        if *me.remaining == 0 {
            return Poll::Ready(None);
        }
        let item = ready!(me.stream.poll_next(cx));
        match item {
            Some(_) => *me.remaining -= 1,
            None => *me.remaining = 0,
        }
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.remaining == 0 {
            return (0, Some(0));
        }
        let (lower, upper) = self.stream.size_hint();
        let lower = lower.min(self.remaining);
        let upper = match upper {
            Some(upper) => upper.min(self.remaining),
            None => self.remaining,
        };
        (lower, Some(upper))
    }
}

/// Ended once the count is used up or the inner stream ended early.
impl<St> FusedStream for Take<St>
where
    St: Stream,
{
    fn is_terminated(&self) -> bool {
        self.remaining == 0
    }
}
