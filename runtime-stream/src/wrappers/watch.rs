//! [`WatchStream`]: a `watch::Receiver` as a stream.
//!
//! Like [`BroadcastStream`](super::BroadcastStream), it keeps a boxed
//! future that owns the receiver: it waits for `changed()`, then the
//! stream clones the newest value with `borrow_and_update()`, marking it
//! seen. Intermediate values that were overwritten are skipped, as with
//! the receiver itself.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use runtime_core::sync::watch::Receiver;
use runtime_core::sync::watch::error::RecvError;

use crate::util::BoxedFuture;

/// A [`Stream`] of the values of a
/// [`watch::Receiver`](runtime_core::sync::watch::Receiver): the newest
/// value each time it changes.
///
/// [`WatchStream::new`] yields the current value first;
/// [`WatchStream::from_changes`] waits for the first change. Values set in
/// quick succession may be seen only as the last of them. The stream ends
/// when the sender is gone.
///
/// # Examples
///
/// ```
/// use runtime_core::sync::watch;
/// use runtime_stream::StreamExt;
/// use runtime_stream::wrappers::WatchStream;
///
/// # futures::executor::block_on(async {
/// let (tx, rx) = watch::channel("hello");
/// let mut stream = WatchStream::new(rx);
///
/// assert_eq!(stream.next().await, Some("hello"));
///
/// tx.send("goodbye").unwrap();
/// assert_eq!(stream.next().await, Some("goodbye"));
///
/// drop(tx);
/// assert_eq!(stream.next().await, None);
/// # });
/// ```
pub struct WatchStream<T> {
    inner: BoxedFuture<(Result<(), RecvError>, Receiver<T>)>,
}

async fn changed<T>(mut rx: Receiver<T>) -> (Result<(), RecvError>, Receiver<T>)
where
    T: Send + Sync,
{
    let result = rx.changed().await;
    (result, rx)
}

impl<T: 'static + Clone + Send + Sync> WatchStream<T> {
    /// Wraps a receiver; the stream yields the current value first, then
    /// each change.
    pub fn new(rx: Receiver<T>) -> Self {
        WatchStream {
            inner: BoxedFuture::new(async move { (Ok(()), rx) }),
        }
    }

    /// Wraps a receiver; the stream yields only values that changed after
    /// the receiver last marked a value seen.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::watch;
    /// use runtime_stream::StreamExt;
    /// use runtime_stream::wrappers::WatchStream;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, rx) = watch::channel("hello");
    /// let mut stream = WatchStream::from_changes(rx);
    ///
    /// tx.send("goodbye").unwrap();
    /// assert_eq!(stream.next().await, Some("goodbye"));
    /// # });
    /// ```
    pub fn from_changes(rx: Receiver<T>) -> Self {
        WatchStream {
            inner: BoxedFuture::new(changed(rx)),
        }
    }
}

impl<T: 'static + Clone + Send + Sync> Stream for WatchStream<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let (result, mut rx) = ready!(self.inner.poll(cx));
        let item = match result {
            Ok(()) => Some((*rx.borrow_and_update()).clone()),
            Err(_) => None,
        };
        self.inner.set(changed(rx));
        Poll::Ready(item)
    }
}

impl<T> fmt::Debug for WatchStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WatchStream").finish_non_exhaustive()
    }
}

impl<T: 'static + Clone + Send + Sync> From<Receiver<T>> for WatchStream<T> {
    fn from(recv: Receiver<T>) -> Self {
        Self::new(recv)
    }
}
