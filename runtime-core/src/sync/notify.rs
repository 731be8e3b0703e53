//! [`Notify`]: wake one task, the last task, or every waiting task, with
//! one stored permit for a `notify_one` that nobody was waiting for.
//!
//! # Design
//!
//! One mutex guards the waiter list, the stored permit, and a counter of
//! `notify_waiters` calls. A [`Notified`] future reads the counter when it is
//! created: if the counter has moved by the time the future is polled, a
//! `notify_waiters` happened after its creation and it completes. That is
//! what lets `notified()` be created before checking a condition and awaited
//! after, without losing a `notify_waiters` in between.
//!
//! A future that was picked by `notify_one` but dropped before it saw the
//! notification passes it on (to the next waiter, or back into the stored
//! permit), so a notification is never lost to cancellation.

use std::fmt;
use std::future::Future;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

// `notified_owned` takes the `std::sync::Arc` users hold.
use std::sync::Arc;

use crate::loom::sync::Mutex;
use crate::loom::sync::atomic::{AtomicUsize, Ordering};
use crate::sync::wait_list::{Key, WaitList, WakeList};

/// How a waiter was notified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notification {
    None,
    /// By `notify_one` (`front == true`) or `notify_last`: must be passed
    /// on, the same way, if unobserved.
    One {
        front: bool,
    },
    /// By `notify_waiters`.
    All,
}

#[derive(Debug)]
struct State {
    waiters: WaitList<Notification>,
    permit: bool,
}

/// Notifies a single task, or all waiting tasks, of an event.
///
/// A `Notify` holds at most one *permit*: [`notify_one`](Notify::notify_one)
/// called while no task waits stores it, and the next
/// [`notified()`](Notify::notified) completes at once by consuming it.
/// [`notify_waiters`](Notify::notify_waiters) wakes every task waiting at
/// the time of the call and stores nothing.
///
/// # Examples
///
/// ```
/// use runtime_core::sync::Notify;
///
/// # futures::executor::block_on(async {
/// let notify = Notify::new();
/// notify.notify_one(); // nobody waits: a permit is stored
/// notify.notified().await; // completes at once
/// # });
/// ```
pub struct Notify {
    state: Mutex<State>,
    /// The number of `notify_waiters` calls so far.
    waiters_calls: AtomicUsize,
}

/// The state of one wait, shared by [`Notified`] and [`OwnedNotified`].
#[derive(Debug)]
struct Waiter {
    calls_at_creation: usize,
    key: Option<Key>,
    done: bool,
}

pin_project_lite::pin_project! {
    /// The future returned by [`Notify::notified`].
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct Notified<'a> {
        notify: &'a Notify,
        waiter: Waiter,
        #[pin]
        _pin: PhantomPinned,
    }

    impl PinnedDrop for Notified<'_> {
        fn drop(this: Pin<&mut Self>) {
            let this = this.project();
            this.notify.cancel(this.waiter);
        }
    }
}

pin_project_lite::pin_project! {
    /// The future returned by [`Notify::notified_owned`]: as [`Notified`],
    /// but holding an `Arc` of the `Notify`, so it can be moved into a task.
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct OwnedNotified {
        notify: Arc<Notify>,
        waiter: Waiter,
        #[pin]
        _pin: PhantomPinned,
    }

    impl PinnedDrop for OwnedNotified {
        fn drop(this: Pin<&mut Self>) {
            let this = this.project();
            this.notify.cancel(this.waiter);
        }
    }
}

impl Notify {
    /// Creates a `Notify` with no stored permit.
    pub fn new() -> Self {
        Notify {
            state: Mutex::new(State {
                waiters: WaitList::new(),
                permit: false,
            }),
            waiters_calls: AtomicUsize::new(0),
        }
    }

    /// Creates a `Notify` in a `const` context, for a `static`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::Notify;
    ///
    /// static NOTIFY: Notify = Notify::const_new();
    /// NOTIFY.notify_one();
    /// ```
    #[cfg(not(runtime_loom))]
    pub const fn const_new() -> Self {
        Notify {
            state: Mutex::new(State {
                waiters: WaitList::new(),
                permit: false,
            }),
            waiters_calls: AtomicUsize::new(0),
        }
    }

