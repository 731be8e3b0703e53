//! The unbounded channel: [`UnboundedSender`], [`UnboundedReceiver`] and
//! [`WeakUnboundedSender`]. Sending never waits; memory is the only bound.

use std::fmt;
use std::future::poll_fn;
use std::task::{Context, Poll};

use crate::loom::sync::Arc;

use super::chan::{Chan, Extend};
use super::error::{SendError, TryRecvError};

/// Sends values to an [`UnboundedReceiver`]; created by
/// [`unbounded_channel`](super::unbounded_channel).
pub struct UnboundedSender<T> {
    chan: Arc<Chan<T>>,
}

/// A sender that does not keep the channel open; created by
/// [`UnboundedSender::downgrade`].
pub struct WeakUnboundedSender<T> {
    chan: Arc<Chan<T>>,
}

/// Receives the values of an unbounded channel.
pub struct UnboundedReceiver<T> {
    chan: Arc<Chan<T>>,
}

/// Creates a channel with no capacity bound.
///
/// # Examples
///
/// ```
/// use runtime_core::sync::mpsc;
///
/// # futures::executor::block_on(async {
/// let (tx, mut rx) = mpsc::unbounded_channel();
/// for i in 0..3 {
///     tx.send(i).unwrap();
/// }
/// assert_eq!(rx.len(), 3);
/// assert_eq!(rx.recv().await, Some(0));
/// # });
/// ```
pub fn unbounded_channel<T>() -> (UnboundedSender<T>, UnboundedReceiver<T>) {
    let chan = Arc::new(Chan::new(None));
    (
        UnboundedSender { chan: chan.clone() },
        UnboundedReceiver { chan },
    )
}

impl<T> UnboundedSender<T> {
    /// Sends `value` without waiting.
    ///
    /// # Errors
    ///
    /// Gives `value` back in [`SendError`] if the receiver is closed or
    /// dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// let (tx, rx) = mpsc::unbounded_channel();
    /// drop(rx);
    /// assert_eq!(tx.send(1).unwrap_err().0, 1);
    /// ```
    pub fn send(&self, value: T) -> Result<(), SendError<T>> {
        self.chan.push(value, true).map_err(SendError)
    }

    /// Waits until the receiver is closed or dropped.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn closed(&self) {
        self.chan.closed().await
    }

    /// Whether the receiver is closed or dropped.
    pub fn is_closed(&self) -> bool {
        self.chan.is_rx_closed()
    }

    /// Whether both senders send to the same channel.
    pub fn same_channel(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.chan, &other.chan)
    }

    /// Makes a [`WeakUnboundedSender`], which does not keep the channel open.
    pub fn downgrade(&self) -> WeakUnboundedSender<T> {
        self.chan.inc_weak();
        WeakUnboundedSender {
            chan: self.chan.clone(),
        }
    }

    /// The number of [`UnboundedSender`]s of this channel.
    pub fn strong_count(&self) -> usize {
        self.chan.strong_count()
    }

    /// The number of [`WeakUnboundedSender`]s of this channel.
    pub fn weak_count(&self) -> usize {
        self.chan.weak_count()
    }
}

impl<T> Clone for UnboundedSender<T> {
    fn clone(&self) -> Self {
        self.chan.inc_tx();
        UnboundedSender {
            chan: self.chan.clone(),
        }
    }
}

impl<T> Drop for UnboundedSender<T> {
    fn drop(&mut self) {
        self.chan.dec_tx();
    }
}

impl<T> WeakUnboundedSender<T> {
    /// Makes an [`UnboundedSender`], unless every one is already gone.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// let (tx, _rx) = mpsc::unbounded_channel::<u8>();
    /// let weak = tx.downgrade();
    /// drop(tx);
    /// assert!(weak.upgrade().is_none());
    /// ```
    pub fn upgrade(&self) -> Option<UnboundedSender<T>> {
        self.chan.try_upgrade().then(|| UnboundedSender {
            chan: self.chan.clone(),
        })
    }

    /// The number of [`UnboundedSender`]s of this channel.
    pub fn strong_count(&self) -> usize {
        self.chan.strong_count()
    }

    /// The number of [`WeakUnboundedSender`]s of this channel.
    pub fn weak_count(&self) -> usize {
        self.chan.weak_count()
    }
}

