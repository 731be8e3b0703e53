//! A multi-producer, multi-consumer broadcast channel: every receiver sees
//! every value sent after it subscribed, as long as it keeps up.
//!
//! # Design
//!
//! A ring of `capacity` slots (rounded up to a power of two) under one
//! mutex, with the position `tail` of the next write. Each slot records the
//! position it holds and how many receivers still have to read it; the last
//! reader drops the value. Each receiver keeps the position it reads next.
//! A sender overwrites the oldest slot whether or not everyone has read it:
//! a receiver that finds its slot holding a newer position has lagged, is
//! told by how many values ([`RecvError::Lagged`]), and continues from the
//! oldest value still held.
//!
//! Waiting receivers sit in the crate's `WaitList`; a send wakes them all.
//!
//! # Examples
//!
//! ```
//! use runtime_core::sync::broadcast::{self, error::RecvError};
//!
//! # futures::executor::block_on(async {
//! let (tx, mut rx) = broadcast::channel(2);
//! for i in 0..3 {
//!     tx.send(i).unwrap();
//! }
//! // Capacity 2: the first value was overwritten.
//! assert_eq!(rx.recv().await, Err(RecvError::Lagged(1)));
//! assert_eq!(rx.recv().await, Ok(1));
//! assert_eq!(rx.recv().await, Ok(2));
//! # });
//! ```

pub mod error;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use self::error::{RecvError, SendError, TryRecvError};
use crate::loom::sync::atomic::{AtomicUsize, Ordering};
use crate::loom::sync::{Arc, Mutex};
use crate::sync::Notify;
use crate::sync::wait_list::{Key, WaitList, WakeList};
use crate::task::coop;

struct Slot<T> {
    /// The position this slot holds (meaningful once written).
    pos: u64,
    /// Receivers that still have to read it.
    rem: usize,
    value: Option<T>,
}

struct Inner<T> {
    buffer: Box<[Slot<T>]>,
    tail: u64,
    rx_count: usize,
    tx_count: usize,
    /// Every strong sender is gone.
    closed: bool,
    /// Receivers waiting for a value; the flag says "woken".
    waiters: WaitList<bool>,
}

struct Shared<T> {
    inner: Mutex<Inner<T>>,
    mask: u64,
    weak_count: AtomicUsize,
    /// Notified when the last receiver goes, for `Sender::closed`.
    no_receivers: Notify,
}

/// Sends values to every receiver; created by [`channel`].
pub struct Sender<T> {
    shared: Arc<Shared<T>>,
}

/// A sender that does not keep the channel open; created by
/// [`Sender::downgrade`].
pub struct WeakSender<T> {
    shared: Arc<Shared<T>>,
}

/// Receives every value sent after it subscribed; created by [`channel`],
/// [`Sender::subscribe`] or [`Receiver::resubscribe`].
pub struct Receiver<T> {
    shared: Arc<Shared<T>>,
    next: u64,
}

/// Creates a broadcast channel holding up to `capacity` values (rounded up
/// to a power of two) for receivers that fall behind.
///
/// # Panics
///
/// Panics if `capacity` is 0 or greater than `usize::MAX / 2`.
///
/// # Examples
///
/// ```
/// use runtime_core::sync::broadcast;
///
/// # futures::executor::block_on(async {
/// let (tx, mut rx1) = broadcast::channel(16);
/// let mut rx2 = tx.subscribe();
/// tx.send(10).unwrap();
/// assert_eq!(rx1.recv().await, Ok(10));
/// assert_eq!(rx2.recv().await, Ok(10));
/// # });
/// ```
#[track_caller]
pub fn channel<T: Clone>(capacity: usize) -> (Sender<T>, Receiver<T>) {
    let tx = Sender::new(capacity);
    let rx = tx.subscribe();
    (tx, rx)
}

impl<T> Shared<T> {
    fn capacity(&self) -> u64 {
        self.mask + 1
    }

    fn wake_receivers(inner: &mut Inner<T>) -> WakeList {
        let mut wake = WakeList::new();
        while let Some(key) = inner.waiters.pop_front() {
            *inner.waiters.get_mut(key) = true;
            wake.push(inner.waiters.take_waker(key));
        }
        wake
    }
}

