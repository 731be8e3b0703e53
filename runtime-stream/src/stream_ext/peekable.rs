//! [`Peekable`]: the stream behind
//! [`StreamExt::peekable`](crate::StreamExt::peekable).
//!
//! A peeked item is parked in `peek` and handed out by the next
//! `poll_next`, before the inner stream is polled again.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use pin_project_lite::pin_project;

use super::{Fuse, StreamExt};

pin_project! {
    /// Stream for [`StreamExt::peekable`](crate::StreamExt::peekable): a
    /// stream whose next item can be looked at with
    /// [`peek`](Peekable::peek) without consuming it.
    #[must_use = "streams do nothing unless polled"]
    pub struct Peekable<T: Stream> {
        peek: Option<T::Item>,
        #[pin]
        stream: Fuse<T>,
    }
}

impl<T> fmt::Debug for Peekable<T>
where
    T: Stream + fmt::Debug,
    T::Item: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Peekable")
            .field("peek", &self.peek)
            .field("stream", &self.stream)
            .finish()
    }
}

impl<T: Stream> Peekable<T> {
    pub(super) fn new(stream: T) -> Self {
        Peekable {
            peek: None,
            stream: Fuse::new(stream),
        }
    }

    /// Returns a reference to the next item without consuming it: the
    /// following [`next`](StreamExt::next) yields that same item. Returns
    /// `None` when the stream has ended.
    ///
    /// # Cancel safety
    ///
    /// This method is cancel safe: if it is dropped before completing, no
    /// item is lost.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let mut stream = stream::iter(vec![1, 2]).peekable();
    ///
    /// assert_eq!(stream.peek().await, Some(&1));
    /// assert_eq!(stream.peek().await, Some(&1));
    /// assert_eq!(stream.next().await, Some(1));
    /// assert_eq!(stream.next().await, Some(2));
    /// assert_eq!(stream.peek().await, None);
    /// # });
    /// ```
    pub async fn peek(&mut self) -> Option<&T::Item>
    where
        T: Unpin,
    {
        if self.peek.is_none() {
            self.peek = self.stream.next().await;
        }
        self.peek.as_ref()
    }
}

impl<T: Stream> Stream for Peekable<T> {
    type Item = T::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T::Item>> {
        let me = self.project();
        if let Some(item) = me.peek.take() {
            return Poll::Ready(Some(item));
        }
        me.stream.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let peeked = usize::from(self.peek.is_some());
        let (lower, upper) = self.stream.size_hint();
        (
            lower.saturating_add(peeked),
            upper.and_then(|upper| upper.checked_add(peeked)),
        )
    }
}
