//! The bounded channel: [`Sender`], [`Receiver`], [`WeakSender`] and the
//! reserved-slot handles [`Permit`], [`OwnedPermit`] and [`PermitIterator`].

use std::fmt;
use std::future::{Future, poll_fn};
use std::task::{Context, Poll};

use crate::loom::sync::Arc;
use crate::sync::batch_semaphore::TryAcquireError;

use super::chan::{Chan, Extend};
use super::error::{SendError, SendTimeoutError, TryRecvError, TrySendError};

/// Sends values to the bounded channel's [`Receiver`]; created by
/// [`channel`](super::channel). Clone it to send from several tasks.
pub struct Sender<T> {
    chan: Arc<Chan<T>>,
}

/// A sender that does not keep the channel open; upgrade it to a
/// [`Sender`] to send. Created by [`Sender::downgrade`].
pub struct WeakSender<T> {
    chan: Arc<Chan<T>>,
}

/// Receives the values of a bounded channel; created by
/// [`channel`](super::channel).
pub struct Receiver<T> {
    chan: Arc<Chan<T>>,
}

/// One reserved slot in the channel, borrowed from a [`Sender`]; created by
/// [`Sender::reserve`]. Sending through it cannot fail or wait; dropping it
/// gives the slot back.
pub struct Permit<'a, T> {
    chan: &'a Chan<T>,
}

/// One reserved slot that owns its [`Sender`]; created by
/// [`Sender::reserve_owned`].
pub struct OwnedPermit<T> {
    chan: Option<Sender<T>>,
}

/// An iterator of reserved slots, created by [`Sender::reserve_many`]; each
/// item is a [`Permit`]. Slots not taken out are given back on drop.
pub struct PermitIterator<'a, T> {
    chan: &'a Chan<T>,
    n: usize,
}

/// Creates a bounded channel holding at most `buffer` values.
///
/// # Panics
///
/// Panics if `buffer` is 0, or greater than
/// [`Semaphore::MAX_PERMITS`](crate::sync::Semaphore::MAX_PERMITS).
///
/// # Examples
///
/// ```
/// use runtime_core::sync::mpsc;
///
/// # futures::executor::block_on(async {
/// let (tx, mut rx) = mpsc::channel(8);
/// tx.send("hello").await.unwrap();
/// drop(tx);
/// assert_eq!(rx.recv().await, Some("hello"));
/// assert_eq!(rx.recv().await, None);
/// # });
/// ```
#[track_caller]
pub fn channel<T>(buffer: usize) -> (Sender<T>, Receiver<T>) {
    assert!(buffer > 0, "mpsc bounded channel requires buffer > 0");
    assert!(
        buffer <= crate::sync::Semaphore::MAX_PERMITS,
        "mpsc bounded channel buffer may not exceed Semaphore::MAX_PERMITS"
    );
    let chan = Arc::new(Chan::new(Some(buffer)));
    (Sender { chan: chan.clone() }, Receiver { chan })
}

impl<T> Sender<T> {
    /// Sends `value`, waiting for a free slot if the channel is full.
    ///
    /// # Errors
    ///
    /// Gives `value` back in [`SendError`] if the receiver is closed or
    /// dropped.
    ///
    /// # Cancel safety
    ///
    /// If cancelled, the value was not sent; it is dropped with the future.
    /// Senders wait for a slot in FIFO order; cancelling gives up the place
    /// in the queue. Use [`reserve`](Self::reserve) to keep the value on
    /// cancellation.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, rx) = mpsc::channel(1);
    /// drop(rx);
    /// assert_eq!(tx.send(7).await.unwrap_err().0, 7);
    /// # });
    /// ```
    pub async fn send(&self, value: T) -> Result<(), SendError<T>> {
        match self.reserve().await {
            Ok(permit) => {
                permit.send(value);
                Ok(())
            }
            Err(_) => Err(SendError(value)),
        }
    }