impl<T> Sender<T> {
    /// Creates a channel with no receiver yet; make some with
    /// [`subscribe`](Self::subscribe).
    ///
    /// # Panics
    ///
    /// Panics if `capacity` is 0 or greater than `usize::MAX / 2`.
    #[track_caller]
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0, "broadcast channel capacity cannot be zero");
        assert!(
            capacity <= usize::MAX >> 1,
            "broadcast channel capacity exceeded `usize::MAX / 2`"
        );
        let capacity = capacity.next_power_of_two();
        let buffer = (0..capacity)
            .map(|_| Slot {
                pos: 0,
                rem: 0,
                value: None,
            })
            .collect();
        Sender {
            shared: Arc::new(Shared {
                inner: Mutex::new(Inner {
                    buffer,
                    tail: 0,
                    rx_count: 0,
                    tx_count: 1,
                    closed: false,
                    waiters: WaitList::new(),
                }),
                mask: capacity as u64 - 1,
                weak_count: AtomicUsize::new(0),
                no_receivers: Notify::new(),
            }),
        }
    }

    /// Sends `value` to every current receiver; returns how many there are.
    ///
    /// When the ring is full the oldest value is overwritten; receivers that
    /// had not read it get [`RecvError::Lagged`].
    ///
    /// # Errors
    ///
    /// Gives `value` back if there is no receiver.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::broadcast;
    ///
    /// let (tx, rx) = broadcast::channel(4);
    /// assert_eq!(tx.send(1).unwrap(), 1);
    /// drop(rx);
    /// assert_eq!(tx.send(2).unwrap_err().0, 2);
    /// ```
    pub fn send(&self, value: T) -> Result<usize, SendError<T>> {
        let mut inner = self.shared.inner.lock();
        if inner.rx_count == 0 {
            return Err(SendError(value));
        }
        let pos = inner.tail;
        let rx_count = inner.rx_count;
        let slot = &mut inner.buffer[(pos & self.shared.mask) as usize];
        slot.pos = pos;
        slot.rem = rx_count;
        let old = slot.value.replace(value);
        inner.tail = pos + 1;
        let wake = Shared::wake_receivers(&mut inner);
        drop(inner);
        drop(old);
        wake.wake_all();
        Ok(rx_count)
    }

    /// Makes a receiver that sees the values sent from now on.
    pub fn subscribe(&self) -> Receiver<T> {
        let mut inner = self.shared.inner.lock();
        inner.rx_count += 1;
        let next = inner.tail;
        drop(inner);
        Receiver {
            shared: self.shared.clone(),
            next,
        }
    }

    /// The number of values still held that some receiver has not read.
    pub fn len(&self) -> usize {
        let inner = self.shared.inner.lock();
        let start = inner.tail.saturating_sub(self.shared.capacity());
        (start..inner.tail)
            .filter(|&pos| {
                let slot = &inner.buffer[(pos & self.shared.mask) as usize];
                slot.pos == pos && slot.value.is_some()
            })
            .count()
    }

    /// Whether every value sent has been read by every receiver.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of receivers.
    pub fn receiver_count(&self) -> usize {
        self.shared.inner.lock().rx_count
    }

    /// Whether both senders send to the same channel.
    pub fn same_channel(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.shared, &other.shared)
    }

    /// Whether there is no receiver.
    pub fn is_closed(&self) -> bool {
        self.receiver_count() == 0
    }

    /// Waits until there is no receiver.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn closed(&self) {
        loop {
            let notified = self.shared.no_receivers.notified();
            if self.is_closed() {
                return;
            }
            notified.await;
        }
    }

    /// Makes a [`WeakSender`], which does not keep the channel open.
    pub fn downgrade(&self) -> WeakSender<T> {
        self.shared.weak_count.fetch_add(1, Ordering::Relaxed);
        WeakSender {
            shared: self.shared.clone(),
        }
    }

    /// The number of [`Sender`]s.
    pub fn strong_count(&self) -> usize {
        self.shared.inner.lock().tx_count
    }

    /// The number of [`WeakSender`]s.
    pub fn weak_count(&self) -> usize {
        self.shared.weak_count.load(Ordering::Acquire)
    }
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        self.shared.inner.lock().tx_count += 1;
        Sender {
            shared: self.shared.clone(),
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let mut inner = self.shared.inner.lock();
        inner.tx_count -= 1;
        if inner.tx_count == 0 {
            inner.closed = true;
            let wake = Shared::wake_receivers(&mut inner);
            drop(inner);
            wake.wake_all();
        }
    }
}

