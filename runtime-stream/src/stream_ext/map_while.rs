//! [`MapWhile`]: the stream behind
//! [`StreamExt::map_while`](crate::StreamExt::map_while).

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use pin_project_lite::pin_project;

pin_project! {
    /// Stream for [`StreamExt::map_while`](crate::StreamExt::map_while):
    /// maps items while the closure returns `Some`, and ends at the first
    /// `None`.
    ///
    /// Like [`Iterator::map_while`], it is not fused: polling it again after
    /// it returned `None` polls the inner stream again. Use
    /// [`fuse`](crate::StreamExt::fuse) if that matters.
    #[must_use = "streams do nothing unless polled"]
    pub struct MapWhile<St, F> {
        #[pin]
        stream: St,
        f: F,
    }
}

impl<St, F> fmt::Debug for MapWhile<St, F>
where
    St: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapWhile")
            .field("stream", &self.stream)
            .finish()
    }
}

impl<St, F> MapWhile<St, F> {
    pub(super) fn new(stream: St, f: F) -> Self {
        MapWhile { stream, f }
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
        me.stream.poll_next(cx).map(|item| item.and_then(me.f))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (_, upper) = self.stream.size_hint();
        (0, upper)
    }
}
