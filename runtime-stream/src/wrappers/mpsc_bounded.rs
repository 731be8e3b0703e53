//! [`ReceiverStream`]: a bounded `mpsc::Receiver` as a stream.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use runtime_core::sync::mpsc::Receiver;

/// A [`Stream`] over the messages of a bounded
/// [`mpsc::Receiver`](runtime_core::sync::mpsc::Receiver).
///
/// The stream ends once every sender is gone (or the receiver was
/// [closed](ReceiverStream::close)) and the buffered messages are drained.
///
/// # Examples
///
/// ```
/// use runtime_core::sync::mpsc;
/// use runtime_stream::StreamExt;
/// use runtime_stream::wrappers::ReceiverStream;
///
/// # futures::executor::block_on(async {
/// let (tx, rx) = mpsc::channel(2);
/// tx.send(10).await.unwrap();
/// tx.send(20).await.unwrap();
/// drop(tx);
///
/// let mut stream = ReceiverStream::new(rx);
/// assert_eq!(stream.next().await, Some(10));
/// assert_eq!(stream.next().await, Some(20));
/// assert_eq!(stream.next().await, None);
/// # });
/// ```
#[derive(Debug)]
pub struct ReceiverStream<T> {
    inner: Receiver<T>,
}

impl<T> ReceiverStream<T> {
    /// Wraps a receiver.
    pub fn new(recv: Receiver<T>) -> Self {
        ReceiverStream { inner: recv }
    }

    /// Returns the receiver.
    pub fn into_inner(self) -> Receiver<T> {
        self.inner
    }

    /// Closes the receiving half without dropping it: senders can no longer
    /// send, and the stream still yields the messages already buffered,
    /// then ends.
    ///
    /// See [`Receiver::close`](runtime_core::sync::mpsc::Receiver::close).
    pub fn close(&mut self) {
        self.inner.close();
    }
}

impl<T> Stream for ReceiverStream<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.inner.poll_recv(cx)
    }

    /// At least the messages already buffered. Once the channel is closed,
    /// at most those plus the ones that senders holding a reserved permit
    /// may still send.
    fn size_hint(&self) -> (usize, Option<usize>) {
        let buffered = self.inner.len();
        if self.inner.is_closed() {
            let used = self.inner.max_capacity() - self.inner.capacity();
            (buffered, Some(used.max(buffered)))
        } else {
            (buffered, None)
        }
    }
}

impl<T> AsRef<Receiver<T>> for ReceiverStream<T> {
    fn as_ref(&self) -> &Receiver<T> {
        &self.inner
    }
}

impl<T> AsMut<Receiver<T>> for ReceiverStream<T> {
    fn as_mut(&mut self) -> &mut Receiver<T> {
        &mut self.inner
    }
}

impl<T> From<Receiver<T>> for ReceiverStream<T> {
    fn from(recv: Receiver<T>) -> Self {
        Self::new(recv)
    }
}
