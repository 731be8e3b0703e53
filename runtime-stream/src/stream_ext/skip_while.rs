//! [`SkipWhile`]: the stream behind
//! [`StreamExt::skip_while`](crate::StreamExt::skip_while).
//!
//! The predicate is dropped as soon as it first fails; from then on items
//! pass straight through.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::{FusedStream, Stream};
use pin_project_lite::pin_project;

pin_project! {
    /// Stream for [`StreamExt::skip_while`](crate::StreamExt::skip_while):
    /// drops items while the predicate holds, then yields the first item
    /// that fails it and everything after.
    #[must_use = "streams do nothing unless polled"]
    pub struct SkipWhile<St, F> {
        #[pin]
        stream: St,
        predicate: Option<F>,
    }
}

impl<St, F> fmt::Debug for SkipWhile<St, F>
where
    St: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SkipWhile")
            .field("stream", &self.stream)
            .field("skipping", &self.predicate.is_some())
            .finish()
    }
}

impl<St, F> SkipWhile<St, F> {
    pub(super) fn new(stream: St, predicate: F) -> Self {
        SkipWhile {
            stream,
            predicate: Some(predicate),
        }
    }
}

impl<St, F> Stream for SkipWhile<St, F>
where
    St: Stream,
    F: FnMut(&St::Item) -> bool,
{
    type Item = St::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<St::Item>> {
        let mut me = self.project();
        let Some(predicate) = me.predicate.as_mut() else {
            return me.stream.poll_next(cx);
        };
        loop {
            match ready!(me.stream.as_mut().poll_next(cx)) {
                Some(item) if predicate(&item) => {}
                Some(item) => {
                    *me.predicate = None;
                    return Poll::Ready(Some(item));
                }
                None => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (lower, upper) = self.stream.size_hint();
        if self.predicate.is_some() {
            (0, upper)
        } else {
            (lower, upper)
        }
    }
}

/// Ended when the inner stream has.
impl<St, F> FusedStream for SkipWhile<St, F>
where
    St: FusedStream,
    F: FnMut(&St::Item) -> bool,
{
    fn is_terminated(&self) -> bool {
        self.stream.is_terminated()
    }
}