    /// Returns a future that completes when this `Notify` is notified.
    ///
    /// The future is registered for `notify_waiters` as soon as it is
    /// created, and for `notify_one` once it is first polled or
    /// [`enable`](Notified::enable)d.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: dropping a future that was chosen by `notify_one` passes
    /// the notification on.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::Arc;
    /// use runtime_core::sync::Notify;
    ///
    /// # futures::executor::block_on(async {
    /// let notify = Arc::new(Notify::new());
    /// let n2 = notify.clone();
    /// let waiter = async move { n2.notified().await; "woken" };
    /// notify.notify_one();
    /// assert_eq!(waiter.await, "woken");
    /// # });
    /// ```
    pub fn notified(&self) -> Notified<'_> {
        Notified {
            notify: self,
            waiter: self.new_waiter(),
            _pin: PhantomPinned,
        }
    }

    /// As [`notified`](Self::notified), for a shared `Notify`: the future
    /// owns an `Arc` of it.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::Arc;
    /// use runtime_core::sync::Notify;
    ///
    /// # futures::executor::block_on(async {
    /// let notify = Arc::new(Notify::new());
    /// let notified = notify.clone().notified_owned();
    /// notify.notify_waiters();
    /// notified.await;
    /// # });
    /// ```
    pub fn notified_owned(self: Arc<Self>) -> OwnedNotified {
        OwnedNotified {
            waiter: self.new_waiter(),
            notify: self,
            _pin: PhantomPinned,
        }
    }

    fn new_waiter(&self) -> Waiter {
        Waiter {
            calls_at_creation: self.waiters_calls.load(Ordering::SeqCst),
            key: None,
            done: false,
        }
    }

    /// Wakes the task that has waited longest, or stores a permit if none
    /// waits (at most one permit is stored).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::Notify;
    ///
    /// # futures::executor::block_on(async {
    /// let notify = Notify::new();
    /// notify.notify_one();
    /// notify.notify_one(); // still one permit
    /// notify.notified().await;
    /// # });
    /// ```
    pub fn notify_one(&self) {
        self.notify_one_from(true);
    }

    /// Wakes the task that started waiting most recently, or stores a permit
    /// if none waits.
    pub fn notify_last(&self) {
        self.notify_one_from(false);
    }

    fn notify_one_from(&self, front: bool) {
        let mut state = self.state.lock();
        let waker = Self::notify_locked(&mut state, front);
        drop(state);
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    fn notify_locked(state: &mut State, front: bool) -> Option<Waker> {
        let key = if front {
            state.waiters.pop_front()
        } else {
            state.waiters.pop_back()
        };
        match key {
            Some(key) => {
                *state.waiters.get_mut(key) = Notification::One { front };
                state.waiters.take_waker(key)
            }
            None => {
                state.permit = true;
                None
            }
        }
    }

    /// Wakes every task waiting right now (including `Notified` futures
    /// created but not yet polled). Stores no permit.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::Notify;
    ///
    /// # futures::executor::block_on(async {
    /// let notify = Notify::new();
    /// let a = notify.notified();
    /// let b = notify.notified();
    /// notify.notify_waiters();
    /// a.await;
    /// b.await;
    /// # });
    /// ```
    pub fn notify_waiters(&self) {
        let mut state = self.state.lock();
        self.waiters_calls.fetch_add(1, Ordering::SeqCst);
        let mut wake = WakeList::new();
        while let Some(key) = state.waiters.pop_front() {
            *state.waiters.get_mut(key) = Notification::All;
            wake.push(state.waiters.take_waker(key));
        }
        drop(state);
        wake.wake_all();
    }

    fn cancel(&self, waiter: &mut Waiter) {
        let Some(key) = waiter.key.take() else {
            return;
        };
        let mut state = self.state.lock();
        let (notification, stale_waker) = state.waiters.remove(key);
        let waker = match notification {
            Notification::One { front } => Self::notify_locked(&mut state, front),
            _ => None,
        };
        drop(state);
        drop(stale_waker);
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl Default for Notify {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Notify {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Notify").finish_non_exhaustive()
    }
}

impl Notified<'_> {
    /// Registers this future for `notify_one` without polling it; returns
    /// `true` if it is already notified (then awaiting it completes at once).
    ///
    /// Use it to avoid missing a `notify_one` between checking a condition
    /// and awaiting.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::pin::pin;
    /// use runtime_core::sync::Notify;
    ///
    /// # futures::executor::block_on(async {
    /// let notify = Notify::new();
    /// let mut notified = pin!(notify.notified());
    /// assert!(!notified.as_mut().enable());
    /// notify.notify_one(); // goes to the enabled future, not the permit
    /// notified.await;
    /// # });
    /// ```
    pub fn enable(self: Pin<&mut Self>) -> bool {
        self.poll_notified(None).is_ready()
    }

    fn poll_notified(self: Pin<&mut Self>, waker: Option<&Waker>) -> Poll<()> {
        let this = self.project();
        this.notify.poll_waiter(this.waiter, waker)
    }
}

impl OwnedNotified {
    /// Registers this future for `notify_one` without polling it; see
    /// [`Notified::enable`].
    pub fn enable(self: Pin<&mut Self>) -> bool {
        let this = self.project();
        this.notify.poll_waiter(this.waiter, None).is_ready()
    }
}

impl Future for OwnedNotified {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.project();
        this.notify.poll_waiter(this.waiter, Some(cx.waker()))
    }
}

