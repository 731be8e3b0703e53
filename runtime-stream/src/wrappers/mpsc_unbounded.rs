//! [`UnboundedReceiverStream`]: an unbounded `mpsc::UnboundedReceiver` as a
//! stream.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use runtime_core::sync::mpsc::UnboundedReceiver;

/// A [`Stream`] over the messages of an
/// [`mpsc::UnboundedReceiver`](runtime_core::sync::mpsc::UnboundedReceiver).
///
/// The stream ends once every sender is gone (or the receiver was
/// [closed](UnboundedReceiverStream::close)) and the buffered messages are
/// drained.
///
/// # Examples
///
/// ```
/// use runtime_core::sync::mpsc;
/// use runtime_stream::StreamExt;
/// use runtime_stream::wrappers::UnboundedReceiverStream;
///
/// # futures::executor::block_on(async {
/// let (tx, rx) = mpsc::unbounded_channel();
/// tx.send("a").unwrap();
/// drop(tx);
///
/// let mut stream = UnboundedReceiverStream::new(rx);
/// assert_eq!(stream.next().await, Some("a"));
/// assert_eq!(stream.next().await, None);
/// # });
/// ```
#[derive(Debug)]
pub struct UnboundedReceiverStream<T> {
    inner: UnboundedReceiver<T>,
}

impl<T> UnboundedReceiverStream<T> {
    /// Wraps a receiver.
    pub fn new(recv: UnboundedReceiver<T>) -> Self {
        UnboundedReceiverStream { inner: recv }
    }

    /// Returns the receiver.
    pub fn into_inner(self) -> UnboundedReceiver<T> {
        self.inner
    }

    /// Closes the receiving half without dropping it: senders can no longer
    /// send, and the stream still yields the messages already buffered,
    /// then ends.
    pub fn close(&mut self) {
        self.inner.close();
    }
}

impl<T> Stream for UnboundedReceiverStream<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.inner.poll_recv(cx)
    }

    /// Exactly the buffered messages once the channel is closed; at least
    /// them while it is open.
    fn size_hint(&self) -> (usize, Option<usize>) {
        let buffered = self.inner.len();
        if self.inner.is_closed() {
            (buffered, Some(buffered))
        } else {
            (buffered, None)
        }
    }
}

impl<T> AsRef<UnboundedReceiver<T>> for UnboundedReceiverStream<T> {
    fn as_ref(&self) -> &UnboundedReceiver<T> {
        &self.inner
    }
}

impl<T> AsMut<UnboundedReceiver<T>> for UnboundedReceiverStream<T> {
    fn as_mut(&mut self) -> &mut UnboundedReceiver<T> {
        &mut self.inner
    }
}

impl<T> From<UnboundedReceiver<T>> for UnboundedReceiverStream<T> {
    fn from(recv: UnboundedReceiver<T>) -> Self {
        Self::new(recv)
    }
}