impl<T> WeakSender<T> {
    /// Makes a [`Sender`], unless every one is already gone.
    pub fn upgrade(&self) -> Option<Sender<T>> {
        let mut inner = self.shared.inner.lock();
        if inner.tx_count == 0 {
            return None;
        }
        inner.tx_count += 1;
        Some(Sender {
            shared: self.shared.clone(),
        })
    }

    /// The number of [`Sender`]s.
    pub fn strong_count(&self) -> usize {
        self.shared.inner.lock().tx_count
    }

    /// The number of [`WeakSender`]s.
    pub fn weak_count(&self) -> usize {
        self.shared.weak_count.load(Ordering::Acquire)
    }
}

impl<T> Clone for WeakSender<T> {
    fn clone(&self) -> Self {
        self.shared.weak_count.fetch_add(1, Ordering::Relaxed);
        WeakSender {
            shared: self.shared.clone(),
        }
    }
}

impl<T> Drop for WeakSender<T> {
    fn drop(&mut self) {
        self.shared.weak_count.fetch_sub(1, Ordering::AcqRel);
    }
}

impl<T> Receiver<T> {
    /// The number of values sent that this receiver has not read yet (more
    /// than the capacity means the next receive reports a lag).
    pub fn len(&self) -> usize {
        let inner = self.shared.inner.lock();
        (inner.tail - self.next) as usize
    }

    /// Whether this receiver has read every value sent.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether every sender is gone.
    pub fn is_closed(&self) -> bool {
        self.shared.inner.lock().closed
    }

    /// Whether both receivers listen to the same channel.
    pub fn same_channel(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.shared, &other.shared)
    }

    /// The number of [`Sender`]s.
    pub fn sender_strong_count(&self) -> usize {
        self.shared.inner.lock().tx_count
    }

    /// The number of [`WeakSender`]s.
    pub fn sender_weak_count(&self) -> usize {
        self.shared.weak_count.load(Ordering::Acquire)
    }

    /// Makes a new receiver that sees the values sent from now on (not the
    /// ones this receiver has yet to read).
    pub fn resubscribe(&self) -> Self {
        let mut inner = self.shared.inner.lock();
        inner.rx_count += 1;
        let next = inner.tail;
        drop(inner);
        Receiver {
            shared: self.shared.clone(),
            next,
        }
    }
}

/// The outcome of reading at a receiver's position.
enum Read<T> {
    Value(T),
    Lagged(u64),
    Empty,
    Closed,
}

impl<T: Clone> Receiver<T> {
    fn read_locked(&mut self, inner: &mut Inner<T>) -> Read<T> {
        if self.next == inner.tail {
            return if inner.closed {
                Read::Closed
            } else {
                Read::Empty
            };
        }
        let slot = &mut inner.buffer[(self.next & self.shared.mask) as usize];
        if slot.pos != self.next {
            let oldest = inner.tail - self.shared.capacity();
            let missed = oldest - self.next;
            self.next = oldest;
            return Read::Lagged(missed);
        }
        // Advance first: if `clone` panics, this receiver has still
        // consumed the value (as tokio's does) and the next read moves on.
        self.next += 1;
        slot.rem -= 1;
        let value = slot
            .value
            .as_ref()
            .expect("broadcast slot read by more receivers than counted")
            .clone();
        if slot.rem == 0 {
            slot.value = None;
        }
        Read::Value(value)
    }

    /// Receives the next value.
    ///
    /// # Errors
    ///
    /// [`RecvError::Lagged`] if values were overwritten before this receiver
    /// read them (the next call continues with the oldest value held);
    /// [`RecvError::Closed`] once every sender is gone and every value was
    /// read.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if cancelled, no value was taken.
    pub async fn recv(&mut self) -> Result<T, RecvError> {
        Recv {
            rx: self,
            key: None,
        }
        .await
    }

