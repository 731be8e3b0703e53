//! [`Fuse`]: the stream behind [`StreamExt::fuse`](crate::StreamExt::fuse).
//!
//! The inner stream lives in an `Option`; the first `None` it yields drops
//! it, so it is never polled again and its resources are freed early.

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::{FusedStream, Stream};
use pin_project_lite::pin_project;

pin_project! {
    /// Stream for [`StreamExt::fuse`](crate::StreamExt::fuse): after the
    /// inner stream ends, always returns `Ready(None)` without polling it.
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct Fuse<T> {
        #[pin]
        stream: Option<T>,
    }
}

impl<T> Fuse<T>
where
    T: Stream,
{
    pub(crate) fn new(stream: T) -> Fuse<T> {
        Fuse {
            stream: Some(stream),
        }
    }
}

impl<T> Stream for Fuse<T>
where
    T: Stream,
{
    type Item = T::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T::Item>> {
        let mut me = self.project();
        let Some(stream) = me.stream.as_mut().as_pin_mut() else {
            return Poll::Ready(None);
        };
        let item = ready!(stream.poll_next(cx));
        if item.is_none() {
            me.stream.set(None);
        }
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.stream {
            Some(stream) => stream.size_hint(),
            None => (0, Some(0)),
        }
    }
}

/// Ended once the inner stream has returned `None` (and been dropped).
impl<T> FusedStream for Fuse<T>
where
    T: Stream,
{
    fn is_terminated(&self) -> bool {
        self.stream.is_none()
    }
}