    /// Sends `value`, waiting for a free slot at most `timeout`.
    ///
    /// The timeout runs on the runtime's clock (so it follows a paused
    /// clock in tests). It needs a runtime with the time driver: in the
    /// facade, `Builder::enable_time` or `enable_all`.
    ///
    /// # Errors
    ///
    /// [`SendTimeoutError::Timeout`] when no slot freed up in time,
    /// [`SendTimeoutError::Closed`] when the receiver is closed; both carry
    /// the value back.
    ///
    /// # Panics
    ///
    /// Panics outside a runtime, or on a runtime without the time driver,
    /// with a message that names `enable_time`.
    ///
    /// # Cancel safety
    ///
    /// As [`send`](Self::send): if cancelled, the value is dropped with the
    /// future and the place in the queue is lost.
    ///
    /// [`SendTimeoutError::Timeout`]: super::error::SendTimeoutError::Timeout
    /// [`SendTimeoutError::Closed`]: super::error::SendTimeoutError::Closed
    pub async fn send_timeout(
        &self,
        value: T,
        timeout: std::time::Duration,
    ) -> Result<(), SendTimeoutError<T>> {
        let mut sleep = crate::runtime::driver::current_sleep(timeout);
        let reserve = self.reserve();
        let mut reserve = std::pin::pin!(reserve);
        let reserved = poll_fn(|cx| {
            // The channel first: a slot that is free at the deadline wins.
            if let Poll::Ready(res) = reserve.as_mut().poll(cx) {
                return Poll::Ready(Some(res));
            }
            match sleep.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(None),
                Poll::Pending => Poll::Pending,
            }
        })
        .await;
        match reserved {
            Some(Ok(permit)) => {
                permit.send(value);
                Ok(())
            }
            Some(Err(_)) => Err(SendTimeoutError::Closed(value)),
            None => Err(SendTimeoutError::Timeout(value)),
        }
    }

    /// Sends `value` if a slot is free right now.
    ///
    /// # Errors
    ///
    /// [`TrySendError::Full`] if the channel is full,
    /// [`TrySendError::Closed`] if the receiver is closed; both carry the
    /// value back.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc::{self, error::TrySendError};
    ///
    /// let (tx, _rx) = mpsc::channel(1);
    /// tx.try_send(1).unwrap();
    /// assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)));
    /// ```
    pub fn try_send(&self, value: T) -> Result<(), TrySendError<T>> {
        match self.chan.semaphore().try_acquire(1) {
            Ok(()) => {
                Permit { chan: &self.chan }.send(value);
                Ok(())
            }
            Err(TryAcquireError::NoPermits) => Err(TrySendError::Full(value)),
            Err(TryAcquireError::Closed) => Err(TrySendError::Closed(value)),
        }
    }

    /// Sends `value` from a thread outside any runtime, blocking it until a
    /// slot is free.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send).
    ///
    /// # Panics
    ///
    /// Panics if called from inside a runtime; use `send(..).await` there.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// let (tx, mut rx) = mpsc::channel(1);
    /// let th = std::thread::spawn(move || tx.blocking_send(5).unwrap());
    /// assert_eq!(rx.blocking_recv(), Some(5));
    /// th.join().unwrap();
    /// ```
    #[track_caller]
    pub fn blocking_send(&self, value: T) -> Result<(), SendError<T>> {
        crate::sync::block_on::block_on("Sender::send", self.send(value))
    }

    /// Waits for a free slot and reserves it.
    ///
    /// # Errors
    ///
    /// [`SendError`] if the receiver is closed or dropped.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: waiters are served in FIFO order, and cancelling gives
    /// up the place in the queue without losing a slot.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, mut rx) = mpsc::channel(1);
    /// let permit = tx.reserve().await.unwrap();
    /// assert!(tx.try_send(1).is_err()); // the only slot is reserved
    /// permit.send(2);
    /// assert_eq!(rx.recv().await, Some(2));
    /// # });
    /// ```
    pub async fn reserve(&self) -> Result<Permit<'_, T>, SendError<()>> {
        self.chan.acquire(1).await.map_err(|_| SendError(()))?;
        Ok(Permit { chan: &self.chan })
    }

    /// Waits for `n` free slots and reserves them all at once.
    ///
    /// # Errors
    ///
    /// [`SendError`] if the receiver is closed, or if `n` exceeds
    /// [`max_capacity`](Self::max_capacity).
    ///
    /// # Cancel safety
    ///
    /// Cancel safe, as [`reserve`](Self::reserve).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, mut rx) = mpsc::channel(4);
    /// let mut permits = tx.reserve_many(2).await.unwrap();
    /// assert_eq!(tx.capacity(), 2);
    /// permits.next().unwrap().send(1);
    /// permits.next().unwrap().send(2);
    /// assert!(permits.next().is_none());
    /// assert_eq!(rx.recv().await, Some(1));
    /// # });
    /// ```
    pub async fn reserve_many(&self, n: usize) -> Result<PermitIterator<'_, T>, SendError<()>> {
        if n > self.max_capacity() {
            return Err(SendError(()));
        }
        self.chan.acquire(n).await.map_err(|_| SendError(()))?;
        Ok(PermitIterator {
            chan: &self.chan,
            n,
        })
    }

    /// Reserves `n` slots if they are free right now.
    ///
    /// # Errors
    ///
    /// [`TrySendError::Full`] if fewer than `n` slots are free (or `n`
    /// exceeds the capacity), [`TrySendError::Closed`] if the receiver is
    /// closed.
    pub fn try_reserve_many(&self, n: usize) -> Result<PermitIterator<'_, T>, TrySendError<()>> {
        if n > self.max_capacity() {
            return Err(TrySendError::Full(()));
        }
        match self.chan.semaphore().try_acquire(n) {
            Ok(()) => Ok(PermitIterator {
                chan: &self.chan,
                n,
            }),
            Err(TryAcquireError::NoPermits) => Err(TrySendError::Full(())),
            Err(TryAcquireError::Closed) => Err(TrySendError::Closed(())),
        }
    }

    /// Waits for a free slot and reserves it, moving the sender into the
    /// returned permit.
    ///
    /// # Errors
    ///
    /// [`SendError`] if the receiver is closed or dropped.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe, as [`reserve`](Self::reserve).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, mut rx) = mpsc::channel(1);
    /// let permit = tx.reserve_owned().await.unwrap();
    /// let tx = permit.send(3);
    /// assert_eq!(rx.recv().await, Some(3));
    /// # drop(tx);
    /// # });
    /// ```
    pub async fn reserve_owned(self) -> Result<OwnedPermit<T>, SendError<()>> {
        self.chan.acquire(1).await.map_err(|_| SendError(()))?;
        Ok(OwnedPermit { chan: Some(self) })
    }

    /// Reserves a slot if one is free right now.
    ///
    /// # Errors
    ///
    /// [`TrySendError::Full`] or [`TrySendError::Closed`].
    pub fn try_reserve(&self) -> Result<Permit<'_, T>, TrySendError<()>> {
        match self.chan.semaphore().try_acquire(1) {
            Ok(()) => Ok(Permit { chan: &self.chan }),
            Err(TryAcquireError::NoPermits) => Err(TrySendError::Full(())),
            Err(TryAcquireError::Closed) => Err(TrySendError::Closed(())),
        }
    }

    /// Reserves a slot if one is free right now, moving the sender into the
    /// permit.
    ///
    /// # Errors
    ///
    /// [`TrySendError::Full`] or [`TrySendError::Closed`], giving the sender
    /// back.
    pub fn try_reserve_owned(self) -> Result<OwnedPermit<T>, TrySendError<Self>> {
        match self.chan.semaphore().try_acquire(1) {
            Ok(()) => Ok(OwnedPermit { chan: Some(self) }),
            Err(TryAcquireError::NoPermits) => Err(TrySendError::Full(self)),
            Err(TryAcquireError::Closed) => Err(TrySendError::Closed(self)),
        }
    }

    /// Waits until the receiver is closed or dropped.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, rx) = mpsc::channel::<()>(1);
    /// drop(rx);
    /// tx.closed().await;
    /// assert!(tx.is_closed());
    /// # });
    /// ```
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

    /// The number of free slots right now.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// let (tx, _rx) = mpsc::channel(3);
    /// tx.try_send(()).unwrap();
    /// assert_eq!((tx.capacity(), tx.max_capacity()), (2, 3));
    /// ```
    pub fn capacity(&self) -> usize {
        self.chan.semaphore().available_permits()
    }

    /// The capacity the channel was created with.
    pub fn max_capacity(&self) -> usize {
        self.chan.bound.as_ref().map_or(0, |b| b.max)
    }

    /// Makes a [`WeakSender`], which does not keep the channel open.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// let (tx, _rx) = mpsc::channel::<u8>(1);
    /// let weak = tx.downgrade();
    /// assert!(weak.upgrade().is_some());
    /// drop(tx);
    /// assert!(weak.upgrade().is_none());
    /// ```
    pub fn downgrade(&self) -> WeakSender<T> {
        self.chan.inc_weak();
        WeakSender {
            chan: self.chan.clone(),
        }
    }

    /// The number of [`Sender`]s of this channel.
    pub fn strong_count(&self) -> usize {
        self.chan.strong_count()
    }

    /// The number of [`WeakSender`]s of this channel.
    pub fn weak_count(&self) -> usize {
        self.chan.weak_count()
    }
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        self.chan.inc_tx();
        Sender {
            chan: self.chan.clone(),
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        self.chan.dec_tx();
    }
}

