//! [`MapWhile`]: the stream behind
//! [`StreamExt::map_while`](crate::StreamExt::map_while).

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::{FusedStream, Stream};
use pin_project_lite::pin_project;

pin_project! {
    /// Stream for [`StreamExt::map_while`](crate::StreamExt::map_while):
    /// maps items while the closure returns `Some`, and ends at the first
    /// `None`.
    ///
    /// Once it has returned `None` (the closure returned `None`, or the
    /// inner stream ended) it keeps returning `None` without polling the
    /// inner stream again.
    #[must_use = "streams do nothing unless polled"]
    pub struct MapWhile<St, F> {
        #[pin]
        stream: St,
        f: F,
        done: bool,
    }
}

impl<St, F> fmt::Debug for MapWhile<St, F>
where
    St: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapWhile")
            .field("stream", &self.stream)
            .field("done", &self.done)
            .finish()
    }
}

impl<St, F> MapWhile<St, F> {
    pub(super) fn new(stream: St, f: F) -> Self {
        MapWhile {
            stream,
            f,
            done: false,
        }
    }
}

impl<St, F, T> Stream for MapWhile<St, F>
where
    St: Stream,
    F: FnMut(St::Item) -> Option<T>,
{
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let me = self.project();
        if *me.done {
            return Poll::Ready(None);
        }
        let mapped = ready!(me.stream.poll_next(cx)).and_then(me.f);
        *me.done = mapped.is_none();
        Poll::Ready(mapped)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            return (0, Some(0));
        }
        let (_, upper) = self.stream.size_hint();
        (0, upper)
    }
}

/// Ended once it has returned `None`.
impl<St, F> FusedStream for MapWhile<St, F>
where
    Self: Stream,
{
    fn is_terminated(&self) -> bool {
        self.done
    }
}
