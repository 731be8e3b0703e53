//! [`BroadcastStream`]: a `broadcast::Receiver` as a stream.
//!
//! The receiver's `recv` is an `async fn`, so the wrapper keeps a boxed
//! future that owns the receiver and hands it back with the result; each
//! poll that completes starts the next receive with the same receiver.

use std::error::Error;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use runtime_core::sync::broadcast::Receiver;
use runtime_core::sync::broadcast::error::RecvError;

use crate::util::BoxedFuture;

/// A [`Stream`] over the values of a
/// [`broadcast::Receiver`](runtime_core::sync::broadcast::Receiver).
///
/// Values come out as `Ok(value)`. A receiver that fell behind and missed
/// values yields one `Err(BroadcastStreamRecvError::Lagged(n))` with the
/// number missed, then carries on with the oldest value still held. The
/// stream ends when every sender is gone and the values are drained.
///
/// # Examples
///
/// ```
/// use runtime_core::sync::broadcast;
/// use runtime_stream::StreamExt;
/// use runtime_stream::wrappers::BroadcastStream;
/// use runtime_stream::wrappers::errors::BroadcastStreamRecvError;
///
/// # futures::executor::block_on(async {
/// let (tx, rx) = broadcast::channel(2);
/// let mut stream = BroadcastStream::new(rx);
///
/// for value in 1..=3 {
///     tx.send(value).unwrap();
/// }
/// drop(tx);
///
/// // The capacity is 2: value 1 was overwritten before it was read.
/// assert_eq!(stream.next().await, Some(Err(BroadcastStreamRecvError::Lagged(1))));
/// assert_eq!(stream.next().await, Some(Ok(2)));
/// assert_eq!(stream.next().await, Some(Ok(3)));
/// assert_eq!(stream.next().await, None);
/// # });
/// ```
pub struct BroadcastStream<T> {
    inner: BoxedFuture<(Result<T, RecvError>, Receiver<T>)>,
}

/// An error yielded by [`BroadcastStream`].
#[derive(Debug, PartialEq, Eq, Clone)]
pub enum BroadcastStreamRecvError {
    /// The receiver fell behind: this many values were overwritten before
    /// it read them. The stream carries on with the oldest value left.
    Lagged(u64),
}

impl fmt::Display for BroadcastStreamRecvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BroadcastStreamRecvError::Lagged(missed) => write!(f, "channel lagged by {missed}"),
        }
    }
}

impl Error for BroadcastStreamRecvError {}

async fn receive<T: Clone>(mut rx: Receiver<T>) -> (Result<T, RecvError>, Receiver<T>) {
    let result = rx.recv().await;
    (result, rx)
}

impl<T: 'static + Clone + Send> BroadcastStream<T> {
    /// Wraps a receiver.
    pub fn new(rx: Receiver<T>) -> Self {
        BroadcastStream {
            inner: BoxedFuture::new(receive(rx)),
        }
    }
}

impl<T: 'static + Clone + Send> Stream for BroadcastStream<T> {
    type Item = Result<T, BroadcastStreamRecvError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let (result, rx) = ready!(self.inner.poll(cx));
        self.inner.set(receive(rx));
        match result {
            Ok(value) => Poll::Ready(Some(Ok(value))),
            Err(RecvError::Closed) => Poll::Ready(None),
            Err(RecvError::Lagged(missed)) => {
                Poll::Ready(Some(Err(BroadcastStreamRecvError::Lagged(missed))))
            }
        }
    }
}

impl<T> fmt::Debug for BroadcastStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BroadcastStream").finish_non_exhaustive()
    }
}

impl<T: 'static + Clone + Send> From<Receiver<T>> for BroadcastStream<T> {
    fn from(recv: Receiver<T>) -> Self {
        Self::new(recv)
    }
}