impl<T> WeakSender<T> {
    /// Makes a [`Sender`], unless every `Sender` is already gone.
    pub fn upgrade(&self) -> Option<Sender<T>> {
        self.chan.try_upgrade().then(|| Sender {
            chan: self.chan.clone(),
        })
    }

    /// The number of [`Sender`]s of this channel.
    pub fn strong_count(&self) -> usize {
        self.chan.strong_count()
    }

    /// The number of [`WeakSender`]s of this channel.
    pub fn weak_count(&self) -> usize {
        self.chan.weak_count()
    }
}

impl<T> Clone for WeakSender<T> {
    fn clone(&self) -> Self {
        self.chan.inc_weak();
        WeakSender {
            chan: self.chan.clone(),
        }
    }
}

impl<T> Drop for WeakSender<T> {
    fn drop(&mut self) {
        self.chan.dec_weak();
    }
}

impl<T> Receiver<T> {
    /// Receives the next value; `None` once the channel is closed and
    /// empty.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if cancelled, no value was taken out of the channel.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, mut rx) = mpsc::channel(2);
    /// tx.send(1).await.unwrap();
    /// assert_eq!(rx.recv().await, Some(1));
    /// # });
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, mut rx) = mpsc::channel(4);
    /// for i in 0..3 { tx.send(i).await.unwrap(); }
    /// let mut buf = Vec::new();
    /// assert_eq!(rx.recv_many(&mut buf, 2).await, 2);
    /// assert_eq!(buf, [0, 1]);
    /// # });
    /// ```
    pub async fn recv_many(&mut self, buffer: &mut Vec<T>, limit: usize) -> usize {
        poll_fn(|cx| self.poll_recv_many(cx, buffer, limit)).await
    }

    /// Takes the next value if one is queued.
    ///
    /// # Errors
    ///
    /// [`TryRecvError::Empty`] if none is queued yet,
    /// [`TryRecvError::Disconnected`] if none can arrive any more.
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
        crate::sync::block_on::block_on("Receiver::recv", self.recv())
    }

    /// Blocking twin of [`recv_many`](Self::recv_many).
    ///
    /// # Panics
    ///
    /// Panics if called from inside a runtime.
    #[track_caller]
    pub fn blocking_recv_many(&mut self, buffer: &mut Vec<T>, limit: usize) -> usize {
        crate::sync::block_on::block_on("Receiver::recv_many", self.recv_many(buffer, limit))
    }

    /// Closes the channel for sending, without dropping the receiver:
    /// values already sent, and values sent through permits already
    /// reserved, can still be received.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, mut rx) = mpsc::channel(2);
    /// tx.send(1).await.unwrap();
    /// rx.close();
    /// assert!(tx.send(2).await.is_err());
    /// assert_eq!(rx.recv().await, Some(1));
    /// assert_eq!(rx.recv().await, None);
    /// # });
    /// ```
    pub fn close(&mut self) {
        self.chan.close_rx();
    }

    /// Whether the channel is closed: every sender is gone or
    /// [`close`](Self::close) was called.
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

    /// The number of free slots right now.
    pub fn capacity(&self) -> usize {
        self.chan.semaphore().available_permits()
    }

    /// The capacity the channel was created with.
    pub fn max_capacity(&self) -> usize {
        self.chan.bound.as_ref().map_or(0, |b| b.max)
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

    /// The number of [`Sender`]s of this channel.
    pub fn sender_strong_count(&self) -> usize {
        self.chan.strong_count()
    }

    /// The number of [`WeakSender`]s of this channel.
    pub fn sender_weak_count(&self) -> usize {
        self.chan.weak_count()
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        self.chan.drop_rx();
    }
}

