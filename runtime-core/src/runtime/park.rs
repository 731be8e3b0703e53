//! The plain thread parker: the base [`Driver`] when no I/O driver is
//! installed.
//!
//! A three-state word (`EMPTY`, `PARKED`, `NOTIFIED`) plus a mutex/condvar
//! pair. `unpark` sets `NOTIFIED`; if the parker was `PARKED` it also takes
//! the lock and signals, so the notification cannot slip in between the
//! parker's check and its wait (the lock orders the two).

use std::time::Duration;

use crate::loom::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;

use crate::loom::sync::{Condvar, Mutex};
use crate::runtime::driver::{Driver, Unpark};

const EMPTY: usize = 0;
const PARKED: usize = 1;
const NOTIFIED: usize = 2;

/// A [`Driver`] that only parks the thread: what a runtime without I/O
/// parks on, and what the time driver wraps when I/O is off.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_core::runtime::driver::{Driver, ParkThread};
///
/// let mut parker = ParkThread::new();
/// let unparker = parker.unparker();
/// unparker.unpark();
/// parker.park(); // returns at once: the notification was stored
/// parker.park_timeout(Duration::from_millis(1)); // times out
/// ```
#[derive(Debug)]
pub struct ParkThread {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    state: AtomicUsize,
    lock: Mutex<()>,
    condvar: Condvar,
}

impl ParkThread {
    /// Creates a parker with no stored notification.
    pub fn new() -> Self {
        ParkThread {
            inner: Arc::new(Inner {
                state: AtomicUsize::new(EMPTY),
                lock: Mutex::new(()),
                condvar: Condvar::new(),
            }),
        }
    }
}

impl Default for ParkThread {
    fn default() -> Self {
        Self::new()
    }
}

impl Inner {
    fn park(&self, timeout: Option<Duration>) {
        // Fast path: a notification is already stored.
        if self
            .state
            .compare_exchange(NOTIFIED, EMPTY, SeqCst, SeqCst)
            .is_ok()
        {
            return;
        }
        if timeout == Some(Duration::ZERO) {
            return;
        }

        let mut guard = self.lock.lock();
        match self.state.compare_exchange(EMPTY, PARKED, SeqCst, SeqCst) {
            Ok(_) => {}
            Err(NOTIFIED) => {
                // Notified between the fast path and taking the lock.
                self.state.swap(EMPTY, SeqCst);
                return;
            }
            Err(actual) => panic!("inconsistent park state: {actual}"),
        }

        match timeout {
            None => loop {
                guard = self.condvar.wait(guard);
                if self
                    .state
                    .compare_exchange(NOTIFIED, EMPTY, SeqCst, SeqCst)
                    .is_ok()
                {
                    return;
                }
                // Spurious wake-up: wait again.
            },
            Some(duration) => {
                let (_guard, _) = self.condvar.wait_timeout(guard, duration);
                // Timed out or notified: either way we are no longer parked.
                // A notification that raced the timeout is consumed here; the
                // caller re-checks its queues after every park.
                self.state.swap(EMPTY, SeqCst);
            }
        }
    }

    fn unpark(&self) {
        match self.state.swap(NOTIFIED, SeqCst) {
            EMPTY | NOTIFIED => {}
            PARKED => {
                // Taking the lock orders us after the parker's transition to
                // PARKED and before (or during) its wait: it cannot miss the
                // signal.
                drop(self.lock.lock());
                self.condvar.notify_one();
            }
            actual => panic!("inconsistent park state: {actual}"),
        }
    }
}

impl Unpark for Inner {
    fn unpark(&self) {
        Inner::unpark(self)
    }
}

impl Driver for ParkThread {
    fn park(&mut self) {
        self.inner.park(None)
    }

    fn park_timeout(&mut self, duration: Duration) {
        self.inner.park(Some(duration))
    }

    fn unparker(&self) -> Arc<dyn Unpark> {
        self.inner.clone()
    }

    fn shutdown(&mut self) {
        // Nothing is registered with a plain parker; wake a parked thread so
        // it can observe the shutdown.
        self.inner.unpark();
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_tests {
    use super::*;

    #[test]
    fn unpark_before_or_during_park_is_never_lost() {
        crate::loom::model(|| {
            let mut parker = ParkThread::new();
            let unparker = parker.unparker();
            let th = crate::loom::thread::spawn(move || unparker.unpark());
            // Must return: the notification is either stored or signalled.
            parker.park();
            th.join().unwrap();
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_notification_is_consumed_once() {
        let mut parker = ParkThread::new();
        parker.unparker().unpark();
        parker.park();
        assert_eq!(parker.inner.state.load(SeqCst), EMPTY);
    }

    #[test]
    fn unpark_from_other_thread_wakes_park() {
        let mut parker = ParkThread::new();
        let unparker = parker.unparker();
        let th = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(10));
            unparker.unpark();
        });
        parker.park();
        th.join().unwrap();
        assert_eq!(parker.inner.state.load(SeqCst), EMPTY);
    }
}
