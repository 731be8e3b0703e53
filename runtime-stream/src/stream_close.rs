//! [`StreamNotifyClose`]: a stream that announces its own end.
//!
//! A [`StreamMap`](crate::StreamMap) silently removes a stream that has
//! ended. Wrapping the stream in `StreamNotifyClose` turns its end into
//! one last item, `None`, so the map's consumer learns which key closed.

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use pin_project_lite::pin_project;

pin_project! {
    /// A stream that yields `Some(item)` for each item of the inner stream,
    /// then a single `None` when the inner stream ends, and then ends
    /// itself.
    ///
    /// The inner stream is dropped as soon as it ends.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt, StreamMap, StreamNotifyClose};
    ///
    /// # futures::executor::block_on(async {
    /// let mut map = StreamMap::new();
    /// map.insert("a", StreamNotifyClose::new(stream::iter(vec![1])));
    ///
    /// assert_eq!(map.next().await, Some(("a", Some(1))));
    /// // The map learns that "a" has closed ...
    /// assert_eq!(map.next().await, Some(("a", None)));
    /// // ... and then removes it.
    /// assert_eq!(map.next().await, None);
    /// # });
    /// ```
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct StreamNotifyClose<S> {
        #[pin]
        inner: Option<S>,
    }
}

impl<S> StreamNotifyClose<S> {
    /// Wraps `stream` so that its end is announced by a `None` item.
    pub fn new(stream: S) -> Self {
        StreamNotifyClose {
            inner: Some(stream),
        }
    }

    /// Returns the inner stream, or `None` if it has already ended (and
    /// been dropped).
    pub fn into_inner(self) -> Option<S> {
        self.inner
    }
}

impl<S> Stream for StreamNotifyClose<S>
where
    S: Stream,
{
    type Item = Option<S::Item>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Option<S::Item>>> {
        let mut me = self.project();
        let Some(inner) = me.inner.as_mut().as_pin_mut() else {
            return Poll::Ready(None);
        };
        match ready!(inner.poll_next(cx)) {
            Some(item) => Poll::Ready(Some(Some(item))),
            None => {
                me.inner.set(None);
                Poll::Ready(Some(None))
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.inner {
            // One more item than the inner stream: the closing `None`.
            Some(inner) => {
                let (lower, upper) = inner.size_hint();
                (
                    lower.saturating_add(1),
                    upper.and_then(|upper| upper.checked_add(1)),
                )
            }
            None => (0, Some(0)),
        }
    }
}