impl<T> Clone for WeakUnboundedSender<T> {
    fn clone(&self) -> Self {
        self.chan.inc_weak();
        WeakUnboundedSender {
            chan: self.chan.clone(),
        }
    }
}

impl<T> Drop for WeakUnboundedSender<T> {
    fn drop(&mut self) {
        self.chan.dec_weak();
    }
}

impl<T> UnboundedReceiver<T> {
    /// Receives the next value; `None` once the channel is closed and
    /// empty.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if cancelled, no value was taken out of the channel.
    pub async fn recv(&mut self) -> Option<T> {
        poll_fn(|cx| self.poll_recv(cx)).await
    }

    /// Receives up to `limit` values into `buffer`, waiting for at least
    /// one; returns how many were added (0 at the end of the stream, or if
    /// `limit` is 0).
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn recv_many(&mut self, buffer: &mut Vec<T>, limit: usize) -> usize {
        poll_fn(|cx| self.poll_recv_many(cx, buffer, limit)).await
    }

    /// Takes the next value if one is queued.
    ///
    /// # Errors
    ///
    /// [`TryRecvError::Empty`] if none is queued yet,
    /// [`TryRecvError::Disconnected`] if none can arrive any more.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc::{self, error::TryRecvError};
    ///
    /// let (tx, mut rx) = mpsc::unbounded_channel();
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    /// tx.send(1).unwrap();
    /// drop(tx);
    /// assert_eq!(rx.try_recv(), Ok(1));
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    /// ```
    pub fn try_recv(&mut self) -> Result<T, TryRecvError> {
        self.chan.try_recv()
    }

    /// Blocks the thread until the next value (or the end of the stream).
    ///
    /// # Panics
    ///
    /// Panics if called from inside a runtime; use `recv().await` there.
    #[track_caller]
    pub fn blocking_recv(&mut self) -> Option<T> {
        crate::sync::block_on::block_on("UnboundedReceiver::recv", self.recv())
    }

    /// Blocking twin of [`recv_many`](Self::recv_many).
    ///
    /// # Panics
    ///
    /// Panics if called from inside a runtime.
    #[track_caller]
    pub fn blocking_recv_many(&mut self, buffer: &mut Vec<T>, limit: usize) -> usize {
        crate::sync::block_on::block_on(
            "UnboundedReceiver::recv_many",
            self.recv_many(buffer, limit),
        )
    }

    /// Closes the channel for sending; queued values can still be received.
    pub fn close(&mut self) {
        self.chan.close_rx();
    }

    /// Whether every sender is gone or [`close`](Self::close) was called.
    pub fn is_closed(&self) -> bool {
        self.chan.is_closed_for_rx()
    }

    /// Whether no value is queued.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of values queued.
    pub fn len(&self) -> usize {
        self.chan.len()
    }

    /// Polls for the next value; see [`recv`](Self::recv).
    pub fn poll_recv(&mut self, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut slot = None;
        self.chan
            .poll_recv_into(cx, Extend::One(&mut slot), 1)
            .map(|_| slot)
    }

    /// Polls for up to `limit` values; see [`recv_many`](Self::recv_many).
    pub fn poll_recv_many(
        &mut self,
        cx: &mut Context<'_>,
        buffer: &mut Vec<T>,
        limit: usize,
    ) -> Poll<usize> {
        if limit == 0 {
            return Poll::Ready(0);
        }
        self.chan.poll_recv_into(cx, Extend::Many(buffer), limit)
    }

    /// The number of [`UnboundedSender`]s of this channel.
    pub fn sender_strong_count(&self) -> usize {
        self.chan.strong_count()
    }

    /// The number of [`WeakUnboundedSender`]s of this channel.
    pub fn sender_weak_count(&self) -> usize {
        self.chan.weak_count()
    }
}

impl<T> Drop for UnboundedReceiver<T> {
    fn drop(&mut self) {
        self.chan.drop_rx();
    }
}

impl<T> fmt::Debug for UnboundedSender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnboundedSender").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for WeakUnboundedSender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WeakUnboundedSender")
            .finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for UnboundedReceiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnboundedReceiver").finish_non_exhaustive()
    }
}