impl<T> Permit<'_, T> {
    /// Sends `value` into the reserved slot; never waits or fails.
    pub fn send(self, value: T) {
        let chan = self.chan;
        std::mem::forget(self);
        if chan.push(value, false).is_err() {
            // The receiver is gone: the value is dropped, the slot freed.
            chan.release_permits(1);
        }
    }
}

impl<T> Drop for Permit<'_, T> {
    fn drop(&mut self) {
        self.chan.release_permits(1);
    }
}

impl<T> OwnedPermit<T> {
    /// Sends `value` into the reserved slot and gives the sender back.
    pub fn send(mut self, value: T) -> Sender<T> {
        let sender = self.chan.take().expect("permit already used");
        if sender.chan.push(value, false).is_err() {
            sender.chan.release_permits(1);
        }
        sender
    }

    /// Gives the slot back without sending, returning the sender.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::mpsc;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, _rx) = mpsc::channel::<u8>(1);
    /// let permit = tx.reserve_owned().await.unwrap();
    /// let tx = permit.release();
    /// assert_eq!(tx.capacity(), 1);
    /// # });
    /// ```
    pub fn release(mut self) -> Sender<T> {
        let sender = self.chan.take().expect("permit already used");
        sender.chan.release_permits(1);
        sender
    }

    /// Whether both permits send to the same channel.
    pub fn same_channel(&self, other: &Self) -> bool {
        match (&self.chan, &other.chan) {
            (Some(a), Some(b)) => a.same_channel(b),
            _ => false,
        }
    }

    /// Whether this permit sends to the channel of `other`.
    pub fn same_channel_as_sender(&self, other: &Sender<T>) -> bool {
        self.chan.as_ref().is_some_and(|s| s.same_channel(other))
    }
}

impl<T> Drop for OwnedPermit<T> {
    fn drop(&mut self) {
        if let Some(sender) = self.chan.take() {
            sender.chan.release_permits(1);
        }
    }
}

impl<'a, T> Iterator for PermitIterator<'a, T> {
    type Item = Permit<'a, T>;

    fn next(&mut self) -> Option<Permit<'a, T>> {
        if self.n == 0 {
            return None;
        }
        self.n -= 1;
        Some(Permit { chan: self.chan })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.n, Some(self.n))
    }
}

impl<T> ExactSizeIterator for PermitIterator<'_, T> {}

impl<T> Drop for PermitIterator<'_, T> {
    fn drop(&mut self) {
        if self.n > 0 {
            self.chan.release_permits(self.n);
        }
    }
}

impl<T> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for WeakSender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WeakSender").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for Permit<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Permit").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for OwnedPermit<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedPermit").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for PermitIterator<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PermitIterator")
            .field("remaining", &self.n)
            .finish()
    }
}
