//! A single-value channel: receivers see the most recent value and are told
//! when it changes.
//!
//! # Design
//!
//! The value sits in a small blocking reader-writer lock (`value_lock.rs`)
//! so that [`Receiver::borrow`] is a plain read guard. Next to it, one
//! atomic word holds `version << 1 | CLOSED`: every send bumps the version
//! (under the write lock, so a reader that holds the value also knows which
//! version it is), and the last sender to go sets `CLOSED`. Each receiver
//! remembers the version it last saw. Waiting is done on two [`Notify`]s,
//! one for receivers (a new value, or closed) and one for senders (every
//! receiver gone); a waiter creates its `Notified` before checking the
//! state, so a change in between is never missed.
//!
//! # Examples
//!
//! ```
//! use runtime_core::sync::watch;
//!
//! # futures::executor::block_on(async {
//! let (tx, mut rx) = watch::channel("off");
//! tx.send("on").unwrap();
//! rx.changed().await.unwrap();
//! assert_eq!(*rx.borrow_and_update(), "on");
//! drop(tx);
//! assert!(rx.changed().await.is_err());
//! # });
//! ```

pub mod error;
mod value_lock;

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use self::error::{RecvError, SendError};
use self::value_lock::{ReadGuard, ValueLock};
use crate::loom::sync::Arc;
use crate::loom::sync::atomic::{AtomicUsize, Ordering};
use crate::sync::Notify;

const CLOSED: usize = 1;
const STEP: usize = 2;

struct Shared<T> {
    value: ValueLock<T>,
    /// `version << 1 | CLOSED`.
    state: AtomicUsize,
    rx_count: AtomicUsize,
    tx_count: AtomicUsize,
    notify_rx: Notify,
    notify_tx: Notify,
}

impl<T> Shared<T> {
    fn version(&self) -> usize {
        self.state.load(Ordering::SeqCst) & !CLOSED
    }

    /// Waits for a version other than `*seen`, then records it. Not
    /// cooperative by itself: the public waits that use it are, once each.
    async fn changed(&self, seen: &mut usize) -> Result<(), RecvError> {
        loop {
            let notified = self.notify_rx.notified();
            let state = self.state.load(Ordering::SeqCst);
            let version = state & !CLOSED;
            if version != *seen {
                *seen = version;
                return Ok(());
            }
            if state & CLOSED == CLOSED {
                return Err(RecvError(()));
            }
            notified.await;
        }
    }
}

/// Publishes new values; created by [`channel`] or [`Sender::new`].
pub struct Sender<T> {
    shared: Arc<Shared<T>>,
}

/// Observes the latest value; created by [`channel`] or
/// [`Sender::subscribe`].
pub struct Receiver<T> {
    shared: Arc<Shared<T>>,
    version: usize,
}

/// A read guard on the channel's value, returned by the `borrow` methods.
///
/// Holding it blocks senders (on their thread): keep it short, and never
/// hold it across an `.await`.
pub struct Ref<'a, T> {
    guard: ReadGuard<'a, T>,
    has_changed: bool,
    /// A read guard belongs to the thread that took it (as tokio's).
    _not_send: PhantomData<NotSend>,
}

/// A `Sync` but not `Send` marker.
struct NotSend(#[allow(dead_code)] *const ());

// SAFETY: `NotSend` holds no data; it exists only to withdraw `Send`.
unsafe impl Sync for NotSend {}

/// Creates a watch channel holding `init`, which the receiver counts as
/// already seen.
///
/// # Examples
///
/// ```
/// use runtime_core::sync::watch;
///
/// let (tx, rx) = watch::channel(1);
/// assert_eq!(*rx.borrow(), 1);
/// tx.send(2).unwrap();
/// assert_eq!(*rx.borrow(), 2);
/// ```
pub fn channel<T>(init: T) -> (Sender<T>, Receiver<T>) {
    let shared = Arc::new(Shared {
        value: ValueLock::new(init),
        state: AtomicUsize::new(0),
        rx_count: AtomicUsize::new(1),
        tx_count: AtomicUsize::new(1),
        notify_rx: Notify::new(),
        notify_tx: Notify::new(),
    });
    (
        Sender {
            shared: shared.clone(),
        },
        Receiver { shared, version: 0 },
    )
}

impl<T> Ref<'_, T> {
    /// Whether this value had not been seen by the receiver when it was
    /// borrowed (always `false` for [`Sender::borrow`]).
    pub fn has_changed(&self) -> bool {
        self.has_changed
    }
}

impl<T> Deref for Ref<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.guard
    }
}