    /// Takes the next value if one is waiting.
    ///
    /// # Errors
    ///
    /// [`TryRecvError::Empty`] if none is waiting, otherwise as
    /// [`recv`](Self::recv).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::broadcast::{self, error::TryRecvError};
    ///
    /// let (tx, mut rx) = broadcast::channel(1);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    /// tx.send(1).unwrap();
    /// drop(tx);
    /// assert_eq!(rx.try_recv(), Ok(1));
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));
    /// ```
    pub fn try_recv(&mut self) -> Result<T, TryRecvError> {
        let shared = self.shared.clone();
        let mut inner = shared.inner.lock();
        match self.read_locked(&mut inner) {
            Read::Value(v) => Ok(v),
            Read::Lagged(n) => Err(TryRecvError::Lagged(n)),
            Read::Empty => Err(TryRecvError::Empty),
            Read::Closed => Err(TryRecvError::Closed),
        }
    }

    /// Blocks the thread until the next value, from outside any runtime.
    ///
    /// # Errors
    ///
    /// As [`recv`](Self::recv).
    ///
    /// # Panics
    ///
    /// Panics if called from inside a runtime; use `recv().await` there.
    #[track_caller]
    pub fn blocking_recv(&mut self) -> Result<T, RecvError> {
        crate::sync::block_on::block_on("Receiver::recv", self.recv())
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut inner = self.shared.inner.lock();
        inner.rx_count -= 1;
        let last = inner.rx_count == 0;
        // Give up this receiver's claim on every value it has not read.
        let start = self
            .next
            .max(inner.tail.saturating_sub(self.shared.capacity()));
        let mut dropped = Vec::new();
        for pos in start..inner.tail {
            let slot = &mut inner.buffer[(pos & self.shared.mask) as usize];
            if slot.pos == pos && slot.value.is_some() {
                slot.rem -= 1;
                if slot.rem == 0 {
                    dropped.extend(slot.value.take());
                }
            }
        }
        drop(inner);
        drop(dropped);
        if last {
            self.shared.no_receivers.notify_waiters();
        }
    }
}

/// The future of [`Receiver::recv`]; leaves the wait list when dropped.
struct Recv<'a, T> {
    rx: &'a mut Receiver<T>,
    key: Option<Key>,
}

impl<T: Clone> Future for Recv<'_, T> {
    type Output = Result<T, RecvError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let coop = ready!(coop::poll_proceed(cx));
        let shared = this.rx.shared.clone();
        // Declared before the guard, so dropped after it is released: a
        // waker's drop may re-enter the channel.
        let mut _stale_waker = None;
        let mut inner = shared.inner.lock();
        let out = match this.rx.read_locked(&mut inner) {
            Read::Value(v) => Ok(v),
            Read::Lagged(n) => Err(RecvError::Lagged(n)),
            Read::Closed => Err(RecvError::Closed),
            Read::Empty => {
                match this.key {
                    Some(key) if !*inner.waiters.get(key) => {
                        _stale_waker = inner.waiters.set_waker(key, cx.waker());
                    }
                    Some(key) => {
                        // Woken, but the value was already overwritten or
                        // is not there yet: wait again.
                        _stale_waker = inner.waiters.remove(key).1;
                        this.key = Some(inner.waiters.push_back(false, Some(cx.waker().clone())));
                    }
                    None => {
                        this.key = Some(inner.waiters.push_back(false, Some(cx.waker().clone())));
                    }
                }
                return Poll::Pending;
            }
        };
        if let Some(key) = this.key.take() {
            _stale_waker = inner.waiters.remove(key).1;
        }
        drop(inner);
        drop(_stale_waker);
        coop.made_progress();
        Poll::Ready(out)
    }
}

impl<T> Drop for Recv<'_, T> {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            // The guard is a temporary of this statement: the waker drops
            // after the lock is released.
            let (_, stale_waker) = self.rx.shared.inner.lock().waiters.remove(key);
            drop(stale_waker);
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
        f.debug_struct("Receiver")
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_broadcast {
    use super::*;
    use crate::loom::thread;

    #[test]
    fn send_races_recv() {
        loom::model(|| {
            let (tx, mut rx) = channel(2);
            let th = thread::spawn(move || {
                tx.send(1).unwrap();
            });
            assert_eq!(loom::future::block_on(rx.recv()), Ok(1));
            assert_eq!(loom::future::block_on(rx.recv()), Err(RecvError::Closed));
            th.join().unwrap();
        });
    }

    #[test]
    fn lag_is_reported_then_oldest_follows() {
        loom::model(|| {
            let (tx, mut rx) = channel(1);
            let th = thread::spawn(move || {
                tx.send(1).unwrap();
                tx.send(2).unwrap();
            });
            let mut got = Vec::new();
            loop {
                match loom::future::block_on(rx.recv()) {
                    Ok(v) => got.push(Ok(v)),
                    Err(RecvError::Lagged(n)) => got.push(Err(n)),
                    Err(RecvError::Closed) => break,
                }
            }
            th.join().unwrap();
            // Either both values were read, or the first was overwritten.
            assert!(got == [Ok(1), Ok(2)] || got == [Err(1), Ok(2)], "{got:?}");
        });
    }
}
