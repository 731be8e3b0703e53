//! Parking a worker: on the shared driver if it is free, on the worker's
//! own condition variable otherwise.
//!
//! A runtime has one driver stack (I/O and timers, or a plain thread
//! parker), and it must be polled whenever every worker sleeps, otherwise
//! I/O readiness and expired timers would go unnoticed. So the driver sits
//! in a slot shared by all the workers, and a worker going to sleep tries to
//! take it:
//!
//! * if the slot is free, the worker parks **on the driver** (in
//!   `epoll_wait` when I/O is enabled) and processes its events when it
//!   wakes up;
//! * if another worker already holds it, the worker parks **on its own
//!   condition variable**, and wakes only when someone unparks it.
//!
//! So exactly one sleeping worker holds the driver at a time, and a worker
//! that is running tasks never does. The driver is also polled without
//! blocking every `event_interval` polls by whichever worker can take the
//! slot ([`Parker::park_timeout`] with a zero duration).
//!
//! # States
//!
//! Each worker's [`Parker`] has a state word with four values:
//!
//! | state            | meaning                                              |
//! |------------------|------------------------------------------------------|
//! | `EMPTY`          | running, no notification stored                      |
//! | `PARKED_CONDVAR` | asleep on the condvar (set with the mutex held)      |
//! | `PARKED_DRIVER`  | asleep in the driver                                 |
//! | `NOTIFIED`       | a notification is stored; the next park returns      |
//!
//! [`Unparker::unpark`] swaps in `NOTIFIED` and then wakes the sleeper the
//! way it sleeps: through the condvar (taking the mutex first, so that the
//! signal cannot fall between the parker's state change and its wait), or
//! through the driver's [`Unpark`] handle. A notification that arrives while
//! the worker runs is kept, and its next park returns at once.

use std::fmt;
use std::time::Duration;

use crate::loom::sync::atomic::AtomicUsize;
use crate::loom::sync::atomic::Ordering::SeqCst;
use crate::loom::sync::{Arc, Condvar, Mutex};
use crate::runtime::driver::{Driver, Unpark};

const EMPTY: usize = 0;
const PARKED_CONDVAR: usize = 1;
const PARKED_DRIVER: usize = 2;
const NOTIFIED: usize = 3;

/// The driver slot shared by every worker of a runtime.
pub(crate) struct SharedDriver {
    /// Held (locked) by the one worker parked on the driver; only ever taken
    /// with `try_lock`, so no worker blocks on it.
    slot: Mutex<DriverSlot>,
    /// Wakes whichever worker is parked on the driver (a std `Arc`, as the
    /// driver seam hands it out).
    unpark: std::sync::Arc<dyn Unpark>,
}

struct DriverSlot {
    driver: Box<dyn Driver>,
    /// `Driver::shutdown` has run; the driver must not be parked again.
    is_shutdown: bool,
}

/// One worker's parker. Not `Clone`: only its worker parks on it.
pub(crate) struct Parker {
    inner: Arc<Inner>,
}

/// Wakes one worker's [`Parker`]; cheap to clone, callable from any thread.
#[derive(Clone)]
pub(crate) struct Unparker {
    inner: Arc<Inner>,
}

struct Inner {
    /// One of `EMPTY`, `PARKED_CONDVAR`, `PARKED_DRIVER`, `NOTIFIED`.
    state: AtomicUsize,
    mutex: Mutex<()>,
    condvar: Condvar,
    shared: Arc<SharedDriver>,
}

impl SharedDriver {
    /// Puts `driver` in the shared slot.
    pub(crate) fn new(driver: Box<dyn Driver>) -> Arc<Self> {
        let unpark = driver.unparker();
        Arc::new(SharedDriver {
            slot: Mutex::new(DriverSlot {
                driver,
                is_shutdown: false,
            }),
            unpark,
        })
    }

    /// Wakes the worker parked on the driver, if any (or makes the driver's
    /// next park return at once).
    pub(crate) fn unpark(&self) {
        self.unpark.unpark();
    }