impl<T: fmt::Debug> fmt::Debug for Ref<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T> Receiver<T> {
    /// Borrows the current value without marking it seen.
    ///
    /// Do not hold the returned [`Ref`] across an `.await`: it blocks
    /// senders.
    pub fn borrow(&self) -> Ref<'_, T> {
        let guard = self.shared.value.read();
        let has_changed = self.shared.version() != self.version;
        Ref {
            guard,
            has_changed,
            _not_send: PhantomData,
        }
    }

    /// Borrows the current value and marks it seen.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::watch;
    ///
    /// let (tx, mut rx) = watch::channel(0);
    /// tx.send(1).unwrap();
    /// assert!(rx.borrow_and_update().has_changed());
    /// assert!(!rx.has_changed().unwrap());
    /// ```
    pub fn borrow_and_update(&mut self) -> Ref<'_, T> {
        let guard = self.shared.value.read();
        let version = self.shared.version();
        let has_changed = version != self.version;
        self.version = version;
        Ref {
            guard,
            has_changed,
            _not_send: PhantomData,
        }
    }

    /// Whether a value this receiver has not seen is in the channel.
    ///
    /// # Errors
    ///
    /// [`RecvError`] if every sender is gone.
    pub fn has_changed(&self) -> Result<bool, RecvError> {
        let state = self.shared.state.load(Ordering::SeqCst);
        if state & CLOSED == CLOSED {
            return Err(RecvError(()));
        }
        Ok(state & !CLOSED != self.version)
    }

    /// Whether every sender is gone.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::watch;
    ///
    /// let (tx, rx) = watch::channel(());
    /// assert!(!rx.is_closed());
    /// drop(tx);
    /// assert!(rx.is_closed());
    /// ```
    pub fn is_closed(&self) -> bool {
        self.shared.state.load(Ordering::SeqCst) & CLOSED == CLOSED
    }

    /// Marks the current value as not seen, so the next `changed` returns at
    /// once.
    pub fn mark_changed(&mut self) {
        self.version = self.shared.version().wrapping_sub(STEP);
    }

    /// Marks the current value as seen.
    pub fn mark_unchanged(&mut self) {
        self.version = self.shared.version();
    }

    /// Waits for a value this receiver has not seen, and marks it seen.
    ///
    /// # Errors
    ///
    /// [`RecvError`] once every sender is gone and the last value was seen.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::watch;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, mut rx) = watch::channel(0);
    /// tx.send(1).unwrap();
    /// drop(tx);
    /// // The new value is reported before the close.
    /// assert!(rx.changed().await.is_ok());
    /// assert!(rx.changed().await.is_err());
    /// # });
    /// ```
    pub async fn changed(&mut self) -> Result<(), RecvError> {
        crate::task::coop::cooperative(self.shared.changed(&mut self.version)).await
    }

    /// Waits until the value satisfies `f` (checking the current value
    /// first), marks it seen and returns it borrowed.
    ///
    /// # Errors
    ///
    /// [`RecvError`] if every sender is gone before a matching value is
    /// seen.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::watch;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, mut rx) = watch::channel(0);
    /// let th = std::thread::spawn(move || {
    ///     for i in 1..=5 {
    ///         tx.send(i).unwrap();
    ///     }
    /// });
    /// let v = *rx.wait_for(|v| *v == 5).await.unwrap();
    /// assert_eq!(v, 5);
    /// th.join().unwrap();
    /// # });
    /// ```
    pub async fn wait_for(
        &mut self,
        mut f: impl FnMut(&T) -> bool,
    ) -> Result<Ref<'_, T>, RecvError> {
        let shared = &*self.shared;
        let seen = &mut self.version;
        // Cooperative even when the value already matches: a loop of
        // `wait_for`s that never has to wait still yields in time.
        crate::task::coop::cooperative(async move {
            loop {
                let guard = shared.value.read();
                let version = shared.version();
                let has_changed = version != *seen;
                *seen = version;
                if f(&guard) {
                    return Ok(Ref {
                        guard,
                        has_changed,
                        _not_send: PhantomData,
                    });
                }
                drop(guard);
                shared.changed(seen).await?;
            }
        })
        .await
    }

    /// Whether both receivers watch the same channel.
    pub fn same_channel(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.shared, &other.shared)
    }
}

impl<T> Clone for Receiver<T> {
    fn clone(&self) -> Self {
        self.shared.rx_count.fetch_add(1, Ordering::Relaxed);
        Receiver {
            shared: self.shared.clone(),
            version: self.version,
        }
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        if self.shared.rx_count.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.shared.notify_tx.notify_waiters();
        }
    }
}

impl<T> Sender<T> {
    /// Creates a channel holding `init` with no receiver yet; make some
    /// with [`subscribe`](Self::subscribe).
    pub fn new(init: T) -> Self {
        let (tx, rx) = channel(init);
        drop(rx);
        tx
    }