impl fmt::Debug for OwnedNotified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedNotified").finish_non_exhaustive()
    }
}

impl Notify {
    fn poll_waiter(&self, waiter: &mut Waiter, waker: Option<&Waker>) -> Poll<()> {
        if waiter.done {
            return Poll::Ready(());
        }
        // Declared before the guard, so dropped after it is released: a
        // waker's drop may re-enter the `Notify`.
        let _stale_waker;
        let mut state = self.state.lock();
        match waiter.key {
            None => {
                if self.waiters_calls.load(Ordering::SeqCst) != waiter.calls_at_creation {
                    waiter.done = true;
                    return Poll::Ready(());
                }
                if state.permit {
                    state.permit = false;
                    waiter.done = true;
                    return Poll::Ready(());
                }
                waiter.key = Some(state.waiters.push_back(Notification::None, waker.cloned()));
                Poll::Pending
            }
            Some(key) => {
                if *state.waiters.get(key) != Notification::None {
                    _stale_waker = state.waiters.remove(key).1;
                    waiter.key = None;
                    waiter.done = true;
                    return Poll::Ready(());
                }
                _stale_waker = waker.and_then(|waker| state.waiters.set_waker(key, waker));
                Poll::Pending
            }
        }
    }
}

impl Future for Notified<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.poll_notified(Some(cx.waker()))
    }
}

impl fmt::Debug for Notified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Notified").finish_non_exhaustive()
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_notify {
    use super::*;
    use crate::loom::sync::Arc;
    use crate::loom::thread;

    #[test]
    fn notify_one_before_or_during_wait() {
        loom::model(|| {
            let notify = Arc::new(Notify::new());
            let n2 = notify.clone();
            let th = thread::spawn(move || n2.notify_one());
            loom::future::block_on(notify.notified());
            th.join().unwrap();
        });
    }

    #[test]
    fn notify_waiters_after_creation_is_seen() {
        loom::model(|| {
            let notify = Arc::new(Notify::new());
            let notified = notify.notified();
            let n2 = notify.clone();
            let th = thread::spawn(move || n2.notify_waiters());
            loom::future::block_on(notified);
            th.join().unwrap();
        });
    }

    #[test]
    fn dropped_notified_forwards_permit() {
        loom::model(|| {
            let notify = Arc::new(Notify::new());
            let mut first = Box::pin(notify.notified());
            assert!(!first.as_mut().enable());
            let n2 = notify.clone();
            let th = thread::spawn(move || n2.notify_one());
            // Dropped before or after it was chosen by `notify_one`.
            drop(first);
            th.join().unwrap();
            // The notification is still there for the next waiter.
            assert!(Box::pin(notify.notified()).as_mut().enable());
        });
    }
}