    /// Shuts the driver down, once. Blocks until the worker parked on it (if
    /// any) has returned, so callers first make sure every worker is awake or
    /// exiting. Returns `false` if it had already been shut down.
    pub(crate) fn shutdown(&self) -> bool {
        self.unpark.unpark();
        let mut slot = self.slot.lock();
        if slot.is_shutdown {
            return false;
        }
        slot.is_shutdown = true;
        slot.driver.shutdown();
        true
    }
}

impl Parker {
    /// A parker for one worker of the runtime whose driver is `shared`.
    pub(crate) fn new(shared: Arc<SharedDriver>) -> Self {
        Parker {
            inner: Arc::new(Inner {
                state: AtomicUsize::new(EMPTY),
                mutex: Mutex::new(()),
                condvar: Condvar::new(),
                shared,
            }),
        }
    }

    /// A handle that wakes this parker.
    pub(crate) fn unparker(&self) -> Unparker {
        Unparker {
            inner: self.inner.clone(),
        }
    }

    /// Sleeps until unparked (or spuriously). Returns at once if a
    /// notification is stored.
    pub(crate) fn park(&mut self) {
        self.inner.park();
    }

    /// Polls the driver without sleeping, if no other worker holds it: lets
    /// a busy worker service I/O and timers every `event_interval` polls.
    pub(crate) fn maintain_driver(&mut self) {
        if let Some(mut slot) = self.inner.shared.slot.try_lock() {
            if !slot.is_shutdown {
                slot.driver.park_timeout(Duration::ZERO);
            }
        }
    }
}

impl Unparker {
    /// Wakes the worker, or makes its next park return at once.
    pub(crate) fn unpark(&self) {
        self.inner.unpark();
    }
}

impl Inner {
    fn park(&self) {
        // Fast path: consume a stored notification.
        if self
            .state
            .compare_exchange(NOTIFIED, EMPTY, SeqCst, SeqCst)
            .is_ok()
        {
            return;
        }
        match self.shared.slot.try_lock() {
            Some(mut slot) if !slot.is_shutdown => self.park_driver(&mut *slot.driver),
            _ => self.park_condvar(),
        }
    }

    fn park_driver(&self, driver: &mut dyn Driver) {
        match self
            .state
            .compare_exchange(EMPTY, PARKED_DRIVER, SeqCst, SeqCst)
        {
            Ok(_) => {}
            Err(NOTIFIED) => {
                // Notified since the fast path.
                self.state.swap(EMPTY, SeqCst);
                return;
            }
            Err(actual) => panic!("inconsistent worker park state: {actual}"),
        }
        // May return spuriously or because of driver events; either way the
        // worker re-checks its queues.
        driver.park();
        match self.state.swap(EMPTY, SeqCst) {
            NOTIFIED | PARKED_DRIVER => {}
            actual => panic!("inconsistent worker park state: {actual}"),
        }
    }

    fn park_condvar(&self) {
        let mut guard = self.mutex.lock();
        match self
            .state
            .compare_exchange(EMPTY, PARKED_CONDVAR, SeqCst, SeqCst)
        {
            Ok(_) => {}
            Err(NOTIFIED) => {
                self.state.swap(EMPTY, SeqCst);
                return;
            }
            Err(actual) => panic!("inconsistent worker park state: {actual}"),
        }
        loop {
            guard = self.condvar.wait(guard);
            if self
                .state
                .compare_exchange(NOTIFIED, EMPTY, SeqCst, SeqCst)
                .is_ok()
            {
                return;
            }
            // Spurious wake-up: wait again.
        }
    }

    fn unpark(&self) {
        match self.state.swap(NOTIFIED, SeqCst) {
            EMPTY | NOTIFIED => {}
            PARKED_CONDVAR => {
                // Taking the mutex orders us after the parker's switch to
                // PARKED_CONDVAR and before its wait: it cannot miss this.
                drop(self.mutex.lock());
                self.condvar.notify_one();
            }
            PARKED_DRIVER => self.shared.unpark(),
            actual => panic!("inconsistent worker park state: {actual}"),
        }
    }
}

impl fmt::Debug for SharedDriver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedDriver").finish_non_exhaustive()
    }
}

impl fmt::Debug for Parker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parker")
            .field("state", &self.inner.state.load(SeqCst))
            .finish()
    }
}

impl fmt::Debug for Unparker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unparker").finish_non_exhaustive()
    }
}