    /// Stores `value` and notifies the receivers.
    ///
    /// # Errors
    ///
    /// Gives `value` back, without storing it, if there is no receiver.
    pub fn send(&self, value: T) -> Result<(), SendError<T>> {
        if self.shared.rx_count.load(Ordering::Acquire) == 0 {
            return Err(SendError(value));
        }
        self.send_replace(value);
        Ok(())
    }

    /// Modifies the value in place with `f` and notifies the receivers,
    /// whether or not any exists.
    pub fn send_modify<F: FnOnce(&mut T)>(&self, f: F) {
        self.send_if_modified(|v| {
            f(v);
            true
        });
    }

    /// Modifies the value in place with `f`; notifies the receivers only if
    /// `f` returns `true`. Returns what `f` returned.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::watch;
    ///
    /// let (tx, rx) = watch::channel(0);
    /// assert!(!tx.send_if_modified(|_| false));
    /// assert!(!rx.has_changed().unwrap());
    /// assert!(tx.send_if_modified(|v| { *v = 3; true }));
    /// assert!(rx.has_changed().unwrap());
    /// ```
    pub fn send_if_modified<F: FnOnce(&mut T) -> bool>(&self, f: F) -> bool {
        {
            let mut guard = self.shared.value.write();
            if !f(&mut guard) {
                return false;
            }
            self.shared.state.fetch_add(STEP, Ordering::SeqCst);
        }
        self.shared.notify_rx.notify_waiters();
        true
    }

    /// Stores `value`, returning the previous one, and notifies the
    /// receivers, whether or not any exists.
    pub fn send_replace(&self, mut value: T) -> T {
        self.send_modify(|old| std::mem::swap(old, &mut value));
        value
    }

    /// Borrows the current value.
    pub fn borrow(&self) -> Ref<'_, T> {
        Ref {
            guard: self.shared.value.read(),
            has_changed: false,
            _not_send: PhantomData,
        }
    }

    /// Whether every receiver is gone.
    pub fn is_closed(&self) -> bool {
        self.receiver_count() == 0
    }

    /// Waits until every receiver is gone.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn closed(&self) {
        // Cooperative even when every receiver is already gone, so that a
        // loop around it cannot starve the other tasks.
        crate::task::coop::cooperative(async {
            loop {
                let notified = self.shared.notify_tx.notified();
                if self.is_closed() {
                    return;
                }
                notified.await;
            }
        })
        .await
    }

    /// Makes a new receiver that counts the current value as seen.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::watch;
    ///
    /// let tx = watch::Sender::new(0);
    /// assert!(tx.send(1).is_err()); // no receiver yet
    /// let rx = tx.subscribe();
    /// assert!(!rx.has_changed().unwrap());
    /// tx.send(2).unwrap();
    /// assert!(rx.has_changed().unwrap());
    /// ```
    pub fn subscribe(&self) -> Receiver<T> {
        self.shared.rx_count.fetch_add(1, Ordering::AcqRel);
        Receiver {
            shared: self.shared.clone(),
            version: self.shared.version(),
        }
    }

    /// The number of receivers.
    pub fn receiver_count(&self) -> usize {
        self.shared.rx_count.load(Ordering::Acquire)
    }

    /// The number of senders.
    pub fn sender_count(&self) -> usize {
        self.shared.tx_count.load(Ordering::Acquire)
    }

    /// Whether both senders publish to the same channel.
    pub fn same_channel(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.shared, &other.shared)
    }
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        self.shared.tx_count.fetch_add(1, Ordering::Relaxed);
        Sender {
            shared: self.shared.clone(),
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        if self.shared.tx_count.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.shared.state.fetch_or(CLOSED, Ordering::SeqCst);
            self.shared.notify_rx.notify_waiters();
        }
    }
}

impl<T: Default> Default for Sender<T> {
    fn default() -> Self {
        Sender::new(T::default())
    }
}

impl<T: fmt::Debug> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender")
            .field("value", &*self.borrow())
            .finish()
    }
}

impl<T: fmt::Debug> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("version", &(self.version >> 1))
            .finish_non_exhaustive()
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_watch {
    use super::*;
    use crate::loom::thread;

    #[test]
    fn send_races_changed() {
        loom::model(|| {
            let (tx, mut rx) = channel(0);
            let th = thread::spawn(move || tx.send(1).unwrap());
            loom::future::block_on(rx.changed()).unwrap();
            assert_eq!(*rx.borrow(), 1);
            th.join().unwrap();
        });
    }

    #[test]
    fn last_value_before_close() {
        loom::model(|| {
            let (tx, mut rx) = channel(0);
            let th = thread::spawn(move || {
                tx.send(1).unwrap();
                drop(tx);
            });
            let first = loom::future::block_on(rx.changed());
            assert!(first.is_ok());
            assert_eq!(*rx.borrow_and_update(), 1);
            assert!(loom::future::block_on(rx.changed()).is_err());
            th.join().unwrap();
        });
    }
}
